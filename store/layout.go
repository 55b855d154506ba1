package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
)

// Before 2026-12-07 contacts were in 16 shards tagged {0}…{15}: P{s}:name:c
// for a contact's keys, P{s}:pending, P{s}:ready and P{s}:later for the
// dispatcher's queues of a shard. UpgradeLayout moves them to the 256
// slot-spaced shards. The old names are never reused ({c:N.k} now), so a
// key of the old layout is known by its name.

// layoutVersion is what P layout holds once the contacts' keys are in
// the 256 shards.
const layoutVersion = "256"

// layoutLease is how long the upgrade's lock lasts without a renewal
// (every third of it): a process that dies mid-way lets the next one in.
const layoutLease = 30 * time.Second

// layoutWaitLog is how often a process waiting for another's upgrade
// says so.
const layoutWaitLog = 10 * time.Second

// layoutSample is how many names of unknown keys the upgrade logs.
const layoutSample = 10

// layoutBatch is how many keys one round of the upgrade moves: DUMP and
// PTTL of each in one pipeline, RESTORE in one, UNLINK in one.
const layoutBatch = 500

// Upgraded tells what UpgradeLayout did.
type Upgraded struct {
	// Already: the layout was upgraded before (P layout), nothing scanned.
	Already bool
	// Keys is how many contact keys were moved, Queues how many shard
	// queues (pending, later) were moved and ready lists dropped.
	Keys, Queues int
	// Unknown is how many keys of the old layout were left, their names
	// unknown (logged).
	Unknown int
	// Differ is how many contact keys of the old layout were left because
	// their new key holds another value (logged by name): an old process
	// wrote one of them after the move, and which one to keep is for a
	// person to decide.
	Differ int
}

// oldQueues are the dispatcher's per-shard keys of the old layout. A
// shard's pending contacts go to their new shard's pending with score 0,
// which the janitor (it runs at start) reads as a lease gone and signals
// at once; later keeps its scores (when each is due); ready is dropped,
// as every contact it signalled is pending.
func oldQueues() []string { return []string{"pending", "later", "ready"} }

