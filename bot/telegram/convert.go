package telegram

import (
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"frontdoor/bot"
)

// toMessage converts an update into a bot.Message. It returns ok false, with
// the reason for the debug log, for updates Frontdoor does not answer:
// anything outside private chats, edits, service messages and kinds it did
// not ask for. now stamps callback queries, which carry no date of their own.
func toMessage(u *models.Update, now time.Time) (msg bot.Message, why string, ok bool) {
	switch {
	case u.Message != nil:
		m := u.Message
		if m.Chat.Type != models.ChatTypePrivate {
			return msg, "not a private chat: " + string(m.Chat.Type), false
		}
		if isService(m) {
			return msg, "service message", false
		}
		msg = bot.Message{
			Contact: contact(m.Chat.ID),
			// message_id counts per chat: the id is unique together with
			// the contact only.
			ID:   "m" + strconv.Itoa(m.ID),
			Time: time.Unix(int64(m.Date), 0).UTC(),
		}
		msg.Text, msg.Attachment = content(m)
		setMedia(&msg, m)
		if m.From != nil {
			msg.LangHint = m.From.LanguageCode
		}
		return msg, "", true

	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		var chat *models.Chat
		switch {
		case q.Message.Message != nil:
			chat = &q.Message.Message.Chat
		case q.Message.InaccessibleMessage != nil:
			chat = &q.Message.InaccessibleMessage.Chat
		}
		switch {
		case chat == nil:
			return msg, "callback query without a chat (inline message)", false
		case chat.Type != models.ChatTypePrivate:
			return msg, "callback query not in a private chat: " + string(chat.Type), false
		case q.Data == "":
			return msg, "callback query without data (game)", false
		}
		return bot.Message{
			Contact:  contact(chat.ID),
			ID:       "c" + q.ID,
			Time:     now.UTC(),
			Choice:   q.Data,
			LangHint: q.From.LanguageCode,
		}, "", true

	case u.EditedMessage != nil:
		return msg, "edited message", false
	}
	return msg, "update kind not handled", false
}

func contact(chatID int64) bot.Contact {
	return bot.Contact{Channel: channelName, ID: strconv.FormatInt(chatID, 10)}
}

// content returns the text (or caption) and the kind of attachment.
func content(m *models.Message) (string, bot.Attachment) {
	text := m.Text
	if text == "" {
		text = m.Caption
	}
	text = stripBotName(text)
	switch {
	case m.Voice != nil, m.Audio != nil:
		return text, bot.AttachVoice
	case len(m.Photo) > 0:
		return text, bot.AttachPhoto
	case m.Animation != nil:
		// Checked before Document: Telegram sends a GIF with both fields
		// for old clients.
		return text, bot.AttachOther
	case m.Document != nil:
		return text, bot.AttachDocument
	case m.Location != nil, m.Venue != nil:
		return text, bot.AttachLocation
	case m.Sticker != nil:
		return text, bot.AttachSticker
	case m.Text != "":
		return text, bot.AttachNone
	}
	// Video, video note, contact, poll, dice, story, ...: the bot cannot
	// read them but should say so rather than stay silent.
	return text, bot.AttachOther
}

// setMedia records the file_id of the content the operators may want to
// see (voice, audio, the largest photo size, document, static sticker) and
// what Telegram says about it.
func setMedia(msg *bot.Message, m *models.Message) {
	switch {
	case m.Voice != nil:
		msg.Media, msg.MediaType, msg.MediaSize = m.Voice.FileID, m.Voice.MimeType, m.Voice.FileSize
	case m.Audio != nil:
		msg.Media, msg.MediaType, msg.MediaName, msg.MediaSize = m.Audio.FileID, m.Audio.MimeType, m.Audio.FileName, m.Audio.FileSize
	case len(m.Photo) > 0:
		// Sizes come smallest first.
		p := m.Photo[len(m.Photo)-1]
		msg.Media, msg.MediaType, msg.MediaSize = p.FileID, "image/jpeg", int64(p.FileSize)
	case m.Animation != nil:
	case m.Document != nil:
		msg.Media, msg.MediaType, msg.MediaName, msg.MediaSize = m.Document.FileID, m.Document.MimeType, m.Document.FileName, m.Document.FileSize
	case m.Sticker != nil && !m.Sticker.IsAnimated && !m.Sticker.IsVideo:
		msg.Media, msg.MediaType, msg.MediaSize = m.Sticker.FileID, "image/webp", int64(m.Sticker.FileSize)
	}
}

// stripBotName turns "/start@FrontdoorBot lang_ar" into "/start lang_ar":
// clients add the bot's name to commands picked from a menu.
func stripBotName(text string) string {
	if !strings.HasPrefix(text, "/") {
		return text
	}
	end := strings.IndexFunc(text, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' })
	if end < 0 {
		end = len(text)
	}
	if at := strings.IndexByte(text[:end], '@'); at > 0 {
		return text[:at] + text[end:]
	}
	return text
}

// isService reports messages Telegram generates about the chat rather than
// ones the person wrote; answering them would confuse.
func isService(m *models.Message) bool {
	return m.PinnedMessage != nil ||
		m.MessageAutoDeleteTimerChanged != nil ||
		m.WriteAccessAllowed != nil ||
		m.ChatBackgroundSet != nil ||
		m.ConnectedWebsite != "" ||
		m.ProximityAlertTriggered != nil ||
		m.SuccessfulPayment != nil ||
		m.RefundedPayment != nil
}
