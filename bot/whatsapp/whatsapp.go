// Package whatsapp is Frontdoor's WhatsApp channel, over go.mau.fi/whatsmeow
// (an unofficial client of the WhatsApp Web multi-device protocol). It runs
// one linked device: it receives messages, turns them into bot.Message
// values recorded in a bot.Inbox, and sends bot.Reply values back as text,
// with choices as a numbered list (buttons do not render for linked
// devices). Nothing outside this package imports whatsmeow.
//
// Contacts: WhatsApp names a person either by a phone-number JID
// ("393331234567@s.whatsapp.net") or by a hidden LID ("123456789@lid").
// Contact.ID is the LID JID in that string form whenever the LID is known
// (from the message itself or the device store's LID mapping), because
// every account has one while the number may stay hidden; it is the
// phone-number JID only when no LID is known. Someone already recorded
// under their number (first seen before WhatsApp revealed the LID) keeps
// that key. The same person therefore keeps one contact whichever form a
// message arrives in, and in whichever order the forms become known.
//
// Receiving is at-least-once: the client acknowledges a message to WhatsApp
// only after Inbox.Accept recorded it (synchronous acks, with whatsmeow's
// decrypted-event buffer so that a redelivered message can be decrypted
// again). The dispatcher drops the duplicates.
package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/proto/waWeb"
	wastore "go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"frontdoor/bot"
	"frontdoor/bot/lease"
	"frontdoor/internal/conf"
)

const (
	channelName = "whatsapp"

	defaultStore         = "data/whatsapp.db"
	defaultSendPerChat   = 2 * time.Second
	defaultSendPerSecond = 1.0
	defaultRetention     = 90 * 24 * time.Hour
	defaultAnswerWithin  = 12 * time.Hour
	defaultHistoryWithin = 24 * time.Hour
	// maxHistoryWithin stays inside the dispatcher's memory of message
	// ids (dispatch.Options.DedupeWindow, 48 h): a message from history older
	// than that, already answered by an earlier link, would be new to it.
	maxHistoryWithin = 48 * time.Hour
	// maxSendPerSecond keeps a typo in config.yaml from turning the desk's
	// number into something WhatsApp's spam detection bans.
	maxSendPerSecond = 10.0

	// maxTextLen is where long texts are split. WhatsApp takes far more
	// (65536), but a phone screen does not.
	maxTextLen = 4096

	acceptTimeout = 15 * time.Second
	minBackoff    = time.Second
	maxBackoff    = 2 * time.Minute
)

// Status values; errors are reported as "error: <reason>".
const (
	StatusStarting  = "starting"
	StatusConnected = "connected"
	StatusStopped   = "stopped"
)

// StatusLoggedOut is the status after the phone unlinked the device (or
// WhatsApp did): only linking again helps.
const StatusLoggedOut = "error: logged out — run frontdoor whatsapp link"

// StatusBanned and StatusLocked are the statuses after WhatsApp ended the
// session itself: linking again does not help until the number is
// unbanned (appeal from WhatsApp on the phone) or unlocked.
const (
	StatusBanned = "error: number banned by WhatsApp — appeal from WhatsApp on the phone; once it is lifted, run frontdoor whatsapp link"
	StatusLocked = "error: number locked by WhatsApp — open WhatsApp on the phone to unlock it, then run frontdoor whatsapp link"
)

