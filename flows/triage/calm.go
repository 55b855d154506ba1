package triage

import (
	"slices"
	"strings"
)

// Calm words ("two years ago", "on the news", "I watched a film", "haha")
// say that a danger told with them is past, a story or a joke. They used
// to raise the bar of every kind in the whole message, so that a present
// danger told beside them was lost: "I watched a film yesterday and my
// husband says he will kill me tonight". Now a calm phrase discounts only
// the dangers of its own clause: the message is cut at sentence and clause
// punctuation (clauseEnd), and a weight w found in a clause whose calm
// phrases weigh c counts w/(1+c) (c at most maxCalm). A message of one
// clause reads as it did: its kinds weigh what they weighed, over the bar
// 1+c they had to pass.
//
// Laughing emoji (😂, 🤣, 😅, counted by hint) still calm the whole
// message: they close it or stand alone, and the joke they mark is the
// message's ("my boss will kill me if I'm late again 😂").

// part is one weight a phrase (or a rule) adds to an urgent kind, a sign
// or the calm, with the tokens it was found in.
type part struct {
	e effect
	// first and last are the tokens the phrase spans; -1 for a rule's.
	first, last int32
	// rule is the index of the rule that made the part, -1 for a phrase's.
	rule int16
	// bar is 1 plus the calm over the part: the part counts weight/bar
	// (an urgent kind is told when the parts of its kind count 1).
	bar float32
	// past is set when the part is told as past and over (pastOver),
	// asked when it is asked about in a how-to frame (howTo), figure when
	// a thing, not a person, kills the writer in it (figures: "the heat
	// is killing me").
	past, asked, figure bool
	// phrase is the index of the phrase that added the part, -1 for a
	// rule's; again is set when that phrase was found before in the
	// message, and dup when another mention of the phrase is less calmed
	// (leastCalmed): a danger said twice counts once, at the weight of its
	// least calmed mention.
	phrase     int32
	again, dup bool
}

// maxClause bounds the clause index of a token.
const maxClause = 1<<15 - 1

// child, suicide, violence and medical are the indexes of the kinds in
// urgentNames.
const (
	child    = 0
	suicide  = 1
	violence = 2
	medical  = 3
)

// What separates a token from the one before, weakest first.
const (
	cutComma uint8 = 1 + iota // a comma, a colon
	cutJoin                   // a word joining clauses ("and", "but")
	cutStop                   // a full stop, a question mark, a line break
)

// clauseEnd tells what rune r, after prev and before the bytes rest (from
// the byte after r's first), cuts: cutStop for sentence punctuation in the
// scripts the lists are written in (. ! ? ; … and their Arabic,
// Devanagari, Ethiopic, Armenian, Myanmar, Khmer and CJK forms) and a line
// break, cutComma for a comma or a colon, 0 for anything else. A point
// between digits ("3.5", "1.000") cuts nothing.
func clauseEnd(r, prev rune, rest string) uint8 {
	switch r {
	case '.':
		if prev >= '0' && prev <= '9' && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return 0
		}
		return cutStop
	case '!', '?', ';', '\n', '\r',
		'…',      // ellipsis
		'¿', '¡', // Spanish opening marks
		'؛', '؟', '۔', // Arabic semicolon, question mark; Urdu full stop
		'।', '॥', // Devanagari, Bengali, Gurmukhi danda
		'።', '፤', '፧', // Ethiopic full stop, semicolon, question mark
		'։', '՞', // Armenian full stop, question mark
		'။',      // Myanmar
		'។', '៕', // Khmer
		'。', '！', '？', '；', '｡': // CJK
		return cutStop
	case ',', ':', '،', '፣', '፥', '՝', '၊', '，', '、', '､', '：',
		'—', '–': // em and en dashes
		return cutComma
	case '-':
		// A hyphen between spaces is a dash ("I saw a film - he is
		// hitting me now"); inside a word ("e-mail", "2020-2021") it
		// cuts nothing.
		if prev == ' ' && rest != "" && rest[0] == ' ' {
			return cutComma
		}
	}
	return 0
}

// clauses numbers the clauses of the message: cut at punctuation, and at
// the words that join clauses in lang (the index of the language told,
// -1 for none) where the clause before tells no danger. "I watched a
// film yesterday and my husband says he will kill me tonight" tells two
// things; "how they beat me and threatened to kill me", "quemaduras y
// hemorragias" tell one: a joining word after a danger most often joins
// another danger of the same story (the training sets gained 9 false
// alarms cut at every joining word).
func (c *Classifier) clauses(sc *scratch, lang int) {
	var j map[string]bool
	if lang >= 0 && lang < len(c.joiners) {
		j = c.joiners[lang]
	}
	c.findMarks(sc, lang)
	for i := range sc.toks {
		sc.toks[i].said = false
	}
	for k := range sc.marks {
		if m := &sc.marks[k]; m.role == roleNow {
			sc.toks[m.first].said = true
		}
	}
	for i := range sc.toks {
		t := &sc.toks[i]
		t.now = t.said && !sc.inCalm(int32(i)) && !sc.inPast(int32(i)) && !sc.nearOver(i, j)
	}
	for i := range sc.toks {
		t := &sc.toks[i]
		t.joiner = i > 0 && j != nil && t.script != scNone && j[string(sc.text(t))] && sc.clauseAfter(i)
	}
	// A danger told again or told of the writer's own after the case a
	// how-to frame asks about starts a clause: no calm of the frame's
	// clause reaches it ("what to do if someone has a seizure my grandad
	// is having a seizure").
	for k := range sc.marks {
		if m := &sc.marks[k]; m.role == roleHowto {
			if to, told := sc.howtoCase(m); told && sc.toks[to].cut < cutJoin {
				sc.toks[to].cut = cutJoin
			}
		}
	}
	var n int16
	start := 0 // the first token of the clause
	for i := range sc.toks {
		t := &sc.toks[i]
		// "and now" starts a clause even after a danger: "two years ago
		// he hit me and now he is following me every night".
		now := i+1 < len(sc.toks) && sc.toks[i+1].now
		// "and (then) my dad" starts a clause even after a danger: what is
		// told of the writer's own is no part of the film before it ("I
		// saw a film where a man can't breathe and then my dad can't
		// breathe").
		kin := sc.kinAt(int32(i+1)) || sc.kinAt(int32(i+2))
		// "safe now but he found us" starts a clause even after a danger
		// (one found near, across the contrast): a contrast right after
		// a calm phrase ends what it calms (review rev15).
		contrast := sc.calmEnds(int32(i-1)) && sc.isBut(int32(i))
		if t.joiner && t.cut < cutJoin && (now || kin || contrast || !sc.dangerFrom(int32(start), int32(i))) {
			t.cut = cutJoin
		}
		if t.cut != 0 && n < maxClause && !sc.listed(i) {
			n++
			start = i
		}
		t.clause = n
	}
}

