package dispatch_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// recorder is a Sender that remembers every reply, per contact.
type recorder struct {
	mu      sync.Mutex
	got     map[string][]string
	fail    func(to bot.Contact, r bot.Reply) error
	arrived chan struct{}
}

func newRecorder() *recorder {
	return &recorder{got: map[string][]string{}, arrived: make(chan struct{}, 100000)}
}

func (r *recorder) Send(ctx context.Context, to bot.Contact, rep bot.Reply) error {
	if r.fail != nil {
		if err := r.fail(to, rep); err != nil {
			return err
		}
	}
	r.mu.Lock()
	r.got[to.Key()] = append(r.got[to.Key()], rep.Text)
	r.mu.Unlock()
	r.arrived <- struct{}{}
	return nil
}

func (r *recorder) replies(c bot.Contact) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.got[c.Key()]...)
}

func (r *recorder) total() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, v := range r.got {
		n += len(v)
	}
	return n
}

// echo answers "echo:<text>" and counts turns in its state; it fails the
// test if two messages of one contact are ever handled at once.
type echo struct {
	t        testing.TB
	inFlight sync.Map // contact key → *int32
	calls    atomic.Int64
	hook     func(bot.Turn) error
}

func (e *echo) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	e.calls.Add(1)
	v, _ := e.inFlight.LoadOrStore(t.Contact.Key(), new(int32))
	n := v.(*int32)
	if atomic.AddInt32(n, 1) != 1 {
		e.t.Errorf("two messages of %s handled at once", t.Contact.Key())
	}
	defer atomic.AddInt32(n, -1)
	if e.hook != nil {
		if err := e.hook(t); err != nil {
			return bot.Outcome{}, err
		}
	}
	turns, _ := strconv.Atoi(string(t.State))
	out := bot.Outcome{State: []byte(strconv.Itoa(turns + 1)), Replies: []bot.Reply{{Text: "echo:" + t.Message.Text}}}
	switch t.Message.Text {
	case "erase":
		out.Erase = true
	case "turns":
		out.Replies[0].Text = "turns:" + string(t.State)
	case "event":
		out.Events = []bot.Event{bot.HandoffRequested{Area: "legal"}}
	case "silent":
		// Nothing to send: words an operator reads, say.
		out.Replies = nil
	}
	return out, nil
}

type fixture struct {
	rdb  redis.UniversalClient
	keys store.Keys
	h    *echo
	out  *recorder
}

func newFixture(t *testing.T) *fixture {
	rdb, keys := storetest.Redis(t)
	return &fixture{rdb: rdb, keys: keys, h: &echo{t: t}, out: newRecorder()}
}

func (f *fixture) dispatcher(rdb redis.UniversalClient, o dispatch.Options) *dispatch.Dispatcher {
	if o.Senders == nil {
		o.Senders = map[string]bot.Sender{"test": f.out}
	}
	return dispatch.NewDispatcher(rdb, f.keys, f.h, o)
}

func start(t *testing.T, d *dispatch.Dispatcher) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case <-done:
			case <-time.After(patience):
				t.Errorf("dispatcher did not stop within %v", patience)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

func msg(contact, id, text string) bot.Message {
	return bot.Message{Contact: bot.Contact{Channel: "test", ID: contact}, ID: id, Text: text}
}

// patience bounds every wait of these tests for something to happen. A
// wait returns as soon as it happens, so the bound only fails a test that
// is broken, and is generous: at a load average of 20 on two cores under
// -race, a step that takes a tenth of a second took over 15 s (the
// earlier bound).
const patience = time.Minute

// waitFor polls cond until it holds or patience runs out.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// settle sends contact one more message, text, through d and waits until
// out holds the last reply to it, reply. Each contact's replies keep their
// order, so whatever d still had to send the contact (a wrong repeat
// included) has gone out by then: a test checks that nothing more came
// without waiting for it by the clock.
func settle(t *testing.T, d *dispatch.Dispatcher, out *recorder, contact, text, reply string) {
	t.Helper()
	if ok, err := d.Accept(context.Background(), msg(contact, "settle", text)); !ok || err != nil {
		t.Fatalf("accept the settling message: %v %v", ok, err)
	}
	c := msg(contact, "", "").Contact
	waitFor(t, "the answer to the settling message", func() bool { return slices.Contains(out.replies(c), reply) })
}

