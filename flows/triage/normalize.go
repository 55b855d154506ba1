package triage

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

type script uint8

const (
	scNone script = iota
	scLatin
	scCyrillic
	scArabic
	scBengali
	scHan
	scEthiopic   // Tigrinya, Amharic
	scGurmukhi   // Punjabi
	scDevanagari // Hindi, Nepali, Marathi
	// Scripts written without spaces between words (as Han is), each
	// character a token; their languages are the only ones of their
	// script here, so the script alone tells the language.
	scThai
	scLao
	scKhmer
	scMyanmar
	scKana // Japanese hiragana and katakana
	// Scripts of one language each here, written with spaces.
	scHangul
	scGeorgian
	scArmenian
	scTamil
	scTelugu
	scMalayalam
	scGujarati
	scSinhala
	scGreek
	scOther
	// scSymbol is a pictograph a list names (🆘, 💊): a word of its own,
	// of no language. Other emoji separate words.
	scSymbol
	numScripts
)

// unspaced tells whether a script is written without spaces between
// words: each character is a token, and a lexicon entry is a sequence of
// characters matched like a phrase of words.
func (s script) unspaced() bool {
	return s == scHan || s >= scThai && s <= scKana || s == scSymbol
}

// spelled tells whether a script is unspaced and an alphabet: its
// characters are letters, not words, so a phrase is found only whole,
// never with other characters in between (a few dozen letters in order
// are in any long message), as a Han phrase can be. Kana are syllables
// written among Han characters: "薬はもう集めて" (the pills, I have
// already gathered them) holds "薬 集めて" as Chinese would.
func (s script) spelled() bool { return s >= scThai && s <= scMyanmar }

// scriptRanges are the blocks of the scripts fold gives their own
// constant, with the code point of their digit zero (0: no digits).
var scriptRanges = [...]struct {
	lo, hi, zero rune
	s            script
}{
	{0x0530, 0x058F, 0, scArmenian},
	{0x0A80, 0x0AFF, 0x0AE6, scGujarati},
	{0x0B80, 0x0BFF, 0x0BE6, scTamil},
	{0x0C00, 0x0C7F, 0x0C66, scTelugu},
	{0x0D00, 0x0D7F, 0x0D66, scMalayalam},
	{0x0D80, 0x0DFF, 0x0DE6, scSinhala},
	{0x0E00, 0x0E7F, 0x0E50, scThai},
	{0x0E80, 0x0EFF, 0x0ED0, scLao},
	{0x1000, 0x109F, 0x1040, scMyanmar},
	{0x10A0, 0x10FF, 0, scGeorgian},
	{0x1100, 0x11FF, 0, scHangul},
	{0x1780, 0x17FF, 0x17E0, scKhmer},
	{0x1C90, 0x1CBF, 0, scGeorgian},
	{0x3040, 0x30FF, 0, scKana},
	{0x3130, 0x318F, 0, scHangul},
	{0xAC00, 0xD7AF, 0, scHangul},
}

// foldScript folds a letter of one of scriptRanges; ok is false for a
// rune of none.
func foldScript(r rune) (rune, script, bool) {
	for _, b := range scriptRanges {
		if r < b.lo || r > b.hi {
			continue
		}
		switch {
		case b.zero != 0 && r >= b.zero && r <= b.zero+9:
			return r - b.zero + '0', scNone, true
		case r == 0x30FC || unicode.IsLetter(r) || unicode.IsMark(r):
			// ー, the katakana long vowel, is a letter of its word.
			return unicode.ToLower(r), b.s, true
		}
		return sep, scNone, true
	}
	return 0, scNone, false
}

