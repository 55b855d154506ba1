package triage

import (
	"slices"
	"strings"
	"unicode/utf8"
)

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
			// A number: a minor's age, for the phrases with one.
			if c.age >= 0 && isMinorAge(sc.text(t)) {
				t.exact = c.age
			}
			continue
		}
		s := sc.text(t)
		t.exact, t.stems = c.find(s)
		if t.held[0] != 0 {
			s = c.unheld(t, sc)
		}
		if t.upper && capitals && len(c.acronyms) > 0 {
			if id, ok := c.acronyms[string(s)]; ok {
				t.acro = id
			}
		}
		if t.script == scArabic {
			for _, cl := range arabicClitics {
				if len(s) > len(cl)+2 && string(s[:len(cl)]) == cl && c.unglue(t, s[len(cl):]) {
					break
				}
			}
		}
		// A Bengali ending is read off unknown words only: on verbs it
		// tells the person ("বাঁচবে", he will live; "বাঁচব", I will).
		if !t.known() && t.script == scBengali {
			for _, suf := range bengaliSuffixes {
				if len(s) > len(suf)+3 && string(s[len(s)-len(suf):]) == suf && c.unglue(t, s[:len(s)-len(suf)]) {
					break
				}
			}
		}
		// A transliteration spelled another way ("jina" for "jeena",
		// "khudkhushi" for "khudkushi").
		if t.exact < 0 && t.script == scLatin && t.runes >= skeletonMin && c.langWords[string(s)] == nil {
			c.bySkeleton(t, s, sc)
		}
		// A word of some language is not a typo: "kahan" (where, in Urdu)
		// is not "khana" (food).
		// A word holding a digit is Arabizi (the digit a letter, "t3awni",
		// help me) or a code: its letters are dense, so a letter of its
		// root changed is another word ("t3anni", he stabbed me), never
		// its typo (alfa17, issue 12). Only the verb's person prefix may
		// differ: "t2telni" (she will kill me) is "y2telni" (he).
		if t.known() || t.script.unspaced() || c.langWords[string(s)] != nil {
			continue
		}
		switch {
		case holdsDigit(s):
			if t.script == scLatin {
				t.exact = c.otherPerson(s, sc)
			}
		case t.runes >= fuzzyMinDense || t.runes >= fuzzyMin && (t.script == scLatin || t.script == scCyrillic):
			t.exact = c.fuzzy(s, sc)
		}
	}
}

// unheld reads a word with a letter held down ("aiutoooo", kept as
// "aiutoo") as the word with that letter once ("aiuto") or twice
// ("goooood" is "good"), whichever is a word: a lexicon word first, then
// a word of some language ("nooo" is "no", not Somali "noo"). The token
// is rewritten so that the language is told from that word too; its
// text is returned.
func (c *Classifier) unheld(t *token, sc *scratch) []byte {
	s := sc.text(t)
	sc.tri = unhold(sc.tri[:0], s, t.held)
	exact, stems := c.find(sc.tri)
	switch {
	case exact >= 0:
	case t.exact >= 0:
		return s
	case c.langWords[string(sc.tri)] != nil:
	case c.langWords[string(s)] != nil:
		return s
	case stems[0] >= 0:
	default:
		return s
	}
	t.exact, t.stems = exact, stems
	t.runes = int32(utf8.RuneCount(sc.tri))
	t.end = t.start + int32(copy(sc.buf[t.start:t.end], sc.tri))
	return sc.text(t)
}

// isMinorAge tells whether s (the digits of a number token) is an age a
// minor can be.
func isMinorAge(s []byte) bool {
	if len(s) == 0 || len(s) > 2 {
		return false
	}
	n := 0
	for _, d := range s {
		if d < '0' || d > '9' {
			return false
		}
		n = n*10 + int(d-'0')
	}
	return n <= maxMinorAge
}

// unglue reads token t as the word bare without what is glued to it (an
// Arabic clitic, a Bengali ending) and tells whether bare is a lexicon
// word. An unknown token takes bare's word and stems; a known one keeps
// its own and also matches bare (token.bare).
func (c *Classifier) unglue(t *token, bare []byte) bool {
	exact, stems := c.find(bare)
	if !t.known() {
		t.exact, t.stems = exact, stems
		return t.known()
	}
	if exact >= 0 && exact != t.exact {
		t.bare = exact
		return true
	}
	return false
}

