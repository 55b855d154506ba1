package telegram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"frontdoor/bot"
)

const (
	maxTextLen      = 4096 // Telegram's limit for one message
	maxCallbackData = 64   // bytes, Telegram's limit for callback_data
)

// inlineKeyboard is sent instead of the library's models.InlineKeyboardMarkup,
// whose buttons always serialise an empty copy_text object: only the fields
// a callback button needs go out.
type inlineKeyboard struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

type inlineButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// Send delivers r to a Telegram chat. Long text goes out in several
// messages, with the choices as an inline keyboard (one button per row) on
// the last. On 429 it waits as told and resends only the part that was
// refused, up to MaxRetryWait in total, then returns *bot.RetryAfterError.
// A blocked bot or a vanished chat gives an error wrapping
// bot.ErrUnreachable; a reply Telegram would never take (a 400, a bad
// keyboard, no text) one wrapping bot.ErrRejected, so that it is not
// tried again.
func (c *Channel) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	if to.Channel != channelName {
		return fmt.Errorf("telegram: send to %s: %w: not a telegram contact", to, bot.ErrRejected)
	}
	chatID, err := strconv.ParseInt(to.ID, 10, 64)
	if err != nil {
		// strconv's error would quote the id, which must not reach logs.
		return fmt.Errorf("telegram: send to %s: %w: chat id is not a number", to, bot.ErrRejected)
	}
	if strings.TrimSpace(r.Text) == "" {
		return fmt.Errorf("telegram: send to %s: %w: empty text", to, bot.ErrRejected)
	}
	kb, err := keyboard(r.Choices)
	if err != nil {
		return fmt.Errorf("telegram: send to %s: %w: %w", to, bot.ErrRejected, err)
	}
	texts := splitText(r.Text)
	// The recording goes first, so that the buttons stay under the text,
	// last.
	var parts []func() (*models.Message, error)
	if voice := c.voice(ctx, to, r.Voice); voice != nil {
		parts = append(parts, func() (*models.Message, error) {
			return c.api.SendVoice(ctx, &tgbot.SendVoiceParams{ChatID: chatID, Voice: voice()})
		})
	}
	file, err := c.file(ctx, to, r.File)
	if err != nil {
		return err
	}
	if file != nil {
		// A text short enough, without buttons, is the file's caption:
		// one message, as a person would send it.
		caption := ""
		if kb == nil && len(texts) == 1 && utf16Len(texts[0]) <= maxCaption {
			caption, texts = texts[0], nil
		}
		parts = append(parts, func() (*models.Message, error) {
			if file.photo {
				return c.api.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: chatID, Photo: file.upload(), Caption: caption})
			}
			return c.api.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: chatID, Document: file.upload(), Caption: caption})
		})
	}
	for i, part := range texts {
		params := &tgbot.SendMessageParams{ChatID: chatID, Text: part}
		if i == len(texts)-1 && kb != nil {
			params.ReplyMarkup = kb
		}
		parts = append(parts, func() (*models.Message, error) { return c.api.SendMessage(ctx, params) })
	}
	sent := make([]string, 0, len(parts))
	defer func() { c.keep(ctx, to, sent...) }()
	var waited time.Duration // on 429s, across all parts
	for i, send := range parts {
		for {
			m, err := send()
			if err == nil {
				sent = append(sent, strconv.Itoa(m.ID))
				break
			}
			if wait, limited := retryAfter(err); limited {
				// A campaign pauses the whole channel itself; once a
				// part went out, the rest is waited for here, or the
				// campaign's retry would send that part again.
				if waited+wait > c.maxRetryWait || (bot.IsBulk(ctx) && i == 0) {
					return fmt.Errorf("telegram: send to %s: part %d of %d: %w", to, i+1, len(parts), &bot.RetryAfterError{After: wait})
				}
				c.log.Debug("telegram: rate limited, waiting", "contact", to.String(), "part", i+1, "wait", wait)
				if err := c.wait(ctx, wait); err != nil {
					return fmt.Errorf("telegram: send to %s: part %d of %d: waiting after 429: %w", to, i+1, len(parts), err)
				}
				waited += wait
				continue
			}
			return c.sendError(to, i, len(parts), err)
		}
	}
	c.refusedSending(false)
	c.log.Debug("telegram: sent", "contact", to.String(), "parts", len(parts), "choices", len(r.Choices))
	return nil
}

// voice reads the recording a reply names, giving a fresh upload for each
// try; nil when there is none or it cannot be read: the text still goes,
// and it is what the person must get.
func (c *Channel) voice(ctx context.Context, to bot.Contact, ref string) func() models.InputFile {
	if ref == "" || c.audio == nil {
		return nil
	}
	data, typ, err := c.audio.Audio(ctx, ref)
	if err != nil {
		c.log.Warn("telegram: a reply's recording cannot be read; sending the text alone", "contact", to.String(), "err", err)
		return nil
	}
	name := "voice" + audioExt(typ)
	return func() models.InputFile { return &models.InputFileUpload{Filename: name, Data: bytes.NewReader(data)} }
}

