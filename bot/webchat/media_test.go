package webchat

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"

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

// caseFiles gives each file to one contact only, as handoff.Files does.
type caseFiles map[string]struct {
	to              bot.Contact
	data, typ, name string
}

func (f caseFiles) File(_ context.Context, to bot.Contact, ref string) ([]byte, string, string, error) {
	x, ok := f[ref]
	if !ok || x.to != to {
		return nil, "", "", errors.New("no such file")
	}
	return []byte(x.data), x.typ, x.name, nil
}

func sha(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// tinyPNG is a real 8×6 picture.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 6))
	for x := range 8 {
		img.Set(x, 2, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mediaFixture is a chat whose replies can carry a recording, a picture
// and a PDF, all for the person of session.
type mediaFixture struct {
	voiceRef string
	ogg, png []byte
	pdf      string
}

func withMedia(t *testing.T) (mediaFixture, func(*Channel)) {
	f := mediaFixture{ogg: audiotest.OggOpus(100), png: tinyPNG(t), pdf: "%PDF-1.4\nfake pdf"}
	f.voiceRef = sha(f.ogg)
	me := ContactOf(session)
	return f, func(ch *Channel) {
		ch.opts.Audio = recordings{f.voiceRef: {string(f.ogg), "audio/ogg"}}
		ch.opts.Files = caseFiles{
			"c1.f1": {me, string(f.png), "image/png", "modulo.png"},
			"c1.f2": {me, f.pdf, "application/pdf", "ricevuta.pdf"},
		}
	}
}

// A reply's recording and files reach the page as paths under chat/, and
// are served only with a session: the recording to any session that has
// a conversation, a file only to the session it was sent to; with their
// own type, how to show them, and never sniffed.
func TestRepliesCarryVoiceAndFiles(t *testing.T) {
	f, tweak := withMedia(t)
	h := newHarness(t, true, tweak)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, h.srv.URL, "session="+session, nil)
	err := h.ch.Send(ctx, ContactOf(session), bot.Reply{Text: "Ascolta.", Voice: f.voiceRef,
		File: &bot.File{Ref: "c1.f1", Type: "image/png", Name: "modulo.png"}})
	if err != nil {
		t.Fatal(err)
	}
	got := decodeReply(t, next(t, events, ""))
	if got.Voice != "chat/voice/"+f.voiceRef || got.File == nil || *got.File != (fileWire{URL: "chat/file/c1.f1", Name: "modulo.png", Image: true}) {
		t.Fatalf("reply = %+v (file %+v)", got, got.File)
	}
	// Another person, with a conversation of their own.
	other := strings.Repeat("b", 32)
	if err := h.ch.Send(ctx, ContactOf(other), bot.Reply{Text: "Ciao"}); err != nil {
		t.Fatal(err)
	}
	stranger := strings.Repeat("c", 32) // no conversation

	for _, tc := range []struct {
		name, path string
		header     map[string]string
		code       int
		typ, disp  string
		body       []byte
	}{
		{"recording", "/chat/voice/" + f.voiceRef + "?session=" + session, nil, 200, "audio/ogg", `inline; filename=voice.ogg`, f.ogg},
		{"recording, a range", "/chat/voice/" + f.voiceRef + "?session=" + session, map[string]string{"Range": "bytes=0-3"}, 206, "audio/ogg", `inline; filename=voice.ogg`, []byte("OggS")},
		{"recording, to another conversation", "/chat/voice/" + f.voiceRef + "?session=" + other, nil, 200, "audio/ogg", `inline; filename=voice.ogg`, f.ogg},
		{"recording, to a session without a conversation", "/chat/voice/" + f.voiceRef + "?session=" + stranger, nil, 404, "", "", nil},
		{"recording, without a session", "/chat/voice/" + f.voiceRef, nil, 404, "", "", nil},
		{"no such recording", "/chat/voice/" + sha([]byte("x")) + "?session=" + session, nil, 404, "", "", nil},
		{"picture", "/chat/file/c1.f1?session=" + session, nil, 200, "image/png", `inline; filename=modulo.png`, f.png},
		{"pdf", "/chat/file/c1.f2?session=" + session, nil, 200, "application/pdf", `attachment; filename=ricevuta.pdf`, []byte(f.pdf)},
		{"file, to another person", "/chat/file/c1.f1?session=" + other, nil, 404, "", "", nil},
		{"file, by the contact id", "/chat/file/c1.f1?session=" + ContactOf(session).ID, nil, 404, "", "", nil},
		{"file, without a session", "/chat/file/c1.f1", nil, 404, "", "", nil},
		{"not a reference", "/chat/file/..%2Fc1.f1?session=" + session, nil, 404, "", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", h.srv.URL+tc.path, nil)
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.code {
				t.Fatalf("%s = %d, want %d", tc.path, res.StatusCode, tc.code)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("no nosniff")
			}
			if tc.code >= 300 {
				return
			}
			if got := res.Header.Get("Content-Type"); got != tc.typ {
				t.Errorf("Content-Type %q, want %q", got, tc.typ)
			}
			if got := res.Header.Get("Content-Disposition"); got != tc.disp {
				t.Errorf("Content-Disposition %q, want %q", got, tc.disp)
			}
			if !bytes.Equal(body, tc.body) {
				t.Errorf("body of %d bytes, want %d", len(body), len(tc.body))
			}
			if !strings.Contains(res.Header.Get("Cache-Control"), "no-store") {
				t.Errorf("Cache-Control %q", res.Header.Get("Cache-Control"))
			}
		})
	}
}

// Without sources (a desk without recordings), a reply shows its text
// alone and the paths serve nothing.
func TestRepliesWithoutMediaSources(t *testing.T) {
	h := newHarness(t, true, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, h.srv.URL, "session="+session, nil)
	ref := sha([]byte("x"))
	if err := h.ch.Send(ctx, ContactOf(session), bot.Reply{Text: "Ciao", Voice: ref, File: &bot.File{Ref: "c1.f1"}}); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, events, ""); strings.Contains(ev.data, "voice") || strings.Contains(ev.data, "file") {
		t.Errorf("reply data %s", ev.data)
	}
	res, err := http.Get(h.srv.URL + "/chat/voice/" + ref + "?session=" + session)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 404 {
		t.Errorf("voice without a source = %d", res.StatusCode)
	}
}

