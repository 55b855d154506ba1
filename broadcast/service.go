package broadcast

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/internal/conf"
	"frontdoor/store"
)

// Campaign statuses.
const (
	StatusDraft     = "draft"
	StatusScheduled = "scheduled"
	StatusBuilding  = "building"
	StatusSending   = "sending"
	StatusPaused    = "paused"
	StatusCancelled = "cancelled"
	StatusDone      = "done"
)

// Failure reasons in reports.
const (
	ReasonBlocked     = "blocked"
	ReasonUnreachable = "unreachable"
	ReasonRateLimited = "rate_limited"
	ReasonError       = "error"
)

// Errors callers can tell apart.
var (
	ErrNotFound = errors.New("broadcast: no such campaign")
	ErrExists   = errors.New("broadcast: a campaign with this id exists")
	ErrState    = errors.New("broadcast: not possible in the campaign's current status")
)

// Options are the Service's collaborators; zero values take defaults.
type Options struct {
	Clock func() time.Time
	Log   *slog.Logger
	// Tick is how often Run looks for campaigns to start or resume.
	Tick time.Duration
	// PseudonymKey keys the contact pseudonyms of the CSV export (pass
	// the log key, so rows match log lines). A plain hash of a phone
	// number can be reversed; without a key, a random one per process
	// is used.
	PseudonymKey []byte
	// Reach, when set, counts what became of each notice for the
	// coordinator's anonymous statistics.
	Reach Reach
	// ContactRetention is how long the desk keeps a person's data after
	// their last message (privacy.retention, which the consent text
	// promises): a subscription lasts as long when Config.Retention is
	// not set.
	ContactRetention time.Duration
	// Pacing, when set, is the time the rate buckets and the pauses after
	// a 429 run on, instead of Redis' clock and real waiting. Tests pass
	// simulated time, to check the pacing in simulated seconds that load
	// on the machine cannot stretch or squeeze. Every process sharing a
	// bucket must use the same one. Clock is not used for this: it is the
	// calendar of schedules and segments, which tests move by hours.
	Pacing Pacing
	// InFlightGrace is how long a campaign whose queues are empty waits
	// for the sends still under way (here or in another process) before
	// it ends, those left being unknown (their process died). Default
	// 2 minutes: a send's timeout and its record's retries, twice over.
	InFlightGrace time.Duration
}

// Pacing is a clock for pacing sends.
//
// Its waits are until an instant, not for a duration: a channel's pause
// is waited out at once by its pacer (the bucket honours it) and by each
// worker already holding a token (waitPause), and waits for the same
// instant must end together on any clock. Durations summed on a
// simulated clock, where each wait moves the time on: two loops waiting
// out one 5-minute pause made a 10-minute gap between a refused
// recipient's tries, which carried its last try past the Until the
// console promised (refusingOf).
type Pacing interface {
	Now() time.Time
	// SleepUntil waits until t (at once when t is past); false when ctx
	// ended first.
	SleepUntil(ctx context.Context, t time.Time) bool
}

// realPacing is real time: the buckets on Redis' clock, real timers.
type realPacing struct{}

func (realPacing) Now() time.Time { return time.Now() }

