package dispatch_test

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// refusing is a channel that refuses every reply with its failure while
// down, counting the tries.
type refusing struct {
	down  atomic.Bool
	tries atomic.Int64
}

// refuse makes f's channel a refusing one, down from the start.
func refuse(f *fixture, failure func() error) *refusing {
	ch := &refusing{}
	ch.down.Store(true)
	f.out.fail = func(bot.Contact, bot.Reply) error {
		if ch.down.Load() {
			ch.tries.Add(1)
			return failure()
		}
		return nil
	}
	return ch
}

// channelFailures are the two ways a channel keeps replies waiting: a
// channel-wide halt (WhatsApp's temporary ban, held up to HoldWithin) and
// an outage (postponed for growing times, DeliveryRounds of them).
var channelFailures = []struct {
	name string
	fail func() error
}{
	{"held by a channel-wide halt", func() error {
		return &bot.HaltError{Until: time.Now().Add(time.Hour), Reason: "temporarily banned by WhatsApp (101)"}
	}},
	{"postponed by an outage", func() error { return errors.New("dial tcp: connection refused") }},
}

// TestInboxGoesOnWhileRepliesWait: while the person's replies cannot be
// delivered, what they write next is handled at once: its event reaches
// the sinks (an urgent case would open for the operators) before the
// channel is back, and its reply goes after the earlier ones once it is,
// each once, in order.
func TestInboxGoesOnWhileRepliesWait(t *testing.T) {
	for _, tc := range channelFailures {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			ch := refuse(f, tc.fail)
			s := &sink{}
			// OnHandled (and the latency histogram with it) hears of a
			// message once its replies are delivered, not when it is
			// committed.
			var hmu sync.Mutex
			var handled []string
			d := f.dispatcher(f.rdb, dispatch.Options{Lease: 300 * time.Millisecond, SendAttempts: 1,
				HoldCheck: 50 * time.Millisecond, Sinks: []bot.EventSink{s},
				OnHandled: func(_ bot.Contact, id string, _ time.Duration) {
					hmu.Lock()
					defer hmu.Unlock()
					handled = append(handled, id)
				}})
			start(t, d)
			ctx := context.Background()
			c := msg("1", "", "").Contact
			if _, err := d.Accept(ctx, msg("1", "m1", "one")); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the first reply refused", func() bool { return ch.tries.Load() >= 1 })
			accepted := time.Now()
			for i, text := range []string{"event", "two"} {
				if _, err := d.Accept(ctx, msg("1", "m"+strconv.Itoa(i+2), text)); err != nil {
					t.Fatal(err)
				}
			}
			waitFor(t, "the urgent event while the reply waits", func() bool {
				s.mu.Lock()
				defer s.mu.Unlock()
				return len(s.events) == 1
			})
			t.Logf("the event reached the sink %v after its message was accepted, the channel still refusing", time.Since(accepted).Round(time.Millisecond))
			waitFor(t, "every message handled while the replies wait", func() bool { return f.h.calls.Load() == 3 })
			if got := f.out.replies(c); len(got) != 0 {
				t.Fatalf("sent %q while the channel was down", got)
			}
			hmu.Lock()
			if len(handled) != 0 {
				t.Errorf("OnHandled told of %q before their replies went", handled)
			}
			hmu.Unlock()
			ch.down.Store(false)
			waitFor(t, "the replies once the channel is back", func() bool { return len(f.out.replies(c)) >= 3 })
			settle(t, d, f.out, "1", "after", "echo:after")
			if got := strings.Join(f.out.replies(c), ","); got != "echo:one,echo:event,echo:two,echo:after" {
				t.Fatalf("sent %q, want each reply once, in the order of the messages", got)
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			if len(s.events) != 1 || !reflect.DeepEqual(s.events[0], bot.HandoffRequested{Area: "legal"}) {
				t.Errorf("events %+v, want the handoff once", s.events)
			}
			if n := f.h.calls.Load(); n != 4 {
				t.Errorf("the handler ran %d times, want once per message (4)", n)
			}
			waitFor(t, "OnHandled for every message", func() bool {
				hmu.Lock()
				defer hmu.Unlock()
				return len(handled) >= 4
			})
			hmu.Lock()
			defer hmu.Unlock()
			if got := strings.Join(handled, ","); got != "m1,m2,m3,settle" {
				t.Errorf("OnHandled told of %q, want each message once, in order", got)
			}
		})
	}
}

