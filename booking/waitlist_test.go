package booking

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/internal/conf"
)

// offersTo returns the offer choices sent to c, in order.
func offersTo(sent []sent, c bot.Contact) []bot.Reply {
	var out []bot.Reply
	for _, m := range sent {
		if m.To == c && len(m.Reply.Choices) > 0 && strings.HasPrefix(m.Reply.Choices[0].ID, choiceOfferYes) {
			out = append(out, m.Reply)
		}
	}
	return out
}

// fullWorkDesk: the work service (1 place an hour) is full on the only
// bookable day, Tuesday 3 March; people 100-103 hold its four hours.
func fullWorkDesk(t *testing.T, e *env, s *Service) []Appointment {
	t.Helper()
	var as []Appointment
	for i, hm := range []string{"09:00", "10:00", "11:00", "12:00"} {
		a, err := s.Book(context.Background(), person(100+i), "en", "centro", "work.", at("2026-03-03", hm))
		if err != nil {
			t.Fatal(err)
		}
		as = append(as, a)
	}
	e.clock.Set(at("2026-03-02", "12:30"))
	return as
}

// TestWaitingListOfferOnceConfirmAndTimeout: a cancellation offers the
// place to the first person waiting, exactly once across two processes;
// meanwhile nobody else can take it; confirming books it. A second place
// offered and left unanswered goes, at the timeout, to the next person.
func TestWaitingListOfferOnceConfirmAndTimeout(t *testing.T) {
	e := newEnv(t)
	cfg := testConfig()
	cfg.HorizonDays = 1
	cfg.WaitingOffer = conf.Duration(20 * time.Minute)
	s1, s2 := e.service(t, cfg), e.service(t, cfg)
	ctx := context.Background()
	booked := fullWorkDesk(t, e, s1)
	ann, ben, cai := person(1), person(2), person(3)
	for _, p := range []struct {
		c    bot.Contact
		lang string
	}{{ann, "fr"}, {ben, "uk"}, {ann, "fr"}} { // joining twice keeps the place
		if err := s1.JoinWaitlist(ctx, p.c, p.lang, "centro", "work."); err != nil {
			t.Fatal(err)
		}
	}
	// Nothing freed: nothing offered.
	if n, err := s2.OfferFreed(ctx); n != 0 || err != nil {
		t.Fatalf("OfferFreed with nothing freed = %d, %v", n, err)
	}

	// The 10:00 person cancels on process 1; both processes look at once.
	if err := s1.Cancel(ctx, person(101), booked[1].Code); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	counts := make([]int, 4)
	for i := range counts {
		wg.Go(func() {
			n, err := []*Service{s1, s2}[i%2].OfferFreed(ctx)
			if err != nil {
				t.Error(err)
			}
			counts[i] = n
		})
	}
	wg.Wait()
	if total := counts[0] + counts[1] + counts[2] + counts[3]; total != 1 {
		t.Fatalf("%d offers sent (%v), want exactly 1", total, counts)
	}
	offers := offersTo(e.out.all(), ann)
	if len(offers) != 1 || len(e.out.all()) != 1 {
		t.Fatalf("sent %+v", e.out.all())
	}
	fr := cat(t)
	if !strings.HasPrefix(offers[0].Text, fr.Text("fr", "booking.offer", nil)) || !strings.Contains(offers[0].Text, "10:00") ||
		!strings.Contains(offers[0].Text, fr.Text("fr", "booking.label.answer_by", nil)+"\u00a0: "+fr.Text("fr", "format.weekday.1", nil)+" 2 "+fr.Text("fr", "format.month.3", nil)+" 12:50") {
		t.Fatalf("offer = %q", offers[0].Text)
	}
	// Held: not free, not bookable by someone else.
	if free, _ := s2.FreeSlots(ctx, "centro", "work.", "2026-03-03"); len(free) != 0 {
		t.Fatalf("the held place is shown free: %v", free)
	}
	if _, err := s2.Book(ctx, cai, "en", "centro", "work.", at("2026-03-03", "10:00")); !errors.Is(err, ErrTaken) {
		t.Fatalf("someone else booked the held place: %v", err)
	}
	// Ann accepts, by chat, on process 2.
	c := chat{t, s2.Wrap(fakeFlows{lang: "fr"}), ann, "fr"}
	out := c.choose(offers[0].Choices[0].ID)
	if !strings.HasPrefix(out.Replies[0].Text, fr.Text("fr", "booking.booked", nil)) {
		t.Fatalf("accepting = %q", out.Replies[0].Text)
	}
	// Like any booking, for the campaigns' segments by desk.
	if len(out.Events) != 1 || out.Events[0] != (bot.Booked{Desk: "centro"}) {
		t.Errorf("accepting: events %+v, want one %q at desk centro", out.Events, bot.EventBooked)
	}
	mine, _ := s1.Appointments(ctx, ann)
	if len(mine) != 1 || !mine[0].Start.Equal(at("2026-03-03", "10:00")) {
		t.Fatalf("Ann's appointments = %+v", mine)
	}
	if out := c.choose(offers[0].Choices[0].ID); out.Replies[0].Text != fr.Text("fr", "booking.offer_late", nil) || len(out.Events) != 0 {
		t.Errorf("accepting twice = %q, events %+v", out.Replies[0].Text, out.Events)
	}
	if _, over, _ := s1.Overbooked(ctx, "centro"); over != 0 {
		t.Fatalf("%d overbooked", over)
	}

	// 11:00 freed: Ben (next) is offered it and does not answer.
	if err := s1.Cancel(ctx, person(102), booked[2].Code); err != nil {
		t.Fatal(err)
	}
	if n, _ := s2.OfferFreed(ctx); n != 1 || len(offersTo(e.out.all(), ben)) != 1 {
		t.Fatalf("Ben not offered: %d %+v", n, e.out.all())
	}
	benOffer := offersTo(e.out.all(), ben)[0]
	if err := s1.JoinWaitlist(ctx, cai, "it", "centro", "work."); err != nil {
		t.Fatal(err)
	}
	e.clock.Set(at("2026-03-02", "12:49"))
	if n, _ := s1.OfferFreed(ctx); n != 0 || len(offersTo(e.out.all(), cai)) != 0 {
		t.Fatal("offered to the next before the timeout")
	}
	e.clock.Set(at("2026-03-02", "12:51"))
	if n, _ := s1.OfferFreed(ctx); n != 1 || len(offersTo(e.out.all(), cai)) != 1 {
		t.Fatalf("Cai not offered after the timeout: %+v", e.out.all())
	}
	// Ben's late "yes" does not book.
	cb := chat{t, s1.Wrap(fakeFlows{lang: "uk"}), ben, "uk"}
	if out := cb.choose(benOffer.Choices[0].ID); out.Replies[0].Text != cat(t).Text("uk", "booking.offer_late", nil) {
		t.Errorf("Ben's late yes = %q", out.Replies[0].Text)
	}
	// Cai declines: the place is free for anyone again.
	cc := chat{t, s1.Wrap(fakeFlows{lang: "it"}), cai, "it"}
	if out := cc.choose(offersTo(e.out.all(), cai)[0].Choices[1].ID); out.Replies[0].Text != cat(t).Text("it", "booking.offer_declined", nil) {
		t.Errorf("declining = %q", out.Replies[0].Text)
	}
	free, _ := s1.FreeSlots(ctx, "centro", "work.", "2026-03-03")
	if len(free) != 1 || !free[0].Equal(at("2026-03-03", "11:00")) {
		t.Fatalf("free after the decline = %v", free)
	}
	if n, _ := s2.OfferFreed(ctx); n != 0 {
		t.Errorf("%d offers with nobody waiting", n)
	}
	if _, over, _ := s1.Overbooked(ctx, "centro"); over != 0 {
		t.Fatalf("%d overbooked", over)
	}
}

