package replica_test

import (
	"context"
	"testing"
	"time"

	"frontdoor/store/replica"
	"frontdoor/store/storetest"
)

// TestCancelledBarrierIsNotConfirmed: an erasure whose context is
// cancelled before its barrier could look at the replicas is not told as
// copied (review of stop 38: the look failed and read as "no replicas").
func TestCancelledBarrierIsNotConfirmed(t *testing.T) {
	s := storetest.StartSentinel(t, 10*time.Second)
	rdb, _ := storetest.RedisAt(t, s.Options())
	w := replica.New(rdb, time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if w.Barrier(ctx, "fd:{c:1.2}:in:x") {
		t.Fatal("a barrier cut short by its context was confirmed")
	}
	if !w.Barrier(context.Background(), "fd:{c:1.2}:in:x") {
		t.Fatal("a barrier on a master with a live replica was not confirmed")
	}
}
