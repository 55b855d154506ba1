// Package replica makes a write wait until a replica of its master holds
// it (WAIT 1), where the master has replicas: for the writes whose loss in
// a failover would cost a person something they were told is done.
//
// Replication in Redis is asynchronous: a master acknowledges a write
// before any replica has it, and a failover in that window promotes a
// replica without it. A master without replicas (one server) does not
// wait: WAIT 1 would block there until its timeout at every write.
//
// WAIT counts the writes of its own connection, so it rides in the
// pipeline of the writes, after them, in the same round trip. On a
// Cluster, go-redis sends a keyless WAIT to any master (or to all of them,
// by the command's request policy), never after the writes of a given
// slot: the writes go to their master's own client
// (ClusterClient.MasterForKey), in one pipeline per master ending with its
// WAIT.
package replica

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// MaxWait bounds a wait: WAIT blocks its connection, and go-redis gives up
// a read after 3 s.
const MaxWait = 2 * time.Second

// checkEvery is how old what a master said about its replicas may be
// before it is asked again (in the background, off a write's path).
const checkEvery = 5 * time.Second

// Call is one script to run, with its keys (the first names the master)
// and arguments.
type Call struct {
	Script *redis.Script
	Keys   []string
	Args   []any
}

// Waiter runs writes that wait for a replica, and remembers, per master,
// whether it has replicas to wait for. One Waiter serves one client; its
// zero value is not usable (New).
type Waiter struct {
	rdb  redis.UniversalClient
	wait time.Duration

	mu    sync.Mutex
	known map[string]*state // by the master's address ("" for a single server or Sentinel's master)
}

type state struct {
	has     bool
	checked time.Time
	asking  bool
	// ready is closed once the first look answered.
	ready chan struct{}
}

// New returns a Waiter for writes through rdb that waits up to wait for a
// replica (at most MaxWait, at least a millisecond: WAIT with a timeout of
// 0 would block until a replica answers). A negative wait never waits.
func New(rdb redis.UniversalClient, wait time.Duration) *Waiter {
	if wait >= 0 {
		wait = min(max(wait, time.Millisecond), MaxWait)
	}
	return &Waiter{rdb: rdb, wait: wait}
}

// Wait is how long a write waits for a replica; negative: never.
func (w *Waiter) Wait() time.Duration { return w.wait }

// Off reports whether writes never wait.
func (w *Waiter) Off() bool { return w.wait < 0 }

// Has reports whether node, the master at addr, had replicas when last
// asked. The first time it asks at once (one INFO); after that a look
// older than checkEvery is renewed in the background, so that a replica
// that comes or goes (a failover leaves the new master without one) is
// seen within seconds. An INFO that fails says nothing: the last answer
// stands (none at first, so that a server that cannot tell is not made to
// wait a timeout at each write).
func (w *Waiter) Has(ctx context.Context, addr string, node redis.Cmdable, now time.Time) bool {
	w.mu.Lock()
	if w.known == nil {
		w.known = map[string]*state{}
	}
	st, ok := w.known[addr]
	if !ok {
		// The first look: every write to this master waits for it.
		st = &state{asking: true, ready: make(chan struct{})}
		w.known[addr] = st
		w.mu.Unlock()
		has, err := askReplicas(ctx, node)
		w.mu.Lock()
		st.asking, st.checked = false, now
		if err == nil {
			st.has = has
		}
		close(st.ready)
		defer w.mu.Unlock()
		return st.has
	}
	ready := st.ready
	w.mu.Unlock()
	select {
	case <-ready:
	case <-ctx.Done():
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !st.asking && now.Sub(st.checked) >= checkEvery {
		st.asking = true
		go func() {
			actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			h, err := askReplicas(actx, node)
			w.mu.Lock()
			defer w.mu.Unlock()
			st.asking, st.checked = false, time.Now()
			if err == nil {
				st.has = h
			}
		}()
	}
	return st.has
}

// recheck makes the next look at addr ask again: its WAIT found no
// replica (gone, or a Sentinel failover put another master behind the
// same client).
func (w *Waiter) recheck(addr string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if st, ok := w.known[addr]; ok {
		st.checked = time.Time{}
	}
}

// askReplicas reads INFO replication: does this master have a replica
// connected?
func askReplicas(ctx context.Context, node redis.Cmdable) (bool, error) {
	info, err := node.Info(ctx, "replication").Result()
	if err != nil {
		return false, err
	}
	for line := range strings.Lines(info) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "connected_slaves:"); ok {
			n, err := strconv.Atoi(v)
			return err == nil && n > 0, err
		}
	}
	return false, nil
}

