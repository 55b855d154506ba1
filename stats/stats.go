// Package stats keeps anonymous counters of what people need, and shows and
// exports them without letting anybody be identified.
//
// # What is counted
//
// The conversation's events (bot.EventSink): bot.NeedReached when a person
// reaches an area or service screen, bot.HandoffRequested when a case is
// requested, bot.ProfileAnswered for the optional profile questions; and, through
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
// channel, reason and outcome ids (restricted to [a-z0-9_-]), numbers, and
// random or keyed-hash names that nobody can link to a person once the
// week they belong to is over, or once the person asked to be forgotten.
//
// # Why nobody can be linked (issue 16)
//
// Counting a person once (per week, per area, per day) needs to recognise
// them while they write; anything that recognises them is a link, so it
// lives only as long as that recognition is needed and then goes, taking
// with it what could rebuild it:
//
//   - Every ISO week has a salt: 32 random bytes in Redis, created by the
//     week's first event and deleted when the week ends (plus saltGrace,
//     for an event redelivered across the boundary). From it and
//     stats.secret (when set) comes the week's key (weekSalt); every name
//     derived from a contact is an HMAC under that key, and nothing is
//     derived from the contact id in any other way. A deleted salt cannot
//     be had again (a new one would be new random bytes), so after the
//     week nothing left in Redis, not even with stats.secret, yields a
//     name to look up.
//   - A person counts in the weekly people HyperLogLogs through a random
//     token, not a hash of who they are. The token sits in the person's
//     week record (p:<hash>), which expires when the week ends (a copy in
//     their markers of the day, below, goes no later); once it is gone
//     nobody can find the token again, so no PFADD can test whether a
//     person was counted: there is no element to try.
//   - The markers that make counting idempotent are fields (themselves
//     keyed hashes of the unit: day, area, hour, message id) of one hash
//     per person and day (m:<hash>), kept until the end of the next day:
//     long enough to recognise an event redelivered across midnight.
//   - Stats is a bot.Eraser: "delete my data" recomputes the names of the
//     person's week records and markers from the salts still kept and
//     deletes them at once, so from the confirmation on nothing links them,
//     even while the week's salt lives. The counts stay, as issue 9 asks:
//     the token stays counted, unattached. Someone who writes again after
//     erasing is, to the statistics, a new person that week.
//
// What a Redis dump taken during a week links, until the dump is
// destroyed: that week's people (who wrote, and their last two days'
// markers), to whoever knows their contact id and, when stats.secret is
// set, the secret too. So set stats.secret (kept out of Redis) where dumps
// travel. Since no name outlives its week, distinct people over several
// weeks count a person once per week they wrote in: recognising someone
// across weeks is the link this package refuses to keep.
//
// Before issue 16 the keyed hash used a secret kept for good (in Redis as
// {stats}:secret when stats.secret was empty) and markers named by it. New
// deletes that key, which leaves the older weeks' HyperLogLogs unlinkable;
// where stats.secret was set, those weeks stay testable by whoever knows it
// until it is changed.
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
// area are. For a range they are the count of the union of the weeks (a
// person once per week they wrote in, see above), rounded down to a
// multiple of 10 (so differences between ranges cannot isolate fewer than
// ten people), and shown only when every week's conversations in the area
// are.
//
// # Redis keys
//
// Counting is spread over 16 hash tags, {stats:0} to {stats:15} (S below),
// so that a Cluster's masters share it: an event is counted in the shard
// of the person's week record (see shards), with the person's record and
// markers, by one script in one slot. Reports add the shards up. The
// salts stay under {stats}: every process reads them once in a while.
// Before issue 19 everything was under {stats}: those weekly counters are
// still read and added in, and an appointment whose state is there keeps
// being counted there; a person's record and markers there are deleted
// with theirs on erasure. In the week of the upgrade a person counted by
// both versions counts twice among the distinct people.
//
//	<prefix>{S}:w:<2026-W48>:need           hash: t|<area>|<topic>, s|<source>, alc|<area>|<lang>|<channel>
//	                                        (al|<area>|<lang>, ac|<area>|<channel>, counted before
//	                                        issue 15's alc|, and n, a|<area>, l|<lang>, c|<channel>
//	                                        are added up when read)
//	<prefix>{S}:w:<week>:handoff            hash: a|<area>, t|<area>|<topic>, r|<reason>, u|1, l|<lang>, c|<channel> (n added up)
//	<prefix>{S}:w:<week>:outcome            hash: ao|<area>|<outcome>, lo|<lang>|<outcome>, co|<channel>|<outcome> (n, o| added up)
//	<prefix>{S}:w:<week>:appt               hash: s|<status>, ds|<desk>|<status>, as|<area>|<status>
//	<prefix>{S}:w:<week>:campaign           hash: co|<channel>|<outcome>, lo|<lang>|<outcome> (o|<outcome> added up)
//	<prefix>{S}:w:<week>:profile            hash: v|<question>|<answer> (f|<question>, the answers, added up)
//	<prefix>{S}:w:<week>:hours              hash: dh|<1-7>|<00-23> (people active per hour; n, h|, d| added up)
//	<prefix>{S}:w:<week>:people             HyperLogLog of random tokens, one per person and week: distinct people
//	<prefix>{S}:w:<week>:people:<area>      HyperLogLog of the same tokens: distinct people per area
//	<prefix>{stats}:salt:<week>             the week's salt (random); deleted saltGrace after the week ends
//	<prefix>{stats}:salts                   sorted set: week -> when its salt is deleted (unix ms), so
//	                                        that expired salts go by the package's clock too
//	<prefix>{S}:p:<hmac>                    hash: t (the person's token that week); HMAC of the contact
//	                                        under the week's salt; expires when the week ends
//	<prefix>{S}:m:<hmac>                    hash: <hmac of a unit> = 1, the person's idempotency markers of
//	                                        one day; HMAC of contact and day under the week's salt;
//	                                        expires at the end of the next day, or with the salt if sooner;
//	                                        and t, a copy of the person's token (since issue 15, so that a
//	                                        later event of the day does not read p:), only on a day whose
//	                                        marks go no later than p: (not on a Sunday)
//	<prefix>{stats}:apptkey                 generated HMAC key for appointment codes (when stats.secret
//	                                        is empty); no TTL. It names no person: see RecordAppointmentStatus
//	<prefix>{S}:appt:<hmac>                 hash: the counted status of one appointment (keyed
//	                                        hash of its code), see RecordAppointmentStatus; 400 days
//
// Since issue 15 the totals in brackets are not counted per event (up
// to seven HINCRBYs an event less) but added up from their breakdown when
// a report reads the week (addUp in report.go); hashes written before
// hold them too, and are read right (TestTotalsCountedByTheOldVersionAreRead).
//
// Weekly counters expire stats.keep (default three years) after their
// week ends. Nothing derived from a contact (p:, m:) outlives the salt it
// was derived with, and "delete my data" deletes a person's p: and m: at
// once.
package stats

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	// secret is stats.secret, nil when empty. It goes into every week's
	// key, so that where it is kept out of Redis a dump alone links
	// nobody, not even during the week.
	secret []byte
	// apptKey keys the hashes of appointment codes: stats.secret, or one
	// generated and kept in Redis. Nil for a read-only Stats.
	apptKey []byte
	// random gives salts and tokens; tests replace it to be repeatable.
	random io.Reader
	clock  func() time.Time
	// salts keeps the week's salts in memory once read, so that counting
	// an event costs one round trip, not two.
	salts saltCache
	// expiries are the counters whose expiry was made sure of lately.
	expiries expiryCache
}