// token is one normalised word of a message, a slice of scratch.buf. The
// characters of scripts written without spaces (Han, Thai, Lao, Khmer,
// Burmese, kana) are one token each, and lexicon entries are sequences of
// characters matched like phrases of words.
type token struct {
	start, end int32
	runes      int32
	script     script
	// exact is the lexicon word this token is (or is one typo away from);
	// stems are the lexicon stems ("rinnov*") it starts with, longest
	// first: a word matches every listed stem it starts with, so a longer
	// stem in one list ("maltrattat*") does not hide a shorter one in
	// another ("maltratt*"); -1 for none.
	exact int32
	stems [maxStems]int32
	// acro is the lexicon acronym ("DID", "CAS") this token is, when it
	// is written in capitals; -1 for none.
	acro int32
	// bare is the lexicon word the token is without its Arabic clitic,
	// when the token is also a word of its own: "ولا" is
	// listed ("nor"), and "ولا تتكلم" must still hold "لا تتكلم"; -1 for
	// none.
	bare   int32
	upper  bool // every letter a capital
	masked bool // part of an Italian administrative term: no weight for language
	// held are the offsets in the token of the second letter of runs
	// held down ("aiutoooo", "helppp"; 0 for none): tokenize keeps two
	// of a run, and lookup tries the word with one (held runs only:
	// "ammazzarmiii" is "ammazzarmi", not "amazarmi").
	held [2]int32
	// hit is the phrase found side by side that covers the token (an
	// index in scratch.hits), -1 for none; hidden is what that phrase
	// hides when it is an "ignore" one (hideDanger, hideNeed).
	hit    int16
	hidden uint8
	// gap is set when a space or a sign came before the token: a run of
	// letters of a script without spaces ends there.
	gap bool
	// wbeg and wend tell that a word starts at the token, and ends
	// after it (segment): a phrase of a script without spaces is found
	// only from a word's start to a word's end.
	wbeg, wend bool
	// cut is the punctuation between the token and the one before
	// (cutComma, cutStop), and clause the index of its clause, the
	// message cut there and at words that join clauses (calm.go).
	cut    uint8
	clause int16
	joiner bool // a word that joins clauses in the language told
	// emoji is set when an emoji other than a listed symbol came before
	// the token ("🙏", "😭"): in a chat it closes a sentence, and it ends
	// the case a how-to frame asks about (calm.go, howtoCase).
	emoji bool
	// colon is set when the punctuation before the token holds a colon:
	// what follows a how-to frame's colon is the case it asks about
	// ("first aid course: cardiac arrest, seizures, bleeding"; calm.go,
	// howtoCase).
	colon bool
	// said is set on the first token of a now word of data/calm ("now",
	// "tonight"), now when it is no part of a calm phrase: the danger of
	// its clause happens now (calm.go).
	said, now bool
}

// hints are letters that tell languages of one script apart (@letters of
// data/lang), counted on the raw text before normalisation folds them
// away.
type hints struct {
	letters [numScripts]int
	kana    int // Japanese: Han text with kana is not Chinese
	laugh   int // laughing or eye-rolling emoji: what comes with them is a joke
	lower   int // letters that are not capitals: a message all in capitals says nothing of acronyms
	// lang is the weight of the telling letters of each language, by the
	// script of the letters.
	lang [numScripts][maxLangs]float32
}

// scratch is the per-call working memory, pooled so Classify does not
// allocate per message.
type scratch struct {
	buf   []byte
	toks  []token
	h     hints
	tri   []byte
	area  [numAreas]float32
	topic [numTopics]float32
	urg   [numUrgent]float32
	// person sums the phrases asking for a person, calm those saying the
	// danger is past or a joke.
	person, calm float32
	// kinds are the weights of urgent kinds found (phrases, then rules),
	// signs those of signs, calms those of calm phrases, each with where
	// it was found (calm.go); urg and sign sum them as found.
	kinds, signs, calms []part
	sign                [maxSigns]float32  // the signs' weights in the message's language (applyRules)
	before              [numUrgent]float32 // urg before the rules (applyRules)
	// eff is what each kind weighs once the calm of each part's clause is
	// counted, free what the parts no calm is over weigh (weighKinds).
	eff  [numUrgent]float64
	free [numUrgent]float32
	// selfSigns are Classifier.selfSigns, for covers.
	selfSigns uint64
	// marks are the phrases of data/calm found (findMarks); need sums
	// the everyday needs named, by area, without the area a danger
	// phrase also tells, and needAt are the first words of the phrases
	// that name them (calm.go: a past told as over).
	marks  []markAt
	need   [numAreas]float32
	needAt []int32
	lang   [maxLangs]float32
	// hits are the phrases matched, for matchNear (not twice) and Explain.
	hits []hit
	// present holds the lexicon ids of the message's words, and nearDead
	// (bit i: phrase i) the phrases of several words some of which are
	// not in it: matchNear tries each such phrase once, not at every
	// word it holds ("ne ne ne ..." would try 428 phrases 1,300 times).
	present  map[int32]struct{}
	nearDead []uint64
	// work and steps are the segmenter's (segment.go).
	work  []seg
	steps []step
}

