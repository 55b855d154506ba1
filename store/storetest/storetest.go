// Package storetest connects tests to the real Redis named by
// FRONTDOOR_TEST_REDIS (default redis://127.0.0.1:6379/15), under a key prefix
// of their own that is deleted afterwards.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// URL is the Redis tests use.
func URL() string {
	if u := os.Getenv("FRONTDOOR_TEST_REDIS"); u != "" {
		return u
	}
	return "redis://127.0.0.1:6379/15"
}

// Redis returns a client on the test Redis and keys under a fresh prefix.
// It fails the test when Redis does not answer: tests of Redis behaviour
// must not pass without one.
func Redis(tb testing.TB) (redis.UniversalClient, store.Keys) {
	tb.Helper()
	opt, err := redis.ParseURL(URL())
	if err != nil {
		tb.Fatalf("FRONTDOOR_TEST_REDIS: %v", err)
	}
	c := redis.NewUniversalClient(&redis.UniversalOptions{
		Addrs: []string{opt.Addr}, DB: opt.DB, Username: opt.Username, Password: opt.Password,
		PoolSize: 64, ContextTimeoutEnabled: true,
	})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := c.Ping(ctx).Err(); err != nil {
		tb.Fatalf("test Redis at %s does not answer (start one, or set FRONTDOOR_TEST_REDIS): %v", opt.Addr, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	keys := store.NewKeys("fdtest:" + hex.EncodeToString(b) + ":")
	tb.Cleanup(func() {
		Clean(c, keys.Prefix())
		c.Close()
	})
	return c, keys
}

// Clean deletes every key under prefix.
func Clean(c redis.UniversalClient, prefix string) {
	ctx := context.Background()
	iter := c.Scan(ctx, 0, prefix+"*", 1000).Iterator()
	var batch []string
	for iter.Next(ctx) {
		batch = append(batch, iter.Val())
		if len(batch) == 500 {
			c.Del(ctx, batch...)
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		c.Del(ctx, batch...)
	}
}

// KeysWith lists keys under prefix, for tests that check nothing is left.
func KeysWith(tb testing.TB, c redis.UniversalClient, prefix string) []string {
	tb.Helper()
	ctx := context.Background()
	var out []string
	iter := c.Scan(ctx, 0, prefix+"*", 1000).Iterator()
	for iter.Next(ctx) {
		out = append(out, iter.Val())
	}
	if err := iter.Err(); err != nil {
		tb.Fatalf("scan: %v", err)
	}
	return out
}
