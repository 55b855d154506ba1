package stats

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// attacker holds a Redis dump of the statistics, and maybe stats.secret,
// and tries to link a known contact id to anything in it, as issue 16
// describes: by recomputing names from any key it can find (the secret,
// the pre-issue-16 generated secret, anything stored that could be a
// salt) and by testing membership in every weekly HyperLogLog with PFADD
// on a copy.
type attacker struct {
	t      *testing.T
	s      *Stats // for the derivations: the attacker has the source
	rdb    redis.UniversalClient
	keys   store.Keys
	secret string // stats.secret, when the attacker has it
	// What the contact did, as far as the attacker can guess: every day
	// and area it tries.
	days  []time.Time
	areas []string
	units []string // handoff message ids, profile questions
}

// oldHash is the keyed hash of the layout before issue 16.
func oldHash(key string, parts ...string) string {
	m := hmac.New(sha256.New, []byte(key))
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return hex.EncodeToString(m.Sum(nil))
}

// links lists everything in Redis that the attacker can tie to c.
func (a *attacker) links(c bot.Contact) []string {
	a.t.Helper()
	ctx := context.Background()
	var found, strs, hlls []string
	for _, k := range storetest.KeysWith(a.t, a.rdb, a.keys.Prefix()) {
		if a.rdb.Type(ctx, k).Val() != "string" {
			continue
		}
		v := a.rdb.Get(ctx, k).Val()
		if strings.HasPrefix(v, "HYLL") {
			hlls = append(hlls, k)
		} else {
			strs = append(strs, v)
		}
	}
	// member tests an element against every weekly HyperLogLog, on a
	// copy (in the same slot): PFADD answers 0 when the element was
	// counted.
	member := func(elem, how string) {
		for _, h := range hlls {
			tmp := h + ":attacker-copy"
			a.rdb.Del(ctx, tmp)
			if err := a.rdb.PFMerge(ctx, tmp, h).Err(); err != nil {
				a.t.Fatal(err)
			}
			if a.rdb.PFAdd(ctx, tmp, elem).Val() == 0 {
				found = append(found, fmt.Sprintf("%s is in %s (%s)", c, h, how))
			}
			a.rdb.Del(ctx, tmp)
		}
	}
	exists := func(k, how string) bool {
		if a.rdb.Exists(ctx, k).Val() == 1 {
			found = append(found, fmt.Sprintf("%s names %s (%s)", c, k, how))
			return true
		}
		return false
	}

	// The layout before issue 16: an HMAC of the contact under the secret,
	// as the HyperLogLogs' element and in the markers' names.
	var secrets []string
	if a.secret != "" {
		secrets = append(secrets, a.secret)
	}
	if v, err := a.rdb.Get(ctx, a.s.key("secret")).Result(); err == nil {
		secrets = append(secrets, v)
	}
	for _, sec := range secrets {
		who := oldHash(sec, "contact", c.Key())
		member(who, "old keyed hash")
		for _, d := range a.days {
			day := d.Format(time.DateOnly)
			for h := range 24 {
				exists(a.s.key("seen:"+oldHash(sec, "hour", who, day, fmt.Sprintf("%02d", h))), "old hour marker")
			}
			for _, area := range a.areas {
				exists(a.s.key("seen:"+oldHash(sec, "need", who, day, area)), "old need marker")
				exists(a.s.key("seen:"+oldHash(sec, "topic", who, day, area)), "old topic marker")
			}
		}
		for _, u := range a.units {
			exists(a.s.key("seen:"+oldHash(sec, "handoff", who, u)), "old handoff marker")
			exists(a.s.key("seen:"+oldHash(sec, "profile", who, u)), "old profile marker")
		}
	}

	// The salted layout: any stored value might be a salt.
	for _, v := range strs {
		k := a.s.weekSaltOf(v)
		if p := a.s.personKey(k, c.Key()); exists(p, "week record") {
			if tok, err := a.rdb.HGet(ctx, p, "t").Result(); err == nil {
				member(tok, "token of the week record")
			}
		}
		for _, d := range a.days {
			if m := a.s.marksKey(k, c.Key(), d); exists(m, "markers") {
				// Today's marks may keep a copy of the token.
				if tok, err := a.rdb.HGet(ctx, m, "t").Result(); err == nil {
					member(tok, "token kept in the markers")
				}
			}
		}
	}

	// And the plain id, anywhere.
	for _, k := range storetest.KeysWith(a.t, a.rdb, a.keys.Prefix()) {
		dump := k
		switch a.rdb.Type(ctx, k).Val() {
		case "hash":
			for f, v := range a.rdb.HGetAll(ctx, k).Val() {
				dump += " " + f + "=" + v
			}
		case "string":
			dump += " " + a.rdb.Get(ctx, k).Val()
		case "zset":
			dump += " " + strings.Join(a.rdb.ZRange(ctx, k, 0, -1).Val(), " ")
		}
		if strings.Contains(dump, c.ID) {
			found = append(found, fmt.Sprintf("%s holds the contact id", k))
		}
	}
	return found
}

