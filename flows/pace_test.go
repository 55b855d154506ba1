package flows

import (
	"strings"
	"testing"
	"time"
)

// A conversation answers at most paceLimit messages a minute: the first
// beyond gets one short line in the person's language with the emergency
// number, the next ones nothing, and a message that reads as urgent is
// answered whatever the pace. After the minute, answers come back.
func TestPaceLimitsAFlood(t *testing.T) {
	e := newEngine(t)
	start := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	for _, lang := range []string{"it", "ar"} {
		st := State{Lang: lang, Consent: true}
		var actions []Action
		step := func(text string, at time.Duration) []Action {
			st, actions = e.Step(st, Input{Text: text}, start.Add(at))
			return actions
		}
		for i := range paceLimit {
			if got := step("menu", time.Duration(i)*time.Second/2); len(saids(got)) == 0 {
				t.Fatalf("%s: message %d within the limit not answered", lang, i+1)
			}
		}
		got := saids(step("menu", 21*time.Second))
		want := e.cat.Text(lang, "input.slow_down", map[string]any{"Emergency": "112"})
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: first message beyond the limit: %q, want only %q", lang, got, want)
		}
		if got := step("menu", 22*time.Second); len(got) != 0 {
			t.Errorf("%s: second message beyond the limit answered: %#v", lang, got)
		}
		urgent := map[string]string{"it": "aiuto mio marito mi picchia", "ar": "زوجي يضربني ساعدوني"}[lang]
		got = saids(step(urgent, 23*time.Second))
		if len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), "112") {
			t.Errorf("%s: an urgent message beyond the limit: %q, want the emergency numbers", lang, got)
		}
		// Half told ("I can't go on"): the crisis line, whatever the pace.
		half := map[string]string{"it": "non ce la faccio più", "ar": "لم أعد أحتمل"}[lang]
		if r := e.opts.Classifier.Classify(half); r.Concern != "suicide" {
			t.Fatalf("%s: %q is not half told: %+v", lang, half, r)
		}
		got = saids(step(half, 24*time.Second))
		if !strings.Contains(strings.Join(got, "\n"), "2327") {
			t.Errorf("%s: a danger half told beyond the limit: %q, want the crisis line", lang, got)
		}
		if got := step("menu", 61*time.Second); len(saids(got)) == 0 {
			t.Errorf("%s: after the minute, still not answered", lang)
		}
	}
}

// saids are the texts of the Say actions.
func saids(actions []Action) []string {
	var out []string
	for _, a := range actions {
		if s, ok := a.(Say); ok {
			out = append(out, s.Text)
		}
	}
	return out
}
