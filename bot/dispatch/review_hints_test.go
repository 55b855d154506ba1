package dispatch_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// failingMaker makes its hinted key in a turn that then fails (a write
// whose reply was lost, a later step of the turn failing), as booking's
// saveDialogue may: "Noted before the write: a write that fails may have
// been made". The retry must not be handed the key as not there.
type failingMaker struct {
	rdb redis.UniversalClient
	key func(bot.Contact) string
	mu  sync.Mutex
	try int
	// seen per try: what the turn was handed of the key ("self" when not
	// handed, then read).
	seen []string
}

func (h *failingMaker) Preload(c bot.Contact) []string { return []string{h.key(c)} }

func (h *failingMaker) PreloadHints(c bot.Contact) map[string]string {
	return map[string]string{h.key(c): "k"}
}

func (h *failingMaker) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	k := h.key(t.Contact)
	p, how, err := preloadedOrRead(ctx, h.rdb, t, k)
	if err != nil {
		return bot.Outcome{}, err
	}
	h.mu.Lock()
	h.try++
	try := h.try
	h.seen = append(h.seen, fmt.Sprintf("%s %s %q", t.Message.Text, how, p.Value))
	h.mu.Unlock()
	if t.Message.Text == "make then fail" && try == 1 {
		if err := h.rdb.Set(ctx, k, "made", 0).Err(); err != nil {
			return bot.Outcome{}, err
		}
		return bot.Outcome{}, errors.New("a later step of the turn failed")
	}
	return bot.Outcome{State: []byte("s"), Replies: []bot.Reply{{Text: "echo:" + t.Message.Text}},
		Hints: map[string]bool{"k": p.Exists}}, nil
}

func (h *failingMaker) turns() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.seen...)
}

// TestReviewHintsRetryAfterAFailedTrySeesTheKeyItMade: a try that made
// the hinted key and failed has no outcome to set its hint; the retry of
// the message (in the same serve loop) is handed the key as not there
// (absentKeys from the hints of the last commit), and states the hint
// clear: the key then exists with its hint clear, and no later turn reads
// it (a booking dialogue the person is in, never read again).
func TestReviewHintsRetryAfterAFailedTrySeesTheKeyItMade(t *testing.T) {
	f := newFixture(t)
	key := func(c bot.Contact) string { return f.keys.ContactKey(c.Key(), "dlg") }
	h := &failingMaker{rdb: f.rdb, key: key}
	ctx := context.Background()
	c := msg("retry", "", "").Contact
	// As this version leaves someone without the key: hints known, none set.
	if err := f.rdb.HSet(ctx, f.keys.ContactKey(c.Key(), "ct"), "st", "s", "v", "2", "hk", "=").Err(); err != nil {
		t.Fatal(err)
	}
	d := dispatch.NewDispatcher(f.rdb, f.keys, h, dispatch.Options{
		Senders: map[string]bot.Sender{"test": f.out}, RetryPause: time.Millisecond})
	start(t, d)
	if _, err := d.Accept(ctx, msg("retry", "m1", "make then fail")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the answer", func() bool { return len(f.out.replies(c)) == 1 })
	turns := h.turns()
	if len(turns) < 2 {
		t.Fatalf("turns %q: want a failed try and its retry", turns)
	}
	if got := turns[1]; got == `make then fail read ""` {
		t.Errorf("the retry was handed the key its failed try made as not there (%s); hk now %q",
			got, f.rdb.HGet(ctx, f.keys.ContactKey(c.Key(), "ct"), "hk").Val())
	}
}
