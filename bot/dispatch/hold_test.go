package dispatch_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// TestHaltHoldsRepliesWithoutCountingRounds: while the channel is halted
// (bot.HaltError: WhatsApp's temporary ban) a reply waits for the halt to
// end however many times it is held, not given up after DeliveryRounds
// postponements as a failing platform is; once the halt ends it goes, and
// is reported delivered.
func TestHaltHoldsRepliesWithoutCountingRounds(t *testing.T) {
	f := newFixture(t)
	var tries atomic.Int64
	const halted = 4
	f.out.fail = func(bot.Contact, bot.Reply) error {
		if tries.Add(1) <= halted {
			return &bot.HaltError{Until: time.Now().Add(50 * time.Millisecond), Reason: "temporarily banned"}
		}
		return nil
	}
	rep := &reports{}
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: 300 * time.Millisecond, DeliveryRounds: 1,
		Reporters: []dispatch.DeliveryReporter{rep}})
	start(t, d)
	c := msg("5", "", "").Contact
	ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
	if err := ob.Send(context.Background(), c, outbound("from the desk", "r")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the report", func() bool { return len(rep.of("r")) > 0 })
	if r := rep.of("r"); len(r) != 1 || r[0].Failure != dispatch.Delivered {
		t.Fatalf("reports %+v, want one, delivered", r)
	}
	if n := tries.Load(); n != halted+1 {
		t.Errorf("%d tries, want %d: held %d times, each one try, then sent", n, halted+1, halted)
	}
	if got := f.out.replies(c); len(got) != 1 || got[0] != "from the desk" {
		t.Errorf("sent %q", got)
	}
}

// TestHaltPastTheHoldGivesUp: a halt that outlasts HoldWithin (counted
// from when the reply was first held) gives the reply up, reported
// undelivered with the halt's reason for the operators; the contact's
// next message is answered once the channel works again.
func TestHaltPastTheHoldGivesUp(t *testing.T) {
	f := newFixture(t)
	var now atomic.Int64
	// The clock runs from the real time (the outbox stamps with it) and
	// jumps ahead as the ban goes on.
	start0 := time.Now()
	clock := func() time.Time { return start0.Add(time.Since(start0) + time.Duration(now.Load())) }
	var tries, banned atomic.Int64
	banned.Store(1)
	f.out.fail = func(bot.Contact, bot.Reply) error {
		tries.Add(1)
		if banned.Load() == 1 {
			// Each try finds the ban three hours longer: the held
			// reply is a day old by the eighth.
			now.Add(int64(3 * time.Hour))
			return &bot.HaltError{Reason: "temporarily banned by WhatsApp (sent to too many people)"}
		}
		return nil
	}
	rep := &reports{}
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: 300 * time.Millisecond, HoldCheck: time.Millisecond, Clock: clock,
		Reporters: []dispatch.DeliveryReporter{rep}})
	start(t, d)
	c := msg("6", "", "").Contact
	ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
	if err := ob.Send(context.Background(), c, outbound("from the desk", "r")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the report", func() bool { return len(rep.of("r")) > 0 })
	r := rep.of("r")
	if len(r) != 1 || r[0].Failure != dispatch.FailGaveUp || !strings.Contains(r[0].Detail, "sent to too many people") {
		t.Fatalf("reports %+v, want one, given up with the ban's reason", r)
	}
	// Held at the first try, then 3 h later each: past 24 h at the
	// ninth (8 × 3 h = 24 h is not past), which gives it up.
	if n := tries.Load(); n != 9 {
		t.Errorf("%d tries, want 9 (held from the first for 24 h)", n)
	}
	banned.Store(0)
	settle(t, d, f.out, "6", "back", "echo:back")
	if got := f.out.replies(c); len(got) != 1 {
		t.Errorf("sent %q, want only the answer to the next message", got)
	}
}

// TestOnePersonHaltIsNotHeld: a halt on one person only (WhatsApp's 463,
// a day long) neither holds nor postpones their replies, since their own
// new messages wait behind them (one telling of a danger included): the
// reply is given up at once, with the default delivery rounds, and what
// the person writes next is handled.
func TestOnePersonHaltIsNotHeld(t *testing.T) {
	f := newFixture(t)
	var refused atomic.Int64
	refused.Store(1)
	var tried sync.Map // the texts the channel was asked to send while refused
	f.out.fail = func(_ bot.Contact, r bot.Reply) error {
		if refused.Load() == 1 {
			tried.Store(r.Text, true)
			return &bot.HaltError{Until: time.Now().Add(24 * time.Hour), Reason: "463 reach-out time-lock", OnePerson: true}
		}
		return nil
	}
	rep := &reports{}
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: 300 * time.Millisecond,
		Reporters: []dispatch.DeliveryReporter{rep}})
	start(t, d)
	c := msg("7", "", "").Contact
	ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
	if err := ob.Send(context.Background(), c, outbound("from the desk", "r")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the report", func() bool { return len(rep.of("r")) > 0 })
	if r := rep.of("r"); len(r) != 1 || r[0].Failure != dispatch.FailGaveUp || !strings.Contains(r[0].Detail, "463") {
		t.Fatalf("reports %+v, want one, given up with the reason", r)
	}
	// Still refused: what the person writes next is handled at once (the
	// echo handler ran, its answer was tried), its answer given up too.
	if ok, err := d.Accept(context.Background(), msg("7", "h1", "help")); !ok || err != nil {
		t.Fatalf("accept: %v %v", ok, err)
	}
	waitFor(t, "the next message handled", func() bool { _, ok := tried.Load("echo:help"); return ok })
	refused.Store(0)
	settle(t, d, f.out, "7", "again", "echo:again")
	if got := f.out.replies(c); len(got) != 1 {
		t.Errorf("sent %q, want only the answer once the refusal ended", got)
	}
}

