// Package lease lets one process at a time do what only one may do for a
// channel, across every Frontdoor process sharing a Redis: poll a Telegram
// bot's updates (Telegram serves getUpdates to one caller) or hold a
// WhatsApp session (a second connection makes WhatsApp drop the first).
// The holder renews the lease every third of its TTL and gives it up as
// soon as it cannot be sure to hold it, so two holders never overlap.
// The Redis implementation is in package redislease, apart, so that the
// adapters, which only hold a Lease, do not compile a Redis client.
package lease

import (
	"context"
	"errors"
	"time"
)

// Lease is held by one holder at a time.
type Lease interface {
	// Acquire takes the lease if it is free, or renews it if this holder
	// has it already; it reports whether this holder has it now.
	Acquire(ctx context.Context) (bool, error)
	// Renew extends the lease by its TTL; false when this holder no longer
	// has it (it expired and another took it).
	Renew(ctx context.Context) (bool, error)
	// Release gives the lease up if this holder has it, so that another
	// takes over at once rather than when it expires.
	Release(ctx context.Context) error
	// TTL is how long the lease lasts without a renewal.
	TTL() time.Duration
}

// ErrTaken is Keep's error when another holder has the lease.
var ErrTaken = errors.New("lease taken by another holder")

// Keep renews l every third of its TTL, starting from a lease valid until
// validUntil, until ctx ends (nil) or the lease is lost: taken by another
// (ErrTaken), or renewals failing until less than a renewal period of it
// is left (the last renewal's error), so the holder stops before another
// can take it over. retrying, when not nil, hears each failed renewal that
// still leaves time to try again.
func Keep(ctx context.Context, l Lease, validUntil time.Time, retrying func(error)) error {
	ttl := l.TTL()
	every := ttl / 3
	t := time.NewTimer(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		began := time.Now()
		// No try may run past the point of giving up (a renewal period
		// before validUntil): a failure answered fast is retried a
		// period later, and that try, left its whole period, would end
		// after the lease lapsed, while another holder may take it.
		deadline := began.Add(every)
		if giveUp := validUntil.Add(-every); giveUp.Before(deadline) {
			deadline = giveUp
		}
		rctx, cancel := context.WithDeadline(ctx, deadline)
		ok, err := l.Renew(rctx)
		cancel()
		switch {
		case ctx.Err() != nil:
			return nil
		case err == nil && ok:
			validUntil = began.Add(ttl)
		case err == nil:
			return ErrTaken
		case time.Now().Add(every).After(validUntil):
			return err
		case retrying != nil:
			retrying(err)
		}
		t.Reset(every)
	}
}
