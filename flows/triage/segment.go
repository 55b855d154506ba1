package triage

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"
)

// Thai, Lao, Khmer and Burmese write no spaces between words. Their
// letters are tokens of their own (tokenize), so a listed phrase is found
// wherever its letters are; alone, that finds short words inside longer
// ones: ลูก (a child) inside ลูกค้า (a customer), กូន (a child) inside
// កូនសោ (a key). segment cuts each run of such letters into words by
// maximal matching (the fewest unknown letters, then the fewest words)
// over a dictionary: every word of the lists (safety and area lists, a
// deployment's included), the frequent words of data/lang and the common
// words of data/words/<code>.txt, written for this. A phrase of those
// scripts is then found only where a word starts and a word ends
// (token.wbeg, token.wend). A word of the lists found this way is cut
// again inside, without itself, so that the signs inside a longer listed
// phrase still count ("ลูกหนูหายใจไม่ออก" holds ลูก and หายใจไม่ออก); a
// common word is not: it is what hides the list words inside it.

// wordsDir holds the common words of the scripts written without spaces.
const wordsDir = "data/words"

// dict is the dictionary of the segmenter: a trie of folded letters.
type dict struct {
	next map[dictKey]int32 // (node, letter) -> node; node 0 is the root
	term []uint8           // node -> dictNone, dictList or dictCommon
}

type dictKey struct {
	node int32
	r    rune
}

const (
	dictNone   = 0
	dictList   = 1 // a word of the lists: cut again inside
	dictCommon = 2 // a common word: hides what is inside it
)

func newDict() *dict { return &dict{next: map[dictKey]int32{}, term: []uint8{dictNone}} }

// add adds the letters of a word; a common word stays common when a list
// also has it.
func (d *dict) add(word []rune, kind uint8) {
	n := int32(0)
	for _, r := range word {
		m, ok := d.next[dictKey{n, r}]
		if !ok {
			m = int32(len(d.term))
			d.term = append(d.term, dictNone)
			d.next[dictKey{n, r}] = m
		}
		n = m
	}
	d.term[n] = max(d.term[n], kind)
}

// addWords adds the words of text (separated by spaces) that are written
// in a script without spaces, as tokenize reads them. A word of another
// script is left to the other matching.
func (b *builder) addWords(text string, kind uint8) {
	if !strings.ContainsFunc(text, unspacedLetter) {
		return // most lines: nothing to tokenize twice
	}
	for _, w := range strings.Fields(text) {
		w = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(w, "="), "~"), "*")
		b.c.tokenize(w, &b.sc)
		var letters []rune
		for i := range b.sc.toks {
			t := &b.sc.toks[i]
			if !t.script.spelled() {
				letters = letters[:0]
				break
			}
			letters = append(letters, []rune(string(b.sc.text(t)))...)
		}
		if len(letters) > 0 {
			b.dict().add(letters, kind)
		}
	}
}

func (b *builder) dict() *dict {
	if b.c.words == nil {
		b.c.words = newDict()
	}
	return b.c.words
}

// loadWords reads the common words of dir/<code>.txt (data/words, or a
// deployment's words/ named with prefix "extra "): words separated by
// spaces or lines, "#" starts a comment; every word in a script without
// spaces, of the language of its file.
func (b *builder) loadWords(fsys fs.FS, dir, prefix string) error {
	names, err := fs.Glob(fsys, dir+"/*.txt")
	if err != nil {
		return fmt.Errorf("triage: %w", err)
	}
	for _, p := range names {
		code := strings.TrimSuffix(path.Base(p), ".txt")
		l := b.c.langIndex(code)
		if l < 0 {
			return fmt.Errorf("triage: %s%s: unknown language %q", prefix, p, code)
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("triage: %w", err)
		}
		for n, line := range strings.Split(string(raw), "\n") {
			if i := strings.IndexByte(line, '#'); i >= 0 {
				line = line[:i]
			}
			for _, w := range strings.Fields(line) {
				b.c.tokenize(w, &b.sc)
				for i := range b.sc.toks {
					if s := b.sc.toks[i].script; !s.spelled() || !slices.Contains(b.c.langs[l].scripts, s) {
						return fmt.Errorf("triage: %s%s:%d: %q is not a word of a script %s writes without spaces", prefix, p, n+1, w, code)
					}
				}
				b.addWords(w, dictCommon)
			}
		}
	}
	return nil
}

// unspacedLetter tells a letter of Thai, Lao, Burmese or Khmer.
func unspacedLetter(r rune) bool {
	return r >= 0x0E00 && r <= 0x0EFF || r >= 0x1000 && r <= 0x109F || r >= 0x1780 && r <= 0x17FF
}