func (c *Classifier) find(s []byte) (exact int32, stems [maxStems]int32) {
	exact, stems = -1, noStems
	if id, ok := c.vocab[string(s)]; ok {
		exact = id
	}
	// Longest stem first: "rinnov*" before "rin*".
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
	k := 0
	// Stems are two letters long at least, but for a Hangul syllable.
	for r := min(n, c.maxPre); r >= 1 && k < maxStems; r-- {
		end := len(s)
		if r < n {
			end = at[r]
		}
		if id, ok := c.prefixes[string(s[:end])]; ok {
			stems[k] = id
			k++
		}
	}
	return exact, stems
}

// personPrefixes are the first letters of an Arabizi verb that tell its
// person: y (he), t (she, you), n (I, Maghrebi), i (he, Levantine).
const personPrefixes = "ytni"

// otherPerson finds the lexicon word that is s with another person prefix
// ("t2telni" for "y2telni"): an Arabizi word is matched one edit away only
// there.
func (c *Classifier) otherPerson(s []byte, sc *scratch) int32 {
	if len(s) < fuzzyMin || strings.IndexByte(personPrefixes, s[0]) < 0 {
		return -1
	}
	for i := 0; i < len(personPrefixes); i++ {
		if p := personPrefixes[i]; p != s[0] {
			sc.tri = append(append(sc.tri[:0], p), s[1:]...)
			if id, ok := c.vocab[string(sc.tri)]; ok {
				return id
			}
		}
	}
	return -1
}

// holdsDigit tells whether s holds an ASCII digit.
func holdsDigit(s []byte) bool {
	for _, b := range s {
		if b >= '0' && b <= '9' {
			return true
		}
	}
	return false
}

// fuzzy finds a lexicon word one edit (deletion, insertion, substitution
// or swap of neighbours) away from s, through the deletion index. The
// index pairs words that each lose one letter, which also pairs words two
// edits apart ("signer" and "saigne" both give "signe"): each candidate is
// checked to be truly one edit away.
func (c *Classifier) fuzzy(s []byte, sc *scratch) int32 {
	for _, id := range c.deletes[string(s)] {
		if oneEdit(s, c.wordOf[id]) {
			return id // s lacks a letter
		}
	}
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRune(s[i:])
		sc.tri = append(append(sc.tri[:0], s[:i]...), s[i+size:]...)
		for _, id := range c.deletes[string(sc.tri)] {
			if oneEdit(s, c.wordOf[id]) {
				// One letter too many, one differs, or two are swapped.
				return id
			}
		}
		i += size
	}
	return -1
}

// oneEdit tells whether a and b differ by exactly one deletion, insertion,
// substitution or swap of neighbouring letters. It compares bytes of
// UTF-8, which is exact for the Latin words folded to ASCII and, for other
// scripts, one letter at a time because every letter of a script has the
// same length there.
func oneEdit(a []byte, b string) bool {
	ra, rb := utf8.RuneCount(a), utf8.RuneCountInString(b)
	switch {
	case ra == rb && len(a) == len(b):
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if i == len(a) {
			return false // the same word: not a typo of it
		}
		// Step back to the start of the letter that differs.
		for i > 0 && !utf8.RuneStart(a[i]) {
			i--
		}
		_, na := utf8.DecodeRune(a[i:])
		_, nb := utf8.DecodeRuneInString(b[i:])
		if na == nb && string(a[i+na:]) == b[i+nb:] {
			return true // one letter differs
		}
		// Two neighbouring letters swapped.
		if i+na < len(a) && i+nb < len(b) {
			_, na2 := utf8.DecodeRune(a[i+na:])
			_, nb2 := utf8.DecodeRuneInString(b[i+nb:])
			return na == nb2 && na2 == nb && i+na+na2 <= len(a) && i+nb+nb2 <= len(b) &&
				string(a[i:i+na]) == b[i+nb:i+nb+nb2] &&
				string(a[i+na:i+na+na2]) == b[i:i+nb] && string(a[i+na+na2:]) == b[i+nb+nb2:]
		}
		return false
	case ra == rb+1:
		return dropsOne(string(a), b)
	case rb == ra+1:
		return dropsOne(b, string(a))
	}
	return false
}

