package lease_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"frontdoor/bot/lease"
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
	a := lease.NewRedis(rdb, key, testTTL, "test lease")
	b := lease.NewRedis(rdb, key, testTTL, "test lease")
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

// flaky is a lease whose renewals fail (Redis away) while down is set, and
// which reports a lost lease once taken is set.
type flaky struct {
	ttl         time.Duration
	down, taken chan struct{}
	// try hears that a renewal was tried.
	try chan struct{}
}

func (f *flaky) Acquire(context.Context) (bool, error) { return true, nil }
func (f *flaky) Release(context.Context) error         { return nil }
func (f *flaky) TTL() time.Duration                    { return f.ttl }
func (f *flaky) Renew(context.Context) (bool, error) {
	select {
	case f.try <- struct{}{}:
	default:
	}
	select {
	case <-f.taken:
		return false, nil
	default:
	}
	select {
	case <-f.down:
		return false, errors.New("redis: connection refused")
	default:
	}
	return true, nil
}

// TestKeep: Keep returns nil when its context ends, ErrTaken when another
// holder has the lease, and the renewal error when renewals failed until
// the lease could expire.
func TestKeep(t *testing.T) {
	t.Parallel()
	newFlaky := func() *flaky {
		return &flaky{ttl: 90 * time.Millisecond, down: make(chan struct{}), taken: make(chan struct{}), try: make(chan struct{}, 1)}
	}
	keep := func(ctx context.Context, l *flaky) chan error {
		done := make(chan error, 1)
		go func() { done <- lease.Keep(ctx, l, time.Now().Add(l.ttl), nil) }()
		return done
	}
	wait := func(t *testing.T, done chan error) error {
		t.Helper()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("Keep did not return")
			return nil
		}
	}

	t.Run("context ends", func(t *testing.T) {
		l := newFlaky()
		ctx, cancel := context.WithCancel(context.Background())
		done := keep(ctx, l)
		<-l.try // renewing
		cancel()
		if err := wait(t, done); err != nil {
			t.Fatalf("Keep = %v, want nil", err)
		}
	})
	t.Run("taken", func(t *testing.T) {
		l := newFlaky()
		done := keep(context.Background(), l)
		<-l.try
		close(l.taken)
		if err := wait(t, done); !errors.Is(err, lease.ErrTaken) {
			t.Fatalf("Keep = %v, want ErrTaken", err)
		}
	})
	t.Run("renewals fail until it could expire", func(t *testing.T) {
		l := newFlaky()
		done := keep(context.Background(), l)
		<-l.try
		close(l.down)
		err := wait(t, done)
		if err == nil || errors.Is(err, lease.ErrTaken) {
			t.Fatalf("Keep = %v, want the renewal's error", err)
		}
	})
}
