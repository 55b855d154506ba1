package whatsapp

import (
	"context"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
)

var (
	pnJID   = types.NewJID("393331234567", types.DefaultUserServer)
	lidJID  = types.NewJID("555000111", types.HiddenUserServer)
	sentAt  = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	pnID    = "393331234567@s.whatsapp.net"
	lidID   = "555000111@lid"
	contact = bot.Contact{Channel: "whatsapp", ID: pnID}
	// person is the contact dm's sender becomes: keyed by the LID, which
	// the message gives alongside the number.
	person = bot.Contact{Channel: "whatsapp", ID: lidID}
)

// dm builds a direct message from the person at pnJID.
func dm(id string, m *waE2E.Message) *events.Message {
	return &events.Message{
		Info: types.MessageInfo{
			MessageSource: types.MessageSource{Chat: pnJID, Sender: pnJID, SenderAlt: lidJID, AddressingMode: types.AddressingModePN},
			ID:            id, Timestamp: sentAt, PushName: "Amina",
		},
		Message: m,
	}
}

func TestToMessage(t *testing.T) {
	s := proto.String
	tests := []struct {
		name string
		msg  *waE2E.Message
		text string
		att  bot.Attachment
	}{
		{"text", &waE2E.Message{Conversation: s("ciao, ho bisogno di aiuto")}, "ciao, ho bisogno di aiuto", bot.AttachNone},
		{"arabic digit with direction mark", &waE2E.Message{Conversation: s("\u200f٢ ")}, "٢", bot.AttachNone},
		{"extended text", &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: s("https://example.org hello")}}, "https://example.org hello", bot.AttachNone},
		{"reply quoting the bot", &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{
			Text: s("2"),
			ContextInfo: &waE2E.ContextInfo{
				StanzaID:      s("3EB0BOTMENU"),
				Participant:   s("393900000000@s.whatsapp.net"),
				QuotedMessage: &waE2E.Message{Conversation: s("1️⃣ Lavoro\n2️⃣ Casa")},
			},
		}}, "2", bot.AttachNone},
		{"voice note", &waE2E.Message{AudioMessage: &waE2E.AudioMessage{PTT: proto.Bool(true), Seconds: proto.Uint32(7)}}, "", bot.AttachVoice},
		{"audio file", &waE2E.Message{AudioMessage: &waE2E.AudioMessage{Mimetype: s("audio/mpeg")}}, "", bot.AttachVoice},
		{"image with caption", &waE2E.Message{ImageMessage: &waE2E.ImageMessage{Caption: s("permesso di soggiorno")}}, "permesso di soggiorno", bot.AttachPhoto},
		{"image", &waE2E.Message{ImageMessage: &waE2E.ImageMessage{}}, "", bot.AttachPhoto},
		{"document", &waE2E.Message{DocumentMessage: &waE2E.DocumentMessage{FileName: s("contratto.pdf")}}, "", bot.AttachDocument},
		{"document with caption", &waE2E.Message{DocumentMessage: &waE2E.DocumentMessage{Caption: s("contratto")}}, "contratto", bot.AttachDocument},
		{"location", &waE2E.Message{LocationMessage: &waE2E.LocationMessage{DegreesLatitude: proto.Float64(45.07), DegreesLongitude: proto.Float64(7.68)}}, "", bot.AttachLocation},
		{"live location", &waE2E.Message{LiveLocationMessage: &waE2E.LiveLocationMessage{}}, "", bot.AttachLocation},
		{"contact card", &waE2E.Message{ContactMessage: &waE2E.ContactMessage{DisplayName: s("Avv. Rossi"), Vcard: s("BEGIN:VCARD\nEND:VCARD")}}, "", bot.AttachOther},
		{"several contacts", &waE2E.Message{ContactsArrayMessage: &waE2E.ContactsArrayMessage{}}, "", bot.AttachOther},
		{"sticker", &waE2E.Message{StickerMessage: &waE2E.StickerMessage{}}, "", bot.AttachSticker},
		{"video with caption", &waE2E.Message{VideoMessage: &waE2E.VideoMessage{Caption: s("guarda")}}, "guarda", bot.AttachOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, why, ok := toMessage(context.Background(), dm("3A0001", tt.msg), nil)
			if !ok {
				t.Fatalf("ignored: %s", why)
			}
			want := bot.Message{Contact: person, ID: "3A0001", Time: sentAt, Text: tt.text, Attachment: tt.att, LangHint: "it"}
			// Media references are checked in TestMedia.
			got.Media, got.MediaType, got.MediaName, got.MediaSize = "", "", "", 0
			if got != want {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestToMessageIgnores(t *testing.T) {
	text := &waE2E.Message{Conversation: proto.String("hi")}
	group := types.NewJID("120363000000000000", types.GroupServer)
	tests := []struct {
		name string
		evt  func() *events.Message
	}{
		{"group", func() *events.Message {
			e := dm("g1", text)
			e.Info.Chat, e.Info.IsGroup = group, true
			return e
		}},
		{"status broadcast", func() *events.Message {
			e := dm("s1", text)
			e.Info.Chat, e.Info.IsGroup = types.StatusBroadcastJID, true
			return e
		}},
		{"broadcast list", func() *events.Message {
			e := dm("b1", text)
			e.Info.Chat = types.NewJID("1700000000", types.BroadcastServer)
			return e
		}},
		{"newsletter", func() *events.Message {
			e := dm("n1", text)
			e.Info.Chat = types.NewJID("120363111111111111", types.NewsletterServer)
			e.Info.Sender = e.Info.Chat
			return e
		}},
		{"own message from the linked phone", func() *events.Message {
			e := dm("me1", text)
			e.Info.IsFromMe = true
			return e
		}},
		{"edit not naming the message it edits", func() *events.Message {
			e := dm("e1", text)
			e.IsEdit = true
			return e
		}},
		{"reaction", func() *events.Message {
			return dm("r1", &waE2E.Message{ReactionMessage: &waE2E.ReactionMessage{Text: proto.String("👍")}})
		}},
		{"protocol (revoke naming no message)", func() *events.Message {
			return dm("p1", &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_REVOKE.Enum()}})
		}},
		{"poll vote", func() *events.Message {
			return dm("v1", &waE2E.Message{PollUpdateMessage: &waE2E.PollUpdateMessage{}})
		}},
		{"no content", func() *events.Message { return dm("x1", nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _, ok := toMessage(context.Background(), tt.evt(), nil); ok {
				t.Errorf("not ignored: %+v", got)
			}
		})
	}
}

// A person is one contact whether WhatsApp addresses them by phone number
// or by LID: the LID whenever it is known, from the message or the store.
func TestToMessageLIDAndPNAreOneContact(t *testing.T) {
	text := &waE2E.Message{Conversation: proto.String("salve")}
	lids := fakeLIDs{"555000111": pnJID}
	device := pnJID
	device.Device = 12
	tests := []struct {
		name      string
		sender    types.JID
		senderAlt types.JID
		lids      lidMap
		wantID    string
		wantLang  string
	}{
		{"phone number nobody knows the LID of", pnJID, types.EmptyJID, fakeLIDs{}, pnID, "it"},
		{"phone number without a store", pnJID, types.EmptyJID, nil, pnID, "it"},
		{"phone number of a secondary device", device, types.EmptyJID, nil, pnID, "it"},
		{"phone number with the LID alongside", pnJID, lidJID, nil, lidID, "it"},
		{"phone number known to the store", pnJID, types.EmptyJID, lids, lidID, "it"},
		{"secondary device known to the store", device, types.EmptyJID, lids, lidID, "it"},
		{"LID with the number alongside", lidJID, pnJID, nil, lidID, "it"},
		{"LID known to the store", lidJID, types.EmptyJID, lids, lidID, "it"},
		{"LID nobody knows", lidJID, types.EmptyJID, fakeLIDs{}, lidID, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := dm("id1", text)
			e.Info.Chat, e.Info.Sender, e.Info.SenderAlt = tt.sender.ToNonAD(), tt.sender, tt.senderAlt
			got, why, ok := toMessage(context.Background(), e, tt.lids)
			if !ok {
				t.Fatalf("ignored: %s", why)
			}
			if got.Contact.ID != tt.wantID || got.LangHint != tt.wantLang {
				t.Errorf("contact %q lang %q, want %q %q", got.Contact.ID, got.LangHint, tt.wantID, tt.wantLang)
			}
		})
	}
}

func TestLangHint(t *testing.T) {
	tests := map[string]string{
		"8801712345678": "bn", "923001234567": "ur", "380501234567": "uk", "355691234567": "sq",
		"38344123456": "sq", "8613812345678": "zh", "393331234567": "it", "33612345678": "fr",
		"34612345678": "es", "201001234567": "ar", "212612345678": "ar", "963944123456": "ar",
		"447700900123": "en", "14155550123": "en", "18095550123": "es", "221771234567": "fr",
		"4915112345678": "", "9101234567": "",
	}
	for user, want := range tests {
		if got := langHint(types.NewJID(user, types.DefaultUserServer)); got != want {
			t.Errorf("langHint(+%s) = %q, want %q", user, got, want)
		}
	}
	if got := langHint(types.NewJID("393331234567", types.HiddenUserServer)); got != "" {
		t.Errorf("a LID gave language %q: LIDs are not phone numbers", got)
	}
}
