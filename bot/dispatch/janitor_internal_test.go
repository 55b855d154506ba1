package dispatch

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
	"frontdoor/store/storetest"
)

// janitorSim steps the janitors of several processes by hand, one pass
// each per step of half a lease, and models the expiry of the janitor's
// lease in those steps: the lease the test gives (an hour) never runs
// out by itself; the test ages it after every pass and deletes it two
// steps (a lease) after a pass last set it. So the sweep's bounds are
// counted in passes, not timed.
type janitorSim struct {
	t    *testing.T
	rdb  redis.UniversalClient
	keys store.Keys
	// step is the current step; passes read it to record their sweeps.
	step atomic.Int64
	// lastSet is the step in which the lease was last set (taken or
	// renewed).
	lastSet int64
	// release lets a process stuck in a sweep (a crash mid-pass) go, at
	// the end of the test.
	release chan struct{}

	mu sync.Mutex
	// swept lists, per shard, the steps at which a sweep read its
	// pending set.
	swept map[int][]int64
	shard map[string]int
}

// The lease the simulated processes take: never reached in a test.
const simLease = time.Hour

// simAged is the lease's remaining time the test sets after every pass:
// a pass that finds it above simAged set it itself.
const simAged = simLease / 2

func newJanitorSim(t *testing.T) *janitorSim {
	rdb, keys := storetest.Redis(t)
	s := &janitorSim{t: t, rdb: rdb, keys: keys, lastSet: -1, release: make(chan struct{}),
		swept: map[int][]int64{}, shard: map[string]int{}}
	for sh := range store.Shards {
		s.shard[keys.ShardKey(sh, "pending")] = sh
	}
	t.Cleanup(func() {
		select {
		case <-s.release:
		default:
			close(s.release)
		}
	})
	return s
}

// simProc is one process's janitor.
type simProc struct {
	name  string
	d     *Dispatcher
	next  chan struct{} // run a pass
	idle  chan struct{} // the pass ran
	stuck chan struct{} // the pass stopped in its sweep
	// cutAt is the step at whose sweep the process stops for good, as a
	// crash between taking the lease and sweeping; -1: never.
	cutAt int64
	dead  bool
	done  chan struct{}
}

// simHook records what one process's sweeps read, and stops its sweep at
// its cut.
type simHook struct {
	s *janitorSim
	p *simProc
}

func (simHook) DialHook(next redis.DialHook) redis.DialHook          { return next }
func (simHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }

func (h simHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		sweep := slices.ContainsFunc(cmds, func(c redis.Cmder) bool { return c.Name() == "zrangebyscore" })
		if !sweep {
			return next(ctx, cmds)
		}
		step := h.s.step.Load()
		if step == h.p.cutAt {
			h.p.stuck <- struct{}{}
			<-h.s.release
			return fmt.Errorf("%s crashed", h.p.name)
		}
		err := next(ctx, cmds)
		h.s.mu.Lock()
		defer h.s.mu.Unlock()
		for _, c := range cmds {
			if c.Name() != "zrangebyscore" || c.Err() != nil {
				continue
			}
			if sh, ok := h.s.shard[fmt.Sprint(c.Args()[1])]; ok {
				h.s.swept[sh] = append(h.s.swept[sh], step)
			}
		}
		return err
	}
}

