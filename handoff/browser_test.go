package handoff_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"frontdoor/bot"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/handoff"
	"frontdoor/internal/browsertest"
)

// liveStep bounds a step that waits for a live update. The pages' 30 s
// fallback refresh is left out (browsertest.NoFallbackRefresh), so only
// the event stream can pass it, however long it waits: the bound is only
// there to fail a broken test, generous for two busy cores under -race
// (5 s, once, made this test fail about one run in eight).
const liveStep = 30 * time.Second

// TestConsoleInBrowser drives the console in a real headless Chromium on a
// phone-sized screen: sign in, see a case arrive live, claim it, read the
// transcript (script rendered as text), reply (it reaches the fake
// Telegram chat), close.
func TestConsoleInBrowser(t *testing.T) {
	browsertest.Skip(t)
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, d.svc, "marco", []string{"it"}, []string{"*"}, 3)

	bctx := browsertest.New(t)

	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// live runs a step that only the live view (SSE) can make pass: the
	// page's own 30 s refresh is left out (NoFallbackRefresh, checked
	// below), so a step waiting that long cannot pass on it with the event
	// stream broken.
	live := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		lctx, cancel := context.WithTimeout(bctx, liveStep)
		defer cancel()
		if err := chromedp.Do(lctx, actions...); err != nil {
			t.Fatalf("%s (within %s, without the page's 30 s refresh): %v", what, liveStep, err)
		}
	}
	// read reads from the page; the live view may swap the node read for a
	// fresh copy in between (it refreshes once its stream opens), so a
	// vanished node is read again.
	read := func(what string, a chromedp.Action[string]) string {
		t.Helper()
		for try := 0; ; try++ {
			v, err := chromedp.Run(bctx, a)
			if err == nil {
				return v
			}
			if try == 20 || !strings.Contains(err.Error(), "No node") {
				t.Fatalf("%s: %v", what, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	run("sign in",
		browsertest.NoFallbackRefresh(),
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(d.base+"/console/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "marco"),
		chromedp.SendKeys(chromedp.ID("password"), "password-marco"),
		chromedp.Click(chromedp.ID("signin")),
		chromedp.WaitVisible(chromedp.ID("next")),
	)
	if n, err := chromedp.Run(bctx, browsertest.FallbackRefreshDropped()); err != nil || n == 0 {
		t.Fatalf("the queue page's fallback refresh was not left out (%d, %v): a live step could pass on it", n, err)
	}

	// A person asks for somebody while the queue page is open.
	const chat = 5151
	contact := bot.Contact{Channel: "telegram", ID: "5151"}
	d.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_it"), telegramtest.Callback(chat, "q1", "consent.yes"),
		telegramtest.Command(chat, 2, "/person"))
	d.waitSaid(t, chat, 4)
	waitFor(t, "the case", func() bool { _, err := d.svc.OpenCase(ctx, contact); return err == nil })
	cs, _ := d.svc.OpenCase(ctx, contact)
	d.tg.AddUpdates(telegramtest.Text(chat, 3, `<script>document.title="pwned"</script> ho bisogno di aiuto`))
	waitFor(t, "the message in the transcript", func() bool { return len(transcriptTexts(t, d.svc, cs.ID)) >= 2 })

	sel := `li[data-case="` + cs.ID + `"] button.claim`
	live("see the waiting case live", chromedp.WaitVisible(chromedp.CSS(sel)))
	// The live list is swapped for a fresh copy at each change (the
	// stream opening, the case arriving, the person's message). A mouse
	// click (chromedp.Click: find the node, scroll, click where it was)
	// that falls on a swap is lost, or fails on a node gone: about one run
	// in eight on two busy cores. The button is found and clicked in one
	// script, so the node clicked is the one on the page.
	clickJS := `(() => {
		const b = document.querySelector(` + strconv.Quote(sel) + `);
		if (!b) return false;
		b.click();
		return true;
	})()`
	clicked, err := chromedp.Run(bctx, chromedp.Evaluate[bool](clickJS))
	if err != nil || !clicked {
		t.Fatalf("claim it: the button is not on the page (%v)", err)
	}
	run("claim it", chromedp.WaitVisible(chromedp.ID("reply")))
	// The case page may fill its transcript after it shows (a live
	// refresh swaps the node): read, in one script so that the node found
	// is the node read, until the message is there.
	const msg = `<script>document.title="pwned"</script> ho bisogno di aiuto`
	var transcript string
	for try := 0; try < 100; try++ {
		if transcript = read("transcript", chromedp.Evaluate[string](`document.querySelector(".transcript")?.innerText ?? ""`)); strings.Contains(transcript, msg) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	title := read("title", chromedp.Title())
	lang := read("language", chromedp.Text(chromedp.ID("case-lang")))
	width, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(transcript, msg) || title == "pwned" {
		t.Fatalf("transcript = %q, title %q: the message must show as text", transcript, title)
	}
	if !strings.Contains(lang, "Italiano") {
		t.Fatalf("language shown = %q", lang)
	}
	if width > 390 {
		t.Fatalf("the case page is %dpx wide on a 390px screen", width)
	}

	run("reply",
		chromedp.SendKeys(chromedp.ID("reply"), "Buongiorno, sono Marco dello sportello."),
		chromedp.Click(chromedp.ID("send")),
		chromedp.WaitVisible(chromedp.CSS(`li.by-operator`)),
	)
	d.waitText(t, chat, d.cat.Text("it", "handoff.reply_from_name", map[string]any{"Name": "marco"})+"\nBuongiorno, sono Marco dello sportello.")

	// The person answers; the open case view shows it live.
	d.tg.AddUpdates(telegramtest.Text(chat, 4, "grazie mille"))
	live("see the answer live", chromedp.WaitVisible(chromedp.Search(`//p[contains(., "grazie mille")]`)))

	run("close",
		chromedp.SetValue(chromedp.ID("outcome"), "resolved"),
		chromedp.Click(chromedp.ID("close")),
		// Closing asks to confirm the outcome first.
		chromedp.WaitVisible(chromedp.ID("close-confirm")),
		chromedp.Click(chromedp.ID("close-confirm")),
		chromedp.WaitVisible(chromedp.ID("next")),
	)
	d.waitText(t, chat, d.cat.Text("it", "handoff.closed", nil))
	if got, _ := d.svc.Get(ctx, cs.ID); got.Status != handoff.StatusClosed || got.Outcome != "resolved" {
		t.Fatalf("case = %+v", got)
	}
}
