// Package telegram is Frontdoor's Telegram channel: it receives updates by
// long polling or webhook, turns them into bot.Message values recorded in a
// bot.Inbox, and sends bot.Reply values back, with inline keyboards for
// choices.
//
// Calls go through github.com/go-telegram/bot, except getUpdates: the
// library's polling loop confirms an offset before the update was handled,
// so a crash could lose it. Run keeps its own loop and only moves the offset
// past an update once the inbox recorded it.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"frontdoor/bot"
	"frontdoor/bot/lease"
)

const (
	channelName = "telegram"

	defaultAPIURL       = "https://api.telegram.org"
	defaultPollTimeout  = 30 * time.Second
	defaultMaxRetryWait = 60 * time.Second

	// acceptTimeout bounds one Accept call; it runs detached from Run's
	// context so that a stop does not abort a half-done write.
	acceptTimeout = 15 * time.Second
	// answerTimeout bounds answerCallbackQuery, which is only cosmetic (it
	// stops the button's spinner) and must not hold up the next update.
	answerTimeout = 5 * time.Second
	// confirmTimeout bounds the last getUpdates call at shutdown.
	confirmTimeout = 3 * time.Second
	// httpSlack is added to the long-poll timeout for the HTTP timeout, so
	// that the server ends a long poll before the client gives up on it.
	httpSlack = 15 * time.Second

	// Transient failures (network, 5xx) are retried quickly; refusals
	// (401, 404, 409, other 4xx), which a person or Telegram has to fix,
	// slowly, but forever: a revoked token that is restored, or a fault of
	// the API that answers 401 for a few seconds, must not stop the desk.
	minBackoff        = 100 * time.Millisecond
	maxBackoff        = 10 * time.Second
	minRefusedBackoff = time.Second
	maxRefusedBackoff = 2 * time.Minute
	// conflictQuiet is how long getUpdates must go without a 409 before a
	// conflict is no longer reported: with another program polling the
	// same token, calls fail and succeed by turns, and the status must not
	// flap between the two.
	conflictQuiet = time.Minute

	maxWebhookBody = 1 << 20
	// maxIdleConns is how many connections to the Bot API are kept open
	// for reuse.
	maxIdleConns = 128
	secretHeader = "X-Telegram-Bot-Api-Secret-Token"
)

// Status values; errors are reported as "error: <reason>".
const (
	StatusStarting = "starting"
	StatusPolling  = "polling"
	StatusWebhook  = "webhook"
	StatusStopped  = "stopped"
	// StatusStandby: another process holds the polling lease (Config.Lease)
	// and polls; this one sends and takes over if that one goes away.
	StatusStandby = "standby, another instance polls"
)

// Config configures the Telegram channel.
type Config struct {
	Token         string
	APIURL        string        // Bot API server URL; "" = https://api.telegram.org
	WebhookURL    string        // when set: webhook mode, else long polling
	WebhookSecret string        // required in webhook mode; checked against X-Telegram-Bot-Api-Secret-Token
	PollTimeout   time.Duration // long-poll timeout; 0 = 30s
	MaxRetryWait  time.Duration // total time Send may spend waiting on 429s before giving up; 0 = 60s
	HTTPClient    *http.Client  // optional
	// Trail keeps the ids of the conversation's messages so that Retract
	// can delete them (dispatch.Trail); nil: Retract deletes nothing.
	Trail Trail
	// Lease, in polling mode, lets one process at a time call getUpdates
	// (Telegram answers 409 to overlapping calls); the others stand by and
	// still send. nil: no coordination, for a single instance. Webhook
	// mode ignores it: Telegram calls one URL, and any instance behind it
	// can take the call.
	Lease lease.Lease
	// Audio reads the recordings replies name (bot.Reply.Voice); nil:
	// replies go out as text alone.
	Audio AudioSource
	// Files reads the files replies carry (bot.Reply.File); nil: replies
	// go out as text alone.
	Files FileSource
}

// FileSource reads a file a reply carries, for the contact it was made
// for only: its bytes, media type and name.
type FileSource interface {
	File(ctx context.Context, to bot.Contact, ref string) (data []byte, mediaType, name string, err error)
}