// start starts a process's janitor as Run does: a pass (every shard,
// when it takes the lease), then one pass a step.
func (s *janitorSim) start(ctx context.Context, name string, cutAt int64) *simProc {
	p := &simProc{name: name, cutAt: cutAt, next: make(chan struct{}), idle: make(chan struct{}),
		stuck: make(chan struct{}, 1), done: make(chan struct{})}
	rdb := storetest.ClientDialing(s.t, nil)
	rdb.AddHook(simHook{s, p})
	p.d = NewDispatcher(rdb, s.keys, nil, Options{Lease: simLease})
	token := newToken()
	go func() {
		defer close(p.done)
		held := p.d.janitorPass(ctx, token, false, nil)
		p.d.janitor(ctx, token, held, func(ctx context.Context) bool {
			select {
			case p.idle <- struct{}{}:
			case <-ctx.Done():
				return false
			}
			select {
			case <-p.next:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	s.settle(p)
	return p
}

// pass runs one pass of p, unless it is dead.
func (s *janitorSim) pass(p *simProc) {
	if p.dead {
		return
	}
	select {
	case p.next <- struct{}{}:
	case <-time.After(patience):
		s.t.Fatalf("%s does not take its next pass", p.name)
	}
	s.settle(p)
}

// settle waits for p's pass to end or to stop in its sweep (p is dead
// then), and notes whether it set the lease.
func (s *janitorSim) settle(p *simProc) {
	select {
	case <-p.idle:
	case <-p.stuck:
		p.dead = true
	case <-time.After(patience):
		s.t.Fatalf("%s's pass does not end", p.name)
	}
	ctx := context.Background()
	key := s.keys.Global("janitor")
	if ttl := s.rdb.PTTL(ctx, key).Val(); ttl > simAged+time.Minute {
		s.lastSet = s.step.Load()
	}
	s.rdb.PExpire(ctx, key, simAged)
}

// expire deletes the lease a lease (two steps) after it was last set, as
// Redis would.
func (s *janitorSim) expire() {
	if s.lastSet >= 0 && s.step.Load()-s.lastSet >= 2 {
		s.rdb.Del(context.Background(), s.keys.Global("janitor"))
		s.lastSet = -1
	}
}

// worstGap is the most steps any shard went between two sweeps (its
// first sweep and the last step included), and that shard.
func (s *janitorSim) worstGap(last int64) (int64, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	worst, at := int64(-1), -1
	for sh := range store.Shards {
		steps := s.swept[sh]
		if len(steps) == 0 {
			return last + 1, sh
		}
		prev := steps[0]
		for _, st := range append(steps[1:], last) {
			if st-prev > worst {
				worst, at = st-prev, sh
			}
			prev = st
		}
	}
	return worst, at
}

// The bound ARCHITECTURE.md states for a janitor's crash: every shard is
// swept within 3 leases (6 passes of half a lease) across it, since the
// lease expires a lease after its last renewal and the process that
// takes it over sweeps every shard at its first pass. Counted in passes:
// process A holds the lease and sweeps in turn; B's passes come just
// before A's (its worst phase: it misses the expiry by a hair and takes
// the lease half a lease later). A crashes after one of its passes, or
// within one, between taking the lease and sweeping; each of the four
// parts of the rotation in turn.
func TestJanitorCrashBound(t *testing.T) {
	const bound = 6 // half leases: 3 leases
	for _, within := range []bool{false, true} {
		for crash := int64(4); crash < 4+sweepParts; crash++ {
			name := fmt.Sprintf("after pass %d", crash)
			if within {
				name = fmt.Sprintf("within pass %d", crash)
			}
			t.Run(name, func(t *testing.T) {
				s := newJanitorSim(t)
				ctx, cancel := context.WithCancel(context.Background())
				cut := int64(-1)
				if within {
					cut = crash
				}
				a := s.start(ctx, "A", cut)
				b := s.start(ctx, "B", -1)
				if s.lastSet != 0 {
					t.Fatal("A's first pass did not take the lease")
				}
				last := crash + 3*sweepParts
				for step := int64(1); step <= last; step++ {
					s.step.Store(step)
					s.pass(b)
					s.expire()
					if step <= crash {
						s.pass(a)
					} else {
						a.dead = true
					}
				}
				cancel()
				close(s.release)
				<-a.done
				<-b.done
				if worst, sh := s.worstGap(last); worst > bound {
					s.mu.Lock()
					t.Errorf("shard %d went %d half leases unswept (swept at %v), over the bound of %d (3 leases)", sh, worst, s.swept[sh], bound)
					s.mu.Unlock()
				}
			})
		}
	}
}