// repeatable makes salts and tokens from a fixed seed, so that the
// HyperLogLogs are the same at every run: a membership test by PFADD can
// answer 0 by a collision, and that must not make the test flaky.
func repeatable(s *Stats, seed uint64) {
	var b [32]byte
	b[0] = byte(seed)
	s.random = rand.NewChaCha8(b)
}

// TestErasedPersonCannotBeLinked (issue 16): after "delete my data",
// nothing in Redis leads from the person's contact id to anything
// counted, for an attacker with a Redis dump and the secret; and once a
// week's salt is gone, the same holds for everyone of that week.
func TestErasedPersonCannotBeLinked(t *testing.T) {
	for _, tc := range []struct {
		name   string
		secret string
	}{
		{"generated key", ""},
		{"stats.secret", "a-secret-kept-out-of-redis"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Tuesday 24 November 2026, 10:30 in Rome, week 2026-W48.
			c := newClock(time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC))
			s, rdb, keys := newStats(t, Config{Secret: tc.secret}, c)
			repeatable(s, 48)
			ctx := context.Background()
			amina := bot.Contact{Channel: "whatsapp", ID: "393331234567@s.whatsapp.net"}
			bilal := bot.Contact{Channel: "telegram", ID: "81234567"}
			handoff := func(msg string) bot.Event {
				return bot.HandoffRequested{Area: "legal", Topic: "asylum", Reason: "asked", Lang: "ar", Message: msg}
			}
			profile := bot.ProfileAnswered{Field: "age", Value: "18_29"}
			for _, ct := range []bot.Contact{amina, bilal} {
				for _, at := range []time.Time{time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC), c.now()} {
					c.set(at)
					for _, e := range []bot.Event{need("legal", "asylum", "ar"), need("health", "", "ar"), handoff("m-" + ct.ID), profile} {
						if err := s.HandleEvent(ctx, ct, e); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			a := &attacker{t: t, s: s, rdb: rdb, keys: keys, secret: tc.secret,
				areas: []string{"legal", "health"}, units: []string{"m-" + amina.ID, "m-" + bilal.ID, "age"}}
			for d := range 10 {
				a.days = append(a.days, time.Date(2026, 11, 22+d, 0, 0, 0, 0, s.loc))
			}
			// The attack works while the week lasts, down to a PFADD
			// membership test: without this, the rest would prove nothing.
			if before := strings.Join(a.links(amina), "\n"); !strings.Contains(before, "people:legal (token") {
				t.Fatalf("the attacker does not find a person counted this week in the HyperLogLogs; found:\n%s", before)
			}

			// Amina asks to be forgotten.
			e, ok := any(s).(bot.Eraser)
			if !ok {
				t.Fatal("Stats is not a bot.Eraser: \"delete my data\" leaves its markers")
			}
			if err := e.Erase(ctx, amina); err != nil {
				t.Fatal(err)
			}
			for _, l := range a.links(amina) {
				t.Errorf("after erasure: %s", l)
			}
			// Only her: Bilal is still recognised, and the counts stay.
			if len(a.links(bilal)) == 0 {
				t.Error("erasing one person made another unrecognisable")
			}
			if n := people(t, s, "2026-W48", "people"); n != 2 {
				t.Errorf("people after erasure = %d, want 2: counts stay", n)
			}
			if got := hget(t, s, "2026-W48", "need", "a|legal"); got != 4 {
				t.Errorf("a|legal after erasure = %d, want 4", got)
			}

			// The week ends; past its grace, the next event (anyone's)
			// throws the salt away, by the package's clock.
			c.set(time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC))
			if err := s.HandleEvent(ctx, bot.Contact{Channel: "web", ID: "someone-else"}, need("work", "", "it")); err != nil {
				t.Fatal(err)
			}
			if rdb.Exists(ctx, s.key("salt:2026-W48")).Val() != 0 {
				t.Error("the salt of 2026-W48 outlived its week")
			}
			for _, ct := range []bot.Contact{amina, bilal} {
				for _, l := range a.links(ct) {
					t.Errorf("after the week's salt is gone: %s", l)
				}
			}
		})
	}
}

