package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
	"unicode/utf16"
)

// defaultDate is the date scripted messages carry unless At is used, fixed so
// that tests comparing converted messages are deterministic.
const defaultDate int64 = 1735787045 // 2025-01-02T03:04:05Z

// Update is one scripted update in the shape Telegram sends it. Build one
// with Text, Command, Callback, Voice, ...; adjust with the methods, which
// return a modified copy. ID is the update_id; leave it 0 to have
// Server.AddUpdates number it.
type Update struct {
	ID int64

	kind      string // "message", "edited_message" or "callback_query"
	chatID    int64
	chatType  string
	lang      string
	messageID int
	date      int64
	content   map[string]any
	queryID   string
	data      string
}

func newMessage(chatID int64, messageID int, content map[string]any) Update {
	return Update{
		kind:      "message",
		chatID:    chatID,
		chatType:  "private",
		messageID: messageID,
		date:      defaultDate,
		content:   content,
	}
}

// Text is a private text message.
func Text(chatID int64, messageID int, text string) Update {
	return newMessage(chatID, messageID, map[string]any{"text": text})
}

// Command is a private message starting with a bot command such as
// "/start lang_ar" or "/start@FrontdoorBot"; it carries the bot_command
// entity Telegram adds.
func Command(chatID int64, messageID int, text string) Update {
	first := text
	if i := strings.IndexAny(text, " \n\t"); i >= 0 {
		first = text[:i]
	}
	return newMessage(chatID, messageID, map[string]any{
		"text": text,
		"entities": []any{map[string]any{
			"type": "bot_command", "offset": 0, "length": len(utf16.Encode([]rune(first))),
		}},
	})
}

// Callback is a press on an inline keyboard button with the given callback
// data, in a private chat.
func Callback(chatID int64, queryID, data string) Update {
	return Update{
		kind:      "callback_query",
		chatID:    chatID,
		chatType:  "private",
		messageID: 1,
		date:      defaultDate,
		queryID:   queryID,
		data:      data,
	}
}

// Voice is a voice note.
func Voice(chatID int64, messageID int) Update {
	return Media(chatID, messageID, "voice", map[string]any{
		"file_id": "voice-file", "file_unique_id": "voice-u", "duration": 3, "mime_type": "audio/ogg",
	})
}

// Audio is an audio file (music player kind, not a voice note).
func Audio(chatID int64, messageID int) Update {
	return Media(chatID, messageID, "audio", map[string]any{
		"file_id": "audio-file", "file_unique_id": "audio-u", "duration": 30,
	})
}

// Photo is a photo with an optional caption.
func Photo(chatID int64, messageID int, caption string) Update {
	return Media(chatID, messageID, "photo", []any{
		map[string]any{"file_id": "photo-s", "file_unique_id": "photo-us", "width": 90, "height": 90},
		map[string]any{"file_id": "photo-l", "file_unique_id": "photo-ul", "width": 800, "height": 800},
	}).withCaption(caption)
}

// Document is a file with an optional caption.
func Document(chatID int64, messageID int, caption string) Update {
	return Media(chatID, messageID, "document", map[string]any{
		"file_id": "doc-file", "file_unique_id": "doc-u", "file_name": "permit.pdf", "mime_type": "application/pdf",
	}).withCaption(caption)
}

// Sticker is a sticker.
func Sticker(chatID int64, messageID int) Update {
	return Media(chatID, messageID, "sticker", map[string]any{
		"file_id": "sticker-file", "file_unique_id": "sticker-u", "type": "regular",
		"width": 512, "height": 512, "is_animated": false, "is_video": false, "emoji": "👍",
	})
}

// Location is a shared location.
func Location(chatID int64, messageID int, lat, lon float64) Update {
	return Media(chatID, messageID, "location", map[string]any{"latitude": lat, "longitude": lon})
}

// Venue is a shared place; like Telegram, it carries a location as well.
func Venue(chatID int64, messageID int, lat, lon float64, title string) Update {
	loc := map[string]any{"latitude": lat, "longitude": lon}
	return newMessage(chatID, messageID, map[string]any{
		"location": loc,
		"venue":    map[string]any{"location": loc, "title": title, "address": "Main street 1"},
	})
}

// Media is a message with one arbitrary content field, for kinds without a
// helper of their own: Media(id, 7, "video", map[string]any{...}).
func Media(chatID int64, messageID int, field string, value any) Update {
	return newMessage(chatID, messageID, map[string]any{field: value})
}

func (u Update) withCaption(caption string) Update {
	if caption == "" {
		return u
	}
	u.content = maps.Clone(u.content)
	u.content["caption"] = caption
	return u
}

// WithID sets the update_id, for instance to redeliver an update.
func (u Update) WithID(id int64) Update { u.ID = id; return u }

// Lang sets the sender's language_code.
func (u Update) Lang(code string) Update { u.lang = code; return u }

// At sets the message date (seconds precision, as on Telegram).
func (u Update) At(t time.Time) Update { u.date = t.Unix(); return u }

// InGroup moves the update into a group chat.
func (u Update) InGroup() Update { u.chatType = "group"; return u }

// Edited turns a message into an edited_message update.
func (u Update) Edited() Update {
	if u.kind == "message" {
		u.kind = "edited_message"
	}
	return u
}

// Time is the message date the update carries.
func (u Update) Time() time.Time { return time.Unix(u.date, 0).UTC() }

// MarshalJSON renders the update as the Bot API does.
func (u Update) MarshalJSON() ([]byte, error) {
	chat := map[string]any{"id": u.chatID, "type": u.chatType}
	if u.chatType == "private" {
		chat["first_name"] = "Test"
	} else {
		chat["title"] = "Test group"
	}
	from := map[string]any{"id": u.chatID, "is_bot": false, "first_name": "Test"}
	if u.chatType != "private" {
		// In a group the chat id differs from the sender's user id.
		chat["id"] = -u.chatID
	}
	if u.lang != "" {
		from["language_code"] = u.lang
	}
	out := map[string]any{"update_id": u.ID}
	switch u.kind {
	case "message", "edited_message":
		m := maps.Clone(u.content)
		if m == nil {
			m = map[string]any{}
		}
		m["message_id"] = u.messageID
		m["from"] = from
		m["chat"] = chat
		m["date"] = u.date
		if u.kind == "edited_message" {
			m["edit_date"] = u.date + 60
		}
		out[u.kind] = m
	case "callback_query":
		out["callback_query"] = map[string]any{
			"id":            u.queryID,
			"from":          from,
			"chat_instance": fmt.Sprintf("ci-%d", u.chatID),
			"data":          u.data,
			"message": map[string]any{
				"message_id": u.messageID,
				"from":       map[string]any{"id": BotID, "is_bot": true, "first_name": "Frontdoor Test Bot"},
				"chat":       chat,
				"date":       u.date,
				"text":       "Choose:",
			},
		}
	default:
		return nil, fmt.Errorf("telegramtest: update of unknown kind %q", u.kind)
	}
	return json.Marshal(out)
}

// NewWebhookRequest builds the request Telegram would POST to a webhook for
// u, with the secret token header when secret is not empty.
func NewWebhookRequest(target string, u Update, secret string) *http.Request {
	body, err := json.Marshal(u)
	if err != nil {
		panic(err) // only a programming error in a test can cause this
	}
	r := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if secret != "" {
		r.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	return r
}
