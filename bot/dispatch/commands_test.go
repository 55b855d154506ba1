package dispatch_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/store/storetest"
)

// roundTrips counts a client's round trips to Redis, leaving out the idle
// waits of the pumps (BLPOP), the janitor's sweeps and the handshakes of
// new connections, which are not per message. names lists them, to say
// what was too many.
type roundTrips struct {
	mu    sync.Mutex
	names []string
	n     atomic.Int64
	pumps atomic.Int64 // BLPOPs that took a signal
	// handshakes counts new connections' setup (HELLO, and SELECT in a
	// pipeline of its own), apart.
	handshakes atomic.Int64
	// letGo counts the replies by which a worker let its contact go (the
	// done script's {0}): the end of a message's work as the dispatcher
	// sees it, which comes after Redis has deleted the lock.
	letGo atomic.Int64
}

func (r *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }

func (r *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		switch cmd.Name() {
		case "blpop":
			if err == nil {
				r.pumps.Add(1)
			}
		case "hello":
			r.handshakes.Add(1)
		case "zrangebyscore":
			// The janitor's scan: not a message's work.
		default:
			r.n.Add(1)
			r.mu.Lock()
			r.names = append(r.names, cmd.Name()+fmtArgs(cmd.Args()))
			r.mu.Unlock()
			// EVAL too: a script the server does not know yet (the
			// first run on a fresh Redis) is sent again whole.
			if c, ok := cmd.(*redis.Cmd); ok && (cmd.Name() == "evalsha" || cmd.Name() == "eval") {
				if v, _ := c.Slice(); len(v) == 1 && v[0] == int64(0) {
					r.letGo.Add(1)
				}
			}
		}
		return err
	}
}

func (r *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if handshake(cmds) {
			r.handshakes.Add(1)
			return next(ctx, cmds)
		}
		r.n.Add(1)
		r.mu.Lock()
		r.names = append(r.names, "pipeline")
		r.mu.Unlock()
		return next(ctx, cmds)
	}
}

// handshake reports whether cmds set up a new connection: go-redis sends
// HELLO, then what else the options ask for (SELECT, CLIENT ...) in a
// pipeline of their own.
func handshake(cmds []redis.Cmder) bool {
	for _, c := range cmds {
		switch c.Name() {
		case "hello", "select", "client", "auth", "readonly":
		default:
			return false
		}
	}
	return len(cmds) > 0
}

