package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdoor/bot"
	tt "frontdoor/bot/telegram/telegramtest"
)

// guard collects invariant violations seen from inside hooks, which run on
// Run's goroutine where t.Fatal must not be called.
type guard struct {
	mu   sync.Mutex
	errs []string
}

func (g *guard) fail(format string, args ...any) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.errs = append(g.errs, fmt.Sprintf(format, args...))
}

func (g *guard) check(t *testing.T) {
	t.Helper()
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, e := range g.errs {
		t.Error(e)
	}
}

// updateIDOf maps the inbox's message ids back to the update ids that
// carried them, for checking offsets from inside Accept.
func updateIDOf(ups []tt.Update, msgIDs ...string) map[string]int64 {
	m := map[string]int64{}
	for i, id := range msgIDs {
		m[id] = ups[i].ID
	}
	return m
}

func TestPollingEndToEnd(t *testing.T) {
	srv := tt.NewServer(t)
	ups := srv.AddUpdates(
		tt.Text(1001, 1, "Salam").Lang("ar"),
		tt.Command(1001, 2, "/start@frontdoor_test_bot lang_ar"),
		tt.Text(1001, 3, "hi all").InGroup(),
		tt.Callback(1001, "q-77", "area:housing"),
		tt.Text(1001, 4, "typo fixed").Edited(),
		tt.Photo(1002, 1, "my permit"),
		tt.Voice(1002, 2),
	)
	byMsg := map[string]int64{
		"1001/m1": ups[0].ID, "1001/m2": ups[1].ID, "1001/cq-77": ups[3].ID,
		"1002/m1": ups[5].ID, "1002/m2": ups[6].ID,
	}
	in := newInbox()
	g := &guard{}
	in.setHook(func(_ context.Context, msg bot.Message, _ int) error {
		// Recorded before Telegram was told to forget the update...
		if id := byMsg[msg.Contact.ID+"/"+msg.ID]; srv.Confirmed() > id {
			g.fail("%s: offset %d confirmed before Accept", msg.ID, srv.Confirmed())
		}
		// ...and before the button's spinner was stopped.
		if msg.Choice != "" && len(srv.Calls("answerCallbackQuery")) > 0 {
			g.fail("callback query answered before it was recorded")
		}
		return nil
	})

	c := newChannel(t, srv, nil)
	stop := start(t, c, in)
	in.waitFor(t, "five messages", func() bool { return len(in.messages()) == 5 })
	if _, err := srv.WaitCalls(waitCtx(t), "answerCallbackQuery", 1); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, c, StatusPolling)
	if err := stop(); err != nil {
		t.Fatalf("Run = %v, want nil on a clean stop", err)
	}
	g.check(t)

	want := []string{"1001/m1", "1001/m2", "1001/cq-77", "1002/m1", "1002/m2"}
	if got := in.ids(); !slices.Equal(got, want) {
		t.Fatalf("inbox %v, want %v (in order, group and edit left out)", got, want)
	}
	msgs := in.messages()
	if msgs[0].LangHint != "ar" || msgs[0].Text != "Salam" || msgs[0].Time != ups[0].Time() {
		t.Errorf("first message %+v", msgs[0])
	}
	if msgs[1].Text != "/start lang_ar" || msgs[2].Choice != "area:housing" ||
		msgs[3].Attachment != bot.AttachPhoto || msgs[3].Text != "my permit" || msgs[4].Attachment != bot.AttachVoice {
		t.Errorf("converted %+v", msgs)
	}
	if a := srv.Calls("answerCallbackQuery"); len(a) != 1 || a[0].CallbackQueryID != "q-77" {
		t.Errorf("answerCallbackQuery calls %+v", a)
	}

	calls := srv.Calls("")
	if calls[0].Method != "getMe" || calls[1].Method != "deleteWebhook" || calls[1].Params["drop_pending_updates"] == "true" {
		t.Errorf("start-up calls %s, %s %v; want getMe, then deleteWebhook keeping pending updates",
			calls[0].Method, calls[1].Method, calls[1].Params)
	}
	var allowed []string
	if err := json.Unmarshal([]byte(srv.Calls("getUpdates")[0].Params["allowed_updates"]), &allowed); err != nil ||
		!slices.Equal(allowed, []string{"message", "callback_query"}) {
		t.Errorf("allowed_updates %v (%v)", allowed, err)
	}
	// On the way out Run confirms what it recorded, so a restart starts
	// clean.
	if got, want := srv.Confirmed(), ups[len(ups)-1].ID+1; got != want || len(srv.Pending()) != 0 {
		t.Errorf("Confirmed() = %d, want %d; pending %v", got, want, srv.Pending())
	}
	if c.Status() != StatusStopped {
		t.Errorf("Status() = %q after stop", c.Status())
	}
}

