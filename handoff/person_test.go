package handoff_test

import (
	"context"
	"slices"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/handoff"
)

// While an operator holds the case, /menu is answered with one line saying
// who reads the messages (never swallowed, never the menu), and /delete
// then "No" answers without any menu: the case goes on.
func TestMenuAndDeleteNoWhileAnOperatorHoldsTheCase(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	const chat = 4242
	addOperator(t, d.svc, "lucia", []string{"es"}, []string{"*"}, 3)
	contact := bot.Contact{Channel: "telegram", ID: "4242"}
	d.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_es"), telegramtest.Callback(chat, "q1", "consent.yes"), telegramtest.Command(chat, 2, "/person"))
	waitFor(t, "the case", func() bool { _, err := d.svc.OpenCase(ctx, contact); return err == nil })
	cs, _ := d.svc.OpenCase(ctx, contact)
	if err := d.svc.Claim(ctx, "lucia", cs.ID); err != nil {
		t.Fatal(err)
	}
	d.waitText(t, chat, d.cat.Text("es", "handoff.assigned", nil))

	d.tg.AddUpdates(telegramtest.Command(chat, 3, "/menu"))
	inCase := d.cat.Text("es", "handoff.menu_in_case", nil)
	d.waitText(t, chat, inCase)
	if m := message(d, chat, inCase); m.ReplyMarkup != nil && len(m.ReplyMarkup.InlineKeyboard) > 0 {
		t.Errorf("/menu during a case answered with buttons: %+v", m.ReplyMarkup)
	}

	d.tg.AddUpdates(telegramtest.Command(chat, 4, "/delete"))
	d.waitText(t, chat, d.cat.Text("es", "delete.confirm", nil))
	d.tg.AddUpdates(telegramtest.Callback(chat, "q2", "delete.no"))
	kept := d.cat.Text("es", "delete.kept", nil)
	after := d.waitText(t, chat, kept)
	for _, m := range append([]telegramtest.Call{message(d, chat, kept)}, after...) {
		if m.ReplyMarkup != nil && len(m.ReplyMarkup.InlineKeyboard) > 0 {
			t.Errorf("'No' to /delete during a case brought a menu: %q %+v", m.Text, m.ReplyMarkup)
		}
	}
	if got, err := d.svc.OpenCase(ctx, contact); err != nil || got.ID != cs.ID {
		t.Fatalf("case after /menu and /delete-No = %+v, %v; want %s still open", got, err, cs.ID)
	}
	if slices.Contains(transcriptTexts(t, d.svc, cs.ID), "person::/menu") {
		t.Error("/menu was relayed to the operator as a message")
	}
}

// message is the message of the chat with exactly text.
func message(d *desk, chat int64, text string) telegramtest.Call {
	msgs := d.tg.Messages(chat)
	return msgs[slices.IndexFunc(msgs, func(c telegramtest.Call) bool { return c.Text == text })]
}
