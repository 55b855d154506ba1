package dispatch_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// freezingEraser deletes its key, after freezing every replica (before):
// the erasure then runs while no replica copies anything.
type freezingEraser struct {
	rdb    redis.UniversalClient
	key    string
	before func()
}

func (e *freezingEraser) Erase(ctx context.Context, c bot.Contact) error {
	if e.before != nil {
		e.before()
	}
	return e.rdb.Del(ctx, e.key).Err()
}

// TestErasureWaitsForAReplica (issue 19, W2d): the confirmation of an
// erasure ("your data is deleted") goes out only once a replica of every
// master the erasure wrote to holds it, so that a failover just after
// cannot bring the person's data back: the contact's own state (its
// master) and an eraser's key on another master (on a Cluster; on a
// Sentinel group the one master). Every replica is frozen (SIGSTOP) as
// the erasure starts, and each is let go only once its master holds a
// client blocked in WAIT: without the wait the confirmation went out with
// the replicas still frozen, the data on them. Left frozen, the wait ends
// and the person is told all the same, counted unconfirmed.
func TestErasureWaitsForAReplica(t *testing.T) {
	for _, tc := range storetest.ReplicatedCases() {
		t.Run(tc.Name, func(t *testing.T) {
			g := tc.Start(t)
			rdb, keys := storetest.RedisAt(t, g.Options)
			ctx := context.Background()
			c := msg("1", "", "").Contact
			state := keys.ContactKey(c.Key(), "ct")
			// A key of the eraser's on another master than the
			// contact's, where there is one.
			other := keys.ShardKey(0, "erasable")
			for s := 1; s < 256 && g.MasterOf(other) == g.MasterOf(state) && len(g.Replicas) > 1; s++ {
				other = keys.ShardKey(s, "erasable")
			}
			if len(g.Replicas) > 1 && g.MasterOf(other) == g.MasterOf(state) {
				t.Fatal("no shard on another master than the contact's")
			}
			// Every master, by a key of its own, and its replica.
			masters := map[*storetest.Node]*storetest.Node{}
			for s := 0; s < 256 && len(masters) < len(g.Replicas); s++ {
				k := keys.ShardKey(s, "x")
				masters[g.MasterOf(k)] = g.ReplicaOf(k)
			}

			var mu sync.Mutex
			thaw := false // this step lets the replicas go once their masters wait
			frozen := 0   // replicas still frozen
			var atSend []string
			var thawed sync.WaitGroup
			stop := make(chan struct{})
			e := &freezingEraser{rdb: rdb, key: other}
			e.before = func() {
				mu.Lock()
				defer mu.Unlock()
				for m, r := range masters {
					r.Freeze(t)
					frozen++
					if !thaw {
						continue
					}
					thawed.Go(func() {
						if !m.BlockedInWait(stop) {
							return
						}
						mu.Lock()
						defer mu.Unlock()
						r.Thaw(t)
						frozen--
					})
				}
			}
			out := newRecorder()
			out.fail = func(_ bot.Contact, r bot.Reply) error {
				if r.Text != "echo:erase" {
					return nil
				}
				mu.Lock()
				defer mu.Unlock()
				if frozen > 0 {
					atSend = append(atSend, fmt.Sprintf("%d replicas still frozen", frozen))
					return nil
				}
				n1, err1 := g.ReplicaOf(state).Reader(t).Exists(ctx, state).Result()
				n2, err2 := g.ReplicaOf(other).Reader(t).Exists(ctx, other).Result()
				atSend = append(atSend, fmt.Sprintf("state %d %v, eraser's key %d %v", n1, err1, n2, err2))
				return nil
			}
			m := dispatch.NewMetrics(nil)
			d := dispatch.NewDispatcher(rdb, keys, &echo{t: t}, dispatch.Options{Metrics: m, ReplicaWait: 2 * time.Second,
				Senders: map[string]bot.Sender{"test": out}, Erasers: []bot.Eraser{e}, RetryPause: 10 * time.Millisecond})
			start(t, d)
			unconfirmed := func() float64 { return value(t, m.ReplicaUnconfirmedErasures.WithLabelValues("test")) }

			for i, step := range []struct {
				thaw        bool
				want        string
				unconfirmed float64
			}{
				{true, "state 0 <nil>, eraser's key 0 <nil>", 0},
				{false, fmt.Sprintf("%d replicas still frozen", len(masters)), 1},
			} {
				if err := rdb.Set(ctx, other, "the person's", 0).Err(); err != nil {
					t.Fatal(err)
				}
				mu.Lock()
				thaw, stop = step.thaw, make(chan struct{})
				mu.Unlock()
				n := len(out.replies(c))
				if ok, err := d.Accept(ctx, msg("1", fmt.Sprintf("h%d", i), "hello")); !ok || err != nil {
					t.Fatalf("accept: %v %v", ok, err)
				}
				waitFor(t, "the answer to hello", func() bool { return len(out.replies(c)) == n+1 })
				if x, err := rdb.Exists(ctx, state).Result(); x != 1 || err != nil {
					t.Fatalf("the contact's state before the erasure: %d %v", x, err)
				}
				if ok, err := d.Accept(ctx, msg("1", fmt.Sprintf("e%d", i), "erase")); !ok || err != nil {
					t.Fatalf("accept: %v %v", ok, err)
				}
				waitFor(t, "the confirmation", func() bool { return len(out.replies(c)) == n+2 })
				mu.Lock()
				close(stop)
				mu.Unlock()
				thawed.Wait()
				mu.Lock()
				for _, r := range masters {
					r.Thaw(t)
				}
				frozen = 0
				got := atSend[i]
				mu.Unlock()
				if got != step.want {
					t.Errorf("erasure %d: as the confirmation went out: %s, want %s", i, got, step.want)
				}
				if n := unconfirmed(); n != step.unconfirmed {
					t.Errorf("after erasure %d: %v unconfirmed, want %v", i, n, step.unconfirmed)
				}
			}
		})
	}
}

