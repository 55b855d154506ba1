package flows

import (
	"strings"
	"testing"
	"time"
)

// Shan, Karen and Mon writers, whom the script alone made Burmese, are
// told apart (triage), and get what anyone whose language Frontdoor does
// not speak gets: a first message, whatever it says, the notice with the
// emergency number and "talk to a person", whose case names their
// language; a sentence in it after choosing a language, the emergency
// number under the answer (a sentence: 12 letters or 3 words, as for any
// language Frontdoor cannot read). The sentences are composed for the
// letters each language alone uses ("help me", "I am afraid"), not checked
// by a speaker.
func TestMyanmarScriptLanguagesGetTheSafetyNet(t *testing.T) {
	e := newEngine(t)
	now := time.Now()
	for _, tt := range []struct{ lang, text string }{
		{"shn", "ၸွႆႈၵဝ်ႇ ၽူဝ်ၼမ်ႉ ၶႃႈ ၵဝ်ႇ ယူႇ"},
		{"ksw", "မၤစၢၤယၤ ပှၤဒိၣ်ဖှိၣ်ယၤလီၤ ယဘၣ်တၢ်ကိၢ်ဒိၣ်မႈ"},
		{"mnw", "ဗၚ်အဲ ညးဂှ်ဒ္ဂေတ်အဲ အဲဂွံဗၚ်ဂကောံ ပ္ဍဲဍုၚ်"},
	} {
		st, actions := e.Step(State{}, Input{Text: tt.text}, now)
		if st.Detected != tt.lang || st.Lang != "" {
			t.Errorf("%s: detected %q lang %q", tt.lang, st.Detected, st.Lang)
		}
		say := lastSay(actions)
		if !strings.Contains(say.Text, "112") {
			t.Errorf("%s: first message: no emergency number in %q", tt.lang, say.Text)
		}
		person := ""
		for _, c := range say.Choices {
			if c.ID == choicePersonNow {
				person = c.ID
			}
		}
		if person == "" {
			t.Fatalf("%s: no person offered: %+v", tt.lang, say.Choices)
		}
		_, actions = e.Step(st, Input{Choice: person}, now)
		opened := false
		for _, a := range actions {
			if h, ok := a.(Handoff); ok {
				opened = h.Detected == tt.lang
			}
		}
		if !opened {
			t.Errorf("%s: the case does not name the language: %+v", tt.lang, actions)
		}
		// Someone who chose English, then writes in their own language.
		_, actions = e.Step(State{Lang: "en", Consent: true}, Input{Text: tt.text}, now)
		if say := lastSay(actions); !strings.Contains(say.Text, "112") {
			t.Errorf("%s: after choosing English: no emergency number in %q", tt.lang, say.Text)
		}
	}
}

func lastSay(actions []Action) Say {
	for i := len(actions) - 1; i >= 0; i-- {
		if s, ok := actions[i].(Say); ok {
			return s
		}
	}
	return Say{}
}
