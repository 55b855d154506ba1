// Package texts lets desk staff change what the bot says, in every
// language, from the console: find a message by its text or id, edit it
// beside the English, keep a draft, try it in the preview, publish it to
// every Frontdoor process at once without a restart, and go back to any
// earlier version. Every text is checked as the catalogue files are
// (locales.CheckText) before it is saved, so a broken template never
// reaches a person. Texts published here win over the desk's override
// files, which win over the texts built in.
package texts

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/locales"
	"frontdoor/store"
)

// Actions in a message's history.
const (
	// ActionPublish: the text was published.
	ActionPublish = "publish"
	// ActionRevert: an earlier version was published again.
	ActionRevert = "revert"
	// ActionReset: the published text was withdrawn; people read the
	// shipped one (built in, or the desk's override file) again.
	ActionReset = "reset"
)

// Entry is a draft, or one version of a message in its history.
type Entry struct {
	Text locales.Text `json:"text"`
	// Version is the publication's number (none for a draft); numbers
	// grow across every message, so they also order publications.
	Version int64     `json:"v,omitempty"`
	Action  string    `json:"action,omitempty"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
	// From is the version a revert published again.
	From int64 `json:"from,omitempty"`
	// Rev numbers a draft's saves (across all messages), so that an
	// editor's save can tell whether the draft changed since the page was
	// read (Base).
	Rev int64 `json:"rev,omitempty"`
}

// historyMax bounds the versions kept of one message: a desk changing a
// text every week keeps about a year of it.
const historyMax = 50

// opTTL is how long a publication's id is remembered, so that a call
// retried after a lost answer does not publish twice.
const opTTL = 24 * time.Hour

// Checker checks a text before it is stored: *locales.Catalog.
type Checker interface {
	CheckText(locales.Text) []error
}

// Store keeps drafts, published texts and their history in Redis.
//
// Redis keys (owned by this package), all in the {texts} Cluster slot: a
// desk's texts are a few hundred at most and change a few times a week,
// and a publication changes several keys at once. With prefix "fd:" P is
// "fd:{texts}:".
//
//	P live             HASH    "<lang> <id>" -> the published text (Entry JSON)
//	P draft            HASH    "<lang> <id>" -> the draft (Entry JSON)
//	P hist:<lang> <id> LIST    the message's versions, newest first (Entry JSON), at most historyMax
//	P version          STRING  the number of the last publication
//	P drev             STRING  the number of the last draft saved (Entry.Rev)
//	P op:<id>          STRING  a publication done (its number), for a day: a retry does not publish twice
//	P published        channel the number of each publication, as it is made
type Store struct {
	rdb   redis.UniversalClient
	p     string
	check Checker
	clock func() time.Time
}

// NewStore keeps texts in rdb under keys; check refuses bad texts; clock
// stamps the history (nil: time.Now).
func NewStore(rdb redis.UniversalClient, keys store.Keys, check Checker, clock func() time.Time) *Store {
	if clock == nil {
		clock = time.Now
	}
	return &Store{rdb: rdb, p: keys.Global("{texts}:"), check: check, clock: clock}
}

func (s *Store) k(name string) string { return s.p + name }

// Channel is where publications are announced.
func (s *Store) Channel() string { return s.k("published") }

func field(lang, id string) string { return lang + " " + id }

// BadTextError is a text refused by the checks, with every problem.
type BadTextError struct{ Problems []error }

func (e *BadTextError) Error() string {
	var b strings.Builder
	b.WriteString("the text cannot be saved: ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

func (s *Store) checked(t locales.Text) error {
	if errs := s.check.CheckText(t); len(errs) > 0 {
		return &BadTextError{Problems: errs}
	}
	return nil
}

// SaveDraft keeps t as the draft of its message, replacing the one there
// was; a text that fails the checks is refused (BadTextError).
func (s *Store) SaveDraft(ctx context.Context, t locales.Text, by string) error {
	return s.SaveDraftFrom(ctx, t, by, "")
}

// baseLua computes Base in the scripts: KEYS[draft], KEYS[live], field.
const baseLua = `
local function base(draft, live, f)
  local d = redis.call('HGET', draft, f)
  if d then return 'd' .. tostring(cjson.decode(d)['rev'] or 0) end
  local l = redis.call('HGET', live, f)
  if l then return 'v' .. tostring(cjson.decode(l)['v'] or 0) end
  return '0'
end
`

// saveDraft keeps the draft ARGV[2] (Entry JSON, "rev":0 first, numbered
// here) of field ARGV[1] when the message's Base is still ARGV[3] ("":
// whatever it is); it returns the draft's number, or 0 when the base
// changed.
var saveDraft = redis.NewScript(baseLua + `
if ARGV[3] ~= '' and base(KEYS[1], KEYS[2], ARGV[1]) ~= ARGV[3] then return 0 end
local rev = redis.call('INCR', KEYS[3])
local entry = string.gsub(ARGV[2], '"rev":0', '"rev":' .. rev, 1)
redis.call('HSET', KEYS[1], ARGV[1], entry)
return rev
`)

// ConflictError refuses a save made from a page older than the message:
// another editor saved or published it meanwhile. Other is what they
// saved (a draft, the published text, or a reset's history line).
type ConflictError struct{ Other Entry }

func (e *ConflictError) Error() string {
	return fmt.Sprintf("texts: %s %s was changed by %s meanwhile", e.Other.Text.Lang, e.Other.Text.ID, e.Other.By)
}

// Base is what an edit of a message starts from: its draft's number
// ("d12"), else its publication's ("v7"), else "0" (the shipped text). A
// page keeps the base it was made from, and a save from it is refused
// (ConflictError) when the base changed, so that two editors of one
// message never overwrite each other without seeing it.
func (s *Store) Base(ctx context.Context, lang, id string) (string, error) {
	if d, ok, err := s.Draft(ctx, lang, id); err != nil || ok {
		return "d" + strconv.FormatInt(d.Rev, 10), err
	}
	if l, ok, err := s.Live(ctx, lang, id); err != nil || ok {
		return "v" + strconv.FormatInt(l.Version, 10), err
	}
	return "0", nil
}

// conflict is the error for a save refused because the message changed.
func (s *Store) conflict(ctx context.Context, lang, id string) error {
	other, ok, err := s.Draft(ctx, lang, id)
	if err == nil && !ok {
		other, ok, err = s.Live(ctx, lang, id)
	}
	if err == nil && !ok {
		var hist []Entry
		if hist, err = s.History(ctx, lang, id); len(hist) > 0 {
			other = hist[0]
		}
	}
	if err != nil {
		return err
	}
	other.Text.Lang, other.Text.ID = lang, id
	return &ConflictError{Other: other}
}

// SaveDraftFrom is SaveDraft for an edit that started from base (Base):
// when the message changed since, nothing is saved and the error is a
// ConflictError; base "" saves whatever the message is now.
func (s *Store) SaveDraftFrom(ctx context.Context, t locales.Text, by, base string) error {
	if err := s.checked(t); err != nil {
		return err
	}
	// The script numbers the draft in place of this placeholder, the
	// first field encoded.
	b, err := json.Marshal(struct {
		Rev int64 `json:"rev"`
		Entry
	}{Entry: Entry{Text: t, By: by, At: s.clock().UTC()}})
	if err != nil {
		return fmt.Errorf("texts: encode draft: %w", err)
	}
	f := field(t.Lang, t.ID)
	rev, err := saveDraft.Run(ctx, s.rdb, []string{s.k("draft"), s.k("live"), s.k("drev")}, f, b, base).Int64()
	if err != nil {
		return fmt.Errorf("texts: save draft: %w", err)
	}
	if rev == 0 {
		return s.conflict(ctx, t.Lang, t.ID)
	}
	return nil
}

// Draft returns the draft of a message, if there is one.
func (s *Store) Draft(ctx context.Context, lang, id string) (Entry, bool, error) {
	return s.one(ctx, "draft", lang, id)
}

// one reads the entry of a message in the hash "draft" or "live".
func (s *Store) one(ctx context.Context, hash, lang, id string) (Entry, bool, error) {
	raw, err := s.rdb.HGet(ctx, s.k(hash), field(lang, id)).Result()
	if errors.Is(err, redis.Nil) {
		return Entry{}, false, nil
	}
	if err != nil {
		return Entry{}, false, fmt.Errorf("texts: read %s %s %s: %w", hash, lang, id, err)
	}
	var e Entry
	if err := json.Unmarshal([]byte(raw), &e); err != nil {
		return Entry{}, false, fmt.Errorf("texts: decode %s %s %s: %w", hash, lang, id, err)
	}
	return e, true, nil
}

// Drafts returns every draft.
func (s *Store) Drafts(ctx context.Context) ([]Entry, error) {
	return s.all(ctx, "draft")
}

// DiscardDraft removes the draft of a message.
func (s *Store) DiscardDraft(ctx context.Context, lang, id string) error {
	return s.DiscardDraftFrom(ctx, lang, id, "")
}

// discardDraft removes the draft of field ARGV[1] when the message's Base
// is still ARGV[2] ("": whatever it is); 0 when it changed.
var discardDraft = redis.NewScript(baseLua + `
if ARGV[2] ~= '' and base(KEYS[1], KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
return 1
`)

// DiscardDraftFrom is DiscardDraft from a page read at base: a draft saved
// since by another editor is not thrown away unseen (ConflictError).
func (s *Store) DiscardDraftFrom(ctx context.Context, lang, id, base string) error {
	done, err := discardDraft.Run(ctx, s.rdb, []string{s.k("draft"), s.k("live")}, field(lang, id), base).Int()
	if err != nil {
		return fmt.Errorf("texts: discard draft: %w", err)
	}
	if done == 0 {
		return s.conflict(ctx, lang, id)
	}
	return nil
}

func (s *Store) all(ctx context.Context, hash string) ([]Entry, error) {
	raw, err := s.rdb.HGetAll(ctx, s.k(hash)).Result()
	if err != nil {
		return nil, fmt.Errorf("texts: read %s: %w", hash, err)
	}
	out := make([]Entry, 0, len(raw))
	for f, r := range raw {
		var e Entry
		if err := json.Unmarshal([]byte(r), &e); err != nil {
			return nil, fmt.Errorf("texts: decode %s %s: %w", hash, f, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// Published returns the number of the last publication and the texts
// published now. The number is read first: a publication made meanwhile
// is in the texts or announced with a later number.
func (s *Store) Published(ctx context.Context) (int64, []locales.Text, error) {
	v, err := s.Version(ctx)
	if err != nil {
		return 0, nil, err
	}
	es, err := s.all(ctx, "live")
	if err != nil {
		return 0, nil, err
	}
	ts := make([]locales.Text, 0, len(es))
	for _, e := range es {
		ts = append(ts, e.Text)
	}
	return v, ts, nil
}

// Version is the number of the last publication (0: none yet).
func (s *Store) Version(ctx context.Context) (int64, error) {
	v, err := s.rdb.Get(ctx, s.k("version")).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("texts: read version: %w", err)
	}
	return v, nil
}

// Live returns the published text of a message, if there is one.
func (s *Store) Live(ctx context.Context, lang, id string) (Entry, bool, error) {
	return s.one(ctx, "live", lang, id)
}

// History returns the versions of a message, newest first.
func (s *Store) History(ctx context.Context, lang, id string) ([]Entry, error) {
	raw, err := s.rdb.LRange(ctx, s.k("hist:"+field(lang, id)), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("texts: read history: %w", err)
	}
	out := make([]Entry, 0, len(raw))
	for _, r := range raw {
		var e Entry
		if err := json.Unmarshal([]byte(r), &e); err != nil {
			return nil, fmt.Errorf("texts: decode history of %s %s: %w", lang, id, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// publish makes a version in one step: number it, put it live (or take
// the live text away, for a reset), drop the draft, add it to the
// history, remember the call's id, announce the number. A call whose id
// was seen returns the number it got then; one whose base (ARGV[7], ""
// for none) is not the message's any more returns -1 and changes nothing.
var publish = redis.NewScript(baseLua + `
local done = redis.call('GET', KEYS[5])
if done then return tonumber(done) end
if ARGV[7] ~= '' and base(KEYS[2], KEYS[1], ARGV[1]) ~= ARGV[7] then return -1 end
local v = redis.call('INCR', KEYS[4])
local entry = string.gsub(ARGV[2], '"v":0', '"v":' .. v, 1)
if ARGV[3] == 'reset' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], entry)
end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('LPUSH', KEYS[3], entry)
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[4]) - 1)
redis.call('SET', KEYS[5], v, 'EX', tonumber(ARGV[5]))
redis.call('PUBLISH', ARGV[6], v)
return v
`)

// version writes e as the next version of its message and returns its
// number; base, when not "", is the Base the change was made from.
func (s *Store) version(ctx context.Context, e Entry, base string) (int64, error) {
	e.At = s.clock().UTC()
	// The script puts the number in place of this placeholder: Version
	// is the first field Entry encodes after the text.
	e.Version = 0
	b, err := json.Marshal(struct {
		Text locales.Text `json:"text"`
		V    int64        `json:"v"`
		Entry
	}{Text: e.Text, Entry: e})
	if err != nil {
		return 0, fmt.Errorf("texts: encode version: %w", err)
	}
	f := field(e.Text.Lang, e.Text.ID)
	op := make([]byte, 12)
	rand.Read(op)
	keys := []string{s.k("live"), s.k("draft"), s.k("hist:" + f), s.k("version"), s.k("op:" + hex.EncodeToString(op))}
	v, err := publish.Run(ctx, s.rdb, keys, f, b, e.Action, historyMax, int(opTTL.Seconds()), s.Channel(), base).Int64()
	if err != nil {
		return 0, fmt.Errorf("texts: %s %s: %w", e.Action, f, err)
	}
	if v < 0 {
		return 0, s.conflict(ctx, e.Text.Lang, e.Text.ID)
	}
	return v, nil
}

// Publish makes t what people read, in every process (Sync), and returns
// the publication's number; a text that fails the checks is refused
// (BadTextError).
func (s *Store) Publish(ctx context.Context, t locales.Text, by string) (int64, error) {
	return s.PublishFrom(ctx, t, by, "")
}

// PublishFrom is Publish for an edit that started from base (Base): when
// the message changed since, nothing is published and the error is a
// ConflictError.
func (s *Store) PublishFrom(ctx context.Context, t locales.Text, by, base string) (int64, error) {
	if err := s.checked(t); err != nil {
		return 0, err
	}
	return s.version(ctx, Entry{Text: t, Action: ActionPublish, By: by}, base)
}

// ErrNoVersion is returned for a revert to a version the history does
// not hold.
var ErrNoVersion = errors.New("texts: no such version of this message")

// Revert publishes version v of a message again, as a new version; it is
// checked again, since a new release may have changed what a text must
// have.
func (s *Store) Revert(ctx context.Context, lang, id string, v int64, by string) (int64, error) {
	return s.RevertFrom(ctx, lang, id, v, by, "")
}

// RevertFrom is Revert from a page read at base: refused (ConflictError)
// when the message changed since.
func (s *Store) RevertFrom(ctx context.Context, lang, id string, v int64, by, base string) (int64, error) {
	hist, err := s.History(ctx, lang, id)
	if err != nil {
		return 0, err
	}
	for _, e := range hist {
		if e.Version != v {
			continue
		}
		if e.Action == ActionReset {
			return s.ResetFrom(ctx, lang, id, by, base)
		}
		if err := s.checked(e.Text); err != nil {
			return 0, err
		}
		return s.version(ctx, Entry{Text: e.Text, Action: ActionRevert, By: by, From: v}, base)
	}
	return 0, ErrNoVersion
}

// Reset withdraws the published text of a message: people read the
// shipped one again.
func (s *Store) Reset(ctx context.Context, lang, id, by string) (int64, error) {
	return s.ResetFrom(ctx, lang, id, by, "")
}

// ResetFrom is Reset from a page read at base: refused (ConflictError)
// when the message changed since.
func (s *Store) ResetFrom(ctx context.Context, lang, id, by, base string) (int64, error) {
	return s.version(ctx, Entry{Text: locales.Text{Lang: lang, ID: id}, Action: ActionReset, By: by}, base)
}
