package telegram

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"frontdoor/bot"
	tt "frontdoor/bot/telegram/telegramtest"
)

// caseFiles is a file source that gives each file to one contact only.
type caseFiles map[string]struct {
	to        bot.Contact
	data, typ string
	name      string
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

// A reply with a file reaches Telegram as a photo (JPEG, PNG, WebP) or a
// document (PDF), the very bytes under their name, with the text as the
// caption when it fits and has no buttons, else the text after it; a file
// that cannot be read (erased, another person's) leaves the text alone.
func TestSendFile(t *testing.T) {
	jpeg := "\xff\xd8\xff\xe0\x00\x10JFIF\x00fake jpeg"
	pdf := "%PDF-1.4\nfake pdf"
	files := caseFiles{
		"c.photo": {person, jpeg, "image/jpeg", "modulo.jpg"},
		"c.pdf":   {person, pdf, "application/pdf", "ricevuta.pdf"},
		"c.other": {bot.Contact{Channel: "telegram", ID: "999"}, pdf, "application/pdf", "altro.pdf"},
	}
	long := strings.Repeat("Porta questo modulo allo sportello. ", 40) // over 1024
	menu := []bot.Choice{{ID: "g.menu", Label: "Menu"}}
	tests := []struct {
		name      string
		ref       string
		text      string
		choices   []bot.Choice
		wantCalls []string
		wantFile  string // the bytes sent; "" for none
		wantName  string
		caption   bool // the text went as the file's caption
	}{
		{"photo with a caption", "c.photo", "Compila questo modulo.", nil, []string{"sendPhoto"}, jpeg, "modulo.jpg", true},
		{"pdf with a caption", "c.pdf", "Ecco la ricevuta.", nil, []string{"sendDocument"}, pdf, "ricevuta.pdf", true},
		{"long text after the photo", "c.photo", long, nil, []string{"sendPhoto", "sendMessage"}, jpeg, "modulo.jpg", false},
		{"buttons stay under the text", "c.pdf", "Ecco.", menu, []string{"sendDocument", "sendMessage"}, pdf, "ricevuta.pdf", false},
		{"another person's file", "c.other", "Ecco.", nil, []string{"sendMessage"}, "", "", false},
		{"erased file", "c.gone", "Ecco.", nil, []string{"sendMessage"}, "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := tt.NewServer(t)
			c := newChannel(t, srv, func(cfg *Config) { cfg.Files = files })
			err := c.Send(context.Background(), person, bot.Reply{Text: tc.text, Choices: tc.choices,
				File: &bot.File{Ref: tc.ref, Type: "application/pdf"}})
			if err != nil {
				t.Fatal(err)
			}
			var methods []string
			for _, call := range srv.Calls("") {
				if strings.HasPrefix(call.Method, "send") {
					if !call.OK() {
						t.Errorf("%s refused: %d %s", call.Method, call.Code, call.Description)
					}
					methods = append(methods, call.Method)
				}
			}
			if !slices.Equal(methods, tc.wantCalls) {
				t.Fatalf("calls %v, want %v", methods, tc.wantCalls)
			}
			if tc.wantFile != "" {
				f := srv.Calls(tc.wantCalls[0])[0]
				if f.ChatID != chatID || f.FileName != tc.wantName || !bytes.Equal(f.File, []byte(tc.wantFile)) {
					t.Errorf("%s = chat %d, %q, %q", f.Method, f.ChatID, f.FileName, f.File)
				}
				wantCaption := ""
				if tc.caption {
					wantCaption = tc.text
				}
				if f.Caption != wantCaption {
					t.Errorf("caption %q, want %q", f.Caption, wantCaption)
				}
			}
			if !tc.caption {
				var text string
				for _, m := range srv.Calls("sendMessage") {
					text += m.Text
				}
				if text != tc.text {
					t.Errorf("text %q, want %q", text, tc.text)
				}
			}
		})
	}
}

// A file that cannot be read for a fault (Redis away), not because it is
// gone, fails the send, which the dispatcher tries again: the operator's
// file is not dropped for the text alone.
func TestSendFileFaultIsTriedAgain(t *testing.T) {
	srv := tt.NewServer(t)
	c := newChannel(t, srv, func(cfg *Config) { cfg.Files = caseFiles{} })
	err := c.Send(context.Background(), person, bot.Reply{Text: "Ecco il modulo.", File: &bot.File{Ref: "c.fault", Type: "application/pdf"}})
	if err == nil || errors.Is(err, bot.ErrFileGone) {
		t.Fatalf("send with a file that cannot be read = %v, want the fault", err)
	}
	if calls := srv.Calls("sendMessage"); len(calls) != 0 {
		t.Errorf("the text went alone: %d sendMessage", len(calls))
	}
}
