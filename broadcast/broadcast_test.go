package broadcast_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"go.yaml.in/yaml/v3"

	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/bot/telegram"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/broadcast"
	"frontdoor/flows"
	"frontdoor/internal/conf"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// fixture is a Service on the test Redis with a recording sender per
// channel, unless a test brings its own senders.
type fixture struct {
	rdb   redis.UniversalClient
	keys  store.Keys
	svc   *broadcast.Service
	now   *clock
	rec   *recorder
	reach *reachCounter
	// pace is the simulated pacing time of a fixture made by
	// newPacedFixture; nil when the Service paces in real time.
	pace *clock
}

// reachCounter is a Reach that counts "channel/lang/outcome".
type reachCounter struct {
	mu sync.Mutex
	n  map[string]int
}

func (r *reachCounter) RecordCampaign(_ context.Context, channel, lang, outcome string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n[channel+"/"+lang+"/"+outcome]++
	return nil
}

func (r *reachCounter) counts() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return maps.Clone(r.n)
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// SleepUntil makes the clock a broadcast.Pacing in simulated time:
// waiting moves the time on to until at once, never back. Pacing checked
// on it is checked in simulated seconds, which no load on the machine can
// stretch or squeeze, and the pacer's waits are as short as the bucket
// allows: its grants as dense as they can be. Loops waiting at once for
// the same instant (a pause's end) end together, as in real time; a wait
// for a duration would move the time on once for each of them.
func (c *clock) SleepUntil(ctx context.Context, until time.Time) bool {
	if ctx.Err() != nil {
		return false
	}
	c.mu.Lock()
	if until.After(c.t) {
		c.t = until
	}
	c.mu.Unlock()
	return true
}

func simStart() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) }

// recorder is a Sender that remembers what went to whom and can fail
// chosen contacts.
type recorder struct {
	mu   sync.Mutex
	got  map[bot.Contact][]bot.Reply
	fail map[string]error
}

func (r *recorder) Send(_ context.Context, to bot.Contact, rep bot.Reply) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.fail[to.ID]; err != nil {
		return err
	}
	r.got[to] = append(r.got[to], rep)
	return nil
}

func (r *recorder) sent(to bot.Contact) []bot.Reply {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got[to])
}

func newFixture(t testing.TB, cfg broadcast.Config, senders map[string]bot.Sender) *fixture {
	t.Helper()
	return newFixtureWith(t, cfg, senders, nil)
}

// newPacedFixture is a fixture whose Service paces on pace, simulated time
// (nil: a new one), so that its pacing can be checked whatever the load.
func newPacedFixture(t testing.TB, cfg broadcast.Config, senders map[string]bot.Sender, pace *clock) *fixture {
	t.Helper()
	if pace == nil {
		pace = &clock{t: simStart()}
	}
	return newFixtureWith(t, cfg, senders, pace)
}

func newFixtureWith(t testing.TB, cfg broadcast.Config, senders map[string]bot.Sender, pace *clock) *fixture {
	t.Helper()
	rdb, keys := storetest.Redis(t)
	return newFixtureOn(t, rdb, keys, cfg, senders, pace)
}

// newFixtureOn is a fixture on a Redis the test chose (a Cluster it
// started).
func newFixtureOn(t testing.TB, rdb redis.UniversalClient, keys store.Keys, cfg broadcast.Config, senders map[string]bot.Sender, pace *clock) *fixture {
	t.Helper()
	f := &fixture{rdb: rdb, keys: keys, now: &clock{t: simStart()}, pace: pace,
		rec: &recorder{got: map[bot.Contact][]bot.Reply{}, fail: map[string]error{}}, reach: &reachCounter{n: map[string]int{}}}
	if senders == nil {
		senders = map[string]bot.Sender{"telegram": f.rec, "webchat": f.rec, "whatsapp": f.rec}
	}
	if cfg.Rates == nil {
		cfg.Rates = map[string]float64{"telegram": 500, "webchat": 500, "whatsapp": 500}
	}
	// Sends left "sending" by a crashed process end the campaign 3 s
	// after its queues empty, not 2 minutes.
	o := broadcast.Options{Clock: f.now.Now, Tick: 20 * time.Millisecond, Reach: f.reach, InFlightGrace: 3 * time.Second}
	if pace != nil {
		o.Pacing = pace
	}
	f.svc = broadcast.New(rdb, keys, cfg, route(senders), o)
	return f
}

// route is the one sender of a test's Service over a fake per channel, as
// dispatch.Direct is over the adapters in serve.
type route map[string]bot.Sender

func (r route) Send(ctx context.Context, to bot.Contact, rep bot.Reply) error {
	s := r[to.Channel]
	if s == nil {
		return fmt.Errorf("fake: %w: no channel %q", bot.ErrRejected, to.Channel)
	}
	return s.Send(ctx, to, rep)
}

func (r route) Channels() []string { return slices.Collect(maps.Keys(r)) }

func (f *fixture) subscribe(t *testing.T, c bot.Contact, lang string, topics ...string) {
	t.Helper()
	for _, tp := range topics {
		if err := f.svc.HandleEvent(context.Background(), c, bot.Subscribed{Topic: tp, On: true, Lang: lang}); err != nil {
			t.Fatal(err)
		}
	}
}

