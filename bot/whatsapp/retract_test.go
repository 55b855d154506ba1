package whatsapp

import (
	"context"
	"errors"
	"slices"
	"strings"
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

// TestUnsendRevokesTheseMessages: an operator's reply taken back is
// revoked as the bot's own message, every part of it and nothing else, in
// the person's LID chat, paced like a send; a restricted number (429)
// halts like a send and revokes nothing more, and without a linked device
// it waits.
func TestUnsendRevokesTheseMessages(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		unlink  bool
		want    []string
		wantErr func(error) bool
	}{
		{"revoked", nil, false, []string{"revoke G2 from-me=true", "revoke G3 from-me=true"}, func(err error) bool { return err == nil }},
		{"rate limited", serverErr(429), false, nil, func(err error) bool {
			var h *bot.HaltError
			return errors.As(err, &h)
		}},
		{"not linked", nil, true, nil, func(err error) bool {
			var ra *bot.RetryAfterError
			return errors.Is(err, ErrNotLinked) && errors.As(err, &ra)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{SendPerChat: conf.Duration(2 * time.Second), SendPerSecond: 1})
			ctx := context.Background()
			h.who.Mark(ctx, contact.ID, h.clock.Now())
			for _, text := range []string{"Ciao", strings.Repeat("Una frase. ", 500)} { // the second in two parts
				if err := h.c.Send(ctx, contact, bot.Reply{Text: text}); err != nil {
					t.Fatal(err)
				}
			}
			sent := len(h.cli.Sent())
			if sent != 3 {
				t.Fatalf("sent %q, want 3 messages", h.cli.Sent())
			}
			h.cli.sendErr = tt.err
			if tt.unlink {
				h.c.setUnlinked()
			}
			err := h.c.Unsend(ctx, contact, []string{"G2", "G3"})
			if !tt.wantErr(err) {
				t.Fatalf("unsend: %v", err)
			}
			if got := h.cli.Sent()[sent:]; !slices.Equal(got, tt.want) {
				t.Errorf("revoked %q, want %q", got, tt.want)
			}
			if tt.err == nil && !tt.unlink {
				if calls := h.cli.Calls(); calls[len(calls)-1] != "send "+lidID {
					t.Errorf("calls %q: the revokes must go to the LID chat %s", calls, lidID)
				}
			}
		})
	}
}
