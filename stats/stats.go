// Package stats keeps anonymous counters of what people need, and shows and
// exports them without letting anybody be identified.
//
// # What is counted
//
// The conversation's events (bot.EventSink): "need" when a person reaches an
// area or service screen, "handoff" when a case is requested; and, through
// RecordOutcome, RecordAppointmentStatus and RecordCampaign, how cases
// ended, how appointments went and what campaign messages reached.
// Counters are per ISO week in the desk's time zone (stats.timezone).
// A "conversation reaching an area" is one person reaching that area on one
// local day: going back and forth in the menus counts once, and an event
// delivered twice after a crash (EventSinks must be idempotent) counts once.
// Its topic is the first topic the person reached in that area that day, so
// that topics add up to their area. Busiest hours count people active in an
// hour, once per person and hour. A zero is shown as 0: it identifies nobody.
//
// Nothing personal is stored: keys and values hold area, topic, language,
// channel, reason and outcome ids (restricted to [a-z0-9_-]) and numbers.
// Distinct people are counted with Redis HyperLogLogs of an HMAC-SHA256 of
// the contact key under stats.secret; the raw id is never written. The
// short-lived markers that make counting idempotent are named by the same
// keyed hash and expire within two days. So Stats needs no bot.Eraser:
// "delete my data" has nothing of the person to delete here, and the
// counts stay, as issue 9 asks.
//
// # Small numbers
//
// A count from 1 to threshold-1 is shown as "<5" (for threshold 5), never as
// its value, on the page and in exports. Suppression must not be undone by
// arithmetic, so:
//
//  1. The week is the atom. Every number published for a date range is a sum
//     of per-week numbers, and each week's numbers, suppression included, are
//     decided from that week's data alone. Two exports whose ranges differ by
//     one week therefore show that week exactly as an export of the week
//     alone would: nothing more can be learnt by subtracting them. A range
//     total is shown only when all its weekly parts are shown; otherwise it
//     is "hidden" (or "<5" when it is exactly one suppressed part).
//  2. Within a week, tables that add up (areas, languages and channels to
//     the week's total; topics to their area; handoff areas, reasons and
//     urgency to the handoffs; outcomes; hours and weekdays to the
//     activity; appointments by desk to their status; campaign messages
//     by channel and by language to their outcome) form groups: members
//     and their total. Complementary suppression: in every group where exactly
//     one member (total included) is hidden, the smallest other non-zero
//     member is hidden too, repeated until no group has exactly one.
//  3. Then an audit propagates bounds through the groups as an attacker
//     would and withholds one more cell wherever a withheld value would be
//     pinned to a single number (1+1=2 is the classic case). A "<5" cell
//     is 1..threshold-1; a "hidden" one is at least 1, since zeros are
//     published as 0 (and, to err on the safe side, at least threshold
//     when the count is). When no shown cell is left to hide, a "<5" cell
//     is relabelled "hidden", which drops its upper bound: a week of four
//     conversations, one per area, all in Arabic, shows the areas as "<5"
//     and the total and the language as "hidden", because "<5" for both
//     would make four areas of at least 1 add up to at most 4. So a
//     "hidden" cell may be any count, small ones included. The groups of
//     one week form a tree (every table is a breakdown of one total;
//     topics, with a "(no topic)" row, break down their area), for which
//     this propagation finds the tightest bounds the sums allow; a brute-
//     force test checks it against every week consistent with a
//     publication.
//     Cross-tabulations (area by language, area by channel, day by hour) are
//     counted but not published: their cycles would need a linear-programming
//     audit.
//
// Distinct people (HyperLogLog) are at most the conversations they had, a
// bound that could pin a hidden conversation count; so a week's count of
// people in an area is shown only when that week's conversations in the
// area are. They do not add up across weeks: for a range they are the
// count of the union, rounded down to a multiple of 10 (so differences
// between ranges cannot isolate fewer than ten people), and shown only when
// every week's conversations in the area are.
//
// # Redis keys
//
// Everything lives under the hash tag {stats}, so that the Lua script and
// multi-key PFCOUNT stay in one Cluster slot:
//
//	<prefix>{stats}:secret                  generated HMAC key (when stats.secret is empty); no TTL
//	<prefix>{stats}:w:<2026-W48>:need       hash: n (conversations), a|<area>, t|<area>|<topic>,
//	                                        l|<lang>, c|<channel>, s|<source>, al|<area>|<lang>, ac|<area>|<channel>
//	<prefix>{stats}:w:<week>:handoff        hash: n, a|<area>, t|<area>|<topic>, r|<reason>, u|1, l|<lang>, c|<channel>
//	<prefix>{stats}:w:<week>:outcome        hash: n, o|<outcome>, ao|<area>|<outcome>, lo|<lang>|<outcome>, co|<channel>|<outcome>
//	<prefix>{stats}:w:<week>:appt           hash: s|<status>, ds|<desk>|<status>, as|<area>|<status>
//	<prefix>{stats}:w:<week>:campaign       hash: o|<outcome>, co|<channel>|<outcome>, lo|<lang>|<outcome>
//	<prefix>{stats}:w:<week>:profile        hash: f|<question> (answers), v|<question>|<answer>
//	<prefix>{stats}:w:<week>:hours          hash: n, h|<00-23>, d|<1-7>, dh|<1-7>|<00-23> (people active per hour)
//	<prefix>{stats}:w:<week>:people         HyperLogLog of keyed hashes: distinct people that week
//	<prefix>{stats}:w:<week>:people:<area>  HyperLogLog: distinct people per area
//	<prefix>{stats}:seen:<hmac>             idempotency marker, expires after 2 days
//	<prefix>{stats}:appt:<hmac>             hash: the counted status of one appointment (keyed
//	                                        hash of its code), see RecordAppointmentStatus; 400 days
//
// Weekly keys expire stats.keep (default three years) after their week ends.
package stats

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	// The desk's time zone must load on servers without a zoneinfo
	// database (distroless images).
	_ "time/tzdata"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/flows"
	"frontdoor/store"
)

