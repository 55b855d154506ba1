package broadcast_test

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/broadcast"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// Every campaign operation on a real Cluster: create (twice), preview,
// start, send on two channels, pause, resume, cancel, report, CSV,
// replies and erasure. Single-node tests never show CROSSSLOT.
func TestCampaignsOnACluster(t *testing.T) {
	cl := storetest.StartCluster(t, 2*time.Second)
	// RedisAt fails the test on any CROSSSLOT (storetest.GuardSlots).
	rdb, keys := storetest.RedisAt(t, cl.Options())
	if _, ok := rdb.(*redis.ClusterClient); !ok {
		t.Fatalf("client %T is not a Cluster client", rdb)
	}
	ctx := context.Background()
	f := newFixtureOn(t, rdb, keys, broadcast.Config{Rates: map[string]float64{"telegram": 500, "webchat": 500}, Share: 1}, nil, nil)
	wc := func(i int) bot.Contact { return bot.Contact{Channel: "webchat", ID: fmt.Sprintf("w%d", i)} }
	for i := range 30 {
		f.subscribe(t, tg(i+1), "it", "jobs")
		f.subscribe(t, wc(i+1), "en", "jobs")
	}
	if err := f.svc.Create(ctx, campaign("c1", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Create(ctx, campaign("c1", "jobs")); !errors.Is(err, broadcast.ErrExists) {
		t.Fatalf("second create = %v, want ErrExists", err)
	}
	if err := f.svc.Create(ctx, campaign("c2", "jobs")); err != nil {
		t.Fatal(err)
	}
	if ids, err := f.svc.List(ctx); err != nil || strings.Join(ids, ",") != "c2,c1" && strings.Join(ids, ",") != "c1,c2" {
		t.Fatalf("list = %v %v", ids, err)
	}
	if pv, err := f.svc.Preview(ctx, "c1"); err != nil || pv.Total != 60 {
		t.Fatalf("preview = %+v %v", pv, err)
	}
	if err := f.svc.Start(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Pause(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Resume(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	r := f.run(t, "c1", 30*time.Second)
	if r.Sent != 60 || r.Pending != 0 || r.InFlight != 0 {
		t.Fatalf("report: %+v", r)
	}
	for i := range 30 {
		if n, m := len(f.rec.sent(tg(i+1))), len(f.rec.sent(wc(i+1))); n != 1 || m != 1 {
			t.Fatalf("contact %d got %d and %d notices", i+1, n, m)
		}
	}
	// A reply within the window is counted in the campaign's set.
	f.event(t, tg(1), bot.NeedReached{Area: "work"})
	if r, _ := f.svc.Report(ctx, "c1"); r.Replies != 1 {
		t.Fatalf("replies = %d", r.Replies)
	}
	var rows [][]string
	if err := f.svc.WriteCSV(ctx, "c1", csvRows{&rows}); err != nil || len(rows) != 61 {
		t.Fatalf("csv: %d rows, %v", len(rows), err)
	}
	if err := f.svc.Erase(ctx, tg(1)); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "c2"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Cancel(ctx, "c2"); err != nil {
		t.Fatal(err)
	}
	if r, err := f.svc.Report(ctx, "c2"); err != nil || r.Status != broadcast.StatusCancelled {
		t.Fatalf("cancelled: %+v %v", r, err)
	}
}

type csvRows struct{ rows *[][]string }

func (c csvRows) Write(r []string) error { *c.rows = append(*c.rows, r); return nil }

var _ = csv.NewWriter(io.Discard) // csvRows stands for a csv.Writer

// A campaign sending when the master holding it (and its channel's rate
// bucket) dies goes on by itself once the replica has taken over, and
// everyone gets the notice once.
func TestCampaignSurvivesAClusterFailover(t *testing.T) {
	cl := storetest.StartCluster(t, time.Second)
	rdb, keys := storetest.RedisAt(t, cl.Options())
	ctx := context.Background()
	const n = 200
	g := newGate(nil, n/4)
	f := newFixtureOn(t, rdb, keys, broadcast.Config{Rates: map[string]float64{"telegram": 200}, Share: 1, Workers: 4},
		map[string]bot.Sender{"telegram": g}, nil)
	g.inner = f.rec
	for i := range n {
		f.subscribe(t, tg(i+1), "it", "jobs")
	}
	// A campaign whose keys live on the same master as the bucket, so
	// that one kill stops both.
	bucket := keys.Global("bc:{pace:telegram}:bucket")
	id := ""
	for i := range 1000 {
		c := fmt.Sprintf("fo%d", i)
		if cl.MasterOf(t, keys.Global("bc:{"+c+"}:meta")) == cl.MasterOf(t, bucket) {
			id = c
			break
		}
	}
	if id == "" {
		t.Fatal("no campaign id on the bucket's master")
	}
	if err := f.svc.Create(ctx, campaign(id, "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, id); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { f.svc.Run(runCtx); close(done) }()
	defer func() { cancel(); <-done }()
	select {
	case <-g.held:
	case <-time.After(30 * time.Second):
		t.Fatal("no send reached the gate")
	}
	// The master dies with sends under way; they finish while it is
	// gone. What it acknowledged before is on its replica: this tests
	// the failover, not the replication window.
	m := cl.MasterOf(t, bucket)
	m.Synced(t)
	m.Kill()
	close(g.open)
	// The report itself fails while the master is away.
	var r broadcast.Report
	deadline := time.Now().Add(60 * time.Second)
	for {
		var err error
		r, err = f.svc.Report(ctx, id)
		if err == nil && r.Status == broadcast.StatusDone {
			break
		}
		if err != nil && !store.Unavailable(err) {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("campaign not done 60 s after the master died: %+v %v", r, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if r.Sent+r.InFlight != n {
		t.Fatalf("report %+v: sent + unknown != %d", r, n)
	}
	twice, never := 0, 0
	for i := range n {
		switch k := len(f.rec.sent(tg(i + 1))); {
		case k == 0:
			never++
		case k > 1:
			twice += k - 1
		}
	}
	t.Logf("after the failover: sent %d, unknown %d, never %d, twice %d", r.Sent, r.InFlight, never, twice)
	if never != 0 || twice != 0 {
		t.Fatalf("%d never got the notice, %d got it again", never, twice)
	}
}

// The channel's pause on a Cluster: its pause key, its outage hash and its
// rate bucket are one slot's (CROSSSLOT fails the test), with two
// processes and Telegram answering 500 for a while.
func TestOutageOnACluster(t *testing.T) {
	cl := storetest.StartCluster(t, 2*time.Second)
	rdb, keys := storetest.RedisAt(t, cl.Options())
	testOutageTwoRunners(t, rdb, keys)
}