// UpgradeLayout moves the keys of the 16-shard layout to the 256 shards,
// on every master, and marks it done (P layout = 256) so that later starts
// pay one GET. It runs before the dispatcher, the channels and the HTTP
// server start; processes of the older version must be stopped first
// (they would write the old layout again). One process upgrades at a time
// (P layout:lock, renewed): another waits for it to finish. A run cut
// mid-way is finished by the next: a key moved but not yet deleted (its
// RESTORE finds the new key there) is only deleted, and the queues are
// merged again as they were. A key whose name is not one of
// ContactKeyNames is left, and logged.
func UpgradeLayout(ctx context.Context, c redis.UniversalClient, keys Keys, log *slog.Logger) (Upgraded, error) {
	mark, lockKey := keys.Global("layout"), keys.Global("layout:lock")
	done := func() (bool, error) {
		v, err := c.Get(ctx, mark).Result()
		if errors.Is(err, redis.Nil) {
			return false, nil
		}
		return v == layoutVersion, err
	}
	if ok, err := done(); err != nil || ok {
		if err != nil {
			return Upgraded{}, fmt.Errorf("read the keys' layout: %w", err)
		}
		return Upgraded{Already: true}, nil
	}
	token := make([]byte, 16)
	rand.Read(token)
	tok := hex.EncodeToString(token)
	var waitLogged time.Time
	for {
		got, err := c.SetNX(ctx, lockKey, tok, layoutLease).Result()
		if err != nil {
			return Upgraded{}, fmt.Errorf("lock the keys' layout for its upgrade: %w", err)
		}
		if got {
			break
		}
		// Once, then every layoutWaitLog: it polls every second.
		if time.Since(waitLogged) >= layoutWaitLog {
			log.Info("another process is upgrading the keys' layout; waiting for it")
			waitLogged = time.Now()
		}
		select {
		case <-ctx.Done():
			return Upgraded{}, ctx.Err()
		case <-time.After(time.Second):
		}
		if ok, err := done(); err != nil || ok {
			if err != nil {
				return Upgraded{}, fmt.Errorf("read the keys' layout: %w", err)
			}
			return Upgraded{Already: true}, nil
		}
	}
	runCtx, cancel := context.WithCancel(ctx)
	var renewing sync.WaitGroup
	renewing.Add(1)
	go func() {
		defer renewing.Done()
		t := time.NewTicker(layoutLease / 3)
		defer t.Stop()
		for {
			select {
			case <-runCtx.Done():
				return
			case <-t.C:
				if n, err := renewLayoutLock.Run(runCtx, c, []string{lockKey}, tok, layoutLease.Milliseconds()).Int(); err == nil && n == 0 {
					log.Error("lost the lock of the keys' layout upgrade; stopping it")
					cancel()
					return
				}
			}
		}
	}()
	defer func() {
		cancel()
		renewing.Wait()
		// Not released, the next start waits out its lease (30 s).
		n, err := releaseLayoutLock.Run(context.WithoutCancel(ctx), c, []string{lockKey}, tok).Int()
		switch {
		case err != nil:
			log.Warn("releasing the lock of the keys' layout upgrade failed; it expires by itself", "err", err)
		case n == 0:
			log.Warn("the lock of the keys' layout upgrade was no longer this process's at its end")
		}
	}()
	// A process that finished while this one waited for Redis.
	if ok, err := done(); err != nil || ok {
		if err != nil {
			return Upgraded{}, fmt.Errorf("read the keys' layout: %w", err)
		}
		return Upgraded{Already: true}, nil
	}
	started := time.Now()
	u, err := moveOldLayout(runCtx, c, keys, log)
	if err != nil {
		return u, fmt.Errorf("upgrade the keys' layout (%d keys moved so far; the next start goes on): %w", u.Keys, err)
	}
	if err := c.Set(runCtx, mark, layoutVersion, 0).Err(); err != nil {
		return u, fmt.Errorf("mark the keys' layout upgraded: %w", err)
	}
	// A sighting of old writers (FindOldWriters) is stale once every old
	// queue is moved (migrate --again, the old processes stopped): left, it
	// would have /healthz name a remedy already taken for up to
	// oldWritersHold. A janitor that still finds old queues records it
	// again at its next pass.
	if n, err := countOldQueues(runCtx, c, keys); err != nil {
		log.Warn("looking for the old layout's queues after the upgrade failed; a sighting of old writers, if any, expires by itself", "err", err)
	} else if n == 0 {
		if err := c.Del(runCtx, keys.Global("layout:old")).Err(); err != nil {
			log.Warn("clearing the sighting of old writers failed; it expires by itself", "err", err)
		}
	}
	if u.Keys+u.Queues+u.Unknown+u.Differ > 0 {
		log.Info("contacts' keys moved to 256 shards", "keys", u.Keys, "queues", u.Queues, "left", u.Unknown, "differ", u.Differ, "took", time.Since(started).Round(time.Millisecond))
	}
	return u, nil
}

// ErrLayoutOld is CheckLayout's answer while the contacts' keys are not
// marked moved to the 256 shards.
var ErrLayoutOld = errors.New("the Redis keys are not upgraded to this version's layout: run frontdoor serve (it upgrades at start) or frontdoor migrate first")

// CheckLayout says (ErrLayoutOld) whether the contacts' keys are still to
// be moved (P layout is not 256), for a command that reads or writes them
// without upgrading them itself: read at their new names, they would look
// missing.
func CheckLayout(ctx context.Context, c redis.UniversalClient, keys Keys) error {
	v, err := c.Get(ctx, keys.Global("layout")).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("read the keys' layout: %w", err)
	}
	if v != layoutVersion {
		return ErrLayoutOld
	}
	return nil
}

// oldWritersHold is how long a sighting of keys of the old layout after
// the upgrade (FindOldWriters) keeps /healthz's warning: an old process's
// shard queues exist only while it has work, so a quiet spell between two
// sightings is no sign that it stopped. An upgrade (migrate --again) that
// leaves no old queue clears it.
const oldWritersHold = 15 * time.Minute

