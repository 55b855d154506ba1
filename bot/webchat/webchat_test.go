package webchat

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

const (
	session  = "0123456789abcdef0123456789abcdef"
	session2 = "fedcba9876543210fedcba9876543210"
)

var testNow = time.Date(2026, 3, 1, 10, 30, 0, 0, time.UTC)

// fakeInbox records messages in memory and reports a contact's repeated ids
// as duplicates, as the real dispatcher does.
type fakeInbox struct {
	mu   sync.Mutex
	seen map[string]bool
	msgs []bot.Message
	err  error
	// onAccept, when set, runs for every new message (a stand-in bot).
	onAccept func(bot.Message)
}

func newFakeInbox() *fakeInbox { return &fakeInbox{seen: map[string]bool{}} }

func (f *fakeInbox) Accept(ctx context.Context, m bot.Message) (bool, error) {
	f.mu.Lock()
	if f.err != nil {
		err := f.err
		f.mu.Unlock()
		return false, err
	}
	key := m.Contact.Key() + " " + m.ID
	if f.seen[key] {
		f.mu.Unlock()
		return false, nil
	}
	f.seen[key] = true
	f.msgs = append(f.msgs, m)
	hook := f.onAccept
	f.mu.Unlock()
	if hook != nil {
		hook(m)
	}
	return true, nil
}

func (f *fakeInbox) messages() []bot.Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.Message(nil), f.msgs...)
}

type harness struct {
	ch    *Channel
	srv   *httptest.Server
	inbox *fakeInbox
	rdb   redis.UniversalClient
	keys  store.Keys
	stop  func() // stops Run and waits for it
}

// newHarness starts a channel (tweak may adjust it before anything runs) and
// an HTTP server for it. run=false leaves Run not started.
func newHarness(t *testing.T, run bool, tweak func(*Channel)) *harness {
	t.Helper()
	rdb, keys := storetest.Redis(t)
	return newHarnessOn(t, rdb, keys, run, tweak)
}

func newHarnessOn(t *testing.T, rdb redis.UniversalClient, keys store.Keys, run bool, tweak func(*Channel)) *harness {
	t.Helper()
	ch := New(rdb, keys, Options{Now: func() time.Time { return testNow }}, nil)
	if tweak != nil {
		tweak(ch)
	}
	h := &harness{ch: ch, inbox: newFakeInbox(), rdb: rdb, keys: keys, stop: func() {}}
	h.srv = httptest.NewServer(ch.Handler())
	t.Cleanup(h.srv.Close)
	if run {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- ch.Run(ctx, h.inbox) }()
		var once sync.Once
		h.stop = func() {
			once.Do(func() {
				cancel()
				select {
				case err := <-done:
					if err != nil {
						t.Errorf("Run returned %v", err)
					}
				case <-time.After(5 * time.Second):
					t.Error("Run did not return after cancel")
				}
			})
		}
		// Registered after srv.Close, so it runs first and ends the event
		// streams the server would otherwise wait for.
		t.Cleanup(h.stop)
		waitFor(t, "Run to start", func() bool { return ch.Status() == "ready" })
	}
	return h
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (h *harness) post(t *testing.T, body string, header map[string]string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest("POST", h.srv.URL+"/chat/send", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("response body: %v", err)
	}
	return res.StatusCode, out
}

