package handoff_test

import (
	"context"
	"slices"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/handoff"
)

// TestCaseOpenBeforeHintsIsFound (issue 15): the open case is read only
// while the contact's hint says one may be open (bot.Hinted), but a
// contact whose state a version before hints wrote (no hints), or wrote
// again after this one (a rollback: v "1" beside hints that say no case),
// has it read all the same: their open case still gets their messages,
// and the bot stays silent.
func TestCaseOpenBeforeHintsIsFound(t *testing.T) {
	for name, fields := range map[string][]any{
		"older version": {"v", "1"},
		"rollback":      {"v", "1", "hk", "="},
	} {
		t.Run(name, func(t *testing.T) {
			d := startDesk(t, handoff.Config{})
			ctx := context.Background()
			const chat = 5151
			contact := bot.Contact{Channel: "telegram", ID: "5151"}
			d.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_en"), telegramtest.Callback(chat, "q1", "consent.yes"), telegramtest.Command(chat, 2, "/person"))
			d.waitSaid(t, chat, 4)
			var cs handoff.Case
			waitFor(t, "the case", func() bool {
				var err error
				cs, err = d.svc.OpenCase(ctx, contact)
				return err == nil
			})
			// The state as the older version leaves it.
			ct := d.keys.ContactKey(contact.Key(), "ct")
			if err := d.rdb.HDel(ctx, ct, "hk").Err(); err != nil {
				t.Fatal(err)
			}
			if err := d.rdb.HSet(ctx, ct, fields...).Err(); err != nil {
				t.Fatal(err)
			}
			d.tg.AddUpdates(telegramtest.Text(chat, 3, "are you still there?"))
			waitFor(t, "the words in the transcript", func() bool {
				return slices.Contains(transcriptTexts(t, d.svc, cs.ID), "person::are you still there?")
			})
			if n := len(d.tg.Messages(chat)); n != 4 {
				t.Errorf("the bot answered while a case was open: %d messages", n)
			}
		})
	}
}
