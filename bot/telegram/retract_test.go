package telegram

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	tt "frontdoor/bot/telegram/telegramtest"
	"frontdoor/store/storetest"
)

// TestRetractDeletesTheConversation: the person's messages and the bot's
// (every part of a split text) are deleted from the chat, in batches of at
// most 100, and a second retract has nothing left to delete.
func TestRetractDeletesTheConversation(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	trail := dispatch.NewTrail(rdb, keys, time.Hour)
	srv := tt.NewServer(t)
	srv.AddUpdates(tt.Text(2001, 11, "ho paura di mio marito"), tt.Callback(2001, "q-1", "menu.legal"), tt.Text(2001, 12, "aiuto"))
	c := newChannel(t, srv, func(cfg *Config) { cfg.Trail = trail })
	in := newInbox()
	stop := start(t, c, in)
	in.waitFor(t, "three messages", func() bool { return len(in.messages()) == 3 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	to := bot.Contact{Channel: "telegram", ID: "2001"}
	for _, text := range []string{"Ciao", strings.Repeat("Una frase. ", 500)} { // the second goes in two parts
		if err := c.Send(ctx, to, bot.Reply{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	// Filler, so that one retract needs several deleteMessages calls.
	for i := range 150 {
		if err := trail.Add(ctx, to, strings.Repeat("9", 1+i%3)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Retract(ctx, to); err != nil {
		t.Fatal(err)
	}
	deleted := srv.Deleted(2001)
	var sent []int
	for _, m := range srv.Messages(2001) {
		sent = append(sent, m.MessageID)
	}
	if len(sent) != 3 {
		t.Fatalf("sent %d messages, want 3", len(sent))
	}
	want := append([]int{11, 12}, sent...)
	for _, id := range want {
		if !slices.Contains(deleted, id) {
			t.Errorf("message %d not deleted; deleted %v", id, deleted[:min(len(deleted), 10)])
		}
	}
	if n := len(deleted); n != 5+150 {
		t.Errorf("%d ids deleted, want %d", n, 5+150)
	}
	calls := srv.Calls("deleteMessages")
	if len(calls) != 2 {
		t.Errorf("%d deleteMessages calls, want 2 (at most 100 ids each)", len(calls))
	}
	if err := c.Retract(ctx, to); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Calls("deleteMessages")); n != 2 {
		t.Errorf("a second retract called deleteMessages again (%d calls)", n)
	}
}

// TestUnsendDeletesTheseMessages: an operator's reply taken back is
// deleted from the chat, every part of it and nothing else, one
// deleteMessage each; asking again finds it gone, which is no error; a
// message older than Telegram allows is refused, and said so.
func TestUnsendDeletesTheseMessages(t *testing.T) {
	srv := tt.NewServer(t)
	c := newChannel(t, srv, nil)
	ctx := context.Background()
	to := bot.Contact{Channel: "telegram", ID: "2002"}
	for _, text := range []string{"Ciao", strings.Repeat("Una frase. ", 500)} { // the second goes in two parts
		if err := c.Send(ctx, to, bot.Reply{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	var sent []int
	for _, m := range srv.Messages(2002) {
		sent = append(sent, m.MessageID)
		ids = append(ids, strconv.Itoa(m.MessageID))
	}
	if len(sent) != 3 {
		t.Fatalf("sent %d messages, want 3", len(sent))
	}
	if err := c.Unsend(ctx, to, ids[1:]); err != nil {
		t.Fatal(err)
	}
	if got := srv.Deleted(2002); !slices.Equal(got, sent[1:]) {
		t.Errorf("deleted %v, want the second reply's parts %v", got, sent[1:])
	}
	if n := len(srv.Calls("deleteMessage")); n != 2 {
		t.Errorf("%d deleteMessage calls, want 2", n)
	}
	if err := c.Unsend(ctx, to, ids[1:]); err != nil {
		t.Errorf("taking back what is gone already: %v", err)
	}
	srv.Age(2002, sent[0])
	err := c.Unsend(ctx, to, ids[:1])
	if !errors.Is(err, bot.ErrRejected) {
		t.Errorf("an old message: err %v, want one wrapping bot.ErrRejected", err)
	}
	if got := srv.Deleted(2002); slices.Contains(got, sent[0]) {
		t.Errorf("the old message was deleted: %v", got)
	}
}
