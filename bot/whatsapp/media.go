package whatsapp

import (
	"context"
	"crypto/aes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
)

// MaxMediaSize bounds what FetchMedia downloads: the operators' console
// keeps media in Redis.
const MaxMediaSize = 20 << 20

// ErrMediaTooBig means the file is over MaxMediaSize.
var ErrMediaTooBig = errors.New("file too big to fetch (over 20 MB)")

// Media references are "<kind>:<base64url of a protobuf>", the protobuf
// being the message's media part stripped down to what a download needs
// (direct path, keys, hashes, length, MIME type): no thumbnail, no caption,
// so it stays small in the inbox. The media stays downloadable from
// WhatsApp's servers for some weeks.
const (
	mediaImage    = "image"
	mediaAudio    = "audio"
	mediaDocument = "document"
	mediaSticker  = "sticker"
)

// setMedia fills msg's media fields from a message with a photo, audio,
// document or sticker.
func setMedia(msg *bot.Message, m *waE2E.Message) {
	var (
		kind string
		part proto.Message
	)
	switch {
	case m.ImageMessage != nil:
		x := m.GetImageMessage()
		kind, msg.MediaType, msg.MediaSize = mediaImage, x.GetMimetype(), int64(x.GetFileLength())
		part = &waE2E.ImageMessage{DirectPath: x.DirectPath, MediaKey: x.MediaKey, FileSHA256: x.FileSHA256,
			FileEncSHA256: x.FileEncSHA256, FileLength: x.FileLength, Mimetype: x.Mimetype}
	case m.AudioMessage != nil:
		x := m.GetAudioMessage()
		kind, msg.MediaType, msg.MediaSize = mediaAudio, x.GetMimetype(), int64(x.GetFileLength())
		part = &waE2E.AudioMessage{DirectPath: x.DirectPath, MediaKey: x.MediaKey, FileSHA256: x.FileSHA256,
			FileEncSHA256: x.FileEncSHA256, FileLength: x.FileLength, Mimetype: x.Mimetype, PTT: x.PTT}
	case m.DocumentMessage != nil:
		x := m.GetDocumentMessage()
		kind, msg.MediaType, msg.MediaName, msg.MediaSize = mediaDocument, x.GetMimetype(), x.GetFileName(), int64(x.GetFileLength())
		part = &waE2E.DocumentMessage{DirectPath: x.DirectPath, MediaKey: x.MediaKey, FileSHA256: x.FileSHA256,
			FileEncSHA256: x.FileEncSHA256, FileLength: x.FileLength, Mimetype: x.Mimetype}
	case m.StickerMessage != nil && !m.GetStickerMessage().GetIsAnimated():
		x := m.GetStickerMessage()
		kind, msg.MediaType, msg.MediaSize = mediaSticker, x.GetMimetype(), int64(x.GetFileLength())
		part = &waE2E.StickerMessage{DirectPath: x.DirectPath, MediaKey: x.MediaKey, FileSHA256: x.FileSHA256,
			FileEncSHA256: x.FileEncSHA256, FileLength: x.FileLength, Mimetype: x.Mimetype}
	default:
		return
	}
	b, err := proto.Marshal(part)
	if err != nil {
		return
	}
	msg.Media = kind + ":" + base64.RawURLEncoding.EncodeToString(b)
}

// parseMedia turns a reference back into something the client downloads.
func parseMedia(ref string) (whatsmeow.DownloadableMessage, string, error) {
	kind, enc, ok := strings.Cut(ref, ":")
	if !ok {
		return nil, "", errors.New("not a media reference")
	}
	b, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return nil, "", errors.New("not a media reference")
	}
	var m interface {
		proto.Message
		whatsmeow.DownloadableMessage
		GetMimetype() string
		GetFileLength() uint64
	}
	switch kind {
	case mediaImage:
		m = &waE2E.ImageMessage{}
	case mediaAudio:
		m = &waE2E.AudioMessage{}
	case mediaDocument:
		m = &waE2E.DocumentMessage{}
	case mediaSticker:
		m = &waE2E.StickerMessage{}
	default:
		return nil, "", fmt.Errorf("unknown media kind %q", kind)
	}
	if err := proto.Unmarshal(b, m); err != nil {
		return nil, "", errors.New("not a media reference")
	}
	if m.GetDirectPath() == "" || len(m.GetMediaKey()) == 0 {
		return nil, "", errors.New("media reference without download info")
	}
	if m.GetFileLength() > MaxMediaSize {
		return nil, "", ErrMediaTooBig
	}
	return m, m.GetMimetype(), nil
}

// maxEncryptedSize is the most a download of MaxMediaSize bytes takes
// while still encrypted: AES-CBC padding of up to a block, and the MAC.
const maxEncryptedSize = MaxMediaSize + aes.BlockSize + mediaMACLen

// mediaMACLen is the length of the MAC WhatsApp appends to encrypted media.
const mediaMACLen = 10

// download fetches and decrypts m, holding at most maxEncryptedSize
// bytes: parseMedia only checked the size the sender declared, which
// nothing guarantees.
func (c *Channel) download(ctx context.Context, m whatsmeow.DownloadableMessage) ([]byte, error) {
	f := newBoundedFile(maxEncryptedSize)
	err := c.client().DownloadToFile(ctx, m, f)
	if f.Full() {
		return nil, ErrMediaTooBig
	}
	if err != nil {
		return nil, err
	}
	if data := f.Bytes(); len(data) <= MaxMediaSize {
		return data, nil
	}
	return nil, ErrMediaTooBig
}

// FetchMedia downloads and decrypts the media a bot.Message's Media
// references, through the linked device.
func (c *Channel) FetchMedia(ctx context.Context, to bot.Contact, ref string) ([]byte, string, error) {
	if to.Channel != channelName {
		return nil, "", fmt.Errorf("whatsapp: fetch media of %s: not a whatsapp contact", to)
	}
	m, mime, err := parseMedia(ref)
	if err != nil {
		return nil, "", fmt.Errorf("whatsapp: fetch media of %s: %w", to, err)
	}
	data, err := c.download(ctx, m)
	if err != nil {
		return nil, "", fmt.Errorf("whatsapp: fetch media of %s: %w", to, err)
	}
	// WhatsApp voice notes say "audio/ogg; codecs=opus": the parameters do
	// not matter to whoever plays them.
	mime, _, _ = strings.Cut(mime, ";")
	return data, strings.TrimSpace(mime), nil
}
