package handoff_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

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
	want := []string{
		"person:Документи та дозвіл на проживання", "bot:Оберіть тему.",
		"person:мій дозвіл закінчився тиждень тому", "bot:Вибачте, я не зрозумів.",
		"person:", "bot:Будь ласка, напишіть ваше запитання.",
	}
	mark := f.cat.Text("en", "console.case.before", nil)
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
			// Each line before the case: who wrote it and its text, and
			// whether it is marked and in sight.
			got, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".transcript li.before")].map(li =>
				(li.classList.contains("by-bot") ? "bot" : "person") + ":" + li.querySelector("p.text").innerText.trim() +
				"|" + (li.querySelector(".before-mark")?.innerText ?? "") + "|" + (li.getBoundingClientRect().width > 0))`))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("lines before the case on the page:\n%q\nwant %q", got, want)
			}
			for i, w := range want {
				if g := got[i]; g != w+"|"+mark+"|true" {
					t.Errorf("line %d before the case: %q, want %q marked %q and shown", i, g, w, mark)
				}
			}
			kind, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(".transcript li.before.by-person .kind")))
			if err != nil || !strings.Contains(kind, "photo") {
				t.Errorf("the photo sent before the case: %q (%v)", kind, err)
			}
		})
	}
}
