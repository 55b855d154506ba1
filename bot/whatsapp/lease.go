package whatsapp

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// StatusStandby is the status of a process that does not hold the
// WhatsApp session lease: another process is connected, this one takes
// over when that one stops. Healthy: it does not start with "error".
const StatusStandby = "standby: another process holds the WhatsApp session"

// defaultLeaseTTL is how long the session lease lasts without renewal.
// Renewed every third of it; a process that stops releases it at once, so
// the TTL only matters when one dies.
const defaultLeaseTTL = 15 * time.Second

// Lease lets one process at a time hold the WhatsApp session. whatsmeow
// keeps one session per device store: a second process connecting with it
// makes WhatsApp drop the first ("stream replaced"), and the two would
// keep replacing each other. Processes sharing a store (PostgreSQL, or one
// SQLite file on a shared disk) take turns through the lease; the others
// stand by.
type Lease interface {
	// Acquire takes the lease if it is free, or renews it if this holder
	// has it; it reports whether this holder has it now.
	Acquire(ctx context.Context) (bool, error)
	// Renew extends the lease by its TTL; false when this holder no
	// longer has it.
	Renew(ctx context.Context) (bool, error)
	// Release gives the lease up if this holder has it, so that another
	// process takes over at once.
	Release(ctx context.Context) error
	// TTL is how long the lease lasts without a renewal.
	TTL() time.Duration
}

// RedisLease is a Lease in Redis. Its one key (prefix P):
//
//	P whatsapp:session  STRING  holder id ("host/pid/random") of the
//	                            process connected to WhatsApp, expiring
//	                            after the TTL unless renewed
//
// One key per operation: safe in Redis Cluster.
type RedisLease struct {
	rdb     redis.UniversalClient
	key     string
	holder  string
	ttl     time.Duration
	renew   *redis.Script
	release *redis.Script
}

// NewRedisLease returns the session lease of the processes sharing rdb and
// keys' prefix; ttl 0 means 15 s.
func NewRedisLease(rdb redis.UniversalClient, keys store.Keys, ttl time.Duration) *RedisLease {
	if ttl <= 0 {
		ttl = defaultLeaseTTL
	}
	b := make([]byte, 8)
	rand.Read(b)
	host, _ := os.Hostname()
	return &RedisLease{
		rdb:    rdb,
		key:    keys.Global("whatsapp:session"),
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
	}
}

// TTL implements Lease.
func (l *RedisLease) TTL() time.Duration { return l.ttl }

// Acquire implements Lease.
func (l *RedisLease) Acquire(ctx context.Context) (bool, error) {
	ok, err := l.rdb.SetNX(ctx, l.key, l.holder, l.ttl).Result()
	if err != nil {
		return false, fmt.Errorf("whatsapp lease: take %s: %w", l.key, err)
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
		return false, fmt.Errorf("whatsapp lease: renew %s: %w", l.key, err)
	}
	return n == 1, nil
}

// Release implements Lease.
func (l *RedisLease) Release(ctx context.Context) error {
	if err := l.release.Run(ctx, l.rdb, []string{l.key}, l.holder).Err(); err != nil {
		return fmt.Errorf("whatsapp lease: release %s: %w", l.key, err)
	}
	return nil
}

// awaitLease stands by until this process holds the lease (true) or ctx
// ends (false), trying every third of the TTL.
func (c *Channel) awaitLease(ctx context.Context) bool {
	l := c.cfg.Lease
	every := l.TTL() / 3
	standby := false
	for ctx.Err() == nil {
		actx, cancel := context.WithTimeout(ctx, every)
		held, err := l.Acquire(actx)
		cancel()
		switch {
		case ctx.Err() != nil:
			return false
		case err != nil:
			c.setStatus("error: cannot reach Redis for the WhatsApp session lease, retrying")
			c.log.Warn("whatsapp: cannot take the session lease, retrying", "err", err)
		case held:
			c.log.Info("whatsapp: session lease taken: this process connects to WhatsApp")
			return true
		default:
			if !standby {
				c.log.Info("whatsapp: standing by: another process holds the WhatsApp session")
				standby = true
			}
			c.setStatus(StatusStandby)
		}
		if sleep(ctx, every) != nil {
			return false
		}
	}
	return false
}

// holdLease keeps the lease renewed while the session runs. The context
// it returns ends when the lease is lost (taken by another, or renewals
// failing until less than a renewal period of it is left), so the session
// is dropped before another process can take the lease. done stops the
// renewals, releases the lease and reports whether it had been lost.
func (c *Channel) holdLease(ctx context.Context) (lctx context.Context, done func() (lost bool)) {
	l := c.cfg.Lease
	lctx, lose := context.WithCancel(ctx)
	stop := make(chan struct{})
	finished := make(chan bool, 1)
	go func() {
		ttl := l.TTL()
		every := ttl / 3
		validUntil := time.Now().Add(ttl)
		lost := false
		defer func() { finished <- lost }()
		for {
			select {
			case <-stop:
				return
			case <-lctx.Done():
				return
			case <-time.After(every):
			}
			began := time.Now()
			rctx, cancel := context.WithTimeout(lctx, every)
			ok, err := l.Renew(rctx)
			cancel()
			switch {
			case lctx.Err() != nil:
				return
			case err == nil && ok:
				validUntil = began.Add(ttl)
				continue
			case err == nil:
				c.log.Warn("whatsapp: session lease lost to another process; disconnecting and standing by")
			case time.Now().Add(every).After(validUntil):
				c.log.Error("whatsapp: cannot renew the session lease; disconnecting before it expires", "err", err)
			default:
				c.log.Warn("whatsapp: renewing the session lease failed; retrying", "err", err)
				continue
			}
			lost = true
			lose()
			return
		}
	}()
	return lctx, func() bool {
		close(stop)
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
