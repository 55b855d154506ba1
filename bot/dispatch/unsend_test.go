package dispatch_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// unsender sends each reply in parts (one per line), keeping their ids in
// the trail as the channels do, and takes messages back by id; fail
// answers the n-th call to Unsend (from 1).
type unsender struct {
	trail *dispatch.Trail
	mu    sync.Mutex
	n     int
	tries int
	taken []string
	fail  func(n int) error
}

func (u *unsender) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	var ids []string
	u.mu.Lock()
	for range strings.Split(r.Text, "\n") {
		u.n++
		ids = append(ids, fmt.Sprintf("p%d", u.n))
	}
	u.mu.Unlock()
	return u.trail.Add(ctx, to, ids...)
}

func (u *unsender) Unsend(_ context.Context, _ bot.Contact, ids []string) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.tries++
	if u.fail != nil {
		if err := u.fail(u.tries); err != nil {
			return err
		}
	}
	u.taken = append(u.taken, ids...)
	return nil
}

func (u *unsender) took() []string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return slices.Clone(u.taken)
}

// TestUnsendTakesBackADeliveredReply: the report of a delivered Outbound
// reply names its platform ids (each part of it, as the channel kept them),
// and an Outbound Unsend of them reaches the channel's Unsend in the
// contact's turn, with its own report: delivered, refused by the platform,
// tried again after a passing fault, or refused at once by a channel that
// cannot take messages back.
func TestUnsendTakesBackADeliveredReply(t *testing.T) {
	tests := []struct {
		name     string
		canTake  bool
		fail     func(n int) error
		want     dispatch.Failure
		wantTook []string
	}{
		{"taken back", true, nil, dispatch.Delivered, []string{"p2", "p3"}},
		{"after a passing fault", true, func(n int) error {
			if n == 1 {
				return errors.New("whatsapp: not connected")
			}
			return nil
		}, dispatch.Delivered, []string{"p2", "p3"}},
		{"refused by the platform", true, func(int) error { return fmt.Errorf("telegram: %w: message can't be deleted", bot.ErrRejected) },
			dispatch.FailRejected, nil},
		{"a channel that cannot", false, nil, dispatch.FailUnsupported, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			un := &unsender{trail: dispatch.NewTrail(f.rdb, f.keys, time.Hour), fail: tt.fail}
			var sender bot.Sender = un
			if !tt.canTake {
				sender = sendOnly{un}
			}
			rep := &reports{}
			d := f.dispatcher(f.rdb, dispatch.Options{Trail: un.trail, SendAttempts: 3, RetryPause: 10 * time.Millisecond,
				Senders: map[string]bot.Sender{"test": sender}, Reporters: []dispatch.DeliveryReporter{rep}})
			start(t, d)
			ctx := context.Background()
			c := msg("7", "", "").Contact
			ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
			for i, text := range []string{"one part", "two\nparts"} {
				if err := ob.Send(ctx, c, outbound(text, fmt.Sprintf("r%d", i+1))); err != nil {
					t.Fatal(err)
				}
			}
			waitFor(t, "the reports", func() bool { return len(rep.of("r2")) > 0 })
			if got := rep.of("r1")[0].IDs; !slices.Equal(got, []string{"p1"}) {
				t.Errorf("first reply reported with ids %q, want p1", got)
			}
			ids := rep.of("r2")[0].IDs
			if !slices.Equal(ids, []string{"p2", "p3"}) {
				t.Fatalf("second reply reported with ids %q, want its two parts p2 p3", ids)
			}
			if err := ob.Send(ctx, c, dispatch.Outbound{Unsend: ids, From: "test", Ref: "u2"}); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the report of the unsend", func() bool { return len(rep.of("u2")) > 0 })
			got := rep.of("u2")[0]
			if got.Failure != tt.want {
				t.Errorf("unsend reported %+v, want failure %q", got, tt.want)
			}
			if took := un.took(); !slices.Equal(took, tt.wantTook) {
				t.Errorf("took back %q, want %q", took, tt.wantTook)
			}
		})
	}
}

// sendOnly hides the Unsend of a channel.
type sendOnly struct{ s bot.Sender }

func (s sendOnly) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	return s.s.Send(ctx, to, r)
}

// partSender sends each reply in parts (one per line), keeping their ids
// in the trail as the channels do; its first send of a reply fails after
// failAfter parts, as a connection lost between two parts. A retry then
// resumes at the failed part (WhatsApp, which chose the parts' ids before
// sending) or sends the whole reply again (Telegram).
type partSender struct {
	trail     *dispatch.Trail
	failAfter int
	resume    bool
	mu        sync.Mutex
	n         int
	done      map[string]int // parts of a reply that went out, by text
	failed    bool
}

func (p *partSender) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	p.mu.Lock()
	if p.done == nil {
		p.done = map[string]int{}
	}
	parts := strings.Split(r.Text, "\n")
	from := 0
	if p.resume {
		from = p.done[r.Text]
	}
	var ids []string
	var err error
	for i := from; i < len(parts); i++ {
		if !p.failed && i == p.failAfter {
			p.failed = true
			err = errors.New("whatsapp: connection lost")
			break
		}
		p.n++
		ids = append(ids, fmt.Sprintf("p%d", p.n))
		p.done[r.Text] = i + 1
	}
	p.mu.Unlock()
	if aerr := p.trail.Add(ctx, to, ids...); aerr != nil {
		return aerr
	}
	return err
}

func (p *partSender) Unsend(context.Context, bot.Contact, []string) error { return nil }

// TestReportNamesThePartsOfEveryRound: a reply whose second part failed,
// postponed to a later delivery round, is reported with the ids of every
// part that reached the person, those of the first round included, so
// that taking it back leaves none on their phone; whether the channel
// resumes at the failed part or sends the reply again.
func TestReportNamesThePartsOfEveryRound(t *testing.T) {
	tests := []struct {
		name   string
		resume bool
		want   []string
	}{
		{"resumed at the failed part", true, []string{"p1", "p2", "p3"}},
		{"sent again whole", false, []string{"p1", "p2", "p3", "p4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			ps := &partSender{trail: dispatch.NewTrail(f.rdb, f.keys, time.Hour), failAfter: 1, resume: tt.resume}
			rep := &reports{}
			// One attempt a round: the failure postpones the reply to the
			// next round, after the lease.
			d := f.dispatcher(f.rdb, dispatch.Options{Trail: ps.trail, SendAttempts: 1, Lease: 200 * time.Millisecond,
				Senders: map[string]bot.Sender{"test": ps}, Reporters: []dispatch.DeliveryReporter{rep}})
			start(t, d)
			ctx := context.Background()
			c := msg("8", "", "").Contact
			ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil)
			if err := ob.Send(ctx, c, outbound("one\ntwo\nthree", "r1")); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the report", func() bool { return len(rep.of("r1")) > 0 })
			got := rep.of("r1")
			if len(got) != 1 || got[0].Failure != dispatch.Delivered {
				t.Fatalf("reports %+v, want one, delivered", got)
			}
			if !slices.Equal(got[0].IDs, tt.want) {
				t.Errorf("reported ids %q, want every part that went out, %q", got[0].IDs, tt.want)
			}
		})
	}
}