// listed tells whether the comma before token i only parts a list's
// items: one word before the next punctuation or the end ("first aid
// course? like cpr, choking, bleeding. i want to work as a babysitter").
// A word of a list is no clause of its own: what reaches the list's
// first item reaches all of them.
func (sc *scratch) listed(i int) bool {
	if sc.toks[i].cut != cutComma {
		return false
	}
	for k := i + 1; k < len(sc.toks); k++ {
		if sc.toks[k].cut != 0 {
			return true
		}
		if sc.toks[k].script != scNone {
			return false
		}
	}
	return true
}

// inCalm tells whether token i is part of a calm phrase: the "now" of
// "now I'm fine" ("tani jam mire", "现在好了") looks back on a past
// danger, it tells none happening. (A calm phrase is never found across
// punctuation, scratch.add: "estuvo en la cárcel, ahora está en mi
// puerta con un cuchillo" holds no "está en la cárcel" owning "ahora".)
func (sc *scratch) inCalm(i int32) bool {
	for k := range sc.calms {
		if m := &sc.calms[k]; m.first <= i && i <= m.last {
			return true
		}
	}
	return false
}

// calmEnds tells whether a calm phrase ends at token i.
func (sc *scratch) calmEnds(i int32) bool {
	for k := range sc.calms {
		if sc.calms[k].last == i {
			return true
		}
	}
	return false
}

// isBut tells whether token i is a contrasting word (role but).
func (sc *scratch) isBut(i int32) bool {
	_, ok := sc.markEnds(i, roleBut)
	return ok
}

// punctuated tells whether punctuation stands between tokens first and
// last.
func (sc *scratch) punctuated(first, last int32) bool {
	for x := first + 1; x <= last && int(x) < len(sc.toks); x++ {
		if sc.toks[x].cut != 0 {
			return true
		}
	}
	return false
}

// sentences tells whether a sentence ends between tokens first and last:
// an idiom the safety lists ignore or calm is one thing said, not found
// across a full stop ("sotul meu ma omoara. programul lui e ...", my
// husband is killing me. his routine is ..., holds no "ma omoara
// programul", the routine kills me).
func (sc *scratch) sentences(first, last int32) bool {
	for x := first + 1; x <= last && int(x) < len(sc.toks); x++ {
		if sc.toks[x].cut == cutStop {
			return true
		}
	}
	return false
}

// inPast tells whether token i is part of a mark of past: "acum 2 ani"
// (two years ago) holds "acum" (now).
func (sc *scratch) inPast(i int32) bool {
	for k := range sc.marks {
		if m := &sc.marks[k]; m.role == rolePast && m.first <= i && i <= m.last {
			return true
		}
	}
	return false
}

// nearNow is how many words may stand between a word of now and a mark
// of over or about for the now to be the mark's own.
const nearNow = 3

// nearOver tells whether the now word at token i is a mark's own: a mark
// of over or about (data/calm) stands within nearNow words of it, with no
// punctuation and no joining word (j) between. "recovering well now", "he
// is in prison now", "adesso sta meglio", "c'est fini maintenant" look
// back on a past danger; "he was in prison, now he is out", "he hit me
// and now he follows me" tell one happening now.
func (sc *scratch) nearOver(i int, j map[string]bool) bool {
	for k := range sc.marks {
		m := &sc.marks[k]
		if m.role != roleOver && m.role != roleAbout {
			continue
		}
		lo, hi := int(m.last)+1, i // the words between, the now after the mark
		if i < int(m.first) {
			lo, hi = i+1, int(m.first)
		}
		if hi-lo > nearNow {
			continue
		}
		apart := false
		for x := lo; x <= hi && x < len(sc.toks); x++ {
			t := &sc.toks[x]
			if t.cut != 0 || x < hi && j != nil && j[string(sc.text(t))] {
				apart = true
				break
			}
		}
		if !apart {
			return true
		}
	}
	return false
}

// nowIn tells whether clauses lo to hi hold a word of now (data/calm).
func (sc *scratch) nowIn(lo, hi int16) bool {
	for i := range sc.toks {
		if t := &sc.toks[i]; t.now && t.clause >= lo && t.clause <= hi {
			return true
		}
	}
	return false
}

// minJoined is how many words a joining word must have after it, before
// punctuation, to start a clause: "quemaduras y hemorragias, donde me
// inscribo" joins two words.
const minJoined = 3

// clauseAfter tells whether the joining word at token i has a clause
// after it: minJoined words before punctuation or the end.
func (sc *scratch) clauseAfter(i int) bool {
	n := 0
	for k := i + 1; k < len(sc.toks) && sc.toks[k].cut == 0; k++ {
		if sc.toks[k].script != scNone {
			n++
		}
	}
	return n >= minJoined
}

// laughter tells whether calm phrase m is laughter alone ("haha",
// "lol", "jajaja", "хаха", "ههههه"): like a laughing emoji, it makes a
// joke of the whole message, wherever it is ("dafa ma tiital lool haha.
// laaj bi: ban waxtu lay ubbi questura?").
func (sc *scratch) laughter(m *part) bool {
	for k := m.first; k <= m.last; k++ {
		if !isLaughter(sc.text(&sc.toks[k])) {
			return false
		}
	}
	return true
}

// isLaughter tells a word of laughter: "lol" and its kin, or syllables of
// h, j, x (Cyrillic х, Arabic ه) and a vowel said again ("haha", "ahah",
// "jeje", "хаха"), a held letter kept twice ("kk", "هه").
func isLaughter(w []byte) bool {
	switch string(w) {
	case "lol", "lool", "lmao", "lmfao", "rofl", "mdr", "ptdr", "xd", "kk", "هه", "хх":
		return true
	}
	var rs [16]rune
	n := 0
	for _, r := range string(w) {
		if n == len(rs) {
			return false
		}
		rs[n] = r
		n++
	}
	laughC := func(r rune) bool { return r == 'h' || r == 'j' || r == 'x' || r == 'х' || r == 'ه' }
	laughV := func(r rune) bool { return strings.ContainsRune("aeiouаеиоі", r) }
	i := 0
	if n > 0 && laughV(rs[0]) && rs[0] != 'i' {
		i = 1 // "ahah"
	}
	syll := 0
	for i+1 < n && laughC(rs[i]) && laughV(rs[i+1]) {
		syll++
		i += 2
	}
	if i < n && laughC(rs[i]) {
		i++ // "ahah", "hahah"
		if laughV(rs[0]) {
			syll++ // "ahah" is "a-hah"; "aha" is no laughter
		}
	}
	return i == n && syll >= 2
}

