package triage

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lexicon files (data/<area>.tsv and data/urgent.tsv) have one entry per
// line, fields separated by tabs:
//
//	topic-or-kind  weight  lang  phrase | phrase | ...
//
// topic "-" scores the area only. lang is the language of the phrases ("*"
// for words shared by all, like "cv" or "isee"): their words count, weakly,
// as evidence of that language. A phrase starting with "~" is an Italian
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

// contentLangWeight is how much a lexicon word says about its language,
// against 1 for a word of data/lang/<code>.txt.
const contentLangWeight = 0.5

type builder struct {
	c         *Classifier
	fsys      fs.FS
	langCount map[string][]float32 // word -> weight per language, before sharing
	phraseIdx map[string]int       // normalised phrase -> index in c.phr
	triCount  []map[string]float32
	sc        scratch
}

func newBuilder(c *Classifier, fsys fs.FS) *builder {
	return &builder{c: c, fsys: fsys, langCount: map[string][]float32{}, phraseIdx: map[string]int{}}
}

func (b *builder) loadLexicons() error {
	files := []string{"urgent"}
	files = append(files, areaNames[:]...)
	for _, name := range files {
		p := path.Join("data", name+".tsv")
		raw, err := fs.ReadFile(b.fsys, p)
		if err != nil {
			return fmt.Errorf("triage: %w", err)
		}
		area := -1
		for i, a := range areaNames {
			if a == name {
				area = i
			}
		}
		if err := b.parseLexicon(p, raw, area); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) parseLexicon(name string, raw []byte, area int) error {
	sc := bufio.NewScanner(bytes.NewReader(raw))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return fmt.Errorf("triage: %s:%d: want 4 tab-separated fields, got %d", name, n, len(f))
		}
		w, err := strconv.ParseFloat(f[1], 32)
		if err != nil || w <= 0 {
			return fmt.Errorf("triage: %s:%d: bad weight %q", name, n, f[1])
		}
		lang := -1
		if f[2] != "*" {
			if lang = b.c.langIndex(f[2]); lang < 0 {
				return fmt.Errorf("triage: %s:%d: unknown language %q", name, n, f[2])
			}
		}
		e := effect{area: -1, topic: -1, urgent: -1, weight: float32(w)}
		var also *effect
		if area < 0 {
			for k, u := range urgentNames {
				if u == f[0] {
					e.urgent = int8(k)
				}
			}
			if e.urgent < 0 {
				return fmt.Errorf("triage: %s:%d: unknown urgent kind %q", name, n, f[0])
			}
			// Signs of exploitation or of a medical emergency also tell
			// the area, even when too weak to be urgent on their own.
			switch f[0] {
			case "exploitation":
				also = &effect{area: 1, topic: -1, urgent: -1, weight: float32(w)}
				also.topic, _ = topicIndex(1, "exploitation")
			case "medical":
				also = &effect{area: 2, topic: -1, urgent: -1, weight: float32(w)}
			}
		} else {
			e.area = int8(area)
			if f[0] != "-" {
				if e.topic, err = topicIndex(area, f[0]); err != nil {
					return fmt.Errorf("triage: %s:%d: %w", name, n, err)
				}
			}
		}
		for _, ph := range strings.Split(f[3], "|") {
			if err := b.addPhrase(strings.TrimSpace(ph), lang, e); err != nil {
				return fmt.Errorf("triage: %s:%d: %w", name, n, err)
			}
			if also != nil {
				if err := b.addPhrase(strings.TrimSpace(ph), -1, *also); err != nil {
					return fmt.Errorf("triage: %s:%d: %w", name, n, err)
				}
			}
		}
	}
	return sc.Err()
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
	var ids []int32
	var key strings.Builder
	for _, w := range strings.Fields(ph) {
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
		b.c.tokenize(w, &b.sc)
		if len(b.sc.toks) == 0 {
			return fmt.Errorf("phrase %q: word %q is empty after normalisation", ph, w)
		}
		for i := range b.sc.toks {
			t := &b.sc.toks[i]
			s := string(b.sc.text(t))
			if stem && i == len(b.sc.toks)-1 {
				if t.runes < 2 {
					return fmt.Errorf("phrase %q: stem %q too short", ph, w)
				}
				ids = append(ids, b.id(b.c.prefixes, s))
				b.c.maxPre = max(b.c.maxPre, int(t.runes))
				key.WriteString(s + "* ")
				continue
			}
			ids = append(ids, b.id(b.c.vocab, s))
			key.WriteString(s + " ")
			if lang >= 0 && !neutral && t.script != scHan {
				b.langWord(s, lang, contentLangWeight)
			}
		}
	}
	k := key.String()
	i, ok := b.phraseIdx[k]
	if !ok {
		i = len(b.c.phr)
		b.phraseIdx[k] = i
		b.c.phr = append(b.c.phr, phrase{ids: ids, neutral: neutral})
		b.c.phrases[ids[0]] = append(b.c.phrases[ids[0]], int32(i))
	}
	p := &b.c.phr[i]
	p.neutral = p.neutral || neutral
	// The same phrase listed for several languages counts once.
	for k, old := range p.effects {
		if old.area == e.area && old.topic == e.topic && old.urgent == e.urgent && old.whole == e.whole {
			p.effects[k].weight = max(old.weight, e.weight)
			return nil
		}
	}
	p.effects = append(p.effects, e)
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
	for l, f := range files {
		for _, w := range f.words {
			b.c.tokenize(w, &b.sc)
			for i := range b.sc.toks {
				b.langWord(string(b.sc.text(&b.sc.toks[i])), l, 1)
			}
		}
	}
}

// finish shares each word's language weight among the languages that have
// it, builds the trigram profiles of the Latin-script languages and the
// deletion index for typos.
func (b *builder) finish() {
	c := b.c
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
			if x > 0 {
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
