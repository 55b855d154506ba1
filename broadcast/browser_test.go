package broadcast_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"frontdoor/bot"
	"frontdoor/broadcast"
	"frontdoor/console"
	"frontdoor/console/consoletest"
	"frontdoor/internal/browsertest"
)

// liveStep bounds a step that waits for the page to follow the sending by
// itself (it polls every second; nothing reloads it).
const liveStep = 10 * time.Second

// heldSender holds every campaign message until the test lets it go, so the
// test sees the progress between messages. Chats in free pass at once.
type heldSender struct {
	rec  *recorder
	ch   chan struct{}
	free map[string]bool
	once sync.Once
}

func (g *heldSender) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	if !g.free[to.ID] {
		select {
		case <-g.ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return g.rec.Send(ctx, to, r)
}

// release lets one held message go; it waits for a worker to hold one.
func (g *heldSender) release(t *testing.T) {
	t.Helper()
	select {
	case g.ch <- struct{}{}:
	case <-time.After(liveStep):
		t.Fatal("no campaign message waiting to be sent")
	}
}

func (g *heldSender) open() { g.once.Do(func() { close(g.ch) }) }

// campaignsConsole is the console as cmd/frontdoor mounts it: handoff's
// pages and sign-in, and the campaigns page behind its Require.
type campaignsConsole struct {
	f    *fixture
	gate *heldSender
	base string
	desk *console.Gate
}

func newCampaignsConsole(t *testing.T, more ...console.Account) campaignsConsole {
	t.Helper()
	g := &heldSender{ch: make(chan struct{}), free: map[string]bool{"999": true}}
	f := newFixture(t, broadcast.Config{Workers: 1}, map[string]bot.Sender{"telegram": g, "webchat": g})
	g.rec = f.rec
	t.Cleanup(g.open)
	cat := shared.Catalog(t)
	desk := consoletest.NewGate(t, f.rdb, f.keys, cat, append([]console.Account{{Name: "olga", Languages: []string{"it"}, Capacity: 1,
		Roles: []string{console.RoleOutreach}}}, more...)...)
	pages, err := f.svc.Handler(desk.Require, cat)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/console/", desk.Handler())
	mux.Handle("GET /console/{$}", consoletest.QueueStandIn(desk))
	mux.Handle(console.CampaignsPath, pages)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return campaignsConsole{f: f, gate: g, base: srv.URL, desk: desk}
}

// browser signs olga in, at size, recording policy violations.
func (c campaignsConsole) browser(t *testing.T, size browsertest.Size) context.Context {
	t.Helper()
	return c.browserAs(t, size, "olga")
}

// browserAs signs who in (password "password-<who>").
func (c campaignsConsole) browserAs(t *testing.T, size browsertest.Size, who string) context.Context {
	t.Helper()
	bctx := browsertest.New(t)
	if err := chromedp.Do(bctx, browsertest.RecordCSP(), size.Emulate(), browsertest.SignIn(c.base, who, "password-"+who)); err != nil {
		t.Fatalf("sign in: %v", err)
	}
	return bctx
}

// waitText waits until the element sel of a loaded page shows want,
// polling from Go: a form's answer is a new page, and a navigation ends
// any wait inside the old one.
func waitText(t *testing.T, bctx context.Context, sel, want string) {
	t.Helper()
	js := `(function(){ var e = document.querySelector(` + strconv.Quote(sel) + `); return document.readyState === "complete" && e ? e.textContent : ""; })()`
	var got string
	for deadline := time.Now().Add(liveStep); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if v, err := chromedp.Run(bctx, chromedp.Evaluate[string](js)); err == nil {
			if got = v; got == want {
				return
			}
		}
	}
	t.Fatalf("%s shows %q, want %q", sel, got, want)
}

func text(t *testing.T, bctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("reading %s: %v", sel, err)
	}
	return s
}