// dropsOne tells whether short is long without one of its letters.
func dropsOne(long, short string) bool {
	i := 0
	for i < len(short) && long[i] == short[i] {
		i++
	}
	for i > 0 && !utf8.RuneStart(long[i]) {
		i--
	}
	_, n := utf8.DecodeRuneInString(long[i:])
	return long[i+n:] == short[i:]
}

// nearGap is how many other words may sit between the words of a phrase
// found by matchNear: "il capo ha preso il mio passaporto" still holds
// "preso passaporto".
const nearGap = 3

// maxPhraseWords bounds a phrase, so that matchNear can mark the words it
// used in one uint64.
const maxPhraseWords = 24

// maxSpelled bounds a phrase of a script written without spaces whose
// characters are letters (Thai, Burmese): its words are many characters,
// and it is never looked for near (no mask of its words).
const maxSpelled = 60

// hit is one phrase found in a message.
type hit struct {
	phrase      int32
	first, last int32 // the tokens it spans
	near        bool  // found by matchNear, not side by side
	// shadowed: found inside an idiom the safety lists ignore or calm
	// (matchInside, insideNeeds), for its need only. The idiom consumes
	// its own words, not the phrase: told again outside it, the phrase is
	// found for the first time (found).
	shadowed bool
}

// match scores the phrases found in the message: side by side, longest
// first at each word, then near each other (matchNear); it masks Italian
// administrative terms for language detection.
func (c *Classifier) match(sc *scratch) {
	sc.area = [numAreas]float32{}
	sc.need = [numAreas]float32{}
	sc.needAt = sc.needAt[:0]
	sc.topic = [numTopics]float32{}
	sc.urg = [numUrgent]float32{}
	sc.person, sc.calm = 0, 0
	sc.signs, sc.kinds, sc.calms = sc.signs[:0], sc.kinds[:0], sc.calms[:0]
	sc.hits = sc.hits[:0]
	for i := 0; i < len(sc.toks); {
		best := -1
		for _, first := range sc.toks[i].ids() {
			if first < 0 {
				continue
			}
			for _, pi := range c.phrases[first] {
				p := &c.phr[pi]
				if (best < 0 || len(p.ids) > len(c.phr[best].ids)) && c.matchAt(sc, i, p) && !(p.shadows() && sc.sentences(int32(i), int32(i+len(p.ids)-1))) {
					best = int(pi)
				}
			}
		}
		if best < 0 {
			i++
			continue
		}
		p := &c.phr[best]
		c.apply(sc, p, int32(best), sc.found(int32(best)), false, int32(i), int32(i+len(p.ids)-1))
		h := int16(len(sc.hits))
		sc.hits = append(sc.hits, hit{phrase: int32(best), first: int32(i), last: int32(i + len(p.ids) - 1)})
		for k := range p.ids {
			t := &sc.toks[i+k]
			t.masked, t.hit, t.hidden = p.neutral, h, p.hides
		}
		if len(p.ids) > 1 {
			switch {
			case p.needOnly:
				c.matchInside(sc, i, len(p.ids), insideDangers)
			case p.spelled && !p.shadows():
				c.matchInside(sc, i, len(p.ids), insideSigns)
			}
			// An idiom or a word the safety lists ignore or calm hides
			// the danger inside it, not the need: "questo affitto mi
			// ammazza" is about the rent.
			if p.shadows() && !p.everyday && p.hides&hideNeed == 0 {
				c.matchInside(sc, i, len(p.ids), insideNeeds)
			}
		}
		i += len(p.ids)
	}
	c.applyWhole(sc)
	c.matchNear(sc)
}

// shadows tells whether a phrase is listed in the safety lists to hide
// the dangers inside it: an idiom or a word holding a shorter one
// ("ลูกค้า", a customer, holds "ลูก", a child), listed as ignore or calm.
func (p *phrase) shadows() bool {
	if p.hides&hideDanger != 0 {
		return true
	}
	for _, e := range p.effects {
		if e.calm {
			return true
		}
	}
	return false
}