// In the page, at a phone's and a desktop's size: the recording is a
// player that loads the real OGG/Opus file (its length is known), the
// picture shows, and the PDF is a link to download, all fetched with the
// page's own session.
func TestBrowserChatPlaysVoiceAndShowsFiles(t *testing.T) {
	browser := startChromium(t)
	for _, size := range []struct {
		name          string
		width, height int
		mobile        bool
	}{{"phone", 390, 760, true}, {"desktop", 1280, 800, false}} {
		t.Run(size.name, func(t *testing.T) {
			f := mediaFixture{ogg: audiotest.OggOpus(100), png: tinyPNG(t), pdf: "%PDF-1.4\nfake pdf"}
			f.voiceRef = sha(f.ogg)
			var h *harness
			h = newHarness(t, true, func(ch *Channel) {
				ch.opts.Audio = recordings{f.voiceRef: {string(f.ogg), "audio/ogg"}}
				ch.opts.Files = lateFiles{&h, f}
			})
			h.inbox.onAccept = func(m bot.Message) {
				if !strings.HasPrefix(m.Text, "/start") {
					return
				}
				for _, r := range []bot.Reply{
					{Text: "Ascolta o leggi.", Voice: f.voiceRef},
					{Text: "Il modulo:", File: &bot.File{Ref: "c1.f1", Type: "image/png", Name: "modulo.png"}},
					{Text: "La ricevuta:", File: &bot.File{Ref: "c1.f2", Type: "application/pdf", Name: "ricevuta.pdf"}},
				} {
					if err := h.ch.Send(context.Background(), m.Contact, r); err != nil {
						t.Errorf("Send: %v", err)
					}
				}
			}
			p := browser.open(t, h.srv.URL+"/?start=lang_it")
			p.do("Emulation.setDeviceMetricsOverride", map[string]any{"width": size.width, "height": size.height, "deviceScaleFactor": 1, "mobile": size.mobile})
			p.waitTrue("the three replies", `document.querySelectorAll('#log .msg.bot').length === 3`)
			p.waitTrue("the recording loaded", `(() => { const a = document.querySelector('#log .msg.bot audio');
				return !!a && a.readyState >= 1 && a.duration > 1.5 && a.duration < 2.5; })()`)
			p.waitTrue("the picture shown", `(() => { const i = document.querySelector('#log .msg.bot a.file img');
				return !!i && i.complete && i.naturalWidth === 8 && i.naturalHeight === 6; })()`)
			var got struct {
				Controls     bool
				AudioSrc     string
				PDF, PDFName string
				PDFText      string
				Width, Page  float64
				Text         string
			}
			p.mustEval(`(() => {
				const a = document.querySelector('#log .msg.bot audio');
				const pdf = document.querySelector('#log .msg.bot a.file[download]');
				const bubble = a.closest('.msg');
				return {controls: a.controls, audioSrc: a.getAttribute('src'),
					pdf: pdf.getAttribute('href'), pdfName: pdf.getAttribute('download'), pdfText: pdf.textContent,
					width: bubble.getBoundingClientRect().right, page: document.documentElement.clientWidth,
					text: bubble.textContent};
			})()`, &got)
			p.screenshot("media-" + size.name)
			if !got.Controls || !strings.HasPrefix(got.AudioSrc, "chat/voice/"+f.voiceRef+"?session=") {
				t.Errorf("player: controls %v, src %q", got.Controls, got.AudioSrc)
			}
			if !strings.HasPrefix(got.PDF, "chat/file/c1.f2?session=") || got.PDFName != "ricevuta.pdf" || !strings.Contains(got.PDFText, "ricevuta.pdf") {
				t.Errorf("pdf link %q download=%q text=%q", got.PDF, got.PDFName, got.PDFText)
			}
			if got.Width > got.Page {
				t.Errorf("the player's bubble overflows the page: right edge %v of %v", got.Width, got.Page)
			}
			if !strings.Contains(got.Text, "Ascolta o leggi.") {
				t.Errorf("the text beside the player: %q", got.Text)
			}
		})
	}
}

// lateFiles gives the fixture's files to the session the page made, which
// the test learns only when the page writes.
type lateFiles struct {
	h **harness
	f mediaFixture
}

func (l lateFiles) File(_ context.Context, to bot.Contact, ref string) ([]byte, string, string, error) {
	msgs := (*l.h).inbox.messages()
	if len(msgs) == 0 || msgs[0].Contact != to {
		return nil, "", "", errors.New("no such file")
	}
	switch ref {
	case "c1.f1":
		return l.f.png, "image/png", "modulo.png", nil
	case "c1.f2":
		return []byte(l.f.pdf), "application/pdf", "ricevuta.pdf", nil
	}
	return nil, "", "", errors.New("no such file")
}
