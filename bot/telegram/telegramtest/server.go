// Package telegramtest is a fake Telegram Bot API server for tests. The real
// go-telegram/bot client (and Frontdoor's own getUpdates loop) talk to it
// over HTTP, so tests exercise the same encoding, errors and offsets as in
// production: scripted updates with offset confirmation and redelivery,
// recorded calls, and injected failures (revoked token, 429 with
// retry_after, outages of a method, blocked chats, rate limits). Like
// Telegram, it serves getUpdates to one caller at a time: a new call ends
// the one in progress with 409.
package telegramtest

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
)

// Token is a well-formed bot token for tests; the server accepts any token
// that has not been revoked.
const Token = "123456:TEST-fake-token_for-tests"

// BotID is the bot's user id reported by getMe for Token.
const BotID = 123456

// FirstMessageID is the id of the first message the bot sends: far above
// the ids tests give the person's messages (Text(chat, 3, ...)), so that a
// check that the person's message 3 was deleted cannot be met by the bot's
// third message. (Telegram numbers both sides of a private chat in one
// sequence; tests pick the person's ids by hand, so the fake keeps the
// bot's apart instead.)
const FirstMessageID = 1_000_001

// Call is one recorded Bot API request and the server's answer.
type Call struct {
	Method string
	Token  string
	// Client is the request's User-Agent, which lets a test tell apart
	// several clients of one token (give each an http.Client that sets it).
	Client string
	// Params holds every request parameter as text, as received (JSON
	// values such as reply_markup or allowed_updates stay JSON).
	Params map[string]string

	ChatID          int64 // chat_id, 0 when absent or not numeric
	Text            string
	ReplyMarkup     *ReplyMarkup // parsed reply_markup, nil when absent
	CallbackQueryID string
	// UpdateIDs are the update ids a getUpdates call returned.
	UpdateIDs []int64
	// MessageID is the id of the message a successful sendMessage or
	// sendVoice made.
	MessageID int
	// Voice is the file a sendVoice uploaded, VoiceName its file name.
	Voice     []byte
	VoiceName string
	// File is the file a sendPhoto (field photo) or sendDocument (field
	// document) uploaded, FileName its file name, Caption its caption.
	File     []byte
	FileName string
	Caption  string

	// Code is the answer's error_code; 200 for success, 0 while a
	// getUpdates long poll is still waiting.
	Code        int
	Description string
	// ClientGone tells that the client had gone (it cancelled the
	// request, or closed the connection) by the time the server
	// answered: a long poll abandoned rather than waited out.
	ClientGone bool
}

// OK reports whether the call succeeded.
func (c Call) OK() bool { return c.Code == http.StatusOK }

// ReplyMarkup is an inline keyboard as sent with sendMessage.
type ReplyMarkup struct {
	InlineKeyboard [][]Button `json:"inline_keyboard"`
}

// Button is one inline keyboard button.
type Button struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data,omitempty"`
	URL          string `json:"url,omitempty"`
}

// WebhookInfo is what the last setWebhook configured.
type WebhookInfo struct {
	URL            string
	SecretToken    string
	AllowedUpdates []string
}

// Option configures a Server.
type Option func(*Server)

// WithRateLimit makes sendMessage answer 429, like Telegram, when more than
// perSecond messages were sent in the last second overall, or a chat got a
// message less than a second ago.
func WithRateLimit(perSecond int) Option {
	return func(s *Server) { s.rateLimit = perSecond }
}

// WithClock replaces the clock used for rate limiting, so tests control time.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// WithPollWait caps how long a getUpdates long poll waits for new updates
// (default 2s), whatever timeout the client asks for.
func WithPollWait(d time.Duration) Option {
	return func(s *Server) { s.pollWait = d }
}

// WithBotUsername sets the username getMe reports (default
// "frontdoor_test_bot").
func WithBotUsername(name string) Option {
	return func(s *Server) { s.username = name }
}

type fault struct {
	code        int
	description string
	retryAfter  int
}

// outage is a failure of every call of a method for a while.
type outage struct {
	code        int
	description string
	until       time.Time // zero: until Heal
}

// poll is a getUpdates call in progress; kicked is closed when a newer
// call of the same token ends it.
type poll struct {
	ctx    context.Context
	kicked chan struct{}
}

