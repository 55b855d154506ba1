package broadcast_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/broadcast"
	"frontdoor/internal/conf"
)

// TestTwoRecipientsAlways5xxCampaignEnds: the last two recipients of a
// campaign, everyone else delivered, are two the platform always
// answers 5xx. Each was counted as "someone else still queued or in
// flight" for the other, so neither was ever the last one left: both
// were put back for good, pausing the channel again and again, and the
// campaign never ended. They are failed (error), the others sent once.
// The two are the last sent to (the queue's order is Redis' SSCAN
// order), not chosen by id.
func TestTwoRecipientsAlways5xxCampaignEnds(t *testing.T) {
	const n, attempts = 6, 2
	var mu sync.Mutex
	var order []string
	tries := map[string]int{}
	snd := bot.SenderFunc(func(_ context.Context, to bot.Contact, _ bot.Reply) error {
		mu.Lock()
		defer mu.Unlock()
		if tries[to.ID] == 0 {
			order = append(order, to.ID)
		}
		tries[to.ID]++
		if slices.Index(order, to.ID) >= n-2 {
			return serverError(to)
		}
		return nil
	})
	// Two workers: the two failing recipients are often in flight
	// together, each the other's "someone else in flight".
	f := newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: 2, Attempts: attempts},
		map[string]bot.Sender{"telegram": snd}, nil)
	f.startJobs(t, "pair", n)
	r := f.run(t, "pair", 20*time.Second)
	mu.Lock()
	defer mu.Unlock()
	t.Logf("order %v, tries %v", order, tries)
	if r.Sent != n-2 || r.Failed[broadcast.ReasonError] != 2 || r.Done() != n || r.Pending != 0 || r.InFlight != 0 {
		t.Fatalf("report %+v: want %d sent and 2 failed (error)", r, n-2)
	}
	for i, id := range order {
		switch {
		case i >= n-2 && tries[id] < attempts:
			t.Errorf("contact %s (failing) given up after %d tries, fewer than its %d attempts", id, tries[id], attempts)
		case i < n-2 && tries[id] != 1:
			t.Errorf("contact %s tried %d times, want once", id, tries[id])
		}
	}
}

// TestAlways5xxLastAfterACrashCampaignEnds: a process died with a send
// of the campaign under way, which stays "sending" for good; the last
// recipient left is one the platform always answers 5xx. The dead send
// counted as someone else in flight for ever, so that recipient was
// never the last one left and the campaign never ended. It is failed,
// the others sent, the dead send left unknown.
func TestAlways5xxLastAfterACrashCampaignEnds(t *testing.T) {
	ctx := context.Background()
	const n, attempts = 5, 2
	cfg := broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: 1, Attempts: attempts}
	// One is claimed by the dead process; the last of the other four
	// sent to always fails.
	snd := &failNth{nth: n - 1, tries: map[string]int{}}
	f := newPacedFixture(t, cfg, map[string]bot.Sender{"telegram": snd}, nil)
	f.startJobs(t, "crash", n)
	// The audience is built by a process that sends nothing, and the
	// process that died took one recipient an hour ago.
	dead := broadcast.New(f.rdb, f.keys, cfg, nil, broadcast.Options{Clock: f.now.Now, Tick: 20 * time.Millisecond})
	bctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- dead.Run(bctx) }()
	waitStatus(t, dead, "crash", broadcast.StatusSending, 10*time.Second)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	it, err := dead.AbandonClaim(ctx, "crash", "telegram", time.Now().Add(-time.Hour))
	if err != nil || it == "" || strings.HasPrefix(it, "!") {
		t.Fatalf("claim = %q, %v", it, err)
	}
	r := f.run(t, "crash", 20*time.Second)
	snd.mu.Lock()
	defer snd.mu.Unlock()
	if len(snd.order) != n-1 {
		t.Fatalf("sent to %v, want the %d recipients the dead process did not take", snd.order, n-1)
	}
	lone := snd.order[n-2]
	if r.Sent != n-2 || r.Failed[broadcast.ReasonError] != 1 || r.Pending != 0 {
		t.Fatalf("report %+v: want %d sent, 1 failed (error), the dead send left in flight", r, n-2)
	}
	if k := snd.tries[lone]; k < 2*attempts {
		t.Errorf("contact %s (failing, last) tried %d times, want at least twice its attempts (%d)", lone, k, 2*attempts)
	}
}

