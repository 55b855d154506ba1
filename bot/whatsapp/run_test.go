package whatsapp

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
)

// startRun runs the channel in the background; the returned function
// stops it and returns Run's error.
func startRun(t *testing.T, h *harness, in *fakeInbox) (stop func() error, done <-chan error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan error, 1)
	go func() { ch <- h.c.Run(ctx, in) }()
	t.Cleanup(cancel)
	return func() error {
		cancel()
		select {
		case err := <-ch:
			return err
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not return after cancel")
			return nil
		}
	}, ch
}

func TestRunRecordsThenAcksAndMarksRead(t *testing.T) {
	h := newHarness(t, Config{})
	h.cli.onConnect = func(int) { h.c.handleEvent(&events.Connected{}) }
	in := &fakeInbox{}
	stop, _ := startRun(t, h, in)
	eventually(t, "connected", func() bool { return h.c.Status() == StatusConnected })
	// Offline on connect: an "available" linked device silences the
	// desk's phone.
	eventually(t, "offline presence", func() bool { return slices.Contains(h.cli.Calls(), "presence unavailable") })
	if slices.Contains(h.cli.Calls(), "presence available") {
		t.Error("the device went online on connect; the phone would stop notifying")
	}

	evt := dm("3A77", &waE2E.Message{Conversation: proto.String("buongiorno")})
	evt.Info.Chat, evt.Info.Sender, evt.Info.SenderAlt = lidJID, lidJID, pnJID
	if ack := h.c.handleEvent(evt); !ack {
		t.Fatal("a recorded message was not acknowledged")
	}
	msgs := in.Messages()
	if len(msgs) != 1 || msgs[0].Contact != person || msgs[0].Text != "buongiorno" || msgs[0].ID != "3A77" {
		t.Fatalf("inbox got %+v", msgs)
	}
	if ok, _ := h.who.Wrote(context.Background(), person.ID); !ok {
		t.Error("the contact is not recorded as having written first")
	}
	// Recorded is not handled: no blue ticks yet.
	for _, c := range h.cli.Calls() {
		if strings.HasPrefix(c, "read ") {
			t.Errorf("marked read before it was handled: %q", c)
		}
	}
	// The answer marks it read, just before it goes out; the receipt goes
	// to the chat as WhatsApp addressed it.
	if err := h.c.Send(context.Background(), person, bot.Reply{Text: "Buongiorno!"}); err != nil {
		t.Fatal(err)
	}
	calls := h.cli.Calls()
	read := slices.Index(calls, "read 555000111@lid [3A77]")
	if read < 0 || read > slices.Index(calls, "send "+lidID) {
		t.Errorf("no read receipt before the answer in %q", calls)
	}

	// Ignored messages are acknowledged (nothing to redeliver) but
	// neither recorded nor marked read.
	group := dm("3A78", &waE2E.Message{Conversation: proto.String("ciao a tutti")})
	group.Info.Chat, group.Info.IsGroup = types.NewJID("120363000000000000", types.GroupServer), true
	if !h.c.handleEvent(group) {
		t.Error("an ignored message was left unacknowledged")
	}
	if len(in.Messages()) != 1 {
		t.Errorf("group message recorded: %+v", in.Messages())
	}
	if err := stop(); err != nil {
		t.Fatalf("clean stop returned %v", err)
	}
	if h.c.Status() != StatusStopped {
		t.Errorf("status %q after stop", h.c.Status())
	}
	if strings.Contains(h.logs.String(), "393331234567") || strings.Contains(h.logs.String(), "buongiorno") {
		t.Errorf("log shows a phone number or message text:\n%s", h.logs.String())
	}
}

func TestRunLeavesUnrecordedMessagesWithWhatsApp(t *testing.T) {
	tests := []struct {
		name  string
		setup func(h *harness, in *fakeInbox)
	}{
		{"inbox fails", func(h *harness, in *fakeInbox) { in.err = errBoom }},
		{"contact store fails", func(h *harness, in *fakeInbox) { h.who.err = errBoom }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			in := &fakeInbox{}
			tt.setup(h, in)
			stop, _ := startRun(t, h, in)
			eventually(t, "running", func() bool { return slices.Contains(h.cli.Calls(), "connect") })
			if h.c.handleEvent(dm("3A90", &waE2E.Message{Conversation: proto.String("aiuto")})) {
				t.Error("acknowledged a message that was not recorded")
			}
			for _, c := range h.cli.Calls() {
				if strings.HasPrefix(c, "read ") {
					t.Errorf("marked read a message that was not recorded: %q", c)
				}
			}
			stop()
		})
	}

	// Before Run, there is no inbox: the message stays with WhatsApp.
	h := newHarness(t, Config{})
	if h.c.handleEvent(dm("3A91", &waE2E.Message{Conversation: proto.String("aiuto")})) {
		t.Error("acknowledged a message while not running")
	}
}