// startJobs subscribes n Italian Telegram contacts (tg(1) to tg(n)) to
// "jobs" and starts campaign id to them.
func (f *fixture) startJobs(t *testing.T, id string, n int) {
	t.Helper()
	for i := range n {
		f.subscribe(t, tg(i+1), "it", "jobs")
	}
	ctx := context.Background()
	if err := f.svc.Create(ctx, campaign(id, "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, id); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) event(t *testing.T, c bot.Contact, e bot.Event) {
	t.Helper()
	if err := f.svc.HandleEvent(context.Background(), c, e); err != nil {
		t.Fatal(err)
	}
}

// run sends until the campaign is done (or the deadline) and returns its
// report.
func (f *fixture) run(t testing.TB, id string, within time.Duration) broadcast.Report {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.svc.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	return waitStatus(t, f.svc, id, broadcast.StatusDone, within)
}

func waitStatus(t testing.TB, svc *broadcast.Service, id, status string, within time.Duration) broadcast.Report {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		r, err := svc.Report(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status == status {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("campaign %s still %s after %s: %+v", id, r.Status, within, r)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func campaign(id, topic string) broadcast.Campaign {
	return broadcast.Campaign{ID: id, Texts: map[string]string{"it": "Fiera del lavoro sabato", "en": "Job fair on Saturday"},
		Fallback: "skip", Segment: broadcast.Segment{Topic: topic}}
}

func tg(id int) bot.Contact { return bot.Contact{Channel: "telegram", ID: strconv.Itoa(id)} }

func TestOnlySubscribersOfTheTopicInTheSegment(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	web := bot.Contact{Channel: "webchat", ID: "w1"}
	f.subscribe(t, tg(1), "it", "jobs")
	f.subscribe(t, tg(2), "en", "jobs", "health")
	f.subscribe(t, tg(3), "fr", "jobs") // no French text
	f.subscribe(t, tg(4), "it", "health")
	f.subscribe(t, web, "it", "jobs")
	f.subscribe(t, tg(5), "ar", "jobs", "courses")
	f.event(t, tg(2), bot.NeedReached{Area: "work"})
	f.event(t, web, bot.NeedReached{Area: "legal"})
	f.event(t, tg(1), bot.Booked{Desk: "torino"})
	f.event(t, web, bot.Booked{Desk: "milano"})
	// Opt-out by "stop" (topic "*") and by topic.
	f.event(t, tg(5), bot.Subscribed{Topic: "*"})
	f.subscribe(t, tg(6), "it", "jobs")
	f.event(t, tg(6), bot.Subscribed{Topic: "jobs"})
	// tg(7) never opted in but reached an area and booked: no notice,
	// nothing stored.
	f.event(t, tg(7), bot.NeedReached{Area: "work"})
	f.event(t, tg(7), bot.Booked{Desk: "torino"})
	if n := len(storetest.KeysWith(t, f.rdb, f.keys.ContactKey(tg(7).Key(), "bsub"))); n != 0 {
		t.Fatalf("an event of a non-subscriber stored %d keys", n)
	}

	tests := []struct {
		name      string
		seg       broadcast.Segment
		fallback  string
		want      []bot.Contact
		byLang    map[string]int
		byChannel map[string]int
		skipped   int
	}{
		{"topic, skip", broadcast.Segment{Topic: "jobs"}, "skip", []bot.Contact{tg(1), tg(2), web},
			map[string]int{"it": 2, "en": 1}, map[string]int{"telegram": 2, "webchat": 1}, 1},
		{"topic, fall back to English", broadcast.Segment{Topic: "jobs"}, "en", []bot.Contact{tg(1), tg(2), tg(3), web},
			map[string]int{"it": 2, "en": 2}, map[string]int{"telegram": 3, "webchat": 1}, 0},
		{"language", broadcast.Segment{Topic: "jobs", Languages: []string{"en"}}, "skip", []bot.Contact{tg(2)},
			map[string]int{"en": 1}, map[string]int{"telegram": 1}, 0},
		{"channel", broadcast.Segment{Topic: "jobs", Channels: []string{"webchat"}}, "skip", []bot.Contact{web},
			map[string]int{"it": 1}, map[string]int{"webchat": 1}, 0},
		{"area", broadcast.Segment{Topic: "jobs", Areas: []string{"work"}}, "skip", []bot.Contact{tg(2)},
			map[string]int{"en": 1}, map[string]int{"telegram": 1}, 0},
		{"desk", broadcast.Segment{Topic: "jobs", Desks: []string{"torino"}}, "skip", []bot.Contact{tg(1)},
			map[string]int{"it": 1}, map[string]int{"telegram": 1}, 0},
		{"areas or desks combine", broadcast.Segment{Topic: "jobs", Areas: []string{"legal"}, Desks: []string{"milano", "torino"}}, "skip", []bot.Contact{web},
			map[string]int{"it": 1}, map[string]int{"webchat": 1}, 0},
		{"other topic", broadcast.Segment{Topic: "health"}, "skip", []bot.Contact{tg(2), tg(4)},
			map[string]int{"it": 1, "en": 1}, map[string]int{"telegram": 2}, 0},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := campaign(fmt.Sprintf("seg%d", i), tt.seg.Topic)
			c.Segment, c.Fallback = tt.seg, tt.fallback
			if err := f.svc.Create(ctx, c); err != nil {
				t.Fatal(err)
			}
			pv, err := f.svc.Preview(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if pv.Total != len(tt.want) || pv.Skipped != tt.skipped || !mapsEqual(pv.ByLang, tt.byLang) || !mapsEqual(pv.ByChannel, tt.byChannel) {
				t.Fatalf("preview = %+v, want %d recipients, %d skipped, %v, %v", pv, len(tt.want), tt.skipped, tt.byLang, tt.byChannel)
			}
			f.rec.mu.Lock()
			f.rec.got = map[bot.Contact][]bot.Reply{}
			f.rec.mu.Unlock()
			if err := f.svc.Start(ctx, c.ID); err != nil {
				t.Fatal(err)
			}
			r := f.run(t, c.ID, 10*time.Second)
			if r.Sent != len(tt.want) || r.Total != len(tt.want) || r.Skipped != tt.skipped {
				t.Fatalf("report = %+v", r)
			}
			for _, who := range []bot.Contact{tg(1), tg(2), tg(3), tg(4), tg(5), tg(6), tg(7), web} {
				got := f.rec.sent(who)
				want := 0
				if slices.Contains(tt.want, who) {
					want = 1
				}
				if len(got) != want {
					t.Fatalf("%s got %d notices, want %d", who.Key(), len(got), want)
				}
			}
			if got := f.rec.sent(tg(3)); len(got) == 1 && got[0].Text != "Job fair on Saturday" {
				t.Fatalf("fallback text = %q", got[0].Text)
			}
			if got := f.rec.sent(tg(1)); len(got) == 1 && got[0].Text != "Fiera del lavoro sabato" {
				t.Fatalf("Italian text = %q", got[0].Text)
			}
		})
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestActiveWithinDays(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	f.subscribe(t, tg(1), "it", "courses")
	f.now.Add(10 * 24 * time.Hour)
	f.subscribe(t, tg(2), "it", "courses")
	c := campaign("active", "courses")
	c.Segment.ActiveDays = 7
	if err := f.svc.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	pv, err := f.svc.Preview(ctx, "active")
	if err != nil {
		t.Fatal(err)
	}
	if pv.Total != 1 {
		t.Fatalf("preview = %+v, want only the recently active one", pv)
	}
}

func TestScheduledCampaignWaitsForItsTime(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	f.subscribe(t, tg(1), "it", "permits")
	c := campaign("later", "permits")
	c.SendAt = f.now.Now().Add(time.Hour)
	if err := f.svc.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go f.svc.Run(runCtx)
	// Subscribed after the campaign was planned, before it is due: the
	// audience is fixed at the send time, so they get it.
	f.subscribe(t, tg(2), "en", "permits")
	waitStatus(t, f.svc, c.ID, broadcast.StatusScheduled, 10*time.Second)
	// Several rounds of Run pass with the clock before the send time.
	for range 5 {
		waitPolls(t, f.svc, 1)
		if r, _ := f.svc.Report(ctx, c.ID); r.Status != broadcast.StatusScheduled || len(f.rec.sent(tg(1))) != 0 {
			t.Fatalf("sent before its time: %+v", r)
		}
	}
	f.now.Add(time.Hour)
	r := waitStatus(t, f.svc, c.ID, broadcast.StatusDone, 10*time.Second)
	if r.Sent != 2 || len(f.rec.sent(tg(1))) != 1 || len(f.rec.sent(tg(2))) != 1 {
		t.Fatalf("report %+v", r)
	}
}

func TestPauseResumeCancel(t *testing.T) {
	ctx := context.Background()
	g := newGate(nil, math.MaxInt)
	f := newFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 50}, Share: 1}, map[string]bot.Sender{"telegram": g})
	g.inner = f.rec
	for i := range 40 {
		f.subscribe(t, tg(i+1), "it", "jobs")
	}
	for _, id := range []string{"p1", "p2"} {
		if err := f.svc.Create(ctx, campaign(id, "jobs")); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.Pause(ctx, "p1"); !errors.Is(err, broadcast.ErrState) {
		t.Fatalf("pausing a draft = %v", err)
	}
	if err := f.svc.Start(ctx, "p1"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Pause(ctx, "p1"); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go f.svc.Run(runCtx)
	waitPolls(t, f.svc, 3) // a few rounds: nothing may go out while paused
	if r, _ := f.svc.Report(ctx, "p1"); r.Sent != 0 || r.Status != broadcast.StatusPaused {
		t.Fatalf("paused campaign sent: %+v", r)
	}
	if err := f.svc.Resume(ctx, "p1"); err != nil {
		t.Fatal(err)
	}
	r := waitStatus(t, f.svc, "p1", broadcast.StatusDone, 10*time.Second)
	if r.Sent != 40 {
		t.Fatalf("after resume: %+v", r)
	}
	// Cancelled while sending: the sends are held at the gate, so the
	// cancel comes with some under way however slow the machine is, and
	// at most one per worker (8) was taken from the queue.
	g.shut()
	if err := f.svc.Start(ctx, "p2"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-g.held:
	case <-time.After(10 * time.Second):
		t.Fatal("no send started")
	}
	if err := f.svc.Cancel(ctx, "p2"); err != nil {
		t.Fatal(err)
	}
	close(g.open)
	// Done once the sends under way are recorded: nothing is taken from
	// the queue of a cancelled campaign.
	deadline := time.Now().Add(10 * time.Second)
	for {
		r, _ = f.svc.Report(ctx, "p2")
		if r.InFlight == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("sends of the cancelled campaign never recorded: %+v", r)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if r.Status != broadcast.StatusCancelled || r.Sent == 0 || r.Sent+r.Pending != 40 || r.Pending < 40-8 {
		t.Fatalf("cancelled: %+v", r)
	}
}

// gate is a Sender that lets a number of sends through, then holds every
// other one until open is closed: the tests stop a campaign in the middle
// by what was sent, not by how long it ran.
type gate struct {
	inner bot.Sender
	held  chan struct{} // a value for every send held (up to 64)
	open  chan struct{}
	mu    sync.Mutex
	pass  int
}

func newGate(inner bot.Sender, pass int) *gate {
	return &gate{inner: inner, pass: pass, held: make(chan struct{}, 64), open: make(chan struct{})}
}

// shut holds the sends from now on.
func (g *gate) shut() { g.mu.Lock(); g.pass = 0; g.mu.Unlock() }

func (g *gate) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	g.mu.Lock()
	hold := g.pass <= 0
	if !hold {
		g.pass--
	}
	g.mu.Unlock()
	if hold {
		select {
		case g.held <- struct{}{}:
		default: // nobody counts that far
		}
		<-g.open
	}
	return g.inner.Send(ctx, to, r)
}

func TestUnreachableIsFinalAndRepliesAreCounted(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	for i := range 4 {
		f.subscribe(t, tg(i+1), "it", "health")
	}
	f.rec.fail["2"] = fmt.Errorf("telegram: %w: Forbidden: bot was blocked by the user", bot.ErrUnreachable)
	f.rec.fail["3"] = fmt.Errorf("telegram: %w: Bad Request: chat not found", bot.ErrUnreachable)
	if err := f.svc.Create(ctx, campaign("h1", "health")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "h1"); err != nil {
		t.Fatal(err)
	}
	r := f.run(t, "h1", 5*time.Second)
	if r.Sent != 2 || r.Failed[broadcast.ReasonBlocked] != 1 || r.Failed[broadcast.ReasonUnreachable] != 1 {
		t.Fatalf("report %+v", r)
	}
	// The person who replies within the window is counted, and the one
	// who stops too.
	f.now.Add(time.Hour)
	f.event(t, tg(1), bot.NeedReached{Area: "health"})
	f.event(t, tg(4), bot.Subscribed{Topic: "*"})
	r, _ = f.svc.Report(ctx, "h1")
	if r.Replies != 2 || r.Unsubscribed != 1 {
		t.Fatalf("replies %d unsubscribed %d, want 2 and 1", r.Replies, r.Unsubscribed)
	}
	// The anonymous statistics get the same figures, once each even when
	// an event is delivered again.
	f.event(t, tg(1), bot.NeedReached{Area: "health"})
	want := map[string]int{"telegram/it/sent": 2, "telegram/it/failed": 2, "telegram/it/replied": 2, "telegram/it/unsubscribed": 1}
	if got := f.reach.counts(); !mapsEqual(got, want) {
		t.Fatalf("reach = %v, want %v", got, want)
	}
	// The next campaign does not try the unreachable ones again.
	delete(f.rec.fail, "2")
	if err := f.svc.Create(ctx, campaign("h2", "health")); err != nil {
		t.Fatal(err)
	}
	pv, _ := f.svc.Preview(ctx, "h2")
	if pv.Total != 1 {
		t.Fatalf("second preview %+v, want only contact 1", pv)
	}
	// Writing again (a new subscription) makes them reachable.
	f.subscribe(t, tg(2), "it", "health")
	if pv, _ := f.svc.Preview(ctx, "h2"); pv.Total != 2 {
		t.Fatalf("preview after they wrote %+v", pv)
	}
}

// The contact is answered 5xx once before the notice goes, so that the
// campaign noted its failures (the tried hash) too; and another
// campaign's send to them is left in flight by a dead process (the
// in-flight hash).
func TestEraseRemovesSubscription(t *testing.T) {
	ctx := context.Background()
	var (
		f      *fixture
		failed atomic.Bool
	)
	once5xx := bot.SenderFunc(func(ctx context.Context, to bot.Contact, r bot.Reply) error {
		if failed.CompareAndSwap(false, true) {
			return fmt.Errorf("telegram: send to %s: %w: Bot API server error (500)", to.ID, bot.ErrUnavailable)
		}
		return f.rec.Send(ctx, to, r)
	})
	f = newPacedFixture(t, broadcast.Config{}, map[string]bot.Sender{"telegram": once5xx}, nil)
	f.subscribe(t, tg(1), "it", "health", "jobs")
	f.event(t, tg(1), bot.NeedReached{Area: "health"})
	if err := f.svc.Create(ctx, campaign("e1", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "e1"); err != nil {
		t.Fatal(err)
	}
	if r := f.run(t, "e1", 5*time.Second); r.Sent != 1 || !failed.Load() {
		t.Fatalf("report %+v (5xx answered: %v): want the notice sent after a 5xx", r, failed.Load())
	}
	// Another campaign's send to them is under way (in the in-flight
	// hash) in a process that died: built by a process that sends
	// nothing, and claimed for ever.
	if err := f.svc.Create(ctx, campaign("e3", "health")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "e3"); err != nil {
		t.Fatal(err)
	}
	dead := broadcast.New(f.rdb, f.keys, broadcast.Config{}, nil, broadcast.Options{Clock: f.now.Now, Tick: 20 * time.Millisecond})
	dctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- dead.Run(dctx) }()
	waitStatus(t, dead, "e3", broadcast.StatusSending, 10*time.Second)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if it, err := dead.AbandonClaim(ctx, "e3", "telegram", time.Now()); err != nil || !strings.HasPrefix(it, tg(1).Key()+"|") {
		t.Fatalf("claim = %q, %v", it, err)
	}
	// The 5xx noted its count, its gaps and the time of the first (for
	// GiveUpAfter), each a field naming the contact: all must go.
	tried, err := f.rdb.HKeys(ctx, f.keys.Global("bc:{e1}:tried")).Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{tg(1).Key(), "n:" + tg(1).Key(), "g:" + tg(1).Key(), "t:" + tg(1).Key()} {
		if !slices.Contains(tried, field) {
			t.Fatalf("the campaign's tried hash %v has no %s before the erasure: the test does not check it goes", tried, field)
		}
	}
	if err := f.svc.Erase(ctx, tg(1)); err != nil {
		t.Fatal(err)
	}
	if topics, _ := f.svc.Subscription(ctx, tg(1)); len(topics) != 0 {
		t.Fatalf("after erase subscribed to %v", topics)
	}
	for _, k := range storetest.KeysWith(t, f.rdb, f.keys.Prefix()) {
		typ, _ := f.rdb.Type(ctx, k).Result()
		var has bool
		switch typ {
		case "hash":
			fields, _ := f.rdb.HKeys(ctx, k).Result()
			has = slices.ContainsFunc(fields, func(field string) bool { return strings.Contains(field, tg(1).Key()) })
		case "set":
			has, _ = f.rdb.SIsMember(ctx, k, tg(1).Key()).Result()
		}
		if has || k == f.keys.ContactKey(tg(1).Key(), "bsub") {
			t.Errorf("key %s still holds the contact", k)
		}
	}
}

// newTelegram is the real Telegram adapter pointed at the fake Bot API.
// MaxRetryWait is tiny so a 429 reaches the campaign sender, which pauses
// the whole channel instead of one send waiting on its own.
func newTelegram(t testing.TB, srv *telegramtest.Server) *telegram.Channel {
	t.Helper()
	ch, err := telegram.New(telegram.Config{Token: telegramtest.Token, APIURL: srv.URL(), MaxRetryWait: time.Millisecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

func countCalls(srv *telegramtest.Server) (ok int, limited int, perChat map[int64]int) {
	perChat = map[int64]int{}
	for _, c := range srv.Calls("sendMessage") {
		switch {
		case c.OK():
			ok++
			perChat[c.ChatID]++
		case c.Code == 429:
			limited++
		}
	}
	return ok, limited, perChat
}

// mostWithinASecond is the largest number of times ts (in order) has in
// any one-second window [t, t+1s), as the platform counts.
func mostWithinASecond(ts []time.Time) int {
	most, first := 0, 0
	for i := range ts {
		for ts[i].Sub(ts[first]) >= time.Second {
			first++
		}
		most = max(most, i-first+1)
	}
	return most
}

// TestBucketStaysWithinTheRate takes tokens for two processes (two
// Services on one Redis) in turn, on simulated time, where every wait
// the bucket asks for is over at once: the grants are as dense as the
// bucket allows. Telegram's defaults: 25/s with a share of 0.8 is 20/s,
// with a burst of 2.
func TestBucketStaysWithinTheRate(t *testing.T) {
	ctx := context.Background()
	cfg := broadcast.Config{Rates: map[string]float64{"telegram": 25}}
	f := newPacedFixture(t, cfg, nil, nil)
	other := broadcast.New(f.rdb, f.keys, cfg, nil, broadcast.Options{Pacing: f.pace})
	const rate, burst, seconds = 20, 2, 30
	start := f.pace.Now()
	var grants []time.Time
	for i := range rate * seconds {
		svc := []*broadcast.Service{f.svc, other}[i%2]
		ok, err := svc.TakeToken(ctx, "telegram")
		if err != nil || !ok {
			t.Fatalf("token %d: %v, %v", i, ok, err)
		}
		grants = append(grants, f.pace.Now())
	}
	// The package's promise: any second below rate × 1.1, under
	// Telegram's 25/s.
	if most := mostWithinASecond(grants); most > rate+burst {
		t.Errorf("%d tokens within one simulated second, want at most %d (rate %d/s + burst %d)", most, rate+burst, rate, burst)
	}
	// A bucket that handed out less would keep the limit trivially; it
	// must give the rate. Only the rounding of waits up to whole
	// milliseconds (at most 1 of every 50) is lost.
	in10s := 0
	for _, g := range grants {
		if g.Sub(start) < 10*time.Second {
			in10s++
		}
	}
	if want := burst + 10*rate*95/100; in10s < want {
		t.Errorf("%d tokens in the first 10 simulated seconds, want at least %d", in10s, want)
	}
}

// TestPauseAfter429HoldsEveryProcess: a 429 seen by one process pauses
// the channel for every process sharing the bucket, for retry_after in
// simulated time, and the workers of the process that saw it wait too.
func TestPauseAfter429HoldsEveryProcess(t *testing.T) {
	ctx := context.Background()
	cfg := broadcast.Config{Rates: map[string]float64{"telegram": 25}}
	const rate, burst = 20, 2 // 25/s × the default share of 0.8
	f := newPacedFixture(t, cfg, nil, nil)
	other := broadcast.New(f.rdb, f.keys, cfg, nil, broadcast.Options{Pacing: f.pace})
	take := func(svc *broadcast.Service) time.Time {
		t.Helper()
		if ok, err := svc.TakeToken(ctx, "telegram"); err != nil || !ok {
			t.Fatalf("token: %v, %v", ok, err)
		}
		return f.pace.Now()
	}
	for range 10 {
		take(f.svc)
	}
	const retryAfter = 3 * time.Second
	f.svc.PauseChannel(ctx, "telegram", retryAfter)
	until := f.pace.Now().Add(retryAfter)
	if got := take(other); got.Before(until) {
		t.Fatalf("the other process got a token %s before the pause ended", until.Sub(got))
	}
	if got := take(f.svc); got.Before(until) {
		t.Fatalf("the paused process got a token %s before the pause ended", until.Sub(got))
	}
	// A worker that took its token before the 429 waits it out too.
	f.svc.PauseChannel(ctx, "telegram", retryAfter)
	until = f.pace.Now().Add(retryAfter)
	if !f.svc.WaitPause(ctx, "telegram") {
		t.Fatal("WaitPause ended early")
	}
	if now := f.pace.Now(); now.Before(until) {
		t.Fatalf("a worker went on %s before the pause ended", until.Sub(now))
	}
	// The other process never saw the 429: its workers do not wait, but
	// its bucket does.
	until = f.pace.Now()
	if !other.WaitPause(ctx, "telegram") || !f.pace.Now().Equal(until) {
		t.Fatal("a process that saw no 429 waited")
	}
	// After the pause, the bucket goes on at the rate: the pause does not
	// save up tokens beyond the burst.
	var grants []time.Time
	for range 100 {
		grants = append(grants, take(other))
	}
	if most := mostWithinASecond(grants); most > rate+burst {
		t.Errorf("%d tokens within one simulated second after a pause, want at most %d", most, rate+burst)
	}
}

// TestPauseOnRedisClock: without simulated time (as in production) the
// pause after a 429 runs on Redis' clock, like the bucket. An hour's pause,
// so that nothing here depends on how fast the test runs.
func TestPauseOnRedisClock(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	f.svc.PauseChannel(ctx, "telegram", time.Hour)
	v, err := f.rdb.Get(ctx, f.keys.Global("bc:{pace:telegram}:pause")).Float64()
	if err != nil {
		t.Fatal(err)
	}
	now, err := f.rdb.Time(ctx).Result()
	if err != nil {
		t.Fatal(err)
	}
	if left := time.Duration(v*1e6) - time.Duration(now.UnixNano()); left <= 0 || left > time.Hour {
		t.Fatalf("the pause ends %s from Redis' now, want within the hour", left)
	}
	// The bucket holds every process: one that never saw the 429 gets no
	// token before its context ends.
	other := broadcast.New(f.rdb, f.keys, broadcast.Config{Rates: map[string]float64{"telegram": 500}}, nil, broadcast.Options{})
	tctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if ok, _ := other.TakeToken(tctx, "telegram"); ok {
		t.Fatal("a token during the pause")
	}
}

// TestCampaignWithinTelegramLimits sends a campaign through the real
// adapter to a fake Bot API that answers 429, like Telegram, above 25
// messages in a second or more than one a second to a chat, with Telegram's
// rate (25/s, share 0.8). The Service and the fake share simulated time,
// so the campaign's pacing is measured against the limit in simulated
// seconds, whatever the load; in real time it runs as fast as it can.
//
// One worker: simulated time stands still while a send is under way in
// real time, except that the pacer may take the next token meanwhile, so
// a send is counted at most one token late (at most 20 + 2 + 1 in any
// second). With more workers the pacer could move time on by several
// tokens while one send is under way, and sends counted late would bunch
// up in a way that says nothing of real pacing.
func TestCampaignWithinTelegramLimits(t *testing.T) {
	ctx := context.Background()
	pace := &clock{t: simStart()}
	srv := telegramtest.NewServer(t, telegramtest.WithRateLimit(25), telegramtest.WithClock(pace.Now))
	const n = 300
	f := newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 25}, Workers: 1},
		map[string]bot.Sender{"telegram": newTelegram(t, srv)}, pace)
	subscribeMany(t, f, n)
	if err := f.svc.Create(ctx, campaign("paced", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "paced"); err != nil {
		t.Fatal(err)
	}
	start := pace.Now()
	r := f.run(t, "paced", 60*time.Second)
	ok, limited, perChat := countCalls(srv)
	t.Logf("sent %d in %s of simulated time; 429s: %d", r.Sent, pace.Now().Sub(start).Round(time.Millisecond), limited)
	if limited != 0 {
		t.Errorf("%d 429 answers, want none", limited)
	}
	if r.Sent != n || ok != n || len(perChat) != n {
		t.Fatalf("sent %d (server saw %d to %d chats), want %d", r.Sent, ok, len(perChat), n)
	}
}

// BenchmarkCampaignRate measures, for people, the rate a campaign reaches
// in real time through the real adapter against the fake Bot API: 5,000
// contacts at 250/s under a limit of 300/s (Telegram's figures ×10, ~20 s
// per op). It reports msgs/s, the share of the configured rate and the
// 429s, and asserts none of them: a rate measured on the wall clock
// depends on the machine and its load. The limits are tested in simulated
// time by TestBucketStaysWithinTheRate and TestCampaignWithinTelegramLimits.
//
//	go test -run '^$' -bench CampaignRate ./broadcast/
func BenchmarkCampaignRate(b *testing.B) {
	ctx := context.Background()
	srv := telegramtest.NewServer(b, telegramtest.WithRateLimit(300))
	const n, rate = 5000, 250.0
	f := newFixture(b, broadcast.Config{Rates: map[string]float64{"telegram": rate}, Share: 1, Workers: 16},
		map[string]bot.Sender{"telegram": newTelegram(b, srv)})
	subscribeMany(b, f, n)
	sent, secs := 0, 0.0
	b.ResetTimer()
	for i := range b.N {
		id := fmt.Sprintf("rate%d", i)
		if err := f.svc.Create(ctx, campaign(id, "jobs")); err != nil {
			b.Fatal(err)
		}
		if err := f.svc.Start(ctx, id); err != nil {
			b.Fatal(err)
		}
		r := f.run(b, id, 10*time.Minute)
		if r.Sent != n {
			b.Logf("campaign %s: sent %d of %d: %+v", id, r.Sent, n, r)
		}
		sent += r.Sent
		secs += r.Finished.Sub(r.Started).Seconds()
	}
	b.StopTimer()
	_, limited, _ := countCalls(srv)
	b.ReportMetric(float64(sent)/secs, "msgs/s")
	b.ReportMetric(100*float64(sent)/secs/rate, "%rate")
	b.ReportMetric(float64(limited)/float64(b.N), "429s/op")
}

func subscribeMany(t testing.TB, f *fixture, n int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 8 {
				if err := f.svc.HandleEvent(context.Background(), tg(1000+i), bot.Subscribed{Topic: "jobs", On: true, Lang: []string{"it", "en"}[i%2]}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// TestCrashMidCampaignNobodyTwice kills the sender abruptly (its Redis
// client closed under it, its context cancelled) in the middle, and a new
// Service on a new client finishes the campaign.
func TestCrashMidCampaignNobodyTwice(t *testing.T) {
	ctx := context.Background()
	srv := telegramtest.NewServer(t, telegramtest.WithRateLimit(300))
	const n = 600
	f := newFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 200}, Share: 1},
		map[string]bot.Sender{"telegram": newTelegram(t, srv)})
	subscribeMany(t, f, n)
	if err := f.svc.Create(ctx, campaign("crash", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "crash"); err != nil {
		t.Fatal(err)
	}
	// The first process has its own Redis client, closed to crash it.
	crashable := storetest.Client(t)
	// Its sends stop at a third of the campaign, held until after the
	// crash, so that it comes in the middle however slow the machine is,
	// with sends under way. It comes once every worker (8) is held there:
	// a crash while a worker claims a recipient could lose Redis' answer
	// after the claim was made, and that recipient, rightly never sent
	// (at most once), would fail the check below that everyone got it.
	const workers = 8
	g := newGate(newTelegram(t, srv), n/3)
	first := broadcast.New(crashable, f.keys, broadcast.Config{Rates: map[string]float64{"telegram": 200}, Share: 1, Workers: workers},
		route{"telegram": g}, broadcast.Options{Clock: f.now.Now, Tick: 20 * time.Millisecond})
	runCtx, cancel := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() { first.Run(runCtx); close(stopped) }()
	for range workers {
		select {
		case <-g.held:
		case <-time.After(30 * time.Second):
			t.Fatal("the first sender's workers did not all get to a third of the campaign")
		}
	}
	crashable.Close()
	cancel()
	close(g.open) // the sends under way still reach the people
	<-stopped
	mid, _, _ := countCalls(srv)
	if mid == 0 || mid >= n {
		t.Fatalf("the crash was not in the middle: %d sent", mid)
	}

	r := f.run(t, "crash", 30*time.Second)
	ok, limited, perChat := countCalls(srv)
	dups := 0
	for _, k := range perChat {
		if k > 1 {
			dups += k - 1
		}
	}
	t.Logf("crashed after %d sends; after restart: sent %d, unknown %d, 429s %d, duplicates %d", mid, r.Sent, r.InFlight, limited, dups)
	if dups != 0 {
		t.Fatalf("%d duplicate messages", dups)
	}
	if len(perChat) != n || ok != n {
		t.Fatalf("%d chats got the notice (%d messages), want all %d exactly once", len(perChat), ok, n)
	}
	if r.Sent+r.InFlight != n {
		t.Fatalf("report %+v: sent + unknown != %d", r, n)
	}
}

// timedSender notes the pacing time and outcome of every send.
type timedSender struct {
	inner bot.Sender
	now   func() time.Time
	mu    sync.Mutex
	sends []timedSend
}

type timedSend struct {
	at  time.Time
	to  string
	err error
}

func (s *timedSender) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	at := s.now()
	err := s.inner.Send(ctx, to, r)
	s.mu.Lock()
	s.sends = append(s.sends, timedSend{at, to.ID, err})
	s.mu.Unlock()
	return err
}

// TestTelegram429PausesTheChannel makes the fake answer 429 (retry after
// 1 s) twice: the campaign waits out each retry_after, in simulated time,
// and still delivers everything once. One worker, so that no send is
// already under way when a 429 comes back (those go ahead by design).
func TestTelegram429PausesTheChannel(t *testing.T) {
	ctx := context.Background()
	srv := telegramtest.NewServer(t)
	pace := &clock{t: simStart()}
	ts := &timedSender{inner: newTelegram(t, srv), now: pace.Now}
	f := newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: 1},
		map[string]bot.Sender{"telegram": ts}, pace)
	for i := range 10 {
		f.subscribe(t, tg(i+1), "it", "jobs")
	}
	srv.Block(3)
	srv.TooManyRequests("sendMessage", 2, 1)
	if err := f.svc.Create(ctx, campaign("limited", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "limited"); err != nil {
		t.Fatal(err)
	}
	r := f.run(t, "limited", 20*time.Second)
	_, limited, perChat := countCalls(srv)
	if limited != 2 {
		t.Fatalf("%d 429s, want 2", limited)
	}
	ts.mu.Lock()
	sends := slices.Clone(ts.sends)
	ts.mu.Unlock()
	seen := 0
	for i, s := range sends {
		var ra *bot.RetryAfterError
		if !errors.As(s.err, &ra) {
			continue
		}
		seen++
		if i+1 == len(sends) {
			t.Fatalf("nothing sent after the 429 of send %d", i)
		}
		if next := sends[i+1]; next.at.Sub(s.at) < time.Second {
			t.Errorf("send %d came %s after a 429 asking to retry after 1s", i+1, next.at.Sub(s.at))
		} else if next.to != s.to {
			t.Errorf("after a 429 for chat %s came chat %s: the refused one goes first", s.to, next.to)
		}
	}
	if seen != 2 {
		t.Fatalf("the sender saw %d 429s, want 2", seen)
	}
	if r.Sent != 9 || r.Failed[broadcast.ReasonBlocked] != 1 || len(perChat) != 9 {
		t.Fatalf("report %+v, chats %d", r, len(perChat))
	}
	blockedTries := 0
	for _, c := range srv.Calls("sendMessage") {
		if c.ChatID == 3 && c.Code == 403 {
			blockedTries++
		}
	}
	if blockedTries != 1 {
		t.Fatalf("blocked chat refused %d times, want once (403 is not retried)", blockedTries)
	}
}

// TestConversationSubscribes goes from what the person does in the chat to
// the stored subscription: the news menu, "stop" in their language, and
// deleting their data.
func TestConversationSubscribes(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	engine := shared.Engine(t)
	conv := converse.Conversation{Engine: engine}
	tests := []struct {
		name  string
		lang  string
		steps []string
		want  []string
		erase bool
	}{
		{"subscribe two", "it", []string{"c:menu.news", "c:news.jobs", "c:news.health"}, []string{"jobs", "health"}, false},
		{"toggle off", "fr", []string{"c:menu.news", "c:news.jobs", "c:news.courses", "c:news.jobs"}, []string{"courses"}, false},
		{"stop in Ukrainian", "uk", []string{"c:menu.news", "c:news.jobs", "t:стоп"}, nil, false},
		{"stop in Urdu", "ur", []string{"c:menu.news", "c:news.permits", "t:بند"}, nil, false},
		{"stop in Chinese", "zh", []string{"c:menu.news", "c:news.permits", "t:退订"}, nil, false},
		{"/stop", "sq", []string{"c:menu.news", "c:news.permits", "t:/stop"}, nil, false},
		{"delete my data", "es", []string{"c:menu.news", "c:news.permits", "t:/delete", "c:delete.yes"}, nil, true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			who := tg(500 + i)
			var state []byte
			steps := append([]string{"t:/start lang_" + tt.lang, "c:consent.yes"}, tt.steps...)
			erased := false
			for j, s := range steps {
				msg := bot.Message{Contact: who, ID: strconv.Itoa(j)}
				if v, ok := strings.CutPrefix(s, "c:"); ok {
					msg.Choice = v
				} else {
					msg.Text = strings.TrimPrefix(s, "t:")
				}
				out, err := conv.Handle(ctx, bot.Turn{Contact: who, State: state, Message: msg, Now: f.now.Now()})
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range out.Events {
					if err := f.svc.HandleEvent(ctx, who, e); err != nil {
						t.Fatal(err)
					}
				}
				if out.Erase {
					erased = true
					if err := f.svc.Erase(ctx, who); err != nil {
						t.Fatal(err)
					}
				}
				if out.State != nil {
					state = out.State
				}
			}
			got, err := f.svc.Subscription(ctx, who)
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) || erased != tt.erase {
				t.Fatalf("subscribed to %v (erased %v), want %v", got, erased, want)
			}
		})
	}
}

func TestTopicsAreTheConversations(t *testing.T) {
	if !slices.Equal(broadcast.Topics(), flows.NewsTopics()) {
		t.Fatal("campaign topics differ from the news topics people can choose")
	}
}

func TestCampaignFileChecks(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"ok", "id: a1\ntexts: {it: ciao}\nfallback: skip\nsegment: {topic: jobs}\n", ""},
		{"unknown topic", "id: a1\ntexts: {it: ciao}\nfallback: skip\nsegment: {topic: lottery}\n", "segment.topic"},
		{"fallback without text", "id: a1\ntexts: {it: ciao}\nfallback: en\nsegment: {topic: jobs}\n", "fallback"},
		{"no fallback", "id: a1\ntexts: {it: ciao}\nsegment: {topic: jobs}\n", "fallback"},
		{"bad choice", "id: a1\ntexts: {it: ciao}\nfallback: skip\nchoices: [{id: book, labels: {it: x}}]\nsegment: {topic: jobs}\n", "choices[0].id"},
		{"label missing", "id: a1\ntexts: {it: ciao, ar: مرحبا}\nfallback: skip\nchoices: [{id: menu.health, labels: {it: x}}]\nsegment: {topic: jobs}\n", "labels.ar"},
		{"unknown channel", "id: a1\ntexts: {it: ciao}\nfallback: skip\nsegment: {topic: jobs, channels: [signal]}\n", "segment.channels[0]"},
		{"unknown area", "id: a1\ntexts: {it: ciao}\nfallback: skip\nsegment: {topic: jobs, areas: [leagl]}\n", "segment.areas[0]"},
		{"bad desk id", "id: a1\ntexts: {it: ciao}\nfallback: skip\nsegment: {topic: jobs, desks: [Torino Centro]}\n", "segment.desks[0]"},
		{"bad language", "id: a1\ntexts: {italian: ciao}\nfallback: skip\nsegment: {topic: jobs}\n", "texts.italian"},
		{"desks and areas ok", "id: a1\ntexts: {it: ciao}\nfallback: skip\nsegment: {topic: jobs, areas: [work], desks: [torino], channels: [whatsapp], languages: [it, fa-AF]}\n", ""},
		{"unknown field", "id: a1\ntext: {it: ciao}\nfallback: skip\nsegment: {topic: jobs}\n", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := broadcast.ParseCampaign([]byte(tt.yaml))
			switch {
			case tt.want == "" && err != nil:
				t.Fatal(err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("err = %v, want one naming %s", err, tt.want)
			}
		})
	}
}

func TestConfigValidate(t *testing.T) {
	bad := broadcast.Config{Rates: map[string]float64{"telegram": -1}, Share: 2, Workers: -1, GiveUpAfter: conf.Duration(-time.Hour)}
	err := bad.Validate()
	for _, f := range []string{"broadcast.rates.telegram", "broadcast.share", "broadcast.workers", "broadcast.give_up_after"} {
		if err == nil || !strings.Contains(err.Error(), f) {
			t.Fatalf("Validate() = %v, want it to name %s", err, f)
		}
	}
	if err := broadcast.DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
}

// blockingSender holds the send to one contact until released, to crash
// a process with that send in flight.
type blockingSender struct {
	inner   bot.Sender
	hold    string
	started chan struct{}
	release chan struct{}
}

func (b *blockingSender) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	if to.ID == b.hold {
		close(b.started)
		<-b.release
	}
	return b.inner.Send(ctx, to, r)
}