func jsonBody(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSendPassesMessageToInbox(t *testing.T) {
	h := newHarness(t, true, nil)
	tests := []struct {
		name       string
		body       map[string]string
		acceptLang string
		want       bot.Message
	}{
		{
			name:       "text with Arabic browser",
			body:       map[string]string{"session": session, "id": "m1", "text": "مرحبا"},
			acceptLang: "ar-EG,ar;q=0.9,en;q=0.8",
			want:       bot.Message{Text: "مرحبا", LangHint: "ar-EG"},
		},
		{
			name:       "choice, weighted first tag",
			body:       map[string]string{"session": session, "id": "m2", "choice": "area_work"},
			acceptLang: "uk;q=0.9, it",
			want:       bot.Message{Choice: "area_work", LangHint: "uk"},
		},
		{
			name: "no Accept-Language",
			body: map[string]string{"session": session2, "id": "m1", "text": "/start lang_bn"},
			want: bot.Message{Text: "/start lang_bn"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(h.inbox.messages())
			hdr := map[string]string{}
			if tt.acceptLang != "" {
				hdr["Accept-Language"] = tt.acceptLang
			}
			status, out := h.post(t, jsonBody(t, tt.body), hdr)
			if status != http.StatusAccepted || out["accepted"] != true {
				t.Fatalf("status %d %v, want 202 accepted", status, out)
			}
			msgs := h.inbox.messages()
			if len(msgs) != before+1 {
				t.Fatalf("inbox has %d messages, want %d", len(msgs), before+1)
			}
			got := msgs[len(msgs)-1]
			want := tt.want
			want.Contact = ContactOf(tt.body["session"])
			want.ID = tt.body["id"]
			want.Time = testNow
			if got != want {
				t.Errorf("message\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestSendDuplicate(t *testing.T) {
	h := newHarness(t, true, nil)
	body := jsonBody(t, map[string]string{"session": session, "id": "retry-1", "text": "hello"})
	if status, _ := h.post(t, body, nil); status != http.StatusAccepted {
		t.Fatalf("first send: status %d, want 202", status)
	}
	status, out := h.post(t, body, nil)
	if status != http.StatusOK || out["duplicate"] != true {
		t.Fatalf("second send: status %d %v, want 200 duplicate", status, out)
	}
	if n := len(h.inbox.messages()); n != 1 {
		t.Errorf("inbox has %d messages, want 1", n)
	}
}

func TestSendRejectsBadRequests(t *testing.T) {
	h := newHarness(t, true, nil)
	tests := []struct {
		name   string
		body   string
		status int
		errHas string
	}{
		{"not json", `{"session":`, 400, "JSON"},
		{"json array", `[1]`, 400, "JSON"},
		{"session missing", `{"id":"a","text":"x"}`, 400, "session"},
		{"session upper case", `{"session":"0123456789ABCDEF0123456789ABCDEF","id":"a","text":"x"}`, 400, "session"},
		{"session short", `{"session":"0123456789abcdef","id":"a","text":"x"}`, 400, "session"},
		{"session not hex", `{"session":"0123456789abcdef0123456789abcdeg","id":"a","text":"x"}`, 400, "session"},
		{"id missing", `{"session":"` + session + `","text":"x"}`, 400, "id"},
		{"id with spaces", `{"session":"` + session + `","id":"a b","text":"x"}`, 400, "id"},
		{"id too long", `{"session":"` + session + `","id":"` + strings.Repeat("a", 65) + `","text":"x"}`, 400, "id"},
		{"text and choice empty", `{"session":"` + session + `","id":"a"}`, 400, "text or choice"},
		{"text blank", `{"session":"` + session + `","id":"a","text":"  \n "}`, 400, "text or choice"},
		{"body too big", `{"session":"` + session + `","id":"a","text":"` + strings.Repeat("x", 17<<10) + `"}`, 413, "larger"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out := h.post(t, tt.body, nil)
			if status != tt.status {
				t.Fatalf("status %d, want %d (%v)", status, tt.status, out)
			}
			msg, _ := out["error"].(string)
			if !strings.Contains(msg, tt.errHas) {
				t.Errorf("error %q does not mention %q", msg, tt.errHas)
			}
		})
	}
	if n := len(h.inbox.messages()); n != 0 {
		t.Errorf("inbox has %d messages after bad requests, want 0", n)
	}
}

func TestSendAcceptsLongTextWithinBody(t *testing.T) {
	h := newHarness(t, true, nil)
	long := strings.Repeat("ж", 5000) // over MaxText, under the body limit
	status, _ := h.post(t, jsonBody(t, map[string]string{"session": session, "id": "long", "text": long}), nil)
	if status != http.StatusAccepted {
		t.Fatalf("status %d, want 202", status)
	}
	if got := h.inbox.messages()[0].Text; got != long {
		t.Errorf("long text changed on the way (len %d, want %d)", len(got), len(long))
	}
}

func TestSendUnavailableOutsideRun(t *testing.T) {
	h := newHarness(t, false, nil)
	body := jsonBody(t, map[string]string{"session": session, "id": "a", "text": "x"})
	if status, _ := h.post(t, body, nil); status != http.StatusServiceUnavailable {
		t.Errorf("before Run: status %d, want 503", status)
	}
	if got := h.ch.Status(); got != "not started" {
		t.Errorf("Status before Run = %q", got)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.ch.Run(ctx, h.inbox) }()
	waitFor(t, "ready", func() bool { return h.ch.Status() == "ready" })
	if status, _ := h.post(t, body, nil); status != http.StatusAccepted {
		t.Errorf("while running: status %d, want 202", status)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if got := h.ch.Status(); got != "stopped" {
		t.Errorf("Status after Run = %q, want stopped", got)
	}
	if status, _ := h.post(t, jsonBody(t, map[string]string{"session": session, "id": "b", "text": "x"}), nil); status != http.StatusServiceUnavailable {
		t.Errorf("after Run: status %d, want 503", status)
	}
	if err := h.ch.Run(context.Background(), h.inbox); err == nil {
		t.Error("second Run did not fail")
	}
}

func TestSendAcceptError(t *testing.T) {
	h := newHarness(t, true, nil)
	h.inbox.mu.Lock()
	h.inbox.err = errors.New("redis down")
	h.inbox.mu.Unlock()
	status, out := h.post(t, jsonBody(t, map[string]string{"session": session, "id": "a", "text": "x"}), nil)
	if status != http.StatusInternalServerError {
		t.Fatalf("status %d %v, want 500", status, out)
	}
}

func TestSendWrongMethod(t *testing.T) {
	h := newHarness(t, true, nil)
	res, err := http.Get(h.srv.URL + "/chat/send")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /chat/send: %d, want 405", res.StatusCode)
	}
}

// sse is one server-sent event as a client sees it; comment lines are
// reported as events with comment set.
type sse struct {
	id, event, data, comment string
}

// openEvents connects to /chat/events and streams what arrives until ctx
// ends or the server closes the stream (then the channel is closed).
func openEvents(t *testing.T, ctx context.Context, base, query string, header map[string]string) <-chan sse {
	t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/chat/events?"+query, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	// Headers that never come (a stream that is not flushed) must fail the
	// test, not hang it.
	watchdog := time.AfterFunc(5*time.Second, cancel)
	res, err := http.DefaultClient.Do(req)
	if !watchdog.Stop() || err != nil {
		cancel()
		t.Fatalf("events: no response headers: %v", err)
	}
	if res.StatusCode != 200 {
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		cancel()
		t.Fatalf("events: status %d: %s", res.StatusCode, b)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		res.Body.Close()
		cancel()
		t.Fatalf("events: Content-Type %q", ct)
	}
	out := make(chan sse, 64)
	go func() {
		defer close(out)
		defer cancel()
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev != (sse{}) {
					out <- ev
				}
				ev = sse{}
			case strings.HasPrefix(line, ":"):
				out <- sse{comment: strings.TrimSpace(line[1:])}
			case strings.HasPrefix(line, "id: "):
				ev.id = line[4:]
			case strings.HasPrefix(line, "event: "):
				ev.event = line[7:]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[6:]
			}
		}
	}()
	return out
}

// next returns the next event of the wanted type ("" for replies), skipping
// comments, retry lines and other event types.
func next(t *testing.T, events <-chan sse, event string) sse {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("event stream closed")
			}
			if ev.comment != "" || ev.data == "" || ev.event != event {
				continue
			}
			return ev
		case <-timeout:
			t.Fatalf("no %q event within 5s", event)
		}
	}
}

