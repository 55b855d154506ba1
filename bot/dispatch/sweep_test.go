package dispatch_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot/dispatch"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// The janitor's first pass at start reads every shard's pending and later
// sets (an upgrade's and a crash's contacts are signalled at once); each
// pass after it reads a quarter of them, so that an idle deployment sends
// 128 reads each half lease, not 512, and any 4 passes in a row read
// every set: a shard is swept within 2 leases. A contact due in later in
// any shard is woken.
func TestSweepVisitsEveryShardInTurn(t *testing.T) {
	f := newFixture(t)
	rdb := storetest.ClientDialing(t, nil)
	watch := &sweepWatch{}
	rdb.AddHook(watch)
	ctx := context.Background()
	d := f.dispatcher(rdb, dispatch.Options{Lease: 400 * time.Millisecond})
	start(t, d)
	waitFor(t, "the first pass", func() bool { return watch.count() >= 1 })
	// A contact due in every shard's later set, after the first pass.
	perShard := map[int]string{}
	for i := 0; len(perShard) < store.Shards; i++ {
		ck := fmt.Sprintf("test:%d", i)
		if _, ok := perShard[store.Shard(ck)]; !ok {
			perShard[store.Shard(ck)] = ck
		}
	}
	for s, ck := range perShard {
		f.rdb.ZAdd(ctx, f.keys.ShardKey(s, "later"), redis.Z{Score: 0, Member: ck})
	}
	const parts = 4
	waitFor(t, "passes", func() bool { return watch.count() >= 1+3*parts })
	passes := watch.passes()
	if got := len(passes[0]); got != 2*store.Shards {
		t.Errorf("the first pass read %d sets, want all %d", got, 2*store.Shards)
	}
	for i, p := range passes[1:] {
		if len(p) > 2*store.Shards/parts {
			t.Fatalf("pass %d read %d sets, want at most %d", i+1, len(p), 2*store.Shards/parts)
		}
	}
	for from := 1; from+parts <= len(passes); from++ {
		read := map[string]bool{}
		for _, p := range passes[from : from+parts] {
			for _, k := range p {
				read[k] = true
			}
		}
		for s := range store.Shards {
			for _, name := range []string{"pending", "later"} {
				if k := f.keys.ShardKey(s, name); !read[k] {
					t.Fatalf("passes %d to %d did not read %s", from, from+parts-1, strings.TrimPrefix(k, f.keys.Prefix()))
				}
			}
		}
	}
	waitFor(t, "every shard's contact woken", func() bool {
		for s := range perShard {
			if f.rdb.ZCard(ctx, f.keys.ShardKey(s, "later")).Val() != 0 {
				return false
			}
		}
		return true
	})
}
