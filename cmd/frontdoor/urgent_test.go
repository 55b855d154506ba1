package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/bot/webchat"
	"frontdoor/handoff"
)

// waitCase waits until the contact has an open case and its transcript
// holds want, and returns both.
func (r *running) waitCase(t *testing.T, c bot.Contact, want ...string) (handoff.Case, []handoff.Entry) {
	t.Helper()
	ctx := context.Background()
	var cs handoff.Case
	var tx []handoff.Entry
	err := r.tg.WaitUntil(waitCtx(t), func() bool {
		var err error
		if cs, err = r.app.handoff.OpenCase(ctx, c); err != nil {
			return false
		}
		if tx, err = r.app.handoff.Transcript(ctx, cs.ID); err != nil {
			return false
		}
		for _, w := range want {
			if !slices.ContainsFunc(tx, func(e handoff.Entry) bool { return e.By == "person" && e.Text == w }) {
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("no case for %s with %q in its transcript (case %+v, transcript %+v)", c, want, cs, tx)
	}
	return cs, tx
}

// The urgent route end to end on Telegram: a Ukrainian who writes, before
// anything else, that they do not want to live gets at once the suicide
// message with its lines, in Ukrainian; a priority case opens and its
// transcript holds what they wrote, before and at the opening.
func TestUrgentOnTelegramEndToEnd(t *testing.T) {
	r := startFrontdoor(t, nil)
	const chat = 9191
	r.tg.AddUpdates(
		telegramtest.Command(chat, 1, "/start lang_uk"),
		telegramtest.Text(chat, 2, "у мене проблеми вдома"),
		telegramtest.Text(chat, 3, "не хочу більше жити"),
	)
	first := r.cat.Text("uk", "urgent.suicide", nil)
	var urgent string
	if err := r.tg.WaitUntil(waitCtx(t), func() bool {
		for _, c := range r.said(chat) {
			if strings.HasPrefix(c.Text, first) {
				urgent = c.Text
				return true
			}
		}
		return false
	}); err != nil {
		t.Fatalf("no suicide message; said %v", r.said(chat))
	}
	for _, want := range []string{"112", "02 2327 2327", r.cat.Text("uk", "urgent.line.crisis", nil), r.cat.Text("uk", "urgent.kept", nil)} {
		if !strings.Contains(urgent, want) {
			t.Errorf("urgent message lacks %q:\n%s", want, urgent)
		}
	}
	cs, tx := r.waitCase(t, bot.Contact{Channel: "telegram", ID: "9191"}, "у мене проблеми вдома", "не хочу більше жити")
	if !cs.Urgent || cs.Reason != "urgent_suicide" || cs.Lang != "uk" {
		t.Errorf("case = %+v, want urgent, urgent_suicide, uk", cs)
	}
	// The operator reads what the person was told, lines included.
	if !slices.ContainsFunc(tx, func(e handoff.Entry) bool { return e.By == "bot" && e.Text == urgent }) {
		t.Errorf("the case lacks the bot's urgent answer: %+v", tx)
	}
}

// The urgent route end to end in the browser chat, in a language Frontdoor
// does not speak: Russian gets the emergency number in Russian and in the
// widely read languages, and a priority case with no language.
func TestUrgentUnknownLanguageInBrowserChat(t *testing.T) {
	r := startFrontdoor(t, nil)
	session := "fedcba9876543210fedcba9876543210"
	events := sse(t, r.base+"/chat/events?session="+session)
	postChat(t, r.base, session, "r1", "text", "Муж бьет меня", "")
	got := next(t, events)
	ru, _, ok := r.cat.SafetyText("ru", "urgent.short", map[string]any{"Emergency": "112"})
	if !ok {
		t.Fatal("no Russian safety net")
	}
	for _, want := range []string{ru, r.cat.Text("en", "urgent.short", map[string]any{"Emergency": "112"}), r.cat.Text("it", "urgent.short", map[string]any{"Emergency": "112"})} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("reply lacks %q:\n%s", want, got.Text)
		}
	}
	cs, _ := r.waitCase(t, webchat.ContactOf(session), "Муж бьет меня")
	if !cs.Urgent || cs.Lang != "" || !strings.HasPrefix(string(cs.Reason), "urgent_") {
		t.Errorf("case = %+v, want urgent with no language", cs)
	}
}

var updateGolden = flag.Bool("update", false, "rewrite the golden transcripts in testdata/")

// closedNow sets the desk's hours so that it is closed whenever the test
// runs: open one hour on a weekday other than today.
func closedNow(cfg *Config) {
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		loc = time.UTC
	}
	other := time.Now().In(loc).AddDate(0, 0, 3).Weekday()
	cfg.Handoff.Hours = handoff.Hours{Timezone: "Europe/Rome", Days: []string{strings.ToLower(other.String()[:3])}, Open: "09:00", Close: "10:00"}
}

