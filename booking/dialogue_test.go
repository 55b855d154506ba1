package booking

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/console/consoletest"
	"frontdoor/flows"
	"frontdoor/internal/conf"
)

// fakeFlows stands for the flows conversation: "book" (or "book welfare")
// makes it emit the appointment handoff, like a "do: book" choice; any
// other message is echoed.
type fakeFlows struct{ lang string }

func (f fakeFlows) Handle(_ context.Context, t bot.Turn) (bot.Outcome, error) {
	st, _ := json.Marshal(flows.State{Lang: f.lang, Consent: true, Node: "legal_permit_renewal"})
	text := t.Message.Text + t.Message.Choice
	if area, ok := strings.CutPrefix(text, "book"); ok {
		a, topic := "legal", "permit_renewal"
		if area = strings.TrimSpace(area); area != "" {
			a, topic = area, ""
		}
		return bot.Outcome{State: st,
			Replies: []bot.Reply{{Text: "book.requested"}},
			Events:  []bot.Event{bot.HandoffRequested{Reason: "appointment", Area: a, Topic: topic, Lang: f.lang}},
		}, nil
	}
	return bot.Outcome{State: st, Replies: []bot.Reply{{Text: "inner:" + text}}}, nil
}

type chat struct {
	t    *testing.T
	h    bot.Handler
	c    bot.Contact
	lang string
}

// send hands m to the handler as the dispatcher would, keeping the
// dialogue's hint (bot.Hinted) as the dispatcher keeps it: a contact is
// known to have no dialogue at first; while the hint is not set the
// dialogue is handed over as not there, unread, and each turn's outcome
// sets or clears it. After every turn a dialogue that is there must have
// its hint set, or the next turn would not see it.
func (c chat) send(m bot.Message) bot.Outcome {
	c.t.Helper()
	m.Contact = c.c
	ctx := context.Background()
	var pre map[string]bot.Preloaded
	w, hinted := c.h.(wrapped)
	var hintKey string
	if hinted {
		// The test's own key: where the dispatcher keeps it is its own.
		hintKey = w.s.keys.ContactKey(c.c.Key(), "test:hint")
		if w.s.rdb.Get(ctx, hintKey).Val() != "1" {
			pre = map[string]bot.Preloaded{w.s.dlgKey(c.c): {}}
		}
	}
	out, err := c.h.Handle(ctx, bot.Turn{Contact: c.c, Message: m, State: []byte(`{"l":"` + c.lang + `","c":true}`), Preloaded: pre})
	if err != nil {
		c.t.Fatal(err)
	}
	if len(out.Replies) == 0 {
		c.t.Fatalf("%+v: no reply", m)
	}
	if hinted {
		if on, stated := out.Hints[hintDialogue]; stated {
			v := "0"
			if on {
				v = "1"
			}
			w.s.rdb.Set(ctx, hintKey, v, 0)
		}
		if w.s.rdb.Exists(ctx, w.s.dlgKey(c.c)).Val() == 1 && w.s.rdb.Get(ctx, hintKey).Val() != "1" {
			c.t.Errorf("%q left a booking dialogue whose hint is not set: the next turn would not read it", m.Text+m.Choice)
		}
	}
	return out
}
func (c chat) text(s string) bot.Outcome   { c.t.Helper(); return c.send(bot.Message{Text: s}) }
func (c chat) choose(s string) bot.Outcome { c.t.Helper(); return c.send(bot.Message{Choice: s}) }

func firstWith(t *testing.T, out bot.Outcome, prefix string) string {
	t.Helper()
	for _, c := range out.Replies[0].Choices {
		if strings.HasPrefix(c.ID, prefix) {
			return c.ID
		}
	}
	t.Fatalf("no choice %s* in %q %v", prefix, out.Replies[0].Text, out.Replies[0].Choices)
	return ""
}

