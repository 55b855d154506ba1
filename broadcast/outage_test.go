package broadcast_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/broadcast"
	"frontdoor/internal/conf"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// TestOutageTwoRunnersEachOnce: Telegram answers 500 to every send for 20
// simulated seconds while two processes send one campaign through the
// real adapter. The channel pauses (for both), nobody is failed for the
// outage, and when it is over every recipient has the notice exactly once;
// the one who blocked the bot is failed, and only that one.
func TestOutageTwoRunnersEachOnce(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	testOutageTwoRunners(t, rdb, keys)
}

func testOutageTwoRunners(t *testing.T, rdb redis.UniversalClient, keys store.Keys) {
	ctx := context.Background()
	pace := &clock{t: simStart()}
	srv := telegramtest.NewServer(t, telegramtest.WithClock(pace.Now))
	// Two workers each: four sends in flight meet each round of the
	// outage, and the pause doubles every round (2, 4, 8, 16 s), so far
	// fewer than the 40 recipients meet it.
	cfg := broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: 2}
	f := newFixtureOn(t, rdb, keys, cfg, nil, pace)
	// Nothing crashes here: a campaign ends once every send is recorded,
	// and the grace for the sends of a dead process never comes into it
	// (a send still under way in the other process when the queue
	// empties may yet put its recipient back).
	runner := func() *broadcast.Service {
		return broadcast.New(rdb, keys, cfg, route{"telegram": newTelegram(t, srv)},
			broadcast.Options{Clock: f.now.Now, Tick: 20 * time.Millisecond, Pacing: pace, InFlightGrace: time.Hour})
	}
	f.svc = runner()
	other := runner()
	const n = 40
	for i := range n {
		f.subscribe(t, tg(i+1), "it", "jobs")
	}
	srv.Block(3)
	srv.FailFor("sendMessage", 500, "Internal Server Error", 20*time.Second)
	if err := f.svc.Create(ctx, campaign("outage", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "outage"); err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); other.Run(rctx) }()
	r := f.run(t, "outage", 60*time.Second)
	cancel()
	wg.Wait()

	failed5xx, blocked, perChat := 0, 0, map[int64]int{}
	for _, c := range srv.Calls("sendMessage") {
		switch {
		case c.OK():
			perChat[c.ChatID]++
		case c.Code == 500:
			failed5xx++
		case c.Code == 403:
			blocked++
		}
	}
	t.Logf("500s answered: %d; report %+v", failed5xx, r)
	if failed5xx == 0 {
		t.Fatal("no send met the outage")
	}
	// Without the pause every recipient would meet it: at 100/s the
	// queue is through in less than a simulated second of the 20.
	if failed5xx >= n {
		t.Fatalf("%d sends met the outage, of %d recipients: the channel did not pause", failed5xx, n)
	}
	for i := range n {
		id := int64(i + 1)
		want := 1
		if id == 3 {
			want = 0
		}
		if perChat[id] != want {
			t.Errorf("chat %d got the notice %d times, want %d", id, perChat[id], want)
		}
	}
	if blocked != 1 {
		t.Errorf("the blocked chat was tried %d times, want once", blocked)
	}
	if r.Sent != n-1 || r.Failed[broadcast.ReasonBlocked] != 1 || r.Done() != n || r.Unknown != 0 || r.InFlight != 0 || r.Pending != 0 {
		t.Fatalf("report %+v: want %d sent, 1 blocked, nothing failed for the outage", r, n-1)
	}
}

