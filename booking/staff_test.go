package booking

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a Recorder that remembers.
type recorder struct {
	mu  sync.Mutex
	got []string
}

func (r *recorder) RecordAppointmentStatus(_ context.Context, id, desk, area, status string) error {
	if id == "" {
		return errors.New("an appointment without its code")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, desk+"/"+area+"/"+status)
	return nil
}

func (r *recorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.got...)
}

func (e *env) serviceWith(t testing.TB, cfg Config, rec Recorder) *Service {
	t.Helper()
	s, err := New(e.rdb, e.keys, cfg, cat(t), Options{
		Out: e.out, Clock: e.clock.Now, PollEvery: 10 * time.Millisecond, Recorder: rec,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func codes(as []Appointment) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Code)
	}
	return out
}

func localTimes(slots []SlotInfo, svc string) string {
	var out []string
	for _, si := range slots {
		if si.Service == svc {
			out = append(out, si.Start.In(rome).Format("15:04"))
		}
	}
	return strings.Join(out, " ")
}

// TestAgendaDayAndWeek: the day holds its appointments and slots in the
// desk's time; the week runs Monday to Sunday, the autumn clock change
// included (01:00-04:00 holds four hours that Sunday).
func TestAgendaDayAndWeek(t *testing.T) {
	e := newEnv(t)
	cfg := testConfig()
	cfg.Desks[0].Hours["sun"] = []string{"01:00-04:00"}
	s := e.service(t, cfg)
	ctx := context.Background()
	e.clock.Set(time.Date(2026, 10, 20, 8, 0, 0, 0, rome))

	day, err := s.AgendaDay(ctx, "centro", "2026-10-25")
	if err != nil {
		t.Fatal(err)
	}
	if got := localTimes(day.Slots, "work."); got != "01:00 02:00 02:00 03:00" {
		t.Fatalf("slots on the autumn change = %q", got)
	}
	// The second 02:00 (CET, 01:00 UTC) for a walk-in, a chat booking on
	// Thursday.
	second := time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)
	walkin, err := s.BookFor(ctx, "centro", "work.", second, "uk", "Olena", "phone call", "sara")
	if err != nil {
		t.Fatal(err)
	}
	thu, err := s.Book(ctx, person(1), "it", "centro", "legal.permit_renewal", at("2026-10-22", "09:30"))
	if err != nil {
		t.Fatal(err)
	}
	day, err = s.AgendaDay(ctx, "centro", "2026-10-25")
	if err != nil {
		t.Fatal(err)
	}
	if len(day.Appointments) != 1 || day.Appointments[0].Code != walkin.Code || day.Appointments[0].Start.In(rome).Format("15:04 MST") != "02:00 CET" {
		t.Fatalf("Sunday = %+v", day.Appointments)
	}
	for _, si := range day.Slots {
		if si.Start.Equal(second) && si.Service == "work." && (si.Taken != 1 || si.Free() != 0) {
			t.Errorf("the booked slot = %+v", si)
		}
	}

	for _, date := range []string{"2026-10-19", "2026-10-22", "2026-10-25"} {
		week, err := s.AgendaWeek(ctx, "centro", date)
		if err != nil {
			t.Fatal(err)
		}
		var dates []string
		var all []string
		for _, d := range week {
			dates = append(dates, d.Date)
			all = append(all, codes(d.Appointments)...)
		}
		if dates[0] != "2026-10-19" || dates[6] != "2026-10-25" || len(dates) != 7 {
			t.Fatalf("week of %s = %v", date, dates)
		}
		if !slices.Equal(all, []string{thu.Code, walkin.Code}) {
			t.Errorf("week of %s holds %v", date, all)
		}
		if !week[5].Closed || week[0].Closed {
			t.Errorf("Saturday closed=%v, Monday closed=%v", week[5].Closed, week[0].Closed)
		}
	}
	// Spring: the hour that does not exist is not on the agenda.
	e.clock.Set(time.Date(2026, 3, 25, 8, 0, 0, 0, rome))
	day, err = s.AgendaDay(ctx, "centro", "2026-03-29")
	if err != nil {
		t.Fatal(err)
	}
	if got := localTimes(day.Slots, "work."); got != "01:00 03:00" {
		t.Fatalf("slots on the spring change = %q", got)
	}
	if _, err := s.AgendaDay(ctx, "centro", "29/03/2026"); !errors.Is(err, ErrBadInput) {
		t.Errorf("a bad date = %v", err)
	}
}