func TestRunReconnectsWithBackoff(t *testing.T) {
	h := newHarness(t, Config{})
	h.c.minBackoff, h.c.maxBackoff = time.Second, 4*time.Second
	// Two failed dials, a connection that drops, a dial that fails, then
	// a connection that stays.
	h.cli.connectErrs = []error{errBoom, errBoom, nil, errBoom, nil}
	h.cli.onConnect = func(n int) {
		h.c.handleEvent(&events.Connected{})
		if n == 3 {
			h.c.handleEvent(&events.Disconnected{})
		}
	}
	stop, _ := startRun(t, h, &fakeInbox{})
	eventually(t, "fifth connect", func() bool {
		return h.cli.Connects() == 5 && h.c.Status() == StatusConnected
	})
	// Backoff doubles over failures, and starts again once a connection
	// was established.
	if got, want := h.clock.Waits(), []time.Duration{time.Second, 2 * time.Second, time.Second, 2 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if calls := h.cli.Calls(); calls[len(calls)-1] != "disconnect" {
		t.Errorf("not disconnected at stop: %q", calls)
	}
}

func TestRunBackoffIsCapped(t *testing.T) {
	h := newHarness(t, Config{})
	h.c.minBackoff, h.c.maxBackoff = time.Second, 4*time.Second
	h.cli.connectErrs = []error{errBoom, errBoom, errBoom, errBoom, errBoom}
	h.cli.onConnect = func(int) { h.c.handleEvent(&events.Connected{}) }
	stop, _ := startRun(t, h, &fakeInbox{})
	eventually(t, "connected", func() bool { return h.c.Status() == StatusConnected })
	if got, want := h.clock.Waits(), []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 4 * time.Second, 4 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	stop()
}

func TestRunStatusWhileDisconnected(t *testing.T) {
	h := newHarness(t, Config{})
	release := make(chan struct{})
	// The first wait blocks, so the status during it can be seen.
	h.c.wait = func(ctx context.Context, d time.Duration) error {
		select {
		case <-release:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	h.cli.connectErrs = []error{errBoom}
	h.cli.onConnect = func(int) { h.c.handleEvent(&events.Connected{}) }
	stop, _ := startRun(t, h, &fakeInbox{})
	eventually(t, "error status", func() bool { return strings.HasPrefix(h.c.Status(), "error: cannot connect") })
	close(release)
	eventually(t, "connected", func() bool { return h.c.Status() == StatusConnected })
	stop()
}

// A session taken over or refused as outdated cannot be helped by linking
// again: Run ends, loudly.
func TestRunStopsOnFatalEvents(t *testing.T) {
	tests := []struct {
		name       string
		evt        any
		wantErr    error
		wantStatus string
	}{
		{"stream replaced", &events.StreamReplaced{}, errReplaced, "error: another process"},
		{"client outdated", &events.ClientOutdated{}, errOutdated, "error: WhatsApp refuses this client version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.cli.onConnect = func(int) {
				h.c.handleEvent(&events.Connected{})
				h.c.handleEvent(tt.evt)
			}
			_, done := startRun(t, h, &fakeInbox{})
			select {
			case err := <-done:
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("Run returned %v, want %v", err, tt.wantErr)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Run did not stop")
			}
			if !strings.HasPrefix(h.c.Status(), tt.wantStatus) {
				t.Errorf("status %q, want %q…", h.c.Status(), tt.wantStatus)
			}
			if !strings.Contains(h.logs.String(), "level=ERROR") {
				t.Errorf("not logged as an error:\n%s", h.logs.String())
			}
			if h.cli.Connects() != 1 || h.cli.Connected() {
				t.Errorf("%d connects, connected %v: a dead session must not be retried", h.cli.Connects(), h.cli.Connected())
			}
		})
	}
}

// When WhatsApp ends the session (the phone logged the desk out, a ban, a
// lock) the channel goes unlinked, says why, and waits for a new link
// instead of ending: a link from the console brings it back.
func TestRunGoesUnlinkedWhenLoggedOut(t *testing.T) {
	tests := []struct {
		name       string
		evt        any
		wantStatus string
	}{
		{"logged out from the phone", &events.LoggedOut{OnConnect: true, Reason: events.ConnectFailureLoggedOut}, StatusLoggedOut},
		{"logged out while connected", &events.LoggedOut{Reason: events.ConnectFailureLoggedOut}, StatusLoggedOut},
		{"banned", &events.LoggedOut{OnConnect: true, Reason: events.ConnectFailureUnknownLogout}, StatusBanned},
		{"banned while connected", &events.LoggedOut{Reason: events.ConnectFailureUnknownLogout}, StatusBanned},
		{"locked", &events.LoggedOut{OnConnect: true, Reason: events.ConnectFailureMainDeviceGone}, StatusLocked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.cli.onConnect = func(int) {
				h.c.handleEvent(&events.Connected{})
				h.c.handleEvent(tt.evt)
			}
			stop, done := startRun(t, h, &fakeInbox{})
			eventually(t, "unlinked", func() bool { return !h.c.Linked() && !h.cli.Connected() })
			if s := h.c.Status(); s != tt.wantStatus {
				t.Errorf("status %q, want %q", s, tt.wantStatus)
			}
			if !strings.Contains(h.logs.String(), "level=ERROR") {
				t.Errorf("not logged as an error:\n%s", h.logs.String())
			}
			select {
			case err := <-done:
				t.Fatalf("Run ended (%v); it must wait for a new link", err)
			case <-time.After(20 * time.Millisecond):
			}
			if h.cli.Connects() != 1 {
				t.Errorf("%d connects: a dead session must not be retried", h.cli.Connects())
			}
			if err := stop(); err != nil {
				t.Errorf("stop while unlinked: %v", err)
			}
		})
	}
}

