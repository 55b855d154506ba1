package broadcast_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"frontdoor/bot"
	"frontdoor/broadcast"
	"frontdoor/console"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
	"frontdoor/internal/conf"
)

func wa(i int) bot.Contact { return bot.Contact{Channel: "whatsapp", ID: strconv.Itoa(i) + "@lid"} }

// haltOnce refuses the nth send with err, once; the others go to inner.
type haltOnce struct {
	inner   bot.Sender
	n       int
	err     error
	mu      sync.Mutex
	calls   int
	refused string
}

func (h *haltOnce) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	h.mu.Lock()
	h.calls++
	fail := h.calls == h.n
	if fail {
		h.refused = to.ID
	}
	h.mu.Unlock()
	if fail {
		return h.err
	}
	return h.inner.Send(ctx, to, r)
}

func (h *haltOnce) Calls() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.calls
}

// A temporary ban (as the WhatsApp adapter reports it) stops the campaign:
// not a rate limit, nobody failed, the refused recipient back in the
// queue; the coordinator sees why; nothing goes out until a person
// resumes it, then nothing before the ban's end, and then at a quarter of
// the rate (simulated time).
func TestTemporaryBanStopsCampaignUntilResumed(t *testing.T) {
	ctx := context.Background()
	pace := &clock{t: simStart()}
	banEnd := simStart().Add(2 * time.Hour)
	halt := &bot.HaltError{Until: banEnd, Reason: "temporarily banned by WhatsApp (101: you sent too many messages)"}
	var f *fixture
	ts := &timedSender{now: pace.Now}
	h := &haltOnce{inner: ts, n: 3, err: halt}
	f = newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"whatsapp": 10}, Share: 1, Workers: 1},
		map[string]bot.Sender{"whatsapp": h}, pace)
	ts.inner = f.rec
	for i := range 6 {
		f.subscribe(t, wa(i+1), "it", "jobs")
	}
	if err := f.svc.Create(ctx, campaign("banned", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "banned"); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); f.svc.Run(runCtx) }()
	defer func() { cancel(); <-done }()

	r := waitStatus(t, f.svc, "banned", broadcast.StatusPaused, 10*time.Second)
	failed := 0
	for _, n := range r.Failed {
		failed += n
	}
	if r.Sent != 2 || failed != 0 || r.Pending != 4 || r.InFlight != 0 {
		t.Fatalf("after the ban: %+v; want 2 sent, none failed, 4 pending", r)
	}
	if !strings.Contains(r.Halted, "101") || !strings.Contains(r.Halted, banEnd.Format("2006-01-02 15:04")) {
		t.Errorf("the coordinator is not told why and until when: %q", r.Halted)
	}
	waitPolls(t, f.svc, 3) // several rounds: a person must resume it
	if n := h.Calls(); n != 3 {
		t.Fatalf("%d sends after the ban stopped the campaign, want none", n-3)
	}
	if err := f.svc.Resume(ctx, "banned"); err != nil {
		t.Fatal(err)
	}
	r = waitStatus(t, f.svc, "banned", broadcast.StatusDone, 10*time.Second)
	if r.Sent != 6 || r.Halted != "" {
		t.Fatalf("after resuming: %+v", r)
	}
	ts.mu.Lock()
	sends := ts.sends
	ts.mu.Unlock()
	if len(sends) != 6 {
		t.Fatalf("%d sends reached the platform, want 6 (the refused one again, nobody twice)", len(sends))
	}
	after := sends[2:]
	if after[0].to != h.refused {
		t.Errorf("the refused recipient should go first after resuming, got %s", after[0].to)
	}
	for i, s := range after {
		if s.at.Before(banEnd) {
			t.Errorf("send %d at %s, before the ban's end %s", i+3, s.at, banEnd)
		}
		// The sender stamps a send with the pacing clock when it runs,
		// and the pacer may already have slept for the next token by
		// then (it is one token ahead at most): so two sends apart are
		// at least one eased gap (400 ms) apart; at the full 10/s they
		// would be 200 ms apart.
		if i > 1 {
			if gap := s.at.Sub(after[i-2].at); gap < 400*time.Millisecond {
				t.Errorf("send %d came %s after the one two before; easing after a ban is a quarter of 10/s", i+3, gap)
			}
		}
	}
	for i := range 6 {
		if n := len(f.rec.sent(wa(i + 1))); n != 1 {
			t.Errorf("%s got %d notices", wa(i+1), n)
		}
	}
}