// FindOldWriters looks for the shard queues of the 16-shard layout
// (P{0}…P{15}: pending, later, ready), which only a process of a version
// before 2026-12-07 writes once the keys are upgraded: such a process
// serves the contacts whose messages reach it out of the others' sight,
// and its keys wait for frontdoor migrate --again. It returns how many old
// shards hold one, and records a sighting (P layout:old, kept
// oldWritersHold) that OldWritersSeen reads for every process's /healthz.
// One EXISTS per old shard, in one pipeline (its three keys share a
// slot). It sees an old process only while one of its contacts is
// pending or waiting (a busy one soon, an idle one not at all); the
// contacts' own keys would need a SCAN of every key.
func FindOldWriters(ctx context.Context, c redis.UniversalClient, keys Keys) (int, error) {
	n, err := countOldQueues(ctx, c, keys)
	if err != nil || n == 0 {
		return 0, err
	}
	seen := fmt.Sprintf("%d of the 16 old shards' queues found at %s", n, time.Now().UTC().Format(time.RFC3339))
	if err := c.Set(ctx, keys.Global("layout:old"), seen, oldWritersHold).Err(); err != nil {
		return n, fmt.Errorf("record keys of the old layout found: %w", err)
	}
	return n, nil
}

// countOldQueues is how many of the 16 old shards hold a queue (pending,
// later, ready): one EXISTS each, in one pipeline.
func countOldQueues(ctx context.Context, c redis.UniversalClient, keys Keys) (int, error) {
	p := c.Pipeline()
	found := make([]*redis.IntCmd, 16)
	for s := range found {
		var names []string
		for _, q := range oldQueues() {
			names = append(names, fmt.Sprintf("%s{%d}:%s", keys.Prefix(), s, q))
		}
		found[s] = p.Exists(ctx, names...)
	}
	if _, err := p.Exec(ctx); err != nil {
		return 0, fmt.Errorf("look for keys of the old layout: %w", err)
	}
	n := 0
	for _, f := range found {
		if f.Val() > 0 {
			n++
		}
	}
	return n, nil
}

// OldWritersSeen is the last sighting FindOldWriters recorded within
// oldWritersHold, "" when none.
func OldWritersSeen(ctx context.Context, c redis.UniversalClient, keys Keys) (string, error) {
	v, err := c.Get(ctx, keys.Global("layout:old")).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read keys of the old layout found: %w", err)
	}
	return v, nil
}

var renewLayoutLock = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`)

var releaseLayoutLock = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`)