// TestErasureCostsOneRoundTrip: the erasure's wait is a round trip of its
// own, one per master (here one: a Sentinel group), so an erasure costs
// one round trip more than with the wait off, and three WAITs: the
// accept's and the commit's, which ride in their own round trips
// (TestReplicaWaitsCostNoRoundTrip), and the erasure's. On a server
// without replicas nothing at all.
func TestErasureCostsOneRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  func(t testing.TB) store.Options
		trips int64 // per erasure, more than with the wait off
		waits int64 // per erasure
	}{
		{"sentinel", func(t testing.TB) store.Options { return storetest.StartSentinel(t, 10*time.Second).Options() }, 1, 3},
		{"single server without replicas", singleServerWithoutReplicas, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rdb, keys := storetest.RedisAt(t, tc.opts(t))
			w := &waits{}
			rdb.AddHook(w)
			ctx := context.Background()
			cost := func(wait time.Duration, contact string) (trips, waits int64) {
				t.Helper()
				out := newRecorder()
				d := dispatch.NewDispatcher(rdb, keys, &echo{t: t}, dispatch.Options{ReplicaWait: wait,
					Senders: map[string]bot.Sender{"test": out}, Lease: time.Hour})
				stop := start(t, d)
				defer stop()
				c := msg(contact, "", "").Contact
				let := func() {
					waitFor(t, "the contact let go", func() bool {
						n, err := rdb.Exists(ctx, keys.ContactKey(c.Key(), "lock")).Result()
						return err == nil && n == 0
					})
				}
				send := func(id, text string) {
					t.Helper()
					n := len(out.replies(c))
					if ok, err := d.Accept(ctx, msg(contact, id, text)); !ok || err != nil {
						t.Fatalf("accept %s: %v %v", id, ok, err)
					}
					waitFor(t, "the reply to "+id, func() bool { return len(out.replies(c)) == n+1 })
					let()
				}
				// The scripts loaded, the replicas looked at.
				send("w", "hello")
				send("we", "erase")
				var total, walls int64
				for i := range 3 {
					send(fmt.Sprintf("h%d", i), "hello")
					n0, t0 := w.n.Load(), w.trips.Load()
					send(fmt.Sprintf("e%d", i), "erase")
					total += w.trips.Load() - t0
					walls += w.n.Load() - n0
				}
				return total, walls
			}
			offTrips, offWaits := cost(-1, "off")
			onTrips, onWaits := cost(2*time.Second, "on")
			if offWaits != 0 {
				t.Errorf("3 erasures with the wait off: %d WAITs", offWaits)
			}
			if onWaits != 3*tc.waits {
				t.Errorf("3 erasures: %d WAITs, want %d each", onWaits, tc.waits)
			}
			if onTrips != offTrips+3*tc.trips {
				t.Errorf("3 erasures: %d round trips, %d with the wait off; want %d more each", onTrips, offTrips, tc.trips)
			}
			t.Logf("per erasure: %.1f round trips with the wait off, %.1f on; %.1f WAITs", float64(offTrips)/3, float64(onTrips)/3, float64(onWaits)/3)
		})
	}
}
