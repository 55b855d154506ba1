package handoff_test

import (
	"context"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"frontdoor/bot"
	"frontdoor/handoff"
	"frontdoor/internal/browsertest"
)

// TestCasePageShowsTheConversationBeforeAtEachSize: on a phone and on a
// desktop, the case page shows the turns before the handoff, the person's
// and the bot's, in order, each marked as written before the case, on a
// page that stays whole.
func TestCasePageShowsTheConversationBeforeAtEachSize(t *testing.T) {
	browsertest.Skip(t)
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "sam", []string{"*"}, []string{"*"}, 3)
	c := bot.Contact{Channel: "telegram", ID: "91"}
	if err := f.svc.HandleEvent(ctx, c, bot.HandoffRequested{Lang: "uk", Area: "legal", Reason: "asked", Text: "Хочу поговорити з людиною",
		Recent: []bot.Exchange{
			{Person: "Документи та дозвіл на проживання", Bot: "Оберіть тему."},
			{Person: "мій дозвіл закінчився тиждень тому", Bot: "Вибачте, я не зрозумів."},
			{Kind: "photo", Bot: "Будь ласка, напишіть ваше запитання."},
		}}); err != nil {
		t.Fatal(err)
	}
	cs, err := f.svc.OpenCase(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	mark := "|" + f.cat.Text("en", "console.case.before", nil) + "|true"
	want := []string{
		"person::Документи та дозвіл на проживання" + mark, "bot::Оберіть тему." + mark,
		"person::мій дозвіл закінчився тиждень тому" + mark, "bot::Вибачте, я не зрозумів." + mark,
		// The file by its kind's name in the operator's language (English
		// here), not its id in brackets.
		"person:" + f.cat.Text("en", "console.attachment.photo", nil) + ":" + mark, "bot::Будь ласка, напишіть ваше запитання." + mark,
	}
	srv := httptest.NewServer(f.svc.Handler())
	t.Cleanup(srv.Close)
	for _, size := range browsertest.Sizes() {
		t.Run(size.Name, func(t *testing.T) {
			bctx := browsertest.New(t)
			if err := chromedp.Do(bctx, browsertest.RecordCSP(), size.Emulate(),
				browsertest.SignIn(srv.URL, "sam", "password-sam"),
				chromedp.Navigate(srv.URL+"/console/cases/"+cs.ID),
				chromedp.WaitVisible(chromedp.CSS(".transcript li.before.by-bot"))); err != nil {
				t.Fatalf("the case page: %v", err)
			}
			browsertest.MustBeWhole(t, bctx, "the case page")
			// Each line before the case: who wrote it, the kind of a file,
			// its text, its mark and whether it is in sight. The live view
			// may swap the transcript for a fresh copy once its stream
			// opens: read until it holds the lines, or the deadline.
			var got []string
			var err error
			for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
				got, err = chromedp.Run(bctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".transcript li.before")].map(li =>
					(li.classList.contains("by-bot") ? "bot" : "person") + ":" + (li.querySelector(".kind")?.textContent.trim() ?? "") + ":" +
					li.querySelector("p.text").textContent.trim() + "|" + (li.querySelector(".before-mark")?.textContent.trim() ?? "") +
					"|" + (li.getBoundingClientRect().width > 0))`))
				if err == nil && slices.Equal(got, want) || time.Now().After(deadline) {
					break
				}
			}
			if err != nil || !slices.Equal(got, want) {
				t.Fatalf("lines before the case on the page (%v):\n%q\nwant %q", err, got, want)
			}
		})
	}
}