func (realPacing) SleepUntil(ctx context.Context, until time.Time) bool {
	d := time.Until(until)
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// Reach counts campaign messages by channel, language and outcome ("sent",
// "failed", "replied", "unsubscribed"), identifying nobody. Defined here,
// where it is used, so broadcast does not depend on the statistics.
type Reach interface {
	RecordCampaign(ctx context.Context, channel, lang, outcome string) error
}

// Service stores subscriptions and sends campaigns.
type Service struct {
	rdb  redis.UniversalClient
	keys store.Keys
	cfg  Config
	out  Sender // nil: a process that only manages campaigns
	// sendsOn are out's channels, sorted: a campaign's queue of another
	// channel waits for a process that has it.
	sendsOn []string
	clock   func() time.Time
	log     *slog.Logger
	tick    time.Duration
	// polls counts Run's rounds, for tests that check nothing happens
	// over several of them.
	polls  atomic.Int64
	sc     scripts
	pkey   []byte
	reach  Reach
	pacing Pacing
	// redisTime: the buckets run on Redis' clock (pacing is real time).
	redisTime bool
	// inFlightGrace: Options.InFlightGrace.
	inFlightGrace time.Duration

	mu      sync.Mutex
	running map[string]int // campaign id + "/" + channel → 1 while its workers run here
	// pausedUntil is when a 429 seen here stops holding a channel.
	pausedUntil map[string]time.Time
	// nextPrune is when this process next offers to prune the indexes.
	nextPrune time.Time
	// stalled is when Redis stopped answering a campaign's pacer here
	// (campaign id + "/" + channel → since), for the console: a failover holds a
	// campaign, and staff should see why the bar does not move.
	stalled map[string]time.Time
}

// Sender is the one path campaigns are sent through, to every channel
// (dispatch.Direct in serve: the guard, the metrics), and the channels it
// reaches. Defined here, where it is used.
type Sender interface {
	bot.Sender
	// Channels are the names of the channels it sends on.
	Channels() []string
}

// New builds a Service that sends through out; nil builds one that only
// manages campaigns (the command line), whose sends are left to the
// processes that have one.
func New(rdb redis.UniversalClient, keys store.Keys, cfg Config, out Sender, o Options) *Service {
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Tick <= 0 {
		o.Tick = 500 * time.Millisecond
	}
	if len(o.PseudonymKey) == 0 {
		o.PseudonymKey = make([]byte, 32)
		rand.Read(o.PseudonymKey)
	}
	if o.InFlightGrace <= 0 {
		o.InFlightGrace = 2 * time.Minute
	}
	redisTime := o.Pacing == nil
	if redisTime {
		o.Pacing = realPacing{}
	}
	if cfg.Retention == 0 && o.ContactRetention > 0 {
		cfg.Retention = conf.Duration(o.ContactRetention)
	}
	var sendsOn []string
	if out != nil {
		sendsOn = slices.Sorted(slices.Values(out.Channels()))
	}
	return &Service{rdb: rdb, keys: keys, cfg: cfg.withDefaults(), out: out, sendsOn: sendsOn, clock: o.Clock,
		log: o.Log, tick: o.Tick, sc: newScripts(), pkey: o.PseudonymKey, reach: o.Reach, pacing: o.Pacing, redisTime: redisTime, inFlightGrace: o.InFlightGrace,
		running: map[string]int{}, pausedUntil: map[string]time.Time{}}
}

// ckey names a key of one campaign; the hash tag keeps a campaign's keys
// in one Cluster slot, for its Lua scripts.
func (s *Service) ckey(id, name string) string {
	return s.keys.Global("bc:{" + id + "}:" + name)
}

// campaignsKey indexes every campaign; activeKey those to start or send.
// Each is one key of its own, never in a transaction or script with a
// campaign's keys.
func (s *Service) campaignsKey() string { return s.keys.Global("bc:campaigns") }
func (s *Service) activeKey() string    { return s.keys.Global("bc:active") }

// Create stores a new campaign as a draft. The campaign itself (its
// definition and status) is written in one step, in its own hash slot; the
// index of campaigns, a key of its own that no transaction may share with
// a campaign's keys on a Cluster, is written first. A create cut short
// between the two leaves only an index entry without a campaign, which
// List skips and a second Create completes: never a half-made campaign.
func (s *Service) Create(ctx context.Context, c Campaign) error {
	if err := c.Check(); err != nil {
		return err
	}
	b, err := json.Marshal(c)
	if err != nil {
		return wrap("encoding campaign", err)
	}
	now := s.clock()
	// NX: creating a campaign again does not move the one there.
	if err := s.rdb.ZAddNX(ctx, s.campaignsKey(), redis.Z{Score: float64(now.Unix()), Member: c.ID}).Err(); err != nil {
		return wrap("creating campaign", err)
	}
	ok, err := s.sc.create.Run(ctx, s.rdb, []string{s.ckey(c.ID, "def"), s.ckey(c.ID, "meta")}, b, StatusDraft, now.Unix()).Bool()
	if err != nil {
		return wrap("creating campaign", err)
	}
	if !ok {
		return ErrExists
	}
	return nil
}

// Get returns a campaign's definition.
func (s *Service) Get(ctx context.Context, id string) (Campaign, error) {
	b, err := s.rdb.Get(ctx, s.ckey(id, "def")).Bytes()
	if errors.Is(err, redis.Nil) {
		return Campaign{}, ErrNotFound
	}
	if err != nil {
		return Campaign{}, wrap("reading campaign", err)
	}
	var c Campaign
	if err := json.Unmarshal(b, &c); err != nil {
		return Campaign{}, wrap("decoding campaign", err)
	}
	return c, nil
}

// List returns campaign ids, newest first. An id whose campaign is not
// there (a create cut short) is left out.
func (s *Service) List(ctx context.Context) ([]string, error) {
	ids, err := s.rdb.ZRevRange(ctx, s.campaignsKey(), 0, 99).Result()
	if err != nil || len(ids) == 0 {
		return ids, wrap("listing campaigns", err)
	}
	p := s.rdb.Pipeline()
	exists := make([]*redis.IntCmd, len(ids))
	for i, id := range ids {
		exists[i] = p.Exists(ctx, s.ckey(id, "meta"))
	}
	if _, err := p.Exec(ctx); err != nil {
		return nil, wrap("listing campaigns", err)
	}
	out := ids[:0]
	for i, id := range ids {
		if exists[i].Val() == 1 {
			out = append(out, id)
		}
	}
	return out, nil
}

// Preview counts the audience of a campaign as it would be now.
type Preview struct {
	Total     int            `json:"total"`
	Skipped   int            `json:"skipped"`
	ByLang    map[string]int `json:"by_lang"`
	ByChannel map[string]int `json:"by_channel"`
	// OutsideWindow have not written within their channel's window
	// (Config.Windows): a campaign leaves them out.
	OutsideWindow int `json:"outside_window"`
}

// Preview counts who would receive the campaign, by language of the
// notice and by channel; Skipped have no text in their language.
func (s *Service) Preview(ctx context.Context, id string) (Preview, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return Preview{}, err
	}
	pv := Preview{ByLang: map[string]int{}, ByChannel: map[string]int{}}
	now := s.clock()
	outside := 0
	err = s.subscribers(ctx, c.Segment.Topic, func(sub subscriber) error {
		if !c.Segment.matches(sub, now) {
			return nil
		}
		if w := time.Duration(s.cfg.Windows[sub.contact.Channel]); w > 0 && now.Sub(sub.seen) > w {
			// Not written lately: on WhatsApp a notice to them is what
			// gets numbers banned.
			outside++
			return nil
		}
		lang := c.textFor(sub.lang)
		if lang == "" {
			pv.Skipped++
			return nil
		}
		pv.Total++
		pv.ByLang[lang]++
		pv.ByChannel[sub.contact.Channel]++
		return nil
	})
	pv.OutsideWindow = outside
	return pv, err
}