// TestOutageTwoLateDeliveriesGivesUpNobody: an outage begins with three
// sends under way; the platform fails the first and delivers the two
// others late, one after that recipient's first failure and one after
// its second (a send may take its whole timeout, while the outage's
// pauses grow from 2 s). Those deliveries said "the channel delivered in
// two gaps in a row between its failures", so it was failed during the
// outage. Nobody is failed; everyone gets the notice once it is over.
// The deliveries are ordered by gates on the recipient's sends, not by
// time.
func TestOutageTwoLateDeliveriesGivesUpNobody(t *testing.T) {
	const n, workers, attempts = 5, 3, 2
	var (
		mu       sync.Mutex
		order    []string
		tries    = map[string]int{}
		released = [2]chan struct{}{make(chan struct{}), make(chan struct{})}
	)
	// recorded waits until the delivery to id is recorded (its last
	// step notes the campaign in the subscription, to count replies),
	// so that the next failure is counted after it whatever the
	// scheduling.
	recorded := func(f *fixture, ctx context.Context, id string) {
		key := f.keys.ContactKey(tg(0).Channel+":"+id, "bsub")
		for ctx.Err() == nil {
			v, err := f.rdb.HGet(ctx, key, "rc").Result()
			if err != nil && !errors.Is(err, redis.Nil) {
				t.Error(err)
				return
			}
			if v == "late" {
				return
			}
			time.Sleep(time.Millisecond)
		}
	}
	r := outageCampaign(t, "late", n, workers, attempts, func(f *fixture, ctx context.Context, to bot.Contact, down bool) error {
		mu.Lock()
		if tries[to.ID] == 0 {
			order = append(order, to.ID)
		}
		tries[to.ID]++
		k, pos := tries[to.ID], slices.Index(order, to.ID)
		mu.Unlock()
		switch {
		case pos == 0 && k == 1:
			// Fails once the two others are under way too.
			for {
				mu.Lock()
				started := len(order)
				mu.Unlock()
				if started >= workers || ctx.Err() != nil {
					break
				}
				time.Sleep(time.Millisecond)
			}
		case pos == 0 && (k == 2 || k == 3):
			// Its failure k-1 is recorded: delivery k-1 goes now, and
			// this send fails once it is recorded.
			close(released[k-2])
			mu.Lock()
			late := order[k-1]
			mu.Unlock()
			recorded(f, ctx, late)
		case (pos == 1 || pos == 2) && k == 1:
			select {
			case <-released[pos-1]:
			case <-ctx.Done():
			}
			return nil
		}
		if down {
			return serverError(to)
		}
		return nil
	})
	mu.Lock()
	defer mu.Unlock()
	t.Logf("order %v, tries %v; report %+v", order, tries, r)
	if len(order) != n {
		t.Fatalf("sent to %v, want %d recipients", order, n)
	}
	if k := tries[order[0]]; k <= 2*attempts {
		t.Errorf("contact %s met the outage %d times: too few to tell that it is not given up", order[0], k)
	}
}

