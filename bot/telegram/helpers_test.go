package telegram

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/telegram/telegramtest"
)

// testTimeout bounds every wait in these tests; reaching it is a failure,
// never an expected path.
const testTimeout = 10 * time.Second

// fakeInbox is an in-memory bot.Inbox that deduplicates like the real one
// (by contact and message id) and can be made to fail or block.
type fakeInbox struct {
	mu       sync.Mutex
	changed  chan struct{}
	seen     map[string]bool
	msgs     []bot.Message  // fresh messages, in the order recorded
	attempts map[string]int // Accept calls per message id, failed ones too
	// hook, when set, runs at the start of every Accept (outside the lock);
	// a non-nil error makes that Accept fail.
	hook func(ctx context.Context, msg bot.Message, attempt int) error
}

func newInbox() *fakeInbox {
	return &fakeInbox{changed: make(chan struct{}), seen: map[string]bool{}, attempts: map[string]int{}}
}

func (f *fakeInbox) Accept(ctx context.Context, msg bot.Message) (bool, error) {
	f.mu.Lock()
	f.attempts[msg.ID]++
	attempt := f.attempts[msg.ID]
	hook := f.hook
	f.notifyLocked()
	f.mu.Unlock()
	if hook != nil {
		if err := hook(ctx, msg, attempt); err != nil {
			return false, err
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	defer f.notifyLocked()
	key := msg.Contact.Key() + "/" + msg.ID
	if f.seen[key] {
		return false, nil
	}
	f.seen[key] = true
	f.msgs = append(f.msgs, msg)
	return true, nil
}

func (f *fakeInbox) setHook(h func(ctx context.Context, msg bot.Message, attempt int) error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hook = h
}

func (f *fakeInbox) notifyLocked() {
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *fakeInbox) messages() []bot.Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.Message(nil), f.msgs...)
}

func (f *fakeInbox) attemptsFor(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.attempts[id]
}

func (f *fakeInbox) ids() []string {
	var ids []string
	for _, m := range f.messages() {
		ids = append(ids, m.Contact.ID+"/"+m.ID)
	}
	return ids
}

// waitFor blocks until cond holds, re-checking after every Accept.
func (f *fakeInbox) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(testTimeout)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		ch := f.changed
		f.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("timed out waiting for %s; inbox has %v", what, f.ids())
		}
	}
}

// testLogger writes to the test log, at debug level so that the debug paths
// run too.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// newChannel builds a channel on srv, with short backoffs.
func newChannel(t *testing.T, srv *telegramtest.Server, mod func(*Config)) *Channel {
	t.Helper()
	cfg := Config{Token: telegramtest.Token, APIURL: srv.URL(), PollTimeout: time.Second}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg, testLogger(t))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	c.minBackoff, c.maxBackoff = time.Millisecond, 20*time.Millisecond
	c.minRefusedBackoff, c.maxRefusedBackoff = 10*time.Millisecond, 80*time.Millisecond
	c.conflictQuiet = 300 * time.Millisecond
	return c
}

// start runs c.Run in the background. The returned stop cancels it and
// returns Run's result; it also runs at cleanup, so no Run outlives its test.
func start(t *testing.T, c *Channel, in bot.Inbox) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx, in) }()
	var (
		once   sync.Once
		result error
	)
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case result = <-done:
			case <-time.After(testTimeout):
				t.Errorf("Run did not return within %s of cancellation", testTimeout)
			}
		})
		return result
	}
	t.Cleanup(func() { _ = stop() })
	return stop
}

// waitStatus waits until c.Status() is want. Status has no change
// notification, so this re-checks every few milliseconds until the test
// deadline.
func waitStatus(t *testing.T, c *Channel, want string) {
	t.Helper()
	deadline := time.Now().Add(testTimeout)
	for c.Status() != want {
		if time.Now().After(deadline) {
			t.Fatalf("Status() = %q, want %q", c.Status(), want)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// waitStatusPrefix waits until c.Status() starts with prefix and returns it.
func waitStatusPrefix(t *testing.T, c *Channel, prefix string) string {
	t.Helper()
	deadline := time.Now().Add(testTimeout)
	for {
		s := c.Status()
		if strings.HasPrefix(s, prefix) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("Status() = %q, want it to start with %q", s, prefix)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}
