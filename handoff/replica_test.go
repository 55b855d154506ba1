package handoff_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/console"
	"frontdoor/handoff"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// replicaService is a service on the Redis o names, whose case openings
// wait up to wait for a replica and count those not confirmed in
// unconfirmed.
func replicaService(t *testing.T, rdb redis.UniversalClient, keys store.Keys, wait time.Duration, unconfirmed *prometheus.CounterVec) *handoff.Service {
	t.Helper()
	cat := shared.Catalog(t)
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{Clock: newClock().Now, PasswordCost: 4, Out: &sent{},
		ReplicaWait: wait, ReplicaUnconfirmed: unconfirmed})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func counted(t *testing.T, v *prometheus.CounterVec, channel string) float64 {
	t.Helper()
	var m dto.Metric
	if err := v.WithLabelValues(channel).Write(&m); err != nil {
		t.Fatal(err)
	}
	return m.GetCounter().GetValue()
}

// TestOpenedCaseWaitsForAReplica: the case the handoff sink opens (a
// person asked for one, or an urgent message) is on a replica of its
// master before HandleEvent returns, and so before the person is told
// "someone will answer, you are number N": a failover just after cannot
// lose it. On a Sentinel group and on a Cluster (where the queue's master
// is not the contact's, so the outbox's replay of the event would not
// bring the case back). The replica is frozen (SIGSTOP) while the case
// opens and let go only once its master holds a client blocked in WAIT:
// without the wait HandleEvent returned while the replica was still
// frozen, without the case. Left frozen, the wait ends and the case is
// open all the same, counted unconfirmed.
func TestOpenedCaseWaitsForAReplica(t *testing.T) {
	for _, tc := range storetest.ReplicatedCases() {
		t.Run(tc.Name, func(t *testing.T) {
			g := tc.Start(t)
			o, masterOf, replicaOf := g.Options, g.MasterOf, g.ReplicaOf
			rdb, keys := storetest.RedisAt(t, o)
			unconfirmed := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unconfirmed"}, []string{"channel"})
			svc := replicaService(t, rdb, keys, 2*time.Second, unconfirmed)
			ctx := context.Background()
			// Every case's hash is under the queue's tag: one master.
			queueKey := console.AccountsPrefix(keys) + "case:x"
			master, replica := masterOf(queueKey), replicaOf(queueKey)
			onReplica := replica.Reader(t)

			for _, step := range []struct {
				contact string
				thaw    bool
				// unconfirmed is the count after the opening.
				unconfirmed float64
			}{
				{"1", true, 0},
				{"2", false, 1},
			} {
				c := bot.Contact{Channel: "telegram", ID: step.contact}
				replica.Freeze(t)
				done := make(chan error, 1)
				go func() {
					done <- svc.HandleEvent(ctx, c, bot.HandoffRequested{Lang: "it", Area: "legal", Reason: "asked"})
				}()
				if step.thaw {
					storetest.WaitsBefore(t, master, replica, done, "contact "+c.ID+": the case opened")
					replica.Thaw(t)
				}
				if err := <-done; err != nil {
					t.Fatalf("contact %s: %v", c.ID, err)
				}
				cs, err := svc.Queue().OpenCase(ctx, c)
				if err != nil {
					t.Fatalf("contact %s: no open case on the master: %v", c.ID, err)
				}
				if step.thaw {
					// HandleEvent returned: the replica holds the case.
					status, err := onReplica.HGet(ctx, console.AccountsPrefix(keys)+"case:"+cs.ID, "status").Result()
					if err != nil || status == "" {
						t.Errorf("contact %s: the case on the replica when HandleEvent returned: %q %v", c.ID, status, err)
					}
				} else {
					replica.Thaw(t)
				}
				if got := counted(t, unconfirmed, "telegram"); got != step.unconfirmed {
					t.Errorf("after contact %s: %v cases unconfirmed, want %v", c.ID, got, step.unconfirmed)
				}
			}
		})
	}
}