// TestInFlightAtCrashIsNotResent: the process dies after a send went out
// but before it was recorded. The recipient stays "sending": the restarted
// service does not send again (at most once) and reports it as unknown.
func TestInFlightAtCrashIsNotResent(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{Workers: 1}, nil)
	f.startJobs(t, "inflight", 20)
	crashable := storetest.Client(t)
	bs := &blockingSender{inner: f.rec, hold: "7", started: make(chan struct{}), release: make(chan struct{})}
	first := broadcast.New(crashable, f.keys, broadcast.Config{Rates: map[string]float64{"telegram": 500}, Workers: 1},
		route{"telegram": bs}, broadcast.Options{Clock: f.now.Now, Tick: 20 * time.Millisecond})
	runCtx, cancel := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() { first.Run(runCtx); close(stopped) }()
	select {
	case <-bs.started:
	case <-time.After(10 * time.Second):
		t.Fatal("the held send never started")
	}
	crashable.Close() // the process loses Redis with the send in flight
	cancel()
	close(bs.release) // the message still reaches the person
	<-stopped

	// The unknown one holds the end for InFlightGrace (3 s).
	r := f.run(t, "inflight", 20*time.Second)
	for i := range 20 {
		if n := len(f.rec.sent(tg(i + 1))); n != 1 {
			t.Fatalf("contact %d got %d notices, want exactly 1", i+1, n)
		}
	}
	if r.Sent != 19 || r.InFlight != 1 {
		t.Fatalf("report %+v: want 19 sent and 1 unknown", r)
	}
}

