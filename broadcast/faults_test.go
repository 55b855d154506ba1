package broadcast_test

import (
	"context"
	"encoding/csv"
	"errors"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/broadcast"
	"frontdoor/console"
	"frontdoor/console/consoletest"
)

// failCommand makes every Redis command named name fail, as a Redis that
// hiccups between two reads would.
type failCommand string

func (failCommand) DialHook(next redis.DialHook) redis.DialHook { return next }

func (f failCommand) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if cmd.Name() == string(f) {
			err := errors.New("injected fault")
			cmd.SetErr(err)
			return err
		}
		return next(ctx, cmd)
	}
}

func (failCommand) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// The CSV report says who replied and who stopped, and a Redis error
// while reading them is an error, not a report where nobody replied.
func TestReportCSVAndRedisFaults(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	for i := range 3 {
		f.subscribe(t, tg(i+1), "it", "health")
	}
	if err := f.svc.Create(ctx, campaign("c1", "health")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	if r := f.run(t, "c1", 5*time.Second); r.Sent != 3 {
		t.Fatalf("report %+v", r)
	}
	f.now.Add(time.Hour)
	f.event(t, tg(1), bot.NeedReached{Area: "health"})
	f.event(t, tg(2), bot.Subscribed{Topic: "*"})

	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := f.svc.WriteCSV(ctx, "c1", w); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("csv %q: %d rows, err %v", b.String(), len(rows), err)
	}
	replied, stopped := 0, 0
	for _, r := range rows[1:] {
		if r[2] != "sent" {
			t.Errorf("row %q: outcome %q, want sent", r, r[2])
		}
		if r[3] == "yes" {
			replied++
		}
		if r[4] == "yes" {
			stopped++
		}
	}
	if replied != 2 || stopped != 1 {
		t.Errorf("csv says %d replied and %d stopped, want 2 and 1:\n%s", replied, stopped, b.String())
	}

	f.rdb.AddHook(failCommand("smembers"))
	if err := f.svc.WriteCSV(ctx, "c1", csv.NewWriter(&strings.Builder{})); err == nil {
		t.Error("WriteCSV with who replied unreadable: no error")
	}
	f.rdb.AddHook(failCommand("exists"))
	if err := f.svc.Resume(ctx, "c1"); err == nil || errors.Is(err, broadcast.ErrNotFound) {
		t.Errorf("Resume with Redis failing: %v, want an error that is not 'not found'", err)
	}
}

// outage makes every Redis command that names one of keys fail as a
// connection refused would, while on is set: one master of a Cluster gone;
// or with err, when it is set.
type outage struct {
	keys []string
	on   *atomic.Bool
	err  error
}

func (outage) DialHook(next redis.DialHook) redis.DialHook { return next }

func (o outage) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if o.on.Load() && slices.ContainsFunc(cmd.Args(), func(a any) bool { s, _ := a.(string); return slices.Contains(o.keys, s) }) {
			err := o.err
			if err == nil {
				err = &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
			}
			cmd.SetErr(err)
			return err
		}
		return next(ctx, cmd)
	}
}

func (outage) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// A campaign whose rate bucket Redis does not answer for (its master
// failing over), or refuses to run (a disk it cannot write), waits, says
// so in its report (for the console) since when, and goes on by itself
// once Redis answers: everyone gets the notice once. A refusal that was
// not a failover's stopped the campaign until the process restarted.
func TestStalledCampaignIsReportedAndResumes(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error // nil: connection refused
	}{
		{"connection refused", nil},
		{"refused", errors.New("MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk")},
	} {
		t.Run(tc.name, func(t *testing.T) { testStalledCampaign(t, tc.err) })
	}
}

