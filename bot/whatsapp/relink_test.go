package whatsapp

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/types/events"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/store/storetest"
)

// While no device is linked, a reply to someone who wrote waits (a
// RetryAfterError keeps it in the dispatcher's outbox) rather than being
// dropped as unreachable, which would also mark the person as having
// blocked the bot; nothing reaches the client.
func TestUnlinkedChannelRefusesSends(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	h := newHarness(t, Config{Trail: dispatch.NewTrail(rdb, keys, time.Hour)})
	ctx := context.Background()
	h.who.Mark(ctx, contact.ID, h.clock.Now())
	if err := h.c.cfg.Trail.Add(ctx, contact, "M1"); err != nil {
		t.Fatal(err)
	}
	h.useStore(t)

	if s := h.c.Status(); s != StatusUnlinked {
		t.Errorf("status %q, want %q", s, StatusUnlinked)
	}
	if h.c.Linked() {
		t.Error("reports a linked device")
	}
	err := h.c.Send(ctx, contact, bot.Reply{Text: "Ciao"})
	var ra *bot.RetryAfterError
	if !errors.As(err, &ra) || ra.After <= 0 || !errors.Is(err, ErrNotLinked) || !errors.Is(err, bot.ErrUnavailable) || errors.Is(err, bot.ErrUnreachable) {
		t.Errorf("send while unlinked = %v, want ErrNotLinked, unavailable, with a RetryAfterError, not ErrUnreachable", err)
	}
	// Held by the dispatcher until a person links the phone again (up to
	// its hold), not given up after an outage's delivery rounds.
	if !errors.Is(err, bot.ErrNoSession) {
		t.Errorf("send while unlinked = %v, want bot.ErrNoSession", err)
	}
	if err := h.c.Unsend(ctx, contact, []string{"M1"}); !errors.Is(err, bot.ErrNoSession) {
		t.Errorf("unsend while unlinked = %v, want bot.ErrNoSession", err)
	}
	if strings.Contains(err.Error(), "393331234567") {
		t.Errorf("error shows the phone number: %v", err)
	}
	// Writing first stays refused for good, linked or not.
	stranger := bot.Contact{Channel: channelName, ID: "393339999999@s.whatsapp.net"}
	if err := h.c.Send(ctx, stranger, bot.Reply{Text: "Ciao"}); !errors.Is(err, bot.ErrUnreachable) {
		t.Errorf("send to a stranger while unlinked = %v, want ErrUnreachable", err)
	}
	// Nothing can be revoked without a device, so the ids stay for later.
	if err := h.c.Retract(ctx, contact); !errors.Is(err, ErrNotLinked) || !errors.Is(err, bot.ErrNoSession) {
		t.Errorf("retract while unlinked = %v", err)
	}
	if ids, _ := h.c.cfg.Trail.Take(ctx, contact); !slices.Equal(ids, []string{"M1"}) {
		t.Errorf("trail after an unlinked retract = %q", ids)
	}
	if sent := h.c.client().(*fakeClient).Sent(); len(sent) != 0 {
		t.Errorf("sent %q", sent)
	}
}

