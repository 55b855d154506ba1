package booking

import (
	"context"
	"slices"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/flows"
)

// TestDeletedTextLeavesTheCaseOpenedWhileBooking: a text the person
// deletes for everyone after asking for an appointment is not in the
// case they open from the booking dialogue. The appointment request takes
// the turns out of the conversation's state and the dialogue gives them
// back: their message ids must come back with them, or the deletion
// (Engine.Forget, through the conversation) no longer reaches them.
func TestDeletedTextLeavesTheCaseOpenedWhileBooking(t *testing.T) {
	cat := cat(t)
	eng, err := flows.New(cat, flows.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	s := e.service(t, testConfig())
	h := s.Wrap(converse.Conversation{Engine: eng, Catalog: cat})
	ctx := context.Background()
	c := person(1)
	const secret = "qwertz my address is Via Nizza 12"
	var state []byte
	var opened []bot.HandoffRequested
	for i, m := range []bot.Message{
		{Text: "/start lang_en"}, {Choice: "consent.yes"}, {Choice: "menu.legal"}, {Choice: "legal.permit_renewal"},
		{ID: "w1", Text: secret}, {Choice: "legal_permit_renewal.book"},
		{ID: "w2", Revokes: "w1"},
		{Text: "/person"},
	} {
		m.Contact = c
		out, err := h.Handle(ctx, bot.Turn{Contact: c, State: state, Message: m, Now: e.clock.Now()})
		if err != nil {
			t.Fatalf("step %d %+v: %v", i, m, err)
		}
		if out.State != nil {
			state = out.State
		}
		for _, ev := range out.Events {
			if h, ok := ev.(bot.HandoffRequested); ok && h.Reason != "appointment" {
				opened = append(opened, h)
			}
		}
		if i == 5 && !strings.Contains(string(state), "Via Nizza") {
			// Else the test would prove nothing: the text must be
			// carried through the dialogue for the deletion to matter.
			t.Fatalf("the state after the appointment request keeps nothing of the text: %s", state)
		}
	}
	if len(opened) != 1 {
		t.Fatalf("cases opened: %+v, want one", opened)
	}
	got := opened[0]
	for _, s := range got.Said {
		if strings.Contains(s, "Via Nizza") {
			t.Errorf("the case holds the deleted text in Said: %q", got.Said)
		}
	}
	deleted := false
	for _, x := range got.Recent {
		if strings.Contains(x.Person, "Via Nizza") {
			t.Errorf("the case holds the deleted text in a turn: %+v", x)
		}
		deleted = deleted || (x.ID == "w1" && x.Deleted)
	}
	if !deleted {
		t.Errorf("no turn of the case says a message was taken back: %+v", got.Recent)
	}
}

// TestCaseTheDialogueOpensKeepsTheTextsIDs: a service no desk books opens
// a case as soon as the appointment is asked for; the texts it carries
// keep their message ids, so that a deletion for everyone reaches them in
// the case (handoff.Forget).
func TestCaseTheDialogueOpensKeepsTheTextsIDs(t *testing.T) {
	cat := cat(t)
	eng, err := flows.New(cat, flows.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	s := e.service(t, testConfig())
	h := s.Wrap(converse.Conversation{Engine: eng, Catalog: cat})
	c := person(2)
	var state []byte
	var opened []bot.HandoffRequested
	for i, m := range []bot.Message{
		{Text: "/start lang_en"}, {Choice: "consent.yes"}, {Choice: "menu.welfare"}, {Choice: "welfare.housing"},
		{ID: "w1", Text: "qwertz my address is Via Nizza 12"}, {Choice: "welfare_housing.book"},
	} {
		m.Contact = c
		out, err := h.Handle(context.Background(), bot.Turn{Contact: c, State: state, Message: m, Now: e.clock.Now()})
		if err != nil {
			t.Fatalf("step %d %+v: %v", i, m, err)
		}
		if out.State != nil {
			state = out.State
		}
		for _, ev := range out.Events {
			if h, ok := ev.(bot.HandoffRequested); ok {
				opened = append(opened, h)
			}
		}
	}
	if len(opened) != 1 {
		t.Fatalf("cases opened: %+v, want one", opened)
	}
	got := opened[0]
	if len(got.Said) != 1 || len(got.SaidIDs) != 1 || got.SaidIDs[0] != "w1" {
		t.Errorf("the case's texts %q have ids %q, want [w1]", got.Said, got.SaidIDs)
	}
	if !slices.ContainsFunc(got.Recent, func(x bot.Exchange) bool { return x.ID == "w1" }) {
		t.Errorf("no turn of the case has the text's id: %+v", got.Recent)
	}
}

// TestDeletedChoiceLeavesTheDialoguesTurn: a choice typed on the booking
// dialogue's screen ("1" on WhatsApp) is kept as a turn with its message's
// id, so that deleting the message for everyone empties that turn in the
// case the person opens later.
func TestDeletedChoiceLeavesTheDialoguesTurn(t *testing.T) {
	cat := cat(t)
	eng, err := flows.New(cat, flows.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	s := e.service(t, testConfig())
	h := s.Wrap(converse.Conversation{Engine: eng, Catalog: cat})
	c := person(3)
	var state []byte
	var opened []bot.HandoffRequested
	for i, m := range []bot.Message{
		{Text: "/start lang_en"}, {Choice: "consent.yes"}, {Choice: "menu.legal"}, {Choice: "legal.permit_renewal"},
		{Choice: "legal_permit_renewal.book"}, {ID: "t1", Text: "1"},
		{ID: "t2", Revokes: "t1"},
		{Text: "/person"},
	} {
		m.Contact = c
		out, err := h.Handle(context.Background(), bot.Turn{Contact: c, State: state, Message: m, Now: e.clock.Now()})
		if err != nil {
			t.Fatalf("step %d %+v: %v", i, m, err)
		}
		if out.State != nil {
			state = out.State
		}
		if i == 5 && !strings.Contains(string(state), `"i":"t1"`) {
			t.Fatalf("the dialogue's turn keeps no message id: %s", state)
		}
		for _, ev := range out.Events {
			if h, ok := ev.(bot.HandoffRequested); ok && h.Reason != "appointment" {
				opened = append(opened, h)
			}
		}
	}
	if len(opened) != 1 {
		t.Fatalf("cases opened: %+v, want one", opened)
	}
	if !slices.ContainsFunc(opened[0].Recent, func(x bot.Exchange) bool { return x.ID == "t1" && x.Deleted && x.Person == "" }) {
		t.Errorf("the turn of the deleted choice is not emptied: %+v", opened[0].Recent)
	}
}
