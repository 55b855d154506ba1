package handoff_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/handoff"
	"frontdoor/internal/conf"
	"frontdoor/internal/testclock"
	"frontdoor/locales"
	"frontdoor/store/storetest"
)

func newClock() *testclock.Clock {
	return testclock.New(time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
}

// sent records what the service sent to people.
type sent struct {
	mu  sync.Mutex
	out map[string][]bot.Reply
	// unsends are the Outbound messages that take others back.
	unsends []dispatch.Outbound
	// refs are the Refs of the replies, in order.
	refs []string
}

func (s *sent) Send(_ context.Context, to bot.Contact, m dispatch.Outbound) error {
	r := m.Reply
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(m.Unsend) > 0 {
		s.unsends = append(s.unsends, m)
		return nil
	}
	if s.out == nil {
		s.out = map[string][]bot.Reply{}
	}
	s.out[to.Key()] = append(s.out[to.Key()], r)
	s.refs = append(s.refs, m.Ref)
	return nil
}

func (s *sent) taken() []dispatch.Outbound {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]dispatch.Outbound(nil), s.unsends...)
}

func (s *sent) lastRef() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.refs) == 0 {
		return ""
	}
	return s.refs[len(s.refs)-1]
}

func (s *sent) to(c bot.Contact) []bot.Reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]bot.Reply(nil), s.out[c.Key()]...)
}

type fixture struct {
	svc   *handoff.Service
	clock *testclock.Clock
	sent  *sent
	cat   *locales.Catalog
}

func newService(t *testing.T, cfg handoff.Config) fixture {
	t.Helper()
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	cat := shared.Catalog(t)
	c := newClock()
	s := &sent{}
	svc, err := handoff.New(rdb, keys, cfg, cat, handoff.Options{Clock: c.Now, PasswordCost: 4, Out: s})
	if err != nil {
		t.Fatal(err)
	}
	return fixture{svc: svc, clock: c, sent: s, cat: cat}
}

func addOperator(t *testing.T, svc *handoff.Service, name string, langs, areas []string, capacity int) {
	t.Helper()
	if err := svc.Queue().SaveOperator(context.Background(), handoff.Operator{Name: name, Languages: langs, Areas: areas, Capacity: capacity}, "password-"+name); err != nil {
		t.Fatal(err)
	}
}

func open(t *testing.T, svc *handoff.Service, id, lang, area string, urgent bool) handoff.Case {
	t.Helper()
	cs, _, err := svc.Queue().Open(context.Background(), handoff.Case{Contact: bot.Contact{Channel: "telegram", ID: id}, Lang: lang, Area: area, Reason: "asked", Urgent: urgent})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestHandoffEventOpensOneCase(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	c := bot.Contact{Channel: "telegram", ID: "100"}
	ev := bot.HandoffRequested{Area: "legal", Lang: "ar", Reason: "asked"}
	// The same event replayed, and concurrently: still one case.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f.svc.HandleEvent(ctx, c, ev); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if err := f.svc.HandleEvent(ctx, c, bot.NeedReached{Area: "legal", Lang: "ar"}); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.svc.Waiting(ctx); n != 1 {
		t.Fatalf("waiting = %d, want 1", n)
	}
	cs, err := f.svc.OpenCase(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if cs.Area != "legal" || cs.Lang != "ar" || cs.Reason != "asked" || !cs.Opened.Equal(f.clock.Now()) || cs.Status != handoff.StatusWaiting {
		t.Fatalf("case = %+v", cs)
	}
}

func TestRaceTwoServicesClaimEachCaseOnce(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	cat := shared.Catalog(t)
	var svcs []*handoff.Service
	for range 2 {
		s, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4, Out: &sent{}})
		if err != nil {
			t.Fatal(err)
		}
		svcs = append(svcs, s)
	}
	ctx := context.Background()
	const cases, ops = 1000, 16
	for i := range ops {
		addOperator(t, svcs[0], fmt.Sprintf("op%d", i), []string{"*"}, []string{"*"}, cases)
	}
	ids := map[string]bool{}
	for i := range cases {
		cs := open(t, svcs[0], fmt.Sprint(i), []string{"ar", "it", "fr"}[i%3], []string{"legal", "work", ""}[i%3], i%7 == 0)
		ids[cs.ID] = true
	}
	var mu sync.Mutex
	claimed := map[string]string{}
	var wg sync.WaitGroup
	for g := range ops * 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			svc, op := svcs[g%2], fmt.Sprintf("op%d", g/2)
			for {
				var id string
				var err error
				if g%3 == 0 {
					// Some pick from the list, racing the others.
					w, _, lerr := svc.List(ctx, 5)
					if lerr != nil || len(w) == 0 {
						id, err = svc.Next(ctx, op)
					} else {
						id = w[len(w)-1].ID
						err = svc.Claim(ctx, op, id)
						if errors.Is(err, handoff.ErrTaken) {
							continue
						}
					}
				} else {
					id, err = svc.Next(ctx, op)
				}
				if errors.Is(err, handoff.ErrNothing) {
					return
				}
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				if prev, dup := claimed[id]; dup {
					t.Errorf("case %s claimed twice (%s, %s)", id, prev, op)
				}
				claimed[id] = op
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(claimed) != cases {
		t.Fatalf("%d cases claimed, want %d", len(claimed), cases)
	}
	for id := range ids {
		if claimed[id] == "" {
			t.Errorf("case %s lost", id)
		}
	}
	if n, _ := svcs[1].Waiting(ctx); n != 0 {
		t.Fatalf("%d still waiting", n)
	}
}

