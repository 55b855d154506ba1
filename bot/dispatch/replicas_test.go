package dispatch_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/store"
	"frontdoor/store/replica"
	"frontdoor/store/storetest"
)

// TestAcceptWaitsForAReplica: an accepted message is on a replica before
// Accept returns (and so before the channel is told it is recorded), on a
// Sentinel group and on a Cluster, where the wait must follow the accept
// to the master of its slot, on its connection. With the replica frozen
// (SIGSTOP: it neither applies nor confirms), the accept still records the
// message and says it was not confirmed. On a server without replicas
// nothing waits: a WAIT there would end unconfirmed at every message.
func TestAcceptWaitsForAReplica(t *testing.T) {
	// Without replicas ReplicaOf is nil.
	cases := append(storetest.ReplicatedCases(), storetest.ReplicatedCase{Name: "single server without replicas",
		Start: func(tb testing.TB) storetest.Replicated {
			return storetest.Replicated{Options: singleServerWithoutReplicas(tb)}
		}})
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			g := tc.Start(t)
			rdb, keys := storetest.RedisAt(t, g.Options)
			f := &fixture{rdb: rdb, keys: keys, h: &echo{t: t}, out: newRecorder()}
			m := dispatch.NewMetrics(nil)
			// With the replica healthy a WAIT must be confirmed: it gets
			// the longest wait there is (replica.MaxWait, 2 s), as 300 ms
			// went unconfirmed at a load average of 23 on two cores under
			// -race. Only the accept with the replica frozen, which waits
			// its whole bound, has a short one (frozen, below).
			d := f.dispatcher(rdb, dispatch.Options{Metrics: m, ReplicaWait: replica.MaxWait})
			frozen := f.dispatcher(rdb, dispatch.Options{Metrics: m, ReplicaWait: 300 * time.Millisecond})
			unconfirmed := func() float64 { return value(t, m.ReplicaUnconfirmed.WithLabelValues("test")) }
			ctx := context.Background()
			c := msg("1", "", "").Contact
			inbox := keys.ContactKey(c.Key(), "in")

			for i, id := range []string{"a", "b", "c"} {
				if ok, err := d.Accept(ctx, msg("1", id, "text "+id)); !ok || err != nil {
					t.Fatalf("accept %s: %v %v", id, ok, err)
				}
				if got := unconfirmed(); got != 0 {
					t.Fatalf("after accepting %s with the replica healthy: %v unconfirmed, want 0", id, got)
				}
				if g.ReplicaOf == nil {
					continue
				}
				// WAIT 1 answered, so the replica holds it already.
				if got := replicaInbox(t, g.ReplicaOf(inbox).Addr, inbox); len(got) != i+1 || !strings.Contains(got[i], `"text `+id+`"`) {
					t.Fatalf("the replica's inbox after accepting %s: %q", id, got)
				}
			}
			if g.ReplicaOf == nil {
				return
			}

			r := g.ReplicaOf(inbox)
			r.Freeze(t)
			if ok, err := frozen.Accept(ctx, msg("1", "d", "text d")); !ok || err != nil {
				t.Fatalf("accept with the replica frozen: %v %v", ok, err)
			}
			if got := unconfirmed(); got != 1 {
				t.Fatalf("accepted with the replica frozen: %v unconfirmed, want 1", got)
			}
			r.Thaw(t)
			// Recorded on the master all the same, and the replica
			// catches up.
			n, err := rdb.LLen(ctx, inbox).Result()
			if err != nil || n != 4 {
				t.Fatalf("inbox length on the master: %d %v, want 4", n, err)
			}
			waitFor(t, "the replica to catch up", func() bool { return len(replicaInbox(t, r.Addr, inbox)) == 4 })
		})
	}
}

// replicaInbox reads list key on the replica at addr (READONLY, as a
// Cluster replica refuses reads otherwise).
func replicaInbox(t *testing.T, addr, key string) []string {
	t.Helper()
	cl := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, PoolSize: 1,
		OnConnect: func(ctx context.Context, cn *redis.Conn) error {
			// A Cluster node takes READONLY; any other replica answers
			// reads anyway.
			cn.ReadOnly(ctx)
			return nil
		}})
	defer cl.Close()
	got, err := cl.LRange(context.Background(), key, 0, -1).Result()
	if err != nil {
		t.Fatalf("read %s on the replica %s: %v", key, addr, err)
	}
	return slices.Clip(got)
}

