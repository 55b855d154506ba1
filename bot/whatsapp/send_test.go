package whatsapp

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
	"frontdoor/internal/conf"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name string
		r    bot.Reply
		want []string
	}{
		{"text only", bot.Reply{Text: "Ciao! Come posso aiutarti?"}, []string{"Ciao! Come posso aiutarti?"}},
		{"italian choices", bot.Reply{Text: "Di cosa hai bisogno?", Choices: []bot.Choice{{ID: "work", Label: "Lavoro"}, {ID: "home", Label: "Casa"}}},
			[]string{"Di cosa hai bisogno?\n\n1️⃣ Lavoro\n2️⃣ Casa"}},
		{"ukrainian choices", bot.Reply{Text: "Чим можемо допомогти?", Choices: []bot.Choice{{ID: "a", Label: "Робота"}, {ID: "b", Label: "Житло"}, {ID: "c", Label: "Здоров'я"}}},
			[]string{"Чим можемо допомогти?\n\n1️⃣ Робота\n2️⃣ Житло\n3️⃣ Здоров'я"}},
		{"chinese choices", bot.Reply{Text: "您需要什么帮助？", Choices: []bot.Choice{{ID: "a", Label: "工作"}, {ID: "b", Label: "住房"}}},
			[]string{"您需要什么帮助？\n\n1️⃣ 工作\n2️⃣ 住房"}},
		{"arabic choices, right to left", bot.Reply{RTL: true, Text: "كيف يمكننا مساعدتك؟\nاختر رقمًا.", Choices: []bot.Choice{{ID: "a", Label: "العمل"}, {ID: "b", Label: "السكن"}}},
			[]string{"\u200fكيف يمكننا مساعدتك؟\n\u200fاختر رقمًا.\n\n\u200f1️⃣ العمل\n\u200f2️⃣ السكن"}},
		{"urdu choices, right to left", bot.Reply{RTL: true, Text: "ہم کیسے مدد کر سکتے ہیں؟", Choices: []bot.Choice{{ID: "a", Label: "کام"}}},
			[]string{"\u200fہم کیسے مدد کر سکتے ہیں؟\n\n\u200f1️⃣ کام"}},
		{"choices without text", bot.Reply{Choices: []bot.Choice{{ID: "y", Label: "Sì"}, {ID: "n", Label: "No"}}},
			[]string{"1️⃣ Sì\n2️⃣ No"}},
		{"eleven choices: plain numbers", bot.Reply{Text: "Lingua?", Choices: []bot.Choice{
			{ID: "1", Label: "a"}, {ID: "2", Label: "b"}, {ID: "3", Label: "c"}, {ID: "4", Label: "d"}, {ID: "5", Label: "e"}, {ID: "6", Label: "f"},
			{ID: "7", Label: "g"}, {ID: "8", Label: "h"}, {ID: "9", Label: "i"}, {ID: "10", Label: "j"}, {ID: "11", Label: "k"}}},
			[]string{"Lingua?\n\n1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n7. g\n8. h\n9. i\n10. j\n11. k"}},
		{"ten choices: keycaps up to 🔟", bot.Reply{Choices: []bot.Choice{
			{ID: "1", Label: "a"}, {ID: "2", Label: "b"}, {ID: "3", Label: "c"}, {ID: "4", Label: "d"}, {ID: "5", Label: "e"}, {ID: "6", Label: "f"},
			{ID: "7", Label: "g"}, {ID: "8", Label: "h"}, {ID: "9", Label: "i"}, {ID: "10", Label: "j"}}},
			[]string{"1️⃣ a\n2️⃣ b\n3️⃣ c\n4️⃣ d\n5️⃣ e\n6️⃣ f\n7️⃣ g\n8️⃣ h\n9️⃣ i\n🔟 j"}},
		{"empty", bot.Reply{Text: "  "}, nil},
		{"hint under the list", bot.Reply{Text: "Di cosa hai bisogno?", ChoiceHint: "Rispondi con il numero della tua scelta.",
			Choices: []bot.Choice{{ID: "work", Label: "Lavoro"}, {ID: "home", Label: "Casa"}}},
			[]string{"Di cosa hai bisogno?\n\n1️⃣ Lavoro\n2️⃣ Casa\n\nRispondi con il numero della tua scelta."}},
		{"arabic hint, right to left", bot.Reply{RTL: true, Text: "كيف يمكننا مساعدتك؟", ChoiceHint: "من فضلك، أرسل رقم اختيارك.",
			Choices: []bot.Choice{{ID: "a", Label: "العمل"}}},
			[]string{"\u200fكيف يمكننا مساعدتك؟\n\n\u200f1️⃣ العمل\n\n\u200fمن فضلك، أرسل رقم اختيارك."}},
		// The flows' first screens end with the emergency line: it stays
		// under the text, above the list, and a right-to-left line that
		// starts with its mark already gets no second one.
		{"emergency line under a menu", bot.Reply{Text: "Di cosa hai bisogno?\n\n🆘 📞 \u2066112\u2069", Choices: []bot.Choice{{ID: "work", Label: "Lavoro"}}},
			[]string{"Di cosa hai bisogno?\n\n🆘 📞 \u2066112\u2069\n\n1️⃣ Lavoro"}},
		{"arabic emergency line, right to left", bot.Reply{RTL: true, Text: "كيف يمكننا مساعدتك؟\n\n\u200f🆘 📞 \u2066112\u2069", Choices: []bot.Choice{{ID: "a", Label: "العمل"}}},
			[]string{"\u200fكيف يمكننا مساعدتك؟\n\n\u200f🆘 📞 \u2066112\u2069\n\n\u200f1️⃣ العمل"}},
		{"hint without choices is not shown", bot.Reply{Text: "Ciao!", ChoiceHint: "Rispondi con il numero della tua scelta."}, []string{"Ciao!"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(tt.r); !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRenderSplitsLongText(t *testing.T) {
	sentence := "Questa è una frase abbastanza lunga sui documenti necessari. "
	long := strings.Repeat(sentence, 200) // about 12,000 characters
	choices := []bot.Choice{{ID: "a", Label: "Indietro"}, {ID: "b", Label: "Menu"}}
	parts := render(bot.Reply{Text: long, Choices: choices})
	if len(parts) < 3 {
		t.Fatalf("%d parts, want at least 3", len(parts))
	}
	for i, p := range parts {
		if n := utf8.RuneCountInString(p); n > maxTextLen {
			t.Errorf("part %d has %d characters, limit %d", i, n, maxTextLen)
		}
		if i < len(parts)-1 && strings.Contains(p, "1️⃣") {
			t.Errorf("part %d carries the choices; they belong at the end", i)
		}
	}
	if !strings.HasSuffix(parts[len(parts)-1], "\n\n1️⃣ Indietro\n2️⃣ Menu") {
		t.Errorf("last part does not end with the choices: %q", parts[len(parts)-1][max(0, len(parts[len(parts)-1])-80):])
	}
	joined := strings.Join(parts, " ")
	if got := strings.Count(joined, "documenti necessari."); got != 200 {
		t.Errorf("%d sentences survived the split, want 200", got)
	}

	// A last part too full for the list gets the list on its own.
	full := strings.Repeat("x", maxTextLen-5)
	parts = render(bot.Reply{Text: full, Choices: choices})
	if len(parts) != 2 || parts[0] != full || parts[1] != "1️⃣ Indietro\n2️⃣ Menu" {
		t.Errorf("got %d parts, last %q", len(parts), parts[len(parts)-1])
	}
}

func TestSendPacesTypesAndSends(t *testing.T) {
	h := newHarness(t, Config{SendPerChat: conf.Duration(2 * time.Second), SendPerSecond: 1})
	other := bot.Contact{Channel: "whatsapp", ID: "8801712345678@s.whatsapp.net"}
	ctx := context.Background()
	h.who.Mark(ctx, contact.ID, h.clock.Now())
	h.who.Mark(ctx, other.ID, h.clock.Now())

	if err := h.c.Send(ctx, contact, bot.Reply{Text: "Ciao", Choices: []bot.Choice{{ID: "a", Label: "Lavoro"}}}); err != nil {
		t.Fatal(err)
	}
	if err := h.c.Send(ctx, contact, bot.Reply{Text: "Ancora"}); err != nil {
		t.Fatal(err)
	}
	if err := h.c.Send(ctx, other, bot.Reply{Text: "হ্যালো"}); err != nil {
		t.Fatal(err)
	}
	// First message at once; the second to the same person waits the
	// per-chat interval; the third, to someone else, only the global gap
	// (1/s) after the second.
	if got, want := h.clock.Waits(), []time.Duration{0, 2 * time.Second, time.Second}; !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	if got, want := h.cli.Sent(), []string{"Ciao\n\n1️⃣ Lavoro", "Ancora", "হ্যালো"}; !slices.Equal(got, want) {
		t.Errorf("sent %q, want %q", got, want)
	}
	// Online only while typing, offline after each reply.
	wantCalls := []string{
		"presence available", "presence composing " + pnID, "send " + pnID, "presence paused " + pnID, "presence unavailable",
		"presence available", "presence composing " + pnID, "send " + pnID, "presence paused " + pnID, "presence unavailable",
		"presence available", "presence composing " + other.ID, "send " + other.ID, "presence paused " + other.ID, "presence unavailable",
	}
	if got := h.cli.Calls(); !slices.Equal(got, wantCalls) {
		t.Errorf("calls\n%q\nwant\n%q", got, wantCalls)
	}
}

func TestPacerGlobalRate(t *testing.T) {
	p := newPacer(0, 2) // two per second, no per-chat interval
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var got []time.Duration
	for i := range 4 {
		got = append(got, p.reserve("chat"+string(rune('a'+i)), t0).Sub(t0))
	}
	if want := []time.Duration{0, 500 * time.Millisecond, time.Second, 1500 * time.Millisecond}; !slices.Equal(got, want) {
		t.Errorf("slots %v, want %v", got, want)
	}
	// Once time has passed, a new message goes at once.
	if at := p.reserve("x", t0.Add(time.Minute)); !at.Equal(t0.Add(time.Minute)) {
		t.Errorf("idle pacer delayed a message to %v", at.Sub(t0))
	}
}

func TestSendSplitsIntoPacedParts(t *testing.T) {
	h := newHarness(t, Config{SendPerChat: conf.Duration(3 * time.Second)})
	h.who.Mark(context.Background(), contact.ID, h.clock.Now())
	long := strings.Repeat("Frase di prova per il test. ", 400) // about 11,200 characters
	if err := h.c.Send(context.Background(), contact, bot.Reply{Text: long}); err != nil {
		t.Fatal(err)
	}
	sent := h.cli.Sent()
	if len(sent) != 3 {
		t.Fatalf("%d messages, want 3", len(sent))
	}
	if got, want := h.clock.Waits(), []time.Duration{0, 3 * time.Second, 3 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
}

func TestSendRefuses(t *testing.T) {
	tests := []struct {
		name  string
		to    bot.Contact
		setup func(h *harness)
		check func(t *testing.T, err error)
	}{
		{"never wrote first", contact, func(h *harness) {}, func(t *testing.T, err error) {
			if !errors.Is(err, bot.ErrUnreachable) {
				t.Errorf("err %v, want ErrUnreachable", err)
			}
		}},
		{"forgotten after erase", contact, func(h *harness) {
			h.who.Mark(context.Background(), contact.ID, h.clock.Now())
			if err := h.c.Erase(context.Background(), contact); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, err error) {
			if !errors.Is(err, bot.ErrUnreachable) {
				t.Errorf("err %v, want ErrUnreachable", err)
			}
		}},
		{"not connected", contact, func(h *harness) {
			h.who.Mark(context.Background(), contact.ID, h.clock.Now())
			h.cli.loggedIn = false
		}, func(t *testing.T, err error) {
			var ra *bot.RetryAfterError
			if !errors.As(err, &ra) || ra.After <= 0 {
				t.Errorf("err %v, want a RetryAfterError", err)
			}
		}},
		{"connection lost while sending", contact, func(h *harness) {
			h.who.Mark(context.Background(), contact.ID, h.clock.Now())
			h.cli.sendErr = whatsmeow.ErrNotConnected
		}, func(t *testing.T, err error) {
			var ra *bot.RetryAfterError
			if !errors.As(err, &ra) || !errors.Is(err, bot.ErrUnavailable) {
				t.Errorf("err %v, want a RetryAfterError, unavailable", err)
			}
		}},
		{"other channel", bot.Contact{Channel: "telegram", ID: "42"}, func(h *harness) {}, func(t *testing.T, err error) {
			if err == nil {
				t.Error("sent to a telegram contact")
			}
		}},
		{"group id", bot.Contact{Channel: "whatsapp", ID: "120363000000000000@g.us"}, func(h *harness) {
			h.who.Mark(context.Background(), "120363000000000000@g.us", h.clock.Now())
		}, func(t *testing.T, err error) {
			if err == nil {
				t.Error("sent to a group")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			tt.setup(h)
			err := h.c.Send(context.Background(), tt.to, bot.Reply{Text: "Ciao"})
			tt.check(t, err)
			if err != nil && strings.Contains(err.Error(), "393331234567") {
				t.Errorf("error shows the phone number: %v", err)
			}
			if tt.name != "connection lost while sending" && len(h.cli.Sent()) != 0 {
				t.Errorf("sent %q", h.cli.Sent())
			}
		})
	}
}

// Messages are marked read when handled: all those received since the last
// answer, once, with the next answer; not ones long left unanswered.
func TestReadReceiptsGoWithTheAnswer(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, Config{})
	stop, _ := startRun(t, h, &fakeInbox{})
	defer stop()
	eventually(t, "running", func() bool { return h.cli.Connects() == 1 })
	for _, id := range []string{"A1", "A2"} {
		if !h.c.handleEvent(dm(id, &waE2E.Message{Conversation: proto.String("aiuto")})) {
			t.Fatalf("%s not acknowledged", id)
		}
	}
	reads := func() []string {
		var r []string
		for _, c := range h.cli.Calls() {
			if strings.HasPrefix(c, "read ") {
				r = append(r, c)
			}
		}
		return r
	}
	if r := reads(); len(r) != 0 {
		t.Fatalf("marked read on arrival: %q", r)
	}
	for range 2 {
		if err := h.c.Send(ctx, person, bot.Reply{Text: "Un momento"}); err != nil {
			t.Fatal(err)
		}
	}
	if r, want := reads(), []string{"read " + pnID + " [A1 A2]"}; !slices.Equal(r, want) {
		t.Errorf("receipts %q, want %q", r, want)
	}

	// A message nobody answered for longer than unreadTTL is not marked
	// read by a much later message (a campaign, say).
	h.c.handleEvent(dm("B1", &waE2E.Message{Conversation: proto.String("grazie")}))
	h.clock.Advance(unreadTTL + time.Minute)
	if err := h.c.Send(ctx, person, bot.Reply{Text: "Novità"}); err != nil {
		t.Fatal(err)
	}
	if r := reads(); len(r) != 1 {
		t.Errorf("stale message marked read: %q", r)
	}
}
