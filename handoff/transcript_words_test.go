package handoff_test

import (
	"context"
	"html"
	"net/http/httptest"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

// TestTranscriptLinesInOperatorsLanguage: the transcript's own lines
// (opened, taken, sent back to the queue with a note, closed, the person
// leaving the queue, nobody answering, news stopped, the chat removed)
// and the reasons a reply did not reach the person or could not be taken
// back from their phone are shown in the operator's language, on the case
// page and in the export, as the service writes them; nothing of them is
// left in English.
func TestTranscriptLinesInOperatorsLanguage(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "sam", []string{"*"}, []string{"*"}, 3)
	c := bot.Contact{Channel: "telegram", ID: "4401"}
	if err := f.svc.HandleEvent(ctx, c, bot.HandoffRequested{Area: "legal", Reason: "asked", Lang: "uk", Text: "мені потрібна допомога"}); err != nil {
		t.Fatal(err)
	}
	waiting, _, err := f.svc.List(ctx, 10)
	if err != nil || len(waiting) != 1 {
		t.Fatalf("waiting = %+v, %v", waiting, err)
	}
	cs := waiting[0]
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.svc.Claim(ctx, "sam", cs.ID))
	// A reply the person blocked; one delivered, then not taken back.
	must(f.svc.Reply(ctx, "sam", cs.ID, "Добрий день"))
	must(f.svc.ReportDelivery(ctx, c, dispatch.Delivery{From: handoff.From, Ref: f.sent.lastRef(), Failure: dispatch.FailBlocked}))
	must(f.svc.Reply(ctx, "sam", cs.ID, "Завтра о 9"))
	ref := f.sent.lastRef()
	must(f.svc.ReportDelivery(ctx, c, dispatch.Delivery{From: handoff.From, Ref: ref, IDs: []string{"T1"}}))
	_, entry, _ := strings.Cut(ref, "/")
	must(f.svc.DeleteReply(ctx, "sam", cs.ID, entry, false))
	must(f.svc.ReportDelivery(ctx, c, dispatch.Delivery{From: handoff.From, Ref: ref + "/unsend", Failure: dispatch.FailRejected}))
	must(f.svc.Transfer(ctx, "sam", cs.ID, "", "потрібен юрист", false))
	must(f.svc.Claim(ctx, "sam", cs.ID))
	must(f.svc.Close(ctx, "sam", cs.ID, handoff.OutcomeReferred, false))
	// Lines the conversation's side writes, as it writes them.
	for _, text := range []string{"withdrawn", "abandoned: back in the queue", "the person stopped news messages (стоп); the case stays open",
		"the person removed this conversation from their phone: your earlier messages may no longer show there"} {
		must(f.svc.Queue().Append(ctx, cs.ID, handoff.Entry{By: "system", Text: text}))
	}
	must(f.svc.Queue().SaveOperator(ctx, handoff.Operator{Name: "ada", Languages: []string{"*"}, Areas: []string{"*"}, Capacity: 3, Admin: true}, "password-ada"))
	srv := httptest.NewServer(f.svc.Handler())
	t.Cleanup(srv.Close)
	ada := consoletest.New(t, srv.URL)
	ada.MustSignIn("ada", "password-ada")
	shown := func(lang string) (page, export string) {
		t.Helper()
		setLang(t, f.svc, "ada", lang)
		return ada.MustGet("/console/cases/" + cs.ID + "/transcript"), ada.MustGet("/console/cases/" + cs.ID + "/export")
	}
	cat := f.cat
	lines := func(s string) string { return strings.ReplaceAll(s, "\n", "<br>") }
	englishPage, englishExport := shown("en")
	for _, want := range []string{"sam took the case", "Reply not delivered: the person has blocked the bot or left the chat",
		"Not deleted from the person&#39;s phone: the platform refused the message", "Back to the queue: потрібен юрист", "Closed: referred",
		"The person left the queue", "Nobody answered for too long", "The person stopped news messages (стоп)", "The person removed this conversation",
		"Case opened: asked for a person"} {
		if !strings.Contains(englishPage, want) {
			t.Errorf("the English transcript lacks %q:\n%s", want, englishPage)
		}
	}
	if !strings.Contains(englishExport, "Reply not delivered: the person has blocked the bot") {
		t.Errorf("the English export lacks the undelivered reply:\n%s", englishExport)
	}
	data := sameEverywhere(cat, "sam", "T1")
	for _, l := range cat.Languages() {
		if l.Tag == "en" {
			continue
		}
		t.Run(l.Tag, func(t *testing.T) {
			page, export := shown(l.Tag)
			if left := consoletest.EnglishLeft(englishPage, page, data...); len(left) > 0 {
				t.Errorf("the case page is still in English: %q", left)
			}
			if left := consoletest.EnglishLeft(lines(englishExport), lines(export), append(data, cs.ID)...); len(left) > 0 {
				t.Errorf("the export is still in English: %q", left)
			}
			for _, want := range []string{
				cat.Text(l.Tag, "console.case.system.claimed", map[string]any{"Name": "sam"}),
				cat.Text(l.Tag, "console.case.system.undelivered", map[string]any{"Reason": cat.Text(l.Tag, "console.case.failure.blocked", nil)}),
				cat.Text(l.Tag, "console.case.unsend.failed", nil) + ": " + cat.Text(l.Tag, "console.case.failure.rejected", nil),
				cat.Text(l.Tag, "console.case.system.to_queue", map[string]any{"Note": "потрібен юрист"}),
				cat.Text(l.Tag, "console.case.system.closed", map[string]any{"Outcome": cat.Text(l.Tag, "console.outcome.referred", nil)}),
				cat.Text(l.Tag, "console.case.system.withdrawn", nil),
				cat.Text(l.Tag, "console.case.system.abandoned", nil),
				cat.Text(l.Tag, "console.case.system.stopped_news", map[string]any{"What": "стоп"}),
				cat.Text(l.Tag, "console.case.system.cleared", nil),
			} {
				if !strings.Contains(page, html.EscapeString(want)) {
					t.Errorf("the case page lacks %q", want)
				}
			}
		})
	}
}
