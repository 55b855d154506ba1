package whatsapp

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"go.mau.fi/whatsmeow/util/cbcutil"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
)

func TestMedia(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 32)
	sha := bytes.Repeat([]byte{1}, 32)
	enc := bytes.Repeat([]byte{2}, 32)
	s := proto.String
	u := proto.Uint64
	tests := []struct {
		name     string
		msg      *waE2E.Message
		path     string
		wantMime string
		wantName string
		wantSize int64
		content  []byte
	}{
		{"photo", &waE2E.Message{ImageMessage: &waE2E.ImageMessage{DirectPath: s("/v/img"), MediaKey: key, FileSHA256: sha, FileEncSHA256: enc,
			FileLength: u(9), Mimetype: s("image/jpeg"), Caption: s("permesso"), JPEGThumbnail: bytes.Repeat([]byte{9}, 4000)}},
			"/v/img", "image/jpeg", "", 9, []byte("jpegbytes")},
		{"voice note", &waE2E.Message{AudioMessage: &waE2E.AudioMessage{DirectPath: s("/v/ptt"), MediaKey: key, FileSHA256: sha, FileEncSHA256: enc,
			FileLength: u(4), Mimetype: s("audio/ogg; codecs=opus"), PTT: proto.Bool(true)}},
			"/v/ptt", "audio/ogg", "", 4, []byte("OggS")},
		{"document", &waE2E.Message{DocumentMessage: &waE2E.DocumentMessage{DirectPath: s("/v/doc"), MediaKey: key, FileSHA256: sha, FileEncSHA256: enc,
			FileLength: u(8), Mimetype: s("application/pdf"), FileName: s("contratto.pdf")}},
			"/v/doc", "application/pdf", "contratto.pdf", 8, []byte("%PDF-1.4")},
		{"sticker", &waE2E.Message{StickerMessage: &waE2E.StickerMessage{DirectPath: s("/v/st"), MediaKey: key, FileSHA256: sha, FileEncSHA256: enc,
			FileLength: u(4), Mimetype: s("image/webp")}},
			"/v/st", "image/webp", "", 4, []byte("RIFF")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.cli.media = map[string][]byte{tt.path: tt.content}
			got, why, ok := toMessage(context.Background(), dm("3A0002", tt.msg), nil)
			if !ok {
				t.Fatalf("ignored: %s", why)
			}
			if got.Media == "" || got.MediaType != mimeOf(tt.msg) || got.MediaName != tt.wantName || got.MediaSize != tt.wantSize {
				t.Fatalf("media fields = %q %q %q %d", got.Media, got.MediaType, got.MediaName, got.MediaSize)
			}
			// The reference travels through Redis: no thumbnail, no caption.
			if len(got.Media) > 400 || strings.Contains(got.Media, "permesso") {
				t.Fatalf("reference of %d bytes: %q", len(got.Media), got.Media)
			}
			data, mime, err := h.c.FetchMedia(context.Background(), got.Contact, got.Media)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, tt.content) || mime != tt.wantMime {
				t.Fatalf("fetched %q %q, want %q %q", data, mime, tt.content, tt.wantMime)
			}
		})
	}
}

func mimeOf(m *waE2E.Message) string {
	switch {
	case m.ImageMessage != nil:
		return m.GetImageMessage().GetMimetype()
	case m.AudioMessage != nil:
		return m.GetAudioMessage().GetMimetype()
	case m.DocumentMessage != nil:
		return m.GetDocumentMessage().GetMimetype()
	case m.StickerMessage != nil:
		return m.GetStickerMessage().GetMimetype()
	}
	return ""
}