func TestDialogueBookListMoveCancel(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	it := cat(t)
	c := chat{t, s.Wrap(fakeFlows{lang: "it"}), person(7), "it"}

	// The flows' "book" becomes the days screen (one desk only).
	out := c.text("book")
	if len(out.Events) != 0 || strings.Contains(out.Replies[0].Text, "book.requested") {
		t.Fatalf("the appointment handoff was not replaced: %+v", out)
	}
	if out.State == nil {
		t.Error("the flows state was dropped")
	}
	if got := out.Replies[0].Choices[0]; got.ID != "bk.y.2026-03-02" || got.Label != "lunedì 2 marzo" {
		t.Fatalf("first day = %+v, want Monday 2 March in Italian", got)
	}
	for _, ch := range out.Replies[0].Choices {
		if ch.ID == "bk.y.2026-03-04" {
			t.Error("the closed day is offered")
		}
	}
	// "2" typed in Arabic-Indic digits picks Tuesday.
	out = c.text("٢")
	if !strings.HasPrefix(out.Replies[0].Text, "martedì 3 marzo") {
		t.Fatalf("times screen = %q", out.Replies[0].Text)
	}
	if ch := out.Replies[0].Choices; len(ch) != 6+3 || ch[0].Label != "09:00" || ch[6].ID != choiceMore {
		t.Fatalf("times = %v, want 6 times then more", ch)
	}
	out = c.choose(choiceMore)
	if ch := out.Replies[0].Choices; ch[0].Label != "12:00" {
		t.Fatalf("second page of times = %v", ch)
	}
	out = c.choose(firstWith(t, out, choiceTime))
	if !strings.Contains(out.Replies[0].Text, it.Text("it", "booking.confirm_ask", nil)) || !strings.Contains(out.Replies[0].Text, "12:00") {
		t.Fatalf("confirm screen = %q", out.Replies[0].Text)
	}
	out = c.choose(choiceYes)
	text := out.Replies[0].Text
	list, _ := s.Appointments(context.Background(), c.c)
	if len(list) != 1 {
		t.Fatalf("appointments after booking: %v", list)
	}
	a := list[0]
	if len(out.Events) != 1 || out.Events[0] != (bot.Booked{Desk: a.Desk}) {
		t.Errorf("booking events = %+v, want one %q at desk %q (campaign segments by desk)", out.Events, bot.EventBooked, a.Desk)
	}
	for _, want := range []string{it.Text("it", "booking.booked", nil), "martedì 3 marzo", "12:00", "Via Roma 1", a.Code, it.Text("it", "checklist.title", nil), it.Text("it", "legal.permit_renewal.docs", nil)} {
		if !strings.Contains(text, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, text)
		}
	}

	// My appointments, by command and by the button's words.
	out = c.text("/appointments")
	if !strings.Contains(out.Replies[0].Text, a.Code) || firstWith(t, out, choiceMove) != choiceMove+a.Code {
		t.Fatalf("list = %q %v", out.Replies[0].Text, out.Replies[0].Choices)
	}
	out = c.text("i miei appuntamenti")
	if !strings.Contains(out.Replies[0].Text, a.Code) {
		t.Fatalf("list by words = %q", out.Replies[0].Text)
	}

	// Move to Thursday 9:00 (typed "1" picks the first offered choice).
	out = c.text("1") // "Cambia orario"
	out = c.choose("bk.y.2026-03-05")
	out = c.text("1")
	out = c.choose(choiceYes)
	if !strings.Contains(out.Replies[0].Text, it.Text("it", "booking.moved", nil)) || !strings.Contains(out.Replies[0].Text, "giovedì 5 marzo") {
		t.Fatalf("moved = %q", out.Replies[0].Text)
	}
	list, _ = s.Appointments(context.Background(), c.c)
	if len(list) != 1 || list[0].Code == a.Code || !list[0].Start.Equal(at("2026-03-05", "09:00")) {
		t.Fatalf("after the move: %+v", list)
	}
	if _, err := s.Get(context.Background(), a.Code); err == nil {
		t.Error("the old appointment is still there")
	}
	b := list[0]

	// Cancel: asked, then done.
	out = c.choose(choiceCancel + b.Code)
	if firstWith(t, out, choiceCancelY) != choiceCancelY+b.Code {
		t.Fatal("no confirmation asked")
	}
	out = c.choose(choiceCancelY + b.Code)
	if !strings.Contains(out.Replies[0].Text, it.Text("it", "booking.cancelled", nil)) {
		t.Fatalf("cancelled = %q", out.Replies[0].Text)
	}
	if list, _ = s.Appointments(context.Background(), c.c); len(list) != 0 {
		t.Fatalf("after cancelling: %v", list)
	}
	out = c.choose(choiceCancelY + b.Code)
	if !strings.Contains(out.Replies[0].Text, it.Text("it", "booking.not_found", nil)) {
		t.Errorf("cancelling twice = %q", out.Replies[0].Text)
	}
	out = c.text("/appointments")
	if out.Replies[0].Text != it.Text("it", "booking.list_empty", nil) {
		t.Errorf("empty list = %q", out.Replies[0].Text)
	}
}

