package dispatch_test

// Review of shard19b (487cea83, 0eea1a58): failing tests only.

import (
	"context"
	"fmt"
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

// The rotation's bound (every shard swept within 2 leases, sweepParts
// passes of half a lease) holds only while one janitor runs: its part
// counter is the process's own, so the process that takes the lease over
// (here on a clean stop, which gives the lease up at once and adds a pass
// to the bound, half a lease, per ARCHITECTURE.md) goes on from its own
// part, not from where the last janitor stopped. With its counter two
// parts behind, the part the old janitor swept first of its last four
// waits 6 passes, 3 leases (3 parts behind, 7): a contact whose outbox
// fell due just after that sweep waits that long to be woken, and a
// crashed worker's contact longer. Sweeping every shard at the first pass
// of a new lease holder keeps the bound.
//
// The test counts passes, not time: the two janitors pass when it says
// (StepJanitor), one pass each a round as if both slept half a lease, and
// the lease (an hour) never runs out, so A holds it until its stop gives
// it up, whatever the machine's load.
func TestRevSh2SweepBoundAcrossAJanitorHandover(t *testing.T) {
	const parts = 4 // sweepParts
	for lag := range parts {
		t.Run(fmt.Sprintf("B %d parts behind", lag), func(t *testing.T) {
			f := newFixture(t)
			wa, wb := &sweepWatch{}, &sweepWatch{}
			ra, rb := storetest.ClientDialing(t, nil), storetest.ClientDialing(t, nil)
			ra.AddHook(wa)
			rb.AddHook(wb)
			a := f.dispatcher(ra, dispatch.Options{Lease: time.Hour})
			b := f.dispatcher(rb, dispatch.Options{Lease: time.Hour})
			passA, passB := a.StepJanitor(patience), b.StepJanitor(patience)
			// The round (half a lease) in which A last read each set, and
			// in which B first did.
			round := 0
			lastA, firstB := map[string]int{}, map[string]int{}
			noted := map[*sweepWatch]int{}
			note := func(w *sweepWatch, read func(k string)) {
				ps := w.passes()
				for _, p := range ps[noted[w]:] {
					for _, k := range p {
						read(k)
					}
				}
				noted[w] = len(ps)
			}
			byA := func(k string) { lastA[k] = round }
			byB := func(k string) {
				if _, ok := firstB[k]; !ok {
					firstB[k] = round
				}
			}
			pass := func(name string, step func() bool, w *sweepWatch, read func(string)) {
				t.Helper()
				if !step() {
					t.Fatalf("round %d: %s's janitor did not pass", round, name)
				}
				note(w, read)
			}
			stopA := start(t, a)
			// Round 0: A's pass at its start sweeps every shard.
			waitFor(t, "A's first pass", func() bool { return wa.count() >= 1 })
			note(wa, byA)
			// B starts lag passes after A: its part counter lags by lag.
			for round = 1; round <= lag; round++ {
				pass("A", passA, wa, byA)
			}
			start(t, b)
			// Enough rounds for A to have swept every part since B started.
			for ; round <= lag+parts; round++ {
				pass("A", passA, wa, byA)
				pass("B", passB, wb, byB)
			}
			if len(firstB) != 0 {
				t.Fatalf("B swept %d sets while A held the janitor's lease", len(firstB))
			}
			stopA()
			// B takes the lease over at its next pass; as many more as a
			// rotation takes, and one.
			for end := round + parts + 1; round < end; round++ {
				pass("B", passB, wb, byB)
			}
			worst, worstSet := -1, ""
			for s := range store.Shards {
				for _, name := range []string{"pending", "later"} {
					k := f.keys.ShardKey(s, name)
					lastSeen, okA := lastA[k]
					firstSeen, okB := firstB[k]
					if !okA || !okB {
						t.Fatalf("shard %d's %s set: swept by A %v (last in round %d), by B %v (first in round %d)", s, name, okA, lastSeen, okB, firstSeen)
					}
					if gap := firstSeen - lastSeen; gap > worst {
						worst, worstSet = gap, fmt.Sprintf("shard %d's %s set", s, name)
					}
				}
			}
			// A rotation (sweepParts passes, 2 leases), and one pass for B
			// to see the lease given up (half a lease).
			if bound := parts + 1; worst > bound {
				t.Errorf("%s went %d passes between A's last sweep and B's first: over the bound of %d (2 leases, + half a lease to take over)",
					worstSet, worst, bound)
			}
		})
	}
}