func decodeReply(t *testing.T, ev sse) replyWire {
	t.Helper()
	var r replyWire
	if err := json.Unmarshal([]byte(ev.data), &r); err != nil {
		t.Fatalf("event data %q: %v", ev.data, err)
	}
	return r
}

func TestEventsDeliverReply(t *testing.T) {
	h := newHarness(t, true, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, h.srv.URL, "session="+session, nil)

	reply := bot.Reply{
		Text:    "اختر <b>مجالاً</b>",
		Choices: []bot.Choice{{ID: "area_work", Label: "عمل"}, {ID: "area_home", Label: "سكن"}},
		RTL:     true,
	}
	if err := h.ch.Send(context.Background(), ContactOf(session), reply); err != nil {
		t.Fatal(err)
	}
	ev := next(t, events, "")
	if !streamIDRe.MatchString(ev.id) {
		t.Errorf("event id %q is not a stream id", ev.id)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(ev.data), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"text", "choices", "rtl"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("event data lacks %q: %s", k, ev.data)
		}
	}
	got := decodeReply(t, ev)
	if got.Text != reply.Text || !got.RTL || len(got.Choices) != 2 || got.Choices[1] != reply.Choices[1] {
		t.Errorf("reply = %+v, want %+v", got, reply)
	}

	// A reply without choices still carries an empty list and rtl=false.
	if err := h.ch.Send(context.Background(), ContactOf(session), bot.Reply{Text: "ok"}); err != nil {
		t.Fatal(err)
	}
	ev = next(t, events, "")
	if !strings.Contains(ev.data, `"choices":[]`) || !strings.Contains(ev.data, `"rtl":false`) {
		t.Errorf("plain reply data = %s", ev.data)
	}
}