func TestDialogueGlobalCommandsPassThrough(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	c := chat{t, s.Wrap(fakeFlows{lang: "en"}), person(8), "en"}
	c.text("book")
	for _, m := range []bot.Message{{Text: "/menu"}, {Choice: "g.person"}, {Text: "I need a lawyer"}} {
		c.text("book")
		out := c.send(m)
		if !strings.HasPrefix(out.Replies[0].Text, "inner:") {
			t.Errorf("%+v during the dialogue = %q, want it passed to the flows", m, out.Replies[0].Text)
		}
		if _, active, _ := s.loadDialogue(context.Background(), c.c); active {
			t.Errorf("%+v did not end the dialogue", m)
		}
	}
	// Numbers mean nothing once the dialogue is over.
	if out := c.text("1"); out.Replies[0].Text != "inner:1" {
		t.Errorf("a number after the dialogue = %q", out.Replies[0].Text)
	}
	// An old slot button without a dialogue is answered, not booked.
	out := c.choose(choiceYes)
	if out.Replies[0].Text != cat(t).Text("en", "booking.expired", nil) {
		t.Errorf("stale button = %q", out.Replies[0].Text)
	}
}

func TestDialogueNoneFree(t *testing.T) {
	e := newEnv(t)
	cfg := testConfig()
	cfg.HorizonDays = 1
	s := e.service(t, cfg)
	ctx := context.Background()
	// Fill the only hours left: Monday is within the notice, Tuesday full.
	for i, hm := range []string{"09:00", "10:00", "11:00", "12:00"} {
		if _, err := s.Book(ctx, person(100+i), "en", "centro", "work.", at("2026-03-03", hm)); err != nil {
			t.Fatal(err)
		}
	}
	e.clock.Set(at("2026-03-02", "12:30"))
	// Not offered at any desk: said plainly, and a person is asked for.
	c := chat{t, s.Wrap(fakeFlows{lang: "ar"}), person(9), "ar"}
	out := c.text("book welfare")
	if out.Replies[0].Text != cat(t).Text("ar", "booking.none", nil) || !out.Replies[0].RTL {
		t.Errorf("welfare: reply = %+v", out.Replies[0])
	}
	if h := handoffOf(out); h.Reason != "no_slots" || h.Area != "welfare" || h.Lang != "ar" {
		t.Errorf("welfare: events = %+v, want a no_slots handoff", out.Events)
	}
	// Offered but full: the waiting list or a person, the person's choice.
	out = c.text("book work")
	if out.Replies[0].Text != cat(t).Text("ar", "booking.none_wait", nil) || len(out.Events) != 0 {
		t.Fatalf("work: %+v", out)
	}
	if ids := choiceIDs(out); ids != "bk.wl bk.hp g.menu" {
		t.Fatalf("work: choices %s", ids)
	}
	out = c.choose(choicePerson)
	if out.Replies[0].Text != cat(t).Text("ar", "booking.person", nil) || handoffOf(out).Reason != "no_slots" || handoffOf(out).Area != "work" {
		t.Fatalf("a person: %+v", out)
	}
	c.text("book work")
	out = c.text("١") // the first choice, typed in Arabic digits
	if out.Replies[0].Text != cat(t).Text("ar", "booking.wait_joined", nil) || len(out.Events) != 0 {
		t.Fatalf("joined: %+v", out)
	}
	if list, err := s.Waitlist(ctx, "centro", "work."); err != nil || len(list) != 1 || list[0] != person(9) {
		t.Fatalf("waiting list = %v, %v", list, err)
	}
	// A stale "join" button does nothing.
	if out := c.choose(choiceWait); out.Replies[0].Text != cat(t).Text("ar", "booking.expired", nil) {
		t.Errorf("stale join = %q", out.Replies[0].Text)
	}
}