// moveOldLayout scans every master for P{0}…P{15} keys and moves them.
func moveOldLayout(ctx context.Context, c redis.UniversalClient, keys Keys, log *slog.Logger) (Upgraded, error) {
	var mu sync.Mutex
	var u Upgraded
	var sample []string
	err := ForEachMaster(ctx, c, func(ctx context.Context, node redis.UniversalClient) error {
		var batch []string
		flush := func() error {
			got, names, err := moveKeys(ctx, c, node, keys, batch, log)
			mu.Lock()
			for _, n := range names {
				if len(sample) < layoutSample && !slices.Contains(sample, n) {
					sample = append(sample, n)
				}
			}
			u.Keys += got.Keys
			u.Queues += got.Queues
			u.Unknown += got.Unknown
			u.Differ += got.Differ
			mu.Unlock()
			batch = batch[:0]
			return err
		}
		for _, pattern := range []string{"{[0-9]}:*", "{1[0-5]}:*"} {
			iter := node.Scan(ctx, 0, GlobEscape(keys.Prefix())+pattern, 1000).Iterator()
			for iter.Next(ctx) {
				batch = append(batch, iter.Val())
				if len(batch) >= layoutBatch {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			if err := iter.Err(); err != nil {
				return fmt.Errorf("scan for keys of the old layout: %w", err)
			}
		}
		if len(batch) > 0 {
			return flush()
		}
		return nil
	})
	if u.Unknown > 0 {
		// One line however many: a name each would flood the log.
		log.Warn("keys of the old layout left where they are: their names are unknown", "count", u.Unknown, "sample", sample)
	}
	return u, err
}

// oldKey is a key of the old layout, read from its name.
type oldKey struct {
	key   string
	queue string // pending, later or ready; "" for a contact's key
	// name and contact: a contact's key, P{s}:name:contact.
	name, contact string
	shard         int // s
}

// pseudonym is how a log names a contact (bot.Contact.String): its
// channel and a hash of its id, which a KeyedLogs handler keys.
func pseudonym(contact string) string {
	ch, id, _ := strings.Cut(contact, ":")
	return bot.Contact{Channel: ch, ID: id}.String()
}

// parseOldKey reads a key of the old layout; ok is false for a name it
// does not know.
func parseOldKey(keys Keys, key string) (oldKey, bool) {
	rest, ok := strings.CutPrefix(key, keys.Prefix()+"{")
	if !ok {
		return oldKey{}, false
	}
	tag, rest, ok := strings.Cut(rest, "}:")
	if n, err := strconv.Atoi(tag); !ok || err != nil || n < 0 || n >= 16 || strconv.Itoa(n) != tag {
		return oldKey{}, false
	}
	if slices.Contains(oldQueues(), rest) {
		return oldKey{key: key, queue: rest}, true
	}
	// The longest name first: "booking:dlg" is no "booking" of a
	// contact "dlg:...".
	best := ""
	for _, name := range ContactKeyNames() {
		if strings.HasPrefix(rest, name+":") && len(name) > len(best) {
			best = name
		}
	}
	if best == "" {
		return oldKey{}, false
	}
	contact := rest[len(best)+1:]
	if ch, id, ok := strings.Cut(contact, ":"); !ok || ch == "" || id == "" {
		return oldKey{}, false
	}
	n, _ := strconv.Atoi(tag)
	return oldKey{key: key, name: best, contact: contact, shard: n}, true
}

// moveKeys moves one batch of a master's old keys: contact keys by DUMP,
// PTTL, RESTORE and UNLINK (a pipeline each), queues merged into the new
// shards' and unlinked.
// unknown holds the names (not the contacts) of the keys it left, unknown.
func moveKeys(ctx context.Context, c, node redis.UniversalClient, keys Keys, batch []string, log *slog.Logger) (u Upgraded, unknown []string, err error) {
	var contact, queues []oldKey
	for _, k := range batch {
		o, ok := parseOldKey(keys, k)
		switch {
		case !ok:
			u.Unknown++
			// The name only: what follows it names a person.
			name := strings.TrimPrefix(k, keys.Prefix())
			if i := strings.Index(name, "}:"); i >= 0 {
				name = name[:i+2] + strings.SplitN(name[i+2:], ":", 2)[0]
			}
			unknown = append(unknown, name)
		case o.queue != "":
			queues = append(queues, o)
		default:
			contact = append(contact, o)
		}
	}
	if len(contact) > 0 {
		n, differ, err := moveContactKeys(ctx, c, node, keys, contact, log)
		u.Keys += n
		u.Differ += differ
		if err != nil {
			return u, unknown, err
		}
	}
	for _, q := range queues {
		if err := moveQueue(ctx, c, node, keys, q); err != nil {
			return u, unknown, err
		}
		u.Queues++
	}
	return u, unknown, nil
}

// restoreTTL is the expiry RESTORE gives a key whose PTTL was pttl: -1
// (none) is 0 for RESTORE, but a PTTL of 0 (it expires within the
// millisecond) must not become 0 too, which would keep it for ever.
func restoreTTL(pttl int64) time.Duration {
	switch {
	case pttl < 0:
		return 0
	case pttl == 0:
		return time.Millisecond
	}
	return time.Duration(pttl) * time.Millisecond
}

// moveContactKeys moves a batch of contact keys. A new key there already
// (BUSYKEY) is a run cut after its RESTORE only when it holds the same
// value (DUMP) as the old one: otherwise an old process wrote either
// after the move (migrate --again), and the old key is left, its name
// logged, counted in differ.
func moveContactKeys(ctx context.Context, c, node redis.UniversalClient, keys Keys, old []oldKey, log *slog.Logger) (moved, differ int, err error) {
	p := node.Pipeline()
	dumps := make([]*redis.StringCmd, len(old))
	ttls := make([]*redis.Cmd, len(old))
	for i, o := range old {
		dumps[i] = p.Dump(ctx, o.key)
		ttls[i] = p.Do(ctx, "PTTL", o.key)
	}
	if _, err := p.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return 0, 0, fmt.Errorf("read keys of the old layout: %w", err)
	}
	r := c.Pipeline()
	restores := make([]*redis.StatusCmd, len(old))
	for i, o := range old {
		dump, err := dumps[i].Result()
		if errors.Is(err, redis.Nil) {
			continue // gone meanwhile (expired)
		}
		if err != nil {
			return 0, 0, fmt.Errorf("read %s: %w", o.name, err)
		}
		ttl, err := ttls[i].Int64()
		if err != nil {
			return 0, 0, fmt.Errorf("read the expiry of a %s: %w", o.name, err)
		}
		if ttl == -2 {
			continue
		}
		restores[i] = r.Restore(ctx, keys.ContactKey(o.contact, o.name), restoreTTL(ttl), dump)
	}
	if r.Len() > 0 {
		r.Exec(ctx) // errors are read per key
	}
	// The new keys of those found there already, to compare.
	cmp := c.Pipeline()
	news := make([]*redis.StringCmd, len(old))
	for i, o := range old {
		if rc := restores[i]; rc != nil && rc.Err() != nil && strings.HasPrefix(rc.Err().Error(), "BUSYKEY") {
			news[i] = cmp.Dump(ctx, keys.ContactKey(o.contact, o.name))
		}
	}
	if cmp.Len() > 0 {
		cmp.Exec(ctx) // errors are read per key
	}
	un := node.Pipeline()
	var errs []error
	for i, o := range old {
		rc := restores[i]
		if rc == nil {
			continue
		}
		if nc := news[i]; nc != nil {
			now, err := nc.Result()
			switch {
			case errors.Is(err, redis.Nil):
				// Deleted since the RESTORE: the old key is left for the
				// next run, which restores it.
				continue
			case err != nil:
				errs = append(errs, fmt.Errorf("read a %s in its new shard: %w", o.name, err))
				continue
			case now != dumps[i].Val():
				differ++
				// The key's name and the contact's pseudonym, which
				// serve's and migrate's logs key (dispatch.KeyedLogs):
				// the contact's id is a person's (a phone number), and so
				// is the value.
				log.Warn("key of the old layout left where it is: its new key holds another value",
					"shard", o.shard, "name", o.name, "contact", pseudonym(o.contact))
				continue
			}
		} else if err := rc.Err(); err != nil {
			errs = append(errs, fmt.Errorf("write a %s in its new shard: %w", o.name, err))
			continue
		}
		un.Unlink(ctx, o.key)
		moved++
	}
	if un.Len() > 0 {
		if _, err := un.Exec(ctx); err != nil {
			return moved, differ, fmt.Errorf("delete moved keys of the old layout: %w", err)
		}
	}
	return moved, differ, errors.Join(errs...)
}

// moveQueue merges a shard queue of the old layout into the new shards'
// and deletes it. Run again after a cut, it merges the same again.
func moveQueue(ctx context.Context, c, node redis.UniversalClient, keys Keys, q oldKey) error {
	if q.queue != "ready" {
		members, err := node.ZRangeWithScores(ctx, q.key, 0, -1).Result()
		if err != nil {
			return fmt.Errorf("read a %s set of the old layout: %w", q.queue, err)
		}
		p := c.Pipeline()
		for _, m := range members {
			ck, _ := m.Member.(string)
			if q.queue == "pending" {
				p.ZAddNX(ctx, keys.ShardKey(Shard(ck), "pending"), redis.Z{Score: 0, Member: ck})
			} else {
				p.ZAdd(ctx, keys.ShardKey(Shard(ck), q.queue), redis.Z{Score: m.Score, Member: ck})
			}
			if p.Len() >= layoutBatch {
				if _, err := p.Exec(ctx); err != nil {
					return fmt.Errorf("write the %s sets of the new layout: %w", q.queue, err)
				}
			}
		}
		if p.Len() > 0 {
			if _, err := p.Exec(ctx); err != nil {
				return fmt.Errorf("write the %s sets of the new layout: %w", q.queue, err)
			}
		}
	}
	if err := node.Unlink(ctx, q.key).Err(); err != nil {
		return fmt.Errorf("delete a %s of the old layout: %w", q.queue, err)
	}
	return nil
}

// GlobEscape escapes the characters SCAN's MATCH reads as patterns, so a
// key prefix of a deployment's choosing matches as written.
func GlobEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
