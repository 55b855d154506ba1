package triage

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// A language is a file, data/lang/<code>.txt: its frequent words,
// whitespace separated, "#" comments, and directives that tell the
// detector what it needs to know of it:
//
//	@script latin arabic   scripts it is written in, its own first; it
//	                       competes with the other languages of the
//	                       script that dominates a message (the only
//	                       language of a script wins by the script alone)
//	@letters 1.5 ñ ¿ ¡     letters that point to it, weight per occurrence
//	                       (both cases counted)
//	@prior 0.5             weight it gets whenever its own script dominates
//	@unsupported           recognised only to answer "unsure" (de, ku), so
//	                       that it is not mistaken for a neighbour
//	@wordsonly             told by its words and letters alone, with no
//	                       trigram profile: a small file of frequent words
//	                       makes a profile whose unseen trigrams cost less
//	                       than a large one's, so it won the vote of the
//	                       unknown words of every Latin message (files for
//	                       Dutch, Slovak, Hungarian were left out for that)
//	@notwords suo rang     words its danger lists use that tell nothing of
//	                       it (Pinyin "suo", locked, is Italian "his"): a
//	                       list's words are otherwise words of its language
//	@alias tl              other codes that name it: the file is named after
//	                       the tag the catalogue uses (fil, as BCP 47
//	                       canonicalises tl), and a safety list or a corpus
//	                       written with an alias still reads
//
// Adding a language is adding its file (and lines for it in the lexicons);
// a new script also needs a case in fold.

// maxLangs bounds the languages, so that per-message scores are arrays
// (the safety nets of issue 12 brought the files past thirty).
const maxLangs = 96

// hintRunes bounds the letters that can be @letters (Latin, Cyrillic,
// Arabic; the Myanmar block, whose letters tell Shan, Karen and Mon from
// Burmese), so that the hint table is an array.
const hintRunes = 0x10A0

type langInfo struct {
	code      string
	aliases   []string
	supported bool
	wordsOnly bool     // no trigram profile (@wordsonly)
	scripts   []script // its own first
	prior     float32
}

// hintLetter is one @letters entry.
type hintLetter struct {
	r rune
	w float32
}

var scriptNames = map[string]script{
	"latin": scLatin, "cyrillic": scCyrillic, "arabic": scArabic, "bengali": scBengali, "han": scHan,
	"ethiopic": scEthiopic, "gurmukhi": scGurmukhi, "devanagari": scDevanagari,
	"thai": scThai, "lao": scLao, "khmer": scKhmer, "myanmar": scMyanmar, "kana": scKana,
	"hangul": scHangul, "georgian": scGeorgian, "armenian": scArmenian, "tamil": scTamil,
	"telugu": scTelugu, "malayalam": scMalayalam, "gujarati": scGujarati, "sinhala": scSinhala,
	"greek": scGreek,
	// Scripts fold has no constant for: their letters are kept as they
	// are (lower-cased) and all count as one "other" script, so the
	// languages written in them compete by their frequent words alone.
	"other": scOther,
}

// langFile is one parsed data/lang file.
type langFile struct {
	langInfo
	letters []hintLetter
	words   []string
	// notWords (@notwords) are words the language's danger lists use that
	// tell nothing of it: Pinyin "suo" (locked) is Italian "his".
	notWords []string
}

func readLangFiles(fsys fs.FS) ([]langFile, error) {
	names, err := fs.Glob(fsys, "data/lang/*.txt")
	if err != nil {
		return nil, fmt.Errorf("triage: %w", err)
	}
	slices.Sort(names)
	if len(names) > maxLangs {
		return nil, fmt.Errorf("triage: %d languages, at most %d", len(names), maxLangs)
	}
	out := make([]langFile, 0, len(names))
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("triage: %w", err)
		}
		f, err := parseLangFile(strings.TrimSuffix(path.Base(name), ".txt"), string(raw))
		if err != nil {
			return nil, fmt.Errorf("triage: %s:%w", name, err)
		}
		out = append(out, f)
	}
	return out, nil
}