// Config configures the WhatsApp channel (config.yaml section "whatsapp").
type Config struct {
	// Store is where the device session lives: an SQLite file path
	// (default "data/whatsapp.db") or a postgres:// URL.
	Store string `yaml:"store"`
	// WebVersion overrides the WhatsApp Web version announced, such as
	// "2.3000.1234567890"; empty keeps whatsmeow's. WhatsApp refuses
	// outdated clients (status "error: client outdated").
	WebVersion string `yaml:"web_version"`
	// SendPerChat is the least time between two messages to one person.
	// Default 2s.
	SendPerChat conf.Duration `yaml:"send_interval_per_chat"`
	// SendPerSecond bounds all sending of this process. Default 1.
	SendPerSecond float64 `yaml:"sends_per_second"`
	// AnswerWithin is how old a message may be when it arrives and still
	// be answered as it is (in order, after the desk was offline); an
	// older one is marked bot.Message.Late and gets one line saying the
	// desk is back. Default 12h.
	AnswerWithin conf.Duration `yaml:"answer_within"`
	// HistoryWithin is how far back, after a phone is linked, the
	// history the phone sends is searched for messages nobody answered
	// (they came while no device was linked). Default 24h, WhatsApp's
	// service window; at most the dispatcher's 48 h memory of message
	// ids, so that nothing already answered is taken for new.
	HistoryWithin conf.Duration `yaml:"history_within"`
	// LibraryLog is the least level of whatsmeow's own log lines that
	// reach the log: debug, info, warn (default) or error.
	LibraryLog string `yaml:"library_log"`
	// Retention is how long the record that a person wrote first is kept
	// after their last message; the lead sets it from privacy.retention.
	// Default 90 days.
	Retention time.Duration `yaml:"-"`
	// Trail keeps the ids of the messages the bot sent, so that Retract
	// can revoke them (dispatch.Trail); nil: Retract revokes nothing.
	Trail Trail `yaml:"-"`
	// Lease lets one process at a time connect the session (serve sets
	// a RedisLease); nil: this process always connects.
	Lease lease.Lease `yaml:"-"`
	// Audio reads the recordings replies name (bot.Reply.Voice), sent as
	// voice notes; nil: replies go out as text alone.
	Audio AudioSource `yaml:"-"`
	// Files reads the files replies carry (bot.Reply.File), sent as an
	// image or a document; nil: replies go out as text alone.
	Files FileSource `yaml:"-"`
	// Connect, when set, stands in for whatsmeow's connection to
	// WhatsApp's servers (the connect step of the client seam): a nil
	// answer counts as connected. For tests of the wiring (serve with two
	// processes), where no phone is linked and no server is reachable;
	// nil in a real desk.
	Connect func(ctx context.Context) error `yaml:"-"`
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

// Trail is where message ids wait for a Retract.
type Trail interface {
	Add(ctx context.Context, c bot.Contact, ids ...string) error
	Take(ctx context.Context, c bot.Contact) ([]string, error)
}

// Validate checks the fields, naming each bad one by its config.yaml path.
func (c Config) Validate() error {
	var errs []error
	if c.Store != "" {
		if _, _, err := storeDSN(c.Store); err != nil {
			errs = append(errs, fmt.Errorf("whatsapp.store: %w", err))
		}
	}
	if c.WebVersion != "" {
		if _, err := parseWebVersion(c.WebVersion); err != nil {
			errs = append(errs, fmt.Errorf("whatsapp.web_version: %w", err))
		}
	}
	if c.SendPerChat < 0 {
		errs = append(errs, errors.New("whatsapp.send_interval_per_chat: must not be negative"))
	}
	switch {
	case math.IsNaN(c.SendPerSecond) || c.SendPerSecond < 0:
		errs = append(errs, errors.New("whatsapp.sends_per_second: must be a positive number"))
	case c.SendPerSecond > maxSendPerSecond:
		errs = append(errs, fmt.Errorf("whatsapp.sends_per_second: %g is more than %g; sending fast gets the number banned", c.SendPerSecond, maxSendPerSecond))
	}
	if c.AnswerWithin < 0 {
		errs = append(errs, errors.New("whatsapp.answer_within: must not be negative"))
	}
	if c.HistoryWithin < 0 || time.Duration(c.HistoryWithin) > maxHistoryWithin {
		errs = append(errs, fmt.Errorf("whatsapp.history_within: must be between 0 and %s", maxHistoryWithin))
	}
	if c.LibraryLog != "" {
		if _, err := parseLevel(c.LibraryLog); err != nil {
			errs = append(errs, fmt.Errorf("whatsapp.library_log: %w", err))
		}
	}
	if c.Retention < 0 {
		errs = append(errs, errors.New("whatsapp retention (privacy.retention): must not be negative"))
	}
	return errors.Join(errs...)
}

// Configured reports whether a session store exists to run from: a
// PostgreSQL store, or an SQLite file already created by linking. serve
// uses it to leave WhatsApp off, without creating files, on desks that
// never linked a phone.
func (c Config) Configured() bool {
	c = c.withDefaults()
	driver, _, err := storeDSN(c.Store)
	if err != nil {
		return false
	}
	if driver != "sqlite" {
		return true
	}
	_, err = os.Stat(c.Store)
	return err == nil
}

func (c Config) withDefaults() Config {
	if c.Store == "" {
		c.Store = defaultStore
	}
	if c.SendPerChat == 0 {
		c.SendPerChat = conf.Duration(defaultSendPerChat)
	}
	if c.SendPerSecond == 0 {
		c.SendPerSecond = defaultSendPerSecond
	}
	if c.LibraryLog == "" {
		c.LibraryLog = "warn"
	}
	if c.AnswerWithin == 0 {
		c.AnswerWithin = conf.Duration(defaultAnswerWithin)
	}
	if c.HistoryWithin == 0 {
		c.HistoryWithin = conf.Duration(defaultHistoryWithin)
	}
	if c.Retention == 0 {
		c.Retention = defaultRetention
	}
	return c
}

// parseWebVersion accepts "2.3000.1234567890": three numbers, the form
// WhatsApp Web announces.
func parseWebVersion(s string) (wastore.WAVersionContainer, error) {
	v, err := wastore.ParseVersion(strings.TrimSpace(s))
	if err != nil || v.IsZero() {
		return v, errors.New(`want three dot-separated numbers such as "2.3000.1234567890"`)
	}
	return v, nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return l, errors.New("want debug, info, warn or error")
	}
	return l, nil
}

