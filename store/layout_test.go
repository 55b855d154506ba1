package store_test

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// oldShard is a contact's shard in the layout before 2026-12-07.
func oldShard(ck string) int {
	h := fnv.New32a()
	h.Write([]byte(ck))
	return int(h.Sum32() % 16)
}

func oldKey(k store.Keys, ck, name string) string {
	return fmt.Sprintf("%s{%d}:%s:%s", k.Prefix(), oldShard(ck), name, ck)
}

func oldShardKey(k store.Keys, shard int, name string) string {
	return fmt.Sprintf("%s{%d}:%s", k.Prefix(), shard, name)
}

// An upgrade cut mid-way (some keys moved but not yet deleted, the
// queues half merged, the lock of the process that died still held) is
// finished by the next start: every key of each known name in its new
// shard with its value and expiry, the queues merged (pending at 0, so
// that the janitor signals each at once; later with its times), ready
// dropped, an unknown name left, the layout marked; and a start after
// that reads one key.
func TestUpgradeLayoutCutMidwayFinishesNextStart(t *testing.T) {
	rdb, k := storetest.Redis(t)
	ctx := context.Background()
	contacts := []string{"telegram:42", "webchat:a:b", "whatsapp:39333@s.whatsapp.net"}
	value := func(ck, name string) string { return name + " of " + ck }
	for i, ck := range contacts {
		for j, name := range store.ContactKeyNames() {
			old := oldKey(k, ck, name)
			if err := rdb.Set(ctx, old, value(ck, name), 0).Err(); err != nil {
				t.Fatal(err)
			}
			if j%2 == 0 {
				rdb.PExpire(ctx, old, time.Hour)
			}
			if (i+j)%3 == 0 {
				// Moved by the run that was cut, not yet deleted.
				dump := rdb.Dump(ctx, old).Val()
				ttl := time.Duration(0)
				if j%2 == 0 {
					ttl = time.Hour
				}
				if err := rdb.Restore(ctx, k.ContactKey(ck, name), ttl, dump).Err(); err != nil {
					t.Fatal(err)
				}
			}
		}
		s := oldShard(ck)
		rdb.ZAdd(ctx, oldShardKey(k, s, "pending"), redis.Z{Score: 1e12, Member: ck})
		rdb.RPush(ctx, oldShardKey(k, s, "ready"), ck)
		rdb.ZAdd(ctx, oldShardKey(k, s, "later"), redis.Z{Score: float64(1000 + i), Member: ck})
	}
	// The first contact's pending merged already by the cut run.
	rdb.ZAdd(ctx, k.ShardKey(store.Shard(contacts[0]), "pending"), redis.Z{Score: 0, Member: contacts[0]})
	unknown := k.Prefix() + "{3}:mystery:telegram:1"
	rdb.Set(ctx, unknown, "?", 0)
	// Not an old name: a key of the new layout, and one of another tag.
	other := k.Prefix() + "{stats:3}:x"
	rdb.Set(ctx, other, "kept", 0)
	// The dead process's lock, a little of its lease left.
	rdb.Set(ctx, k.Global("layout:lock"), "dead", 1500*time.Millisecond)

	u, err := store.UpgradeLayout(ctx, rdb, k, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	shards := map[int]bool{}
	for _, ck := range contacts {
		shards[oldShard(ck)] = true
	}
	if want := len(contacts) * len(store.ContactKeyNames()); u.Keys != want || u.Unknown != 1 || u.Queues != 3*len(shards) {
		t.Errorf("upgraded %+v, want %d keys, %d queues and one unknown", u, want, 3*len(shards))
	}
	for _, ck := range contacts {
		for j, name := range store.ContactKeyNames() {
			key := k.ContactKey(ck, name)
			if v, err := rdb.Get(ctx, key).Result(); err != nil || v != value(ck, name) {
				t.Errorf("%s: %q %v, want %q", key, v, err, value(ck, name))
			}
			ttl := rdb.PTTL(ctx, key).Val()
			if j%2 == 0 && (ttl < 50*time.Minute || ttl > time.Hour) || j%2 == 1 && ttl != -time.Nanosecond {
				t.Errorf("%s: expires in %v", key, ttl)
			}
		}
		if sc, err := rdb.ZScore(ctx, k.ShardKey(store.Shard(ck), "pending"), ck).Result(); err != nil || sc != 0 {
			t.Errorf("%s pending at %v %v, want 0", ck, sc, err)
		}
		if _, err := rdb.ZScore(ctx, k.ShardKey(store.Shard(ck), "later"), ck).Result(); err != nil {
			t.Errorf("%s not in later: %v", ck, err)
		}
	}
	if sc := rdb.ZScore(ctx, k.ShardKey(store.Shard(contacts[1]), "later"), contacts[1]).Val(); sc != 1001 {
		t.Errorf("later keeps %v, want its time 1001", sc)
	}
	var left []string
	for _, key := range storetest.KeysWith(t, rdb, k.Prefix()) {
		if strings.HasPrefix(key, k.Prefix()+"{") && len(key) > len(k.Prefix())+2 && key[len(k.Prefix())+1] >= '0' && key[len(k.Prefix())+1] <= '9' {
			left = append(left, key)
		}
	}
	if len(left) != 1 || left[0] != unknown {
		t.Errorf("keys of the old layout left: %q, want only %s", left, unknown)
	}
	if v := rdb.Get(ctx, other).Val(); v != "kept" {
		t.Errorf("a key of another tag: %q", v)
	}
	if v := rdb.Get(ctx, k.Global("layout")).Val(); v != "256" {
		t.Errorf("layout = %q, want 256", v)
	}
	if n := rdb.Exists(ctx, k.Global("layout:lock")).Val(); n != 0 {
		t.Error("the upgrade's lock is still held")
	}
	// The next start: one GET.
	if u, err := store.UpgradeLayout(ctx, rdb, k, slog.New(slog.DiscardHandler)); err != nil || !u.Already {
		t.Errorf("second start: %+v %v", u, err)
	}
}

// On a Cluster (the test Redis given as one), contacts' keys land on
// every master, each within 5% of its share.
func TestContactsOnEveryMaster(t *testing.T) {
	rdb, k := storetest.Redis(t)
	cc, ok := rdb.(*redis.ClusterClient)
	if !ok {
		t.Skip("the test Redis is not a Cluster")
	}
	ctx := context.Background()
	const contacts = 3000
	p := rdb.Pipeline()
	for i := range contacts {
		p.Set(ctx, k.ContactKey(fmt.Sprintf("telegram:%d", i), "in"), "x", time.Hour)
	}
	if _, err := p.Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var counts []int
	var mu sync.Mutex
	err := cc.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error {
		keys, err := store.KeysWith(ctx, n, k.Prefix())
		mu.Lock()
		counts = append(counts, len(keys))
		mu.Unlock()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range counts {
		if share := float64(n) * float64(len(counts)) / contacts; share < 0.95 || share > 1.05 {
			t.Errorf("a master holds %d of %d contacts on %d masters (%.2f of its share): %v", n, contacts, len(counts), share, counts)
		}
	}
	t.Logf("contacts per master: %v", counts)
}

// migrate --again after an old process wrote the old layout again: a
// contact key whose new key holds another value is left in the old
// layout, the new key untouched, its name logged and never its value; one
// whose new key holds the same value (a run cut after its RESTORE) is
// deleted.
func TestUpgradeLayoutAgainLeavesAKeyWrittenAgain(t *testing.T) {
	rdb, k := storetest.Redis(t)
	ctx := context.Background()
	names := store.ContactKeyNames()
	// A phone number's digits: what must not reach the log.
	again, same := "whatsapp:393471234567", "telegram:8"
	oldAgain, newAgain := oldKey(k, again, names[0]), k.ContactKey(again, names[0])
	oldSame, newSame := oldKey(k, same, names[0]), k.ContactKey(same, names[0])
	rdb.Set(ctx, newAgain, "secret-new", 0)
	rdb.Set(ctx, oldAgain, "secret-old", 0)
	rdb.Set(ctx, newSame, "moved", 0)
	rdb.Set(ctx, oldSame, "moved", 0)
	var logged strings.Builder
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(lockedWriter{&mu, &logged}, nil))

	u, err := store.UpgradeLayout(ctx, rdb, k, log)
	if err != nil {
		t.Fatal(err)
	}
	if u.Keys != 1 || u.Differ != 1 {
		t.Errorf("upgraded %+v, want one key moved and one left", u)
	}
	if v, err := rdb.Get(ctx, oldAgain).Result(); err != nil || v != "secret-old" {
		t.Errorf("the old key written again: %q %v, want it left", v, err)
	}
	if v := rdb.Get(ctx, newAgain).Val(); v != "secret-new" {
		t.Errorf("its new key: %q, want it untouched", v)
	}
	if n := rdb.Exists(ctx, oldSame).Val(); n != 0 {
		t.Error("an old key moved already (same value) is not deleted")
	}
	mu.Lock()
	out := logged.String()
	mu.Unlock()
	// The key's name and the contact's pseudonym (which serve's
	// KeyedLogs keys), never the contact's id, nor the value.
	pseudonym := bot.Contact{Channel: "whatsapp", ID: "393471234567"}.String()
	if !strings.Contains(out, names[0]) || !strings.Contains(out, pseudonym) || strings.Contains(out, "393471234567") || strings.Contains(out, "secret") {
		t.Errorf("log %q: want the key's name and %s, never the contact's id nor the value", out, pseudonym)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *strings.Builder
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// A process waiting for another's upgrade says so once, not every second
// it polls; keys of unknown names are one line, their count and a sample
// of names, however many there are.
func TestUpgradeLayoutLogsSparingly(t *testing.T) {
	rdb, k := storetest.Redis(t)
	ctx := context.Background()
	for i := range 30 {
		rdb.Set(ctx, fmt.Sprintf("%s{%d}:mystery%d:telegram:%d", k.Prefix(), i%16, i, i), "?", 0)
	}
	rdb.Set(ctx, k.Global("layout:lock"), "other", 2500*time.Millisecond)
	var logged strings.Builder
	var mu sync.Mutex
	u, err := store.UpgradeLayout(ctx, rdb, k, slog.New(slog.NewTextHandler(lockedWriter{&mu, &logged}, nil)))
	if err != nil || u.Unknown != 30 {
		t.Fatalf("upgraded %+v %v, want 30 unknown", u, err)
	}
	mu.Lock()
	out := logged.String()
	mu.Unlock()
	if n := strings.Count(out, "waiting for it"); n != 1 {
		t.Errorf("said %d times it waits, want once:\n%s", n, out)
	}
	if n := strings.Count(out, "names are unknown"); n != 1 || !strings.Contains(out, "count=30") || !strings.Contains(out, "mystery") {
		t.Errorf("unknown keys logged in %d lines, want one with their count and a sample:\n%s", n, out)
	}
	if strings.Contains(out, "telegram:") {
		t.Errorf("a contact in the log:\n%s", out)
	}
}

// failRelease fails the scripts on the upgrade's lock, as a Redis gone
// away at the end of an upgrade would.
type failRelease struct{ lock string }

func (failRelease) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h failRelease) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if n := cmd.Name(); (n == "evalsha" || n == "eval") && slices.Contains(cmd.Args(), any(h.lock)) {
			err := errors.New("connection reset")
			cmd.SetErr(err)
			return err
		}
		return next(ctx, cmd)
	}
}

func (failRelease) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// An upgrade that cannot release its lock says so (the next start waits
// out its lease), rather than nothing.
func TestUpgradeLayoutSaysItsLockIsNotReleased(t *testing.T) {
	rdb, k := storetest.Redis(t)
	rdb.AddHook(failRelease{k.Global("layout:lock")})
	var logged strings.Builder
	var mu sync.Mutex
	if _, err := store.UpgradeLayout(context.Background(), rdb, k, slog.New(slog.NewTextHandler(lockedWriter{&mu, &logged}, nil))); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logged.String(), "level=WARN") || !strings.Contains(logged.String(), "releasing the lock") {
		t.Errorf("log %q, want a warning that the lock is not released", logged.String())
	}
}