// The urgent route out of the desk's hours, as the person sees it on
// Telegram (golden transcript): what to do now with the kind's numbers,
// that the message is kept for the first operator, and never "book an
// appointment instead".
func TestUrgentOutOfHoursOnTelegram(t *testing.T) {
	r := startFrontdoor(t, closedNow)
	const chat = 5151
	r.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_en"), telegramtest.Callback(chat, "q1", "consent.yes"))
	r.waitSaid(t, chat, 2)
	r.tg.AddUpdates(telegramtest.Text(chat, 2, "my husband hit me again and says he will kill me tonight"))
	closed := r.cat.Text("en", "handoff.urgent_closed", nil)
	said := r.waitText(t, chat, closed)
	var b strings.Builder
	for _, c := range said[2:] {
		fmt.Fprintf(&b, "< %s\n", strings.ReplaceAll(c.Text, "\n", "\n  "))
		for _, id := range buttons(c) {
			fmt.Fprintf(&b, "  [%s]\n", id)
		}
	}
	got := b.String()
	if strings.Contains(got, "book") || strings.Contains(got, r.cat.Text("en", "handoff.out_of_hours", nil)) {
		t.Errorf("an urgent person out of hours was offered the ordinary closed desk:\n%s", got)
	}
	golden := filepath.Join("testdata", "urgent_out_of_hours.golden")
	if *updateGolden {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/frontdoor -run OutOfHours -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("transcript changed (-update rewrites it after review):\n--- got\n%s--- want\n%s", got, want)
	}
	cs, _ := r.waitCase(t, bot.Contact{Channel: "telegram", ID: "5151"}, "my husband hit me again and says he will kill me tonight")
	if !cs.Urgent || cs.Kind != "violence" {
		t.Errorf("case = %+v, want urgent violence", cs)
	}
}

// A deployment's own emergency number, from config.yaml's urgent section,
// is the one the first screens end with on Telegram, and the one left to
// a person who declines consent, with a way to a person.
func TestDeploymentsEmergencyNumberOnTheFirstScreens(t *testing.T) {
	r := startFrontdoor(t, func(c *Config) {
		c.Urgent.Emergency = "999"
		c.Urgent.Lines["emergency"] = "999"
	})
	const chat = 5353
	line := "\n\n🆘 📞 \u2066999\u2069"
	r.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_en"))
	said := r.waitSaid(t, chat, 1)
	if want := r.cat.Text("en", "consent.text", map[string]any{"Days": 90}) + line; said[0].Text != want {
		t.Fatalf("consent question = %q, want %q", said[0].Text, want)
	}
	r.tg.AddUpdates(telegramtest.Callback(chat, "q1", "consent.no"))
	said = r.waitSaid(t, chat, 2)
	if want := r.cat.Text("en", "consent.declined", nil) + line; said[1].Text != want || strings.Join(buttons(said[1]), ",") != "g.person" {
		t.Fatalf("after no = %q %v, want %q and a person", said[1].Text, buttons(said[1]), want)
	}
	r.tg.AddUpdates(telegramtest.Text(chat, 2, "/start lang_en"), telegramtest.Callback(chat, "q2", "consent.yes"))
	r.waitText(t, chat, r.cat.Text("en", "menu.prompt", nil)+line)
}