// foldTable maps Latin letters with diacritics (U+00C0–U+024F) to their
// lower-case base letter, so "Identità", "IDENTITA" and "identita" match.
type foldTable [0x250]rune

func newFoldTable() *foldTable {
	var t foldTable
	for r := rune(0); r < 0x250; r++ {
		t[r] = r
		if r < 0xC0 {
			continue
		}
		d := norm.NFD.String(string(r))
		base, _ := utf8.DecodeRuneInString(d)
		t[r] = unicode.ToLower(base)
	}
	for r, v := range map[rune]rune{'ß': 's', 'æ': 'a', 'Æ': 'a', 'œ': 'o', 'Œ': 'o', 'ø': 'o', 'Ø': 'o', 'ł': 'l', 'Ł': 'l', 'đ': 'd', 'Đ': 'd', 'ı': 'i', '×': ' ', '÷': ' '} {
		t[r] = v
	}
	return &t
}

const sep rune = ' '

// fold normalises one rune: 0 drops it, sep ends the current word.
func (c *Classifier) fold(r rune) (rune, script) {
	switch {
	case r < 0x80:
		switch {
		case r >= 'a' && r <= 'z':
			return r, scLatin
		case r >= 'A' && r <= 'Z':
			return r + 32, scLatin
		case r >= '0' && r <= '9':
			return r, scNone
		}
		return sep, scNone
	case r < 0x250:
		if r < 0xC0 || r == 0xD7 || r == 0xF7 {
			return sep, scNone
		}
		return c.latin[r], scLatin
	case r >= 0x300 && r <= 0x36F: // combining accents of decomposed Latin text
		return 0, scNone
	case r >= 0x370 && r <= 0x3FF, r >= 0x1F00 && r <= 0x1FFF:
		return foldGreek(r)
	case r >= 0x400 && r <= 0x4FF:
		r = unicode.ToLower(r)
		switch r {
		case 'ё':
			r = 'е'
		case 'ґ':
			r = 'г'
		}
		return r, scCyrillic
	case r >= 0x600 && r <= 0x6FF:
		return foldArabic(r)
	case r >= 0x980 && r <= 0x9FF:
		return foldBengali(r)
	case r == 0x200C || r == 0x200D || (r >= 0x200E && r <= 0x200F) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0xFEFF:
		return 0, scNone // joiners and direction marks
	case r >= 0xFF10 && r <= 0xFF19:
		return r - 0xFF10 + '0', scNone
	case r >= 0xFF21 && r <= 0xFF3A:
		return r - 0xFF21 + 'a', scLatin
	case r >= 0xFF41 && r <= 0xFF5A:
		return r - 0xFF41 + 'a', scLatin
	case r >= 0x966 && r <= 0x96F: // Devanagari digits
		return r - 0x966 + '0', scNone
	case r == 0x964 || r == 0x965: // danda: a full stop
		return sep, scNone
	case r >= 0x900 && r <= 0x97F:
		return r, scDevanagari
	case r >= 0xA66 && r <= 0xA6F: // Gurmukhi digits
		return r - 0xA66 + '0', scNone
	case r >= 0xA00 && r <= 0xA7F:
		return r, scGurmukhi
	case r >= 0x1361 && r <= 0x1368: // Ethiopic word space and punctuation
		return sep, scNone
	case r >= 0x1369 && r <= 0x137C: // Ethiopic numerals: not decimal
		return sep, scNone
	case r >= 0x1200 && r <= 0x139F, r >= 0x2D80 && r <= 0x2DDF, r >= 0xAB00 && r <= 0xAB2F:
		return r, scEthiopic
	case unicode.Is(unicode.Han, r):
		return r, scHan
	case r == 0x20E3 || r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0020 && r <= 0xE007F:
		// Emoji variation selectors, the keycap and tags: part of the
		// pictograph before them ("🆘️" is "🆘").
		return 0, scNone
	case r >= 0x2600 && r <= 0x27BF && c.symbols[r]:
		return r, scSymbol
	case r >= 0x530 && r <= 0xD7AF:
		if f, s, ok := foldScript(r); ok {
			return f, s
		}
		if unicode.IsLetter(r) || unicode.IsMark(r) {
			return unicode.ToLower(r), scOther
		}
		return sep, scNone
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return unicode.ToLower(r), scOther
	case c.symbols[r]:
		return r, scSymbol
	}
	return sep, scNone
}

