package handoff_test

import (
	"slices"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/handoff"
)

// TestCaseHoldsTheConversationBefore: through the real conversation on
// Telegram, a case opened after a few turns starts with them, in order,
// each marked as the person's or the bot's and as written before the
// case: the button pressed by its label, the bot's menus by what they
// asked, never by their choices or ids; a free text kept twice (as one of
// the person's earlier messages and in its turn) shows once.
func TestCaseHoldsTheConversationBefore(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	const chat = 6161
	contact := bot.Contact{Channel: "telegram", ID: "6161"}
	say := func(u telegramtest.Update, n int) {
		t.Helper()
		d.tg.AddUpdates(u)
		d.waitSaid(t, chat, n)
	}
	say(telegramtest.Command(chat, 1, "/start lang_it"), 1)
	say(telegramtest.Callback(chat, "q1", "consent.yes"), 2)
	say(telegramtest.Callback(chat, "q2", "menu.legal"), 3)
	say(telegramtest.Text(chat, 2, "non so cosa scegliere"), 4)
	d.tg.AddUpdates(telegramtest.Command(chat, 3, "/person"))
	waitFor(t, "the case", func() bool { _, err := d.svc.OpenCase(t.Context(), contact); return err == nil })
	cs, err := d.svc.OpenCase(t.Context(), contact)
	if err != nil {
		t.Fatal(err)
	}
	// The case shows as soon as it opens; its first lines follow.
	var tx []handoff.Entry
	waitFor(t, "the opening lines", func() bool {
		tx, err = d.svc.Transcript(t.Context(), cs.ID)
		return err == nil && slices.ContainsFunc(tx, func(e handoff.Entry) bool {
			return e.By == "system" && strings.HasPrefix(e.Text, "opened: ")
		})
	})
	it := func(id string) string { return d.cat.Text("it", id, nil) }
	firstLine := func(id string) string { l, _, _ := strings.Cut(it(id), "\n"); return l }
	// want is each line before the case: who, and its text or, for a
	// long one, how it starts.
	want := []struct{ by, text string }{
		{"person", "/start lang_it"},
		{"bot", "Prima di iniziare"},
		{"person", it("consent.yes")},
		{"bot", it("menu.prompt")},
		{"person", it("area.legal")},
		{"bot", firstLine("legal.intro")},
		{"person", "non so cosa scegliere"},
		{"bot", it("input.not_understood")},
	}
	var before []handoff.Entry
	for i, e := range tx {
		if !e.Before {
			opened := false
			for _, e := range tx[i:] {
				if e.Before {
					t.Errorf("a line before the case after the case's own: %+v", e)
				}
				opened = opened || e.By == "system" && strings.HasPrefix(e.Text, "opened: ")
			}
			if !opened {
				t.Errorf("no line saying why the case opened after those before it: %+v", tx[i:])
			}
			break
		}
		before = append(before, e)
	}
	if len(before) != len(want) {
		t.Fatalf("%d lines before the case, want %d:\n%+v", len(before), len(want), before)
	}
	for i, w := range want {
		if e := before[i]; e.By != w.by || !strings.HasPrefix(e.Text, w.text) {
			t.Errorf("line %d before the case: %s %q, want %s %q", i, e.By, e.Text, w.by, w.text)
		}
	}
	for _, e := range before {
		for _, bad := range []string{"menu.", "legal.", it("area.work")} {
			if strings.Contains(e.Text, bad) {
				t.Errorf("a line before the case shows %q (a choice or an id): %q", bad, e.Text)
			}
		}
	}
}