// saltCache is the salts last read, for the week they belong to. It is
// read again when the week changes, when the week before's salt is due to
// go (saltGrace into the week), and at least every saltRecheck, so that a
// salt thrown away in Redis is not used for long.
type saltCache struct {
	mu   sync.Mutex
	week string
	sl   salts
	// Between read and until the cached salts hold.
	read, until time.Time
}

// saltRecheck bounds how long a cached salt is used without asking Redis.
const saltRecheck = time.Minute

var _ bot.Eraser = (*Stats)(nil)

const (
	// saltGrace keeps a week's salt past the week's end, so that an event
	// redelivered just after Monday 00:00 (the dispatcher postpones a
	// delivery up to about an hour and a half) still finds Sunday's
	// markers, and "delete my data" still finds them to delete them.
	saltGrace = 2 * time.Hour
	// markDays is how many local days a day's markers are kept: that day
	// and the next, so that a redelivery across midnight is recognised.
	markDays = 2
)

// New checks cfg and prepares the keys. The weekly salts are made when
// first needed (see weekSalts). With stats.secret empty, the key for
// appointment codes is generated once and stored in Redis (SET NX, so
// every instance agrees).
func New(rdb redis.UniversalClient, keys store.Keys, cfg Config, clock func() time.Time) (*Stats, error) {
	s, err := open(rdb, keys, cfg, clock)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// The secret of the layout before issue 16 named every person's
	// markers and weekly HyperLogLog elements for as long as those weeks
	// are kept: without it they link nobody. An instance of the old
	// version may store it again during a rolling upgrade; the next start
	// deletes it again.
	if err := rdb.Del(ctx, s.key("secret")).Err(); err != nil {
		return nil, fmt.Errorf("stats: delete the pre-issue-16 secret: %w", err)
	}
	if len(s.secret) > 0 {
		s.apptKey = s.secret
		return s, nil
	}
	b := make([]byte, 32)
	if _, err := io.ReadFull(s.random, b); err != nil {
		return nil, fmt.Errorf("stats: generate key: %w", err)
	}
	key := s.key("apptkey")
	if err := rdb.SetNX(ctx, key, hex.EncodeToString(b), 0).Err(); err != nil {
		return nil, fmt.Errorf("stats: store key: %w", err)
	}
	v, err := rdb.Get(ctx, key).Result()
	if err != nil {
		return nil, fmt.Errorf("stats: read key: %w", err)
	}
	s.apptKey = []byte(v)
	return s, nil
}

