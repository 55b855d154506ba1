package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/lease"
	"frontdoor/bot/lease/redislease"
	tt "frontdoor/bot/telegram/telegramtest"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// testLeaseTTL is long enough that a holder's renewal, or a standby's
// take, late by a second on two busy cores under -race neither loses the
// lease (the other instance would poll) nor times out (the status would
// say Redis is away): the holder renews, and the standby asks, every
// third of it, each within that third. Handovers after a crash take up to
// a TTL more, well within testTimeout; nothing asserts how long they take.
const testLeaseTTL = 3 * time.Second

// TestRedisLease: the polling lease is kept under the prefix, by the bot's
// public id and never its secret; too short a TTL and a malformed token
// are refused. How the lease behaves is bot/lease/redislease's test.
func TestRedisLease(t *testing.T) {
	t.Parallel()
	rdb, keys := storetest.Redis(t)
	a := newLease(t, rdb, keys)
	if want := keys.Prefix() + "telegram:poller:123456"; a.Key() != want {
		t.Fatalf("Key() = %q, want %q: under the prefix, by bot id", a.Key(), want)
	}
	if strings.Contains(a.Key(), "TEST-fake") {
		t.Fatalf("Key() = %q holds the token's secret", a.Key())
	}
	if _, err := LeaseKey(tt.Token, 10*time.Millisecond); err == nil {
		t.Error("a 10ms lease was accepted")
	}
	if _, err := LeaseKey("nonsense", time.Second); err == nil {
		t.Error("a malformed token was accepted")
	}
}

// TestTokenFaultThenRecovery: the Bot API answers 401 to getUpdates for
// three seconds, then works again. Every message sent before, during and
// after the fault gets answered, and the status says why while it fails.
func TestTokenFaultThenRecovery(t *testing.T) {
	t.Parallel()
	rdb, keys := storetest.Redis(t)
	srv := tt.NewServer(t, tt.WithPollWait(200*time.Millisecond))
	in := newInbox()
	c := newChannel(t, srv, func(cfg *Config) { cfg.Lease = newLease(t, rdb, keys) })
	c.minRefusedBackoff, c.maxRefusedBackoff = 50*time.Millisecond, 400*time.Millisecond
	start(t, c, echo{in, c})
	waitStatus(t, c, StatusPolling)

	srv.AddUpdates(tt.Text(1, 1, "before"))
	waitAnswered(t, srv, 1)

	// The fault lasts until Heal: six refused tries with a message coming
	// before each, counted rather than timed (it lasted three seconds with
	// a message every 500 ms, fewer tries on a busy machine).
	srv.FailFor("getUpdates", 401, "Unauthorized", 0)
	srv.AddUpdates(tt.Text(2, 1, "at the start of the fault"))
	status := waitStatusPrefix(t, c, "error: token refused (401) since ")
	if !strings.Contains(status, "retrying every") {
		t.Errorf("Status() = %q, want the retry interval", status)
	}
	refusals := func() int {
		n := 0
		for _, call := range srv.Calls("getUpdates") {
			if call.Code == 401 {
				n++
			}
		}
		return n
	}
	chat := int64(3)
	for range 6 {
		srv.AddUpdates(tt.Text(chat, 1, "during the fault"))
		chat++
		before := refusals()
		if err := srv.WaitUntil(waitCtx(t), func() bool { return refusals() > before }); err != nil {
			t.Fatalf("getUpdates was not tried again during the fault: %v", err)
		}
	}
	srv.Heal()
	for range 3 {
		srv.AddUpdates(tt.Text(chat, 1, "after the fault"))
		chat++
	}
	for id := int64(1); id < chat; id++ {
		waitAnswered(t, srv, id)
	}
	waitStatus(t, c, StatusPolling)
	if n := len(in.messages()); n != int(chat-1) {
		t.Errorf("%d messages recorded, want %d", n, chat-1)
	}
	refused := 0
	for _, call := range srv.Calls("getUpdates") {
		if call.Code == 401 {
			refused++
		}
	}
	if refused < 2 {
		t.Errorf("getUpdates was refused %d times; the test wants the fault to be retried", refused)
	}
}

