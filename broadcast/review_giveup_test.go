package broadcast_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/broadcast"
)

// TestTwoAlways5xxFirstOfASmallCampaignEnds: a campaign of three, sent by
// three workers at once; the platform always answers 5xx for the first
// two and delivers the third, whose answer comes after the first
// failure (an ordinary send takes longer than a refusal). That delivery
// was claimed before the failure, so it is "late" and never sets
// ontime; no other delivery follows. The two refused ones are then each
// the other's "someone else" (others = 1), neither is the last one
// left, the last-ones rule wants ontime: both are put back for ever and
// the campaign never ends, while the platform works all along.
func TestTwoAlways5xxFirstOfASmallCampaignEnds(t *testing.T) {
	const n, attempts = 3, 2
	var mu sync.Mutex
	var order []string
	tries := map[string]int{}
	snd := bot.SenderFunc(func(ctx context.Context, to bot.Contact, _ bot.Reply) error {
		mu.Lock()
		if tries[to.ID] == 0 {
			order = append(order, to.ID)
		}
		tries[to.ID]++
		pos, k := slices.Index(order, to.ID), tries[to.ID]
		mu.Unlock()
		// Every first send waits for all three to be under way.
		for k == 1 && ctx.Err() == nil {
			mu.Lock()
			started := len(order)
			mu.Unlock()
			if started >= n {
				break
			}
			time.Sleep(time.Millisecond)
		}
		if pos < 2 {
			return serverError(to)
		}
		// The delivery answers after the first refusal was recorded
		// (that recipient is being tried again).
		for ctx.Err() == nil {
			mu.Lock()
			again := tries[order[0]] >= 2
			mu.Unlock()
			if again {
				break
			}
			time.Sleep(time.Millisecond)
		}
		return nil
	})
	f := newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: n, Attempts: attempts},
		map[string]bot.Sender{"telegram": snd}, nil)
	f.startJobs(t, "small", n)
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		t.Logf("order %v, tries %v", order, tries)
	}()
	r := f.run(t, "small", 20*time.Second)
	if r.Sent != 1 || r.Failed[broadcast.ReasonError] != 2 || r.Pending != 0 {
		t.Fatalf("report %+v: want 1 sent and 2 failed (error)", r)
	}
}

// TestOutageAtTheEndOfACampaignFailsNobody: a campaign of eight delivers
// to five, then the platform goes down for everyone for an hour (the
// simulated pacing clock) with three left, all three under way at once
// (three workers). Each is refused its attempts twice over well within
// the hour (the pauses grow from 2 s), and the last-ones rule takes
// "the campaign delivered before" for "these recipients are refused":
// they are failed during the outage. They should get the notice once it
// is over, as a campaign whose outage began mid-queue (more than 64
// left) does.
func TestOutageAtTheEndOfACampaignFailsNobody(t *testing.T) {
	const n, before, workers, attempts = 8, 5, 3, 2
	pace := &clock{t: simStart()}
	var mu sync.Mutex
	var downSince time.Time
	delivered := 0
	failedDuringOutage := 0
	snd := bot.SenderFunc(func(_ context.Context, to bot.Contact, _ bot.Reply) error {
		mu.Lock()
		defer mu.Unlock()
		now := pace.Now()
		if delivered >= before && downSince.IsZero() {
			downSince = now
		}
		if !downSince.IsZero() && now.Before(downSince.Add(time.Hour)) {
			failedDuringOutage++
			return serverError(to)
		}
		delivered++
		return nil
	})
	f := newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: workers, Attempts: attempts},
		map[string]bot.Sender{"telegram": snd}, pace)
	f.startJobs(t, "endout", n)
	r := f.run(t, "endout", 30*time.Second)
	mu.Lock()
	defer mu.Unlock()
	t.Logf("refusals during the outage %d; report %+v", failedDuringOutage, r)
	if r.Sent != n || r.Failed[broadcast.ReasonError] != 0 {
		t.Fatalf("report sent %d, failed %v: want all %d sent after the outage, none failed", r.Sent, r.Failed, n)
	}
}
