package dispatch_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/store"
)

// reports is a DeliveryReporter that remembers every report.
type reports struct {
	mu  sync.Mutex
	got []dispatch.Delivery
}

func (r *reports) ReportDelivery(_ context.Context, _ bot.Contact, d dispatch.Delivery) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, d)
	return nil
}

func (r *reports) all() []dispatch.Delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got)
}

func (r *reports) of(ref string) []dispatch.Delivery {
	var out []dispatch.Delivery
	for _, d := range r.all() {
		if d.Ref == ref {
			out = append(out, d)
		}
	}
	return out
}

func outbound(text, ref string) dispatch.Outbound {
	return dispatch.Outbound{Reply: bot.Reply{Text: text}, From: "test", Ref: ref}
}

// TestOutboundTakesItsTurn: a message sent outside a turn goes out after
// the answer being decided when it was queued, and before the answer to a
// message that came after it, never in the middle of either.
func TestOutboundTakesItsTurn(t *testing.T) {
	f := newFixture(t)
	entered, release := make(chan struct{}), make(chan struct{})
	f.h.hook = func(tn bot.Turn) error {
		if tn.Message.Text == "slow" {
			close(entered)
			<-release
		}
		return nil
	}
	d := f.dispatcher(f.rdb, dispatch.Options{})
	start(t, d)
	ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
	ctx := context.Background()
	c := msg("1", "", "").Contact
	if _, err := d.Accept(ctx, msg("1", "m1", "slow")); err != nil {
		t.Fatal(err)
	}
	<-entered
	if err := ob.Send(ctx, c, outbound("from the desk", "")); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Accept(ctx, msg("1", "m2", "after")); err != nil {
		t.Fatal(err)
	}
	close(release)
	waitFor(t, "three messages", func() bool { return len(f.out.replies(c)) == 3 })
	if got := strings.Join(f.out.replies(c), ","); got != "echo:slow,from the desk,echo:after" {
		t.Fatalf("sent %q, want the answer, the desk's message, the next answer", got)
	}
	if turns := f.h.calls.Load(); turns != 2 {
		t.Fatalf("the handler ran %d times, want 2: an outbound message is delivered, not handled", turns)
	}
}

// TestOutboundSurvivesOutagesAndIsReported covers what a message sent
// outside a turn meets on the way, each case with what the sender is told.
func TestOutboundSurvivesOutagesAndIsReported(t *testing.T) {
	for _, tc := range []struct {
		name string
		// fail answers the n-th try (from 1) of the platform
		fail    func(n int64) error
		rounds  int
		want    dispatch.Failure
		sent    bool
		atLeast int64 // tries before the outcome
	}{
		{"delivered at once", func(int64) error { return nil }, 0, dispatch.Delivered, true, 1},
		{"a passing outage", func(n int64) error {
			if n <= 4 {
				return errors.New("telegram: 500 Internal Server Error")
			}
			return nil
		}, 0, dispatch.Delivered, true, 5},
		{"blocked", func(int64) error { return fmt.Errorf("telegram: %w", bot.ErrUnreachable) }, 0, dispatch.FailBlocked, false, 1},
		{"refused", func(int64) error { return fmt.Errorf("telegram: %w: bad request", bot.ErrRejected) }, 0, dispatch.FailRejected, false, 1},
		{"an outage that lasts", func(int64) error { return errors.New("telegram: 502 Bad Gateway") }, 2, dispatch.FailGaveUp, false, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			var tries atomic.Int64
			f.out.fail = func(bot.Contact, bot.Reply) error { return tc.fail(tries.Add(1)) }
			rep := &reports{}
			d := f.dispatcher(f.rdb, dispatch.Options{Lease: 500 * time.Millisecond, SendAttempts: 1, DeliveryRounds: tc.rounds,
				RetryPause: 10 * time.Millisecond, Reporters: []dispatch.DeliveryReporter{rep}})
			start(t, d)
			ctx := context.Background()
			c := msg("2", "", "").Contact
			ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
			if err := ob.Send(ctx, c, outbound("your appointment", "r1")); err != nil {
				t.Fatalf("queueing: %v", err)
			}
			waitFor(t, "the report", func() bool { return len(rep.of("r1")) > 0 })
			got := rep.of("r1")[0]
			if got.Failure != tc.want || got.From != "test" {
				t.Fatalf("report = %+v, want failure %q from test", got, tc.want)
			}
			if (got.Failure != dispatch.Delivered) != (got.Detail != "") {
				t.Errorf("report detail %q with failure %q", got.Detail, got.Failure)
			}
			if n := tries.Load(); n < tc.atLeast {
				t.Errorf("%d tries, want at least %d", n, tc.atLeast)
			}
			if sent := len(f.out.replies(c)) == 1; sent != tc.sent {
				t.Errorf("delivered = %v, want %v", sent, tc.sent)
			}
		})
	}
}

