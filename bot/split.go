package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SplitText cuts text into parts of at most limit characters (runes), at
// sentence ends where possible, then at line breaks or spaces, and only as a
// last resort inside a word. Platforms reject longer messages outright.
func SplitText(text string, limit int) []string {
	if limit <= 0 || utf8.RuneCountInString(text) <= limit {
		return []string{text}
	}
	var parts []string
	rest := text
	for utf8.RuneCountInString(rest) > limit {
		cut := cutPoint(rest, limit)
		part := strings.TrimRightFunc(rest[:cut], unicode.IsSpace)
		if part != "" {
			parts = append(parts, part)
		}
		rest = strings.TrimLeftFunc(rest[cut:], unicode.IsSpace)
	}
	if rest != "" {
		parts = append(parts, rest)
	}
	return parts
}

// cutPoint returns the byte offset at which to end the next part of s, given
// that at most limit runes fit.
func cutPoint(s string, limit int) int {
	// max is the byte offset just after the limit-th rune.
	max, n := 0, 0
	for i := range s {
		if n == limit {
			max = i
			break
		}
		n++
	}
	window := s[:max]
	best := func(isBreak func(r rune, next rune) bool) int {
		last := -1
		prev := rune(-1)
		prevEnd := 0
		for i, r := range window {
			if prev >= 0 && isBreak(prev, r) {
				last = prevEnd
			}
			prev = r
			prevEnd = i + utf8.RuneLen(r)
		}
		// A break right at the window's end counts too.
		if prev >= 0 && max < len(s) {
			next, _ := utf8.DecodeRuneInString(s[max:])
			if isBreak(prev, next) {
				last = max
			}
		}
		return last
	}
	// Do not cut so early that parts become tiny: require at least a third.
	minCut := len(window) / 3
	for _, f := range []func(r, next rune) bool{
		func(r, next rune) bool { return isSentenceEnd(r) && unicode.IsSpace(next) },
		func(r, next rune) bool { return r == '\n' },
		func(r, next rune) bool { return unicode.IsSpace(next) },
	} {
		if c := best(f); c > minCut {
			return c
		}
	}
	return max
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '؟', '۔', '।':
		return true
	}
	return false
}
