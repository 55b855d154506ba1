package webchat

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/locales"
	"frontdoor/ratelimit"
)

// Limits are the browser chat's budgets. A session is new when Redis holds
// no conversation stream for it: a first visit, or a return after
// HistoryTTL. Every budget in a list applies (a per-minute and a per-hour
// one, say); an empty list limits nothing. Within a list, periods must
// differ: the period names the budget's key.
type Limits struct {
	// NewSessionsPerClient bounds the sessions one client address (an
	// IPv6 /64) may start.
	NewSessionsPerClient []ratelimit.Limit
	// NewSessionsTotal bounds the sessions everybody together may start,
	// which bounds what the chat adds to Redis whatever the number of
	// addresses.
	NewSessionsTotal []ratelimit.Limit
	// MessagesPerContact bounds how fast one session may send.
	MessagesPerContact []ratelimit.Limit
}

// Limiter is what the chat needs of a shared rate limiter
// (*ratelimit.Limiter).
type Limiter interface {
	Allow(ctx context.Context, checks ...ratelimit.Check) (ratelimit.Decision, error)
}

// Storage tells whether Redis is too full for new sessions
// (*ratelimit.MemoryGuard).
type Storage interface {
	Full(ctx context.Context) bool
}

// Texts renders the chat's notices in a person's language
// (*locales.Catalog).
type Texts interface {
	Match(hint string) (string, bool)
	Default() string
	Language(tag string) (locales.Language, bool)
	Text(lang, id string, data map[string]any) string
	// ChatUI is the page's own words (the writing box, the send button).
	ChatUI(lang string) locales.ChatUI
}

// Message ids of the notices, in locales/<lang>.toml.
const (
	msgLimitNewSessions = "webchat.limit.new_sessions"
	msgLimitMessages    = "webchat.limit.messages"
	msgLimitBusy        = "webchat.limit.busy"
)

// englishTag is the catalogues' reference language, which every message has.
const englishTag = "en"

// englishNotice stands in when no catalogue is given (tests, tools).
func englishNotice(id string) string {
	switch id {
	case msgLimitNewSessions:
		return "Many conversations are starting right now. Please keep this page open: I will send your message as soon as I can."
	case msgLimitMessages:
		return "You are writing very fast. Your messages are not lost: I will send them in a moment."
	default:
		return "The chat is very busy and cannot start new conversations right now. Please keep this page open: I will try again in a few minutes."
	}
}

// busyRetry is how long a page refused for a full Redis waits before trying
// again: long enough not to add load, short enough that people do not give
// up.
const busyRetry = time.Minute

// limitedWire is the body of a 429 or 503 the page shows: message is for the
// person, error for a developer.
type limitedWire struct {
	Error   string `json:"error"`
	Message string `json:"message"`
	RTL     bool   `json:"rtl"`
	// RetryAfter repeats the Retry-After header, in seconds.
	RetryAfter int `json:"retry_after"`
}

