package triage

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lexicon files are of two kinds. The area lexicons, data/<area>.tsv,
// have one entry per line, fields separated by tabs:
//
//	topic  weight  lang  phrase | phrase | ...
//
// The safety lists, data/safety/<lang>.tsv (any.tsv for all languages),
// one file per language so that a desk's safeguarding staff can review
// theirs, have the language in the file name:
//
//	kind  weight  phrase | phrase | ...
//
// where kind is an urgent kind (urgentNames), "person" (asks for a person)
// or "ignore"; data/safety/README.md explains them for reviewers.
//
// In an area lexicon, topic "-" scores the area only and "ignore" marks
// words that contain a listed word but mean something else ("工作人员",
// staff, holds "工作", work): matched first, they shadow the shorter phrase
// of the area lists and weigh nothing (a safety list's "ignore" shadows
// those of the safety lists: hideDanger, hideNeed). lang is the language of the phrases ("*" for words
// shared by all, like "cv" or "isee"): their words count, weakly, as
// evidence of that language. A phrase starting with "~" is an Italian
// administrative term (permesso di soggiorno, codice fiscale): it weighs
// for triage but not for language, since it appears inside every language.
// A phrase starting with "=" counts only when it is the whole message (digits,
// punctuation and emoji aside): "aiuto!" alone is a cry for help, "aiuto per
// il curriculum" is not.
// A word ending with "*" is a stem: it matches any word starting with it.
// A word in capitals (two letters or more) is an acronym: "DID", "CAS" and
// "SAI" are also everyday words (English "did", French "cas", Italian
// "sai"), so they count only where the message writes them in capitals
// (unless the whole message is in capitals); to take the lower-case form
// too, list it with the words around it that make it an acronym ("la did",
// "centro cas").
//
// The words of a phrase of several words may also be found near each other
// rather than side by side (see matchNear).

// contentLangWeight is how much a lexicon word says about its language,
// against 1 for a word of data/lang/<code>.txt.
const contentLangWeight = 0.5

type builder struct {
	c         *Classifier
	fsys      fs.FS
	langCount map[string][]float32 // word -> weight per language, before sharing
	phraseIdx map[string]int       // normalised phrase -> index in c.phr
	where     string               // file:line of the entry being read
	triCount  []map[string]float32
	sc        scratch
	signUse   map[int8]string // sign -> where it is first listed
	ruleUse   map[int8]string // sign -> the first rule using it
}

func newBuilder(c *Classifier, fsys fs.FS) *builder {
	return &builder{c: c, fsys: fsys, langCount: map[string][]float32{}, phraseIdx: map[string]int{}}
}

// loadLexicons reads the area lexicons and the safety lists of fsys and,
// when extra is not nil, the lines a deployment adds in files of the same
// names there (all optional).
func (b *builder) loadLexicons(fsys, extra fs.FS) error {
	for i, name := range areaNames {
		p := path.Join("data", name+".tsv")
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("triage: %w", err)
		}
		if err := b.parseLexicon(p, raw, i); err != nil {
			return err
		}
		if extra == nil {
			continue
		}
		raw, err = fs.ReadFile(extra, name+".tsv")
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return fmt.Errorf("triage: extra lexicon: %w", err)
		default:
			if err := b.parseLexicon("extra "+name+".tsv", raw, i); err != nil {
				return err
			}
		}
	}
	if err := b.loadSafety(fsys, "data/safety", true); err != nil {
		return err
	}
	if err := b.loadKinds(fsys, kindsFile, true); err != nil {
		return err
	}
	if extra != nil {
		if err := b.loadKinds(extra, "safety/kinds.txt", false); err != nil {
			return err
		}
		return b.loadSafety(extra, "safety", false)
	}
	return nil
}

// kindsFile says, for each urgent kind, whether a message can half tell
// it (Result.Concern), and in which order the kinds win over each other
// when a message weighs as much of several (precedence): the safeguarding
// lead's choices, so data.
const kindsFile = "data/safety/kinds.txt"

