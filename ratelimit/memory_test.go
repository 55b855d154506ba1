package ratelimit

import (
	"context"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store/storetest"
)

// infoHook answers INFO with a canned text and counts how often it was
// asked, so the guard is tested without changing the shared test Redis'
// maxmemory (which would touch every other test using it).
type infoHook struct {
	mu    sync.Mutex
	text  string
	calls atomic.Int64
}

func (h *infoHook) set(used, maxmemory string) {
	h.mu.Lock()
	h.text = "# Memory\r\nused_memory:" + used + "\r\nused_memory_human:1M\r\nmaxmemory:" + maxmemory + "\r\n"
	h.mu.Unlock()
}

func (h *infoHook) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) { return next(ctx, network, addr) }
}

func (h *infoHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if sc, ok := cmd.(*redis.StringCmd); ok && strings.EqualFold(cmd.Name(), "info") {
			h.calls.Add(1)
			h.mu.Lock()
			sc.SetVal(h.text)
			h.mu.Unlock()
			return nil
		}
		return next(ctx, cmd)
	}
}

func (h *infoHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// hookMasters installs hook where the guard's INFO goes: the client of a
// single server or Sentinel group, each master's own client on a Cluster
// (the guard asks every master, and a Cluster client's hooks do not see
// commands sent to one node). It returns how many masters there are.
func hookMasters(t *testing.T, rdb redis.UniversalClient, hook redis.Hook) int64 {
	t.Helper()
	cc, ok := rdb.(*redis.ClusterClient)
	if !ok {
		rdb.AddHook(hook)
		return 1
	}
	var n atomic.Int64
	err := cc.ForEachMaster(context.Background(), func(_ context.Context, c *redis.Client) error {
		c.AddHook(hook)
		n.Add(1)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n.Load()
}

func TestMemoryGuardAsksAtMostOncePerInterval(t *testing.T) {
	rdb, _ := storetest.Redis(t)
	hook := &infoHook{}
	hook.set("800", "1000")
	masters := hookMasters(t, rdb, hook)
	var mu sync.Mutex
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	g := NewMemoryGuard(rdb, 0.9, 5*time.Second, clock, nil)
	ctx := context.Background()

	for range 100 {
		if g.Full(ctx) {
			t.Fatal("80% of maxmemory reported full with a 90% limit")
		}
	}
	if n := hook.calls.Load(); n != masters {
		t.Fatalf("INFO asked %d times within one interval, want once on each of %d masters", n, masters)
	}
	hook.set("950", "1000")
	if g.Full(ctx) {
		t.Fatal("the answer changed before the interval ended")
	}
	advance(5 * time.Second)
	if !g.Full(ctx) {
		t.Fatal("95% of maxmemory not reported full after the interval")
	}
	// No maxmemory: Redis grows as it likes, and the guard never refuses.
	hook.set("950", "0")
	advance(5 * time.Second)
	if g.Full(ctx) {
		t.Fatal("full without maxmemory")
	}
	if n := hook.calls.Load(); n != 3*masters {
		t.Fatalf("INFO asked %d times over three intervals, want 3 on each of %d masters", n, masters)
	}
}

// TestMemoryGuardOnRealRedis reads the real INFO memory of the test Redis.
func TestMemoryGuardOnRealRedis(t *testing.T) {
	rdb, _ := storetest.Redis(t)
	ratio, _, err := (&MemoryGuard{rdb: rdb}).usage(context.Background())
	if err != nil {
		t.Fatalf("reading INFO memory: %v", err)
	}
	if ratio < 0 {
		t.Fatalf("ratio %v", ratio)
	}
}

func TestParseUsage(t *testing.T) {
	if r, u, err := parseUsage("used_memory:500\r\nmaxmemory:1000\r\n"); err != nil || r != 0.5 || u {
		t.Fatalf("%v %v %v", r, u, err)
	}
	if r, u, err := parseUsage("used_memory:500\r\nmaxmemory:0\r\n"); err != nil || r != 0 || !u {
		t.Fatalf("no maxmemory: %v %v %v", r, u, err)
	}
	if _, _, err := parseUsage("# Memory\r\n"); err == nil {
		t.Fatal("an answer without the fields was accepted")
	}
}