// TestOneInstancePolls: two instances on one token and one Redis. Only the
// lease holder calls getUpdates, the other stands by, both report healthy;
// when the poller stops, or dies without releasing the lease, the other
// takes over and messages keep being answered by whichever polls.
func TestOneInstancePolls(t *testing.T) {
	t.Parallel()
	rdb, keys := storetest.Redis(t)
	srv := tt.NewServer(t, tt.WithPollWait(200*time.Millisecond))
	in := newInbox() // shared, as the dispatcher's inbox in Redis is
	var dead atomic.Bool
	instance := func(name string, l lease.Lease) *Channel {
		return newChannel(t, srv, func(cfg *Config) {
			cfg.Lease = l
			cfg.HTTPClient = namedClient(name)
		})
	}
	a := instance("a", newLease(t, rdb, keys))
	b := instance("b", crashable{newLease(t, rdb, keys), &dead})
	health := watchHealth(t, a, b)

	stopA := start(t, a, echo{in, a})
	waitStatus(t, a, StatusPolling)
	stopB := start(t, b, echo{in, b})
	waitStatus(t, b, StatusStandby)

	// Past a lease period (several renewals) of a polling and b standing
	// by: twenty polls of 200ms.
	base := callsBy(srv, "a")
	if err := srv.WaitUntil(waitCtx(t), func() bool { return callsBy(srv, "a") >= base+20 }); err != nil {
		t.Fatalf("a stopped polling: %v", err)
	}
	for i := range int64(4) {
		srv.AddUpdates(tt.Text(100+i, 1, "hello"))
	}
	for i := range int64(4) {
		waitAnswered(t, srv, 100+i)
	}
	if n := callsBy(srv, "b"); n != 0 {
		t.Errorf("the standby instance called getUpdates %d times", n)
	}
	if n := srv.Overlaps(); n != 0 {
		t.Errorf("%d getUpdates calls overlapped", n)
	}
	if a.Status() != StatusPolling || b.Status() != StatusStandby {
		t.Errorf("statuses %q and %q", a.Status(), b.Status())
	}

	// a stops: b takes over and answers.
	if err := stopA(); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, b, StatusPolling)
	srv.AddUpdates(tt.Text(200, 1, "anyone there?"))
	waitAnswered(t, srv, 200)

	// A new instance c stands by; b dies without releasing the lease (its
	// renewals and release never reach Redis): c takes over once the lease
	// expires.
	c := instance("c", newLease(t, rdb, keys))
	health.add(c)
	start(t, c, echo{in, c})
	waitStatus(t, c, StatusStandby)
	dead.Store(true)
	if err := stopB(); err != nil {
		t.Fatal(err)
	}
	srv.AddUpdates(tt.Text(300, 1, "still there?"))
	waitStatus(t, c, StatusPolling)
	waitAnswered(t, srv, 300)

	health.check(t)
	if got, want := len(in.messages()), 6; got != want {
		t.Errorf("%d messages recorded, want %d", got, want)
	}
}

// TestLeaseLostStopsPolling: when the lease is taken from the poller (it
// stalled past the TTL and another took over), it stops polling at once and
// stands by, then polls again once the lease is free.
func TestLeaseLostStopsPolling(t *testing.T) {
	t.Parallel()
	rdb, keys := storetest.Redis(t)
	srv := tt.NewServer(t, tt.WithPollWait(200*time.Millisecond))
	held := newLease(t, rdb, keys)
	c := newChannel(t, srv, func(cfg *Config) { cfg.Lease = held; cfg.HTTPClient = namedClient("a") })
	in := newInbox()
	start(t, c, echo{in, c})
	waitStatus(t, c, StatusPolling)

	ctx := waitCtx(t)
	if err := rdb.Set(ctx, held.Key(), "someone-else", 2*testLeaseTTL).Err(); err != nil {
		t.Fatal(err)
	}
	// The poll under way was abandoned before the status said standby.
	waitStatus(t, c, StatusStandby)
	calls := callsBy(srv, "a")
	srv.AddUpdates(tt.Text(5, 1, "waiting"))
	n := callsBy(srv, "a")
	// Counted before looking at the key: while it still names the other
	// holder, a cannot have taken the lease back.
	if v, err := rdb.Get(ctx, held.Key()).Result(); err == nil && v == "someone-else" && n != calls {
		t.Errorf("%d getUpdates calls while another held the lease", n-calls)
	}
	// The other holder is gone (its lease expires): polling resumes.
	waitStatus(t, c, StatusPolling)
	waitAnswered(t, srv, 5)
}