// What matchInside looks for inside a longer phrase found side by side.
const (
	// insideDangers: inside a phrase naming only an everyday need, what
	// weighs for something else (a danger, a person).
	insideDangers = iota
	// insideSigns: inside a phrase of a script without spaces, the signs.
	insideSigns
	// insideNeeds: inside an idiom the safety lists ignore or calm, the
	// everyday needs.
	insideNeeds
)

// matchInside finds, side by side within the n tokens from token from
// that a longer phrase covers, the phrases that weigh for what the longer
// one does not, longest first. In mode insideDangers (a lexicon line for
// an office or a document) those that weigh for a danger or a person: the
// line must not hide "frimmel" told inside it, and the everyday effects
// are its own to count. In mode insideSigns (a phrase of a script without
// spaces, matched side by side only) the signs: "ลูกหนูหายใจไม่ออก" (my
// child cannot breathe) is a medical emergency and holds the signs a child
// and harm, which make it a child in danger, as the words would near in a
// language with spaces. In mode insideNeeds (an idiom a safety list
// ignores or calms, "questo affitto mi ammazza") the everyday needs: the
// idiom hides the danger, the need is still told.
func (c *Classifier) matchInside(sc *scratch, from, n, mode int) {
	for k := from; k < from+n; {
		best := -1
		for _, first := range sc.toks[k].ids() {
			if first < 0 {
				continue
			}
			for _, pi := range c.phrases[first] {
				q := &c.phr[pi]
				if k+len(q.ids) > from+n || k == from && len(q.ids) >= n {
					continue
				}
				switch mode {
				case insideDangers:
					if q.plain {
						continue
					}
				case insideSigns:
					if q.plain || !q.signs {
						continue
					}
				case insideNeeds:
					// An area list's ignore inside still hides its need.
					if !q.everyday && q.hides&hideNeed == 0 {
						continue
					}
				}
				if (best < 0 || len(q.ids) > len(c.phr[best].ids)) && c.matchAt(sc, k, q) {
					best = int(pi)
				}
			}
		}
		if best < 0 {
			k++
			continue
		}
		q := &c.phr[best]
		switch mode {
		case insideDangers:
			c.apply(sc, q, int32(best), sc.found(int32(best)), true, int32(k), int32(k+len(q.ids)-1))
		case insideSigns:
			for _, e := range q.effects {
				if e.sign >= 0 {
					sc.add(e, int32(k), int32(k+len(q.ids)-1))
				}
			}
		case insideNeeds:
			for _, e := range q.effects {
				if e.everyday() {
					sc.add(e, int32(k), int32(k+len(q.ids)-1))
				}
			}
		}
		sc.hits = append(sc.hits, hit{phrase: int32(best), first: int32(k), last: int32(k + len(q.ids) - 1), shadowed: mode == insideNeeds})
		k += len(q.ids)
	}
}

// applyRules adds the urgent kinds of the rules whose terms were all
// found: a sign or a kind is found when its phrases weigh 1 or more. A
// sign counts in its own language, or in any when lang (the language
// detected) is not known (-1). The rules read the kinds as the phrases
// left them, so that one rule's result is not another's premise.
//
// A rule's weight is counted over the bar of its most calmed term
// (ruleBar): the calm near a sign discounts what the sign makes.
func (c *Classifier) applyRules(sc *scratch, lang int) {
	c.scope(sc, lang)
	sc.sign = [maxSigns]float32{}
	for i := range sc.signs {
		if s := &sc.signs[i]; !s.dup && signCounts(s, lang) {
			sc.sign[s.e.sign] += s.e.weight
		}
	}
	sc.before = sc.urg
	phrases := len(sc.kinds)
	for i := range c.rules {
		r := &c.rules[i]
		a := sc.fires(r)
		if a < 0 || sc.toldByOnePhrase(r, &r.alts[a], phrases, lang) {
			continue
		}
		// Of the alternatives found, the least calmed.
		bar, floor := float32(-1), float32(-1)
		for a := range r.alts {
			if t := &r.alts[a]; sc.holds(t) {
				if b := c.ruleBar(sc, t, phrases, lang); bar < 0 || b < bar {
					bar, floor = b, c.ruleFloor(sc, t, phrases, lang)
				}
			}
		}
		w := r.weight
		if floor >= 2*urgentScore {
			w = min(w, urgentScore)
		}
		sc.urg[r.kind] += w
		e := effect{area: -1, topic: -1, urgent: r.kind, sign: -1, lang: -1, weight: w}
		sc.kinds = append(sc.kinds, part{e: e, first: -1, last: -1, rule: int16(i), bar: bar, phrase: -1})
	}
	sc.weighKinds()
}

