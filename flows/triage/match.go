package triage

import "unicode/utf8"

// fuzzyMin is the shortest message word (in letters) matched with one
// typo: shorter words have too many neighbours. Arabic and Bengali words
// are denser (short vowels unwritten, vowel signs counted as letters) and
// need one more. fuzzyMinLexicon is the shortest lexicon word a typo can
// reach: a five-letter word has everyday neighbours one letter away
// ("salam", a greeting, is one letter from the Darija "salat", expired).
const (
	fuzzyMin        = 5
	fuzzyMinDense   = 6
	fuzzyMinLexicon = 6
)

// arabicClitics are the prefixes glued to Arabic words ("والكهرباء" is
// "و" + "ال" + "كهرباء"), longest first.
var arabicClitics = [...]string{"وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف"}

// bengaliSuffixes are case endings glued to Bengali words ("ভাষার" is
// "ভাষা" + "র"), longest first, as normalised (য় is য).
var bengaliSuffixes = [...]string{"গুলো", "দের", "ের", "কে", "তে", "টা", "টি", "রা", "য়ে", "র", "য", "ে"}

// lookup finds the lexicon word, stem and acronym of every token.
func (c *Classifier) lookup(sc *scratch) {
	// Capitals mark an acronym, unless the whole message is in capitals
	// (and longer than one word).
	capitals := sc.h.lower > 0 || len(sc.toks) == 1
	for i := range sc.toks {
		t := &sc.toks[i]
		if t.script == scNone {
			continue // numbers
		}
		s := sc.text(t)
		t.exact, t.prefix = c.find(s)
		if t.upper && capitals && len(c.acronyms) > 0 {
			if id, ok := c.acronyms[string(s)]; ok {
				t.acro = id
			}
		}
		if t.exact < 0 && t.prefix < 0 && t.script == scArabic {
			for _, cl := range arabicClitics {
				if len(s) > len(cl)+2 && string(s[:len(cl)]) == cl {
					if t.exact, t.prefix = c.find(s[len(cl):]); t.exact >= 0 || t.prefix >= 0 {
						break
					}
				}
			}
		}
		if t.exact < 0 && t.prefix < 0 && t.script == scBengali {
			for _, suf := range bengaliSuffixes {
				if len(s) > len(suf)+3 && string(s[len(s)-len(suf):]) == suf {
					if t.exact, t.prefix = c.find(s[:len(s)-len(suf)]); t.exact >= 0 || t.prefix >= 0 {
						break
					}
				}
			}
		}
		// A word of some language is not a typo: "kahan" (where, in Urdu)
		// is not "khana" (food).
		if t.exact < 0 && t.prefix < 0 && t.script != scHan && c.langWords[string(s)] == nil && (t.runes >= fuzzyMinDense || t.runes >= fuzzyMin && (t.script == scLatin || t.script == scCyrillic)) {
			t.exact = c.fuzzy(s, sc)
		}
	}
}

func (c *Classifier) find(s []byte) (exact, prefix int32) {
	exact, prefix = -1, -1
	if id, ok := c.vocab[string(s)]; ok {
		exact = id
	}
	// Longest stem first: "rinnov*" wins over "rin*".
	var at [48]int
	n := 0
	for i := range len(s) {
		if utf8.RuneStart(s[i]) {
			if n == len(at) {
				break
			}
			at[n] = i
			n++
		}
	}
	for k := min(n, c.maxPre); k >= 2; k-- {
		end := len(s)
		if k < n {
			end = at[k]
		}
		if id, ok := c.prefixes[string(s[:end])]; ok {
			prefix = id
			break
		}
	}
	return exact, prefix
}

// fuzzy finds a lexicon word one edit (deletion, insertion, substitution
// or swap of neighbours) away from s, through the deletion index.
func (c *Classifier) fuzzy(s []byte, sc *scratch) int32 {
	if ids := c.deletes[string(s)]; len(ids) > 0 {
		return ids[0] // s lacks a letter
	}
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRune(s[i:])
		sc.tri = append(append(sc.tri[:0], s[:i]...), s[i+size:]...)
		if ids := c.deletes[string(sc.tri)]; len(ids) > 0 {
			// One letter too many, one differs, or two are swapped.
			return ids[0]
		}
		i += size
	}
	return -1
}

// match scores the phrases found in the message, longest first at each
// word, and masks Italian administrative terms for language detection.
func (c *Classifier) match(sc *scratch) {
	sc.area = [numAreas]float32{}
	sc.topic = [numTopics]float32{}
	sc.urg = [numUrgent]float32{}
	words := 0
	for i := range sc.toks {
		if sc.toks[i].script != scNone {
			words++
		}
	}
	for i := 0; i < len(sc.toks); {
		best := -1
		for _, first := range [3]int32{sc.toks[i].exact, sc.toks[i].prefix, sc.toks[i].acro} {
			if first < 0 {
				continue
			}
			for _, pi := range c.phrases[first] {
				p := &c.phr[pi]
				if (best < 0 || len(p.ids) > len(c.phr[best].ids)) && c.matchAt(sc, i, p) {
					best = int(pi)
				}
			}
		}
		if best < 0 {
			i++
			continue
		}
		p := &c.phr[best]
		for _, e := range p.effects {
			switch {
			case e.whole && len(p.ids) != words:
				// Not the whole message: no weight.
			case e.urgent >= 0:
				sc.urg[e.urgent] += e.weight
			default:
				sc.area[e.area] += e.weight
				if e.topic >= 0 {
					sc.topic[e.topic] += e.weight
				}
			}
		}
		for k := range p.ids {
			sc.toks[i+k].masked = p.neutral
		}
		i += len(p.ids)
	}
}

func (c *Classifier) matchAt(sc *scratch, i int, p *phrase) bool {
	if i+len(p.ids) > len(sc.toks) {
		return false
	}
	for k, id := range p.ids {
		t := &sc.toks[i+k]
		if t.exact != id && t.prefix != id && t.acro != id {
			return false
		}
	}
	return true
}
