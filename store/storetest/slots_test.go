package storetest_test

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
	"frontdoor/store/storetest"
)

// recorder is a testing.TB that keeps what Errorf is given instead of
// failing the test.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.errors
	r.errors = nil
	return e
}

// The guard RedisAt installs on a Cluster client fails a test on each way
// an operation can span slots, as a real Cluster answers it, and lets
// operations within one slot pass.
func TestGuardSlotsOnACluster(t *testing.T) {
	cl := storetest.StartCluster(t, 2*time.Second)
	ctx := context.Background()
	// A client of its own: RedisAt's would carry a guard failing t.
	db, err := store.Open(ctx, cl.Options(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rdb, keys := db.Client, store.NewKeys("fdtest:guard:")
	defer storetest.Clean(rdb, keys.Prefix())
	rec := &recorder{TB: t}
	storetest.GuardSlots(rec, rdb)
	// a and b are in different slots (and, with three masters, most
	// likely on different nodes; the server refuses either way).
	a, b := keys.Global("{a}:x"), keys.Global("{b}:x")
	sameA := keys.Global("{a}:y")
	setInOneTx := func(ks ...string) func() error {
		return func() error {
			_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				for _, k := range ks {
					p.Set(ctx, k, 1, time.Minute)
				}
				return nil
			})
			return err
		}
	}

	for _, tc := range []struct {
		name string
		run  func() error
		want bool
	}{
		{"transaction over two slots", setInOneTx(a, b), true},
		{"script declaring keys of two slots", func() error {
			return rdb.Eval(ctx, `return redis.call('SET', KEYS[2], 1)`, []string{a, b}).Err()
		}, true},
		{"command over two slots", func() error {
			return rdb.Do(ctx, "SINTERSTORE", a, b).Err()
		}, true},
		{"transaction in one slot", setInOneTx(a, sameA), false},
		{"script in one slot", func() error {
			return rdb.Eval(ctx, `redis.call('SET', KEYS[1], 1) return redis.call('SET', KEYS[2], 1)`, []string{a, sameA}).Err()
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			got := rec.take()
			if tc.want && (err == nil || len(got) != 1) {
				t.Fatalf("err %v, guard said %q; want one failure", err, got)
			}
			if !tc.want && (err != nil || len(got) != 0) {
				t.Fatalf("err %v, guard said %q; want nothing", err, got)
			}
		})
	}
	// A script reaching a key it did not declare, in another slot: which
	// error the server gives depends on the node holding it; each is one
	// the guard knows.
	for i := range 20 {
		other := keys.Global(fmt.Sprintf("{o%d}:x", i))
		if cl.MasterOf(t, other) == cl.MasterOf(t, a) {
			continue
		}
		err := rdb.Eval(ctx, `return redis.call('SET', ARGV[1], 1)`, []string{a}, other).Err()
		if got := rec.take(); err == nil || len(got) != 1 {
			t.Fatalf("script reaching an undeclared key on another node: err %v, guard said %q; want one failure", err, got)
		}
		return
	}
	t.Fatal("no key on another master than a's")
}