func choiceIDs(out bot.Outcome) string {
	var ids []string
	for _, ch := range out.Replies[0].Choices {
		ids = append(ids, ch.ID)
	}
	return strings.Join(ids, " ")
}

func TestFeed(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	ctx := context.Background()
	a, err := s.Book(ctx, person(1), "uk", "centro", "legal.permit_renewal", at("2026-03-03", "09:30"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Book(ctx, person(2), "it", "centro", "work.", at("2026-03-03", "09:00")); err != nil {
		t.Fatal(err)
	}
	get := func(path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		s.FeedHandler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		return w
	}
	w := get("/booking/centro/0123456789abcdef-secret.ics")
	body := w.Body.String()
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/calendar") {
		t.Fatalf("ics: %d %s", w.Code, w.Header())
	}
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "DTSTART:20260303T083000Z\r\n", "DTEND:20260303T090000Z\r\n", "UID:" + a.Code + "@centro.frontdoor", "LOCATION:Via Roma 1\\, Torino", "END:VCALENDAR\r\n"} {
		if !strings.Contains(body, want) {
			t.Errorf("ics lacks %q:\n%s", want, body)
		}
	}
	if n := strings.Count(body, "BEGIN:VEVENT"); n != 2 {
		t.Errorf("%d events, want 2", n)
	}
	if strings.Contains(body, person(1).ID) {
		t.Error("the feed carries the chat id")
	}
	w = get("/booking/centro/0123456789abcdef-secret.csv")
	lines := strings.Split(strings.TrimSpace(w.Body.String()), "\n")
	if w.Code != 200 || len(lines) != 3 || !strings.HasPrefix(lines[1], "") || !strings.Contains(lines[2], a.Code+",2026-03-03,09:30,10:00,legal.permit_renewal,test,uk,") {
		t.Fatalf("csv: %d\n%s", w.Code, w.Body)
	}
	for _, bad := range []string{"/booking/centro/wrong-token-wrong-token.ics", "/booking/nowhere/0123456789abcdef-secret.ics", "/booking/centro/0123456789abcdef-secret.pdf"} {
		if w := get(bad); w.Code != 404 {
			t.Errorf("%s: %d, want 404", bad, w.Code)
		}
	}
}

func TestDialogueSeveralDesks(t *testing.T) {
	e := newEnv(t)
	cfg := testConfig()
	second := cfg.Desks[0]
	second.ID, second.Name, second.Names = "nord", "Sportello Nord", map[string]string{"en": "North Desk"}
	second.Hours = map[string][]string{"sat": {"10:00-12:00"}}
	second.Services = []Offering{{Area: "legal", Duration: conf.Duration(time.Hour)}}
	cfg.Desks = append(cfg.Desks, second)
	s := e.service(t, cfg)
	c := chat{t, s.Wrap(fakeFlows{lang: "en"}), person(10), "en"}
	// Renewal is offered by the first desk only, by name.
	if out := c.text("book"); !strings.HasPrefix(out.Replies[0].Choices[0].ID, choiceDay) {
		t.Fatalf("one desk offers renewal, yet %v", out.Replies[0].Choices)
	}
	// The whole legal area (no topic) is at the second desk only; work at
	// the first. Area "legal" with a topic nobody names exactly falls back
	// to desks offering the whole area.
	out := c.text("book legal")
	if !strings.HasPrefix(out.Replies[0].Text, "North Desk\n") || out.Replies[0].Choices[0].ID != "bk.y.2026-03-07" {
		t.Fatalf("area booking = %q %v", out.Replies[0].Text, out.Replies[0].Choices)
	}
	cfg.Desks[1].Services = append(cfg.Desks[1].Services, Offering{Area: "work", Duration: conf.Duration(time.Hour)})
	s = e.service(t, cfg)
	c = chat{t, s.Wrap(fakeFlows{lang: "en"}), person(10), "en"}
	out = c.text("book work")
	if len(out.Replies[0].Choices) != 3 || out.Replies[0].Choices[1] != (bot.Choice{ID: "bk.d.nord", Label: "North Desk"}) {
		t.Fatalf("desk screen = %q %v", out.Replies[0].Text, out.Replies[0].Choices)
	}
	out = c.text("north desk") // the label, typed
	if out.Replies[0].Choices[0].ID != "bk.y.2026-03-07" {
		t.Fatalf("after choosing the north desk: %v", out.Replies[0].Choices)
	}
	out = c.text("1")
	if got := out.Replies[0].Choices; got[0].Label != "10:00" || got[1].Label != "11:00" || got[2].ID != choiceDays {
		t.Fatalf("Saturday times = %v", got)
	}
}