// AudioSource reads a recording by its reference: its bytes and media
// type.
type AudioSource interface {
	Audio(ctx context.Context, ref string) ([]byte, string, error)
}

// Trail is where message ids wait for a Retract.
type Trail interface {
	Add(ctx context.Context, c bot.Contact, ids ...string) error
	Take(ctx context.Context, c bot.Contact) ([]string, error)
}

// Channel is the Telegram adapter. Send may be used before and while Run
// runs; Handler serves the webhook while Run runs in webhook mode.
type Channel struct {
	token        string
	apiURL       string
	webhookURL   string
	webhookPath  string
	secret       string
	pollTimeout  time.Duration
	maxRetryWait time.Duration
	http         *http.Client
	api          *tgbot.Bot
	log          *slog.Logger
	trail        Trail
	lease        lease.Lease
	audio        AudioSource
	files        FileSource

	// Seams for tests: how to wait (429, backoff), the clock, and the
	// backoff bounds.
	wait              func(ctx context.Context, d time.Duration) error
	now               func() time.Time
	minBackoff        time.Duration
	maxBackoff        time.Duration
	minRefusedBackoff time.Duration
	maxRefusedBackoff time.Duration
	conflictQuiet     time.Duration

	mu      sync.Mutex
	status  string
	running bool
	inbox   bot.Inbox // set while Run runs; the webhook handler records into it
	// sendRefused is when a send was first refused with 401 since the last
	// send that went through; zero when sending works.
	sendRefused time.Time
}

// New checks cfg and builds the channel. It does not contact Telegram; Run
// does. A nil log discards logs.
func New(cfg Config, log *slog.Logger) (*Channel, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := checkToken(cfg.Token); err != nil {
		return nil, fmt.Errorf("telegram config: token: %w", err)
	}
	apiURL := defaultAPIURL
	if cfg.APIURL != "" {
		u, err := url.Parse(cfg.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, errors.New("telegram config: api_url: want an http(s) URL such as https://api.telegram.org")
		}
		apiURL = strings.TrimRight(cfg.APIURL, "/")
	}
	c := &Channel{
		token:        cfg.Token,
		apiURL:       apiURL,
		pollTimeout:  defaultPollTimeout,
		maxRetryWait: defaultMaxRetryWait,
		log:          log,
		trail:        cfg.Trail,
		lease:        cfg.Lease,
		audio:        cfg.Audio,
		files:        cfg.Files,
		wait:         sleep,
		now:          time.Now,
		minBackoff:   minBackoff,
		maxBackoff:   maxBackoff,

		minRefusedBackoff: minRefusedBackoff,
		maxRefusedBackoff: maxRefusedBackoff,
		conflictQuiet:     conflictQuiet,

		status: StatusStarting,
	}
	if cfg.WebhookURL != "" {
		u, err := url.Parse(cfg.WebhookURL)
		switch {
		case err != nil || u.Host == "":
			return nil, errors.New("telegram config: webhook_url: not an absolute URL")
		case u.Scheme != "https" && (u.Scheme != "http" || cfg.APIURL == ""):
			// Telegram only calls https webhooks; a self-hosted Bot API
			// server in --local mode also accepts http.
			return nil, errors.New("telegram config: webhook_url: must be https")
		case u.Path == "" || u.Path == "/":
			return nil, errors.New("telegram config: webhook_url: needs a path (such as /telegram/webhook) to mount the handler on")
		}
		if err := checkSecret(cfg.WebhookSecret); err != nil {
			return nil, fmt.Errorf("telegram config: webhook_secret: %w", err)
		}
		c.webhookURL = cfg.WebhookURL
		c.webhookPath = u.Path
		c.secret = cfg.WebhookSecret
	}
	switch {
	case cfg.PollTimeout < 0:
		return nil, errors.New("telegram config: poll_timeout: must not be negative")
	case cfg.PollTimeout > 0 && cfg.PollTimeout < time.Second:
		return nil, errors.New("telegram config: poll_timeout: must be at least 1s (Telegram counts whole seconds)")
	case cfg.PollTimeout > 0:
		c.pollTimeout = cfg.PollTimeout.Truncate(time.Second)
	}
	switch {
	case cfg.MaxRetryWait < 0:
		return nil, errors.New("telegram config: max_retry_wait: must not be negative")
	case cfg.MaxRetryWait > 0:
		c.maxRetryWait = cfg.MaxRetryWait
	}
	c.http = cfg.HTTPClient
	if c.http == nil {
		// Replies to many people go out at once: keep enough connections
		// open to reuse (Go keeps 2 per host by default), or each send
		// dials anew over plain HTTP (a local Bot API server).
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = maxIdleConns
		c.http = &http.Client{Timeout: c.pollTimeout + httpSlack, Transport: serverErrors{wholeBody{t}}}
	} else if c.webhookURL == "" && c.http.Timeout > 0 && c.http.Timeout <= c.pollTimeout {
		return nil, fmt.Errorf("telegram config: http client timeout %s must exceed poll_timeout %s, or long polls fail", c.http.Timeout, c.pollTimeout)
	} else {
		// A copy: the caller's client is not changed under it.
		hc := *c.http
		next := hc.Transport
		if next == nil {
			next = http.DefaultTransport
		}
		hc.Transport = serverErrors{next}
		c.http = &hc
	}
	api, err := tgbot.New(cfg.Token,
		tgbot.WithServerURL(apiURL),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(c.pollTimeout, c.http),
		// The library's own loop is never started; these only keep its
		// defaults (which log every update) out of the way.
		tgbot.WithDefaultHandler(func(context.Context, *tgbot.Bot, *models.Update) {}),
		tgbot.WithErrorsHandler(func(err error) { log.Debug("telegram: library error", "err", err) }),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram config: token: %w", err)
	}
	c.api = api
	return c, nil
}

