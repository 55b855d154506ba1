// Package handoff is the human side of Frontdoor: cases that people of the
// desk take over from the bot, the queue operators claim them from, the live
// relay between the person's chat and the operator, the case pages of the
// operators' console (/console) and the JSON API (/api/v1). Operators'
// accounts and the sign-in are the console package's.
package handoff

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/console"
	"frontdoor/store"
	"frontdoor/store/replica"
)

// Keys. The queue's keys carry the hash tag {handoff}: the scripts below
// change a case and the queue's indexes together, atomically, so they
// share one Redis Cluster slot. A case's own data, its transcript and
// files (the bulk of what the package keeps, files up to 10 MB), carries
// a tag of the case, {case:ID}, so that cases spread over every master of
// a Cluster. The case's hash stays with the queue: claiming, handing over
// and closing change its status and operator with the indexes, and it is
// small (a few hundred bytes); so do a contact's open case and list of
// cases, which keep one open case per contact. Every script is given
// every key it touches in KEYS. With prefix "fd:" P is "fd:{handoff}:"
// and D is "fd:{case:ID}:".
//
//	P case:ID            HASH  a case: contact, channel, lang ("" = not spoken), detected, area, topic,
//	                           reason, urgent, kind, summary, score, status (waiting|assigned|closed),
//	                           operator, opened, assigned, activity, closed, outcome, note, told_*,
//	                           qlang, qarea (its routing queue, fixed when it opens), ctok (the token
//	                           of the claim that assigned it, see claimScript), owed (the case's opening lines, a
//	                           JSON list of transcript entries, until they are in the transcript: see
//	                           open) and otok (the token of the handoff event that opened it, with owed)
//	D tx                 LIST  transcript entries (JSON); expires IdleAfter+TranscriptRetention after
//	                           the last entry while open, TranscriptRetention after closing
//	D media              HASH  files people sent in the case: MID → bytes, MID:t → MIME type, MID:n → name;
//	                           and those operators sent (files.go), marked MID:o → 1;
//	                           expires TranscriptRetention after the last file, or after closing
//	                           (before issue 19 these two were P tx:ID and P media:ID: layout.go moves them)
//	D appends            ZSET  tokens of the transcript's appends of the last minute → ms, so that
//	                           an append go-redis sends again adds nothing (appendScript)
//	D opening            STRING the token of the event whose opening lines the transcript holds, so that
//	                           they are written once (openingScript); expires with the transcript
//	D notes              SET   ids of what the transcript noted once (the bot's undelivered answers,
//	                           reported again after a crash: noteOnceScript); expires with the transcript
//	P open:CONTACT       STRING id of the contact's open case: one open case per contact
//	P cases:CONTACT      SET   ids of the contact's cases (for "delete my data"); expires with the last closed one
//	P tick:ROUND         STRING lock: one process a round sends the queue updates (expires)
//	P waiting            ZSET  waiting case ids by score (urgent first, then oldest)
//	P q:LANG:AREA        ZSET  the same cases split by skill, for routing ("-" = no area; LANG "-" =
//	                           a language Frontdoor does not speak, which every operator may take)
//	P assigned           ZSET  assigned case ids by last operator activity (ms): the janitor's view
//	P claims             ZSET  recent claims (id:ms → ms), the pace of the operators
//	P claims:LANG:AREA   ZSET  the same per routing queue, for the wait in that queue
//	P claimqs            SET   the names of those per-queue claim sets, for trimming
//	P outcomes           HASH  outcome → count of closed cases (anonymous statistics)
//	P canned             HASH  language → JSON list of canned replies edited in the console (else config.yaml's)
//	P opcases:NAME       SET   ids of the cases assigned to the operator (capacity)
//	P events             pub/sub channel: queue and transcript changes, for live views
//
// The operators' accounts (P op:NAME, ops, token:*, session:*, audit) are
// the console's (console.Accounts): they keep this prefix and tag, so the
// scripts read an operator's langs, areas and capacity from op:NAME in the
// same slot, and only those fields.

// Case statuses.
const (
	StatusWaiting  = "waiting"
	StatusAssigned = "assigned"
	StatusClosed   = "closed"
)

// Outcomes a case can be closed with. OutcomeWithdrawn is set by the
// person leaving the queue, OutcomeErased never (the case is gone).
const (
	OutcomeResolved    = "resolved"
	OutcomeAppointment = "appointment_booked"
	OutcomeReferred    = "referred"
	OutcomeNoAnswer    = "no_answer"
	OutcomeWithdrawn   = "withdrawn"
)

// Outcomes lists the outcomes an operator can choose.
func Outcomes() []string {
	return []string{OutcomeResolved, OutcomeAppointment, OutcomeReferred, OutcomeNoAnswer}
}

// Errors of queue operations; the API maps them to HTTP statuses.
var (
	ErrNotFound     = errors.New("no such case")
	ErrTaken        = errors.New("the case is not waiting any more")
	ErrNotYours     = errors.New("the case is assigned to another operator")
	ErrSkills       = errors.New("the case does not match the operator's languages or areas")
	ErrCapacity     = errors.New("the operator has reached their capacity of open cases")
	ErrNothing      = errors.New("no waiting case matches the operator's skills")
	ErrNotAssigned  = errors.New("the case is not assigned")
	ErrClosed       = errors.New("the case is closed")
	ErrBadOutcome   = errors.New("unknown outcome")
	ErrEmptyMessage = errors.New("empty message")
)

// Case is a request for a person of the desk.
type Case struct {
	ID      string      `json:"id"`
	Contact bot.Contact `json:"contact"`
	Lang    string      `json:"lang"`
	Area    string      `json:"area"`
	Topic   string      `json:"topic,omitempty"`
	Reason  bot.Reason  `json:"reason"`
	Urgent  bool        `json:"urgent"`
	// Kind is the urgent kind when the person's words made the case
	// urgent (child, suicide, violence, medical, trafficking,
	// exploitation, distress).
	Kind string `json:"kind,omitempty"`
	// Detected is the language recognised when Lang is "": the person
	// writes one Frontdoor does not speak ("" when not recognised).
	Detected string    `json:"detected,omitempty"`
	Summary  string    `json:"summary,omitempty"`
	Status   string    `json:"status"`
	Operator string    `json:"operator,omitempty"`
	Opened   time.Time `json:"opened"`
	Assigned time.Time `json:"assigned,omitzero"`
	Activity time.Time `json:"activity,omitzero"`
	Closed   time.Time `json:"closed,omitzero"`
	// Written is when the person or an operator last wrote in the case
	// (not the bot or the system): what IdleAfter counts from.
	Written time.Time `json:"written,omitzero"`
	Outcome string    `json:"outcome,omitempty"`
	Note    string    `json:"note,omitempty"`
	// owed and otok are the case's opening lines while they are not known
	// to be in its transcript, and the token of the event they are owed
	// to (see open); read with the case, so that a reader of its
	// transcript needs no round trip more to learn of them.
	owed, otok string
}

// Entry is one line of a case's transcript.
type Entry struct {
	Time time.Time `json:"t"`
	// By is person, operator, bot, note (internal, never sent) or system.
	By       string `json:"by"`
	Operator string `json:"op,omitempty"`
	Text     string `json:"text,omitempty"`
	// Kind is the attachment kind of a non-text message (voice, photo, ...).
	Kind string `json:"kind,omitempty"`
	// Media is the id of the stored file of the message, served under
	// the case's media/ path; Mime, File and Size describe it.
	Media string `json:"media,omitempty"`
	Mime  string `json:"mime,omitempty"`
	File  string `json:"file,omitempty"`
	Size  int    `json:"size,omitempty"`
	// MediaError says why the file of the message could not be kept, in
	// English (the API's word, and all that entries written before
	// 2026-12-06 have); MediaFault is the same reason as a code the
	// console words in the operator's language (console.case.media.*),
	// with MediaMB the size it names.
	MediaError string `json:"media_error,omitempty"`
	MediaFault string `json:"media_fault,omitempty"`
	MediaMB    int    `json:"media_mb,omitempty"`
	// Before marks the person's messages written to the bot before the
	// case opened, copied in so the operator does not ask again.
	Before bool `json:"before,omitempty"`
	// ID identifies an operator's reply, for the report of its delivery.
	ID string `json:"id,omitempty"`
	// Undelivered says why an operator's reply did not reach the person.
	// It is stored on the system line that reports it, with Of the
	// reply's ID, and copied onto the reply as the transcript is read.
	Undelivered string `json:"undelivered,omitempty"`
	Of          string `json:"of,omitempty"`
	// Ref names the person's message the entry relays (a hash of its
	// platform id, as for its file), so that it can be forgotten when the
	// person deletes it for everyone; Deleted marks an entry emptied so.
	Ref     string `json:"ref,omitempty"`
	Deleted bool   `json:"deleted,omitempty"`
	// Edited marks an entry whose text the person edited since: it
	// shows the new text.
	Edited bool `json:"edited,omitempty"`
	// Sent are the platform ids of an operator's reply once delivered;
	// Unsent says whether the operator took it back from the person's
	// phone (UnsendAsked, UnsendDone, UnsendFailed), UnsentWhy why not.
	Sent      []string `json:"sent,omitempty"`
	Unsent    string   `json:"unsent,omitempty"`
	UnsentWhy string   `json:"unsent_why,omitempty"`
	// UnsentAt is when the take-back was last asked (UnsendAgainAfter).
	UnsentAt time.Time `json:"unsent_at,omitzero"`
}

