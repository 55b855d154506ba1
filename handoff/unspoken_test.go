package handoff_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/handoff"
	"frontdoor/internal/testclock"
	"frontdoor/store/storetest"
)

// unspokenHandler opens a case for a person whose language Frontdoor does
// not speak: the case has no language.
type unspokenHandler struct{}

func (unspokenHandler) Handle(context.Context, bot.Turn) (bot.Outcome, error) {
	return bot.Outcome{Events: []bot.Event{bot.HandoffRequested{Reason: "language_unknown"}}}, nil
}

// A person whose language Frontdoor does not speak is told where they
// stand in each of the most read languages, one line each, not in English
// alone; a right-to-left line is isolated.
func TestCaseWithoutLanguageToldInManyLanguages(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	cat := shared.Catalog(t)
	clock := testclock.New(time.Date(2026, 12, 14, 19, 0, 0, 0, time.UTC)) // Monday, closed; Tuesday is no holiday
	unspoken := []string{"en", "fr", "ar", "it"}
	svc, err := handoff.New(rdb, keys, handoff.Config{Hours: handoff.Hours{Timezone: "UTC", Open: "09:00", Close: "17:00"}}, cat,
		handoff.Options{Clock: clock.Now, PasswordCost: 4, Unspoken: unspoken})
	if err != nil {
		t.Fatal(err)
	}
	c := bot.Contact{Channel: "telegram", ID: "77"}
	out, err := svc.Wrap(unspokenHandler{}).Handle(context.Background(), bot.Turn{Contact: c, Now: clock.Now(), Message: bot.Message{Contact: c, ID: "1", Text: "..."}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Replies) != 1 {
		t.Fatalf("replies %+v, want the one out-of-hours message", out.Replies)
	}
	r := out.Replies[0]
	lines := strings.Split(r.Text, "\n")
	if len(lines) != len(unspoken) || r.RTL {
		t.Fatalf("out of hours for a case with no language: %q (RTL %v), want one line in each of %v", r.Text, r.RTL, unspoken)
	}
	for i, l := range unspoken {
		want := opensTomorrow(cat, l, clock.Now())
		if l == "ar" {
			want = "\u2067" + want + "\u2069"
		}
		if lines[i] != want {
			t.Errorf("line %d: %q, want %q", i, lines[i], want)
		}
	}
	if len(r.Choices) != 1 || !strings.Contains(r.Choices[0].Label, cat.Text("fr", "choice.book", nil)) {
		t.Errorf("book-instead button %+v, want it in the first two languages", r.Choices)
	}
}
