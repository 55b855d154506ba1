package dispatch

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// Replication in Redis is asynchronous: a master acknowledges a write
// before any replica has it, and a failover in that window promotes a
// replica without it. For most of what the dispatcher writes that costs a
// repeat (a commit lost makes the message be handled again), but an
// accepted message lost so is a person's question gone: the channel was
// told it was recorded (Telegram's offset moved past it, the browser got
// its 200) and never sends it again. So an accept waits for one replica
// to confirm it (WAIT 1) before AcceptBatch returns, on the connection
// that wrote it, when the master has replicas. A master without replicas
// (one server) does not wait: WAIT 1 would block there until its timeout
// at every message.
//
// WAIT counts the writes of its own connection, so it rides in the
// pipeline of the accepts, after them. On a Cluster, go-redis sends a
// keyless WAIT to any master (or to all of them, by the command's
// request policy), never after the writes of a given slot: the accepts
// go to each master's own client (ClusterClient.MasterForKey), in one
// pipeline per master ending with its WAIT.

// The commit of a handled message waits too, when it has something to
// deliver (runConfirmed): its replies go out only once a replica holds
// the commit. Without it a failover in the replication window after a
// reply went out brought back the message, still in the inbox, and the
// state before it: the message was handled, and answered, again. The
// wait rides in the commit's own round trip, and a master without
// replicas is not waited for. What is still not waited for: done (the
// outbox cleared after delivery) and a reply's progress (ackSent), so a
// failover within the replication window (well under a millisecond on a
// healthy replica) after a reply went out sends that reply again, as a
// crash at that moment does; nothing accepted is lost.

// replicaCheck is how old what a master said about its replicas may be
// before it is asked again (in the background, off a message's path).
const replicaCheck = 5 * time.Second

// replicas remembers, per master, whether it has replicas to wait for.
type replicas struct {
	mu    sync.Mutex
	known map[string]*replicaState // by the master's address ("" for a single server or Sentinel's master)
}

type replicaState struct {
	has     bool
	checked time.Time
	asking  bool
	// ready is closed once the first look answered.
	ready chan struct{}
}