// deletedText is what is left of a message the person deleted for
// everyone.
const deletedText = "the person deleted this message"

// forget empties the transcript entries of the person's message ref and
// deletes its file (KEYS tx, media; ARGV ref, text): the person deleted it
// for everyone, so operators must no longer read it. It returns how many
// entries it emptied.
var forgetScript = redis.NewScript(`
local all = redis.call('LRANGE', KEYS[1], 0, -1)
local needle = '"ref":"' .. ARGV[1] .. '"'
local n = 0
for i, raw in ipairs(all) do
  if string.find(raw, needle, 1, true) then
    local e = cjson.decode(raw)
    if e.ref == ARGV[1] then
      if e.media then
        redis.call('HDEL', KEYS[2], e.media, e.media .. ':t', e.media .. ':n')
      end
      redis.call('LSET', KEYS[1], i - 1, cjson.encode({t = e.t, by = e.by, ref = e.ref, before = e.before, deleted = true, text = ARGV[2]}))
      n = n + 1
    end
  end
end
return n`)

// editScript puts the person's new text in the transcript entries of
// their message (KEYS tx; ARGV ref, text) and marks them edited; it
// returns how many it changed.
var editScript = redis.NewScript(`
local all = redis.call('LRANGE', KEYS[1], 0, -1)
local needle = '"ref":"' .. ARGV[1] .. '"'
local n = 0
for i, raw in ipairs(all) do
  if string.find(raw, needle, 1, true) then
    local e = cjson.decode(raw)
    if e.ref == ARGV[1] and not e.deleted then
      e.text = ARGV[2]
      e.edited = true
      redis.call('LSET', KEYS[1], i - 1, cjson.encode(e))
      n = n + 1
    end
  end
end
return n`)

// edit shows the person's new text for their message ref in case id's
// transcript; see editScript.
func (q *Queue) edit(ctx context.Context, id, ref, text string) (int, error) {
	n, err := editScript.Run(ctx, q.rdb, []string{q.tx(id)}, ref, text).Int()
	if err != nil {
		return 0, fmt.Errorf("edit a message in case %s: %w", id, err)
	}
	if n > 0 {
		q.publish(ctx, "case", id)
	}
	return n, nil
}

// editEverywhere shows the person's new text for their message ref in
// every case of contact c still kept, open or closed (see editScript): a
// line of a closed case, or one before a case, must not keep the words
// the person changed. It returns how many entries it changed, by case.
func (q *Queue) editEverywhere(ctx context.Context, c bot.Contact, ref, text string) (map[string]int, error) {
	ids, err := q.rdb.SMembers(ctx, q.k("cases", c.Key())).Result()
	if err != nil {
		return nil, fmt.Errorf("edit a message: the cases of %s: %w", c, err)
	}
	changed := map[string]int{}
	for _, id := range ids {
		n, err := q.edit(ctx, id, ref, text)
		if err != nil {
			return changed, err
		}
		if n > 0 {
			changed[id] = n
		}
	}
	return changed, nil
}

// forget removes the person's message ref from case id's transcript and
// its file; see forgetScript.
func (q *Queue) forget(ctx context.Context, id, ref string) (int, error) {
	n, err := forgetScript.Run(ctx, q.rdb, []string{q.tx(id), q.media(id)}, ref, deletedText).Int()
	if err != nil {
		return 0, fmt.Errorf("forget a deleted message in case %s: %w", id, err)
	}
	if n > 0 {
		q.publish(ctx, "case", id)
	}
	return n, nil
}

// forgetEverywhere removes the person's message ref from every case of
// contact c still kept, open or closed (see forgetScript): a message
// deleted just after a case closed, or one relayed to an earlier case,
// must not stay readable there either. It returns how many entries it
// emptied.
func (q *Queue) forgetEverywhere(ctx context.Context, c bot.Contact, ref string) (int, error) {
	ids, err := q.rdb.SMembers(ctx, q.k("cases", c.Key())).Result()
	if err != nil {
		return 0, fmt.Errorf("forget a deleted message: the cases of %s: %w", c, err)
	}
	total := 0
	for _, id := range ids {
		n, err := q.forget(ctx, id, ref)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

// Queue keeps cases and operators in Redis. It is safe for concurrent use
// and across processes.
type Queue struct {
	rdb       redis.UniversalClient
	keys      store.Keys
	p         string
	clock     func() time.Time
	areas     []string
	langs     []string
	retention time.Duration
	// keep is how long a transcript is kept after its last line while
	// the case is open: until the idle janitor closes it, and the
	// retention after that (see appendScript).
	keep time.Duration
	// acc are the operators' accounts (the console's).
	acc *console.Accounts
	// replicas makes a case's opening wait for a replica of its master
	// (see open).
	replicas *replica.Waiter
}

// NewQueue returns the case queue kept in rdb, with the default settings.
func NewQueue(rdb redis.UniversalClient, keys store.Keys, clock func() time.Time) *Queue {
	return newQueue(rdb, keys, clock, Config{}.withDefaults(), nil, nil)
}

// NewQueueConfig returns the case queue with cfg's areas and retention,
// for commands that manage operators or measure the queue without the
// whole service. replicaWait is Options.ReplicaWait, for the cases it
// opens and the access changes of its accounts: a command that removes an
// operator waits for a replica as long as serve would (the configured
// dispatcher.replica_wait), or not at all where serve does not. langs
// are the languages an operator may speak, the catalogue's as serve
// reads them (nil: the ten of the repository's first catalogue): an
// operator added here speaks what the console accepts.
func NewQueueConfig(rdb redis.UniversalClient, keys store.Keys, cfg Config, replicaWait time.Duration, langs []string) *Queue {
	if replicaWait == 0 {
		replicaWait = DefaultReplicaWait
	}
	cfg = cfg.withDefaults()
	langs = defaultLanguages(langs)
	acc := console.NewAccounts(rdb, keys, console.AccountOptions{Languages: langs, Areas: cfg.Areas, ReplicaWait: replicaWait})
	q := newQueue(rdb, keys, nil, cfg, langs, acc)
	q.replicas = replica.New(rdb, replicaWait)
	return q
}

// newQueue builds the queue; acc nil is accounts of its own on the same
// keys (bcrypt's default cost).
func newQueue(rdb redis.UniversalClient, keys store.Keys, clock func() time.Time, cfg Config, langs []string, acc *console.Accounts) *Queue {
	if clock == nil {
		clock = time.Now
	}
	langs = defaultLanguages(langs)
	if acc == nil {
		acc = console.NewAccounts(rdb, keys, console.AccountOptions{Languages: langs, Areas: cfg.Areas, Clock: clock})
	}
	// The accounts' keys share the queue's prefix and hash tag: the
	// scripts read op:NAME (see console.Accounts).
	return &Queue{rdb: rdb, keys: keys, p: console.AccountsPrefix(keys), clock: clock, areas: cfg.Areas, langs: langs,
		retention: time.Duration(cfg.TranscriptRetention), keep: time.Duration(cfg.IdleAfter + cfg.TranscriptRetention), acc: acc,
		replicas: replica.New(rdb, DefaultReplicaWait)}
}

// defaultLanguages is langs, or the languages of the catalogue the
// repository ships when a queue is built without one.
func defaultLanguages(langs []string) []string {
	if len(langs) == 0 {
		return []string{"it", "en", "fr", "es", "ar", "uk", "sq", "bn", "ur", "zh"}
	}
	return langs
}

func (q *Queue) k(parts ...string) string { return q.p + strings.Join(parts, ":") }

// caseKey names a key of case id's own data, its transcript ("tx") or
// its files ("media"), under a hash tag of the case's own: cases spread
// over a Cluster's masters, and the scripts that touch both keys of a
// case find them in one slot.
func caseKey(keys store.Keys, id, name string) string {
	return keys.Global("{case:" + id + "}:" + name)
}

func (q *Queue) tx(id string) string    { return caseKey(q.keys, id, "tx") }
func (q *Queue) media(id string) string { return caseKey(q.keys, id, "media") }

// appends names the tokens of case id's recent appends (see appendScript).
func (q *Queue) appends(id string) string { return caseKey(q.keys, id, "appends") }

// notes names the marks of what case id's transcript noted once (see
// noteOnceScript).
func (q *Queue) notes(id string) string { return caseKey(q.keys, id, "notes") }

// openingMark names the mark of case id's opening lines (see openingScript).
func (q *Queue) openingMark(id string) string { return caseKey(q.keys, id, "opening") }

// expireCaseData gives case id's transcript and files ttl to live.
func (q *Queue) expireCaseData(ctx context.Context, id string, ttl time.Duration) error {
	_, err := q.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Expire(ctx, q.tx(id), ttl)
		p.Expire(ctx, q.media(id), ttl)
		p.Expire(ctx, q.openingMark(id), ttl)
		p.Expire(ctx, q.notes(id), ttl)
		return nil
	})
	if err != nil {
		return fmt.Errorf("expire the transcript and files of case %s: %w", id, err)
	}
	return nil
}

