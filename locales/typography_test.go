package locales

import (
	"regexp"
	"testing"
)

// TestFrenchSpacing: French puts a no-break space before ? ! : ; and »
// and after «, so that a phone never breaks a line before the mark. A
// plain space or none fails; a time (14:30), a URL and what a template
// variable writes are not text.
func TestFrenchSpacing(t *testing.T) {
	c := mustLoad(t)
	vars := regexp.MustCompile(`\{\{[^}]*\}\}`)
	exempt := regexp.MustCompile(`\d:\d|https?://\S*`)
	before := regexp.MustCompile(`(^|[^\x{00A0}\x{202F}])[?!:;»]`)
	after := regexp.MustCompile(`«($|[^\x{00A0}\x{202F}])`)
	for _, id := range c.IDs() {
		m := c.messages["fr"][id]
		if m == nil {
			continue
		}
		for form, text := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
			s := exempt.ReplaceAllString(vars.ReplaceAllString(text, "0"), "0")
			if loc := before.FindStringIndex(s); loc != nil {
				t.Errorf("fr %s (%s): no no-break space before the mark in %q", id, form, s[max(0, loc[0]-20):loc[1]])
			}
			if loc := after.FindStringIndex(s); loc != nil {
				t.Errorf("fr %s (%s): no no-break space after « in %q", id, form, s[loc[0]:min(len(s), loc[1]+20)])
			}
		}
	}
}
