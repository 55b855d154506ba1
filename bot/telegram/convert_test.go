package telegram

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"frontdoor/bot"
	tt "frontdoor/bot/telegram/telegramtest"
)

func TestToMessage(t *testing.T) {
	now := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	sent := time.Date(2025, 2, 1, 10, 0, 0, 0, time.UTC)
	const chat = 4242
	who := bot.Contact{Channel: "telegram", ID: "4242"}
	msg := func(id, text string, a bot.Attachment) bot.Message {
		return bot.Message{Contact: who, ID: id, Time: sent, Text: text, Attachment: a}
	}
	media := func(m bot.Message, ref, mime, name string) bot.Message {
		m.Media, m.MediaType, m.MediaName = ref, mime, name
		return m
	}

	tests := []struct {
		name   string
		update tt.Update
		want   bot.Message
		ignore bool
	}{
		{"text with language", tt.Text(chat, 7, "Ciao").Lang("it").At(sent),
			bot.Message{Contact: who, ID: "m7", Time: sent, Text: "Ciao", LangHint: "it"}, false},
		{"command passes through", tt.Command(chat, 8, "/start lang_ar").At(sent), msg("m8", "/start lang_ar", ""), false},
		{"command with bot name", tt.Command(chat, 9, "/start@frontdoor_bot lang_ar").At(sent), msg("m9", "/start lang_ar", ""), false},
		{"bare command with bot name", tt.Command(chat, 10, "/help@frontdoor_bot").At(sent), msg("m10", "/help", ""), false},
		{"at sign in plain text stays", tt.Text(chat, 11, "mail me@x.org").At(sent), msg("m11", "mail me@x.org", ""), false},
		{"callback query", tt.Callback(chat, "998877", "area:housing").Lang("uk"),
			bot.Message{Contact: who, ID: "c998877", Time: now, Choice: "area:housing", LangHint: "uk"}, false},
		{"voice", tt.Voice(chat, 12).At(sent), media(msg("m12", "", bot.AttachVoice), "voice-file", "audio/ogg", ""), false},
		{"audio counts as voice", tt.Audio(chat, 13).At(sent), media(msg("m13", "", bot.AttachVoice), "audio-file", "", ""), false},
		{"photo with caption: the largest size", tt.Photo(chat, 14, "my permit").At(sent), media(msg("m14", "my permit", bot.AttachPhoto), "photo-l", "image/jpeg", ""), false},
		{"photo without caption", tt.Photo(chat, 15, "").At(sent), media(msg("m15", "", bot.AttachPhoto), "photo-l", "image/jpeg", ""), false},
		{"document", tt.Document(chat, 16, "").At(sent), media(msg("m16", "", bot.AttachDocument), "doc-file", "application/pdf", "permit.pdf"), false},
		{"location", tt.Location(chat, 17, 41.9, 12.5).At(sent), msg("m17", "", bot.AttachLocation), false},
		{"venue", tt.Venue(chat, 18, 41.9, 12.5, "Questura").At(sent), msg("m18", "", bot.AttachLocation), false},
		{"sticker", tt.Sticker(chat, 19).At(sent), media(msg("m19", "", bot.AttachSticker), "sticker-file", "image/webp", ""), false},
		{"video", tt.Media(chat, 20, "video", map[string]any{"file_id": "v", "file_unique_id": "v", "width": 1, "height": 1, "duration": 1}).At(sent),
			msg("m20", "", bot.AttachOther), false},
		{"video note", tt.Media(chat, 21, "video_note", map[string]any{"file_id": "v", "file_unique_id": "v", "length": 1, "duration": 1}).At(sent),
			msg("m21", "", bot.AttachOther), false},
		{"animation also carries a document", tt.Media(chat, 22, "animation", map[string]any{"file_id": "a", "file_unique_id": "a", "width": 1, "height": 1, "duration": 1}).At(sent),
			msg("m22", "", bot.AttachOther), false},
		{"contact", tt.Media(chat, 23, "contact", map[string]any{"phone_number": "+390000", "first_name": "A"}).At(sent),
			msg("m23", "", bot.AttachOther), false},
		{"dice", tt.Media(chat, 24, "dice", map[string]any{"emoji": "🎲", "value": 3}).At(sent), msg("m24", "", bot.AttachOther), false},
		{"poll", tt.Media(chat, 25, "poll", map[string]any{"id": "p", "question": "?", "options": []any{}, "total_voter_count": 0, "is_closed": false, "is_anonymous": true, "type": "regular", "allows_multiple_answers": false}).At(sent),
			msg("m25", "", bot.AttachOther), false},
		{"group message ignored", tt.Text(chat, 26, "hi all").InGroup(), bot.Message{}, true},
		{"group callback ignored", tt.Callback(chat, "1", "x").InGroup(), bot.Message{}, true},
		{"edited message ignored", tt.Text(chat, 27, "fixed typo").Edited(), bot.Message{}, true},
		{"service message ignored", tt.Media(chat, 28, "write_access_allowed", map[string]any{"from_request": true}), bot.Message{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := json.Marshal(tc.update.WithID(1))
			if err != nil {
				t.Fatal(err)
			}
			var u models.Update
			if err := json.Unmarshal(raw, &u); err != nil {
				t.Fatalf("the library cannot decode the scripted update: %v\n%s", err, raw)
			}
			got, why, ok := toMessage(&u, now)
			if ok == tc.ignore {
				t.Fatalf("toMessage ok = %v (%s), want %v", ok, why, !tc.ignore)
			}
			if tc.ignore {
				if why == "" {
					t.Error("an ignored update needs a reason for the log")
				}
				return
			}
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestStripBotName(t *testing.T) {
	for in, want := range map[string]string{
		"/start":                      "/start",
		"/start@bot":                  "/start",
		"/start@bot lang_ar":          "/start lang_ar",
		"/start@bot\nsecond line":     "/start\nsecond line",
		"/start lang_ar@x":            "/start lang_ar@x",
		"hello @bot":                  "hello @bot",
		"":                            "",
		"/@":                          "/",
		"/ciao@Bot_Name_bot extra@at": "/ciao extra@at",
	} {
		if got := stripBotName(in); got != want {
			t.Errorf("stripBotName(%q) = %q, want %q", in, got, want)
		}
	}
}