// TestCommitWaitsForAReplica: the reply to a message goes out only once a
// replica holds the message's commit (the state, the inbox without the
// message), so that a failover after the reply went out cannot bring the
// message back to be handled and answered again; on a Sentinel group and
// on a Cluster. The replica is frozen (SIGSTOP) while the message is
// handled and let go only once the master holds a client blocked in WAIT:
// without the wait the reply went out while the replica was still frozen,
// with the message in its inbox. Left frozen, the wait ends and the reply
// goes out all the same, counted unconfirmed.
func TestCommitWaitsForAReplica(t *testing.T) {
	for _, tc := range storetest.ReplicatedCases() {
		t.Run(tc.Name, func(t *testing.T) {
			g := tc.Start(t)
			o, masterOf, replicaOf := g.Options, g.MasterOf, g.ReplicaOf
			rdb, keys := storetest.RedisAt(t, o)
			c := msg("1", "", "").Contact
			inbox := keys.ContactKey(c.Key(), "in")
			master, replica := masterOf(inbox), replicaOf(inbox)

			// The handler tells it is handling and waits for the test
			// to freeze the replica.
			handling, goOn := make(chan struct{}), make(chan struct{})
			h := &echo{t: t, hook: func(bot.Turn) error {
				handling <- struct{}{}
				<-goOn
				return nil
			}}
			// What the replica held when each reply went out.
			var mu sync.Mutex
			var frozen bool
			var atSend []string
			out := newRecorder()
			out.fail = func(bot.Contact, bot.Reply) error {
				mu.Lock()
				defer mu.Unlock()
				if frozen {
					atSend = append(atSend, "the replica still frozen")
					return nil
				}
				got, err := readReplica(replica.Addr, inbox)
				if err != nil {
					atSend = append(atSend, "unread: "+err.Error())
					return nil
				}
				atSend = append(atSend, fmt.Sprintf("inbox %q", got))
				return nil
			}
			m := dispatch.NewMetrics(nil)
			d := dispatch.NewDispatcher(rdb, keys, h, dispatch.Options{Metrics: m, ReplicaWait: 2 * time.Second,
				Senders: map[string]bot.Sender{"test": out}})
			start(t, d)
			ctx := context.Background()
			unconfirmed := func() float64 { return value(t, m.ReplicaUnconfirmedCommits.WithLabelValues("test")) }

			for i, tc := range []struct {
				id   string
				thaw bool
				// want is what the replica holds as the reply goes out,
				// unconfirmed the commits counted so far.
				want        string
				unconfirmed float64
			}{
				{"a", true, "inbox []", 0},
				{"b", false, "the replica still frozen", 1},
			} {
				if ok, err := d.Accept(ctx, msg("1", tc.id, "text "+tc.id)); !ok || err != nil {
					t.Fatalf("accept %s: %v %v", tc.id, ok, err)
				}
				<-handling
				replica.Freeze(t)
				mu.Lock()
				frozen = true
				mu.Unlock()
				stop := make(chan struct{})
				thawed := make(chan struct{})
				go func() {
					defer close(thawed)
					if !tc.thaw || !master.BlockedInWait(stop) {
						return
					}
					mu.Lock()
					defer mu.Unlock()
					replica.Thaw(t)
					frozen = false
				}()
				goOn <- struct{}{}
				waitFor(t, "the reply to "+tc.id, func() bool { return len(out.replies(c)) == i+1 })
				close(stop)
				<-thawed
				mu.Lock()
				got := atSend[i]
				if frozen {
					replica.Thaw(t)
					frozen = false
				}
				mu.Unlock()
				if got != tc.want {
					t.Errorf("message %s: as its reply went out the replica held %s, want %s", tc.id, got, tc.want)
				}
				if n := unconfirmed(); n != tc.unconfirmed {
					t.Errorf("after message %s: %v commits unconfirmed, want %v", tc.id, n, tc.unconfirmed)
				}
			}
		})
	}
}

// readReplica reads list key on the replica at addr, as replicaInbox does,
// returning the error rather than failing the test (it runs in a sender).
func readReplica(addr, key string) ([]string, error) {
	cl := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, PoolSize: 1,
		OnConnect: func(ctx context.Context, cn *redis.Conn) error {
			cn.ReadOnly(ctx)
			return nil
		}})
	defer cl.Close()
	got, err := cl.LRange(context.Background(), key, 0, -1).Result()
	return slices.Clip(got), err
}

