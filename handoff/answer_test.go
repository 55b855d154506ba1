package handoff_test

import (
	"context"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/handoff"
)

// TestUndeliveredAnswerIsNotedOnTheCase: the bot's own answer that never
// reached the person (held through a WhatsApp ban past the day's hold,
// and given up) is noted on their open case, its text marked not
// delivered with the reason: the operators of an urgent case must not
// take it that the person read the emergency numbers. A person without an
// open case gets no case for it; another sender's report is left alone.
func TestUndeliveredAnswerIsNotedOnTheCase(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	c := bot.Contact{Channel: "whatsapp", ID: "555000111@lid"}
	if err := f.svc.HandleEvent(ctx, c, bot.HandoffRequested{Area: "legal", Reason: bot.UrgentReason("violence"), Lang: "en", Text: "he is at the door"}); err != nil {
		t.Fatal(err)
	}
	waiting, _, err := f.svc.List(ctx, 10)
	if err != nil || len(waiting) != 1 {
		t.Fatalf("waiting = %+v, %v", waiting, err)
	}
	id := waiting[0].ID
	before, err := f.svc.Transcript(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	lost := dispatch.Delivery{Answer: &bot.Reply{Text: "Call 112 now. Someone of the desk will answer you."},
		Failure: dispatch.FailGaveUp, Detail: "not delivered: held 24h0m0s while the channel was halted (temporarily banned by WhatsApp (101))"}
	if err := f.svc.ReportDelivery(ctx, c, lost); err != nil {
		t.Fatal(err)
	}
	tx, err := f.svc.Transcript(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	added := tx[len(before):]
	if len(added) != 2 || added[0].By != "bot" || added[0].Text != lost.Answer.Text || added[0].Undelivered == "" ||
		added[1].By != "system" || added[1].Of != added[0].ID || added[1].Undelivered == "" {
		t.Fatalf("transcript gained %+v, want the bot's answer marked not delivered", added)
	}
	// Nobody else's case, and no case for a person without one.
	other := bot.Contact{Channel: "whatsapp", ID: "555000222@lid"}
	if err := f.svc.ReportDelivery(ctx, other, lost); err != nil {
		t.Fatal(err)
	}
	if w, _, err := f.svc.List(ctx, 10); err != nil || len(w) != 1 {
		t.Fatalf("waiting = %+v, %v: a lost answer opened a case", w, err)
	}
	if tx2, _ := f.svc.Transcript(ctx, id); len(tx2) != len(tx) {
		t.Errorf("another person's lost answer reached this case: %+v", tx2[len(tx):])
	}
}
