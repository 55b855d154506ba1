package whatsapp

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/store/storetest"
)

// A reply of three parts whose send dies at part 2 (the process stops
// while WhatsApp has not answered: the part may have arrived) is taken up
// by another process from the outbox: it sends parts 2 and 3 only, part 2
// under the id the first process chose for it, so the person's phone
// shows every part once. The ids were kept in the outbox before the
// parts went out; the second process chooses none.
func TestCrashBetweenPartsResumesUnderTheSameIDs(t *testing.T) {
	ctx := context.Background()
	rdb, keys := storetest.Redis(t)
	dying := storetest.Client(t)
	lease := 300 * time.Millisecond
	parts := []string{strings.Repeat("a", maxTextLen), strings.Repeat("b", maxTextLen), "ccc"}
	long := strings.Join(parts, " ")
	answer := handlerFunc(func(_ context.Context, tn bot.Turn) (bot.Outcome, error) {
		if tn.Message.Text == "bye" {
			return bot.Outcome{Replies: []bot.Reply{{Text: "ciao"}}}, nil
		}
		return bot.Outcome{Replies: []bot.Reply{{Text: long}}}, nil
	})

	first := newHarness(t, Config{})
	first.who.Mark(ctx, contact.ID, first.clock.Now())
	reached, resume := make(chan struct{}), make(chan struct{})
	var died atomic.Bool
	first.cli.failSend = func(n int) error {
		if n == 2 && died.CompareAndSwap(false, true) {
			close(reached)
			<-resume
			return whatsmeow.ErrMessageTimedOut
		}
		return nil
	}
	d1 := dispatch.NewDispatcher(dying, keys, answer, dispatch.Options{Lease: lease, SendAttempts: 1,
		Senders: map[string]bot.Sender{channelName: first.c}})
	stop1 := startDispatcher(t, d1)
	if ok, err := d1.Accept(ctx, bot.Message{Contact: contact, ID: "m1", Text: "hi", Time: first.clock.Now()}); !ok || err != nil {
		t.Fatalf("accept: %v %v", ok, err)
	}
	<-reached
	dying.Close() // the process is gone: nothing more of it reaches Redis
	close(resume)
	stop1()

	second := newHarness(t, Config{})
	second.who.Mark(ctx, contact.ID, second.clock.Now())
	second.cli.generated = 100 // its own ids would be G101, G102, ...
	d2 := dispatch.NewDispatcher(rdb, keys, answer, dispatch.Options{Lease: lease,
		Senders: map[string]bot.Sender{channelName: second.c}})
	startDispatcher(t, d2)
	if ok, err := d2.Accept(ctx, bot.Message{Contact: contact, ID: "m2", Text: "bye", Time: second.clock.Now()}); !ok || err != nil {
		t.Fatalf("accept: %v %v", ok, err)
	}
	eventuallyFor(t, 15*time.Second, "the answer after the restart", func() bool { return slices.Contains(second.cli.Sent(), "ciao") })

	if got, want := first.cli.IDs(), []types.MessageID{"G1", "G2"}; !slices.Equal(got, want) {
		t.Errorf("first process sent ids %q, want %q", got, want)
	}
	if got, want := second.cli.IDs()[:2], []types.MessageID{"G2", "G3"}; !slices.Equal(got, want) {
		t.Errorf("second process sent the reply's parts under ids %q, want %q (part 2 under its first id, part 1 not again)", got, want)
	}
	if got := second.cli.Sent(); len(got) != 3 || got[0] != parts[1] || got[1] != parts[2] || got[2] != "ciao" {
		t.Errorf("second process sent %d messages, want parts 2 and 3, then the next answer", len(got))
	}
}

// startDispatcher runs d until the returned stop (or the test's end).
func startDispatcher(t *testing.T, d *dispatch.Dispatcher) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	var stopped atomic.Bool
	stop = func() {
		if !stopped.CompareAndSwap(false, true) {
			return
		}
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("dispatcher did not stop within 10s")
		}
	}
	t.Cleanup(stop)
	return stop
}

// Replies queued during a temporary ban (whatsmeow's events.TemporaryBan,
// three hours) wait for it to end however often they are tried, past the
// delivery rounds after which a failing platform's replies are given up
// (about an hour and a half by default), and go once the ban is over;
// nothing reaches WhatsApp meanwhile.
func TestRepliesWaitOutATemporaryBan(t *testing.T) {
	ctx := context.Background()
	rdb, keys := storetest.Redis(t)
	h := newHarness(t, Config{})
	h.who.Mark(ctx, contact.ID, h.clock.Now())
	h.c.handleEvent(&events.TemporaryBan{Code: events.TempBanSentToTooManyPeople, Expire: 3 * time.Hour})
	var tries atomic.Int64
	counted := bot.SenderFunc(func(ctx context.Context, to bot.Contact, r bot.Reply) error {
		tries.Add(1)
		return h.c.Send(ctx, to, r)
	})
	answer := handlerFunc(func(context.Context, bot.Turn) (bot.Outcome, error) {
		return bot.Outcome{Replies: []bot.Reply{{Text: "Siamo qui"}}}, nil
	})
	const rounds = 2
	d := dispatch.NewDispatcher(rdb, keys, answer, dispatch.Options{Lease: 300 * time.Millisecond, DeliveryRounds: rounds,
		HoldCheck: time.Millisecond, Senders: map[string]bot.Sender{channelName: counted}})
	startDispatcher(t, d)
	if ok, err := d.Accept(ctx, bot.Message{Contact: contact, ID: "m1", Text: "aiuto", Time: h.clock.Now()}); !ok || err != nil {
		t.Fatalf("accept: %v %v", ok, err)
	}
	eventuallyFor(t, 15*time.Second, "tries past the delivery rounds", func() bool { return tries.Load() > rounds+2 })
	if n := countSends(h.cli); n != 0 {
		t.Fatalf("%d messages reached WhatsApp during the ban", n)
	}
	h.clock.Advance(3*time.Hour + time.Second)
	eventuallyFor(t, 15*time.Second, "the reply after the ban", func() bool { return slices.Contains(h.cli.Sent(), "Siamo qui") })
	if got := h.cli.Sent(); len(got) != 1 {
		t.Errorf("sent %q, want the reply once", got)
	}
}