func TestRedeliveredMessageHandledOnce(t *testing.T) {
	f := newFixture(t)
	d := f.dispatcher(f.rdb, dispatch.Options{})
	ctx := context.Background()
	for i, want := range []bool{true, false, false} {
		got, err := d.Accept(ctx, msg("1", "m1", "hello"))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("accept #%d = %v, want %v", i+1, got, want)
		}
	}
	if ok, _ := d.Accept(ctx, msg("2", "m1", "same id, other contact")); !ok {
		t.Fatal("an id of another contact was taken for a duplicate")
	}
	start(t, d)
	waitFor(t, "two replies", func() bool { return f.out.total() == 2 })
	// A redelivery after handling is still a duplicate.
	if ok, _ := d.Accept(ctx, msg("1", "m1", "hello")); ok {
		t.Fatal("redelivery after handling accepted again")
	}
	if got := f.out.replies(msg("1", "", "").Contact); len(got) != 1 || got[0] != "echo:hello" {
		t.Fatalf("replies = %q", got)
	}
}

func TestPerContactOrderAcrossTwoDispatchers(t *testing.T) {
	f := newFixture(t)
	const contacts, perContact = 40, 25
	d1 := f.dispatcher(f.rdb, dispatch.Options{Workers: 8})
	d2 := f.dispatcher(f.rdb, dispatch.Options{Workers: 8})
	start(t, d1)
	start(t, d2)
	var wg sync.WaitGroup
	for c := range contacts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perContact {
				// Alternate the process that receives, as a load balancer would.
				d := d1
				if i%2 == 1 {
					d = d2
				}
				if _, err := d.Accept(context.Background(), msg(strconv.Itoa(c), "m"+strconv.Itoa(i), strconv.Itoa(i))); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	waitFor(t, "all replies", func() bool { return f.out.total() >= contacts*perContact })
	for c := range contacts {
		got := f.out.replies(bot.Contact{Channel: "test", ID: strconv.Itoa(c)})
		if len(got) != perContact {
			t.Fatalf("contact %d got %d replies, want %d", c, len(got), perContact)
		}
		for i, r := range got {
			if r != "echo:"+strconv.Itoa(i) {
				t.Fatalf("contact %d reply %d = %q: out of order", c, i, r)
			}
		}
	}
	if n := f.h.calls.Load(); n != contacts*perContact {
		t.Fatalf("handler called %d times, want %d", n, contacts*perContact)
	}
}

func TestStateCarriesAcrossMessages(t *testing.T) {
	f := newFixture(t)
	d := f.dispatcher(f.rdb, dispatch.Options{})
	start(t, d)
	for i, text := range []string{"a", "b", "turns"} {
		d.Accept(context.Background(), msg("7", "m"+strconv.Itoa(i), text))
	}
	waitFor(t, "3 replies", func() bool { return f.out.total() == 3 })
	if got := f.out.replies(msg("7", "", "").Contact)[2]; got != "turns:2" {
		t.Fatalf("third reply = %q, want turns:2", got)
	}
}

// crashable gives a dispatcher its own Redis connection that the test can
// cut, which is what a crashed process looks like from Redis' side.
func crashable(t *testing.T) redis.UniversalClient {
	return storetest.Client(t)
}

func TestCrashBetweenRecordAndReply(t *testing.T) {
	for _, tc := range []struct {
		name string
		// where the first process dies
		crashInSend bool
		wantHandled int64
	}{
		{"before commit: message handled again", false, 2},
		{"after commit, before send: outbox replayed, not re-handled", true, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			lease := 300 * time.Millisecond
			dying := crashable(t)
			reached := make(chan struct{})
			resume := make(chan struct{})
			var crashed atomic.Bool
			pause := func() error {
				if crashed.CompareAndSwap(false, true) {
					close(reached)
					<-resume
					return errors.New("process died")
				}
				return nil
			}
			if tc.crashInSend {
				f.out.fail = func(bot.Contact, bot.Reply) error { return pause() }
			} else {
				f.h.hook = func(bot.Turn) error { return pause() }
			}
			first := f.dispatcher(dying, dispatch.Options{Lease: lease, SendAttempts: 1})
			if ok, err := first.Accept(context.Background(), msg("9", "m1", "hi")); !ok || err != nil {
				t.Fatalf("accept: %v %v", ok, err)
			}
			stopFirst := start(t, first)
			<-reached
			dying.Close() // the process is gone: nothing more of it reaches Redis
			close(resume)
			stopFirst()

			f.out.fail = nil
			f.h.hook = nil
			second := f.dispatcher(f.rdb, dispatch.Options{Lease: lease})
			start(t, second)
			waitFor(t, "the reply after restart", func() bool { return f.out.total() >= 1 })
			settle(t, second, f.out, "9", "after", "echo:after")
			if got := f.out.replies(msg("9", "", "").Contact); strings.Join(got, ",") != "echo:hi,echo:after" {
				t.Fatalf("replies after restart = %q, want exactly one echo:hi (then the settling echo:after)", got)
			}
			if n := f.h.calls.Load(); n != tc.wantHandled+1 {
				t.Fatalf("handler ran %d times, want %d and once for the settling message", n, tc.wantHandled)
			}
		})
	}
}