// Outcomes of a case, for RecordOutcome.
var Outcomes = []string{"resolved", "appointment_booked", "referred", "no_answer", "withdrawn"}

// Campaign outcomes, for RecordCampaign: "sent" and "failed" are
// deliveries; "replied" and "unsubscribed" what people then did.
var CampaignOutcomes = []string{"sent", "failed", "replied", "unsubscribed"}

// Appointment statuses, for RecordAppointmentStatus: "booked" counts the
// booking; the others are what became of it, one at a time.
var AppointmentStatuses = []string{"booked", "cancelled", "attended", "no_show"}

var _ bot.EventSink = (*Stats)(nil)

// source is where a conversation came from, for the table by desk: the
// deep-link tag (a desk's website or poster, a campaign), or "direct".
func source(tag string) string {
	if tag == "" {
		return "direct"
	}
	return clean(tag)
}

// profileAnswer reports whether field and value are one of the optional
// profile questions' coarse categories (flows.ProfileQuestions): nothing
// else a person might say about themselves is counted.
func profileAnswer(field, value string) bool {
	for _, q := range flows.ProfileQuestions() {
		if q.Field == field {
			return slices.Contains(q.Values, value)
		}
	}
	return false
}

// Stats counts and reports. It is safe for concurrent use.
type Stats struct {
	rdb       redis.UniversalClient
	keys      store.Keys
	loc       *time.Location
	threshold int64
	keep      time.Duration
	secret    []byte
	clock     func() time.Time
}

// markerTTL outlives any redelivery of an event (the dispatcher retries
// within minutes) and the local day a marker stands for.
const markerTTL = 48 * time.Hour