// isPictograph tells a symbol a list may name as a word (🆘, 💊), and an
// emoji of a chat (tokenize: token.emoji). Besides the pictograph planes
// (U+1F000-1FAFF) and the dingbats (U+2600-27BF), the emoji of the older
// blocks: ‼️ ⁉️, ™ ℹ️, arrows (↔️ ↩️ ⤴️), ⌚ ⌛ ⏩ ⏰ ⏳, Ⓜ️, ▪️ ▶️ ◀️ ◻️, ⬅️
// ⬆️ ⬛ ⭐ ⭕, 〰️ 〽️, ㊗️ ㊙️.
func isPictograph(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF:
		return true
	case r == 0x203C, r == 0x2049, r == 0x2122, r == 0x2139, r == 0x24C2:
		return true
	case r >= 0x2194 && r <= 0x21AA, r >= 0x2934 && r <= 0x2935:
		return true
	case r >= 0x231A && r <= 0x23FF, r >= 0x25AA && r <= 0x25FE:
		return true
	case r >= 0x2B05 && r <= 0x2B55:
		return true
	case r == 0x3030, r == 0x303D, r == 0x3297, r == 0x3299:
		return true
	}
	return false
}

// foldGreek lower-cases a Greek letter, drops its accent (tonos,
// dialytika) and writes the final sigma ς as σ, which people type or leave out as they do Latin accents
// ("φοβάμαι", "φοβαμαι"). Greek has its own script, not the "other" one,
// so that a language named for Greek letters is not told by letters
// that only fold keeps (ə, ọ, ɛ) at the start of Latin-script words.
func foldGreek(r rune) (rune, script) {
	if r >= 0x1F00 || !unicode.IsLetter(r) {
		if unicode.IsLetter(r) {
			return unicode.ToLower(r), scGreek // polytonic: kept as written
		}
		return sep, scNone
	}
	switch r = unicode.ToLower(r); r {
	case 'ά':
		r = 'α'
	case 'έ':
		r = 'ε'
	case 'ή':
		r = 'η'
	case 'ί', 'ϊ', 'ΐ':
		r = 'ι'
	case 'ό':
		r = 'ο'
	case 'ύ', 'ϋ', 'ΰ':
		r = 'υ'
	case 'ώ':
		r = 'ω'
	case 'ς':
		// Capitals lower-case to σ only: a phrase listed with its final ς
		// ("πόνος στο στήθος") must be found in a message typed in capitals.
		r = 'σ'
	}
	return r, scGreek
}

func foldArabic(r rune) (rune, script) {
	switch {
	case r >= 0x64B && r <= 0x65F, r == 0x670, r == 0x640: // harakat, tatweel
		return 0, scNone
	case r >= 0x660 && r <= 0x669:
		return r - 0x660 + '0', scNone
	case r >= 0x6F0 && r <= 0x6F9:
		return r - 0x6F0 + '0', scNone
	case r == 0x60C || r == 0x61B || r == 0x61F || r == 0x6D4 || r == 0x66A || r == 0x66B || r == 0x66C || r == 0x6DD:
		return sep, scNone
	}
	switch r {
	case 'ی', 'ى', 'ې', 'ئ', 'ۍ':
		r = 'ي'
	case 'ک', 'ڪ':
		r = 'ك'
	case 'ة', 'ۀ', 'ہ', 'ھ', 'ۃ':
		r = 'ه'
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		r = 'ا'
	case 'ؤ':
		r = 'و'
	case 'ۓ':
		r = 'ے'
	case 'ء':
		return 0, scNone
	}
	return r, scArabic
}

