package whatsapp

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waCommon"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/bot/dispatch"
	"frontdoor/handoff"
	"frontdoor/store/storetest"
)

// revokeEvent is what whatsmeow emits when the person deletes their
// message id for everyone: a protocol message naming it, the stanza
// marked as a sender revoke.
func revokeEvent(id, target string) *events.Message {
	evt := raw(id, &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{
		Type: waE2E.ProtocolMessage_REVOKE.Enum(),
		Key:  &waCommon.MessageKey{RemoteJID: proto.String(deskJID.String()), FromMe: proto.Bool(true), ID: proto.String(target)},
	}})
	evt.Info.Edit = types.EditAttributeSenderRevoke
	return evt
}

// A person's "delete for everyone" is recorded as a deletion of their
// message, under the contact the message was filed under: by LID, or by
// number for someone recorded so, although WhatsApp now addresses both in
// the LID chat. It is not marked read, nor late however long it waited.
func TestRevokeOfThePersonsMessage(t *testing.T) {
	tests := []struct {
		name     string
		byNumber bool
		want     bot.Contact
	}{
		{"contact by LID", false, person},
		{"contact recorded by number", true, contact},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			in := &fakeInbox{}
			h.running(in)
			if tt.byNumber {
				if err := h.who.Mark(context.Background(), pnID, h.clock.Now()); err != nil {
					t.Fatal(err)
				}
			}
			msg := raw("3A77", text("mi chiamo Amina"))
			msg.Info.Chat, msg.Info.Sender, msg.Info.SenderAlt = lidJID, lidJID, pnJID
			del := revokeEvent("3A78", "3A77")
			del.Info.Chat, del.Info.Sender, del.Info.SenderAlt = lidJID, lidJID, pnJID
			del.Info.Timestamp = h.clock.Now().Add(-20 * time.Hour)
			wrote := h.clock.Now()
			for _, e := range []*events.Message{msg, del} {
				if !h.c.handleEvent(e) {
					t.Fatalf("%s not acknowledged", e.Info.ID)
				}
				h.clock.Advance(time.Hour)
			}
			msgs := in.Messages()
			if len(msgs) != 2 {
				t.Fatalf("recorded %+v", msgs)
			}
			d := msgs[1]
			if d.Revokes != "3A77" || d.ID != "3A78" || d.Contact != tt.want || d.Contact != msgs[0].Contact {
				t.Errorf("deletion recorded as %+v, want of 3A77 for %v (the message's contact %v)", d, tt.want, msgs[0].Contact)
			}
			if d.Text != "" || d.Attachment != "" || d.Late {
				t.Errorf("deletion carries text, an attachment or lateness: %+v", d)
			}
			// A deletion is no message to the desk: the person's record
			// keeps the time of their message.
			h.who.mu.Lock()
			at := h.who.ids[tt.want.ID]
			h.who.mu.Unlock()
			if !at.Equal(wrote) {
				t.Fatalf("record of %v at %v", tt.want, at)
			}
			if err := h.c.Send(context.Background(), tt.want, bot.Reply{Text: "ok"}); err != nil {
				t.Fatal(err)
			}
			for _, c := range h.cli.Calls() {
				if strings.HasPrefix(c, "read ") && strings.Contains(c, "3A78") {
					t.Errorf("the deletion was marked read: %q", c)
				}
			}
		})
	}
}

