package bench

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
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
			var out bytes.Buffer
			if err := Run(context.Background(), args[1:], Env{Stdout: &out, Getenv: getenv}); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
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

func TestBenchBroadcastSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("sends a few thousand messages")
	}
	var out bytes.Buffer
	env := storetest.Env()
	err := Run(context.Background(), []string{"broadcast", "--contacts", "2000", "--limit", "1000", "--rate", "800"}, Env{Stdout: &out, Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Log(out.String())
	if !strings.Contains(out.String(), "429 answers: 0; duplicates: 0; chats reached: 2000") {
		t.Fatalf("bench output %q", out.String())
	}
}

// bench telegram runs frontdoor serve and the bare bot as processes of
// their own against the fake Bot API, and reports both and the ratios;
// Frontdoor's keys are gone afterwards.
func TestBenchTelegramSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds frontdoor and runs it")
	}
	self := filepath.Join(t.TempDir(), "frontdoor")
	if out, err := exec.Command("go", "build", "-tags", "bench", "-o", self, "frontdoor/cmd/frontdoor").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	env := storetest.Env()
	if env["REDIS_URL"] == "" {
		t.Skip("bench telegram takes one Redis server (REDIS_URL)")
	}
	var out bytes.Buffer
	err := Run(context.Background(), []string{"telegram", "--messages", "200", "--contacts", "20", "--rounds", "1"},
		Env{Stdout: &out, Getenv: func(k string) string { return env[k] }, Self: self})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Log(out.String())
	for _, want := range []string{"peer       answered/s", "answered 200/200", "ratio      answered/s", "Redis round trips", "median (range) of 1 round(s)",
		// The people's walks reach the events a real person's do (none
		// did before 2026-12-06 with 4 messages a person), and their
		// commands are counted with the rest.
		"per inbound message: events ", "need ", "handoff ", "Redis commands by name "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if left := storetest.KeysWith(t, storetest.Client(t), "fdbench:"); len(left) != 0 {
		t.Errorf("%d keys left after the bench, e.g. %s", len(left), left[0])
	}
}
