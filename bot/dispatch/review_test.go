package dispatch_test

import (
	"context"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// TestErasureAfterALongOutageIsNotGivenUpAtOnce: while a person's replies
// wait for a channel that is down, every failed delivery round adds to the
// contact's count of delivery rounds (dtries), which nothing clears as long
// as a newer reply waits. A "delete my data" whose eraser then fails once
// is postponed through the same count: past DeliveryRounds it is given up
// at the first failure, never tried again, and the person's data stays.
// (Before the inbox went on while replies waited, the count was bounded by
// the one outbox's rounds and cleared with it.)
func TestErasureAfterALongOutageIsNotGivenUpAtOnce(t *testing.T) {
	f := newFixture(t)
	ch := refuse(f, channelFailures[1].fail) // an outage
	er := &flakyEraser{fails: 3}             // one erasure's three tries
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: 300 * time.Millisecond, SendAttempts: 1,
		DeliveryRounds: 2, RetryPause: 10 * time.Millisecond, Erasers: []bot.Eraser{er}})
	start(t, d)
	ctx := context.Background()
	c := msg("r1", "", "").Contact
	if _, err := d.Accept(ctx, msg("r1", "m1", "one")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "two delivery rounds", func() bool { return ch.tries.Load() >= 2 })
	// The person writes again: their reply waits behind the first.
	if _, err := d.Accept(ctx, msg("r1", "m2", "two")); err != nil {
		t.Fatal(err)
	}
	// Round 3 gives up the first reply; round 4 keeps the second: the
	// count of rounds (4) is past DeliveryRounds (2), and a reply waits.
	waitFor(t, "four delivery rounds", func() bool { return ch.tries.Load() >= 4 })
	if _, err := d.Accept(ctx, msg("r1", "m3", "erase")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the erasure tried", func() bool {
		er.mu.Lock()
		defer er.mu.Unlock()
		return er.fails == 0
	})
	ch.down.Store(false)
	settle(t, d, f.out, "r1", "after", "echo:after")
	er.mu.Lock()
	n := len(er.erased)
	er.mu.Unlock()
	if n != 1 {
		t.Fatalf("the erasure was done %d times after its eraser failed once, want it tried again and done (replies %q)",
			n, f.out.replies(c))
	}
}

// deleting answers as echo does and, at "delete", takes the conversation
// back from the device and erases the person's data, as the flows'
// "delete my data" does (flows/confirm.go: Retract, then Erase).
type deleting struct{ *echo }

func (h deleting) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	out, err := h.echo.Handle(ctx, t)
	if t.Message.Text == "delete" {
		out.Retract, out.Erase = true, true
	}
	return out, err
}