// TestEraseRightAfterTheWeek: erased between the end of a week and the
// end of its salt's grace, a person's Sunday markers go too.
func TestEraseRightAfterTheWeek(t *testing.T) {
	c := newClock(time.Date(2026, 11, 29, 22, 50, 0, 0, time.UTC)) // Sunday 23:50 in Rome
	s, rdb, keys := newStats(t, Config{}, c)
	ctx := context.Background()
	p := bot.Contact{Channel: "telegram", ID: "5550001"}
	if err := s.HandleEvent(ctx, p, need("legal", "", "fa")); err != nil {
		t.Fatal(err)
	}
	c.set(time.Date(2026, 11, 29, 23, 30, 0, 0, time.UTC)) // Monday 00:30, 2026-W49
	if err := s.HandleEvent(ctx, p, need("work", "", "fa")); err != nil {
		t.Fatal(err)
	}
	if err := s.Erase(ctx, p); err != nil {
		t.Fatal(err)
	}
	a := &attacker{t: t, s: s, rdb: rdb, keys: keys, areas: []string{"legal", "work"},
		days: []time.Time{time.Date(2026, 11, 29, 0, 0, 0, 0, s.loc), time.Date(2026, 11, 30, 0, 0, 0, 0, s.loc)}}
	for _, l := range a.links(p) {
		t.Errorf("after erasure: %s", l)
	}
}

// TestRedeliveryCountsOnce: an event delivered again counts once, also
// across midnight and across the end of the week (within the salt's
// grace); a person is one person all week, on every instance.
func TestRedeliveryCountsOnce(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC)) // Tuesday 22:00 in Rome
	s, rdb, keys := newStats(t, Config{}, c)
	ctx := context.Background()
	p := bot.Contact{Channel: "whatsapp", ID: "393331112222@s.whatsapp.net"}
	deliver := func(at time.Time, e bot.Event, times int) {
		t.Helper()
		c.set(at)
		for range times {
			if err := s.HandleEvent(ctx, p, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	handoff := func(msg string) bot.Event {
		return bot.HandoffRequested{Area: "legal", Reason: "asked", Lang: "ar", Message: msg}
	}
	profile := bot.ProfileAnswered{Field: "minors", Value: "yes"}
	tue := c.now()
	deliver(tue, need("legal", "permit_renewal", "ar"), 2)
	deliver(tue, profile, 2)
	deliver(tue, handoff("m1"), 1)
	// Handed on after midnight: the same message.
	deliver(time.Date(2026, 11, 24, 23, 20, 0, 0, time.UTC), handoff("m1"), 1)
	// Wednesday and Thursday: new conversations, the same person.
	deliver(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), need("legal", "", "ar"), 2)
	deliver(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC), need("legal", "", "ar"), 1)
	// Another instance, the same week: the same salt, the same person.
	s2, err := New(rdb, keys, Config{}, c.now)
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.HandleEvent(ctx, p, need("legal", "", "ar")); err != nil {
		t.Fatal(err)
	}
	// Sunday 23:50, redelivered Monday 00:40 (the next week).
	deliver(time.Date(2026, 11, 29, 22, 50, 0, 0, time.UTC), handoff("m2"), 1)
	deliver(time.Date(2026, 11, 29, 23, 40, 0, 0, time.UTC), handoff("m2"), 1)

	for _, tc := range []struct {
		week, src, field string
		want             int64
	}{
		{"2026-W48", "need", "a|legal", 3}, // Tuesday, Wednesday, Thursday
		{"2026-W48", "need", "t|legal|permit_renewal", 1},
		{"2026-W48", "profile", "v|minors|yes", 1},
		{"2026-W48", "handoff", "n", 2}, // m1 and m2, once each
		{"2026-W49", "handoff", "n", 0},
		{"2026-W48", "hours", "n", 5}, // Tue 22, Wed 00, Wed 10, Thu 10, Sun 23
	} {
		if got := hget(t, s, tc.week, tc.src, tc.field); got != tc.want {
			t.Errorf("%s %s %s = %d, want %d", tc.week, tc.src, tc.field, got, tc.want)
		}
	}
	for _, name := range []string{"people", "people:legal"} {
		if n := people(t, s, "2026-W48", name); n != 1 {
			t.Errorf("2026-W48 %s = %d, want 1", name, n)
		}
	}
}

