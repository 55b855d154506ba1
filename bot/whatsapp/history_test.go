package whatsapp

import (
	"context"
	"slices"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waCommon"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/proto/waHistorySync"
	"go.mau.fi/whatsmeow/proto/waWeb"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
	"frontdoor/internal/conf"
)

// running makes the harness's channel record into in, as Run does.
func (h *harness) running(in *fakeInbox) {
	h.c.mu.Lock()
	defer h.c.mu.Unlock()
	h.c.inbox, h.c.ctx = in, context.Background()
	h.c.status = StatusConnected
}

// webMsg is a message as the phone's history holds it.
func webMsg(chat types.JID, id string, fromMe bool, at time.Time, m *waE2E.Message) *waHistorySync.HistorySyncMsg {
	return &waHistorySync.HistorySyncMsg{Message: &waWeb.WebMessageInfo{
		Key:              &waCommon.MessageKey{RemoteJID: proto.String(chat.String()), FromMe: proto.Bool(fromMe), ID: proto.String(id)},
		MessageTimestamp: proto.Uint64(uint64(at.Unix())),
		Message:          m,
	}}
}

func text(s string) *waE2E.Message { return &waE2E.Message{Conversation: proto.String(s)} }

// After a link, the phone's history gives the messages people wrote while
// no device was linked: those nobody answered in the last history_within
// are recorded, oldest first, the ones older than answer_within marked
// late; answered ones, older ones, groups and the desk's own are not.
func TestHistoryGivesWhatNobodyAnswered(t *testing.T) {
	h := newHarness(t, Config{})
	in := &fakeInbox{}
	h.running(in)
	now := h.clock.Now()
	other := types.NewJID("393339999999", types.DefaultUserServer)
	group := types.NewJID("120363000000000000", types.GroupServer)
	revoke := &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_REVOKE.Enum(),
		Key: &waCommon.MessageKey{ID: proto.String("X"), FromMe: proto.Bool(true)}}}
	sync := &events.HistorySync{Data: &waHistorySync.HistorySync{
		SyncType: waHistorySync.HistorySync_INITIAL_BOOTSTRAP.Enum(),
		Conversations: []*waHistorySync.Conversation{
			{ID: proto.String(lidJID.String()), Messages: []*waHistorySync.HistorySyncMsg{
				// Newest first, as the phone sends them.
				webMsg(lidJID, "L4", false, now.Add(-2*time.Hour), text("ancora")),
				webMsg(lidJID, "L3", false, now.Add(-3*time.Hour), text("aiuto")),
				webMsg(lidJID, "L2", true, now.Add(-5*time.Hour), text("Buongiorno, come possiamo aiutarti?")),
				webMsg(lidJID, "L1", false, now.Add(-6*time.Hour), text("ciao")),
			}},
			{ID: proto.String(other.String()), Messages: []*waHistorySync.HistorySyncMsg{
				webMsg(other, "O3", true, now.Add(-19*time.Hour), revoke),
				webMsg(other, "O2", false, now.Add(-20*time.Hour), text("ho bisogno di un avvocato")),
				webMsg(other, "O1", false, now.Add(-30*time.Hour), text("vecchio")),
			}},
			{ID: proto.String(group.String()), Messages: []*waHistorySync.HistorySyncMsg{
				webMsg(group, "G1", false, now.Add(-time.Hour), text("ciao a tutti")),
			}},
		},
	}}
	h.c.handleEvent(sync)

	type got struct {
		id   string
		late bool
	}
	var msgs []got
	for _, m := range in.Messages() {
		msgs = append(msgs, got{m.ID, m.Late})
	}
	want := []got{{"O2", true}, {"L3", false}, {"L4", false}}
	if !slices.Equal(msgs, want) {
		t.Fatalf("recorded %+v, want %+v", msgs, want)
	}
	if ok, _ := h.who.Wrote(context.Background(), other.String()); !ok {
		t.Error("a person found in the history is not recorded as having written first")
	}
	for _, m := range in.Messages() {
		if m.Text == "" || m.Time.IsZero() {
			t.Errorf("message %s lost its text or time: %+v", m.ID, m)
		}
	}

	// Pushed names and other syncs carry no one's messages to answer.
	in2 := &fakeInbox{}
	h.running(in2)
	sync.Data.SyncType = waHistorySync.HistorySync_PUSH_NAME.Enum()
	h.c.handleEvent(sync)
	if n := len(in2.Messages()); n != 0 {
		t.Errorf("a push-name sync recorded %d messages", n)
	}
}