// Start sends a draft now, or at its send time when that is later. The
// audience is fixed now for an immediate campaign, at the send time for a
// scheduled one; sending itself is done by Run, in any process.
func (s *Service) Start(ctx context.Context, id string) error {
	c, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	ok, err := s.sc.transition.Run(ctx, s.rdb, []string{s.ckey(id, "meta")}, StatusDraft, StatusScheduled).Bool()
	if err != nil {
		return wrap("starting campaign", err)
	}
	if !ok {
		return ErrState
	}
	if err := s.rdb.SAdd(ctx, s.activeKey(), id).Err(); err != nil {
		return wrap("starting campaign", err)
	}
	if c.SendAt.After(s.clock()) {
		return nil
	}
	return s.build(ctx, c)
}

// build fixes the audience: one entry per recipient in the recipients
// hash, and one queue per channel. A build cut short by a crash is simply
// redone: nothing is sent before the status is "sending".
func (s *Service) build(ctx context.Context, c Campaign) error {
	meta := s.ckey(c.ID, "meta")
	ok, err := s.sc.transition.Run(ctx, s.rdb, []string{meta}, StatusScheduled, StatusBuilding).Bool()
	if err != nil {
		return wrap("building audience", err)
	}
	if !ok {
		st, err := s.rdb.HGet(ctx, meta, "status").Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return wrap("building audience", err)
		}
		if st != StatusBuilding {
			return nil
		}
	}
	if ok, err := s.rdb.SetNX(ctx, s.ckey(c.ID, "building"), "1", time.Minute).Result(); err != nil || !ok {
		return wrap("building audience", err)
	}
	defer func() {
		// Left, the lock expires within the minute.
		if err := s.rdb.Del(context.WithoutCancel(ctx), s.ckey(c.ID, "building")).Err(); err != nil {
			s.log.Warn("broadcast: releasing the audience build", "campaign", c.ID, "err", err)
		}
	}()
	rk := s.ckey(c.ID, "r")
	channels := map[string]bool{}
	chs, err := s.channelsOf(ctx, c.ID)
	if err != nil {
		return wrap("building audience", err)
	}
	for _, ch := range chs {
		channels[ch] = true
	}
	del := []string{rk}
	for ch := range channels {
		del = append(del, s.ckey(c.ID, "q:"+ch))
	}
	if err := s.rdb.Del(ctx, del...).Err(); err != nil {
		return wrap("building audience", err)
	}
	now := s.clock()
	total, skipped := 0, 0
	p := s.rdb.Pipeline()
	flush := func() error {
		if p.Len() == 0 {
			return nil
		}
		_, err := p.Exec(ctx)
		return err
	}
	outside := 0
	err = s.subscribers(ctx, c.Segment.Topic, func(sub subscriber) error {
		if !c.Segment.matches(sub, now) {
			return nil
		}
		if w := time.Duration(s.cfg.Windows[sub.contact.Channel]); w > 0 && now.Sub(sub.seen) > w {
			// Not written lately: on WhatsApp a notice to them is what
			// gets numbers banned.
			outside++
			return nil
		}
		ck := sub.contact.Key()
		lang := c.textFor(sub.lang)
		if lang == "" {
			skipped++
			p.HSet(ctx, rk, ck, outcomeSkip)
		} else {
			total++
			channels[sub.contact.Channel] = true
			p.HSet(ctx, rk, ck, "p")
			p.RPush(ctx, s.ckey(c.ID, "q:"+sub.contact.Channel), ck+"|"+lang+"|0")
		}
		if p.Len() >= 1000 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return wrap("building audience", err)
	}
	list := make([]string, 0, len(channels))
	for ch := range channels {
		list = append(list, ch)
	}
	sort.Strings(list)
	tx := s.rdb.TxPipeline()
	tx.HSet(ctx, meta, "total", total, "skipped", skipped, "outside", outside, "channels", strings.Join(list, ","),
		// Wall time, not the clock: these measure the sending rate.
		"started", time.Now().UnixMilli())
	tx.HSet(ctx, meta, "status", StatusSending)
	if _, err := tx.Exec(ctx); err != nil {
		// Still "building": the next tick builds it again.
		return wrap("building audience", err)
	}
	s.log.Info("campaign audience fixed", "campaign", c.ID, "recipients", total, "skipped", skipped, "outside_window", outside)
	return nil
}