// TestGivenUpAnswerIsReported: the bot's own answer to a message, held
// through a ban past HoldWithin and given up, is no longer only logged:
// it is counted (frontdoor_answers_undelivered_total) and reported to the
// DeliveryReporters with its text, so that the operators of a case the
// message opened (an urgent one, with the emergency numbers in the lost
// answer) learn the person never read it.
func TestGivenUpAnswerIsReported(t *testing.T) {
	f := newFixture(t)
	var now atomic.Int64
	start0 := time.Now()
	clock := func() time.Time { return start0.Add(time.Since(start0) + time.Duration(now.Load())) }
	var banned atomic.Int64
	banned.Store(1)
	f.out.fail = func(bot.Contact, bot.Reply) error {
		if banned.Load() == 1 {
			now.Add(int64(3 * time.Hour))
			return &bot.HaltError{Reason: "temporarily banned by WhatsApp (sent to too many people)"}
		}
		return nil
	}
	rep := &reports{}
	m := dispatch.NewMetrics(nil)
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: 300 * time.Millisecond, HoldCheck: time.Millisecond, Clock: clock,
		Reporters: []dispatch.DeliveryReporter{rep}, Metrics: m})
	start(t, d)
	c := msg("8", "", "").Contact
	if _, err := d.Accept(context.Background(), msg("8", "m1", "one")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the report of the answer", func() bool { return len(rep.all()) > 0 })
	r := rep.all()
	if len(r) != 1 || r[0].Answer == nil || r[0].Answer.Text != "echo:one" || r[0].Failure != dispatch.FailGaveUp ||
		!strings.Contains(r[0].Detail, "sent to too many people") || r[0].From != "" || r[0].Ref != "" {
		t.Fatalf("reports %+v, want one: the answer echo:one given up, with the ban's reason", r)
	}
	// A reporter told again (a retry, a crash) knows the answer by it.
	if !strings.HasPrefix(r[0].Turn, "m1/") {
		t.Errorf("report's Turn = %q, want the answer named by the handled message m1", r[0].Turn)
	}
	if got := value(t, m.AnswersUndelivered.WithLabelValues("test", string(dispatch.FailGaveUp))); got != 1 {
		t.Errorf("frontdoor_answers_undelivered_total{reason=gave_up} = %v, want 1", got)
	}
	banned.Store(0)
	settle(t, d, f.out, "8", "back", "echo:back")
	if got := f.out.replies(c); len(got) != 1 {
		t.Errorf("sent %q, want only the answer to the next message", got)
	}
	if n := len(rep.all()); n != 1 {
		t.Errorf("%d reports, want the given-up answer's alone (a delivered answer is not reported)", n)
	}
}

// TestRepliesWaitForARelink: while the channel has no session until a
// person acts (WhatsApp: the phone logged the desk out; bot.ErrNoSession)
// replies are held as through a ban, counting no delivery rounds: relinking
// takes a person longer than the hour and a half of an outage's rounds,
// and the replies queued before the logout were given up meanwhile
// (nothing answers them after the link: their messages are answered
// already, for the dispatcher). Once the channel is back they go.
func TestRepliesWaitForARelink(t *testing.T) {
	f := newFixture(t)
	var tries, unlinked atomic.Int64
	unlinked.Store(1)
	f.out.fail = func(bot.Contact, bot.Reply) error {
		tries.Add(1)
		if unlinked.Load() == 1 {
			return fmt.Errorf("whatsapp: no linked device: %w: %w: %w", bot.ErrNoSession, bot.ErrUnavailable, &bot.RetryAfterError{After: time.Second})
		}
		return nil
	}
	rep := &reports{}
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: 300 * time.Millisecond, DeliveryRounds: 2, HoldCheck: 50 * time.Millisecond,
		Reporters: []dispatch.DeliveryReporter{rep}})
	start(t, d)
	c := msg("9", "", "").Contact
	ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
	if err := ob.Send(context.Background(), c, outbound("from the desk", "r")); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Accept(context.Background(), msg("9", "m1", "one")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "more tries than the delivery rounds, or a reply given up", func() bool { return tries.Load() >= 5 || len(rep.all()) > 0 })
	if r := rep.all(); len(r) != 0 {
		t.Fatalf("reports %+v while the channel waited for a link, want the replies held", r)
	}
	unlinked.Store(0)
	waitFor(t, "the replies once linked again", func() bool { return len(f.out.replies(c)) == 2 })
	if got := f.out.replies(c); got[0] != "from the desk" || got[1] != "echo:one" {
		t.Errorf("sent %q, want both replies in order", got)
	}
	if r := rep.of("r"); len(r) != 1 || r[0].Failure != dispatch.Delivered {
		t.Errorf("reports %+v, want the desk's reply delivered", r)
	}
}
