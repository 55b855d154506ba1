package whatsapp

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/types/events"

	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/bot/dispatch"
	"frontdoor/store/storetest"
)

// countedChannel is the channel with the dispatcher's calls counted.
type countedChannel struct {
	*Channel
	sends, retracts atomic.Int64
}

func (c *countedChannel) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	c.sends.Add(1)
	return c.Channel.Send(ctx, to, r)
}

func (c *countedChannel) Retract(ctx context.Context, to bot.Contact) error {
	c.retracts.Add(1)
	return c.Channel.Retract(ctx, to)
}

func (f *fakeClient) setSendErr(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sendErr = err
}

// "Delete my data" said while WhatsApp bans the number for a while
// (whatsmeow's events.TemporaryBan; the session is closed, so whatsmeow's
// SendMessage answers ErrNotLoggedIn): the erasure is done at once, but
// taking the bot's messages back from the person's phone waits for the
// ban's end, ahead of the confirmation, with the ids it needs; nothing is
// tried against WhatsApp meanwhile. It used to take the ids from the
// Trail, fail every revoke, and lose them: the confirmation went after
// the ban and the phone kept the conversation.
func TestDeleteDuringATemporaryBanClearsThePhoneAfterIt(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	trail := dispatch.NewTrail(rdb, keys, 48*time.Hour)
	h := newHarness(t, Config{Trail: trail})
	cat, engine := shared.Catalog(t), shared.Engine(t)
	ch := &countedChannel{Channel: h.c}
	d := dispatch.NewDispatcher(rdb, keys, converse.Conversation{Engine: engine, Catalog: cat}, dispatch.Options{
		Senders: map[string]bot.Sender{channelName: ch}, Trail: trail, HoldCheck: time.Millisecond, Lease: 300 * time.Millisecond,
		Log: slog.New(slog.DiscardHandler)})
	startDispatcher(t, d)
	h.c.mu.Lock()
	h.c.inbox, h.c.ctx, h.c.status = d, context.Background(), StatusConnected
	h.c.mu.Unlock()

	say := func(id, words string) {
		t.Helper()
		evt := dm(id, text(words))
		evt.Info.Timestamp = h.clock.Now()
		if !h.c.handleEvent(evt) {
			t.Fatalf("%s not acknowledged", id)
		}
	}
	saw := func(want string) func() bool {
		return func() bool {
			return slices.ContainsFunc(h.cli.Sent(), func(s string) bool { return strings.Contains(s, want) })
		}
	}
	it := func(id string) string { return cat.Text("it", id, nil) }
	say("3A01", "/start lang_it")
	say("3A02", "1")
	eventually(t, "the menu", saw(it("menu.prompt")))
	say("3A03", "/delete")
	eventually(t, "the question", saw(it("delete.confirm")))
	ids := h.cli.IDs()
	if len(ids) < 3 {
		t.Fatalf("the bot sent %q before the question was answered, want its answers", h.cli.Sent())
	}

	h.c.handleEvent(&events.TemporaryBan{Code: events.TempBanSentToTooManyPeople, Expire: time.Hour})
	h.cli.setLoggedIn(false)
	h.cli.setSendErr(whatsmeow.ErrNotLoggedIn)
	calls, before := countSends(h.cli), len(h.cli.Sent())
	say("3A04", "1")
	// The taking back was tried, and tried again as it waited.
	eventuallyFor(t, 15*time.Second, "the taking back held by the ban", func() bool { return ch.retracts.Load() >= 3 })
	if n := countSends(h.cli) - calls; n != 0 {
		t.Errorf("%d messages were tried against WhatsApp during the ban", n)
	}

	h.clock.Advance(time.Hour + time.Second)
	h.cli.setSendErr(nil)
	h.cli.setLoggedIn(true)
	eventuallyFor(t, 15*time.Second, "the confirmation after the ban", saw(it("delete.done")))
	var want []string
	for _, id := range ids {
		want = append(want, "revoke "+id+" from-me=true")
	}
	want = append(want, it("delete.done"))
	sent := h.cli.Sent()[before:]
	if len(sent) != len(want) || !slices.Equal(sent[:len(want)-1], want[:len(want)-1]) || !strings.Contains(sent[len(sent)-1], want[len(want)-1]) {
		t.Fatalf("after the ban, sent %q; want the revokes of the bot's messages %q, then the confirmation", sent, want[:len(want)-1])
	}
}
