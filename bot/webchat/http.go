package webchat

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/locales"
)

//go:embed static
var staticFS embed.FS

// contentSecurityPolicy lets the page load and talk to its own origin only.
// It sets no frame-ancestors on purpose: desks embed the page in an iframe
// on their own websites.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'"

type asset struct {
	body  []byte
	ctype string
	etag  string
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	}
	return ""
}

// buildAssets reads the embedded files once. The page carries MaxText in a
// data attribute, as the CSP forbids inline script, and the desk's name as
// its title (HTML-escaped).
func buildAssets(maxText int, title string) map[string]asset {
	out := map[string]asset{}
	entries, err := staticFS.ReadDir("static")
	if err != nil {
		panic(fmt.Sprintf("webchat: embedded static files: %v", err)) // build defect
	}
	for _, e := range entries {
		body, err := staticFS.ReadFile("static/" + e.Name())
		if err != nil {
			panic(fmt.Sprintf("webchat: embedded %s: %v", e.Name(), err)) // build defect
		}
		if e.Name() == "index.html" {
			body = bytes.ReplaceAll(body, []byte("{{MAX_TEXT}}"), []byte(strconv.Itoa(maxText)))
			body = bytes.ReplaceAll(body, []byte("{{TITLE}}"), []byte(html.EscapeString(title)))
		}
		sum := sha256.Sum256(body)
		out[e.Name()] = asset{
			body:  body,
			ctype: contentType(e.Name()),
			etag:  `"` + hex.EncodeToString(sum[:8]) + `"`,
		}
	}
	return out
}

func (c *Channel) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { c.serveAsset(w, r, "index.html") })
	mux.HandleFunc("GET /chat/static/{name}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("name")
		if name == "index.html" {
			http.NotFound(w, r)
			return
		}
		c.serveAsset(w, r, name)
	})
	mux.HandleFunc("GET /chat/ui", c.handleUI)
	mux.HandleFunc("POST /chat/send", c.handleSend)
	mux.HandleFunc("GET /chat/events", c.handleEvents)
	mux.HandleFunc("GET /chat/voice/{ref}", c.handleVoice)
	mux.HandleFunc("GET /chat/file/{ref}", c.handleFile)
	return securityHeaders(mux)
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		// The session id travels in /chat/events URLs; keep it out of
		// Referer headers sent to links in replies.
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

func (c *Channel) serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	a, ok := c.assets[name]
	if !ok || a.ctype == "" {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", a.etag)
	// Revalidate every time: the files change with each release and the
	// ETag makes revalidation cheap.
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.body))
}

// uiWire is the page's own words in one language (GET /chat/ui).
type uiWire struct {
	Lang       string `json:"lang"`
	RTL        bool   `json:"rtl"`
	Message    string `json:"message"`
	Send       string `json:"send"`
	Connecting string `json:"connecting"`
	NotSent    string `json:"not_sent"`
}