// loadKinds reads the kinds file of fsys at p: "kind <tab> yes|no", every
// kind once, in the order of precedence, distress last. The deployment's
// (required false) is optional and may list only the kinds it changes;
// when it lists every kind, its order is the precedence too.
func (b *builder) loadKinds(fsys fs.FS, p string, required bool) error {
	raw, err := fs.ReadFile(fsys, p)
	switch {
	case !required && errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("triage: %w", err)
	}
	name := p
	if !required {
		name = "extra " + p
	}
	seen := map[string]int{}
	var order []int8
	err = b.lines(name, raw, 2, func(n int, f []string) error {
		kind := strings.TrimSpace(f[0])
		k := slices.Index(urgentNames[:], kind)
		if k < 0 {
			return fmt.Errorf("unknown kind %q (want one of %s)", kind, strings.Join(urgentNames[:], ", "))
		}
		if at, ok := seen[kind]; ok {
			return fmt.Errorf("kind %s listed again (first on line %d)", kind, at)
		}
		seen[kind] = n
		order = append(order, int8(k))
		switch strings.TrimSpace(f[1]) {
		case "yes":
			b.c.halfTold[k] = true
		case "no":
			b.c.halfTold[k] = false
		default:
			return fmt.Errorf("kind %s: half-told is %q, want yes or no", kind, f[1])
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(order) < numUrgent {
		if required {
			for _, k := range urgentNames {
				if _, ok := seen[k]; !ok {
					return fmt.Errorf("triage: %s: kind %s is not listed (say yes or no)", name, k)
				}
			}
		}
		return nil // a deployment's change of some kinds keeps the order
	}
	// A bare cry for help says nothing of what happens: any other kind
	// told in the same message says more, whatever it weighs (decide).
	if last := order[numUrgent-1]; int(last) != distress {
		return fmt.Errorf("triage: %s:%d: %s is listed last, but distress must be (a cry that says nothing else yields to any kind told with it)", name, seen[urgentNames[last]], urgentNames[last])
	}
	for rank, k := range order {
		b.c.rank[k] = int8(rank)
	}
	return nil
}

// loadSafety reads the safety lists of dir, one file per language.
func (b *builder) loadSafety(fsys fs.FS, dir string, required bool) error {
	names, err := fs.Glob(fsys, dir+"/*.tsv")
	if err != nil {
		return fmt.Errorf("triage: %w", err)
	}
	if required && len(names) == 0 {
		return fmt.Errorf("triage: no safety lists in %s", dir)
	}
	for _, p := range names {
		code := strings.TrimSuffix(path.Base(p), ".tsv")
		lang := -1
		if code != "any" {
			if lang = b.c.langIndex(code); lang < 0 {
				return fmt.Errorf("triage: %s: unknown language %q (it needs data/lang/%s.txt)", p, code, code)
			}
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("triage: %w", err)
		}
		name := p
		if !required {
			name = "extra " + p // the deployment's own lines
		}
		if err := b.parseSafety(name, raw, lang); err != nil {
			return err
		}
	}
	return nil
}

// lines calls f with the fields of each entry of a lexicon file.
func (b *builder) lines(name string, raw []byte, want int, f func(n int, fields []string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != want {
			return fmt.Errorf("triage: %s:%d: want %d tab-separated fields, got %d", name, n, want, len(fields))
		}
		b.where = fmt.Sprintf("%s:%d", name, n)
		if err := f(n, fields); err != nil {
			return fmt.Errorf("triage: %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func parseWeight(s string) (float32, error) {
	w, err := strconv.ParseFloat(strings.TrimSpace(s), 32)
	if err != nil || w < 0 || w > 10 {
		return 0, fmt.Errorf("bad weight %q", s)
	}
	return float32(w), nil
}

func (b *builder) parseLexicon(name string, raw []byte, area int) error {
	return b.lines(name, raw, 4, func(_ int, f []string) error {
		w, err := parseWeight(f[1])
		if err != nil {
			return err
		}
		lang := -1
		if f[2] != "*" {
			if lang = b.c.langIndex(f[2]); lang < 0 {
				return fmt.Errorf("unknown language %q", f[2])
			}
		}
		e := effect{area: int8(area), topic: -1, urgent: -1, sign: -1, lang: -1, weight: w}
		switch f[0] {
		case "-":
		case "ignore":
			e = effect{area: -1, topic: -1, urgent: -1, sign: -1, lang: -1, ignore: true, hides: hideNeed}
		default:
			if e.topic, err = topicIndex(area, f[0]); err != nil {
				return err
			}
		}
		if !e.ignore && w == 0 {
			return fmt.Errorf("bad weight %q", f[1])
		}
		return b.addPhrases(f[3], lang, e, nil)
	})
}

func (b *builder) parseSafety(name string, raw []byte, lang int) error {
	return b.lines(name, raw, 3, func(_ int, f []string) error {
		w, err := parseWeight(f[1])
		if err != nil {
			return err
		}
		e := effect{area: -1, topic: -1, urgent: -1, sign: -1, lang: -1, weight: w}
		var also *effect
		kind := strings.TrimSpace(f[0])
		if isRule(f[2]) {
			return b.addRules(kind, w, f[2])
		}
		switch {
		case strings.HasPrefix(kind, "@"):
			if e.sign, err = b.signIndex(kind); err != nil {
				return err
			}
			e.lang = int8(lang)
			if b.signUse == nil {
				b.signUse = map[int8]string{}
			}
			if _, ok := b.signUse[e.sign]; !ok {
				b.signUse[e.sign] = b.where
			}
		case kind == "ignore":
			e = effect{area: -1, topic: -1, urgent: -1, sign: -1, lang: -1, ignore: true, hides: hideDanger}
		case kind == "person":
			e.person = true
		case kind == "calm":
			e.calm = true
		default:
			k := slices.Index(urgentNames[:], kind)
			if k < 0 {
				return fmt.Errorf("unknown kind %q (want one of %s, person, calm, ignore or a @sign)", kind, strings.Join(urgentNames[:], ", "))
			}
			e.urgent = int8(k)
			// Signs of exploitation or of a medical emergency also tell
			// the area, even when too weak to be urgent on their own.
			switch kind {
			case "exploitation":
				also = &effect{area: 1, topic: -1, urgent: -1, sign: -1, lang: -1, weight: w, echo: true}
				also.topic, _ = topicIndex(1, "exploitation")
			case "medical":
				also = &effect{area: 2, topic: -1, urgent: -1, sign: -1, lang: -1, weight: w, echo: true}
			}
		}
		if !e.ignore && w == 0 {
			return fmt.Errorf("bad weight %q", f[1])
		}
		return b.addPhrases(f[2], lang, e, also)
	})
}

// isRule tells a rule line, whose phrases are signs ("@minor @harm").
func isRule(list string) bool {
	return strings.HasPrefix(strings.TrimSpace(list), "@")
}

// signIndex returns the index of sign name ("@minor"), adding it.
func (b *builder) signIndex(name string) (int8, error) {
	n := strings.TrimPrefix(name, "@")
	if n == "" || strings.IndexFunc(n, func(r rune) bool { return (r < 'a' || r > 'z') && r != '_' }) >= 0 {
		return -1, fmt.Errorf("bad sign %q (want @ and lower-case letters)", name)
	}
	if i := slices.Index(b.c.signs, n); i >= 0 {
		return int8(i), nil
	}
	if len(b.c.signs) == maxSigns {
		return -1, fmt.Errorf("sign %q: more than %d signs", name, maxSigns)
	}
	b.c.signs = append(b.c.signs, n)
	return int8(len(b.c.signs) - 1), nil
}

// addRules reads a rule line: urgent kind, weight, and alternatives of
// terms that must all be found, signs or urgent kinds ("@minor @harm |
// @minor medical"), at least one a sign.
func (b *builder) addRules(kind string, w float32, list string) error {
	k := slices.Index(urgentNames[:], kind)
	if k < 0 {
		return fmt.Errorf("a rule (%q) makes an urgent kind, not %q", list, kind)
	}
	if w == 0 {
		return fmt.Errorf("bad weight 0")
	}
	r := rule{kind: int8(k), weight: w, src: b.where}
	for _, alt := range strings.Split(list, "|") {
		t := terms{src: strings.TrimSpace(alt)}
		words := strings.Fields(alt)
		// A sign alone is a rule only under the condition that no everyday
		// need is named ("the rent is killing me" is an idiom, "he is
		// killing me" is not): without it, it would be a phrase.
		noArea := strings.Count(" "+alt+" ", " "+noAreaTerm+" ")
		if n := len(words) - noArea; n < 2 && (n < 1 || noArea == 0) {
			return fmt.Errorf("rule %q: join two terms or more (or one sign with %s)", strings.TrimSpace(alt), noAreaTerm)
		}
		for _, name := range words {
			if name == noAreaTerm {
				t.noArea = true
				continue
			}
			if k := slices.Index(urgentNames[:], name); k >= 0 {
				t.kinds |= 1 << k
				continue
			}
			if !strings.HasPrefix(name, "@") {
				return fmt.Errorf("rule %q: %q is neither a @sign nor an urgent kind", strings.TrimSpace(alt), name)
			}
			i, err := b.signIndex(name)
			if err != nil {
				return err
			}
			t.mask |= 1 << i
			if b.ruleUse == nil {
				b.ruleUse = map[int8]string{}
			}
			if _, ok := b.ruleUse[i]; !ok {
				b.ruleUse[i] = b.where
			}
		}
		if t.mask == 0 {
			return fmt.Errorf("rule %q: name a @sign", t.src)
		}
		r.alts = append(r.alts, t)
	}
	b.c.rules = append(b.c.rules, r)
	return nil
}

// checkSigns refuses a sign no rule uses, or a rule's sign no line lists:
// both are a misspelt name, and a sign that joins nothing would silently
// weigh nothing. A sign the code itself reads (unwellSign) needs no rule.
// unwellSign is a sign the classifier reads by name, with no rule: the
// writer feeling their body harmed (fainting, vomiting) ends a figure of
// heat's calm as @harm does (New, harmSigns).
const unwellSign = "unwell"

func (b *builder) checkSigns() error {
	for i, name := range b.c.signs {
		listed, used := b.signUse[int8(i)], b.ruleUse[int8(i)]
		if used == "" && name == unwellSign {
			used = "the code"
		}
		switch {
		case listed == "":
			return fmt.Errorf("triage: %s: sign @%s is listed on no line", used, name)
		case used == "":
			return fmt.Errorf("triage: %s: sign @%s is used by no rule", listed, name)
		}
	}
	return nil
}

// addPhrases adds each phrase of a "|" list with effect e (and also).
func (b *builder) addPhrases(list string, lang int, e effect, also *effect) error {
	for _, ph := range strings.Split(list, "|") {
		if err := b.addPhrase(strings.TrimSpace(ph), lang, e); err != nil {
			return err
		}
		if also != nil {
			if err := b.addPhrase(strings.TrimSpace(ph), -1, *also); err != nil {
				return err
			}
		}
	}
	return nil
}

// addPhrase normalises a lexicon phrase word by word, the way messages are.
func (b *builder) addPhrase(ph string, lang int, e effect) error {
	if ph == "" {
		return nil
	}
	e.whole = strings.HasPrefix(ph, "=")
	ph = strings.TrimPrefix(ph, "=")
	neutral := strings.HasPrefix(ph, "~")
	ph = strings.TrimPrefix(ph, "~")
	// Its words written without spaces cut messages into words (segment);
	// an ignore line's hide what is inside them, as common words do.
	if e.ignore {
		b.addWords(ph, dictCommon)
	} else {
		b.addWords(ph, dictList)
	}
	var ids []int32
	var key strings.Builder
	ordered := false // unspaced scripts: one character a word, their order matters
	// glued marks the kana of a phrase that must follow the character
	// before them in the message (bit i: ids[i]), as they follow it in the
	// phrase's word: a Japanese word is its characters side by side
	// ("しにたい"), or "買い物しに行きたい" (I want to go shopping) would hold
	// "しにたい" (I want to die) a kana at a time; Han characters and the
	// words of a phrase may still have others between them.
	var glued uint64
	spelled := false // letters of an alphabet without spaces: found whole only
	loose := 0       // words that are short stems in an alphabet (ma*, да*)
	strict := false  // holds an age: side by side only
	for _, w := range strings.Fields(ph) {
		if w == ageWord {
			ids = append(ids, b.id(b.c.vocab, ageWord))
			key.WriteString(ageWord + " ")
			strict = true
			continue
		}
		stem := strings.HasSuffix(w, "*")
		w = strings.TrimSuffix(w, "*")
		if isAcronym(w) && !stem {
			b.c.tokenize(w, &b.sc)
			if len(b.sc.toks) != 1 {
				return fmt.Errorf("phrase %q: acronym %q is not one word", ph, w)
			}
			s := string(b.sc.text(&b.sc.toks[0]))
			ids = append(ids, b.id(b.c.acronyms, s))
			key.WriteString(w + " ")
			continue
		}
		b.c.addSymbols(w)
		b.c.tokenize(w, &b.sc)
		if len(b.sc.toks) == 0 {
			return fmt.Errorf("phrase %q: word %q is empty after normalisation", ph, w)
		}
		for i := range b.sc.toks {
			t := &b.sc.toks[i]
			s := string(b.sc.text(t))
			ordered = ordered || t.script.unspaced()
			spelled = spelled || t.script.spelled()
			if i > 0 && t.script == scKana && len(ids) < 64 {
				glued |= 1 << len(ids)
			}
			// A stem of an unspaced script is its characters: every
			// character is a word, and what follows them is other words.
			if stem && i == len(b.sc.toks)-1 && !t.script.unspaced() {
				// A Hangul syllable is a consonant and a vowel at least:
				// "살*" (years old, with its endings: 살이에요, 살인데).
				if t.runes < 2 && t.script != scHangul {
					return fmt.Errorf("phrase %q: stem %q too short", ph, w)
				}
				if t.runes < 3 && (t.script == scLatin || t.script == scCyrillic || t.script == scArabic) || t.runes < 2 {
					loose++
				}
				ids = append(ids, b.id(b.c.prefixes, s))
				b.c.maxPre = max(b.c.maxPre, int(t.runes))
				key.WriteString(s + "* ")
				continue
			}
			ids = append(ids, b.id(b.c.vocab, s))
			key.WriteString(s + " ")
			if lang >= 0 && t.script == scLatin && b.c.langs[lang].scripts[0] != scLatin && t.runes >= skeletonMin {
				b.c.addSkeleton(s, ids[len(ids)-1])
			}
			if lang >= 0 && !neutral && !t.script.unspaced() {
				b.langWord(s, lang, contentLangWeight)
			}
		}
	}
	if strict && len(ids) < 2 {
		return fmt.Errorf("phrase %q: an age (%s) needs a word with it (\"ho # anni\")", ph, ageWord)
	}
	if loose == len(ids) {
		// "ma*" alone matches a great many words of every language written
		// in that alphabet; next to a full word ("ma* bixiyo") it is fine.
		return fmt.Errorf("phrase %q: only stems of two letters; add a whole word", ph)
	}
	limit := maxPhraseWords
	if spelled {
		limit = maxSpelled
	}
	if len(ids) > limit {
		return fmt.Errorf("phrase %q: more than %d words", ph, limit)
	}
	k := key.String()
	i, ok := b.phraseIdx[k]
	if !ok {
		i = len(b.c.phr)
		b.phraseIdx[k] = i
		b.c.phr = append(b.c.phr, phrase{ids: ids, neutral: neutral, ordered: ordered, spelled: spelled, glued: glued, src: b.where + " " + strings.TrimSpace(ph)})
		b.c.phrases[ids[0]] = append(b.c.phrases[ids[0]], int32(i))
	}
	p := &b.c.phr[i]
	p.neutral = p.neutral || neutral
	p.hides |= e.hides
	if len(ids) > 1 && !e.whole && !e.ignore && !p.near && !strict && !spelled {
		p.near = true
		for _, id := range ids {
			if !slices.Contains(b.c.near[id], int32(i)) {
				b.c.near[id] = append(b.c.near[id], int32(i))
			}
		}
	}
	// The same phrase listed for several languages counts once.
	for k, old := range p.effects {
		if old.area == e.area && old.topic == e.topic && old.urgent == e.urgent && old.sign == e.sign && old.lang == e.lang && old.person == e.person && old.calm == e.calm && old.ignore == e.ignore && old.hides == e.hides && old.whole == e.whole {
			p.effects[k].weight = max(old.weight, e.weight)
			// Listed in an area list too, it names a need.
			p.effects[k].echo = old.echo && e.echo
			return nil
		}
	}
	p.plain = (len(p.effects) == 0 || p.plain) && e.everyday()
	p.everyday = p.everyday || e.everyday()
	p.needOnly = (len(p.effects) == 0 || p.needOnly) && (e.everyday() || e.hides == hideNeed)
	p.effects = append(p.effects, e)
	p.signs = p.signs || e.sign >= 0
	return nil
}

// id returns the id of word in m, adding it. Words and stems share one id
// space so a phrase can mix them.
func (b *builder) id(m map[string]int32, word string) int32 {
	if id, ok := m[word]; ok {
		return id
	}
	id := int32(len(b.c.vocab) + len(b.c.prefixes) + len(b.c.acronyms))
	m[word] = id
	return id
}

// addSymbols makes the pictographs of a lexicon word (🆘) words of
// their own in messages.
func (c *Classifier) addSymbols(w string) {
	for _, r := range w {
		if isPictograph(r) {
			if c.symbols == nil {
				c.symbols = map[rune]bool{}
			}
			c.symbols[r] = true
		}
	}
}

// isAcronym tells a lexicon word written in capitals: two letters or more,
// none in lower case.
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			n++
		}
	}
	return n >= 2
}

func (b *builder) langWord(word string, lang int, w float32) {
	v := b.langCount[word]
	if v == nil {
		v = make([]float32, b.c.nLangs)
		b.langCount[word] = v
	}
	v[lang] = max(v[lang], w)
}

// loadLanguages adds the frequent words of each language
// (data/lang/<code>.txt).
func (b *builder) loadLanguages(files []langFile) {
	frequent := map[string]langSet{} // word -> the languages it is a frequent word of
	for l, f := range files {
		for _, w := range f.words {
			b.addWords(w, dictCommon)
			b.c.tokenize(w, &b.sc)
			for i := range b.sc.toks {
				s := string(b.sc.text(&b.sc.toks[i]))
				b.langWord(s, l, 1)
				frequent[s] = frequent[s].with(l)
			}
		}
		// Read after the danger lists, which made them words of l.
		for _, w := range f.notWords {
			b.c.tokenize(w, &b.sc)
			for i := range b.sc.toks {
				if v := b.langCount[string(b.sc.text(&b.sc.toks[i]))]; v != nil {
					v[l] = 0
				}
			}
		}
	}
	b.localSigns(frequent)
}

// langSet is a set of languages by index, of any size: the lists have
// more languages than a machine word has bits (a uint32 mask dropped
// every language past the 32nd, so their frequent words never kept a
// one-word sign of another list to its own language).
type langSet []uint64

func (s langSet) with(l int) langSet {
	for len(s) <= l/64 {
		s = append(s, 0)
	}
	s[l/64] |= 1 << (l % 64)
	return s
}

// hasOther tells whether s holds a language other than l.
func (s langSet) hasOther(l int) bool {
	for i, w := range s {
		if i == l/64 && l >= 0 {
			w &^= 1 << (l % 64)
		}
		if w != 0 {
			return true
		}
	}
	return false
}

// localSigns lets a sign count in any language, unless each of its words
// is also a frequent word of another language ("son", a son in English,
// is "his" in French; "ai da", beaten in Pinyin, is found near in Italian
// "da mangiare ai bambini", since the words of a phrase are found in any
// order): then it counts only in a message of its own language
// (effect.lang). A sign with a word of its own, as most are, still counts
// in the languages near its own that have no list, or that are read for
// it (a Roman Hindi message read as Urdu, Azerbaijani that Turkish lists
// cover).
func (b *builder) localSigns(frequent map[string]langSet) {
	word := make(map[int32]string, len(b.c.vocab))
	for w, id := range b.c.vocab {
		word[id] = w
	}
	for i := range b.c.phr {
		p := &b.c.phr[i]
		for k := range p.effects {
			e := &p.effects[k]
			if e.sign < 0 || e.lang < 0 {
				continue
			}
			if !allFrequentElsewhere(p.ids, word, frequent, int(e.lang)) {
				e.lang = -1
			}
		}
	}
}

// allFrequentElsewhere tells whether every word of ids is a frequent word
// of a language other than lang.
func allFrequentElsewhere(ids []int32, word map[int32]string, frequent map[string]langSet, lang int) bool {
	for _, id := range ids {
		w, ok := word[id]
		if !ok || !frequent[w].hasOther(lang) {
			return false
		}
	}
	return len(ids) > 0
}

// finish shares each word's language weight among the languages that have
// it, builds the trigram profiles of the Latin-script languages and the
// deletion index for typos.
func (b *builder) finish() {
	c := b.c
	c.age = -1
	c.help = int8(slices.Index(c.signs, "help"))
	if id, ok := c.vocab[ageWord]; ok {
		c.age = id
	}
	b.triCount = make([]map[string]float32, c.nLangs)
	c.triMiss = make([]float32, c.nLangs)
	for l := range b.triCount {
		b.triCount[l] = map[string]float32{}
	}
	for w, v := range b.langCount {
		n := float32(0)
		for _, x := range v {
			if x > 0 {
				n++
			}
		}
		for l := range v {
			v[l] /= n
		}
		c.langWords[w] = v
		if r, _ := utf8.DecodeRuneInString(w); r >= 0x80 || r < 'a' {
			continue
		}
		for l, x := range v {
			if x > 0 && !c.langs[l].wordsOnly {
				forTrigrams("_"+w+"_", func(t string) { b.triCount[l][t] += 1 })
			}
		}
	}
	for l, m := range b.triCount {
		total := float32(0)
		for _, n := range m {
			total += n
		}
		if total == 0 {
			continue
		}
		if slices.Contains(c.byScript[scLatin], l) {
			c.triLangs = append(c.triLangs, l)
		}
		den := total + 0.1*float32(len(m)+1000)
		c.triMiss[l] = float32(math.Log(float64(0.1 / den)))
		for t, n := range m {
			v := c.trigrams[t]
			if v == nil {
				v = make([]float32, c.nLangs)
				c.trigrams[t] = v
			}
			v[l] = float32(math.Log(float64((n + 0.1) / den)))
		}
	}
	for t, v := range c.trigrams {
		for l := range v {
			if v[l] == 0 {
				v[l] = c.triMiss[l]
			}
		}
		c.trigrams[t] = v
	}
	c.wordOf = make([]string, len(c.vocab)+len(c.prefixes)+len(c.acronyms))
	for w, id := range c.vocab {
		c.wordOf[id] = w
	}
	for w, id := range c.vocab {
		if utf8.RuneCountInString(w) < fuzzyMinLexicon {
			continue
		}
		// The word itself is a key too, so that a message word with one
		// letter too many finds it through its own deletions.
		c.deletes[w] = append(c.deletes[w], id)
		forDeletions(w, func(d string) {
			if !containsID(c.deletes[d], id) {
				c.deletes[d] = append(c.deletes[d], id)
			}
		})
	}
	// The words were visited in the map's random order; fuzzy takes the
	// first candidate one edit away, so the candidates go in the order
	// the words were listed: the same message reads the same way in
	// every process ("يموتني" was now one listed word, now another).
	for _, ids := range c.deletes {
		slices.Sort(ids)
	}
}

func containsID(s []int32, id int32) bool {
	for _, x := range s {
		if x == id {
			return true
		}
	}
	return false
}

func forTrigrams(s string, f func(string)) {
	var at [64]int
	n := 0
	for i := range s {
		if n == len(at) {
			break
		}
		at[n] = i
		n++
	}
	for i := 0; i+3 <= n; i++ {
		end := len(s)
		if i+3 < n {
			end = at[i+3]
		}
		f(s[at[i]:end])
	}
}

func forDeletions(s string, f func(string)) {
	for i, r := range s {
		f(s[:i] + s[i+utf8.RuneLen(r):])
	}
}