// TestCommandsPerMessage counts what one message costs in Redis on the
// common path (a person writes, Frontdoor answers, the person writes again
// later): round trips as the dispatcher's client sees them, and commands
// as Redis runs them, inside scripts too. The figures are the budget: a
// change that costs more fails here, and one that costs less should lower
// them.
func TestCommandsPerMessage(t *testing.T) {
	// The budget is counted on one server (a plain client, MONITOR on
	// it); on a Cluster or Sentinel group both would reach the default
	// server instead of the one the fixture uses.
	if o := storetest.Options(); len(o.Addrs) > 0 {
		t.Skipf("counts commands on one server; the test Redis is %s", o.Describe())
	}
	for _, tc := range []struct {
		name    string
		replies int
		preload bool
		// hinted: the two keys have hints (bot.Hinted), as the handoff
		// and booking wrappers' do in serve; there: the first is there,
		// its hint set (a person in a case).
		hinted, there bool
		// fresh: each message is a new contact's first, whose commit
		// sets the expiries of its keys.
		fresh      bool
		roundTrips int64
		commands   int
	}{
		// accept and claim, commit, done (20 before 2026-12-06: the
		// outbox was a list of its own, and accept trimmed the ids it
		// keeps for dedupe at every message; done reads the lock and
		// deletes it in two commands, so as not to shorten a hold it
		// finds lengthened)
		{"one reply", 1, false, false, false, false, 3, 17},
		// and the first reply acknowledged before the second goes out
		// (23 before)
		{"two replies", 2, false, false, false, false, 4, 20},
		// and two keys of the handler's own read in one MGET with the
		// claim
		{"one reply, two keys preloaded", 1, true, false, false, false, 3, 18},
		// the handoff and booking wrappers' keys in serve, which have
		// hints: neither is read while its hint is not set (18 before
		// 2026-12-07, when they were read in an MGET at every claim)
		{"one reply, two hinted keys", 1, true, true, false, false, 3, 17},
		// one of them there, its hint set: read in a round trip after
		// the claim, which tells that it is set
		{"one reply, a hinted key there", 1, true, true, true, false, 4, 18},
		// a message that leaves nothing to send (a person's words
		// relayed to an operator): the commit does done's work in the
		// same step (3 round trips and 16 commands before 2026-12-07,
		// when done ran apart and checked the lock again)
		{"no reply", 0, false, false, false, false, 2, 14},
		// and the first commit sets the expiries of the state and the
		// ids kept for dedupe, and done the trail's as it makes it (22
		// before 2026-12-07: the commit also set the expiry of a trail
		// that did not exist yet, and trimmed ids just made)
		{"one reply, a new contact", 1, false, false, false, true, 3, 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			// The dispatcher's own client, as serve builds it
			// (store.Open), counted alone.
			rdb := storetest.Client(t)
			rt := &roundTrips{}
			rdb.AddHook(rt)
			trail := dispatch.NewTrail(f.rdb, f.keys, time.Hour)
			var h bot.Handler = parts{n: tc.replies}
			pre := &preloading{parts: parts{n: tc.replies},
				keys: []string{f.keys.ContactKey("test:1", "a"), f.keys.ContactKey("test:1", "b")}}
			want := map[string]bot.Preloaded{pre.keys[0]: {Value: "x", Exists: true}, pre.keys[1]: {}}
			if tc.preload {
				if !tc.hinted || tc.there {
					if err := f.rdb.Set(context.Background(), pre.keys[0], "x", time.Hour).Err(); err != nil {
						t.Fatal(err)
					}
				}
				h = pre
				if tc.hinted {
					h = &hintedPreloading{preloading: pre}
					if !tc.there {
						want[pre.keys[0]] = bot.Preloaded{}
					}
				}
			}
			d := dispatch.NewDispatcher(rdb, f.keys, h, dispatch.Options{
				// A lease long enough that no renewal falls inside the
				// count, however slow the machine.
				Senders: map[string]bot.Sender{"test": f.out}, Trail: trail, Lease: time.Hour,
				// accept trims the ids kept for dedupe at one message in
				// 16, by its receipt time (one command more, a sixteenth
				// of a command a message): a clock that never lands on
				// such a time keeps the count exact, so that one command
				// more a message fails.
				Clock: func() time.Time { return time.Now().Truncate(16 * time.Millisecond).Add(time.Millisecond) }})
			// The pumps' and janitor's polling and the test's own (EXISTS) are
			// not the message's.
			mon := storetest.StartMonitor(t, f.keys.Prefix(), "blpop", "zrangebyscore", "exists")
			start(t, d)
			ctx := context.Background()
			send := func(i int) {
				t.Helper()
				id, want := "1", (i+1)*tc.replies
				if tc.fresh {
					id, want = strconv.Itoa(i), tc.replies
				}
				if _, err := d.AcceptBatch(ctx, []bot.Message{msg(id, "m"+strconv.Itoa(i), "hi")}, []string{strconv.Itoa(i)}); err != nil {
					t.Fatal(err)
				}
				c := bot.Contact{Channel: "test", ID: id}
				waitFor(t, "the replies", func() bool { return len(f.out.replies(c)) == want })
				waitFor(t, "the contact let go", func() bool { return rt.letGo.Load() == int64(i+1) })
			}
			send(0) // the scripts loaded, the expiries set
			var before, queued, shakes int64
			const n = 10
			cmds, byName := mon.Count(t, f.rdb, f.keys.Prefix(), func() {
				before, queued, shakes = rt.n.Load(), rt.pumps.Load(), rt.handshakes.Load()
				for i := 1; i <= n; i++ {
					send(i)
				}
			})
			trips := rt.n.Load() - before
			if trips > n*tc.roundTrips {
				rt.mu.Lock()
				t.Log(rt.names)
				rt.mu.Unlock()
				t.Errorf("%d round trips for %d messages, want at most %d each", trips, n, tc.roundTrips)
			}
			if cmds > n*tc.commands {
				t.Errorf("%d commands for %d messages (%.1f each), want at most %d each", cmds, n, float64(cmds)/n, tc.commands)
			}
			if tc.preload {
				seen := pre.seen()
				if len(seen) != n+1 {
					t.Errorf("the handler ran %d times, want %d", len(seen), n+1)
				}
				for i, got := range seen {
					if !maps.Equal(got, want) {
						t.Errorf("message %d: the handler was handed %v, want %v", i, got, want)
					}
				}
			}
			if p := rt.pumps.Load() - queued; p != 0 {
				t.Errorf("%d messages went through the queue, want none: an idle contact is claimed as its message is recorded", p)
			}
			t.Logf("commands by name, in %d messages: %v", n, byName)
			t.Logf("per message: %d round trips, %.1f commands (and %d round trips of new connections' handshakes)", trips/n, float64(cmds)/n, rt.handshakes.Load()-shakes)
		})
	}
}