// dangerFrom tells whether a danger or a sign was found starting in
// tokens from to before to.
func (sc *scratch) dangerFrom(from, to int32) bool {
	for _, parts := range [...][]part{sc.kinds, sc.signs} {
		for i := range parts {
			if p := &parts[i]; p.first >= from && p.first < to {
				return true
			}
		}
	}
	return false
}

// scope sets the bar of every danger and sign of the message: 1 plus the
// calm phrases over it (calmOver) and the laughing emoji of the message,
// at most 1+maxCalm.
func (c *Classifier) scope(sc *scratch, lang int) {
	c.clauses(sc, lang)
	sc.selfSigns = c.selfSigns
	laugh := float32(min(sc.h.laugh, 1))
	for _, parts := range [...][]part{sc.kinds, sc.signs} {
		for i := range parts {
			p := &parts[i]
			p.bar = urgentScore + min(sc.calmOver(p)+laugh, maxCalm)
		}
	}
	sc.pastOver()
	sc.howTo(c.ownSigns)
	sc.figures(c.harmSigns)
	sc.leastCalmed()
}

// figureCalm is the calm over a danger told as a figure of speech
// (figures): as much as calm phrases may add (maxCalm), so that a kill
// verb listed as a danger and as the sign of a rule (@killsme) stays
// calm, each counted over it.
const figureCalm = maxCalm

// figureGap is how many words may stand between a figure's subject and
// its kill verb: an article or a demonstrative after it ("tangaay bi
// dina ma rey", the heat will kill me), a focus word ("kulaylkan ayaa i
// dilaya"), an auxiliary ("the heat is going to kill me").
const figureGap = 2

// figures calms the dangers a figure of speech tells: a kill verb that
// names the writer as its object (a mark of role kills, data/calm:
// "kills me", "will kill me", "mi uccide", "ይቐትለኒ", "dina ma rey")
// whose subject is a thing, not a person (a mark of role figure: "the
// heat", "the rent", "this job", "ሃሩር", "tangaay") right before it in
// its clause, opening it, with at most figureGap link words between
// (figureSubject), and no word making it a cause or a condition before the verb
// in its clause (role cause: "if", "because of", "se", "por";
// figureSubject). Each danger of kind violence told in the words from
// the figure to the verb, and each sign of the verb's own words
// (@killsme, @threat), counts w/(1+figureCalm): "ሃሩር ይቐትለኒ ኣሎ ርእሰይ
// ይሓምመኒ" (the heat is killing me, my head aches) is a headache. Like a
// topic's calm it reaches nothing else of its clause, nor another clause
// ("it's hot, and he says he will kill me"); a figure after the verb
// ("he will kill me in this heat"), a person or an animal as subject ("my
// husband will kill me", "il capo mi ammazza": a boss who threatens is
// exploitation), another kind ("I can't breathe in this heat") and a
// clause that says now ("this cold will kill me tonight, we sleep in the
// street") are not calmed, nor a figure of heat or cold (role heat) in a
// message with a sign of harm (harm: a heat stroke, review revfig17).
// Before, such sentences were listed one at a time as calm and ignore
// phrases ("il caldo mi sta uccidendo"; issue 12, figure17).
func (sc *scratch) figures(harm uint64) {
	for k := range sc.marks {
		v := &sc.marks[k]
		if v.role != roleKills {
			continue
		}
		from, last, ok := sc.figureSubject(v)
		if !ok || sc.marksIn(from, last, roleHeat) && sc.signsAny(harm) {
			continue
		}
		for _, parts := range [...][]part{sc.kinds, sc.signs} {
			for i := range parts {
				p := &parts[i]
				// A danger of violence in the words from the figure to
				// the verb, and holding some of the verb; a sign of the
				// verb's own words.
				if p.first < 0 || p.last < v.first || p.last > v.last {
					continue
				}
				if p.e.sign >= 0 && p.first < v.first || p.e.sign < 0 && (p.first < from || int(p.e.urgent) != violence) {
					continue
				}
				c1, c2 := sc.toks[p.first].clause, sc.toks[p.last].clause
				if sc.nowIn(min(c1, sc.toks[from].clause), c2) {
					continue
				}
				p.bar = max(p.bar, urgentScore+figureCalm)
				p.figure = true
			}
		}
	}
}

// figureSubject returns the first and last tokens of the figure (a mark
// of role figure) that is the subject of kill verb v: the figure nearest
// before v in its clause, with at most figureGap words between, no
// punctuation between, and nothing but figures, link words (role link: a
// determiner, a copula, an auxiliary, a focus word) and the joining word
// that opens the clause before v in its clause. Any other word makes the
// figure word no subject (review revfig17): a noun between is the person
// it modifies ("the questura guard is going to kill me", "iş arkadaşım
// beni öldürecek"), a word before it makes it a time, a place or a
// modifier ("people at work want to kill me", "ci liggéey bi dinañu ma
// rey", "مامور صف منو میکشه", the officer of the queue), and a verb
// before it drops the subject ("no pagué el alquiler me va a matar", I
// didn't pay the rent, he will kill me). A person named (who, kin, me)
// (kin) or a word of another danger or sign is no link word; an owner
// may be one ("my bills are killing me").
func (sc *scratch) figureSubject(v *markAt) (first, last int32, ok bool) {
	clause := sc.toks[v.first].clause
	gap := 0
	found := false
	for j := v.first - 1; j >= 0 && sc.toks[j].clause == clause; j-- {
		if !found && sc.toks[j+1].cut != 0 {
			return 0, 0, false
		}
		if f, isFigure := sc.figureEndsAt(j); isFigure {
			if !found {
				first, last, found = f, j, true
			}
			j = f
			continue
		}
		if !found {
			if gap++; gap > figureGap || sc.toks[j+1].joiner {
				return 0, 0, false
			}
		}
		if sc.marksIn(j, j, roleKin) || sc.joinsOther(j, v) {
			return 0, 0, false
		}
		if !sc.marksIn(j, j, roleLink) && !(sc.toks[j].joiner && sc.toks[j].cut != 0) {
			return 0, 0, false
		}
	}
	return first, last, found && !sc.causeBefore(v.first)
}

// signsAny tells whether a sign of the set (bit i: sign i) is found in
// the message.
func (sc *scratch) signsAny(set uint64) bool {
	for _, parts := range [...][]part{sc.kinds, sc.signs} {
		for i := range parts {
			if p := &parts[i]; p.first >= 0 && p.e.sign >= 0 && set&(1<<p.e.sign) != 0 {
				return true
			}
		}
	}
	return false
}

