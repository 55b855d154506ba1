package whatsapp

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/proto/waMmsRetry"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"go.mau.fi/whatsmeow/util/gcmutil"
	"go.mau.fi/whatsmeow/util/hkdfutil"
	"google.golang.org/protobuf/proto"
)

// phoneAnswer is the notification the phone sends after a media retry
// request, encrypted as WhatsApp does with a key derived from the file's
// media key.
func phoneAnswer(t *testing.T, info *types.MessageInfo, mediaKey []byte, n *waMmsRetry.MediaRetryNotification) *events.MediaRetry {
	t.Helper()
	plain, err := proto.Marshal(n)
	if err != nil {
		t.Error(err)
		return nil
	}
	iv := bytes.Repeat([]byte{3}, 12)
	key := hkdfutil.SHA256(mediaKey, nil, []byte("WhatsApp Media Retry Notification"), 32)
	ct, err := gcmutil.Encrypt(key, iv, plain, []byte(info.ID))
	if err != nil {
		t.Error(err)
		return nil
	}
	return &events.MediaRetry{Ciphertext: ct, IV: iv, MessageID: info.ID, ChatID: info.Chat}
}

// A file WhatsApp's servers dropped (404/410, as for old messages and the
// history) is asked again from the person's phone; what the phone answers
// decides: a new place to download from, or the file is gone.
func TestExpiredMediaIsAskedFromThePhone(t *testing.T) {
	jpeg := []byte("\xff\xd8\xff\xe0 a photo of a permit")
	mediaKey := bytes.Repeat([]byte{7}, 32)
	photo := &waE2E.Message{ImageMessage: &waE2E.ImageMessage{DirectPath: proto.String("/v/expired"), MediaKey: mediaKey,
		FileLength: proto.Uint64(uint64(len(jpeg))), Mimetype: proto.String("image/jpeg")}}
	tests := []struct {
		name    string
		answer  func(t *testing.T, info *types.MessageInfo, key []byte) *events.MediaRetry
		oldRef  bool // a reference made before they named their message
		want    []byte
		wantErr error
	}{
		{"the phone uploads it again", func(t *testing.T, info *types.MessageInfo, key []byte) *events.MediaRetry {
			return phoneAnswer(t, info, key, &waMmsRetry.MediaRetryNotification{StanzaID: proto.String(info.ID),
				DirectPath: proto.String("/v/again"), Result: waMmsRetry.MediaRetryNotification_SUCCESS.Enum()})
		}, false, jpeg, nil},
		{"the phone no longer has it", func(_ *testing.T, info *types.MessageInfo, _ []byte) *events.MediaRetry {
			return &events.MediaRetry{MessageID: info.ID, ChatID: info.Chat, Error: &events.MediaRetryError{Code: 2}}
		}, false, nil, errMediaGone},
		{"the phone cannot find it", func(t *testing.T, info *types.MessageInfo, key []byte) *events.MediaRetry {
			return phoneAnswer(t, info, key, &waMmsRetry.MediaRetryNotification{StanzaID: proto.String(info.ID),
				Result: waMmsRetry.MediaRetryNotification_NOT_FOUND.Enum()})
		}, false, nil, errMediaGone},
		{"an old reference", nil, true, nil, whatsmeow.ErrMediaDownloadFailedWith404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.cli.media = map[string][]byte{"/v/again": jpeg}
			var asked *types.MessageInfo
			if tt.answer != nil {
				h.cli.mediaRetry = func(info *types.MessageInfo, key []byte) {
					if !bytes.Equal(key, mediaKey) {
						t.Errorf("retry asked with media key %x", key)
					}
					asked = info
					if evt := tt.answer(t, info, key); evt != nil {
						// Another message's answer first: not for this download.
						h.c.handleEvent(&events.MediaRetry{MessageID: "OTHER", ChatID: info.Chat, Error: &events.MediaRetryError{Code: 2}})
						h.c.handleEvent(evt)
					}
				}
			}
			evt := dm("3A0009", photo)
			evt.Info.Chat, evt.Info.Sender = lidJID, lidJID
			msg, why, ok := toMessage(context.Background(), evt, nil)
			if !ok {
				t.Fatal(why)
			}
			ref := msg.Media
			if tt.oldRef {
				ref = ref[:strings.LastIndex(ref, ":")]
			}
			data, _, err := h.c.FetchMedia(context.Background(), msg.Contact, ref)
			if !errors.Is(err, tt.wantErr) || !bytes.Equal(data, tt.want) {
				t.Fatalf("fetched %q, %v; want %q, %v", data, err, tt.want, tt.wantErr)
			}
			retried := slices.Contains(h.cli.Calls(), "media retry "+lidID+" 3A0009")
			if retried == tt.oldRef {
				t.Errorf("media retry asked %v, calls %q", retried, h.cli.Calls())
			}
			if retried && (asked.Chat != lidJID || asked.IsFromMe) {
				t.Errorf("retry asked for %+v, want the person's message in their chat", asked)
			}
		})
	}
}

// A voice note that reaches the desk's people (downloaded for a case) is
// marked played, as WhatsApp shows a listened voice note; a photo is not.
func TestVoiceNoteMarkedPlayedWhenFetched(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 32)
	for _, tt := range []struct {
		name   string
		msg    *waE2E.Message
		played bool
	}{
		{"voice note", &waE2E.Message{AudioMessage: &waE2E.AudioMessage{DirectPath: proto.String("/v/f"), MediaKey: key,
			Mimetype: proto.String("audio/ogg; codecs=opus"), PTT: proto.Bool(true)}}, true},
		{"audio file", &waE2E.Message{AudioMessage: &waE2E.AudioMessage{DirectPath: proto.String("/v/f"), MediaKey: key,
			Mimetype: proto.String("audio/mpeg")}}, false},
		{"photo", &waE2E.Message{ImageMessage: &waE2E.ImageMessage{DirectPath: proto.String("/v/f"), MediaKey: key,
			Mimetype: proto.String("image/jpeg")}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.cli.media = map[string][]byte{"/v/f": []byte("data")}
			evt := dm("3A0010", tt.msg)
			evt.Info.Chat, evt.Info.Sender = lidJID, lidJID
			msg, why, ok := toMessage(context.Background(), evt, nil)
			if !ok {
				t.Fatal(why)
			}
			if _, _, err := h.c.FetchMedia(context.Background(), msg.Contact, msg.Media); err != nil {
				t.Fatal(err)
			}
			got := slices.Contains(h.cli.Calls(), "played "+lidID+" [3A0010]")
			if got != tt.played {
				t.Errorf("played receipt sent: %v, want %v (calls %q)", got, tt.played, h.cli.Calls())
			}
		})
	}
}
