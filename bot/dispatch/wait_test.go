package dispatch_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// gated handles "block" messages only once its gate is open, and keeps,
// for every other message, which dispatcher handled it and what it was
// handed of the one key it preloads per contact (the handoff wrapper's
// open case, say).
type gated struct {
	name    string
	gate    chan struct{}
	blocked *atomic.Int64
	book    *book
	preload func(bot.Contact) string
}

type book struct {
	mu   sync.Mutex
	seen map[string][]string // contact key → "<dispatcher> <preloaded value>"
}

func (b *book) of(c bot.Contact) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.seen[c.Key()]...)
}

func (g *gated) Preload(c bot.Contact) []string { return []string{g.preload(c)} }

func (g *gated) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	if t.Message.Text == "block" {
		g.blocked.Add(1)
		<-g.gate
	} else {
		p := t.Preloaded[g.preload(t.Contact)]
		g.book.mu.Lock()
		g.book.seen[t.Contact.Key()] = append(g.book.seen[t.Contact.Key()], g.name+" "+p.Value)
		g.book.mu.Unlock()
	}
	return bot.Outcome{Replies: []bot.Reply{{Text: "echo:" + t.Message.Text}}}, nil
}

// syncBuffer is a log's destination read while the dispatcher writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// busyProcess is a dispatcher whose every worker handles a message that
// blocks until open is called; the one who writes next is claimed at
// accept and waits in the process for a worker.
type busyProcess struct {
	d     *dispatch.Dispatcher
	h     *gated
	logs  *syncBuffer
	open  func()
	lease time.Duration
}

// More workers than the 16 pumps: when they are let go at once, a worker
// is left for the contact that waits (the pumps that queued for one
// before it come first).
const busyWorkers = 20

func newBusyProcess(t *testing.T, f *fixture, name string, lease time.Duration, b *book) *busyProcess {
	t.Helper()
	p := &busyProcess{logs: &syncBuffer{}, lease: lease}
	p.h = &gated{name: name, gate: make(chan struct{}), blocked: &atomic.Int64{}, book: b,
		preload: func(c bot.Contact) string { return f.keys.ContactKey(c.Key(), "case") }}
	var once sync.Once
	p.open = func() { once.Do(func() { close(p.h.gate) }) }
	p.d = dispatch.NewDispatcher(f.rdb, f.keys, p.h, dispatch.Options{Workers: busyWorkers, Lease: lease,
		Senders: map[string]bot.Sender{"test": f.out},
		Log:     slog.New(slog.NewTextHandler(p.logs, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	start(t, p.d)
	// Cleanups run last first: the handlers go on before Run is stopped.
	t.Cleanup(p.open)
	for i := range busyWorkers {
		if _, err := p.d.Accept(context.Background(), msg(fmt.Sprint(name, "-busy-", i), "b", "block")); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "every worker busy", func() bool { return p.h.blocked.Load() == busyWorkers })
	return p
}

// wait has the process accept a message of contact while every worker is
// busy, and checks that it is claimed at accept (its lock taken), so that
// it waits in the process rather than in the shard's queue.
func (p *busyProcess) wait(t *testing.T, f *fixture, contact string) bot.Contact {
	t.Helper()
	m := msg(contact, "w", "hello")
	if ok, err := p.d.Accept(context.Background(), m); !ok || err != nil {
		t.Fatalf("accept: %v %v", ok, err)
	}
	if n, err := f.rdb.Exists(context.Background(), f.keys.ContactKey(m.Contact.Key(), "lock")).Result(); err != nil || n != 1 {
		t.Fatalf("the message of %s was not claimed at accept (%d, %v): it waits in the queue", contact, n, err)
	}
	return m.Contact
}

// A message that waited for a worker is handed what the handler preloads
// as it is when a worker takes it, not as it was at accept: an operator
// may have closed the person's case meanwhile, and a reply must not land
// in a closed case (review of 26aa1ac).
func TestWaitingMessageReadsPreloadAgain(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b := &book{seen: map[string][]string{}}
	key := f.keys.ContactKey("test:w", "case")
	if err := f.rdb.Set(ctx, key, "open", time.Hour).Err(); err != nil {
		t.Fatal(err)
	}
	p := newBusyProcess(t, f, "A", time.Hour, b)
	c := p.wait(t, f, "w")
	// The operator closes the case while the message waits.
	if err := f.rdb.Set(ctx, key, "closed", time.Hour).Err(); err != nil {
		t.Fatal(err)
	}
	p.open()
	waitFor(t, "the waiting message handled", func() bool { return len(b.of(c)) > 0 })
	if got := b.of(c); len(got) != 1 || got[0] != "A closed" {
		t.Errorf("the handler was handed %q, want the case as it is now (\"A closed\")", got)
	}
}

// A message whose contact's lease was lost while it waited for a worker
// is not handled by this process: another worker may have the contact,
// and the handler would run twice (review of 26aa1ac).
func TestWaitingMessageWhoseLeaseWasLostIsNotHandled(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b := &book{seen: map[string][]string{}}
	p := newBusyProcess(t, f, "A", time.Hour, b)
	c := p.wait(t, f, "w")
	// The lease ran out (a stalled process) and another worker took the
	// contact.
	if err := f.rdb.Set(ctx, f.keys.ContactKey(c.Key(), "lock"), "another worker", time.Hour).Err(); err != nil {
		t.Fatal(err)
	}
	p.open()
	waitFor(t, "the loss noticed", func() bool {
		return len(b.of(c)) > 0 || strings.Contains(p.logs.String(), "lost the hold")
	})
	if got := b.of(c); len(got) != 0 {
		t.Errorf("handled %q by a process that had lost the contact's lease", got)
	}
	if v, err := f.rdb.Get(ctx, f.keys.ContactKey(c.Key(), "lock")).Result(); err != nil || v != "another worker" {
		t.Errorf("the other worker's lock is %q (%v), want it kept", v, err)
	}
}

// A message that waits too long for a worker in a busy process is given
// back to the queue, and another process, idle, answers it: waiting
// contacts are not pinned to the busy one (review of 26aa1ac).
func TestWaitingContactIsGivenBackToAnotherProcess(t *testing.T) {
	f := newFixture(t)
	b := &book{seen: map[string][]string{}}
	// A lease short enough that the test waits half of it, long enough
	// that the busy handlers' renewals keep up on a loaded machine.
	p := newBusyProcess(t, f, "A", 3*time.Second, b)
	idle := &gated{name: "B", gate: make(chan struct{}), blocked: &atomic.Int64{}, book: b,
		preload: p.h.preload}
	close(idle.gate)
	start(t, dispatch.NewDispatcher(f.rdb, f.keys, idle, dispatch.Options{Lease: p.lease,
		Senders: map[string]bot.Sender{"test": f.out}}))
	c := p.wait(t, f, "w")
	waitFor(t, "the waiting message answered while the busy process is still busy", func() bool { return len(b.of(c)) > 0 })
	if got := b.of(c); len(got) != 1 || !strings.HasPrefix(got[0], "B ") {
		t.Errorf("handled by %q, want once by the idle process B", got)
	}
	if n := p.h.blocked.Load(); n != busyWorkers {
		t.Errorf("%d blocked handlers, want %d: the busy process freed a worker", n, busyWorkers)
	}
}