// New checks cfg and prepares the secret. With stats.secret empty, a random
// secret is generated once and stored in Redis (SET NX, so every instance
// agrees), so that a restart keeps counting the same person as the same
// person. Set stats.secret to keep the key out of Redis: whoever holds both
// the key and the HyperLogLogs can test whether a known contact was counted.
func New(rdb redis.UniversalClient, keys store.Keys, cfg Config, clock func() time.Time) (*Stats, error) {
	s, err := open(rdb, keys, cfg, clock)
	if err != nil {
		return nil, err
	}
	if cfg.Secret != "" {
		s.secret = []byte(cfg.Secret)
		return s, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("stats: generate secret: %w", err)
	}
	key := s.key("secret")
	if err := rdb.SetNX(ctx, key, hex.EncodeToString(b), 0).Err(); err != nil {
		return nil, fmt.Errorf("stats: store secret: %w", err)
	}
	v, err := rdb.Get(ctx, key).Result()
	if err != nil {
		return nil, fmt.Errorf("stats: read secret: %w", err)
	}
	s.secret = []byte(v)
	return s, nil
}

// NewReadOnly gives a Stats that reports and exports but counts nothing:
// it writes nothing to Redis, not even a generated secret, so that an
// export is a pure read. Its Handle and Record methods return an error.
func NewReadOnly(rdb redis.UniversalClient, keys store.Keys, cfg Config, clock func() time.Time) (*Stats, error) {
	return open(rdb, keys, cfg, clock)
}

// open checks cfg and builds a Stats without a secret.
func open(rdb redis.UniversalClient, keys store.Keys, cfg Config, clock func() time.Time) (*Stats, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	loc, err := time.LoadLocation(cfg.Timezone)
	if err != nil {
		return nil, fmt.Errorf("stats.timezone: %w", err)
	}
	if clock == nil {
		clock = time.Now
	}
	return &Stats{rdb: rdb, keys: keys, loc: loc, threshold: int64(cfg.Threshold), keep: time.Duration(cfg.Keep), clock: clock}, nil
}

// errReadOnly: see NewReadOnly.
var errReadOnly = errors.New("stats: read-only (NewReadOnly) counts nothing")

// writable refuses counting without a secret: a read-only Stats would
// otherwise hash people under an empty key.
func (s *Stats) writable() error {
	if len(s.secret) == 0 {
		return errReadOnly
	}
	return nil
}

func (s *Stats) key(name string) string { return s.keys.Global("{stats}:" + name) }

func (s *Stats) weekKey(week, name string) string { return s.key("w:" + week + ":" + name) }

// hash is the keyed pseudonym of a contact (or of a contact and a unit of
// counting), never reversible without the secret.
func (s *Stats) hash(parts ...string) string {
	m := hmac.New(sha256.New, s.secret)
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return hex.EncodeToString(m.Sum(nil))
}

// clean keeps ids only: a field name in the counters must never carry text a
// person wrote, whatever a future flow puts in an event.
func clean(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" {
		return "none"
	}
	if len(v) > 40 {
		return "other"
	}
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return "other"
		}
	}
	return v
}

// record is the unit of counting: an optional idempotency marker and the
// increments it guards, applied atomically by one script.
type record struct {
	marker string // empty: always count
	ops    []op
}

type op struct {
	pf    bool // PFADD instead of HINCRBY
	key   string
	field string
}

// countScript applies groups of increments; each group is skipped when its
// marker already exists. All keys share the {stats} hash tag.
//
//	KEYS: every key mentioned; ARGV[1] marker TTL ms; ARGV[2] expire-at (unix s);
//	then per group: marker key index (0: none), op count, then per op: kind ("h"|"p"), key index, field.
var countScript = redis.NewScript(`
local i = 3
local applied = 0
while i <= #ARGV do
  local mk = tonumber(ARGV[i])
  local n = tonumber(ARGV[i+1])
  i = i + 2
  local go = true
  if mk > 0 then
    go = redis.call('SET', KEYS[mk], '1', 'NX', 'PX', ARGV[1]) ~= false
  end
  for j = 1, n do
    if go then
      local k = KEYS[tonumber(ARGV[i+1])]
      if ARGV[i] == 'p' then
        redis.call('PFADD', k, ARGV[i+2])
      else
        redis.call('HINCRBY', k, ARGV[i+2], 1)
      end
      redis.call('EXPIREAT', k, ARGV[2])
    end
    i = i + 3
  end
  if go then applied = applied + 1 end
end
return applied
`)

