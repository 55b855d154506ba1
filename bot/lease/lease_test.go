package lease_test

import (
	"context"
	"errors"
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