func (s *Service) channelsOf(ctx context.Context, id string) ([]string, error) {
	v, err := s.rdb.HGet(ctx, s.ckey(id, "meta"), "channels").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, err
	}
	return splitChannels(v), nil
}

// splitChannels reads a campaign's "channels" field.
func splitChannels(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, ",")
}

// Pause stops sending after the messages in flight; Resume continues.
func (s *Service) Pause(ctx context.Context, id string) error {
	return s.move(ctx, id, StatusPaused, StatusSending, StatusScheduled)
}

// Resume continues a paused campaign.
func (s *Service) Resume(ctx context.Context, id string) error {
	meta := s.ckey(id, "meta")
	built, err := s.rdb.HExists(ctx, meta, "started").Result()
	if err != nil {
		return wrap("resuming campaign", err)
	}
	to := StatusScheduled
	if built {
		to = StatusSending
	}
	if err := s.move(ctx, id, to, StatusPaused); err != nil {
		return err
	}
	// A person resumed it: why the platform stopped it is history.
	if err := s.rdb.HDel(ctx, meta, "halted", "halted_at").Err(); err != nil {
		return wrap("resuming campaign", err)
	}
	return wrap("resuming campaign", s.rdb.SAdd(ctx, s.activeKey(), id).Err())
}

// Cancel stops a campaign for good; who did not get it yet will not.
func (s *Service) Cancel(ctx context.Context, id string) error {
	if err := s.move(ctx, id, StatusCancelled, StatusDraft, StatusScheduled, StatusSending, StatusPaused); err != nil {
		return err
	}
	return wrap("cancelling campaign", s.rdb.SRem(ctx, s.activeKey(), id).Err())
}

