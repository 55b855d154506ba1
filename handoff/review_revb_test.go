package handoff_test

import (
	"context"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/handoff"
)

// TestOpenCaseAnswerDoesNotWaitForItsOpeningLines (review of open19): the
// case is open, on its master, and the operators see it; only its first
// lines, in another slot (on a Cluster another master), cannot be
// written. The person must still be told at once that a person will
// answer (for an urgent case: with the emergency numbers): a failing
// transcript write now fails the handoff event, and the dispatcher holds
// the turn's answers behind a failing event (events go first), for a
// whole lease and then up to its delivery rounds (about 1.5 h), after
// which the answers are given up. Before open19 the answer went out and
// the lines' failure was logged.
func TestOpenCaseAnswerDoesNotWaitForItsOpeningLines(t *testing.T) {
	d := startDeskWith(t, handoff.Config{}, dispatch.Options{})
	ctx := context.Background()
	it := func(id string) string { return d.cat.Text("it", id, nil) }
	const chat = 4343
	contact := bot.Contact{Channel: "telegram", ID: "4343"}

	d.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_it"))
	d.waitSaid(t, chat, 1)
	d.tg.AddUpdates(telegramtest.Callback(chat, "q1", "consent.yes"))
	d.waitSaid(t, chat, 2)

	// From now on the transcript's master refuses the opening's script
	// (its keys name the case's opening mark): down, or out of memory
	// with the person's files.
	f := &faults{mark: "}:opening"}
	f.left.Store(1 << 30)
	d.rdb.AddHook(f)

	d.tg.AddUpdates(telegramtest.Command(chat, 2, "/person"))
	waitFor(t, "the case to open", func() bool {
		_, err := d.svc.OpenCase(ctx, contact)
		return err == nil
	})
	if f.left.Load() == 1<<30 {
		t.Log("the opening's script was not refused yet")
	}
	// The case is open: the person is told so, without waiting for the
	// transcript's master.
	d.waitText(t, chat, it("handoff.opened"))
}
