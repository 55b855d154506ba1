package whatsapp

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"

	"go.mau.fi/whatsmeow"

	"frontdoor/bot"
	"frontdoor/internal/audiotest"
)

type recordings map[string][2]string // ref -> bytes, media type

func (r recordings) Audio(_ context.Context, ref string) ([]byte, string, error) {
	a, ok := r[ref]
	if !ok {
		return nil, "", errors.New("no such recording")
	}
	return []byte(a[0]), a[1], nil
}

// caseFiles gives each file to one contact only.
type caseFiles map[string]struct {
	to              bot.Contact
	data, typ, name string
}

func (f caseFiles) File(_ context.Context, to bot.Contact, ref string) ([]byte, string, string, error) {
	if ref == "c.fault" {
		return nil, "", "", errors.New("redis: connection refused")
	}
	x, ok := f[ref]
	if !ok || x.to != to {
		return nil, "", "", bot.ErrFileGone
	}
	return []byte(x.data), x.typ, x.name, nil
}

// A reply's recording goes as a voice note (OGG/Opus, push-to-talk, with
// its length) or, in another format, as audio; a file as an image (JPEG,
// PNG) or a document (PDF, WebP) under its name; each uploaded as the very
// bytes, before the text, which still goes, with the choices last. What
// cannot be read (another person's file, a removed recording) leaves the
// text alone.
func TestSendVoiceAndFiles(t *testing.T) {
	ogg := string(audiotest.OggOpus(150)) // 3 seconds
	jpeg := "\xff\xd8\xff\xe0\x00\x10JFIF\x00fake jpeg"
	pdf := "%PDF-1.4\nfake pdf"
	audio := recordings{"v-ogg": {ogg, "audio/ogg"}, "v-mp3": {"ID3 fake mp3", "audio/mpeg"}}
	someone := bot.Contact{Channel: "whatsapp", ID: "8801712345678@s.whatsapp.net"}
	files := caseFiles{
		"c.jpg":   {contact, jpeg, "image/jpeg", "modulo.jpg"},
		"c.pdf":   {contact, pdf, "application/pdf", "ricevuta.pdf"},
		"c.other": {someone, pdf, "application/pdf", "altro.pdf"},
	}
	menu := []bot.Choice{{ID: "a", Label: "Menu"}}
	tests := []struct {
		name    string
		r       bot.Reply
		want    []string // what the person gets, in order
		uploads []string // the bytes uploaded, in order
		kinds   []whatsmeow.MediaType
	}{
		{"ogg voice note", bot.Reply{Text: "Ascolta.", Voice: "v-ogg", Choices: menu},
			[]string{"[audio audio/ogg; codecs=opus ptt=true 3s /u1]", "Ascolta.\n\n1️⃣ Menu"}, []string{ogg}, []whatsmeow.MediaType{whatsmeow.MediaAudio}},
		{"mp3 recording as audio", bot.Reply{Text: "Ascolta.", Voice: "v-mp3"},
			[]string{"[audio audio/mpeg ptt=false 0s /u1]", "Ascolta."}, []string{"ID3 fake mp3"}, []whatsmeow.MediaType{whatsmeow.MediaAudio}},
		{"photo", bot.Reply{Text: "Dall'operatrice:\nCompila questo.", File: &bot.File{Ref: "c.jpg", Type: "image/jpeg"}},
			[]string{"[image image/jpeg /u1]", "Dall'operatrice:\nCompila questo."}, []string{jpeg}, []whatsmeow.MediaType{whatsmeow.MediaImage}},
		{"pdf", bot.Reply{Text: "Ecco.", File: &bot.File{Ref: "c.pdf", Type: "application/pdf"}},
			[]string{"[document application/pdf ricevuta.pdf /u1]", "Ecco."}, []string{pdf}, []whatsmeow.MediaType{whatsmeow.MediaDocument}},
		{"voice and file", bot.Reply{Text: "Ecco.", Voice: "v-ogg", File: &bot.File{Ref: "c.pdf"}},
			[]string{"[audio audio/ogg; codecs=opus ptt=true 3s /u1]", "[document application/pdf ricevuta.pdf /u2]", "Ecco."},
			[]string{ogg, pdf}, []whatsmeow.MediaType{whatsmeow.MediaAudio, whatsmeow.MediaDocument}},
		{"another person's file", bot.Reply{Text: "Ecco.", File: &bot.File{Ref: "c.other"}}, []string{"Ecco."}, nil, nil},
		{"removed recording", bot.Reply{Text: "Ascolta.", Voice: "gone"}, []string{"Ascolta."}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Config{Audio: audio, Files: files})
			ctx := context.Background()
			h.who.Mark(ctx, contact.ID, h.clock.Now())
			if err := h.c.Send(ctx, contact, tc.r); err != nil {
				t.Fatal(err)
			}
			if got := h.cli.Sent(); !slices.Equal(got, tc.want) {
				t.Errorf("sent %q\nwant %q", got, tc.want)
			}
			ups := h.cli.Uploads()
			if len(ups) != len(tc.uploads) {
				t.Fatalf("%d uploads, want %d", len(ups), len(tc.uploads))
			}
			for i, u := range ups {
				if !bytes.Equal(u.data, []byte(tc.uploads[i])) || u.kind != tc.kinds[i] {
					t.Errorf("upload %d: %s of %d bytes, want %s of %d", i, u.kind, len(u.data), tc.kinds[i], len(tc.uploads[i]))
				}
			}
		})
	}
}