// storeDSN turns Config.Store into a database/sql driver name and DSN.
func storeDSN(s string) (driver, dsn string, err error) {
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return "", "", errors.New("not a valid URL")
		}
		switch u.Scheme {
		case "postgres", "postgresql":
			if u.Host == "" && u.Query().Get("host") == "" {
				return "", "", errors.New("postgres URL without a host")
			}
			return "postgres", s, nil
		}
		return "", "", fmt.Errorf("unsupported URL scheme %q: give an SQLite file path or a postgres:// URL", u.Scheme)
	}
	if strings.ContainsAny(s, "?#") {
		return "", "", errors.New("an SQLite file path must not contain ? or #")
	}
	// Foreign keys are required by whatsmeow's schema; WAL and a busy
	// timeout let the event handler and Send write at the same time;
	// immediate transactions avoid SQLITE_BUSY on lock upgrades.
	return "sqlite", "file:" + s + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_txlock=immediate", nil
}

// client is the part of *whatsmeow.Client the channel uses: the seam that
// lets tests run Send, Run and the event handler against a fake.
type client interface {
	ConnectContext(ctx context.Context) error
	Disconnect()
	IsLoggedIn() bool
	SendMessage(ctx context.Context, to types.JID, message *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error)
	MarkRead(ctx context.Context, ids []types.MessageID, timestamp time.Time, chat, sender types.JID, receiptTypeExtra ...types.ReceiptType) error
	SendChatPresence(ctx context.Context, jid types.JID, state types.ChatPresence, media types.ChatPresenceMedia) error
	SendPresence(ctx context.Context, state types.Presence) error
	AddEventHandlerWithSuccessStatus(handler whatsmeow.EventHandlerWithSuccessStatus) uint32
	DownloadToFile(ctx context.Context, msg whatsmeow.DownloadableMessage, file whatsmeow.File) error
	SendMediaRetryReceipt(ctx context.Context, message *types.MessageInfo, mediaKey []byte) error
	BuildRevoke(chat, sender types.JID, id types.MessageID) *waE2E.Message
	GenerateMessageID() types.MessageID
	ParseWebMessage(chat types.JID, msg *waWeb.WebMessageInfo) (*events.Message, error)
	Upload(ctx context.Context, plaintext []byte, appInfo whatsmeow.MediaType) (whatsmeow.UploadResponse, error)
}

// lidMap is the device store's map between hidden LIDs and phone numbers.
type lidMap interface {
	GetPNForLID(ctx context.Context, lid types.JID) (types.JID, error)
	GetLIDForPN(ctx context.Context, pn types.JID) (types.JID, error)
}

// writers remembers who wrote to the number: the bot never writes first.
type writers interface {
	Mark(ctx context.Context, id string, at time.Time) error
	Wrote(ctx context.Context, id string) (bool, error)
	Forget(ctx context.Context, id string) error
}