// checkToken accepts the BotFather format "<bot id>:<secret>", which also
// keeps the token safe to put into a URL path.
func checkToken(token string) error {
	if token == "" {
		return errors.New("missing (set TELEGRAM_BOT_TOKEN)")
	}
	id, secret, ok := strings.Cut(token, ":")
	if !ok || id == "" || secret == "" {
		return errors.New(`malformed, want "<bot id>:<secret>" as given by BotFather`)
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return errors.New(`malformed, the part before ":" must be the numeric bot id`)
		}
	}
	if !tokenChars(secret) {
		return errors.New("malformed, contains characters a token never has")
	}
	return nil
}

// checkSecret applies Telegram's rule for secret_token: 1-256 characters
// A-Z, a-z, 0-9, _ and -.
func checkSecret(s string) error {
	switch {
	case s == "":
		return errors.New("required in webhook mode")
	case len(s) > 256:
		return errors.New("longer than the 256 characters Telegram allows")
	case !tokenChars(s):
		return errors.New("only A-Z, a-z, 0-9, _ and - are allowed")
	}
	return nil
}

func tokenChars(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// Name is the channel name used in bot.Contact.
func (c *Channel) Name() string { return channelName }

// WebhookPath is the path part of the webhook URL, where Handler must be
// mounted; "" in polling mode.
func (c *Channel) WebhookPath() string { return c.webhookPath }

// Status reports the channel's state for health checks: "starting",
// "polling", "webhook", StatusStandby, "stopped", or "error: <reason>",
// such as "error: token refused (401) since 12:03 CET, retrying every 2m".
func (c *Channel) Status() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.sendRefused.IsZero() && !strings.HasPrefix(c.status, "error: ") {
		// A standby instance never calls getUpdates: a revoked token
		// shows there only through sending.
		return "error: token refused (401) when sending, since " + clock(c.sendRefused, c.now())
	}
	return c.status
}

func (c *Channel) setStatus(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.status = s
}

// currentInbox is the inbox of the running Run, nil when Run is not running.
func (c *Channel) currentInbox() bot.Inbox {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.inbox
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Channel) nextBackoff(d time.Duration) time.Duration {
	return grow(d, c.minBackoff, c.maxBackoff)
}

// grow doubles d within [lo, hi]; 0 starts at lo.
func grow(d, lo, hi time.Duration) time.Duration {
	if d <= 0 {
		return lo
	}
	return min(2*d, hi)
}