func (s *Stats) apply(ctx context.Context, week time.Time, recs []record) error {
	var keys []string
	idx := map[string]int{}
	ki := func(k string) string {
		if i, ok := idx[k]; ok {
			return strconv.Itoa(i)
		}
		keys = append(keys, k)
		idx[k] = len(keys)
		return strconv.Itoa(len(keys))
	}
	expireAt := week.AddDate(0, 0, 7).Add(s.keep).Unix()
	args := []any{markerTTL.Milliseconds(), expireAt}
	for _, r := range recs {
		mk := "0"
		if r.marker != "" {
			mk = ki(r.marker)
		}
		args = append(args, mk, len(r.ops))
		for _, o := range r.ops {
			kind := "h"
			if o.pf {
				kind = "p"
			}
			args = append(args, kind, ki(o.key), o.field)
		}
	}
	if err := countScript.Run(ctx, s.rdb, keys, args...).Err(); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("stats: count: %w", err)
	}
	return nil
}

// HandleEvent counts "need" and "handoff" events and ignores the others. It
// is idempotent: a redelivered event finds its markers and counts nothing.
func (s *Stats) HandleEvent(ctx context.Context, c bot.Contact, e bot.Event) error {
	if err := s.writable(); err != nil {
		return err
	}
	switch e.Kind {
	case bot.EventNeed, bot.EventHandoff:
	case bot.EventProfile:
		if !profileAnswer(e.Data["field"], e.Data["value"]) {
			return nil // not one of the coarse categories: never counted
		}
	default:
		return nil
	}
	now := s.clock().In(s.loc)
	week, wstart := isoWeek(now)
	day := now.Format("2006-01-02")
	who := s.hash("contact", c.Key())
	area, topic, lang, ch := clean(e.Data["area"]), clean(e.Data["topic"]), clean(e.Data["lang"]), clean(c.Channel)
	hours := s.weekKey(week, "hours")
	wd := strconv.Itoa(weekday(now))
	hh := fmt.Sprintf("%02d", now.Hour())
	recs := []record{{
		marker: s.key("seen:" + s.hash("hour", who, day, hh)),
		ops: []op{{key: hours, field: "n"}, {key: hours, field: "h|" + hh}, {key: hours, field: "d|" + wd},
			{key: hours, field: "dh|" + wd + "|" + hh}},
	}, {
		ops: []op{{pf: true, key: s.weekKey(week, "people"), field: who}},
	}}
	switch e.Kind {
	case bot.EventNeed:
		k := s.weekKey(week, "need")
		recs = append(recs, record{
			marker: s.key("seen:" + s.hash("need", who, day, area)),
			ops: []op{{key: k, field: "n"}, {key: k, field: "a|" + area}, {key: k, field: "l|" + lang},
				{key: k, field: "c|" + ch}, {key: k, field: "s|" + source(e.Data["source"])}, {key: k, field: "al|" + area + "|" + lang}, {key: k, field: "ac|" + area + "|" + ch},
				{pf: true, key: s.weekKey(week, "people:"+area), field: who}},
		})
		if topic != "none" {
			recs = append(recs, record{
				// The first topic of the person's day in the area: so
				// topics (with "(no topic)" for the rest) add up to the
				// area, and suppression can follow that sum.
				marker: s.key("seen:" + s.hash("topic", who, day, area)),
				ops:    []op{{key: k, field: "t|" + area + "|" + topic}},
			})
		}
	case bot.EventProfile:
		k := s.weekKey(week, "profile")
		field := e.Data["field"]
		recs = append(recs, record{
			marker: s.key("seen:" + s.hash("profile", who, field)),
			ops:    []op{{key: k, field: "f|" + field}, {key: k, field: "v|" + field + "|" + e.Data["value"]}},
		})
	case bot.EventHandoff:
		k := s.weekKey(week, "handoff")
		// The message id makes a redelivery recognisable; two requests
		// the same day about the same subject are one case anyway.
		unit := e.Data["message"]
		if unit == "" {
			unit = day + "|" + area + "|" + topic
		}
		urgent := "0"
		if e.Data["urgent"] == "1" {
			urgent = "1"
		}
		recs = append(recs, record{
			marker: s.key("seen:" + s.hash("handoff", who, unit)),
			ops: []op{{key: k, field: "n"}, {key: k, field: "a|" + area}, {key: k, field: "t|" + area + "|" + topic},
				{key: k, field: "r|" + clean(e.Data["reason"])}, {key: k, field: "u|" + urgent},
				{key: k, field: "l|" + lang}, {key: k, field: "c|" + ch}},
		})
	}
	return s.apply(ctx, wstart, recs)
}

