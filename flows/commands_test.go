package flows

import (
	"strings"
	"testing"
	"time"
)

// Every command of the channels' menus does something: the engine knows
// it (/appointments is the booking dialogue's, which answers before the
// engine), and each has its description in every language.
func TestMenuCommandsAreKnown(t *testing.T) {
	e := newEngine(t)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	unknown := e.cat.Text("en", "input.unknown_command", nil)
	for _, c := range Commands() {
		for _, l := range e.cat.Languages() {
			if d := e.cat.Text(l.Tag, c.Message, nil); d == c.Message || strings.TrimSpace(d) == "" {
				t.Errorf("/%s has no description in %s", c.Name, l.Tag)
			}
		}
		if c.Name == "appointments" {
			continue
		}
		_, actions := e.Step(State{Lang: "en", Consent: true, Node: "menu"}, Input{Text: "/" + c.Name}, now)
		for _, a := range actions {
			if s, ok := a.(Say); ok && strings.HasPrefix(s.Text, unknown) {
				t.Errorf("/%s is offered in the menu but the engine does not know it", c.Name)
			}
		}
	}
}