// NewReadOnly gives a Stats that reports and exports but counts nothing:
// it writes nothing to Redis, not even a generated key, so that an export
// is a pure read. Its Handle and Record methods return an error; Erase
// still deletes, since forgetting a person is never refused.
func NewReadOnly(rdb redis.UniversalClient, keys store.Keys, cfg Config, clock func() time.Time) (*Stats, error) {
	return open(rdb, keys, cfg, clock)
}

// open checks cfg and builds a Stats without an appointment key.
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
	s := &Stats{rdb: rdb, keys: keys, loc: loc, threshold: int64(cfg.Threshold), keep: time.Duration(cfg.Keep),
		random: rand.Reader, clock: clock}
	if cfg.Secret != "" {
		s.secret = []byte(cfg.Secret)
	}
	return s, nil
}

// errReadOnly: see NewReadOnly.
var errReadOnly = errors.New("stats: read-only (NewReadOnly) counts nothing")

// writable refuses counting without an appointment key: a read-only Stats
// would otherwise hash appointment codes under an empty key.
func (s *Stats) writable() error {
	if len(s.apptKey) == 0 {
		return errReadOnly
	}
	return nil
}

func (s *Stats) key(name string) string { return s.keys.Global("{stats}:" + name) }

// weekKey names a weekly counter in the layout before issue 19, all under
// {stats}: still read (merged with the shards), written only for an
// appointment counted there before (RecordAppointmentStatus).
func (s *Stats) weekKey(week, name string) string { return s.key("w:" + week + ":" + name) }

// shards is how many hash tags ({stats:0} ... {stats:15}) the counting is
// spread over, so that it is not all on one master of a Cluster. One
// event is counted in one shard, with the person's week record and
// markers (the script that counts it needs them in one slot): the shard
// of the person's week record, so a person is in one shard a week and
// the shards' people are apart. Reports add the shards up (and the old
// {stats} counters): 17 reads for each counter a week.
const shards = 16

// shardKey names a key in shard n.
func (s *Stats) shardKey(n int, name string) string {
	return s.keys.Global("{stats:" + strconv.Itoa(n) + "}:" + name)
}

// shardWeekKey names a weekly counter in shard n.
func (s *Stats) shardWeekKey(n int, week, name string) string {
	return s.shardKey(n, "w:"+week+":"+name)
}

// personShard is the shard the contact is counted in the week of k.
func personShard(k weekSalt, contact string) int { return shardOf(k.person(contact)) }

// personKey names the contact's week record under k, in their shard.
func (s *Stats) personKey(k weekSalt, contact string) string {
	return s.shardKey(personShard(k, contact), k.person(contact))
}

// marksKey names the contact's markers of day under k, in their shard.
func (s *Stats) marksKey(k weekSalt, contact string, day time.Time) string {
	return s.shardKey(personShard(k, contact), k.marks(contact, day))
}

// shardOf is the shard of a name ending in a keyed hash (hex): it is
// random to whoever lacks the key, so people spread evenly and the shard
// tells nothing of who they are.
func shardOf(name string) int {
	h := name[strings.LastIndexByte(name, ':')+1:]
	v, _ := strconv.ParseUint(h[:min(4, len(h))], 16, 32)
	return int(v % shards)
}

// hash is the keyed pseudonym of an appointment code, never reversible
// without the key.
func (s *Stats) hash(parts ...string) string { return keyedHash(s.apptKey, parts...) }

func keyedHash(key []byte, parts ...string) string {
	m := hmac.New(sha256.New, key)
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return hex.EncodeToString(m.Sum(nil))
}

// weekSalt is one week's key for everything derived from a contact: an
// HMAC key made of the week's random salt and stats.secret. Without the
// salt it cannot be made again, whoever knows the secret.
type weekSalt []byte

func (s *Stats) weekSaltOf(salt string) weekSalt {
	m := hmac.New(sha256.New, []byte(salt))
	m.Write([]byte("frontdoor stats week key\x00"))
	m.Write(s.secret)
	return m.Sum(nil)
}

// person names the person's week record (their token).
func (k weekSalt) person(contact string) string { return "p:" + keyedHash(k, "person", contact) }

// marks names the person's markers of one local day.
func (k weekSalt) marks(contact string, day time.Time) string {
	return "m:" + keyedHash(k, "marks", contact, day.Format(time.DateOnly))
}