// TestLastRefusedRecipientWaitsThenEnds: the last recipient of a
// campaign, whom the platform always answers 5xx, with nothing to tell
// that from an outage, is failed only once its first 5xx is older than
// GiveUpAfter (6 h by default, on the simulated pacing clock), not after
// twice its attempts (about a quarter of an hour of pauses); meanwhile
// the campaign says it waits on refused recipients, since when and
// until when at the latest; the mark goes when it ends.
func TestLastRefusedRecipientWaitsThenEnds(t *testing.T) {
	ctx := context.Background()
	const n, attempts = 3, 2
	pace := &clock{t: simStart()}
	var (
		f        *fixture
		mu       sync.Mutex
		order    []string
		at       []time.Time // the refused one's tries, on the pacing clock
		seen     broadcast.Report
		hasSeen  bool
		seenErr  error
		seenTime time.Time
	)
	snd := bot.SenderFunc(func(ctx context.Context, to bot.Contact, _ bot.Reply) error {
		mu.Lock()
		defer mu.Unlock()
		if !slices.Contains(order, to.ID) {
			order = append(order, to.ID)
		}
		if slices.Index(order, to.ID) != n-1 {
			return nil
		}
		now := pace.Now()
		at = append(at, now)
		// An hour into its refusals: long past twice its attempts.
		if !hasSeen && now.Sub(at[0]) >= time.Hour {
			hasSeen, seenTime = true, now
			seen, seenErr = f.svc.Report(ctx, "stall")
		}
		return serverError(to)
	})
	f = newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: 1, Attempts: attempts},
		map[string]bot.Sender{"telegram": snd}, pace)
	f.startJobs(t, "stall", n)
	r := f.run(t, "stall", 30*time.Second)
	mu.Lock()
	defer mu.Unlock()
	t.Logf("%d tries of the refused one over %s (simulated); report %+v", len(at), at[len(at)-1].Sub(at[0]), r)
	if r.Sent != n-1 || r.Failed[broadcast.ReasonError] != 1 || r.Done() != n || r.Pending != 0 {
		t.Fatalf("report %+v: want %d sent and the refused one failed (error)", r, n-1)
	}
	giveUp := at[0].Add(6 * time.Hour)
	if len(at) < 2 || !at[len(at)-2].Before(giveUp) || at[len(at)-1].Before(giveUp) {
		t.Errorf("tries at %v: want it failed at its first try 6 h after its first 5xx (%v)", at, giveUp)
	}
	if !hasSeen || seenErr != nil {
		t.Fatalf("the report was not read during the wait (%v, %v)", hasSeen, seenErr)
	}
	if seen.Status != broadcast.StatusSending || len(seen.Refusing) != 1 {
		t.Fatalf("an hour into its refusals the report says %+v: want it waiting on refused recipients of telegram", seen)
	}
	w := seen.Refusing[0]
	if w.Channel != "telegram" || w.Since.Before(at[0]) || w.Since.After(seenTime) || w.Until.Before(at[len(at)-1]) {
		t.Errorf("waiting %+v: want telegram, since between its first 5xx (%v) and now (%v), until no earlier than it was failed (%v)", w, at[0], seenTime, at[len(at)-1])
	}
	meta, err := f.rdb.HGetAll(ctx, f.keys.Global("bc:{stall}:meta")).Result()
	if err != nil {
		t.Fatal(err)
	}
	for k := range meta {
		if strings.HasPrefix(k, "refused:") {
			t.Errorf("the ended campaign still says it waits on refused recipients: %s = %s", k, meta[k])
		}
	}
}

// TestRefusedRecipientTriedAtLeastEveryOutagePause: a recipient the
// platform always answers 5xx, the campaign's only one, is tried again
// at the end of each of the channel's pauses, so never more than an
// outage's longest pause (5 min) after its last try on the pacing clock,
// however many workers wait out the pause beside the pacer; and so it
// is failed at its first try past give_up_after, before the Until the
// console shows (GiveUpAfter and that longest pause later). Each worker
// and the pacer used to wait out the same pause for its duration, which
// the simulated clock summed: gaps of 10 min or more.
func TestRefusedRecipientTriedAtLeastEveryOutagePause(t *testing.T) {
	const longestPause = 5 * time.Minute
	giveUpAfter := time.Hour
	for _, tc := range []struct {
		name    string
		workers int
	}{
		{"one worker", 1},
		{"four workers", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var (
				mu sync.Mutex
				at []time.Time
			)
			pace := &clock{t: simStart()}
			snd := bot.SenderFunc(func(_ context.Context, to bot.Contact, _ bot.Reply) error {
				mu.Lock()
				defer mu.Unlock()
				at = append(at, pace.Now())
				return serverError(to)
			})
			f := newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: tc.workers,
				Attempts: 2, GiveUpAfter: conf.Duration(giveUpAfter)}, map[string]bot.Sender{"telegram": snd}, pace)
			f.startJobs(t, "refused", 1)
			r := f.run(t, "refused", 30*time.Second)
			mu.Lock()
			defer mu.Unlock()
			if r.Failed[broadcast.ReasonError] != 1 || r.Done() != 1 {
				t.Fatalf("report %+v: want the refused one failed (error)", r)
			}
			for i := 1; i < len(at); i++ {
				if gap := at[i].Sub(at[i-1]); gap > longestPause {
					t.Errorf("try %d came %s after the one before (%v then %v): want at most %s, an outage's longest pause", i+1, gap, at[i-1], at[i], longestPause)
				}
			}
			if last := at[len(at)-1]; last.Before(at[0].Add(giveUpAfter)) || last.After(at[0].Add(giveUpAfter+longestPause)) {
				t.Errorf("failed at its try at %v: want between %v and %v", last, at[0].Add(giveUpAfter), at[0].Add(giveUpAfter+longestPause))
			}
		})
	}
}