// RecordOutcome counts a closed case. The handoff service calls it once per
// case when an operator closes it.
func (s *Stats) RecordOutcome(ctx context.Context, area, lang, channel, outcome string) error {
	if err := s.writable(); err != nil {
		return err
	}
	now := s.clock().In(s.loc)
	week, wstart := isoWeek(now)
	k := s.weekKey(week, "outcome")
	area, lang, channel, outcome = clean(area), clean(lang), clean(channel), clean(outcome)
	return s.apply(ctx, wstart, []record{{ops: []op{{key: k, field: "n"}, {key: k, field: "o|" + outcome},
		{key: k, field: "ao|" + area + "|" + outcome}, {key: k, field: "lo|" + lang + "|" + outcome},
		{key: k, field: "co|" + channel + "|" + outcome}}}})
}

// RecordCampaign counts one campaign message's outcome by channel and
// language. The broadcast package calls it once per message and outcome:
// its sending is at most once, so there is no retry to count twice.
func (s *Stats) RecordCampaign(ctx context.Context, channel, lang, outcome string) error {
	if err := s.writable(); err != nil {
		return err
	}
	outcome = clean(outcome)
	if !slices.Contains(CampaignOutcomes, outcome) {
		return fmt.Errorf("stats: campaign outcome %q is not one of %v", outcome, CampaignOutcomes)
	}
	week, wstart := isoWeek(s.clock().In(s.loc))
	k := s.weekKey(week, "campaign")
	return s.apply(ctx, wstart, []record{{ops: []op{{key: k, field: "o|" + outcome},
		{key: k, field: "co|" + clean(channel) + "|" + outcome}, {key: k, field: "lo|" + clean(lang) + "|" + outcome}}}})
}

// apptStateTTL keeps an appointment's last counted status long enough for
// any later change (booking keeps appointments 35 days after their day,
// and books months ahead), refreshed at every change.
const apptStateTTL = 400 * 24 * time.Hour