func TestConfigFromYAML(t *testing.T) {
	var c broadcast.Config
	if err := yaml.Unmarshal([]byte("rates: {telegram: 20, whatsapp: 0.1}\nshare: 0.7\nreply_window: 24h\n"), &c); err != nil {
		t.Fatal(err)
	}
	if c.ReplyWindow != conf.Duration(24*time.Hour) || c.Rates["whatsapp"] != 0.1 || c.Share != 0.7 {
		t.Fatalf("decoded %+v", c)
	}
}

func TestExampleCampaignParses(t *testing.T) {
	raw, err := os.ReadFile("example_campaign.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := broadcast.ParseCampaign(raw); err != nil {
		t.Fatal(err)
	}
}

func TestSubscriptionExpiresWithRetention(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{Retention: conf.Duration(time.Hour)}, nil)
	f.subscribe(t, tg(1), "it", "jobs")
	f.subscribe(t, tg(2), "it", "jobs")
	ttl, err := f.rdb.TTL(ctx, f.keys.ContactKey(tg(1).Key(), "bsub")).Result()
	if err != nil || ttl <= 0 || ttl > time.Hour {
		t.Fatalf("subscription TTL = %v, %v; want at most the retention", ttl, err)
	}
	// Retention passes for contact 1 (simulated by deleting the hash).
	f.rdb.Del(ctx, f.keys.ContactKey(tg(1).Key(), "bsub"))
	if err := f.svc.Create(ctx, campaign("ret", "jobs")); err != nil {
		t.Fatal(err)
	}
	pv, err := f.svc.Preview(ctx, "ret")
	if err != nil || pv.Total != 1 {
		t.Fatalf("preview %+v %v, want only the live subscription", pv, err)
	}
	if ok, _ := f.rdb.SIsMember(ctx, f.keys.Global("bc:topic:jobs"), tg(1).Key()).Result(); ok {
		t.Fatal("the expired subscription stays in the index")
	}
}

