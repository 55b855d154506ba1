package triage

// detect tells the language of the tokenised message: the script first,
// then, among the languages of that script, the words and letters that
// are theirs.
func (c *Classifier) detect(sc *scratch) (string, float64) {
	var letters [numScripts]int32
	for i := range sc.toks {
		if t := &sc.toks[i]; !t.masked {
			letters[t.script] += t.runes
		}
	}
	if sum(letters[1:]) == 0 {
		// Nothing but numbers, emoji, or Italian administrative words,
		// which people write in every language.
		return "", 0
	}
	dom := scLatin
	for s := scLatin; s < numScripts; s++ {
		if letters[s] > letters[dom] {
			dom = s
		}
	}
	sc.lang = [nLangs]float32{}
	switch dom {
	case scHan:
		if sc.h.kana > 0 {
			return "", 0.1 // Japanese
		}
		if letters[scHan] >= 2 {
			return "zh", 0.95
		}
		return "zh", 0.7
	case scBengali:
		return "bn", 0.95
	case scOther:
		return "", 0
	}
	c.wordScores(sc, dom)
	var cands []int
	switch dom {
	case scCyrillic:
		sc.lang[langUK] += 2 * float32(sc.h.uk)
		sc.lang[langRU] += 2 * float32(sc.h.ru)
		cands = cyrillicLangs[:]
	case scArabic:
		sc.lang[langAR] += 0.5 + 0.5*float32(sc.h.ar)
		sc.lang[langUR] += 1.5*float32(sc.h.ur) + 0.4*float32(sc.h.urfa)
		sc.lang[langFA] += 0.3 * float32(sc.h.urfa)
		cands = arabicLangs[:]
	default:
		for l, v := range sc.h.latin {
			sc.lang[l] += v
		}
		cands = latinLangs[:]
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
	conf := float64((s1 - s2) / (s1 + 0.5))
	if s1 < minLangScore || conf < minLangConf || b >= langRU {
		return "", min(conf, minLangConf) / 2
	}
	return langCodes[b], min(conf, 0.99)
}

var (
	latinLangs    = [...]int{langIT, langEN, langFR, langES, langSQ, langAR, langUR, langBN}
	cyrillicLangs = [...]int{langUK, langRU}
	arabicLangs   = [...]int{langAR, langUR, langFA}
)

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
	var ll [nLangs]float32
	n := 0
	for i := 0; i+3 <= len(sc.tri); i++ { // Latin words here are ASCII after folding, mostly
		v := c.trigrams[string(sc.tri[i:i+3])]
		n++
		for _, l := range latinLangs {
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
	for _, l := range latinLangs {
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
