package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"frontdoor/console"
	"frontdoor/handoff"
	"frontdoor/store"
)

const operatorsUsage = `usage:
  frontdoor operators add NAME --languages ar,fr --areas legal,work [--capacity N] [--admin] [--roles outreach,coordinator,staff,editor] [--console-lang it]
      creates an account, or updates one: only the flags given change (--admin=false
      takes admin away, --areas "" leaves general cases only); the password is asked
      on the terminal or read from the first line of standard input
      (echo "$PW" | frontdoor operators add ...); none keeps an account's password
  frontdoor operators list
  frontdoor operators remove NAME      (their open cases go back to the queue; their
                                       API token and console sessions stop working)
  frontdoor operators token NAME       (prints a new API token; the old one stops working)
every subcommand takes --config PATH, like serve`

// operatorsCmd is one run of "frontdoor operators VERB": the account it
// names, the flags given, and the queue the accounts live in.
type operatorsCmd struct {
	verb, name     string
	fs             *flag.FlagSet
	flags          operatorFlags
	q              *handoff.Queue
	stdin          io.Reader
	stdout, stderr io.Writer
}

// operatorFlags are the settings of an account that add may change.
type operatorFlags struct {
	languages, areas, roles, consoleLang string
	capacity                             int
	admin                                bool
}

// operatorVerb is the subcommand verb of "frontdoor operators"; named
// says whether it needs an account's NAME.
func operatorVerb(verb string) (run func(*operatorsCmd, context.Context) error, named, ok bool) {
	switch verb {
	case "add":
		return (*operatorsCmd).add, true, true
	case "list":
		return (*operatorsCmd).list, false, true
	case "remove":
		return (*operatorsCmd).remove, true, true
	case "token":
		return (*operatorsCmd).token, true, true
	}
	return nil, false, false
}

// operatorsCommand manages operator accounts in the Redis serve uses.
func operatorsCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, operatorsUsage)
		return errors.New("operators: missing subcommand")
	}
	c := &operatorsCmd{verb: args[0], stdin: stdin, stdout: stdout, stderr: stderr}
	run, named, ok := operatorVerb(c.verb)
	if !ok {
		fmt.Fprintln(stderr, operatorsUsage)
		return fmt.Errorf("operators: unknown subcommand %q", c.verb)
	}
	c.fs = flag.NewFlagSet("operators "+c.verb, flag.ContinueOnError)
	c.fs.SetOutput(stderr)
	configPath := c.fs.String("config", "", "configuration file (default: ./config.yaml when it exists)")
	c.fs.StringVar(&c.flags.languages, "languages", "", "languages the operator speaks, comma-separated codes as in locales/ (ar,fr,ti...) or *")
	c.fs.StringVar(&c.flags.areas, "areas", "", "areas the operator handles, comma-separated (legal,work,health,education,welfare or *)")
	c.fs.IntVar(&c.flags.capacity, "capacity", 3, "cases the operator can have open at once")
	c.fs.BoolVar(&c.flags.admin, "admin", false, "the operator can read the audit log and act on any case")
	c.fs.StringVar(&c.flags.roles, "roles", "", "further pages the account may use, comma-separated: "+strings.Join(console.Roles(), ","))
	c.fs.StringVar(&c.flags.consoleLang, "console-lang", "", "the language of the console for this operator (a language code; empty: their browser's)")
	// The name may come before or after the flags.
	rest := args[1:]
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		c.name, rest = rest[0], rest[1:]
	}
	if err := c.fs.Parse(rest); err != nil {
		return err
	}
	if c.name == "" && c.fs.NArg() > 0 {
		c.name = c.fs.Arg(0)
	}
	switch {
	case named && c.name == "":
		fmt.Fprintln(stderr, operatorsUsage)
		return fmt.Errorf("operators %s: missing NAME", c.verb)
	case !named && c.name != "":
		return noArgs("operators "+c.verb, []string{c.name})
	}
	cfg, err := readConfig(*configPath, getenv)
	if err != nil {
		return err
	}
	db, err := openConfiguredRedis(ctx, cfg, "operators", "accounts in the embedded Redis would vanish when this command ends")
	if err != nil {
		return err
	}
	defer db.Close()
	// With the handoff section, so that the desk's own areas are known,
	// and the catalogue's languages, which serve's console accepts.
	cat, err := loadCatalog(cfg)
	if err != nil {
		return err
	}
	c.q = handoff.NewQueueConfig(db.Client, store.NewKeys(cfg.Redis.Prefix), cfg.Handoff, replicaWait(cfg.Dispatcher.ReplicaWait), cat.Tags())
	ctx, uncopied := console.WatchCopies(ctx)
	if err := run(c, ctx); err != nil {
		return err
	}
	if uncopied() {
		// Done on the master: a failover before its replica catches up
		// would undo it, and nothing would say so.
		fmt.Fprintln(c.stderr, "done, but not yet copied to a Redis replica: after a failover, check with 'frontdoor operators list'")
	}
	return nil
}