// TestSubscriptionRetentionDefaultsToTheContacts: without a retention of
// its own, a subscription lasts as long as the person's data
// (privacy.retention, Options.ContactRetention); broadcast.retention, when
// set, wins; with neither, 90 days.
func TestSubscriptionRetentionDefaultsToTheContacts(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name            string
		own, contact    time.Duration
		atLeast, atMost time.Duration
	}{
		{"the contact's", 0, 2 * time.Hour, time.Hour, 2 * time.Hour},
		{"its own", time.Hour, 5 * time.Hour, 0, time.Hour},
		{"neither", 0, 0, 89 * 24 * time.Hour, 90 * 24 * time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rdb, keys := storetest.Redis(t)
			svc := broadcast.New(rdb, keys, broadcast.Config{Retention: conf.Duration(tt.own)}, nil,
				broadcast.Options{ContactRetention: tt.contact})
			if err := svc.HandleEvent(ctx, tg(1), bot.Subscribed{Topic: "jobs", On: true, Lang: "it"}); err != nil {
				t.Fatal(err)
			}
			ttl, err := rdb.TTL(ctx, keys.ContactKey(tg(1).Key(), "bsub")).Result()
			if err != nil || ttl <= tt.atLeast || ttl > tt.atMost {
				t.Fatalf("subscription TTL = %v, %v; want more than %v and at most %v", ttl, err, tt.atLeast, tt.atMost)
			}
		})
	}
}

