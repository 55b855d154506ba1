// Command frontdoor is the Frontdoor chat-bot for migrant help desks.
//
//	frontdoor serve              run the bot (browser chat, Telegram, ...)
//	frontdoor triage             what Frontdoor understands of each line of input
//	frontdoor flows check|graph  check the flow definitions, or draw them
//	frontdoor operators ...      operators' accounts (add, list, remove, token)
//	frontdoor stats export       the anonymous statistics, as CSV or JSON
//	frontdoor broadcast ...      outreach campaigns to people who opted in
//	frontdoor locales check      check every message renders in every language
//	frontdoor locales export     what a translator should fill or review, as CSV
//	frontdoor locales import     a translator's filled CSV back into its catalogue
//	frontdoor whatsapp link      link the desk's WhatsApp number (QR or pairing code)
//	frontdoor migrate            move Redis keys of an earlier layout (serve does it at start)
//	frontdoor bench ...          benchmarks, in a binary built with -tags bench
//	frontdoor version            print the version
//
// The commands are a table (commands), one function each; this package
// only reads the configuration and wires the packages that do the work.
//
// Every command takes --help, which prints its usage and flags and exits 0
// without touching Redis.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

const usage = `Frontdoor: a chat-bot front door for migrant help desks.

Usage:
  frontdoor serve [--config config.yaml]     run Frontdoor
  frontdoor triage [--json] | --eval FILE    what Frontdoor understands of each line of input
  frontdoor flows check                      check the conversation flows
  frontdoor flows graph                      print the flows as a Mermaid diagram
  frontdoor operators add|list|remove|token  manage operators' accounts
  frontdoor stats export --from D --to D     export the anonymous statistics (csv or json)
  frontdoor broadcast create|send|status ... outreach campaigns (see frontdoor broadcast)
  frontdoor locales check                    check every message in every language
  frontdoor locales export --lang ti         what is unreviewed in a language, as CSV
  frontdoor locales import FILE              a translator's filled CSV into its catalogue
  frontdoor whatsapp link [--phone +39...]   link the desk's WhatsApp number
  frontdoor migrate                          move Redis keys of an earlier layout (serve does it at start)
  frontdoor bench NAME [flags]               benchmarks, built with -tags bench (frontdoor bench --help)
  frontdoor version                          print the version

Run "frontdoor <command> --help" for the flags of a command.
`

// helpText is the help of a command that has no flags of its own, or of a
// command group (the others print their flags): "frontdoor <command>
// --help".
func helpText(cmd string) (string, bool) {
	text, ok := map[string]string{
		"operators": operatorsUsage,
		"stats":     statsUsage,
		"broadcast": broadcastUsage,
		"whatsapp":  whatsappUsage,
		"flows": `Usage:
  frontdoor flows check    check the conversation flows against the catalogues
  frontdoor flows graph    print the flows as a Mermaid diagram
`,
		"flows check": `Usage: frontdoor flows check

Checks that every screen of the conversation flows is reachable, every choice
leads somewhere and every message exists in every language. Exits 1 on a
problem.
`,
		"flows graph": `Usage: frontdoor flows graph

Prints the conversation flows as a Mermaid diagram (flowchart) on standard
output.
`,
		"locales": `Usage:
  frontdoor locales check                check every message in every language
  frontdoor locales export --lang LANG   what is unreviewed in a language, as CSV
  frontdoor locales import FILE          a translator's filled CSV into its catalogue
`,
		"locales check": `Usage: frontdoor locales check

Renders every message of the catalogues (locales/*.toml) in every language
with its test data and reports what is missing or does not render. Exits 1
on a problem.
`,
		"bench": benchHelp,
		"version": `Usage: frontdoor version

Prints the version of Frontdoor and of Go it was built with.
`,
	}[cmd]
	return text, ok
}

// isHelp reports whether a command-line argument asks for help.
func isHelp(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

// errStray is a command-line argument a command does not take.
var errStray = errors.New("unexpected argument")

// noArgs refuses arguments after a command that takes none.
func noArgs(cmd string, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("%s: %w %q (see frontdoor %s --help)", cmd, errStray, args[0], cmd)
	}
	return nil
}