func (s *Service) move(ctx context.Context, id, to string, from ...string) error {
	for _, f := range from {
		ok, err := s.sc.transition.Run(ctx, s.rdb, []string{s.ckey(id, "meta")}, f, to).Bool()
		if err != nil {
			return wrap("changing campaign status", err)
		}
		if ok {
			return nil
		}
	}
	n, err := s.rdb.Exists(ctx, s.ckey(id, "def")).Result()
	if err != nil {
		return wrap("changing campaign status", err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return ErrState
}

// Report is a campaign's figures.
type Report struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Total   int    `json:"total"`
	Sent    int    `json:"sent"`
	Skipped int    `json:"skipped"`
	// Failed counts by reason: blocked (the person blocked the bot),
	// unreachable (chat gone), error (the platform refused the notice
	// itself), and rate_limited, which campaigns before the channels'
	// pauses counted (gave up after repeated 429s) and none counts now.
	Failed map[string]int `json:"failed"`
	// OutsideWindow were left out because they had not written within
	// the channel's window (Config.Windows) when the audience was fixed.
	OutsideWindow int `json:"outside_window"`
	// Halted says why the platform stopped the campaign (a temporary
	// ban, ...) until a person resumes it; empty otherwise.
	Halted string `json:"halted,omitempty"`
	// Paused are the campaign's channels paused now (a 429, the platform
	// down, the daily cap): sending goes on by itself at Until, and
	// nobody is failed for it.
	Paused []ChannelPause `json:"paused,omitempty"`
	// Unknown were sent without an answer from the platform (no answer
	// in time, a part of a long notice after the first): they may have
	// the notice, so they are not sent it again.
	Unknown int `json:"unknown"`
	// Pending are still queued (for a cancelled campaign: never sent).
	Pending int `json:"pending"`
	// InFlight are marked "sending" and not yet confirmed. Once nothing
	// is sending any more, these are the unknown ones: the process died
	// between the send and its confirmation, and they are not resent.
	InFlight int `json:"in_flight"`
	// Replies counts recipients who wrote within the reply window after
	// their notice (see countReply); Unsubscribed who stopped.
	Replies      int       `json:"replies"`
	Unsubscribed int       `json:"unsubscribed"`
	Started      time.Time `json:"started,omitzero"`
	Finished     time.Time `json:"finished,omitzero"`
	// Rate is messages per second sent so far (since Started).
	Rate float64 `json:"rate"`
	// ETA is the expected time left at Rate.
	ETA time.Duration `json:"eta"`
	// Refusing are the campaign's channels where it waits only for
	// recipients the platform keeps refusing (5xx) while nothing tells
	// that from an outage: they are failed by Until at the latest
	// (Config.GiveUpAfter, and the pause before their next try) unless
	// delivered before or the channel is paused for something else.
	Refusing []ChannelRefusing `json:"refusing,omitempty"`
	// StalledSince is when this process's pacer of the campaign lost
	// Redis (a failover, a restart); zero while it sends, or when another
	// process sends it. Sending resumes by itself.
	StalledSince time.Time `json:"stalled_since,omitzero"`
}

// Done is how many recipients need nothing more.
func (r Report) Done() int {
	n := r.Sent + r.Unknown
	for _, v := range r.Failed {
		n += v
	}
	return n
}

// Report returns a campaign's figures so far.
func (s *Service) Report(ctx context.Context, id string) (Report, error) {
	channels, err := s.rdb.HGet(ctx, s.ckey(id, "meta"), "channels").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return Report{}, wrap("reading campaign", err)
	}
	var (
		meta           map[string]string
		lens           []*redis.IntCmd
		replied, unsub *redis.IntCmd
	)
	// The counters and the queues' lengths are read in one transaction
	// (one slot: the campaign's hash tag): read apart, a recipient a
	// worker claims in between is neither pending nor in flight. The
	// channels name the queues, so they are read first; a campaign that
	// started in between (its channels set with its queues) is read again.
	for range 3 {
		p := s.rdb.TxPipeline()
		metaCmd := p.HGetAll(ctx, s.ckey(id, "meta"))
		lens = lens[:0]
		for _, ch := range splitChannels(channels) {
			lens = append(lens, p.LLen(ctx, s.ckey(id, "q:"+ch)))
		}
		replied = p.SCard(ctx, s.ckey(id, "replied"))
		unsub = p.SCard(ctx, s.ckey(id, "unsub"))
		if _, err := p.Exec(ctx); err != nil {
			return Report{}, wrap("reading campaign", err)
		}
		meta = metaCmd.Val()
		if meta["channels"] == channels {
			break
		}
		channels = meta["channels"]
	}
	if len(meta) == 0 {
		return Report{}, ErrNotFound
	}
	num := func(k string) int { n, _ := strconv.Atoi(meta[k]); return n }
	r := Report{ID: id, Status: meta["status"], Total: num("total"), Sent: num("sent"), Skipped: num("skipped"),
		InFlight: num("inflight"), OutsideWindow: num("outside"), Halted: meta["halted"], Unknown: num(outcomeUnknown),
		Failed: map[string]int{}}
	for _, reason := range []string{ReasonBlocked, ReasonUnreachable, ReasonRateLimited, ReasonError} {
		r.Failed[reason] = num("f:" + reason)
	}
	for _, l := range lens {
		r.Pending += int(l.Val())
	}
	r.Replies, r.Unsubscribed = int(replied.Val()), int(unsub.Val())
	if r.Status == StatusSending || r.Status == StatusPaused {
		if r.Paused, err = s.pauses(ctx, splitChannels(meta["channels"])); err != nil {
			return Report{}, wrap("reading the channels' pauses", err)
		}
	}
	if r.Status == StatusSending || r.Status == StatusPaused {
		r.Refusing = s.refusingOf(meta)
	}
	r.StalledSince = s.stalledSince(id)
	if ms, err := strconv.ParseInt(meta["started"], 10, 64); err == nil {
		r.Started = time.UnixMilli(ms)
	}
	if ms, err := strconv.ParseInt(meta["finished"], 10, 64); err == nil {
		r.Finished = time.UnixMilli(ms)
	}
	if !r.Started.IsZero() {
		end := r.Finished
		if end.IsZero() {
			end = time.Now()
		}
		if secs := end.Sub(r.Started).Seconds(); secs > 0 {
			r.Rate = float64(r.Done()) / secs
		}
		if r.Rate > 0 && r.Pending > 0 {
			r.ETA = time.Duration(float64(r.Pending) / r.Rate * float64(time.Second))
		}
	}
	return r, nil
}