// TestExpiredSubscriptionsPrunedWithoutCampaigns: the topic index loses an
// expired subscriber's id even when no campaign runs.
func TestExpiredSubscriptionsPrunedWithoutCampaigns(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{Retention: conf.Duration(time.Hour)}, nil)
	f.subscribe(t, tg(1), "it", "jobs", "health")
	f.subscribe(t, tg(2), "it", "jobs")
	f.rdb.Del(ctx, f.keys.ContactKey(tg(1).Key(), "bsub")) // its retention passed
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- f.svc.Run(runCtx) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		left := 0
		for _, topic := range []string{"jobs", "health"} {
			if ok, _ := f.rdb.SIsMember(ctx, f.keys.Global("bc:topic:"+topic), tg(1).Key()).Result(); ok {
				left++
			}
		}
		if left == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the expired subscriber is still in %d topic indexes", left)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-done
	if ok, _ := f.rdb.SIsMember(ctx, f.keys.Global("bc:topic:jobs"), tg(2).Key()).Result(); !ok {
		t.Fatal("a live subscription was pruned")
	}
}

// A Service sends only on the channels its one sender names
// (broadcast.Sender.Channels): a campaign's recipients on another channel
// stay queued, neither sent nor failed, and the campaign goes on until a
// process whose sender reaches that channel sends them.
func TestChannelWaitsForAProcessThatSendsOnIt(t *testing.T) {
	ctx := context.Background()
	tgOnly := &recorder{got: map[bot.Contact][]bot.Reply{}, fail: map[string]error{}}
	f := newFixture(t, broadcast.Config{}, map[string]bot.Sender{"telegram": tgOnly})
	wa := bot.Contact{Channel: "whatsapp", ID: "w1"}
	f.subscribe(t, tg(1), "it", "jobs")
	f.subscribe(t, wa, "it", "jobs")
	if err := f.svc.Create(ctx, campaign("two", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "two"); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go f.svc.Run(runCtx)
	for deadline := time.Now().Add(10 * time.Second); len(tgOnly.sent(tg(1))) == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the Telegram recipient was never sent the campaign")
		}
	}
	waitPolls(t, f.svc, 5)
	r, err := f.svc.Report(ctx, "two")
	if err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, n := range r.Failed {
		failed += n
	}
	if r.Status == broadcast.StatusDone || r.Sent != 1 || r.Pending != 1 || failed != 0 {
		t.Fatalf("with no WhatsApp sender here: %+v; want one sent, one pending, nothing failed, not done", r)
	}
	if got := f.svc.TestSend(ctx, "two", wa, "it"); got == nil || !strings.Contains(got.Error(), `no sender for channel "whatsapp"`) {
		t.Fatalf("test send on a channel not sent here: %v", got)
	}

	// A process that sends on WhatsApp finishes it.
	waOnly := &recorder{got: map[bot.Contact][]bot.Reply{}, fail: map[string]error{}}
	other := broadcast.New(f.rdb, f.keys, broadcast.Config{}, route{"whatsapp": waOnly},
		broadcast.Options{Clock: f.now.Now, Tick: 20 * time.Millisecond})
	go other.Run(runCtx)
	r = waitStatus(t, f.svc, "two", broadcast.StatusDone, 10*time.Second)
	if r.Sent != 2 || len(waOnly.sent(wa)) != 1 || len(tgOnly.sent(wa)) != 0 || len(waOnly.sent(tg(1))) != 0 {
		t.Fatalf("after a WhatsApp process: %+v, whatsapp got %d, telegram's sender got %d", r, len(waOnly.sent(wa)), len(tgOnly.sent(wa)))
	}
}