// TestDialogueDaylightSaving books on the night the clocks go forward:
// the times offered are the real ones, and the appointment is at the
// right instant.
func TestDialogueDaylightSaving(t *testing.T) {
	e := newEnv(t)
	cfg := testConfig()
	cfg.Desks[0].Hours = map[string][]string{"sun": {"01:00-04:00"}}
	s := e.service(t, cfg)
	e.clock.Set(time.Date(2026, 3, 27, 12, 0, 0, 0, rome))
	c := chat{t, s.Wrap(fakeFlows{lang: "en"}), person(11), "en"}
	c.text("book work")
	out := c.choose("bk.y.2026-03-29")
	var labels []string
	for _, ch := range out.Replies[0].Choices[:2] {
		labels = append(labels, ch.Label)
	}
	if strings.Join(labels, " ") != "01:00 03:00" || out.Replies[0].Choices[2].ID != choiceDays {
		t.Fatalf("times on the spring change = %v", out.Replies[0].Choices)
	}
	c.choose(out.Replies[0].Choices[1].ID)
	out = c.choose(choiceYes)
	if !strings.Contains(out.Replies[0].Text, "Sunday 29 March") || !strings.Contains(out.Replies[0].Text, "03:00") {
		t.Fatalf("booked = %q", out.Replies[0].Text)
	}
	list, _ := s.Appointments(context.Background(), c.c)
	if len(list) != 1 || !list[0].Start.Equal(time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)) {
		t.Fatalf("appointment = %+v, want 01:00 UTC", list)
	}
}

func TestNoDesksLeavesTheFlowsHandoff(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, Config{})
	c := chat{t, s.Wrap(fakeFlows{lang: "en"}), person(12), "en"}
	out := c.text("book")
	if out.Replies[0].Text != "book.requested" || handoffOf(out).Reason != "appointment" {
		t.Fatalf("without desks = %+v, want the flows' appointment handoff untouched", out)
	}
}

// TestDialogueDaylightSavingAutumn books on the night the clocks go back
// (last Sunday of October): 02:00 happens twice, so both buttons say which
// one they are, and the second books the later instant. The agenda says
// it the same way.
func TestDialogueDaylightSavingAutumn(t *testing.T) {
	cfg := testConfig()
	cfg.Desks[0].Hours = map[string][]string{"sun": {"01:00-04:00"}}
	con := newConsole(t, cfg)
	e, s := con.env, con.s
	e.clock.Set(time.Date(2026, 10, 23, 12, 0, 0, 0, rome))
	c := chat{t, s.Wrap(fakeFlows{lang: "en"}), person(13), "en"}
	c.text("book work")
	out := c.choose("bk.y.2026-10-25")
	var labels []string
	for _, ch := range out.Replies[0].Choices[:4] {
		labels = append(labels, ch.Label)
	}
	if got := strings.Join(labels, ", "); got != "01:00, 02:00 CEST, 02:00 CET, 03:00" || out.Replies[0].Choices[4].ID != choiceDays {
		t.Fatalf("times on the autumn change = %q (%v)", got, out.Replies[0].Choices)
	}
	c.choose(out.Replies[0].Choices[2].ID)
	out = c.choose(choiceYes)
	if !strings.Contains(out.Replies[0].Text, "Sunday 25 October") || !strings.Contains(out.Replies[0].Text, "02:00 CET") {
		t.Fatalf("booked = %q", out.Replies[0].Text)
	}
	list, _ := s.Appointments(context.Background(), c.c)
	if len(list) != 1 || !list[0].Start.Equal(time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)) {
		t.Fatalf("appointment = %+v, want 01:00 UTC", list)
	}

	b := consoletest.New(t, con.base)
	b.MustSignIn("sara", "password-sara")
	_, page := b.Get("/console/agenda/day?desk=centro&date=2026-10-25")
	for _, want := range []string{"01:00–02:00 CEST", "02:00 CEST–02:00 CET", "02:00 CET–03:00"} {
		if !strings.Contains(page, want) {
			t.Errorf("the agenda does not show %q", want)
		}
	}
}