// dyingSink stops the "process" at the first event it is given: it
// signals reached, waits for resume and fails.
type dyingSink struct {
	sink
	once            sync.Once
	reached, resume chan struct{}
}

func (s *dyingSink) HandleEvent(ctx context.Context, c bot.Contact, e bot.Event) error {
	died := false
	s.once.Do(func() {
		close(s.reached)
		<-s.resume
		died = true
	})
	if died {
		return errors.New("process died")
	}
	return s.sink.HandleEvent(ctx, c, e)
}

// TestCrashWhileRepliesWait: a process dies after it committed a message
// handled while earlier replies waited (between the commit and the
// delivery of what it decided); the next process delivers every reply
// once, in order, without handling a message again.
func TestCrashWhileRepliesWait(t *testing.T) {
	for _, tc := range channelFailures {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			lease := 300 * time.Millisecond
			ch := refuse(f, tc.fail)
			dying := crashable(t)
			s1 := &dyingSink{reached: make(chan struct{}), resume: make(chan struct{})}
			first := f.dispatcher(dying, dispatch.Options{Lease: lease, SendAttempts: 1, HoldCheck: 50 * time.Millisecond,
				Sinks: []bot.EventSink{s1}})
			stopFirst := start(t, first)
			ctx := context.Background()
			c := msg("2", "", "").Contact
			if _, err := first.Accept(ctx, msg("2", "m1", "one")); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the first reply refused", func() bool { return ch.tries.Load() >= 1 })
			if _, err := first.Accept(ctx, msg("2", "m2", "event")); err != nil {
				t.Fatal(err)
			}
			select {
			case <-s1.reached:
			case <-time.After(patience):
				t.Fatal("the second message was not handled while the first reply waited")
			}
			dying.Close() // the process is gone: nothing more of it reaches Redis
			close(s1.resume)
			stopFirst()

			ch.down.Store(false)
			s2 := &sink{}
			second := f.dispatcher(f.rdb, dispatch.Options{Lease: lease, Sinks: []bot.EventSink{s2}})
			start(t, second)
			waitFor(t, "the replies after the restart", func() bool { return len(f.out.replies(c)) >= 2 })
			settle(t, second, f.out, "2", "after", "echo:after")
			if got := strings.Join(f.out.replies(c), ","); got != "echo:one,echo:event,echo:after" {
				t.Fatalf("sent %q, want each reply once, in order", got)
			}
			if n := f.h.calls.Load(); n != 3 {
				t.Errorf("the handler ran %d times, want 3: no message handled again", n)
			}
			s2.mu.Lock()
			defer s2.mu.Unlock()
			if len(s2.events) != 1 {
				t.Errorf("the next process ran %d events, want the one the crash cut off", len(s2.events))
			}
		})
	}
}

// TestErasureWhileRepliesWait: "delete my data" while replies wait is
// done at once, and the replies that waited go with the rest of the
// person's data; only the confirmation is delivered once the channel is
// back.
func TestErasureWhileRepliesWait(t *testing.T) {
	f := newFixture(t)
	ch := refuse(f, channelFailures[0].fail)
	s := &sink{}
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: 300 * time.Millisecond, HoldCheck: 50 * time.Millisecond,
		Erasers: []bot.Eraser{s}})
	start(t, d)
	ctx := context.Background()
	c := msg("3", "", "").Contact
	if _, err := d.Accept(ctx, msg("3", "m1", "private")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the first reply refused", func() bool { return ch.tries.Load() >= 1 })
	if _, err := d.Accept(ctx, msg("3", "m2", "erase")); err != nil {
		t.Fatal(err)
	}
	// The erasure deletes the state, outbox and all, and then writes
	// back what still waits (the confirmation): read before that, the
	// outbox is gone (seen on a Sentinel group, whose round trips are
	// slower), so the test waits for the outbox written again.
	var o string
	waitFor(t, "the erasure while the reply waits, and the outbox written again", func() bool {
		s.mu.Lock()
		erased := len(s.erased) == 1
		s.mu.Unlock()
		var err error
		o, err = f.rdb.HGet(ctx, f.keys.ContactKey(c.Key(), "ct"), "o").Result()
		return erased && err == nil && !strings.Contains(o, "echo:private")
	})
	if !strings.Contains(o, "echo:erase") {
		t.Fatalf("outbox after the erasure %q, want the confirmation alone", o)
	}
	ch.down.Store(false)
	settle(t, d, f.out, "3", "after", "echo:after")
	if got := strings.Join(f.out.replies(c), ","); got != "echo:erase,echo:after" {
		t.Fatalf("sent %q, want the confirmation, not the erased reply", got)
	}
}