// TestConflictIsReportedWithoutFlapping: something outside Frontdoor takes
// the bot's updates (another program polling the token, or a webhook set
// elsewhere). getUpdates fails with 409 by turns; the status reports the
// conflict steadily, retries wait longer and longer, and once the other
// goes away polling recovers by itself.
func TestConflictIsReportedWithoutFlapping(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		start func(t *testing.T, srv *tt.Server) (stop func())
		// interleaved: some getUpdates calls go through during the
		// conflict, which must not end its report.
		interleaved bool
	}{
		{"another program polls", foreignPoller, true},
		{"a webhook is set", func(t *testing.T, srv *tt.Server) func() {
			apiCall(t, srv, "setWebhook", `{"url":"https://elsewhere.example.org/hook"}`)
			return func() { apiCall(t, srv, "deleteWebhook", `{}`) }
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rdb, keys := storetest.Redis(t)
			srv := tt.NewServer(t, tt.WithPollWait(100*time.Millisecond))
			c := newChannel(t, srv, func(cfg *Config) { cfg.Lease = newLease(t, rdb, keys); cfg.HTTPClient = namedClient("a") })
			c.minRefusedBackoff, c.maxRefusedBackoff = 10*time.Millisecond, 160*time.Millisecond
			// Long enough that the other poller, late on two busy
			// cores, is still seen; short enough to recover within the
			// test's timeout once it goes.
			c.conflictQuiet = 3 * time.Second
			in := newInbox()
			start(t, c, echo{in, c})
			waitStatus(t, c, StatusPolling)

			stopOther := tc.start(t, srv)
			const conflict = "error: conflict (409): "
			waitStatusPrefix(t, c, conflict)
			// From now on, until the other goes away, the status stays on
			// the conflict, whatever getUpdates answers in between; the
			// retry interval grows to its cap.
			var seen []string
			var capped bool
			from := len(srv.Calls("getUpdates"))
			count := func(code int) int {
				n := 0
				for _, call := range srv.Calls("getUpdates")[from:] {
					if call.Code == code && call.Client == "a" {
						n++
					}
				}
				return n
			}
			conflicts := func() int { return count(409) }
			enough := func() bool { return !tc.interleaved || count(200) >= 3 }
			deadline := time.Now().Add(testTimeout)
			for conflicts() < 8 || !capped || !enough() {
				s := c.Status()
				if !strings.HasPrefix(s, conflict) {
					seen = append(seen, s)
				}
				capped = capped || strings.HasSuffix(s, "retrying every 160ms")
				if time.Now().After(deadline) {
					t.Fatalf("after %d conflicts and %d calls that went through, capped wait seen: %v; status %q",
						conflicts(), count(200), capped, s)
				}
				time.Sleep(time.Millisecond)
			}
			if len(seen) > 0 {
				t.Errorf("the status left the conflict while it lasted: %q", seen)
			}
			if ok := strings.Contains(c.Status(), "since "); !ok {
				t.Errorf("Status() = %q, want since when", c.Status())
			}

			stopOther()
			waitStatus(t, c, StatusPolling)
			srv.AddUpdates(tt.Text(9, 1, "hello again"))
			waitAnswered(t, srv, 9)
		})
	}
}

// TestStandbyReportsRefusedSending: a standby instance never calls
// getUpdates; a token refused when it sends still shows in its status,
// until the token works again.
func TestStandbyReportsRefusedSending(t *testing.T) {
	t.Parallel()
	rdb, keys := storetest.Redis(t)
	srv := tt.NewServer(t, tt.WithPollWait(200*time.Millisecond))
	a := newChannel(t, srv, func(cfg *Config) { cfg.Lease = newLease(t, rdb, keys) })
	b := newChannel(t, srv, func(cfg *Config) { cfg.Lease = newLease(t, rdb, keys) })
	start(t, a, newInbox())
	waitStatus(t, a, StatusPolling)
	start(t, b, newInbox())
	waitStatus(t, b, StatusStandby)

	srv.Revoke(tt.Token)
	if err := b.Send(context.Background(), bot.Contact{Channel: "telegram", ID: "5"}, bot.Reply{Text: "hi"}); err == nil {
		t.Fatal("Send with a revoked token succeeded")
	}
	if s := b.Status(); !strings.HasPrefix(s, "error: token refused (401) when sending") {
		t.Errorf("standby Status() = %q", s)
	}
	waitStatusPrefix(t, a, "error: token refused (401)")
	srv.Heal()
	waitStatus(t, b, StatusStandby)
	waitStatus(t, a, StatusPolling)
}

