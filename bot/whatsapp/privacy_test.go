package whatsapp

import (
	"context"
	"slices"
	"testing"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
)

// raw builds the event whatsmeow emits for a message as it came over the
// wire: RawMessage unwrapped by whatsmeow's own UnwrapRaw.
func raw(id string, m *waE2E.Message) *events.Message {
	evt := dm(id, nil)
	evt.RawMessage = m
	return evt.UnwrapRaw()
}

// Replies follow the person's disappearing-messages timer: set by their
// ephemeral messages or a change of the setting, gone when they turn it
// off.
func TestRepliesFollowTheDisappearingTimer(t *testing.T) {
	ctx := context.Background()
	const week = 7 * 24 * 3600
	h := newHarness(t, Config{})
	h.c.setStatus(StatusConnected)
	in := &fakeInbox{}
	h.c.mu.Lock()
	h.c.inbox, h.c.ctx = in, ctx
	h.c.mu.Unlock()
	ephemeral := raw("E1", &waE2E.Message{EphemeralMessage: &waE2E.FutureProofMessage{Message: &waE2E.Message{
		ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String("ciao"), ContextInfo: &waE2E.ContextInfo{Expiration: proto.Uint32(week)}}}}})
	off := raw("E2", &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{
		Type: waE2E.ProtocolMessage_EPHEMERAL_SETTING.Enum(), EphemeralExpiration: proto.Uint32(0)}})
	day := raw("E3", &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{
		Type: waE2E.ProtocolMessage_EPHEMERAL_SETTING.Enum(), EphemeralExpiration: proto.Uint32(86400)}})
	plain := raw("E4", &waE2E.Message{Conversation: proto.String("ancora")})
	var want []uint32
	for _, step := range []struct {
		evt  *events.Message
		want uint32
	}{{ephemeral, week}, {off, 0}, {day, 86400}, {plain, 0}} {
		if !h.c.handleEvent(step.evt) {
			t.Fatalf("%s not acknowledged", step.evt.Info.ID)
		}
		if err := h.c.Send(ctx, person, bot.Reply{Text: "risposta " + step.evt.Info.ID}); err != nil {
			t.Fatal(err)
		}
		want = append(want, step.want)
	}
	if got := h.cli.Expirations(); !slices.Equal(got, want) {
		t.Errorf("reply timers %v, want %v", got, want)
	}
}

// A view-once photo is answered (it came) but leaves nothing for operators
// to download; an ordinary one does.
func TestViewOnceMediaIsNotKept(t *testing.T) {
	img := &waE2E.ImageMessage{DirectPath: proto.String("/v/t62/x"), MediaKey: []byte{1, 2, 3}, Mimetype: proto.String("image/jpeg"),
		FileSHA256: []byte{4}, FileEncSHA256: []byte{5}, FileLength: proto.Uint64(1000)}
	for _, tt := range []struct {
		name      string
		m         *waE2E.Message
		wantMedia bool
	}{
		{"ordinary", &waE2E.Message{ImageMessage: img}, true},
		{"view once", &waE2E.Message{ViewOnceMessage: &waE2E.FutureProofMessage{Message: &waE2E.Message{ImageMessage: img}}}, false},
		{"view once v2", &waE2E.Message{ViewOnceMessageV2: &waE2E.FutureProofMessage{Message: &waE2E.Message{ImageMessage: img}}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			msg, why, ok := toMessage(context.Background(), raw("V1", tt.m), fakeLIDs{})
			if !ok {
				t.Fatalf("ignored: %s", why)
			}
			if msg.Attachment != bot.AttachPhoto {
				t.Errorf("attachment %q, want a photo", msg.Attachment)
			}
			if (msg.Media != "") != tt.wantMedia {
				t.Errorf("media kept %v, want %v", msg.Media != "", tt.wantMedia)
			}
		})
	}
}