func TestEventsOnlyForOwnSession(t *testing.T) {
	h := newHarness(t, true, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, h.srv.URL, "session="+session, nil)
	send := func(id, text string) {
		if err := h.ch.Send(context.Background(), ContactOf(id), bot.Reply{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	send(session2, "for someone else")
	send(session, "for me")
	if got := decodeReply(t, next(t, events, "")).Text; got != "for me" {
		t.Errorf("first reply seen = %q, want %q", got, "for me")
	}
}

// TestContactIDDoesNotOpenTheChat: operators see a webchat person's
// contact id (case pages, the API's JSON); used as a session it opens
// nothing of the person's conversation.
func TestContactIDDoesNotOpenTheChat(t *testing.T) {
	h := newHarness(t, true, nil)
	person := ContactOf(session)
	if person.ID == session {
		t.Fatal("the contact id is the session")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	peek := openEvents(t, ctx, h.srv.URL, "session="+person.ID, nil)
	if err := h.ch.Send(context.Background(), person, bot.Reply{Text: "private"}); err != nil {
		t.Fatal(err)
	}
	if err := h.ch.Send(context.Background(), ContactOf(person.ID), bot.Reply{Text: "marker"}); err != nil {
		t.Fatal(err)
	}
	if got := decodeReply(t, next(t, peek, "")).Text; got != "marker" {
		t.Fatalf("the contact id used as a session saw %q", got)
	}
}

func TestEventsHistoryAndResume(t *testing.T) {
	h := newHarness(t, true, nil)
	to := ContactOf(session)
	for _, text := range []string{"one", "two", "three"} {
		if err := h.ch.Send(context.Background(), to, bot.Reply{Text: text}); err != nil {
			t.Fatal(err)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	events := openEvents(t, ctx, h.srv.URL, "session="+session, nil)
	var ids []string
	for _, want := range []string{"one", "two", "three"} {
		ev := next(t, events, "")
		if got := decodeReply(t, ev).Text; got != want {
			t.Fatalf("history: got %q, want %q", got, want)
		}
		ids = append(ids, ev.id)
	}
	cancel()

	if err := h.ch.Send(context.Background(), to, bot.Reply{Text: "four"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		query  string
		header map[string]string
	}{
		{"Last-Event-ID header", "session=" + session, map[string]string{"Last-Event-ID": ids[1]}},
		{"after parameter", "session=" + session + "&after=" + ids[1], nil},
		// EventSource's own reconnect sends the header while the URL still
		// has the after= of the EventSource's creation; the header is newer.
		{"header wins over parameter", "session=" + session + "&after=" + ids[0], map[string]string{"Last-Event-ID": ids[1]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			events := openEvents(t, ctx, h.srv.URL, tt.query, tt.header)
			for _, want := range []string{"three", "four"} {
				if got := decodeReply(t, next(t, events, "")).Text; got != want {
					t.Fatalf("after reconnect: got %q, want %q", got, want)
				}
			}
		})
	}
}

func TestEventsFromAnotherProcess(t *testing.T) {
	a := newHarness(t, true, nil)
	// A second process: its own Redis client and channel, same Redis and
	// key prefix.
	rdbB := storetest.Client(t)
	b := New(rdbB, a.keys, Options{}, nil)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, a.srv.URL, "session="+session, nil)
	// The first read may already be blocking in Redis; the reply must wake it.
	if err := b.Send(context.Background(), ContactOf(session), bot.Reply{Text: "from B", Choices: []bot.Choice{{ID: "y", Label: "Yes"}}}); err != nil {
		t.Fatal(err)
	}
	got := decodeReply(t, next(t, events, ""))
	if got.Text != "from B" || len(got.Choices) != 1 {
		t.Errorf("reply = %+v", got)
	}
}

func TestEventsEchoPersonsMessages(t *testing.T) {
	h := newHarness(t, true, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, h.srv.URL, "session="+session, nil)
	h.post(t, jsonBody(t, map[string]string{"session": session, "id": "c1", "choice": "area_work"}), nil)
	ev := next(t, events, "echo")
	var got echoWire
	if err := json.Unmarshal([]byte(ev.data), &got); err != nil {
		t.Fatal(err)
	}
	if got != (echoWire{ID: "c1", Choice: "area_work"}) {
		t.Errorf("echo = %+v", got)
	}
}

func TestEventsHeartbeat(t *testing.T) {
	h := newHarness(t, true, func(c *Channel) { c.block = 100 * time.Millisecond })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, h.srv.URL, "session="+session, nil)
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("stream closed")
			}
			if ev.comment == "ping" {
				return
			}
		case <-timeout:
			t.Fatal("no heartbeat comment")
		}
	}
}

func TestEventsPollWhenNoBlockingSlot(t *testing.T) {
	h := newHarness(t, true, func(c *Channel) {
		c.slots = make(chan struct{}) // no slot is ever free
		c.pollEvery = 20 * time.Millisecond
		c.heartbeat = 50 * time.Millisecond
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, h.srv.URL, "session="+session, nil)
	if err := h.ch.Send(context.Background(), ContactOf(session), bot.Reply{Text: "polled"}); err != nil {
		t.Fatal(err)
	}
	if got := decodeReply(t, next(t, events, "")).Text; got != "polled" {
		t.Errorf("got %q", got)
	}
	// Polling connections send heartbeats too.
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.comment == "ping" {
				return
			}
		case <-timeout:
			t.Fatal("no heartbeat while polling")
		}
	}
}

// TestEventsPollingWakesOnReplyOfThisProcess: a connection that found no
// blocking slot gets a reply made by this process at once, not at its next
// poll (an hour away here, so only the wake-up can deliver it in time).
func TestEventsPollingWakesOnReplyOfThisProcess(t *testing.T) {
	h := newHarness(t, true, func(c *Channel) {
		c.slots = make(chan struct{}) // no slot is ever free
		c.pollEvery = time.Hour
		c.heartbeat = time.Hour
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, h.srv.URL, "session="+session, nil)
	for _, text := range []string{"one", "two"} {
		if err := h.ch.Send(context.Background(), ContactOf(session), bot.Reply{Text: text}); err != nil {
			t.Fatal(err)
		}
		if got := decodeReply(t, next(t, events, "")).Text; got != text {
			t.Errorf("got %q, want %q", got, text)
		}
	}
}

func TestEventsEndWhenRunStops(t *testing.T) {
	h := newHarness(t, true, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, h.srv.URL, "session="+session, nil)
	h.stop()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case _, ok := <-events:
			if !ok {
				// A new connection is refused while stopped, so the
				// browser goes to another process.
				res, err := http.Get(h.srv.URL + "/chat/events?session=" + session)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != http.StatusServiceUnavailable {
					t.Errorf("events after stop: %d, want 503", res.StatusCode)
				}
				return
			}
		case <-timeout:
			t.Fatal("event stream still open after Run stopped")
		}
	}
}