// TestDeleteWhileRepliesWaitStillClearsThePhone: "delete my data" while
// replies wait for the channel runs the erasure at once; the retraction
// just before it is tried on the channel that is refusing, fails, and the
// erasure then deletes the message ids it needed (the Trail): the
// conversation stays on a shared phone for good, though the question
// promised to take it back. Before inbox20 the deletion waited behind the
// replies, and the retraction went out once the channel was back.
func TestDeleteWhileRepliesWaitStillClearsThePhone(t *testing.T) {
	f := newFixture(t)
	ch := refuse(f, channelFailures[0].fail)
	d := dispatch.NewDispatcher(f.rdb, f.keys, deleting{f.h}, dispatch.Options{Lease: 300 * time.Millisecond,
		HoldCheck: 50 * time.Millisecond, Senders: map[string]bot.Sender{"test": retractingRecorder{f.out}}})
	start(t, d)
	ctx := context.Background()
	c := msg("r2", "", "").Contact
	if _, err := d.Accept(ctx, msg("r2", "m1", "one")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the first reply refused", func() bool { return ch.tries.Load() >= 1 })
	if _, err := d.Accept(ctx, msg("r2", "m2", "delete")); err != nil {
		t.Fatal(err)
	}
	// Handled at once here; a version that holds the contact while its
	// replies wait tries the channel again instead.
	waitFor(t, "the deletion handled, or the channel tried again", func() bool {
		return f.h.calls.Load() == 2 || ch.tries.Load() >= 3
	})
	ch.down.Store(false)
	settle(t, d, f.out, "r2", "after", "echo:after")
	got := f.out.replies(c)
	if !strings.Contains(strings.Join(got, ","), "RETRACTED,echo:delete") {
		t.Fatalf("sent %q: the conversation was never taken back from the phone before the confirmation", got)
	}
}

// TestWaitingRetractionsAreBounded: the outbox that waits for the channel
// keeps at most MaxWaiting replies, but every retraction ("/clear") is
// kept, none dropped for room: a person who clears the chat again and
// again through a day's halt grows the outbox (a field of their state,
// rewritten whole by every commit) without bound.
func TestWaitingRetractionsAreBounded(t *testing.T) {
	f := newFixture(t)
	ch := refuse(f, channelFailures[0].fail)
	d := dispatch.NewDispatcher(f.rdb, f.keys, clearing{f.h}, dispatch.Options{Lease: 300 * time.Millisecond,
		HoldCheck: time.Hour, Senders: map[string]bot.Sender{"test": retractingRecorder{f.out}}})
	start(t, d)
	ctx := context.Background()
	c := msg("r3", "", "").Contact
	if _, err := d.Accept(ctx, msg("r3", "m0", "one")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the first reply refused", func() bool { return ch.tries.Load() >= 1 })
	n := 3 * dispatch.MaxWaiting
	for i := range n {
		if _, err := d.Accept(ctx, msg("r3", "c"+strconv.Itoa(i), "clear")); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "every message handled", func() bool { return f.h.calls.Load() == int64(n+1) })
	o, err := f.rdb.HGet(ctx, f.keys.ContactKey(c.Key(), "ct"), "o").Result()
	if err != nil {
		t.Fatal(err)
	}
	if k := strings.Count(o, `"k":true`); k > dispatch.MaxWaiting {
		t.Fatalf("the waiting outbox keeps %d retractions (%d bytes) for %d replies at most", k, len(o), dispatch.MaxWaiting)
	}
}

// trailSender is a channel that keeps the platform id of each message it
// sends in the Trail, as the Telegram and WhatsApp adapters do; it
// refuses as its recorder does (see refuse).
type trailSender struct {
	*recorder
	trail *dispatch.Trail
	n     atomic.Int64
}

func (s *trailSender) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	if err := s.recorder.Send(ctx, to, r); err != nil {
		return err
	}
	return s.trail.Add(ctx, to, "sent-"+strconv.FormatInt(s.n.Add(1), 10))
}

// TestNothingOfAnErasedPersonIsLeftWhenTheConfirmationWaited: serve
// erases the Trail again (Options.Sweep) after the confirmation of an
// erasure is sent, since sending it leaves its id behind. When the
// confirmation waits for the channel (the erasure was done while replies
// waited), the sweep runs before it is sent, and the later delivery
// writes its id into a Trail of the erased person that nothing sweeps.
func TestNothingOfAnErasedPersonIsLeftWhenTheConfirmationWaited(t *testing.T) {
	f := newFixture(t)
	ch := refuse(f, channelFailures[0].fail)
	trail := dispatch.NewTrail(f.rdb, f.keys, time.Hour)
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: 300 * time.Millisecond, HoldCheck: 50 * time.Millisecond,
		Trail: trail, Erasers: []bot.Eraser{trail}, Sweep: []bot.Eraser{trail},
		Senders: map[string]bot.Sender{"test": &trailSender{recorder: f.out, trail: trail}}})
	start(t, d)
	ctx := context.Background()
	c := msg("r4", "", "").Contact
	if _, err := d.Accept(ctx, msg("r4", "m1", "one")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the first reply refused", func() bool { return ch.tries.Load() >= 1 })
	if _, err := d.Accept(ctx, msg("r4", "m2", "erase")); err != nil {
		t.Fatal(err)
	}
	// Handled at once here; a version that holds the contact while its
	// replies wait tries the channel again instead.
	waitFor(t, "the erasure handled, or the channel tried again", func() bool {
		return f.h.calls.Load() == 2 || ch.tries.Load() >= 3
	})
	ch.down.Store(false)
	waitFor(t, "the confirmation", func() bool {
		return len(f.out.replies(c)) > 0 && f.out.replies(c)[len(f.out.replies(c))-1] == "echo:erase"
	})
	// The confirmation's delivery is finished (done) before the contact is
	// let go: its lock gone, the trail is as it stays.
	waitFor(t, "the contact let go", func() bool {
		n, _ := f.rdb.Exists(ctx, f.keys.ContactKey(c.Key(), "lock")).Result()
		return n == 0
	})
	if ids, err := f.rdb.LRange(ctx, f.keys.ContactKey(c.Key(), "trail"), 0, -1).Result(); err != nil || len(ids) != 0 {
		t.Fatalf("the erased person's trail holds %q (%v) after the confirmation, want nothing", ids, err)
	}
}
