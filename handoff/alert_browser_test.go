package handoff_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"frontdoor/bot"
	"frontdoor/handoff"
	"frontdoor/internal/browsertest"
)

// alertStubs stand in for the browser's notifications and sound, which a
// headless browser has neither of: they record what the console's script
// asks for. The script looks both up when it uses them, so installing
// them once the page is open is enough.
const alertStubs = `(() => {
  const fd = window.__fd = {asked: 0, notes: [], tones: 0};
  function Note(title, opts) { fd.notes.push({title: title, body: (opts || {}).body || ""}); }
  Note.permission = "default";
  Note.requestPermission = () => { fd.asked++; Note.permission = "granted"; return Promise.resolve("granted"); };
  window.Notification = Note;
  function Audio() { this.state = "running"; this.currentTime = 0; this.destination = {}; }
  Audio.prototype.resume = () => Promise.resolve();
  Audio.prototype.createGain = () => ({gain: {value: 0, setValueAtTime() {}, exponentialRampToValueAtTime() {}}, connect() {}});
  Audio.prototype.createOscillator = () => ({frequency: {value: 0}, connect() {}, start() { fd.tones++; }, stop() {}});
  window.AudioContext = Audio;
  return true;
})()`

// TestUrgentAlertInBrowser: on the queue page, in a real headless Chromium
// on a phone and a desktop screen, the operator allows alerts with the
// button; then a new urgent case plays the sound, shows a notification
// naming the danger (not the person's words) and counts in the title,
// while a case that is not urgent does none of this. The case page then
// shows the transcript with what was written before the case.
func TestUrgentAlertInBrowser(t *testing.T) {
	browsertest.Skip(t)
	for _, screen := range []struct {
		name          string
		width, height int64
	}{{"phone", 390, 844}, {"desktop", 1280, 800}} {
		t.Run(screen.name, func(t *testing.T) {
			f := newService(t, handoff.Config{})
			ctx := context.Background()
			addOperator(t, f.svc, "marco", []string{"it"}, []string{"*"}, 3)
			srv := httptest.NewServer(f.svc.Handler())
			t.Cleanup(func() { srv.CloseClientConnections(); srv.Close() })

			bctx := browsertest.New(t)

			run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(bctx, actions...); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
			}
			eval := func(what, js string) string {
				t.Helper()
				v, err := chromedp.Run(bctx, chromedp.Evaluate[string](js))
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				return v
			}
			// within waits for a JavaScript condition; the page's own 30 s
			// refresh is left out (NoFallbackRefresh, checked after signing
			// in): only the live view can meet it.
			within := func(what, cond string) {
				t.Helper()
				if _, err := chromedp.Run(bctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(liveStep),
					chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
					t.Fatalf("%s (within %s): %v\nrecorded: %s, title %q", what, liveStep, err,
						eval("recorded", `JSON.stringify(window.__fd)`), eval("title", `document.title`))
				}
			}

			run("sign in",
				browsertest.NoFallbackRefresh(),
				chromedp.EmulateViewport(screen.width, screen.height),
				chromedp.Navigate(srv.URL+"/console/login"),
				chromedp.WaitVisible(chromedp.ID("username")),
				chromedp.SendKeys(chromedp.ID("username"), "marco"),
				chromedp.SendKeys(chromedp.ID("password"), "password-marco"),
				chromedp.Click(chromedp.ID("signin")),
				// The script shows the button: it ran under the page's CSP.
				chromedp.WaitVisible(chromedp.ID("alerts")),
			)
			if n, err := chromedp.Run(bctx, browsertest.FallbackRefreshDropped()); err != nil || n == 0 {
				t.Fatalf("the queue page's fallback refresh was not left out (%d, %v): a live step could pass on it", n, err)
			}
			if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](alertStubs)); err != nil {
				t.Fatal(err)
			}
			run("allow the alerts", chromedp.Click(chromedp.ID("alerts")))
			within("permission asked and granted, the sound tried", `__fd.asked === 1 && Notification.permission === "granted" && __fd.tones > 0 &&
				document.getElementById("alerts-state").textContent.startsWith("Alerts on")`)
			tones := eval("tones", `String(__fd.tones)`)
			baseTitle := eval("title", `document.title`)
			if strings.Contains(baseTitle, "urgent") {
				t.Fatalf("title with no case = %q", baseTitle)
			}

			// A case that is not urgent arrives: listed, no alert.
			plain := bot.Contact{Channel: "telegram", ID: "801"}
			if err := f.svc.HandleEvent(ctx, plain, bot.HandoffRequested{Lang: "it", Area: "legal", Topic: "permit_renewal", Reason: "asked"}); err != nil {
				t.Fatal(err)
			}
			pc, _ := f.svc.OpenCase(ctx, plain)
			within("the plain case listed live", `!!document.querySelector('li[data-case="`+pc.ID+`"]')`)
			if got := eval("recorded", `JSON.stringify([__fd.notes.length, String(__fd.tones), document.title])`); got != `[0,"`+tones+`","`+baseTitle+`"]` {
				t.Fatalf("after a case that is not urgent: [notifications, tones, title] = %s", got)
			}

			// An urgent one, in a language Frontdoor does not speak.
			const words = "не хочу больше жить"
			urgent := bot.Contact{Channel: "telegram", ID: "802"}
			if err := f.svc.HandleEvent(ctx, urgent, bot.HandoffRequested{Detected: "ru", Reason: "urgent_suicide", Urgent: true, UrgentKind: "suicide", Text: words, Said: []string{"привет"}}); err != nil {
				t.Fatal(err)
			}
			uc, _ := f.svc.OpenCase(ctx, urgent)
			within("the urgent case listed live and alerted", `!!document.querySelector('li[data-case="`+uc.ID+`"]') && __fd.notes.length === 1`)
			note := eval("notification", `JSON.stringify(__fd.notes[0])`)
			if !strings.Contains(note, "URGENT · suicide / self-harm") || !strings.Contains(note, "Russian") || strings.Contains(note, words) {
				t.Fatalf("notification = %s: want the kind and the language, never the words", note)
			}
			if got := eval("tones", `String(__fd.tones)`); got == tones {
				t.Fatal("no sound for the urgent case")
			}
			if got := eval("title", `document.title`); got != "(1 urgent) "+baseTitle {
				t.Fatalf("title = %q", got)
			}
			if got := eval("banner", `(n => n.hidden ? "" : n.textContent)(document.getElementById("urgent-news"))`); got != "New urgent case: URGENT · suicide / self-harm" {
				t.Fatalf("banner = %q", got)
			}

			// Later refreshes (a new line in a transcript) do not alert again.
			if err := f.svc.Queue().Append(ctx, uc.ID, handoff.Entry{By: "person", Text: "?"}); err != nil {
				t.Fatal(err)
			}
			other := bot.Contact{Channel: "telegram", ID: "803"}
			if err := f.svc.HandleEvent(ctx, other, bot.HandoffRequested{Lang: "it", Reason: "asked"}); err != nil {
				t.Fatal(err)
			}
			oc, _ := f.svc.OpenCase(ctx, other)
			within("another plain case listed", `!!document.querySelector('li[data-case="`+oc.ID+`"]')`)
			if got := eval("notifications", `String(__fd.notes.length)`); got != "1" {
				t.Fatalf("%s notifications after later refreshes, want 1", got)
			}
			width, err := chromedp.Run(bctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
			if err != nil || width > screen.width {
				t.Fatalf("the queue page is %dpx wide on a %dpx screen (%v)", width, screen.width, err)
			}

			// The operator opens it: the danger, the language, and what the
			// person wrote before and when the case opened.
			// From its page: the live list may swap its buttons for fresh
			// ones at any moment.
			run("claim the urgent case",
				chromedp.Navigate(srv.URL+"/console/cases/"+uc.ID),
				chromedp.Click(chromedp.ID("claim")),
				chromedp.WaitVisible(chromedp.ID("reply")),
			)
			if got := eval("title", `document.title`); strings.Contains(got, "urgent") {
				t.Errorf("the case page's title = %q: only the queue counts", got)
			}
			badge := eval("badge", `document.getElementById("case-urgent").textContent`)
			lang := eval("language", `document.getElementById("case-lang").textContent`)
			tx := eval("transcript", `document.querySelector(".transcript").innerText`)
			if badge != "URGENT · suicide / self-harm" || !strings.Contains(lang, "Russian (ru, not supported)") {
				t.Fatalf("case page: badge %q, language %q", badge, lang)
			}
			for _, want := range []string{"before the case", "привет", words, "opened: urgent — suicide / self-harm"} {
				if !strings.Contains(tx, want) {
					t.Errorf("transcript lacks %q:\n%s", want, tx)
				}
			}
			if strings.Index(tx, "привет") > strings.Index(tx, words) || strings.Index(tx, words) > strings.Index(tx, "opened:") {
				t.Errorf("transcript out of order:\n%s", tx)
			}
			if width, _ := chromedp.Run(bctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`)); width > screen.width {
				t.Fatalf("the case page is %dpx wide on a %dpx screen", width, screen.width)
			}
		})
	}
}