// dropCaseData deletes the transcripts and files of cases ids, and those
// the layout before issue 19 kept (P tx:ID, P media:ID) that the
// migration has not moved yet: else they outlive the erasure.
func (q *Queue) dropCaseData(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	// One DEL per case and one for its old keys: the slots differ.
	_, err := q.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, id := range ids {
			p.Del(ctx, q.tx(id), q.media(id), q.appends(id), q.openingMark(id), q.notes(id))
			p.Del(ctx, q.k("tx", id), q.k("media", id))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete transcripts and files: %w", err)
	}
	return nil
}

// area maps a case's area to a routing area: unknown or none is "-", which
// every operator with the language may take.
func (q *Queue) area(a string) string {
	if slices.Contains(q.areas, a) {
		return a
	}
	return "-"
}

// anyLang is the routing language of a case whose language Frontdoor does
// not speak: no operator has it among their languages, so every operator
// may take it (with an interpreter, or a translation) rather than none.
const anyLang = "-"

// lang maps a case's language to a routing language: "" and any code
// Frontdoor does not speak go to anyLang, as Open stores them.
func (q *Queue) lang(l string) string {
	if slices.Contains(q.langs, l) {
		return l
	}
	return anyLang
}

// score orders the queue: urgent cases before all others, then oldest
// first. Milliseconds since 1970 stay below 1e13 until the year 2286.
func score(opened time.Time, urgent bool) float64 {
	s := float64(opened.UnixMilli())
	if urgent {
		s -= 1e13
	}
	return s
}

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// The scripts below touch only the keys they are given in KEYS (Redis
// Cluster routes a script by them, and Redis requires it). Where a key's
// name depends on what the case holds (its routing queue, its current
// operator), the caller reads that first (route) and passes the names
// with what they were made from; the script checks the case still holds
// the same (stale) and writes nothing otherwise, and the caller reads
// again. A case's routing queue is fixed when it opens; only its
// operator changes.

// skillLib matches an operator's account (a key, op:NAME) to a routing
// queue: its language (anyLang: every operator) and area ("-": every
// operator with the language).
const skillLib = `
local function has(list, v) return string.find(list or '', ',' .. v .. ',', 1, true) ~= nil end
local function fits(op, lang, area)
  local langs = redis.call('HGET', op, 'langs') or ''
  local areas = redis.call('HGET', op, 'areas') or ''
  if not (lang == '-' or has(langs, lang) or has(langs, '*')) then return false end
  return area == '-' or has(areas, area) or has(areas, '*')
end
`

// caseLib is shared by the scripts that change one case, whose KEYS are
// caseKeys' and whose ARGV start with the case id and its route (routing
// language, area, operator) as the caller read it.
const caseLib = skillLib + `
local C, WAITING, ASSIGNED, QUEUE, OPCASES, CLAIMS, CLAIMQS, QCLAIMS, TOP, TOPCASES = unpack(KEYS, 1, 10)
local id, lang, area, curop = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
-- stale: the case is not on the route its keys were named from.
local function stale()
  local l, a, o = unpack(redis.call('HMGET', C, 'qlang', 'qarea', 'operator'))
  return (l or '') ~= lang or (a or '') ~= area or (o or '') ~= curop
end
-- full: the target operator has reached their capacity.
local function full()
  local cap = tonumber(redis.call('HGET', TOP, 'capacity') or '0')
  return redis.call('SCARD', TOPCASES) >= cap
end
local function unqueue()
  redis.call('ZREM', WAITING, id)
  redis.call('ZREM', QUEUE, id)
end
local function enqueue()
  local score = redis.call('HGET', C, 'score')
  redis.call('ZADD', WAITING, score, id)
  redis.call('ZADD', QUEUE, score, id)
end
local function release()
  if curop ~= '' then redis.call('SREM', OPCASES, id) end
  redis.call('ZREM', ASSIGNED, id)
  redis.call('HDEL', C, 'ctok')
end
local function assign(name, now)
  redis.call('ZADD', QCLAIMS, now, id .. ':' .. now)
  redis.call('SADD', CLAIMQS, QCLAIMS)
  unqueue()
  redis.call('HSET', C, 'status', 'assigned', 'operator', name, 'assigned', now, 'activity', now)
  redis.call('SADD', TOPCASES, id)
  redis.call('ZADD', ASSIGNED, now, id)
  redis.call('ZADD', CLAIMS, now, id .. ':' .. now)
end
`

// KEYS: open:CONTACT, case:ID, cases:CONTACT, waiting, the case's
// routing queue. ARGV: id, score, now, then field/value pairs. Opens the
// case unless the contact has one open; returns the open case's id.
var openScript = redis.NewScript(`
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
local id = ARGV[1]
redis.call('SET', KEYS[1], id)
redis.call('HSET', KEYS[2], 'status', 'waiting', 'score', ARGV[2], 'opened', ARGV[3], unpack(ARGV, 4))
redis.call('SADD', KEYS[3], id)
redis.call('PERSIST', KEYS[3])
redis.call('ZADD', KEYS[4], ARGV[2], id)
redis.call('ZADD', KEYS[5], ARGV[2], id)
return id
`)

// ARGV: id, route, operator, now, token. Claims one waiting case. A
// waiting case has no operator, so its route is known from its queue:
// taken comes before stale.
//
// go-redis sends a script again when its reply did not come (a cut
// connection, a read past its timeout), though Redis may have run it: the
// second run found the case assigned and answered 'taken', so Claim told
// the operator who got the case that someone else had, and Next went on
// to claim them a second one. The claim keeps its token (a random one per
// call) with the case as ctok: a run that finds the case assigned to the
// same operator by the same token is the first run's repeat and answers
// 'ok' again. release() forgets the token.
var claimScript = redis.NewScript(caseLib + `
local st, op, tok = unpack(redis.call('HMGET', C, 'status', 'operator', 'ctok'))
if not st then return 'not_found' end
if st ~= 'waiting' then
  if st == 'assigned' and op == ARGV[5] and tok == ARGV[7] then return 'ok' end
  return 'taken'
end
if stale() then return 'stale' end
if redis.call('EXISTS', TOP) == 0 then return 'no_operator' end
if not fits(TOP, lang, area) then return 'skills' end
if full() then return 'capacity' end
assign(ARGV[5], ARGV[6])
redis.call('HSET', C, 'ctok', ARGV[7])
return 'ok'
`)

// KEYS: waiting, assigned, claims, claimqs, op:NAME, opcases:NAME, then
// per candidate case:ID, its routing queue, that queue's claims. ARGV:
// name, now, token, then per candidate id, routing lang, area. Next's
// claim: gives the operator the first candidate, in the order given, that
// is still waiting in that queue and that they may take; 'taken' when
// none is. Trying the candidates one script each let a session outrun by
// others find every case it had read taken, one round trip after another,
// and claim one further down while a case ahead of it waited; in one
// script the first free one is the one claimed. Every key is in the
// queue's slot. A repeat of this same run (go-redis sends a script again
// when its reply was lost) finds the case its token claimed and answers
// it again.
var nextScript = redis.NewScript(skillLib + `
local WAITING, ASSIGNED, CLAIMS, CLAIMQS, TOP, TOPCASES = unpack(KEYS, 1, 6)
local name, now, tok = ARGV[1], ARGV[2], ARGV[3]
local n = (#ARGV - 3) / 3
local seen = {}
for i = 0, n - 1 do
  local id = ARGV[4 + 3*i]
  seen[i] = redis.call('HMGET', KEYS[7 + 3*i], 'status', 'operator', 'qlang', 'qarea', 'ctok')
  if seen[i][1] == 'assigned' and seen[i][2] == name and seen[i][5] == tok then return {'ok', id} end
end
if redis.call('EXISTS', TOP) == 0 then return {'no_operator'} end
local cap = tonumber(redis.call('HGET', TOP, 'capacity') or '0')
if redis.call('SCARD', TOPCASES) >= cap then return {'capacity'} end
for i = 0, n - 1 do
  local id, lang, area = ARGV[4 + 3*i], ARGV[5 + 3*i], ARGV[6 + 3*i]
  local C, QUEUE, QCLAIMS = KEYS[7 + 3*i], KEYS[8 + 3*i], KEYS[9 + 3*i]
  local st, _, ql, qa = unpack(seen[i])
  if st == 'waiting' and (ql or '') == lang and (qa or '') == area and fits(TOP, lang, area) then
    redis.call('ZADD', QCLAIMS, now, id .. ':' .. now)
    redis.call('SADD', CLAIMQS, QCLAIMS)
    redis.call('ZREM', WAITING, id)
    redis.call('ZREM', QUEUE, id)
    redis.call('HSET', C, 'status', 'assigned', 'operator', name, 'assigned', now, 'activity', now, 'ctok', tok)
    redis.call('SADD', TOPCASES, id)
    redis.call('ZADD', ASSIGNED, now, id)
    redis.call('ZADD', CLAIMS, now, id .. ':' .. now)
    return {'ok', id}
  end
end
return {'taken'}
`)

// ARGV: id, route, expected operator ("" = any), now, note, stale-before
// (ms, "" = no check). Puts an assigned case back in the queue
// (abandoned, or handed back).
var requeueScript = redis.NewScript(caseLib + `
local st, act = unpack(redis.call('HMGET', C, 'status', 'activity'))
if not st then return 'not_found' end
if stale() then return 'stale' end
if st ~= 'assigned' then return 'not_assigned' end
if ARGV[5] ~= '' and curop ~= ARGV[5] then return 'not_yours' end
if ARGV[8] ~= '' and tonumber(act) >= tonumber(ARGV[8]) then return 'active' end
release()
redis.call('HSET', C, 'status', 'waiting', 'operator', '', 'note', ARGV[7])
enqueue()
return 'ok'
`)

