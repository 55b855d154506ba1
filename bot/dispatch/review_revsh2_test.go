package dispatch_test

// Review of shard19b (487cea83, 0eea1a58): failing tests only.

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// The hand back's mark (hb) is written only in a contact hash that still
// exists when done runs: a done that hands back a contact whose hash is
// gone by then (its last field, the outbox, cleared by this very done, as
// for an Outbound message to a contact with no state; or deleted by the
// erasure this message asked for) writes no hb, and its second run (its
// reply lost) still finds nothing of its own: it logs a lost hold and
// pushes no signal, and the contact's next message waits for the janitor,
// a lease (an hour here).
func TestRevSh2HandBackWithoutAStateHash(t *testing.T) {
	for _, tc := range []struct {
		name string
		// feed queues a fair share (4) and one more for contact "hbx".
		feed func(t *testing.T, f *fixture, d *dispatch.Dispatcher, rdb redis.UniversalClient)
		want int // replies
	}{
		{"outbound to a contact without state", func(t *testing.T, f *fixture, _ *dispatch.Dispatcher, rdb redis.UniversalClient) {
			ob := dispatch.NewOutbox(rdb, f.keys, []string{"test"}, nil)
			for i := range 5 {
				if err := ob.Send(context.Background(), msg("hbx", "", "").Contact, dispatch.Outbound{Reply: bot.Reply{Text: fmt.Sprint("note ", i)}}); err != nil {
					t.Fatal(err)
				}
			}
		}, 5},
		{"erasure as the fair share's last", func(t *testing.T, _ *fixture, d *dispatch.Dispatcher, _ redis.UniversalClient) {
			for i, text := range []string{"m", "m", "m", "erase", "turns"} {
				if ok, err := d.Accept(context.Background(), msg("hbx", fmt.Sprint(i), text)); !ok || err != nil {
					t.Fatalf("accept %d: %v %v", i, ok, err)
				}
			}
		}, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			lr := newLostReply(t, f)
			tc.feed(t, f, lr.d, lr.rdb)
			c := msg("hbx", "", "").Contact
			if got := lr.handBack(t, c, doneHandsBack, tc.want); len(got) != tc.want {
				t.Errorf("replies = %q, want %d: the message after the hand back waits for the janitor (a lease)", got, tc.want)
			}
		})
	}
}

// passWatch records when each pass of one process's janitor read which
// shards' later sets.
type passWatch struct {
	mu     sync.Mutex
	passes []watchedPass
}

type watchedPass struct {
	at   time.Time
	keys []string
}

func (*passWatch) DialHook(next redis.DialHook) redis.DialHook          { return next }
func (*passWatch) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }

func (w *passWatch) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		var read []string
		for _, c := range cmds {
			if c.Name() == "zrangebyscore" {
				read = append(read, fmt.Sprint(c.Args()[1]))
			}
		}
		if len(read) > 0 {
			w.mu.Lock()
			w.passes = append(w.passes, watchedPass{time.Now(), read})
			w.mu.Unlock()
		}
		return next(ctx, cmds)
	}
}

func (w *passWatch) snapshot() []watchedPass {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]watchedPass(nil), w.passes...)
}

// The rotation's bound (every shard swept within 2 leases) holds only
// while one janitor runs: its part counter is the process's own, so the
// process that takes the lease over (here on a clean stop, which gives the
// lease up at once and adds nothing to the bound, per ARCHITECTURE.md)
// goes on from its own part, not from where the last janitor stopped. With
// its counter two parts behind, the part the old janitor swept first of
// its last four waits 6 half leases, 3 leases: a contact whose outbox fell
// due just after that sweep waits that long to be woken, and a crashed
// worker's contact 4 leases. Sweeping every shard at the first pass of a
// new lease holder keeps the bound.
func TestRevSh2SweepBoundAcrossAJanitorHandover(t *testing.T) {
	f := newFixture(t)
	const lease = 800 * time.Millisecond
	wa, wb := &passWatch{}, &passWatch{}
	ra, rb := storetest.ClientDialing(t, nil), storetest.ClientDialing(t, nil)
	ra.AddHook(wa)
	rb.AddHook(wb)
	a := f.dispatcher(ra, dispatch.Options{Lease: lease})
	b := f.dispatcher(rb, dispatch.Options{Lease: lease})
	stopA := start(t, a)
	waitFor(t, "A's first pass", func() bool { return len(wa.snapshot()) >= 1 })
	// B's loop two and a half passes behind A's: its part counter lags by 2.
	time.Sleep(lease + lease/4)
	start(t, b)
	time.Sleep(2 * lease)
	stopA()
	stopped := time.Now()
	waitFor(t, "B's four passes after the handover", func() bool {
		n := 0
		for _, p := range wb.snapshot() {
			if p.at.After(stopped) {
				n++
			}
		}
		return n >= 5
	})
	lastA := map[string]time.Time{}
	for _, p := range wa.snapshot() {
		for _, k := range p.keys {
			lastA[k] = p.at
		}
	}
	firstB := map[string]time.Time{}
	for _, p := range wb.snapshot() {
		for _, k := range p.keys {
			if _, ok := firstB[k]; !ok {
				firstB[k] = p.at
			}
		}
	}
	// 2 leases, and half a lease for B to see the lease given up.
	bound := 2*lease + lease/2
	worst, worstShard := time.Duration(0), -1
	for s := range store.Shards {
		k := f.keys.ShardKey(s, "later")
		if lastA[k].IsZero() || firstB[k].IsZero() {
			t.Fatalf("shard %d: not swept by A (%v) or by B (%v)", s, lastA[k], firstB[k])
		}
		if gap := firstB[k].Sub(lastA[k]); gap > worst {
			worst, worstShard = gap, s
		}
	}
	if worst > bound {
		t.Errorf("shard %d went %v between A's last sweep and B's first (lease %v): over the bound of 2 leases (+ half a lease to take over), %v",
			worstShard, worst.Round(time.Millisecond), lease, bound)
	}
}