// attached tells a letter that belongs to the letter before it: a mark
// (a vowel sign, a tone, a stacked consonant's sign) or a Thai or Lao
// vowel written after its consonant. No word starts with one.
func attached(r rune) bool {
	switch r {
	case 0x0E30, 0x0E32, 0x0E33, 0x0E45, 0x0EB0, 0x0EB2, 0x0EB3:
		return true
	}
	return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// leads tells a letter that belongs to the letter after it: the Thai and
// Lao vowels written before their consonant, a Burmese or Khmer sign that
// stacks the next consonant. No word ends with one.
func leads(r rune) bool {
	return r >= 0x0E40 && r <= 0x0E44 || r >= 0x0EC0 && r <= 0x0EC4 || r == 0x1039 || r == 0x17D2
}

// seg is one word the segmenter cut: tokens [from, to), and what the
// dictionary says it is.
type seg struct {
	from, to int32
	kind     uint8
}

// step is the best cut of a run up to one token.
type step struct {
	unknown, words int32
	from           int32 // where the last word starts, -1 unreached
	kind           uint8
}

// segment cuts the runs of letters of the scripts written without spaces
// into words, and marks where words start and end (token.wbeg, wend).
// Tokens of other scripts start and end words of their own.
func (c *Classifier) segment(sc *scratch) {
	toks := sc.toks
	for i := 0; i < len(toks); {
		s := toks[i].script
		if !s.spelled() || c.words == nil {
			toks[i].wbeg, toks[i].wend = true, true
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].script == s && !toks[j].gap {
			j++
		}
		sc.work = append(sc.work[:0], seg{int32(i), int32(j), dictNone})
		for len(sc.work) > 0 {
			w := sc.work[len(sc.work)-1]
			sc.work = sc.work[:len(sc.work)-1]
			c.cut(sc, int(w.from), int(w.to), w.kind == dictList)
		}
		i = j
	}
}

// letter is the one letter of an unspaced token.
func (sc *scratch) letter(i int) rune {
	for _, r := range string(sc.text(&sc.toks[i])) {
		return r
	}
	return 0
}

// boundary tells whether a word may start at token i of the run [a, b).
func (sc *scratch) boundary(i, a, b int) bool {
	if i == a || i == b {
		return true
	}
	// A Burmese consonant killed by the asat (်) ends the syllable before
	// it: "တယ်" is one.
	return !attached(sc.letter(i)) && !leads(sc.letter(i-1)) && (i+1 >= b || sc.letter(i+1) != 0x103A)
}

// cut finds the best cut of tokens [a, b) and marks its words; with
// inner (a listed word, cut again inside), the whole span is not a word.
// The listed words it finds are queued in sc.work to be cut again.
func (c *Classifier) cut(sc *scratch, a, b int, inner bool) {
	n := b - a
	if cap(sc.steps) < n+1 {
		sc.steps = make([]step, n+1)
	}
	sc.steps = sc.steps[:n+1]
	for k := range sc.steps {
		sc.steps[k] = step{from: -1}
	}
	sc.steps[0] = step{from: 0}
	better := func(at int, s step) {
		o := &sc.steps[at-a]
		if o.from < 0 || s.unknown < o.unknown || s.unknown == o.unknown && s.words < o.words {
			*o = s
		}
	}
	for p := a; p < b; p++ {
		cur := sc.steps[p-a]
		if cur.from < 0 || !sc.boundary(p, a, b) {
			continue
		}
		node := int32(0)
		for q := p; q < b; q++ {
			m, ok := c.words.next[dictKey{node, sc.letter(q)}]
			if !ok {
				break
			}
			node = m
			if k := c.words.term[node]; k != dictNone && sc.boundary(q+1, a, b) && !(inner && p == a && q+1 == b) {
				better(q+1, step{unknown: cur.unknown, words: cur.words + 1, from: int32(p), kind: k})
			}
		}
		q := p + 1
		for q < b && !sc.boundary(q, a, b) {
			q++
		}
		better(q, step{unknown: cur.unknown + int32(q-p), words: cur.words + 1, from: int32(p), kind: dictNone})
	}
	// Back from the end: mark each word, one unknown stretch as one word.
	for at := b; at > a; {
		s := sc.steps[at-a]
		from := int(s.from)
		for s.kind == dictNone && from > a && sc.steps[from-a].kind == dictNone {
			from = int(sc.steps[from-a].from)
		}
		sc.toks[from].wbeg, sc.toks[at-1].wend = true, true
		if s.kind == dictList && at-from > 1 {
			sc.work = append(sc.work, seg{int32(from), int32(at), dictList})
		}
		at = from
	}
}
