package telegram

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/lease"
)

// The polling lease: Telegram serves getUpdates to one caller, a second
// one makes both fail with 409 by turns and the offsets of the two
// interleave. Several Frontdoor instances on one token therefore take
// turns through a lease.Lease; only getUpdates needs it, sending works from
// every instance. In Redis, its one key (prefix P):
//
//	P telegram:poller:<bot id>  STRING  holder id ("host/pid/random") of the
//	                                    instance polling that bot, expiring
//	                                    after the TTL unless renewed
//
// The bot id is the public part of the token (before ":"), so that bots
// sharing a Redis and prefix have a lease each and the secret stays out of
// Redis.

// MinLeaseTTL is the shortest lease LeaseKey accepts: renewals happen
// every third of it and must fit a Redis round trip with room to spare.
const MinLeaseTTL = 300 * time.Millisecond

// LeaseKey checks the polling lease of the bot whose token is token, held
// for ttl between renewals, and returns the name of its key, which the
// wiring puts under the prefix (store.Keys.Global) and holds in Redis
// (redislease.New): this package takes a lease.Lease, so that it compiles
// no Redis client.
func LeaseKey(token string, ttl time.Duration) (string, error) {
	if err := checkToken(token); err != nil {
		return "", fmt.Errorf("telegram lease: token: %w", err)
	}
	if ttl < MinLeaseTTL {
		return "", fmt.Errorf("telegram lease: ttl %s is shorter than %s", ttl, MinLeaseTTL)
	}
	botID, _, _ := strings.Cut(token, ":")
	return "telegram:poller:" + botID, nil
}

// leaseTimeout bounds releasing the lease at shutdown.
const leaseTimeout = 2 * time.Second

// pollWithLease polls while this process holds the lease and stands by
// while another does, trying to take it over every third of its TTL; it
// returns when ctx ends. Losing the lease (this process stalled, or Redis
// was unreachable for most of a TTL) stops polling at once, before the
// lease can expire, so that two instances never poll together.
func (c *Channel) pollWithLease(ctx context.Context, in bot.Inbox) {
	every := c.lease.TTL() / 3
	var (
		redisDown time.Time // since when Acquire fails; zero while it works
		backoff   time.Duration
		standby   bool
	)
	for ctx.Err() == nil {
		began := time.Now()
		actx, cancel := context.WithTimeout(ctx, every)
		held, err := c.lease.Acquire(actx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			// Nobody can tell who polls, and the dispatcher cannot work
			// either: /healthz says so until Redis answers.
			if redisDown.IsZero() {
				redisDown = c.now()
			}
			backoff = c.nextBackoff(backoff)
			c.setStatus(fmt.Sprintf("error: cannot reach Redis for the polling lease since %s, retrying every %s",
				clock(redisDown, c.now()), human(backoff)))
			c.log.Warn("telegram: cannot take the polling lease, retrying", "in", backoff, "err", err)
			if c.wait(ctx, jitter(backoff)) != nil {
				return
			}
			continue
		}
		redisDown, backoff = time.Time{}, 0
		if !held {
			if !standby {
				c.log.Info("telegram: standing by: another instance polls")
				standby = true
			}
			c.setStatus(StatusStandby)
			c.probeToken(ctx)
			if sleep(ctx, jitter(every)) != nil {
				return
			}
			continue
		}
		standby = false
		c.log.Info("telegram: polling lease taken: this instance polls")
		c.setStatus(StatusPolling)
		c.holdAndPoll(ctx, in, began.Add(c.lease.TTL()))
	}
}

// holdAndPoll polls while it keeps the lease, valid until validUntil when
// taken. On a stop it confirms the recorded updates before releasing the
// lease, so that the next poller does not overlap that last call.
func (c *Channel) holdAndPoll(ctx context.Context, in bot.Inbox, validUntil time.Time) {
	pctx, lose := context.WithCancel(ctx)
	kept := make(chan struct{})
	go func() {
		defer close(kept)
		c.keepLease(pctx, lose, validUntil)
	}()
	offset := c.poll(pctx, in)
	lose()
	<-kept
	if ctx.Err() != nil && offset > 0 {
		// Stopping, still holding the lease. After a loss the offset is
		// left alone instead: the new poller may be polling already, and
		// redelivered updates are only dropped as duplicates.
		c.confirm(ctx, offset)
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), leaseTimeout)
	defer cancel()
	if err := c.lease.Release(rctx); err != nil {
		c.log.Warn("telegram: releasing the polling lease failed; another instance takes over when it expires", "err", err)
	}
}

// keepLease renews the lease every third of its TTL until ctx ends. It
// calls lose when the lease was taken by another, or when renewals failed
// until less than a renewal period of it is left.
func (c *Channel) keepLease(ctx context.Context, lose context.CancelFunc, validUntil time.Time) {
	err := lease.Keep(ctx, c.lease, validUntil, func(err error) {
		c.log.Warn("telegram: renewing the polling lease failed; retrying", "err", err)
	})
	switch {
	case err == nil:
		return
	case errors.Is(err, lease.ErrTaken):
		c.log.Warn("telegram: polling lease lost to another instance; standing by")
	default:
		c.log.Error("telegram: cannot renew the polling lease; stopping polling before it expires", "err", err)
	}
	lose()
}

// probeToken checks the token with getMe on a standby instance whose
// sending was refused: with no getUpdates of its own, nothing else would
// notice that the token works again.
func (c *Channel) probeToken(ctx context.Context) {
	c.mu.Lock()
	refused := !c.sendRefused.IsZero()
	c.mu.Unlock()
	if !refused {
		return
	}
	pctx, cancel := context.WithTimeout(ctx, answerTimeout)
	defer cancel()
	if _, err := c.api.GetMe(pctx); err == nil {
		c.refusedSending(false)
	}
}