// maxCaption is Telegram's limit for a photo's or document's caption, in
// UTF-16 units.
const maxCaption = 1024

// outFile is a file to upload, as a photo or as a document.
type outFile struct {
	photo  bool
	upload func() models.InputFile
}

// file reads the file a reply carries, giving a fresh upload for each try;
// nil when there is none or it is no longer kept (erased with the case,
// expired): the text still goes. Another error (Redis away) fails the
// send, which the dispatcher tries again.
func (c *Channel) file(ctx context.Context, to bot.Contact, f *bot.File) (*outFile, error) {
	if f == nil || c.files == nil {
		return nil, nil
	}
	data, typ, name, err := c.files.File(ctx, to, f.Ref)
	if errors.Is(err, bot.ErrFileGone) {
		c.log.Warn("telegram: a reply's file is no longer kept; sending the text alone", "contact", to.String())
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("telegram: read a reply's file: %w", err)
	}
	// Photos are recompressed by Telegram and shown in the chat; a PDF,
	// or an image over the photo limit, goes as a document, unchanged.
	photo := (&bot.File{Type: typ}).IsImage() && len(data) <= maxPhotoUpload
	return &outFile{photo: photo, upload: func() models.InputFile {
		return &models.InputFileUpload{Filename: name, Data: bytes.NewReader(data)}
	}}, nil
}

// maxPhotoUpload is the Bot API's limit for a photo sent by upload.
const maxPhotoUpload = 10 << 20

// audioExt is the file name's extension Telegram reads the format from.
func audioExt(mediaType string) string {
	switch mediaType {
	case "audio/mpeg":
		return ".mp3"
	case "audio/mp4":
		return ".m4a"
	}
	return ".ogg"
}

// refusedSending records whether the last send was refused with 401, for
// Status.
func (c *Channel) refusedSending(refused bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case !refused:
		c.sendRefused = time.Time{}
	case c.sendRefused.IsZero():
		c.sendRefused = c.now()
	}
}

func (c *Channel) sendError(to bot.Contact, i, n int, err error) error {
	switch {
	case errors.Is(err, tgbot.ErrorForbidden), isChatGone(err):
		return fmt.Errorf("telegram: send to %s: %w: %w", to, bot.ErrUnreachable, err)
	case errors.Is(err, tgbot.ErrorBadRequest):
		return fmt.Errorf("telegram: send to %s: part %d of %d: %w: %w", to, i+1, n, bot.ErrRejected, err)
	case errors.Is(err, tgbot.ErrorUnauthorized):
		c.refusedSending(true)
		return fmt.Errorf("telegram: send to %s: token rejected by the Bot API: %w", to, err)
	case i == 0 && unavailable(err):
		// Nothing of the reply went out: all of it can go again later.
		return fmt.Errorf("telegram: send to %s: %w: %w", to, bot.ErrUnavailable, err)
	}
	return fmt.Errorf("telegram: send to %s: part %d of %d: %w", to, i+1, n, err)
}

// isChatGone recognises the 400s Telegram gives for a chat that no longer
// exists (deleted account) or was never opened with the bot.
func isChatGone(err error) bool {
	if !errors.Is(err, tgbot.ErrorBadRequest) {
		return false
	}
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "chat not found") || strings.Contains(msg, "peer_id_invalid")
}

// keyboard turns choices into an inline keyboard, nil when there are none.
// Callback data over Telegram's 64 bytes is an error: truncated ids would
// come back as choices nobody offered.
func keyboard(choices []bot.Choice) (*inlineKeyboard, error) {
	if len(choices) == 0 {
		return nil, nil
	}
	kb := &inlineKeyboard{InlineKeyboard: make([][]inlineButton, 0, len(choices))}
	for _, ch := range choices {
		switch {
		case ch.ID == "":
			return nil, fmt.Errorf("choice %q has an empty id", ch.Label)
		case len(ch.ID) > maxCallbackData:
			return nil, fmt.Errorf("choice id %q is %d bytes, Telegram allows %d", ch.ID, len(ch.ID), maxCallbackData)
		case strings.TrimSpace(ch.Label) == "":
			return nil, fmt.Errorf("choice %q has an empty label", ch.ID)
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, []inlineButton{{Text: ch.Label, CallbackData: ch.ID}})
	}
	return kb, nil
}

// splitText cuts text into messages Telegram accepts. bot.SplitText counts
// runes, but Telegram counts UTF-16 units, so a part dense with emoji or
// other astral characters is cut again at half the limit, which always fits.
func splitText(text string) []string {
	var out []string
	for _, p := range bot.SplitText(text, maxTextLen) {
		if utf16Len(p) <= maxTextLen {
			out = append(out, p)
			continue
		}
		out = append(out, bot.SplitText(p, maxTextLen/2)...)
	}
	return out
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