func testStalledCampaign(t *testing.T, fault error) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 200}}, nil)
	const n = 10
	for i := range n {
		f.subscribe(t, tg(i+1), "it", "health")
	}
	down := &atomic.Bool{}
	down.Store(true)
	f.rdb.AddHook(outage{keys: []string{f.keys.Global("bc:{pace:telegram}:bucket")}, on: down, err: fault})
	if err := f.svc.Create(ctx, campaign("c1", "health")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- f.svc.Run(runCtx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		r, err := f.svc.Report(ctx, "c1")
		if err != nil {
			t.Fatal(err)
		}
		if !r.StalledSince.IsZero() {
			if r.Sent != 0 {
				t.Fatalf("sent %d while the bucket was away", r.Sent)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("report %+v: no stall shown while the bucket is away", r)
		}
		time.Sleep(10 * time.Millisecond)
	}
	down.Store(false)
	r := waitStatus(t, f.svc, "c1", broadcast.StatusDone, 20*time.Second)
	if r.Sent != n || !r.StalledSince.IsZero() {
		t.Fatalf("after Redis came back: %+v, want %d sent and no stall", r, n)
	}
	for i := range n {
		if k := len(f.rec.sent(tg(i + 1))); k != 1 {
			t.Errorf("recipient %d got the notice %d times", i+1, k)
		}
	}
}

// failFirst makes the first Redis command named name fail, alone or in a
// pipeline or transaction (then the whole of it, as a connection lost
// before it was sent would).
type failFirst struct {
	name string
	done *atomic.Bool
}

func (failFirst) DialHook(next redis.DialHook) redis.DialHook { return next }

func (f failFirst) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if cmd.Name() == f.name && f.done.CompareAndSwap(false, true) {
			err := errors.New("injected fault")
			cmd.SetErr(err)
			return err
		}
		return next(ctx, cmd)
	}
}

func (f failFirst) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if slices.ContainsFunc(cmds, func(c redis.Cmder) bool { return c.Name() == f.name }) && f.done.CompareAndSwap(false, true) {
			err := errors.New("injected fault")
			for _, c := range cmds {
				c.SetErr(err)
			}
			return err
		}
		return next(ctx, cmds)
	}
}

// The day's count of a channel's campaign messages (Config.DailyCaps)
// always expires: a Redis error while setting its expiry fails the count
// (the recipient waits and goes out after), where it was ignored and left
// the count in Redis for good.
func TestDailyCountExpiresDespiteAFault(t *testing.T) {
	ctx := context.Background()
	f := newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"whatsapp": 100}, Share: 1, Workers: 1,
		DailyCaps: map[string]int{"whatsapp": 10}}, nil, nil)
	const n = 3
	for i := range n {
		f.subscribe(t, wa(i+1), "it", "jobs")
	}
	if err := f.svc.Create(ctx, campaign("capped", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "capped"); err != nil {
		t.Fatal(err)
	}
	faulted := &atomic.Bool{}
	f.rdb.AddHook(failFirst{name: "expire", done: faulted})
	r := f.run(t, "capped", 20*time.Second)
	if !faulted.Load() {
		t.Fatal("no EXPIRE was sent: the fault was not met")
	}
	if r.Sent != n || r.Done() != n {
		t.Fatalf("report %+v: want all %d sent", r, n)
	}
	key := f.keys.Global("bc:day:whatsapp:" + f.now.Now().Format("2006-01-02"))
	ttl, err := f.rdb.TTL(ctx, key).Result()
	if err != nil {
		t.Fatal(err)
	}
	if ttl <= 0 {
		t.Fatalf("the day's count %s: TTL %v, want it to expire", key, ttl)
	}
	if got, err := f.rdb.Get(ctx, key).Int(); err != nil || got != n {
		t.Fatalf("the day's count is %d (%v), want %d", got, err, n)
	}
}

// A campaign whose figures Redis fails to give is not left out of the
// campaigns page as if it did not exist: the page says it failed.
func TestCampaignsPageRedisFault(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	srv := campaignsSite(t, f, console.Account{Name: "olga", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleOutreach}})
	if err := f.svc.Create(ctx, campaign("c1", "health")); err != nil {
		t.Fatal(err)
	}
	olga := consoletest.New(t, srv.URL)
	olga.MustSignIn("olga", "password-olga")
	if code, page := olga.Get("/console/campaigns/"); code != http.StatusOK || !strings.Contains(page, "c1") {
		t.Fatalf("page = %d, want 200 listing c1", code)
	}
	down := &atomic.Bool{}
	down.Store(true)
	f.rdb.AddHook(outage{keys: []string{f.keys.Global("bc:{c1}:meta")}, on: down})
	if code, _ := olga.Get("/console/campaigns/"); code != http.StatusInternalServerError {
		t.Fatalf("page with the campaign's figures unreadable = %d, want 500", code)
	}
}
