package dispatch_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot/dispatch"
	"frontdoor/store"
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
	type group struct {
		opts store.Options
		// replica is the node that copies the master of key, nil when
		// there is none.
		replica func(key string) *storetest.Node
	}
	for _, tc := range []struct {
		name  string
		start func(t *testing.T) group
	}{
		{"sentinel", func(t *testing.T) group {
			sn := storetest.StartSentinel(t, 10*time.Second)
			return group{sn.Options(), func(string) *storetest.Node { return sn.Replica }}
		}},
		{"cluster", func(t *testing.T) group {
			cl := storetest.StartCluster(t, 10*time.Second)
			return group{cl.Options(), func(key string) *storetest.Node { return cl.ReplicaOf(t, key) }}
		}},
		{"single server without replicas", func(t *testing.T) group {
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
			return group{o, nil}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := tc.start(t)
			rdb, keys := storetest.RedisAt(t, g.opts)
			f := &fixture{rdb: rdb, keys: keys, h: &echo{t: t}, out: newRecorder()}
			m := dispatch.NewMetrics(nil)
			d := f.dispatcher(rdb, dispatch.Options{Metrics: m, ReplicaWait: 300 * time.Millisecond})
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
				if g.replica == nil {
					continue
				}
				// WAIT 1 answered, so the replica holds it already.
				if got := replicaInbox(t, g.replica(inbox).Addr, inbox); len(got) != i+1 || !strings.Contains(got[i], `"text `+id+`"`) {
					t.Fatalf("the replica's inbox after accepting %s: %q", id, got)
				}
			}
			if g.replica == nil {
				return
			}

			r := g.replica(inbox)
			r.Freeze(t)
			if ok, err := d.Accept(ctx, msg("1", "d", "text d")); !ok || err != nil {
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
