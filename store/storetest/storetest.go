// Package storetest connects tests to a real Redis under a key prefix of
// their own that is deleted afterwards, and starts local Redis Clusters and
// Sentinel groups for the tests of failover.
//
// Which Redis: FRONTDOOR_TEST_REDIS_ADDRS (host:port,... of a Cluster, or
// of Sentinels with FRONTDOOR_TEST_REDIS_MASTER naming the master) when
// set, else FRONTDOOR_TEST_REDIS (default redis://127.0.0.1:6379/15). When
// addresses are given, nothing falls back to a default server.
// FRONTDOOR_TEST_SCRIPT_KEYS=1 makes every test client fail on a script's
// undeclared key (CheckScriptKeys).
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// URL is the single-node Redis tests use when no addresses are given.
func URL() string {
	if u := os.Getenv("FRONTDOOR_TEST_REDIS"); u != "" {
		return u
	}
	return "redis://127.0.0.1:6379/15"
}

// Options is the Redis tests use, as serve would be configured for it.
func Options() store.Options {
	if a := os.Getenv("FRONTDOOR_TEST_REDIS_ADDRS"); a != "" {
		return store.Options{Addrs: strings.Split(a, ","), MasterName: os.Getenv("FRONTDOOR_TEST_REDIS_MASTER")}
	}
	return store.Options{URL: URL()}
}

// Env is the configuration of the test Redis as serve's environment
// variables, for tests that run commands.
func Env() map[string]string {
	o := Options()
	if len(o.Addrs) > 0 {
		env := map[string]string{"REDIS_ADDRS": strings.Join(o.Addrs, ",")}
		if o.MasterName != "" {
			env["REDIS_MASTER_NAME"] = o.MasterName
		}
		return env
	}
	return map[string]string{"REDIS_URL": o.URL}
}

// Redis returns a client on the test Redis and keys under a fresh prefix.
// It fails the test when Redis does not answer: tests of Redis behaviour
// must not pass without one.
func Redis(tb testing.TB) (redis.UniversalClient, store.Keys) {
	tb.Helper()
	return RedisAt(tb, Options())
}

// RedisAt is Redis on the Redis o names (a Cluster or Sentinel group a test
// started, say).
func RedisAt(tb testing.TB, o store.Options) (redis.UniversalClient, store.Keys) {
	tb.Helper()
	if !o.Configured() {
		tb.Fatal("storetest: no Redis named")
	}
	o.PoolSize = 64
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db, err := store.Open(ctx, o, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatalf("test Redis at %s does not answer (start one, or set FRONTDOOR_TEST_REDIS or FRONTDOOR_TEST_REDIS_ADDRS): %v", o.Describe(), err)
	}
	c := db.Client
	guardCluster(tb, c)
	b := make([]byte, 6)
	rand.Read(b)
	keys := store.NewKeys("fdtest:" + hex.EncodeToString(b) + ":")
	tb.Cleanup(func() {
		Clean(c, keys.Prefix())
		db.Close()
	})
	return c, keys
}

// Client opens a client of its own on the test Redis, for a test that
// crashes one process by closing its client. It is closed when the test
// ends, if the test did not close it.
func Client(tb testing.TB) redis.UniversalClient {
	tb.Helper()
	return ClientDialing(tb, nil)
}

// ClientDialing is Client whose connections dial opens (a ReplyLoss's
// Dialer, for a test that loses replies on the wire; nil: the usual
// dialer), on whatever Redis the tests are given: one server, a Cluster
// or a Sentinel group.
func ClientDialing(tb testing.TB, dial func(ctx context.Context, network, addr string) (net.Conn, error)) redis.UniversalClient {
	tb.Helper()
	o := Options()
	o.Dialer = dial
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db, err := store.Open(ctx, o, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatalf("test Redis at %s: %v", o.Describe(), err)
	}
	tb.Cleanup(func() { db.Close() })
	guardCluster(tb, db.Client)
	return db.Client
}

// guardCluster installs GuardSlots on c when it is a Cluster client, and
// CheckScriptKeys on any client when FRONTDOOR_TEST_SCRIPT_KEYS is set:
// every script a package's tests run must then declare the keys it
// touches (on 2026-12-07 no script of bot/dispatch, booking, broadcast,
// stats, ratelimit, texts, the leases or store touched one undeclared;
// handoff's tests check theirs on every run). Not for every run: the
// check costs a script's first run a round trip more, and tests that
// count commands, or lose or fail a script by its name or its bytes,
// fail under it by the check itself (TestCommandsPerMessage,
// TestScriptsRunTwiceLoseNoMessage, booking's interrupted scripts).
func guardCluster(tb testing.TB, c redis.UniversalClient) {
	if os.Getenv("FRONTDOOR_TEST_SCRIPT_KEYS") != "" {
		CheckScriptKeys(tb, c)
	}
	if _, ok := c.(*redis.ClusterClient); ok {
		GuardSlots(tb, c)
	}
}

// Clean deletes every key under prefix, on every master.
func Clean(c redis.UniversalClient, prefix string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	store.DeletePrefix(ctx, c, prefix)
}

// KeysWith lists keys under prefix on every master, for tests that check
// nothing is left.
func KeysWith(tb testing.TB, c redis.UniversalClient, prefix string) []string {
	tb.Helper()
	out, err := store.KeysWith(context.Background(), c, prefix)
	if err != nil {
		tb.Fatalf("scan: %v", err)
	}
	return out
}

// KeysPerMaster counts the keys under prefix on each master, by its
// address (one entry, the server's, on a single node): how a layout
// spreads over a Cluster.
func KeysPerMaster(tb testing.TB, c redis.UniversalClient, prefix string) map[string]int {
	tb.Helper()
	var mu sync.Mutex
	out := map[string]int{}
	count := func(ctx context.Context, addr string, n redis.UniversalClient) error {
		iter := n.Scan(ctx, 0, prefix+"*", 1000).Iterator()
		k := 0
		for iter.Next(ctx) {
			k++
		}
		mu.Lock()
		out[addr] += k
		mu.Unlock()
		return iter.Err()
	}
	ctx := context.Background()
	var err error
	if cc, ok := c.(*redis.ClusterClient); ok {
		err = cc.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error { return count(ctx, n.Options().Addr, n) })
	} else {
		err = count(ctx, "single", c)
	}
	if err != nil {
		tb.Fatalf("storetest: count keys per master: %v", err)
	}
	return out
}
