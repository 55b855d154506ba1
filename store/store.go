// Package store opens the Redis connection Frontdoor keeps all its state in,
// names keys, and runs the embedded in-process Redis used when none is
// configured.
package store

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"strings"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Options says which Redis to use. All empty means the embedded one.
type Options struct {
	// URL is a redis:// or rediss:// URL for a single node.
	URL string
	// Addrs lists host:port addresses: several for Cluster, or Sentinels
	// when MasterName is set.
	Addrs      []string
	MasterName string
	Username   string
	Password   string
	DB         int
	// PoolSize bounds connections; 0 means go-redis' default.
	PoolSize int
}

// Configured reports whether a real Redis was asked for.
func (o Options) Configured() bool { return o.URL != "" || len(o.Addrs) > 0 }

// DB is an open Redis connection and what is needed to close it.
type DB struct {
	Client   redis.UniversalClient
	Embedded bool
	// Traffic counts the client's round trips and commands, for /metrics
	// and the benchmarks.
	Traffic *Traffic
	mini    *miniredis.Miniredis
}

// Close closes the client and stops the embedded server, if any.
func (d *DB) Close() error {
	err := d.Client.Close()
	if d.mini != nil {
		d.mini.Close()
	}
	return err
}

// Open connects to the configured Redis and checks it answers. With nothing
// configured it starts the embedded Redis and says loudly that nothing
// survives a restart. A configured Redis that does not answer is an error:
// falling back silently would lose people's conversations.
func Open(ctx context.Context, o Options, log *slog.Logger) (*DB, error) {
	if !o.Configured() {
		m := miniredis.NewMiniRedis()
		if err := m.Start(); err != nil {
			return nil, fmt.Errorf("start embedded redis: %w", err)
		}
		log.Warn("no Redis configured: using an embedded in-process Redis; nothing survives a restart. Set REDIS_URL or redis.url in config.yaml for real use.")
		c := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{m.Addr()}, PoolSize: 4*Shards + 64, ContextTimeoutEnabled: true})
		t := &Traffic{}
		CountTraffic(c, t)
		return &DB{Client: c, Embedded: true, mini: m, Traffic: t}, nil
	}
	if o.PoolSize == 0 {
		// The dispatcher keeps one blocking connection per shard waiting
		// for work; go-redis' default (10 per CPU) would leave too few
		// for the work itself.
		o.PoolSize = 4*Shards + 64
	}
	uo, err := o.universal()
	if err != nil {
		return nil, err
	}
	c := redis.NewUniversalClient(uo)
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := c.Ping(pingCtx).Err(); err != nil {
		c.Close()
		return nil, fmt.Errorf("redis at %s is not reachable: %w", o.Describe(), err)
	}
	t := &Traffic{}
	CountTraffic(c, t)
	return &DB{Client: c, Traffic: t}, nil
}

func (o Options) universal() (*redis.UniversalOptions, error) {
	uo := &redis.UniversalOptions{
		Addrs:                 o.Addrs,
		MasterName:            o.MasterName,
		Username:              o.Username,
		Password:              o.Password,
		DB:                    o.DB,
		PoolSize:              o.PoolSize,
		ContextTimeoutEnabled: true,
	}
	if o.URL != "" {
		po, err := redis.ParseURL(o.URL)
		if err != nil {
			return nil, fmt.Errorf("redis url: %w", err)
		}
		uo.Addrs = []string{po.Addr}
		uo.Username, uo.Password, uo.DB, uo.TLSConfig = po.Username, po.Password, po.DB, po.TLSConfig
		if o.Username != "" {
			uo.Username = o.Username
		}
		if o.Password != "" {
			uo.Password = o.Password
		}
	}
	return uo, nil
}

// Describe names the Redis without its password, for error messages.
func (o Options) Describe() string {
	if o.URL != "" {
		if i := strings.LastIndex(o.URL, "@"); i >= 0 {
			scheme, _, _ := strings.Cut(o.URL, "://")
			return scheme + "://" + o.URL[i+1:]
		}
		return o.URL
	}
	if o.MasterName != "" {
		return fmt.Sprintf("sentinel master %q via %s", o.MasterName, strings.Join(o.Addrs, ","))
	}
	return strings.Join(o.Addrs, ",")
}

// Shards is the number of hash-tag groups contacts are spread over. Every key
// of one contact, and the per-shard queues that mention it, share one hash
// tag, so a Lua script touching them stays in one Cluster slot.
const Shards = 16

// Keys builds namespaced key names. The zero value is not usable; use
// NewKeys.
type Keys struct {
	prefix string
}

// NewKeys returns key naming under prefix ("fd:" by default).
func NewKeys(prefix string) Keys {
	if prefix == "" {
		prefix = "fd:"
	}
	return Keys{prefix: prefix}
}

// Prefix is the namespace every key starts with.
func (k Keys) Prefix() string { return k.prefix }

// Shard returns the shard of a contact key ("channel:id").
func Shard(contactKey string) int {
	h := fnv.New32a()
	h.Write([]byte(contactKey))
	return int(h.Sum32() % Shards)
}

// ShardKey names a per-shard key: prefix{s}:name.
func (k Keys) ShardKey(shard int, name string) string {
	return fmt.Sprintf("%s{%d}:%s", k.prefix, shard, name)
}

// ContactKey names a key of one contact, in the contact's shard:
// prefix{s}:name:channel:id.
func (k Keys) ContactKey(contactKey, name string) string {
	return k.ShardKey(Shard(contactKey), name+":"+contactKey)
}

// Global names a key that belongs to no contact: prefix name.
func (k Keys) Global(name string) string { return k.prefix + name }

// ErrNil is returned by lookups that found nothing.
var ErrNil = errors.New("not found")