// WhatsApp campaigns go only to people who wrote within the service window
// (default 24 h) and at most DailyCaps a day; the rest wait for the next
// day, neither failed nor lost.
func TestWhatsAppWindowAndDailyCap(t *testing.T) {
	ctx := context.Background()
	pace := &clock{t: simStart()}
	f := newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"whatsapp": 10}, Share: 1, Workers: 1,
		DailyCaps: map[string]int{"whatsapp": 2}}, nil, pace)
	f.subscribe(t, wa(1), "it", "jobs")
	f.subscribe(t, wa(2), "it", "jobs")
	f.now.Add(30 * time.Hour)
	for i := 3; i <= 5; i++ {
		f.subscribe(t, wa(i), "it", "jobs")
	}
	if err := f.svc.Create(ctx, campaign("window", "jobs")); err != nil {
		t.Fatal(err)
	}
	if pv, err := f.svc.Preview(ctx, "window"); err != nil || pv.Total != 3 || pv.OutsideWindow != 2 {
		t.Fatalf("preview %+v (%v): want 3 recipients, 2 outside the window", pv, err)
	}
	if err := f.svc.Start(ctx, "window"); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); f.svc.Run(runCtx) }()
	defer func() { cancel(); <-done }()

	deadline := time.Now().Add(10 * time.Second)
	var r broadcast.Report
	for {
		var err error
		if r, err = f.svc.Report(ctx, "window"); err != nil {
			t.Fatal(err)
		}
		if r.Sent == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cap not reached: %+v", r)
		}
		time.Sleep(10 * time.Millisecond)
	}
	waitPolls(t, f.svc, 3) // several rounds: the cap holds
	// A worker may be between claiming the third recipient and putting it
	// back (the cap is checked once claimed): read again until it is back.
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if r, _ = f.svc.Report(ctx, "window"); r.InFlight == 0 || time.Now().After(deadline) {
			break
		}
	}
	if r.Sent != 2 || r.Total != 3 || r.OutsideWindow != 2 || r.Pending != 1 || r.Status != broadcast.StatusSending {
		t.Fatalf("with the cap reached: %+v; want 2 sent, 1 pending, 2 outside the window", r)
	}
	for _, c := range []bot.Contact{wa(1), wa(2)} {
		if len(f.rec.sent(c)) != 0 {
			t.Errorf("%s had not written for 30 h and got the notice", c)
		}
	}
	f.now.Add(24 * time.Hour)
	r = waitStatus(t, f.svc, "window", broadcast.StatusDone, 10*time.Second)
	failed := 0
	for _, n := range r.Failed {
		failed += n
	}
	if r.Sent != 3 || failed != 0 {
		t.Fatalf("next day: %+v", r)
	}
}

func TestHaltErrorIsNotARateLimit(t *testing.T) {
	var err error = &bot.HaltError{Reason: "x"}
	var ra *bot.RetryAfterError
	if errors.As(err, &ra) {
		t.Fatal("a halt must not look like a rate limit: campaigns would count it against the recipient")
	}
}

func TestWindowsAndCapsFromYAML(t *testing.T) {
	var c broadcast.Config
	if err := yaml.Unmarshal([]byte("windows: {whatsapp: 12h}\ndaily_caps: {whatsapp: 50}\nease_after_halt: 6h\ngive_up_after: 2h\n"), &c); err != nil {
		t.Fatal(err)
	}
	if c.Windows["whatsapp"] != conf.Duration(12*time.Hour) || c.DailyCaps["whatsapp"] != 50 || c.EaseAfterHalt != conf.Duration(6*time.Hour) || c.GiveUpAfter != conf.Duration(2*time.Hour) {
		t.Fatalf("parsed %+v", c)
	}
	bad := broadcast.Config{Windows: map[string]conf.Duration{"whatsapp": conf.Duration(-time.Hour)}, DailyCaps: map[string]int{"whatsapp": -1}, EaseAfterHalt: conf.Duration(-time.Hour)}
	err := bad.Validate()
	for _, field := range []string{"broadcast.windows.whatsapp", "broadcast.daily_caps.whatsapp", "broadcast.ease_after_halt"} {
		if err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("Validate does not name %s: %v", field, err)
		}
	}
}

// The coordinator sees on the campaign's page why the platform stopped it.
func TestHaltedCampaignPageSaysWhy(t *testing.T) {
	ctx := context.Background()
	halt := &bot.HaltError{Until: simStart().Add(time.Hour), Reason: "temporarily banned by WhatsApp (104: you sent the same message to too many people)"}
	h := &haltOnce{n: 1, err: halt}
	f := newFixture(t, broadcast.Config{Rates: map[string]float64{"whatsapp": 50}, Share: 1, Workers: 1}, map[string]bot.Sender{"whatsapp": h})
	h.inner = f.rec
	f.subscribe(t, wa(1), "it", "jobs")
	cat := shared.Catalog(t)
	desk, err := handoff.New(f.rdb, f.keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4})
	if err != nil {
		t.Fatal(err)
	}
	if err := desk.Gate().Accounts().Save(ctx, handoff.Operator{Name: "olga", Languages: []string{"it"}, Capacity: 1, Roles: []string{handoff.RoleOutreach}}, "password-olga"); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/console/", desk.Handler())
	pages, err := f.svc.Handler(desk.Require, cat)
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle(console.CampaignsPath, pages)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	if err := f.svc.Create(ctx, campaign("halted", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "halted"); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); f.svc.Run(runCtx) }()
	waitStatus(t, f.svc, "halted", broadcast.StatusPaused, 10*time.Second)
	cancel()
	<-done
	olga := consoletest.New(t, srv.URL)
	olga.MustSignIn("olga", "password-olga")
	_, page := olga.Get("/console/campaigns/?id=halted")
	for _, want := range []string{`id="halted"`, "Stopped by the platform", "104: you sent the same message", "a person resumes it"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// waitPolls waits until svc's Run has made n more rounds.
func waitPolls(t *testing.T, svc *broadcast.Service, n int64) {
	t.Helper()
	want := svc.Polls() + n
	for deadline := time.Now().Add(10 * time.Second); svc.Polls() < want; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("Run made %d of %d rounds", svc.Polls()-want+n, n)
		}
	}
}
