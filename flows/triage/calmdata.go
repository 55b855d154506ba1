package triage

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"
)

// The words the calm engine reads clauses and times by (calm.go) are data,
// data/calm/<lang>.tsv, so that a desk's safeguarding lead can read and
// correct them: one line per role, "role <tab> phrase | phrase | ...".
// data/calm/README.md explains them for reviewers. A deployment adds its
// own lines in calm/<lang>.tsv of triage.extra, checked at start as the
// safety lists are.

// markRole is what a phrase of data/calm tells.
type markRole uint8

const (
	// roleJoin: a word joining two clauses ("and", "but").
	roleJoin markRole = iota
	// roleNow: the danger of its clause happens now or tonight.
	roleNow
	// rolePast: a time in the past ("last year", "two years ago").
	rolePast
	// roleOver: the danger told is over ("it's over", "he is in prison",
	// "better now", "recovering").
	roleOver
	// roleAbout: the writer asks about a danger, not from inside one ("it's
	// for a talk", "for my thesis", "I read it in the paper").
	roleAbout
	// roleHowto: a frame asking how to act in a case told as a
	// hypothesis ("what to do if", "how to help someone who", "first aid
	// course"): it calms the dangers told after it in its clause
	// (scratch.howTo).
	roleHowto
	// roleKin: a person of the writer's own family or home named ("my
	// mother", "dad", "my flatmate", "mi padre", "папа", "我爸爸"): a
	// danger told of them is told from inside, not asked about
	// (scratch.howTo), and a joining word before them starts a clause of
	// their own ("a film where a man can't breathe and then my dad can't
	// breathe").
	roleKin
	// roleBut: a word that joins by contrast ("but", "ma", "mais", "але",
	// "لكن", "但是"): a joining word (roleJoin) that also ends the case a
	// how-to frame asks about ("what to do if someone faints but he is not
	// breathing" asks, then tells).
	roleBut
	// roleWho: a person a clause tells of, its subject or owner ("he",
	// "she", "I", "my", "lui", "il", "он", "他"): after a contrasting word
	// or an emoji inside a how-to case it starts a telling of its own
	// ("what to do if someone faints but he is not breathing"), where a
	// bare "but is not breathing" goes on asking (scratch.howtoCase).
	roleWho
	// roleNone: a phrase that holds a calm word and means something else
	// (zh "不但是", not only, holds "但是", but; es "y ya está bien", and
	// that's enough!, holds "ya está bien", he is fine now): a mark inside
	// one is none.
	roleNone
	// roleTopic: what a school task, a course, a talk or a job is about,
	// named with its object ("an essay about", "a course on", "patients
	// with", "this job is killing me"): a calm phrase holding one calms
	// its own clause only. It does not look back on a danger told before
	// it ("he hit me, I have class on monday") nor open a story after it:
	// the topic is its object, in its clause (calm15, issue 12).
	roleTopic
	// roleGame: a match or a game named ("at the match", "im spiel",
	// "maçta"): a topic (its calm calms its own clause only) whose calm
	// calms a game's score ("we got beaten at the match 3-0"), not a
	// person beaten: a danger phrase that names the writer (roleMe: "he
	// beat me at the match", "mi hanno picchiato alla partita") is not
	// calmed by it (review rev15).
	roleGame
	// roleMe: the writer named, as subject, object or owner ("i", "me",
	// "my", "mich", "mi", "beni"): a danger phrase holding one is no
	// game's score (roleGame), and a clause that holds one and tells a
	// danger after the case a how-to frame asks about tells the case from
	// inside ("how do you know if it's a stroke, i can't move my arm";
	// scratch.howTo). Only in the language of its file, as roleWho: "i"
	// is English "I" and the Italian "the".
	roleMe
	// roleFigure: a thing, not a person, that a figure of speech says
	// kills the writer ("the heat", "the rent", "this job", "the queue at
	// the questura", "mal di testa", "ሃሩር", "tangaay"): the subject of a
	// kill verb (roleKills) right before it in its clause, with no person
	// between, makes the danger a complaint, calmed in its clause only, as
	// a topic's (scratch.figures; issue 12, figure17). Only in the
	// language of its file: it calms.
	roleFigure
	// roleKills: a verb that kills the writer, with the writer as its
	// object ("kills me", "will kill me", "is killing me", "mi uccide",
	// "ይቐትለኒ", "dina ma rey"): the danger a figure (roleFigure) is the
	// subject of. Only in the language of its file, as roleFigure.
	roleKills
	// roleCause: a word that makes a thing named after it, in its clause,
	// the cause or the condition of a kill, not its subject ("if",
	// "because of", "for", "se", "per", "si", "por", "agar", "ke liye"):
	// the subject dropped, a person kills ("si no pago el alquiler me va a
	// matar", if I don't pay the rent he will kill me), and no figure
	// (roleFigure) after it calms. Only in the language of its file, as
	// the figure and the kill verb it reads with.
	roleCause
	// roleLink: a determiner, a demonstrative, a copula, an auxiliary or a
	// focus word ("the", "this", "my", "is", "questo", "ይህ", "bi",
	// "ayaa", "这个"): the only words that may stand before a figure in its
	// clause or between it and its kill verb. A noun there ("the questura
	// guard", "people at work", "iş arkadaşım") makes the figure word the
	// modifier of a person, a time or a place, and a verb there ("no pagué
	// el alquiler me va a matar") makes the kill verb's subject another,
	// dropped (review revfig17). Only in the language of its file, as
	// roleFigure.
	roleLink
	// roleHeat: a figure of heat or cold ("the heat", "caldo", "ሙቀት",
	// "ሃሩር", "tangaay"), listed also as roleFigure: the heat that kills
	// may be a heat stroke, and a sign of harm anywhere in the message
	// (@harm: shaking, sweating stopped, two days without water) ends its
	// calm ("ይህ ሙቀት ሊገድለኝ ነው ላቤ ቆሟል ሰውነቴ ይንቀጠቀጣል"; review
	// revfig17). Only in the language of its file, as roleFigure.
	roleHeat
	// roleMine: an ending glued to a word that makes it the writer's own
	// ("*ي", "*م": Arabic "جوازي", my passport, "يضربني", he hits me;
	// Farsi "پاسپورتم", my passport): a word ending in one, with two
	// letters or more before it, counts as a mark of role me where a
	// frame stops at the writer's own danger (scratch.ownAfter). Written
	// "*" then the ending; only in a message of its file's language, and
	// no word of role notmine (issue 12, own19).
	roleMine
	// roleNotMine: a word that ends as a mine ending does and owns
	// nothing: an adjective ("جنسي", sexual; "قسري", forced), a verb of
	// another person ("يبكي", he cries), a noun ("مردم", people); or
	// the first letters of such words ("ال*": a word with the article
	// takes no suffix of its owner). Read with roleMine only.
	roleNotMine
	// roleSince: a word right before a mark of past that makes it the
	// start of what goes on ("since", "desde", "depuis", "من", "منذ"):
	// "he beats me since last year" tells a danger going on, which a
	// frame's calm does not reach (scratch.ownAfter; issue 12, own19).
	roleSince
	numRoles
)

