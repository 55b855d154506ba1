package dispatch_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// TestTakeBackAfterErasureLeavesLaterMessages: "delete my data" while
// replies wait for the channel keeps the take-back of the conversation
// waiting, with the ids the erasure deleted. The person writes again
// meanwhile (a channel that keeps the person's message ids, as Telegram
// does, puts that message in the new Trail). Once the channel is back,
// the take-back must delete what was on the phone before the erasure, not
// the message written after it, which belongs to the new conversation and
// stays for its own "clear".
func TestTakeBackAfterErasureLeavesLaterMessages(t *testing.T) {
	f := newFixture(t)
	ch := refuse(f, channelFailures[0].fail)
	trail := dispatch.NewTrail(f.rdb, f.keys, time.Hour)
	d := dispatch.NewDispatcher(f.rdb, f.keys, deleting{f.h}, dispatch.Options{Lease: 300 * time.Millisecond,
		HoldCheck: 50 * time.Millisecond, Trail: trail, Erasers: []bot.Eraser{trail}, Sweep: []bot.Eraser{trail},
		Senders: map[string]bot.Sender{"test": takingBack{&trailSender{recorder: f.out, trail: trail}}}})
	start(t, d)
	ctx := context.Background()
	c := msg("tb1", "", "").Contact
	accept := func(id, text, trailID string) {
		t.Helper()
		if _, err := d.AcceptBatch(ctx, []bot.Message{msg("tb1", id, text)}, []string{trailID}); err != nil {
			t.Fatal(err)
		}
	}
	accept("m1", "one", "in-1")
	waitFor(t, "the first reply refused", func() bool { return ch.tries.Load() >= 1 })
	accept("m2", "delete", "in-2")
	waitFor(t, "the deletion handled", func() bool { return f.h.calls.Load() == 2 })
	accept("m3", "again", "in-3")
	waitFor(t, "the message after the deletion handled", func() bool { return f.h.calls.Load() == 3 })
	// Its id is in the new conversation's Trail once its handling is done.
	waitFor(t, "the later message in the Trail", func() bool {
		ids, _ := f.rdb.LRange(ctx, f.keys.ContactKey(c.Key(), "trail"), 0, -1).Result()
		return slices.Contains(ids, "in-3")
	})
	ch.down.Store(false)
	waitFor(t, "the answer to the later message", func() bool { return slices.Contains(f.out.replies(c), "echo:again") })
	// The first answer went with the erasure; the take-back comes first.
	if got := strings.Join(f.out.replies(c), ","); got != "RETRACTED:in-1,in-2,echo:delete,echo:again" {
		t.Errorf("sent %q, want the conversation before the erasure taken back, and the message written after it left on the phone", got)
	}
	waitFor(t, "the contact let go", func() bool {
		n, _ := f.rdb.Exists(ctx, f.keys.ContactKey(c.Key(), "lock")).Result()
		return n == 0
	})
	if ids, err := f.rdb.LRange(ctx, f.keys.ContactKey(c.Key(), "trail"), 0, -1).Result(); err != nil || !slices.Contains(ids, "in-3") {
		t.Errorf("the Trail holds %q (%v) after the take-back, want the later message kept for the next clear", ids, err)
	}
}
