package dispatch

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store/replica"
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
// deliver (replica.Waiter.Run): its replies go out only once a replica holds
// the commit. Without it a failover in the replication window after a
// reply went out brought back the message, still in the inbox, and the
// state before it: the message was handled, and answered, again. The
// wait rides in the commit's own round trip, and a master without
// replicas is not waited for. What is still not waited for: done (the
// outbox cleared after delivery) and a reply's progress (ackSent), so a
// failover within the replication window (well under a millisecond on a
// healthy replica) after a reply went out sends that reply again, as a
// crash at that moment does; nothing accepted is lost.

// The mechanism (which masters have replicas, the WAIT in the writes'
// round trip, NOSCRIPT and a Cluster's redirections) is store/replica's,
// shared with the other writes that wait (a case the handoff opens).

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
	if d.replicas.Off() {
		out, rerun = runScripts(ctx, d.rdb, calls, func(p redis.Pipeliner) {
			for i, keys := range pre {
				preloads[i] = d.queuePreload(ctx, p, keys)
			}
		})
		return out, rerun, preloads, nil
	}
	now := time.Now() // not the desk's clock: how old a look at the replicas is
	cc, cluster := d.rdb.(*redis.ClusterClient)
	var groups []*replica.Group
	if !cluster {
		all := make([]int, len(calls))
		for i := range calls {
			all[i] = i
		}
		groups = []*replica.Group{{Node: d.rdb, Calls: all, Wait: d.replicas.Has(ctx, "", d.rdb, now)}}
	} else {
		byAddr := map[string]*replica.Group{}
		var lost []int
		for i, c := range calls {
			node, err := cc.MasterForKey(ctx, c.Keys[0])
			if err != nil {
				out[i] = redis.NewCmd(ctx)
				out[i].SetErr(err)
				lost = append(lost, i)
				continue
			}
			addr := node.Options().Addr
			g := byAddr[addr]
			if g == nil {
				g = &replica.Group{Addr: addr, Node: node, Wait: d.replicas.Has(ctx, addr, node, now)}
				byAddr[addr] = g
				groups = append(groups, g)
			}
			g.Calls = append(g.Calls, i)
		}
		if len(lost) > 0 {
			cc.ReloadState(ctx)
		}
		if !anyWait(groups) {
			// No master has a replica: the Cluster client's own pipeline,
			// with its redirections and every read along.
			idx := make([]int, 0, len(calls))
			for _, g := range groups {
				idx = append(idx, g.Calls...)
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
			for j, i := range g.Calls {
				out[i], preloads[i] = res[j], pl[j]
				if g.Wait && !ok || redirected[j] {
					unconfirmed = append(unconfirmed, i)
				}
			}
		}()
	}
	wg.Wait()
	return out, rerun, preloads, unconfirmed
}

func anyWait(groups []*replica.Group) bool {
	for _, g := range groups {
		if g.Wait {
			return true
		}
	}
	return false
}

// runGroup runs one master's accepts and the reads that ride along
// (replica.Waiter.RunGroup); on a Cluster only the reads whose keys live
// on that master ride along.
func (d *Dispatcher) runGroup(ctx context.Context, cc *redis.ClusterClient, g *replica.Group, calls []scriptCall, pre [][]string) (out []*redis.Cmd, rerun bool, preloads []*preload, ok bool, redirected []bool) {
	preloads = make([]*preload, len(g.Calls))
	out, rerun, ok, redirected = d.replicas.RunGroup(ctx, cc, g, calls, func(p redis.Pipeliner) {
		for j, i := range g.Calls {
			keys := keysAt(pre, i)
			if cc != nil {
				keys = d.sameMaster(ctx, cc, g.Addr, keys)
			}
			preloads[j] = d.queuePreload(ctx, p, keys)
		}
	})
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