// TestLongRetryAfterPausesTheChannel: a 429 asking to wait 70 s (longer
// than the adapter's own wait) pauses the channel for every process, the
// recipient waits in the queue, nobody is failed, and the campaign's
// report says until when and why, on Redis' clock as in production.
// The pause is checked as it was set, 70 s from the moment of the refusal
// (its since, which lies between two readings of Redis' clock around the
// send), not by the time left when the test gets to look: that was a
// timing assertion, which a slow machine failed.
func TestLongRetryAfterPausesTheChannel(t *testing.T) {
	ctx := context.Background()
	srv := telegramtest.NewServer(t)
	f := newFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: 1},
		map[string]bot.Sender{"telegram": newTelegram(t, srv)})
	for i := range 5 {
		f.subscribe(t, tg(i+1), "it", "jobs")
	}
	srv.TooManyRequests("sendMessage", 1, 70)
	before, err := f.rdb.Time(ctx).Result()
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Create(ctx, campaign("slow", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "slow"); err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- f.svc.Run(rctx) }()
	defer func() { cancel(); <-done }()
	var r broadcast.Report
	deadline := time.Now().Add(15 * time.Second)
	for {
		var err error
		if r, err = f.svc.Report(ctx, "slow"); err != nil {
			t.Fatal(err)
		}
		if len(r.Paused) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no pause in the report after a 429 of 70 s: %+v", r)
		}
		time.Sleep(10 * time.Millisecond)
	}
	after, err := f.rdb.Time(ctx).Result()
	if err != nil {
		t.Fatal(err)
	}
	// The scripts keep the times as milliseconds with three decimals, in
	// floating point: a few microseconds of rounding are no error, a pause
	// of the wrong length is off by seconds.
	const slack = time.Millisecond
	p := r.Paused[0]
	if p.Channel != "telegram" || p.Reason != broadcast.PauseRateLimited {
		t.Fatalf("pause %+v, want telegram rate-limited", p)
	}
	if p.Since.Before(before.Add(-slack)) || p.Since.After(after.Add(slack)) {
		t.Errorf("the pause began at %v, not between the campaign's start (%v) and the report (%v)", p.Since, before, after)
	}
	if d := p.Until.Sub(p.Since); d < 70*time.Second-slack || d > 70*time.Second+slack {
		t.Errorf("the pause holds %v from its beginning, want the 70 s the platform asked for", d)
	}
	// A few more rounds of Run: nothing else goes out meanwhile.
	for start := f.svc.Polls(); f.svc.Polls() < start+5; {
		time.Sleep(10 * time.Millisecond)
	}
	if r, _ = f.svc.Report(ctx, "slow"); r.Done() != 0 || r.Pending != 5 || r.InFlight != 0 {
		t.Fatalf("report during the pause %+v: want all 5 waiting, none failed", r)
	}
	if calls := srv.Calls("sendMessage"); len(calls) != 1 {
		t.Fatalf("%d sends during the pause, want only the refused one", len(calls))
	}
	// Another process gets no token before the pause ends.
	other := broadcast.New(f.rdb, f.keys, broadcast.Config{Rates: map[string]float64{"telegram": 100}}, nil, broadcast.Options{})
	tctx, tcancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer tcancel()
	if ok, _ := other.TakeToken(tctx, "telegram"); ok {
		t.Fatal("another process got a token during the pause")
	}
}

// countingSender counts the sends per contact and fails the chosen ones.
type countingSender struct {
	mu    sync.Mutex
	tries map[string]int
	fail  map[string]error
}

func (s *countingSender) Send(_ context.Context, to bot.Contact, _ bot.Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tries[to.ID]++
	return s.fail[to.ID]
}

// TestNoAnswerIsUnknownNotResent: a send that ends without an answer from
// the platform (a timeout) may have been delivered: it is recorded as
// unknown and never tried again, a refused notice fails that recipient
// only, one that never left (Redis away before it) waits and goes, and
// the rest of the campaign goes out.
func TestNoAnswerIsUnknownNotResent(t *testing.T) {
	ctx := context.Background()
	snd := &countingSender{tries: map[string]int{}, fail: map[string]error{
		"2": context.DeadlineExceeded,
		"4": errors.Join(bot.ErrRejected, errors.New("bad request")),
	}}
	// Contact 6 is not sent the first time (Redis away before the send):
	// it waits in the queue and gets the notice after.
	notSent := bot.SenderFunc(func(ctx context.Context, to bot.Contact, r bot.Reply) error {
		snd.mu.Lock()
		first := to.ID == "6" && snd.tries["6-held"] == 0
		if first {
			snd.tries["6-held"]++
		}
		snd.mu.Unlock()
		if first {
			return fmt.Errorf("%w: checking whether %s is reachable: connection refused", bot.ErrNotSent, to)
		}
		return snd.Send(ctx, to, r)
	})
	pace := &clock{t: simStart()}
	f := newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: 1},
		map[string]bot.Sender{"telegram": notSent}, pace)
	f.startJobs(t, "quiet", 6)
	r := f.run(t, "quiet", 20*time.Second)
	snd.mu.Lock()
	defer snd.mu.Unlock()
	for i := range 6 {
		if id := tg(i + 1).ID; snd.tries[id] != 1 {
			t.Errorf("contact %s tried %d times, want once", id, snd.tries[id])
		}
	}
	if r.Sent != 4 || r.Unknown != 1 || r.Failed[broadcast.ReasonError] != 1 || r.Done() != 6 {
		t.Fatalf("report %+v: want 4 sent, 1 unknown, 1 error", r)
	}
	var rows [][]string
	if err := f.svc.WriteCSV(ctx, "quiet", csvRows{&rows}); err != nil {
		t.Fatal(err)
	}
	outcomes := map[string]int{}
	for _, row := range rows[1:] {
		outcomes[row[2]]++
	}
	if outcomes["sent"] != 4 || outcomes["unknown"] != 1 || outcomes["error"] != 1 {
		t.Fatalf("CSV outcomes %v", outcomes)
	}
}