// admit applies the budgets to one message. When it refuses, it has written
// the answer and returns false; then nothing of the message is stored, and
// the page sends it again, with the same id, after Retry-After.
func (c *Channel) admit(w http.ResponseWriter, r *http.Request, contact bot.Contact, lang string) bool {
	ctx := r.Context()
	lim := c.opts.Limits
	log := c.log.With("contact", contact.String())
	limitsNew := c.opts.Limiter != nil && len(lim.NewSessionsPerClient)+len(lim.NewSessionsTotal) > 0
	if limitsNew || c.opts.Storage != nil {
		fresh, err := c.newSession(ctx, contact)
		if err != nil {
			// Failing open: Redis trouble shows anyway when the
			// message is recorded, with an answer that says so.
			log.Warn("webchat: cannot tell whether the session is new; not limiting it", "err", err)
		}
		if fresh {
			if c.opts.Storage != nil && c.opts.Storage.Full(ctx) {
				// Per request, so at debug: the guard itself says
				// once at warn that Redis is nearly full.
				log.Debug("webchat: new session refused: Redis nearly full")
				c.refuse(w, r, http.StatusServiceUnavailable, busyRetry, msgLimitBusy, lang,
					"the chat is not starting new sessions while its storage is nearly full; retry later")
				return false
			}
			subject := ratelimit.ClientSubject(c.opts.Proxies.Client(r))
			var checks []ratelimit.Check
			for _, l := range lim.NewSessionsPerClient {
				checks = append(checks, ratelimit.Check{Name: "webchat.new.client." + period(l.Per), Subject: subject, Limit: l})
			}
			for _, l := range lim.NewSessionsTotal {
				checks = append(checks, ratelimit.Check{Name: "webchat.new.total." + period(l.Per), Limit: l})
			}
			if !c.allow(w, r, log, checks, msgLimitNewSessions, lang, "too many new sessions") {
				return false
			}
		}
	}
	var checks []ratelimit.Check
	for _, l := range lim.MessagesPerContact {
		checks = append(checks, ratelimit.Check{Name: "webchat.messages." + period(l.Per), Subject: contact.Key(), Limit: l})
	}
	return c.allow(w, r, log, checks, msgLimitMessages, lang, "too many messages from this session")
}

// allow runs checks; on refusal it answers 429 and returns false.
func (c *Channel) allow(w http.ResponseWriter, r *http.Request, log *slog.Logger, checks []ratelimit.Check, id, lang, what string) bool {
	if len(checks) == 0 || c.opts.Limiter == nil {
		return true
	}
	d, err := c.opts.Limiter.Allow(r.Context(), checks...)
	if err != nil {
		log.Warn("webchat: rate limiter failed; letting the message through", "err", err)
		return true
	}
	if d.Allowed {
		return true
	}
	// Debug: at info, a flood of refused requests would flood the log.
	log.Debug("webchat: rate limited", "budget", d.Denied, "retry_after", d.RetryAfter)
	c.refuse(w, r, http.StatusTooManyRequests, d.RetryAfter, id, lang, what+"; retry after Retry-After seconds with the same id")
	return false
}

// newSession reports whether Redis holds nothing of the session's
// conversation stream.
func (c *Channel) newSession(ctx context.Context, contact bot.Contact) (bool, error) {
	n, err := c.rdb.Exists(ctx, c.streamKey(contact)).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, err
	}
	return n == 0, nil
}

// refuse answers status with Retry-After and the notice id in the person's
// language.
func (c *Channel) refuse(w http.ResponseWriter, r *http.Request, status int, after time.Duration, id, lang, developer string) {
	secs := int(math.Ceil(after.Seconds()))
	if secs < 1 {
		secs = 1
	}
	body := limitedWire{Error: developer, RetryAfter: secs}
	if t := c.opts.Texts; t != nil {
		tag := c.noticeLanguage(r, lang)
		body.Message = t.Text(tag, id, nil)
		// A language without the notice yet gets the English text,
		// which must not be laid out right to left.
		if l, ok := t.Language(tag); ok && l.RTL && body.Message != t.Text(englishTag, id, nil) {
			body.RTL = true
		}
	} else {
		body.Message = englishNotice(id)
	}
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeJSON(w, status, body)
}

// noticeLanguage picks the language of a notice: the page's own (which
// follows a lang_xx start link and the language chosen on the page), then
// the browser's, then the desk's default.
func (c *Channel) noticeLanguage(r *http.Request, pageLang string) string {
	t := c.opts.Texts
	if tag, ok := t.Match(pageLang); ok {
		return tag
	}
	if tag, ok := t.Match(r.Header.Get("Accept-Language")); ok {
		return tag
	}
	return t.Default()
}

// period names a budget's period in its key: "1m", "1h", "90s".
func period(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return strconv.FormatInt(int64(d/time.Hour), 10) + "h"
	case d%time.Minute == 0:
		return strconv.FormatInt(int64(d/time.Minute), 10) + "m"
	case d%time.Second == 0:
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	}
	return strconv.FormatInt(d.Milliseconds(), 10) + "ms"
}
