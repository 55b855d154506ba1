package flows

import (
	"strings"
	"testing"
	"time"

	"frontdoor/flows/triage"
)

// wantSOS is the emergency line as a screen ends with it, written out
// here rather than built by the code under test.
func wantSOS(number string, rtl bool) string {
	mark := ""
	if rtl {
		mark = "\u200f"
	}
	return "\n\n" + mark + "🆘 📞 \u2066" + number + "\u2069"
}

// firstScreens are the screens every person sees first or comes back to,
// and the answers to declining consent, each as a state and a message.
func firstScreens(lang string, now time.Time) map[string]struct {
	st State
	in Input
} {
	type step = struct {
		st State
		in Input
	}
	return map[string]step{
		"language menu":          {State{Lang: lang, Consent: true, Node: "menu"}, Input{Choice: choiceLanguage}},
		"language menu, page 2":  {State{Lang: lang}, Input{Choice: choiceLangMore}},
		"consent question":       {State{}, Input{Text: "/start lang_" + lang}},
		"consent to a person":    {State{Lang: lang}, Input{Choice: choicePerson}},
		"main menu":              {State{Lang: lang, Consent: true}, Input{Choice: "consent.yes"}},
		"main menu from a topic": {State{Lang: lang, Consent: true, Node: "legal", Back: []string{"menu"}}, Input{Choice: choiceMenu}},
		"main menu, returning":   {State{Lang: lang, Consent: true, Node: "legal", Seen: now.Add(-48 * time.Hour).Unix()}, Input{Text: "/start"}},
		"consent declined":       {State{Lang: lang}, Input{Choice: "consent.no"}},
		"person declined":        {State{Lang: lang, Pending: pendingPerson}, Input{Choice: "consent.no"}},
	}
}

// The language menu, the consent question and the main menu end, in every
// language, with the emergency line, once, and so does the answer to
// declining consent: a danger the lists miss still finds the number.
func TestFirstScreensEndWithTheEmergencyLine(t *testing.T) {
	e := newEngine(t)
	now := time.Date(2026, 12, 6, 11, 0, 0, 0, time.UTC)
	langs := e.cat.Languages()
	if len(langs) < 21 {
		t.Fatalf("%d languages, want every catalogue", len(langs))
	}
	for _, l := range langs {
		for name, s := range firstScreens(l.Tag, now) {
			_, actions := e.Step(s.st, s.in, now)
			checkRendered(t, e, actions)
			says := saysOf(actions)
			if len(says) != 1 {
				t.Errorf("%s %s: %d messages, want one: %#v", l.Tag, name, len(says), actions)
				continue
			}
			say := says[0]
			if say.RTL != l.RTL {
				t.Errorf("%s %s: rtl %v", l.Tag, name, say.RTL)
			}
			if !strings.HasSuffix(say.Text, wantSOS("112", l.RTL)) || strings.Count(say.Text, "🆘") != 1 {
				t.Errorf("%s %s: does not end with the emergency line once: %q", l.Tag, name, say.Text)
			}
		}
	}
	// Before any language: the menu in the desk's language.
	_, actions := e.Step(State{}, Input{Text: "/start"}, now)
	if says := saysOf(actions); len(says) != 1 || !strings.HasSuffix(says[0].Text, wantSOS("112", false)) {
		t.Errorf("first /start: %#v, want the language menu ending with the emergency line", actions)
	}
}

// Declining the consent to the chat leaves a way to a person: the button
// asks the consent an operator needs, whose "no" ends the talk with the
// desk's address and the number, and no button that would ask again.
func TestDecliningConsentKeepsAWayToAPerson(t *testing.T) {
	e := newEngine(t)
	now := time.Date(2026, 12, 6, 11, 0, 0, 0, time.UTC)
	st, actions := e.Step(State{Lang: "en"}, Input{Choice: "consent.no"}, now)
	say := saysOf(actions)[0]
	if len(say.Choices) != 1 || say.Choices[0].ID != choicePerson {
		t.Fatalf("declined: choices %v, want a person", say.Choices)
	}
	st, actions = e.Step(st, Input{Choice: say.Choices[0].ID}, now)
	say = saysOf(actions)[0]
	if !strings.HasPrefix(say.Text, e.cat.Text("en", "consent.person", map[string]any{"Days": 90})) {
		t.Fatalf("person after declining: %q, want the consent an operator needs", say.Text)
	}
	_, actions = e.Step(st, Input{Choice: "consent.no"}, now)
	say = saysOf(actions)[0]
	if len(say.Choices) != 0 || !strings.Contains(say.Text, "+39 011 000 0000") || !strings.HasSuffix(say.Text, wantSOS("112", false)) {
		t.Fatalf("person declined: %q %v, want the desk's phone, the number and no button", say.Text, say.Choices)
	}
}

