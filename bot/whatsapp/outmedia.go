package whatsapp

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
)

// outMedia is a recording or a file that goes before a reply's text: read
// once per Send, uploaded at each try (an upload is only valid for the
// message it is made for).
type outMedia struct {
	// key names it in sendKey, so that a retry resumes the same parts.
	key  string
	data []byte
	typ  string
	name string
	kind outKind
}

type outKind int

const (
	outVoice outKind = iota
	outImage
	outDocument
)

// media reads the recording and the file a reply names, voice first. A
// recording that cannot be read, or a file no longer kept, is left out and
// logged: the text still goes, and it is what the person must get. A file
// that cannot be read for another reason (Redis away) fails the send, which
// the dispatcher tries again.
func (c *Channel) media(ctx context.Context, to bot.Contact, r bot.Reply) ([]outMedia, error) {
	var out []outMedia
	if r.Voice != "" && c.cfg.Audio != nil {
		data, typ, err := c.cfg.Audio.Audio(ctx, r.Voice)
		if err != nil {
			c.log.Warn("whatsapp: a reply's recording cannot be read; sending the text alone", "contact", to.String(), "err", err)
		} else {
			out = append(out, outMedia{key: "voice " + r.Voice, data: data, typ: typ, kind: outVoice})
		}
	}
	if r.File != nil && c.cfg.Files != nil {
		data, typ, name, err := c.cfg.Files.File(ctx, to, r.File.Ref)
		switch {
		case errors.Is(err, bot.ErrFileGone):
			c.log.Warn("whatsapp: a reply's file is no longer kept; sending the text alone", "contact", to.String())
		case err != nil:
			// Redis away: the send fails and is tried again, so that an
			// operator's file is not dropped.
			return nil, fmt.Errorf("whatsapp: read a reply's file: %w", err)
		default:
			kind := outDocument
			if (&bot.File{Type: typ}).IsImage() && typ != "image/webp" {
				// WhatsApp shows JPEG and PNG as photos; WebP there is a
				// sticker's format, so it goes as a document.
				kind = outImage
			}
			out = append(out, outMedia{key: "file " + r.File.Ref, data: data, typ: typ, name: name, kind: kind})
		}
	}
	return out, nil
}

// mediaMessage uploads m and builds its message, disappearing after the
// person's timer like the text.
func (c *Channel) mediaMessage(ctx context.Context, cli client, to string, m outMedia) (*waE2E.Message, error) {
	appInfo := map[outKind]whatsmeow.MediaType{outVoice: whatsmeow.MediaAudio, outImage: whatsmeow.MediaImage,
		outDocument: whatsmeow.MediaDocument}[m.kind]
	up, err := cli.Upload(ctx, m.data, appInfo)
	if err != nil {
		return nil, fmt.Errorf("upload: %w", err)
	}
	ci := c.contextInfo(to)
	switch m.kind {
	case outVoice:
		a := &waE2E.AudioMessage{URL: proto.String(up.URL), DirectPath: proto.String(up.DirectPath), MediaKey: up.MediaKey,
			FileEncSHA256: up.FileEncSHA256, FileSHA256: up.FileSHA256, FileLength: proto.Uint64(up.FileLength),
			Mimetype: proto.String(m.typ), ContextInfo: ci}
		if m.typ == "audio/ogg" {
			// A voice note (push-to-talk) must be OGG/Opus, and says so.
			a.Mimetype = proto.String("audio/ogg; codecs=opus")
			a.PTT = proto.Bool(true)
			if s := oggSeconds(m.data); s > 0 {
				a.Seconds = proto.Uint32(s)
			}
		}
		return &waE2E.Message{AudioMessage: a}, nil
	case outImage:
		return &waE2E.Message{ImageMessage: &waE2E.ImageMessage{URL: proto.String(up.URL), DirectPath: proto.String(up.DirectPath),
			MediaKey: up.MediaKey, FileEncSHA256: up.FileEncSHA256, FileSHA256: up.FileSHA256, FileLength: proto.Uint64(up.FileLength),
			Mimetype: proto.String(m.typ), ContextInfo: ci}}, nil
	}
	return &waE2E.Message{DocumentMessage: &waE2E.DocumentMessage{URL: proto.String(up.URL), DirectPath: proto.String(up.DirectPath),
		MediaKey: up.MediaKey, FileEncSHA256: up.FileEncSHA256, FileSHA256: up.FileSHA256, FileLength: proto.Uint64(up.FileLength),
		Mimetype: proto.String(m.typ), FileName: proto.String(m.name), Title: proto.String(m.name), ContextInfo: ci}}, nil
}

// contextInfo carries the person's disappearing timer; nil without one.
func (c *Channel) contextInfo(to string) *waE2E.ContextInfo {
	c.mu.Lock()
	t := c.timers[to]
	c.mu.Unlock()
	if t == 0 {
		return nil
	}
	return &waE2E.ContextInfo{Expiration: proto.Uint32(t)}
}

// oggSeconds is the length of an OGG/Opus recording, rounded up: the
// granule position of its last page less the header's pre-skip (Opus
// counts at 48 kHz); 0 when it cannot be read. WhatsApp shows it on the
// voice note.
func oggSeconds(data []byte) uint32 {
	h := bytes.Index(data, []byte("OpusHead"))
	if h < 0 || len(data) < h+12 {
		return 0
	}
	skip := uint64(binary.LittleEndian.Uint16(data[h+10 : h+12]))
	for i := len(data) - 27; i >= 0; i-- {
		if string(data[i:i+4]) != "OggS" {
			continue
		}
		g := binary.LittleEndian.Uint64(data[i+6 : i+14])
		if g <= skip || g == ^uint64(0) {
			return 0
		}
		return uint32((g - skip + 47999) / 48000)
	}
	return 0
}