// Channel is the WhatsApp adapter. Send may be used while Run runs.
//
// It runs with or without a linked device. Without one (never linked, or
// the phone logged the desk out) its status is an error, Send asks the
// caller to retry later, and Run waits for Reload, which the console calls
// once a phone is linked: Run then loads the device from the store into a
// new client and connects, without a restart. Only Run connects, and it
// disconnects a client before it builds the next, so there is never more
// than one client connected.
type Channel struct {
	cfg  Config
	log  *slog.Logger
	db   *storeDB // nil in tests
	lids lidMap
	who  writers
	pace *pacer

	// load builds a client for the device in the store and reports
	// whether that device is linked; New sets it, tests replace it.
	load func(ctx context.Context) (cli client, linked bool, err error)

	// Seams for tests: the clock, how to wait, backoff bounds.
	now        func() time.Time
	wait       func(ctx context.Context, d time.Duration) error
	minBackoff time.Duration
	maxBackoff time.Duration

	signals chan signal
	// reload wakes an unlinked Run: a device may have been linked.
	reload chan struct{}

	mu sync.Mutex
	// cli is the one client; it changes only while no client is
	// connected (see reloadDevice).
	cli     client
	linked  bool
	status  string
	running bool
	inbox   bot.Inbox
	ctx     context.Context // Run's context, for work started by events
	// failBackoff grows while recording messages fails.
	failBackoff time.Duration
	// halt is a restriction of the whole number (halt.go); held are
	// the people not to write to before a time (after a 463); warning is
	// added to the "connected" status.
	halt      halt
	held      map[string]time.Time
	warning   string
	warnUntil time.Time
	// timers are people's disappearing-messages timers, in seconds.
	timers map[string]uint32
	// pending are replies sent part-way, by sendKey (resume.go).
	pending map[string]*pendingSend
	// online counts Sends in progress: the device shows "available"
	// (needed for "typing…") only while one runs.
	online int
	// unread holds, by contact ID, the messages to mark read with the
	// next reply (see receipts.go).
	unread map[string]*unread
	// retries are the downloads waiting for the phone to upload a file
	// again, by message id (mediaretry.go).
	retries map[types.MessageID]chan *events.MediaRetry
}