// handleUI answers the page's own words in the first language of want (a
// comma-separated list of tags: the start link's, the one used before,
// the browser's) that Frontdoor speaks, else the Accept-Language header's,
// else English, as every desk has English speakers. They come from the
// catalogues, so a new language needs nothing in the page's script.
func (c *Channel) handleUI(w http.ResponseWriter, r *http.Request) {
	want := r.URL.Query().Get("want")
	if len(want) > 200 {
		want = want[:200]
	}
	ui := locales.ChatUI{Lang: englishTag, Message: "Message", Send: "Send", Connecting: "Connecting…", NotSent: "Not sent"}
	if t := c.opts.Texts; t != nil {
		ui = t.ChatUI(uiLanguage(t, want, r.Header.Get("Accept-Language")))
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Vary", "Accept-Language")
	writeJSON(w, http.StatusOK, uiWire{Lang: ui.Lang, RTL: ui.RTL, Message: ui.Message, Send: ui.Send, Connecting: ui.Connecting, NotSent: ui.NotSent})
}

// uiLanguage is the first of the page's wishes Frontdoor speaks, else the
// browser's header's, else English.
func uiLanguage(t Texts, want, acceptLanguage string) string {
	for _, hint := range strings.Split(want, ",") {
		if tag, ok := t.Match(hint); ok {
			return tag
		}
	}
	if tag, ok := t.Match(acceptLanguage); ok {
		return tag
	}
	return englishTag
}

type sendRequest struct {
	Session string `json:"session"`
	ID      string `json:"id"`
	Text    string `json:"text"`
	Choice  string `json:"choice"`
	// Lang is the page's own language, for the notices it may have to
	// show (a hint like Accept-Language, never passed to the bot).
	Lang string `json:"lang"`
}

func (c *Channel) handleSend(w http.ResponseWriter, r *http.Request) {
	in := c.currentInbox()
	if in == nil {
		// The page retries; another process, or this one once started,
		// takes the message.
		w.Header().Set("Retry-After", "2")
		writeJSON(w, http.StatusServiceUnavailable, errorBody("not accepting messages right now; try again"))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeJSON(w, http.StatusRequestEntityTooLarge, errorBody(fmt.Sprintf("body larger than %d bytes", maxBody)))
			return
		}
		writeJSON(w, http.StatusBadRequest, errorBody("could not read body"))
		return
	}
	var req sendRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody("body is not a valid JSON object: "+err.Error()))
		return
	}
	if msg := req.problem(); msg != "" {
		writeJSON(w, http.StatusBadRequest, errorBody(msg))
		return
	}

	contact := ContactOf(req.Session)
	if !c.admit(w, r, contact, req.Lang) {
		return
	}
	msg := bot.Message{
		Contact: contact,
		// The dispatcher deduplicates per contact, so the client's own id
		// cannot collide with another session's.
		ID:       req.ID,
		Time:     c.opts.Now(),
		Text:     req.Text,
		Choice:   req.Choice,
		LangHint: langHint(r.Header.Get("Accept-Language")),
	}
	log := c.log.With("contact", contact.String(), "msg", req.ID)

	// The echo goes in before Accept so it precedes in the stream any reply
	// the message causes, even one made at once by another process. A retry
	// may echo twice; the page drops repeated ids.
	if err := c.appendEntry(r.Context(), contact, kindEcho, echoWire{ID: req.ID, Text: req.Text, Choice: req.Choice}); err != nil {
		log.Warn("webchat: echo not stored", "err", err)
	}

	fresh, err := in.Accept(r.Context(), msg)
	if err != nil {
		log.Warn("webchat: message not recorded", "err", err)
		writeJSON(w, http.StatusInternalServerError, errorBody("message not recorded; retry with the same id"))
		return
	}
	if !fresh {
		log.Debug("webchat: duplicate message")
		writeJSON(w, http.StatusOK, map[string]bool{"duplicate": true})
		return
	}
	log.Debug("webchat: message accepted")
	writeJSON(w, http.StatusAccepted, map[string]bool{"accepted": true})
}

// problem says what is wrong with the request, in words for the developer of
// a client, or "" when it is acceptable.
func (q sendRequest) problem() string {
	switch {
	case !validSession(q.Session):
		return "session must be 32 lowercase hexadecimal characters (a random 128-bit id)"
	case q.ID == "":
		return "id is required: a unique id per message, reused when retrying"
	case !msgIDRe.MatchString(q.ID):
		return "id must be 1 to 64 characters from A-Z a-z 0-9 _ -"
	case strings.TrimSpace(q.Text) == "" && q.Choice == "":
		return "text or choice is required"
	}
	return ""
}

// langHint returns the first language tag of an Accept-Language header, the
// browser's preferred language; "" when there is none usable.
func langHint(header string) string {
	first, _, _ := strings.Cut(header, ",")
	tag, _, _ := strings.Cut(first, ";")
	tag = strings.TrimSpace(tag)
	if tag == "" || tag == "*" || len(tag) > 35 {
		return ""
	}
	for _, r := range tag {
		if !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return ""
		}
	}
	return tag
}

func errorBody(msg string) map[string]string { return map[string]string{"error": msg} }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client is gone if this fails
}

