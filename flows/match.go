package flows

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// matchChoice finds the id of the one choice the text names.
func matchChoice(s string, choices []Choice) (string, bool) {
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.Label
	}
	i, ok := MatchChoice(s, labels)
	if !ok {
		return "", false
	}
	return choices[i].ID, true
}

// MatchChoice finds the one of the offered labels that typed text names: by
// its number in the list (in any script's digits) or by the label, or the
// start of it ("yes" for "Yes, I agree"). Ambiguous text matches nothing.
// People answer menus like this on every channel, and on WhatsApp always.
func MatchChoice(s string, labels []string) (int, bool) {
	if n, ok := parseNumber(s); ok {
		return n - 1, n >= 1 && n <= len(labels)
	}
	w := Normalize(s)
	if w == "" {
		return 0, false
	}
	found := -1
	for i, label := range labels {
		l := Normalize(label)
		if l == w {
			return i, true
		}
		if utf8.RuneCountInString(w) >= 2 && strings.HasPrefix(l, w+" ") {
			if found >= 0 {
				return 0, false
			}
			found = i
		}
	}
	return found, found >= 0
}

// Keycap emoji: a digit followed by VARIATION SELECTOR-16 and COMBINING
// ENCLOSING KEYCAP ("2️⃣"), and a single character for ten. WhatsApp menus
// are numbered with them, so people answer by tapping the same emoji.
const (
	variationSelector16 = '\uFE0F'
	enclosingKeycap     = '\u20E3'
	keycapTen           = "\U0001F51F"
)

// parseNumber reads a small number written in Western, Arabic-Indic,
// Extended Arabic-Indic (Persian, Urdu), Bengali or full-width digits, or
// as keycap emoji.
func parseNumber(s string) (int, bool) {
	s = strings.Map(dropKeycapMarks, s)
	s = strings.TrimSpace(strings.TrimRight(s, ".)"))
	if s == keycapTen {
		return 10, true
	}
	if s == "" || utf8.RuneCountInString(s) > 3 {
		return 0, false
	}
	n := 0
	for _, r := range s {
		d := digitValue(r)
		if d < 0 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, true
}

// dropKeycapMarks removes the marks that turn a digit into a keycap, so
// "2️⃣" reads as "2".
func dropKeycapMarks(r rune) rune {
	if r == variationSelector16 || r == enclosingKeycap {
		return -1
	}
	return r
}

func digitValue(r rune) int {
	for _, zero := range []rune{'0', '\u0660', '\u06F0', '\u09E6', '\uFF10', '\u0966'} {
		if r >= zero && r <= zero+9 {
			return int(r - zero)
		}
	}
	return -1
}

// Normalize folds case, accents and punctuation so that "Menù!" matches
// "menu" and "sí" matches "si".
func Normalize(s string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		folded = s
	}
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(folded) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}