// ARGV: id, route, from ("" = any), to, now, note. Hands an assigned
// case to another operator.
var transferScript = redis.NewScript(caseLib + `
local st = redis.call('HGET', C, 'status')
if not st then return 'not_found' end
if stale() then return 'stale' end
if st ~= 'assigned' then return 'not_assigned' end
if ARGV[5] ~= '' and curop ~= ARGV[5] then return 'not_yours' end
if redis.call('EXISTS', TOP) == 0 then return 'no_operator' end
if not fits(TOP, lang, area) then return 'skills' end
if full() then return 'capacity' end
release()
redis.call('HSET', C, 'operator', ARGV[6], 'activity', ARGV[7], 'note', ARGV[8])
redis.call('SADD', TOPCASES, id)
redis.call('ZADD', ASSIGNED, ARGV[7], id)
return 'ok'
`)

// KEYS: caseKeys', then open:CONTACT, cases:CONTACT, outcomes. ARGV: id,
// route, operator ("" = any), outcome, now, retention seconds. The
// case's transcript and files are in a slot of their own: the caller
// sets their expiry.
var closeScript = redis.NewScript(caseLib + `
local OPEN, CASES, OUTCOMES = KEYS[11], KEYS[12], KEYS[13]
local st = redis.call('HGET', C, 'status')
if not st then return 'not_found' end
if stale() then return 'stale' end
if st == 'closed' then return 'closed' end
if ARGV[5] ~= '' and (st ~= 'assigned' or curop ~= ARGV[5]) then return 'not_yours' end
release()
unqueue()
redis.call('HSET', C, 'status', 'closed', 'outcome', ARGV[6], 'closed', ARGV[7])
if redis.call('GET', OPEN) == id then redis.call('DEL', OPEN) end
redis.call('EXPIRE', C, ARGV[8])
redis.call('EXPIRE', CASES, ARGV[8])
redis.call('HINCRBY', OUTCOMES, ARGV[6], 1)
return 'ok'
`)

// KEYS: cases:CONTACT, open:CONTACT, waiting, assigned, then per case:
// case:ID, its routing queue, its operator's opcases. ARGV: per case id,
// routing language, area, operator. Forgets every case of a contact,
// unless the contact's cases are not the ones given ('stale'). The
// transcripts and files are the caller's to delete.
var eraseScript = redis.NewScript(`
local n = #ARGV / 4
if redis.call('SCARD', KEYS[1]) ~= n then return 'stale' end
for i = 0, n - 1 do
  local id, c = ARGV[4*i + 1], KEYS[5 + 3*i]
  if redis.call('SISMEMBER', KEYS[1], id) == 0 then return 'stale' end
  if redis.call('EXISTS', c) == 1 then
    local l, a, o = unpack(redis.call('HMGET', c, 'qlang', 'qarea', 'operator'))
    if (l or '') ~= ARGV[4*i + 2] or (a or '') ~= ARGV[4*i + 3] or (o or '') ~= ARGV[4*i + 4] then return 'stale' end
  end
end
for i = 0, n - 1 do
  local id, c = ARGV[4*i + 1], KEYS[5 + 3*i]
  if redis.call('EXISTS', c) == 1 then
    redis.call('ZREM', KEYS[3], id)
    redis.call('ZREM', KEYS[6 + 3*i], id)
    if ARGV[4*i + 4] ~= '' then redis.call('SREM', KEYS[7 + 3*i], id) end
    redis.call('ZREM', KEYS[4], id)
  end
  redis.call('DEL', c)
end
redis.call('DEL', KEYS[1], KEYS[2])
return 'ok'
`)

// route is what names a case's keys for the scripts: its routing queue,
// fixed when it opens, and its operator and contact.
type route struct {
	lang, area, op, contact string
	found                   bool
}

// route reads case id's route.
func (q *Queue) route(ctx context.Context, id string) (route, error) {
	v, err := q.rdb.HMGet(ctx, q.k("case", id), "qlang", "qarea", "operator", "contact_key", "status").Result()
	if err != nil {
		return route{}, fmt.Errorf("read case %s: %w", id, err)
	}
	return routeOf(v), nil
}

func routeOf(v []any) route {
	str := func(x any) string { s, _ := x.(string); return s }
	return route{lang: str(v[0]), area: str(v[1]), op: str(v[2]), contact: str(v[3]), found: str(v[4]) != ""}
}

// caseKeys are the KEYS of caseLib's scripts on case id, whose route is
// r, for the operator target ("" for none).
func (q *Queue) caseKeys(id string, r route, target string) []string {
	return []string{q.k("case", id), q.k("waiting"), q.k("assigned"), q.k("q", r.lang, r.area), q.k("opcases", r.op),
		q.k("claims"), q.k("claimqs"), q.k("claims", r.lang, r.area), q.k("op", target), q.k("opcases", target)}
}

// staleTries bounds how often a script is run again because the case
// changed operator between reading its route and running: each retry
// means another operator's action on the case won meanwhile.
const staleTries = 20

// onCase runs a script on case id through run, with the route read just
// before; again while the script finds the case moved on ("stale").
func (q *Queue) onCase(ctx context.Context, id string, run func(r route) *redis.Cmd) (string, error) {
	for range staleTries {
		r, err := q.route(ctx, id)
		if err != nil {
			return "", err
		}
		if !r.found {
			return "not_found", nil
		}
		code, err := run(r).Text()
		if err != nil || code != "stale" {
			return code, err
		}
	}
	return "", fmt.Errorf("case %s changed under %d tries", id, staleTries)
}

// routeArgs are the ARGV every caseLib script starts with.
func routeArgs(id string, r route, more ...any) []any {
	return append([]any{id, r.lang, r.area, r.op}, more...)
}

func scriptResult(code string) error {
	switch code {
	case "ok":
		return nil
	case "not_found":
		return ErrNotFound
	case "taken":
		return ErrTaken
	case "skills":
		return ErrSkills
	case "capacity":
		return ErrCapacity
	case "no_operator":
		return ErrNoOperator
	case "nothing":
		return ErrNothing
	case "not_assigned":
		return ErrNotAssigned
	case "not_yours":
		return ErrNotYours
	case "closed":
		return ErrClosed
	}
	return fmt.Errorf("unexpected answer %q from Redis", code)
}

// Open opens a case for the contact, or returns the one already open; the
// bool is true when this call opened it.
func (q *Queue) Open(ctx context.Context, cs Case) (Case, bool, error) {
	r, err := q.open(ctx, cs, "", nil)
	return r.Case, r.opened, err
}

// openResult is what open found or did.
type openResult struct {
	Case Case
	// opened is true when this call opened the case; confirmed when a
	// replica confirmed it (see open).
	opened, confirmed bool
	// owed holds the case's opening lines (the case's owed field) when
	// they are still owed to the event whose token open was given: this
	// call opened the case, or an earlier run of the same event did, and
	// they are not known to be in the transcript yet (payOpening).
	owed string
}

// open is Open, saying too whether a replica of the queue's master
// confirmed the case (WAIT 1, in the script's round trip, where the
// master has replicas: replica.Waiter.Run). Replication is asynchronous:
// without the wait, a failover just after the person was told "someone
// will answer, you are number N" could promote a replica that never had
// the case. On a Cluster the case (under {handoff}) and the contact's
// outbox, which would replay the opening, are on different masters, so
// nothing brings it back. confirmed is true too where nothing is to be
// waited for (no replicas); false means the case is open on its master
// all the same.
//
// lines (a handoff event's, with its token) are the case's opening lines
// (its transcript's first): a case this call opens keeps them, as owed,
// and the token, as otok, in the same script and under the same wait, so
// that they are as durable as the case, until they are in the transcript
// (payOpening). The transcript is in another slot, written in another
// round trip, which may fail after the case is open; the event must not
// fail then, or the dispatcher would hold the person's answer ("a person
// will answer", an urgent case's emergency numbers) behind it. A replay
// of the same event finds them owed to it still; a different event for
// the same case, with another token, does not; and whoever reads the
// transcript for the operators writes them, or shows them (Transcript).
func (q *Queue) open(ctx context.Context, cs Case, token string, lines []Entry) (openResult, error) {
	if cs.Opened.IsZero() {
		cs.Opened = q.clock()
	}
	if slices.Contains(q.langs, cs.Lang) {
		// Detected says something only when the language is not spoken.
		cs.Detected = ""
	} else {
		// Not a language Frontdoor speaks: the operators see what the
		// person writes, and nobody is made to answer in the wrong one.
		if cs.Detected == "" {
			cs.Detected = cs.Lang
		}
		cs.Lang = ""
	}
	if cs.Kind != "" {
		cs.Urgent = true
	}
	id := newID()
	ck := cs.Contact.Key()
	summary := cs.Summary
	if summary == "" {
		summary = strings.TrimSpace(strings.Join([]string{cs.Area, cs.Topic}, " "))
	}
	urgent := "0"
	if cs.Urgent {
		urgent = "1"
	}
	qlang, qarea := q.lang(cs.Lang), q.area(cs.Area)
	keys := []string{q.k("open", ck), q.k("case", id), q.k("cases", ck), q.k("waiting"), q.k("q", qlang, qarea)}
	args := []any{id,
		strconv.FormatFloat(score(cs.Opened, cs.Urgent), 'f', 0, 64), cs.Opened.UnixMilli(),
		"contact_key", ck, "channel", cs.Contact.Channel, "contact", cs.Contact.ID, "lang", cs.Lang,
		"detected", cs.Detected, "area", cs.Area, "topic", cs.Topic, "reason", string(cs.Reason), "urgent", urgent,
		"kind", cs.Kind, "summary", summary,
		"qlang", qlang, "qarea", qarea}
	if token != "" && len(lines) > 0 {
		args = append(args, "otok", token, "owed", owedOf(lines, cs.Opened))
	}
	cmd, confirmed := q.replicas.Run(ctx, replica.Call{Script: openScript, Keys: keys, Args: args})
	got, err := cmd.Text()
	if err != nil {
		return openResult{}, fmt.Errorf("open case: %w", err)
	}
	h, err := q.rdb.HGetAll(ctx, q.k("case", got)).Result()
	if err != nil {
		return openResult{confirmed: confirmed}, fmt.Errorf("read case: %w", err)
	}
	if h["status"] == "" {
		return openResult{confirmed: confirmed}, ErrNotFound
	}
	if got == id {
		q.publish(ctx, "queue", id)
	}
	r := openResult{Case: caseFrom(got, h), opened: got == id, confirmed: confirmed}
	if token != "" && r.Case.otok == token {
		r.owed = r.Case.owed
	}
	return r, nil
}

