package whatsapp

import (
	"context"
	"slices"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/internal/conf"
	"frontdoor/store/storetest"
)

// TestRetractRevokesWhatTheBotSent: every message the bot sent (each part
// of a split reply) is revoked as the bot's own, paced like a send, and a
// second retract has nothing left.
func TestRetractRevokesWhatTheBotSent(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	h := newHarness(t, Config{SendPerChat: conf.Duration(2 * time.Second), SendPerSecond: 1, Trail: dispatch.NewTrail(rdb, keys, time.Hour)})
	ctx := context.Background()
	h.who.Mark(ctx, contact.ID, h.clock.Now())
	for _, text := range []string{"Ciao", "Il tuo permesso"} {
		if err := h.c.Send(ctx, contact, bot.Reply{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.c.Retract(ctx, contact); err != nil {
		t.Fatal(err)
	}
	// The ids are the ones chosen before sending (GenerateMessageID).
	want := []string{"Ciao", "Il tuo permesso", "revoke G1 from-me=true", "revoke G2 from-me=true"}
	if got := h.cli.Sent(); !slices.Equal(got, want) {
		t.Fatalf("sent %q, want %q", got, want)
	}
	// The contact is recorded by number, but the messages are in the
	// person's LID chat (whatsmeow sends there): so are the revokes.
	calls := h.cli.Calls()
	revokes := 0
	for _, c := range calls {
		if c == "send "+lidID {
			revokes++
		}
	}
	if revokes != 2 {
		t.Errorf("calls %q: want the 2 revokes sent to the LID chat %s", calls, lidID)
	}
	if waits := h.clock.Waits(); len(waits) != 4 || waits[2] != 2*time.Second {
		t.Errorf("waits %v: revokes must be paced like messages", waits)
	}
	if err := h.c.Retract(ctx, contact); err != nil {
		t.Fatal(err)
	}
	if n := len(h.cli.Sent()); n != 4 {
		t.Fatalf("a second retract sent %d more", n-4)
	}
}