// causeBefore tells whether a mark of role cause ("if", "because of",
// "se", "por", "ke liye") stands in the clause of token i, before it: a
// thing named after it is what a threat is about, the subject dropped
// ("si no pago el alquiler me va a matar", if I don't pay the rent he
// will kill me).
func (sc *scratch) causeBefore(i int32) bool {
	for k := range sc.marks {
		if m := &sc.marks[k]; m.role == roleCause && m.last < i && sc.toks[m.first].clause == sc.toks[i].clause {
			return true
		}
	}
	return false
}

// figureEndsAt returns the first token of a figure (a mark of role
// figure) that ends at token j.
func (sc *scratch) figureEndsAt(j int32) (int32, bool) {
	for k := range sc.marks {
		if m := &sc.marks[k]; m.role == roleFigure && m.last == j {
			return m.first, true
		}
	}
	return 0, false
}

// joinsOther tells whether token j is a word of a danger or a sign found
// outside kill verb v: a person or a threat the lists know, no figure's
// words.
func (sc *scratch) joinsOther(j int32, v *markAt) bool {
	for _, parts := range [...][]part{sc.kinds, sc.signs} {
		for i := range parts {
			if p := &parts[i]; p.first >= 0 && p.first <= j && j <= p.last && (p.last < v.first || p.first > v.last) {
				return true
			}
		}
	}
	return false
}

// howtoCalm is the calm over a danger a how-to frame asks about: like a
// danger told as past and over, it counts a fifth.
const howtoCalm = pastCalm

// howTo calms the dangers a how-to frame (a mark of role howto, data/calm:
// "what to do if", "how to help someone who", "first aid course", "que
// faire si", "что делать если") asks about: each danger and sign of the
// case it asks about counts w/(1+howtoCalm). The case (howtoCase) runs
// from the frame's first word over the dangers told after it, "and" and
// "or" included ("what to do if someone has a seizure and is not
// breathing" is one case), up to the first of: the next comma or full
// stop, a contrasting word (role but) or an emoji followed by a clause
// of its own (tellsAt: a person, role who or kin, or a now word: "what
// to do if someone faints but he is not breathing"; "if someone has a
// pulse but is not breathing" goes on asking), a danger phrase told a
// second time ("what to do if someone is
// not breathing my mother is not breathing": a phone message without
// punctuation asks, then tells), or a person of the writer's own named
// (a mark of role kin: "my dad", "meri ammi", "خواهرم", "i did a first
// aid course but my grandma is not breathing"); what follows is a clause
// of its own (clauses) and counts whole. The frame tells
// a case, not one happening. It calms nothing when the case says now
// ("what to do if someone is not breathing now"), names the writer's own
// child or partner, or a child (own, the signs @minor, @parentof,
// @partner: "what to do if my baby is not breathing" asks from inside the
// danger), or tells a danger other than a medical one ("agar koi", "如果
// 有人", if someone: "if someone tells, he will kill me" is a threat).
func (sc *scratch) howTo(own uint64) {
	for k := range sc.marks {
		m := &sc.marks[k]
		if m.role != roleHowto {
			continue
		}
		from := m.first
		to, told := sc.howtoCase(m)
		if sc.caseNow(from, to, own) || !told && sc.toldAfter(to) {
			continue
		}
		for _, parts := range [...][]part{sc.kinds, sc.signs} {
			for i := range parts {
				if p := &parts[i]; p.first >= from && p.last < to {
					p.bar = max(p.bar, urgentScore+howtoCalm)
					p.asked = true
				}
			}
		}
	}
}

// toldAfter tells whether the sentence goes on after a how-to case
// ended at a comma (token to) with a danger the writer tells of
// themselves: a danger phrase holding a mark of role me, or one of its
// two words before ("i can't move my arm", "i am bleeding"). The frame
// asked from inside: "how do you know if it's a stroke, i can't move my
// arm" (review rev15); "..., i read that a numb arm is a sign" still asks.
func (sc *scratch) toldAfter(to int32) bool {
	if int(to) >= len(sc.toks) || sc.toks[to].cut != cutComma {
		return false
	}
	end := to + 1
	for int(end) < len(sc.toks) && sc.toks[end].cut != cutStop {
		end++
	}
	for i := range sc.kinds {
		p := &sc.kinds[i]
		if p.first < to || p.last >= end {
			continue
		}
		from := max(p.first-2, to)
		if sc.marksIn(from, p.last, roleMe) && !sc.punctuated(from, p.first) {
			return true
		}
	}
	return false
}

// howtoCase returns the token after the case how-to frame m asks about
// (see howTo), and told: whether a telling ends it (a danger said again,
// a person of the writer's own), not punctuation or the message's end. A
// danger said again ends it rather than the first danger, so that a case
// of two dangers joined without a listed joining word
// ("如果有人昏倒了不能呼吸怎么办", "لا يتنفس وفقد الوعي") stays one case;
// said again after a joining word it goes on asking ("cosa fare se
// qualcuno non respira e se un anziano non respira").
func (sc *scratch) howtoCase(m *markAt) (to int32, told bool) {
	// "что делать, если" asks about what follows its comma: the case
	// starts after the frame's last word.
	joined := false  // a joining word since the last danger
	listing := false // a list the case asks about goes on (listGoesOn)
	for to = m.last + 1; int(to) < len(sc.toks); to++ {
		t := &sc.toks[to]
		if t.cut != 0 && t.cut != cutJoin {
			if sc.listGoesOn(m, to) {
				listing = true
			} else if listing && t.cut == cutComma && sc.kinItem(to) {
				// A list's item that names the writer's own ("qué
				// hacer si alguien: convulsiones, sangrado,
				// inconsciente, mi padre") tells whose the dangers
				// are: it ends the case as a kin inside it does
				// (review rev15).
				return sc.kinEnd(m, to), true
			} else {
				return to, false
			}
		}
		// A contrasting join ("but", "ma", "але", "但是") or an emoji
		// ("🙏", "😭") ends the case only where a clause of its own starts
		// after it (tellsAt: a person, "he", "my husband", or a now word):
		// "what to do if someone faints but he is not breathing", "...
		// faints 🙏 my husband is not breathing" ask, then tell. Inside
		// the case a contrast goes on asking ("what to do if someone has
		// a pulse but is not breathing" is the classic first-aid
		// question), and so does an emoji inside a phrase ("not 😰
		// breathing") or before a joining word ("faints 😳 and is not
		// breathing").
		if t.emoji && to > m.last+1 && sc.tellsAt(to) {
			return to, true
		}
		if last, ok := sc.markEnds(to, roleBut); ok && sc.tellsAt(last+1) {
			return to, true
		}
		if sc.kinAt(to) {
			return sc.kinEnd(m, to), true
		}
		if !joined && sc.saidAgain(m.first, to) {
			return to, true
		}
		if t.joiner {
			joined = true
		} else if sc.dangerFrom(to, to+1) {
			joined = false
		}
	}
	return to, false
}

