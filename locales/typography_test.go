package locales

import (
	"regexp"
	"strings"
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

// TestVictimTextsAreNotGendered: what a person in danger reads does not
// guess their gender ("non sei solo" to a woman beaten at home): the
// forms the review found, in every urgent text, stay out.
func TestVictimTextsAreNotGendered(t *testing.T) {
	c := mustLoad(t)
	gendered := map[string][]string{
		"it": {"sei solo", "sei sola", "ti senti sicur", "sei sicur"},
		"es": {"solo/a", "está solo", "está sola", "seguro/a"},
		"fr": {"seul(e)", "êtes seul", "soigné"},
		"ro": {"sunteți singur", "simțiți în siguranță", "sunteți sigur"},
		"ru": {"одинок", "уверен"},
		"uk": {"самотн", "впевнен"},
		"ur": {"اکیلے", "اکیلی"},
		"pa": {"ਇਕੱਲੇ", "ਇਕੱਲੀ"},
		"ar": {"اتصل:", "لست وحيد"},
	}
	for lang, forms := range gendered {
		for _, id := range c.IDs() {
			if !strings.HasPrefix(id, "urgent.") && id != "work.exploitation.info" && id != "health.mental_health.info" {
				continue
			}
			text := c.Text(lang, id, map[string]any{"Emergency": "112", "Count": 2, "Days": 2})
			for _, f := range forms {
				if strings.Contains(text, f) {
					t.Errorf("%s %s guesses the reader's gender (%q): %q", lang, id, f, text)
				}
			}
		}
	}
}

// TestRenewalFeesComplete: every language's checklist for renewing a
// permit names every payment the person must bring (the review found
// some incomplete): the 16 euro marca da bollo, the bollettino's three
// amounts and the post office's 30 euro.
func TestRenewalFeesComplete(t *testing.T) {
	c := mustLoad(t)
	isolate := strings.NewReplacer("\u2066", "", "\u2069", "")
	for _, l := range c.Languages() {
		text := isolate.Replace(c.Text(l.Tag, "legal.permit_renewal.docs", nil))
		for _, fee := range []*regexp.Regexp{
			regexp.MustCompile(`\b16\b`), regexp.MustCompile(`\b70[.,]46\b`), regexp.MustCompile(`\b80[.,]46\b`),
			regexp.MustCompile(`\b130[.,]46\b`), regexp.MustCompile(`\b30\b`),
		} {
			if !fee.MatchString(text) {
				t.Errorf("%s legal.permit_renewal.docs lacks the fee %s: %q", l.Tag, fee, text)
			}
		}
	}
}