// ChannelRefusing is a channel on which a campaign waits only for
// recipients the platform keeps refusing, since when, and when they are
// failed at the latest if it goes on refusing them.
type ChannelRefusing struct {
	Channel string    `json:"channel"`
	Since   time.Time `json:"since"`
	Until   time.Time `json:"until"`
}

// refusingOf reads the channels a campaign waits on for refused
// recipients from its meta hash (the refusing script's fields). Each of
// them had its first 5xx before Since, so they are failed at their next
// try after Since + GiveUpAfter: at most an outage's longest pause later,
// unless the channel is paused for something else (shown apart).
func (s *Service) refusingOf(meta map[string]string) []ChannelRefusing {
	var out []ChannelRefusing
	for k, v := range meta {
		ch, ok := strings.CutPrefix(k, "refused:")
		if !ok {
			continue
		}
		since := msTime(v)
		if since.IsZero() {
			continue
		}
		out = append(out, ChannelRefusing{Channel: ch, Since: since, Until: since.Add(time.Duration(s.cfg.GiveUpAfter) + outageMax)})
	}
	slices.SortFunc(out, func(a, b ChannelRefusing) int { return strings.Compare(a.Channel, b.Channel) })
	return out
}

// outcomeSkip is the outcome of a recipient the campaign has no text for
// in their language: nothing is sent to them.
const outcomeSkip = "skip"

// Outcomes are all the outcomes WriteCSV can write for a recipient; the
// console's report names each in the operator's language
// (console.campaigns.csv.outcome.*).
func Outcomes() []string {
	return []string{"pending", "sending", "sent", outcomeSkip, outcomeUnknown,
		ReasonBlocked, ReasonUnreachable, ReasonRateLimited, ReasonError}
}

// WriteCSV writes one row per recipient: channel, pseudonymous contact,
// outcome, and whether they replied or unsubscribed. Outcomes: sent,
// skip (no text in their language), pending, sending (unknown once the
// campaign ended: a crash between the send and its record), unknown (sent
// without an answer from the platform), or a failure reason.
func (s *Service) WriteCSV(ctx context.Context, id string, w interface{ Write([]string) error }) error {
	if err := w.Write([]string{"channel", "contact", "outcome", "replied", "unsubscribed"}); err != nil {
		return wrap("writing the report", err)
	}
	// Who replied or stopped, as sets: a report has a line per recipient.
	replied, err := s.members(ctx, s.ckey(id, "replied"))
	if err != nil {
		return wrap("reading who replied", err)
	}
	unsub, err := s.members(ctx, s.ckey(id, "unsub"))
	if err != nil {
		return wrap("reading who stopped", err)
	}
	var cursor uint64
	for {
		kv, next, err := s.rdb.HScan(ctx, s.ckey(id, "r"), cursor, "", 1000).Result()
		if err != nil {
			return wrap("reading recipients", err)
		}
		for i := 0; i+1 < len(kv); i += 2 {
			ch, cid, _ := strings.Cut(kv[i], ":")
			out := map[string]string{"p": "pending", "s": "sending", "ok": "sent"}[kv[i+1]]
			if out == "" {
				out = kv[i+1]
			}
			if err := w.Write([]string{ch, s.pseudonym(cid), out, yesNo(replied[kv[i]]), yesNo(unsub[kv[i]])}); err != nil {
				return wrap("writing the report", err)
			}
		}
		cursor = next
		if cursor == 0 {
			return nil
		}
	}
}

// members reads a set of Redis as a Go set.
func (s *Service) members(ctx context.Context, key string) (map[string]bool, error) {
	list, err := s.rdb.SMembers(ctx, key).Result()
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(list))
	for _, m := range list {
		set[m] = true
	}
	return set, nil
}