// kinEnd returns where the case how-to frame m asks about ends when a
// person of the writer's own is named at token to: told of them after its
// verb ("hindi humihinga ang tatay ko", not breathing, my father), the
// danger just before is theirs.
func (sc *scratch) kinEnd(m *markAt, to int32) int32 {
	end := to
	for _, parts := range [...][]part{sc.kinds, sc.signs} {
		for i := range parts {
			if p := &parts[i]; p.last == to-1 && p.first > m.last {
				end = min(end, p.first)
			}
		}
	}
	return end
}

// kinItem tells whether a person of the writer's own (a mark of role kin)
// is the whole item of a list at token i: punctuation or the message's
// end follows it ("..., inconsciente, mi padre").
func (sc *scratch) kinItem(i int32) bool {
	last, ok := sc.markEnds(i, roleKin)
	if !ok {
		return false
	}
	next := int(last) + 1
	return next >= len(sc.toks) || sc.toks[next].cut != 0 && sc.toks[next].cut != cutJoin
}

// listGoesOn tells whether the punctuation before token to, inside the
// case how-to frame m asks about, goes on asking: a colon before any
// danger is told, which opens the list the frame asks about ("first aid
// course: cardiac arrest, seizures, bleeding", "examen sobre emergencias:
// paro cardiaco, convulsiones"), or a comma that parts a list's items
// (listed: one word, "seizures, bleeding"), which clauses holds one
// clause too. Before, the case ended there, and a course listing three
// emergencies read as one (a calm phrase discounts at most 1.5).
func (sc *scratch) listGoesOn(m *markAt, to int32) bool {
	t := &sc.toks[to]
	if t.cut != cutComma {
		return false
	}
	if t.colon && !sc.dangerFrom(m.last+1, to) {
		return true
	}
	return sc.listed(int(to))
}

// kinAt tells whether a mark of role kin (a person of the writer's own)
// starts at token i.
func (sc *scratch) kinAt(i int32) bool {
	_, ok := sc.markEnds(i, roleKin)
	return ok
}

// markEnds returns the last token of a mark of role starting at token i,
// and whether there is one.
func (sc *scratch) markEnds(i int32, role markRole) (last int32, ok bool) {
	for k := range sc.marks {
		if m := &sc.marks[k]; m.role == role && m.first == i {
			return m.last, true
		}
	}
	return 0, false
}

// tellsAt tells whether a clause of its own starts at token i, after a
// contrasting word or an emoji in a how-to case: a person told there or
// one word on (role who: "he", "I", "my", "lui", "он", "他"; role kin:
// "my husband", "mamma"), or a now word ("but now", "ma adesso"). One
// word on, so that "but then he", "ma ora lui" tell too.
func (sc *scratch) tellsAt(i int32) bool {
	for j := i; j <= i+1 && int(j) < len(sc.toks); j++ {
		if j > i && sc.toks[j].cut != 0 && sc.toks[j].cut != cutJoin {
			break
		}
		if sc.toks[j].now {
			return true
		}
		for k := range sc.marks {
			if m := &sc.marks[k]; m.first == j && (m.role == roleWho || m.role == roleKin) {
				return true
			}
		}
	}
	return false
}

// saidAgain tells whether a danger or a sign starting at token i is
// the second telling of a phrase told from token from on.
func (sc *scratch) saidAgain(from, i int32) bool {
	for _, parts := range [...][]part{sc.kinds, sc.signs} {
		for a := range parts {
			p := &parts[a]
			if p.first != i || p.phrase < 0 {
				continue
			}
			for b := range parts {
				if q := &parts[b]; q.phrase == p.phrase && q.first >= from && q.last < i {
					return true
				}
			}
		}
	}
	return false
}

// caseNow tells whether tokens from to before to, a case a how-to frame
// asks about, tell it happening: a word of now, a sign of own (the
// writer's own child or partner, a child), or a danger other than a
// medical one or a child's ("بیهوش", unconscious, weighs for both).
func (sc *scratch) caseNow(from, to int32, own uint64) bool {
	for i := from; i < to; i++ {
		if sc.toks[i].now {
			return true
		}
	}
	for i := range sc.signs {
		if p := &sc.signs[i]; p.first >= from && p.first < to && own&(1<<p.e.sign) != 0 {
			return true
		}
	}
	for i := range sc.kinds {
		if p := &sc.kinds[i]; p.first >= from && p.first < to && int(p.e.urgent) != medical && int(p.e.urgent) != child {
			return true
		}
	}
	return false
}

// leastCalmed keeps, of the mentions of one danger phrase, the least
// calmed: the others are dup and weigh nothing. "I saw a film about a
// man who can't breathe. My father can't breathe" tells the danger a
// second time outside the film, where it counts whole; before, a phrase
// found again added to its area only, and the calmed first mention was
// all the message weighed. A danger said twice still counts once
// ("护照 … 护照", a passport twice, is one weak sign).
func (sc *scratch) leastCalmed() {
	for _, parts := range [...][]part{sc.kinds, sc.signs} {
		for i := range parts {
			p := &parts[i]
			if p.phrase < 0 {
				continue
			}
			for j := range parts {
				q := &parts[j]
				// The same effect of the phrase at another place: a
				// phrase listed in several files has one per list.
				if j == i || q.phrase != p.phrase || q.e != p.e || q.first == p.first && q.last == p.last {
					continue
				}
				if q.bar < p.bar || q.bar == p.bar && j < i {
					p.dup = true
					break
				}
			}
		}
	}
}

// pastCalm is the calm over a danger told as past and over (pastOver):
// it counts w/(1+pastCalm). Three things must hold for it, not one
// phrase, so it is more than maxCalm: "last year my husband beat me,
// he is in prison now, I'm fine; can I renew my permit?" (2.45 of
// violence) is a permit question.
const pastCalm = 4

