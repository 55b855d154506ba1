package triage

// detect tells the language of the tokenised message: the script first,
// then, among the languages of that script, the words and letters that
// are theirs. lang is a supported language or ""; detected is the
// language recognised, supported or not, or "".
func (c *Classifier) detect(sc *scratch) (lang, detected string, conf float64) {
	var letters [numScripts]int32
	for i := range sc.toks {
		if t := &sc.toks[i]; !t.masked && t.script != scSymbol {
			letters[t.script] += t.runes
		}
	}
	if sum(letters[1:]) == 0 {
		// Nothing but numbers, emoji, or Italian administrative words,
		// which people write in every language.
		return "", "", 0
	}
	// The script with the most letters first; when its languages do not
	// tell, the next: "ကူညီပါ Milano Centrale" (help, and a station's
	// name) is Burmese though the Latin letters are more.
	tried := [numScripts]bool{}
	first := -1.0 // the confidence of the dominant script's answer
	for {
		dom := scLatin
		for s := scLatin; s < numScripts; s++ {
			if !tried[s] && (tried[dom] || letters[s] > letters[dom]) {
				dom = s
			}
		}
		if tried[dom] || letters[dom] == 0 {
			return "", "", first
		}
		tried[dom] = true
		if lang, detected, conf = c.detectIn(sc, dom, letters[dom]); detected != "" {
			return lang, detected, conf
		}
		if first < 0 {
			first = conf
		}
	}
}

// detectIn tells the language of the message among the languages of
// script dom, which has n letters in it.
func (c *Classifier) detectIn(sc *scratch, dom script, n int32) (lang, detected string, conf float64) {
	if dom == scHan && sc.h.kana > 0 {
		return "", "ja", 0.1 // Japanese
	}
	cands := c.byScript[dom]
	switch len(cands) {
	case 0:
		return "", "", 0
	case 1:
		// The only language of its script (Chinese, Bengali, Punjabi in
		// Gurmukhi).
		l := c.langs[cands[0]]
		conf := 0.7
		if n >= 2 {
			conf = 0.95
		}
		if !l.supported {
			return "", l.code, 0
		}
		return l.code, l.code, conf
	}
	sc.lang = [maxLangs]float32{}
	if !dom.spelled() {
		// The "words" of a script without spaces are its letters, which
		// its languages share (Burmese, Shan, Karen and Mon): there the
		// letters only one of them uses (@letters) and the prior tell.
		c.wordScores(sc, dom)
	}
	for _, l := range cands {
		sc.lang[l] += sc.h.lang[dom][l]
		if c.langs[l].scripts[0] == dom {
			sc.lang[l] += c.langs[l].prior
		}
	}
	b, s := -1, -1
	for _, l := range cands {
		switch {
		case b < 0 || sc.lang[l] > sc.lang[b]:
			b, s = l, b
		case s < 0 || sc.lang[l] > sc.lang[s]:
			s = l
		}
	}
	s1, s2 := sc.lang[b], sc.lang[s]
	conf = float64((s1 - s2) / (s1 + 0.5))
	if s1 < minLangScore || conf < minLangConf {
		return "", "", min(conf, minLangConf) / 2
	}
	if !c.langs[b].supported {
		return "", c.langs[b].code, min(conf, minLangConf) / 2
	}
	return c.langs[b].code, c.langs[b].code, min(conf, 0.99)
}

func sum(v []int32) int32 {
	var n int32
	for _, x := range v {
		n += x
	}
	return n
}

// wordScores adds the known words of script dom to sc.lang; unknown Latin
// words vote through their letter trigrams.
func (c *Classifier) wordScores(sc *scratch, dom script) {
	for i := range sc.toks {
		t := &sc.toks[i]
		if t.script != dom {
			continue
		}
		if t.masked {
			continue
		}
		s := sc.text(t)
		if w := c.langWords[string(s)]; w != nil {
			for l, v := range w {
				sc.lang[l] += v
			}
			continue
		}
		if dom != scLatin || t.runes < 3 {
			continue
		}
		c.trigramVote(sc, s)
	}
}

func (c *Classifier) trigramVote(sc *scratch, s []byte) {
	sc.tri = append(append(append(sc.tri[:0], '_'), s...), '_')
	var ll [maxLangs]float32
	latin := c.triLangs
	n := 0
	for i := 0; i+3 <= len(sc.tri); i++ { // Latin words here are ASCII after folding, mostly
		v := c.trigrams[string(sc.tri[i:i+3])]
		n++
		for _, l := range latin {
			if v != nil {
				ll[l] += v[l]
			} else {
				ll[l] += c.triMiss[l]
			}
		}
	}
	if n == 0 {
		return
	}
	b, b2 := -1, -1
	for _, l := range latin {
		switch {
		case b < 0 || ll[l] > ll[b]:
			b, b2 = l, b
		case b2 < 0 || ll[l] > ll[b2]:
			b2 = l
		}
	}
	if (ll[b]-ll[b2])/float32(n) > 0.3 {
		sc.lang[b] += trigramWeight
	}
}