// ruleFloor is the bar of the least calmed term of a rule's alternative
// t, 0 when a part of a term lies in no clause of a topic or about frame.
// When it is 2 or more, every term was told under a calm of 1 or more in
// the task's or the question's own clause: the rule then weighs no more than one
// danger, so that the calm over it is not outweighed by the rule's
// doubling. "my daughter has homework about human trafficking" joined a
// child (@minor) and trafficking into a child in danger of 2, which the
// essay's calm only halved to 1, still urgent (fa18b, issue 12, the
// decoys of 2026-12-07); a child or a harm told outside the calm keeps
// the rule whole ("my daughter's homework is about violence, and her
// father beats her").
func (c *Classifier) ruleFloor(sc *scratch, t *terms, phrases int, lang int) float32 {
	floor := float32(-1)
	low := func(parts []part, counts func(*part) bool) {
		for i := range parts {
			if p := &parts[i]; counts(p) && !sc.framed(p) {
				floor = 0
			}
		}
		if b := termBar(parts, counts); floor < 0 || b < floor {
			floor = b
		}
	}
	for i := range maxSigns {
		if t.mask&(1<<i) != 0 {
			low(sc.signs, func(p *part) bool { return int(p.e.sign) == i && !p.dup && signCounts(p, lang) })
		}
	}
	for k := range numUrgent {
		if t.kinds&(1<<k) != 0 {
			low(sc.kinds[:phrases], func(p *part) bool { return int(p.e.urgent) == k && !p.dup })
		}
	}
	return floor
}

// framed tells whether part p lies in a clause holding a topic or about
// mark (data/calm), before the mark (who the task is of: "my daughter's
// essay about") or as its object, within frameObject words after it: the
// task or the question is what the clause tells. A story a course opens
// over a colon is not ("first aid course: my son is not breathing" stays a
// child in danger), nor a danger told further on in the clause: "my
// daughter is writing an essay about abuse because her stepfather touches
// her at night" is a disclosure (review of stop 38).
func (sc *scratch) framed(p *part) bool {
	if p.first < 0 {
		return false
	}
	cl := sc.toks[p.first].clause
	for k := range sc.marks {
		m := &sc.marks[k]
		if (m.role != roleTopic && m.role != roleAbout) || sc.toks[m.first].clause != cl {
			continue
		}
		limit := int32(frameObject)
		if sc.toks[m.last].script.unspaced() {
			// Letters, not words: "សរសេរអត្ថបទ | អំពីការ | ជួញដូរមនុស្ស",
			// an article about trafficking.
			limit = frameObjectLetters
		}
		if p.first <= m.last || p.first-m.last <= limit {
			return true
		}
	}
	return false
}

// frameObject is how many words after a topic or about mark its object
// may start ("an essay about | child labour", "homework tungkol sa | human
// trafficking").
const (
	frameObject = 3
	// frameObjectLetters is the same in a script without spaces, whose
	// tokens are letters.
	frameObjectLetters = 12
)

// toldByOnePhrase tells whether rule r's alternative t was found only
// in the words of one danger phrase that already tells r's kind at r's
// weight or more: "my husband beats me" is a violence phrase (2.45), and
// its "my husband" (@partner) and "beats me" (@hitsme) also make the rule
// "@partner @hitsme" (2.45). Counted twice, the one danger weighed 4.9,
// beyond what a past and over calm discounts ("two years ago my husband
// beat me, now I'm safe; can I get a permit?").
func (sc *scratch) toldByOnePhrase(r *rule, t *terms, phrases int, lang int) bool {
	if t.kinds != 0 || t.mask == 0 {
		return false
	}
	for i := range phrases {
		q := &sc.kinds[i]
		if q.dup || q.first < 0 || q.e.urgent != r.kind || q.e.weight < r.weight {
			continue
		}
		inside := true
		for j := range sc.signs {
			s := &sc.signs[j]
			if s.dup || t.mask&(1<<s.e.sign) == 0 || !signCounts(s, lang) {
				continue
			}
			if s.first < q.first || s.last > q.last {
				inside = false
				break
			}
		}
		if inside {
			return true
		}
	}
	return false
}

