package handoff_test

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/handoff"
	"frontdoor/internal/browsertest"
)

// TestDeleteReplyInBrowser: on a phone and on a desktop, the operator
// deletes their reply for the person from the case page (a form with the
// CSRF token): the page says it is being deleted, the channel is asked to
// take back the reply's messages, and once it has, the transcript shows
// the reply struck through and deleted, with no button left; a message
// the person deleted shows as such, in the operator's language.
func TestDeleteReplyInBrowser(t *testing.T) {
	browsertest.Skip(t)
	for i, size := range browsertest.Sizes() {
		t.Run(size.Name, func(t *testing.T) {
			f := newService(t, handoff.Config{})
			ctx := context.Background()
			addOperator(t, f.svc, "amina", []string{"it"}, []string{"*"}, 3)
			cs := open(t, f.svc, "8"+string(rune('0'+i)), "it", "legal", false)
			if err := f.svc.Claim(ctx, "amina", cs.ID); err != nil {
				t.Fatal(err)
			}
			h := f.svc.Wrap(&recordingHandler{})
			for _, m := range []bot.Message{{ID: "p1", Text: "abito in via Roma 3"}, {ID: "p2", Revokes: "p1"}} {
				m.Contact = cs.Contact
				if _, err := h.Handle(ctx, bot.Turn{Contact: cs.Contact, Message: m, Now: f.clock.Now()}); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.svc.Reply(ctx, "amina", cs.ID, "Appuntamento con il dottor Bianchi"); err != nil {
				t.Fatal(err)
			}
			if err := f.svc.ReportDelivery(ctx, cs.Contact, dispatch.Delivery{From: handoff.From, Ref: f.sent.lastRef(), IDs: []string{"G7"}}); err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(f.svc.Handler())
			t.Cleanup(srv.Close)
			bctx := browsertest.New(t)
			do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(bctx, actions...); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
			}
			en := func(id string) string { return f.cat.Text("en", id, nil) }
			do("open the case", browsertest.RecordCSP(), size.Emulate(), browsertest.SignIn(srv.URL, "amina", "password-amina"),
				chromedp.Navigate(srv.URL+"/console/cases/"+cs.ID), chromedp.WaitVisible(chromedp.CSS(".unsend-button")),
				// The live refresh replaces the transcript: click what it shows.
				chromedp.WaitReady(chromedp.CSS("main[data-refreshed]")))
			browsertest.MustBeWhole(t, bctx, "the case with a reply to delete")
			// Read in one script: a later refresh (an event, the 30 s
			// one) may replace the transcript between two reads.
			shown, err := chromedp.Run(bctx, chromedp.Evaluate[map[string]string](`Object.fromEntries(
				[".entry .deleted", ".transcript", ".unsend-button"].map(sel => [sel, document.querySelector(sel)?.textContent.trim() ?? "(none)"]))`))
			if err != nil {
				t.Fatal(err)
			}
			if deleted := shown[".entry .deleted"]; deleted != en("console.case.deleted_by_person") {
				t.Errorf("the person's deleted message shows %q", deleted)
			}
			if body := shown[".transcript"]; body == "(none)" || strings.Contains(body, "via Roma") {
				t.Errorf("the person's deleted words are on the page, or no transcript: %q", body)
			}
			if label := shown[".unsend-button"]; label != en("console.case.unsend") {
				t.Errorf("button %q", label)
			}

			do("delete the reply", chromedp.Click(chromedp.CSS(".unsend-button")), chromedp.WaitVisible(chromedp.CSS(".unsent-asked")))
			flash, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(".flash")))
			if want := en("console.case.unsend.asked"); err != nil || flash != want {
				t.Errorf("flash %q (%v), want %q", flash, err, want)
			}
			taken := f.sent.taken()
			if len(taken) != 1 || !slices.Equal(taken[0].Unsend, []string{"G7"}) {
				t.Fatalf("asked the channel %+v, want G7 taken back", taken)
			}
			browsertest.MustBeWhole(t, bctx, "the case with a reply being deleted")

			if err := f.svc.ReportDelivery(ctx, cs.Contact, dispatch.Delivery{From: handoff.From, Ref: taken[0].Ref}); err != nil {
				t.Fatal(err)
			}
			// The live refresh replaces the transcript once the page's event
			// stream opens: wait for it, then read in one script so the
			// node read is the node found.
			do("reload", chromedp.Reload(), chromedp.WaitReady(chromedp.CSS("main[data-refreshed]")),
				chromedp.WaitVisible(chromedp.CSS(".unsent-done")))
			done, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector('.unsent-done').textContent.trim()`))
			if err != nil || done != en("console.case.unsend.done") {
				t.Errorf("after the report: %q (%v)", done, err)
			}
			n, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll('.unsend-button').length`))
			if err != nil || n != 0 {
				t.Errorf("%d delete buttons left (%v)", n, err)
			}
			struck, err := chromedp.Run(bctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.unsent-text')).textDecorationLine`))
			if err != nil || struck != "line-through" {
				t.Errorf("the deleted reply is not struck through: %q (%v)", struck, err)
			}
			browsertest.Screenshot(t, bctx, "case-unsend-"+size.Name)
		})
	}
}
