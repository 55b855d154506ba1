package broadcast_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"go.yaml.in/yaml/v3"

	"frontdoor/bot"
	"frontdoor/bot/telegram"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/broadcast"
	"frontdoor/flows"
	"frontdoor/locales"
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

func newFixture(t *testing.T, cfg broadcast.Config, senders map[string]bot.Sender) *fixture {
	t.Helper()
	rdb, keys := storetest.Redis(t)
	f := &fixture{rdb: rdb, keys: keys, now: &clock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)},
		rec: &recorder{got: map[bot.Contact][]bot.Reply{}, fail: map[string]error{}}, reach: &reachCounter{n: map[string]int{}}}
	if senders == nil {
		senders = map[string]bot.Sender{"telegram": f.rec, "webchat": f.rec, "whatsapp": f.rec}
	}
	if cfg.Rates == nil {
		cfg.Rates = map[string]float64{"telegram": 500, "webchat": 500, "whatsapp": 500}
	}
	f.svc = broadcast.New(rdb, keys, cfg, senders, broadcast.Options{Clock: f.now.Now, Tick: 20 * time.Millisecond, Reach: f.reach})
	return f
}

func (f *fixture) subscribe(t *testing.T, c bot.Contact, lang string, topics ...string) {
	t.Helper()
	for _, tp := range topics {
		if err := f.svc.HandleEvent(context.Background(), c, bot.Event{Kind: broadcast.EventSubscribe,
			Data: map[string]string{"topic": tp, "on": "1", "lang": lang}}); err != nil {
			t.Fatal(err)
		}
	}
}

func (f *fixture) event(t *testing.T, c bot.Contact, kind string, data map[string]string) {
	t.Helper()
	if err := f.svc.HandleEvent(context.Background(), c, bot.Event{Kind: kind, Data: data}); err != nil {
		t.Fatal(err)
	}
}

