package storetest

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"frontdoor/store"
)

// Replicated is a Redis whose masters each have a replica, for the tests
// of the waits on a replica (store/replica): they freeze the replica of
// the key they write and check that the write waited for it.
type Replicated struct {
	Options store.Options
	// Replicas are every master's replica.
	Replicas []*Node
	// MasterOf is the node serving key now; ReplicaOf, the one copying
	// that master, as it was when the Redis started: a frozen replica
	// answers nothing, so it is not asked again.
	MasterOf, ReplicaOf func(key string) *Node
}

// ReplicatedCase is one kind of Redis with replicas, by name.
type ReplicatedCase struct {
	Name  string
	Start func(tb testing.TB) Replicated
}

// replicatedTimeout is the Sentinel's down-after and the Cluster's node
// timeout: longer than a test keeps a replica frozen, so that nothing
// fails over meanwhile.
const replicatedTimeout = 10 * time.Second

// ReplicatedCases are the Sentinel group and the Cluster, on each of
// which a wait on a replica must hold (on a Cluster it must follow the
// write to the master of its slot): the table the replica tests of every
// package share.
func ReplicatedCases() []ReplicatedCase {
	return []ReplicatedCase{
		{"sentinel", func(tb testing.TB) Replicated {
			sn := StartSentinel(tb, replicatedTimeout)
			return Replicated{
				Options:   sn.Options(),
				Replicas:  []*Node{sn.Replica},
				MasterOf:  func(string) *Node { return sn.Master },
				ReplicaOf: func(string) *Node { return sn.Replica },
			}
		}},
		{"cluster", func(tb testing.TB) Replicated {
			cl := StartCluster(tb, replicatedTimeout)
			replicaOf := cl.replicas(tb)
			r := Replicated{
				Options:   cl.Options(),
				MasterOf:  func(key string) *Node { return cl.MasterOf(tb, key) },
				ReplicaOf: func(key string) *Node { return replicaOf[cl.MasterOf(tb, key)] },
			}
			for _, n := range replicaOf {
				r.Replicas = append(r.Replicas, n)
			}
			return r
		}},
	}
}

// replicas maps each master of the Cluster to its replica.
func (c *Cluster) replicas(tb testing.TB) map[*Node]*Node {
	tb.Helper()
	out := map[*Node]*Node{}
	for _, n := range c.Nodes {
		info, err := n.Reader(tb).Info(context.Background(), "replication").Result()
		if err != nil || !strings.Contains(info, "role:slave") {
			continue
		}
		for _, m := range c.Nodes {
			if _, port, _ := net.SplitHostPort(m.Addr); strings.Contains(info, "master_port:"+port+"\r\n") {
				out[m] = n
			}
		}
	}
	if len(out) != len(c.Nodes)/2 {
		tb.Fatalf("%d of the Cluster's %d masters have a replica", len(out), len(c.Nodes)/2)
	}
	return out
}