func TestFetchMediaFailures(t *testing.T) {
	h := newHarness(t, Config{})
	// Asked for an expired file again, the phone no longer has it.
	h.cli.mediaRetry = func(info *types.MessageInfo, _ []byte) {
		h.c.handleEvent(&events.MediaRetry{MessageID: info.ID, ChatID: info.Chat, Error: &events.MediaRetryError{Code: 2}})
	}
	key := bytes.Repeat([]byte{7}, 32)
	ref := func(m *waE2E.Message) string {
		msg, _, _ := toMessage(context.Background(), dm("x", m), nil)
		return msg.Media
	}
	big := ref(&waE2E.Message{ImageMessage: &waE2E.ImageMessage{DirectPath: proto.String("/v/big"), MediaKey: key, FileLength: proto.Uint64(MaxMediaSize + 1)}})
	gone := ref(&waE2E.Message{ImageMessage: &waE2E.ImageMessage{DirectPath: proto.String("/v/gone"), MediaKey: key, FileLength: proto.Uint64(3)}})
	tests := []struct {
		name, ref, want string
		to              bot.Contact
		tooBig          bool
	}{
		{"over 20 MB", big, "too big", contact, true},
		{"expired on the server and the phone", gone, "no longer on WhatsApp's servers nor on the person's phone", contact, false},
		{"garbage", "image:%%%", "not a media reference", contact, false},
		{"unknown kind", "video:AAAA", "unknown media kind", contact, false},
		{"another channel", gone, "not a whatsapp contact", bot.Contact{Channel: "telegram", ID: "1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := h.c.FetchMedia(context.Background(), tt.to, tt.ref)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if errors.Is(err, ErrMediaTooBig) != tt.tooBig {
				t.Fatalf("ErrMediaTooBig = %v", !tt.tooBig)
			}
		})
	}
	for _, c := range h.cli.Calls() {
		if c == "download /v/big" {
			t.Error("a file over the limit was downloaded")
		}
	}
}

// The size a sender declares is not the size WhatsApp's servers hand
// over: the limit holds for the bytes actually downloaded, which stop
// coming once past it (also on the retry with another host).
func TestFetchMediaLimitsActualBytes(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 32)
	tests := []struct {
		name   string
		actual int
	}{
		{"far over the limit", MaxMediaSize + 5<<20},
		{"just over the limit", MaxMediaSize + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.cli.media = map[string][]byte{"/v/liar": bytes.Repeat([]byte{1}, tt.actual)}
			msg, _, _ := toMessage(context.Background(), dm("x", &waE2E.Message{ImageMessage: &waE2E.ImageMessage{
				DirectPath: proto.String("/v/liar"), MediaKey: key, FileLength: proto.Uint64(3)}}), nil)
			data, _, err := h.c.FetchMedia(context.Background(), person, msg.Media)
			if !errors.Is(err, ErrMediaTooBig) || data != nil {
				t.Fatalf("FetchMedia = %d bytes, %v; want ErrMediaTooBig", len(data), err)
			}
			if got := h.cli.Downloaded(); got > maxEncryptedSize {
				t.Errorf("took %d bytes of the download, want at most %d", got, maxEncryptedSize)
			}
		})
	}
}

// boundedFile behaves as whatsmeow's in-place decryption expects of a
// file: read from the start, written back in place, truncated.
func TestBoundedFileDecryptsInPlace(t *testing.T) {
	key, iv := bytes.Repeat([]byte{3}, 32), bytes.Repeat([]byte{4}, 16)
	plain := bytes.Repeat([]byte("permesso di soggiorno "), 5000) // over one 32 KiB buffer
	enc, err := cbcutil.Encrypt(key, iv, plain)
	if err != nil {
		t.Fatal(err)
	}
	f := newBoundedFile(int64(len(enc)))
	if _, err := io.Copy(f, bytes.NewReader(enc)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if err := cbcutil.DecryptFile(key, iv, f); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(f.Bytes(), plain) {
		t.Errorf("decrypted %d bytes, want the %d of the plaintext", len(f.Bytes()), len(plain))
	}
	if _, err := f.WriteAt([]byte{1}, int64(len(enc))); !errors.Is(err, errFileFull) || !f.Full() {
		t.Errorf("write past the limit: %v", err)
	}
	if _, err := f.WriteAt([]byte{1}, 0); err == nil {
		t.Error("writes go on after the limit was hit")
	}
}
