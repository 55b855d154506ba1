package ratelimit_test

import (
	"context"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"frontdoor/ratelimit"
	"frontdoor/store"
)

// TestEmbeddedRedis: `frontdoor serve` without a Redis runs on the embedded
// one, whose Lua must run the budget script too, on its own clock.
func TestEmbeddedRedis(t *testing.T) {
	m := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: m.Addr()})
	t.Cleanup(func() { rdb.Close() })
	l := ratelimit.New(rdb, store.NewKeys("fd:"), ratelimit.Options{})
	c := ratelimit.Check{Name: "embedded", Subject: "x", Limit: ratelimit.Limit{Events: 2, Per: time.Hour}}
	for i := range 2 {
		if d, err := l.Allow(context.Background(), c); err != nil || !d.Allowed {
			t.Fatalf("event %d: %+v %v", i+1, d, err)
		}
	}
	d, err := l.Allow(context.Background(), c)
	if err != nil || d.Allowed || d.RetryAfter <= 0 || d.RetryAfter > 30*time.Minute {
		t.Fatalf("third event: %+v %v, want refused for up to 30m", d, err)
	}
}
