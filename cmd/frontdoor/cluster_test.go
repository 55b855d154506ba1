package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"frontdoor/store"
	"frontdoor/store/storetest"
)

// The benches take the Redis configuration serve takes (here one seed of a
// Cluster in REDIS_ADDRS), and clean up on every master. The pipeline and
// handoff benches take half a minute more: FRONTDOOR_CLUSTER=long runs
// them too.
func TestBenchesOnACluster(t *testing.T) {
	cl := storetest.StartCluster(t, 2*time.Second)
	env := map[string]string{"REDIS_ADDRS": cl.Addrs()[0]}
	getenv := func(k string) string { return env[k] }
	benches := [][]string{
		{"bench", "booking", "--concurrency", "4", "--slots", "20"},
		{"bench", "broadcast", "--contacts", "200", "--rate", "400", "--limit", "1000", "--workers", "8"},
	}
	if os.Getenv("FRONTDOOR_CLUSTER") == "long" {
		benches = append(benches, []string{"bench", "pipeline", "--contacts", "20", "--messages", "3"},
			[]string{"bench", "handoff", "--operators", "4", "--cases", "40"})
	}
	for _, args := range benches {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var out, errs bytes.Buffer
			if code := run(context.Background(), args, &out, &errs, getenv); code != 0 {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errs.String())
			}
			if !strings.Contains(out.String(), cl.Addrs()[0]) {
				t.Errorf("the bench does not say it ran on the Cluster:\n%s", out.String())
			}
		})
	}
	db, err := store.Open(context.Background(), cl.Options(), discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if left := storetest.KeysWith(t, db.Client, "fdbench:"); len(left) != 0 {
		t.Fatalf("%d keys left on the Cluster after the benches, e.g. %s", len(left), left[0])
	}
}

// withEnv is env with k set to v.
func withEnv(env map[string]string, k, v string) map[string]string {
	env[k] = v
	return env
}
