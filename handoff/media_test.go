package handoff_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
	"frontdoor/internal/conf"
)

// fetch GETs path with a Bearer token (or none) and returns the answer.
func fetch(t *testing.T, c *http.Client, base, path, token string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if c == nil {
		c = http.DefaultClient
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

func TestMediaReachOperators(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	const chat = 5150
	contact := bot.Contact{Channel: "telegram", ID: "5150"}
	addOperator(t, d.svc, "marco", []string{"it"}, []string{"*"}, 3)
	addOperator(t, d.svc, "bea", []string{"it"}, []string{"*"}, 3)
	tokM, _ := d.svc.Queue().NewToken(ctx, "marco")
	tokB, _ := d.svc.Queue().NewToken(ctx, "bea")

	jpeg := append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), bytes.Repeat([]byte{0x42}, 3000)...)
	voice := []byte("OggS\x00\x02 a voice note")
	pdf := []byte("%PDF-1.4 a permit")
	page := []byte(`<html><script>alert(document.cookie)</script></html>`)
	d.tg.AddFile("photo-l", "photos/file_1.jpg", jpeg)
	d.tg.AddFile("voice-file", "voice/file_2.oga", voice)
	d.tg.AddFile("doc-file", "documents/file_3.pdf", pdf)
	d.tg.AddFile("evil", "documents/file_4.html", page)
	d.tg.AddBigFile("huge")

	d.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_it"), telegramtest.Callback(chat, "q1", "consent.yes"), telegramtest.Command(chat, 2, "/person"))
	d.waitSaid(t, chat, 4)
	var cs handoff.Case
	waitFor(t, "the case to open", func() bool {
		var err error
		cs, err = d.svc.OpenCase(ctx, contact)
		return err == nil
	})
	d.tg.AddUpdates(
		telegramtest.Photo(chat, 3, "il mio permesso"),
		telegramtest.Voice(chat, 4),
		telegramtest.Document(chat, 5, ""),
		telegramtest.Media(chat, 6, "document", map[string]any{"file_id": "evil", "file_unique_id": "e", "file_name": "page.html", "mime_type": "text/html"}),
		telegramtest.Media(chat, 7, "document", map[string]any{"file_id": "huge", "file_unique_id": "h", "file_name": "film.mp4", "mime_type": "video/mp4"}),
	)
	var tx []handoff.Entry
	waitFor(t, "five files in the transcript", func() bool {
		tx, _ = d.svc.Transcript(ctx, cs.ID)
		n := 0
		for _, e := range tx {
			if e.By == "person" && !e.Before {
				n++
			}
		}
		return n == 5
	})
	if n := len(d.tg.Messages(chat)); n != 4 {
		t.Fatalf("the bot answered during the case: %d messages", n)
	}
	byKind := map[string]handoff.Entry{}
	var huge handoff.Entry
	for _, e := range tx[len(tx)-5:] {
		byKind[e.Kind+":"+e.File] = e
		if e.MediaError != "" {
			huge = e
		}
	}
	photo, doc, evil := byKind["photo:"], byKind["document:permit.pdf"], byKind["document:page.html"]
	if photo.Media == "" || photo.Mime != "image/jpeg" || photo.Text != "il mio permesso" || photo.Size != len(jpeg) {
		t.Fatalf("photo entry = %+v", photo)
	}
	if huge.Media != "" || !strings.Contains(huge.MediaError, "could not fetch") || !strings.Contains(huge.MediaError, "too big") {
		t.Fatalf("too big a file: %+v", huge)
	}

	// Waiting: an operator with the skills may see it; claimed, only marco.
	if _, err := d.svc.Next(ctx, "marco"); err != nil {
		t.Fatal(err)
	}
	a := apiClient{t, d.base, tokM}
	code, m := a.do("GET", "/api/v1/cases/"+cs.ID, "")
	if code != 200 {
		t.Fatalf("get = %d %v", code, m)
	}
	urls := map[string]string{}
	for _, e := range m["transcript"].([]any) {
		e := e.(map[string]any)
		if u, ok := e["media_url"].(string); ok {
			urls[e["media"].(string)] = u
		}
	}
	if len(urls) != 4 {
		t.Fatalf("media_url on %d entries, want 4: %v", len(urls), urls)
	}

	tests := []struct {
		name     string
		entry    handoff.Entry
		want     []byte
		wantType string
		wantDisp string
	}{
		{"photo inline", photo, jpeg, "image/jpeg", "inline"},
		{"voice inline", byKind["voice:"], voice, "audio/ogg", "inline"},
		{"pdf downloads", doc, pdf, "application/pdf", `attachment; filename=permit.pdf`},
		{"html never renders", evil, page, "application/octet-stream", `attachment; filename=page.html`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, body := fetch(t, nil, d.base, urls[tc.entry.Media], tokM)
			if res.StatusCode != 200 || !bytes.Equal(body, tc.want) {
				t.Fatalf("API download = %d, %d bytes, want %d", res.StatusCode, len(body), len(tc.want))
			}
			if got := res.Header.Get("Content-Type"); got != tc.wantType {
				t.Errorf("Content-Type = %q, want %q", got, tc.wantType)
			}
			if got := res.Header.Get("Content-Disposition"); !strings.HasPrefix(got, tc.wantDisp) {
				t.Errorf("Content-Disposition = %q, want %q", got, tc.wantDisp)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no X-Content-Type-Options: nosniff")
			}
		})
	}

	// The console shows the photo inline and serves it to marco only.
	mb := consoletest.New(t, d.base)
	mb.SignIn("marco", "password-marco")
	consoleURL := "/console/cases/" + cs.ID + "/media/" + photo.Media
	_, pageHTML := mb.Get("/console/cases/" + cs.ID)
	for _, want := range []string{`<img src="` + consoleURL + `"`, `<audio controls`, `download>permit.pdf</a>`,
		// Why the big document is missing, in the operator's words (the
		// API keeps its English media_error, checked above).
		`data-fault="too_big">Could not fetch the file (document): too big`} {
		if !strings.Contains(pageHTML, want) {
			t.Errorf("case page lacks %q", want)
		}
	}
	if res, body := fetch(t, mb.Client(), d.base, consoleURL, ""); res.StatusCode != 200 || !bytes.Equal(body, jpeg) {
		t.Fatalf("console download = %d", res.StatusCode)
	}
	bb := consoletest.New(t, d.base)
	bb.SignIn("bea", "password-bea")
	for _, tc := range []struct {
		name   string
		c      *http.Client
		path   string
		token  string
		status int
	}{
		{"another operator, console", bb.Client(), consoleURL, "", 403},
		{"another operator, API", nil, urls[photo.Media], tokB, 403},
		{"no session", nil, consoleURL, "", 401},
		{"no token", nil, urls[photo.Media], "", 401},
		{"wrong token", nil, urls[photo.Media], "fdo_nope", 401},
		{"unknown file", nil, "/api/v1/cases/" + cs.ID + "/media/0000000000000000", tokM, 404},
	} {
		if res, body := fetch(t, tc.c, d.base, tc.path, tc.token); res.StatusCode != tc.status || bytes.Contains(body, jpeg[:10]) {
			t.Errorf("%s: %d, want %d", tc.name, res.StatusCode, tc.status)
		}
	}

	// Media expire with the transcript's retention.
	key := d.keys.Global("{case:" + cs.ID + "}:media")
	ttl := d.rdb.TTL(ctx, key).Val()
	if ttl <= 0 || ttl > 72*time.Hour {
		t.Fatalf("media TTL = %s, want within the 72h retention", ttl)
	}

	// "Delete my data" erases them.
	d.tg.AddUpdates(telegramtest.Command(chat, 8, "/delete"))
	d.waitSaid(t, chat, 6)
	d.tg.AddUpdates(telegramtest.Callback(chat, "q2", "delete.yes"))
	waitFor(t, "the media to be erased", func() bool { return d.rdb.Exists(ctx, key).Val() == 0 })
	if res, _ := fetch(t, nil, d.base, urls[photo.Media], tokM); res.StatusCode != 404 {
		t.Fatalf("download after erase = %d", res.StatusCode)
	}
}

