package handoff_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/handoff"
	"frontdoor/internal/conf"
	"frontdoor/store/storetest"
)

func TestHonestWaiting(t *testing.T) {
	f := newService(t, handoff.Config{PaceWindow: conf.Duration(10 * time.Minute), UpdateEvery: conf.Duration(time.Minute),
		LongWait: conf.Duration(15 * time.Minute)})
	ctx := context.Background()
	addOperator(t, f.svc, "op", []string{"*"}, []string{"*"}, 10)
	contacts := map[string]bot.Contact{}
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		c := bot.Contact{Channel: "telegram", ID: name}
		contacts[name] = c
		if err := f.svc.HandleEvent(ctx, c, bot.HandoffRequested{Lang: "en", Area: "work", Reason: "asked"}); err != nil {
			t.Fatal(err)
		}
		f.clock.Add(time.Second)
	}
	for range 2 {
		f.clock.Add(2 * time.Minute)
		if _, err := f.svc.Next(ctx, "op"); err != nil {
			t.Fatal(err)
		}
	}
	// 2 claims in 10 minutes: 0.2 a minute. c is next (5 min), d second
	// (10 min), e third (15 min: long, offered to leave a message).
	f.svc.Tick(ctx)
	en := func(id string, n int) string { return f.cat.Text("en", id, map[string]any{"Count": n}) }
	want := map[string]string{
		"c": en("handoff.wait.next", 0) + "\n" + en("handoff.wait.minutes", 5),
		"d": f.cat.Text("en", "handoff.wait.position", map[string]any{"Position": 2}) + "\n" + en("handoff.wait.minutes", 10),
		"e": f.cat.Text("en", "handoff.wait.position", map[string]any{"Position": 3}) + "\n" + en("handoff.wait.long", 0),
	}
	for name, w := range want {
		said := f.sent.to(contacts[name])
		if len(said) != 1 || said[0].Text != w {
			t.Errorf("%s was told %+v, want %q", name, said, w)
		}
	}
	// Nothing changed meaningfully: no new message.
	f.clock.Add(2 * time.Minute)
	f.svc.Tick(ctx)
	if said := f.sent.to(contacts["d"]); len(said) != 1 {
		t.Fatalf("repeated update: %+v", said)
	}
	// c is taken: d is next now, and told so.
	if _, err := f.svc.Next(ctx, "op"); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(2 * time.Minute)
	f.svc.Tick(ctx)
	said := f.sent.to(contacts["d"])
	if len(said) != 2 || !strings.HasPrefix(said[1].Text, en("handoff.wait.next", 0)) {
		t.Fatalf("d after c was taken: %+v", said)
	}
}

// handoffHandler is a conversation that opens a case on every message.
type handoffHandler struct{ calls int }

func (h *handoffHandler) Handle(_ context.Context, t bot.Turn) (bot.Outcome, error) {
	h.calls++
	return bot.Outcome{Replies: []bot.Reply{{Text: "bot:" + t.Message.Text}},
		Events: []bot.Event{bot.HandoffRequested{Lang: "ar", Reason: "asked"}}}, nil
}

