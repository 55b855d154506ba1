package handoff_test

import (
	"context"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/handoff"
)

// A stop (command or word) while a case is open reaches the conversation,
// which unsubscribes the person from news, and the case stays as it was:
// waiting in the queue, or with its operator.
func TestStopWhileCaseOpenReachesTheConversation(t *testing.T) {
	for _, assigned := range []bool{false, true} {
		f := newService(t, handoff.Config{})
		ctx := context.Background()
		addOperator(t, f.svc, "ana", []string{"*"}, []string{"*"}, 3)
		next := &recordingHandler{}
		h := f.svc.Wrap(next)
		c := bot.Contact{Channel: "telegram", ID: "11"}
		cs := open(t, f.svc, "11", "it", "legal", false)
		want := handoff.StatusWaiting
		if assigned {
			if err := f.svc.Claim(ctx, "ana", cs.ID); err != nil {
				t.Fatal(err)
			}
			want = handoff.StatusAssigned
		}
		for i, text := range []string{"/stop", "/unsubscribe", "basta", "STOP!", "توقف"} {
			before := len(next.got)
			if _, err := h.Handle(ctx, bot.Turn{Contact: c, Now: f.clock.Now(), Message: bot.Message{Contact: c, ID: string(rune('a' + i)), Text: text}}); err != nil {
				t.Fatal(err)
			}
			if len(next.got) != before+1 || next.got[before].Text != text {
				t.Errorf("assigned=%v: %q did not reach the conversation", assigned, text)
			}
			got, err := f.svc.OpenCase(ctx, c)
			if err != nil || got.ID != cs.ID || got.Status != want {
				t.Fatalf("assigned=%v: after %q the case is %+v (%v), want it %s", assigned, text, got, err, want)
			}
		}
		tx := strings.Join(transcriptTexts(t, f.svc, cs.ID), "|")
		if !strings.Contains(tx, "stopped news messages (/stop)") || !strings.Contains(tx, "stopped news messages (basta)") {
			t.Errorf("assigned=%v: transcript = %s", assigned, tx)
		}
		// Anything else is still relayed, not given to the bot.
		before := len(next.got)
		if _, err := h.Handle(ctx, bot.Turn{Contact: c, Now: f.clock.Now(), Message: bot.Message{Contact: c, ID: "z", Text: "please stop the eviction"}}); err != nil {
			t.Fatal(err)
		}
		if len(next.got) != before {
			t.Errorf("assigned=%v: a sentence with stop in it reached the conversation", assigned)
		}
	}
}

// Through the real conversation: "stop" while waiting is answered as a
// stop of the news, and the person keeps their place in the queue.
func TestStopWordWhileWaitingThroughTelegram(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	const chat = 32
	contact := bot.Contact{Channel: "telegram", ID: "32"}
	d.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_it"), telegramtest.Callback(chat, "q1", "consent.yes"), telegramtest.Command(chat, 2, "/person"))
	d.waitSaid(t, chat, 4)
	waitFor(t, "the case", func() bool { _, err := d.svc.OpenCase(ctx, contact); return err == nil })
	cs, _ := d.svc.OpenCase(ctx, contact)
	d.tg.AddUpdates(telegramtest.Text(chat, 3, "basta"))
	said := d.waitSaid(t, chat, 5)
	if said[4].Text != d.cat.Text("it", "news.stopped", nil) {
		t.Fatalf("after stop: %q", said[4].Text)
	}
	// The conversation's menu would invite the person to leave the case
	// they are waiting in: it is not sent. /privacy marks the end of the
	// stop's replies.
	d.tg.AddUpdates(telegramtest.Command(chat, 4, "/privacy"))
	said = d.waitSaid(t, chat, 6)
	if said[5].Text != d.cat.Text("it", "privacy.text", map[string]any{"Days": 90}) {
		t.Fatalf("after stop and /privacy: %q", said[5].Text)
	}
	if got, err := d.svc.OpenCase(ctx, contact); err != nil || got.ID != cs.ID || got.Status != handoff.StatusWaiting {
		t.Fatalf("after stop the case is %+v (%v)", got, err)
	}
}
