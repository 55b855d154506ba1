package handoff_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

// TestRevEQueuePreviewOwedWithFullTail (review revE of 5b4db4b): lastWords
// reads a case's owed opening only when the tail it read is shorter than
// previewLines (console.go:242, len(tail) < previewLines). A transcript of
// exactly previewLines (8) lines was read whole, yet its owed lines are
// skipped: a case whose opening could not be written and whose bot sent
// eight queue updates since shows an empty preview, the danger that opened
// it hidden again. The tail is the whole transcript whenever it holds
// fewer lines than were asked for, or as many.
func TestRevEQueuePreviewOwedWithFullTail(t *testing.T) {
	const danger = "mio marito mi picchia, ho paura"
	f := &faults{mark: openingFault}
	svc, _ := faultyService(t, f)
	ctx := context.Background()
	if err := svc.Queue().SaveOperator(ctx, handoff.Operator{Name: "giulia", Languages: []string{"it"}, Areas: []string{"*"}, Capacity: 3},
		"password-giulia"); err != nil {
		t.Fatal(err)
	}
	c := bot.Contact{Channel: "telegram", ID: "1"}
	ev := bot.HandoffRequested{Lang: "it", Reason: bot.UrgentReason("violence"), Urgent: true, UrgentKind: "violence",
		Text: danger, Message: "m2", Said: []string{"ciao"}, SaidIDs: []string{"m1"}, Told: []string{"Chiama il 112"}}
	// The opening lines cannot be written, now or while the page is read.
	f.left.Store(1 << 20)
	if err := svc.HandleEvent(ctx, c, ev); err != nil {
		t.Fatalf("the case opened, and its event failed: %v", err)
	}
	id := cs(t, svc, c).ID
	if n := occurrences(t, svc, id, "person", danger); n != 0 {
		t.Fatalf("the opening lines are in the transcript (%d): the test tests nothing", n)
	}
	// Exactly previewLines (console.go) lines, all the bot's: the tail
	// read is the whole transcript.
	for i := range 8 {
		if err := svc.Queue().Append(ctx, id, handoff.Entry{By: "bot", Text: fmt.Sprintf("Sei il numero %d in coda.", 8-i)}); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(svc.Handler())
	t.Cleanup(srv.Close)
	b := consoletest.New(t, srv.URL)
	b.MustSignIn("giulia", "password-giulia")
	_, page := b.Get("/console/")
	if !strings.Contains(page, `data-case="`+id+`"`) {
		t.Fatalf("the case is not in the queue")
	}
	if !strings.Contains(page, danger) {
		t.Errorf("the queue's preview does not show the owed opening %q after 8 lines of the bot's", danger)
	}
}
