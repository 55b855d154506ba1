// Package lease lets one process at a time do what only one may do for a
// channel, across every Frontdoor process sharing a Redis: poll a Telegram
// bot's updates (Telegram serves getUpdates to one caller) or hold a
// WhatsApp session (a second connection makes WhatsApp drop the first).
// The holder renews the lease every third of its TTL and gives it up as
// soon as it cannot be sure to hold it, so two holders never overlap.
package lease

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/redis/go-redis/v9"
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

// Redis is a Lease in one Redis key, whose value is the holder's id
// ("host/pid/random") and which expires after the TTL unless renewed. One
// key per operation: safe in Redis Cluster. The adapters name the key (and
// document it with their other keys).
type Redis struct {
	rdb    redis.UniversalClient
	key    string
	holder string
	ttl    time.Duration
	// name says whose lease it is in errors ("telegram lease").
	name string
}

// KEYS lease; ARGV holder, ttlMs. Compare and renew: a holder whose lease
// expired and was taken must not extend the other's.
var renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`)

// KEYS lease; ARGV holder. Compare and delete, for the same reason.
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])`)

// NewRedis returns the lease held in key for ttl between renewals, for a
// new holder id; name prefixes its errors.
func NewRedis(rdb redis.UniversalClient, key string, ttl time.Duration, name string) *Redis {
	b := make([]byte, 8)
	rand.Read(b)
	host, _ := os.Hostname()
	return &Redis{rdb: rdb, key: key, ttl: ttl, name: name,
		holder: fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))}
}

// Key is the Redis key of the lease.
func (l *Redis) Key() string { return l.key }

// Holder identifies this holder in the key's value.
func (l *Redis) Holder() string { return l.holder }

// TTL implements Lease.
func (l *Redis) TTL() time.Duration { return l.ttl }

// Acquire implements Lease.
func (l *Redis) Acquire(ctx context.Context) (bool, error) {
	ok, err := l.rdb.SetNX(ctx, l.key, l.holder, l.ttl).Result()
	if err != nil {
		return false, fmt.Errorf("%s: take %s: %w", l.name, l.key, err)
	}
	if ok {
		return true, nil
	}
	// Held already, perhaps by this holder (a renewal whose answer was
	// lost): then it is renewed.
	return l.Renew(ctx)
}

// Renew implements Lease.
func (l *Redis) Renew(ctx context.Context) (bool, error) {
	n, err := renewScript.Run(ctx, l.rdb, []string{l.key}, l.holder, l.ttl.Milliseconds()).Int()
	if err != nil {
		return false, fmt.Errorf("%s: renew %s: %w", l.name, l.key, err)
	}
	return n == 1, nil
}

// Release implements Lease.
func (l *Redis) Release(ctx context.Context) error {
	if err := releaseScript.Run(ctx, l.rdb, []string{l.key}, l.holder).Err(); err != nil {
		return fmt.Errorf("%s: release %s: %w", l.name, l.key, err)
	}
	return nil
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
		rctx, cancel := context.WithTimeout(ctx, every)
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