// pastOver calms the dangers told as past and over: when the message
// says the danger is over or asks about one (a mark of over or about,
// data/calm: "it's over", "he is in prison", "better now", "recovering",
// "it's for my thesis"), names an everyday need (a permit, a visit, a
// course: an area list's phrase, not the area a danger phrase also
// tells), and says nothing happening now (a now word no mark owns),
// each danger and sign told in a clause with a mark of past, over or
// about, or after the need its clause names ("a permit for domestic
// violence") counts w/(1+pastCalm); a danger in another clause is not
// reached ("he is at my door with a knife, my brother is in prison, can
// I renew my permit?"). A present danger beside
// it keeps the whole message as the calm phrases read it: "two years
// ago he hit me and now he follows me every night", "he was in prison,
// now he is out and at my door with a knife".
func (sc *scratch) pastOver() {
	if !sc.looksBack(0, maxClause) || slices.Max(sc.need[:]) < urgentScore {
		return
	}
	// Nothing of the message may happen now: a "now" or "tonight" that is
	// no mark's own tells something happening, even in words no list
	// holds ("I am recovering in hospital after he stabbed me, he texts
	// that he will finish me tonight"; review of round 8).
	for i := range sc.toks {
		if sc.toks[i].now {
			return
		}
	}
	// The frame: the first mark of over or about; what the writer tells
	// of their own in a later sentence is not reached (ownAfter).
	from, frame := int32(len(sc.toks)), int32(len(sc.toks))
	for k := range sc.marks {
		if m := &sc.marks[k]; (m.role == roleOver || m.role == roleAbout) && m.last < frame {
			from, frame = m.first, m.last
		}
	}
	for _, parts := range [...][]part{sc.kinds, sc.signs} {
		for i := range parts {
			if p := &parts[i]; p.first >= 0 && sc.toldPast(p) && !sc.ownAfter(from, frame, p) {
				p.bar = max(p.bar, urgentScore+pastCalm)
				p.past = true
			}
		}
	}
}

// toldPast tells whether part p's clauses hold a mark of past, over or
// about, or a need named before it.
func (sc *scratch) toldPast(p *part) bool {
	c1, c2 := sc.toks[p.first].clause, sc.toks[p.last].clause
	for k := range sc.marks {
		if m := &sc.marks[k]; m.role >= rolePast && m.role <= roleAbout && sc.toks[m.first].clause <= c2 && sc.toks[m.last].clause >= c1 {
			return true
		}
	}
	for _, at := range sc.needAt {
		if at >= 0 && at < p.first && sc.toks[at].clause >= c1 {
			return true
		}
	}
	return false
}

// marked tells whether calm phrase m holds a word of a mark of over or
// about (data/calm).
func (sc *scratch) marked(m *part) bool {
	for k := range sc.marks {
		if x := &sc.marks[k]; (x.role == roleOver || x.role == roleAbout) && x.first <= m.last && x.last >= m.first {
			return true
		}
	}
	return false
}

// topical tells whether calm phrase m holds a word of a mark of topic or
// game (data/calm): what a school task, a course or a job is about, a
// match.
func (sc *scratch) topical(m *part) bool {
	return sc.marksIn(m.first, m.last, roleTopic) || sc.marksIn(m.first, m.last, roleGame)
}

// marksIn tells whether tokens first to last hold a word of a mark of role.
func (sc *scratch) marksIn(first, last int32, role markRole) bool {
	for k := range sc.marks {
		if x := &sc.marks[k]; x.role == role && x.first <= last && x.last >= first {
			return true
		}
	}
	return false
}

// looksBack tells whether clauses lo to hi hold a mark of over or about:
// a calm phrase there looks back on what was told before it, in the
// sentence before too ("he beat me. that is over now", "how do I report
// domestic violence? it's for a talk"). A film, the news or a past time
// told in a later sentence opens another story: "He hit me. I saw a film
// yesterday" is urgent.
func (sc *scratch) looksBack(lo, hi int16) bool {
	for k := range sc.marks {
		if m := &sc.marks[k]; (m.role == roleOver || m.role == roleAbout) && sc.toks[m.first].clause <= hi && sc.toks[m.last].clause >= lo {
			return true
		}
	}
	return false
}

// calmOver sums the calm phrases over part p.
func (sc *scratch) calmOver(p *part) float32 {
	var w float32
	for i := range sc.calms {
		if sc.covers(&sc.calms[i], p) {
			w += sc.calms[i].e.weight
		}
	}
	return w
}

// covers tells whether calm phrase m is over part p: whether p lies in
// m's reach (reach). A part found near over two clauses ("film, I don't
// want to live") must lie all in it: it reaches out of the calm.
func (sc *scratch) covers(m, p *part) bool {
	if p.first < 0 {
		return false
	}
	// A game calms its score, not the writer beaten at it: "at the match
	// he beat me so hard I am bleeding" (review rev15).
	if sc.marksIn(m.first, m.last, roleGame) && sc.namesMe(p) {
		return false
	}
	if sc.ownAfter(m.first, m.last, p) {
		return false
	}
	// A past time a since word opens ("depuis l'année dernière", since
	// last year) after a danger reaches now: it calms no danger of its
	// clause as a past would (own19). Another clause it may still look
	// on: "desde el año pasado vivo sola, mi ex me pegaba"; and opening
	// the clause it tells what has held since, not the danger after it:
	// "desde el año pasado mi ex que me pegaba vive en otra ciudad"
	// (review rev19).
	if p.last < m.first && sc.sinceBefore(markAt{first: m.first, last: m.last}) && sc.toks[p.first].clause == sc.toks[m.first].clause && sc.toks[p.last].clause == sc.toks[m.first].clause {
		return false
	}
	lo, hi, from, to := sc.reach(m)
	c1, c2 := sc.toks[p.first].clause, sc.toks[p.last].clause
	if (c1 < sc.toks[m.first].clause || c2 > sc.toks[m.last].clause) && !sc.laughter(m) && sc.nowIn(c1, c2) {
		// A danger told as happening now is the writer's own, whatever
		// film, news or past another clause tells (review of issue 12).
		return false
	}
	if c1 >= lo && c2 <= hi {
		return true
	}
	// A film or a course is told of others; a wish to die told after it
	// is the writer's own ("I watched a film, I don't want to live
	// anymore"), and so are the signs that only make a suicide ("I'm
	// tired of everything, goodbye forever").
	return p.first >= from && p.last < to && p.e.urgent != suicide && (p.e.sign < 0 || sc.selfSigns&(1<<p.e.sign) == 0)
}