var roleNames = [numRoles]string{"join", "now", "past", "over", "about", "howto", "kin", "but", "who", "none", "topic", "game", "me", "figure", "kills", "cause", "link", "heat", "mine", "notmine", "since"}

// calmDir is where the built-in calm words are; a deployment's are in
// calm/ of triage.extra.
const calmDir = "data/calm"

// mark is one phrase of data/calm (other than a joining word), folded
// into the words of a message.
type mark struct {
	// words are the phrase's tokens; a stem ends with "*" ("recover*"),
	// and ageWord ("#") stands for a number ("il y a # ans").
	words []string
	role  markRole
	// lang is the language of the file (-1: any.tsv). Past, over and
	// about count only in a message of their language or of none told: they
	// calm, and a word of one language may mean something else in
	// another. Now and kin count in every language: they keep a danger
	// urgent.
	lang int16
}

// markAt is a mark found in a message: the tokens it spans.
type markAt struct {
	first, last int32
	role        markRole
}

// loadCalm reads the calm words of dir in fsys, one file per language
// (any.tsv for every language); required is false for a deployment's,
// which may have none.
func (b *builder) loadCalm(fsys fs.FS, dir string, required bool) error {
	names, err := fs.Glob(fsys, dir+"/*.tsv")
	if err != nil {
		return fmt.Errorf("triage: %w", err)
	}
	if required && len(names) == 0 {
		return fmt.Errorf("triage: no calm words in %s", dir)
	}
	for _, p := range names {
		name := p
		if !required {
			name = "extra " + p // the deployment's own lines
		}
		code := strings.TrimSuffix(path.Base(p), ".tsv")
		lang := -1
		if code != "any" {
			if lang = b.c.langIndex(code); lang < 0 {
				return fmt.Errorf("triage: %s: unknown language %q (it needs data/lang/%s.txt)", name, code, code)
			}
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("triage: %w", err)
		}
		if err := b.parseCalm(name, raw, lang); err != nil {
			return err
		}
	}
	return nil
}