// preloading is parts, with keys of its own to read on every turn
// (bot.Preloader); it keeps what each turn was handed.
type preloading struct {
	parts
	keys []string
	mu   sync.Mutex
	got  []map[string]bot.Preloaded
}

func (p *preloading) Preload(bot.Contact) []string { return p.keys }

func (p *preloading) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	p.mu.Lock()
	p.got = append(p.got, t.Preloaded)
	p.mu.Unlock()
	return p.parts.Handle(ctx, t)
}

func (p *preloading) seen() []map[string]bot.Preloaded {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.got)
}

// hintedPreloading is preloading whose keys have hints (bot.Hinted), as
// the handoff and booking wrappers' keys have: each turn states a key's
// hint as it found the key.
type hintedPreloading struct{ *preloading }

func (p *hintedPreloading) PreloadHints(bot.Contact) map[string]string {
	return map[string]string{p.keys[0]: "a", p.keys[1]: "b"}
}

func (p *hintedPreloading) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	out, err := p.preloading.Handle(ctx, t)
	out.Hints = map[string]bool{"a": t.Preloaded[p.keys[0]].Exists, "b": t.Preloaded[p.keys[1]].Exists}
	return out, err
}

func fmtArgs(a []any) string {
	if len(a) > 1 {
		s := fmt.Sprint(a[1])
		return s[:min(8, len(s))]
	}
	return ""
}

// TestBusyWorkersClaimAtAccept: a message that finds every worker busy is
// still claimed as it is recorded, and waits in the process for a free
// worker, instead of being signalled through the shard's queue (a BLPOP
// and a claim more); the workers bound how many are handled at once all
// the same, and every message is answered.
func TestBusyWorkersClaimAtAccept(t *testing.T) {
	f := newFixture(t)
	rdb := storetest.Client(t)
	rt := &roundTrips{}
	rdb.AddHook(rt)
	// More workers than the 16 pumps (each holds one while it waits for
	// a signal), so that some are free for the first contacts.
	const workers = 20
	release := make(chan struct{})
	var inFlight, most atomic.Int64
	f.h.hook = func(t bot.Turn) error {
		if t.Message.Text != "hi" {
			return nil
		}
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		<-release
		return nil
	}
	d := f.dispatcher(rdb, dispatch.Options{Workers: workers, Lease: time.Hour})
	start(t, d)
	// Run is under way once a message is answered.
	settle(t, d, f.out, "warm", "warm", "echo:warm")
	// The worker that answered "warm" gives its slot back after the
	// answer is out: until it has, one worker fewer is free, and one
	// contact more than the bound allows would go through the queue.
	waitFor(t, "only the pumps' workers busy", func() bool {
		busy, waiting := d.Holds()
		return busy <= 16 && waiting == 0
	})
	rt.pumps.Store(0)
	// More messages than workers, so that the bound can be broken: the
	// pumps leave workers-16 free at first, and as many contacts as there
	// are workers may wait for one in the process (claimed at accept, not
	// through the queue).
	var msgs []bot.Message
	for i := range workers + (workers - 16) {
		msgs = append(msgs, msg(strconv.Itoa(i), "m", "hi"))
	}
	if _, err := d.AcceptBatch(context.Background(), msgs, nil); err != nil {
		t.Fatal(err)
	}
	// The workers the pumps left free handle at once; the pumps give
	// theirs up at each empty wait for a signal, to the contacts waiting
	// for one: then every worker is handling, and a dispatcher that let
	// more contacts in than it has workers would show it here.
	waitFor(t, "as many handlers as workers", func() bool { return inFlight.Load() >= workers })
	close(release)
	waitFor(t, "every answer", func() bool { return f.out.total() == len(msgs)+1 })
	if p := rt.pumps.Load(); p != 0 {
		t.Errorf("%d messages went through the queue, want none: a contact claimed at accept waits for a worker in the process", p)
	}
	if m := most.Load(); m > workers {
		t.Errorf("%d messages handled at once, want at most %d", m, workers)
	}
}