// add creates an account or changes the settings given as flags.
func (c *operatorsCmd) add(ctx context.Context) error {
	op, err := c.q.Operator(ctx, c.name)
	exists := err == nil
	switch {
	case errors.Is(err, handoff.ErrNoOperator):
		if c.flags.languages == "" {
			return errors.New("operators add: --languages is required for a new operator, e.g. --languages ar,fr")
		}
		op = handoff.Operator{Name: c.name, Capacity: c.flags.capacity}
	case err != nil:
		return fmt.Errorf("operators add: %w", err)
	}
	// Flags not given keep the account's settings (or the defaults, for
	// a new one): re-running add to change one thing changes only it.
	c.fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "languages":
			op.Languages = splitComma(c.flags.languages)
		case "areas":
			op.Areas = splitComma(c.flags.areas)
		case "capacity":
			op.Capacity = c.flags.capacity
		case "admin":
			op.Admin = c.flags.admin
		case "roles":
			op.Roles = splitComma(c.flags.roles)
		case "console-lang":
			op.Lang = strings.TrimSpace(c.flags.consoleLang)
		}
	})
	for _, r := range op.Roles {
		if !slices.Contains(console.Roles(), r) {
			return fmt.Errorf("operators add: --roles: %q is not one of %s", r, strings.Join(console.Roles(), ", "))
		}
	}
	pw, err := readPassword(c.stdin, c.stderr)
	if errors.Is(err, errNoPassword) && exists {
		pw, err = "", nil // keeps the password
	}
	if err != nil {
		return err
	}
	if err := c.q.SaveOperator(ctx, op, pw); err != nil {
		return fmt.Errorf("operators add: %w", err)
	}
	var extra string
	if op.Admin {
		extra += ", admin"
	}
	if len(op.Roles) > 0 {
		extra += ", roles " + strings.Join(op.Roles, ",")
	}
	fmt.Fprintf(c.stdout, "operator %s saved: languages %s, areas %s, capacity %d%s\n", c.name,
		strings.Join(op.Languages, ","), orAll(strings.Join(op.Areas, ",")), op.Capacity, extra)
	return nil
}

// list prints every account, one a line.
func (c *operatorsCmd) list(ctx context.Context) error {
	ops, err := c.q.Operators(ctx)
	if err != nil {
		return fmt.Errorf("operators list: %w", err)
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tLANGUAGES\tAREAS\tOPEN/CAPACITY\tADMIN\tROLES\tCONSOLE")
	for _, o := range ops {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d/%d\t%v\t%s\t%s\n", o.Name, strings.Join(o.Languages, ","), orAll(strings.Join(o.Areas, ",")), o.Open, o.Capacity, o.Admin,
			orNone(strings.Join(o.Roles, ",")), orBrowser(o.Lang))
	}
	return tw.Flush()
}

// remove deletes an account; its open cases go back to the queue.
func (c *operatorsCmd) remove(ctx context.Context) error {
	if err := c.q.RemoveOperator(ctx, c.name); err != nil {
		return fmt.Errorf("operators remove %s: %w", c.name, err)
	}
	fmt.Fprintf(c.stdout, "operator %s removed\n", c.name)
	return nil
}

// token prints a new API token for an account; the old one stops working.
func (c *operatorsCmd) token(ctx context.Context) error {
	tok, err := c.q.NewToken(ctx, c.name)
	if err != nil {
		return fmt.Errorf("operators token %s: %w", c.name, err)
	}
	fmt.Fprintln(c.stdout, tok)
	return nil
}

func splitComma(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func orAll(areas string) string {
	if areas == "" {
		return "(general cases only)"
	}
	return areas
}

var errNoPassword = errors.New("no password on standard input")

// readPassword asks twice on a terminal without echo, or reads the first
// line of a pipe.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		fmt.Fprint(stderr, "Again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if string(a) != string(b) {
			return "", errors.New("the passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password from standard input: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", errNoPassword
	}
	return pw, nil
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// orBrowser names the console language of an account that chose none.
func orBrowser(lang string) string {
	if lang == "" {
		return "browser"
	}
	return lang
}