// apptScript counts one appointment status idempotently against the state
// the caller read (compare and set on the week its status is counted in,
// so that the caller could name that week's key):
//
//	KEYS[1] state hash: bw (week its booking was counted in), w (week its
//	        status is counted in), s, d, a (status, desk, area counted)
//	KEYS[2] weekly appt hash of w (of now when w is empty)
//	KEYS[3] weekly appt hash of now
//	ARGV: expected w, status, desk, area, week of now, state TTL s, expire-at of KEYS[3]
//
// "booked" counts once. Another status counts once, in the week it was
// first given; a different one later moves that count. Returns 1 when it
// counted, 0 for a repeat, -1 when the state changed under the caller.
var apptScript = redis.NewScript(`
local w = redis.call('HGET', KEYS[1], 'w') or ''
if w ~= ARGV[1] then return -1 end
local function count(k, st, desk, area, by)
  redis.call('HINCRBY', k, 's|' .. st, by)
  redis.call('HINCRBY', k, 'ds|' .. desk .. '|' .. st, by)
  redis.call('HINCRBY', k, 'as|' .. area .. '|' .. st, by)
end
local st, desk, area, now = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local counted = 0
if st == 'booked' then
  if redis.call('HSETNX', KEYS[1], 'bw', now) == 1 then
    count(KEYS[3], st, desk, area, 1)
    redis.call('EXPIREAT', KEYS[3], ARGV[7])
    counted = 1
  end
else
  local old = redis.call('HGET', KEYS[1], 's')
  if old ~= st then
    -- The week the old status is in may have expired (stats.keep):
    -- then the new one starts afresh in this week.
    if old and redis.call('EXISTS', KEYS[2]) == 1 then
      local o = redis.call('HMGET', KEYS[1], 'd', 'a')
      count(KEYS[2], old, o[1], o[2], -1)
      count(KEYS[2], st, desk, area, 1)
    else
      count(KEYS[3], st, desk, area, 1)
      redis.call('EXPIREAT', KEYS[3], ARGV[7])
      redis.call('HSET', KEYS[1], 'w', now)
    end
    redis.call('HSET', KEYS[1], 's', st, 'd', desk, 'a', area)
    counted = 1
  end
end
redis.call('EXPIRE', KEYS[1], ARGV[6])
return counted
`)

// RecordAppointmentStatus counts what happened to appointment id (the
// booking's code): "booked" when it is booked, then "cancelled",
// "attended" or "no_show". It is idempotent: a repeated call counts
// nothing, and a changed status (attended corrected to no-show) moves the
// appointment's count from the old status to the new one, in the week the
// first was counted in. The id is stored only as a keyed hash.
func (s *Stats) RecordAppointmentStatus(ctx context.Context, id, desk, area, status string) error {
	if err := s.writable(); err != nil {
		return err
	}
	status = clean(status)
	if id == "" {
		return errors.New("stats: appointment without an id")
	}
	if !slices.Contains(AppointmentStatuses, status) {
		return fmt.Errorf("stats: appointment status %q is not one of %v", status, AppointmentStatuses)
	}
	desk, area = clean(desk), clean(area)
	week, wstart := isoWeek(s.clock().In(s.loc))
	state := s.key("appt:" + s.hash("appointment", id))
	expireAt := wstart.AddDate(0, 0, 7).Add(s.keep).Unix()
	// Another instance may count the same appointment at the same moment:
	// the script then refuses and the state is read again.
	for range 10 {
		w, err := s.rdb.HGet(ctx, state, "w").Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return fmt.Errorf("stats: read appointment state: %w", err)
		}
		in := week
		if w != "" {
			in = w
		}
		keys := []string{state, s.weekKey(in, "appt"), s.weekKey(week, "appt")}
		r, err := apptScript.Run(ctx, s.rdb, keys, w, status, desk, area, week,
			int64(apptStateTTL/time.Second), expireAt).Int()
		if err != nil {
			return fmt.Errorf("stats: count appointment: %w", err)
		}
		if r >= 0 {
			return nil
		}
	}
	return errors.New("stats: count appointment: its status keeps changing")
}

// isoWeek names the ISO week of t (in t's location) and gives its Monday 00:00.
func isoWeek(t time.Time) (string, time.Time) {
	y, w := t.ISOWeek()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	monday := d.AddDate(0, 0, -(weekday(t) - 1))
	return fmt.Sprintf("%04d-W%02d", y, w), monday
}

// weekday is ISO: Monday 1 ... Sunday 7.
func weekday(t time.Time) int {
	wd := int(t.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}