// TestMarkAttendedNoShow: marks are allowed from the appointment's day,
// shown on the agenda and the person's list, and recorded once per change.
func TestMarkAttendedNoShow(t *testing.T) {
	e := newEnv(t)
	rec := &recorder{}
	s := e.serviceWith(t, testConfig(), rec)
	ctx := context.Background()
	a, err := s.Book(ctx, person(1), "it", "centro", "legal.permit_renewal", at("2026-03-03", "09:30"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Mark(ctx, a.Code, StatusAttended); !errors.Is(err, ErrTooEarly) {
		t.Fatalf("marking the day before = %v", err)
	}
	e.clock.Set(at("2026-03-03", "10:05"))
	for _, tt := range []struct {
		status string
		ok     bool
	}{{StatusAttended, true}, {StatusNoShow, true}, {StatusNoShow, true}, {"late", false}} {
		got, err := s.Mark(ctx, a.Code, tt.status)
		if tt.ok != (err == nil) || tt.ok && got.Status != tt.status {
			t.Fatalf("mark %s = %+v, %v", tt.status, got, err)
		}
	}
	if _, err := s.Mark(ctx, "NOSUCH", StatusAttended); !errors.Is(err, ErrNotFound) {
		t.Errorf("marking an unknown code = %v", err)
	}
	day, _ := s.AgendaDay(ctx, "centro", "2026-03-03")
	if len(day.Appointments) != 1 || day.Appointments[0].Status != StatusNoShow {
		t.Fatalf("agenda after marks = %+v", day.Appointments)
	}
	mine, err := s.AppointmentsOf(ctx, person(1))
	if err != nil || len(mine) != 1 || mine[0].Status != StatusNoShow {
		t.Fatalf("AppointmentsOf = %+v, %v", mine, err)
	}
	want := []string{"centro/legal/booked", "centro/legal/attended", "centro/legal/no_show"}
	if got := rec.all(); !slices.Equal(got, want) {
		t.Fatalf("recorded %v, want %v", got, want)
	}
	c, err := s.Book(ctx, person(2), "it", "centro", "work.", at("2026-03-05", "09:00"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Cancel(ctx, person(2), c.Code); err != nil {
		t.Fatal(err)
	}
	if got := rec.all(); len(got) != 5 || !slices.Equal(got[3:], []string{"centro/work/booked", "centro/work/cancelled"}) {
		t.Fatalf("recorded %v", got)
	}
}

// TestBlockAndFree: a blocked time cannot be booked, by the API or by
// chat; blocking a time with appointments is refused, naming them; freeing
// makes it bookable again.
func TestBlockAndFree(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	ctx := context.Background()
	nine, ten := at("2026-03-03", "09:00"), at("2026-03-03", "10:00")
	b, err := s.BlockTime(ctx, "centro", "2026-03-03", nine, ten, "staff meeting")
	if err != nil {
		t.Fatal(err)
	}
	free, _ := s.FreeSlots(ctx, "centro", "legal.permit_renewal", "2026-03-03")
	if len(free) == 0 || free[0].Before(ten) {
		t.Fatalf("free after blocking 9-10 = %v", free)
	}
	for _, start := range []time.Time{nine, at("2026-03-03", "09:30")} {
		if _, err := s.Book(ctx, person(1), "en", "centro", "legal.permit_renewal", start); !errors.Is(err, ErrBlocked) {
			t.Errorf("booking %s in the block = %v", start.Format("15:04"), err)
		}
	}
	if _, err := s.BookFor(ctx, "centro", "work.", nine, "en", "", "", "sara"); !errors.Is(err, ErrBlocked) {
		t.Errorf("staff booking in the block = %v", err)
	}
	// By chat: 09:00 is not offered, and an old confirm screen for it is
	// told the time is gone.
	c := chat{t, s.Wrap(fakeFlows{lang: "en"}), person(2), "en"}
	c.text("book")
	out := c.choose("bk.y.2026-03-03")
	if out.Replies[0].Choices[0].Label != "10:00" {
		t.Fatalf("times offered on a blocked morning = %v", out.Replies[0].Choices)
	}
	if err := s.saveDialogue(ctx, c.c, dialogue{Step: stepConfirm, Lang: "en", Area: "legal", Topic: "permit_renewal", Desk: "centro", Svc: "legal.permit_renewal", Slot: nine.Unix()}); err != nil {
		t.Fatal(err)
	}
	out = c.choose(choiceYes)
	if !strings.HasPrefix(out.Replies[0].Text, cat(t).Text("en", "booking.taken", nil)) {
		t.Fatalf("confirming a blocked time = %q", out.Replies[0].Text)
	}

	// A time with an appointment is not blocked.
	a, err := s.Book(ctx, person(3), "en", "centro", "work.", at("2026-03-03", "11:00"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.BlockTime(ctx, "centro", "2026-03-03", at("2026-03-03", "10:30"), at("2026-03-03", "13:00"), "")
	var conflict *ConflictError
	if !errors.As(err, &conflict) || !slices.Equal(conflict.Codes, []string{a.Code}) || !strings.Contains(err.Error(), a.Code) {
		t.Fatalf("blocking over an appointment = %v", err)
	}
	if day, _ := s.AgendaDay(ctx, "centro", "2026-03-03"); len(day.Blocks) != 1 || day.Blocks[0].Note != "staff meeting" {
		t.Fatalf("blocks = %+v", day.Blocks)
	}

	if err := s.FreeTime(ctx, "centro", "2026-03-03", b.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.FreeTime(ctx, "centro", "2026-03-03", b.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("freeing twice = %v", err)
	}
	if _, err := s.Book(ctx, person(1), "en", "centro", "legal.permit_renewal", nine); err != nil {
		t.Fatalf("booking after freeing = %v", err)
	}
}

// TestBookFor: a booking for a walk-in has a code, the name and note, no
// reminders, and may start now (no notice); the language must be known.
func TestBookFor(t *testing.T) {
	e := newEnv(t)
	rec := &recorder{}
	s := e.serviceWith(t, testConfig(), rec)
	ctx := context.Background()
	e.clock.Set(at("2026-03-02", "09:10")) // the 09:00 work slot is under way
	a, err := s.BookFor(ctx, "centro", "work.", at("2026-03-02", "09:00"), "bn", " Rahim ", "<b>walk-in</b>", "sara")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Code) != 6 || a.Name != "Rahim" || a.By != "sara" || !a.ByDesk() || a.Lang != "bn" {
		t.Fatalf("booked %+v", a)
	}
	got, err := s.Get(ctx, strings.ToLower(a.Code))
	if err != nil || got.Note != "<b>walk-in</b>" {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if n, _ := e.rdb.ZCard(ctx, e.keys.Global("booking:reminders")).Result(); n != 0 {
		t.Errorf("%d reminders for a person without a chat", n)
	}
	if _, err := s.Book(ctx, person(1), "en", "centro", "work.", at("2026-03-02", "10:00")); !errors.Is(err, ErrUnavailable) {
		t.Errorf("a person books within the notice: %v", err)
	}
	if _, err := s.BookFor(ctx, "centro", "work.", at("2026-03-02", "10:00"), "xx", "", "", "sara"); !errors.Is(err, ErrBadInput) {
		t.Errorf("unknown language = %v", err)
	}
	if _, err := s.BookFor(ctx, "centro", "work.", at("2026-03-02", "09:00"), "it", "", "", "sara"); !errors.Is(err, ErrTaken) {
		t.Errorf("the same full slot again = %v", err)
	}
	if _, err := s.CancelByDesk(ctx, a.Code); err != nil {
		t.Fatal(err)
	}
	if len(e.out.all()) != 0 {
		t.Errorf("a person without a chat was sent %v", e.out.all())
	}
	if got := rec.all(); !slices.Equal(got, []string{"centro/work/booked", "centro/work/cancelled"}) {
		t.Errorf("recorded %v", got)
	}
}

// TestCancelByDeskTellsThePerson: the person with a chat learns of it in
// their language.
func TestCancelByDeskTellsThePerson(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	ctx := context.Background()
	a, err := s.Book(ctx, person(1), "fr", "centro", "work.", at("2026-03-03", "09:00"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CancelByDesk(ctx, a.Code); err != nil {
		t.Fatal(err)
	}
	sent := e.out.all()
	if len(sent) != 1 || sent[0].To != person(1) || !strings.HasPrefix(sent[0].Reply.Text, cat(t).Text("fr", "booking.cancelled_by_desk", nil)) {
		t.Fatalf("sent %+v", sent)
	}
	if list, _ := s.Appointments(ctx, person(1)); len(list) != 0 {
		t.Errorf("still listed: %v", list)
	}
}