// waits counts the WAITs a client sends and its round trips to Redis,
// leaving out what is not a message's (the pumps' BLPOP, the janitor's
// scan, the background look at the replicas, new connections' handshakes).
type waits struct {
	n, trips atomic.Int64
}

func (w *waits) DialHook(next redis.DialHook) redis.DialHook { return next }

func (w *waits) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		switch cmd.Name() {
		// exists: the test's own polling.
		case "blpop", "zrangebyscore", "info", "hello", "exists":
		case "wait":
			w.n.Add(1)
			w.trips.Add(1)
		default:
			w.trips.Add(1)
		}
		return next(ctx, cmd)
	}
}

func (w *waits) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if !handshake(cmds) {
			w.trips.Add(1)
			for _, c := range cmds {
				if c.Name() == "wait" {
					w.n.Add(1)
				}
			}
		}
		return next(ctx, cmds)
	}
}

// TestReplicaWaitsCostNoRoundTrip: where the master has a replica, a
// message's accept and its commit each wait for it, in their own round
// trips (a WAIT after each, on the same connection), so that a message
// still costs three round trips; on one server without replicas no WAIT
// is sent at all. On a Sentinel group, whose client is one connection
// pool as serve's (a Cluster's WAITs go through each master's own client,
// TestCommitWaitsForAReplica).
func TestReplicaWaitsCostNoRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  func(t testing.TB) store.Options
		waits int64 // per message
	}{
		{"sentinel", func(t testing.TB) store.Options { return storetest.StartSentinel(t, 10*time.Second).Options() }, 2},
		{"single server without replicas", singleServerWithoutReplicas, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.opts(t)
			rdb, keys := storetest.RedisAt(t, o)
			w := &waits{}
			rdb.AddHook(w)
			out := newRecorder()
			d := dispatch.NewDispatcher(rdb, keys, &echo{t: t}, dispatch.Options{ReplicaWait: 2 * time.Second,
				Senders: map[string]bot.Sender{"test": out}, Lease: time.Hour})
			start(t, d)
			c := msg("1", "", "").Contact
			send := func(i int) {
				t.Helper()
				if ok, err := d.Accept(context.Background(), msg("1", strconv.Itoa(i), "hi")); !ok || err != nil {
					t.Fatalf("accept %d: %v %v", i, ok, err)
				}
				waitFor(t, "the reply", func() bool { return len(out.replies(c)) == i+1 })
			}
			send(0) // the scripts loaded, the replicas looked at
			// The contact let go after its reply (done) before counting.
			waitFor(t, "the contact let go", func() bool {
				n, err := rdb.Exists(context.Background(), keys.ContactKey(c.Key(), "lock")).Result()
				return err == nil && n == 0
			})
			const n = 10
			before, trips := w.n.Load(), w.trips.Load()
			for i := 1; i <= n; i++ {
				send(i)
				waitFor(t, "the contact let go", func() bool {
					n, err := rdb.Exists(context.Background(), keys.ContactKey(c.Key(), "lock")).Result()
					return err == nil && n == 0
				})
			}
			if got := w.n.Load() - before; got != n*tc.waits {
				t.Errorf("%d WAITs for %d messages, want %d each", got, n, tc.waits)
			}
			// accept (with the claim), commit, done: as on one server
			// (TestCommandsPerMessage).
			if got := w.trips.Load() - trips; got > n*3 {
				t.Errorf("%d round trips for %d messages, want at most 3 each", got, n)
			}
			t.Logf("per message: %.1f WAITs, %.1f round trips", float64(w.n.Load()-before)/n, float64(w.trips.Load()-trips)/n)
		})
	}
}

// singleServerWithoutReplicas is the test Redis when it is one server with
// no replica; the test is skipped otherwise.
func singleServerWithoutReplicas(t testing.TB) store.Options {
	t.Helper()
	o := storetest.Options()
	if len(o.Addrs) > 0 {
		t.Skipf("the test Redis is %s, not one server", o.Describe())
	}
	rdb, _ := storetest.Redis(t)
	info, err := rdb.Info(context.Background(), "replication").Result()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(info, "connected_slaves:0") {
		t.Skip("the test Redis has replicas")
	}
	return o
}
