package telegram

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/telegram/telegramtest"
)

func TestFetchMedia(t *testing.T) {
	srv := telegramtest.NewServer(t)
	c := newChannel(t, srv, nil)
	who := bot.Contact{Channel: "telegram", ID: "4242"}
	jpeg := []byte("\xff\xd8\xff\xe0 fake jpeg bytes")
	voice := []byte("OggS fake voice")
	srv.AddFile("photo-l", "photos/file_1.jpg", jpeg)
	srv.AddFile("voice-file", "voice/file_2.oga", voice)
	srv.AddFile("odd", "documents/file_3.xyz", []byte("?"))
	srv.AddBigFile("huge")

	tests := []struct {
		name     string
		ref      string
		to       bot.Contact
		want     []byte
		wantMime string
		wantErr  string
		tooBig   bool
	}{
		{"photo", "photo-l", who, jpeg, "image/jpeg", "", false},
		{"voice note", "voice-file", who, voice, "audio/ogg", "", false},
		{"unknown extension", "odd", who, []byte("?"), "", "", false},
		{"over 20 MB", "huge", who, nil, "", "too big", true},
		{"unknown file id", "nope", who, nil, "", "getFile", false},
		{"another channel's contact", "photo-l", bot.Contact{Channel: "whatsapp", ID: "1"}, nil, "", "not a telegram contact", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, mime, err := c.FetchMedia(context.Background(), tc.to, tc.ref)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				if errors.Is(err, ErrMediaTooBig) != tc.tooBig {
					t.Fatalf("errors.Is(err, ErrMediaTooBig) = %v", !tc.tooBig)
				}
				if strings.Contains(err.Error(), telegramtest.Token) {
					t.Fatal("the error reveals the token")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, tc.want) || mime != tc.wantMime {
				t.Fatalf("got %q %q, want %q %q", data, mime, tc.want, tc.wantMime)
			}
		})
	}
	if n := len(srv.Calls("file")); n != 3 {
		t.Errorf("%d file downloads, want 3", n)
	}
}