// Server is a fake Bot API. All methods are safe for concurrent use.
type Server struct {
	srv       *httptest.Server
	now       func() time.Time
	pollWait  time.Duration
	rateLimit int
	username  string
	closed    chan struct{}
	closeOnce sync.Once

	mu            sync.Mutex
	changed       chan struct{} // closed and replaced on every state change
	pending       []Update      // not yet confirmed, ordered by ID
	nextID        int64
	confirmed     int64 // highest offset a getUpdates call confirmed
	calls         []Call
	revoked       map[string]bool
	faults        map[string][]fault
	outages       map[string]outage // by method, "" for every method
	polls         map[string]*poll  // getUpdates in progress, by token
	overlaps      int
	blocked       map[int64]bool
	missing       map[int64]bool
	webhook       WebhookInfo
	nextMessageID int // the id of the bot's next message
	recentSends   []time.Time
	lastSend      map[int64]time.Time
	deleted       map[int64][]int // message ids deleted, by chat
	old           map[int64][]int // message ids too old to delete (Age), by chat
	files         map[string]file // by file_id
}

// file is a stored file served by getFile and /file/bot<token>/<path>.
type file struct {
	path    string
	content []byte
	tooBig  bool
}

// NewServer starts a fake Bot API server, closed when the test ends. Point
// the client at URL() (bot.WithServerURL).
func NewServer(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s := Start(opts...)
	tb.Cleanup(s.Close)
	return s
}

// Start starts a fake Bot API server outside a test (the benchmarks of
// the frontdoor command); the caller closes it.
func Start(opts ...Option) *Server {
	s := &Server{
		now:      time.Now,
		pollWait: 2 * time.Second,
		username: "frontdoor_test_bot",
		closed:   make(chan struct{}),
		changed:  make(chan struct{}),
		nextID:   100,
		// The bot's messages are numbered apart from the person's.
		nextMessageID: FirstMessageID,
		revoked:       map[string]bool{},
		faults:        map[string][]fault{},
		outages:       map[string]outage{},
		polls:         map[string]*poll{},
		blocked:       map[int64]bool{},
		missing:       map[int64]bool{},
		lastSend:      map[int64]time.Time{},
		deleted:       map[int64][]int{},
		old:           map[int64][]int{},
		files:         map[string]file{},
	}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the server's base URL, without the /bot<token> part.
func (s *Server) URL() string { return s.srv.URL }

// Close stops the server; waiting long polls return at once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closed)
		s.srv.CloseClientConnections()
		s.srv.Close()
	})
}

// notifyLocked wakes everything waiting for a change; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// AddUpdates queues updates for getUpdates, numbering those with ID 0 after
// the highest id so far, and returns them with their ids. An update with an
// id below the confirmed offset is served again to a client that starts from
// offset 0, which is how Telegram redelivers after a lost confirmation.
func (s *Server) AddUpdates(us ...Update) []Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Update, 0, len(us))
	for _, u := range us {
		if u.ID == 0 {
			u.ID = s.nextID
		}
		s.nextID = max(s.nextID, u.ID+1)
		s.pending = append(s.pending, u)
		out = append(out, u)
	}
	slices.SortStableFunc(s.pending, func(a, b Update) int { return cmp.Compare(a.ID, b.ID) })
	s.notifyLocked()
	return out
}

// Confirmed is the highest offset confirmed by a getUpdates call: every
// update with a smaller id is forgotten.
func (s *Server) Confirmed() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

// Pending lists the ids of updates not yet confirmed.
func (s *Server) Pending() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int64, len(s.pending))
	for i, u := range s.pending {
		ids[i] = u.ID
	}
	return ids
}

// Revoke makes every call with token fail with 401 Unauthorized, as after
// the token was revoked in BotFather.
func (s *Server) Revoke(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revoked[token] = true
}

// TooManyRequests makes the next n calls of method fail with 429 and
// retry_after seconds.
func (s *Server) TooManyRequests(method string, n, retryAfter int) {
	s.FailNext(method, n, http.StatusTooManyRequests,
		fmt.Sprintf("Too Many Requests: retry after %d", retryAfter), retryAfter)
}

// FailNext makes the next n calls of method fail with the given error code
// and description (retryAfter is used for 429 only).
func (s *Server) FailNext(method string, n, code int, description string, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[method] = append(s.faults[method], fault{code, description, retryAfter})
	}
}