func TestRoutingBySkillsAndCapacity(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "amal", []string{"ar", "fr"}, []string{"legal"}, 2)
	addOperator(t, f.svc, "olena", []string{"uk"}, []string{"work", "health"}, 1)
	legalAr := open(t, f.svc, "1", "ar", "legal", false)
	f.clock.Add(time.Second)
	workUk := open(t, f.svc, "2", "uk", "work", false)
	f.clock.Add(time.Second)
	general := open(t, f.svc, "3", "fr", "", false)
	f.clock.Add(time.Second)
	workAr := open(t, f.svc, "4", "ar", "work", false)
	f.clock.Add(time.Second)
	healthUk := open(t, f.svc, "5", "uk", "health", false)

	tests := []struct {
		op   string
		want string
		err  error
	}{
		{"amal", legalAr.ID, nil},
		{"olena", workUk.ID, nil},
		{"olena", "", handoff.ErrCapacity}, // capacity 1
		{"amal", general.ID, nil},          // no area: any operator with the language
		{"amal", "", handoff.ErrCapacity},
		{"nobody", "", handoff.ErrNoOperator},
	}
	for _, tt := range tests {
		got, err := f.svc.Next(ctx, tt.op)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("Next(%s) = %q, %v; want %q, %v", tt.op, got, err, tt.want, tt.err)
		}
	}
	// Picking from the list checks skills too.
	addOperator(t, f.svc, "marco", []string{"it"}, []string{"*"}, 5)
	if err := f.svc.Claim(ctx, "marco", workAr.ID); !errors.Is(err, handoff.ErrSkills) {
		t.Fatalf("claim outside skills: %v", err)
	}
	if err := f.svc.Claim(ctx, "amal", workUk.ID); !errors.Is(err, handoff.ErrTaken) {
		t.Fatalf("claim of a taken case: %v", err)
	}
	if _, err := f.svc.Next(ctx, "marco"); !errors.Is(err, handoff.ErrNothing) {
		t.Fatalf("next without a match: %v", err)
	}
	if err := f.svc.Close(ctx, "olena", workUk.ID, handoff.OutcomeResolved, false); err != nil {
		t.Fatal(err)
	}
	if got, err := f.svc.Next(ctx, "olena"); got != healthUk.ID || err != nil {
		t.Fatalf("after closing, next = %q %v", got, err)
	}
}

func TestNextIsMostUrgentThenOldest(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "op", []string{"*"}, []string{"*"}, 10)
	var want []string
	a := open(t, f.svc, "a", "it", "legal", false)
	f.clock.Add(time.Minute)
	b := open(t, f.svc, "b", "en", "work", false)
	f.clock.Add(time.Minute)
	u1 := open(t, f.svc, "u1", "ar", "health", true)
	f.clock.Add(time.Minute)
	u2 := open(t, f.svc, "u2", "it", "", true)
	want = []string{u1.ID, u2.ID, a.ID, b.ID}
	for i, w := range want {
		got, err := f.svc.Next(ctx, "op")
		if err != nil || got != w {
			t.Fatalf("next #%d = %q %v, want %q", i, got, err, w)
		}
	}
}

