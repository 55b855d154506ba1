package booking

import (
	"context"
	"crypto/sha1"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// TestRaceHundredOnTen: 100 people on two Service instances (two
// processes) press "book" for the same slot of 10 places at once.
// Exactly 10 get it; the 90 others are told and offered other times.
func TestRaceHundredOnTen(t *testing.T) {
	e := newEnv(t)
	services := []*Service{e.service(t, testConfig()), e.service(t, testConfig())}
	slot := at("2026-03-03", "09:00")
	ctx := context.Background()
	inner := bot.Handler(innerFunc(func(context.Context, bot.Turn) (bot.Outcome, error) {
		t.Error("the inner handler got a booking choice")
		return bot.Outcome{}, nil
	}))
	for i := range 100 {
		err := services[0].saveDialogue(ctx, person(i), dialogue{Step: stepConfirm, Lang: "en", Area: "legal", Topic: "permit_renewal",
			Desk: "centro", Svc: "legal.permit_renewal", Slot: slot.Unix()})
		if err != nil {
			t.Fatal(err)
		}
	}
	outs := make([]bot.Outcome, 100)
	errs := make([]error, 100)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range 100 {
		wg.Go(func() {
			<-start
			h := services[i%2].Wrap(inner)
			outs[i], errs[i] = h.Handle(ctx, bot.Turn{Contact: person(i), Now: monday,
				Message: bot.Message{Contact: person(i), ID: "m", Choice: choiceYes}})
		})
	}
	close(start)
	wg.Wait()
	booked, told := 0, 0
	en := cat(t)
	for i := range 100 {
		if errs[i] != nil {
			t.Fatalf("person %d: %v", i, errs[i])
		}
		text := outs[i].Replies[0].Text
		switch {
		case strings.HasPrefix(text, en.Text("en", "booking.booked", nil)):
			booked++
		case strings.HasPrefix(text, en.Text("en", "booking.taken", nil)):
			told++
			if c := outs[i].Replies[0].Choices; len(c) == 0 || !strings.HasPrefix(c[0].ID, choiceTime) || c[0].ID == choiceTime+itoa(int(slot.Unix())) {
				t.Errorf("person %d was not offered other times: %v", i, c)
			}
		default:
			t.Errorf("person %d got %q", i, text)
		}
	}
	if booked != 10 || told != 90 {
		t.Fatalf("booked %d, told %d; want 10 and 90", booked, told)
	}
	taken, err := e.rdb.HGet(ctx, dayKey(e.keys, "centro", "2026-03-03", "taken"), slotField("legal.permit_renewal", slot)).Int()
	if err != nil || taken != 10 {
		t.Fatalf("places taken = %d (%v), want 10", taken, err)
	}
	n, _ := e.rdb.HLen(ctx, dayKey(e.keys, "centro", "2026-03-03", "appts")).Result()
	if n != 10 {
		t.Fatalf("appointments recorded = %d, want 10", n)
	}
}

type innerFunc func(context.Context, bot.Turn) (bot.Outcome, error)

func (f innerFunc) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) { return f(ctx, t) }

func TestBookCancelFreesAtOnce(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	ctx := context.Background()
	slot := at("2026-03-03", "10:00")
	a, err := s.Book(ctx, person(1), "it", "centro", "work.", slot)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Code) != 6 || strings.ContainsAny(a.Code, "01OIL") {
		t.Errorf("code %q: want 6 characters without 0, O, 1, I, L", a.Code)
	}
	if _, err := s.Book(ctx, person(2), "it", "centro", "work.", slot); !errors.Is(err, ErrTaken) {
		t.Fatalf("second booking of a 1-place slot: %v, want ErrTaken", err)
	}
	if _, err := s.Book(ctx, person(1), "it", "centro", "legal.permit_renewal", at("2026-03-03", "10:15")); !errors.Is(err, ErrUnavailable) {
		t.Errorf("10:15 is not a slot: %v, want ErrUnavailable", err)
	}
	if _, err := s.Book(ctx, person(1), "it", "centro", "work.", at("2026-03-02", "08:30")); !errors.Is(err, ErrUnavailable) {
		t.Errorf("within the minimum notice: %v, want ErrUnavailable", err)
	}
	if err := s.Cancel(ctx, person(2), a.Code); !errors.Is(err, ErrNotFound) {
		t.Errorf("someone else cancelling: %v, want ErrNotFound", err)
	}
	if err := s.Cancel(ctx, person(1), strings.ToLower(a.Code)); err != nil {
		t.Fatal(err)
	}
	b, err := s.Book(ctx, person(2), "it", "centro", "work.", slot)
	if err != nil {
		t.Fatalf("booking right after the cancellation: %v", err)
	}
	if b.Code == a.Code {
		t.Error("a new booking reused the cancelled code")
	}
	list, err := s.Appointments(ctx, person(1))
	if err != nil || len(list) != 0 {
		t.Errorf("person 1 still has %v (%v)", list, err)
	}
	if _, err := s.Book(ctx, person(2), "it", "centro", "legal.permit_renewal", slot); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Book(ctx, person(2), "it", "centro", "legal.permit_renewal", slot); !errors.Is(err, ErrSameTime) {
		t.Errorf("same person, same slot twice: %v, want ErrSameTime", err)
	}
}

