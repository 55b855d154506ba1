package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/handoff"
	"frontdoor/store/storetest"

	"github.com/redis/go-redis/v9"
)

func TestOperatorsCommand(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	cfgPath := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfgPath, []byte("redis:\n  prefix: \""+keys.Prefix()+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := storetest.Env()
	getenv := func(k string) string { return env[k] }
	q := handoff.NewQueue(rdb, keys, nil)
	run := func(stdin string, args ...string) (string, error) {
		t.Helper()
		var out, errOut bytes.Buffer
		err := operatorsCommand(ctx, append(args, "--config", cfgPath), strings.NewReader(stdin), &out, &errOut, getenv)
		return out.String(), err
	}
	account := func(name string) handoff.Operator {
		t.Helper()
		op, err := q.Operator(ctx, name)
		if err != nil {
			t.Fatalf("operator %s: %v", name, err)
		}
		return op
	}

	// add: a new account needs languages and a password.
	if _, err := run("password-ana\n", "add", "ana"); err == nil || !strings.Contains(err.Error(), "--languages") {
		t.Fatalf("add without languages = %v", err)
	}
	if _, err := run("", "add", "ana", "--languages", "ar"); err == nil || !strings.Contains(err.Error(), "password") {
		t.Fatalf("add without a password = %v", err)
	}
	if _, err := run("password-ana\n", "add", "ana", "--languages", "ar,fr", "--areas", "legal,work", "--capacity", "5", "--admin", "--roles", "staff"); err != nil {
		t.Fatal(err)
	}
	want := handoff.Operator{Name: "ana", Languages: []string{"ar", "fr"}, Areas: []string{"legal", "work"}, Capacity: 5, Admin: true, Roles: []string{"staff"}}
	if got := account("ana"); !sameAccount(got, want) {
		t.Fatalf("after add: %+v, want %+v", got, want)
	}

	// add again with one flag changes only that, and keeps the password.
	if _, err := run("", "add", "ana", "--capacity", "2"); err != nil {
		t.Fatal(err)
	}
	want.Capacity = 2
	if got := account("ana"); !sameAccount(got, want) {
		t.Fatalf("after changing the capacity: %+v, want %+v", got, want)
	}
	if ok, err := q.CheckPassword(ctx, "ana", "password-ana"); err != nil || !ok {
		t.Fatalf("password after an update: %v %v", ok, err)
	}
	if _, err := run("", "add", "ana", "--admin=false", "--areas", ""); err != nil {
		t.Fatal(err)
	}
	want.Admin, want.Areas = false, nil
	if got := account("ana"); !sameAccount(got, want) {
		t.Fatalf("after taking admin and areas away: %+v, want %+v", got, want)
	}
	if _, err := run("", "add", "ana", "--roles", "boss"); err == nil {
		t.Fatal("an unknown role was accepted")
	}
	if _, err := run("password-bea\n", "add", "bea", "--languages", "it", "--roles", "outreach,staff", "--console-lang", "it"); err != nil {
		t.Fatal(err)
	}
	if got := account("bea"); got.Capacity != 3 || got.Admin || len(got.Areas) != 0 || got.Lang != "it" {
		t.Fatalf("a new account's defaults: %+v", got)
	}

	// list
	out, err := run("", "list")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "ana ") || !strings.Contains(lines[1], "ar,fr") || !strings.Contains(lines[1], "0/2") ||
		!strings.HasPrefix(lines[2], "bea ") || !strings.Contains(lines[2], "outreach,staff") || !strings.HasSuffix(lines[2], " it") ||
		!strings.HasSuffix(lines[1], " browser") {
		t.Fatalf("list =\n%s", out)
	}

	// token: a new one replaces the old.
	tok1, err := run("", "token", "ana")
	if err != nil {
		t.Fatal(err)
	}
	tok2, err := run("", "token", "ana")
	if err != nil {
		t.Fatal(err)
	}
	tok1, tok2 = strings.TrimSpace(tok1), strings.TrimSpace(tok2)
	if !strings.HasPrefix(tok2, "fdo_") {
		t.Fatalf("token = %q", tok2)
	}
	if _, err := q.TokenOperator(ctx, tok1); !errors.Is(err, handoff.ErrNoOperator) {
		t.Fatalf("the replaced token still works: %v", err)
	}
	if op, err := q.TokenOperator(ctx, tok2); err != nil || op.Name != "ana" {
		t.Fatalf("token belongs to %q (%v)", op.Name, err)
	}
	if _, err := run("", "token", "nobody"); err == nil {
		t.Fatal("a token for an unknown operator")
	}

	// remove: the account and its token go; the case goes back.
	cs, _, err := q.Open(ctx, handoff.Case{Contact: bot.Contact{Channel: "telegram", ID: "15"}, Lang: "ar", Reason: "asked"})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Claim(ctx, "ana", cs.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := run("", "remove", "ana"); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Operator(ctx, "ana"); !errors.Is(err, handoff.ErrNoOperator) {
		t.Fatalf("after remove: %v", err)
	}
	if _, err := q.TokenOperator(ctx, tok2); !errors.Is(err, handoff.ErrNoOperator) {
		t.Fatalf("the token of a removed operator: %v", err)
	}
	if got, _ := q.Get(ctx, cs.ID); got.Status != handoff.StatusWaiting {
		t.Fatalf("the removed operator's case is %s", got.Status)
	}
	if _, err := run("", "remove", "ana"); !errors.Is(err, handoff.ErrNoOperator) {
		t.Fatalf("removing twice = %v", err)
	}
	if out, _ := run("", "list"); strings.Contains(out, "ana") {
		t.Fatalf("list after remove =\n%s", out)
	}

	// Mistakes are told before anything is done.
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown subcommand "frobnicate"`},
		{[]string{"remove"}, "missing NAME"},
		{[]string{"token"}, "missing NAME"},
		{[]string{"list", "bea"}, "unexpected argument"},
	} {
		if _, err := run("", tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("operators %v = %v, want %q", tt.args, err, tt.want)
		}
	}
	if got := account("bea"); got.Name != "bea" {
		t.Fatalf("bea after the mistakes: %+v", got)
	}
}

func sameAccount(a, b handoff.Operator) bool {
	return a.Name == b.Name && slices.Equal(a.Languages, b.Languages) && slices.Equal(a.Areas, b.Areas) &&
		a.Capacity == b.Capacity && a.Admin == b.Admin && slices.Equal(a.Roles, b.Roles)
}

// TestOperatorsCommandWaitsAsServeDoes: `frontdoor operators remove`
// takes access away, which waits for a replica as long as serve would:
// with the default dispatcher.replica_wait it sends a WAIT to the master,
// with 0s (never wait) none. The command built its accounts with the
// default wait whatever the configuration said before (issue 19).
func TestOperatorsCommandWaitsAsServeDoes(t *testing.T) {
	sn := storetest.StartSentinel(t, 10*time.Second)
	o := sn.Options()
	env := map[string]string{"REDIS_ADDRS": strings.Join(o.Addrs, ","), "REDIS_MASTER_NAME": o.MasterName}
	master := redis.NewClient(&redis.Options{Addr: sn.Master.Addr})
	t.Cleanup(func() { master.Close() })
	ctx := context.Background()
	waits := func() int64 {
		t.Helper()
		info, err := master.Info(ctx, "commandstats").Result()
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(info, "\n") {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "cmdstat_wait:calls="); ok {
				n, err := strconv.ParseInt(rest[:strings.IndexByte(rest, ',')], 10, 64)
				if err != nil {
					t.Fatalf("%q: %v", line, err)
				}
				return n
			}
		}
		return 0
	}
	for _, tc := range []struct {
		name, config string
		wait         bool
	}{
		{"default", "", true},
		{"never", "dispatcher:\n  replica_wait: 0s\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfgPath := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(cfgPath, []byte("redis:\n  prefix: \"op-"+tc.name+":\"\n"+tc.config), 0o600); err != nil {
				t.Fatal(err)
			}
			run := func(stdin string, args ...string) {
				t.Helper()
				var out, errOut bytes.Buffer
				if err := operatorsCommand(ctx, append(args, "--config", cfgPath), strings.NewReader(stdin), &out, &errOut, func(k string) string { return env[k] }); err != nil {
					t.Fatalf("operators %s: %v (%s)", args[0], err, errOut.String())
				}
			}
			run("password-ana\n", "add", "ana", "--languages", "ar")
			before := waits()
			run("", "remove", "ana")
			if got := waits() > before; got != tc.wait {
				t.Errorf("remove sent a WAIT to the master: %v, want %v (WAITs %d before)", got, tc.wait, before)
			}
		})
	}
}
