package ratelimit_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"frontdoor/internal/testclock"
	"frontdoor/ratelimit"
	"frontdoor/store/storetest"
)

func newClock() *testclock.Clock { return testclock.New(time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)) }

func TestBurstThenSteadyRate(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	clk := newClock()
	l := ratelimit.New(rdb, keys, ratelimit.Options{Now: clk.Now})
	ctx := context.Background()
	c := ratelimit.Check{Name: "test.burst", Subject: "a", Limit: ratelimit.Limit{Events: 6, Per: time.Minute, Burst: 3}}

	for i := range 3 {
		if d, err := l.Allow(ctx, c); err != nil || !d.Allowed {
			t.Fatalf("event %d of the burst: %+v %v", i+1, d, err)
		}
	}
	d, err := l.Allow(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	// 6 a minute is one every 10 s: the next fits 10 s after the burst.
	if d.Allowed || d.Denied != "test.burst" || d.RetryAfter != 10*time.Second {
		t.Fatalf("after the burst: %+v, want refused for 10s by test.burst", d)
	}
	clk.Add(9 * time.Second)
	if d, _ := l.Allow(ctx, c); d.Allowed || d.RetryAfter != time.Second {
		t.Fatalf("9s later: %+v, want refused for 1s more", d)
	}
	clk.Add(time.Second)
	if d, _ := l.Allow(ctx, c); !d.Allowed {
		t.Fatalf("10s later: %+v, want allowed", d)
	}
	// Another subject has its own budget.
	other := c
	other.Subject = "b"
	if d, _ := l.Allow(ctx, other); !d.Allowed {
		t.Fatalf("another subject: %+v", d)
	}
	// A budget left alone refills completely and its key goes away.
	clk.Add(time.Hour)
	for i := range 3 {
		if d, _ := l.Allow(ctx, c); !d.Allowed {
			t.Fatalf("refilled burst, event %d: %+v", i+1, d)
		}
	}
}

func TestRefusalGivesBackEarlierBudgets(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	clk := newClock()
	l := ratelimit.New(rdb, keys, ratelimit.Options{Now: clk.Now})
	ctx := context.Background()
	own := func(who string) ratelimit.Check {
		return ratelimit.Check{Name: "test.own", Subject: who, Limit: ratelimit.Limit{Events: 2, Per: time.Hour}}
	}
	shared := ratelimit.Check{Name: "test.shared", Limit: ratelimit.Limit{Events: 3, Per: time.Hour}}

	for _, who := range []string{"a", "a", "b"} {
		if d, _ := l.Allow(ctx, own(who), shared); !d.Allowed {
			t.Fatalf("%s: %+v", who, d)
		}
	}
	// The shared budget is spent: b is refused by it, and its own
	// budget is given back.
	d, err := l.Allow(ctx, own("b"), shared)
	if err != nil || d.Allowed || d.Denied != "test.shared" || d.RetryAfter != 20*time.Minute {
		t.Fatalf("shared budget spent: %+v %v", d, err)
	}
	// a is refused by its own budget, before the shared one is asked.
	if d, _ := l.Allow(ctx, own("a"), shared); d.Allowed || d.Denied != "test.own" {
		t.Fatalf("a over its own budget: %+v", d)
	}
	// When the shared budget has room again, b still has its second event.
	clk.Add(20 * time.Minute)
	if d, _ := l.Allow(ctx, own("b"), shared); !d.Allowed {
		t.Fatalf("b after the shared budget refilled: %+v", d)
	}
}

func TestOffLimitsAreSkipped(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	l := ratelimit.New(rdb, keys, ratelimit.Options{})
	for range 50 {
		if d, err := l.Allow(context.Background(), ratelimit.Check{Name: "off"}); err != nil || !d.Allowed {
			t.Fatalf("%+v %v", d, err)
		}
	}
	if keys := storetest.KeysWith(t, rdb, keys.Prefix()); len(keys) != 0 {
		t.Fatalf("an off limit wrote keys: %v", keys)
	}
}

// TestRedisClockSharedByProcesses: without a clock of their own, limiters
// (of different processes) measure on Redis' clock and share the budget.
func TestRedisClockSharedByProcesses(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	a := ratelimit.New(rdb, keys, ratelimit.Options{})
	b := ratelimit.New(rdb, keys, ratelimit.Options{})
	c := ratelimit.Check{Name: "test.shared", Limit: ratelimit.Limit{Events: 4, Per: time.Hour}}
	allowed := 0
	for i := range 10 {
		l := a
		if i%2 == 1 {
			l = b
		}
		d, err := l.Allow(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		if d.Allowed {
			allowed++
		} else if d.RetryAfter <= 0 || d.RetryAfter > 15*time.Minute {
			t.Fatalf("retry after %v, want up to 15m", d.RetryAfter)
		}
	}
	if allowed != 4 {
		t.Fatalf("%d of 10 allowed by two limiters sharing a budget of 4", allowed)
	}
}

// TestKeysExpire: a budget's key expires by itself, no later than its period.
func TestKeysExpire(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	l := ratelimit.New(rdb, keys, ratelimit.Options{})
	ctx := context.Background()
	for i := range 3 {
		c := ratelimit.Check{Name: "test.ttl", Subject: fmt.Sprint(i), Limit: ratelimit.Limit{Events: 10, Per: time.Hour}}
		if _, err := l.Allow(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	found := storetest.KeysWith(t, rdb, keys.Prefix())
	if len(found) != 3 {
		t.Fatalf("keys = %v, want one per subject", found)
	}
	for _, k := range found {
		ttl, err := rdb.PTTL(ctx, k).Result()
		if err != nil || ttl <= 0 || ttl > time.Hour {
			t.Errorf("%s: ttl %v %v, want within the hour", k, ttl, err)
		}
	}
}

func TestLimitValidate(t *testing.T) {
	tests := []struct {
		l  ratelimit.Limit
		ok bool
	}{
		{ratelimit.Limit{}, true},
		{ratelimit.Limit{Events: 5, Per: time.Minute}, true},
		{ratelimit.Limit{Events: 5, Per: time.Minute, Burst: 2}, true},
		{ratelimit.Limit{Events: -1, Per: time.Minute}, false},
		{ratelimit.Limit{Events: 5}, false},
		{ratelimit.Limit{Events: 5, Per: time.Minute, Burst: -1}, false},
		{ratelimit.Limit{Events: 1 << 30, Per: time.Millisecond}, false},
	}
	for _, tt := range tests {
		if err := tt.l.Validate(); (err == nil) != tt.ok {
			t.Errorf("%+v: %v", tt.l, err)
		}
	}
}
