package dispatch_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// TestRevFTrailExpiryRenewedWithTheState (review of ev15c, 761c594): the
// commit that sets a contact's expiries for a new hour (ex) no longer
// sets the trail's; it leaves that to the done after the delivery (flag
// "x", held only in the worker's memory). When that done does not run —
// an event that keeps failing is postponed (the contact held, the worker
// gone), or the process dies between the commit and done — ex says
// "set this hour" while the trail keeps its old expiry, and no commit of
// that hour sets it again. Before, the commit set both in one step.
//
// The trail then expires counted from the contact's previous active
// hour, not from this message: a "clear" after that finds no ids, while
// the platform would still delete the messages (Telegram: 48 hours).
func TestRevFTrailExpiryRenewedWithTheState(t *testing.T) {
	const trailTTL = 10 * time.Hour
	for _, tc := range []struct {
		name string
		// run handles the message "event" of the new hour through a
		// dispatcher that does not reach done after its commit, then
		// returns the dispatcher that goes on.
		run func(t *testing.T, f *fixture, o dispatch.Options) *dispatch.Dispatcher
	}{
		{"an event postponed", func(t *testing.T, f *fixture, o dispatch.Options) *dispatch.Dispatcher {
			var log []string
			// Three tries in the first delivery fail: it is postponed.
			o.Sinks = []bot.EventSink{&failingSink{fails: 4, log: &log}}
			d := f.dispatcher(f.rdb, o)
			start(t, d)
			accept(t, d, "2", "event")
			return d
		}},
		{"a crash between commit and done", func(t *testing.T, f *fixture, o dispatch.Options) *dispatch.Dispatcher {
			dying := crashable(t)
			s1 := &dyingSink{reached: make(chan struct{}), resume: make(chan struct{})}
			o1 := o
			o1.Sinks = []bot.EventSink{s1}
			o1.Trail = dispatch.NewTrail(dying, f.keys, trailTTL)
			first := f.dispatcher(dying, o1)
			stopFirst := start(t, first)
			accept(t, first, "2", "event")
			select {
			case <-s1.reached: // committed, delivering
			case <-time.After(patience):
				t.Fatal("the event was not delivered")
			}
			dying.Close()
			close(s1.resume)
			stopFirst()
			o.Sinks = []bot.EventSink{&sink{}}
			second := f.dispatcher(f.rdb, o)
			start(t, second)
			return second
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			// The clock runs, an hour can be added.
			var offset atomic.Int64
			clock := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
			o := dispatch.Options{Lease: 300 * time.Millisecond, RetryPause: 10 * time.Millisecond, Clock: clock,
				Trail: dispatch.NewTrail(f.rdb, f.keys, trailTTL)}
			c := msg("1", "", "").Contact
			trail := f.keys.ContactKey(c.Key(), "trail")
			ct := f.keys.ContactKey(c.Key(), "ct")

			first := f.dispatcher(f.rdb, o)
			stop := start(t, first)
			accept(t, first, "1", "hi")
			waitFor(t, "the first reply", func() bool { return len(f.out.replies(c)) == 1 })
			waitFor(t, "the first id in the trail", func() bool { return inTrail(ctx, f.rdb, trail, "1") })
			stop()
			// The trail's expiry as the contact's previous active hour
			// left it, long ago.
			if err := f.rdb.Expire(ctx, trail, time.Minute).Err(); err != nil {
				t.Fatal(err)
			}

			offset.Add(int64(time.Hour)) // a new hour: the commit sets the expiries
			d := tc.run(t, f, o)
			waitFor(t, "the reply to the event", func() bool { return slices.Contains(f.out.replies(c), "echo:event") })
			// And another message of the same hour.
			accept(t, d, "3", "hi")
			waitFor(t, "the third id in the trail", func() bool { return inTrail(ctx, f.rdb, trail, "3") })

			if ttl := f.rdb.TTL(ctx, ct).Val(); ttl < dispatch.DefaultRetention-2*time.Hour {
				t.Fatalf("the state expires in %v: its expiry was not set in the new hour, the test tests nothing", ttl)
			}
			if ttl := f.rdb.TTL(ctx, trail).Val(); ttl < trailTTL-time.Hour {
				t.Errorf("the trail expires in %v after two messages of a new hour whose commit set the state's expiry, want about %v: "+
					"the commit that set ex left the trail's to a done that did not run", ttl, trailTTL)
			}
		})
	}
}

// accept records message id (its trail id the same) for contact 1.
func accept(t *testing.T, d *dispatch.Dispatcher, id, text string) {
	t.Helper()
	if _, err := d.AcceptBatch(context.Background(), []bot.Message{msg("1", "m"+id, text)}, []string{id}); err != nil {
		t.Fatal(err)
	}
}