// TestOldButtonsAfterTheAppointmentStarted: the cancel and move buttons of
// an old message (a reminder, a list) do nothing once the appointment has
// started: the person is told why, and the appointment (maybe attended)
// stays, uncounted as cancelled.
func TestOldButtonsAfterTheAppointmentStarted(t *testing.T) {
	e := newEnv(t)
	rec := &recorder{}
	s := e.serviceWith(t, testConfig(), rec)
	ctx := context.Background()
	start := at("2026-03-03", "10:00")
	a, err := s.Book(ctx, person(14), "fr", "centro", "work.", start)
	if err != nil {
		t.Fatal(err)
	}
	c := chat{t, s.Wrap(fakeFlows{lang: "fr"}), person(14), "fr"}
	fr := cat(t)
	for _, now := range []time.Time{start, start.Add(30 * time.Minute), start.Add(3 * time.Hour)} {
		e.clock.Set(now)
		for _, id := range []string{choiceCancel, choiceCancelY, choiceMove} {
			out := c.choose(id + a.Code)
			if got := out.Replies[0].Text; got != fr.Text("fr", "booking.started", nil) {
				t.Errorf("%s at %s = %q, want it refused", id, now.Format("15:04"), got)
			}
		}
	}
	if err := s.Cancel(ctx, person(14), a.Code); !errors.Is(err, ErrStarted) {
		t.Errorf("Cancel after the start = %v, want ErrStarted", err)
	}
	if _, err := s.Get(ctx, a.Code); err != nil {
		t.Errorf("the appointment is gone: %v", err)
	}
	if got := rec.all(); len(got) != 1 {
		t.Errorf("recorded %v, want only the booking", got)
	}
}

// handoffOf is the one event of out when it is a handoff, else the zero
// value, which no assertion expects.
func handoffOf(out bot.Outcome) bot.HandoffRequested {
	if len(out.Events) != 1 {
		return bot.HandoffRequested{}
	}
	h, _ := out.Events[0].(bot.HandoffRequested)
	return h
}

// A message that came late (the channel was offline) or a deletion does
// not touch an open booking dialogue: a "1" written long ago must not book
// the slot shown now. The conversation answers it, the dialogue goes on.
func TestLateMessagesAndDeletionsDoNotBook(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	c := chat{t, s.Wrap(fakeFlows{lang: "en"}), person(9), "en"}
	c.text("book")
	for _, m := range []bot.Message{{ID: "l1", Text: "1", Late: true}, {ID: "r1", Revokes: "x"}} {
		out := c.send(m)
		if !strings.HasPrefix(out.Replies[0].Text, "inner:") {
			t.Errorf("%+v during the dialogue = %q, want it passed to the conversation", m, out.Replies[0].Text)
		}
		if _, active, _ := s.loadDialogue(context.Background(), c.c); !active {
			t.Errorf("%+v ended the dialogue", m)
		}
	}
	list, err := s.Appointments(context.Background(), c.c)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) > 0 {
		t.Errorf("a late message booked: %+v", list)
	}
}