func TestGracefulShutdownLosesNothing(t *testing.T) {
	f := newFixture(t)
	const n = 200
	var handled atomic.Int64
	// After 20 messages, the ones in hand are held until the stop has
	// been signalled: they must still finish, and nothing new start.
	stopping := make(chan struct{})
	f.h.hook = func(bot.Turn) error {
		if handled.Add(1) > 20 {
			<-stopping
		}
		return nil
	}
	d := f.dispatcher(f.rdb, dispatch.Options{})
	for i := range n {
		d.Accept(context.Background(), msg(strconv.Itoa(i%3), "m"+strconv.Itoa(i), strconv.Itoa(i)))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	waitFor(t, "some progress", func() bool { return handled.Load() > 20 })
	// The held ones go on only once the stop is signalled.
	cancel()
	close(stopping)
	select {
	case <-done:
	case <-time.After(patience):
		t.Fatalf("dispatcher did not stop within %v", patience)
	}
	sent := f.out.total()
	if int64(sent) != handled.Load() {
		t.Fatalf("after stop: %d handled but %d replies: a message was cut in half", handled.Load(), sent)
	}
	if sent <= 20 || sent >= n {
		t.Fatalf("%d replies at the stop, want the 20 before it, the ones in hand, and not all %d", sent, n)
	}
	// A new process finishes the rest, each exactly once and in order.
	start(t, f.dispatcher(f.rdb, dispatch.Options{}))
	waitFor(t, "all replies", func() bool { return f.out.total() >= n })
	for c := range 3 {
		got := f.out.replies(bot.Contact{Channel: "test", ID: strconv.Itoa(c)})
		last := -1
		for _, r := range got {
			i, _ := strconv.Atoi(strings.TrimPrefix(r, "echo:"))
			if i <= last {
				t.Fatalf("contact %d: reply %d after %d", c, i, last)
			}
			last = i
		}
	}
	if f.out.total() != n {
		t.Fatalf("%d replies, want %d", f.out.total(), n)
	}
}

func TestUnreachableContact(t *testing.T) {
	f := newFixture(t)
	blocked := atomic.Bool{}
	blocked.Store(true)
	sends := atomic.Int64{}
	f.out.fail = func(bot.Contact, bot.Reply) error {
		sends.Add(1)
		if blocked.Load() {
			return fmt.Errorf("telegram: %w", bot.ErrUnreachable)
		}
		return nil
	}
	d := f.dispatcher(f.rdb, dispatch.Options{})
	start(t, d)
	c := msg("5", "", "").Contact
	d.Accept(context.Background(), msg("5", "m1", "x"))
	ctx := context.Background()
	waitFor(t, "unreachable mark", func() bool { u, _ := d.Unreachable(ctx, c); return u })
	if n := sends.Load(); n != 1 {
		t.Fatalf("sent %d times to a blocked contact, want 1 (no retries)", n)
	}
	// What Frontdoor sends on its own (an operator's reply, a reminder)
	// does not try a contact who blocked the bot.
	guarded := dispatch.Guard(f.rdb, f.keys, f.out, nil)
	if err := guarded.Send(ctx, c, bot.Reply{Text: "from an operator"}); !errors.Is(err, bot.ErrUnreachable) {
		t.Fatalf("guarded send to a blocked contact = %v, want ErrUnreachable", err)
	}
	if n := sends.Load(); n != 1 {
		t.Fatalf("the guarded send tried the platform (%d sends)", n)
	}
	// A guarded send that finds someone blocked marks them; someone
	// Frontdoor never talked to gets no key.
	stranger := msg("6", "", "").Contact
	if err := guarded.Send(ctx, stranger, bot.Reply{Text: "x"}); !errors.Is(err, bot.ErrUnreachable) {
		t.Fatalf("send to a blocked stranger = %v", err)
	}
	for _, k := range storetest.KeysWith(t, f.rdb, f.keys.Prefix()) {
		if strings.HasSuffix(k, ":"+stranger.Key()) {
			t.Fatalf("marking a stranger left the key %s", k)
		}
	}
	// Writing again means they unblocked the bot.
	blocked.Store(false)
	d.Accept(ctx, msg("5", "m2", "y"))
	waitFor(t, "reply", func() bool { return f.out.total() == 1 })
	if u, _ := d.Unreachable(ctx, c); u {
		t.Fatal("still unreachable after writing again")
	}
	if err := guarded.Send(ctx, c, bot.Reply{Text: "from an operator"}); err != nil {
		t.Fatalf("guarded send after they wrote again: %v", err)
	}
}

type sink struct {
	mu     sync.Mutex
	events []bot.Event
	erased []bot.Contact
}

func (s *sink) HandleEvent(_ context.Context, _ bot.Contact, e bot.Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.events = append(s.events, e)
	return nil
}

func (s *sink) Erase(_ context.Context, c bot.Contact) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.erased = append(s.erased, c)
	return nil
}

