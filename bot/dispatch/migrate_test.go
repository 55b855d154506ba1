package dispatch_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot/dispatch"
	"frontdoor/store"
)

// An outbox left by a version before 2026-12-06, a list of its own
// (P{s}:out:c, one JSON item a line), is delivered by the version that
// keeps it in the state hash: in order, before anything newer, once, with
// two instances running.
func TestOutboxOfAnEarlierVersionDelivered(t *testing.T) {
	old := []string{
		`{"r":{"text":"old one"}}`,
		`{"r":{"text":"old two"},"rt":"2026-12-06T01:00:00Z","m":"m5"}`,
	}
	for _, tc := range []struct {
		name string
		// state: the contact's hash as the earlier version left it
		// (nil: none, as after an Outbound to someone whose state had
		// expired).
		state map[string]any
		// message: a message the person writes after the upgrade, on
		// which the outbox rides ("": none; the janitor finds the
		// contact, whose hold expired).
		message string
		want    []string
	}{
		{"postponed during an outage", map[string]any{"st": "3", "dtries": "2", "ex": "1"}, "", []string{"old one", "old two"}},
		{"a message after the upgrade", map[string]any{"st": "3", "ex": "1"}, "hello", []string{"old one", "old two", "echo:hello"}},
		{"no state", nil, "", []string{"old one", "old two"}},
		{"no state, a message after the upgrade", nil, "hello", []string{"old one", "old two", "echo:hello"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			const ck = "test:1"
			key := func(n string) string { return f.keys.ContactKey(ck, n) }
			pending := f.keys.ShardKey(store.Shard(ck), "pending")
			since := time.Now()
			if tc.message == "" {
				// Signalled long ago, its lease long gone.
				since = since.Add(-time.Hour)
			}
			_, err := f.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.RPush(ctx, key("out"), old)
				if tc.state != nil {
					p.HSet(ctx, key("ct"), tc.state)
					p.Expire(ctx, key("ct"), time.Hour)
				}
				p.ZAdd(ctx, pending, redis.Z{Score: float64(since.UnixMilli()), Member: ck})
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			// Two instances, both after the upgrade.
			d1 := f.dispatcher(f.rdb, dispatch.Options{})
			d2 := f.dispatcher(f.rdb, dispatch.Options{})
			start(t, d1)
			start(t, d2)
			if tc.message != "" {
				// While they run, so that the message's accept claims
				// the contact.
				settle(t, d1, f.out, "0", "zero", "echo:zero")
				if ok, err := d1.Accept(ctx, msg("1", "m6", tc.message)); !ok || err != nil {
					t.Fatalf("accept: %v %v", ok, err)
				}
			}
			c := msg("1", "", "").Contact
			waitFor(t, "the old outbox", func() bool { return len(f.out.replies(c)) >= len(tc.want) })
			settle(t, d2, f.out, "1", "later", "echo:later")
			if got, want := f.out.replies(c), append(slices.Clone(tc.want), "echo:later"); !slices.Equal(got, want) {
				t.Errorf("replies = %q, want %q", got, want)
			}
			if n := f.rdb.Exists(ctx, key("out")).Val(); n != 0 {
				t.Error("the old outbox list is still there")
			}
			if ttl := f.rdb.TTL(ctx, key("ct")).Val(); ttl < 0 && ttl != -2*time.Nanosecond {
				t.Errorf("the contact's hash has no expiry (TTL %v)", ttl)
			}
			if n := f.rdb.HExists(ctx, key("ct"), "dtries").Val(); n {
				t.Error("the count of delivery rounds was kept after the delivery")
			}
		})
	}
}
