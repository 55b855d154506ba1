// Package ngram is the triage's second net: a statistical classifier over
// the letters of a message, which tells how likely it is urgent without a
// list of phrases.
//
// Why: the phrase lists (flows/triage/data/safety) catch the phrasings
// their authors have read, so every blind set finds new wordings,
// spellings and transliterations they miss. A model over character
// n-grams generalises a little over spelling ("kil myslf", "uccidermi",
// "ucciderò") and wording, because a new phrasing shares pieces of words
// with the labelled ones.
//
// What: the text is normalised (lower case, Latin diacritics and
// combining marks dropped, digits made 0, everything else a word
// boundary), each word is framed by boundary marks (" kill me "), and its
// character 2- to 5-grams, across one space between words, are hashed
// into 2^Bits buckets (features). A logistic regression, trained by
// deterministic stochastic gradient descent (each epoch in the order of a
// seed-mixed hash of each line's text), weighs
// them; the weights are rounded to int8 with one scale, so the model a
// file holds and the one Train returns score alike. A second head, a
// softmax regression over the same n-grams (the low bits of their
// buckets), learns from the urgent messages which kind each is
// (Config.Kinds): it tells the kind of a message the first head finds
// urgent, not whether it is.
//
// What it cannot do: understand. It knows only the letters of the
// labelled messages; a danger told in words none of them share, in a
// language with few of them, or a decoy that shares a danger's words ("a
// course on suicide prevention") fools it. It is meant to be used only
// where the lists find no danger, with a threshold chosen by
// cross-validation for few false alarms; the lists' calm (past, about,
// how-to) still vetoes it.
package ngram

import (
	"unicode"
	"unicode/utf8"
)

// MinN and MaxN bound the lengths of the character n-grams, in runes.
const (
	MinN = 2
	MaxN = 6
)

// maxRunes bounds the work on one message, as the lists do.
const maxRunes = 2000

// grams walks the hashed n-grams of a text without allocating: Next
// returns them one by one.
type grams struct {
	text   string
	pos    int        // byte offset of the next rune of text
	win    [MaxN]rune // the last runes, win[(n-1)%MaxN] the newest
	n      int        // runes put in the window
	k      int        // next n-gram length to give for the newest rune
	space  bool       // the last rune put was a boundary
	ended  bool       // the final boundary was put
	runes  int
	bucket uint32 // mask of the buckets
	h      uint32 // the hash of the runes from the newest back to the last n-gram's first
}

func newGrams(text string, bits uint8) grams {
	g := grams{text: text, bucket: 1<<bits - 1, k: MaxN + 1}
	g.push(' ')
	g.space = true
	return g
}

func (g *grams) push(r rune) {
	g.win[g.n%MaxN] = r
	g.n++
	g.k = MinN
}

// Next returns the bucket of the next n-gram, false at the end.
func (g *grams) Next() (uint32, bool) {
	for {
		if g.k <= MaxN && g.k <= g.n {
			// The runes from the newest back, mixed one by one, then
			// the length: each n-gram costs one step over the last.
			if g.k == MinN {
				g.h = uint32(g.win[(g.n-1)%MaxN]) * 0x9e3779b1
			}
			g.h = (g.h ^ uint32(g.win[(g.n-g.k)%MaxN])) * 0x85ebca6b
			g.h ^= g.h >> 13
			h := (g.h ^ uint32(g.k)) * 0xc2b2ae35
			h ^= h >> 16
			g.k++
			return h & g.bucket, true
		}
		if !g.advance() {
			return 0, false
		}
	}
}

// advance puts the next normalised rune in the window; false at the end.
func (g *grams) advance() bool {
	for g.pos < len(g.text) && g.runes < maxRunes {
		r, size := utf8.DecodeRuneInString(g.text[g.pos:])
		g.pos += size
		g.runes++
		f := Fold(r)
		switch {
		case f == 0:
			continue // a combining mark
		case f == ' ':
			if g.space {
				continue
			}
			g.space = true
		default:
			g.space = false
		}
		g.push(f)
		return true
	}
	if g.ended || g.space {
		return false
	}
	g.ended = true
	g.space = true
	g.push(' ')
	return true
}

