package handoff

import (
	"context"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// Before issue 19 a case's transcript and files were P tx:ID and
// P media:ID, in the queue's slot with everything else of this package:
// on a Cluster, every person's messages and files on one master.
// MigrateCaseData moves them to their case's own slot (caseKey); Run does
// it when it starts, until it succeeds.

// migrateLines puts a transcript's lines from the old layout before the
// lines of the new key (KEYS new tx; ARGV the old key's ms to live, -1
// for none, the queue's keep in ms, then its lines), unless they are
// there already (a migration stopped before deleting the old key, or run
// by two processes at once). A closed case's transcript keeps its time to
// live; one that had none gets the keep, unless the new key has an expiry
// already (appendScript's): a key without one would be kept forever.
var migrateLines = redis.NewScript(`
if redis.call('LINDEX', KEYS[1], 0) ~= ARGV[3] then
  for i = #ARGV, 3, -1 do redis.call('LPUSH', KEYS[1], ARGV[i]) end
end
local ttl = tonumber(ARGV[1])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
elseif redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1`)

// MigrateCaseData moves transcripts and files kept in the layout before
// issue 19 to their case's slot, and returns how many keys it moved or
// deleted: those of a case no longer kept (erased, expired) are deleted,
// not moved, since nothing would ever delete them in the new layout. It
// is safe to run again and in several processes at once. A process of
// the older version still running writes the old keys: run it again (a
// restart does) once they are stopped.
func (q *Queue) MigrateCaseData(ctx context.Context) (int, error) {
	old, err := q.oldCaseKeys(ctx)
	if err != nil {
		return 0, fmt.Errorf("list transcripts and files in the old layout: %w", err)
	}
	n := 0
	for _, key := range old {
		rest := strings.TrimPrefix(key, q.p)
		kind, id, _ := strings.Cut(rest, ":")
		var err error
		switch kind {
		case "tx":
			err = q.migrateTranscript(ctx, key, id)
		case "media":
			err = q.migrateMedia(ctx, key, id)
		default:
			continue
		}
		if err != nil {
			return n, fmt.Errorf("move %s: %w", key, err)
		}
		n++
	}
	return n, nil
}

// oldCaseKeys lists P tx:* and P media:*. Every key of the old layout is
// in the queue's slot: on a Cluster, only the master of that slot is
// scanned.
func (q *Queue) oldCaseKeys(ctx context.Context) ([]string, error) {
	var node redis.UniversalClient = q.rdb
	if cc, ok := q.rdb.(*redis.ClusterClient); ok {
		m, err := cc.MasterForKey(ctx, q.p)
		if err != nil {
			return nil, err
		}
		node = m
	}
	var out []string
	for _, pattern := range []string{"tx:*", "media:*"} {
		iter := node.Scan(ctx, 0, store.GlobEscape(q.p)+pattern, 1000).Iterator()
		for iter.Next(ctx) {
			out = append(out, iter.Val())
		}
		if err := iter.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (q *Queue) migrateTranscript(ctx context.Context, key, id string) error {
	pipe := q.rdb.TxPipeline()
	lines := pipe.LRange(ctx, key, 0, -1)
	ttl := pipe.PTTL(ctx, key)
	kept := pipe.Exists(ctx, q.k("case", id))
	if _, err := pipe.Exec(ctx); err != nil {
		return err
	}
	if kept.Val() > 0 && len(lines.Val()) > 0 {
		args := []any{ttlMillis(ttl.Val().Milliseconds()), q.keep.Milliseconds()}
		for _, l := range lines.Val() {
			args = append(args, l)
		}
		if err := migrateLines.Run(ctx, q.rdb, []string{q.tx(id)}, args...).Err(); err != nil {
			return err
		}
	}
	return q.rdb.Del(ctx, key).Err()
}

func (q *Queue) migrateMedia(ctx context.Context, key, id string) error {
	pipe := q.rdb.TxPipeline()
	files := pipe.HGetAll(ctx, key)
	ttl := pipe.PTTL(ctx, key)
	kept := pipe.Exists(ctx, q.k("case", id))
	if _, err := pipe.Exec(ctx); err != nil {
		return err
	}
	if kept.Val() > 0 && len(files.Val()) > 0 {
		_, err := q.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, q.media(id), files.Val())
			if ms := ttlMillis(ttl.Val().Milliseconds()); ms > 0 {
				p.PExpire(ctx, q.media(id), ttl.Val())
			} else {
				// Files without an expiry would be kept forever: they
				// get the transcript's keep.
				p.PExpire(ctx, q.media(id), q.keep)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return q.rdb.Del(ctx, key).Err()
}

// ttlMillis is a PTTL answer in ms, -1 for none (go-redis gives -1 and
// -2 as nanoseconds).
func ttlMillis(ms int64) int64 {
	if ms <= 0 {
		return -1
	}
	return ms
}