func (c *Channel) handleEvents(w http.ResponseWriter, r *http.Request) {
	if c.stopping() {
		w.Header().Set("Retry-After", "2")
		writeJSON(w, http.StatusServiceUnavailable, errorBody("shutting down; reconnect"))
		return
	}
	session := r.URL.Query().Get("session")
	if !validSession(session) {
		writeJSON(w, http.StatusBadRequest, errorBody("session must be 32 lowercase hexadecimal characters (a random 128-bit id)"))
		return
	}
	// The header is what EventSource sends when it reconnects by itself;
	// ?after= is for a page that had to open a new EventSource.
	after := r.Header.Get("Last-Event-ID")
	if after == "" {
		after = r.URL.Query().Get("after")
	}
	if after == "" {
		after = "0-0" // everything kept: the history
	} else if !streamIDRe.MatchString(after) {
		writeJSON(w, http.StatusBadRequest, errorBody("Last-Event-ID / after must be an event id received earlier"))
		return
	}
	contact := ContactOf(session)

	rc := http.NewResponseController(w)
	// A server-wide ReadTimeout would otherwise cancel this long request;
	// errors only mean the writer cannot do it (tests, some middlewares).
	_ = rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)

	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	go func() {
		select {
		case <-c.stop:
			cancel()
		case <-ctx.Done():
		}
	}()

	sw := &sseWriter{w: w, rc: rc, timeout: 30 * time.Second}
	if err := sw.send("retry: 3000\n\n"); err != nil {
		return
	}
	if err := c.stream(ctx, sw, c.streamKey(contact), after); err != nil {
		c.log.Warn("webchat: event stream ended", "contact", contact.String(), "err", err)
	}
}

// stream sends the entries after id `after` as they arrive, until ctx ends.
// An error means the client should reconnect, which EventSource does.
func (c *Channel) stream(ctx context.Context, sw *sseWriter, key, after string) error {
	lastSent := time.Now()
	wake, unwatch := c.watch(key)
	defer unwatch()
	for {
		msgs, blocked, err := c.read(ctx, key, after)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read stream: %w", err)
		}
		for _, m := range msgs {
			after = m.ID
			ev, ok := sseEvent(m)
			if !ok {
				continue
			}
			if err := sw.send(ev); err != nil {
				return nil // the client went away
			}
			lastSent = time.Now()
		}
		if len(msgs) > 0 {
			continue
		}
		// Proxies close connections that stay silent; a comment keeps
		// them open and lets the browser notice a dead connection.
		if blocked || time.Since(lastSent) >= c.heartbeat {
			if err := sw.send(": ping\n\n"); err != nil {
				return nil
			}
			lastSent = time.Now()
		}
		if !blocked {
			t := time.NewTimer(c.pollEvery)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil
			case <-t.C:
			case <-wake:
				t.Stop()
			}
		}
	}
}

// read returns the entries after `after`. With a free slot it blocks in
// Redis up to c.block (blocked=true); otherwise it only looks, and the caller
// polls.
func (c *Channel) read(ctx context.Context, key, after string) (msgs []redis.XMessage, blocked bool, err error) {
	select {
	case c.slots <- struct{}{}:
	default:
		msgs, err = c.xread(ctx, key, after, -1)
		return msgs, false, err
	}
	type result struct {
		msgs []redis.XMessage
		err  error
	}
	done := make(chan result, 1)
	// go-redis does not interrupt a blocked read when its context is
	// cancelled, only at a deadline. Reading in a goroutine lets the
	// handler return at once on disconnect or shutdown; the read finishes
	// within c.block and then frees its slot and connection.
	go func() {
		defer func() { <-c.slots }()
		m, err := c.xread(ctx, key, after, c.block)
		done <- result{m, err}
	}()
	select {
	case res := <-done:
		return res.msgs, true, res.err
	case <-ctx.Done():
		return nil, true, ctx.Err()
	}
}

