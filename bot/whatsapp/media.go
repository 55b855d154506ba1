package whatsapp

import (
	"context"
	"crypto/aes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waCommon"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
)

// MaxMediaSize bounds what FetchMedia downloads: the operators' console
// keeps media in Redis.
const MaxMediaSize = 20 << 20

// ErrMediaTooBig means the file is over MaxMediaSize.
var ErrMediaTooBig = errors.New("file too big to fetch (over 20 MB)")

// Media references are "<kind>:<base64url of a protobuf>:<base64url of a
// message key>", the first protobuf being the message's media part
// stripped down to what a download needs (direct path, keys, hashes,
// length, MIME type): no thumbnail, no caption, so it stays small in the
// inbox. The message key (chat, sender, message id) lets FetchMedia ask
// the person's phone to upload the file again once WhatsApp's servers
// dropped it (after some weeks, or at once for old messages from the
// history), and mark a voice note played; references made before it
// existed have no key.
const (
	mediaImage    = "image"
	mediaAudio    = "audio"
	mediaDocument = "document"
	mediaSticker  = "sticker"
)

// setMedia fills msg's media fields from a message with a photo, audio,
// document or sticker.
func setMedia(msg *bot.Message, m *waE2E.Message, info *types.MessageInfo) {
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
	k, err := proto.Marshal(&waCommon.MessageKey{RemoteJID: proto.String(info.Chat.String()),
		Participant: proto.String(info.Sender.String()), ID: proto.String(info.ID)})
	if err != nil {
		return
	}
	msg.Media = kind + ":" + base64.RawURLEncoding.EncodeToString(b) + ":" + base64.RawURLEncoding.EncodeToString(k)
}

// mediaRef is a parsed media reference.
type mediaRef struct {
	part interface {
		proto.Message
		whatsmeow.DownloadableMessage
		GetMimetype() string
		GetFileLength() uint64
	}
	// info names the message (chat, sender, id); nil for references
	// made before they carried it.
	info *types.MessageInfo
	ptt  bool
}

// setDirectPath points the media part at where the phone uploaded it
// again.
func (r mediaRef) setDirectPath(p string) {
	switch x := r.part.(type) {
	case *waE2E.ImageMessage:
		x.DirectPath = &p
	case *waE2E.AudioMessage:
		x.DirectPath = &p
	case *waE2E.DocumentMessage:
		x.DirectPath = &p
	case *waE2E.StickerMessage:
		x.DirectPath = &p
	}
}

// parseMedia turns a reference back into something the client downloads.
func parseMedia(ref string) (mediaRef, error) {
	var r mediaRef
	kind, enc, ok := strings.Cut(ref, ":")
	if !ok {
		return r, errors.New("not a media reference")
	}
	enc, key, hasKey := strings.Cut(enc, ":")
	b, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return r, errors.New("not a media reference")
	}
	if hasKey {
		r.info, err = parseKey(key)
		if err != nil {
			return r, err
		}
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
		return r, fmt.Errorf("unknown media kind %q", kind)
	}
	if err := proto.Unmarshal(b, m); err != nil {
		return r, errors.New("not a media reference")
	}
	if m.GetDirectPath() == "" || len(m.GetMediaKey()) == 0 {
		return r, errors.New("media reference without download info")
	}
	if m.GetFileLength() > MaxMediaSize {
		return r, ErrMediaTooBig
	}
	r.part = m
	if a, ok := m.(*waE2E.AudioMessage); ok {
		r.ptt = a.GetPTT()
	}
	return r, nil
}

// parseKey reads the message key of a media reference.
func parseKey(enc string) (*types.MessageInfo, error) {
	b, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return nil, errors.New("not a media reference")
	}
	var k waCommon.MessageKey
	if err := proto.Unmarshal(b, &k); err != nil {
		return nil, errors.New("not a media reference")
	}
	chat, err := types.ParseJID(k.GetRemoteJID())
	if err != nil || chat.User == "" || k.GetID() == "" {
		return nil, errors.New("media reference without its message")
	}
	sender, err := types.ParseJID(k.GetParticipant())
	if err != nil {
		sender = chat
	}
	return &types.MessageInfo{ID: k.GetID(), MessageSource: types.MessageSource{Chat: chat, Sender: sender}}, nil
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
	r, err := parseMedia(ref)
	if err != nil {
		return nil, "", fmt.Errorf("whatsapp: fetch media of %s: %w", to, err)
	}
	data, err := c.download(ctx, r.part)
	if gone(err) && r.info != nil {
		// WhatsApp's servers no longer have it (old, or from the
		// history): the person's phone may, and uploads it again.
		data, err = c.mediaAgain(ctx, r)
	}
	if err != nil {
		return nil, "", fmt.Errorf("whatsapp: fetch media of %s: %w", to, err)
	}
	if r.ptt && r.info != nil {
		// The voice note reached the desk's people, who can listen to
		// it: the person sees it played (a blue microphone), not only
		// read. Best effort.
		cli := c.client()
		if err := cli.MarkRead(ctx, []types.MessageID{r.info.ID}, c.now(), r.info.Chat, r.info.Sender, types.ReceiptTypePlayed); err != nil {
			c.log.Debug("whatsapp: marking a voice note played failed", "contact", to.String(), "err", err)
		}
	}
	// WhatsApp voice notes say "audio/ogg; codecs=opus": the parameters do
	// not matter to whoever plays them.
	mime, _, _ := strings.Cut(r.part.GetMimetype(), ";")
	return data, strings.TrimSpace(mime), nil
}
