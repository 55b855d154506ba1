package dispatch

import (
	"context"
	"testing"
	"time"

	"frontdoor/store"
	"frontdoor/store/storetest"
)

// A worker too slow to see that its lease went leaves another worker's
// lock as it found it: a hold lengthened after a platform's 429 (postpone)
// keeps its hour, not one lease.
func TestStaleDoneKeepsAnotherWorkersHold(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	s := newScripts()
	ck := "test:1"
	k := func(n string) string { return keys.ContactKey(ck, n) }
	lock := k("lock")
	if err := rdb.Set(ctx, lock, "B", time.Hour).Err(); err != nil {
		t.Fatal(err)
	}
	res, err := s.done.Run(ctx, rdb, []string{lock, k("ct"), k("in"), keys.ShardKey(store.Shard(ck), "pending"), k("trail"), keys.ShardKey(store.Shard(ck), "later")},
		"A", ck, "", 0, 10, 30000).Slice()
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0] != int64(-1) {
		t.Errorf("done by a worker whose lock is gone = %v, want [-1]", res)
	}
	if holder, pttl := rdb.Get(ctx, lock).Val(), rdb.PTTL(ctx, lock).Val(); holder != "B" || pttl < 50*time.Minute {
		t.Errorf("the other worker's hold is %q for %v, want B's for about an hour", holder, pttl)
	}
}