// Group is the part of a batch of calls that one master runs: on one
// connection, then WAIT when it has replicas.
type Group struct {
	// Addr is the master's address ("" for a single server or
	// Sentinel's master), Node its client.
	Addr  string
	Node  redis.UniversalClient
	Calls []int // indexes into the batch's calls
	Wait  bool
}

// RunGroup runs one master's calls in one pipeline on its connection, what
// extra queues after them (reads that ride along; nil for none) and, when
// it has replicas, WAIT 1. A script the server did not know (NOSCRIPT)
// runs again in a second pipeline with its own WAIT (rerun). ok is false
// when a replica should have confirmed and did not. On a Cluster (cc not
// nil), a call the node redirected (MOVED, ASK: the layout changed) runs
// again through the Cluster client, which follows the redirection,
// without a WAIT (redirected).
func (w *Waiter) RunGroup(ctx context.Context, cc *redis.ClusterClient, g *Group, calls []Call, extra func(redis.Pipeliner)) (out []*redis.Cmd, rerun, ok bool, redirected []bool) {
	out = make([]*redis.Cmd, len(g.Calls))
	redirected = make([]bool, len(g.Calls))
	waitMs := max(1, w.wait.Milliseconds())
	var wait *redis.Cmd
	p := g.Node.Pipeline()
	for j, i := range g.Calls {
		out[j] = calls[i].Script.EvalSha(ctx, p, calls[i].Keys, calls[i].Args...)
	}
	if extra != nil {
		extra(p)
	}
	if g.Wait {
		wait = p.Do(ctx, "wait", 1, waitMs)
	}
	p.Exec(ctx) // errors are read per command
	var again []int
	for j := range g.Calls {
		if redis.HasErrorPrefix(out[j].Err(), "NOSCRIPT") {
			again = append(again, j)
		}
	}
	if len(again) > 0 {
		rerun = true
		p := g.Node.Pipeline()
		for _, j := range again {
			c := calls[g.Calls[j]]
			out[j] = c.Script.Eval(ctx, p, c.Keys, c.Args...)
		}
		if g.Wait {
			wait = p.Do(ctx, "wait", 1, waitMs)
		}
		p.Exec(ctx)
	}
	if cc != nil {
		moved := false
		for j, i := range g.Calls {
			if isRedirect(out[j].Err()) || store.Unavailable(out[j].Err()) {
				moved = true
			}
			if isRedirect(out[j].Err()) {
				c := calls[i]
				out[j] = c.Script.Run(ctx, cc, c.Keys, c.Args...)
				redirected[j] = true
			}
		}
		if moved {
			// A node gone or a slot moved: the Cluster client's next
			// MasterForKey must see the new layout.
			cc.ReloadState(ctx)
		}
	}
	ok = true
	if wait != nil {
		n, err := wait.Int64()
		ok = err == nil && n >= 1
		if !ok {
			w.recheck(g.Addr)
		}
	}
	return out, rerun, ok, redirected
}

// isRedirect reports a Cluster node's MOVED or ASK: the command did not
// run there.
func isRedirect(err error) bool {
	var rerr redis.Error
	if err == nil || !errors.As(err, &rerr) {
		return false
	}
	s := rerr.Error()
	return strings.HasPrefix(s, "MOVED ") || strings.HasPrefix(s, "ASK ")
}

// Run runs call and, when the master holding its keys has replicas, WAIT 1
// after it on the same connection, in the same round trip (RunGroup).
// confirmed is false when a replica should have confirmed it and did not
// in time, or when it ran without a WAIT behind it (a Cluster's
// redirection, a layout not known): it ran all the same. Where its master
// has no replicas (one server), or the Waiter is Off, it is the script's
// own Run, with nothing added.
func (w *Waiter) Run(ctx context.Context, call Call) (cmd *redis.Cmd, confirmed bool) {
	if w.Off() {
		return call.Script.Run(ctx, w.rdb, call.Keys, call.Args...), true
	}
	now := time.Now() // not a desk's clock: how old a look at the replicas is
	g := &Group{Node: w.rdb, Calls: []int{0}}
	cc, cluster := w.rdb.(*redis.ClusterClient)
	if cluster {
		node, err := cc.MasterForKey(ctx, call.Keys[0])
		if err != nil {
			// The layout is not known: the Cluster client finds the
			// master itself, without a wait.
			cc.ReloadState(ctx)
			return call.Script.Run(ctx, w.rdb, call.Keys, call.Args...), false
		}
		g.Addr, g.Node = node.Options().Addr, node
	}
	if g.Wait = w.Has(ctx, g.Addr, g.Node, now); !g.Wait {
		return call.Script.Run(ctx, w.rdb, call.Keys, call.Args...), true
	}
	out, _, ok, redirected := w.RunGroup(ctx, cc, g, []Call{call}, nil)
	return out[0], ok && !redirected[0]
}

