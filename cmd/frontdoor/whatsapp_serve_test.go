package main

import (
	"context"
	"database/sql"
	"math"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waAdv"
	"go.mau.fi/whatsmeow/store/sqlstore"
	"go.mau.fi/whatsmeow/types"

	"frontdoor/bot/whatsapp"
)

// TestServeTwoProcessesKeepOneWhatsAppConnection is issue 20's "Done
// when" as near as this machine allows: two Frontdoors as serve builds
// them, on one Redis (one prefix) and one WhatsApp store holding a linked
// device. Exactly one holds the session lease and connects, the other
// stands by, healthy, and says so in /healthz and its log; stopped, the
// holder hands over and the other connects within the lease's time, never
// two at once. No phone is linked and WhatsApp's servers are not
// reachable, so the connect step is the adapter's stand-in
// (whatsapp.Config.Connect); everything else (the lease in Redis, the
// store's lock file, the whatsmeow client built from the store) is real.
func TestServeTwoProcessesKeepOneWhatsAppConnection(t *testing.T) {
	storePath := linkedWhatsAppStore(t)
	live := &liveConnections{}
	var prefix string
	var logs [2]*syncBuffer
	start := func(i int) *running {
		logs[i] = &syncBuffer{}
		return startFrontdoorLogging(t, func(c *Config) {
			// The second process shares the first one's Redis prefix.
			if prefix == "" {
				prefix = c.Redis.Prefix
			} else {
				c.Redis.Prefix = prefix
			}
			c.WhatsApp.Store = storePath
			c.WhatsApp.Connect = live.connect
		}, logs[i])
	}
	procs := []*running{start(0), start(1)}
	holder, standby := -1, -1
	waitFor(t, 10*time.Second, "one process connected, the other standing by", func() bool {
		holder, standby = -1, -1
		for i, p := range procs {
			switch code, s := channelHealth(t, p.base, "whatsapp"); {
			case code == http.StatusOK && s == whatsapp.StatusConnected:
				holder = i
			case code == http.StatusOK && s == whatsapp.StatusStandby:
				standby = i
			}
		}
		return holder >= 0 && standby >= 0
	})
	if !strings.Contains(logs[holder].String(), "session lease taken") {
		t.Errorf("the holder's log does not say it took the lease:\n%s", logs[holder])
	}
	if !strings.Contains(logs[standby].String(), "standing by") || strings.Contains(logs[standby].String(), "session lease taken") {
		t.Errorf("the standby's log does not say it stands by, or says it took the lease:\n%s", logs[standby])
	}
	// After the holder has renewed its lease (every third of the TTL, as
	// the standby tries to take it), still one connection and one healthy
	// standby. The renewal is seen in Redis: the lease's time to live,
	// falling since it was set, jumps back up.
	a := procs[holder].app
	lease := a.keys.Global(whatsapp.LeaseKey)
	lowest := time.Duration(math.MaxInt64)
	waitFor(t, 2*whatsapp.DefaultLeaseTTL, "the holder renews its lease", func() bool {
		left := a.db.Client.PTTL(context.Background(), lease).Val()
		lowest = min(lowest, left)
		return left > lowest+whatsapp.DefaultLeaseTTL/10
	})
	if code, s := channelHealth(t, procs[standby].base, "whatsapp"); code != http.StatusOK || s != whatsapp.StatusStandby {
		t.Fatalf("the standby's /healthz = %d, whatsapp %q", code, s)
	}
	procs[holder].stop()
	began := time.Now()
	waitFor(t, whatsapp.DefaultLeaseTTL, "the standby takes over", func() bool {
		code, s := channelHealth(t, procs[standby].base, "whatsapp")
		return code == http.StatusOK && s == whatsapp.StatusConnected
	})
	t.Logf("the standby connected %s after the holder stopped", time.Since(began).Round(time.Millisecond))
	if n := live.Max(); n != 1 {
		t.Errorf("%d WhatsApp connections at once, want 1", n)
	}
	if n := live.Total(); n != 2 {
		t.Errorf("%d connections made, want 2 (the holder's, then the standby's)", n)
	}
}

// linkedWhatsAppStore makes an SQLite WhatsApp store, as `frontdoor
// whatsapp link` leaves it, holding a (fake) linked device.
func linkedWhatsAppStore(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := t.TempDir() + "/whatsapp.db"
	wa, err := whatsapp.New(ctx, whatsapp.Config{Store: path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	wa.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	container := sqlstore.NewWithDB(db, "sqlite", nil)
	dev := container.NewDevice()
	own := types.NewJID("393900000000", types.DefaultUserServer)
	own.Device = 7
	dev.ID = &own
	dev.Account = &waAdv.ADVSignedDeviceIdentity{
		Details: []byte{1}, AccountSignature: make([]byte, 64), AccountSignatureKey: make([]byte, 32), DeviceSignature: make([]byte, 64),
	}
	if err := container.PutDevice(ctx, dev); err != nil {
		t.Fatal(err)
	}
	return path
}

// liveConnections is the stand-in for WhatsApp's servers: it counts the
// sessions connected at once. A session lasts as long as the context of
// its connect, which the adapter ends when it disconnects (the lease's).

type liveConnections struct {
	mu              sync.Mutex
	now, max, total int
}

func (l *liveConnections) connect(ctx context.Context) error {
	l.mu.Lock()
	l.now++
	l.total++
	l.max = max(l.max, l.now)
	l.mu.Unlock()
	context.AfterFunc(ctx, func() {
		l.mu.Lock()
		l.now--
		l.mu.Unlock()
	})
	return nil
}

func (l *liveConnections) Max() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.max
}

func (l *liveConnections) Total() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.total
}

// waitFor polls cond until it holds or within passes.
func waitFor(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// syncBuffer is a log sink safe for a process's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