func TestMediaExpireAfterClose(t *testing.T) {
	d := startDesk(t, handoff.Config{TranscriptRetention: conf.Duration(time.Hour)})
	ctx := context.Background()
	const chat = 5151
	addOperator(t, d.svc, "marco", []string{"it"}, []string{"*"}, 3)
	d.tg.AddFile("photo-l", "photos/file_1.jpg", []byte("\xff\xd8\xff jpeg"))
	d.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_it"), telegramtest.Callback(chat, "q1", "consent.yes"), telegramtest.Command(chat, 2, "/person"))
	d.waitSaid(t, chat, 4)
	var cs handoff.Case
	waitFor(t, "the case", func() bool {
		var err error
		cs, err = d.svc.OpenCase(ctx, bot.Contact{Channel: "telegram", ID: "5151"})
		return err == nil
	})
	d.tg.AddUpdates(telegramtest.Photo(chat, 3, ""))
	key := d.keys.Global("{case:" + cs.ID + "}:media")
	waitFor(t, "the photo stored", func() bool { return d.rdb.Exists(ctx, key).Val() == 1 })
	if ttl := d.rdb.TTL(ctx, key).Val(); ttl <= 0 || ttl > time.Hour {
		t.Fatalf("TTL while open = %s", ttl)
	}
	// Hold the key forever, then check closing sets the retention again.
	d.rdb.Persist(ctx, key)
	d.svc.Next(ctx, "marco")
	if err := d.svc.Close(ctx, "marco", cs.ID, handoff.OutcomeResolved, false); err != nil {
		t.Fatal(err)
	}
	if ttl := d.rdb.TTL(ctx, key).Val(); ttl <= 0 || ttl > time.Hour {
		t.Fatalf("TTL after close = %s", ttl)
	}
}