func TestPollingRedeliveryIsDeduplicated(t *testing.T) {
	srv := tt.NewServer(t)
	first := srv.AddUpdates(tt.Text(5, 1, "hello"), tt.Callback(5, "q-1", "lang:fa"))
	in := newInbox()

	stop := start(t, newChannel(t, srv, nil), in)
	in.waitFor(t, "the first two messages", func() bool { return len(in.messages()) == 2 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	// Telegram sends them again (a confirmation that never arrived) to the
	// next process, followed by a new message.
	srv.AddUpdates(first...)
	next := srv.AddUpdates(tt.Text(5, 2, "are you there?"))[0]
	c := newChannel(t, srv, nil)
	stop = start(t, c, in)
	in.waitFor(t, "the new message", func() bool { return len(in.messages()) == 3 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	if got, want := in.ids(), []string{"5/m1", "5/cq-1", "5/m2"}; !slices.Equal(got, want) {
		t.Fatalf("inbox %v, want %v", got, want)
	}
	if in.attemptsFor("m1") != 2 || in.attemptsFor("cq-1") != 2 {
		t.Errorf("redelivered updates went through Accept %d and %d times, want 2 each",
			in.attemptsFor("m1"), in.attemptsFor("cq-1"))
	}
	var served []int64
	for _, call := range srv.Calls("getUpdates") {
		served = append(served, call.UpdateIDs...)
	}
	count := func(id int64) (n int) {
		for _, s := range served {
			if s == id {
				n++
			}
		}
		return n
	}
	if count(next.ID) != 1 || count(first[0].ID) != 2 || count(first[1].ID) != 2 {
		t.Errorf("served %v: want the redelivery and the new update", served)
	}
	if srv.Confirmed() != next.ID+1 {
		t.Errorf("Confirmed() = %d, want %d", srv.Confirmed(), next.ID+1)
	}
}

func TestPollingAcceptFailureKeepsUpdateUnconfirmed(t *testing.T) {
	srv := tt.NewServer(t)
	ups := srv.AddUpdates(tt.Text(9, 1, "one"), tt.Text(9, 2, "two"), tt.Text(9, 3, "three"))
	byMsg := updateIDOf(ups, "m1", "m2", "m3")
	in := newInbox()
	g := &guard{}
	var mu sync.Mutex
	down := true
	in.setHook(func(_ context.Context, msg bot.Message, _ int) error {
		if srv.Confirmed() > byMsg[msg.ID] {
			g.fail("%s: offset %d confirmed before Accept succeeded", msg.ID, srv.Confirmed())
		}
		mu.Lock()
		defer mu.Unlock()
		if down && msg.ID == "m2" {
			return errors.New("redis: connection refused")
		}
		return nil
	})

	// The inbox fails on "two" until the process stops: "two" and "three"
	// must stay with Telegram.
	c := newChannel(t, srv, nil)
	stop := start(t, c, in)
	in.waitFor(t, "retries of m2", func() bool { return in.attemptsFor("m2") >= 3 })
	waitStatus(t, c, "error: cannot record messages")
	if err := stop(); err != nil {
		t.Fatalf("Run = %v, want nil", err)
	}
	if got := in.ids(); !slices.Equal(got, []string{"9/m1"}) {
		t.Fatalf("inbox %v, want only m1", got)
	}
	if in.attemptsFor("m3") != 0 {
		t.Error("m3 was handled before m2 was recorded")
	}
	if got := srv.Confirmed(); got != ups[1].ID {
		t.Errorf("Confirmed() = %d, want %d (m1 done, m2 not)", got, ups[1].ID)
	}
	if got := srv.Pending(); !slices.Equal(got, []int64{ups[1].ID, ups[2].ID}) {
		t.Errorf("Pending() = %v", got)
	}

	// The inbox recovers; the restarted channel gets "two" again.
	mu.Lock()
	down = false
	mu.Unlock()
	stop = start(t, newChannel(t, srv, nil), in)
	in.waitFor(t, "all three", func() bool { return len(in.messages()) == 3 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	g.check(t)
	if got := in.ids(); !slices.Equal(got, []string{"9/m1", "9/m2", "9/m3"}) {
		t.Errorf("inbox %v", got)
	}
	if in.attemptsFor("m1") != 1 {
		t.Errorf("m1 went through Accept %d times; it was confirmed and must not come back", in.attemptsFor("m1"))
	}
}

func TestPollingAcceptRecoversWithinRun(t *testing.T) {
	srv := tt.NewServer(t)
	ups := srv.AddUpdates(tt.Text(9, 1, "one"), tt.Text(9, 2, "two"))
	in := newInbox()
	g := &guard{}
	in.setHook(func(_ context.Context, msg bot.Message, attempt int) error {
		if msg.ID == "m1" && attempt <= 3 {
			if srv.Confirmed() > ups[0].ID {
				g.fail("m1 confirmed while its Accept fails")
			}
			return errors.New("redis: timeout")
		}
		return nil
	})
	c := newChannel(t, srv, nil)
	stop := start(t, c, in)
	in.waitFor(t, "both", func() bool { return len(in.messages()) == 2 })
	waitStatus(t, c, StatusPolling)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	g.check(t)
	if got := in.ids(); !slices.Equal(got, []string{"9/m1", "9/m2"}) || in.attemptsFor("m1") != 4 {
		t.Errorf("inbox %v, m1 attempts %d", got, in.attemptsFor("m1"))
	}
}

func TestGracefulStopLetsAcceptFinish(t *testing.T) {
	srv := tt.NewServer(t)
	ups := srv.AddUpdates(tt.Text(3, 1, "one"), tt.Text(3, 2, "two"))
	in := newInbox()
	entered, release := make(chan struct{}), make(chan struct{})
	var (
		ctxErr     error
		acceptDone bool
	)
	in.setHook(func(ctx context.Context, msg bot.Message, _ int) error {
		if msg.ID == "m1" {
			close(entered)
			<-release
			ctxErr = ctx.Err()
			acceptDone = true
		}
		return nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- newChannel(t, srv, nil).Run(ctx, in) }()
	<-entered
	cancel() // the stop arrives while Accept is busy
	close(release)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run = %v", err)
		}
	case <-time.After(testTimeout):
		t.Fatal("Run did not return after cancellation")
	}
	if !acceptDone || ctxErr != nil {
		t.Errorf("Accept done %v, its context error %v: an in-flight Accept must be allowed to finish", acceptDone, ctxErr)
	}
	if got := in.ids(); !slices.Equal(got, []string{"3/m1"}) {
		t.Errorf("inbox %v: want m1 recorded, and nothing after the stop", got)
	}
	if srv.Confirmed() != ups[1].ID || !slices.Equal(srv.Pending(), []int64{ups[1].ID}) {
		t.Errorf("Confirmed() = %d, Pending() = %v; want m1 confirmed, m2 left with Telegram", srv.Confirmed(), srv.Pending())
	}
}

func TestCleanStopDuringLongPoll(t *testing.T) {
	srv := tt.NewServer(t, tt.WithPollWait(time.Minute))
	c := newChannel(t, srv, func(cfg *Config) { cfg.PollTimeout = 50 * time.Second })
	stop := start(t, c, newInbox())
	// Wait for a long poll to be in flight.
	poll := -1
	err := srv.WaitUntil(waitCtx(t), func() bool {
		calls := srv.Calls("getUpdates")
		poll = len(calls) - 1
		return poll >= 0 && calls[poll].Code == 0
	})
	if err != nil {
		t.Fatal(err)
	}
	// Run returns (stop bounds the wait by testTimeout, far below the
	// 50 s poll), and the long poll was abandoned: the server saw its
	// client go, which no time limit can make happen by itself.
	if err := stop(); err != nil {
		t.Fatalf("Run = %v, want nil", err)
	}
	err = srv.WaitUntil(waitCtx(t), func() bool {
		c := srv.Calls("getUpdates")[poll]
		return c.Code != 0 && c.ClientGone
	})
	if err != nil {
		t.Errorf("the long poll in flight at the stop was not abandoned (%+v): %v", srv.Calls("getUpdates")[poll], err)
	}
	if c.Status() != StatusStopped {
		t.Errorf("Status() = %q", c.Status())
	}
}

// TestTokenRefusedIsRetried: a refused token (revoked, or an API fault that
// answers 401) is reported in the status and retried until it works again,
// without Run giving up.
func TestTokenRefusedIsRetried(t *testing.T) {
	tests := []struct {
		name string
		// revoke happens before Run, or once polling runs.
		whilePolling bool
	}{
		{"at start", false},
		{"while polling", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := tt.NewServer(t)
			c := newChannel(t, srv, nil)
			if !tc.whilePolling {
				srv.Revoke(tt.Token)
			}
			in := newInbox()
			ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
			defer cancel()
			done := make(chan error, 1)
			go func() { done <- c.Run(ctx, in) }()
			if tc.whilePolling {
				if _, err := srv.WaitCalls(ctx, "getUpdates", 1); err != nil {
					t.Fatal(err)
				}
				srv.Revoke(tt.Token)
				srv.AddUpdates(tt.Text(1, 1, "wake the long poll"))
			}
			status := waitStatusPrefix(t, c, "error: token refused (401) since ")
			if !strings.Contains(status, ", retrying every ") {
				t.Errorf("Status() = %q, want the retry interval", status)
			}
			if strings.Contains(status, tt.Token) {
				t.Errorf("Status() = %q reveals the token", status)
			}
			// Several refusals, and Run goes on.
			method := "getMe"
			if tc.whilePolling {
				method = "getUpdates"
			}
			refused := func() int {
				n := 0
				for _, call := range srv.Calls(method) {
					if call.Code == 401 {
						n++
					}
				}
				return n
			}
			if err := srv.WaitUntil(ctx, func() bool { return refused() >= 3 }); err != nil {
				t.Fatalf("%s refused %d times: %v", method, refused(), err)
			}
			select {
			case err := <-done:
				t.Fatalf("Run returned %v while the token was refused; it must keep retrying", err)
			default:
			}

			srv.Heal()
			srv.AddUpdates(tt.Text(1, 2, "back"))
			in.waitFor(t, "the message after the token works again", func() bool { return slices.Contains(in.ids(), "1/m2") })
			waitStatus(t, c, StatusPolling)
			cancel()
			if err := <-done; err != nil {
				t.Fatalf("Run = %v, want nil on a clean stop", err)
			}
		})
	}
}

func TestRunRetriesTransientStartupErrors(t *testing.T) {
	srv := tt.NewServer(t)
	srv.FailNext("getMe", 2, 502, "Bad Gateway", 0)
	srv.TooManyRequests("deleteWebhook", 1, 1)
	c := newChannel(t, srv, nil)
	w := &waits{}
	c.wait = w.wait
	start(t, c, newInbox())
	waitStatus(t, c, StatusPolling)
	if got := len(srv.Calls("getMe")); got != 3 {
		t.Errorf("getMe called %d times, want 3", got)
	}
	if got := w.all(); len(got) != 3 || got[2] != time.Second {
		t.Errorf("waited %v; want two backoffs and the 1s retry_after", got)
	}
}

func TestRunRefusesSecondRun(t *testing.T) {
	srv := tt.NewServer(t)
	c := newChannel(t, srv, nil)
	start(t, c, newInbox())
	if _, err := srv.WaitCalls(waitCtx(t), "getUpdates", 1); err != nil {
		t.Fatal(err)
	}
	if err := c.Run(context.Background(), newInbox()); err == nil {
		t.Fatal("a second Run on the same channel was accepted")
	}
}
