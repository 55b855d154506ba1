package whatsapp

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/types/events"

	"frontdoor/bot/lease"
	"frontdoor/bot/lease/redislease"
	"frontdoor/store/storetest"
)

// Two processes on one device store and one Redis: exactly one connects,
// the other stands by (and says so for /healthz); when the first stops it
// hands the session over, and still never two are connected.
func TestTwoProcessesKeepOneConnection(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	active, standby, live := startPair(t, func() lease.Lease {
		return redislease.New(rdb, keys.Global(LeaseKey), 300*time.Millisecond, "whatsapp lease")
	})
	// Renewals go on for several TTLs: the standby never connects.
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {
		if standby.cli.Connects() != 0 || standby.c.Status() != StatusStandby {
			t.Fatalf("the standby process connected (status %q)", standby.c.Status())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := active.stop(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the standby takes over", func() bool { return standby.c.Status() == StatusConnected })
	if n := live.Max(); n != 1 {
		t.Errorf("%d clients connected at once, want 1", n)
	}
	if err := standby.stop(); err != nil {
		t.Fatal(err)
	}
	if n, _ := rdb.Exists(context.Background(), keys.Global("whatsapp:session")).Result(); n != 0 {
		t.Error("the lease was not released at stop")
	}
}

// A process that loses the lease (it stalled and another took it)
// disconnects at once and stands by; it connects again once the lease is
// free.
func TestLostLeaseDisconnects(t *testing.T) {
	ctx := context.Background()
	rdb, keys := storetest.Redis(t)
	h := newHarness(t, Config{Lease: redislease.New(rdb, keys.Global(LeaseKey), 300*time.Millisecond, "whatsapp lease")})
	h.cli.onConnect = func(int) { h.c.handleEvent(&events.Connected{}) }
	stop, _ := startRun(t, h, &fakeInbox{})
	eventually(t, "connected", func() bool { return h.c.Status() == StatusConnected })
	key := keys.Global("whatsapp:session")
	if err := rdb.Set(ctx, key, "another/1/x", time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "standing by after the loss", func() bool { return h.c.Status() == StatusStandby && !h.cli.Connected() })
	if err := rdb.Del(ctx, key).Err(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "connected again", func() bool { return h.c.Status() == StatusConnected && h.cli.Connects() == 2 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// Two processes on one SQLite store without a shared Redis (each with its
// own embedded one): the store's lock file lets one connect; the other
// stands by, says why in its log and status, and takes over when the
// first stops. With the shared Redis lease too, the two locks are taken
// together and released together.
func TestOneStoreFileKeepsOneConnection(t *testing.T) {
	store := filepath.Join(t.TempDir(), "whatsapp.db")
	rdb, keys := storetest.Redis(t)
	for _, shared := range []bool{false, true} {
		active, standby, live := startPair(t, func() lease.Lease {
			var l lease.Lease
			if shared {
				l = redislease.New(rdb, keys.Global(LeaseKey), 300*time.Millisecond, "whatsapp lease")
			}
			return guardStore(store, nil, l)
		})
		if !shared && !strings.Contains(standby.logs.String(), "whatsapp.db.lock is locked") {
			t.Errorf("the standby's log does not say the store is locked:\n%s", standby.logs)
		}
		if err := active.stop(); err != nil {
			t.Fatal(err)
		}
		// Without a shared Redis the standby tries the file every third
		// of the default TTL (5 s).
		eventuallyFor(t, 3*DefaultLeaseTTL, "the standby takes over", func() bool { return standby.c.Status() == StatusConnected })
		if n := live.Max(); n != 1 {
			t.Errorf("shared Redis %v: %d clients connected at once, want 1", shared, n)
		}
		if err := standby.stop(); err != nil {
			t.Fatal(err)
		}
	}
}

// process is one of two processes on one WhatsApp session.
type process struct {
	*harness
	stop func() error
}

// startPair runs two processes, each guarded by a lease of its own from
// guard, on clients that count how many are connected at once (live),
// and waits until one is connected (active) and the other stands by.
func startPair(t *testing.T, guard func() lease.Lease) (active, standby process, live *liveClients) {
	t.Helper()
	live = &liveClients{}
	var ps []process
	for range 2 {
		h := newHarness(t, Config{Lease: guard()})
		h.cli.live = live
		h.cli.onConnect = func(int) { h.c.handleEvent(&events.Connected{}) }
		stop, _ := startRun(t, h, &fakeInbox{})
		ps = append(ps, process{h, stop})
	}
	a, s := -1, -1
	eventually(t, "one connected, one standing by", func() bool {
		a, s = -1, -1
		for i, p := range ps {
			switch p.c.Status() {
			case StatusConnected:
				a = i
			case StatusStandby:
				s = i
			}
		}
		return a >= 0 && s >= 0
	})
	return ps[a], ps[s], live
}
