package broadcast

import (
	"testing"
	"time"

	"frontdoor/store/storetest"
)

// TestDrainedMarkIsFreshAfterTheQueueMoves drives the scripts by hand on
// real Redis: the done script ends a campaign whose queues stayed empty
// for the grace with a send still recorded as under way (its process
// may have died). An empty moment long ago must not count once the
// queue has moved since: a recipient put back (an outage) or queued
// again (a resume) and then taken is a send under way now, which may
// still put its recipient back; ending the campaign then would leave
// that person without the notice.
func TestDrainedMarkIsFreshAfterTheQueueMoves(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	sc := newScripts()
	const grace = time.Minute
	for _, tc := range []struct {
		name string
		// moves the queue after the stale empty moment; the recipient
		// a is in flight, b waits to be queued.
		move func(t *testing.T, meta, q, rk, fk string)
	}{
		{"put back by a requeue, then taken again", func(t *testing.T, meta, q, rk, fk string) {
			if n, err := sc.requeue.Run(t.Context(), rdb, []string{meta, rk, q, fk}, "telegram:1", "telegram:1|en", "head").Int(); err != nil || n != 1 {
				t.Fatalf("requeue = %d, %v", n, err)
			}
			if rdb.HExists(t.Context(), meta, "drained").Val() {
				t.Error("the drained mark outlived a requeue")
			}
			if it, err := sc.claim.Run(t.Context(), rdb, []string{meta, q, rk, fk}).Text(); err != nil || it != "telegram:1|en" {
				t.Fatalf("claim = %q, %v", it, err)
			}
		}},
		{"queued again (a resume), then taken", func(t *testing.T, meta, q, rk, fk string) {
			rdb.HSet(t.Context(), rk, "telegram:2", "p")
			rdb.RPush(t.Context(), q, "telegram:2|en")
			if it, err := sc.claim.Run(t.Context(), rdb, []string{meta, q, rk, fk}).Text(); err != nil || it != "telegram:2|en" {
				t.Fatalf("claim = %q, %v", it, err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			tag := keys.Prefix() + "{" + tc.name + "}:"
			meta, q, rk, fk := tag+"meta", tag+"q:telegram", tag+"r", tag+"flight"
			// One send under way; the queue was empty long ago.
			stale := time.Now().Add(-10 * grace).UnixMilli()
			rdb.HSet(ctx, meta, "status", StatusSending, "inflight", 1, "drained", stale)
			rdb.HSet(ctx, rk, "telegram:1", "s")
			done := func() bool {
				t.Helper()
				ok, err := sc.done.Run(ctx, rdb, []string{meta, q}, time.Now().UnixMilli(), grace.Milliseconds()).Bool()
				if err != nil {
					t.Fatal(err)
				}
				return ok
			}
			tc.move(t, meta, q, rk, fk)
			if rdb.HExists(ctx, meta, "drained").Val() {
				t.Error("the drained mark outlived a claim")
			}
			if done() {
				t.Fatal("the campaign ended on a stale empty moment while a send it just took is under way")
			}
			if st := rdb.HGet(ctx, meta, "status").Val(); st != StatusSending {
				t.Fatalf("status = %q, want sending", st)
			}
			// The grace still ends a campaign whose sends never come back.
			if !rdb.HExists(ctx, meta, "drained").Val() {
				t.Fatal("done did not mark the empty queue")
			}
			rdb.HSet(ctx, meta, "drained", stale)
			if !done() {
				t.Error("the campaign did not end after the grace")
			}
		})
	}
}