func TestRunWaitsOutTemporaryBan(t *testing.T) {
	h := newHarness(t, Config{})
	h.cli.onConnect = func(n int) {
		if n == 1 {
			h.c.handleEvent(&events.TemporaryBan{Code: events.TempBanSentToTooManyPeople, Expire: 3 * time.Hour})
			return
		}
		h.c.handleEvent(&events.Connected{})
	}
	stop, _ := startRun(t, h, &fakeInbox{})
	eventually(t, "reconnected after the ban", func() bool { return h.c.Status() == StatusConnected })
	if got := h.clock.Waits(); !slices.Equal(got, []time.Duration{3 * time.Hour}) {
		t.Errorf("waits %v, want the ban's 3h", got)
	}
	if !strings.Contains(h.logs.String(), "TEMPORARILY BANNED") {
		t.Errorf("ban not logged loudly:\n%s", h.logs.String())
	}
	stop()
}

func TestRunKeepAliveTimeoutReconnects(t *testing.T) {
	h := newHarness(t, Config{})
	h.cli.onConnect = func(n int) {
		h.c.handleEvent(&events.Connected{})
		if n == 1 {
			// A short outage is left to whatsmeow; a long one reconnects.
			h.c.handleEvent(&events.KeepAliveTimeout{ErrorCount: 1, LastSuccess: h.clock.Now().Add(-time.Minute)})
			h.c.handleEvent(&events.KeepAliveTimeout{ErrorCount: 5, LastSuccess: h.clock.Now().Add(-4 * time.Minute)})
		}
	}
	stop, _ := startRun(t, h, &fakeInbox{})
	eventually(t, "second connect", func() bool { return h.cli.Connects() == 2 })
	stop()
}

// Without a linked device Run connects nothing (that would start pairing,
// showing a QR code nobody sees): it waits for a link, then stops cleanly.
func TestRunWaitsWithoutSession(t *testing.T) {
	h := newHarness(t, Config{})
	h.c.setUnlinked()
	stop, done := startRun(t, h, &fakeInbox{})
	select {
	case err := <-done:
		t.Fatalf("Run ended (%v) instead of waiting for a link", err)
	case <-time.After(20 * time.Millisecond):
	}
	if s := h.c.Status(); s != StatusUnlinked {
		t.Errorf("status %q, want %q", s, StatusUnlinked)
	}
	if err := stop(); err != nil {
		t.Errorf("stop: %v", err)
	}
	if h.cli.Connects() != 0 {
		t.Error("connected without a session")
	}
}

func TestRunOnlyOnce(t *testing.T) {
	h := newHarness(t, Config{})
	stop, _ := startRun(t, h, &fakeInbox{})
	eventually(t, "running", func() bool { return h.cli.Connects() == 1 })
	if err := h.c.Run(context.Background(), &fakeInbox{}); err == nil {
		t.Error("a second Run was allowed")
	}
	stop()
}

