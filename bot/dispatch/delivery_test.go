package dispatch_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// parts answers every message with n replies: text/0, text/1, ...; and a
// state, as a conversation keeps one.
type parts struct{ n int }

func (p parts) Handle(_ context.Context, t bot.Turn) (bot.Outcome, error) {
	out := bot.Outcome{State: []byte("s")}
	for i := range p.n {
		out.Replies = append(out.Replies, bot.Reply{Text: t.Message.Text + "/" + strconv.Itoa(i)})
	}
	return out, nil
}

// TestCrashBetweenPartsRepeatsNoEarlierPart: each reply of a message is
// acknowledged as it goes out, so a process that dies while sending one
// leaves only that one (and those after it) for the next process: the
// person never gets an earlier part twice.
func TestCrashBetweenPartsRepeatsNoEarlierPart(t *testing.T) {
	for _, dieAt := range []int{1, 2} {
		t.Run("dies sending part "+strconv.Itoa(dieAt), func(t *testing.T) {
			f := newFixture(t)
			lease := 300 * time.Millisecond
			dying := crashable(t)
			reached, resume := make(chan struct{}), make(chan struct{})
			var crashed atomic.Bool
			f.out.fail = func(_ bot.Contact, r bot.Reply) error {
				if strings.HasSuffix(r.Text, "/"+strconv.Itoa(dieAt)) && crashed.CompareAndSwap(false, true) {
					close(reached)
					<-resume
					return errors.New("process died")
				}
				return nil
			}
			first := dispatch.NewDispatcher(dying, f.keys, parts{n: 3}, dispatch.Options{
				Lease: lease, SendAttempts: 1, Senders: map[string]bot.Sender{"test": f.out}})
			stopFirst := start(t, first)
			if ok, err := first.Accept(context.Background(), msg("9", "m1", "hi")); !ok || err != nil {
				t.Fatalf("accept: %v %v", ok, err)
			}
			<-reached
			dying.Close() // the process is gone: nothing more of it reaches Redis
			close(resume)
			stopFirst()

			second := dispatch.NewDispatcher(f.rdb, f.keys, parts{n: 3}, dispatch.Options{
				Lease: lease, Senders: map[string]bot.Sender{"test": f.out}})
			start(t, second)
			c := msg("9", "", "").Contact
			waitFor(t, "the last part after the restart", func() bool { return slices.Contains(f.out.replies(c), "hi/2") })
			settle(t, second, f.out, "9", "bye", "bye/2")
			if got := f.out.replies(c); strings.Join(got, ",") != "hi/0,hi/1,hi/2,bye/0,bye/1,bye/2" {
				t.Fatalf("replies = %q, want each part once, in order", got)
			}
		})
	}
}

// failingSink fails its first fails events, as a Redis that hiccups while a
// case opens would, and logs what happened when.
type failingSink struct {
	mu    sync.Mutex
	fails int
	log   *[]string
}

func (s *failingSink) HandleEvent(_ context.Context, _ bot.Contact, e bot.Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fails > 0 {
		s.fails--
		return errors.New("redis: connection refused")
	}
	*s.log = append(*s.log, "event "+string(e.Kind()))
	return nil
}

// TestFailingSinkHoldsTheReply: an event is delivered at least once, and
// what follows it in the outbox waits for it: a person is not told that
// a case is open (and their place in the queue) before it is.
func TestFailingSinkHoldsTheReply(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fails int
	}{
		{"a hiccup, tried again at once", 2},
		{"an outage, postponed", 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			var log []string
			s := &failingSink{fails: tc.fails, log: &log}
			f.out.fail = func(_ bot.Contact, r bot.Reply) error {
				s.mu.Lock()
				defer s.mu.Unlock()
				log = append(log, "reply "+r.Text)
				return nil
			}
			d := f.dispatcher(f.rdb, dispatch.Options{Sinks: []bot.EventSink{s}, Lease: 500 * time.Millisecond, RetryPause: 10 * time.Millisecond})
			start(t, d)
			d.Accept(context.Background(), msg("5", "m1", "event"))
			waitFor(t, "the reply", func() bool { return f.out.total() == 1 })
			settle(t, d, f.out, "5", "settle", "echo:settle")
			s.mu.Lock()
			defer s.mu.Unlock()
			if strings.Join(log, ",") != "event handoff,reply echo:event,reply echo:settle" {
				t.Fatalf("what happened: %q; want the event, then the reply once", log)
			}
		})
	}
}