// failNth answers 5xx (the platform took nothing) to every send to the
// nth contact it is asked to send to, after limited 429s, and delivers to
// the others. Which
// recipient fails is set by the order of the sends (one worker), not by a
// contact id: the queue's order is the topic set's SSCAN order, which
// Redis does not define (before 7.2 a small set of strings is a hash
// table ordered by a seed drawn at each server start).
type failNth struct {
	nth     int
	limited int
	mu      sync.Mutex
	order   []string // contacts, in the order of their first send
	tries   map[string]int
}

func (s *failNth) Send(_ context.Context, to bot.Contact, _ bot.Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tries[to.ID] == 0 {
		s.order = append(s.order, to.ID)
	}
	s.tries[to.ID]++
	if len(s.order) >= s.nth && s.order[s.nth-1] == to.ID {
		if s.tries[to.ID] <= s.limited {
			return &bot.RetryAfterError{After: time.Second}
		}
		return serverError(to)
	}
	return nil
}

func serverError(to bot.Contact) error {
	return fmt.Errorf("telegram: send to %s: %w: Bot API server error (500)", to.ID, bot.ErrUnavailable)
}

// TestRecipientAlways5xxFailsAlone: a recipient the platform always
// answers 5xx (took nothing) while it delivers to the others is failed
// (error) after its attempts, and the campaign ends: never put back for
// good, pausing the channel for everyone again and again. First in the
// queue, it is compared with the others delivered after it; last, with
// nobody left to compare with (an outage that began with it would look
// the same), it is given twice its attempts; 429s before (the channel
// rate limited) are not counted in them. The last one waited for
// ever (retried about every 5 minutes of the simulated clock, which ran
// months ahead), as it did whenever Redis happened to queue it last.
func TestRecipientAlways5xxFailsAlone(t *testing.T) {
	const n, attempts = 4, 2
	for _, tc := range []struct {
		name    string
		nth     int // which recipient sent to fails
		limited int // 429s it is answered before the 5xx
		// tries it is given: first, at the head of the queue until
		// its attempts, then one more after the others, who are
		// delivered meanwhile, and one more: one gap with deliveries
		// between its failures is not enough (givenUp asks for two in
		// a row), so it is then the last one left; last, twice its
		// attempts.
		tries int
	}{
		{"first", 1, 0, 2 * attempts},
		{"last", n, 0, 2 * attempts},
		{"last after 429s", n, 2 * attempts, 2*attempts + 2*attempts},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			snd := &failNth{nth: tc.nth, limited: tc.limited, tries: map[string]int{}}
			// The count of tries is what is checked here: the time bound
			// of the last ones left (GiveUpAfter, checked by
			// TestLastRefusedRecipientWaitsThenEnds) is out of its way.
			f := newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: 1, Attempts: attempts,
				GiveUpAfter: conf.Duration(time.Millisecond)},
				map[string]bot.Sender{"telegram": snd}, nil)
			f.startJobs(t, "lone", n)
			r := f.run(t, "lone", 20*time.Second)
			snd.mu.Lock()
			defer snd.mu.Unlock()
			if len(snd.order) != n {
				t.Fatalf("sent to %v, want %d recipients", snd.order, n)
			}
			lone := snd.order[tc.nth-1]
			if r.Sent != n-1 || r.Failed[broadcast.ReasonError] != 1 || r.Done() != n || r.Pending != 0 || r.InFlight != 0 {
				t.Fatalf("report %+v: want %d sent and 1 error", r, n-1)
			}
			if k := snd.tries[lone]; k != tc.tries {
				t.Errorf("contact %s (failing) tried %d times, want %d (Attempts %d)", lone, k, tc.tries, attempts)
			}
			for _, id := range snd.order {
				if id != lone && snd.tries[id] != 1 {
					t.Errorf("contact %s tried %d times, want once", id, snd.tries[id])
				}
			}
			var rows [][]string
			if err := f.svc.WriteCSV(ctx, "lone", csvRows{&rows}); err != nil {
				t.Fatal(err)
			}
			errs := 0
			for _, row := range rows[1:] {
				if row[2] == broadcast.ReasonError {
					errs++
				}
			}
			if errs != 1 {
				t.Errorf("CSV: %d recipients failed (error), want 1: %v", errs, rows)
			}
		})
	}
}