// TestWaitingRepliesAreBounded: an outbox that cannot be delivered keeps
// the newest dispatch.MaxWaiting replies; older ones are given up, an
// operator's reported so. The person's messages are all handled
// meanwhile, and what is kept goes out in order.
func TestWaitingRepliesAreBounded(t *testing.T) {
	f := newFixture(t)
	ch := refuse(f, channelFailures[0].fail)
	rep := &reports{}
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: 300 * time.Millisecond, HoldCheck: 50 * time.Millisecond,
		Reporters: []dispatch.DeliveryReporter{rep}})
	start(t, d)
	ctx := context.Background()
	c := msg("4", "", "").Contact
	ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
	if err := ob.Send(ctx, c, outbound("from the desk", "r")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the desk's reply refused", func() bool { return ch.tries.Load() >= 1 })
	n := dispatch.MaxWaiting + 3
	var want []string
	for i := range n {
		text := "m" + strconv.Itoa(i)
		if _, err := d.Accept(ctx, msg("4", text, text)); err != nil {
			t.Fatal(err)
		}
		if i >= n-dispatch.MaxWaiting {
			want = append(want, "echo:"+text)
		}
	}
	waitFor(t, "every message handled while the replies wait", func() bool { return f.h.calls.Load() == int64(n) })
	waitFor(t, "the desk's reply given up", func() bool { return len(rep.of("r")) > 0 })
	if r := rep.of("r"); len(r) != 1 || r[0].Failure != dispatch.FailGaveUp {
		t.Fatalf("reports %+v, want the oldest reply given up", r)
	}
	// The last message's commit writes its reply after the others, and
	// its delivery drops the oldest then: the outbox settles at the bound.
	waitFor(t, "the outbox at its bound", func() bool {
		o, _ := f.rdb.HGet(ctx, f.keys.ContactKey(c.Key(), "ct"), "o").Result()
		return strings.Count(o, `"r":`) == dispatch.MaxWaiting && strings.Contains(o, want[len(want)-1])
	})
	ch.down.Store(false)
	waitFor(t, "the waiting replies once the channel is back", func() bool { return len(f.out.replies(c)) >= dispatch.MaxWaiting })
	settle(t, d, f.out, "4", "after", "echo:after")
	if got, want := strings.Join(f.out.replies(c), ","), strings.Join(append(want, "echo:after"), ","); got != want {
		t.Fatalf("sent %q, want the newest %d in order, then the settling answer: %q", got, dispatch.MaxWaiting, want)
	}
}

// clearing answers as echo does, and takes the conversation back from the
// device ("/clear") at "clear".
type clearing struct{ *echo }

func (h clearing) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	out, err := h.echo.Handle(ctx, t)
	out.Retract = t.Message.Text == "clear"
	return out, err
}

// retractingRecorder is a recorder whose channel can take the
// conversation back: a retraction is recorded among the replies.
type retractingRecorder struct{ *recorder }

func (r retractingRecorder) Retract(ctx context.Context, c bot.Contact) error {
	return r.Send(ctx, c, bot.Reply{Text: "RETRACTED"})
}

