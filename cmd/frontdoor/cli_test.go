package main

import (
	"bytes"
	"context"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// cliCommands are every command and command group of the usage text.
var cliCommands = []string{
	"serve", "triage", "flows", "flows check", "flows graph", "operators", "operators add", "operators list",
	"operators remove", "operators token", "stats", "stats export", "broadcast", "broadcast create",
	"broadcast send", "broadcast status", "broadcast preview", "broadcast pause", "broadcast resume", "broadcast cancel",
	"broadcast report", "locales", "locales check", "locales export", "locales import", "whatsapp", "whatsapp link",
	"bench", "bench pipeline", "bench handoff", "bench booking", "bench broadcast", "bench telegram", "bench webchat", "version",
	"migrate",
}

// runCLI runs the command line with a Redis that cannot be reached: help
// must not need one.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errs bytes.Buffer
	getenv := func(k string) string {
		if k == "REDIS_URL" {
			return "redis://127.0.0.1:1/0"
		}
		return ""
	}
	code = run(context.Background(), args, &out, &errs, getenv)
	return code, out.String(), errs.String()
}

// Every command, and the usage's list of them, is covered by the table.
func TestCLICommandsListed(t *testing.T) {
	for _, line := range strings.Split(usage, "\n") {
		// The command column ends where the descriptions begin.
		f := strings.Fields(line[:min(len(line), 45)])
		if len(f) < 2 || f[0] != "frontdoor" || strings.HasPrefix(f[1], "<") {
			continue
		}
		cmd := f[1]
		if len(f) > 2 && !strings.ContainsAny(f[2], "[-|<") && strings.ToLower(f[2]) == f[2] && !strings.Contains(f[2], "...") {
			cmd += " " + f[2]
		}
		found := false
		for _, c := range cliCommands {
			if c == cmd {
				found = true
			}
		}
		if !found {
			t.Errorf("usage lists %q, which the CLI tests do not cover", cmd)
		}
	}
}

// Every command of the table is in the usage text and covered by the
// tests of this file.
func TestCLITableListed(t *testing.T) {
	for name := range commands() {
		if !slices.Contains(cliCommands, name) {
			t.Errorf("command %q is in the table but not covered by the CLI tests", name)
		}
		if !strings.Contains(usage, "frontdoor "+name+" ") {
			t.Errorf("command %q is in the table but not in the usage", name)
		}
	}
}

// frontdoor <command> --help prints help on standard output and exits 0,
// for every command, without Redis; -h and -help too.
func TestCLIHelpForEveryCommand(t *testing.T) {
	for _, cmd := range cliCommands {
		for _, flag := range []string{"--help", "-h"} {
			t.Run(cmd+" "+flag, func(t *testing.T) {
				code, out, errs := runCLI(append(strings.Fields(cmd), flag)...)
				if code != 0 || strings.TrimSpace(out) == "" || errs != "" {
					t.Errorf("frontdoor %s %s: exit %d, stdout %q, stderr %q; want exit 0 and help on stdout", cmd, flag, code, out, errs)
				}
				if !strings.Contains(strings.ToLower(out), "usage") {
					t.Errorf("frontdoor %s %s printed no usage:\n%s", cmd, flag, out)
				}
			})
		}
	}
}

func TestCLIVersionAndStrayArguments(t *testing.T) {
	code, out, _ := runCLI("version")
	if code != 0 || !strings.HasPrefix(out, "frontdoor ") {
		t.Errorf("frontdoor version: exit %d, %q", code, out)
	}
	for _, args := range [][]string{
		{"version", "x"}, {"flows", "check", "extra"}, {"flows", "graph", "x"}, {"locales", "check", "x"},
		{"serve", "extra"}, {"migrate", "extra"}, {"nosuchcommand"}, {"operators", "list", "x"}, {"flows"}, {"locales", "nosuch"},
	} {
		code, out, errs := runCLI(args...)
		if code != 2 || errs == "" || out != "" {
			t.Errorf("frontdoor %s: exit %d, stdout %q, stderr %q; want exit 2 and the error on stderr", strings.Join(args, " "), code, out, errs)
		}
	}
}

// A verb of broadcast or operators that does not exist is refused before
// any Redis is needed (runCLI's cannot be reached), naming the verb.
func TestCLIUnknownVerbNeedsNoRedis(t *testing.T) {
	for _, args := range [][]string{{"broadcast", "nosuch", "x"}, {"operators", "nosuch"}} {
		code, out, errs := runCLI(args...)
		if code == 0 || out != "" || !strings.Contains(errs, `unknown subcommand "nosuch"`) {
			t.Errorf("frontdoor %s: exit %d, stdout %q, stderr %q; want the unknown verb named", strings.Join(args, " "), code, out, errs)
		}
	}
}

// The server binary links no benchmark and no fake: they come only with
// the bench build tag (issue 18).
func TestServerLinksNoBenchmarks(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, tc := range []struct {
		tags string
		want bool
	}{{"", false}, {"bench", true}} {
		out, err := exec.Command("go", "list", "-tags", tc.tags, "-deps", ".").CombinedOutput()
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, out)
		}
		for _, pkg := range []string{"frontdoor/internal/bench", "frontdoor/bot/telegram/telegramtest"} {
			if got := slices.Contains(strings.Fields(string(out)), pkg); got != tc.want {
				t.Errorf("built with tags %q, links %s: %v, want %v", tc.tags, pkg, got, tc.want)
			}
		}
	}
}