// TestRecipientFailsWhileAnotherCampaignDelivers: the only recipient of a
// campaign, whom the platform always answers 5xx, is failed, and its
// campaign ends, while another campaign on the channel delivers between
// its first two failures. (One such gap is not enough, givenUp asks for
// two in a row: it is failed as the last one left, after twice its
// attempts.)
func TestRecipientFailsWhileAnotherCampaignDelivers(t *testing.T) {
	ctx := context.Background()
	const attempts = 2
	lone := tg(99)
	firstFailure := make(chan struct{}) // closed at the lone recipient's first failure
	othersDone := make(chan struct{})   // closed when the other campaign ended
	var mu sync.Mutex
	tries := 0
	snd := bot.SenderFunc(func(ctx context.Context, to bot.Contact, _ bot.Reply) error {
		if to != lone {
			return nil
		}
		mu.Lock()
		tries++
		k := tries
		mu.Unlock()
		switch k {
		case 1:
			close(firstFailure)
		case 2:
			// Its second try fails after the other campaign delivered.
			select {
			case <-othersDone:
			case <-ctx.Done():
			}
		}
		return serverError(to)
	})
	// The count of tries is checked, not the time bound (GiveUpAfter).
	f := newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: 1, Attempts: attempts,
		GiveUpAfter: conf.Duration(time.Millisecond)},
		map[string]bot.Sender{"telegram": snd}, nil)
	f.subscribe(t, lone, "it", "health")
	for i := range 3 {
		f.subscribe(t, tg(i+1), "it", "jobs")
	}
	for _, id := range []string{"alone", "others"} {
		topic := map[string]string{"alone": "health", "others": "jobs"}[id]
		if err := f.svc.Create(ctx, campaign(id, topic)); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.Start(ctx, "alone"); err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- f.svc.Run(rctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	select {
	case <-firstFailure:
	case <-time.After(20 * time.Second):
		t.Fatal("the lone recipient was not sent to")
	}
	if err := f.svc.Start(ctx, "others"); err != nil {
		t.Fatal(err)
	}
	if r := waitStatus(t, f.svc, "others", broadcast.StatusDone, 20*time.Second); r.Sent != 3 {
		t.Fatalf("other campaign: %+v, want 3 sent", r)
	}
	close(othersDone)
	r := waitStatus(t, f.svc, "alone", broadcast.StatusDone, 20*time.Second)
	if r.Failed[broadcast.ReasonError] != 1 || r.Done() != 1 {
		t.Fatalf("report %+v: want its one recipient failed (error)", r)
	}
	mu.Lock()
	defer mu.Unlock()
	// The other campaign delivered in one gap between its failures at
	// most: givenUp asks for two in a row, so it is failed as the last
	// one left of its campaign, after twice its attempts, not for ever
	// put back.
	if tries != 2*attempts {
		t.Errorf("tried %d times, want %d (twice its attempts)", tries, 2*attempts)
	}
}

// outageCampaign sends a campaign of n recipients on telegram, with
// workers workers and attempts attempts, while the platform is down for
// the first hour of simulated time: send answers as the platform does,
// told whether it is down (it may also hold a send, or deliver one during
// the outage). The outage must fail nobody: once it is over everyone has
// the notice. It returns the report for the test's own checks.
func outageCampaign(t *testing.T, id string, n, workers, attempts int, send func(f *fixture, ctx context.Context, to bot.Contact, down bool) error) broadcast.Report {
	t.Helper()
	pace := &clock{t: simStart()}
	end := simStart().Add(time.Hour)
	var f *fixture
	snd := bot.SenderFunc(func(ctx context.Context, to bot.Contact, _ bot.Reply) error {
		return send(f, ctx, to, pace.Now().Before(end))
	})
	f = newPacedFixture(t, broadcast.Config{Rates: map[string]float64{"telegram": 100}, Share: 1, Workers: workers, Attempts: attempts},
		map[string]bot.Sender{"telegram": snd}, pace)
	f.startJobs(t, id, n)
	r := f.run(t, id, 30*time.Second)
	if r.Sent != n || r.Done() != n || r.Failed[broadcast.ReasonError] != 0 || r.Unknown != 0 {
		t.Errorf("report %+v: want all %d sent after the outage, none failed", r, n)
	}
	return r
}

// alwaysDown answers 5xx to everyone while the platform is down, counting
// per contact the sends failed and those delivered after.
type alwaysDown struct {
	mu                sync.Mutex
	failed, delivered map[string]int
}

func (a *alwaysDown) send(_ *fixture, _ context.Context, to bot.Contact, down bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if down {
		a.failed[to.ID]++
		return serverError(to)
	}
	a.delivered[to.ID]++
	return nil
}

// TestOutageGivesUpNobody: the platform answers 5xx to everyone for an
// hour of simulated time, then recovers. The channel pauses and resumes;
// each recipient meets the outage more than twice its attempts, yet
// nobody is failed (nothing was delivered, and the others wait in the
// queue: an outage, not one recipient's trouble), and everyone gets the
// notice once it is over.
func TestOutageGivesUpNobody(t *testing.T) {
	testOutageGivesUpNobody(t, 1)
}

// TestOutageGivesUpNobodyManyWorkers is TestOutageGivesUpNobody with as
// many workers as recipients (the default is 8 per process): after each
// pause every worker claims a recipient at once, so the queue is empty
// while they are all in flight, and givenUp's "nobody else waits in the
// queue" holds for whoever fails first in a round although the others
// are failing alongside. An outage must still fail nobody.
func TestOutageGivesUpNobodyManyWorkers(t *testing.T) {
	testOutageGivesUpNobody(t, 3)
}

func testOutageGivesUpNobody(t *testing.T, workers int) {
	const n, attempts = 3, 2
	a := &alwaysDown{failed: map[string]int{}, delivered: map[string]int{}}
	r := outageCampaign(t, "outage", n, workers, attempts, a.send)
	a.mu.Lock()
	defer a.mu.Unlock()
	t.Logf("failed sends during the outage: %v; delivered %v; report %+v", a.failed, a.delivered, r)
	for i := range n {
		id := tg(i + 1).ID
		if a.failed[id] < 2*attempts {
			t.Errorf("contact %s met the outage %d times: too few to tell that nobody is given up after twice the attempts", id, a.failed[id])
		}
		if a.delivered[id] != 1 {
			t.Errorf("contact %s got the notice %d times, want once", id, a.delivered[id])
		}
	}
}

// TestOutageStartingMidBatchGivesUpNobody: an outage begins while two
// sends are in flight; the platform answers 5xx to the first and still
// delivers the second (the last one through), then fails everyone for an
// hour of simulated time. The delivery came after the first recipient's
// first failure, so givenUp's "the channel delivered since its first"
// held for ever after, and that recipient was failed after its attempts
// although the channel is down for everyone: "nobody is failed because
// the channel was down" (Config.Attempts) did not hold.
func TestOutageStartingMidBatchGivesUpNobody(t *testing.T) {
	const n, attempts = 4, 2
	var mu sync.Mutex
	var order []string
	tries, delivered := map[string]int{}, map[string]bool{}
	secondTry := make(chan struct{}) // closed at the first recipient's second send
	r := outageCampaign(t, "midbatch", n, 2, attempts, func(_ *fixture, ctx context.Context, to bot.Contact, down bool) error {
		mu.Lock()
		if tries[to.ID] == 0 {
			order = append(order, to.ID)
		}
		tries[to.ID]++
		k, pos := tries[to.ID], slices.Index(order, to.ID)
		mu.Unlock()
		switch {
		case pos == 1 && k == 1:
			// In flight when the outage begins; delivered after the
			// first recipient's first failure was counted.
			select {
			case <-secondTry:
			case <-ctx.Done():
			}
			mu.Lock()
			delivered[to.ID] = true
			mu.Unlock()
			return nil
		case pos == 0 && k == 2:
			close(secondTry)
		}
		if down {
			return serverError(to)
		}
		mu.Lock()
		delivered[to.ID] = true
		mu.Unlock()
		return nil
	})
	mu.Lock()
	defer mu.Unlock()
	t.Logf("order %v, tries %v; report %+v", order, tries, r)
	if k := tries[order[0]]; !delivered[order[0]] && k < 2*attempts {
		// Fewer than twice its attempts: only the "delivers to others"
		// rule can have failed it (the empty-queue rule needs twice).
		t.Errorf("contact %s, first to fail, given up after %d tries during the outage: one delivery in flight at its start counts as the channel delivering", order[0], k)
	}
}
