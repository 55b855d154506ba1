package telegram

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store"
)

// Lease lets one process at a time poll a bot's updates. Telegram serves
// getUpdates to one caller: a second one makes both fail with 409 by turns,
// and the offsets of the two interleave. Several Frontdoor instances on one
// token therefore take turns through a lease; only getUpdates needs it,
// sending works from every instance.
type Lease interface {
	// Acquire takes the lease if it is free, or renews it if this holder
	// has it already; it reports whether this holder has it now.
	Acquire(ctx context.Context) (bool, error)
	// Renew extends the lease by its TTL; false when this holder no longer
	// has it (it expired and another took it).
	Renew(ctx context.Context) (bool, error)
	// Release gives the lease up if this holder has it, so that another
	// instance takes over at once rather than when it expires.
	Release(ctx context.Context) error
	// TTL is how long the lease lasts without a renewal.
	TTL() time.Duration
}

// RedisLease is a Lease in Redis, shared by every instance that uses the
// same Redis and key prefix. Its one key (prefix P):
//
//	P telegram:poller:<bot id>  STRING  holder id ("host/pid/random") of the
//	                                    instance polling that bot, expiring
//	                                    after the TTL unless renewed
//
// The bot id is the public part of the token (before ":"), so that bots
// sharing a Redis and prefix have a lease each and the secret stays out of
// Redis. One key per operation: safe in Redis Cluster.
type RedisLease struct {
	rdb     redis.UniversalClient
	key     string
	holder  string
	ttl     time.Duration
	renew   *redis.Script
	release *redis.Script
}

// MinLeaseTTL is the shortest lease NewRedisLease accepts: renewals happen
// every third of it and must fit a Redis round trip with room to spare.
const MinLeaseTTL = 300 * time.Millisecond

// NewRedisLease returns the polling lease of the bot whose token is token,
// held for ttl between renewals.
func NewRedisLease(rdb redis.UniversalClient, keys store.Keys, token string, ttl time.Duration) (*RedisLease, error) {
	if err := checkToken(token); err != nil {
		return nil, fmt.Errorf("telegram lease: token: %w", err)
	}
	if ttl < MinLeaseTTL {
		return nil, fmt.Errorf("telegram lease: ttl %s is shorter than %s", ttl, MinLeaseTTL)
	}
	botID, _, _ := strings.Cut(token, ":")
	b := make([]byte, 8)
	rand.Read(b)
	host, _ := os.Hostname()
	return &RedisLease{
		rdb:    rdb,
		key:    keys.Global("telegram:poller:" + botID),
		holder: fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b)),
		ttl:    ttl,
		// KEYS lease; ARGV holder, ttlMs. Compare and renew: a holder
		// whose lease expired and was taken must not extend the other's.
		renew: redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`),
		// KEYS lease; ARGV holder. Compare and delete, for the same reason.
		release: redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])`),
	}, nil
}

// Key is the Redis key of the lease.
func (l *RedisLease) Key() string { return l.key }

// Holder identifies this holder in the key's value.
func (l *RedisLease) Holder() string { return l.holder }

// TTL implements Lease.
func (l *RedisLease) TTL() time.Duration { return l.ttl }

// Acquire implements Lease.
func (l *RedisLease) Acquire(ctx context.Context) (bool, error) {
	ok, err := l.rdb.SetNX(ctx, l.key, l.holder, l.ttl).Result()
	if err != nil {
		return false, fmt.Errorf("telegram lease: take %s: %w", l.key, err)
	}
	if ok {
		return true, nil
	}
	// Held already, perhaps by this holder (a renewal whose answer was
	// lost): then it is renewed.
	return l.Renew(ctx)
}

// Renew implements Lease.
func (l *RedisLease) Renew(ctx context.Context) (bool, error) {
	n, err := l.renew.Run(ctx, l.rdb, []string{l.key}, l.holder, l.ttl.Milliseconds()).Int()
	if err != nil {
		return false, fmt.Errorf("telegram lease: renew %s: %w", l.key, err)
	}
	return n == 1, nil
}

// Release implements Lease.
func (l *RedisLease) Release(ctx context.Context) error {
	if err := l.release.Run(ctx, l.rdb, []string{l.key}, l.holder).Err(); err != nil {
		return fmt.Errorf("telegram lease: release %s: %w", l.key, err)
	}
	return nil
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
	ttl := c.lease.TTL()
	every := ttl / 3
	for {
		if sleep(ctx, every) != nil {
			return
		}
		began := time.Now()
		rctx, cancel := context.WithTimeout(ctx, every)
		ok, err := c.lease.Renew(rctx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		switch {
		case err == nil && ok:
			validUntil = began.Add(ttl)
		case err == nil:
			c.log.Warn("telegram: polling lease lost to another instance; standing by")
			lose()
			return
		case time.Now().Add(every).After(validUntil):
			c.log.Error("telegram: cannot renew the polling lease; stopping polling before it expires", "err", err)
			lose()
			return
		default:
			c.log.Warn("telegram: renewing the polling lease failed; retrying", "err", err)
		}
	}
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