func TestEventsAndErasure(t *testing.T) {
	f := newFixture(t)
	s := &sink{}
	m := dispatch.NewMetrics(nil)
	d := f.dispatcher(f.rdb, dispatch.Options{Sinks: []bot.EventSink{s}, Erasers: []bot.Eraser{s}, Metrics: m})
	start(t, d)
	ctx := context.Background()
	for i, text := range []string{"hello", "event", "erase"} {
		d.Accept(ctx, msg("42", "m"+strconv.Itoa(i), text))
	}
	waitFor(t, "3 replies", func() bool { return f.out.total() == 3 })
	waitFor(t, "erasure", func() bool { s.mu.Lock(); defer s.mu.Unlock(); return len(s.erased) == 1 })
	s.mu.Lock()
	if len(s.events) != 1 || !reflect.DeepEqual(s.events[0], bot.HandoffRequested{Area: "legal"}) {
		t.Fatalf("events = %+v", s.events)
	}
	s.mu.Unlock()
	// Counted once, by its kind: what bench telegram reads of a run.
	if got := value(t, m.Events.WithLabelValues("test", string(bot.EventHandoff))); got != 1 {
		t.Errorf("frontdoor_events_total{kind=handoff} = %v, want 1", got)
	}
	waitFor(t, "no key of the contact left", func() bool {
		for _, k := range storetest.KeysWith(t, f.rdb, f.keys.Prefix()) {
			if strings.HasSuffix(k, ":test:42") {
				return false
			}
		}
		return true
	})
	// The erasure is recorded, without the person.
	entries, err := f.rdb.XRange(ctx, f.keys.Global("erasures"), "-", "+").Result()
	if err != nil || len(entries) != 1 || len(entries[0].Values) != 1 || entries[0].Values["channel"] != "test" {
		t.Fatalf("erasure record = %+v, %v; want one entry with only the channel", entries, err)
	}
	// The next message starts from scratch.
	d.Accept(ctx, msg("42", "m9", "turns"))
	waitFor(t, "4 replies", func() bool { return f.out.total() == 4 })
	if got := f.out.replies(msg("42", "", "").Contact)[3]; got != "turns:" {
		t.Fatalf("state survived erasure: %q", got)
	}
}

// flakyEraser fails its first fails erasures, as a Redis that went away
// would.
type flakyEraser struct {
	sink
	fails int
	// before, when set, runs at the try that succeeds, before it erases.
	before func()
}

func (e *flakyEraser) Erase(ctx context.Context, c bot.Contact) error {
	e.mu.Lock()
	if e.fails > 0 {
		e.fails--
		e.mu.Unlock()
		return errors.New("redis went away")
	}
	before := e.before
	e.mu.Unlock()
	if before != nil {
		before()
	}
	return e.sink.Erase(ctx, c)
}

// TestFailedErasureIsRetriedNotRecorded: an erasure that fails in part is
// neither recorded nor confirmed to the person; it runs again after the
// lease, and only then is the person told, once.
func TestFailedErasureIsRetriedNotRecorded(t *testing.T) {
	f := newFixture(t)
	e := &flakyEraser{fails: 4} // more than one round of tries
	ctx := context.Background()
	erasures := func() (int, error) {
		n, err := f.rdb.XLen(ctx, f.keys.Global("erasures")).Result()
		return int(n), err
	}
	// What the failed tries left, seen by the try after them: the
	// dispatcher goes on with the contact only after that, so a wrong
	// record or confirmation would be there already.
	type seen struct {
		records, replies int
		err              error
	}
	before := make(chan seen, 1)
	e.before = func() {
		n, err := erasures()
		select {
		case before <- seen{n, f.out.total(), err}:
		default:
		}
	}
	d := f.dispatcher(f.rdb, dispatch.Options{Erasers: []bot.Eraser{e}, Lease: time.Second, RetryPause: 10 * time.Millisecond})
	start(t, d)
	d.Accept(ctx, msg("43", "m1", "hello"))
	d.Accept(ctx, msg("43", "m2", "erase"))
	waitFor(t, "the first reply", func() bool { return f.out.total() == 1 })
	select {
	case s := <-before:
		if s.err != nil {
			t.Fatal(s.err)
		}
		if s.records != 0 || s.replies != 1 {
			t.Fatalf("after a failed erasure: %d records, %d replies; want none recorded and no confirmation", s.records, s.replies)
		}
	case <-time.After(patience):
		t.Fatal("the erasure was not tried again after it failed")
	}
	waitFor(t, "erasure after the lease", func() bool { e.mu.Lock(); defer e.mu.Unlock(); return len(e.erased) == 1 })
	waitFor(t, "the confirmation", func() bool { return f.out.total() == 2 })
	// Recorded just after the confirmation goes out.
	waitFor(t, "the erasure record", func() bool { n, _ := erasures(); return n >= 1 })
	if n, err := erasures(); n != 1 || err != nil {
		t.Fatalf("%d erasure records (%v), want 1", n, err)
	}
	waitFor(t, "no key of the contact left", func() bool {
		for _, k := range storetest.KeysWith(t, f.rdb, f.keys.Prefix()) {
			if strings.HasSuffix(k, ":test:43") {
				return false
			}
		}
		return true
	})
	// A message after the erasure starts afresh; the confirmation, sent
	// before it, cannot come again after its answer.
	settle(t, d, f.out, "43", "again", "echo:again")
	if got := f.out.replies(msg("43", "", "").Contact); len(got) != 3 || got[2] != "echo:again" {
		t.Fatalf("replies %q, want 3: the first, the confirmation once, the answer after", got)
	}
}