// loadCalmLists reads the built-in calm words and a deployment's.
func (b *builder) loadCalmLists(fsys, extra fs.FS) error {
	b.c.joiners = make([]map[string]bool, len(b.c.langs))
	b.c.markFirst = map[string][]int32{}
	if err := b.loadCalm(fsys, calmDir, true); err != nil {
		return err
	}
	if extra == nil {
		return nil
	}
	err := b.loadCalm(extra, "calm", false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// parseCalm reads one file of calm words.
func (b *builder) parseCalm(name string, raw []byte, lang int) error {
	return b.lines(name, raw, 2, func(_ int, f []string) error {
		role := markRole(slices.Index(roleNames[:], strings.TrimSpace(f[0])))
		if role >= numRoles {
			return fmt.Errorf("unknown role %q (want one of %s)", strings.TrimSpace(f[0]), strings.Join(roleNames[:], ", "))
		}
		for _, ph := range strings.Split(f[1], "|") {
			ph = strings.TrimSpace(ph)
			if ph == "" {
				return fmt.Errorf("an empty phrase (two | with nothing between)")
			}
			if err := b.addMark(ph, role, lang); err != nil {
				return fmt.Errorf("%s %q: %w", roleNames[role], ph, err)
			}
		}
		return nil
	})
}

// addMark folds phrase ph as messages are folded and adds it for role.
func (b *builder) addMark(ph string, role markRole, lang int) error {
	if role == roleMine || role == roleNotMine {
		return b.addMine(ph, role, lang)
	}
	var words []string
	for _, w := range strings.Fields(ph) {
		if w == ageWord {
			words = append(words, ageWord)
			continue
		}
		stem := strings.HasSuffix(w, "*")
		w = strings.TrimSuffix(w, "*")
		b.c.tokenize(w, &b.sc)
		if len(b.sc.toks) == 0 {
			return fmt.Errorf("word %q is empty once folded", w)
		}
		for i := range b.sc.toks {
			t := &b.sc.toks[i]
			s := string(b.sc.text(t))
			if stem && i == len(b.sc.toks)-1 {
				if t.script.unspaced() || utf8.RuneCountInString(s) < 3 {
					return fmt.Errorf("stem %q: three letters or more, in a script written with spaces", w)
				}
				s += "*"
			}
			words = append(words, s)
		}
	}
	if role == roleBut {
		if lang < 0 {
			return fmt.Errorf("a contrasting word belongs to one language: list it in its language's file")
		}
		if len(words) != 1 && !b.sc.toks[0].script.unspaced() || strings.HasSuffix(words[len(words)-1], "*") || words[0] == ageWord {
			return fmt.Errorf("a contrasting word is one whole word")
		}
		// Between spaces it also joins clauses; in a script without
		// spaces ("但是") it only ends a how-to case.
		if script := b.sc.toks[0].script; !script.unspaced() && script != scNone {
			if b.c.joiners[lang] == nil {
				b.c.joiners[lang] = map[string]bool{}
			}
			b.c.joiners[lang][words[0]] = true
		}
	}
	if role == roleJoin {
		if lang < 0 {
			return fmt.Errorf("a joining word belongs to one language: list it in its language's file")
		}
		if len(words) != 1 || strings.HasSuffix(words[0], "*") || words[0] == ageWord {
			return fmt.Errorf("a joining word is one whole word")
		}
		if b.sc.toks[0].script.unspaced() || b.sc.toks[0].script == scNone {
			return fmt.Errorf("a joining word is found between spaces: its script has none")
		}
		if b.c.joiners[lang] == nil {
			b.c.joiners[lang] = map[string]bool{}
		}
		b.c.joiners[lang][words[0]] = true
		return nil
	}
	if words[0] == ageWord || strings.HasSuffix(words[0], "*") {
		b.c.markLoose = append(b.c.markLoose, int32(len(b.c.marks)))
	} else {
		b.c.markFirst[words[0]] = append(b.c.markFirst[words[0]], int32(len(b.c.marks)))
	}
	b.c.marks = append(b.c.marks, mark{words: words, role: role, lang: int16(lang)})
	return nil
}

// addMine adds an ending of role mine ("*ي") or a word or first letters
// of role notmine ("جنسي", "ال*") for language lang.
func (b *builder) addMine(ph string, role markRole, lang int) error {
	if lang < 0 {
		return fmt.Errorf("an ending belongs to one language: list it in its language's file")
	}
	suffix, prefix := strings.HasPrefix(ph, "*"), strings.HasSuffix(ph, "*")
	w := strings.TrimSuffix(strings.TrimPrefix(ph, "*"), "*")
	b.c.tokenize(w, &b.sc)
	if len(b.sc.toks) != 1 || b.sc.toks[0].script.unspaced() {
		return fmt.Errorf("one word, in a script written with spaces")
	}
	w = string(b.sc.text(&b.sc.toks[0]))
	if len(b.c.mine) == 0 {
		b.c.mine = make([]mineWords, len(b.c.langs))
	}
	mw := &b.c.mine[lang]
	// Kept among the marks as read (never found by markFirst: the
	// endings are read word by word, mineWords.owned).
	b.c.marks = append(b.c.marks, mark{words: []string{ph}, role: role, lang: int16(lang)})
	switch {
	case role == roleMine && suffix && !prefix:
		mw.endings = append(mw.endings, w)
	case role == roleMine:
		return fmt.Errorf("an ending is written \"*\" then its letters (\"*ي\")")
	case suffix:
		return fmt.Errorf("a word that owns nothing is whole, or its first letters then \"*\"")
	case prefix:
		mw.notFirst = append(mw.notFirst, w)
	default:
		if mw.not == nil {
			mw.not = map[string]bool{}
		}
		mw.not[w] = true
	}
	return nil
}

// mineWords are the endings of role mine of one language, and its words
// of role notmine: whole (not) and first letters (notFirst).
type mineWords struct {
	endings  []string
	not      map[string]bool
	notFirst []string
}

// minLettersBefore is how many letters a word must have before an
// ending of role mine: "في" (in), "شي" (a thing) own nothing.
const minLettersBefore = 2

// owned tells whether word w ends in an ending of role mine of mw.
func (mw *mineWords) owned(w []byte) bool {
	if len(mw.endings) == 0 || mw.not[string(w)] {
		return false
	}
	for _, p := range mw.notFirst {
		if len(w) > len(p) && string(w[:len(p)]) == p {
			return false
		}
	}
	for _, e := range mw.endings {
		if len(w) > len(e) && string(w[len(w)-len(e):]) == e && utf8.RuneCount(w[:len(w)-len(e)]) >= minLettersBefore {
			return true
		}
	}
	return false
}

// findMarks finds the marks of data/calm in the message (sc.marks): now in
// every language, the others in the language told (lang, -1 for none) or
// any.
func (c *Classifier) findMarks(sc *scratch, lang int) {
	sc.marks = sc.marks[:0]
	for i := range sc.toks {
		for _, k := range c.markFirst[string(sc.text(&sc.toks[i]))] {
			c.markAt(sc, i, k, lang)
		}
		for _, k := range c.markLoose {
			c.markAt(sc, i, k, lang)
		}
	}
	// A mark inside a phrase that means something else ("不但是", not
	// only: "但是" is found inside it in a script without spaces; "y ya
	// está bien", and that's enough!) is dropped.
	kept := sc.marks[:0]
	for _, m := range sc.marks {
		if m.role == roleNone || !sc.insideMark(m, roleNone) {
			kept = append(kept, m)
		}
	}
	sc.marks = kept
	// The words the writer owns by an ending (role mine), in a message of
	// the endings' language.
	if lang >= 0 && lang < len(c.mine) {
		if mw := &c.mine[lang]; len(mw.endings) > 0 {
			for i := range sc.toks {
				if t := &sc.toks[i]; t.script != scNone && mw.owned(sc.text(t)) {
					sc.marks = append(sc.marks, markAt{first: int32(i), last: int32(i), role: roleMine})
				}
			}
		}
	}
}

// sinceBefore tells whether a mark of role since ends right before mark
// m, with no punctuation between.
func (sc *scratch) sinceBefore(m markAt) bool {
	for _, s := range sc.marks {
		if s.role == roleSince && s.last+1 == m.first && sc.toks[m.first].cut == 0 {
			return true
		}
	}
	return false
}

// insideMark tells whether a mark of role spans the tokens of mark m.
func (sc *scratch) insideMark(m markAt, role markRole) bool {
	for _, o := range sc.marks {
		if o.role == role && o.first <= m.first && o.last >= m.last {
			return true
		}
	}
	return false
}

// markAt adds mark k to sc.marks when it is found at token i.
func (c *Classifier) markAt(sc *scratch, i int, k int32, lang int) {
	m := &c.marks[k]
	// Now and kin keep a danger urgent: they count in every language (a
	// message read as the wrong language still names its mother); so do
	// a topic and a game, which only narrow a calm. (A cause is of its
	// language, as the figure and the kill it keeps from calming: Wolof
	// "bu", if, is Turkish "this".)
	if m.role != roleNow && m.role != roleKin && m.role != roleTopic && m.role != roleGame && lang >= 0 && m.lang >= 0 && int(m.lang) != lang {
		return
	}
	if i+len(m.words) > len(sc.toks) {
		return
	}
	for j, w := range m.words {
		t := sc.text(&sc.toks[i+j])
		switch {
		case w == ageWord:
			if !isNumber(t) {
				return
			}
		case strings.HasSuffix(w, "*"):
			if stem := w[:len(w)-1]; len(t) < len(stem) || string(t[:len(stem)]) != stem {
				return
			}
		case string(t) != w:
			return
		}
	}
	// A phrase that means something else is one run of words: "ya está
	// bien, necesito" pauses, and tells a person fine.
	if m.role == roleNone {
		for j := i + 1; j < i+len(m.words); j++ {
			if c := sc.toks[j].cut; c != 0 && c != cutJoin {
				return
			}
		}
	}
	sc.marks = append(sc.marks, markAt{first: int32(i), last: int32(i + len(m.words) - 1), role: m.role})
}

// isNumber tells a token of digits.
func isNumber(w []byte) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(w) > 0
}