func foldBengali(r rune) (rune, script) {
	switch {
	case r >= 0x9E6 && r <= 0x9EF:
		return r - 0x9E6 + '0', scNone
	case r == 0x9BC: // nukta: precomposed and decomposed ড় must match
		return 0, scNone
	case r == 0x9DC:
		return 0x9A1, scBengali
	case r == 0x9DD:
		return 0x9A2, scBengali
	case r == 0x9DF:
		return 0x9AF, scBengali
	}
	return r, scBengali
}

// hint records letters that single out a language of their script.
func (c *Classifier) hint(h *hints, r rune) {
	if r < hintRunes {
		if k := c.hintOf[r]; k != 0 {
			for _, w := range c.hints[k] {
				h.lang[w.script][w.lang] += w.w
			}
		}
		return
	}
	if r >= 0x3040 && r <= 0x30FF {
		h.kana++
	}
	switch r {
	case 0x1F602, 0x1F923, 0x1F605, 0x1F606, 0x1F604, 0x1F601, 0x1F61C, 0x1F61D, 0x1F643, 0x1F644, 0x1F624:
		// 😂 🤣 😅 😆 😄 😁 😜 😝 🙃 🙄 😤, not 😭 or 😩, which can be real.
		h.laugh++
	}
}

// tokenize normalises s into sc.toks; with hints, it also counts the
// letters that tell languages apart.
func (c *Classifier) tokenize(s string, sc *scratch) {
	sc.buf = sc.buf[:0]
	sc.toks = sc.toks[:0]
	sc.h = hints{}
	open := false
	lower := false     // the open token has a lower-case letter
	var held rune = -1 // a letter held down in a spelled script, skipped
	gap := false       // a separator since the last token
	var cut uint8      // the punctuation since the last token
	prev := rune(0)    // the rune before raw
	emoji := false     // an emoji since the last token
	colon := false     // a colon since the last token
	for i, raw := range s {
		c.hint(&sc.h, raw)
		if len(sc.toks) > 0 {
			cut = max(cut, clauseEnd(raw, prev, s[i+1:]))
			colon = colon || raw == ':' || raw == '：'
		}
		prev = raw
		if open && isApostrophe(raw) && sc.toks[len(sc.toks)-1].script == scCyrillic {
			// Inside a Ukrainian word ("б'є", "п'ять") the apostrophe is
			// part of the word, typed ', ’ or ʼ or left out: dropped, all
			// spellings are one word. In Latin script it separates
			// ("l'ospedale").
			continue
		}
		r, scr := c.fold(raw)
		if r == 0 {
			continue
		}
		if r == sep && isPictograph(raw) {
			emoji = true
		}
		// Letters that are not capitals: lower case, or of a script
		// without case.
		var small bool
		switch scr {
		case scNone:
		case scLatin, scCyrillic:
			small = raw >= 'a' && raw <= 'z' || raw >= 0x80 && !unicode.IsUpper(raw)
		default:
			small = true
		}
		if small {
			sc.h.lower++
		}
		// A number glued to a word of a script other than Latin is a word
		// of its own ("13살", 13 years old, in Korean); in Latin script
		// digits are letters of words ("3ayez", Arabizi).
		if open && r != sep && scr != scLatin {
			if t := &sc.toks[len(sc.toks)-1]; t.script != scLatin && (t.script == scNone) != (scr == scNone) {
				t.end, t.upper = int32(len(sc.buf)), false
				open = false
			}
		}
		if r == sep || scr.unspaced() {
			if open {
				t := &sc.toks[len(sc.toks)-1]
				t.end, t.upper = int32(len(sc.buf)), !lower && t.script == scLatin
				open = false
			}
			if r == sep {
				held = -1 // a space ends a held letter: "ยยย ยึด"
				gap = true
				continue
			}
		}
		if scr != scNone && scr != scSymbol {
			sc.h.letters[scr]++
		}
		// A symbol said again is said once: "🆘🆘🆘" is "🆘".
		if scr == scSymbol {
			if n := len(sc.toks); n > 0 && sc.toks[n-1].single(sc, r) {
				continue
			}
		}
		// A letter held down in a script of letters without spaces
		// ("ช่วยด้วยยยย", help meeee) is read once: there, a letter is a
		// token, and a run of three is emphasis.
		if scr.spelled() {
			if r == held {
				continue
			}
			if n := len(sc.toks); n >= 2 && sc.toks[n-1].single(sc, r) && sc.toks[n-2].single(sc, r) {
				sc.toks = sc.toks[:n-1]
				sc.buf = sc.buf[:sc.toks[n-2].end]
				held = r
				continue
			}
		}
		held = -1
		if !open {
			sc.toks = append(sc.toks, token{start: int32(len(sc.buf)), script: scr, exact: -1, stems: noStems, acro: -1, bare: -1, hit: -1, gap: gap, cut: cut, emoji: emoji, colon: colon})
			gap, cut, emoji, colon = false, 0, false, false
			open = !scr.unspaced()
			lower = false
		}
		lower = lower || small
		t := &sc.toks[len(sc.toks)-1]
		if t.script == scNone {
			t.script = scr
		}
		// A letter held down on a phone ("aiutoooo", "ساعدووووني") is
		// emphasis, not another word: a run of three or more is kept as
		// two, and lookup also tries one. Digits are not letters held
		// down ("1000"), nor is a word of one letter ("ههههه", laughter).
		if open && scr != scNone && heldDown(sc.buf[t.start:], r) {
			if at := int32(len(sc.buf)) - t.start - int32(utf8.RuneLen(r)); t.held[0] != at && t.held[1] != at {
				if t.held[0] == 0 {
					t.held[0] = at
				} else if t.held[1] == 0 {
					t.held[1] = at
				}
			}
			continue
		}
		t.runes++
		sc.buf = utf8.AppendRune(sc.buf, r)
		if scr.unspaced() {
			t.end = int32(len(sc.buf))
		}
	}
	if open {
		t := &sc.toks[len(sc.toks)-1]
		t.end, t.upper = int32(len(sc.buf)), !lower && t.script == scLatin
	}
}