// mark names one marker in a marks hash: a hash, so that message ids and
// the day's areas are not left readable; 128 bits are plenty within one
// person's day.
func (k weekSalt) mark(unit ...string) string {
	return keyedHash(k, append([]string{"mark"}, unit...)...)[:32]
}

// salts are the week keys of the week of now and, within saltGrace of its
// end, of the week before (nil when gone).
type salts struct{ cur, prev weekSalt }

// saltScript reads, and makes when asked, the salts of the week of now and
// of the week before, by the package's clock: a salt whose time is up (its
// score in the index) is not returned and is listed for deletion, even if
// Redis has not expired it yet.
//
//	KEYS[1] index (sorted set: week -> deletion time, unix ms)
//	KEYS[2] salt of the week of now, KEYS[3] salt of the week before
//	ARGV[1] now (unix ms), ARGV[2] week of now, ARGV[3] its salt's deletion time (unix ms),
//	ARGV[4] its time to live (ms), ARGV[5] a new salt ("": only read), ARGV[6] week before
//
// Returns {salt of the week or nil, salt of the week before or nil, {expired weeks}}.
var saltScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
local cur = redis.call('GET', KEYS[2])
if not cur and ARGV[5] ~= '' then
  redis.call('SET', KEYS[2], ARGV[5], 'PX', ARGV[4])
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  cur = ARGV[5]
end
local prev = false
local at = redis.call('ZSCORE', KEYS[1], ARGV[6])
if at and tonumber(at) > now then
  prev = redis.call('GET', KEYS[3])