// has reports whether node, the master at addr, had replicas when last
// asked. The first time it asks at once (one INFO); after that a look
// older than replicaCheck is renewed in the background, so that a replica
// that comes or goes (a failover leaves the new master without one) is
// seen within seconds. An INFO that fails says nothing: the last answer
// stands (none at first, so that a server that cannot tell is not made to
// wait a timeout at each message).
func (r *replicas) has(ctx context.Context, addr string, node redis.Cmdable, now time.Time) bool {
	r.mu.Lock()
	if r.known == nil {
		r.known = map[string]*replicaState{}
	}
	st, ok := r.known[addr]
	if !ok {
		// The first look: every accept to this master waits for it.
		st = &replicaState{asking: true, ready: make(chan struct{})}
		r.known[addr] = st
		r.mu.Unlock()
		has, err := askReplicas(ctx, node)
		r.mu.Lock()
		st.asking, st.checked = false, now
		if err == nil {
			st.has = has
		}
		close(st.ready)
		defer r.mu.Unlock()
		return st.has
	}
	ready := st.ready
	r.mu.Unlock()
	select {
	case <-ready:
	case <-ctx.Done():
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if !st.asking && now.Sub(st.checked) >= replicaCheck {
		st.asking = true
		go func() {
			actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			h, err := askReplicas(actx, node)
			r.mu.Lock()
			defer r.mu.Unlock()
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
func (r *replicas) recheck(addr string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if st, ok := r.known[addr]; ok {
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

// acceptGroup is the part of a batch's accepts that one master runs: on
// one connection, then WAIT when it has replicas.
type acceptGroup struct {
	addr  string
	node  redis.UniversalClient
	calls []int // indexes into the batch's calls
	wait  bool
}

// runAccepts runs the accept calls of a batch and the reads that ride with
// them (pre: one per call, nil for none; on a Cluster only those whose
// keys live on the call's master ride along, the handler reads the others
// itself), and makes every accept wait for a replica where there is one
// (see above). unconfirmed lists the calls that no replica confirmed in
// time, or that ran without a WAIT behind them (a Cluster's redirection);
// they are recorded on their master all the same.
func (d *Dispatcher) runAccepts(ctx context.Context, calls []scriptCall, pre [][]string) (out []*redis.Cmd, rerun bool, preloads []*preload, unconfirmed []int) {
	out = make([]*redis.Cmd, len(calls))
	preloads = make([]*preload, len(calls))
	if d.opts.ReplicaWait < 0 {
		out, rerun = runScripts(ctx, d.rdb, calls, func(p redis.Pipeliner) {
			for i, keys := range pre {
				preloads[i] = d.queuePreload(ctx, p, keys)
			}
		})
		return out, rerun, preloads, nil
	}
	now := time.Now() // not the desk's clock: how old a look at the replicas is
	cc, cluster := d.rdb.(*redis.ClusterClient)
	var groups []*acceptGroup
	if !cluster {
		all := make([]int, len(calls))
		for i := range calls {
			all[i] = i
		}
		groups = []*acceptGroup{{node: d.rdb, calls: all, wait: d.replicas.has(ctx, "", d.rdb, now)}}
	} else {
		byAddr := map[string]*acceptGroup{}
		var lost []int
		for i, c := range calls {
			node, err := cc.MasterForKey(ctx, c.keys[0])
			if err != nil {
				out[i] = redis.NewCmd(ctx)
				out[i].SetErr(err)
				lost = append(lost, i)
				continue
			}
			addr := node.Options().Addr
			g := byAddr[addr]
			if g == nil {
				g = &acceptGroup{addr: addr, node: node, wait: d.replicas.has(ctx, addr, node, now)}
				byAddr[addr] = g
				groups = append(groups, g)
			}
			g.calls = append(g.calls, i)
		}
		if len(lost) > 0 {
			cc.ReloadState(ctx)
		}
		if !anyWait(groups) {
			// No master has a replica: the Cluster client's own pipeline,
			// with its redirections and every read along.
			idx := make([]int, 0, len(calls))
			for _, g := range groups {
				idx = append(idx, g.calls...)
			}
			slices.Sort(idx)
			sub := make([]scriptCall, len(idx))
			for j, i := range idx {
				sub[j] = calls[i]
			}
			res, rr := runScripts(ctx, d.rdb, sub, func(p redis.Pipeliner) {
				for _, i := range idx {
					preloads[i] = d.queuePreload(ctx, p, keysAt(pre, i))
				}
			})
			for j, i := range idx {
				out[i] = res[j]
			}
			return out, rr, preloads, nil
		}
	}
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	for _, g := range groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, rr, pl, ok, redirected := d.runGroup(ctx, cc, g, calls, pre)
			mu.Lock()
			defer mu.Unlock()
			rerun = rerun || rr
			for j, i := range g.calls {
				out[i], preloads[i] = res[j], pl[j]
				if g.wait && !ok || redirected[j] {
					unconfirmed = append(unconfirmed, i)
				}
			}
		}()
	}
	wg.Wait()
	return out, rerun, preloads, unconfirmed
}

func anyWait(groups []*acceptGroup) bool {
	for _, g := range groups {
		if g.wait {
			return true
		}
	}
	return false
}

// runGroup runs one master's accepts in one pipeline on its connection,
// the reads that ride along and, when it has replicas, WAIT 1. A script
// the server did not know (NOSCRIPT) runs again in a second pipeline with
// its own WAIT. ok is false when a replica should have confirmed and did
// not. On a Cluster, a call the node redirected (MOVED, ASK: the layout
// changed) runs again through the Cluster client, which follows the
// redirection, without a WAIT (redirected).
func (d *Dispatcher) runGroup(ctx context.Context, cc *redis.ClusterClient, g *acceptGroup, calls []scriptCall, pre [][]string) (out []*redis.Cmd, rerun bool, preloads []*preload, ok bool, redirected []bool) {
	out = make([]*redis.Cmd, len(g.calls))
	preloads = make([]*preload, len(g.calls))
	redirected = make([]bool, len(g.calls))
	// At least 1: WAIT with a timeout of 0 blocks until a replica answers.
	waitMs := max(1, d.opts.ReplicaWait.Milliseconds())
	var wait *redis.Cmd
	p := g.node.Pipeline()
	for j, i := range g.calls {
		out[j] = calls[i].script.EvalSha(ctx, p, calls[i].keys, calls[i].args...)
	}
	for j, i := range g.calls {
		keys := keysAt(pre, i)
		if cc != nil {
			keys = d.sameMaster(ctx, cc, g.addr, keys)
		}
		preloads[j] = d.queuePreload(ctx, p, keys)
	}
	if g.wait {
		wait = p.Do(ctx, "wait", 1, waitMs)
	}
	p.Exec(ctx) // errors are read per command
	var again []int
	for j := range g.calls {
		if redis.HasErrorPrefix(out[j].Err(), "NOSCRIPT") {
			again = append(again, j)
		}
	}
	if len(again) > 0 {
		rerun = true
		p := g.node.Pipeline()
		for _, j := range again {
			c := calls[g.calls[j]]
			out[j] = c.script.Eval(ctx, p, c.keys, c.args...)
		}
		if g.wait {
			wait = p.Do(ctx, "wait", 1, waitMs)
		}
		p.Exec(ctx)
	}
	if cc != nil {
		moved := false
		for j, i := range g.calls {
			if isRedirect(out[j].Err()) || store.Unavailable(out[j].Err()) {
				moved = true
			}
			if isRedirect(out[j].Err()) {
				c := calls[i]
				out[j] = c.script.Run(ctx, cc, c.keys, c.args...)
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
			d.replicas.recheck(g.addr)
		}
	}
	return out, rerun, preloads, ok, redirected
}

// keysAt is pre[i], or none when nothing is preloaded.
func keysAt(pre [][]string, i int) []string {
	if i < len(pre) {
		return pre[i]
	}
	return nil
}

// sameMaster keeps the keys that live on the master at addr.
func (d *Dispatcher) sameMaster(ctx context.Context, cc *redis.ClusterClient, addr string, keys []string) []string {
	var out []string
	for _, k := range keys {
		if n, err := cc.MasterForKey(ctx, k); err == nil && n.Options().Addr == addr {
			out = append(out, k)
		}
	}
	return out
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

// runConfirmed runs call and, when the master holding its keys has
// replicas, WAIT 1 after it on the same connection, in the same round
// trip (runGroup). confirmed is false when a replica should have
// confirmed it and did not in time, or when it ran without a WAIT behind
// it (a Cluster's redirection, a layout not known): it ran all the same.
// Where no master has replicas (one server) it is the script's own Run,
// with nothing added.
func (d *Dispatcher) runConfirmed(ctx context.Context, call scriptCall) (cmd *redis.Cmd, confirmed bool) {
	if d.opts.ReplicaWait < 0 {
		return call.script.Run(ctx, d.rdb, call.keys, call.args...), true
	}
	now := time.Now() // not the desk's clock: how old a look at the replicas is
	g := &acceptGroup{node: d.rdb, calls: []int{0}}
	cc, cluster := d.rdb.(*redis.ClusterClient)
	if cluster {
		node, err := cc.MasterForKey(ctx, call.keys[0])
		if err != nil {
			// The layout is not known: the Cluster client finds the
			// master itself, without a wait.
			cc.ReloadState(ctx)
			return call.script.Run(ctx, d.rdb, call.keys, call.args...), false
		}
		g.addr, g.node = node.Options().Addr, node
	}
	if g.wait = d.replicas.has(ctx, g.addr, g.node, now); !g.wait {
		return call.script.Run(ctx, d.rdb, call.keys, call.args...), true
	}
	out, _, _, ok, redirected := d.runGroup(ctx, cc, g, []scriptCall{call}, nil)
	return out[0], ok && !redirected[0]
}
