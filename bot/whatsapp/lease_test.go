package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
//
// The lease lasts 900 ms, renewed every 300 ms: each renewal must be
// answered within its period, and on a loaded machine (load 20 on two
// cores, with -race) a Redis round trip of go-redis takes more than the
// 100 ms a 300 ms lease leaves, so that the holder rightly gives the
// session up and the test would see a handover, not a bug.
func TestTwoProcessesKeepOneConnection(t *testing.T) {
	const ttl = 900 * time.Millisecond
	rdb, keys := storetest.Redis(t)
	active, standby, live := startPair(t, func() lease.Lease {
		return &countingLease{Lease: redislease.New(rdb, keys.Global(LeaseKey), ttl, "whatsapp lease")}
	})
	// Renewals go on for several TTLs (ten renewals by the active process,
	// ten tries by the standby): the standby never connects. Counted, not
	// timed, so that a slow machine only makes the wait longer.
	renewed := active.c.cfg.Lease.(*countingLease)
	tried := standby.c.cfg.Lease.(*countingLease)
	renewals, tries := renewed.renewals.Load(), tried.acquires.Load()
	eventuallyFor(t, time.Minute, "ten renewals and ten tries of the standby", func() bool {
		if standby.cli.Connects() != 0 || standby.c.Status() != StatusStandby {
			t.Fatalf("the standby process connected (status %q)", standby.c.Status())
		}
		return renewed.renewals.Load() >= renewals+10 && tried.acquires.Load() >= tries+10
	})
	if standby.cli.Connects() != 0 || standby.c.Status() != StatusStandby {
		t.Fatalf("the standby process connected (status %q)", standby.c.Status())
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

// countingLease counts the calls to the lease it wraps, so that a test
// waits for renewals and tries to happen rather than for time to pass.
type countingLease struct {
	lease.Lease
	acquires, renewals atomic.Int64
}

func (l *countingLease) Acquire(ctx context.Context) (bool, error) {
	defer l.acquires.Add(1)
	return l.Lease.Acquire(ctx)
}

func (l *countingLease) Renew(ctx context.Context) (bool, error) {
	defer l.renewals.Add(1)
	return l.Lease.Renew(ctx)
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

// heldElsewhere is a lease another process holds; its Acquire answers
// with errs first, one per try, then fails for good once down is set.
// status, when set, is read at the start of each try and kept in seen:
// the status the previous try left.
type heldElsewhere struct {
	mu     sync.Mutex
	errs   []error
	down   bool
	status func() string
	seen   []string
}

func (h *heldElsewhere) Acquire(context.Context) (bool, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.status != nil {
		h.seen = append(h.seen, h.status())
	}
	if len(h.errs) > 0 {
		err := h.errs[0]
		h.errs = h.errs[1:]
		return false, err
	}
	if h.down {
		return false, errors.New("whatsapp lease: take k: dial tcp 127.0.0.1:6379: connect: connection refused")
	}
	return false, nil
}
func (h *heldElsewhere) Renew(context.Context) (bool, error) { return false, nil }
func (h *heldElsewhere) Release(context.Context) error       { return nil }
func (h *heldElsewhere) TTL() time.Duration                  { return 300 * time.Millisecond }

// A standby whose try at the lease times out once (a loaded machine: the
// try is bounded by a third of the TTL) is still a healthy standby: the
// status says Redis is unreachable only once the tries have failed for a
// whole TTL.
func TestSlowLeaseAnswerKeepsTheStandbyHealthy(t *testing.T) {
	l := &heldElsewhere{errs: []error{nil, fmt.Errorf("whatsapp lease: take k: %w", context.DeadlineExceeded), nil, nil}}
	h := newHarness(t, Config{Lease: l})
	l.status = h.c.Status
	stop, _ := startRun(t, h, &fakeInbox{})
	eventually(t, "standing by", func() bool { return h.c.Status() == StatusStandby })
	// Every try after the first (which finds the status before the
	// standby's first answer) sees the status the one before it left:
	// standby, the slow answer's too. Ten tries: the slow answer and
	// several more since, counted, not timed.
	tries := func() []string {
		l.mu.Lock()
		defer l.mu.Unlock()
		return slices.Clone(l.seen)
	}
	eventuallyFor(t, time.Minute, "ten tries", func() bool {
		if s := h.c.Status(); s != StatusStandby {
			t.Fatalf("after one slow answer the standby's status is %q", s)
		}
		return len(tries()) >= 10
	})
	l.mu.Lock()
	for i, s := range l.seen[1:] {
		if s != StatusStandby {
			t.Errorf("try %d (after %d answers, one slow) found the status %q", i+2, i+1, s)
		}
	}
	l.down = true
	l.mu.Unlock()
	eventuallyFor(t, 10*l.TTL(), "the status names Redis", func() bool {
		return strings.Contains(h.c.Status(), "cannot reach Redis")
	})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}