// TestWaitingListFreedBlock: freeing a blocked time offers it; erasure
// takes the person off the list.
func TestWaitingListFreedBlock(t *testing.T) {
	e := newEnv(t)
	cfg := testConfig()
	cfg.HorizonDays = 1
	s := e.service(t, cfg)
	ctx := context.Background()
	b, err := s.BlockTime(ctx, "centro", "2026-03-03", at("2026-03-03", "09:00"), at("2026-03-03", "13:00"), "training")
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Set(at("2026-03-02", "12:30"))
	c := chat{t, s.Wrap(fakeFlows{lang: "en"}), person(1), "en"}
	if out := c.text("book work"); choiceIDs(out) != "bk.wl bk.hp g.menu" {
		t.Fatalf("all blocked, yet %v", choiceIDs(out))
	}
	c.choose(choiceWait)
	if err := s.JoinWaitlist(ctx, person(2), "en", "centro", "work."); err != nil {
		t.Fatal(err)
	}
	if err := s.Erase(ctx, person(2)); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Waitlist(ctx, "centro", "work."); len(list) != 1 || list[0] != person(1) {
		t.Fatalf("waiting list after erasure = %v", list)
	}
	if err := s.FreeTime(ctx, "centro", "2026-03-03", b.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := s.OfferFreed(ctx); n != 1 || err != nil {
		t.Fatalf("offers after freeing = %d, %v", n, err)
	}
	if got := offersTo(e.out.all(), person(1)); len(got) != 1 || !strings.Contains(got[0].Text, "09:00") {
		t.Fatalf("offer = %+v", e.out.all())
	}
}

// TestBookingLeavesTheWaitingList: a person who books the service by
// themselves is not offered places any more.
func TestBookingLeavesTheWaitingList(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	ctx := context.Background()
	for i := 1; i <= 2; i++ {
		if err := s.JoinWaitlist(ctx, person(i), "en", "centro", "work."); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Book(ctx, person(1), "en", "centro", "work.", at("2026-03-03", "09:00")); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Waitlist(ctx, "centro", "work."); len(list) != 1 || list[0] != person(2) {
		t.Fatalf("waiting list = %v", list)
	}
}

// TestFreedPlaceSurvivesACrash: a process that took a freed place's record
// and died before offering it does not lose it: once its lease ends, the
// place is offered to the waiting list, once.
func TestFreedPlaceSurvivesACrash(t *testing.T) {
	e := newEnv(t)
	cfg := testConfig()
	cfg.HorizonDays = 1
	cfg.WaitingOffer = conf.Duration(20 * time.Minute)
	s := e.service(t, cfg)
	ctx := context.Background()
	booked := fullWorkDesk(t, e, s)
	if err := s.JoinWaitlist(ctx, person(1), "it", "centro", "work."); err != nil {
		t.Fatal(err)
	}
	if err := s.Cancel(ctx, person(101), booked[1].Code); err != nil {
		t.Fatal(err)
	}
	// The crashed process: it claimed the record and did nothing more.
	now := e.clock.Now()
	claimed, err := leaseClaimScript.Run(ctx, e.rdb, []string{e.keys.Global("booking:freed")}, now.Unix(), 100, now.Add(freedLease).Unix()).StringSlice()
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claimed %v, %v", claimed, err)
	}
	if n, err := s.OfferFreed(ctx); n != 0 || err != nil {
		t.Fatalf("offered during the other's lease: %d, %v", n, err)
	}
	e.clock.Set(now.Add(freedLease + time.Second))
	if n, err := s.OfferFreed(ctx); n != 1 || err != nil {
		t.Fatalf("after the lease: %d offers, %v; want the place offered", n, err)
	}
	if n, err := s.OfferFreed(ctx); n != 0 || err != nil {
		t.Fatalf("offered again: %d, %v", n, err)
	}
	if offers := offersTo(e.out.all(), person(1)); len(offers) != 1 {
		t.Fatalf("%d offers to the person waiting, want 1", len(offers))
	}
}