func TestErase(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	ctx := context.Background()
	a, err := s.Book(ctx, person(1), "ar", "centro", "work.", at("2026-03-03", "10:00"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.saveDialogue(ctx, person(1), dialogue{Step: stepDay}); err != nil {
		t.Fatal(err)
	}
	other, err := s.Book(ctx, person(2), "it", "centro", "work.", at("2026-03-03", "11:00"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Erase(ctx, person(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, a.Code); !errors.Is(err, ErrNotFound) {
		t.Errorf("erased appointment still found: %v", err)
	}
	for _, k := range []string{s.keys.ContactKey(person(1).Key(), "booking:mine"), s.dlgKey(person(1))} {
		if n, _ := e.rdb.Exists(ctx, k).Result(); n != 0 {
			t.Errorf("%s left after erase", k)
		}
	}
	if r, _ := e.rdb.ZRange(ctx, s.keys.Global("booking:reminders"), 0, -1).Result(); len(r) != 2 || !strings.HasPrefix(r[0], other.Code) {
		t.Errorf("reminders after erase = %v, want only the other person's two", r)
	}
	if _, err := s.Book(ctx, person(3), "it", "centro", "work.", at("2026-03-03", "10:00")); err != nil {
		t.Errorf("the erased person's slot is not free: %v", err)
	}
}

func TestRemindersOnceAcrossProcessesAndRestart(t *testing.T) {
	e := newEnv(t)
	cfg := testConfig()
	a1, b1 := e.service(t, cfg), e.service(t, cfg)
	ctx := context.Background()
	start := at("2026-03-05", "09:00")
	a, err := a1.Book(ctx, person(1), "it", "centro", "legal.permit_renewal", start)
	if err != nil {
		t.Fatal(err)
	}
	late, err := a1.Book(ctx, person(2), "en", "centro", "legal.permit_renewal", at("2026-03-03", "09:00"))
	if err != nil {
		t.Fatal(err)
	}

	// 24h before: both processes look at once; one sends.
	e.clock.Set(start.Add(-24*time.Hour + time.Minute))
	var wg sync.WaitGroup
	for _, s := range []*Service{a1, b1, a1, b1} {
		wg.Go(func() {
			if _, err := s.SendDue(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got := e.out.all()
	// The other appointment (the 3rd at 09:00) is past by now: its reminders are dropped, not sent.
	if len(got) != 1 || got[0].To != person(1) {
		t.Fatalf("sent %d reminders (%v), want 1 to person 1", len(got), got)
	}
	r := got[0].Reply
	if !strings.Contains(r.Text, "giovedì 5 marzo") || !strings.Contains(r.Text, "09:00") || !strings.Contains(r.Text, a.Code) {
		t.Errorf("reminder in Italian with date, time and code, got %q", r.Text)
	}
	if len(r.Choices) != 3 || r.Choices[0].ID != choiceAttend+a.Code || r.Choices[2].ID != choiceCancel+a.Code {
		t.Errorf("reminder choices = %v", r.Choices)
	}
	if _, err := a1.Get(ctx, late.Code); err != nil {
		t.Errorf("the past appointment itself must stay: %v", err)
	}

	// A restart: a new Service on the same Redis sends the 2h reminder.
	restarted := e.service(t, cfg)
	e.clock.Set(start.Add(-2*time.Hour + time.Minute))
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- restarted.Run(runCtx) }()
	deadline := time.Now().Add(15 * time.Second)
	for len(e.out.all()) < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := len(e.out.all()); n != 2 {
		t.Fatalf("after the restart %d reminders in all, want 2", n)
	}
	if n, _ := b1.SendDue(ctx); n != 0 {
		t.Errorf("another process sent %d more", n)
	}
	if n, _ := e.rdb.ZCard(ctx, e.keys.Global("booking:reminders")).Result(); n != 0 {
		t.Errorf("%d reminders left in Redis", n)
	}
}

func TestReminderSkippedWhenPast(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	ctx := context.Background()
	start := at("2026-03-05", "09:00")
	if _, err := s.Book(ctx, person(1), "it", "centro", "legal.permit_renewal", start); err != nil {
		t.Fatal(err)
	}
	// The process was down through both reminders and the appointment.
	e.clock.Set(start.Add(time.Minute))
	if n, err := s.SendDue(ctx); err != nil || n != 0 {
		t.Fatalf("SendDue = %d, %v; want nothing sent late", n, err)
	}
	if len(e.out.all()) != 0 {
		t.Fatal("a late reminder was sent")
	}
}

func TestReminderOfCancelledNotSent(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	ctx := context.Background()
	start := at("2026-03-05", "09:00")
	a, err := s.Book(ctx, person(1), "it", "centro", "legal.permit_renewal", start)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Cancel(ctx, person(1), a.Code); err != nil {
		t.Fatal(err)
	}
	e.clock.Set(start.Add(-time.Hour))
	if n, _ := s.SendDue(ctx); n != 0 || len(e.out.all()) != 0 {
		t.Fatalf("%d reminders sent for a cancelled appointment", n)
	}
}

// failing is a Sender that fails a number of times first.
type failing struct {
	sender
	fails int
	err   error
}

func (f *failing) Send(ctx context.Context, to bot.Contact, m dispatch.Outbound) error {
	f.mu.Lock()
	if f.fails > 0 {
		f.fails--
		f.mu.Unlock()
		return f.err
	}
	f.mu.Unlock()
	return f.sender.Send(ctx, to, m)
}

func TestReminderRetriedAfterAFailedSend(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want int
	}{
		{"temporary failure is retried", errors.New("network down"), 1},
		{"blocked bot is not", bot.ErrUnreachable, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			f := &failing{fails: 1, err: tt.err}
			s, err := New(e.rdb, e.keys, testConfig(), cat(t), Options{Out: f, Clock: e.clock.Now})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			start := at("2026-03-05", "09:00")
			if _, err := s.Book(ctx, person(1), "en", "centro", "legal.permit_renewal", start); err != nil {
				t.Fatal(err)
			}
			e.clock.Set(start.Add(-24 * time.Hour))
			if n, _ := s.SendDue(ctx); n != 0 {
				t.Fatalf("sent %d through a failing sender", n)
			}
			e.clock.Set(start.Add(-24*time.Hour + retryAfter))
			if n, _ := s.SendDue(ctx); n != tt.want {
				t.Fatalf("after the pause sent %d, want %d", n, tt.want)
			}
		})
	}
}

// scriptHook makes a client fail the booking script the way a timeout or a
// cancelled context does: after Redis ran it (ran), or before it reached
// Redis (then the command is kept, to be delivered late).
type scriptHook struct {
	ran    bool
	cancel context.CancelFunc
	late   []any
}

func (h *scriptHook) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *scriptHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}
func (h *scriptHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if !runs(cmd, bookScript) {
			return next(ctx, cmd)
		}
		args := cmd.Args()
		if h.ran {
			next(ctx, cmd)
		} else {
			h.late = append([]any(nil), args...)
		}
		h.cancel()
		cmd.SetErr(context.Canceled)
		return context.Canceled
	}
}

// runs says whether cmd runs script (EVALSHA, or EVAL of its source).
func runs(cmd redis.Cmder, script *redis.Script) bool {
	args := cmd.Args()
	if len(args) < 2 {
		return false
	}
	switch cmd.Name() {
	case "evalsha":
		return args[1] == script.Hash()
	case "eval":
		src, _ := args[1].(string)
		return fmt.Sprintf("%x", sha1.Sum([]byte(src))) == script.Hash()
	}
	return false
}

// TestBookingScriptErrorKeepsThePlaceConsistent: the booking script fails
// in the client (a cancelled context). When it had run, the appointment
// stands whole: findable by its code, in the person's list, cancellable.
// When it had not, nothing is left, and the script arriving late books
// nothing.
func TestBookingScriptErrorKeepsThePlaceConsistent(t *testing.T) {
	for _, ran := range []bool{true, false} {
		t.Run(fmt.Sprint("ran=", ran), func(t *testing.T) {
			e := newEnv(t)
			s := e.service(t, testConfig())
			// Loaded, so the client's EVALSHA is the one run (or held back).
			if err := bookScript.Load(context.Background(), e.rdb).Err(); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			h := &scriptHook{ran: ran, cancel: cancel}
			rdb := otherClient(t)
			rdb.AddHook(h)
			failing, err := New(rdb, e.keys, testConfig(), cat(t), Options{Out: e.out, Clock: e.clock.Now})
			if err != nil {
				t.Fatal(err)
			}
			slot := at("2026-03-03", "10:00")
			a, err := failing.Book(ctx, person(1), "it", "centro", "work.", slot)
			bg := context.Background()
			taken := func() int {
				n, _ := e.rdb.HGet(bg, dayKey(e.keys, "centro", "2026-03-03", "taken"), slotField("work.", slot)).Int()
				return n
			}
			list, lerr := s.Appointments(bg, person(1))
			if lerr != nil {
				t.Fatal(lerr)
			}
			if !ran {
				if err == nil {
					t.Fatal("booking reported done though the script never ran")
				}
				if h.late == nil {
					t.Fatal("the script was not held back")
				}
				if err := e.rdb.Do(bg, h.late...).Err(); err != nil {
					t.Fatal(err)
				}
				if n := taken(); n != 0 || len(list) != 0 {
					t.Fatalf("after a failed booking: %d places taken, list %v; want nothing", n, list)
				}
				if _, err := s.Book(bg, person(2), "it", "centro", "work.", slot); err != nil {
					t.Fatalf("the place is not free: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("the script ran, yet Book = %v", err)
			}
			if n := taken(); n != 1 || len(list) != 1 || list[0].Code != a.Code {
				t.Fatalf("%d places taken, list %v; want the appointment %s whole", n, list, a.Code)
			}
			if err := s.Cancel(bg, person(1), a.Code); err != nil {
				t.Fatalf("cancelling it: %v", err)
			}
			if n := taken(); n != 0 {
				t.Fatalf("after cancelling %d places taken", n)
			}
		})
	}
}

// failScript makes a client fail one script without running it.
type failScript struct{ script *redis.Script }

func (h failScript) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h failScript) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}
func (h failScript) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if runs(cmd, h.script) {
			err := errors.New("connection reset")
			cmd.SetErr(err)
			return err
		}
		return next(ctx, cmd)
	}
}

// TestMoveInterruptedAfterBooking: the new time is booked, then cancelling
// the old one fails. The person never ends up with two appointments: a
// retry of the move finishes it without booking again, and so do their
// list and the old appointment's reminder.
func TestMoveInterruptedAfterBooking(t *testing.T) {
	for _, then := range []string{"retry", "list", "reminder"} {
		t.Run(then, func(t *testing.T) {
			e := newEnv(t)
			rec := &recorder{}
			s := e.serviceWith(t, testConfig(), rec)
			ctx := context.Background()
			from, to := at("2026-03-03", "10:00"), at("2026-03-05", "11:00")
			old, err := s.Book(ctx, person(1), "it", "centro", "work.", from)
			if err != nil {
				t.Fatal(err)
			}
			rdb := otherClient(t)
			rdb.AddHook(failScript{cancelScript})
			broken, err := New(rdb, e.keys, testConfig(), cat(t), Options{Clock: e.clock.Now, Recorder: rec})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := broken.Move(ctx, person(1), old.Code, to); err == nil {
				t.Fatal("Move reported success though the old appointment was not cancelled")
			}

			var list []Appointment
			if then == "retry" {
				a, err := s.Move(ctx, person(1), old.Code, to)
				if err != nil {
					t.Fatalf("retrying the move: %v", err)
				}
				if a.Code == old.Code || !a.Start.Equal(to) {
					t.Fatalf("retry moved to %+v", a)
				}
				// Once more: the move is done, nothing changes.
				if b, err := s.Move(ctx, person(1), old.Code, to); err != nil || b.Code != a.Code {
					t.Fatalf("a second retry = %+v, %v; want %s again", b, err, a.Code)
				}
			}
			if then == "reminder" {
				e.clock.Set(from.Add(-24 * time.Hour))
				if n, err := s.SendDue(ctx); n != 0 || err != nil {
					t.Fatalf("SendDue = %d, %v; want no reminder of the time moved from", n, err)
				}
				e.clock.Set(monday)
			}
			list, err = s.Appointments(ctx, person(1))
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || !list[0].Start.Equal(to) {
				t.Fatalf("appointments = %+v, want one, at the new time", list)
			}
			taken := func(day string, t time.Time) int {
				n, _ := e.rdb.HGet(ctx, dayKey(e.keys, "centro", day, "taken"), slotField("work.", t)).Int()
				return n
			}
			if a, b := taken("2026-03-03", from), taken("2026-03-05", to); a != 0 || b != 1 {
				t.Fatalf("places taken: old %d, new %d; want 0 and 1", a, b)
			}
			if _, err := s.Get(ctx, old.Code); !errors.Is(err, ErrNotFound) {
				t.Errorf("the old appointment is still there: %v", err)
			}
			if got := rec.all(); len(got) != 3 || !strings.HasSuffix(got[2], StatusCancelled) {
				t.Errorf("recorded %v, want booked, booked, cancelled", got)
			}
		})
	}
}