// TestLifetimes: the salt goes saltGrace after its week, the person's
// week record with the week, their markers at the end of the next day.
func TestLifetimes(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC) // Tuesday 10:00 in Rome
	c := newClock(now)
	s, rdb, _ := newStats(t, Config{}, c)
	ctx := context.Background()
	p := bot.Contact{Channel: "web", ID: "abc"}
	if err := s.HandleEvent(ctx, p, need("health", "", "it")); err != nil {
		t.Fatal(err)
	}
	sl, err := s.weekSalts(ctx, c.now().In(s.loc), false)
	if err != nil || sl.cur == nil {
		t.Fatalf("no salt: %v", err)
	}
	rome := s.loc
	monday := time.Date(2026, 11, 30, 0, 0, 0, 0, rome)
	for _, tc := range []struct {
		key  string
		want time.Time
	}{
		{s.key("salt:2026-W48"), monday.Add(saltGrace)},
		{s.personKey(sl.cur, p.Key()), monday},
		{s.marksKey(sl.cur, p.Key(), time.Date(2026, 11, 24, 0, 0, 0, 0, rome)), time.Date(2026, 11, 26, 0, 0, 0, 0, rome)},
	} {
		ttl := rdb.PTTL(ctx, tc.key).Val()
		if want := tc.want.Sub(now); ttl <= 0 || ttl > want || ttl < want-time.Minute {
			t.Errorf("%s lives %v, want %v", tc.key, ttl, want)
		}
	}
}

// TestNewDeletesTheOldSecret: the key that named everyone before issue 16
// goes at start; a read-only Stats (an export) leaves Redis alone.
func TestNewDeletesTheOldSecret(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	old := keys.Global("{stats}:secret")
	if err := rdb.Set(ctx, old, "0123456789abcdef", 0).Err(); err != nil {
		t.Fatal(err)
	}
	if _, err := NewReadOnly(rdb, keys, Config{}, nil); err != nil {
		t.Fatal(err)
	}
	if rdb.Exists(ctx, old).Val() != 1 {
		t.Fatal("a read-only Stats wrote to Redis")
	}
	if _, err := New(rdb, keys, Config{}, nil); err != nil {
		t.Fatal(err)
	}
	if rdb.Exists(ctx, old).Val() != 0 {
		t.Error("the pre-issue-16 secret is still in Redis")
	}
}