// TestReportAccountsForEveryRecipient reads the report again and again while
// the campaign sends: every recipient is counted once, as pending, in
// flight or done, in every read. Read apart, the counters and the queues'
// lengths missed a recipient a worker claimed in between (an operator saw
// 2 sent, 0 pending, 0 in flight of 3).
func TestReportAccountsForEveryRecipient(t *testing.T) {
	f := newFixture(t, broadcast.Config{Share: 1, Workers: 4}, nil)
	subscribeMany(t, f, 300)
	ctx := context.Background()
	if err := f.svc.Create(ctx, campaign("count", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "count"); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = f.svc.Run(runCtx) }()
	defer func() { cancel(); <-done }()
	reads := 0
	for deadline := time.Now().Add(30 * time.Second); ; reads++ {
		r, err := f.svc.Report(ctx, "count")
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Pending + r.InFlight + r.Done(); got != r.Total {
			t.Fatalf("read %d: pending %d + in flight %d + done %d = %d of %d recipients: %+v", reads, r.Pending, r.InFlight, r.Done(), got, r.Total, r)
		}
		if r.Status == broadcast.StatusDone {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not done after 30 s: %+v", r)
		}
		time.Sleep(time.Millisecond) // a read a millisecond, not a busy loop
	}
	if reads < 1 {
		t.Fatal("the campaign was done at the first read: nothing was read while it sent")
	}
}