func parseLangFile(code, raw string) (langFile, error) {
	f := langFile{langInfo: langInfo{code: code, supported: true}}
	for n, line := range strings.Split(raw, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if !strings.HasPrefix(line, "@") {
			f.words = append(f.words, strings.Fields(line)...)
			continue
		}
		fields := strings.Fields(line)
		bad := func(format string, a ...any) error {
			return fmt.Errorf("%d: %s", n+1, fmt.Sprintf(format, a...))
		}
		switch fields[0] {
		case "@script":
			for _, s := range fields[1:] {
				sc, ok := scriptNames[s]
				if !ok {
					return f, bad("unknown script %q", s)
				}
				f.scripts = append(f.scripts, sc)
			}
		case "@letters":
			if len(fields) < 3 {
				return f, bad("want @letters weight letter...")
			}
			w, err := strconv.ParseFloat(fields[1], 32)
			if err != nil || w <= 0 {
				return f, bad("bad weight %q", fields[1])
			}
			for _, s := range fields[2:] {
				for _, r := range s {
					if r >= hintRunes {
						return f, bad("letter %q beyond U+%04X", r, hintRunes)
					}
					f.letters = append(f.letters, hintLetter{r, float32(w)})
				}
			}
		case "@prior":
			w, err := strconv.ParseFloat(strings.Join(fields[1:], ""), 32)
			if err != nil || w < 0 {
				return f, bad("bad prior %q", line)
			}
			f.prior = float32(w)
		case "@unsupported":
			f.supported = false
		case "@wordsonly":
			f.wordsOnly = true
		case "@notwords":
			f.notWords = append(f.notWords, fields[1:]...)
		case "@alias":
			for _, a := range fields[1:] {
				if !langCode.MatchString(a) || a == code {
					return f, bad("bad alias %q", a)
				}
				f.aliases = append(f.aliases, a)
			}
		default:
			return f, bad("unknown directive %q", fields[0])
		}
	}
	if len(f.scripts) == 0 {
		return f, fmt.Errorf(" no @script")
	}
	return f, nil
}

// setLanguages installs the languages of files in c: codes, candidates per
// script and the letter hints.
func (c *Classifier) setLanguages(files []langFile) error {
	c.langs = make([]langInfo, len(files))
	c.hints = [][]hintWeight{nil} // index 0: no hint
	named := map[string]string{}  // code or alias -> file
	for l, f := range files {
		for _, n := range append([]string{f.code}, f.aliases...) {
			if other, ok := named[n]; ok {
				return fmt.Errorf("triage: data/lang/%s.txt: %q already names %s", f.code, n, other)
			}
			named[n] = f.code
		}
		c.langs[l] = f.langInfo
		for _, s := range f.scripts {
			c.byScript[s] = append(c.byScript[s], l)
		}
		for _, h := range f.letters {
			for _, r := range []rune{h.r, unicode.ToUpper(h.r), unicode.ToLower(h.r)} {
				if r >= hintRunes {
					continue
				}
				_, scr := c.fold(r)
				switch {
				case scr == scNone:
					scr = scLatin // ¿ ¡: punctuation of Latin-script languages
				case scr == scOther && !slices.Contains(f.scripts, scOther):
					// A letter fold keeps as it is (Azerbaijani ə, Twi ɛ ɔ,
					// Hausa ɓ ɗ): it tells the language among those of its
					// own script, where it is typed inside words.
					scr = f.scripts[0]
				}
				k := c.hintOf[r]
				if k == 0 {
					k = uint8(len(c.hints))
					if int(k) != len(c.hints) {
						return fmt.Errorf("triage: too many @letters")
					}
					c.hintOf[r] = k
					c.hints = append(c.hints, nil)
				}
				if !slices.ContainsFunc(c.hints[k], func(x hintWeight) bool { return int(x.lang) == l }) {
					c.hints[k] = append(c.hints[k], hintWeight{lang: int8(l), script: scr, w: h.w})
				}
			}
		}
	}
	return nil
}

// hintWeight is what one occurrence of a hint letter adds to a language,
// counted only when the letter's script dominates the message.
type hintWeight struct {
	lang   int8
	script script
	w      float32
}

func (c *Classifier) langIndex(code string) int {
	for i, l := range c.langs {
		if l.code == code || slices.Contains(l.aliases, code) {
			return i
		}
	}
	return -1
}

// embeddedLangs is the parsed data/lang files of the embedded data.
var embeddedLangs = sync.OnceValue(func() []langFile {
	files, err := readLangFiles(data)
	if err != nil {
		panic(err) // the embedded data is tested
	}
	return files
})

// supportedLangs lists the supported languages of the embedded data, in
// file order, for Languages and for checking corpora.
var supportedLangs = sync.OnceValue(func() []string {
	var out []string
	for _, f := range embeddedLangs() {
		if f.supported {
			out = append(out, f.code)
		}
	}
	return out
})

// canonicalLang returns the code of the data file a code names (its
// alias, "tl", names "fil"), or code itself.
func canonicalLang(code string) string {
	for _, f := range embeddedLangs() {
		if slices.Contains(f.aliases, code) {
			return f.code
		}
	}
	return code
}
