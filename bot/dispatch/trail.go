package dispatch

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store"
)

// Trail remembers, for a while, the platform's ids of the messages of a
// conversation (the bot's and the person's), so that a person on a shared
// phone can have them removed from it ("clear"). Channel adapters add to
// it as they send and receive; their Retract takes the ids out.
//
// Key, per contact: P{s}:trail:c, a LIST of message ids, newest last, at
// most TrailMax, expiring TTL after the last message (platforms refuse to
// delete older messages anyway: Telegram after 48 hours).
type Trail struct {
	rdb  redis.UniversalClient
	keys store.Keys
	ttl  time.Duration
}

// TrailMax bounds the ids kept per contact: enough for a long
// conversation, and a bound on what one "clear" asks of the platform.
const TrailMax = 300

// DefaultTrailTTL is how long message ids are kept for "clear":
// Telegram lets a bot delete messages for 48 hours, so keeping them
// longer would serve nothing.
const DefaultTrailTTL = 48 * time.Hour

// NewTrail keeps message ids for ttl after the last one; 0 means
// DefaultTrailTTL.
func NewTrail(rdb redis.UniversalClient, keys store.Keys, ttl time.Duration) *Trail {
	if ttl <= 0 {
		ttl = DefaultTrailTTL
	}
	return &Trail{rdb: rdb, keys: keys, ttl: ttl}
}

func (t *Trail) key(c bot.Contact) string { return t.keys.ContactKey(c.Key(), "trail") }

// Add records message ids of the conversation with c. While the
// dispatcher delivers c's replies, the ids wait in memory and are written
// by the dispatcher's next round trip for c (done), instead of one of
// their own.
func (t *Trail) Add(ctx context.Context, c bot.Contact, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	if b, ok := ctx.Value(trailBatchKey{}).(*trailBatchCtx); ok && b.contact == c {
		b.batch.ids = append(b.batch.ids, ids...)
		return nil
	}
	vals := make([]any, len(ids))
	for i, id := range ids {
		vals[i] = id
	}
	p := t.rdb.TxPipeline()
	p.RPush(ctx, t.key(c), vals...)
	p.LTrim(ctx, t.key(c), -TrailMax, -1)
	p.Expire(ctx, t.key(c), t.ttl)
	if _, err := p.Exec(ctx); err != nil {
		return fmt.Errorf("trail: recording message ids: %w", err)
	}
	return nil
}

// Take returns the recorded ids of c, oldest first, and forgets them.
// Within a take-back after an erasure (withTakeBack) it returns the ids
// the take-back holds, and only those.
func (t *Trail) Take(ctx context.Context, c bot.Contact) ([]string, error) {
	if b, ok := ctx.Value(trailBatchKey{}).(*trailBatchCtx); ok && b.contact == c && b.only {
		return b.batch.take(), nil
	}
	p := t.rdb.TxPipeline()
	ids := p.LRange(ctx, t.key(c), 0, -1)
	p.Del(ctx, t.key(c))
	if _, err := p.Exec(ctx); err != nil {
		return nil, fmt.Errorf("trail: taking message ids: %w", err)
	}
	out := ids.Val()
	if b, ok := ctx.Value(trailBatchKey{}).(*trailBatchCtx); ok && b.contact == c {
		out = append(out, b.batch.take()...)
	}
	return out, nil
}

// trailBatch holds ids sent to one contact that are not written yet.
type trailBatch struct {
	ids []string
	// own are those of ids that are the person's, taken out of the outbox
	// items that carried them (outItem.Trail) as the delivery reached
	// them: until done writes them, what this worker keeps in the outbox
	// carries them on its head (contactWork.carrying), so that a done
	// that never comes (a crash, a postponement) leaves them to the
	// delivery that replays it.
	own []string
}

// take returns the ids and forgets them.
func (b *trailBatch) take() []string {
	ids := b.ids
	b.ids, b.own = nil, nil
	return ids
}

// release adds the person's ids that an outbox item carried.
func (b *trailBatch) release(ids []string) {
	b.ids = append(b.ids, ids...)
	b.own = append(b.own, ids...)
}

type trailBatchKey struct{}

type trailBatchCtx struct {
	contact bot.Contact
	batch   *trailBatch
	// only: Take returns the batch alone, leaving the Trail in Redis
	// as it is (withTakeBack).
	only bool
}

// withTrailBatch makes Trail.Add, for c, collect into b.
func withTrailBatch(ctx context.Context, c bot.Contact, b *trailBatch) context.Context {
	return context.WithValue(ctx, trailBatchKey{}, &trailBatchCtx{contact: c, batch: b})
}

// withTakeBack makes Trail.Take, for c, return ids and nothing else. A
// take-back that waited past an erasure holds the ids of the conversation
// the erasure ended; what the Trail holds by then is the next
// conversation's (the person wrote again meanwhile), which is not to
// leave the phone with the erased one, nor the Trail before its own
// "clear".
func withTakeBack(ctx context.Context, c bot.Contact, ids []string) context.Context {
	return context.WithValue(ctx, trailBatchKey{}, &trailBatchCtx{contact: c, batch: &trailBatch{ids: ids}, only: true})
}

// Erase implements Eraser.
func (t *Trail) Erase(ctx context.Context, c bot.Contact) error {
	if err := t.rdb.Del(ctx, t.key(c)).Err(); err != nil {
		return fmt.Errorf("trail: erasing: %w", err)
	}
	return nil
}