func TestWrapSilenceAndOutOfHours(t *testing.T) {
	f := newService(t, handoff.Config{Hours: handoff.Hours{Timezone: "UTC", Open: "09:00", Close: "17:00"}})
	ctx := context.Background()
	next := &handoffHandler{}
	h := f.svc.Wrap(next)
	c := bot.Contact{Channel: "telegram", ID: "9"}
	f.clock.Add(9 * time.Hour) // 19:00 UTC: closed
	turn := func(text string) bot.Outcome {
		out, err := h.Handle(ctx, bot.Turn{Contact: c, Now: f.clock.Now(), Message: bot.Message{Contact: c, ID: text, Text: text}})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	out := turn("help")
	if len(out.Replies) != 2 || out.Replies[1].Text != opensTomorrow(f.cat, "ar", f.clock.Now()) || !out.Replies[1].RTL {
		t.Fatalf("first turn replies = %+v", out.Replies)
	}
	for _, e := range out.Events {
		f.svc.HandleEvent(ctx, c, e)
	}
	tests := []struct {
		text    string
		passes  bool
		replies int
	}{
		{"hello?", false, 0},
		{"/start", false, 0},
		{"/privacy", true, 1},
		{"/delete", true, 1},
	}
	for _, tt := range tests {
		before := next.calls
		out := turn(tt.text)
		if (next.calls > before) != tt.passes || len(out.Replies) != tt.replies {
			t.Errorf("%q: passed=%v replies=%d; want %v %d", tt.text, next.calls > before, len(out.Replies), tt.passes, tt.replies)
		}
	}
	cs, _ := f.svc.OpenCase(ctx, c)
	tx := strings.Join(transcriptTexts(t, f.svc, cs.ID), "|")
	if !strings.Contains(tx, "person::hello?") || !strings.Contains(tx, "person::/start") || strings.Contains(tx, "/privacy") {
		t.Fatalf("transcript = %s", tx)
	}
}

// recordingHandler opens a case about a service and remembers what reached
// the conversation.
type recordingHandler struct{ got []bot.Message }

func (h *recordingHandler) Handle(_ context.Context, t bot.Turn) (bot.Outcome, error) {
	h.got = append(h.got, t.Message)
	return bot.Outcome{Events: []bot.Event{bot.HandoffRequested{Lang: "it", Reason: "asked", Area: "legal", Topic: "permit_renewal"}}}, nil
}

func TestBookInsteadOfWaiting(t *testing.T) {
	f := newService(t, handoff.Config{Hours: handoff.Hours{Timezone: "UTC", Open: "09:00", Close: "17:00"}})
	ctx := context.Background()
	next := &recordingHandler{}
	h := f.svc.Wrap(next)
	c := bot.Contact{Channel: "telegram", ID: "10"}
	f.clock.Add(9 * time.Hour) // closed
	out, err := h.Handle(ctx, bot.Turn{Contact: c, Now: f.clock.Now(), Message: bot.Message{Contact: c, ID: "1", Text: "help"}})
	if err != nil {
		t.Fatal(err)
	}
	last := out.Replies[len(out.Replies)-1]
	if len(last.Choices) != 1 || last.Choices[0].ID != handoff.ChoiceBookInstead || last.Choices[0].Label != f.cat.Text("it", "choice.book", nil) {
		t.Fatalf("out of hours offers %+v, want booking", last.Choices)
	}
	for _, e := range out.Events {
		f.svc.HandleEvent(ctx, c, e)
	}
	out, err = h.Handle(ctx, bot.Turn{Contact: c, Now: f.clock.Now(), Message: bot.Message{Contact: c, ID: "2", Choice: handoff.ChoiceBookInstead}})
	if err != nil {
		t.Fatal(err)
	}
	if got := next.got[len(next.got)-1]; got.Choice != "legal_permit_renewal.book" {
		t.Fatalf("the conversation got %+v, want the service's book choice", got)
	}
	if out.Replies[0].Text != f.cat.Text("it", "handoff.withdrawn", nil) {
		t.Fatalf("replies = %+v", out.Replies)
	}
	if _, err := f.svc.OpenCase(ctx, c); !errors.Is(err, handoff.ErrNotFound) {
		t.Fatalf("after choosing to book, OpenCase = %v, want ErrNotFound (the case is closed)", err)
	}
}

type outcomeCounter struct{ got []string }

func (o *outcomeCounter) RecordOutcome(_ context.Context, area, lang, channel, outcome string) error {
	o.got = append(o.got, strings.Join([]string{area, lang, channel, outcome}, "/"))
	return nil
}

func TestOutcomesCountedOncePerCase(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	cat := shared.Catalog(t)
	counter := &outcomeCounter{}
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4, Outcomes: counter, Out: &sent{}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	addOperator(t, svc, "ana", []string{"*"}, []string{"*"}, 3)
	cs := open(t, svc, "77", "ar", "legal", false)
	if err := svc.Claim(ctx, "ana", cs.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.Close(ctx, "ana", cs.ID, "resolved", false); err != nil {
		t.Fatal(err)
	}
	if err := svc.Close(ctx, "ana", cs.ID, "resolved", false); err == nil {
		t.Fatal("a case closed twice")
	}
	if strings.Join(counter.got, ",") != "legal/ar/telegram/resolved" {
		t.Fatalf("outcomes = %v", counter.got)
	}
}

// TestWaitFollowsTheOwnQueue: the estimate follows the pace of the queue
// the person waits in: Italian cases taken quickly say nothing about how
// fast the one Arabic speaker among the operators takes Arabic ones.
func TestWaitFollowsTheOwnQueue(t *testing.T) {
	f := newService(t, handoff.Config{PaceWindow: conf.Duration(20 * time.Minute), UpdateEvery: conf.Duration(time.Minute),
		LongWait: conf.Duration(2 * time.Hour)})
	ctx := context.Background()
	addOperator(t, f.svc, "it1", []string{"it"}, []string{"*"}, 100)
	addOperator(t, f.svc, "ar1", []string{"ar"}, []string{"*"}, 100)
	ask := func(id, lang string) bot.Contact {
		c := bot.Contact{Channel: "telegram", ID: id}
		if err := f.svc.HandleEvent(ctx, c, bot.HandoffRequested{Lang: lang, Area: "legal", Reason: "asked"}); err != nil {
			t.Fatal(err)
		}
		f.clock.Add(time.Second)
		return c
	}
	// In 20 minutes: 10 Italian cases taken, 2 Arabic ones.
	for i := range 10 {
		ask(fmt.Sprint("it", i), "it")
		if i < 2 {
			ask(fmt.Sprint("ar", i), "ar")
		}
	}
	for i := range 10 {
		f.clock.Add(time.Minute)
		if _, err := f.svc.Next(ctx, "it1"); err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 {
			if _, err := f.svc.Next(ctx, "ar1"); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Two more ask in each queue: the second is told their wait as the
	// case opens (the turn's reply).
	for i := range 2 {
		ask(fmt.Sprint("it-w", i), "it")
		ask(fmt.Sprint("ar-w", i), "ar")
	}
	told := func(id, lang string) string {
		t.Helper()
		c := bot.Contact{Channel: "telegram", ID: id}
		ev := bot.HandoffRequested{Lang: lang, Area: "legal", Reason: "asked"}
		h := f.svc.Wrap(asksAPerson{ev})
		out, err := h.Handle(ctx, bot.Turn{Contact: c, Now: f.clock.Now(), Message: bot.Message{Contact: c, ID: "1", Text: "/person"}})
		if err != nil || len(out.Replies) == 0 {
			t.Fatalf("%s: %+v, %v", id, out, err)
		}
		return out.Replies[len(out.Replies)-1].Text
	}
	// Italian: 10 in 20 min, 0.5 a minute: third in line, 6 min -> "10".
	if got, want := told("it-x", "it"), f.cat.Text("it", "handoff.wait.minutes", map[string]any{"Count": 10}); !strings.HasSuffix(got, want) {
		t.Errorf("Italian, third in line, was told %q, want it to end with %q", got, want)
	}
	// Arabic: 2 in 20 min, 0.1 a minute: third in line, 30 min.
	if got, want := told("ar-x", "ar"), f.cat.Text("ar", "handoff.wait.minutes", map[string]any{"Count": 30}); !strings.HasSuffix(got, want) {
		t.Errorf("Arabic, third in line, was told %q, want it to end with %q", got, want)
	}
}

// asksAPerson is a conversation that hands every turn to a person.
type asksAPerson struct{ ev bot.Event }

func (a asksAPerson) Handle(context.Context, bot.Turn) (bot.Outcome, error) {
	return bot.Outcome{Events: []bot.Event{a.ev}}, nil
}

// TestJustOpenedCaseToldByItsTurn: a round of queue updates that comes
// between a case's opening and the turn that tells the person their place
// does not tell them first (out of order, or twice); once UpdateEvery
// passed without them being told, a round does.
func TestJustOpenedCaseToldByItsTurn(t *testing.T) {
	f := newService(t, handoff.Config{UpdateEvery: conf.Duration(time.Minute)})
	ctx := context.Background()
	cs := open(t, f.svc, "1", "it", "legal", false) // opened, nothing told yet
	f.svc.Tick(ctx)
	if said := f.sent.to(cs.Contact); len(said) != 0 {
		t.Fatalf("a round told a case just opened: %+v", said)
	}
	f.clock.Add(61 * time.Second)
	f.svc.Tick(ctx)
	if said := f.sent.to(cs.Contact); len(said) != 1 {
		t.Fatalf("after a minute untold, %d messages, want the place", len(said))
	}
}