func newLease(t *testing.T, rdb redis.UniversalClient, keys store.Keys) *redislease.Lease {
	t.Helper()
	key, err := LeaseKey(tt.Token, testLeaseTTL)
	if err != nil {
		t.Fatal(err)
	}
	return redislease.New(rdb, keys.Global(key), testLeaseTTL, "telegram lease")
}

// crashable is a lease whose process can "die": once dead is set, renewals
// and the release never reach Redis, as when the process is killed.
type crashable struct {
	lease.Lease
	dead *atomic.Bool
}

func (c crashable) Renew(ctx context.Context) (bool, error) {
	if c.dead.Load() {
		<-ctx.Done()
		return false, ctx.Err()
	}
	return c.Lease.Renew(ctx)
}

func (c crashable) Release(ctx context.Context) error {
	if c.dead.Load() {
		return errors.New("dead")
	}
	return c.Lease.Release(ctx)
}

// echo answers every fresh message through its channel, as the dispatcher
// would, so that "answered" can be checked on the fake server.
type echo struct {
	*fakeInbox
	c *Channel
}

func (e echo) Accept(ctx context.Context, msg bot.Message) (bool, error) {
	fresh, err := e.fakeInbox.Accept(ctx, msg)
	if err == nil && fresh {
		if err := e.c.Send(ctx, msg.Contact, bot.Reply{Text: "re: " + msg.Text}); err != nil {
			return fresh, fmt.Errorf("echo: %w", err)
		}
	}
	return fresh, err
}

// waitAnswered waits until chat got a message.
func waitAnswered(t *testing.T, srv *tt.Server, chat int64) {
	t.Helper()
	if err := srv.WaitUntil(waitCtx(t), func() bool { return len(srv.Messages(chat)) > 0 }); err != nil {
		t.Fatalf("chat %d never answered: %v", chat, err)
	}
}

// namedClient is an HTTP client whose requests carry name as User-Agent,
// so that the fake server tells instances apart (Call.Client).
func namedClient(name string) *http.Client {
	return &http.Client{Transport: userAgent{name, http.DefaultTransport}}
}

type userAgent struct {
	name string
	next http.RoundTripper
}

func (u userAgent) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("User-Agent", u.name)
	return u.next.RoundTrip(r)
}

// callsBy counts the getUpdates calls of one client.
func callsBy(srv *tt.Server, client string) int {
	n := 0
	for _, c := range srv.Calls("getUpdates") {
		if c.Client == client {
			n++
		}
	}
	return n
}

// health samples the statuses of several channels in the background and
// keeps every error it sees: instances on one token must not report one.
type health struct {
	mu       sync.Mutex
	channels []*Channel
	errs     []string
}

func watchHealth(t *testing.T, cs ...*Channel) *health {
	h := &health{channels: cs}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			h.mu.Lock()
			for i, c := range h.channels {
				if s := c.Status(); strings.HasPrefix(s, "error") {
					h.errs = append(h.errs, fmt.Sprintf("instance %d: %s", i, s))
				}
			}
			h.mu.Unlock()
			time.Sleep(time.Millisecond)
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	return h
}

func (h *health) add(c *Channel) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.channels = append(h.channels, c)
}

func (h *health) check(t *testing.T) {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.errs) > 0 {
		t.Errorf("statuses reported errors (%d), first: %s", len(h.errs), h.errs[0])
	}
}

// foreignPoller polls the bot's updates outside Frontdoor until stopped,
// without ever confirming them, pausing a little after a 409 as a bot
// would: Frontdoor's calls go through in those pauses.
func foreignPoller(t *testing.T, srv *tt.Server) func() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL()+"/bot"+tt.Token+"/getUpdates",
				strings.NewReader(`{"timeout":1}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("User-Agent", "foreign")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				continue
			}
			res.Body.Close()
			if res.StatusCode == http.StatusConflict {
				sleep(ctx, 200*time.Millisecond)
			}
		}
	}()
	stop := func() { cancel(); <-done }
	t.Cleanup(stop)
	return sync.OnceFunc(stop)
}

// apiCall calls the fake Bot API directly, as a program other than
// Frontdoor would.
func apiCall(t *testing.T, srv *tt.Server, method, body string) {
	t.Helper()
	res, err := http.Post(srv.URL()+"/bot"+tt.Token+"/"+method, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: HTTP %d", method, res.StatusCode)
	}
}