// FailFor makes every call of method ("" for all methods) fail with code and
// description for d on the server's clock, or until Heal when d is 0: an
// outage of the Bot API, such as the 401s it gave for a few seconds.
func (s *Server) FailFor(method string, code int, description string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := outage{code: code, description: description}
	if d > 0 {
		o.until = s.now().Add(d)
	}
	s.outages[method] = o
}

// Heal ends every outage FailFor started and every revocation: the Bot API
// answers again.
func (s *Server) Heal() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.outages)
	clear(s.revoked)
	s.notifyLocked()
}

// Overlaps counts the getUpdates calls that arrived while another one of
// the same token was still waiting for its client, which Telegram ends
// with 409: two pollers of one bot at the same time.
func (s *Server) Overlaps() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.overlaps
}

// Block makes sending to chatID fail with 403, as when the person blocked
// the bot.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
}

// Forget makes sending to chatID fail with 400 "chat not found", as for a
// deleted account.
func (s *Server) Forget(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.missing[chatID] = true
}

// Webhook is the webhook configuration set by the last setWebhook.
func (s *Server) Webhook() WebhookInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.webhook
	w.AllowedUpdates = slices.Clone(w.AllowedUpdates)
	return w
}

// Calls returns the recorded calls of method, or all calls when method is
// empty, in arrival order.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callsLocked(method)
}

func (s *Server) callsLocked(method string) []Call {
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Messages returns the successful sendMessage calls to chatID.
func (s *Server) Messages(chatID int64) []Call {
	var out []Call
	for _, c := range s.Calls("sendMessage") {
		if c.ChatID == chatID && c.OK() {
			out = append(out, c)
		}
	}
	return out
}

// WaitCalls blocks until at least n calls of method were recorded (whatever
// their outcome) or ctx ends, and returns the calls of method.
func (s *Server) WaitCalls(ctx context.Context, method string, n int) ([]Call, error) {
	var calls []Call
	err := s.WaitUntil(ctx, func() bool {
		calls = s.Calls(method)
		return len(calls) >= n
	})
	if err != nil {
		return calls, fmt.Errorf("waiting for %d %s calls, got %d: %w", n, method, len(calls), err)
	}
	return calls, nil
}

// WaitAnswered is WaitCalls for calls the server has answered, in the
// order they came: WaitCalls returns a call as soon as it arrives, before
// its answer (its Code is 0 until then), so a test that reads whether a
// call succeeded waits with this.
func (s *Server) WaitAnswered(ctx context.Context, method string, n int) ([]Call, error) {
	var answered []Call
	err := s.WaitUntil(ctx, func() bool {
		answered = slices.DeleteFunc(s.Calls(method), func(c Call) bool { return c.Code == 0 })
		return len(answered) >= n
	})
	if err != nil {
		return answered, fmt.Errorf("waiting for %d answered %s calls, got %d: %w", n, method, len(answered), err)
	}
	return answered, nil
}

// WaitUntil blocks until cond returns true or ctx ends; cond is evaluated
// again after every change of the server's state (calls, updates).
func (s *Server) WaitUntil(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// LongPolls counts the getUpdates calls waiting for updates. A call is
// recorded (Calls, WaitCalls) before it waits: a test that makes a second
// poll overlap the first waits for this, or the second may be the one
// waiting when the first arrives.
func (s *Server) LongPolls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.polls)
}

// record stores a new call and returns its index.
func (s *Server) record(c Call) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	s.notifyLocked()
	return len(s.calls) - 1
}

// finish records the answer to call i: its code and, on success, the
// update ids it returned or the id of the message it made, all under one
// lock and before waiters are woken, so that nobody sees a call answered
// without its message id (a test listing the chat's messages to check
// their deletion read id 0).
func (s *Server) finish(r *http.Request, i, code int, description string, updateIDs []int64, messageID int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[i].ClientGone = r.Context().Err() != nil
	s.calls[i].Code = code
	s.calls[i].Description = description
	s.calls[i].UpdateIDs = updateIDs
	s.calls[i].MessageID = messageID
	s.notifyLocked()
}

type apiError struct {
	code        int
	description string
	retryAfter  int
}