func TestEventsRejectBadParameters(t *testing.T) {
	h := newHarness(t, true, nil)
	tests := []struct {
		name   string
		query  string
		header map[string]string
	}{
		{"no session", "", nil},
		{"bad session", "session=abc", nil},
		{"bad after", "session=" + session + "&after=latest", nil},
		{"bad Last-Event-ID", "session=" + session, map[string]string{"Last-Event-ID": "1-x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", h.srv.URL+"/chat/events?"+tt.query, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var out map[string]string
			json.NewDecoder(res.Body).Decode(&out)
			if res.StatusCode != 400 || out["error"] == "" {
				t.Errorf("status %d %v, want 400 with an error", res.StatusCode, out)
			}
		})
	}
}

func TestSendStoresBoundedExpiringStream(t *testing.T) {
	h := newHarness(t, false, nil)
	ctx := context.Background()
	to := ContactOf(session)
	for i := 0; i < 450; i++ {
		if err := h.ch.Send(ctx, to, bot.Reply{Text: "r"}); err != nil {
			t.Fatal(err)
		}
	}
	key := h.keys.ContactKey(to.Key(), "webchat")
	if n := h.rdb.XLen(ctx, key).Val(); n < historyLen || n >= 450 {
		t.Errorf("stream %s has %d entries, want about %d", key, n, historyLen)
	}
	ttl := h.rdb.TTL(ctx, key).Val()
	if ttl <= 23*time.Hour || ttl > 24*time.Hour {
		t.Errorf("TTL = %v, want about 24h", ttl)
	}
}

