// Package webchat is the browser chat channel: a small page and a JSON/SSE
// API. It is how Frontdoor can be tried without any platform token, and the
// widget a desk puts on its own website.
//
// The browser posts messages to /chat/send and listens on /chat/events.
// Replies do not travel in memory: Send appends them to a Redis Stream per
// session, and every /chat/events connection reads that stream. So a reply
// made by one Frontdoor process reaches a browser connected to another, and a
// browser that reconnects or reloads gets exactly what it missed.
//
// The chat is public, so it has budgets (Options.Limits): new sessions per
// client address and for everybody, and messages per session, kept in Redis
// by the ratelimit package so that every process shares them, and no new
// sessions while Redis is nearly full. A refused message gets 429 (503 for
// a full Redis) with Retry-After and a notice in the person's language; the
// page keeps the message and sends it again, with the same id, when told.
//
// Redis keys (owned by this package, see store.Keys.ContactKey):
//
//	<prefix>{<shard>}:webchat:webchat:<session>
//	    Stream of one session's conversation. Each entry has a kind "k" and a
//	    JSON body "d": kind "r" is a reply (the SSE default event), kind "m"
//	    echoes what the person sent (SSE event "echo"), so a reloaded page
//	    shows both sides. Trimmed to about 200 entries; expires HistoryTTL
//	    after its last write.
package webchat

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/ratelimit"
	"frontdoor/store"
)

// ChannelName is the channel's name in bot.Contact.Channel.
const ChannelName = "webchat"

const (
	defaultHistoryTTL = 24 * time.Hour
	defaultMaxText    = 4096
	// maxBody bounds a POST /chat/send body. It is larger than MaxText on
	// purpose: an over-long message still reaches the bot, which tells the
	// person it is too long instead of the page failing silently.
	maxBody = 16 << 10
	// historyLen is how many stream entries are kept per session (trimmed
	// approximately, so Redis can drop whole nodes cheaply).
	historyLen = 200
)

// Options tune the channel. The zero value is usable.
type Options struct {
	// HistoryTTL is how long a session's conversation is kept for reconnects
	// and reloads; 0 means 24h.
	HistoryTTL time.Duration
	// MaxText is the number of characters the page invites per message;
	// 0 means 4096. Longer messages are still accepted (up to a 16 KiB body)
	// and passed on, so the bot can answer that they are too long.
	MaxText int
	// Now is the clock for Message.Time; nil means time.Now.
	Now func() time.Time
	// Limits are the chat's budgets; the zero value limits nothing.
	Limits Limits
	// Limiter enforces Limits, shared by every process; nil: nothing is
	// limited.
	Limiter Limiter
	// Storage, when set, refuses new sessions while it reports Redis
	// nearly full; sessions already going on are not affected.
	Storage Storage
	// Proxies are the reverse proxies whose X-Forwarded-For names the
	// client, for the per-client budgets; zero: the connection's peer.
	Proxies ratelimit.Proxies
	// Title is the page's heading and title: the desk's name. Empty:
	// "Frontdoor".
	Title string
	// Texts renders the notices the page shows when it has to wait, in
	// the person's language; nil: English from the code.
	Texts Texts
	// Audio reads the recordings replies name (bot.Reply.Voice), played
	// in the chat; nil: replies show their text alone.
	Audio AudioSource
	// Files reads the files replies carry (bot.Reply.File), shown or
	// downloaded in the chat; nil: replies show their text alone.
	Files FileSource
}

// AudioSource reads a recording by its reference: its bytes and media
// type.
type AudioSource interface {
	Audio(ctx context.Context, ref string) ([]byte, string, error)
}

// FileSource reads a file a reply carries, for the contact it was made
// for only: its bytes, media type and name.
type FileSource interface {
	File(ctx context.Context, to bot.Contact, ref string) (data []byte, mediaType, name string, err error)
}

type runState int

const (
	notStarted runState = iota
	running
	stopped
)

// Channel is the browser chat channel. Create it with New.
type Channel struct {
	rdb  redis.UniversalClient
	keys store.Keys
	opts Options
	log  *slog.Logger

	handler http.Handler
	assets  map[string]asset

	// slots bounds how many /chat/events connections may hold a blocking
	// XREAD at once. Each blocked XREAD occupies a pooled Redis connection
	// for up to block; without a bound, enough open browser tabs would take
	// the whole pool and stall every other part of Frontdoor. Connections
	// that find no free slot poll instead.
	slots     chan struct{}
	block     time.Duration
	pollEvery time.Duration
	heartbeat time.Duration

	// watchers are the /chat/events connections of this process that
	// poll, by stream key: an entry this process appends wakes them at
	// once, instead of at their next poll (up to pollEvery later). Entries
	// other processes append still reach them by the poll.
	watchMu  sync.Mutex
	watchers map[string]map[chan struct{}]struct{}

	mu    sync.Mutex
	state runState
	inbox bot.Inbox
	// stop is closed when Run returns, which ends every event stream so a
	// graceful HTTP shutdown does not wait for long-lived connections.
	stop chan struct{}
}