// owedOf is a case's opening lines as its owed field keeps them: a JSON
// list of the entries as the transcript stores them, timed at opened.
func owedOf(lines []Entry, opened time.Time) string {
	raw := make([]json.RawMessage, len(lines))
	for i, e := range lines {
		if e.Time.IsZero() {
			e.Time = opened
		}
		raw[i], _ = json.Marshal(e)
	}
	b, _ := json.Marshal(raw)
	return string(b)
}

// owedEntries are case cs's owed opening lines.
func owedEntries(cs Case) []Entry {
	var raw []json.RawMessage
	if json.Unmarshal([]byte(cs.owed), &raw) != nil {
		return nil
	}
	out := make([]Entry, 0, len(raw))
	for _, r := range raw {
		var e Entry
		if json.Unmarshal(r, &e) == nil {
			out = append(out, e)
		}
	}
	return out
}

// payOpening writes case id's owed opening lines (its owed field, owed,
// kept for the event of token) to the transcript, once (writeOpening),
// then forgets them, unless the case has others meanwhile. A case erased
// meanwhile loses the lines written again: they must not outlive it.
func (q *Queue) payOpening(ctx context.Context, id, token, owed string) (confirmed bool, err error) {
	var lines []json.RawMessage
	if err := json.Unmarshal([]byte(owed), &lines); err != nil {
		return true, fmt.Errorf("read the owed opening of case %s: %w", id, err)
	}
	confirmed, err = q.writeOpening(ctx, id, token, lines)
	if err != nil {
		return confirmed, err
	}
	n, err := openingPaidScript.Run(ctx, q.rdb, []string{q.k("case", id)}, owed).Int()
	if err != nil {
		return confirmed, fmt.Errorf("mark the opening of case %s written: %w", id, err)
	}
	if n < 0 {
		return confirmed, q.dropCaseData(ctx, id)
	}
	return confirmed, nil
}

