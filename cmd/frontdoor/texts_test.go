package main

import (
	"context"
	"testing"

	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/locales"
	desktexts "frontdoor/texts"
)

// A text published by another process (here, the test's own store on the
// same Redis) reaches a running Frontdoor's Telegram conversation without
// a restart: serve follows publications.
func TestPublishedTextReachesTelegram(t *testing.T) {
	r := startFrontdoor(t, nil)
	const chat = 5151
	r.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_uk").Lang("uk"))
	r.waitSaid(t, chat, 1)
	r.tg.AddUpdates(telegramtest.Callback(chat, "q1", "consent.yes"))
	r.waitText(t, chat, r.cat.Text("uk", "menu.prompt", nil))

	other, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	const changed = "Оберіть, будь ласка, тему."
	if _, err := desktexts.NewStore(r.app.db.Client, r.app.keys, other, nil).Publish(context.Background(),
		locales.Text{Lang: "uk", ID: "menu.prompt", Other: changed}, "eva"); err != nil {
		t.Fatal(err)
	}
	// The publication is heard at once, but the test cannot see when:
	// ask for the menu until it says the new text, each answer awaited.
	for i := 2; ; i++ {
		r.tg.AddUpdates(telegramtest.Command(chat, i, "/menu"))
		said := r.waitSaid(t, chat, i+1)
		if said[len(said)-1].Text == changed {
			t.Logf("the new text came with menu %d", i-1)
			break
		}
		if i == 20 {
			t.Fatalf("after %d menus the person still reads %q", i-1, said[len(said)-1].Text)
		}
	}
}