// ownAfter tells whether part p is a danger the writer tells of their own,
// in the present, in a sentence after the frame that ends at token frame
// (a calm phrase, a mark of over or about): a sentence that starts after
// a full stop, a question mark, a line break or a contrasting word (role
// but). Its own: a mark of role me in the phrase or in the two words
// before it, or a person of the writer's own (role kin) there ("my boss
// took my passport", "my daughter is not breathing"). In the present: no
// mark of past in its sentence, and no mark of over or about in it or
// after it (those look back on it). The frame asked about a danger or
// told one over; what follows in the writer's own words is lived: "I'm
// asking for my thesis about work in Italy. my boss took my passport and
// locks me in at night" (issue 12, own18). Before, "for my thesis" made
// the whole message past and over (pastOver) and the passport a fifth.
//
// own19: a frame that asks (a mark of about or topic in tokens ffirst to
// frame) stops in its own sentence too, after its object: over a comma
// or more than frameObject words on ("for my thesis on trafficking, my
// boss took my passport", "... on trafficking my boss took my passport"),
// where a wish to die needs a me word as any danger does ("for my thesis
// on why people want to die" is the object). The own words may be the
// word right after the phrase ("بيضرب ابني", hits my son) and an ending
// of role mine ("جوازي", my passport); a past that a since word opens
// ("since last year", "من السنة الماضية") goes on, it keeps nothing.
func (sc *scratch) ownAfter(ffirst, frame int32, p *part) bool {
	if p.first < 0 || frame >= p.first {
		return false
	}
	// The sentence of p: from the last full stop or contrasting word at
	// or before it to the first after it. Marks are read once, not at
	// each token: a message may hold tens of thousands of both.
	start, end := p.first, p.last+1
	for start > frame && sc.toks[start].cut != cutStop {
		start--
	}
	for int(end) < len(sc.toks) && sc.toks[end].cut != cutStop {
		end++
	}
	for k := range sc.marks {
		if m := &sc.marks[k]; m.role == roleBut {
			if m.first > start && m.first <= p.first {
				start = m.first
			} else if m.first > p.last && m.first < end {
				end = m.first
			}
		}
	}
	// In the frame's own sentence, only after its object: over a comma
	// or more than frameObject words on ("for my thesis on trafficking,
	// my boss took my passport", "for my thesis on trafficking my boss
	// took my passport"). A frame that asks (about, topic) only: a danger
	// told over is told before the story goes on.
	same := false
	if start <= frame || sc.toks[start].cut != cutStop && !sc.isBut(start) {
		if !sc.marksIn(ffirst, frame, roleAbout) && !sc.marksIn(ffirst, frame, roleTopic) {
			return false
		}
		// The frame's other marks that run on from it are the frame:
		// "how to recognise victims of" and "how to recognise victims
		// of trafficking".
		for k := range sc.marks {
			if m := &sc.marks[k]; m.first <= frame && m.last > frame && m.last < p.first && (m.role == roleAbout || m.role == roleOver || m.role == roleTopic) {
				frame = m.last
			}
		}
		start, same = frame+1, true
	}
	// The words a danger found near overlapping it spans count as its
	// own: "beni her gün dövüyor" finds "dövüyor" and "beni dövüyor".
	first, last := p.first, p.last
	for _, parts := range [...][]part{sc.kinds, sc.signs} {
		for i := range parts {
			if q := &parts[i]; q.first >= start && q.first <= p.last && q.last >= p.first {
				first, last = min(first, q.first), max(last, q.last)
			}
		}
	}
	from := max(first-2, start)
	if sc.punctuated(from, first) {
		from = first
	}
	if same && !sc.punctuated(frame, from) && !sc.pastObject(frame, first) {
		return false
	}
	// A wish to die is the writer's own in any words ("voglio
	// uccidermi"), as covers reads it after a film; in the frame's own
	// sentence it may be its object ("for my thesis on why people want
	// to die"). An ending glued to a word (role mine: "جوازي", my
	// passport; "بيضربني", he hits me) names the writer as a me word does.
	// The word right after the phrase too, its object: "بيضرب ابني"
	// (hits my son).
	to := last
	if to+1 < end && sc.toks[to+1].cut == 0 {
		to++
	}
	// An ending counts on the danger's own words and its object only, not
	// on the two words before: a verb of the first person ends so too
	// (fa "شنیدم صاحبکار پاسپورت کارگرا رو گرفته", I heard the employer
	// took the workers' passports: the writer reports; rev19).
	if (same || p.e.urgent != suicide) && !sc.marksIn(from, to, roleMe) && !sc.marksIn(from, to, roleKin) && !sc.marksIn(first, to, roleMine) {
		return false
	}
	for k := range sc.marks {
		m := &sc.marks[k]
		switch {
		case m.role == rolePast && m.last >= start && m.first < end && !sc.sinceBefore(*m):
			return false
		case (m.role == roleOver || m.role == roleAbout) && m.last >= start:
			return false
		}
	}
	return true
}

// pastObject tells whether token i lies past the object of a frame
// ending at token frame: more than frameObject words after it, or
// frameObjectLetters in a script without spaces (framed).
func (sc *scratch) pastObject(frame, i int32) bool {
	limit := int32(frameObject)
	if sc.toks[frame].script.unspaced() {
		limit = frameObjectLetters
	}
	return i-frame > limit
}

// namesMe tells whether part p names the writer: a mark of role me in
// its phrase or the word next to it, before or after, with no
// punctuation between ("beat me", "mich geschlagen", "меня избили").
func (sc *scratch) namesMe(p *part) bool {
	from, to := p.first, p.last
	if from > 0 && sc.toks[from].cut == 0 {
		from--
	}
	if int(to)+1 < len(sc.toks) && sc.toks[to+1].cut == 0 {
		to++
	}
	return sc.marksIn(from, to, roleMe)
}

// suicideSigns are the signs that only rules of kind suicide join (bit
// i: sign i).
func (c *Classifier) suicideSigns() uint64 {
	var used, other uint64
	for i := range c.rules {
		r := &c.rules[i]
		for _, t := range r.alts {
			used |= t.mask
			if int(r.kind) != suicide {
				other |= t.mask
			}
		}
	}
	return used &^ other
}