func TestFailingHandlerIsRetriedThenGivenUp(t *testing.T) {
	f := newFixture(t)
	failures := map[string]int{"flaky": 2, "poison": 1000}
	var mu sync.Mutex
	tries := map[string]int{}
	f.h.hook = func(tn bot.Turn) error {
		mu.Lock()
		defer mu.Unlock()
		tries[tn.Message.Text]++
		if tries[tn.Message.Text] <= failures[tn.Message.Text] {
			return errors.New("redis went away")
		}
		return nil
	}
	apology := func(state []byte, m bot.Message) bot.Reply { return bot.Reply{Text: "sorry:" + m.Text} }
	d := f.dispatcher(f.rdb, dispatch.Options{RetryPause: 10 * time.Millisecond, Apology: apology})
	start(t, d)
	for i, text := range []string{"flaky", "poison", "after"} {
		d.Accept(context.Background(), msg("3", "m"+strconv.Itoa(i), text))
	}
	waitFor(t, "three replies", func() bool { return f.out.total() == 3 })
	settle(t, d, f.out, "3", "settle", "echo:settle")
	if got := f.out.replies(msg("3", "", "").Contact); strings.Join(got, ",") != "echo:flaky,sorry:poison,echo:after,echo:settle" {
		t.Fatalf("replies = %q, want the flaky message answered once and an apology for the poison one", got)
	}
	mu.Lock()
	if tries["flaky"] != 3 || tries["poison"] != 5 || tries["after"] != 1 {
		t.Fatalf("tries = %v, want flaky 3, poison 5, after 1", tries)
	}
	// Someone whose only message fails: counting the tries must not leave
	// a key of theirs without an expiry.
	failures["only"] = 1000
	mu.Unlock()
	d.Accept(context.Background(), msg("4", "m1", "only"))
	waitFor(t, "the apology", func() bool { return len(f.out.replies(msg("4", "", "").Contact)) == 1 })
	for _, k := range storetest.KeysWith(t, f.rdb, f.keys.Prefix()) {
		if !strings.HasSuffix(k, ":test:4") {
			continue
		}
		// -1 is a key without expiry; -2 a key gone since it was listed
		// (the lock, released meanwhile), which is fine.
		if ttl, err := f.rdb.TTL(context.Background(), k).Result(); err != nil || ttl == -1 {
			t.Errorf("%s has TTL %v (%v): a key of a person without expiry", k, ttl, err)
		}
	}
}

// TestRepliesWaitOutAnOutage: while the platform cannot be reached the
// replies stay in the outbox and go out, once each and in order, when it
// is back; a reply the platform refuses for what it is is dropped at once
// and the ones after it still go out.
func TestRepliesWaitOutAnOutage(t *testing.T) {
	f := newFixture(t)
	var down atomic.Bool
	down.Store(true)
	var tries atomic.Int64
	f.out.fail = func(_ bot.Contact, r bot.Reply) error {
		tries.Add(1)
		switch {
		case r.Text == "echo:malformed":
			return fmt.Errorf("telegram: %w: can't parse entities", bot.ErrRejected)
		case down.Load():
			return errors.New("dial tcp: connection refused")
		}
		return nil
	}
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: time.Second, SendAttempts: 2})
	start(t, d)
	ctx := context.Background()
	for i, text := range []string{"one", "malformed", "two"} {
		d.Accept(ctx, msg("7", "m"+strconv.Itoa(i), text))
	}
	waitFor(t, "a few failed tries", func() bool { return tries.Load() >= 4 })
	if n := f.out.total(); n != 0 {
		t.Fatalf("%d replies delivered while the platform was down", n)
	}
	down.Store(false)
	waitFor(t, "the replies after the outage", func() bool { return f.out.total() == 2 })
	settle(t, d, f.out, "7", "settle", "echo:settle")
	if got := f.out.replies(msg("7", "", "").Contact); strings.Join(got, ",") != "echo:one,echo:two,echo:settle" {
		t.Fatalf("replies = %q, want each once, in order, without the refused one", got)
	}
}