// An edit, live (a protocol message naming the edited one) or in the
// EditedMessage wrapper whatsmeow unwraps, is the person's new words for
// that message; an edited caption is not a new message.
func TestEditsAreThePersonsNewWords(t *testing.T) {
	edit := func(target string, m *waE2E.Message) *waE2E.Message {
		return &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{
			Type:          waE2E.ProtocolMessage_MESSAGE_EDIT.Enum(),
			Key:           &waCommon.MessageKey{RemoteJID: proto.String(deskJID.String()), FromMe: proto.Bool(true), ID: proto.String(target)},
			EditedMessage: m,
		}}
	}
	tests := []struct {
		name     string
		raw      *waE2E.Message
		want     string // "" when ignored
		wantEdit string
	}{
		{"live", edit("3A77", text("via Roma 3")), "via Roma 3", "3A77"},
		{"wrapped", &waE2E.Message{EditedMessage: &waE2E.FutureProofMessage{Message: edit("3A77", &waE2E.Message{
			ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String("via Roma 4")}})}}, "via Roma 4", "3A77"},
		{"caption", edit("3A77", &waE2E.Message{ImageMessage: &waE2E.ImageMessage{Caption: proto.String("permesso")}}), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evt := raw("3A80", tt.raw)
			evt.Info.Edit = types.EditAttributeMessageEdit
			msg, why, ok := toMessage(context.Background(), evt, nil)
			if tt.want == "" {
				if ok {
					t.Errorf("recorded %+v", msg)
				}
				return
			}
			if !ok {
				t.Fatalf("ignored: %s", why)
			}
			if msg.Text != tt.want || msg.Edits != tt.wantEdit || msg.ID != "3A80" {
				t.Errorf("got %+v, want text %q editing %s under its own id", msg, tt.want, tt.wantEdit)
			}
		})
	}
}

// gate holds the handling of one message until released, so that a
// test can act while that message is in handling.
type gate struct {
	next     bot.Handler
	id       string
	entered  chan struct{}
	released chan struct{}
	mu       sync.Mutex
	handled  []string // ids of the messages handled, in order
}

func (g *gate) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	g.mu.Lock()
	g.handled = append(g.handled, t.Message.ID)
	g.mu.Unlock()
	if t.Message.ID == g.id {
		close(g.entered)
		<-g.released
	}
	return g.next.Handle(ctx, t)
}