// run sends until the campaign is done (or the deadline) and returns its
// report.
func (f *fixture) run(t *testing.T, id string, within time.Duration) broadcast.Report {
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

func waitStatus(t *testing.T, svc *broadcast.Service, id, status string, within time.Duration) broadcast.Report {
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
	f.event(t, tg(2), bot.EventNeed, map[string]string{"area": "work"})
	f.event(t, web, bot.EventNeed, map[string]string{"area": "legal"})
	f.event(t, tg(1), bot.EventBooked, map[string]string{"desk": "torino"})
	f.event(t, web, bot.EventBooked, map[string]string{"desk": "milano"})
	// Opt-out by "stop" (topic "*") and by topic.
	f.event(t, tg(5), broadcast.EventSubscribe, map[string]string{"topic": "*", "on": "0"})
	f.subscribe(t, tg(6), "it", "jobs")
	f.event(t, tg(6), broadcast.EventSubscribe, map[string]string{"topic": "jobs", "on": "0"})
	// tg(7) never opted in but reached an area and booked: no notice,
	// nothing stored.
	f.event(t, tg(7), bot.EventNeed, map[string]string{"area": "work"})
	f.event(t, tg(7), bot.EventBooked, map[string]string{"desk": "torino"})
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
	waitStatus(t, f.svc, c.ID, broadcast.StatusScheduled, time.Second)
	// Several ticks pass with the clock before the send time.
	for range 5 {
		time.Sleep(25 * time.Millisecond)
		if r, _ := f.svc.Report(ctx, c.ID); r.Status != broadcast.StatusScheduled || len(f.rec.sent(tg(1))) != 0 {
			t.Fatalf("sent before its time: %+v", r)
		}
	}
	f.now.Add(time.Hour)
	r := waitStatus(t, f.svc, c.ID, broadcast.StatusDone, 5*time.Second)
	if r.Sent != 2 || len(f.rec.sent(tg(1))) != 1 || len(f.rec.sent(tg(2))) != 1 {
		t.Fatalf("report %+v", r)
	}
}

func TestPauseResumeCancel(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 50}, Share: 1}, nil)
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
	time.Sleep(100 * time.Millisecond) // a few ticks: nothing may go out while paused
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
	if err := f.svc.Start(ctx, "p2"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Cancel(ctx, "p2"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	r, _ = f.svc.Report(ctx, "p2")
	if r.Status != broadcast.StatusCancelled || r.Sent+r.Pending != 40 || r.Pending == 0 {
		t.Fatalf("cancelled: %+v", r)
	}
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
	f.event(t, tg(1), bot.EventNeed, map[string]string{"area": "health"})
	f.event(t, tg(4), broadcast.EventSubscribe, map[string]string{"topic": "*", "on": "0"})
	r, _ = f.svc.Report(ctx, "h1")
	if r.Replies != 2 || r.Unsubscribed != 1 {
		t.Fatalf("replies %d unsubscribed %d, want 2 and 1", r.Replies, r.Unsubscribed)
	}
	// The anonymous statistics get the same figures, once each even when
	// an event is delivered again.
	f.event(t, tg(1), bot.EventNeed, map[string]string{"area": "health"})
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

func TestEraseRemovesSubscription(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	f.subscribe(t, tg(1), "it", "health", "jobs")
	f.event(t, tg(1), bot.EventNeed, map[string]string{"area": "health"})
	if err := f.svc.Create(ctx, campaign("e1", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "e1"); err != nil {
		t.Fatal(err)
	}
	f.run(t, "e1", 5*time.Second)
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
			has, _ = f.rdb.HExists(ctx, k, tg(1).Key()).Result()
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
func newTelegram(t *testing.T, srv *telegramtest.Server) *telegram.Channel {
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

// TestRateWithinTelegramLimits sends to 5,000 contacts through the real
// adapter against a fake Bot API that answers 429 above its limit. To run
// in ~20 s instead of 200 s at Telegram's real 25/s, the limit and the
// configured rate are both scaled ×10: fake limit 300/s, rate 250/s.
func TestRateWithinTelegramLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 5,000 messages (~20 s)")
	}
	ctx := context.Background()
	srv := telegramtest.NewServer(t, telegramtest.WithRateLimit(300))
	const n, rate = 5000, 250.0
	f := newFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": rate}, Share: 1, Workers: 16},
		map[string]bot.Sender{"telegram": newTelegram(t, srv)})
	subscribeMany(t, f, n)
	if err := f.svc.Create(ctx, campaign("rate", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "rate"); err != nil {
		t.Fatal(err)
	}
	r := f.run(t, "rate", 90*time.Second)
	ok, limited, perChat := countCalls(srv)
	achieved := float64(r.Sent) / r.Finished.Sub(r.Started).Seconds()
	t.Logf("sent %d in %s: %.1f msg/s = %.1f%% of the configured %v/s; 429s: %d", r.Sent, r.Finished.Sub(r.Started).Round(time.Millisecond), achieved, 100*achieved/rate, rate, limited)
	if r.Sent != n || ok != n || len(perChat) != n {
		t.Fatalf("sent %d (server saw %d to %d chats), want %d", r.Sent, ok, len(perChat), n)
	}
	if limited != 0 {
		t.Errorf("%d 429 answers, want none", limited)
	}
	if achieved < 0.9*rate {
		t.Errorf("achieved %.1f msg/s, below 90%% of %v", achieved, rate)
	}
}

func subscribeMany(t *testing.T, f *fixture, n int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 8 {
				if err := f.svc.HandleEvent(context.Background(), tg(1000+i), bot.Event{Kind: broadcast.EventSubscribe,
					Data: map[string]string{"topic": "jobs", "on": "1", "lang": []string{"it", "en"}[i%2]}}); err != nil {
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
	opt, _ := redis.ParseURL(storetest.URL())
	crashable := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{opt.Addr}, DB: opt.DB, Username: opt.Username, Password: opt.Password})
	first := broadcast.New(crashable, f.keys, broadcast.Config{Rates: map[string]float64{"telegram": 200}, Share: 1},
		map[string]bot.Sender{"telegram": newTelegram(t, srv)}, broadcast.Options{Clock: f.now.Now, Tick: 20 * time.Millisecond})
	runCtx, cancel := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() { first.Run(runCtx); close(stopped) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if ok, _, _ := countCalls(srv); ok >= n/3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first sender did not get going")
		}
		time.Sleep(5 * time.Millisecond)
	}
	crashable.Close()
	cancel()
	<-stopped
	mid, _, _ := countCalls(srv)
	if mid >= n {
		t.Fatalf("crash came too late: %d sent", mid)
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

// TestTelegram429PausesTheChannel makes the fake answer 429 (retry after
// 1 s) twice: the campaign waits and still delivers everything once.
func TestTelegram429PausesTheChannel(t *testing.T) {
	ctx := context.Background()
	srv := telegramtest.NewServer(t)
	f := newFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: 1},
		map[string]bot.Sender{"telegram": newTelegram(t, srv)})
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
	start := time.Now()
	r := f.run(t, "limited", 20*time.Second)
	_, limited, perChat := countCalls(srv)
	if limited != 2 {
		t.Fatalf("%d 429s, want 2", limited)
	}
	if took := time.Since(start); took < 2*time.Second {
		t.Fatalf("finished in %s: the 429s' retry_after (1 s each) was not respected", took)
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
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	engine, err := flows.New(cat, flows.Options{})
	if err != nil {
		t.Fatal(err)
	}
	conv := bot.Conversation{Engine: engine}
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
	bad := broadcast.Config{Rates: map[string]float64{"telegram": -1}, Share: 2, Workers: -1}
	err := bad.Validate()
	for _, f := range []string{"broadcast.rates.telegram", "broadcast.share", "broadcast.workers"} {
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
	for i := range 20 {
		f.subscribe(t, tg(i+1), "it", "jobs")
	}
	if err := f.svc.Create(ctx, campaign("inflight", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "inflight"); err != nil {
		t.Fatal(err)
	}
	opt, _ := redis.ParseURL(storetest.URL())
	crashable := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{opt.Addr}, DB: opt.DB, Username: opt.Username, Password: opt.Password})
	bs := &blockingSender{inner: f.rec, hold: "7", started: make(chan struct{}), release: make(chan struct{})}
	first := broadcast.New(crashable, f.keys, broadcast.Config{Rates: map[string]float64{"telegram": 500}, Workers: 1},
		map[string]bot.Sender{"telegram": bs}, broadcast.Options{Clock: f.now.Now, Tick: 20 * time.Millisecond})
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

	r := f.run(t, "inflight", 10*time.Second)
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
	if c.ReplyWindow != 24*time.Hour || c.Rates["whatsapp"] != 0.1 || c.Share != 0.7 {
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
	f := newFixture(t, broadcast.Config{Retention: time.Hour}, nil)
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

// TestExpiredSubscriptionsPrunedWithoutCampaigns: the topic index loses an
// expired subscriber's id even when no campaign runs.
func TestExpiredSubscriptionsPrunedWithoutCampaigns(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{Retention: time.Hour}, nil)
	f.subscribe(t, tg(1), "it", "jobs", "health")
	f.subscribe(t, tg(2), "it", "jobs")
	f.rdb.Del(ctx, f.keys.ContactKey(tg(1).Key(), "bsub")) // its retention passed
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- f.svc.Run(runCtx) }()
	deadline := time.Now().Add(5 * time.Second)
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
