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

// operatorsCommand manages operator accounts in the Redis serve uses.
func operatorsCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, operatorsUsage)
		return errors.New("operators: missing subcommand")
	}
	sub, rest := args[0], args[1:]
	fs := flag.NewFlagSet("operators "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "configuration file (default: ./config.yaml when it exists)")
	languages := fs.String("languages", "", "languages the operator speaks, comma-separated codes (it,en,fr,es,ar,uk,sq,bn,ur,zh or *)")
	areas := fs.String("areas", "", "areas the operator handles, comma-separated (legal,work,health,education,welfare or *)")
	capacity := fs.Int("capacity", 3, "cases the operator can have open at once")
	admin := fs.Bool("admin", false, "the operator can read the audit log and act on any case")
	roles := fs.String("roles", "", "further pages the account may use, comma-separated: "+strings.Join(console.Roles(), ","))
	consoleLang := fs.String("console-lang", "", "the language of the console for this operator (a language code; empty: their browser's)")
	// The name may come before or after the flags.
	var name string
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		name, rest = rest[0], rest[1:]
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
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
	// With the handoff section, so that the desk's own areas are known.
	q := handoff.NewQueueConfig(db.Client, store.NewKeys(cfg.Redis.Prefix), cfg.Handoff)

	needName := func() error {
		if name == "" {
			fmt.Fprintln(stderr, operatorsUsage)
			return fmt.Errorf("operators %s: missing NAME", sub)
		}
		return nil
	}
	switch sub {
	case "add":
		if err := needName(); err != nil {
			return err
		}
		op, err := q.Operator(ctx, name)
		exists := err == nil
		switch {
		case errors.Is(err, handoff.ErrNoOperator):
			if *languages == "" {
				return errors.New("operators add: --languages is required for a new operator, e.g. --languages ar,fr")
			}
			op = handoff.Operator{Name: name}
		case err != nil:
			return fmt.Errorf("operators add: %w", err)
		}
		// Flags not given keep the account's settings (or the defaults, for
		// a new one): re-running add to change one thing changes only it.
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "languages":
				op.Languages = splitComma(*languages)
			case "areas":
				op.Areas = splitComma(*areas)
			case "capacity":
				op.Capacity = *capacity
			case "admin":
				op.Admin = *admin
			case "roles":
				op.Roles = splitComma(*roles)
			case "console-lang":
				op.Lang = strings.TrimSpace(*consoleLang)
			}
		})
		if !exists {
			op.Capacity = *capacity
		}
		for _, r := range op.Roles {
			if !slices.Contains(console.Roles(), r) {
				return fmt.Errorf("operators add: --roles: %q is not one of %s", r, strings.Join(console.Roles(), ", "))
			}
		}
		pw, err := readPassword(stdin, stderr)
		if errors.Is(err, errNoPassword) && exists {
			pw, err = "", nil // keeps the password
		}
		if err != nil {
			return err
		}
		if err := q.SaveOperator(ctx, op, pw); err != nil {
			return fmt.Errorf("operators add: %w", err)
		}
		fmt.Fprintf(stdout, "operator %s saved: languages %s, areas %s, capacity %d%s%s\n", name, strings.Join(op.Languages, ","),
			orAll(strings.Join(op.Areas, ",")), op.Capacity, map[bool]string{true: ", admin"}[op.Admin],
			map[bool]string{true: ", roles " + strings.Join(op.Roles, ",")}[len(op.Roles) > 0])
	case "list":
		ops, err := q.Operators(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tLANGUAGES\tAREAS\tOPEN/CAPACITY\tADMIN\tROLES\tCONSOLE")
		for _, o := range ops {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d/%d\t%v\t%s\t%s\n", o.Name, strings.Join(o.Languages, ","), orAll(strings.Join(o.Areas, ",")), o.Open, o.Capacity, o.Admin,
				orNone(strings.Join(o.Roles, ",")), orBrowser(o.Lang))
		}
		tw.Flush()
	case "remove":
		if err := needName(); err != nil {
			return err
		}
		if err := q.RemoveOperator(ctx, name); err != nil {
			return fmt.Errorf("operators remove %s: %w", name, err)
		}
		fmt.Fprintf(stdout, "operator %s removed\n", name)
	case "token":
		if err := needName(); err != nil {
			return err
		}
		tok, err := q.NewToken(ctx, name)
		if err != nil {
			return fmt.Errorf("operators token %s: %w", name, err)
		}
		fmt.Fprintln(stdout, tok)
	default:
		fmt.Fprintln(stderr, operatorsUsage)
		return fmt.Errorf("operators: unknown subcommand %q", sub)
	}
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