// TestClearWaitsWithTheReplies: taking the conversation back from the
// device while replies wait is for the channel too: it waits behind them,
// so that no earlier answer lands on a cleared phone, while the messages
// after it are handled.
func TestClearWaitsWithTheReplies(t *testing.T) {
	f := newFixture(t)
	ch := refuse(f, channelFailures[0].fail)
	d := dispatch.NewDispatcher(f.rdb, f.keys, clearing{f.h}, dispatch.Options{Lease: 300 * time.Millisecond,
		HoldCheck: 50 * time.Millisecond, Senders: map[string]bot.Sender{"test": retractingRecorder{f.out}}})
	start(t, d)
	ctx := context.Background()
	c := msg("5", "", "").Contact
	if _, err := d.Accept(ctx, msg("5", "m1", "one")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the first reply refused", func() bool { return ch.tries.Load() >= 1 })
	for i, text := range []string{"clear", "two"} {
		if _, err := d.Accept(ctx, msg("5", "m"+strconv.Itoa(i+2), text)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "every message handled while the replies wait", func() bool { return f.h.calls.Load() == 3 })
	if got := f.out.replies(c); len(got) != 0 {
		t.Fatalf("sent %q while the channel was down, want the retraction waiting too", got)
	}
	ch.down.Store(false)
	waitFor(t, "the replies once the channel is back", func() bool { return len(f.out.replies(c)) >= 4 })
	settle(t, d, f.out, "5", "after", "echo:after")
	if got := strings.Join(f.out.replies(c), ","); got != "echo:one,RETRACTED,echo:clear,echo:two,echo:after" {
		t.Fatalf("sent %q, want the retraction in its place among the replies", got)
	}
}

// takingBack is a trailSender whose Retract takes the ids out of the Trail,
// as the Telegram adapter does, and records them: "RETRACTED:<ids>". While
// the channel is down it refuses before taking them, as WhatsApp does
// without a device.
type takingBack struct{ *trailSender }

func (s takingBack) Retract(ctx context.Context, c bot.Contact) error {
	if s.fail != nil {
		if err := s.fail(c, bot.Reply{}); err != nil {
			return err
		}
	}
	ids, err := s.trail.Take(ctx, c)
	if err != nil {
		return err
	}
	return s.recorder.Send(ctx, c, bot.Reply{Text: "RETRACTED:" + strings.Join(ids, ",")})
}

// TestDeleteWhileRepliesWaitTakesBackWhatTheTrailHeld: the take-back that
// waits past an erasure holds the ids the Trail had before the erasure
// deleted it (the person's messages and the bot's sent replies, the
// "delete" itself included), and the channel's Retract gets them once it
// is back; nothing of them, nor the confirmation's id, is left in the
// Trail afterwards.
func TestDeleteWhileRepliesWaitTakesBackWhatTheTrailHeld(t *testing.T) {
	f := newFixture(t)
	ch := refuse(f, channelFailures[1].fail)
	ch.down.Store(false) // up at first
	trail := dispatch.NewTrail(f.rdb, f.keys, time.Hour)
	d := dispatch.NewDispatcher(f.rdb, f.keys, deleting{f.h}, dispatch.Options{Lease: 300 * time.Millisecond,
		SendAttempts: 1, Trail: trail, Erasers: []bot.Eraser{trail}, Sweep: []bot.Eraser{trail},
		Senders: map[string]bot.Sender{"test": takingBack{&trailSender{recorder: f.out, trail: trail}}}})
	start(t, d)
	ctx := context.Background()
	c := msg("6", "", "").Contact
	if _, err := d.AcceptBatch(ctx, []bot.Message{msg("6", "m1", "one")}, []string{"p1"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the first reply", func() bool { return len(f.out.replies(c)) == 1 })
	ch.down.Store(true)
	if _, err := d.Accept(ctx, msg("6", "m2", "two")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the second reply refused", func() bool { return ch.tries.Load() >= 1 })
	if _, err := d.AcceptBatch(ctx, []bot.Message{msg("6", "m3", "delete")}, []string{"p3"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the deletion handled", func() bool { return f.h.calls.Load() == 3 })
	waitFor(t, "the trail erased", func() bool {
		n, _ := f.rdb.Exists(ctx, f.keys.ContactKey(c.Key(), "trail")).Result()
		return n == 0
	})
	ch.down.Store(false)
	settle(t, d, f.out, "6", "after", "echo:after")
	if got := strings.Join(f.out.replies(c), ","); got != "echo:one,RETRACTED:p1,sent-1,p3,echo:delete,echo:after" {
		t.Fatalf("sent %q, want the Trail's ids before the erasure taken back ahead of the confirmation", got)
	}
	ids, err := f.rdb.LRange(ctx, f.keys.ContactKey(c.Key(), "trail"), 0, -1).Result()
	if err != nil || strings.Join(ids, ",") != "sent-3" {
		t.Fatalf("trail %q (%v), want only the reply after the confirmation", ids, err)
	}
}