// TestPanickingHandlerDoesNotStopOthers: a message that makes the handler
// panic is tried a few times and given up; the process and the other
// contacts go on.
func TestPanickingHandlerDoesNotStopOthers(t *testing.T) {
	f := newFixture(t)
	var panics atomic.Int64
	f.h.hook = func(tn bot.Turn) error {
		if tn.Message.Text == "boom" {
			panics.Add(1)
			var m map[string]int
			//lint:ignore SA5000 writing to a nil map is the bug this test plants
			m["x"]++ // a nil map: a real bug, not a planted panic value
		}
		return nil
	}
	d := f.dispatcher(f.rdb, dispatch.Options{RetryPause: 10 * time.Millisecond})
	start(t, d)
	ctx := context.Background()
	d.Accept(ctx, msg("8", "m1", "boom"))
	d.Accept(ctx, msg("8", "m2", "after"))
	d.Accept(ctx, msg("9", "m1", "other"))
	waitFor(t, "the others answered", func() bool { return f.out.total() == 2 })
	if got := f.out.replies(msg("8", "", "").Contact); strings.Join(got, ",") != "echo:after" {
		t.Fatalf("replies to 8 = %q", got)
	}
	if n := panics.Load(); n != 5 {
		t.Fatalf("the panicking message was tried %d times, want 5", n)
	}
}

// TestRedisOutageIsNotAFailedTry: a handler that fails because Redis is
// away (a dial error, a timeout, a Cluster or Sentinel failover) is tried
// again as long as it takes, never given up with an apology; the message
// is answered once, in order, when Redis is back.
func TestRedisOutageIsNotAFailedTry(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"dial", fmt.Errorf("handoff: open case: %w", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED})},
		{"timeout", fmt.Errorf("flows: read state: %w", context.DeadlineExceeded)},
		{"clusterdown", fmt.Errorf("booking: %w", errors.New("CLUSTERDOWN The cluster is down"))},
		{"readonly", fmt.Errorf("stats: %v", errors.New("READONLY You can't write against a read only replica."))},
		{"loading", errors.New("LOADING Redis is loading the dataset in memory")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			var mu sync.Mutex
			tries := map[string]int{}
			// Far more failures than a message's tries (5).
			const outage = 12
			f.h.hook = func(tn bot.Turn) error {
				mu.Lock()
				defer mu.Unlock()
				tries[tn.Message.Text]++
				if tn.Message.Text == "during" && tries["during"] <= outage {
					return tc.err
				}
				return nil
			}
			apology := func(state []byte, m bot.Message) bot.Reply { return bot.Reply{Text: "sorry:" + m.Text} }
			d := f.dispatcher(f.rdb, dispatch.Options{RetryPause: time.Millisecond, Apology: apology})
			start(t, d)
			for i, text := range []string{"during", "after"} {
				if _, err := d.Accept(context.Background(), msg("5", "m"+strconv.Itoa(i), text)); err != nil {
					t.Fatal(err)
				}
			}
			waitFor(t, "two replies", func() bool { return f.out.total() == 2 })
			settle(t, d, f.out, "5", "settle", "echo:settle")
			if got := f.out.replies(msg("5", "", "").Contact); strings.Join(got, ",") != "echo:during,echo:after,echo:settle" {
				t.Fatalf("replies = %q, want both answered once, in order, no apology", got)
			}
			mu.Lock()
			defer mu.Unlock()
			if tries["during"] != outage+1 {
				t.Fatalf("tried %d times, want %d", tries["during"], outage+1)
			}
		})
	}
}

// A message the person deleted (Message.Revokes) while it still waited in
// the inbox is never handled; the others are, in order.
func TestDeletedMessageStillWaitingIsNotHandled(t *testing.T) {
	f := newFixture(t)
	var seen []string
	var mu sync.Mutex
	f.h.hook = func(t bot.Turn) error {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, t.Message.ID)
		return nil
	}
	d := f.dispatcher(f.rdb, dispatch.Options{})
	del := msg("7", "m3", "")
	del.Revokes = "m2"
	for _, m := range []bot.Message{msg("7", "m1", "ciao"), msg("7", "m2", "mi chiamo Amina"), del, msg("7", "m4", "ok")} {
		if ok, err := d.Accept(context.Background(), m); !ok || err != nil {
			t.Fatalf("accept %s: %v %v", m.ID, ok, err)
		}
	}
	start(t, d)
	waitFor(t, "three turns", func() bool { return f.h.calls.Load() >= 3 })
	waitFor(t, "three replies", func() bool { return f.out.total() >= 3 })
	mu.Lock()
	got := append([]string(nil), seen...)
	mu.Unlock()
	if want := []string{"m1", "m3", "m4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("handled %q, want %q (m2 deleted while waiting)", got, want)
	}
	if r := f.out.replies(del.Contact); slices.Contains(r, "echo:mi chiamo Amina") {
		t.Errorf("the deleted message was answered: %q", r)
	}
}