// fires returns the first alternative of r whose terms were all found, or
// -1.
func (sc *scratch) fires(r *rule) int {
	for a := range r.alts {
		if sc.holds(&r.alts[a]) {
			return a
		}
	}
	return -1
}

// holds tells whether every one of the terms t was found.
func (sc *scratch) holds(t *terms) bool {
	for i := range maxSigns {
		if t.mask&(1<<i) != 0 && sc.sign[i] < urgentScore {
			return false
		}
	}
	for k := range numUrgent {
		if t.kinds&(1<<k) != 0 && sc.before[k] < urgentScore {
			return false
		}
	}
	if t.noArea && slices.Max(sc.area[:]) >= urgentScore {
		return false
	}
	return true
}

// cry tells a phrase listed as a cry for help when it is the whole
// message ("=aiuto").
func (p *phrase) cry() bool {
	for _, e := range p.effects {
		if e.whole && int(e.urgent) == distress {
			return true
		}
	}
	return false
}

// applyWhole adds the effects that count only when their phrase is the
// whole message, once the side-by-side pass has marked the words to skip:
// "aiuto per favore", "help me please" are still a cry alone, politeness
// being listed as "ignore".
func (c *Classifier) applyWhole(sc *scratch) {
	// A message of cries only is a cry, however many: "aiuto aiuto 🆘",
	// "help me 🆘🆘".
	words, cries := 0, 0
	for i := range sc.toks {
		if t := &sc.toks[i]; t.script != scNone && t.hidden&hideDanger == 0 {
			words++
			if t.hit >= 0 && c.phr[sc.hits[t.hit].phrase].cry() {
				cries++
			}
		}
	}
	for _, h := range sc.hits {
		p := &c.phr[h.phrase]
		if p.hides != 0 {
			continue
		}
		whole := len(p.ids) == words || cries == words && p.cry()
		for _, e := range p.effects {
			switch {
			case !e.whole:
			case whole:
				sc.add(e, h.first, h.last)
			case int(e.urgent) == distress && c.help >= 0:
				// Inside a longer message a cry ("ndihme", help) is not
				// urgent alone, but it is the sign @help, which joins
				// fear or being hunted: "ndihme te lutem, me kerkojne,
				// jam fshehur".
				sc.add(effect{area: -1, topic: -1, urgent: -1, sign: c.help, lang: e.lang, weight: e.weight}, h.first, h.last)
			}
		}
	}
}

// apply adds the effects of a phrase (index pi) found side by side. A
// phrase found again adds its dangers and signs as mentions of the first
// (part.again): the least calmed of them counts, once (leastCalmed), so
// that "护照 … 护照" (passport twice) is one weak sign of trafficking, not
// two that make it urgent, and a danger told again outside a film counts
// whole. Its area counts again. Inside a longer phrase (matchInside) it
// adds all but its everyday effects, which the longer phrase counted.
func (c *Classifier) apply(sc *scratch, p *phrase, pi int32, again, inside bool, first, last int32) {
	for _, e := range p.effects {
		if e.ignore || e.whole || inside && e.everyday() {
			continue
		}
		sc.addFrom(e, first, last, pi, again && !e.everyday())
	}
}

// add weighs one effect, found in tokens first to last, in the scores.
// The weights of dangers and signs are kept with where they were found,
// for the calm words near them to discount (calm.go).
func (sc *scratch) add(e effect, first, last int32) { sc.addFrom(e, first, last, -1, false) }