// A message that could not be recorded is left unacknowledged; Run
// reconnects so that WhatsApp delivers it again, waiting longer while
// recording keeps failing.
func TestRunReconnectsForRedelivery(t *testing.T) {
	h := newHarness(t, Config{})
	h.c.minBackoff, h.c.maxBackoff = time.Second, time.Minute
	in := &fakeInbox{err: errBoom}
	redelivered := dm("3A55", &waE2E.Message{Conversation: proto.String("aiuto")})
	type ack struct {
		n  int
		ok bool
	}
	acks := make(chan ack, 10)
	h.cli.onConnect = func(n int) {
		h.c.handleEvent(&events.Connected{})
		if n == 3 {
			in.mu.Lock()
			in.err = nil // Redis is back
			in.mu.Unlock()
		}
		acks <- ack{n, h.c.handleEvent(redelivered)}
	}
	stop, _ := startRun(t, h, in)
	got := map[int]bool{}
	for range 3 {
		select {
		case a := <-acks:
			got[a.n] = a.ok
		case <-time.After(5 * time.Second):
			t.Fatalf("deliveries so far %v, want 3", got)
		}
	}
	if want := map[int]bool{1: false, 2: false, 3: true}; !maps.Equal(got, want) {
		t.Errorf("acknowledged per connection %v, want %v", got, want)
	}
	if got, want := h.clock.Waits(), []time.Duration{time.Second, 2 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	if len(in.Messages()) != 1 {
		t.Errorf("recorded %d messages, want 1", len(in.Messages()))
	}
	eventually(t, "connected", func() bool { return h.c.Status() == StatusConnected })
	stop()
}

// A ban or a locked account must not read as an ordinary logout: linking
// again does not help until the person deals with WhatsApp. Both are
// errors, so /healthz reports them.
func TestBannedStatusesAreDistinctErrors(t *testing.T) {
	for _, s := range []string{StatusBanned, StatusLocked} {
		if !strings.HasPrefix(s, "error: number ") || s == StatusLoggedOut {
			t.Errorf("status %q", s)
		}
	}
	if !strings.HasPrefix(StatusBanned, "error: number banned by WhatsApp") {
		t.Errorf("StatusBanned = %q", StatusBanned)
	}
	if errors.Is(ErrBanned, ErrLoggedOut) || errors.Is(ErrLocked, ErrLoggedOut) {
		t.Error("a ban reads as a logout")
	}
}

// A person stays one contact (one conversation, one "wrote first" record)
// whichever form of their identity WhatsApp shows first, and however late
// the device store learns that the two forms belong together.
func TestOneContactWhicheverFormComesFirst(t *testing.T) {
	byLID := func(id string) *events.Message {
		e := dm(id, &waE2E.Message{Conversation: proto.String("ciao")})
		e.Info.Chat, e.Info.Sender, e.Info.SenderAlt = lidJID, lidJID, types.EmptyJID
		return e
	}
	byPN := func(id string) *events.Message {
		e := dm(id, &waE2E.Message{Conversation: proto.String("ciao")})
		e.Info.Chat, e.Info.Sender, e.Info.SenderAlt = pnJID, pnJID, types.EmptyJID
		return e
	}
	both := func(id string) *events.Message { return dm(id, &waE2E.Message{Conversation: proto.String("ciao")}) }
	tests := []struct {
		name   string
		first  *events.Message
		later  []*events.Message
		wantID string
	}{
		{"unresolved LID first", byLID("1"), []*events.Message{byPN("2"), both("3"), byLID("4")}, lidID},
		{"number without LID first", byPN("1"), []*events.Message{byLID("2"), both("3"), byPN("4")}, pnID},
		{"both forms first", both("1"), []*events.Message{byPN("2"), byLID("3")}, lidID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			lids := fakeLIDs{}
			h.c.lids = lids
			in := &fakeInbox{}
			stop, _ := startRun(t, h, in)
			eventually(t, "running", func() bool { return h.cli.Connects() == 1 })
			if !h.c.handleEvent(tt.first) {
				t.Fatal("first message not acknowledged")
			}
			// whatsmeow learns the pair (from a later message, or a
			// usync) only after the first message was filed.
			lids[lidJID.User] = pnJID
			for _, e := range tt.later {
				if !h.c.handleEvent(e) {
					t.Fatalf("message %s not acknowledged", e.Info.ID)
				}
			}
			for _, m := range in.Messages() {
				if m.Contact.ID != tt.wantID {
					t.Errorf("message %s filed under %s, want %s", m.ID, m.Contact.ID, tt.wantID)
				}
			}
			h.who.mu.Lock()
			if len(h.who.ids) != 1 {
				t.Errorf("wrote-first records %v, want one", h.who.ids)
			}
			h.who.mu.Unlock()
			stop()
		})
	}
}