// A link (Reload) wakes an unlinked Run: it loads the device, connects,
// and the replies go out on the new client.
func TestReloadConnectsUnlinkedChannel(t *testing.T) {
	h := newHarness(t, Config{})
	st := h.useStore(t)
	st.connected = func(*fakeClient, int) { h.c.handleEvent(&events.Connected{}) }
	stop, _ := startRun(t, h, &fakeInbox{})

	// A reload with nothing linked changes nothing.
	h.c.Reload()
	eventually(t, "the store read again", func() bool { return len(st.Clients()) == 2 })
	if s := h.c.Status(); s != StatusUnlinked {
		t.Errorf("status %q after an empty reload", s)
	}

	st.setLinked(true)
	h.c.Reload()
	eventually(t, "connected", func() bool { return h.c.Status() == StatusConnected })
	clients := st.Clients()
	if len(clients) != 3 {
		t.Fatalf("%d clients loaded, want 3", len(clients))
	}
	for i, cli := range clients[:2] {
		if cli.Connects() != 0 {
			t.Errorf("unlinked client %d connected", i)
		}
	}
	if !h.c.Linked() {
		t.Error("not linked after the reload")
	}
	h.who.Mark(context.Background(), contact.ID, h.clock.Now())
	if err := h.c.Send(context.Background(), contact, bot.Reply{Text: "Ciao"}); err != nil {
		t.Fatal(err)
	}
	if sent := clients[2].Sent(); !slices.Equal(sent, []string{"Ciao"}) {
		t.Errorf("the new client sent %q", sent)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if clients[2].Connected() {
		t.Error("still connected after stop")
	}
}

// Logged out, then linked again from the console, several times over,
// with Reload and Send racing: the channel comes back each time without a
// restart, never with two clients connected, and never retries a dead
// session.
func TestLogoutThenRelink(t *testing.T) {
	h := newHarness(t, Config{})
	st := h.useStore(t)
	st.connected = func(*fakeClient, int) { h.c.handleEvent(&events.Connected{}) }
	st.setLinked(true)
	h.c.Reload() // linked before Run started: picked up at once
	stop, done := startRun(t, h, &fakeInbox{})
	h.who.Mark(context.Background(), contact.ID, h.clock.Now())

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // the console, impatient
		defer wg.Done()
		for ctx.Err() == nil {
			h.c.Reload()
			time.Sleep(time.Millisecond)
		}
	}()
	go func() { // the dispatcher
		defer wg.Done()
		for ctx.Err() == nil {
			h.c.Send(ctx, contact, bot.Reply{Text: "Ciao"})
			time.Sleep(time.Millisecond)
		}
	}()
	const rounds = 5
	for round := 1; round <= rounds; round++ {
		eventually(t, "connected", func() bool { return h.c.Status() == StatusConnected })
		// The phone removes the device: whatsmeow deletes the session,
		// then reports it.
		st.setLinked(false)
		h.c.client().(*fakeClient).setLoggedIn(false)
		h.c.handleEvent(&events.LoggedOut{Reason: events.ConnectFailureLoggedOut})
		eventually(t, "logged out", func() bool { return h.c.Status() == StatusLoggedOut })
		err := h.c.Send(context.Background(), contact, bot.Reply{Text: "Ciao"})
		var ra *bot.RetryAfterError
		if !errors.As(err, &ra) {
			t.Errorf("round %d: send while logged out = %v, want a RetryAfterError", round, err)
		}
		st.setLinked(true)
		h.c.Reload()
	}
	eventually(t, "connected at last", func() bool { return h.c.Status() == StatusConnected })
	cancel()
	wg.Wait()
	select {
	case err := <-done:
		t.Fatalf("Run ended: %v", err)
	default:
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	if m := st.live.Max(); m != 1 {
		t.Errorf("at most %d clients connected at once, want 1", m)
	}
	linked := 0
	for i, cli := range st.Clients() {
		if cli.Connected() {
			t.Errorf("client %d still connected after stop", i)
		}
		switch n := cli.Connects(); {
		case n > 1:
			t.Errorf("client %d connected %d times: a logged-out session was retried", i, n)
		case n == 1:
			linked++
		}
	}
	if linked != rounds+1 {
		t.Errorf("%d clients connected, want %d", linked, rounds+1)
	}
}

// The console links, and the running channel connects: no restart.
func TestConsoleLinkStartsRunningChannel(t *testing.T) {
	h := newHarness(t, Config{})
	st := h.useStore(t)
	st.connected = func(*fakeClient, int) { h.c.handleEvent(&events.Connected{}) }
	stop, _ := startRun(t, h, &fakeInbox{})

	l := NewConsoleLinker(Config{}, nil, h.c)
	if s := l.Status(); s != StatusUnlinked {
		t.Errorf("console status before linking %q, want %q", s, StatusUnlinked)
	}
	l.link = func(context.Context, Config, string, func(LinkEvent), func(string, ...any), *slog.Logger) error {
		st.setLinked(true)
		return nil
	}
	if err := l.Link(context.Background(), func(string) {}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "connected", func() bool { return l.Status() == StatusConnected })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}
