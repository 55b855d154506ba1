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

// progressSender sends a reply as three parts, keeping its progress (the
// part to send next) in the reply's bot.Progress before each, as the
// WhatsApp channel keeps its message ids; it adds each part's id to the
// trail as it goes. die, when it returns true for a part, stops the
// "process" there: the send blocks until released and fails.
type progressSender struct {
	trail *dispatch.Trail
	die   func(part int) bool
	mu    sync.Mutex
	sent  []string
}

func (s *progressSender) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	p := bot.ProgressOf(ctx)
	if p == nil {
		return errors.New("no progress given")
	}
	next := 0
	if b := p.Load(); b != nil {
		next, _ = strconv.Atoi(string(b))
	}
	for i := next; i < 3; i++ {
		if err := p.Save(ctx, []byte(strconv.Itoa(i))); err != nil {
			return err
		}
		if s.die != nil && s.die(i) {
			return errors.New("process died")
		}
		id := r.Text + "#" + strconv.Itoa(i)
		s.mu.Lock()
		s.sent = append(s.sent, id)
		s.mu.Unlock()
		if err := s.trail.Add(ctx, to, id); err != nil {
			return err
		}
	}
	return nil
}

func (s *progressSender) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

// TestProgressSurvivesACrash: a reply whose sender kept its progress in
// the outbox is taken up, after the process died in its middle, where it
// stopped: the part that was being sent again, no earlier one; and the
// ids of the parts sent before the crash are in the reply's report and
// in the Trail with the others.
func TestProgressSurvivesACrash(t *testing.T) {
	f := newFixture(t)
	lease := 300 * time.Millisecond
	dying := crashable(t)
	trail := dispatch.NewTrail(f.rdb, f.keys, 0)
	reached, resume := make(chan struct{}), make(chan struct{})
	var died atomic.Bool
	first := &progressSender{trail: trail, die: func(part int) bool {
		if part == 1 && died.CompareAndSwap(false, true) {
			close(reached)
			<-resume
			return true
		}
		return false
	}}
	d1 := dispatch.NewDispatcher(dying, f.keys, f.h, dispatch.Options{Lease: lease, SendAttempts: 1, Trail: dispatch.NewTrail(dying, f.keys, 0),
		Senders: map[string]bot.Sender{"test": first}})
	stop1 := start(t, d1)
	c := msg("7", "", "").Contact
	ctx := context.Background()
	ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
	if err := ob.Send(ctx, c, outbound("desk", "r")); err != nil {
		t.Fatal(err)
	}
	<-reached
	dying.Close()
	close(resume)
	stop1()

	second := &progressSender{trail: trail}
	rep := &reports{}
	d2 := dispatch.NewDispatcher(f.rdb, f.keys, f.h, dispatch.Options{Lease: lease, Trail: trail,
		Reporters: []dispatch.DeliveryReporter{rep}, Senders: map[string]bot.Sender{"test": second}})
	start(t, d2)
	waitFor(t, "the report", func() bool { return len(rep.of("r")) > 0 })
	if got := first.all(); !slices.Equal(got, []string{"desk#0"}) {
		t.Errorf("first process sent %q", got)
	}
	if got := second.all(); !slices.Equal(got, []string{"desk#1", "desk#2"}) {
		t.Errorf("second process sent %q, want parts 2 and 3 only", got)
	}
	all := []string{"desk#0", "desk#1", "desk#2"}
	if r := rep.of("r"); len(r) != 1 || r[0].Failure != dispatch.Delivered || !slices.Equal(r[0].IDs, all) {
		t.Errorf("reports %+v, want delivered with the ids of all three parts", r)
	}
	// The Trail is written by the round trip that ends the visit.
	waitFor(t, "the trail", func() bool {
		ids, _ := f.rdb.LRange(ctx, f.keys.ContactKey(c.Key(), "trail"), 0, -1).Result()
		slices.Sort(ids)
		return strings.Join(ids, ",") == strings.Join(all, ",")
	})
}