func TestAbandonedCaseGoesBack(t *testing.T) {
	f := newService(t, handoff.Config{AbandonAfter: conf.Duration(10 * time.Minute)})
	ctx := context.Background()
	addOperator(t, f.svc, "op", []string{"it"}, []string{"*"}, 2)
	addOperator(t, f.svc, "op2", []string{"it"}, []string{"*"}, 2)
	cs := open(t, f.svc, "1", "it", "legal", false)
	other := open(t, f.svc, "2", "it", "legal", false)
	if err := f.svc.Claim(ctx, "op", cs.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Claim(ctx, "op2", other.ID); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(6 * time.Minute)
	if err := f.svc.Reply(ctx, "op2", other.ID, "Ciao"); err != nil { // activity keeps it
		t.Fatal(err)
	}
	f.clock.Add(5 * time.Minute)
	f.svc.Tick(ctx)
	got, _ := f.svc.Get(ctx, cs.ID)
	if got.Status != handoff.StatusWaiting || got.Operator != "" || got.Note != "abandoned" {
		t.Fatalf("abandoned case = %+v", got)
	}
	if got, _ := f.svc.Get(ctx, other.ID); got.Status != handoff.StatusAssigned {
		t.Fatalf("active case taken back: %+v", got)
	}
	if op, _ := f.svc.Queue().Operator(ctx, "op"); op.Open != 0 {
		t.Fatalf("operator still holds %d cases", op.Open)
	}
	// It keeps its place: first in line again.
	if id, _ := f.svc.Next(ctx, "op2"); id != cs.ID {
		t.Fatalf("next after abandon = %q", id)
	}
}

func TestTransferAndClose(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "a", []string{"fr"}, []string{"legal"}, 2)
	addOperator(t, f.svc, "b", []string{"fr"}, []string{"legal", "work"}, 2)
	addOperator(t, f.svc, "c", []string{"it"}, []string{"legal"}, 2)
	cs := open(t, f.svc, "1", "fr", "legal", false)
	if _, err := f.svc.Next(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Transfer(ctx, "b", cs.ID, "c", "x", false); !errors.Is(err, handoff.ErrNotYours) {
		t.Fatalf("transfer by another operator: %v", err)
	}
	if err := f.svc.Transfer(ctx, "a", cs.ID, "c", "x", false); !errors.Is(err, handoff.ErrSkills) {
		t.Fatalf("transfer to an operator without the language: %v", err)
	}
	if err := f.svc.Transfer(ctx, "a", cs.ID, "b", "needs work permit expert", false); err != nil {
		t.Fatal(err)
	}
	got, _ := f.svc.Get(ctx, cs.ID)
	if got.Operator != "b" || got.Note != "needs work permit expert" {
		t.Fatalf("after transfer: %+v", got)
	}
	if err := f.svc.Transfer(ctx, "b", cs.ID, "", "back", false); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.svc.Waiting(ctx); n != 1 {
		t.Fatalf("transfer to the queue: %d waiting", n)
	}
	if _, err := f.svc.Next(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Close(ctx, "a", cs.ID, handoff.OutcomeResolved, false); !errors.Is(err, handoff.ErrNotYours) {
		t.Fatalf("close by another operator: %v", err)
	}
	if err := f.svc.Close(ctx, "b", cs.ID, "whatever", false); !errors.Is(err, handoff.ErrBadOutcome) {
		t.Fatalf("bad outcome: %v", err)
	}
	if err := f.svc.Close(ctx, "b", cs.ID, handoff.OutcomeReferred, false); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.OpenCase(ctx, cs.Contact); err == nil {
		t.Fatal("case still open after close")
	}
	counts, _ := f.svc.Queue().OutcomeCounts(ctx)
	if counts[handoff.OutcomeReferred] != 1 {
		t.Fatalf("outcomes = %v", counts)
	}
	said := f.sent.to(cs.Contact)
	if len(said) == 0 || said[len(said)-1].Text != f.cat.Text("fr", "handoff.closed", nil) {
		t.Fatalf("person not told of the close: %+v", said)
	}
	// A new request opens a new case.
	if again := open(t, f.svc, "1", "fr", "legal", false); again.ID == cs.ID {
		t.Fatal("closed case reopened")
	}
}

// TestIdleCaseClosesAfterRetention: an open case in which nobody wrote for
// IdleAfter is closed as "no answer" (the person is told) so its
// transcript expires like any closed case's; the bot's and the system's
// lines do not count as writing.
func TestIdleCaseClosesAfterRetention(t *testing.T) {
	f := newService(t, handoff.Config{IdleAfter: conf.Duration(90 * 24 * time.Hour)})
	ctx := context.Background()
	idle := open(t, f.svc, "1", "it", "legal", false)
	busy := open(t, f.svc, "2", "it", "legal", false)
	if err := f.svc.Queue().Append(ctx, idle.ID, handoff.Entry{By: "person", Text: "ciao"}); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(60 * 24 * time.Hour)
	if err := f.svc.Queue().Append(ctx, busy.ID, handoff.Entry{By: "person", Text: "ci sono ancora"}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Queue().Append(ctx, idle.ID, handoff.Entry{By: "system", Text: "abandoned: back in the queue"}); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(29 * 24 * time.Hour)
	f.svc.Tick(ctx)
	if got, _ := f.svc.Get(ctx, idle.ID); got.Status == handoff.StatusClosed {
		t.Fatal("closed before 90 days without writing")
	}
	f.clock.Add(2 * 24 * time.Hour)
	f.svc.Tick(ctx)
	got, err := f.svc.Get(ctx, idle.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != handoff.StatusClosed || got.Outcome != handoff.OutcomeNoAnswer {
		t.Fatalf("idle case after 91 days = %+v, want closed as no answer", got)
	}
	if r := f.sent.to(idle.Contact); len(r) == 0 || r[len(r)-1].Text != f.cat.Text("it", "handoff.closed", nil) {
		t.Fatalf("the person was not told: %+v", r)
	}
	if got, _ := f.svc.Get(ctx, busy.ID); got.Status != handoff.StatusWaiting {
		t.Fatalf("a case written 31 days ago was closed: %+v", got)
	}
}
