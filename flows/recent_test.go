package flows

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestRecentTurns: the state keeps the last turns, bounded in number and
// in runes, a menu by what it asked and a button by its label; a case
// takes them away, and the conversation timeout, /clear and /delete drop
// them.
func TestRecentTurns(t *testing.T) {
	e := newEngine(t)
	en := func(id string) string { return e.cat.Text("en", id, nil) }
	start := []Input{{Text: "/start lang_en"}, {Choice: choiceConsentYes}}
	tests := []struct {
		name  string
		steps []Input
		// wait is the silence before the last step.
		wait  time.Duration
		check func(t *testing.T, st State, last []Action)
	}{
		{"at most six turns, the latest", append(start, texts(8)...), 0, func(t *testing.T, st State, _ []Action) {
			if len(st.Recent) != maxRecent {
				t.Fatalf("%d turns kept, want %d: %+v", len(st.Recent), maxRecent, st.Recent)
			}
			for i, x := range st.Recent {
				if want := fmt.Sprintf("qwzx %d", i+3); x.Person != want || x.Bot == "" {
					t.Errorf("turn %d: %+v, want the person's %q and the bot's answer", i, x, want)
				}
			}
		}},
		{"a long text and a long answer are cut", append(start, Input{Text: strings.Repeat("a", 3000)}, Input{Text: "/privacy"}), 0,
			func(t *testing.T, st State, _ []Action) {
				long, privacy := st.Recent[len(st.Recent)-2], st.Recent[len(st.Recent)-1]
				if n := utf8.RuneCountInString(long.Person); n != maxSaidRunes+1 {
					t.Errorf("a text of 3000 runes kept as %d", n)
				}
				if n := utf8.RuneCountInString(privacy.Bot); n > maxBotRunes+1 {
					t.Errorf("the privacy notice kept as %d runes", n)
				}
			}},
		{"a menu by what it asked, a button and a typed number by their labels", append(start, Input{Text: "1"}), 0,
			func(t *testing.T, st State, _ []Action) {
				consent, legal := st.Recent[len(st.Recent)-2], st.Recent[len(st.Recent)-1]
				if consent.Person != en("consent.yes") || consent.Bot != en("menu.prompt") {
					t.Errorf("the consent turn: %+v, want %q and only the menu's question %q", consent, en("consent.yes"), en("menu.prompt"))
				}
				if legal.Person != en("area.legal") || strings.Contains(legal.Bot, en("legal.permit_renewal.title")) || strings.Contains(legal.Bot, "legal.") {
					t.Errorf("the typed number: %+v, want the label %q and no choices", legal, en("area.legal"))
				}
			}},
		{"a photo by its kind only", append(start, Input{Attachment: "photo"}), 0, func(t *testing.T, st State, _ []Action) {
			if x := st.Recent[len(st.Recent)-1]; x.Kind != "photo" || x.Person != "" || x.Bot == "" {
				t.Errorf("the photo's turn: %+v", x)
			}
		}},
		{"a case takes them", append(append(start, texts(2)...), Input{Text: "/person"}), 0, func(t *testing.T, st State, last []Action) {
			var h Handoff
			for _, a := range last {
				if a, ok := a.(Handoff); ok {
					h = a
				}
			}
			if len(h.Recent) != 4 || h.Recent[3].Person != "qwzx 2" || st.Recent != nil {
				t.Errorf("handoff took %+v, the state kept %+v", h.Recent, st.Recent)
			}
		}},
		{"the conversation timeout drops them", append(start, Input{Text: "hello"}), 25 * time.Hour, func(t *testing.T, st State, _ []Action) {
			if len(st.Recent) != 1 || st.Recent[0].Person != "hello" {
				t.Errorf("after the timeout: %+v, want the new turn alone", st.Recent)
			}
		}},
		{"/clear drops them", append(start, Input{Text: "/clear"}, Input{Choice: choiceClearYes}), 0, func(t *testing.T, st State, _ []Action) {
			if st.Recent != nil {
				t.Errorf("after /clear: %+v", st.Recent)
			}
		}},
		{"/delete drops them", append(start, Input{Text: "/delete"}, Input{Choice: choiceDeleteYes}), 0, func(t *testing.T, st State, _ []Action) {
			if st.Recent != nil {
				t.Errorf("after /delete: %+v", st.Recent)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var st State
			var out []Action
			now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
			for i, in := range tt.steps {
				now = now.Add(time.Minute)
				if i == len(tt.steps)-1 {
					now = now.Add(tt.wait)
				}
				st, out = e.Step(st, in, now)
			}
			tt.check(t, st, out)
		})
	}
}

// texts are n messages no list understands.
func texts(n int) []Input {
	var out []Input
	for i := range n {
		out = append(out, Input{Text: fmt.Sprintf("qwzx %d", i+1)})
	}
	return out
}