// concernClassifier reads every message as English half telling a danger
// of one kind.
type concernClassifier struct{ kind string }

func (c concernClassifier) Classify(string) triage.Result {
	return triage.Result{Lang: "en", LangConfidence: 1, Concern: c.kind}
}

// A deployment's own emergency number is the one the screens show, in
// place of Italy's; a danger half told under the consent question puts
// its numbers in place of the line when they name the emergency number,
// and under it when they do not.
func TestEmergencyLineIsTheDeployments(t *testing.T) {
	base := newEngine(t)
	help := UrgentHelp{Emergency: "999", Languages: []string{"en"}, Lines: map[string][]HelpLine{}}
	for _, kind := range triage.Kinds() {
		help.Lines[kind] = []HelpLine{{"emergency", "999"}}
	}
	help.Lines["suicide"] = []HelpLine{{"crisis", "116 123"}}
	if errs := help.Validate(func(string, string) bool { return true }, base.cat.Supported); len(errs) > 0 {
		t.Fatal(errs)
	}
	now := time.Date(2026, 12, 6, 11, 0, 0, 0, time.UTC)
	e := NewWithFlow(base.flow, base.cat, Options{Urgent: help})
	for _, lang := range []string{"en", "ar"} {
		for name, s := range firstScreens(lang, now) {
			_, actions := e.Step(s.st, s.in, now)
			say := saysOf(actions)[0]
			if !strings.HasSuffix(say.Text, wantSOS("999", say.RTL)) || strings.Contains(say.Text, "112") {
				t.Errorf("%s %s: %q, want the deployment's 999 and no 112", lang, name, say.Text)
			}
		}
	}

	for _, tc := range []struct {
		kind     string
		line     bool
		contains []string
	}{
		{"violence", false, []string{e.cat.Text("en", "urgent.line.emergency", nil)}},
		{"suicide", true, []string{"116 123", e.cat.Text("en", "urgent.line.crisis", nil)}},
	} {
		c := NewWithFlow(base.flow, base.cat, Options{Urgent: help, Classifier: concernClassifier{tc.kind}})
		_, actions := c.Step(State{Lang: "en"}, Input{Text: "i cannot go on"}, now)
		say := saysOf(actions)[0]
		if !strings.HasPrefix(say.Text, c.cat.Text("en", "consent.text", map[string]any{"Days": 90})) || say.Concern != tc.kind {
			t.Fatalf("%s: %q (concern %q), want the consent question with the numbers", tc.kind, say.Text, say.Concern)
		}
		if got := strings.Contains(say.Text, "🆘"); got != tc.line || strings.Count(say.Text, "999") != 1 {
			t.Errorf("%s: emergency line %v, want %v; 999 said %d times, want once: %q", tc.kind, got, tc.line, strings.Count(say.Text, "999"), say.Text)
		}
		for _, s := range tc.contains {
			if !strings.Contains(say.Text, s) {
				t.Errorf("%s: %q missing from %q", tc.kind, s, say.Text)
			}
		}
		if !strings.HasSuffix(say.Text, say.Numbers) {
			t.Errorf("%s: the numbers %q do not end the text %q", tc.kind, say.Numbers, say.Text)
		}
	}
}

func saysOf(actions []Action) []Say {
	var out []Say
	for _, a := range actions {
		if s, ok := a.(Say); ok {
			out = append(out, s)
		}
	}
	return out
}