// TestMarksMadeAgainAfterErasureExpire: the marks' expiry is set with the
// hour's marker, not at every event (countScript); a person erased and
// writing again in the same hour makes their marks and week record anew,
// and those expire too, and they count as a new person.
func TestMarksMadeAgainAfterErasureExpire(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, rdb, keys := newStats(t, Config{}, c)
	ctx := context.Background()
	p := bot.Contact{Channel: "telegram", ID: "42"}
	count := func(e bot.Event) {
		t.Helper()
		if err := s.HandleEvent(ctx, p, e); err != nil {
			t.Fatal(err)
		}
	}
	count(need("legal", "", "ar"))
	count(need("work", "", "ar"))
	if err := s.Erase(ctx, p); err != nil {
		t.Fatal(err)
	}
	c.set(c.now().Add(10 * time.Minute))
	count(need("health", "", "ar"))
	count(bot.ProfileAnswered{Field: "age", Value: "18_29"})
	sl, err := s.weekSalts(ctx, c.now().In(s.loc), false)
	if err != nil || sl.cur == nil {
		t.Fatalf("no salt: %v", err)
	}
	today := dayStart(c.now().In(s.loc))
	for _, k := range []string{s.personKey(sl.cur, p.Key()), s.marksKey(sl.cur, p.Key(), today)} {
		if ttl := rdb.PTTL(ctx, k).Val(); ttl <= 0 {
			t.Errorf("%s: TTL %v, want an expiry", k, ttl)
		}
	}
	for _, k := range storetest.KeysWith(t, rdb, keys.Prefix()) {
		if strings.HasSuffix(k, ":apptkey") {
			continue
		}
		if ttl := rdb.TTL(ctx, k).Val(); ttl < 0 {
			t.Errorf("%s: no expiry (TTL %v)", k, ttl)
		}
	}
	if n := people(t, s, "2026-W48", "people"); n != 2 {
		t.Errorf("people = %d, want 2 (erased, then new)", n)
	}
	if got := hget(t, s, "2026-W48", "hours", "n"); got != 2 {
		t.Errorf("people active = %d, want 2", got)
	}
}

// TestTokenInTheMarksGoesWithTheWeekRecord: the copy of a person's token
// that today's marks keep (countScript) lives no longer than the week
// record it is copied from, on every day of the week: on a Sunday the
// marks live into the next week (for a redelivery after midnight), so
// they keep no token then; and it goes with the person's erasure.
func TestTokenInTheMarksGoesWithTheWeekRecord(t *testing.T) {
	c := newClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)) // Monday 10:00 in Rome, 2026-W48
	s, rdb, _ := newStats(t, Config{}, c)
	ctx := context.Background()
	kept := 0
	for d := range 7 {
		c.set(time.Date(2026, 11, 23+d, 9, 0, 0, 0, time.UTC))
		p := bot.Contact{Channel: "telegram", ID: fmt.Sprint("day", d)}
		for _, e := range []bot.Event{need("legal", "", "ar"), need("work", "", "ar")} {
			if err := s.HandleEvent(ctx, p, e); err != nil {
				t.Fatal(err)
			}
		}
		sl, err := s.weekSalts(ctx, c.now().In(s.loc), false)
		if err != nil || sl.cur == nil {
			t.Fatalf("no salt: %v", err)
		}
		record, marks := s.personKey(sl.cur, p.Key()), s.marksKey(sl.cur, p.Key(), dayStart(c.now().In(s.loc)))
		tok, err := rdb.HGet(ctx, marks, "t").Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		kept++
		if want := rdb.HGet(ctx, record, "t").Val(); tok != want {
			t.Errorf("day %d: the marks keep token %q, the week record %q", d, tok, want)
		}
		// When each goes (PEXPIRETIME), not how long each has left: two
		// reads of PTTL are a moment apart.
		if m, r := rdb.PExpireTime(ctx, marks).Val(), rdb.PExpireTime(ctx, record).Val(); m <= 0 || m > r {
			t.Errorf("day %d: the marks keeping the token go at %v, the week record at %v", d, m, r)
		}
		if err := s.Erase(ctx, p); err != nil {
			t.Fatal(err)
		}
		if n := rdb.Exists(ctx, marks, record).Val(); n != 0 {
			t.Errorf("day %d: %d of the marks and the week record left after erasure", d, n)
		}
	}
	// Monday to Saturday: the later events of the day read their token
	// there (TestCommandsPerLaterEvent counts it).
	if kept != 6 {
		t.Errorf("the marks kept the token on %d days of 7, want 6 (not on Sunday)", kept)
	}
}