// The history is searched only as far back as history_within.
func TestHistoryWithinIsConfigurable(t *testing.T) {
	h := newHarness(t, Config{HistoryWithin: conf.Duration(time.Hour)})
	in := &fakeInbox{}
	h.running(in)
	now := h.clock.Now()
	h.c.handleEvent(&events.HistorySync{Data: &waHistorySync.HistorySync{
		SyncType: waHistorySync.HistorySync_RECENT.Enum(),
		Conversations: []*waHistorySync.Conversation{{ID: proto.String(lidJID.String()), Messages: []*waHistorySync.HistorySyncMsg{
			webMsg(lidJID, "L2", false, now.Add(-30*time.Minute), text("ancora")),
			webMsg(lidJID, "L1", false, now.Add(-2*time.Hour), text("aiuto")),
		}}},
	}})
	if msgs := in.Messages(); len(msgs) != 1 || msgs[0].ID != "L2" {
		t.Errorf("recorded %+v, want only L2", msgs)
	}
}

// A message from the history that cannot be recorded at once (Redis
// failing over) is tried again: it will not come a second time.
func TestHistoryRetriesRecording(t *testing.T) {
	h := newHarness(t, Config{})
	in := &flakyInbox{fails: 2}
	h.c.mu.Lock()
	h.c.inbox, h.c.ctx = in, context.Background()
	h.c.mu.Unlock()
	h.c.handleEvent(&events.HistorySync{Data: &waHistorySync.HistorySync{
		SyncType: waHistorySync.HistorySync_INITIAL_BOOTSTRAP.Enum(),
		Conversations: []*waHistorySync.Conversation{{ID: proto.String(lidJID.String()), Messages: []*waHistorySync.HistorySyncMsg{
			webMsg(lidJID, "L1", false, h.clock.Now().Add(-time.Hour), text("aiuto")),
		}}},
	}})
	if msgs := in.Messages(); len(msgs) != 1 || msgs[0].ID != "L1" {
		t.Errorf("recorded %+v after two failures, want L1", msgs)
	}
}

// Messages that come after the desk was offline are recorded in order;
// those older than answer_within are marked late.
func TestOfflineMessagesOlderThanAnswerWithinAreLate(t *testing.T) {
	tests := []struct {
		name   string
		within time.Duration
		age    time.Duration
		late   bool
	}{
		{"live", 0, 0, false},
		{"offline a few hours", 0, 11 * time.Hour, false},
		{"offline longer than the default", 0, 13 * time.Hour, true},
		{"configured: an hour", time.Hour, 2 * time.Hour, true},
		{"configured: two days", 48 * time.Hour, 30 * time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{AnswerWithin: conf.Duration(tt.within)})
			in := &fakeInbox{}
			h.running(in)
			h.c.handleEvent(&events.OfflineSyncPreview{Total: 2, Messages: 2})
			for i, id := range []string{"A1", "A2"} {
				evt := dm(id, text("aiuto"))
				evt.Info.Timestamp = h.clock.Now().Add(-tt.age + time.Duration(i)*time.Second)
				if !h.c.handleEvent(evt) {
					t.Fatalf("%s not acknowledged", id)
				}
			}
			h.c.handleEvent(&events.OfflineSyncCompleted{Count: 2})
			msgs := in.Messages()
			if len(msgs) != 2 || msgs[0].ID != "A1" || msgs[1].ID != "A2" {
				t.Fatalf("recorded %+v, want A1 then A2", msgs)
			}
			for _, m := range msgs {
				if m.Late != tt.late {
					t.Errorf("%s late = %v, want %v", m.ID, m.Late, tt.late)
				}
			}
		})
	}
}

// flakyInbox fails its first fails Accepts, then records.
type flakyInbox struct {
	fakeInbox
	fails int
}

func (in *flakyInbox) Accept(ctx context.Context, m bot.Message) (bool, error) {
	in.mu.Lock()
	if in.fails > 0 {
		in.fails--
		in.mu.Unlock()
		return false, errBoom
	}
	in.mu.Unlock()
	return in.fakeInbox.Accept(ctx, m)
}

// Since WhatsApp's LID migration a person may have two chats in the
// history, by number and by LID: the desk's reply in one answers what
// they wrote before it in the other.
func TestHistoryReplyInTheOtherChatAnswers(t *testing.T) {
	h := newHarness(t, Config{})
	in := &fakeInbox{}
	h.running(in)
	now := h.clock.Now()
	h.c.handleEvent(&events.HistorySync{Data: &waHistorySync.HistorySync{
		SyncType: waHistorySync.HistorySync_INITIAL_BOOTSTRAP.Enum(),
		Conversations: []*waHistorySync.Conversation{
			{ID: proto.String(pnJID.String()), Messages: []*waHistorySync.HistorySyncMsg{
				webMsg(pnJID, "P1", false, now.Add(-3*time.Hour), text("aiuto")),
			}},
			{ID: proto.String(lidJID.String()), Messages: []*waHistorySync.HistorySyncMsg{
				webMsg(lidJID, "L2", false, now.Add(-time.Hour), text("grazie, e poi?")),
				webMsg(lidJID, "L1", true, now.Add(-2*time.Hour), text("Buongiorno, come possiamo aiutarti?")),
			}},
		},
	}})
	if msgs := in.Messages(); len(msgs) != 1 || msgs[0].ID != "L2" || msgs[0].Contact != person {
		t.Errorf("recorded %+v, want only L2 from %v", msgs, person)
	}
}
