package flows

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
//
// It runs several times on every message (commands, choices, stop words),
// so text in ASCII, most of what people type on the common path, takes a
// path of its own that allocates only the result.
func Normalize(s string) string {
	if ascii(s) {
		return normalizeASCII(s)
	}
	var b strings.Builder
	space := false
	for _, r := range stripMarks(s) {
		r = unicode.ToLower(r)
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

// stripMarks removes combining marks (accents) from s: NFD, without the
// marks, then NFC. The norm package's String functions check first and
// return s itself when it is already in the form.
func stripMarks(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	removed := false
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			removed = true
			continue
		}
		b.WriteRune(r)
	}
	if !removed {
		return norm.NFC.String(d)
	}
	return norm.NFC.String(b.String())
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// normalizeASCII is Normalize for ASCII text: nothing to decompose, and
// letters and digits are [a-zA-Z0-9].
func normalizeASCII(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, c)
	}
	return string(b)
}