// TestOutboundToABlockedPerson: once a send finds the person blocked the
// bot, what else is queued for them is not tried, and is reported; a
// message of theirs lifts it.
func TestOutboundToABlockedPerson(t *testing.T) {
	f := newFixture(t)
	var blocked atomic.Bool
	blocked.Store(true)
	var tries atomic.Int64
	f.out.fail = func(_ bot.Contact, r bot.Reply) error {
		tries.Add(1)
		if blocked.Load() {
			return fmt.Errorf("telegram: %w", bot.ErrUnreachable)
		}
		return nil
	}
	rep := &reports{}
	d := f.dispatcher(f.rdb, dispatch.Options{Reporters: []dispatch.DeliveryReporter{rep}})
	start(t, d)
	ctx := context.Background()
	c := msg("3", "", "").Contact
	if _, err := d.Accept(ctx, msg("3", "m1", "hi")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the mark", func() bool { u, _ := d.Unreachable(ctx, c); return u })
	ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
	for _, ref := range []string{"a", "b"} {
		if err := ob.Send(ctx, c, outbound("from the desk "+ref, ref)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "both reports", func() bool { return len(rep.all()) == 2 })
	for _, r := range rep.all() {
		if r.Failure != dispatch.FailBlocked {
			t.Errorf("report %+v, want blocked", r)
		}
	}
	if n := tries.Load(); n != 1 {
		t.Fatalf("%d tries of the platform, want 1: nothing is sent to a person known to have blocked the bot", n)
	}
	if u, _ := d.Unreachable(ctx, c); !u {
		t.Fatal("an outbound message cleared the mark: only the person writing does")
	}
	blocked.Store(false)
	if _, err := d.Accept(ctx, msg("3", "m2", "back")); err != nil {
		t.Fatal(err)
	}
	if err := ob.Send(ctx, c, outbound("welcome back", "c")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the report of c", func() bool { return len(rep.of("c")) == 1 })
	if got := rep.of("c")[0]; got.Failure != dispatch.Delivered {
		t.Fatalf("after the person wrote again: %+v, want delivered", got)
	}
	if got := strings.Join(f.out.replies(c), ","); got != "echo:back,welcome back" {
		t.Fatalf("sent %q", got)
	}
}

// TestLongRetryAfterPostpones: a retry_after longer than a lease is not
// waited out by a worker: the contact's outbox is postponed for as long as
// the platform asked (the janitor wakes it then; its messages are handled
// meanwhile, TestInboxGoesOnWhileRepliesWait), and the message stays
// queued, neither sent nor reported.
func TestLongRetryAfterPostpones(t *testing.T) {
	f := newFixture(t)
	var tries atomic.Int64
	f.out.fail = func(bot.Contact, bot.Reply) error {
		tries.Add(1)
		return &bot.RetryAfterError{After: 70 * time.Second}
	}
	rep := &reports{}
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: time.Second, Reporters: []dispatch.DeliveryReporter{rep}})
	start(t, d)
	ctx := context.Background()
	c := msg("4", "", "").Contact
	ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
	if err := ob.Send(ctx, c, outbound("from the desk", "r")); err != nil {
		t.Fatal(err)
	}
	// The outbox is the field o of the contact's hash: the message, kept;
	// the shard's later set says when the contact is woken to try again.
	ct, later := f.keys.ContactKey(c.Key(), "ct"), f.keys.ShardKey(store.Shard(c.Key()), "later")
	waitFor(t, "the postponement", func() bool {
		due, err := f.rdb.ZScore(ctx, later, c.Key()).Result()
		return err == nil && time.UnixMilli(int64(due)).After(time.Now().Add(time.Minute)) &&
			strings.Contains(f.rdb.HGet(ctx, ct, "o").Val(), "from the desk")
	})
	if n := tries.Load(); n != 1 {
		t.Errorf("%d tries, want 1: a long retry_after is not waited out in the worker", n)
	}
	if r := rep.all(); len(r) != 0 {
		t.Errorf("reports %+v while postponed, want none", r)
	}
}

func TestOutboxRefusesWhatCannotGo(t *testing.T) {
	f := newFixture(t)
	ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		to   bot.Contact
		m    dispatch.Outbound
	}{
		{"unknown channel", bot.Contact{Channel: "fax", ID: "1"}, outbound("x", "")},
		{"no id", bot.Contact{Channel: "test"}, outbound("x", "")},
		{"empty text", bot.Contact{Channel: "test", ID: "1"}, outbound("", "")},
	} {
		if err := ob.Send(ctx, tc.to, tc.m); !errors.Is(err, bot.ErrRejected) {
			t.Errorf("%s: %v, want ErrRejected", tc.name, err)
		}
	}
}
