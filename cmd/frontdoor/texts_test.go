package main

import (
	"bytes"
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
	r.waitText(t, chat, r.cat.Text("uk", "menu.prompt", nil)+emergencyLine(false))

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
		if said[len(said)-1].Text == changed+emergencyLine(false) {
			t.Logf("the new text came with menu %d", i-1)
			break
		}
		if i == 20 {
			t.Fatalf("after %d menus the person still reads %q", i-1, said[len(said)-1].Text)
		}
	}
}

// Voice answers on Telegram, through serve: a Tigrinya speaker sends a
// voice note and is offered voice answers, the offer spoken in the desk's
// recording; they choose it, and the menu comes as the desk's recording
// (sendVoice) then its text; an answer with no recording comes as text
// alone.
func TestVoiceAnswersOnTelegram(t *testing.T) {
	r := startFrontdoor(t, nil)
	store := desktexts.NewStore(r.app.db.Client, r.app.keys, r.cat, nil)
	// The smallest OGG/Opus the store takes: a first page holding the
	// Opus header alone.
	recording := func(tag byte) []byte {
		b := append([]byte("OggS\x00\x02"), make([]byte, 20)...)
		b = append(b, 1, 19)
		return append(b, "OpusHead\x01\x01\x38\x01\x80\xbb\x00\x00\x00\x00"+string(tag)...)
	}
	for id, tag := range map[string]byte{"voice.offer": 1, "menu.prompt": 2} {
		if _, err := store.SaveVoice(context.Background(), r.cat, "ti", id, recording(tag), "eva"); err != nil {
			t.Fatal(err)
		}
	}
	const chat = 5252
	r.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_ti"))
	r.waitSaid(t, chat, 1)
	r.tg.AddUpdates(telegramtest.Callback(chat, "q1", "consent.yes"))
	r.waitText(t, chat, r.cat.Text("ti", "menu.prompt", nil)+emergencyLine(false))
	voices := func() [][]byte {
		var out [][]byte
		for _, c := range r.tg.Calls("sendVoice") {
			if c.ChatID == chat && c.OK() {
				out = append(out, c.Voice)
			}
		}
		return out
	}
	if n := len(voices()); n != 0 {
		t.Fatalf("%d voice messages before voice was offered", n)
	}
	r.tg.AddUpdates(telegramtest.Voice(chat, 2))
	r.waitText(t, chat, r.cat.Text("ti", "input.voice", nil)+"\n\n"+r.cat.Text("ti", "voice.offer", nil))
	if v := voices(); len(v) != 1 || !bytes.Equal(v[0], recording(1)) {
		t.Fatalf("the offer's recording was not sent: %d voices", len(v))
	}
	r.tg.AddUpdates(telegramtest.Callback(chat, "q2", "voice.yes"))
	r.waitText(t, chat, r.cat.Text("ti", "voice.on", nil)+"\n\n"+r.cat.Text("ti", "menu.prompt", nil)+emergencyLine(false))
	if v := voices(); len(v) != 2 || !bytes.Equal(v[1], recording(2)) {
		t.Fatalf("the menu's recording was not sent: %d voices", len(v))
	}
	// The health screen has no recording: text alone.
	r.tg.AddUpdates(telegramtest.Callback(chat, "q3", "menu.health"))
	r.waitText(t, chat, r.cat.Text("ti", "health.intro", nil))
	if n := len(voices()); n != 2 {
		t.Errorf("%d voice messages after a screen with no recording", n)
	}
}
