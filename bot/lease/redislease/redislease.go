// Package redislease holds a lease.Lease in Redis, for the processes
// sharing a Redis and key prefix.
package redislease

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"time"

	"github.com/redis/go-redis/v9"
)

// Lease is a lease.Lease in one Redis key, whose value is the holder's id
// ("host/pid/random") and which expires after the TTL unless renewed. One
// key per operation: safe in Redis Cluster. The adapters name the key (and
// document it with their other keys).
type Lease struct {
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

// New returns the lease held in key for ttl between renewals, for a
// new holder id; name prefixes its errors.
func New(rdb redis.UniversalClient, key string, ttl time.Duration, name string) *Lease {
	b := make([]byte, 8)
	rand.Read(b)
	host, _ := os.Hostname()
	return &Lease{rdb: rdb, key: key, ttl: ttl, name: name,
		holder: fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))}
}

// Key is the Redis key of the lease.
func (l *Lease) Key() string { return l.key }

// Holder identifies this holder in the key's value.
func (l *Lease) Holder() string { return l.holder }

// TTL implements lease.Lease.
func (l *Lease) TTL() time.Duration { return l.ttl }

// Acquire implements lease.Lease.
func (l *Lease) Acquire(ctx context.Context) (bool, error) {
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

// Renew implements lease.Lease.
func (l *Lease) Renew(ctx context.Context) (bool, error) {
	n, err := renewScript.Run(ctx, l.rdb, []string{l.key}, l.holder, l.ttl.Milliseconds()).Int()
	if err != nil {
		return false, fmt.Errorf("%s: renew %s: %w", l.name, l.key, err)
	}
	return n == 1, nil
}

// Release implements lease.Lease.
func (l *Lease) Release(ctx context.Context) error {
	if err := releaseScript.Run(ctx, l.rdb, []string{l.key}, l.holder).Err(); err != nil {
		return fmt.Errorf("%s: release %s: %w", l.name, l.key, err)
	}
	return nil
}