// TestDedupeKeepsAtLeastTheLastIDs: accept trims the ids kept for dedupe
// (32) only at one message in 16, by its receipt time, to save a command
// at the others. Between trims it keeps more ids, never fewer: a
// redelivery of any of them is still dropped.
func TestDedupeKeepsAtLeastTheLastIDs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		clock func() time.Time
		kept  int64
	}{
		{"every receipt time a trim time", func() time.Time { return time.Now().Truncate(16 * time.Millisecond) }, 32},
		{"no receipt time a trim time", func() time.Time { return time.Now().Truncate(16 * time.Millisecond).Add(time.Millisecond) }, 40},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.dispatcher(f.rdb, dispatch.Options{Clock: tc.clock})
			ctx := context.Background()
			id := func(i int) string { return fmt.Sprintf("m%03d", i) }
			for i := range 40 {
				if ok, err := d.Accept(ctx, msg("1", id(i), "hi")); err != nil || !ok {
					t.Fatalf("accept %s = %v, %v", id(i), ok, err)
				}
			}
			seen := f.keys.ContactKey(msg("1", "", "").Contact.Key(), "seen")
			if n := f.rdb.ZCard(ctx, seen).Val(); n != tc.kept {
				t.Errorf("%d ids kept, want %d", n, tc.kept)
			}
			for i := 40 - int(tc.kept); i < 40; i++ {
				if ok, _ := d.Accept(ctx, msg("1", id(i), "hi")); ok {
					t.Errorf("a redelivery of %s was accepted", id(i))
				}
			}
		})
	}
}

// TestConfirmationPostponedAfterErasureExpires: the outbox lives in the
// contact's state hash, which an erasure deletes. A confirmation that
// cannot go out yet is kept there for later, and the hash that keeps it
// gets the state's expiry: nothing of a person stays without one.
func TestConfirmationPostponedAfterErasureExpires(t *testing.T) {
	f := newFixture(t)
	f.out.fail = func(_ bot.Contact, r bot.Reply) error {
		if r.Text == "echo:erase" {
			return errors.New("the platform is away")
		}
		return nil
	}
	d := f.dispatcher(f.rdb, dispatch.Options{SendAttempts: 1, Lease: time.Minute, Retention: time.Hour})
	start(t, d)
	ctx := context.Background()
	if _, err := d.Accept(ctx, msg("1", "m1", "hello")); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Accept(ctx, msg("1", "m2", "erase")); err != nil {
		t.Fatal(err)
	}
	ct := f.keys.ContactKey(msg("1", "", "").Contact.Key(), "ct")
	// The outbox, the state and the expiry read at once: a later delivery
	// round may give the confirmation up and delete the hash between two
	// reads. The commit's outbox holds the confirmation too, with the
	// erasure before it ({"x":true}) and the state beside it: the one kept
	// for later is the confirmation alone, once the erasure is done.
	var ttl time.Duration
	var st string
	waitFor(t, "the confirmation kept for later", func() bool {
		var o, state *redis.StringCmd
		var left *redis.DurationCmd
		if _, err := f.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			o, state, left = p.HGet(ctx, ct, "o"), p.HGet(ctx, ct, "st"), p.TTL(ctx, ct)
			return nil
		}); err != nil && !errors.Is(err, redis.Nil) {
			t.Fatal(err)
		}
		ttl, st = left.Val(), state.Val()
		return strings.Contains(o.Val(), "echo:erase") && !strings.Contains(o.Val(), `"x":true`)
	})
	if ttl <= 0 || ttl > time.Hour {
		t.Errorf("the hash keeping the confirmation expires in %v, want within the retention (1h)", ttl)
	}
	if st != "" {
		t.Errorf("the erased state is back: %q", st)
	}
}

