// Package handoff is the human side of Frontdoor: cases that people of the
// desk take over from the bot. This first part opens cases and keeps the
// waiting queue; operators' console and live relay build on it.
package handoff

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store"
)

// Keys (prefix P):
//
//	P{s}:case:c     HASH  the open case of contact c (id, channel, contact, lang, area, reason, opened)
//	P handoff:waiting ZSET case ids → opening time (ms); the operators' queue
//
// One open case per contact, so a repeated "talk to a person" (or an event
// replayed after a crash) does not queue the person twice.

// Case is a request for a person of the desk.
type Case struct {
	ID      string
	Contact bot.Contact
	Lang    string
	Area    string
	Reason  string
	Opened  time.Time
}

// Queue opens and lists cases.
type Queue struct {
	rdb   redis.UniversalClient
	keys  store.Keys
	clock func() time.Time
}

// NewQueue returns the case queue kept in rdb.
func NewQueue(rdb redis.UniversalClient, keys store.Keys, clock func() time.Time) *Queue {
	if clock == nil {
		clock = time.Now
	}
	return &Queue{rdb: rdb, keys: keys, clock: clock}
}

func (q *Queue) caseKey(c bot.Contact) string { return q.keys.ContactKey(c.Key(), "case") }
func (q *Queue) waitingKey() string           { return q.keys.Global("handoff:waiting") }

// HandleEvent opens a case for a handoff event; other events are ignored.
func (q *Queue) HandleEvent(ctx context.Context, c bot.Contact, e bot.Event) error {
	if e.Kind != bot.EventHandoff {
		return nil
	}
	_, err := q.Open(ctx, Case{Contact: c, Lang: e.Data["lang"], Area: e.Data["area"], Reason: e.Data["reason"]})
	return err
}

// Open opens a case for the contact, or returns the one already open.
func (q *Queue) Open(ctx context.Context, cs Case) (Case, error) {
	if existing, err := q.OpenCase(ctx, cs.Contact); err == nil {
		return existing, nil
	} else if !errors.Is(err, store.ErrNil) {
		return Case{}, err
	}
	b := make([]byte, 8)
	rand.Read(b)
	cs.ID = hex.EncodeToString(b)
	cs.Opened = q.clock()
	key := q.caseKey(cs.Contact)
	created, err := q.rdb.HSetNX(ctx, key, "id", cs.ID).Result()
	if err != nil {
		return Case{}, fmt.Errorf("open case: %w", err)
	}
	if !created {
		// Another process opened it a moment ago.
		return q.OpenCase(ctx, cs.Contact)
	}
	if err := q.rdb.HSet(ctx, key, "channel", cs.Contact.Channel, "contact", cs.Contact.ID,
		"lang", cs.Lang, "area", cs.Area, "reason", cs.Reason, "opened", cs.Opened.UnixMilli()).Err(); err != nil {
		return Case{}, fmt.Errorf("open case: %w", err)
	}
	if err := q.rdb.ZAdd(ctx, q.waitingKey(), redis.Z{Score: float64(cs.Opened.UnixMilli()), Member: cs.Contact.Key()}).Err(); err != nil {
		return Case{}, fmt.Errorf("queue case: %w", err)
	}
	return cs, nil
}

// OpenCase returns the contact's open case, or store.ErrNil.
func (q *Queue) OpenCase(ctx context.Context, c bot.Contact) (Case, error) {
	h, err := q.rdb.HGetAll(ctx, q.caseKey(c)).Result()
	if err != nil {
		return Case{}, fmt.Errorf("read case: %w", err)
	}
	if h["id"] == "" {
		return Case{}, store.ErrNil
	}
	ms, _ := strconv.ParseInt(h["opened"], 10, 64)
	return Case{ID: h["id"], Contact: c, Lang: h["lang"], Area: h["area"], Reason: h["reason"], Opened: time.UnixMilli(ms)}, nil
}

// Waiting returns the number of cases waiting for an operator.
func (q *Queue) Waiting(ctx context.Context) (int64, error) {
	n, err := q.rdb.ZCard(ctx, q.waitingKey()).Result()
	if err != nil {
		return 0, fmt.Errorf("count waiting cases: %w", err)
	}
	return n, nil
}

// Erase forgets the contact's case, for "delete my data".
func (q *Queue) Erase(ctx context.Context, c bot.Contact) error {
	if err := q.rdb.Del(ctx, q.caseKey(c)).Err(); err != nil {
		return fmt.Errorf("erase case: %w", err)
	}
	if err := q.rdb.ZRem(ctx, q.waitingKey(), c.Key()).Err(); err != nil {
		return fmt.Errorf("erase case from queue: %w", err)
	}
	return nil
}
