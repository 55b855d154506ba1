package webchat

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/internal/testclock"
	"frontdoor/locales"
	"frontdoor/ratelimit"
)

func catalog(t *testing.T) *locales.Catalog {
	t.Helper()
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// limited starts a running channel with limits on a limiter whose clock the
// test moves, behind a trusted proxy at 127.0.0.1 (the test client), so
// that X-Forwarded-For tells the clients apart.
func limited(t *testing.T, lim Limits, trustLocal bool) (*harness, *testclock.Clock) {
	t.Helper()
	clk := testclock.New(testNow)
	var proxies ratelimit.Proxies
	if trustLocal {
		var err error
		if proxies, err = ratelimit.ParseProxies([]string{"127.0.0.1", "::1"}); err != nil {
			t.Fatal(err)
		}
	}
	cat := catalog(t)
	h := newHarness(t, true, func(ch *Channel) {
		ch.opts.Limits = lim
		ch.opts.Limiter = ratelimit.New(ch.rdb, ch.keys, ratelimit.Options{Now: clk.Now})
		ch.opts.Proxies = proxies
		ch.opts.Texts = cat
	})
	return h, clk
}

// send posts one message and returns the status, the Retry-After header
// and the body.
func (h *harness) send(t *testing.T, sess, id, client, lang string) (int, string, map[string]any) {
	t.Helper()
	body := jsonBody(t, map[string]string{"session": sess, "id": id, "text": "ciao", "lang": lang})
	req, err := http.NewRequest("POST", h.srv.URL+"/chat/send", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if client != "" {
		req.Header.Set("X-Forwarded-For", client)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("response body: %v", err)
	}
	return res.StatusCode, res.Header.Get("Retry-After"), out
}

func sessionID(n int) string { return fmt.Sprintf("%032x", 0xabc000+n) }

// TestNewSessionBudgets: one client gets 429 with Retry-After and a notice
// in its language once its budget of new sessions is spent; other clients
// still start sessions until the budget of everybody is spent; sessions
// already going on are not new and go on.
func TestNewSessionBudgets(t *testing.T) {
	h, clk := limited(t, Limits{
		NewSessionsPerClient: []ratelimit.Limit{{Events: 3, Per: time.Minute}, {Events: 10, Per: time.Hour}},
		NewSessionsTotal:     []ratelimit.Limit{{Events: 5, Per: time.Hour}},
	}, true)
	cat := catalog(t)
	const a, b, c = "198.51.100.1", "198.51.100.2", "2001:db8:7:7::1"

	for i := range 3 {
		if code, _, body := h.send(t, sessionID(i), "m1", a, "it"); code != http.StatusAccepted {
			t.Fatalf("client a, session %d: %d %v", i, code, body)
		}
	}
	code, after, body := h.send(t, sessionID(3), "m1", a, "it")
	if code != http.StatusTooManyRequests {
		t.Fatalf("client a, fourth session in a minute: %d %v, want 429", code, body)
	}
	if secs, err := strconv.Atoi(after); err != nil || secs < 1 || secs > 60 {
		t.Fatalf("Retry-After %q, want 1-60 seconds", after)
	}
	if want := cat.Text("it", msgLimitNewSessions, nil); body["message"] != want {
		t.Fatalf("notice = %q, want the Italian %q", body["message"], want)
	}
	if body["retry_after"] != float64(must(strconv.Atoi(after))) {
		t.Fatalf("retry_after %v differs from Retry-After %s", body["retry_after"], after)
	}
	// a's sessions already going on are not new.
	if code, _, body := h.send(t, sessionID(0), "m2", a, ""); code != http.StatusAccepted {
		t.Fatalf("client a, existing session: %d %v", code, body)
	}
	// Other clients get in until the total is spent (3 + 2 = 5).
	for i := 10; i < 12; i++ {
		if code, _, body := h.send(t, sessionID(i), "m1", b, ""); code != http.StatusAccepted {
			t.Fatalf("client b, session %d: %d %v", i, code, body)
		}
	}
	code, after, body = h.send(t, sessionID(20), "m1", c, "")
	if code != http.StatusTooManyRequests || after == "" {
		t.Fatalf("client c once the total is spent: %d %q %v, want 429 with Retry-After", code, after, body)
	}
	// No language from the page: the browser's, else the desk's default.
	if want := cat.Text(cat.Default(), msgLimitNewSessions, nil); body["message"] != want {
		t.Fatalf("notice without a language = %q, want %q", body["message"], want)
	}
	msgs := len(h.inbox.messages())
	if msgs != 6 {
		t.Fatalf("inbox has %d messages, want the 6 accepted", msgs)
	}
	// Refused sessions left nothing behind: they are still new later.
	clk.Add(time.Hour)
	if code, _, body := h.send(t, sessionID(20), "m1", c, ""); code != http.StatusAccepted {
		t.Fatalf("client c an hour later: %d %v", code, body)
	}
	if code, _, body := h.send(t, sessionID(3), "m1", a, ""); code != http.StatusAccepted {
		t.Fatalf("client a's refused session an hour later: %d %v", code, body)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestForwardedForNotTrustedByDefault: without trusted proxies, a client
// cannot pass for many by writing X-Forwarded-For itself.
func TestForwardedForNotTrustedByDefault(t *testing.T) {
	h, _ := limited(t, Limits{NewSessionsPerClient: []ratelimit.Limit{{Events: 2, Per: time.Hour}}}, false)
	for i := range 2 {
		if code, _, body := h.send(t, sessionID(i), "m1", fmt.Sprintf("198.51.100.%d", i), ""); code != http.StatusAccepted {
			t.Fatalf("session %d: %d %v", i, code, body)
		}
	}
	if code, _, _ := h.send(t, sessionID(2), "m1", "198.51.100.99", ""); code != http.StatusTooManyRequests {
		t.Fatalf("a forged X-Forwarded-For got a new budget: %d", code)
	}
}

// TestMessagesTooFast: a session writing faster than its budget gets 429
// with a notice in its language; every message accepted before is answered,
// and the refused one, sent again when the page is told, is answered too.
func TestMessagesTooFast(t *testing.T) {
	h, clk := limited(t, Limits{MessagesPerContact: []ratelimit.Limit{{Events: 6, Per: time.Minute, Burst: 3}}}, false)
	cat := catalog(t)
	contact := ContactOf(session)
	h.inbox.mu.Lock()
	h.inbox.onAccept = func(m bot.Message) {
		if err := h.ch.Send(context.Background(), m.Contact, bot.Reply{Text: "re " + m.ID}); err != nil {
			t.Errorf("reply: %v", err)
		}
	}
	h.inbox.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, h.srv.URL, "session="+session, nil)

	for i := 1; i <= 3; i++ {
		if code, _, body := h.send(t, session, fmt.Sprintf("m%d", i), "", "it"); code != http.StatusAccepted {
			t.Fatalf("message %d: %d %v", i, code, body)
		}
	}
	code, after, body := h.send(t, session, "m4", "", "it")
	if code != http.StatusTooManyRequests || after != "10" {
		t.Fatalf("fourth message at once: %d Retry-After %q %v, want 429 after 10s", code, after, body)
	}
	if want := cat.Text("it", msgLimitMessages, nil); body["message"] != want || body["rtl"] != false {
		t.Fatalf("notice = %v, want the Italian %q", body, want)
	}
	// In the page's language, right to left where it is written so.
	_, _, body = h.send(t, session, "m4", "", "ar")
	if body["message"] != cat.Text("ar", msgLimitMessages, nil) || body["rtl"] != true {
		t.Fatalf("Arabic notice: %v", body)
	}
	for i := 1; i <= 3; i++ {
		if r := decodeReply(t, next(t, events, "")); r.Text != fmt.Sprintf("re m%d", i) {
			t.Fatalf("reply %d = %q", i, r.Text)
		}
	}
	clk.Add(10 * time.Second)
	if code, _, body := h.send(t, session, "m4", "", "it"); code != http.StatusAccepted {
		t.Fatalf("the refused message sent again when told: %d %v", code, body)
	}
	if r := decodeReply(t, next(t, events, "")); r.Text != "re m4" {
		t.Fatalf("reply 4 = %q", r.Text)
	}
	var ids []string
	for _, m := range h.inbox.messages() {
		if m.Contact == contact {
			ids = append(ids, m.ID)
		}
	}
	if strings.Join(ids, ",") != "m1,m2,m3,m4" {
		t.Fatalf("inbox got %v, want m1-m4 once each", ids)
	}
}

type fullStorage struct{ full atomic.Bool }

func (s *fullStorage) Full(context.Context) bool { return s.full.Load() }

// TestFullRedisRefusesOnlyNewSessions: while Redis is nearly full, new
// sessions get 503 with Retry-After and a notice; sessions going on go on.
func TestFullRedisRefusesOnlyNewSessions(t *testing.T) {
	storage := &fullStorage{}
	cat := catalog(t)
	h := newHarness(t, true, func(ch *Channel) {
		ch.opts.Storage = storage
		ch.opts.Texts = cat
	})
	if code, _, body := h.send(t, session, "m1", "", ""); code != http.StatusAccepted {
		t.Fatalf("before: %d %v", code, body)
	}
	storage.full.Store(true)
	code, after, body := h.send(t, session2, "m1", "", "en")
	if code != http.StatusServiceUnavailable || after == "" || body["message"] != cat.Text("en", msgLimitBusy, nil) {
		t.Fatalf("new session while full: %d %q %v", code, after, body)
	}
	if code, _, body := h.send(t, session, "m2", "", ""); code != http.StatusAccepted {
		t.Fatalf("existing session while full: %d %v", code, body)
	}
	if n := len(h.inbox.messages()); n != 2 {
		t.Fatalf("inbox has %d messages, want 2", n)
	}
}

// TestBrowserShowsLimitNotice: in a real browser, a message refused as too
// fast stays pending with the server's notice in the page's language, and
// goes through by itself once the budget allows; the notice then goes.
func TestBrowserShowsLimitNotice(t *testing.T) {
	browser := startChromium(t)
	h, clk := limited(t, Limits{MessagesPerContact: []ratelimit.Limit{{Events: 60, Per: time.Minute, Burst: 2}}}, false)
	notice := catalog(t).Text("it", msgLimitMessages, nil)

	p := browser.open(t, h.srv.URL+"/?start=lang_it")
	waitFor(t, "the /start message", func() bool { return len(h.inbox.messages()) == 1 })
	p.mustEval(`(() => {
		const i = document.getElementById('text');
		for (const w of ['uno', 'due']) {
			i.value = w;
			i.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
		}
	})()`, nil)
	p.waitTrue("the notice", `(() => {
		const n = document.querySelector('#log .msg.notice');
		return !!n && n.textContent === `+strconv.Quote(notice)+`;
	})()`)
	p.screenshot("limit-notice")
	var state struct {
		Pending, Failed int
	}
	p.mustEval(`({pending: document.querySelectorAll('#log .msg.me.pending').length,
		failed: document.querySelectorAll('#log .msg.me.failed').length})`, &state)
	if state.Pending != 1 || state.Failed != 0 {
		t.Fatalf("while refused: %+v, want the second message pending, none failed", state)
	}
	if n := len(h.inbox.messages()); n != 2 {
		t.Fatalf("inbox has %d messages while the third is refused, want 2", n)
	}

	clk.Add(time.Minute)
	p.waitTrue("the refused message sent again", `!document.querySelector('#log .msg.notice') &&
		document.querySelectorAll('#log .msg.me.pending').length === 0 &&
		localStorage.getItem('fd.outbox') === '[]'`)
	var texts []string
	for _, m := range h.inbox.messages() {
		texts = append(texts, m.Text)
	}
	if strings.Join(texts, "|") != "/start lang_it|uno|due" {
		t.Fatalf("inbox = %q, want every message once, in order", texts)
	}
}