// addFrom is add for an effect of phrase pi (-1: none to tell), again
// when the phrase was found before: a danger's or a sign's part is then
// kept, for leastCalmed to choose the mention that counts, and not summed
// again in the raw weights.
func (sc *scratch) addFrom(e effect, first, last, pi int32, again bool) {
	switch {
	case e.sign >= 0:
		sc.signs = append(sc.signs, part{e: e, first: first, last: last, rule: -1, phrase: pi, again: again})
	case e.person:
		sc.person += e.weight
	case e.calm:
		if sc.punctuated(first, last) {
			// A calm phrase is one thing said: its words found around a
			// comma are two ("he was in prison, he got out, he is at my
			// door" is no "he is in prison"; review of round 8).
			return
		}
		sc.calm += e.weight
		sc.calms = append(sc.calms, part{e: e, first: first, last: last, rule: -1, phrase: -1})
	case e.urgent >= 0:
		if !again {
			sc.urg[e.urgent] += e.weight
		}
		sc.kinds = append(sc.kinds, part{e: e, first: first, last: last, rule: -1, phrase: pi, again: again})
	default:
		sc.area[e.area] += e.weight
		if !e.echo {
			sc.need[e.area] += e.weight
			sc.needAt = append(sc.needAt, first)
		}
		if e.topic >= 0 {
			sc.topic[e.topic] += e.weight
		}
	}
}

func (c *Classifier) matchAt(sc *scratch, i int, p *phrase) bool {
	if i+len(p.ids) > len(sc.toks) {
		return false
	}
	if p.spelled && (!sc.toks[i].wbeg || !sc.toks[i+len(p.ids)-1].wend) {
		return false // inside a longer word (segment)
	}
	for k, id := range p.ids {
		t := &sc.toks[i+k]
		if !t.is(id) {
			return false
		}
	}
	return true
}

// matchNear finds the phrases of several words whose words are near each
// other but not side by side: in any order (in order for Chinese, where a
// word is a character) with up to nearGap other words between them, so
// that real sentences ("mi ha preso il passaporto", "не хочу більше
// жити") hold the listed phrases. A phrase counts once, or again after its
// mentions as a mention of the first (leastCalmed); words skipped as
// "ignore" take no part in what they hide (nearAt), and a phrase whose words all lie inside one
// longer phrase found side by side does not count again.
func (c *Classifier) matchNear(sc *scratch) {
	if sc.present == nil {
		sc.present = map[int32]struct{}{}
	}
	clear(sc.present)
	for i := range sc.toks {
		if t := &sc.toks[i]; t.script != scNone {
			for _, id := range t.ids() {
				if id >= 0 {
					sc.present[id] = struct{}{}
				}
			}
		}
	}
	if n := (len(c.phr) + 63) / 64; len(sc.nearDead) != n {
		sc.nearDead = make([]uint64, n)
	}
	clear(sc.nearDead)
	for i := range sc.toks {
		t := &sc.toks[i]
		if t.script == scNone {
			continue
		}
		for _, id := range t.ids() {
			if id < 0 {
				continue
			}
			for _, pi := range c.near[id] {
				if sc.nearDead[pi/64]&(1<<(pi%64)) != 0 {
					continue
				}
				// Found before: told again only after all its mentions,
				// a mention of the first (apply).
				again := sc.found(pi)
				if again && !sc.foundBefore(pi, int32(i)) {
					continue
				}
				p := &c.phr[pi]
				if !sc.holdsAll(p) {
					sc.nearDead[pi/64] |= 1 << (pi % 64)
					continue
				}
				last, used, ok := c.nearAt(sc, i, p)
				if ok && c.applyNear(sc, p, pi, again, i, last, used) {
					sc.hits = append(sc.hits, hit{phrase: pi, first: int32(i), last: int32(last), near: true})
				}
			}
		}
	}
}

// applyNear adds the effects of a phrase found by matchNear whose words
// (used, a mask from token i) were not already counted for the same
// thing: "lavoro in nero" holds "in nero" and "lavoro … nero", one sign
// of exploitation; but "বুকে খুব ব্যথা" (very bad chest pain) counts for
// a medical emergency even though "ব্যথা" (pain) already counted for the
// health area. It reports whether any effect was added.
func (c *Classifier) applyNear(sc *scratch, p *phrase, pi int32, again bool, i, last int, used uint64) bool {
	applied := false
	for _, e := range p.effects {
		if e.ignore || e.whole || again && e.everyday() {
			continue // a need told again near is the same need
		}
		// Its words already weigh w for the same thing: the phrase adds
		// what it weighs more, so that "zorblat … frimmel" (1) is not
		// held at the 0.5 of its word "zorblat" found side by side.
		if w := c.counted(sc, e, i, used); w > 0 {
			if w >= e.weight {
				continue
			}
			e.weight -= w
		}
		sc.addFrom(e, int32(i), int32(last), pi, again && !e.everyday())
		applied = true
	}
	return applied
}