// openingPaidScript drops a case's owed lines and their otok (KEYS case;
// ARGV the lines) if it still owes those; -1 when the case is gone.
var openingPaidScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HGET', KEYS[1], 'owed') == ARGV[1] then return redis.call('HDEL', KEYS[1], 'owed', 'otok') end
return 0`)

// OpenCase returns the contact's open case, or ErrNotFound when they have none.
func (q *Queue) OpenCase(ctx context.Context, c bot.Contact) (Case, error) {
	return q.openCase(ctx, c, nil)
}

// openKey names the key that holds the id of c's open case.
func (q *Queue) openKey(c bot.Contact) string { return q.k("open", c.Key()) }

// openCase is OpenCase, reading the open case's id from preloaded (a
// dispatcher's Turn.Preloaded) when it was read there.
func (q *Queue) openCase(ctx context.Context, c bot.Contact, preloaded map[string]bot.Preloaded) (Case, error) {
	var id string
	if p, read := preloaded[q.openKey(c)]; read {
		if !p.Exists {
			return Case{}, ErrNotFound
		}
		id = p.Value
	} else {
		v, err := q.rdb.Get(ctx, q.openKey(c)).Result()
		if errors.Is(err, redis.Nil) {
			return Case{}, ErrNotFound
		}
		if err != nil {
			return Case{}, fmt.Errorf("read open case: %w", err)
		}
		id = v
	}
	// A case erased since its id was read is not open either: Get's
	// ErrNotFound says so.
	return q.Get(ctx, id)
}

// Get returns a case.
func (q *Queue) Get(ctx context.Context, id string) (Case, error) {
	h, err := q.rdb.HGetAll(ctx, q.k("case", id)).Result()
	if err != nil {
		return Case{}, fmt.Errorf("read case: %w", err)
	}
	if h["status"] == "" {
		return Case{}, ErrNotFound
	}
	return caseFrom(id, h), nil
}

func ms(s string) time.Time {
	n, _ := strconv.ParseInt(s, 10, 64)
	if n == 0 {
		return time.Time{}
	}
	return time.UnixMilli(n)
}

func caseFrom(id string, h map[string]string) Case {
	return Case{
		ID: id, Contact: bot.Contact{Channel: h["channel"], ID: h["contact"]}, Lang: h["lang"], Area: h["area"],
		Topic: h["topic"], Reason: bot.Reason(h["reason"]), Urgent: h["urgent"] == "1", Kind: h["kind"], Detected: h["detected"],
		Summary: h["summary"], Status: h["status"], Operator: h["operator"], Opened: ms(h["opened"]), Assigned: ms(h["assigned"]),
		Activity: ms(h["activity"]), Closed: ms(h["closed"]), Outcome: h["outcome"], Note: h["note"],
		Written: ms(h["written"]), owed: h["owed"], otok: h["otok"],
	}
}

// Waiting returns the number of cases waiting for an operator.
func (q *Queue) Waiting(ctx context.Context) (int64, error) {
	n, err := q.rdb.ZCard(ctx, q.k("waiting")).Result()
	if err != nil {
		return 0, fmt.Errorf("count waiting cases: %w", err)
	}
	return n, nil
}

// List returns the waiting cases in queue order, then the assigned ones
// (at most limit of each).
func (q *Queue) List(ctx context.Context, limit int64) (waiting, assigned []Case, err error) {
	wids, err := q.rdb.ZRange(ctx, q.k("waiting"), 0, limit-1).Result()
	if err != nil {
		return nil, nil, fmt.Errorf("list waiting cases: %w", err)
	}
	aids, err := q.rdb.ZRange(ctx, q.k("assigned"), 0, limit-1).Result()
	if err != nil {
		return nil, nil, fmt.Errorf("list assigned cases: %w", err)
	}
	load := func(ids []string) ([]Case, error) {
		pipe := q.rdb.Pipeline()
		cmds := make([]*redis.MapStringStringCmd, len(ids))
		for i, id := range ids {
			cmds[i] = pipe.HGetAll(ctx, q.k("case", id))
		}
		if len(ids) > 0 {
			if _, err := pipe.Exec(ctx); err != nil {
				return nil, fmt.Errorf("read cases: %w", err)
			}
		}
		var out []Case
		for i, c := range cmds {
			if h := c.Val(); h["status"] != "" {
				out = append(out, caseFrom(ids[i], h))
			}
		}
		return out, nil
	}
	if waiting, err = load(wids); err != nil {
		return nil, nil, err
	}
	if assigned, err = load(aids); err != nil {
		return nil, nil, err
	}
	return waiting, assigned, nil
}

// Claim gives a waiting case picked from the list to the operator.
func (q *Queue) Claim(ctx context.Context, operator, id string) error {
	code, err := q.onCase(ctx, id, func(r route) *redis.Cmd {
		return claimScript.Run(ctx, q.rdb, q.caseKeys(id, r, operator), routeArgs(id, r, operator, q.clock().UnixMilli(), newID())...)
	})
	if err != nil {
		return fmt.Errorf("claim case: %w", err)
	}
	if err := scriptResult(code); err != nil {
		return err
	}
	q.publish(ctx, "queue", id)
	return nil
}

// candidates are the keys of the per-skill queues an operator takes cases
// from.
func (q *Queue) candidates(op Operator) []string {
	langs, areas := op.Languages, op.Areas
	if slices.Contains(langs, "*") {
		langs = q.langs
	}
	if slices.Contains(areas, "*") {
		areas = q.areas
	}
	var out []string
	for _, l := range append(slices.Clone(langs), anyLang) {
		for _, a := range append(slices.Clone(areas), "-") {
			out = append(out, q.k("q", l, a))
		}
	}
	return out
}

// Next gives the operator the most urgent, then oldest, waiting case that
// matches their languages and areas. It reads the first cases of each of
// their queues and claims, in one script (nextScript), the best of them
// still waiting; when other operators took them all, it reads again.
//
// Only the cases up to the horizon are offered: a queue that gave all it
// was asked for may hold, after the last one read, cases ahead of those
// read from other queues, so nothing after that last one is claimed.
func (q *Queue) Next(ctx context.Context, operator string) (string, error) {
	op, err := q.Operator(ctx, operator)
	if err != nil {
		return "", err
	}
	if op.Open >= int64(op.Capacity) {
		return "", ErrCapacity
	}
	queues := q.candidates(op)
	for range staleTries {
		heads, err := q.heads(ctx, queues, nextReads)
		if err != nil || len(heads) == 0 {
			return "", cmp.Or(err, ErrNothing)
		}
		heads = heads[:min(len(heads), nextClaims)]
		keys := []string{q.k("waiting"), q.k("assigned"), q.k("claims"), q.k("claimqs"), q.k("op", operator), q.k("opcases", operator)}
		args := []any{operator, q.clock().UnixMilli(), newID()}
		for _, h := range heads {
			keys = append(keys, q.k("case", h.id), q.k("q", h.route.lang, h.route.area), q.k("claims", h.route.lang, h.route.area))
			args = append(args, h.id, h.route.lang, h.route.area)
		}
		res, err := nextScript.Run(ctx, q.rdb, keys, args...).StringSlice()
		if err != nil {
			return "", fmt.Errorf("next case: %w", err)
		}
		switch res[0] {
		case "taken":
			continue // other operators, or an erasure, came first
		case "ok":
			q.publish(ctx, "queue", res[1])
			return res[1], nil
		}
		return "", scriptResult(res[0])
	}
	return "", fmt.Errorf("next case: taken by others %d times", staleTries)
}

// nextReads is how many cases of each queue Next reads at once: enough
// for operators taking cases together not to read again after each other's
// claim.
const nextReads = 8

// nextClaims is how many of the cases read Next offers its script at
// most, the best first: an operator of every language and area has dozens
// of queues, and the script reads each case it is given.
const nextClaims = 2 * nextReads

// head is a waiting case at the head of a routing queue.
type head struct {
	id    string
	route route
	score float64
}

// heads are the first n waiting cases of each of queues (candidates'
// keys), most urgent, then oldest, first, up to the horizon: a queue that
// gave all n may have more after its last, and those can come before
// cases of other queues read further on, which are left out.
func (q *Queue) heads(ctx context.Context, queues []string, n int64) ([]head, error) {
	pipe := q.rdb.Pipeline()
	tops := make([]*redis.ZSliceCmd, len(queues))
	for i, k := range queues {
		tops[i] = pipe.ZRangeWithScores(ctx, k, 0, n-1)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, fmt.Errorf("next case: %w", err)
	}
	var out []head
	horizon := math.Inf(1)
	for i, t := range tops {
		parts := strings.Split(strings.TrimPrefix(queues[i], q.p), ":") // q, lang, area
		zs := t.Val()
		for _, z := range zs {
			id, _ := z.Member.(string)
			out = append(out, head{id: id, score: z.Score, route: route{lang: parts[1], area: parts[2], found: true}})
		}
		if int64(len(zs)) == n {
			horizon = min(horizon, zs[len(zs)-1].Score)
		}
	}
	slices.SortStableFunc(out, func(a, b head) int { return cmp.Compare(a.score, b.score) })
	for i, h := range out {
		if h.score > horizon {
			return out[:i], nil
		}
	}
	return out, nil
}

// Touch records operator activity on a case, so it is not taken back as
// abandoned.
func (q *Queue) Touch(ctx context.Context, id string) error {
	now := q.clock().UnixMilli()
	pipe := q.rdb.TxPipeline()
	pipe.ZAddXX(ctx, q.k("assigned"), redis.Z{Score: float64(now), Member: id})
	pipe.HSet(ctx, q.k("case", id), "activity", now)
	_, err := pipe.Exec(ctx)
	if err != nil {
		return fmt.Errorf("touch case: %w", err)
	}
	return nil
}

// Requeue puts an assigned case back in the queue with a note; operator ""
// means any (an admin).
func (q *Queue) Requeue(ctx context.Context, operator, id, note string) error {
	code, err := q.requeue(ctx, id, operator, note, "")
	if err != nil {
		return fmt.Errorf("requeue case: %w", err)
	}
	if err := scriptResult(code); err != nil {
		return err
	}
	q.publish(ctx, "queue", id)
	return nil
}

// Transfer hands an assigned case to another operator, with a note; from ""
// means any current operator (an admin).
func (q *Queue) Transfer(ctx context.Context, from, id, to, note string) error {
	code, err := q.onCase(ctx, id, func(r route) *redis.Cmd {
		return transferScript.Run(ctx, q.rdb, q.caseKeys(id, r, to), routeArgs(id, r, from, to, q.clock().UnixMilli(), note)...)
	})
	if err != nil {
		return fmt.Errorf("transfer case: %w", err)
	}
	if err := scriptResult(code); err != nil {
		return err
	}
	q.publish(ctx, "queue", id)
	return nil
}

// Close closes a case with an outcome; operator "" means any (an admin, or
// the person leaving the queue).
func (q *Queue) Close(ctx context.Context, operator, id, outcome string) error {
	if !slices.Contains(Outcomes(), outcome) && outcome != OutcomeWithdrawn {
		return fmt.Errorf("%w %q (one of %s)", ErrBadOutcome, outcome, strings.Join(Outcomes(), ", "))
	}
	code, err := q.onCase(ctx, id, func(r route) *redis.Cmd {
		keys := append(q.caseKeys(id, r, ""), q.k("open", r.contact), q.k("cases", r.contact), q.k("outcomes"))
		return closeScript.Run(ctx, q.rdb, keys, routeArgs(id, r, operator, outcome, q.clock().UnixMilli(), int(q.retention.Seconds()))...)
	})
	if err != nil {
		return fmt.Errorf("close case: %w", err)
	}
	if err := scriptResult(code); err != nil {
		return err
	}
	q.publish(ctx, "queue", id)
	// The transcript and the files live in the case's own slot. Should
	// this fail, they still go with the expiry every write gives them.
	if err := q.expireCaseData(ctx, id, q.retention); err != nil {
		return fmt.Errorf("case %s closed, but: %w", id, err)
	}
	return nil
}

// requeue runs requeueScript on case id: back in the queue when assigned
// to operator ("" = any) and, with staleBefore set, idle since before it.
func (q *Queue) requeue(ctx context.Context, id, operator, note, staleBefore string) (string, error) {
	return q.onCase(ctx, id, func(r route) *redis.Cmd {
		return requeueScript.Run(ctx, q.rdb, q.caseKeys(id, r, ""), routeArgs(id, r, operator, q.clock().UnixMilli(), note, staleBefore)...)
	})
}

// Abandoned puts back in the queue the assigned cases whose operator did
// nothing on them for longer than after, and returns their ids.
func (q *Queue) Abandoned(ctx context.Context, after time.Duration) ([]string, error) {
	before := q.clock().Add(-after).UnixMilli()
	ids, err := q.rdb.ZRangeByScore(ctx, q.k("assigned"), &redis.ZRangeBy{Min: "-inf", Max: strconv.FormatInt(before, 10), Count: 200}).Result()
	if err != nil {
		return nil, fmt.Errorf("list stale cases: %w", err)
	}
	var back []string
	for _, id := range ids {
		code, err := q.requeue(ctx, id, "", "abandoned", strconv.FormatInt(before+1, 10))
		if err != nil {
			return back, fmt.Errorf("requeue abandoned case: %w", err)
		}
		switch code {
		case "ok":
			back = append(back, id)
			q.publish(ctx, "queue", id)
		case "not_found", "not_assigned":
			// Closed or erased meanwhile: drop it from the janitor's view.
			if err := q.rdb.ZRem(ctx, q.k("assigned"), id).Err(); err != nil {
				return back, fmt.Errorf("drop case %s from the assigned cases: %w", id, err)
			}
		}
	}
	return back, nil
}

// Append adds an entry to a case's transcript.
func (q *Queue) Append(ctx context.Context, id string, e Entry) error {
	return q.appendAll(ctx, id, e)
}

// appendAll adds entries to a case's transcript in one round trip, in
// order, so that a live view never shows a part of them.
func (q *Queue) appendAll(ctx context.Context, id string, entries ...Entry) error {
	if len(entries) == 0 {
		return nil
	}
	pipe := q.rdb.Pipeline()
	lines := make([]any, 0, 5+len(entries))
	lines = append(lines, q.retention.Milliseconds(), q.keep.Milliseconds(), newID(), q.clock().UnixMilli(), appendWindow.Milliseconds())
	for _, e := range entries {
		if e.Time.IsZero() {
			e.Time = q.clock()
		}
		b, _ := json.Marshal(e)
		if e.By == "person" || e.By == "operator" {
			// Only on a case that exists: a field alone would be a key of
			// the person left behind by an erasure.
			touchWritten.Eval(ctx, pipe, []string{q.k("case", id)}, e.Time.UnixMilli())
		}
		lines = append(lines, b)
	}
	// The lines go in one command, so that a live view never shows a
	// part of them.
	add := appendScript.Eval(ctx, pipe, []string{q.tx(id), q.appends(id)}, lines...)
	pipe.Exec(ctx) // errors are read per command
	if err := add.Err(); err != nil {
		return fmt.Errorf("append to transcript of case %s: %w", id, err)
	}
	// The written time (in the queue's slot, so not with the lines) only
	// tells the idle janitor when to close the case; failing it is not
	// failing the lines, which a retry would write twice.
	q.publish(ctx, "case", id)
	return nil
}

// appendScript adds lines to a transcript (KEYS tx, appends; ARGV the
// retention and the open case's keep in ms, the append's token, now in ms,
// appendWindow in ms, then the lines), keeps its last 2000 (a runaway chat
// must not grow without bound), and gives it the keep as long as the case
// is open. A closed case's transcript has at most the retention left
// (closing sets it), which a line added afterwards (the note of the
// closing) must not extend.
//
// go-redis sends a script again when its reply did not come, though
// Redis may have run it: the lines were then in the transcript twice. Each
// append has a token (random), which the case's appends set keeps for
// appendWindow: a run that finds its token there is a repeat and adds
// nothing. The set holds only tokens, and expires appendWindow after the
// case's last append.
var appendScript = redis.NewScript(pushLib + `
if redis.call('ZADD', KEYS[2], 'NX', ARGV[4], ARGV[3]) == 0 then return 0 end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[4]) - tonumber(ARGV[5]))
redis.call('PEXPIRE', KEYS[2], ARGV[5])
push(6, false)
return 1`)

// pushLib is the transcript's side of appendScript and openingScript,
// whose KEYS[1] is the transcript and ARGV[1], ARGV[2] the retention and
// the open case's keep in ms: push adds the lines ARGV[first:] (at the
// end, or at the head when head is true), keeps the last 2000 and gives the transcript the keep unless it has the retention
// or less left (a closed case's), and returns its time to live in ms.
const pushLib = `
local function push(first, head)
  if head then
    local rev = {}
    for i = #ARGV, first, -1 do rev[#rev + 1] = ARGV[i] end
    redis.call('LPUSH', KEYS[1], unpack(rev))
  else
    redis.call('RPUSH', KEYS[1], unpack(ARGV, first))
  end
  redis.call('LTRIM', KEYS[1], -2000, -1)
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl == -1 or ttl > tonumber(ARGV[1]) then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return tonumber(ARGV[2])
  end
  return ttl