// TestCampaignWalkThroughInBrowser walks a campaign from the menu to its
// report in a real Chromium at desktop size: create it with texts per
// language, a button, a segment; check the audience by language and
// channel; send a test to oneself; send; watch the bar move by itself;
// pause, resume, cancel; download the CSV report.
func TestCampaignWalkThroughInBrowser(t *testing.T) {
	browsertest.Skip(t)
	c := newCampaignsConsole(t)
	f := c.f
	for i, lang := range []string{"it", "it", "ar", "uk", "en", "it"} {
		f.subscribe(t, tg(i+1), lang, "permits")
	}
	// Outside the segment: the campaign is for Telegram only.
	f.subscribe(t, bot.Contact{Channel: "webchat", ID: "w1"}, "it", "permits")
	runCtx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.svc.Run(runCtx) }()
	t.Cleanup(func() { c.gate.open(); cancel(); <-done })

	bctx := c.browser(t, browsertest.Desktop)
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	live := func(what, cond string) {
		t.Helper()
		if _, err := chromedp.Run(bctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(liveStep),
			chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
			t.Fatalf("%s (the page must follow by itself within %s): %v", what, liveStep, err)
		}
	}
	do("open the campaigns from the menu",
		chromedp.Click(chromedp.CSS(`nav.menu a[href="/console/campaigns/"]`)),
		chromedp.WaitVisible(chromedp.ID("create-draft")),
	)
	browsertest.MustBeWhole(t, bctx, "the campaigns page")

	do("create a campaign",
		chromedp.SendKeys(chromedp.ID("new-id"), "rinnovi"),
		chromedp.SetValue(chromedp.ID("new-topic"), "permits"),
		chromedp.Click(chromedp.CSS(`input[name="channels"][value="telegram"]`)),
		chromedp.SetValue(chromedp.ID("new-fallback"), "it"),
		chromedp.SendKeys(chromedp.ID("text-it"), "Nuove regole per il rinnovo del permesso."),
		chromedp.SendKeys(chromedp.ID("text-ar"), "قواعد جديدة لتجديد الإقامة."),
		chromedp.SendKeys(chromedp.ID("choice-id"), "legal_permit_renewal.book"),
		chromedp.SendKeys(chromedp.ID("label-it"), "Prenota"),
		chromedp.SendKeys(chromedp.ID("label-ar"), "احجز"),
		chromedp.Click(chromedp.ID("create-draft")),
		chromedp.WaitVisible(chromedp.ID("campaign")),
	)
	loc, err := chromedp.Run(bctx, chromedp.Location())
	if err != nil || !strings.HasPrefix(loc, c.base+"/console/campaigns/?") {
		t.Fatalf("after creating, the browser is at %q (%v), want the campaigns page", loc, err)
	}
	browsertest.MustBeWhole(t, bctx, "a draft campaign")
	if got := text(t, bctx, "#audience-total"); got != "6" {
		t.Fatalf("audience = %q, want the 6 Telegram subscribers", got)
	}
	for sel, want := range map[string]string{
		`#by-lang li[data-lang="it"]`:             "Italiano: 5", // Ukrainian and English fall back to Italian
		`#by-lang li[data-lang="ar"]`:             "العربية: 1",
		`#by-channel li[data-channel="telegram"]`: "Telegram: 6",
	} {
		if got := text(t, bctx, sel); got != want {
			t.Fatalf("%s = %q, want %q", sel, got, want)
		}
	}

	do("send a test to oneself",
		chromedp.SetValue(chromedp.ID("test-lang"), "ar"),
		chromedp.SendKeys(chromedp.ID("test-contact"), "999"),
		chromedp.Click(chromedp.ID("test-send")),
	)
	waitText(t, bctx, "#flash", "Test sent.")
	if got := f.rec.sent(tg(999)); len(got) != 1 || got[0].Text != "قواعد جديدة لتجديد الإقامة." || !got[0].RTL ||
		len(got[0].Choices) != 1 || got[0].Choices[0] != (bot.Choice{ID: "legal_permit_renewal.book", Label: "احجز"}) {
		t.Fatalf("test send delivered %+v", got)
	}

	do("send", chromedp.Click(chromedp.ID("do-send")), chromedp.WaitVisible(chromedp.ID("do-pause")))
	live("the bar starts at 0 of 6", `document.getElementById("bar").max == 6 && document.getElementById("bar").value == 0`)
	c.gate.release(t)
	live("the bar moves to 1", `document.getElementById("bar").value == 1`)
	c.gate.release(t)
	live("the bar moves to 2", `document.getElementById("bar").value == 2 && document.getElementById("progress").textContent.indexOf("2/6") == 0`)
	if err := chromedp.Do(bctx, chromedp.ScrollIntoView(chromedp.ID("campaign"))); err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, bctx, "campaign-sending")

	do("pause", chromedp.Click(chromedp.ID("do-pause")), chromedp.WaitVisible(chromedp.ID("do-resume")))
	settle := func() broadcast.Report {
		t.Helper()
		// A message claimed before the pause still goes.
		deadline := time.Now().Add(liveStep)
		for {
			r, err := f.svc.Report(context.Background(), "rinnovi")
			if err != nil {
				t.Fatal(err)
			}
			if r.InFlight == 0 {
				return r
			}
			if time.Now().After(deadline) {
				t.Fatalf("still in flight: %+v", r)
			}
			select {
			case c.gate.ch <- struct{}{}:
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	paused := settle()
	if paused.Status != broadcast.StatusPaused {
		t.Fatalf("after pause: %+v", paused)
	}
	live("the bar shows what went before the pause", `document.getElementById("bar").value == `+strconv.Itoa(paused.Done()))

	// Redis stops answering for the channels' rate buckets (a failover)
	// as the campaign resumes: the page says it waits, and stops saying
	// it once Redis answers again.
	live("no stall said", `document.getElementById("stalled").hidden`)
	down := &atomic.Bool{}
	f.rdb.AddHook(outage{keys: []string{f.keys.Global("bc:{pace:telegram}:bucket"), f.keys.Global("bc:{pace:webchat}:bucket")}, on: down})
	down.Store(true)
	do("resume", chromedp.Click(chromedp.ID("do-resume")), chromedp.WaitVisible(chromedp.ID("do-pause")))
	live("the stall is said", `!document.getElementById("stalled").hidden`)
	down.Store(false)
	live("the stall is no longer said", `document.getElementById("stalled").hidden`)
	c.gate.release(t)
	live("the bar moves after resuming", `document.getElementById("bar").value == `+strconv.Itoa(paused.Done()+1))

	// Telegram asks to slow down for an hour (a 429): the page says the
	// channel is paused, until when and why, while it polls.
	live("no channel pause said", `document.getElementById("paused").hidden`)
	f.svc.PauseChannel(context.Background(), "telegram", time.Hour)
	live("the channel's pause is said", `!document.getElementById("paused").hidden && `+
		`/^Paused by Telegram until .*[0-9][0-9]:[0-9][0-9] \(it asked to send more slowly\)/.test(document.getElementById("paused").textContent)`)
	browsertest.Screenshot(t, bctx, "campaign-channel-paused")

	// Only recipients the platform keeps refusing are left on Telegram
	// (as givenUp notes it): the page says since when the campaign waits
	// on them and by when at the latest they are failed, while it polls.
	live("no wait on refused recipients said", `document.getElementById("refusing").hidden`)
	f.svc.MarkRefusing(context.Background(), "rinnovi", "telegram")
	live("the wait on refused recipients is said", `!document.getElementById("refusing").hidden && `+
		`/^Since .*[0-9][0-9]:[0-9][0-9] the campaign waits only for recipients Telegram keeps refusing .* By .*[0-9][0-9]:[0-9][0-9] at the latest/.test(document.getElementById("refusing").textContent)`)

	do("cancel", chromedp.Click(chromedp.ID("do-cancel")))
	waitText(t, bctx, "#flash", "Done: cancel.")
	end := settle()
	if end.Status != broadcast.StatusCancelled || end.Pending == 0 {
		t.Fatalf("after cancelling: %+v, want some never sent", end)
	}
	waitText(t, bctx, "#status", broadcast.StatusCancelled)
	// The stable ids (?ids=1): the spreadsheet's words are tested in
	// TestConsolePage.
	report, err := chromedp.Run(bctx, chromedp.Evaluate[string](
		`fetch(document.getElementById("report").href + "&ids=1").then(function (r) { return r.text(); })`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(report), "\n")
	if len(lines) != 7 || lines[0] != "channel,contact,outcome,replied,unsubscribed" ||
		strings.Count(report, ",sent,") != end.Sent || strings.Count(report, ",pending,") != end.Pending {
		t.Fatalf("report of %+v:\n%s", end, report)
	}
}

// TestCampaignsPageAtEachSize: the page with a campaign open is whole,
// styled, within the window and free of policy violations on a phone and
// on a desktop, and the menu marks it.
func TestCampaignsPageAtEachSize(t *testing.T) {
	browsertest.Skip(t)
	c := newCampaignsConsole(t)
	c.f.subscribe(t, tg(1), "ar", "permits")
	if err := c.f.svc.Create(context.Background(), broadcast.Campaign{ID: "avviso", Texts: map[string]string{"it": "Avviso", "ar": "إشعار"},
		Fallback: "skip", Segment: broadcast.Segment{Topic: "permits"}}); err != nil {
		t.Fatal(err)
	}
	for _, size := range browsertest.Sizes() {
		t.Run(size.Name, func(t *testing.T) {
			bctx := c.browser(t, size)
			if err := chromedp.Do(bctx, chromedp.Navigate(c.base+"/console/campaigns/?id=avviso"),
				chromedp.WaitVisible(chromedp.ID("do-send"))); err != nil {
				t.Fatal(err)
			}
			browsertest.MustBeWhole(t, bctx, "the campaign page")
			if got := text(t, bctx, `nav.menu a[aria-current="page"]`); got != "Campaigns" {
				t.Fatalf("current menu entry %q", got)
			}
		})
	}
}

// TestRefusedCampaignInBrowser: at each size, an Italian operator's
// campaign refused for two mistakes comes back with both said in
// Italian and everything she typed still there; put right, it is
// created.
func TestRefusedCampaignInBrowser(t *testing.T) {
	browsertest.Skip(t)
	c := newCampaignsConsole(t, console.Account{Name: "giulia", Languages: []string{"it"}, Capacity: 1,
		Roles: []string{console.RoleOutreach}, Lang: "it"})
	cat := shared.Catalog(t)
	for i, size := range browsertest.Sizes() {
		t.Run(size.Name, func(t *testing.T) {
			bctx := c.browserAs(t, size, "giulia")
			id := "avviso-" + strconv.Itoa(i)
			do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(bctx, actions...); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
			}
			do("fill in a campaign with two mistakes",
				chromedp.Navigate(c.base+"/console/campaigns/"),
				chromedp.WaitVisible(chromedp.ID("create-draft")),
				chromedp.SendKeys(chromedp.ID("new-id"), id),
				chromedp.SetValue(chromedp.ID("new-topic"), "permits"),
				chromedp.SetValue(chromedp.ID("new-fallback"), "ar"), // no Arabic text
				chromedp.SendKeys(chromedp.ID("text-it"), "Nuove regole per il rinnovo."),
				chromedp.SendKeys(chromedp.ID("choice-id"), "prenota"), // not a choice id
				chromedp.SendKeys(chromedp.ID("label-it"), "Prenota"),
				chromedp.Click(chromedp.ID("create-draft")),
				chromedp.WaitVisible(chromedp.ID("problems")),
			)
			browsertest.MustBeWhole(t, bctx, "the refused campaign")
			problems := text(t, bctx, "#problems")
			for _, want := range []string{
				cat.Text("it", "console.campaigns.problem.fallback_no_text", map[string]any{"Language": "العربية"}),
				cat.Text("it", "console.campaigns.problem.choice_id", map[string]any{"Value": "prenota"}),
			} {
				if !strings.Contains(problems, want) {
					t.Fatalf("the problems %q lack %q", problems, want)
				}
			}
			for sel, want := range map[string]string{"#new-id": id, "#text-it": "Nuove regole per il rinnovo.", "#choice-id": "prenota",
				"#label-it": "Prenota", "#new-fallback": "ar", "#new-topic": "permits"} {
				got, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector(`+strconv.Quote(sel)+`).value`))
				if err != nil || got != want {
					t.Fatalf("%s holds %q (%v), want what was typed, %q", sel, got, err, want)
				}
			}
			do("put it right",
				chromedp.SetValue(chromedp.ID("new-fallback"), "it"),
				chromedp.SetValue(chromedp.ID("choice-id"), "legal_permit_renewal.book"),
				chromedp.Click(chromedp.ID("create-draft")),
				chromedp.WaitVisible(chromedp.ID("campaign")),
			)
			if _, err := c.f.svc.Get(context.Background(), id); err != nil {
				t.Fatalf("not created: %v", err)
			}
		})
	}
}
