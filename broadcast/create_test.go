package broadcast_test

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/broadcast"
)

// failScripts fails every script its client runs while on: a create cut
// short after the campaigns' index was written (a Redis gone away, a
// process killed between the two steps).
type failScripts struct{ on *atomic.Bool }

func (failScripts) DialHook(next redis.DialHook) redis.DialHook { return next }

func (f failScripts) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if n := cmd.Name(); f.on.Load() && (n == "evalsha" || n == "eval") {
			err := errors.New("connection reset by the test")
			cmd.SetErr(err)
			return err
		}
		return next(ctx, cmd)
	}
}

func (failScripts) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// Issue 19: a create was one transaction over the campaign and the
// index of campaigns, which a Cluster refuses (CROSSSLOT), and it left a
// half-made campaign. Now the index is written first, then the campaign in
// one script in its own slot: a create cut between the two shows no
// campaign (List skips the index entry, Get finds nothing), and a second
// create makes it whole, listed once, and it sends.
func TestCreateCutShortLeavesNoHalfCampaign(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	f.subscribe(t, tg(1), "it", "jobs")
	var on atomic.Bool
	f.rdb.AddHook(failScripts{&on})
	on.Store(true)
	if err := f.svc.Create(ctx, campaign("c1", "jobs")); err == nil {
		t.Fatal("the create succeeded: nothing was cut, the test tested nothing")
	}
	on.Store(false)
	if n := f.rdb.ZScore(ctx, f.keys.Global("bc:campaigns"), "c1").Err(); n != nil {
		t.Fatalf("the index has no entry for the cut create (%v): the cut came before it, the test tested nothing", n)
	}
	if ids, err := f.svc.List(ctx); err != nil || slices.Contains(ids, "c1") {
		t.Fatalf("list after a cut create = %v %v, want no c1", ids, err)
	}
	if _, err := f.svc.Get(ctx, "c1"); !errors.Is(err, broadcast.ErrNotFound) {
		t.Fatalf("get after a cut create = %v, want ErrNotFound", err)
	}
	if err := f.svc.Create(ctx, campaign("c1", "jobs")); err != nil {
		t.Fatalf("the second create: %v", err)
	}
	if ids, err := f.svc.List(ctx); err != nil || !slices.Equal(ids, []string{"c1"}) {
		t.Fatalf("list = %v %v, want [c1]", ids, err)
	}
	if err := f.svc.Start(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	if r := f.run(t, "c1", 10*time.Second); r.Sent != 1 {
		t.Fatalf("report %+v, want 1 sent", r)
	}
}