// xread reads one batch; block < 0 means do not block.
func (c *Channel) xread(ctx context.Context, key, after string, block time.Duration) ([]redis.XMessage, error) {
	res, err := c.rdb.XRead(ctx, &redis.XReadArgs{
		Streams: []string{key, after},
		Count:   100,
		Block:   block,
	}).Result()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(res) == 0 {
		return nil, nil
	}
	return res[0].Messages, nil
}

// sseEvent formats one stream entry; ok is false for entries the page has no
// use for.
func sseEvent(m redis.XMessage) (string, bool) {
	kind, _ := m.Values["k"].(string)
	data, _ := m.Values["d"].(string)
	// A line break would split the data field; our own JSON never has one.
	if data == "" || strings.ContainsAny(data, "\r\n") {
		return "", false
	}
	switch kind {
	case kindReply:
		return "id: " + m.ID + "\ndata: " + data + "\n\n", true
	case kindEcho:
		return "id: " + m.ID + "\nevent: echo\ndata: " + data + "\n\n", true
	case kindClear:
		return "id: " + m.ID + "\nevent: clear\ndata: " + data + "\n\n", true
	}
	return "", false
}

type sseWriter struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
}

// send writes and flushes one chunk. The per-write deadline replaces any
// server-wide WriteTimeout, which would cut the stream, while still freeing
// the handler from a client that stopped reading.
func (s *sseWriter) send(chunk string) error {
	_ = s.rc.SetWriteDeadline(time.Now().Add(s.timeout))
	if _, err := io.WriteString(s.w, chunk); err != nil {
		return err
	}
	return s.rc.Flush()
}

// handleVoice plays a reply's recording to a session that has a
// conversation: recordings are the desk's, the same for everybody, but
// the chat serves nothing to a client without one. Range requests work,
// as players seek.
func (c *Channel) handleVoice(w http.ResponseWriter, r *http.Request) {
	session, ref := r.URL.Query().Get("session"), r.PathValue("ref")
	if c.opts.Audio == nil || !validSession(session) || !voiceRefRe.MatchString(ref) {
		http.NotFound(w, r)
		return
	}
	n, err := c.rdb.Exists(r.Context(), c.streamKey(ContactOf(session))).Result()
	if err != nil {
		c.log.Warn("webchat: reading a session for a recording", "err", err)
		http.Error(w, "try again", http.StatusServiceUnavailable)
		return
	}
	if n == 0 {
		http.NotFound(w, r)
		return
	}
	data, typ, err := c.opts.Audio.Audio(r.Context(), ref)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	switch typ {
	case "audio/ogg", "audio/mpeg", "audio/mp4":
	default:
		typ = "application/octet-stream"
	}
	serveMedia(w, r, data, typ, "inline", "voice"+audioExt(typ))
}

// handleFile gives a reply's file to the session it was sent to, and to no
// other: the name alone is not enough. Pictures show in the chat; other
// files (PDF) download.
func (c *Channel) handleFile(w http.ResponseWriter, r *http.Request) {
	session, ref := r.URL.Query().Get("session"), r.PathValue("ref")
	if c.opts.Files == nil || !validSession(session) || !fileRefRe.MatchString(ref) {
		http.NotFound(w, r)
		return
	}
	data, typ, name, err := c.opts.Files.File(r.Context(), ContactOf(session), ref)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	disp := "attachment"
	switch typ {
	case "image/jpeg", "image/png", "image/webp":
		disp = "inline"
	case "application/pdf":
	default:
		typ = "application/octet-stream"
	}
	serveMedia(w, r, data, typ, disp, name)
}

// serveMedia writes a file with its own type (never sniffed: the
// X-Content-Type-Options header is on every answer), how to show it, and
// no caching outside the browser.
func serveMedia(w http.ResponseWriter, r *http.Request, data []byte, typ, disp, name string) {
	h := w.Header()
	h.Set("Content-Type", typ)
	h.Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": name}))
	h.Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// audioExt is a recording's file extension.
func audioExt(typ string) string {
	switch typ {
	case "audio/mpeg":
		return ".mp3"
	case "audio/mp4":
		return ".m4a"
	}
	return ".ogg"
}