// A file that cannot be read for a fault (Redis away), not because it is
// gone, fails the send, which the dispatcher tries again: nothing is sent,
// not the text alone.
func TestSendFileFaultIsTriedAgain(t *testing.T) {
	h := newHarness(t, Config{Files: caseFiles{}})
	ctx := context.Background()
	h.who.Mark(ctx, contact.ID, h.clock.Now())
	err := h.c.Send(ctx, contact, bot.Reply{Text: "Ecco.", File: &bot.File{Ref: "c.fault"}})
	if err == nil || errors.Is(err, bot.ErrFileGone) {
		t.Fatalf("send with a file that cannot be read = %v, want the fault", err)
	}
	if got := h.cli.Sent(); len(got) != 0 {
		t.Errorf("sent %q, want nothing", got)
	}
}

// A failed upload fails the send (the dispatcher retries it); the retry
// sends the voice note and the text once each, under the ids chosen the
// first time.
func TestSendRetriesAFailedUpload(t *testing.T) {
	h := newHarness(t, Config{Audio: recordings{"v": {string(audiotest.OggOpus(50)), "audio/ogg"}}})
	ctx := context.Background()
	h.who.Mark(ctx, contact.ID, h.clock.Now())
	h.cli.mu.Lock()
	h.cli.uploadErr = errBoom
	h.cli.mu.Unlock()
	r := bot.Reply{Text: "Ascolta.", Voice: "v"}
	if err := h.c.Send(ctx, contact, r); !errors.Is(err, errBoom) {
		t.Fatalf("send with a failing upload = %v", err)
	}
	if got := h.cli.Sent(); len(got) != 0 {
		t.Fatalf("sent %q before the voice note", got)
	}
	h.cli.mu.Lock()
	h.cli.uploadErr = nil
	h.cli.mu.Unlock()
	if err := h.c.Send(ctx, contact, r); err != nil {
		t.Fatal(err)
	}
	if got, want := h.cli.Sent(), []string{"[audio audio/ogg; codecs=opus ptt=true 1s /u1]", "Ascolta."}; !slices.Equal(got, want) {
		t.Errorf("sent %q, want %q", got, want)
	}
	if ids := h.cli.IDs(); len(ids) != 2 || ids[0] != "G1" || ids[1] != "G2" {
		t.Errorf("message ids %q, want the two chosen at the first try", ids)
	}
}