// New returns the webchat channel. rdb holds the per-session reply streams
// and must be shared by every Frontdoor process serving the same desk.
func New(rdb redis.UniversalClient, keys store.Keys, opts Options, log *slog.Logger) *Channel {
	if opts.HistoryTTL <= 0 {
		opts.HistoryTTL = defaultHistoryTTL
	}
	if opts.MaxText <= 0 {
		opts.MaxText = defaultMaxText
	}
	if opts.Title == "" {
		opts.Title = "Frontdoor"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &Channel{
		rdb:       rdb,
		keys:      keys,
		opts:      opts,
		log:       log.With("channel", ChannelName),
		slots:     make(chan struct{}, blockingSlots(rdb)),
		block:     20 * time.Second,
		pollEvery: time.Second,
		heartbeat: 20 * time.Second,
		stop:      make(chan struct{}),
		watchers:  map[string]map[chan struct{}]struct{}{},
	}
	c.assets = buildAssets(opts.MaxText, opts.Title)
	c.handler = c.routes()
	return c
}

// blockingSlots gives blocking reads at most half of the Redis pool, leaving
// the rest to the dispatcher and everything else that shares the client.
func blockingSlots(rdb redis.UniversalClient) int {
	pool := 0
	switch c := rdb.(type) {
	case *redis.Client:
		pool = c.Options().PoolSize
	case *redis.ClusterClient:
		pool = c.Options().PoolSize
	}
	if pool <= 0 {
		// go-redis' own default for a single node.
		pool = 10 * runtime.GOMAXPROCS(0)
	}
	return max(1, pool/2)
}

// Name is the channel's name as used in bot.Contact.Channel.
func (c *Channel) Name() string { return ChannelName }

// Run makes in available to the HTTP handlers and blocks until ctx is done.
// Before Run and after it returns, /chat/send answers 503 so the page retries
// against a process that can take the message.
func (c *Channel) Run(ctx context.Context, in bot.Inbox) error {
	if in == nil {
		return errors.New("webchat: run: nil inbox")
	}
	c.mu.Lock()
	if c.state != notStarted {
		c.mu.Unlock()
		return errors.New("webchat: run: already started")
	}
	c.state, c.inbox = running, in
	c.mu.Unlock()
	c.log.Info("webchat ready")

	<-ctx.Done()

	c.mu.Lock()
	c.state, c.inbox = stopped, nil
	c.mu.Unlock()
	close(c.stop)
	c.log.Info("webchat stopped")
	return nil
}

// Status reports "not started", "ready" or "stopped", for health pages.
func (c *Channel) Status() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch c.state {
	case running:
		return "ready"
	case stopped:
		return "stopped"
	}
	return "not started"
}

// currentInbox returns the inbox while Run is running, nil otherwise.
func (c *Channel) currentInbox() bot.Inbox {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.inbox
}

func (c *Channel) stopping() bool {
	select {
	case <-c.stop:
		return true
	default:
		return false
	}
}

// Handler serves the page at "/" and the API and static files under
// "/chat/". The lead mounts it at "/" on the main mux; more specific
// patterns registered there take precedence.
func (c *Channel) Handler() http.Handler { return c.handler }

// replyWire is a reply as the page receives it. Choices and rtl are always
// present so the page needs no defaults.
type replyWire struct {
	Text    string       `json:"text"`
	Choices []bot.Choice `json:"choices"`
	RTL     bool         `json:"rtl"`
	// Voice is the path of the reply's recording (relative to the page,
	// fetched with the session: GET chat/voice/<ref>?session=).
	Voice string `json:"voice,omitempty"`
	// File is the reply's file, fetched the same way.
	File *fileWire `json:"file,omitempty"`
}

// fileWire is a reply's file as the page shows it: a picture or a link.
type fileWire struct {
	URL   string `json:"url"`
	Name  string `json:"name"`
	Image bool   `json:"image"`
}

// echoWire is what the person sent, as stored for other tabs and reloads.
type echoWire struct {
	ID     string `json:"id"`
	Text   string `json:"text,omitempty"`
	Choice string `json:"choice,omitempty"`
}

const (
	kindReply = "r"
	kindEcho  = "m"
	kindClear = "x" // the page forgets what it shows ("clear")
)