// counted tells how much the phrases already found that hold a word of
// used (a mask from token i) weigh for the same thing as e.
func (c *Classifier) counted(sc *scratch, e effect, i int, used uint64) float32 {
	var w float32
	for _, h := range sc.hits {
		overlap := false
		for k := max(int(h.first), i); k <= int(h.last) && k-i < 64; k++ {
			if used&(1<<(k-i)) != 0 {
				overlap = true
				break
			}
		}
		if !overlap {
			continue
		}
		for _, f := range c.phr[h.phrase].effects {
			if sameTarget(e, f) {
				w += f.weight
			}
		}
	}
	return w
}

// sameTarget tells whether two effects weigh for one same thing: an urgent
// kind, asking for a person, or an area.
func sameTarget(e, f effect) bool {
	switch {
	case e.ignore || f.ignore:
		return false
	case e.person || f.person:
		return e.person && f.person
	case e.calm || f.calm:
		return e.calm && f.calm
	case e.sign >= 0 || f.sign >= 0:
		return e.sign == f.sign
	case e.urgent >= 0 || f.urgent >= 0:
		return e.urgent == f.urgent
	}
	return e.area == f.area
}

// found tells whether phrase pi was already found in the message, other
// than inside an idiom the safety lists ignore or calm: there it told its
// need only, and the danger said again outside the idiom is the first
// ("what to do if someone is not breathing, my baby is not breathing").
func (sc *scratch) found(pi int32) bool {
	for _, h := range sc.hits {
		if h.phrase == pi && !h.shadowed {
			return true
		}
	}
	return false
}

// foundBefore tells whether every mention of phrase pi found so far
// ends before token i: a mention found near from i is another.
func (sc *scratch) foundBefore(pi, i int32) bool {
	for _, h := range sc.hits {
		if h.phrase == pi && h.last >= i {
			return false
		}
	}
	return true
}

// holdsAll tells whether every word of p is in the message.
func (sc *scratch) holdsAll(p *phrase) bool {
	for _, id := range p.ids {
		if _, ok := sc.present[id]; !ok {
			return false
		}
	}
	return true
}

// nearAt tells whether the words of p are all in the window that starts
// at token i, which holds one of them, and where the last one is.
func (c *Classifier) nearAt(sc *scratch, i int, p *phrase) (last int, used uint64, ok bool) {
	end := min(len(sc.toks), i+len(p.ids)+nearGap)
	last, from := i, i
	// The words an ignore line covers take no part in what it hides: a
	// danger's phrase is not found across a safety list's ignored words,
	// nor a need's across an area list's.
	hidden := hideDanger
	if p.plain {
		hidden = hideNeed
	}
	for n, id := range p.ids {
		j := -1
		stop := end
		if p.glued&(1<<n) != 0 {
			stop = min(end, from+1) // right after the word before
		}
		for k := from; k < stop; k++ {
			t := &sc.toks[k]
			if used&(1<<(k-i)) == 0 && t.hidden&hidden == 0 && t.is(id) {
				j = k
				break
			}
		}
		if j < 0 {
			return 0, 0, false
		}
		used |= 1 << (j - i)
		last = max(last, j)
		if p.ordered {
			from = j + 1
		}
	}
	if used&1 == 0 {
		return 0, 0, false // the window must start with one of the words
	}
	// All inside one phrase found side by side: counted already, unless
	// it is a sign, which the longer phrase may not be ("has not paid us"
	// holds the sign "not paid"; applyNear skips what it counted).
	// Nor is an everyday phrase ("grobnik zorblat frimmel") a reason to
	// drop a danger inside it.
	h := sc.toks[i].hit
	if h >= 0 && !p.signs && (p.plain || !c.phr[sc.hits[h].phrase].plain) {
		inside := true
		for k := i; k <= last; k++ {
			if used&(1<<(k-i)) != 0 && sc.toks[k].hit != h {
				inside = false
				break
			}
		}
		if inside {
			return 0, 0, false
		}
	}
	return last, used, true
}