// reach is what calm phrase m discounts: the clauses lo to hi, and the
// tokens from to to (before to) of the clause after them. Measured on the
// training and held-out sets (issue 12, calm12):
//   - its own clause: "two years ago my husband beat me" ("due anni fa
//     mio marito mi picchiava");
//   - when its own tells no danger, the clauses before it in its sentence,
//     or the sentence before when it opens one: it looks back ("he beat
//     me, that is over now", "mi ex me pegaba pero eso ya paso", "how do
//     I report domestic violence? it's for a talk");
//   - when its own tells no danger and it says no "now" (data/calm), the
//     clause after it over a comma, up to a joining word: it opens a story ("yesterday I watched a film, in
//     it a man was stabbed", "first aid course: what to do if someone is
//     not breathing"); a joining word or a full stop ends the story ("I
//     watched a film yesterday and my husband says he will kill me
//     tonight", "saw on the news, he has a knife and is going to kill
//     me").
//
// Cut at commas with neither of the last two, the sets gained 38 false
// alarms; with a window of 5 or 8 words around the phrase instead of
// clauses, 39 and 26.
func (sc *scratch) reach(m *part) (lo, hi int16, from, to int32) {
	lo, hi = sc.toks[m.first].clause, sc.toks[m.last].clause
	if sc.laughter(m) {
		return 0, maxClause, 0, 0
	}
	// A topic ("an essay about", "a course on") calms its object, in its
	// own clause: "he hit me, I have class on monday" is the writer's own
	// (calm15).
	if sc.topical(m) || sc.tellsDanger(lo, hi) {
		return lo, hi, 0, 0
	}
	// Back to the start of its sentence, or of the one before when it
	// opens one and looks back.
	k := int(m.first)
	for k > 0 && sc.toks[k].cut != cutStop {
		k--
	}
	if k > 0 && sc.toks[k].clause == lo && sc.looksBack(lo, hi) {
		for k--; k > 0 && sc.toks[k].cut != cutStop; k-- {
		}
	}
	lo = sc.toks[k].clause
	// Forward over a comma, up to a joining word; not from a calm that
	// says "now" ("i'm safe now, he is outside my door with a knife"): it
	// looks back on a past, it opens no story.
	for k := m.first; k <= m.last; k++ {
		if sc.toks[k].said {
			return lo, hi, 0, 0
		}
	}
	// Nor from a calm that tells a past over or asks about one ("he is in
	// jail", "for my thesis"): it looks back on what was told, and what
	// follows it is another story ("he is in jail now, his brother
	// threatens to kill me"; "for my thesis. He is going to kill me";
	// review of round 8).
	if sc.marked(m) {
		return lo, hi, 0, 0
	}
	k = int(m.last) + 1
	for k < len(sc.toks) && sc.toks[k].clause == hi {
		k++
	}
	if k == len(sc.toks) || sc.toks[k].cut != cutComma && !(sc.toks[k].cut == cutStop && sc.alone(m)) {
		return lo, hi, 0, 0
	}
	from = int32(k)
	for k++; k < len(sc.toks) && (sc.toks[k].cut == 0 || sc.listed(k)) && !sc.toks[k].joiner; k++ {
	}
	return lo, hi, from, int32(k)
}

// alone tells whether calm phrase m is the whole of its sentence and
// names an everyday need itself, a course's heading the next sentence
// goes on from ("first aid course? like cpr, choking, bleeding"): it
// reaches forward over the full stop as it would over a comma. A heading
// that names no need ("¿Cómo se castiga? Mi marido me va a matar") opens
// no topic; what follows is the writer's own (review rev3).
func (sc *scratch) alone(m *part) bool {
	if m.first > 0 && sc.toks[m.first].cut != cutStop {
		return false
	}
	named := false
	for _, at := range sc.needAt {
		named = named || at >= m.first && at <= m.last
	}
	if !named {
		return false
	}
	for k := int(m.first) + 1; k <= int(m.last); k++ {
		if sc.toks[k].cut == cutStop {
			return false
		}
	}
	return int(m.last)+1 >= len(sc.toks) || sc.toks[m.last+1].cut == cutStop
}

// tellsDanger tells whether a danger or a sign was found in clauses lo
// to hi.
func (sc *scratch) tellsDanger(lo, hi int16) bool {
	for _, parts := range [...][]part{sc.kinds, sc.signs} {
		for i := range parts {
			if p := &parts[i]; p.first >= 0 && sc.toks[p.first].clause >= lo && sc.toks[p.last].clause <= hi {
				return true
			}
		}
	}
	return false
}

// weight tells what the parts of one target weigh: raw, as found; eff,
// each counted over its bar; free, those no calm is over; and bar, the
// bar they share, or 0 when they differ. counts tells the parts of the
// target.
func weight(parts []part, counts func(*part) bool) (raw float32, eff float64, free float32, bar float32) {
	n := 0
	for i := range parts {
		p := &parts[i]
		if !counts(p) {
			continue
		}
		raw += p.e.weight
		if p.bar == urgentScore {
			free += p.e.weight
		}
		switch {
		case n == 0:
			bar = p.bar
		case bar != p.bar:
			bar = -1
		}
		n++
	}
	return raw, effective(parts, counts), free, max(bar, 0)
}

// effective sums the parts counts tells, each group of one bar summed
// first and then divided by it: a message of one clause weighs exactly
// what it weighed over the bar before calm was scoped (2 over a bar of 2
// is 1, not 0.999...).
func effective(parts []part, counts func(*part) bool) float64 {
	var eff float64
	for i := range parts {
		p := &parts[i]
		if !counts(p) {
			continue
		}
		seen := false
		for j := range i {
			if q := &parts[j]; counts(q) && q.bar == p.bar {
				seen = true
				break
			}
		}
		if seen {
			continue
		}
		var sum float32
		for j := i; j < len(parts); j++ {
			if q := &parts[j]; q.bar == p.bar && counts(q) {
				sum += q.e.weight
			}
		}
		eff += float64(sum) / float64(p.bar)
	}
	return eff
}

// termBar is the bar of one term of a rule whose parts are told by
// counts: 1 when the parts no calm is over are enough alone, the bar
// they share, or what the calm takes off them.
func termBar(parts []part, counts func(*part) bool) float32 {
	raw, eff, free, bar := weight(parts, counts)
	switch {
	case free >= urgentScore:
		return urgentScore
	case bar > 0:
		return bar
	case eff > 0:
		return float32(float64(raw) / eff)
	}
	return urgentScore
}

// ruleBar is the bar of a rule's alternative t: that of its most calmed
// term. A child named in one clause and a film's harm in another make a
// child in danger counted over the film's bar.
func (c *Classifier) ruleBar(sc *scratch, t *terms, phrases int, lang int) float32 {
	bar := float32(urgentScore)
	for i := range maxSigns {
		if t.mask&(1<<i) != 0 {
			bar = max(bar, termBar(sc.signs, func(p *part) bool { return int(p.e.sign) == i && !p.dup && signCounts(p, lang) }))
		}
	}
	for k := range numUrgent {
		if t.kinds&(1<<k) != 0 {
			bar = max(bar, termBar(sc.kinds[:phrases], func(p *part) bool { return int(p.e.urgent) == k && !p.dup }))
		}
	}
	return bar
}

// signCounts tells whether a sign counts in a message of language lang
// (-1: not told): in its own language, or any for any.tsv's.
func signCounts(p *part, lang int) bool {
	return lang < 0 || p.e.lang < 0 || int(p.e.lang) == lang
}

// weighKinds sets what each urgent kind weighs once calm is counted
// (sc.eff) and without the parts any calm is over (sc.free).
func (sc *scratch) weighKinds() {
	for k := range numUrgent {
		counts := func(p *part) bool { return int(p.e.urgent) == k && !p.dup }
		_, sc.eff[k], sc.free[k], _ = weight(sc.kinds, counts)
	}
}