// TestDeletionOfTheMessageInHandling runs whatsmeow's events through the
// dispatcher, the real conversation and handoff as serve wires them: the
// person's first message, claimed as it is accepted, is in handling when
// its "delete for everyone" comes (too late to drop it from the inbox);
// a second message still waiting behind it is deleted too. Neither's
// words reach the case the person then opens, and the waiting one is
// never answered.
func TestDeletionOfTheMessageInHandling(t *testing.T) {
	const first, second = "mi chiamo Amina, via Roma 3", "il mio numero è 333 1234567"
	rdb, keys := storetest.Redis(t)
	h := newHarness(t, Config{})
	cat, engine := shared.Catalog(t), shared.Engine(t)
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4, Out: discard{}})
	if err != nil {
		t.Fatal(err)
	}
	g := &gate{next: svc.Wrap(converse.Conversation{Engine: engine, Catalog: cat}), id: "3A01",
		entered: make(chan struct{}), released: make(chan struct{})}
	d := dispatch.NewDispatcher(rdb, keys, g, dispatch.Options{Senders: map[string]bot.Sender{channelName: h.c},
		Sinks: []bot.EventSink{svc}, Log: slog.New(slog.DiscardHandler)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	h.c.mu.Lock()
	h.c.inbox, h.c.ctx, h.c.status = d, context.Background(), StatusConnected
	h.c.mu.Unlock()
	deliver := func(evt *events.Message) {
		t.Helper()
		evt.Info.Timestamp = h.clock.Now()
		if !h.c.handleEvent(evt) {
			t.Fatalf("%s not acknowledged", evt.Info.ID)
		}
	}
	revoke := func(id, target string) *events.Message {
		evt := revokeEvent(id, target)
		evt.Info.MessageSource = dm(id, nil).Info.MessageSource
		return evt
	}
	deliver(dm("3A01", text(first)))
	<-g.entered
	deliver(dm("3A02", text(second)))
	deliver(revoke("3A03", "3A01"))
	deliver(revoke("3A04", "3A02"))
	close(g.released)
	eventually(t, "the answer to the first message", func() bool { return len(h.cli.Sent()) > 0 })
	deliver(dm("3A05", text("1")))
	deliver(dm("3A06", text("/person")))
	var cs handoff.Case
	eventually(t, "the case", func() bool {
		cs, err = svc.OpenCase(context.Background(), person)
		return err == nil
	})
	var tx []handoff.Entry
	eventually(t, "the case's opening lines", func() bool {
		tx, err = svc.Transcript(context.Background(), cs.ID)
		return err == nil && slices.ContainsFunc(tx, func(e handoff.Entry) bool { return e.By == "system" })
	})
	for _, e := range tx {
		if strings.Contains(e.Text, "Amina") || strings.Contains(e.Text, "333") {
			t.Errorf("deleted words in the case: %+v", e)
		}
	}
	if !slices.ContainsFunc(tx, func(e handoff.Entry) bool { return e.Deleted && e.Before }) {
		t.Errorf("no line says the person deleted a message before the case: %+v", tx)
	}
	g.mu.Lock()
	handled := slices.Clone(g.handled)
	g.mu.Unlock()
	if slices.Contains(handled, "3A02") || !slices.Contains(handled, "3A03") {
		t.Errorf("handled %q: want the waiting message dropped unanswered, and the deletion of the one in handling handled after it", handled)
	}
}

// TestEditBeforeTheCaseThroughThePipeline: whatsmeow's live edit of a
// message the conversation answered, before any case, reaches the case
// the person opens later: its lines show the new words, marked edited,
// and the old words nowhere.
func TestEditBeforeTheCaseThroughThePipeline(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	h := newHarness(t, Config{})
	cat, engine := shared.Catalog(t), shared.Engine(t)
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4, Out: discard{}})
	if err != nil {
		t.Fatal(err)
	}
	d := dispatch.NewDispatcher(rdb, keys, svc.Wrap(converse.Conversation{Engine: engine, Catalog: cat}), dispatch.Options{
		Senders: map[string]bot.Sender{channelName: h.c}, Sinks: []bot.EventSink{svc}, Log: slog.New(slog.DiscardHandler)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	h.c.mu.Lock()
	h.c.inbox, h.c.ctx, h.c.status = d, context.Background(), StatusConnected
	h.c.mu.Unlock()
	deliver := func(evt *events.Message, answers int) {
		t.Helper()
		evt.Info.Timestamp = h.clock.Now()
		if !h.c.handleEvent(evt) {
			t.Fatalf("%s not acknowledged", evt.Info.ID)
		}
		eventually(t, "the answer to "+evt.Info.ID, func() bool { return len(h.cli.Sent()) >= answers })
	}
	edit := dm("3A13", &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{
		Type:          waE2E.ProtocolMessage_MESSAGE_EDIT.Enum(),
		Key:           &waCommon.MessageKey{RemoteJID: proto.String(deskJID.String()), FromMe: proto.Bool(true), ID: proto.String("3A12")},
		EditedMessage: text("abito in via Roma 3"),
	}})
	edit.Info.Edit = types.EditAttributeMessageEdit
	deliver(dm("3A10", text("/start lang_it")), 1)
	deliver(dm("3A11", text("1")), 2)
	deliver(dm("3A12", text("abito in via Rma 3")), 3)
	deliver(edit, 4)
	deliver(dm("3A14", text("/person")), 5)
	var cs handoff.Case
	eventually(t, "the case", func() bool {
		cs, err = svc.OpenCase(context.Background(), person)
		return err == nil
	})
	var tx []handoff.Entry
	eventually(t, "the case's opening lines", func() bool {
		tx, err = svc.Transcript(context.Background(), cs.ID)
		return err == nil && slices.ContainsFunc(tx, func(e handoff.Entry) bool { return e.By == "system" })
	})
	for _, e := range tx {
		if strings.Contains(e.Text, "Rma") {
			t.Errorf("the words the person changed are in the case: %+v", e)
		}
	}
	if !slices.ContainsFunc(tx, func(e handoff.Entry) bool { return e.Before && e.Edited && e.Text == "abito in via Roma 3" }) {
		t.Errorf("no line before the case with the new words, marked edited: %+v", tx)
	}
}