// TestEraseDuringA5xxSendLeavesNothing: the person asks to delete their
// data while a campaign's send to them is in flight, and the platform
// answers that send 5xx. Erase has already run, so whatever the send's
// outcome writes afterwards must not name them again: givenUp notes the
// failure in the campaign's tried hash (HSETNX, HINCRBY) whether or not
// the recipient is still in the campaign, and nothing erases it later.
func TestEraseDuringA5xxSendLeavesNothing(t *testing.T) {
	ctx := context.Background()
	var f *fixture
	var erased atomic.Bool
	eraseThen5xx := bot.SenderFunc(func(ctx context.Context, to bot.Contact, _ bot.Reply) error {
		if erased.CompareAndSwap(false, true) {
			if err := f.svc.Erase(ctx, to); err != nil {
				t.Error(err)
			}
		}
		return fmt.Errorf("telegram: send to %s: %w: Bot API server error (500)", to.ID, bot.ErrUnavailable)
	})
	f = newPacedFixture(t, broadcast.Config{}, map[string]bot.Sender{"telegram": eraseThen5xx}, nil)
	f.subscribe(t, tg(1), "it", "jobs")
	if err := f.svc.Create(ctx, campaign("e2", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "e2"); err != nil {
		t.Fatal(err)
	}
	f.run(t, "e2", 10*time.Second)
	if !erased.Load() {
		t.Fatal("never sent to")
	}
	for _, k := range storetest.KeysWith(t, f.rdb, f.keys.Prefix()) {
		if typ, _ := f.rdb.Type(ctx, k).Result(); typ != "hash" {
			continue
		}
		fields, _ := f.rdb.HKeys(ctx, k).Result()
		if slices.ContainsFunc(fields, func(field string) bool { return strings.Contains(field, tg(1).Key()) }) {
			t.Errorf("key %s names the erased contact: %v", k, fields)
		}
	}
}
