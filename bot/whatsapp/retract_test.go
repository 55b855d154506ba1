package whatsapp

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/converse"
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

// TestDeleteMyDataRevokesTheBotsMessages runs /delete through the
// dispatcher and the real conversation, the person's messages coming as
// whatsmeow's events: before the erasure, every message the bot sent
// (under the id chosen before sending it) is revoked as the bot's own,
// in whatsmeow's revoke shape; the confirmation goes after and is not revoked. WhatsApp lets a sender
// revoke only its own messages: the person's stay on their phone.
func TestDeleteMyDataRevokesTheBotsMessages(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	trail := dispatch.NewTrail(rdb, keys, 48*time.Hour)
	h := newHarness(t, Config{Trail: trail})
	cat, engine := shared.Catalog(t), shared.Engine(t)
	d := dispatch.NewDispatcher(rdb, keys, converse.Conversation{Engine: engine, Catalog: cat}, dispatch.Options{
		Senders: map[string]bot.Sender{channelName: h.c}, Trail: trail, Log: slog.New(slog.DiscardHandler)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	h.c.mu.Lock()
	h.c.inbox, h.c.ctx, h.c.status = d, context.Background(), StatusConnected
	h.c.mu.Unlock()

	say := func(id, words, want string) {
		t.Helper()
		evt := dm(id, text(words))
		evt.Info.Timestamp = h.clock.Now()
		if !h.c.handleEvent(evt) {
			t.Fatalf("%s not acknowledged", id)
		}
		eventually(t, "the answer to "+words, func() bool {
			return slices.ContainsFunc(h.cli.Sent(), func(s string) bool { return strings.Contains(s, want) })
		})
	}
	it := func(id string) string { return cat.Text("it", id, nil) }
	say("3A01", "/start lang_it", "")
	say("3A02", "1", it("menu.prompt"))
	say("3A03", "/delete", it("delete.confirm"))
	before := len(h.cli.Sent())
	var ids []string
	for i, id := range h.cli.IDs() {
		if !strings.HasPrefix(h.cli.Sent()[i], "revoke ") {
			ids = append(ids, id)
		}
	}
	if len(ids) < 3 {
		t.Fatalf("the bot sent %q before the question was answered, want its answers", h.cli.Sent())
	}
	say("3A04", "1", it("delete.done"))
	sent := h.cli.Sent()[before:]
	var want []string
	for _, id := range ids {
		want = append(want, "revoke "+id+" from-me=true")
	}
	if len(sent) != len(want)+1 || !slices.Equal(sent[:len(want)], want) || !strings.Contains(sent[len(want)], it("delete.done")) {
		t.Fatalf("after yes, sent %q; want the revokes of the bot's messages %q, then the confirmation", sent, want)
	}
}
