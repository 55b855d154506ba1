package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
	"frontdoor/store/storetest"
)

// One Cluster and one Sentinel group serve every case: starting them is
// what costs.
func TestOpenOnClusterAndSentinel(t *testing.T) {
	cl := storetest.StartCluster(t, 2*time.Second)
	sn := storetest.StartSentinel(t, time.Second)
	ctx := context.Background()
	// A server of the test's own: with a Cluster given to the tests, the
	// default server may not be there.
	singleAddr := storetest.StartServer(t).Addr
	single := store.Options{URL: "redis://" + singleAddr + "/0"}

	for _, tc := range []struct {
		name     string
		o        store.Options
		wantMode store.Mode
		wantErr  []string
	}{
		{"every cluster node", cl.Options(), store.ModeCluster, nil},
		{"one cluster seed", store.Options{Addrs: cl.Addrs()[:1]}, store.ModeCluster, nil},
		{"a cluster node as URL", store.Options{URL: "redis://" + cl.Addrs()[2] + "/0"}, store.ModeCluster, nil},
		{"a cluster with a database", store.Options{URL: "redis://" + cl.Addrs()[2] + "/3"}, "", []string{"only database 0"}},
		{"sentinels with the master's name", sn.Options(), store.ModeSentinel, nil},
		{"sentinels without a name", store.Options{Addrs: sn.Options().Addrs}, "", []string{"is a Sentinel", "REDIS_MASTER_NAME"}},
		{"one sentinel without a name", store.Options{Addrs: sn.Options().Addrs[:1]}, "", []string{"REDIS_MASTER_NAME"}},
		{"sentinels with a wrong name", store.Options{Addrs: sn.Options().Addrs, MasterName: "nosuch"}, "", []string{"not reachable", "nosuch"}},
		{"single server", single, store.ModeSingle, nil},
		{"single server listed twice", store.Options{Addrs: []string{singleAddr, singleAddr}}, "", []string{"not a Cluster node", "REDIS_URL"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, err := store.Open(ctx, tc.o, slog.New(slog.DiscardHandler))
			if len(tc.wantErr) > 0 {
				if err == nil {
					db.Close()
					t.Fatalf("opened; want an error saying %q", tc.wantErr)
				}
				for _, w := range tc.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if db.Mode != tc.wantMode {
				t.Errorf("mode = %q, want %q", db.Mode, tc.wantMode)
			}
			// Keys on every master: a plain client on one Cluster node
			// would fail on two in three with MOVED.
			prefix := "fdtest:open:" + strings.ReplaceAll(tc.name, " ", "_") + ":"
			for i := range 30 {
				if err := db.Client.Set(ctx, fmt.Sprintf("%s%d", prefix, i), "v", time.Minute).Err(); err != nil {
					t.Fatalf("set key %d: %v", i, err)
				}
			}
			keys, err := store.KeysWith(ctx, db.Client, prefix)
			if err != nil || len(keys) != 30 {
				t.Fatalf("keys on every master = %d (%v), want 30", len(keys), err)
			}
			if err := store.DeletePrefix(ctx, db.Client, prefix); err != nil {
				t.Fatal(err)
			}
			if keys, _ := store.KeysWith(ctx, db.Client, prefix); len(keys) != 0 {
				t.Fatalf("left after cleaning: %v", keys)
			}
		})
	}
}

// After a master dies, the Cluster client finds the promoted replica by
// itself: commands for the dead master's slots work again without a
// restart and without waiting for go-redis' 60 s reload.
func TestClusterClientFollowsAFailover(t *testing.T) {
	cl := storetest.StartCluster(t, time.Second)
	ctx := context.Background()
	db, err := store.Open(ctx, cl.Options(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	key := "fdtest:failover:{k}"
	if err := db.Client.Set(ctx, key, "before", 0).Err(); err != nil {
		t.Fatal(err)
	}
	cl.MasterOf(t, key).Kill()
	start := time.Now()
	var failed int
	for {
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		err := db.Client.Set(cctx, key, "after", 0).Err()
		cancel()
		if err == nil {
			break
		}
		if !store.Unavailable(err) {
			t.Fatalf("error during the failover not seen as Redis being away: %v", err)
		}
		failed++
		// A bound far above the node timeout: the client must get
		// there on its own, not by luck of timing.
		if time.Since(start) > 40*time.Second {
			t.Fatalf("still failing %v after the master died: %v", time.Since(start), err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if v, err := db.Client.Get(ctx, key).Result(); err != nil || v != "after" {
		t.Fatalf("after failover: %q %v", v, err)
	}
	t.Logf("writes failed for %v (%d tries) after the master died", time.Since(start).Round(100*time.Millisecond), failed)
	store.DeletePrefix(ctx, db.Client, "fdtest:failover:")
}

func TestUnavailable(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"not found", redis.Nil, false},
		{"cancelled", context.Canceled, false},
		{"script error", errors.New("ERR Error running script"), false},
		{"wrong type", fmt.Errorf("read: %w", errors.New("WRONGTYPE Operation against a key")), false},
		{"deadline", fmt.Errorf("x: %w", context.DeadlineExceeded), true},
		{"dial", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, true},
		{"eof", fmt.Errorf("claim: %w", io.EOF), true},
		{"closed client", redis.ErrClosed, false},
		{"clusterdown", errors.New("CLUSTERDOWN The cluster is down"), true},
		{"masterdown", errors.New("MASTERDOWN Link with MASTER is down"), true},
		{"tryagain", errors.New("TRYAGAIN Multiple keys request during rehashing"), true},
		{"loading", errors.New("LOADING Redis is loading the dataset in memory"), true},
		{"readonly", errors.New("READONLY You can't write against a read only replica."), true},
		{"as text", fmt.Errorf("handoff: %v", errors.New("dial tcp 127.0.0.1:7000: connect: connection refused")), true},
	} {
		if got := store.Unavailable(tc.err); got != tc.want {
			t.Errorf("%s: Unavailable(%v) = %v, want %v", tc.name, tc.err, got, tc.want)
		}
	}
}
