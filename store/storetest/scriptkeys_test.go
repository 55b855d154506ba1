package storetest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"frontdoor/store/storetest"
)

// CheckScriptKeys fails a test on a script that touches a key it did not
// declare, by redis.call or redis.pcall, from the script's body or a
// helper function, run by Script.Run (EVALSHA, then EVAL) or in a
// pipeline; and lets a script that declares its keys run as before.
func TestCheckScriptKeys(t *testing.T) {
	ctx := context.Background()
	rdb, keys := storetest.Redis(t)
	rec := &recorder{TB: t}
	storetest.CheckScriptKeys(rec, rdb)
	a, b := keys.Global("{s}:a"), keys.Global("{s}:b")
	prefix := keys.Global("{s}:")

	for _, tc := range []struct {
		name    string
		src     string
		keys    []string
		args    []any
		want    string // the script's answer when allowed
		refused bool
	}{
		{"declared keys", `redis.call('SET', KEYS[1], 'x') redis.call('DEL', KEYS[2]) return redis.call('GET', KEYS[1])`, []string{a, b}, nil, "x", false},
		{"a name built from an argument", `return redis.call('GET', ARGV[1] .. 'b')`, []string{a}, []any{prefix}, "", true},
		{"second key of a multi-key command", `return redis.call('DEL', KEYS[1], ARGV[1])`, []string{a}, []any{b}, "", true},
		{"from a helper function, by pcall", `local function get(k) return redis.pcall('GET', k) end
return get(ARGV[1])`, []string{a}, []any{b}, "", true},
		{"a shebang script", "#!lua\nreturn redis.call('GET', ARGV[1])", []string{a}, []any{b}, "", true},
		{"keyless commands", `return redis.call('TIME')[1] and 'ok'`, nil, nil, "ok", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := redis.NewScript(tc.src)
			got, err := s.Run(ctx, rdb, tc.keys, tc.args...).Text()
			errs := rec.take()
			if tc.refused {
				if err == nil || len(errs) != 1 || !strings.Contains(errs[0], "did not declare") {
					t.Fatalf("run: %q, %v; test errors %q: want the undeclared key reported", got, err, errs)
				}
				return
			}
			if err != nil && err != redis.Nil || got != tc.want || len(errs) != 0 {
				t.Fatalf("run: %q, %v; test errors %q: want %q and nothing reported", got, err, errs, tc.want)
			}
			// Again by its SHA, now that the source went by.
			if got, err := s.Run(ctx, rdb, tc.keys, tc.args...).Text(); (err != nil && err != redis.Nil) || got != tc.want {
				t.Fatalf("second run: %q, %v", got, err)
			}
		})
	}

	// In a transaction, as a pipelined EVAL.
	bad := redis.NewScript(`return redis.call('INCR', ARGV[1])`)
	rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		bad.Eval(ctx, p, []string{a}, b)
		return nil
	})
	if errs := rec.take(); len(errs) != 1 {
		t.Fatalf("a pipelined script with an undeclared key: reported %q, want once", errs)
	}
	if n, _ := rdb.Exists(ctx, b).Result(); n != 0 {
		t.Fatal("the refused script wrote its undeclared key")
	}
}
