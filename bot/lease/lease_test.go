package lease_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"frontdoor/bot/lease"
)

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

// deadlines is a lease whose renewals all fail: the first at once
// (connection refused), the others when their context ends (Redis too
// slow); it records each renewal's deadline.
type deadlines struct {
	ttl time.Duration
	mu  sync.Mutex
	at  []time.Time
}

func (d *deadlines) Acquire(context.Context) (bool, error) { return true, nil }
func (d *deadlines) Release(context.Context) error         { return nil }
func (d *deadlines) TTL() time.Duration                    { return d.ttl }
func (d *deadlines) Renew(ctx context.Context) (bool, error) {
	dl, _ := ctx.Deadline()
	d.mu.Lock()
	d.at = append(d.at, dl)
	first := len(d.at) == 1
	d.mu.Unlock()
	if first {
		return false, errors.New("redis: connection refused")
	}
	<-ctx.Done()
	return false, ctx.Err()
}

// TestKeepNeverTriesPastGivingUp: a renewal refused at once is retried a
// period later; that try must end by the point of giving up (a renewal
// period before the lease lapses), not run its whole period past the
// lapse while another holder may take the lease.
func TestKeepNeverTriesPastGivingUp(t *testing.T) {
	t.Parallel()
	l := &deadlines{ttl: 300 * time.Millisecond}
	validUntil := time.Now().Add(l.ttl)
	if err := lease.Keep(context.Background(), l, validUntil, nil); err == nil || errors.Is(err, lease.ErrTaken) {
		t.Fatalf("Keep = %v, want the renewal's error", err)
	}
	giveUp := validUntil.Add(-l.ttl / 3)
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, dl := range l.at {
		if dl.After(giveUp) {
			t.Errorf("renewal %d could run until %s after the point of giving up (%d tries)", i+1, dl.Sub(giveUp), len(l.at))
		}
	}
}