func TestSendRejectsForeignContacts(t *testing.T) {
	h := newHarness(t, false, nil)
	for _, to := range []bot.Contact{{Channel: "telegram", ID: session}, {Channel: "webchat", ID: "not-a-session"}} {
		if err := h.ch.Send(context.Background(), to, bot.Reply{Text: "x"}); err == nil {
			t.Errorf("Send to %+v succeeded", to)
		}
	}
}

func TestPageAndAssets(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ch := New(rdb, keys, Options{MaxText: 1000}, nil)
	srv := httptest.NewServer(ch.Handler())
	defer srv.Close()

	tests := []struct {
		path     string
		status   int
		ctype    string
		contains []string
	}{
		{"/", 200, "text/html; charset=utf-8", []string{
			`id="log"`, `role="log"`, `aria-live="polite"`, `<textarea id="text"`, `dir="auto"`,
			`<label for="text"`, `data-max-text="1000"`, `src="chat/static/app.js"`,
		}},
		{"/chat/static/app.js", 200, "text/javascript; charset=utf-8", []string{"EventSource", "textContent", "getRandomValues"}},
		{"/chat/static/app.css", 200, "text/css; charset=utf-8", []string{".msg"}},
		{"/chat/static/index.html", 404, "", nil},
		{"/chat/static/nope.js", 404, "", nil},
		{"/elsewhere", 404, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, err := http.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q", got)
			}
			if tt.status != 200 {
				return
			}
			if got := res.Header.Get("Content-Type"); got != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", got, tt.ctype)
			}
			csp := res.Header.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'self'", "script-src 'self'", "connect-src 'self'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %q", csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("CSP allows unsafe sources: %q", csp)
			}
			for _, want := range tt.contains {
				if !bytes.Contains(body, []byte(want)) {
					t.Errorf("body lacks %q", want)
				}
			}

			// Revalidation is cheap.
			req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
			req.Header.Set("If-None-Match", res.Header.Get("ETag"))
			res2, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res2.Body.Close()
			if res2.StatusCode != http.StatusNotModified {
				t.Errorf("revalidation: %d, want 304", res2.StatusCode)
			}
		})
	}
}

// The page must neither log message text nor ever turn text into markup.
func TestScriptAvoidsLoggingAndHTMLInjection(t *testing.T) {
	js, err := staticFS.ReadFile("static/app.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, banned := range []string{"console.", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if bytes.Contains(js, []byte(banned)) {
			t.Errorf("app.js uses %s", banned)
		}
	}
	html, err := staticFS.ReadFile("static/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(html, []byte("<script>")) || bytes.Contains(html, []byte("style=")) {
		t.Error("index.html has inline script or style, which the CSP blocks")
	}
}