// AddFile stores a file that getFile finds by fileID and that is then
// served, with content, under /file/bot<token>/<filePath>.
func (s *Server) AddFile(fileID, filePath string, content []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[fileID] = file{path: filePath, content: bytes.Clone(content)}
}

// AddBigFile makes getFile refuse fileID as Telegram does for files over
// 20 MB.
func (s *Server) AddBigFile(fileID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[fileID] = file{tooBig: true}
}

// serveFile serves /file/bot<token>/<path>, recorded as method "file".
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, rest string) {
	token, p, _ := strings.Cut(rest, "/")
	i := s.record(Call{Method: "file", Token: token, Params: map[string]string{"path": p}})
	s.mu.Lock()
	revoked := s.revoked[token]
	var content []byte
	found := false
	for _, f := range s.files {
		if f.path == p && !f.tooBig {
			content, found = f.content, true
		}
	}
	s.mu.Unlock()
	switch {
	case revoked:
		s.finish(r, i, 401, "Unauthorized", nil, 0)
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
	case !found:
		s.finish(r, i, 404, "Not Found", nil, 0)
		http.Error(w, "Not Found", http.StatusNotFound)
	default:
		s.finish(r, i, 200, "", nil, 0)
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(content)
	}
}

func (s *Server) getFile(params map[string]string) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[params["file_id"]]
	switch {
	case !ok:
		return nil, &apiError{code: 400, description: "Bad Request: invalid file_id"}
	case f.tooBig:
		return nil, &apiError{code: 400, description: "Bad Request: file is too big"}
	}
	return map[string]any{"file_id": params["file_id"], "file_unique_id": "u-" + params["file_id"],
		"file_size": len(f.content), "file_path": f.path}, nil
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		s.serveFile(w, r, rest)
		return
	}
	token, method, ok := splitPath(r.URL.Path)
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]any{"ok": false, "error_code": 404, "description": "Not Found"})
		return
	}
	params, err := parseParams(r)
	call := Call{Method: method, Token: token, Params: params, Client: r.Header.Get("User-Agent")}
	if err == nil {
		call.ChatID, _ = strconv.ParseInt(params["chat_id"], 10, 64)
		call.Text = params["text"]
		call.CallbackQueryID = params["callback_query_id"]
		if rm := params["reply_markup"]; rm != "" {
			var m ReplyMarkup
			if json.Unmarshal([]byte(rm), &m) == nil {
				call.ReplyMarkup = &m
			}
		}
		call.Voice, call.VoiceName = uploaded(r, "voice")
		call.Caption = params["caption"]
		switch method {
		case "sendPhoto":
			call.File, call.FileName = uploaded(r, "photo")
		case "sendDocument":
			call.File, call.FileName = uploaded(r, "document")
		}
	}
	i := s.record(call)
	var (
		result    any
		apiErr    *apiError
		updateIDs []int64
	)
	switch {
	case err != nil:
		apiErr = &apiError{code: 400, description: "Bad Request: " + err.Error()}
	default:
		apiErr = s.injected(token, method)
	}
	if apiErr == nil {
		switch method {
		case "getMe":
			result = map[string]any{
				"id": BotID, "is_bot": true, "first_name": "Frontdoor Test Bot", "username": s.username,
				"can_join_groups": false, "can_read_all_group_messages": false, "supports_inline_queries": false,
			}
		case "getUpdates":
			var ups []Update
			ups, apiErr = s.getUpdates(r.Context(), token, params)
			if apiErr == nil {
				result = append([]Update{}, ups...) // [] rather than null, as Telegram
				updateIDs = make([]int64, len(ups))
				for j, u := range ups {
					updateIDs[j] = u.ID
				}
			}
		case "sendMessage":
			result, apiErr = s.sendMessage(params, call.ReplyMarkup)
		case "sendVoice":
			result, apiErr = s.sendVoice(params, call.Voice, call.VoiceName)
		case "sendPhoto":
			result, apiErr = s.sendPhoto(params, call.File)
		case "sendDocument":
			result, apiErr = s.sendDocument(params, call.File, call.FileName)
		case "answerCallbackQuery":
			if params["callback_query_id"] == "" {
				apiErr = &apiError{code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid"}
			} else {
				result = true
			}
		case "setWebhook":
			result, apiErr = s.setWebhook(params)
		case "getFile":
			result, apiErr = s.getFile(params)
		case "deleteWebhook":
			s.mu.Lock()
			s.webhook = WebhookInfo{}
			if params["drop_pending_updates"] == "true" {
				s.pending = nil
			}
			s.notifyLocked()
			s.mu.Unlock()
			result = true
		case "setMyCommands":
			var cmds []struct {
				Command     string `json:"command"`
				Description string `json:"description"`
			}
			if json.Unmarshal([]byte(params["commands"]), &cmds) != nil || len(cmds) > 100 {
				apiErr = &apiError{code: 400, description: "Bad Request: can't parse commands JSON object"}
			} else {
				result = true
			}
		case "deleteMessages":
			result, apiErr = s.deleteMessages(params)
		case "deleteMessage":
			result, apiErr = s.deleteMessage(params)
		default:
			apiErr = &apiError{code: 404, description: "Not Found"}
		}
	}
	if apiErr != nil {
		s.finish(r, i, apiErr.code, apiErr.description, nil, 0)
		body := map[string]any{"ok": false, "error_code": apiErr.code, "description": apiErr.description}
		if apiErr.retryAfter > 0 {
			body["parameters"] = map[string]any{"retry_after": apiErr.retryAfter}
		}
		writeJSON(w, apiErr.code, body)
		return
	}
	var messageID int
	if m, ok := result.(map[string]any); ok {
		messageID, _ = m["message_id"].(int)
	}
	s.finish(r, i, http.StatusOK, "", updateIDs, messageID)
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

// injected returns the failure a revoked token or FailNext imposes on this
// call, if any.
func (s *Server) injected(token, method string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.revoked[token] {
		return &apiError{code: 401, description: "Unauthorized"}
	}
	for _, m := range []string{method, ""} {
		if o, ok := s.outages[m]; ok {
			if o.until.IsZero() || s.now().Before(o.until) {
				return &apiError{code: o.code, description: o.description}
			}
			delete(s.outages, m)
		}
	}
	if q := s.faults[method]; len(q) > 0 {
		f := q[0]
		s.faults[method] = q[1:]
		return &apiError{code: f.code, description: f.description, retryAfter: f.retryAfter}
	}
	return nil
}

func (s *Server) getUpdates(ctx context.Context, token string, params map[string]string) ([]Update, *apiError) {
	offset, _ := strconv.ParseInt(params["offset"], 10, 64)
	limit, _ := strconv.Atoi(params["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(params["timeout"])
	wait := min(time.Duration(timeout)*time.Second, s.pollWait)
	var deadline <-chan time.Time
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		deadline = t.C
	}
	// Telegram serves one getUpdates per bot: a new call ends the one in
	// progress. One whose client went away no longer counts.
	me := &poll{ctx: ctx, kicked: make(chan struct{})}
	s.mu.Lock()
	if old := s.polls[token]; old != nil {
		if old.ctx.Err() == nil {
			s.overlaps++
		}
		close(old.kicked)
	}
	s.polls[token] = me
	s.notifyLocked() // LongPolls has changed
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.polls[token] == me {
			delete(s.polls, token)
		}
		s.mu.Unlock()
	}()
	for {
		s.mu.Lock()
		if s.webhook.URL != "" {
			s.mu.Unlock()
			return nil, &apiError{code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
		}
		if offset > s.confirmed {
			// Telegram forgets every update below the offset for good.
			s.pending = slices.DeleteFunc(s.pending, func(u Update) bool { return u.ID < offset })
			s.confirmed = offset
			s.notifyLocked()
		}
		var out []Update
		for _, u := range s.pending {
			if len(out) == limit {
				break
			}
			out = append(out, u)
		}
		ch := s.changed
		s.mu.Unlock()
		if len(out) > 0 || deadline == nil {
			return out, nil
		}
		select {
		case <-ch:
		case <-deadline:
			return nil, nil
		case <-me.kicked:
			return nil, &apiError{code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
		case <-ctx.Done():
			return nil, nil
		case <-s.closed:
			return nil, nil
		}
	}
}

// deleteMessages checks the call as Telegram does (1 to 100 ids) and
// records what was deleted.
func (s *Server) deleteMessages(params map[string]string) (any, *apiError) {
	chatID, err := strconv.ParseInt(params["chat_id"], 10, 64)
	if err != nil || chatID == 0 {
		return nil, &apiError{code: 400, description: "Bad Request: chat not found"}
	}
	var ids []int
	if err := json.Unmarshal([]byte(params["message_ids"]), &ids); err != nil || len(ids) == 0 || len(ids) > 100 {
		return nil, &apiError{code: 400, description: "Bad Request: message_ids must be 1-100 message identifiers"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deleted[chatID] = append(s.deleted[chatID], ids...)
	return true, nil
}

// deleteMessage deletes one message as the Bot API does for a bot in a
// private chat: one the bot sent and not deleted yet, unless it is older
// than 48 hours (Age).
func (s *Server) deleteMessage(params map[string]string) (any, *apiError) {
	chatID, err := strconv.ParseInt(params["chat_id"], 10, 64)
	if err != nil || chatID == 0 {
		return nil, &apiError{code: 400, description: "Bad Request: chat not found"}
	}
	id, err := strconv.Atoi(params["message_id"])
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil || id < FirstMessageID || id >= s.nextMessageID || slices.Contains(s.deleted[chatID], id) {
		return nil, &apiError{code: 400, description: "Bad Request: message to delete not found"}
	}
	if slices.Contains(s.old[chatID], id) {
		return nil, &apiError{code: 400, description: "Bad Request: message can't be deleted for everyone"}
	}
	s.deleted[chatID] = append(s.deleted[chatID], id)
	return true, nil
}

// Age makes the bot's message id in chatID older than Telegram lets a bot
// delete (48 hours): deleteMessage refuses it.
func (s *Server) Age(chatID int64, id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.old[chatID] = append(s.old[chatID], id)
}

// Deleted returns the ids of the messages deleted in chatID, in order.
func (s *Server) Deleted(chatID int64) []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.deleted[chatID])
}

func (s *Server) sendMessage(params map[string]string, markup *ReplyMarkup) (any, *apiError) {
	chatID, err := strconv.ParseInt(params["chat_id"], 10, 64)
	if err != nil || chatID == 0 {
		return nil, &apiError{code: 400, description: "Bad Request: chat not found"}
	}
	text := params["text"]
	switch n := len(utf16.Encode([]rune(text))); {
	case strings.TrimSpace(text) == "":
		return nil, &apiError{code: 400, description: "Bad Request: message text is empty"}
	case n > 4096:
		return nil, &apiError{code: 400, description: "Bad Request: message is too long"}
	}
	if rm := params["reply_markup"]; rm != "" {
		if markup == nil {
			return nil, &apiError{code: 400, description: "Bad Request: can't parse reply keyboard markup JSON object"}
		}
		for _, row := range markup.InlineKeyboard {
			for _, b := range row {
				switch {
				case b.Text == "":
					return nil, &apiError{code: 400, description: "Bad Request: BUTTON_TEXT_EMPTY"}
				case b.CallbackData == "" && b.URL == "":
					return nil, &apiError{code: 400, description: "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"}
				case len(b.CallbackData) > 64:
					return nil, &apiError{code: 400, description: "Bad Request: BUTTON_DATA_INVALID"}
				}
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	msg, e := s.deliverLocked(chatID)
	if e != nil {
		return nil, e
	}
	msg["text"] = text
	if params["reply_markup"] != "" {
		msg["reply_markup"] = json.RawMessage(params["reply_markup"])
	}
	return msg, nil
}

// deliverLocked makes a message of the bot in chatID, or refuses it as
// Telegram would (blocked, no such chat, rate limits). s.mu must be held.
func (s *Server) deliverLocked(chatID int64) (map[string]any, *apiError) {
	if s.blocked[chatID] {
		return nil, &apiError{code: 403, description: "Forbidden: bot was blocked by the user"}
	}
	if s.missing[chatID] {
		return nil, &apiError{code: 400, description: "Bad Request: chat not found"}
	}
	if e := s.rateLimitedLocked(chatID); e != nil {
		return nil, e
	}
	id := s.nextMessageID
	s.nextMessageID++
	return map[string]any{
		"message_id": id,
		"from":       map[string]any{"id": BotID, "is_bot": true, "first_name": "Frontdoor Test Bot", "username": s.username},
		"chat":       map[string]any{"id": chatID, "type": "private", "first_name": "Test"},
		"date":       s.now().Unix(),
	}, nil
}

// maxVoice is the Bot API's limit for a voice message sent by upload.
const maxVoice = 50 << 20

// sendVoice takes an uploaded voice message (a file_id or URL is not
// supported here): OGG/Opus, MP3 or M4A, as Telegram accepts.
func (s *Server) sendVoice(params map[string]string, data []byte, name string) (any, *apiError) {
	chatID, err := strconv.ParseInt(params["chat_id"], 10, 64)
	if err != nil || chatID == 0 {
		return nil, &apiError{code: 400, description: "Bad Request: chat not found"}
	}
	mime := map[string]string{".ogg": "audio/ogg", ".mp3": "audio/mpeg", ".m4a": "audio/mp4"}[path.Ext(name)]
	switch {
	case len(data) == 0:
		return nil, &apiError{code: 400, description: "Bad Request: there is no voice in the request"}
	case len(data) > maxVoice:
		return nil, &apiError{code: 400, description: "Bad Request: file is too big"}
	case mime == "":
		return nil, &apiError{code: 400, description: "Bad Request: wrong file type of the voice"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	msg, e := s.deliverLocked(chatID)
	if e != nil {
		return nil, e
	}
	msg["voice"] = map[string]any{"file_id": fmt.Sprintf("voice-%d", msg["message_id"]), "file_unique_id": fmt.Sprintf("v%d", msg["message_id"]),
		"duration": 1, "mime_type": mime, "file_size": len(data)}
	return msg, nil
}

// Bot API limits for files sent by upload: a photo, any other document;
// a caption.
const (
	maxPhoto    = 10 << 20
	maxDocument = 50 << 20
	maxCaption  = 1024
)

// sendPhoto takes an uploaded photo (a file_id or URL is not supported
// here): JPEG, PNG or WebP, as Telegram reads them, up to 10 MB.
func (s *Server) sendPhoto(params map[string]string, data []byte) (any, *apiError) {
	chatID, err := strconv.ParseInt(params["chat_id"], 10, 64)
	if err != nil || chatID == 0 {
		return nil, &apiError{code: 400, description: "Bad Request: chat not found"}
	}
	switch http.DetectContentType(data) {
	case "image/jpeg", "image/png", "image/webp":
	default:
		if len(data) == 0 {
			return nil, &apiError{code: 400, description: "Bad Request: there is no photo in the request"}
		}
		return nil, &apiError{code: 400, description: "Bad Request: IMAGE_PROCESS_FAILED"}
	}
	if len(data) > maxPhoto {
		return nil, &apiError{code: 400, description: "Bad Request: PHOTO_INVALID_DIMENSIONS"}
	}
	return s.deliverMedia(chatID, params, "photo", func(id int) any {
		return []map[string]any{{"file_id": fmt.Sprintf("photo-%d", id), "file_unique_id": fmt.Sprintf("p%d", id),
			"width": 1, "height": 1, "file_size": len(data)}}
	})
}

// sendDocument takes an uploaded document of any type, up to 50 MB.
func (s *Server) sendDocument(params map[string]string, data []byte, name string) (any, *apiError) {
	chatID, err := strconv.ParseInt(params["chat_id"], 10, 64)
	if err != nil || chatID == 0 {
		return nil, &apiError{code: 400, description: "Bad Request: chat not found"}
	}
	switch {
	case len(data) == 0:
		return nil, &apiError{code: 400, description: "Bad Request: there is no document in the request"}
	case len(data) > maxDocument:
		return nil, &apiError{code: 400, description: "Bad Request: file is too big"}
	}
	return s.deliverMedia(chatID, params, "document", func(id int) any {
		return map[string]any{"file_id": fmt.Sprintf("doc-%d", id), "file_unique_id": fmt.Sprintf("d%d", id),
			"file_name": name, "mime_type": http.DetectContentType(data), "file_size": len(data)}
	})
}

// deliverMedia delivers a photo or document message to chatID: field is
// what media makes of the new message's id, with the request's caption.
func (s *Server) deliverMedia(chatID int64, params map[string]string, field string, media func(id int) any) (any, *apiError) {
	if e := captionProblem(params); e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	msg, e := s.deliverLocked(chatID)
	if e != nil {
		return nil, e
	}
	msg[field] = media(msg["message_id"].(int))
	if c := params["caption"]; c != "" {
		msg["caption"] = c
	}
	return msg, nil
}

// captionProblem refuses a caption over Telegram's 1024 UTF-16 units.
func captionProblem(params map[string]string) *apiError {
	if len(utf16.Encode([]rune(params["caption"]))) > maxCaption {
		return &apiError{code: 400, description: "Bad Request: message caption is too long"}
	}
	return nil
}

// uploaded returns the file of a multipart request's field, and its name.
func uploaded(r *http.Request, field string) ([]byte, string) {
	if r.MultipartForm == nil || len(r.MultipartForm.File[field]) == 0 {
		return nil, ""
	}
	fh := r.MultipartForm.File[field][0]
	f, err := fh.Open()
	if err != nil {
		return nil, ""
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, ""
	}
	return data, fh.Filename
}

// rateLimitedLocked applies WithRateLimit: a sliding one-second window
// overall and at most one message per second to a chat. Only messages that
// went out count. s.mu must be held.
func (s *Server) rateLimitedLocked(chatID int64) *apiError {
	if s.rateLimit <= 0 {
		return nil
	}
	now := s.now()
	s.recentSends = slices.DeleteFunc(s.recentSends, func(t time.Time) bool { return now.Sub(t) >= time.Second })
	var wait time.Duration
	if len(s.recentSends) >= s.rateLimit {
		wait = s.recentSends[0].Add(time.Second).Sub(now)
	}
	if last, ok := s.lastSend[chatID]; ok && now.Sub(last) < time.Second {
		wait = max(wait, last.Add(time.Second).Sub(now))
	}
	if wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second) // Telegram rounds up to whole seconds
		return &apiError{code: 429, description: fmt.Sprintf("Too Many Requests: retry after %d", secs), retryAfter: secs}
	}
	s.recentSends = append(s.recentSends, now)
	s.lastSend[chatID] = now
	return nil
}

func (s *Server) setWebhook(params map[string]string) (any, *apiError) {
	info := WebhookInfo{URL: params["url"], SecretToken: params["secret_token"]}
	if au := params["allowed_updates"]; au != "" {
		if err := json.Unmarshal([]byte(au), &info.AllowedUpdates); err != nil {
			return nil, &apiError{code: 400, description: "Bad Request: can't parse allowed updates"}
		}
	}
	if info.URL != "" {
		u, err := url.Parse(info.URL)
		if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			return nil, &apiError{code: 400, description: "Bad Request: bad webhook: invalid URL"}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// An empty url removes the webhook, as on Telegram.
	s.webhook = info
	if params["drop_pending_updates"] == "true" {
		s.pending = nil
	}
	s.notifyLocked()
	return true, nil
}

// splitPath takes "/bot<token>/<method>" (or ".../test/<method>") apart.
func splitPath(p string) (token, method string, ok bool) {
	rest, ok := strings.CutPrefix(p, "/bot")
	if !ok {
		return "", "", false
	}
	token, method, ok = strings.Cut(rest, "/")
	method = strings.TrimPrefix(method, "test/")
	return token, method, ok && token != "" && method != ""
}

// parseParams reads the parameters in any of the encodings the Bot API
// accepts: multipart/form-data (what go-telegram/bot sends), JSON, urlencoded
// form or the query string.
func parseParams(r *http.Request) (map[string]string, error) {
	params := map[string]string{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 50<<20))
	if err != nil {
		return params, fmt.Errorf("reading body: %w", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		// go-telegram/bot sends an empty multipart body for methods
		// without parameters (getMe).
		return params, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	r.Body = io.NopCloser(bytes.NewReader(body))
	switch ct {
	case "multipart/form-data":
		if err := r.ParseMultipartForm(10 << 20); err != nil {
			return params, fmt.Errorf("parsing multipart form: %w", err)
		}
		for k, v := range r.MultipartForm.Value {
			params[k] = v[0]
		}
	case "application/json":
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			return params, fmt.Errorf("parsing JSON: %w", err)
		}
		for k, v := range m {
			switch v := v.(type) {
			case string:
				params[k] = v
			case json.Number:
				params[k] = v.String()
			case nil:
			default:
				b, _ := json.Marshal(v)
				params[k] = string(b)
			}
		}
	default:
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return params, fmt.Errorf("parsing form: %w", err)
		}
		for k, v := range vals {
			params[k] = v[0]
		}
	}
	return params, nil
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