// Send stores r in the contact's stream, where any /chat/events connection
// of that session, in any process, picks it up. A browser that is not
// connected gets it when it comes back, within HistoryTTL.
func (c *Channel) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	if to.Channel != ChannelName {
		return fmt.Errorf("webchat: send to %s: %w: not a webchat contact", to, bot.ErrRejected)
	}
	if !validSession(to.ID) {
		return fmt.Errorf("webchat: send to %s: %w: malformed session id", to, bot.ErrRejected)
	}
	w := replyWire{Text: r.Text, Choices: r.Choices, RTL: r.RTL}
	if r.Voice != "" && c.opts.Audio != nil && voiceRefRe.MatchString(r.Voice) {
		w.Voice = "chat/voice/" + r.Voice
	}
	if f := r.File; f != nil && c.opts.Files != nil && fileRefRe.MatchString(f.Ref) {
		w.File = &fileWire{URL: "chat/file/" + f.Ref, Name: f.Name, Image: f.IsImage()}
	}
	if w.Choices == nil {
		w.Choices = []bot.Choice{}
	}
	if err := c.appendEntry(ctx, to, kindReply, w); err != nil {
		return fmt.Errorf("webchat: send to %s: %w", to, err)
	}
	return nil
}

// appendEntry adds one entry and renews the stream's expiry in one
// transaction, so a stream never exists without an expiry.
func (c *Channel) appendEntry(ctx context.Context, to bot.Contact, kind string, body any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	key := c.streamKey(to)
	_, err = c.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.XAdd(ctx, &redis.XAddArgs{
			Stream: key,
			MaxLen: historyLen,
			Approx: true,
			Values: []any{"k", kind, "d", data},
		})
		p.Expire(ctx, key, c.opts.HistoryTTL)
		return nil
	})
	if err != nil {
		return fmt.Errorf("append to stream: %w", err)
	}
	c.wake(key)
	return nil
}

// watch registers a wake-up for entries this process appends to key; the
// channel holds one pending wake-up, so none made between a read and the
// wait is lost. unwatch removes it.
func (c *Channel) watch(key string) (wake chan struct{}, unwatch func()) {
	wake = make(chan struct{}, 1)
	c.watchMu.Lock()
	if c.watchers[key] == nil {
		c.watchers[key] = map[chan struct{}]struct{}{}
	}
	c.watchers[key][wake] = struct{}{}
	c.watchMu.Unlock()
	return wake, func() {
		c.watchMu.Lock()
		delete(c.watchers[key], wake)
		if len(c.watchers[key]) == 0 {
			delete(c.watchers, key)
		}
		c.watchMu.Unlock()
	}
}

func (c *Channel) wake(key string) {
	c.watchMu.Lock()
	defer c.watchMu.Unlock()
	for w := range c.watchers[key] {
		select {
		case w <- struct{}{}:
		default: // one is pending already
		}
	}
}

// Retract implements bot.Retractor: the browser forgets the conversation.
// The history is replaced by one marker, which tells the pages open on the
// session to empty themselves; a page opened later has nothing before it.
func (c *Channel) Retract(ctx context.Context, to bot.Contact) error {
	if to.Channel != ChannelName || !validSession(to.ID) {
		return nil
	}
	key := c.streamKey(to)
	_, err := c.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		// Trimmed, not deleted: the stream keeps its last id, so the
		// marker's id is after everything a page has seen and the pages
		// reading from there do get it.
		p.XTrimMaxLen(ctx, key, 0)
		p.XAdd(ctx, &redis.XAddArgs{Stream: key, Values: []any{"k", kindClear, "d", "{}"}})
		p.Expire(ctx, key, c.opts.HistoryTTL)
		return nil
	})
	if err != nil {
		return fmt.Errorf("webchat: retract %s: %w", to, err)
	}
	return nil
}

// Erase deletes the contact's conversation history, for "delete my data".
// Contacts of other channels have nothing here.
func (c *Channel) Erase(ctx context.Context, contact bot.Contact) error {
	if contact.Channel != ChannelName {
		return nil
	}
	if err := c.rdb.Del(ctx, c.streamKey(contact)).Err(); err != nil {
		return fmt.Errorf("webchat: erase %s: %w", contact, err)
	}
	return nil
}

func (c *Channel) streamKey(to bot.Contact) string {
	return c.keys.ContactKey(to.Key(), ChannelName)
}

var (
	sessionRe  = regexp.MustCompile(`^[0-9a-f]{32}$`)
	msgIDRe    = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	streamIDRe = regexp.MustCompile(`^[0-9]{1,20}-[0-9]{1,20}$`)
	// References the page may fetch: a recording's SHA-256, a case's file.
	voiceRefRe = regexp.MustCompile(`^[0-9a-f]{64}$`)
	fileRefRe  = regexp.MustCompile(`^[0-9a-f]{1,64}\.[0-9a-f]{1,64}$`)
)

func validSession(s string) bool { return sessionRe.MatchString(s) }

// ContactOf is the contact of a browser session. The session is the
// page's secret: whoever has it reads and writes the conversation. The
// contact id is what the rest of Frontdoor sees and shows (operators' case
// pages, the API's JSON, logs), so it is a hash of the session, never the
// session itself, and an operator cannot take over the person's chat.
func ContactOf(session string) bot.Contact {
	sum := sha256.Sum256([]byte("frontdoor.webchat.contact\x00" + session))
	return bot.Contact{Channel: ChannelName, ID: hex.EncodeToString(sum[:16])}
}