end
return {cur or false, prev, expired}
`)

// weekSalts gives the salts of the week of now (made if create and
// missing) and of the week before, and deletes those whose time is up.
func (s *Stats) weekSalts(ctx context.Context, now time.Time, create bool) (salts, error) {
	week, wstart := isoWeek(now)
	s.salts.mu.Lock()
	defer s.salts.mu.Unlock()
	if c := &s.salts; c.week == week && now.Before(c.until) && !now.Before(c.read) {
		return c.sl, nil
	}
	sl, err := s.readSalts(ctx, now, create)
	if err != nil || sl.cur == nil {
		return sl, err
	}
	until := now.Add(saltRecheck)
	if prevGoes := wstart.Add(saltGrace); sl.prev != nil && prevGoes.Before(until) {
		until = prevGoes
	}
	s.salts.week, s.salts.sl, s.salts.read, s.salts.until = week, sl, now, until
	return sl, nil
}

// readSalts is weekSalts from Redis.
func (s *Stats) readSalts(ctx context.Context, now time.Time, create bool) (salts, error) {
	week, wstart := isoWeek(now)
	prevWeek, _ := isoWeek(wstart.AddDate(0, 0, -1))
	deleteAt := wstart.AddDate(0, 0, 7).Add(saltGrace)
	candidate := ""
	if create {
		b := make([]byte, 32)
		if _, err := io.ReadFull(s.random, b); err != nil {
			return salts{}, fmt.Errorf("stats: make a salt: %w", err)
		}
		candidate = hex.EncodeToString(b)
	}
	index := s.key("salts")
	res, err := saltScript.Run(ctx, s.rdb, []string{index, s.key("salt:" + week), s.key("salt:" + prevWeek)},
		now.UnixMilli(), week, deleteAt.UnixMilli(), deleteAt.Sub(now).Milliseconds(), candidate, prevWeek).Slice()
	if err != nil {
		return salts{}, fmt.Errorf("stats: read salts: %w", err)
	}
	var out salts
	if v, ok := res[0].(string); ok {
		out.cur = s.weekSaltOf(v)
	}
	if v, ok := res[1].(string); ok {
		out.prev = s.weekSaltOf(v)
	}
	if expired, _ := res[2].([]any); len(expired) > 0 {
		// Redis expires them too, by its own clock; this is for a
		// clock that runs ahead of it (tests, a skewed host).
		var dead []string
		var weeks []any
		for _, w := range expired {
			if w, ok := w.(string); ok {
				dead = append(dead, s.key("salt:"+w))
				weeks = append(weeks, w)
			}
		}
		if _, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Del(ctx, dead...)
			p.ZRem(ctx, index, weeks...)
			return nil
		}); err != nil {
			return salts{}, fmt.Errorf("stats: delete expired salts: %w", err)
		}
	}
	if create && out.cur == nil {
		return salts{}, errors.New("stats: the week's salt was not made")
	}
	return out, nil
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
	// mark is the marker's field in today's marks ("": always count);
	// seen, when set, its field in yesterday's marks: found there, the
	// event was already counted before midnight.
	mark, seen string
	ops        []op
}

type op struct {
	pf bool // PFADD of the person's token instead of HINCRBY
	// daily: the PFADD is made only at the person's first count of the
	// day (today's marks do not hold their token yet), for the week's
	// people: a person's first event of a week is their first of a day.
	daily bool
	key   string
	field string
}

// who is the person an event is counted for: the names of their week
// record and of today's and yesterday's markers, and how long those live.
type who struct {
	person, marks, yesterday string
	personTTL, marksTTL      time.Duration
}

// keepsToken reports whether today's marks may keep a copy of the
// person's token (see countScript): only when they go no later than the
// week record, so that the token lives no longer than it did (on a
// Sunday the marks live into the next week, for saltGrace).
func (w *who) keepsToken() bool { return w.marksTTL <= w.personTTL }

// countScript applies groups of increments; each group is skipped when its
// marker is already set today or yesterday. All keys share one shard's
// hash tag (yesterday's markers of another week's shard are checked
// before: notSeen).
//
//	KEYS: with a person, [1] their week record, [2] today's marks, [3] yesterday's
//	      marks (or [2] again); then every counter mentioned
//	ARGV[1] counters' expire-at (unix s); ARGV[2] a new token ("": no person);
//	ARGV[3] the week record's TTL ms; ARGV[4] the marks' TTL ms;
//	ARGV[5] "1" when today's marks may keep the person's token (keepsToken);
//	ARGV[6] how many key indexes follow whose expiry to make sure of
//	(HyperLogLogs: a hash gets its expiry when a field is made); then
//	those indexes; then per group: today's marker ("": none),
//	yesterday's ("": none), op count, then per op: kind ("h" HINCRBY,
//	"p" PFADD, "d" PFADD at the day's first count only), key index, field.
//
// Today's markers are read in one HMGET and the new ones written in one
// HSET (a command per group before, an HSETNX each), with the person's
// token when the marks may keep it: a later event of the day then finds
// the token there and does not read the week record (an HSETNX and an
// HGET before). The copy goes wherever the marks go: with them at the end
// of the next day, with the person's erasure (Erase deletes both), and
// never later than the week record (keepsToken).
//
// Returns the indexes of the keys whose expiry it made sure of (those that
// exist): the caller does not ask for them again for a while (expiryCache).
var countScript = redis.NewScript(`
-- Expiries are absolute (the week's end, the end of tomorrow), so they are
-- set when a key is made, not on every event; and the person's token is
-- read only when a count needs it. An event already counted costs the
-- read of its markers.
local groups, fields = {}, {}
local i = 7 + tonumber(ARGV[6])
while i <= #ARGV do
  local g = {mark = ARGV[i], seen = ARGV[i+1], n = tonumber(ARGV[i+2]), at = i + 3}
  groups[#groups+1] = g
  if g.mark ~= '' then fields[#fields+1] = g.mark end
  i = g.at + 3 * g.n
end
local keep = ARGV[5] == '1'
local set = {}
local kept = nil
if #fields > 0 then
  if keep then fields[#fields+1] = 't' end
  local got = redis.call('HMGET', KEYS[2], unpack(fields))
  for j = 1, #fields do
    if got[j] then set[fields[j]] = true end
  end
  if keep and got[#fields] then kept = got[#fields] end
end
local token = kept
local function person()
  if token == nil then
    if redis.call('HSETNX', KEYS[1], 't', ARGV[2]) == 1 then
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      token = ARGV[2]
    else
      token = redis.call('HGET', KEYS[1], 't')
    end
  end
  return token
end
-- Yesterday's markers are looked up only when they exist: a person who
-- wrote nothing yesterday (most events) costs one EXISTS an event instead
-- of an HEXISTS per group. (HEXISTS on a missing hash is 0 all the same.)
local yesterday = nil
local function seenYesterday(field)
  if yesterday == nil then
    yesterday = redis.call('EXISTS', KEYS[3]) == 1
  end
  return yesterday and redis.call('HEXISTS', KEYS[3], field) == 1
end
local marked = {}
local hourNew = false
local expiring = {}
for gi, g in ipairs(groups) do
  local go = true
  if g.seen ~= '' and seenYesterday(g.seen) then
    go = false
  end
  if go and g.mark ~= '' then
    if set[g.mark] then
      go = false
    else
      set[g.mark] = true
      marked[#marked+1] = g.mark
      marked[#marked+1] = '1'
    end
  end
  if gi == 1 then hourNew = go and g.mark ~= '' end
  if go then
    for j = 0, g.n - 1 do
      local at = g.at + 3 * j
      local kind, k = ARGV[at], KEYS[tonumber(ARGV[at+1])]
      if kind == 'p' or (kind == 'd' and kept == nil) then
        redis.call('PFADD', k, person())
      elseif kind == 'h' and redis.call('HINCRBY', k, ARGV[at+2], 1) == 1 and not expiring[k] then
        -- A field made: perhaps the hash too (a new week's, or one
        -- made anew). Once a run, however many fields it makes.
        redis.call('EXPIREAT', k, ARGV[1])
        expiring[k] = true
      end
    end
  end
end
if #marked > 0 then
  if keep and kept == nil and token ~= nil then
    marked[#marked+1] = 't'
    marked[#marked+1] = token
  end
  redis.call('HSET', KEYS[2], unpack(marked))
  -- The first group's marker (the hour's) is the first field every run
  -- writes to today's marks (apply), so a run that makes it may have made
  -- the hash: the expiry is set then, unless the hash held the token
  -- (made by an earlier run): at most once a day where the marks keep
  -- the token, once an hour where they do not.
  if hourNew and kept == nil then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
end
local sure = {}
for j = 7, 6 + tonumber(ARGV[6]) do
  local k = KEYS[tonumber(ARGV[j])]
  local ttl = redis.call('TTL', k)
  if ttl == -1 then redis.call('EXPIREAT', k, ARGV[1]) end
  if ttl ~= -2 then sure[#sure+1] = tonumber(ARGV[j]) end
end
return sure
`)

// expiryCache remembers the HyperLogLogs whose expiry a count made sure
// of, so that counting an event sets none: a weekly counter's expiry is
// fixed (stats.keep after its week), and a PFADD does not say whether it
// made its key (it answers 1 whenever a register changes, so setting the
// expiry on that answer cost an EXPIREAT for most new people). One is
// looked at again when counted after expiryRecheck, should it have been
// made anew since (deleted by hand, a Redis restarted without its data):
// one made anew and never counted again after that is left without an
// expiry. (A hash tells: HINCRBY answers 1 for a field it made.)
type expiryCache struct {
	mu    sync.Mutex
	until map[string]time.Time
}

// expiryRecheck bounds how long a counter made anew may go without an
// expiry.
const expiryRecheck = time.Hour

// due reports whether the expiry of key is to be made sure of at now.
func (c *expiryCache) due(key string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	u, ok := c.until[key]
	return !ok || !now.Before(u)
}

// sure records that the expiry of keys was made sure of at now, and
// forgets those due again, so that the cache holds about the counters of
// the last hour.
func (c *expiryCache) sure(keys []string, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.until == nil {
		c.until = map[string]time.Time{}
	}
	if len(c.until) > 4096 {
		for k, u := range c.until {
			if !now.Before(u) {
				delete(c.until, k)
			}
		}
	}
	for _, k := range keys {
		c.until[k] = now.Add(expiryRecheck)
	}
}

// apply counts recs in the week starting at week, for w when not nil.
// With a person, recs[0] must have a marker of its own and none of
// yesterday's: the script sets the marks' expiry when it makes that one
// (see countScript).
func (s *Stats) apply(ctx context.Context, week time.Time, w *who, recs []record) error {
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
	head := []any{expireAt, "", 0, 0, ""}
	if w != nil {
		if len(recs) == 0 || recs[0].mark == "" || recs[0].seen != "" {
			return errors.New("stats: a person's count must begin with a marker of today's alone")
		}
		token := make([]byte, 16)
		if _, err := io.ReadFull(s.random, token); err != nil {
			return fmt.Errorf("stats: make a token: %w", err)
		}
		// Three fixed slots, even when yesterday's marks are the same key
		// as today's, so that the script finds them by position.
		keys = []string{w.person, w.marks, w.yesterday}
		idx[w.person], idx[w.marks] = 1, 2
		head[1], head[2], head[3] = hex.EncodeToString(token), w.personTTL.Milliseconds(), w.marksTTL.Milliseconds()
		if w.keepsToken() {
			head[4] = "1"
		}
	}
	var groups []any
	for _, r := range recs {
		if (r.mark != "" || r.seen != "") && w == nil {
			return errors.New("stats: a marker without a person")
		}
		groups = append(groups, r.mark, r.seen, len(r.ops))
		for _, o := range r.ops {
			kind := "h"
			switch {
			case o.pf && o.daily:
				kind = "d"
			case o.pf:
				kind = "p"
			}
			groups = append(groups, kind, ki(o.key), o.field)
		}
	}
	now := s.clock()
	var check []any
	for _, r := range recs {
		for _, o := range r.ops {
			if i := idx[o.key]; o.pf && s.expiries.due(o.key, now) && !slices.Contains(check, any(i)) {
				check = append(check, i)
			}
		}
	}
	args := append(append(append(head, len(check)), check...), groups...)
	res, err := countScript.Run(ctx, s.rdb, keys, args...).Slice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("stats: count: %w", err)
	}
	var sure []string
	for _, v := range res {
		if i, ok := v.(int64); ok && i >= 1 && int(i) <= len(keys) {
			sure = append(sure, keys[i-1])
		}
	}
	s.expiries.sure(sure, now)
	return nil
}

// dayStart is 00:00 of t's local day.
func dayStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// HandleEvent counts needs reached, cases requested and profile answers,
// and ignores the other events. It is idempotent: a redelivered event finds its markers and counts nothing.
func (s *Stats) HandleEvent(ctx context.Context, c bot.Contact, e bot.Event) error {
	if err := s.writable(); err != nil {
		return err
	}
	// What is counted of each event, by type; the rest is ignored.
	var area, topic, lang string
	switch e := e.(type) {
	case bot.NeedReached:
		area, topic, lang = e.Area, e.Topic, e.Lang
	case bot.HandoffRequested:
		area, topic, lang = e.Area, e.Topic, e.Lang
	case bot.ProfileAnswered:
		if !profileAnswer(e.Field, e.Value) {
			return nil // not one of the coarse categories: never counted
		}
	default:
		return nil
	}
	now := s.clock().In(s.loc)
	week, wstart := isoWeek(now)
	sl, err := s.weekSalts(ctx, now, true)
	if err != nil {
		return err
	}
	today := dayStart(now)
	yesterday := today.AddDate(0, 0, -1)
	ysalt := sl.cur
	if yweek, _ := isoWeek(yesterday); yweek != week {
		ysalt = sl.prev // nil once gone: yesterday is then past recognising
	}
	nextWeek := wstart.AddDate(0, 0, 7)
	contact := c.Key()
	n := personShard(sl.cur, contact)
	w := &who{
		person: s.personKey(sl.cur, contact),
		marks:  s.marksKey(sl.cur, contact, today),
		// The token is needed for the week's counts only.
		personTTL: nextWeek.Sub(now),
		// Never past the salt: what it named is then out of reach anyway.
		marksTTL: min(today.AddDate(0, 0, markDays).Sub(now), nextWeek.Add(saltGrace).Sub(now)),
	}
	w.yesterday = w.marks
	// Yesterday's markers of another week are in the shard of that
	// week's record, most likely another slot: read before counting.
	var elsewhere string
	if ysalt != nil {
		w.yesterday = s.marksKey(ysalt, contact, yesterday)
		if personShard(ysalt, contact) != n {
			elsewhere, w.yesterday = w.yesterday, w.marks
		}
	}
	// A unit of today (its name holds the day) is new today whatever
	// yesterday's markers hold: only the others are looked up there.
	daily := func(unit ...string) record { return record{mark: sl.cur.mark(unit...)} }
	marker := func(unit ...string) record {
		r := daily(unit...)
		if ysalt != nil {
			r.seen = ysalt.mark(unit...)
		}
		return r
	}
	day := now.Format(time.DateOnly)
	area, topic, lang, ch := clean(area), clean(topic), clean(lang), clean(c.Channel)
	hours := s.shardWeekKey(n, week, "hours")
	wd := strconv.Itoa(weekday(now))
	hh := fmt.Sprintf("%02d", now.Hour())
	// First (see apply): the person active this hour. The totals (n, h|,
	// d|) are added up from dh| when read (addUp): one HINCRBY an event
	// instead of four. The person joins the week's people with the
	// day's first event, where today's marks keep their token, else
	// with the hour's (see countScript): a person's first event of a
	// week is their first of a day, and the later ones would add the
	// same token.
	hour := daily("hour", day, hh)
	hour.ops = []op{{key: hours, field: "dh|" + wd + "|" + hh}, {pf: true, daily: true, key: s.shardWeekKey(n, week, "people")}}
	recs := []record{hour}
	switch e := e.(type) {
	case bot.NeedReached:
		k := s.shardWeekKey(n, week, "need")
		r := daily("need", day, area)
		// al| and ac|, then n, a|, l| and c|, are added up from alc|
		// when read.
		r.ops = []op{{key: k, field: "s|" + source(e.Source)}, {key: k, field: "alc|" + area + "|" + lang + "|" + ch},
			{pf: true, key: s.shardWeekKey(n, week, "people:"+area)}}
		recs = append(recs, r)
		if topic != "none" {
			// The first topic of the person's day in the area: so
			// topics (with "(no topic)" for the rest) add up to the
			// area, and suppression can follow that sum.
			r := daily("topic", day, area)
			r.ops = []op{{key: k, field: "t|" + area + "|" + topic}}
			recs = append(recs, r)
		}
	case bot.ProfileAnswered:
		k := s.shardWeekKey(n, week, "profile")
		field := e.Field
		r := marker("profile", field)
		// f| is added up from v| when read.
		r.ops = []op{{key: k, field: "v|" + field + "|" + e.Value}}
		recs = append(recs, r)
	case bot.HandoffRequested:
		k := s.shardWeekKey(n, week, "handoff")
		// The message id makes a redelivery recognisable; two requests
		// the same day about the same subject are one case anyway.
		unit := e.Message
		if unit == "" {
			unit = day + "|" + area + "|" + topic
		}
		urgent := "0"
		if e.Urgent {
			urgent = "1"
		}
		r := marker("handoff", unit)
		// n is added up from a| when read.
		r.ops = []op{{key: k, field: "a|" + area}, {key: k, field: "t|" + area + "|" + topic},
			{key: k, field: "r|" + clean(string(e.Reason))}, {key: k, field: "u|" + urgent},
			{key: k, field: "l|" + lang}, {key: k, field: "c|" + ch}}
		recs = append(recs, r)
	}
	if elsewhere != "" {
		if recs, err = s.notSeen(ctx, elsewhere, recs); err != nil {
			return err
		}
	}
	return s.apply(ctx, wstart, w, recs)
}

// notSeen drops the records whose marker is in yesterday's markers, the
// hash key, and clears the others' (the script checks none then).
func (s *Stats) notSeen(ctx context.Context, key string, recs []record) ([]record, error) {
	var fields []string
	for _, r := range recs {
		if r.seen != "" {
			fields = append(fields, r.seen)
		}
	}
	seen := map[string]bool{}
	if len(fields) > 0 {
		v, err := s.rdb.HMGet(ctx, key, fields...).Result()
		if err != nil {
			return nil, fmt.Errorf("stats: read yesterday's markers: %w", err)
		}
		for i, x := range v {
			seen[fields[i]] = x != nil
		}
	}
	out := recs[:0]
	for _, r := range recs {
		if r.seen != "" && seen[r.seen] {
			continue
		}
		r.seen = ""
		out = append(out, r)
	}
	return out, nil
}

// Erase forgets the contact (bot.Eraser): it deletes their week records
// and markers, named from the salts still kept, so that from now on
// nothing in Redis leads from their contact id to anything counted. The
// counts stay; so does their token in the weekly HyperLogLogs, which
// nothing left names.
func (s *Stats) Erase(ctx context.Context, c bot.Contact) error {
	now := s.clock().In(s.loc)
	sl, err := s.weekSalts(ctx, now, false)
	if err != nil {
		return fmt.Errorf("stats: erase: %w", err)
	}
	contact := c.Key()
	today := dayStart(now)
	var dead []string
	for _, k := range []weekSalt{sl.cur, sl.prev} {
		if k == nil {
			continue
		}
		// In the person's shard, and under {stats} where the version
		// before issue 19 kept them.
		dead = append(dead, s.personKey(k, contact), s.key(k.person(contact)))
		// Markers live until the end of the next day: today's and
		// yesterday's, each under the salt of its own week; the other
		// salt's names simply match nothing.
		for d := range markDays {
			day := today.AddDate(0, 0, -d)
			dead = append(dead, s.marksKey(k, contact, day), s.key(k.marks(contact, day)))
		}
	}
	if len(dead) == 0 {
		return nil // no salt left: nothing can name the person any more
	}
	// One DEL per key: the shards' slots differ.
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, k := range dead {
			p.Del(ctx, k)
		}
		return nil
	}); err != nil {
		return fmt.Errorf("stats: erase: %w", err)
	}
	return nil
}

// RecordOutcome counts a closed case. The handoff service calls it once per
// case when an operator closes it.
func (s *Stats) RecordOutcome(ctx context.Context, area, lang, channel, outcome string) error {
	if err := s.writable(); err != nil {
		return err
	}
	now := s.clock().In(s.loc)
	week, wstart := isoWeek(now)
	k := s.shardWeekKey(mrand.IntN(shards), week, "outcome")
	area, lang, channel, outcome = clean(area), clean(lang), clean(channel), clean(outcome)
	// n and o| are added up from ao| when read.
	return s.apply(ctx, wstart, nil, []record{{ops: []op{
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
	k := s.shardWeekKey(mrand.IntN(shards), week, "campaign")
	// o| is added up from co| when read.
	return s.apply(ctx, wstart, nil, []record{{ops: []op{
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
// first was counted in. The id is stored only as a keyed hash, under a
// key that lasts (a status may be corrected months later), not under the
// weekly salts: it is the booking's code, not a contact id, and the
// booking package deletes what ties a code to a person when the person
// asks to be forgotten, so what is left here says that some appointment
// at a desk, about an area, ended so; nobody in particular.
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
	h := s.hash("appointment", id)
	n := shardOf(h)
	state, weekKey := s.shardKey(n, "appt:"+h), func(week string) string { return s.shardWeekKey(n, week, "appt") }
	// An appointment counted before issue 19 stays counted in that
	// layout, where its state and the week of its status are.
	old := s.key("appt:" + h)
	switch n, err := s.rdb.Exists(ctx, old).Result(); {
	case err != nil:
		return fmt.Errorf("stats: read appointment state: %w", err)
	case n == 1:
		state, weekKey = old, func(week string) string { return s.weekKey(week, "appt") }
	}
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
		keys := []string{state, weekKey(in), weekKey(week)}
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