// version is the module version stamped by go build (or "devel" with the
// VCS revision when built from a checkout).
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "frontdoor (unknown version)"
	}
	v := info.Main.Version
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if (v == "" || v == "(devel)") && rev != "" {
		v = "devel " + rev[:min(12, len(rev))] + modified
	}
	if v == "" {
		v = "(devel)"
	}
	return "frontdoor " + v + " " + info.GoVersion
}

// cli is what a command reads and writes besides its arguments.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// command finds the command args name ("serve", "flows check"...), and the
// arguments after its words.
func command(args []string) (func(context.Context, cli, []string) error, []string, bool) {
	if len(args) > 1 {
		if f, ok := commandOf(args[0] + " " + args[1]); ok {
			return f, args[2:], true
		}
	}
	f, ok := commandOf(args[0])
	return f, args[1:], ok
}

// commandOf finds a command of the table by name.
func commandOf(name string) (func(context.Context, cli, []string) error, bool) {
	f, ok := commands()[name]
	return f, ok
}

// commands is the table of commands, by name ("serve", "flows check"): one
// function each, which reads its own flags.
func commands() map[string]func(context.Context, cli, []string) error {
	// none wraps a command that takes no arguments.
	none := func(name string, f func(io.Writer) error) func(context.Context, cli, []string) error {
		return func(_ context.Context, c cli, args []string) error {
			if err := noArgs(name, args); err != nil {
				return err
			}
			return f(c.stdout)
		}
	}
	return map[string]func(context.Context, cli, []string) error{
		"version": none("version", func(w io.Writer) error { _, err := fmt.Fprintln(w, version()); return err }),
		"serve": func(ctx context.Context, c cli, args []string) error {
			return serve(ctx, args, c.stderr, c.getenv)
		},
		"flows check": none("flows check", flowsCheck),
		"flows graph": none("flows graph", flowsGraph),
		"triage": func(ctx context.Context, c cli, args []string) error {
			return triageCommand(ctx, args, c.stdin, c.stdout, c.stderr)
		},
		"stats": func(ctx context.Context, c cli, args []string) error {
			return statsCommand(ctx, args, c.stdout, c.stderr, c.getenv)
		},
		"broadcast": func(ctx context.Context, c cli, args []string) error {
			return broadcastCommand(ctx, args, c.stdout, c.stderr, c.getenv)
		},
		"operators": func(ctx context.Context, c cli, args []string) error {
			return operatorsCommand(ctx, args, c.stdin, c.stdout, c.stderr, c.getenv)
		},
		"locales check": none("locales check", localesCheck),
		"locales export": func(_ context.Context, c cli, args []string) error {
			return localesExport(args, c.stdout, c.stderr)
		},
		"locales import": func(_ context.Context, c cli, args []string) error {
			return localesImport(args, c.stdout, c.stderr, time.Now())
		},
		"whatsapp": func(ctx context.Context, c cli, args []string) error {
			return whatsappCommand(ctx, args, c.stdout, c.stderr, c.getenv)
		},
		"bench": func(ctx context.Context, c cli, args []string) error {
			return benchCommand(ctx, args, c.stdout, c.getenv)
		},
		"migrate": func(ctx context.Context, c cli, args []string) error {
			return migrateCommand(ctx, args, c.stdout, c.stderr, c.getenv)
		},
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	if i := slices.IndexFunc(args, isHelp); i >= 0 {
		if text, ok := helpText(strings.Join(args[:i], " ")); ok {
			fmt.Fprint(stdout, text)
			return 0
		}
		// The command prints its own usage and flags, on standard
		// output as asked for, and stops before doing anything.
		stderr = stdout
	}
	if args[0] == "help" || isHelp(args[0]) {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, rest, ok := command(args)
	if !ok {
		fmt.Fprintf(stderr, "frontdoor: unknown command %q\n\n%s", strings.Join(args[:min(2, len(args))], " "), usage)
		return 2
	}
	err := cmd(ctx, cli{stdin: os.Stdin, stdout: stdout, stderr: stderr, getenv: getenv}, rest)
	switch {
	case errors.Is(err, flag.ErrHelp):
		// --help: the command printed its usage.
		return 0
	case errors.Is(err, errStray):
		fmt.Fprintf(stderr, "frontdoor: %v\n", err)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "frontdoor: %v\n", err)
		return 1
	}
	return 0
}
