package dispatch_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot/dispatch"
	"frontdoor/internal/logbuf"
	"frontdoor/store"
)

// A process of the version before 2026-12-07 still running after the
// upgrade writes the 16-shard layout (P{0}…P{15}): its contacts' messages
// are served by it alone, out of the others' sight. The janitor finds its
// shard queues, says so in the log as an error and records it for every
// process's /healthz (store.OldWritersSeen), and goes on: no crash loop.
func TestJanitorFindsOldWriters(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var logs logbuf.Buffer
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: 400 * time.Millisecond,
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	start(t, d)
	if seen, err := store.OldWritersSeen(ctx, f.rdb, f.keys); err != nil || seen != "" {
		t.Fatalf("before any old key: %q %v", seen, err)
	}
	// What an old process's accept writes: its shard's pending set.
	f.rdb.ZAdd(ctx, f.keys.Prefix()+"{5}:pending", redis.Z{Score: 1, Member: "test:1"})
	waitFor(t, "the janitor's log of processes of an older version", func() bool { return strings.Contains(logs.String(), "older version") })
	if l := logs.String(); !strings.Contains(l, "level=ERROR") || !strings.Contains(l, "older version") {
		t.Fatalf("log %q: want an error naming processes of an older version", l)
	}
	seen, err := store.OldWritersSeen(ctx, f.rdb, f.keys)
	if err != nil || seen == "" {
		t.Errorf("sighting recorded for /healthz: %q %v", seen, err)
	}
	// Still serving.
	settle(t, d, f.out, "2", "two", "echo:two")
}