end
`

// writeOpening writes case id's opening lines, those of the handoff
// event of token, unless the transcript has its opening already, and
// waits for a replica of the transcript's master, as open does for the
// case (replica.Waiter.Run): the transcript is in a slot of the case's
// own, on a Cluster another master, and a failover just after must not
// keep the case and lose the person's first words, the danger often among
// them. confirmed is as open's: false, the lines are on their master all
// the same.
//
// They are written until the case no longer owes them (payOpening): by
// the event that opened the case, its replays, and whoever reads the
// transcript for the operators, over a longer while than appendScript's
// tokens last (appendWindow), by go-redis's retries of a lost reply, and
// by two at once: the transcript keeps the mark of its opening
// (openingScript), so that it has one, whatever ran twice. Written late,
// after the person's next lines, they go at the transcript's head, where
// they belong. The lines do not touch the case's written time, as
// Append's do: they are as old as the case, which the idle janitor reads
// (Case.Opened), and a late write must not put back an operator's later
// line.
func (q *Queue) writeOpening(ctx context.Context, id, token string, lines []json.RawMessage) (confirmed bool, err error) {
	args := make([]any, 0, 3+len(lines))
	args = append(args, q.retention.Milliseconds(), q.keep.Milliseconds(), token)
	for _, l := range lines {
		args = append(args, []byte(l))
	}
	cmd, confirmed := q.replicas.Run(ctx, replica.Call{Script: openingScript, Keys: []string{q.tx(id), q.openingMark(id)}, Args: args})
	if err := cmd.Err(); err != nil {
		return confirmed, fmt.Errorf("write the opening of case %s: %w", id, err)
	}
	q.publish(ctx, "case", id)
	return confirmed, nil
}

// openingScript writes a case's opening lines (KEYS tx, opening; ARGV
// the retention and keep in ms, the event's token, then the lines), at
// its head, unless the transcript has an opening: its mark, the token, lives as long as
// the transcript has to live then; closing (expireCaseData) and erasing
// (dropCaseData) take it with the transcript.
var openingScript = redis.NewScript(pushLib + `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local ttl = push(4, true)
redis.call('SET', KEYS[2], ARGV[3], 'PX', ttl)
return 1`)

// appendWindow is how long an append's token is kept against a repeat:
// go-redis sends a script again within its retries (three reads of 3 s at
// most, and the backoffs between them).
const appendWindow = time.Minute

// touchWritten sets a case's "written" time (KEYS case; ARGV ms) if the
// case exists.
var touchWritten = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HSET', KEYS[1], 'written', ARGV[1])`)

// Transcript returns a case's transcript, oldest first.
func (q *Queue) Transcript(ctx context.Context, id string) ([]Entry, error) {
	raw, err := q.rdb.LRange(ctx, q.tx(id), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("read transcript: %w", err)
	}
	out := make([]Entry, 0, len(raw))
	replies := map[string]int{} // operator's reply ID → index in out
	for _, r := range raw {
		var e Entry
		if json.Unmarshal([]byte(r), &e) != nil {
			continue
		}
		if e.ID != "" {
			replies[e.ID] = len(out)
		}
		if i, ok := replies[e.Of]; ok && e.Of != "" && e.Undelivered != "" {
			out[i].Undelivered = e.Undelivered
		}
		out = append(out, e)
	}
	return out, nil
}

// undelivered notes in a case's transcript that the operator's reply
// replyID was not delivered, and why; live views hear of it. A case erased
// meanwhile gets nothing: the note must not bring back a key of the
// person.
func (q *Queue) undelivered(ctx context.Context, id, replyID, why string) error {
	b, _ := json.Marshal(q.undeliveredEntry(replyID, why))
	n, err := q.rdb.RPushX(ctx, q.tx(id), b).Result()
	if err != nil {
		return fmt.Errorf("note an undelivered reply in case %s: %w", id, err)
	}
	if n > 0 {
		q.publish(ctx, "case", id)
	}
	return nil
}

// undeliveredEntry is the line that says the entry replyID did not reach
// the person, and why.
func (q *Queue) undeliveredEntry(replyID, why string) Entry {
	return Entry{Time: q.clock(), By: "system", Text: "reply not delivered: " + why, Undelivered: why, Of: replyID}
}

// noteOnce adds entries to case id's transcript in one step unless it
// has noted mark already (noteOnceScript), and says whether it did. What
// is reported again, by a DeliveryReporter's repeated report, long after
// appendScript's tokens are gone, is noted once.
func (q *Queue) noteOnce(ctx context.Context, id, mark string, entries ...Entry) (bool, error) {
	args := make([]any, 0, 3+len(entries))
	args = append(args, q.retention.Milliseconds(), q.keep.Milliseconds(), mark)
	for _, e := range entries {
		if e.Time.IsZero() {
			e.Time = q.clock()
		}
		b, _ := json.Marshal(e)
		args = append(args, b)
	}
	n, err := noteOnceScript.Run(ctx, q.rdb, []string{q.tx(id), q.notes(id)}, args...).Int()
	if err != nil {
		return false, fmt.Errorf("note in the transcript of case %s: %w", id, err)
	}
	if n == 0 {
		return false, nil
	}
	q.publish(ctx, "case", id)
	return true, nil
}

// noteOnceScript adds lines to a transcript (KEYS tx, notes; ARGV the
// retention and keep in ms, the mark, then the lines) unless the case's
// notes have the mark: they live as long as the transcript has to live
// then, as the opening's mark does (openingScript); closing
// (expireCaseData) and erasing (dropCaseData) take them with it.
var noteOnceScript = redis.NewScript(pushLib + `
if redis.call('SISMEMBER', KEYS[2], ARGV[3]) == 1 then return 0 end
local ttl = push(4)
redis.call('SADD', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ttl)
return 1`)

// aheadLib counts the waiting cases that come before a case of routing
// language lang and area area with score score: every case, in any
// routing queue, that an operator who could take this case would take
// first (Next takes the most urgent, then oldest, case among the queues
// an operator fits). An operator with every area or language sees cases
// of other areas or languages ahead, so they count; cases no such
// operator takes do not (an Arabic speaker is not told to wait behind
// people who wrote in Ukrainian to operators who speak no Arabic). With
// no operator able to take the case, its own queue is all that is ahead.
// The nq routing queues are KEYS from qfirst, followed by the operators'
// accounts (op:NAME); their lang, area pairs are ARGV from afirst.
const aheadLib = skillLib + `
local function ahead(lang, area, max, qfirst, nq, afirst)
  local takers = {}
  for i = qfirst + nq, #KEYS do
    local op = KEYS[i]
    if redis.call('EXISTS', op) == 1 and fits(op, lang, area) then takers[#takers + 1] = op end
  end
  local n = 0
  for j = 0, nq - 1 do
    local ql, qa = ARGV[afirst + 2*j], ARGV[afirst + 2*j + 1]
    local counts = ql == lang and qa == area
    for _, op in ipairs(takers) do
      if counts then break end
      counts = fits(op, ql, qa)
    end
    if counts then n = n + redis.call('ZCOUNT', KEYS[qfirst + j], '-inf', max) end
  end
  return n
end
`

