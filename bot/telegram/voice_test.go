package telegram

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"

	"frontdoor/bot"
	tt "frontdoor/bot/telegram/telegramtest"
)

// recordings is an audio source with a few recordings.
type recordings map[string][2]string // ref -> bytes, media type

func (r recordings) Audio(_ context.Context, ref string) ([]byte, string, error) {
	a, ok := r[ref]
	if !ok {
		return nil, "", errors.New("no such recording")
	}
	return []byte(a[0]), a[1], nil
}

// A reply with a recording reaches Telegram as a voice message (the very
// bytes, named for their format) and then its text with the buttons; a
// recording that cannot be read leaves the text alone.
func TestSendVoice(t *testing.T) {
	ogg := "OggS\x00\x02fake opus"
	tests := []struct {
		name      string
		voice     string
		wantVoice string // file name; "" for none
		wantCalls []string
	}{
		{"ogg", "a", "voice.ogg", []string{"sendVoice", "sendMessage"}},
		{"mp3", "b", "voice.mp3", []string{"sendVoice", "sendMessage"}},
		{"unreadable recording", "missing", "", []string{"sendMessage"}},
		{"no recording", "", "", []string{"sendMessage"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := tt.NewServer(t)
			c := newChannel(t, srv, func(cfg *Config) {
				cfg.Audio = recordings{"a": {ogg, "audio/ogg"}, "b": {"ID3 fake mp3", "audio/mpeg"}}
			})
			err := c.Send(context.Background(), person, bot.Reply{Text: "Ascolta o leggi.", Voice: tc.voice,
				Choices: []bot.Choice{{ID: "g.menu", Label: "Menu"}}})
			if err != nil {
				t.Fatal(err)
			}
			var methods []string
			for _, call := range srv.Calls("") {
				if call.Method == "sendVoice" || call.Method == "sendMessage" {
					methods = append(methods, call.Method)
				}
			}
			if !slices.Equal(methods, tc.wantCalls) {
				t.Fatalf("calls %v, want %v", methods, tc.wantCalls)
			}
			if tc.wantVoice != "" {
				v := srv.Calls("sendVoice")[0]
				want := map[string]string{"a": ogg, "b": "ID3 fake mp3"}[tc.voice]
				if v.ChatID != chatID || v.VoiceName != tc.wantVoice || !bytes.Equal(v.Voice, []byte(want)) || !v.OK() {
					t.Errorf("sendVoice = chat %d, %q, %q, code %d", v.ChatID, v.VoiceName, v.Voice, v.Code)
				}
			}
			msgs := srv.Calls("sendMessage")
			if m := msgs[len(msgs)-1]; m.Text != "Ascolta o leggi." || len(buttonsOf(m)) != 1 {
				t.Errorf("text = %q with %d buttons", m.Text, len(buttonsOf(m)))
			}
		})
	}
}

func buttonsOf(c tt.Call) []tt.Button {
	if c.ReplyMarkup == nil {
		return nil
	}
	var out []tt.Button
	for _, row := range c.ReplyMarkup.InlineKeyboard {
		out = append(out, row...)
	}
	return out
}