// Fold is the normalisation of one rune: lower case, Latin diacritics
// dropped, any digit 0, combining marks and Arabic tatweel 0 (dropped),
// anything but a letter or digit a space (a word boundary).
func Fold(r rune) rune {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z':
			return r
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		case '0' <= r && r <= '9':
			return '0'
		}
		return ' '
	}
	switch {
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 'ـ':
		return 0
	case unicode.IsDigit(r):
		return '0'
	case !unicode.IsLetter(r) && !unicode.Is(unicode.Mc, r):
		return ' '
	}
	if b, ok := nuktaBase(r); ok {
		// A letter with a nukta written as one code point: its base,
		// as when it is typed as the base and the mark, which is
		// dropped (the lists fold them alike, triage's foldBengali).
		return b
	}
	r = unicode.ToLower(r)
	if r >= 0xc0 && r < 0x180 {
		if b := latinBase[r-0xc0]; b != '.' {
			return rune(b)
		}
	}
	return r
}

// nuktaBase is the base letter of a letter that Unicode also spells as
// the base and a nukta (the canonical decompositions of Devanagari,
// Bengali, Gurmukhi and Oriya): ড় and ড + ় are one letter.
func nuktaBase(r rune) (rune, bool) {
	switch {
	case r >= 0x958 && r <= 0x95F: // क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़
		return []rune{0x915, 0x916, 0x917, 0x91C, 0x921, 0x922, 0x92B, 0x92F}[r-0x958], true
	case r == 0x929, r == 0x931, r == 0x934: // ऩ ऱ ऴ
		return r - 1, true
	case r == 0x9DC, r == 0x9DD: // ড় ঢ়
		return r - 0x9DC + 0x9A1, true
	case r == 0x9DF: // য়
		return 0x9AF, true
	case r == 0xA33: // ਲ਼
		return 0xA32, true
	case r == 0xA36: // ਸ਼
		return 0xA38, true
	case r >= 0xA59 && r <= 0xA5B: // ਖ਼ ਗ਼ ਜ਼
		return []rune{0xA16, 0xA17, 0xA1C}[r-0xA59], true
	case r == 0xA5E: // ਫ਼
		return 0xA2B, true
	case r == 0xB5C, r == 0xB5D: // ଡ଼ ଢ଼
		return r - 0xB5C + 0xB21, true
	}
	return 0, false
}

// latinBase is the base letter of U+00C0..U+017F, lower case ('.' keeps
// the letter as it is: ß, æ, ð, þ, ×, ÷ and the like).
const latinBase = "" +
	"aaaaaa.ceeeeiiii" + // C0-CF
	".nooooo.ouuuuy.." + // D0-DF
	"aaaaaa.ceeeeiiii" + // E0-EF
	".nooooo.ouuuuy.y" + // F0-FF
	"aaaaaaccccccccdd" + // 100-10F
	"ddeeeeeeeeeegggg" + // 110-11F
	"gggghhhhiiiiiiii" + // 120-12F
	"i.jjjjkkklllllll" + // 130-13F
	"lllnnnnnnn.nnooo" + // 140-14F
	"ooo.rrrrrrssssss" + // 150-15F
	"ssttttttuuuuuuuu" + // 160-16F
	"uuuuwwyyyzzzzzz." //   170-17F

// Features returns the buckets of the n-grams of text, in order, with
// repeats: what the model weighs.
func Features(text string, bits uint8) []uint32 {
	var out []uint32
	g := newGrams(text, bits)
	for {
		b, ok := g.Next()
		if !ok {
			return out
		}
		out = append(out, b)
	}
}