// barrierTTL is how long a barrier's key stays: only its write matters,
// the key is left to expire rather than deleted in another round trip.
const barrierTTL = time.Minute

// Barrier makes what the masters holding keys acknowledged so far wait
// for a replica, for writes that ran elsewhere (other connections, other
// clients, several scripts) and cannot carry the WAIT themselves: WAIT
// confirms only the writes of its own connection, but a master's
// replication stream is ordered, so a replica that holds a write made
// after them holds them too. On each master holding one of keys (one on a
// single server or Sentinel's master) that has replicas, it writes a key
// of its own in the slot of the first of keys there (BarrierKey) and
// sends WAIT 1 after it, in one round trip; the masters are asked in
// parallel. A master without replicas, or a Waiter that is Off, costs
// nothing. confirmed is false when a replica should have confirmed and
// did not in time, or a master could not be asked (a Cluster's layout
// not known, the write refused): what was written stands all the same.
func (w *Waiter) Barrier(ctx context.Context, keys ...string) (confirmed bool) {
	if w.Off() || len(keys) == 0 {
		return true
	}
	now := time.Now() // not a desk's clock: how old a look at the replicas is
	type barrier struct {
		addr string
		node redis.UniversalClient
		key  string
	}
	var all []barrier
	confirmed = true
	cc, cluster := w.rdb.(*redis.ClusterClient)
	if cluster {
		seen := map[string]bool{}
		reload := false
		for _, k := range keys {
			node, err := cc.MasterForKey(ctx, k)
			if err != nil {
				confirmed, reload = false, true
				continue
			}
			addr := node.Options().Addr
			if seen[addr] {
				continue
			}
			seen[addr] = true
			all = append(all, barrier{addr, node, k})
		}
		if reload {
			cc.ReloadState(ctx)
		}
	} else {
		all = []barrier{{"", w.rdb, keys[0]}}
	}
	waitMs := max(1, w.wait.Milliseconds())
	results := make([]bool, len(all))
	var wg sync.WaitGroup
	for i, b := range all {
		wg.Go(func() {
			if !w.Has(ctx, b.addr, b.node, now) {
				// No replica to wait for, unless the look at them was
				// cut short: a cancelled erasure is not confirmed.
				results[i] = ctx.Err() == nil
				return
			}
			key, ok := BarrierKey(b.key)
			if !ok && !cluster {
				// One master: any key will do.
				key, ok = b.key+":barrier", true
			}
			if !ok {
				return
			}
			p := b.node.Pipeline()
			set := p.Set(ctx, key, "1", barrierTTL)
			wait := p.Do(ctx, "wait", 1, waitMs)
			p.Exec(ctx) // errors are read per command
			n, err := wait.Int64()
			results[i] = set.Err() == nil && err == nil && n >= 1
			if !results[i] {
				w.recheck(b.addr)
				if cluster {
					// The master's own client follows no MOVED: a
					// resharded slot is learnt from the layout.
					cc.ReloadState(ctx)
				}
			}
		})
	}
	wg.Wait()
	for _, ok := range results {
		confirmed = confirmed && ok
	}
	return confirmed
}

// BarrierKey is the key a Barrier writes for key: in key's Cluster slot,
// beside it: key cut after its hash tag ("fd:{c:1.2}:in:x" gives
// "fd:{c:1.2}:barrier"), or a key without a tag made the tag of one
// ("{key}:barrier"). ok is false for a key whose slot no other key can be
// told to share here (braces that make no tag, a '}' in a key without
// one).
func BarrierKey(key string) (string, bool) {
	if open := strings.IndexByte(key, '{'); open >= 0 {
		if end := strings.IndexByte(key[open+1:], '}'); end > 0 {
			return key[:open+1+end+1] + ":barrier", true
		}
		return "", false
	}
	if strings.IndexByte(key, '}') >= 0 {
		return "", false
	}
	return "{" + key + "}:barrier", true
}