// After an erasure, a message handled in the same visit makes a new state,
// and that state expires like any other.
func TestStateAfterErasureInOneVisitExpires(t *testing.T) {
	f := newFixture(t)
	started, release := make(chan struct{}), make(chan struct{})
	f.h.hook = func(tn bot.Turn) error {
		if tn.Message.Text == "hello" {
			close(started)
			<-release
		}
		return nil
	}
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: time.Minute, Retention: time.Hour})
	start(t, d)
	ctx := context.Background()
	if _, err := d.Accept(ctx, msg("7", "m1", "hello")); err != nil {
		t.Fatal(err)
	}
	<-started
	// Both wait behind the first: one visit handles all three.
	for _, m := range []bot.Message{msg("7", "m2", "erase"), msg("7", "m3", "after")} {
		if _, err := d.Accept(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	close(release)
	waitFor(t, "three replies", func() bool { return f.out.total() == 3 })
	// The commit that stores a turn comes before its replies are sent.
	c := msg("7", "", "").Contact
	ct := f.keys.ContactKey(c.Key(), "ct")
	if ttl := f.rdb.TTL(ctx, ct).Val(); ttl <= 0 || ttl > time.Hour {
		t.Errorf("the state after an erasure and a message in one visit expires in %v, want within the retention (1h)", ttl)
	}
	// seen was erased after the last message was accepted: gone, or
	// expiring.
	if seen := f.keys.ContactKey(c.Key(), "seen"); f.rdb.Exists(ctx, seen).Val() == 1 && f.rdb.TTL(ctx, seen).Val() < 0 {
		t.Errorf("the ids kept for dedupe after an erasure never expire")
	}
}

// A reminder to someone whose state has expired and who blocked the bot
// leaves nothing behind: the unreachable mark is for a kept state.
func TestUnreachableMarkNeedsAState(t *testing.T) {
	f := newFixture(t)
	var tries atomic.Int32
	f.out.fail = func(bot.Contact, bot.Reply) error {
		tries.Add(1)
		return bot.ErrUnreachable
	}
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: time.Minute, Retention: time.Hour})
	start(t, d)
	ctx := context.Background()
	c := msg("9", "", "").Contact
	if err := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil).Send(ctx, c, dispatch.Outbound{Reply: bot.Reply{Text: "your appointment is tomorrow"}}); err != nil {
		t.Fatal(err)
	}
	lock := f.keys.ContactKey(c.Key(), "lock")
	waitFor(t, "the reminder tried and the contact let go", func() bool {
		return tries.Load() > 0 && f.rdb.Exists(ctx, lock).Val() == 0
	})
	ct := f.keys.ContactKey(c.Key(), "ct")
	if f.rdb.Exists(ctx, ct).Val() == 1 && f.rdb.TTL(ctx, ct).Val() < 0 {
		t.Errorf("the contact's hash %v stays with no expiry", f.rdb.HGetAll(ctx, ct).Val())
	}
}

// The trail's expiry is set again in the hours the contact's are (the
// trail then keeps the ids for its TTL after the last message), by done
// or, for a message that sends nothing, by commitDone; within the hour it
// is left as it is.
func TestTrailExpiryIsSetAgainHourly(t *testing.T) {
	for _, text := range []string{"hi", "silent"} {
		t.Run(text, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			var now atomic.Int64
			now.Store(time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC).UnixMilli())
			d := f.dispatcher(f.rdb, dispatch.Options{Trail: dispatch.NewTrail(f.rdb, f.keys, time.Hour),
				Clock: func() time.Time { return time.UnixMilli(now.Load()) }})
			start(t, d)
			c := msg("1", "", "").Contact
			trail := f.keys.ContactKey(c.Key(), "trail")
			turn := 0
			send := func() {
				t.Helper()
				turn++
				id := strconv.Itoa(turn)
				if _, err := d.AcceptBatch(ctx, []bot.Message{msg("1", "m"+id, text)}, []string{id}); err != nil {
					t.Fatal(err)
				}
				waitFor(t, "the message's id in the trail", func() bool { return slices.Contains(f.rdb.LRange(ctx, trail, 0, -1).Val(), id) })
			}
			send()
			if ttl := f.rdb.TTL(ctx, trail).Val(); ttl < 50*time.Minute || ttl > time.Hour {
				t.Fatalf("a new trail expires in %v, want about an hour", ttl)
			}
			// A trail an hour older than its last expiry.
			if err := f.rdb.Expire(ctx, trail, time.Minute).Err(); err != nil {
				t.Fatal(err)
			}
			send() // the same hour: left as it is
			if ttl := f.rdb.TTL(ctx, trail).Val(); ttl > time.Minute {
				t.Errorf("the trail's expiry was set again within the hour: %v", ttl)
			}
			now.Add(time.Hour.Milliseconds())
			send()
			if ttl := f.rdb.TTL(ctx, trail).Val(); ttl < 50*time.Minute {
				t.Errorf("the trail expires in %v after a message of a new hour, want about an hour", ttl)
			}
		})
	}
}