// KEYS: the case's routing queue, the routing queues, the operators'
// accounts. ARGV: id, its routing lang and area, the number of routing
// queues, their lang, area pairs. The place of a waiting case (1 =
// next), or 0 when it is not waiting.
var positionScript = redis.NewScript(aheadLib + `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score then return 0 end
return ahead(ARGV[2], ARGV[3], '(' .. score, 2, tonumber(ARGV[4]), 5) + 1
`)

// KEYS: the routing queues, the operators' accounts. ARGV: lang, area,
// score, the number of routing queues, their lang, area pairs. The cases
// ahead of one that would join the queue now with that score.
var aheadScript = redis.NewScript(aheadLib + `
return ahead(ARGV[1], ARGV[2], ARGV[3], 1, tonumber(ARGV[4]), 5)
`)

// routingQueues are every routing queue: their keys, and their lang,
// area pairs, for the scripts that look at all of them.
func (q *Queue) routingQueues() (keys []string, pairs []any) {
	for _, l := range append(slices.Clone(q.langs), anyLang) {
		for _, a := range append(slices.Clone(q.areas), "-") {
			keys = append(keys, q.k("q", l, a))
			pairs = append(pairs, l, a)
		}
	}
	return keys, pairs
}

// opKeys names the accounts of the operators listed in ops (console's
// P ops): aheadLib reads their skills.
func (q *Queue) opKeys(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = q.k("op", n)
	}
	return out
}

// Position returns a waiting case's honest place in the queue (1 = next),
// or 0 when it is not waiting: one more than the cases ahead of it (see
// aheadLib), so a person is never told they are next while an operator
// who could answer them is about to take someone else.
func (q *Queue) Position(ctx context.Context, id string) (int64, error) {
	pipe := q.rdb.Pipeline()
	rq := pipe.HMGet(ctx, q.k("case", id), "qlang", "qarea")
	ops := pipe.SMembers(ctx, q.k("ops"))
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, fmt.Errorf("queue position of case %s: %w", id, err)
	}
	lang, _ := rq.Val()[0].(string)
	area, _ := rq.Val()[1].(string)
	if lang == "" {
		return 0, nil
	}
	queues, pairs := q.routingQueues()
	keys := append(append([]string{q.k("q", lang, area)}, queues...), q.opKeys(ops.Val())...)
	args := append([]any{id, lang, area, len(queues)}, pairs...)
	n, err := positionScript.Run(ctx, q.rdb, keys, args...).Int64()
	if err != nil {
		return 0, fmt.Errorf("queue position of case %s: %w", id, err)
	}
	return n, nil
}

// Ahead returns how many waiting cases come before a case of lang and
// area that would join the queue at opened (see aheadLib).
func (q *Queue) Ahead(ctx context.Context, lang, area string, opened time.Time, urgent bool) (int64, error) {
	ops, err := q.rdb.SMembers(ctx, q.k("ops")).Result()
	if err != nil {
		return 0, fmt.Errorf("cases ahead in the queue: %w", err)
	}
	queues, pairs := q.routingQueues()
	keys := append(queues, q.opKeys(ops)...)
	args := append([]any{q.lang(lang), q.area(area), strconv.FormatFloat(score(opened, urgent), 'f', -1, 64), len(queues)}, pairs...)
	n, err := aheadScript.Run(ctx, q.rdb, keys, args...).Int64()
	if err != nil {
		return 0, fmt.Errorf("cases ahead in the queue: %w", err)
	}
	return n, nil
}

// Pace returns the claims per minute over the window, and how many claims
// that is.
func (q *Queue) Pace(ctx context.Context, window time.Duration) (float64, int64, error) {
	return q.paceOf(ctx, q.k("claims"), window)
}

// QueuePace is Pace in the routing queue of lang and area: the pace at
// which the people waiting there are taken, which for a language few
// operators speak is slower than the desk's.
func (q *Queue) QueuePace(ctx context.Context, window time.Duration, lang, area string) (float64, int64, error) {
	return q.paceOf(ctx, q.k("claims", q.lang(lang), q.area(area)), window)
}

func (q *Queue) paceOf(ctx context.Context, key string, window time.Duration) (float64, int64, error) {
	from := strconv.FormatInt(q.clock().Add(-window).UnixMilli(), 10)
	n, err := q.rdb.ZCount(ctx, key, from, "+inf").Result()
	if err != nil {
		return 0, 0, fmt.Errorf("claims pace: %w", err)
	}
	return float64(n) / window.Minutes(), n, nil
}

// trimClaims forgets claims older than the window, overall and per queue;
// a per-queue set left empty goes from the list.
func (q *Queue) trimClaims(ctx context.Context, window time.Duration) error {
	before := strconv.FormatInt(q.clock().Add(-window).UnixMilli()-1, 10)
	queues, err := q.rdb.SMembers(ctx, q.k("claimqs")).Result()
	if err != nil {
		return fmt.Errorf("trim claims: %w", err)
	}
	for _, key := range append(queues, q.k("claims")) {
		if err := q.rdb.ZRemRangeByScore(ctx, key, "-inf", before).Err(); err != nil {
			return fmt.Errorf("trim claims: %w", err)
		}
	}
	for _, key := range queues {
		if n, err := q.rdb.Exists(ctx, key).Result(); err == nil && n == 0 {
			q.rdb.SRem(ctx, q.k("claimqs"), key)
		}
	}
	return nil
}

// OutcomeCounts returns closed cases by outcome.
func (q *Queue) OutcomeCounts(ctx context.Context) (map[string]int64, error) {
	h, err := q.rdb.HGetAll(ctx, q.k("outcomes")).Result()
	if err != nil {
		return nil, fmt.Errorf("read outcomes: %w", err)
	}
	out := map[string]int64{}
	for k, v := range h {
		out[k], _ = strconv.ParseInt(v, 10, 64)
	}
	return out, nil
}

// setTold records what the person was last told about the queue: their
// place, the estimate step and when.
func (q *Queue) setTold(ctx context.Context, id string, pos int64, bucket int, at time.Time) error {
	if err := q.rdb.HSet(ctx, q.k("case", id), "told_pos", pos, "told_wait", bucket, "told_at", at.UnixMilli()).Err(); err != nil {
		return fmt.Errorf("record queue update of case %s: %w", id, err)
	}
	return nil
}

func (q *Queue) told(ctx context.Context, id string) (pos int64, bucket int, at time.Time, err error) {
	v, err := q.rdb.HMGet(ctx, q.k("case", id), "told_pos", "told_wait", "told_at").Result()
	if err != nil {
		return 0, 0, time.Time{}, fmt.Errorf("read case: %w", err)
	}
	str := func(x any) string { s, _ := x.(string); return s }
	pos, _ = strconv.ParseInt(str(v[0]), 10, 64)
	b, _ := strconv.Atoi(str(v[1]))
	return pos, b, ms(str(v[2])), nil
}

// Erase forgets every case of the contact, with their transcripts, for
// "delete my data".
func (q *Queue) Erase(ctx context.Context, c bot.Contact) error {
	ck := c.Key()
	for range staleTries {
		ids, err := q.rdb.SMembers(ctx, q.k("cases", ck)).Result()
		if err != nil {
			return fmt.Errorf("erase cases: %w", err)
		}
		routes, err := q.routes(ctx, ids)
		if err != nil {
			return fmt.Errorf("erase cases: %w", err)
		}
		// Transcripts and files first: should what follows fail, the
		// contact's cases still list them for the retry.
		if err := q.dropCaseData(ctx, ids...); err != nil {
			return fmt.Errorf("erase cases: %w", err)
		}
		keys := []string{q.k("cases", ck), q.k("open", ck), q.k("waiting"), q.k("assigned")}
		var args []any
		for i, id := range ids {
			r := routes[i]
			keys = append(keys, q.k("case", id), q.k("q", r.lang, r.area), q.k("opcases", r.op))
			args = append(args, id, r.lang, r.area, r.op)
		}
		code, err := eraseScript.Run(ctx, q.rdb, keys, args...).Text()
		if err != nil {
			return fmt.Errorf("erase cases: %w", err)
		}
		if code == "stale" {
			continue
		}
		// A line relayed while erasing may have made a transcript again.
		if err := q.dropCaseData(ctx, ids...); err != nil {
			return fmt.Errorf("erase cases: %w", err)
		}
		q.publish(ctx, "queue", "")
		return nil
	}
	return fmt.Errorf("erase cases: the contact's cases changed under %d tries", staleTries)
}

// routes reads the routes of cases ids, in one round trip.
func (q *Queue) routes(ctx context.Context, ids []string) ([]route, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	pipe := q.rdb.Pipeline()
	cmds := make([]*redis.SliceCmd, len(ids))
	for i, id := range ids {
		cmds[i] = pipe.HMGet(ctx, q.k("case", id), "qlang", "qarea", "operator", "contact_key", "status")
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, fmt.Errorf("read cases: %w", err)
	}
	out := make([]route, len(ids))
	for i, c := range cmds {
		out[i] = routeOf(c.Val())
	}
	return out, nil
}

// publish tells live views something changed; losing one is harmless
// (views also refresh on their own), so errors are ignored.
func (q *Queue) publish(ctx context.Context, kind, id string) {
	b, _ := json.Marshal(map[string]string{"kind": kind, "case": id})
	q.rdb.Publish(ctx, q.k("events"), b)
}
