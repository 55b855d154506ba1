package ratelimit

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// MemoryGuard tells when Redis is nearly full, so that callers can stop
// taking on new work (new conversations) while existing work goes on. It
// asks Redis (INFO memory) at most once per interval, never per request, and
// answers from what it last learnt in between. Create it with NewMemoryGuard;
// it is safe for concurrent use.
type MemoryGuard struct {
	rdb      redis.UniversalClient
	fraction float64
	every    time.Duration
	now      func() time.Time
	log      *slog.Logger

	mu         sync.Mutex
	checked    time.Time // when the last answer was asked for; zero: never
	refreshing bool
	full       bool
	failing    bool // the last refresh failed: said once in the log, not every time
	saidNoMax  bool // that Redis has no maxmemory was said in the log
}

// NewMemoryGuard returns a guard that reports Full while used_memory is above
// fraction of maxmemory, asking Redis at most every `every`. A Redis without
// maxmemory is never full for the guard (it grows until the machine stops
// it; set maxmemory). now nil means time.Now.
func NewMemoryGuard(rdb redis.UniversalClient, fraction float64, every time.Duration, now func() time.Time, log *slog.Logger) *MemoryGuard {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &MemoryGuard{rdb: rdb, fraction: fraction, every: every, now: now, log: log}
}

// Full reports whether Redis uses more than the configured fraction of its
// maxmemory. When Redis cannot be asked, the last known answer stands: a
// Redis that does not answer fails the work itself, more clearly.
func (g *MemoryGuard) Full(ctx context.Context) bool {
	g.mu.Lock()
	now := g.now()
	// One caller refreshes; the others meanwhile take the last answer
	// rather than queueing behind it.
	if g.refreshing || (!g.checked.IsZero() && now.Sub(g.checked) < g.every) {
		full := g.full
		g.mu.Unlock()
		return full
	}
	g.refreshing = true
	g.mu.Unlock()

	ratio, unlimited, err := g.usage(ctx)

	g.mu.Lock()
	defer g.mu.Unlock()
	g.refreshing = false
	g.checked = now
	if err != nil {
		if !g.failing {
			g.log.Warn("redis memory guard: cannot read INFO memory; keeping the last answer", "err", err, "full", g.full)
		}
		g.failing = true
		return g.full
	}
	g.failing = false
	if unlimited && !g.saidNoMax {
		g.saidNoMax = true
		g.log.Warn("redis has no maxmemory: the memory guard cannot tell when it is nearly full; set maxmemory (with maxmemory-policy noeviction)")
	}
	full := ratio > g.fraction
	if full != g.full {
		if full {
			g.log.Warn("redis memory nearly full: refusing new browser conversations", "used_of_maxmemory", ratio, "limit", g.fraction)
		} else {
			g.log.Info("redis memory below the limit again: taking new browser conversations", "used_of_maxmemory", ratio, "limit", g.fraction)
		}
	}
	g.full = full
	return full
}

// usage returns used_memory/maxmemory, the highest over a Cluster's masters
// (the keys of a new conversation may land on any of them); unlimited says
// a node has no maxmemory (its ratio counts as 0).
func (g *MemoryGuard) usage(ctx context.Context) (ratio float64, unlimited bool, err error) {
	if cc, ok := g.rdb.(*redis.ClusterClient); ok {
		var mu sync.Mutex
		err := cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error {
			r, u, err := nodeUsage(ctx, c)
			if err != nil {
				return err
			}
			mu.Lock()
			ratio, unlimited = max(ratio, r), unlimited || u
			mu.Unlock()
			return nil
		})
		return ratio, unlimited, err
	}
	return nodeUsage(ctx, g.rdb)
}

func nodeUsage(ctx context.Context, c redis.Cmdable) (float64, bool, error) {
	info, err := c.Info(ctx, "memory").Result()
	if err != nil {
		return 0, false, fmt.Errorf("INFO memory: %w", err)
	}
	return parseUsage(info)
}

// parseUsage reads used_memory and maxmemory from an INFO memory answer;
// unlimited when maxmemory is 0.
func parseUsage(info string) (ratio float64, unlimited bool, err error) {
	var used, limit int64 = -1, -1
	sc := bufio.NewScanner(strings.NewReader(info))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), ":")
		if !ok {
			continue
		}
		switch k {
		case "used_memory":
			used, _ = strconv.ParseInt(v, 10, 64)
		case "maxmemory":
			limit, _ = strconv.ParseInt(v, 10, 64)
		}
	}
	if used < 0 || limit < 0 {
		return 0, false, fmt.Errorf("INFO memory lacks used_memory or maxmemory")
	}
	if limit == 0 {
		return 0, true, nil
	}
	return float64(used) / float64(limit), false, nil
}
