package dispatch_test

import (
	"context"
	"fmt"
	"hash/fnv"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot/dispatch"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// oldLayout moves a contact's keys, as the dispatcher wrote them, to the
// names of the layout before 2026-12-07 (16 shards tagged {0}…{15}), with
// its place in the shard's pending, later and ready.
func oldLayout(t *testing.T, rdb redis.UniversalClient, k store.Keys, ck string) {
	t.Helper()
	ctx := context.Background()
	h := fnv.New32a()
	h.Write([]byte(ck))
	old := fmt.Sprintf("%s{%d}:", k.Prefix(), h.Sum32()%16)
	for _, name := range store.ContactKeyNames() {
		key := k.ContactKey(ck, name)
		dump, err := rdb.Dump(ctx, key).Result()
		if err == redis.Nil {
			continue
		}
		ttl := rdb.PTTL(ctx, key).Val()
		if ttl < 0 {
			ttl = 0
		}
		if err := rdb.Restore(ctx, old+name+":"+ck, ttl, dump).Err(); err != nil {
			t.Fatal(err)
		}
		rdb.Del(ctx, key)
	}
	for _, q := range []string{"pending", "later"} {
		key := k.ShardKey(store.Shard(ck), q)
		if sc, err := rdb.ZScore(ctx, key, ck).Result(); err == nil {
			rdb.ZAdd(ctx, old+q, redis.Z{Score: sc, Member: ck})
			rdb.ZRem(ctx, key, ck)
		}
	}
	ready := k.GroupKey(store.Group(store.Shard(ck)), "ready")
	if n := rdb.LRem(ctx, ready, 0, ck).Val(); n > 0 {
		rdb.RPush(ctx, old+"ready", ck)
	}
}

// Keys written in the layout before 2026-12-07 (messages waiting in a
// contact's inbox, the contact pending and signalled in ready; an outbox
// that waits for its channel, its contact in later; a booking dialogue)
// are moved at start and served: every message answered once and in
// order, the waiting reply delivered, no key of the old layout left.
func TestOldLayoutServedAfterTheUpgrade(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// Not running: the messages wait in the inbox, signalled.
	d0 := f.dispatcher(f.rdb, dispatch.Options{})
	for _, m := range [][3]string{{"1", "m1", "one"}, {"1", "m2", "two"}, {"2", "m3", "three"}} {
		if ok, err := d0.Accept(ctx, msg(m[0], m[1], m[2])); !ok || err != nil {
			t.Fatalf("accept %v: %v %v", m, ok, err)
		}
	}
	// A reply that waited for its channel, due now.
	waited := msg("3", "", "").Contact
	ct := f.keys.ContactKey(waited.Key(), "ct")
	due := time.Now().Add(-time.Second)
	f.rdb.HSet(ctx, ct, "st", "3", "v", "1", "ex", "1", "o", `[{"r":{"text":"waited"},"nb":"`+due.UTC().Format(time.RFC3339Nano)+`"}]`)
	f.rdb.Expire(ctx, ct, time.Hour)
	f.rdb.ZAdd(ctx, f.keys.ShardKey(store.Shard(waited.Key()), "later"), redis.Z{Score: float64(due.UnixMilli()), Member: waited.Key()})
	dlg := f.keys.ContactKey("test:1", "booking:dlg")
	f.rdb.Set(ctx, dlg, "a dialogue", time.Hour)
	for _, ck := range []string{"test:1", "test:2", "test:3"} {
		oldLayout(t, f.rdb, f.keys, ck)
	}
	isOld := func(key string) bool {
		rest := strings.TrimPrefix(key, f.keys.Prefix())
		return len(rest) > 1 && rest[0] == '{' && rest[1] >= '0' && rest[1] <= '9'
	}
	if n := len(slices.DeleteFunc(storetest.KeysWith(t, f.rdb, f.keys.Prefix()), func(k string) bool { return !isOld(k) })); n < 10 {
		t.Fatalf("%d keys in the old layout: the test tests nothing", n)
	}

	u, err := store.UpgradeLayout(ctx, f.rdb, f.keys, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("upgrade: %+v", u)
	if left := slices.DeleteFunc(storetest.KeysWith(t, f.rdb, f.keys.Prefix()), func(k string) bool { return !isOld(k) }); len(left) > 0 {
		t.Errorf("keys of the old layout left: %q", left)
	}
	if v := f.rdb.Get(ctx, dlg).Val(); v != "a dialogue" {
		t.Errorf("the booking dialogue after the upgrade: %q", v)
	}
	d1 := f.dispatcher(f.rdb, dispatch.Options{})
	d2 := f.dispatcher(f.rdb, dispatch.Options{})
	start(t, d1)
	start(t, d2)
	c1, c2 := msg("1", "", "").Contact, msg("2", "", "").Contact
	waitFor(t, "the answers", func() bool {
		return len(f.out.replies(c1)) >= 2 && len(f.out.replies(c2)) >= 1 && len(f.out.replies(waited)) >= 1
	})
	settle(t, d2, f.out, "1", "four", "echo:four")
	settle(t, d1, f.out, "3", "five", "echo:five")
	for c, want := range map[string][]string{"1": {"echo:one", "echo:two", "echo:four"}, "2": {"echo:three"}, "3": {"waited", "echo:five"}} {
		if got := f.out.replies(msg(c, "", "").Contact); !slices.Equal(got, want) {
			t.Errorf("contact %s: replies %q, want %q", c, got, want)
		}
	}
}
