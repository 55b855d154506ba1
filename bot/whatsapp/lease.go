package whatsapp

import (
	"context"
	"errors"
	"time"

	"frontdoor/bot/lease"
)

// StatusStandby is the status of a process that does not hold the
// WhatsApp session lease: another process is connected, this one takes
// over when that one stops. Healthy: it does not start with "error".
const StatusStandby = "standby: another process holds the WhatsApp session"

// DefaultLeaseTTL is how long the session lease lasts without renewal.
// Renewed every third of it; a process that stops releases it at once, so
// the TTL only matters when one dies.
const DefaultLeaseTTL = 15 * time.Second

// The session lease: whatsmeow keeps one session per device store, and a
// second process connecting with it makes WhatsApp drop the first ("stream
// replaced"), and the two would keep replacing each other. Processes
// sharing a store (PostgreSQL, or one SQLite file on a shared disk) take
// turns through a lease.Lease; the others stand by. In Redis, its one key
// (prefix P):
//
//	P whatsapp:session  STRING  holder id ("host/pid/random") of the
//	                            process connected to WhatsApp, expiring
//	                            after the TTL unless renewed

// LeaseKey is the name of the session lease's key, which the wiring puts
// under the prefix (store.Keys.Global) and holds in Redis (redislease.New):
// this package takes a lease.Lease, so that it compiles no Redis client.
const LeaseKey = "whatsapp:session"

// awaitLease stands by until this process holds the lease or ctx ends
// (ok false), trying every third of the TTL. validUntil is when the lease
// taken lapses unless renewed, counted from before the Acquire that took
// it: Redis set its expiry when it ran the command, and under load the
// answer can come much later.
func (c *Channel) awaitLease(ctx context.Context) (validUntil time.Time, ok bool) {
	l := c.cfg.Lease
	every := l.TTL() / 3
	standby := false
	var failingSince time.Time // zero while the guard answers
	for ctx.Err() == nil {
		began := time.Now()
		actx, cancel := context.WithTimeout(ctx, every)
		held, err := l.Acquire(actx)
		cancel()
		switch {
		case ctx.Err() != nil:
			return time.Time{}, false
		case err != nil:
			g := failedGuard(err)
			c.log.Warn("whatsapp: cannot take the session's guard, retrying", "guard", string(g), "err", err)
			// A slow answer (the try is bounded by a third of the TTL,
			// 100 ms for a 300 ms lease) is not an unreachable guard:
			// timeouts turn the status to an error only once the tries
			// have failed for a whole TTL, as long as a holder's
			// renewals may fail before it gives the lease up. A refusal
			// (connection refused, no folder) does at once. The status
			// names the guard: a PostgreSQL server or a store's folder
			// is mended elsewhere than Redis.
			if failingSince.IsZero() {
				failingSince = began
			}
			if !timedOut(err) || time.Since(failingSince) >= l.TTL() {
				c.setStatus(g.status())
			}
		case held:
			c.log.Info("whatsapp: session lease taken: this process connects to WhatsApp")
			return began.Add(l.TTL()), true
		default:
			failingSince = time.Time{}
			if !standby {
				if r, ok := l.(interface{ standbyReason() string }); ok && r.standbyReason() != "" {
					c.log.Warn("whatsapp: standing by: " + r.standbyReason())
				} else {
					c.log.Info("whatsapp: standing by: another process holds the WhatsApp session")
				}
				standby = true
			}
			c.setStatus(StatusStandby)
		}
		if sleep(ctx, every) != nil {
			return time.Time{}, false
		}
	}
	return time.Time{}, false
}

// timedOut reports whether err is a try that ran out of time (the
// context's deadline, or a connection's: both say Timeout), not a refusal.
func timedOut(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// holdLease keeps the lease renewed while the session runs. The context
// it returns ends when the lease is lost (taken by another, or renewals
// failing until less than a renewal period of it is left), so the session
// is dropped before another process can take the lease. validUntil is
// awaitLease's. done stops the renewals, releases the lease and reports
// whether it had been lost.
func (c *Channel) holdLease(ctx context.Context, validUntil time.Time) (lctx context.Context, done func() (lost bool)) {
	l := c.cfg.Lease
	lctx, lose := context.WithCancel(ctx)
	kctx, stop := context.WithCancel(lctx)
	finished := make(chan bool, 1)
	go func() {
		err := lease.Keep(kctx, l, validUntil, func(err error) {
			c.log.Warn("whatsapp: renewing the session's guard failed; retrying", "guard", string(failedGuard(err)), "err", err)
		})
		switch {
		case err == nil:
			finished <- false
			return
		case errors.Is(err, lease.ErrTaken):
			if g := lostGuard(l); g != "" {
				// No other process took it: the store's lock went with
				// its connection, and another may take it meanwhile.
				c.log.Warn("whatsapp: the store's lock lost its connection; disconnecting and taking it again", "guard", string(g))
			} else {
				c.log.Warn("whatsapp: session lease lost to another process; disconnecting and standing by")
			}
		default:
			c.log.Error("whatsapp: cannot renew the session's guard; disconnecting before it expires", "guard", string(failedGuard(err)), "err", err)
		}
		lose()
		finished <- true
	}()
	return lctx, func() bool {
		stop()
		lost := <-finished
		lose()
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		if err := l.Release(rctx); err != nil {
			c.log.Warn("whatsapp: releasing the session lease failed; another process takes over when it expires", "err", err)
		}
		return lost
	}
}

// lostGuard names the store's lock when l lost the session with it, ""
// when the shared lease was taken by another process.
func lostGuard(l lease.Lease) guard {
	if s, ok := l.(*storeLease); ok {
		return s.lostGuard()
	}
	return ""
}