// count tells Reach, when there is one; a failure costs a statistic,
// never a notice.
func (s *Service) count(ctx context.Context, channel, lang, outcome string) {
	if s.reach == nil {
		return
	}
	if err := s.reach.RecordCampaign(ctx, channel, lang, outcome); err != nil {
		s.log.Warn("broadcast: counting reach", "outcome", outcome, "err", err)
	}
}

// pseudonym is a keyed hash of a contact id, as in the logs.
func (s *Service) pseudonym(id string) string {
	m := hmac.New(sha256.New, s.pkey)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil))[:12]
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// reply renders the notice in lang.
func (c Campaign) reply(lang string) bot.Reply {
	r := bot.Reply{Text: c.Texts[lang], RTL: lang == "ar" || lang == "ur"}
	for _, ch := range c.Choices {
		r.Choices = append(r.Choices, bot.Choice{ID: ch.ID, Label: ch.Labels[lang]})
	}
	return r
}

// TestSend sends the notice to one contact (the operator's own chat) in
// lang (or the fallback), outside the campaign's figures.
func (s *Service) TestSend(ctx context.Context, id string, to bot.Contact, lang string) error {
	c, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	l := c.textFor(lang)
	if l == "" {
		return Problem{Code: ProblemTestNoText, Lang: lang, text: fmt.Sprintf("broadcast: test send: the campaign has no text for %q and skips it", lang)}
	}
	if !s.sends(to.Channel) {
		return Problem{Code: ProblemTestChannel, Value: to.Channel, text: fmt.Sprintf("broadcast: test send: no sender for channel %q", to.Channel)}
	}
	return s.out.Send(ctx, to, c.reply(l))
}

// rate is the campaign share of a channel's rate, in messages per second.
func (s *Service) rate(channel string) float64 {
	r := s.cfg.Rates[channel]
	if r <= 0 {
		return 0
	}
	return r * s.cfg.Share
}

// errNoRate: a channel without a rate, which nothing but a change of the
// configuration (and a restart) mends.
var errNoRate = errors.New("no rate configured")

// take waits for a token of channel's bucket; false when ctx ended.
func (s *Service) take(ctx context.Context, channel string) (bool, error) {
	rate := s.rate(channel)
	if rate <= 0 {
		return false, fmt.Errorf("broadcast: %w for channel %q (broadcast.rates.%s)", errNoRate, channel, channel)
	}
	// A burst of a tenth of a second's worth keeps any one-second window
	// below rate×1.1, under the platform limit with the default share.
	burst := math.Max(1, rate/10)
	for {
		// The wait is from the time the script was asked at: the instant
		// it names is the one the workers wait for too (a pause's end).
		asked := s.pacing.Now()
		wait, err := s.sc.bucket.Run(ctx, s.rdb, []string{s.bucketKey(channel), s.pauseKey(channel)},
			rate, burst, s.paceAt(asked)).Int64()
		if err != nil {
			return false, wrap("rate bucket", err)
		}
		if wait <= 0 {
			return true, nil
		}
		if !s.pacing.SleepUntil(ctx, asked.Add(time.Duration(wait)*time.Millisecond)) {
			return false, nil
		}
	}
}

// bucketKey and pauseKey are a channel's rate bucket and its pause after a
// 429. The bucket script reads both, so they share the channel's hash tag:
// on a Cluster they are in one slot.
func (s *Service) bucketKey(channel string) string {
	return s.keys.Global("bc:{pace:" + channel + "}:bucket")
}

func (s *Service) pauseKey(channel string) string {
	return s.keys.Global("bc:{pace:" + channel + "}:pause")
}

// outageKey says why a channel is paused and since when (a hash: until,
// since, kind, wait), next to its pause key, for the console and for the
// growing waits of an outage.
func (s *Service) outageKey(channel string) string {
	return s.keys.Global("bc:{pace:" + channel + "}:outage")
}

// PauseReason is why a channel's campaigns are paused.
type PauseReason string

// Why a channel pauses, for every campaign on it.
const (
	// PauseRateLimited: the platform asked to slow down (a 429 and its
	// retry_after).
	PauseRateLimited PauseReason = "rate_limited"
	// PauseUnavailable: the platform is down or not answering (5xx, no
	// connection, WhatsApp not connected); the pause grows while it lasts.
	PauseUnavailable PauseReason = "unavailable"
	// PauseRestricted: the platform restricted the account (a WhatsApp
	// ban), until the end it gave.
	PauseRestricted PauseReason = "restricted"
	// PauseDailyCap: the channel's campaign messages for the day are
	// spent (Config.DailyCaps), until the next day.
	PauseDailyCap PauseReason = "daily_cap"
)