// TestOpeningACaseCostsNoRoundTrip: the wait for a replica rides in the
// round trip that opens the case, and in the one that writes its first
// lines, so opening one costs as many round trips as with the wait off;
// on a server without replicas no WAIT is sent at all, on a Sentinel
// group two per case (the case, its lines).
func TestOpeningACaseCostsNoRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  func(t *testing.T) store.Options
		waits int64 // per case
	}{
		{"sentinel", func(t *testing.T) store.Options { return storetest.StartSentinel(t, 10*time.Second).Options() }, 2},
		{"single server without replicas", func(t *testing.T) store.Options {
			return store.Options{URL: "redis://" + storetest.StartServer(t).Addr}
		}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rdb, keys := storetest.RedisAt(t, tc.opts(t))
			w := &storetest.Trips{}
			rdb.AddHook(w)
			ctx := context.Background()
			cost := func(svc *handoff.Service, contact string) (n, waits int64) {
				t.Helper()
				n0, w0 := w.N.Load(), w.Waits.Load()
				if err := svc.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: contact}, bot.HandoffRequested{Lang: "it", Area: "legal", Reason: "asked"}); err != nil {
					t.Fatal(err)
				}
				return w.N.Load() - n0, w.Waits.Load() - w0
			}
			off := replicaService(t, rdb, keys, -1, nil)
			on := replicaService(t, rdb, keys, 2*time.Second, nil)
			// The scripts loaded, the replicas looked at.
			cost(off, "warm-off")
			cost(on, "warm-on")
			for i := range 3 {
				id := strings.Repeat("x", i+1)
				offTrips, offWaits := cost(off, "off-"+id)
				onTrips, onWaits := cost(on, "on-"+id)
				if offWaits != 0 {
					t.Errorf("case %d with the wait off: %d WAITs", i, offWaits)
				}
				if onWaits != tc.waits {
					t.Errorf("case %d: %d WAITs, want %d", i, onWaits, tc.waits)
				}
				if onTrips != offTrips {
					t.Errorf("case %d: %d round trips, %d with the wait off", i, onTrips, offTrips)
				}
			}
		})
	}
}

// TestOpeningLinesWaitForAReplica (issue 19): the first lines of a case,
// what the person wrote (often the danger itself), are on a replica of
// their master before HandleEvent returns, as the case is: a failover
// just after must not keep the case and lose them. The transcript is in a
// slot of the case's own, on a Cluster mostly another master than the
// case's. Every replica is frozen while the case opens; the one of the
// transcript's master is let go only once the transcript is on its master
// and the master holds a client blocked in WAIT, so the case's own wait
// ends unconfirmed. Without the lines' own wait HandleEvent returned while
// that replica was still frozen, without them.
func TestOpeningLinesWaitForAReplica(t *testing.T) {
	for _, tc := range storetest.ReplicatedCases() {
		t.Run(tc.Name, func(t *testing.T) {
			g := tc.Start(t)
			o, replicas, masterOf, replicaOf := g.Options, g.Replicas, g.MasterOf, g.ReplicaOf
			rdb, keys := storetest.RedisAt(t, o)
			unconfirmed := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unconfirmed"}, []string{"channel"})
			svc := replicaService(t, rdb, keys, 2*time.Second, unconfirmed)
			ctx := context.Background()
			const danger = "mi ha chiuso in casa e mi picchia"
			c := bot.Contact{Channel: "telegram", ID: "1"}
			openKey := console.AccountsPrefix(keys) + "open:" + c.Key()
			onQueueMaster := masterOf(openKey).Reader(t)

			for _, r := range replicas {
				r.Freeze(t)
			}
			done := make(chan error, 1)
			go func() {
				done <- svc.HandleEvent(ctx, c, bot.HandoffRequested{Lang: "it", Reason: bot.UrgentReason("violence"), Urgent: true,
					UrgentKind: "violence", Text: danger, Message: "m1"})
			}()
			returned := make(chan struct{})
			var err error
			go func() { err = <-done; close(returned) }()
			// The case's id, once its master has it; then its transcript
			// on the transcript's master.
			// poll waits until ok, or HandleEvent returned and still not
			// ok.
			poll := func(ok func() bool) bool {
				for !ok() {
					select {
					case <-returned:
						return ok()
					case <-time.After(2 * time.Millisecond):
					}
				}
				return true
			}
			var id string
			if !poll(func() bool { id, _ = onQueueMaster.Get(ctx, openKey).Result(); return id != "" }) {
				t.Fatalf("HandleEvent returned (%v), and no case is open on its master", err)
			}
			txKey := keys.Global("{case:" + id + "}:tx")
			txMaster, txReplica := masterOf(txKey), replicaOf(txKey)
			onTxMaster := txMaster.Reader(t)
			if !poll(func() bool { n, _ := onTxMaster.Exists(ctx, txKey).Result(); return n == 1 }) {
				t.Fatalf("HandleEvent returned (%v), and the transcript is not on its master", err)
			}
			if !txMaster.BlockedInWait(returned) {
				t.Fatal("HandleEvent returned while the replica of the transcript's master was frozen: the opening lines were not waited for")
			}
			txReplica.Thaw(t)
			<-returned
			if err != nil {
				t.Fatal(err)
			}
			// HandleEvent returned: the replica holds the lines.
			lines, rerr := txReplica.Reader(t).LRange(ctx, txKey, 0, -1).Result()
			if rerr != nil || !strings.Contains(strings.Join(lines, "\n"), danger) {
				t.Errorf("the transcript on the replica when HandleEvent returned: %q %v", lines, rerr)
			}
			// The case's own wait ended unconfirmed: counted, once.
			if got := counted(t, unconfirmed, "telegram"); got != 1 {
				t.Errorf("%v cases unconfirmed, want 1", got)
			}
		})
	}
}