// New opens the device store (creating or migrating it) and builds the
// channel around the device in it, linked or not. It does not connect;
// Run does.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*Channel, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	if err := applyWebVersion(cfg); err != nil {
		return nil, err
	}
	db, err := openStore(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	// Processes on one store take turns even without a shared Redis (the
	// embedded one is each process's own, or the prefixes differ).
	cfg.Lease = guardStore(cfg.Store, db.db, cfg.Lease)
	// The LID map is the store's, shared by every device in it, so it
	// outlives a relink.
	c := newChannel(cfg, log, nil, db.container.LIDMap, db.writers())
	c.db = db
	c.load = c.loadDevice
	if err := c.reloadDevice(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return c, nil
}

// loadDevice builds a whatsmeow client for the first device in the store:
// a fresh, unlinked one when none was linked.
func (c *Channel) loadDevice(ctx context.Context) (client, bool, error) {
	dev, err := c.db.container.GetFirstDevice(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("whatsapp: reading the device session: %w", err)
	}
	wa := whatsmeow.NewClient(dev, newWALogger(c.log, c.db.libLevel, "Client"))
	announceVersion(wa, dev, c.cfg)
	// Run reconnects with its own capped backoff and status reporting.
	wa.EnableAutoReconnect = false
	// Acknowledge a message only once the event handler returned true,
	// i.e. once the inbox recorded it; keep decrypted plaintext until then
	// so a redelivery can be decrypted again.
	wa.SynchronousAck = true
	wa.EnableDecryptedEventBuffer = true
	// A message that cannot be decrypted (the sender's session broke) is
	// asked again from the desk's phone, which has it, as WhatsApp Web
	// does; it then arrives as an ordinary message.
	wa.AutomaticMessageRerequestFromPhone = true
	if dev.ID != nil {
		changed, err := c.db.adoptNumber(ctx, dev.ID.User)
		if err != nil {
			return nil, false, err
		}
		if changed {
			if w, ok := c.who.(*sqlWriters); ok {
				w.dropCache()
			}
			c.log.Warn("whatsapp: another number is linked now; people who wrote to the old one must write again before the bot answers them")
		}
	}
	if c.cfg.Connect != nil {
		return &standInConnect{client: wa, connect: c.cfg.Connect, c: c}, dev.ID != nil, nil
	}
	return wa, dev.ID != nil, nil
}

// standInConnect is a whatsmeow client whose connect step is
// Config.Connect: a connection it makes is announced as whatsmeow
// announces one, with events.Connected.
type standInConnect struct {
	client
	connect func(ctx context.Context) error
	c       *Channel
}

func (s *standInConnect) ConnectContext(ctx context.Context) error {
	if err := s.connect(ctx); err != nil {
		return fmt.Errorf("whatsapp: connect (stand-in): %w", err)
	}
	s.c.handleEvent(&events.Connected{})
	return nil
}

// reloadDevice replaces the client with one built by load, under the
// lock. Callers make sure the current client is not connected: New, and
// Run while unlinked.
func (c *Channel) reloadDevice(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	cli, linked, err := c.load(ctx)
	if err != nil {
		return err
	}
	cli.AddEventHandlerWithSuccessStatus(c.eventsOf(cli))
	c.cli, c.linked = cli, linked
	switch {
	case linked:
		c.status = StatusStarting
		// A new link: whatever banned the old session is dealt with.
		if c.halt.kind == haltBanned {
			c.halt = halt{}
		}
	case !strings.HasPrefix(c.status, "error: "):
		// Keep a more telling error (logged out, banned) if there is one.
		c.status = StatusUnlinked
	}
	return nil
}

// eventsOf is the event handler of one client. A client replaced by a
// relink is disconnected already; anything it still reports is stale.
func (c *Channel) eventsOf(cli client) whatsmeow.EventHandlerWithSuccessStatus {
	return func(evt any) bool {
		if c.client() != cli {
			return false
		}
		return c.handleEvent(evt)
	}
}

// client is the current client.
func (c *Channel) client() client {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cli
}

// Reload tells the channel that a device may have been linked into its
// store (by the console's ConsoleLinker, or frontdoor whatsapp link
// against a shared PostgreSQL store): an unlinked Run loads it and
// connects. It never blocks, and does nothing while a device is linked.
func (c *Channel) Reload() {
	select {
	case c.reload <- struct{}{}:
	default:
		// One pending reload is as good as several.
	}
}

// newChannel builds a channel around a linked client; New and the tests
// use it.
func newChannel(cfg Config, log *slog.Logger, cli client, lids lidMap, who writers) *Channel {
	cfg = cfg.withDefaults()
	c := &Channel{
		cfg:        cfg,
		log:        log,
		cli:        cli,
		linked:     cli != nil,
		lids:       lids,
		who:        who,
		now:        time.Now,
		wait:       sleep,
		minBackoff: minBackoff,
		maxBackoff: maxBackoff,
		signals:    make(chan signal, 16),
		reload:     make(chan struct{}, 1),
		status:     StatusStarting,
	}
	c.pace = newPacer(time.Duration(cfg.SendPerChat), cfg.SendPerSecond)
	return c
}

// applyWebVersion sets the version whatsmeow announces. whatsmeow keeps it
// in a package variable: one version for the whole process, which is all
// Frontdoor needs.
func applyWebVersion(cfg Config) error {
	if cfg.WebVersion == "" {
		return nil
	}
	v, err := parseWebVersion(cfg.WebVersion)
	if err != nil {
		return fmt.Errorf("whatsapp.web_version: %w", err)
	}
	wastore.SetWAVersion(v)
	return nil
}

// Linked reports whether the channel has a linked device.
func (c *Channel) Linked() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.linked
}

// Name is the channel name used in bot.Contact.
func (c *Channel) Name() string { return channelName }

// Status reports the channel's state for health checks: "starting",
// "connected", "stopped", or "error: <reason>" (StatusUnlinked,
// StatusLoggedOut, ... while no device is linked).
func (c *Channel) Status() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.status == StatusConnected && c.warning != "" && c.now().Before(c.warnUntil) {
		return c.status + "; warning: " + c.warning
	}
	if c.status == StatusConnected && c.halt.kind == haltRate && c.now().Before(c.halt.until) {
		return fmt.Sprintf("error: %s until %s", c.halt.reason, c.halt.until.UTC().Format(time.RFC3339))
	}
	return c.status
}

func (c *Channel) setStatus(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.status = s
}

// Close releases the device store. Call it after Run returned.
func (c *Channel) Close() error {
	if c.db == nil {
		return nil
	}
	return c.db.Close()
}

// Erase forgets that the contact wrote: after "delete my data" the bot may
// not write to them again until they write first.
func (c *Channel) Erase(ctx context.Context, to bot.Contact) error {
	if to.Channel != channelName {
		return nil
	}
	if err := c.who.Forget(ctx, to.ID); err != nil {
		return fmt.Errorf("whatsapp: erase %s: %w", to, err)
	}
	return nil
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
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
	if d <= 0 {
		return c.minBackoff
	}
	return min(2*d, c.maxBackoff)
}