// The pause of a channel whose platform is down: outageMin at first,
// doubling while the outage lasts, up to outageMax, so that a blip costs
// seconds and a long outage is asked about every few minutes.
const (
	outageMin = 2 * time.Second
	outageMax = 5 * time.Minute
)

// ChannelPause is a channel's pause, shown with a campaign sending on it.
type ChannelPause struct {
	Channel string      `json:"channel"`
	Until   time.Time   `json:"until"`
	Since   time.Time   `json:"since"`
	Reason  PauseReason `json:"reason"`
}

// paceNow is the time for the bucket scripts, in milliseconds: "" for
// Redis' own clock, else the pacing clock's.
func (s *Service) paceNow() string {
	return s.paceAt(s.pacing.Now())
}

// paceAt is paceNow at a time read before.
func (s *Service) paceAt(t time.Time) string {
	if s.redisTime {
		return ""
	}
	return strconv.FormatFloat(float64(t.UnixMicro())/1000, 'f', 3, 64)
}

// pause holds channel for at least d, for why: in Redis for every
// process (the bucket script honours it), and here for this process's
// workers that already hold a token. An outage (PauseUnavailable) holds it
// longer each time it fails again (see the pause script). It returns how
// long the channel is paused from now.
func (s *Service) pause(ctx context.Context, channel string, d time.Duration, why PauseReason) time.Duration {
	grow := ""
	if why == PauseUnavailable {
		grow = "grow"
	}
	// The pause ends left after the time the script was asked at, not
	// after a time read once it answered: meanwhile the pacer may have
	// read the new pause from the bucket and waited it out, and a pause
	// counted from then would make the workers wait for it twice.
	asked := s.pacing.Now()
	left, err := s.sc.pause.Run(ctx, s.rdb, []string{s.pauseKey(channel), s.outageKey(channel)},
		d.Milliseconds(), s.paceAt(asked), string(why), grow, outageMin.Milliseconds(), outageMax.Milliseconds()).Int64()
	if err != nil {
		s.log.Warn("broadcast: pausing the channel for other processes", "channel", channel, "err", err)
		left = max(d, outageMin).Milliseconds()
	}
	p := time.Duration(left) * time.Millisecond
	s.mu.Lock()
	if until := asked.Add(p); until.After(s.pausedUntil[channel]) {
		s.pausedUntil[channel] = until
	}
	s.mu.Unlock()
	return p
}

// pauses reads the pauses in force of channels.
func (s *Service) pauses(ctx context.Context, channels []string) ([]ChannelPause, error) {
	if len(channels) == 0 {
		return nil, nil
	}
	p := s.rdb.Pipeline()
	cmds := make([]*redis.SliceCmd, len(channels))
	for i, ch := range channels {
		cmds[i] = p.HMGet(ctx, s.outageKey(ch), "until", "since", "kind")
	}
	if _, err := p.Exec(ctx); err != nil {
		return nil, err
	}
	now := s.pacing.Now()
	var out []ChannelPause
	for i, ch := range channels {
		v := cmds[i].Val()
		until, since, kind := msTime(v[0]), msTime(v[1]), v[2]
		if !until.After(now) {
			continue
		}
		k, _ := kind.(string)
		out = append(out, ChannelPause{Channel: ch, Until: until, Since: since, Reason: PauseReason(k)})
	}
	return out, nil
}

// msTime reads a time stored by the scripts in milliseconds (zero when
// absent).
func msTime(v any) time.Time {
	str, _ := v.(string)
	ms, err := strconv.ParseFloat(str, 64)
	if err != nil {
		return time.Time{}
	}
	return time.UnixMicro(int64(ms * 1000))
}

// stall records that Redis stopped answering the pacer of campaign id's
// channel here, since then.
func (s *Service) stall(id, channel string, since time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stalled == nil {
		s.stalled = map[string]time.Time{}
	}
	s.stalled[id+"/"+channel] = since
}

// unstall clears the mark stall set at since, and only that one (zero:
// none was set).
func (s *Service) unstall(id, channel string, since time.Time) {
	if since.IsZero() {
		return
	}
	k := id + "/" + channel
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stalled[k].Equal(since) {
		delete(s.stalled, k)
	}
}

// stalledSince is when the first of campaign id's pacers still waiting
// for Redis here lost it; zero when none is.
func (s *Service) stalledSince(id string) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var first time.Time
	for k, since := range s.stalled {
		if c, _, ok := strings.Cut(k, "/"); ok && c == id && (first.IsZero() || since.Before(first)) {
			first = since
		}
	}
	return first
}
