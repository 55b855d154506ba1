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
	live := &liveClients{}
	var hs []*harness
	var stops []func() error
	for range 2 {
		h := newHarness(t, Config{Lease: redislease.New(rdb, keys.Global(LeaseKey), 300*time.Millisecond, "whatsapp lease")})
		h.cli.live = live
		h.cli.onConnect = func(int) { h.c.handleEvent(&events.Connected{}) }
		stop, _ := startRun(t, h, &fakeInbox{})
		hs, stops = append(hs, h), append(stops, stop)
	}
	var active, standby int
	eventually(t, "one connected, one standing by", func() bool {
		a, s := -1, -1
		for i, h := range hs {
			switch h.c.Status() {
			case StatusConnected:
				a = i
			case StatusStandby:
				s = i
			}
		}
		active, standby = a, s
		return a >= 0 && s >= 0
	})
	// Renewals go on for several TTLs: the standby never connects.
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {
		if hs[standby].cli.Connects() != 0 || hs[standby].c.Status() != StatusStandby {
			t.Fatalf("the standby process connected (status %q)", hs[standby].c.Status())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := stops[active](); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the standby takes over", func() bool { return hs[standby].c.Status() == StatusConnected })
	if n := live.Max(); n != 1 {
		t.Errorf("%d clients connected at once, want 1", n)
	}
	if err := stops[standby](); err != nil {
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
		live := &liveClients{}
		var hs []*harness
		var stops []func() error
		for range 2 {
			var l lease.Lease
			if shared {
				l = redislease.New(rdb, keys.Global(LeaseKey), 300*time.Millisecond, "whatsapp lease")
			}
			h := newHarness(t, Config{Lease: guardStore(store, nil, l)})
			h.cli.live = live
			h.cli.onConnect = func(int) { h.c.handleEvent(&events.Connected{}) }
			stop, _ := startRun(t, h, &fakeInbox{})
			hs, stops = append(hs, h), append(stops, stop)
		}
		active, standby := -1, -1
		eventually(t, "one connected, one standing by", func() bool {
			active, standby = -1, -1
			for i, h := range hs {
				switch h.c.Status() {
				case StatusConnected:
					active = i
				case StatusStandby:
					standby = i
				}
			}
			return active >= 0 && standby >= 0
		})
		if !shared && !strings.Contains(hs[standby].logs.String(), "whatsapp.db.lock is locked") {
			t.Errorf("the standby's log does not say the store is locked:\n%s", hs[standby].logs)
		}
		if err := stops[active](); err != nil {
			t.Fatal(err)
		}
		// Without a shared Redis the standby tries the file every third
		// of the default TTL (5 s).
		eventuallyFor(t, 3*DefaultLeaseTTL, "the standby takes over", func() bool { return hs[standby].c.Status() == StatusConnected })
		if n := live.Max(); n != 1 {
			t.Errorf("shared Redis %v: %d clients connected at once, want 1", shared, n)
		}
		if err := stops[standby](); err != nil {
			t.Fatal(err)
		}
	}
}
