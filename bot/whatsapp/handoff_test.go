package whatsapp

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/handoff"
	"frontdoor/locales"
	"frontdoor/store/storetest"
)

// TestMediaReachHandoff runs WhatsApp media through the handoff service as
// serve wires it: the person's photo, during an open case, is downloaded
// through the (fake) client and stored for the operators.
func TestMediaReachHandoff(t *testing.T) {
	h := newHarness(t, Config{})
	jpeg := []byte("\xff\xd8\xff\xe0 a photo of a permit")
	h.cli.media = map[string][]byte{"/v/img": jpeg}
	// Asked to upload the expired one again, the phone no longer has it.
	h.cli.mediaRetry = func(info *types.MessageInfo, _ []byte) {
		h.c.handleEvent(&events.MediaRetry{MessageID: info.ID, ChatID: info.Chat, Error: &events.MediaRetryError{Code: 2}})
	}
	rdb, keys := storetest.Redis(t)
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4,
		Out:      discard{},
		Fetchers: map[string]handoff.MediaFetcher{"whatsapp": h.c}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := svc.HandleEvent(ctx, contact, bot.HandoffRequested{Lang: "it", Reason: "asked"}); err != nil {
		t.Fatal(err)
	}
	cs, err := svc.OpenCase(ctx, contact)
	if err != nil {
		t.Fatal(err)
	}
	silent := handlerFunc(func(context.Context, bot.Turn) (bot.Outcome, error) {
		t.Error("the bot handled a message during an open case")
		return bot.Outcome{}, nil
	})
	key := bytes.Repeat([]byte{7}, 32)
	image := func(path string) *waE2E.Message {
		return &waE2E.Message{ImageMessage: &waE2E.ImageMessage{DirectPath: proto.String(path), MediaKey: key,
			FileLength: proto.Uint64(uint64(len(jpeg))), Mimetype: proto.String("image/jpeg")}}
	}
	for i, m := range []*waE2E.Message{image("/v/img"), image("/v/expired")} {
		msg, why, ok := toMessage(ctx, dm("3A00"+string(rune('A'+i)), m), nil)
		if !ok {
			t.Fatal(why)
		}
		if _, err := svc.Wrap(silent).Handle(ctx, bot.Turn{Contact: contact, Message: msg, Now: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := svc.Transcript(ctx, cs.ID)
	// The case's opening line, then the two photos.
	if err != nil || len(tx) != 3 || tx[0].By != "system" {
		t.Fatalf("transcript = %+v, %v", tx, err)
	}
	tx = tx[1:]
	if tx[0].Media == "" || tx[0].Kind != "photo" {
		t.Fatalf("first photo = %+v", tx[0])
	}
	data, typ, _, err := svc.Media(ctx, handoff.Operator{Name: "admin", Admin: true}, cs.ID, tx[0].Media)
	if err != nil || !bytes.Equal(data, jpeg) || typ != "image/jpeg" {
		t.Fatalf("stored photo = %q %q %v", data, typ, err)
	}
	if tx[1].Media != "" || !strings.Contains(tx[1].MediaError, "could not fetch the photo") {
		t.Fatalf("photo gone from the server = %+v", tx[1])
	}
}

type handlerFunc func(context.Context, bot.Turn) (bot.Outcome, error)

func (f handlerFunc) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) { return f(ctx, t) }

// discard is a handoff.Sender that sends nothing: this test reads what is
// stored for the operators, not what the person is told.
type discard struct{}

func (discard) Send(context.Context, bot.Contact, dispatch.Outbound) error { return nil }