func inTrail(ctx context.Context, rdb redis.UniversalClient, key, id string) bool {
	return slices.Contains(rdb.LRange(ctx, key, 0, -1).Val(), id)
}

// TestPersonsIDReachesTheTrailWithoutDone (revF's "still open", older
// than ev15c): the platform id of a message answered with something to
// deliver waited in the worker's memory (contactWork.sent) for the done
// after the delivery. When that done did not run — an event postponed,
// a crash between the commit and done, also after ackSent had taken the
// delivered items out of the outbox — the id never reached the Trail,
// and a later "clear" left that message on a shared phone.
//
// The id now goes with the outbox item the commit writes (outItem.Trail,
// no command more: the commit writes the outbox anyway), and with the
// head of what ackSent and postpone keep once the delivery took it out,
// so the delivery that replays the outbox gives it to its done.
func TestPersonsIDReachesTheTrailWithoutDone(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, f *fixture, o dispatch.Options) *dispatch.Dispatcher
	}{
		{"an event postponed", func(t *testing.T, f *fixture, o dispatch.Options) *dispatch.Dispatcher {
			var log []string
			o.Sinks = []bot.EventSink{&failingSink{fails: 4, log: &log}}
			d := f.dispatcher(f.rdb, o)
			start(t, d)
			accept(t, d, "2", "event")
			return d
		}},
		{"a crash between commit and done", func(t *testing.T, f *fixture, o dispatch.Options) *dispatch.Dispatcher {
			dying := crashable(t)
			s1 := &dyingSink{reached: make(chan struct{}), resume: make(chan struct{})}
			o1 := o
			o1.Sinks = []bot.EventSink{s1}
			o1.Trail = dispatch.NewTrail(dying, f.keys, time.Hour)
			first := f.dispatcher(dying, o1)
			stopFirst := start(t, first)
			accept(t, first, "2", "event")
			select {
			case <-s1.reached:
			case <-time.After(patience):
				t.Fatal("the event was not delivered")
			}
			dying.Close()
			close(s1.resume)
			stopFirst()
			o.Sinks = []bot.EventSink{&sink{}}
			second := f.dispatcher(f.rdb, o)
			start(t, second)
			return second
		}},
		{"a crash after the event left the outbox", func(t *testing.T, f *fixture, o dispatch.Options) *dispatch.Dispatcher {
			// The reply's first save of its progress acknowledges the
			// event (ackSent): the outbox keeps the reply alone, and
			// the id the event's item carried must go with it.
			dying := crashable(t)
			s1 := &savingThenDying{reached: make(chan struct{}), resume: make(chan struct{})}
			o1 := o
			o1.Sinks = []bot.EventSink{&sink{}}
			o1.Senders = map[string]bot.Sender{"test": s1}
			o1.SendAttempts = 1
			o1.Trail = dispatch.NewTrail(dying, f.keys, time.Hour)
			first := f.dispatcher(dying, o1)
			stopFirst := start(t, first)
			accept(t, first, "2", "event")
			select {
			case <-s1.reached:
			case <-time.After(patience):
				t.Fatal("the reply was not sent")
			}
			dying.Close()
			close(s1.resume)
			stopFirst()
			o.Sinks = []bot.EventSink{&sink{}}
			second := f.dispatcher(f.rdb, o)
			start(t, second)
			return second
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			o := dispatch.Options{Lease: 300 * time.Millisecond, RetryPause: 10 * time.Millisecond,
				Trail: dispatch.NewTrail(f.rdb, f.keys, time.Hour)}
			c := msg("1", "", "").Contact
			trail := f.keys.ContactKey(c.Key(), "trail")
			d := tc.run(t, f, o)
			waitFor(t, "the reply to the event", func() bool { return slices.Contains(f.out.replies(c), "echo:event") })
			accept(t, d, "3", "hi")
			waitFor(t, "the third id in the trail", func() bool { return inTrail(ctx, f.rdb, trail, "3") })
			if !inTrail(ctx, f.rdb, trail, "2") {
				t.Errorf("the trail holds %v: the id of the message whose done did not run is missing, a \"clear\" leaves it on the phone",
					f.rdb.LRange(ctx, trail, 0, -1).Val())
			}
		})
	}
}

// savingThenDying saves its first reply's progress, as a channel sending
// a long text in parts does before the first part, then dies with the
// process.
type savingThenDying struct {
	once            sync.Once
	reached, resume chan struct{}
}

func (s *savingThenDying) Send(ctx context.Context, _ bot.Contact, _ bot.Reply) error {
	err := errors.New("process died")
	s.once.Do(func() {
		if p := bot.ProgressOf(ctx); p != nil {
			if serr := p.Save(ctx, []byte("part 1")); serr != nil {
				err = serr
			}
		}
		close(s.reached)
		<-s.resume
	})
	return err
}