func (sc *scratch) text(t *token) []byte { return sc.buf[t.start:t.end] }

// single tells whether the token is the one letter r.
func (t *token) single(sc *scratch, r rune) bool {
	l, n := utf8.DecodeRune(sc.text(t))
	return l == r && int(t.end-t.start) == n
}

// heldDown tells whether r, after word, is a letter held down: word
// ends with it twice and holds another letter ("ههههه", laughter, is a
// word of its own).
func heldDown(word []byte, r rune) bool {
	last, n := utf8.DecodeLastRune(word)
	if last != r {
		return false
	}
	prev, m := utf8.DecodeLastRune(word[:len(word)-n])
	if prev != r {
		return false
	}
	for _, o := range string(word[:len(word)-n-m]) {
		if o != r {
			return true
		}
	}
	return false
}

// unhold writes into dst the word without the second letter of its held
// runs: "aiutoo" (from "aiutoooo") is "aiuto". Offset 0 is no run (a
// second letter is never first).
func unhold(dst, word []byte, held [2]int32) []byte {
	for i := 0; i < len(word); {
		_, n := utf8.DecodeRune(word[i:])
		if j := int32(i); j == 0 || j != held[0] && j != held[1] {
			dst = append(dst, word[i:i+n]...)
		}
		i += n
	}
	return dst
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '\u2018', '\u2019', '\u02BC', '\u02B9':
		return true
	}
	return false
}

// maxStems bounds the stems one word is matched with.
const maxStems = 3

var noStems = [maxStems]int32{-1, -1, -1}

// is tells whether the token is lexicon word, stem or acronym id.
func (t *token) is(id int32) bool {
	if t.exact == id || t.acro == id || t.bare == id {
		return true
	}
	for _, s := range t.stems {
		if s == id {
			return true
		}
	}
	return false
}

// ids are the lexicon ids the token is, -1 where none.
func (t *token) ids() [maxStems + 3]int32 {
	return [maxStems + 3]int32{t.exact, t.acro, t.bare, t.stems[0], t.stems[1], t.stems[2]}
}

// known tells whether the token is some lexicon word or stem.
func (t *token) known() bool { return t.exact >= 0 || t.stems[0] >= 0 }
