package consoletest

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Shown lists the words a person reads on a page (or in a text file):
// the text between tags, outside scripts, styles and drawings, and the
// attributes read aloud or shown (aria-label, title, alt, placeholder,
// value of buttons), each trimmed, in order.
func Shown(page string) []string {
	page = regexp.MustCompile(`(?is)<(script|style|svg)\b.*?</(script|style|svg)>`).ReplaceAllString(page, " ")
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(html.UnescapeString(s)); s != "" {
			out = append(out, s)
		}
	}
	for _, m := range regexp.MustCompile(`(?i)\s(?:aria-label|title|alt|placeholder)="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		add(m[1])
	}
	for _, part := range regexp.MustCompile(`<[^>]*>`).Split(page, -1) {
		add(part)
	}
	return out
}

// EnglishLeft lists what a page in another language still shows in
// English: the pieces of text it shows (Shown) that are also in the same
// page rendered in English, and have a word of two letters or more that
// is not one of data (names, ids, the channels' and the program's names,
// which are the same in every language). A page whose every string comes
// from the catalogue leaves nothing.
func EnglishLeft(english, page string, data ...string) []string {
	inEnglish := Shown(english)
	var left []string
	for _, s := range Shown(page) {
		if !slices.Contains(inEnglish, s) || slices.Contains(left, s) {
			continue
		}
		words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
		if slices.ContainsFunc(words, func(w string) bool {
			return len([]rune(w)) > 1 && !slices.Contains(data, w) && isLatin(w)
		}) {
			left = append(left, s)
		}
	}
	return left
}

func isLatin(w string) bool {
	for _, r := range w {
		if !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
