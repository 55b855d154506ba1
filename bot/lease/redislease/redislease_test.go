package redislease_test

import (
	"context"
	"testing"
	"time"

	"frontdoor/bot/lease/redislease"
	"frontdoor/store/storetest"
)

// testTTL is short so that expiry happens within the test's patience;
// nothing asserts how long anything takes.
const testTTL = 600 * time.Millisecond

// waitTrue polls cond until it holds or the deadline passes.
func waitTrue(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestRedis: one holder at a time; a holder cannot renew or release
// another's lease; an abandoned lease expires and is taken over.
func TestRedis(t *testing.T) {
	t.Parallel()
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	key := keys.Global("test:lease")
	a := redislease.New(rdb, key, testTTL, "test lease")
	b := redislease.New(rdb, key, testTTL, "test lease")
	if a.Holder() == b.Holder() {
		t.Fatalf("two holders share the id %q", a.Holder())
	}
	steps := []struct {
		name string
		do   func() (bool, error)
		want bool
	}{
		{"a takes the free lease", func() (bool, error) { return a.Acquire(ctx) }, true},
		{"a takes it again (renews)", func() (bool, error) { return a.Acquire(ctx) }, true},
		{"b cannot take it", func() (bool, error) { return b.Acquire(ctx) }, false},
		{"b cannot renew it", func() (bool, error) { return b.Renew(ctx) }, false},
		{"a renews", func() (bool, error) { return a.Renew(ctx) }, true},
		{"b's release leaves it to a", func() (bool, error) { return true, b.Release(ctx) }, true},
		{"b still cannot take it", func() (bool, error) { return b.Acquire(ctx) }, false},
		{"a releases", func() (bool, error) { return true, a.Release(ctx) }, true},
		{"b takes it", func() (bool, error) { return b.Acquire(ctx) }, true},
		{"a cannot renew b's", func() (bool, error) { return a.Renew(ctx) }, false},
	}
	for _, st := range steps {
		got, err := st.do()
		if err != nil || got != st.want {
			t.Fatalf("%s: %v, %v; want %v", st.name, got, err, st.want)
		}
	}
	if v, _ := rdb.Get(ctx, key).Result(); v != b.Holder() {
		t.Errorf("key holds %q, want b's holder id %q", v, b.Holder())
	}
	if ttl := rdb.PTTL(ctx, key).Val(); ttl <= 0 || ttl > testTTL {
		t.Errorf("PTTL = %s, want within (0, %s]", ttl, testTTL)
	}
	// b vanishes without releasing: the lease expires and a takes it.
	waitTrue(t, "a takes over the expired lease", func() bool { ok, _ := a.Acquire(ctx); return ok })
}