func TestLangHint(t *testing.T) {
	tests := []struct{ header, want string }{
		{"", ""},
		{"ar", "ar"},
		{"ar-EG,ar;q=0.9,en;q=0.8", "ar-EG"},
		{"zh-Hans-CN;q=1, en", "zh-Hans-CN"},
		{"  sq  ,it", "sq"},
		{"*", ""},
		{"en<script>", ""},
		{strings.Repeat("a", 40), ""},
	}
	for _, tt := range tests {
		if got := langHint(tt.header); got != tt.want {
			t.Errorf("langHint(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestName(t *testing.T) {
	var c bot.Channel = &Channel{}
	if c.Name() != "webchat" {
		t.Errorf("Name = %q", c.Name())
	}
}

func TestErase(t *testing.T) {
	h := newHarness(t, false, nil)
	ctx := context.Background()
	me := ContactOf(session)
	other := ContactOf(session2)
	for _, c := range []bot.Contact{me, other} {
		if err := h.ch.Send(ctx, c, bot.Reply{Text: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	var eraser bot.Eraser = h.ch
	if err := eraser.Erase(ctx, me); err != nil {
		t.Fatal(err)
	}
	if err := eraser.Erase(ctx, bot.Contact{Channel: "telegram", ID: "42"}); err != nil {
		t.Errorf("erasing another channel's contact: %v", err)
	}
	if n := h.rdb.Exists(ctx, h.keys.ContactKey(me.Key(), "webchat")).Val(); n != 0 {
		t.Error("history still there after Erase")
	}
	if n := h.rdb.Exists(ctx, h.keys.ContactKey(other.Key(), "webchat")).Val(); n != 1 {
		t.Error("Erase removed another session's history")
	}
}

// TestRetractClearsThePage: after "clear", an open page is told to empty
// itself, and a page opened later sees nothing of the conversation before.
func TestRetractClearsThePage(t *testing.T) {
	h := newHarness(t, true, nil)
	to := ContactOf(session)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	open := openEvents(t, ctx, h.srv.URL, "session="+session, nil)
	if err := h.ch.Send(ctx, to, bot.Reply{Text: "la tua domanda sul permesso"}); err != nil {
		t.Fatal(err)
	}
	next(t, open, "")
	if err := h.ch.Retract(ctx, to); err != nil {
		t.Fatal(err)
	}
	if err := h.ch.Send(ctx, to, bot.Reply{Text: "Fatto."}); err != nil {
		t.Fatal(err)
	}
	next(t, open, "clear")
	if got := decodeReply(t, next(t, open, "")).Text; got != "Fatto." {
		t.Fatalf("after the clear: %q", got)
	}
	later := openEvents(t, ctx, h.srv.URL, "session="+session, nil)
	if got := decodeReply(t, next(t, later, "")).Text; got != "Fatto." {
		t.Fatalf("a page opened later starts with %q, want only what came after the clear", got)
	}
	ttl, err := h.rdb.TTL(ctx, h.ch.streamKey(to)).Result()
	if err != nil || ttl <= 0 {
		t.Fatalf("history after a clear has TTL %v (%v): it must keep expiring", ttl, err)
	}
}

// TestUIWords: the page's own words come from the catalogue of the first
// language of its wishes Frontdoor speaks, then the browser's, then English.
func TestUIWords(t *testing.T) {
	cat := catalog(t)
	h := newHarness(t, false, func(ch *Channel) { ch.opts.Texts = cat })
	bare := newHarness(t, false, nil)
	tests := []struct {
		name, want, accept string
		h                  *harness
		wantLang           string
		wantRTL            bool
	}{
		{"start link's language", "ar,it-IT,en", "", h, "ar", true},
		{"an unknown wish is skipped", "xx,fr-FR", "", h, "fr", false},
		{"no wish: the browser's header", "", "uk-UA,uk;q=0.9", h, "uk", false},
		{"nothing known: English", "xx", "xx", h, "en", false},
		{"no catalogue: English", "ar", "", bare, "en", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest("GET", tt.h.srv.URL+"/chat/ui?want="+url.QueryEscape(tt.want), nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.accept != "" {
				req.Header.Set("Accept-Language", tt.accept)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var got uiWire
			if err := json.NewDecoder(res.Body).Decode(&got); err != nil {
				t.Fatal(err)
			}
			if got.Lang != tt.wantLang || got.RTL != tt.wantRTL {
				t.Fatalf("lang %q rtl %v, want %q %v", got.Lang, got.RTL, tt.wantLang, tt.wantRTL)
			}
			ui := cat.ChatUI(tt.wantLang)
			if want := (uiWire{Lang: ui.Lang, RTL: ui.RTL, Message: ui.Message, Send: ui.Send, Connecting: ui.Connecting, NotSent: ui.NotSent}); got != want {
				t.Errorf("words %+v, want %+v", got, want)
			}
		})
	}
}
