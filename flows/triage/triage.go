// Package triage reads one free-text message and tells its language, the
// need area and service (topic) it is about, and whether it describes an
// urgent situation. It runs locally, without network, from multilingual
// lexicons embedded as data; New builds them once, and Classify then does
// no I/O and no allocation (about 1 µs per message).
//
// Normalisation folds case, strips Latin diacritics, unifies Arabic and
// Urdu letter variants (ي/ی, ك/ک, ه/ة/ۀ/ہ, hamza forms) and drops harakat
// and tatweel, turns digits of every script into ASCII, and makes each Han
// character a word of its own, so Chinese lexicon entries match as phrases.
//
// Language: the script decides first (the only language of a script wins:
// Han → zh unless kana, Bengali → bn);
// within Latin, Cyrillic and Arabic script, frequent words (data/lang/*.txt,
// including Arabic, Urdu and Bengali written in Latin letters), the words of
// the lexicons, telling letters (і ї є ґ against ы э ъ ё; ٹ ڈ ڑ ں ے against ة ي)
// and, for unknown Latin words, letter trigrams score the candidates. Too
// little evidence or too small a margin gives "" (ask with the menu);
// German, Hausa, Kurdish and Portuguese are recognised only to answer "". Italian
// administrative terms (permesso di soggiorno, codice fiscale, …), marked
// "~" in the lexicons, weigh for triage but are invisible to language
// detection, because people write them inside every language.
//
// Triage: the lexicons (data/<area>.tsv, data/urgent.tsv; format in
// lexicon.go) hold phrases per area and topic, in all twenty-one languages, with
// weights. Phrases are matched longest first; a word also matches a "stem*"
// entry, the same word after Arabic clitics or Bengali case endings are
// removed, and a lexicon word one typo away (words of 5+ letters, 6+ in
// Arabic and Bengali script, through a precomputed deletion index).
// Confidence comes from the margin between the best and second area.
//
// Thai, Lao, Khmer and Burmese, written without spaces, are cut into
// words by maximal matching over the lists' words and common words
// (data/words, segment.go): their listed phrases are found only as words.
//
// Adding a language: data/lang/<code>.txt (its frequent words and how to
// tell it: script, telling letters; see langdata.go) and lines for it in
// the lexicons; no Go code, unless it brings a new script, which needs a
// case in fold.
package triage

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sync"

	"frontdoor/flows/triage/ngram"
)

//go:embed data
var data embed.FS

// Result is what Classify understood of a message.
type Result struct {
	Lang           string  // it,en,fr,es,ar,uk,sq,bn,ur,zh, or "" when unsure
	LangConfidence float64 // 0..1
	Area           string  // legal, work, health, education, welfare, or "" when unknown
	Topic          string  // a topic id of Area, or "" (area known, topic not)
	Confidence     float64 // 0..1 for Area/Topic
	// Detected is the language recognised even when Frontdoor does not
	// speak it (de, ha, ku, pt: data/lang files marked @unsupported),
	// "" when unsure; for a supported language it equals Lang.
	Detected string
	// Urgent is "" or an urgent kind (Kinds): an urgent situation
	// recognised in any language, supported or not.
	Urgent string
	// Person is set when the message asks to talk to a person.
	Person bool
	// Concern is an urgent kind the message half tells ("I can't go on",
	// weighing 0.6 of a suicide) when Urgent is "" and nothing says it is
	// past or a joke: not enough to open a priority case, enough to put
	// that kind's numbers under the answer.
	Concern string
	// Net is the second net's score (0..1, ngram.Model.Score) when it was
	// asked: only when the lists find no danger and none they calmed.
	// Urgent set with Net > 0 is the net's doing, of the kind its kind
	// head names (distress when no kind is clearly ahead).
	Net float64
}

// Areas and their topics; the ids are shared with the flows.
var areaNames = [...]string{"legal", "work", "health", "education", "welfare"}

const numAreas = len(areaNames)

var topicsOf = [numAreas][]string{
	{"permit_first", "permit_renewal", "permit_conversion", "citizenship", "family_reunification", "office_appointment", "asylum"},
	{"cv", "job_centre", "training", "interview", "payslip_contract", "exploitation"},
	{"nhs_registration", "tax_code", "family_doctor", "booking_visits", "stp", "mental_health"},
	{"school_enrolment", "language_course", "vocational_course", "qualifications"},
	{"rent_bills", "housing", "family_allowances", "food_support"},
}

const numTopics = 7 + 6 + 6 + 4 + 4

// urgentNames are the urgent kinds (data/safety/README.md says what each
// covers); distress, the cry that says nothing of what happens, is last.
// Which kind wins when a message tells several is not this order but
// data/safety/kinds.txt's (Classifier.choose).
var urgentNames = [...]string{"child", "suicide", "violence", "medical", "trafficking", "exploitation", "distress"}

// Kinds returns the urgent kinds, in order.
func Kinds() []string { return slices.Clone(urgentNames[:]) }

const distress = numUrgent - 1

const numUrgent = len(urgentNames)

// Tuning of the decisions, in score units (a plain keyword weighs 1).
const (
	minAreaScore  = 0.6 // below: area unknown
	urgentScore   = 1.0 // at or above: urgent
	minLangScore  = 0.5 // Latin, Cyrillic, Arabic: less evidence is "unsure"
	minLangConf   = 0.3 // smaller margin between the two best is "unsure"
	trigramWeight = 0.35
)

// Classifier holds the lexicons; it is read-only after New and safe for
// concurrent use.
type Classifier struct {
	latin *foldTable
	// symbols are the pictographs the lists name (🆘, 💊): words of
	// their own; other emoji separate words.
	symbols map[rune]bool

	vocab map[string]int32 // triage word -> id
	age   int32            // id of ageWord in vocab, -1 when no phrase has one
	// help is the sign @help, -1 when no line lists it: a cry listed for
	// the whole message is that sign inside a longer one (applyWhole).
	help     int8
	prefixes map[string]int32   // stem of a "stem*" entry -> id
	acronyms map[string]int32   // an ACRONYM entry, folded -> id
	deletes  map[string][]int32 // a word minus one letter -> ids, for typos
	// skeletons are the transliterated words of languages written in
	// another script (Roman Urdu, Arabizi, Romanised Bengali), by
	// skeleton: "jeena" and "jina" are one word (skeleton.go).
	skeletons map[string][]int32
	wordOf    []string          // id -> lexicon word ("" for stems and acronyms), to check typos
	maxPre    int               // longest stem, in runes
	phrases   map[int32][]int32 // first word id -> phrase indexes
	near      map[int32][]int32 // word id -> phrases of several words holding it
	phr       []phrase

	// Signs and the rules that join them (data/safety/README.md): a sign
	// ("@minor", a child is named) is not urgent alone; a rule makes an
	// urgent kind of signs found together ("@minor @harm" is a child in
	// danger), so a harm word listed once pairs with every child word.
	signs []string
	rules []rule
	// halfTold are the kinds a message can half tell (Result.Concern),
	// and rank the precedence of each kind (0 wins) when a message weighs
	// as much of several, both from data/safety/kinds.txt.
	halfTold [numUrgent]bool
	rank     [numUrgent]int8

	// Languages (data/lang/*.txt), in the order of the score arrays.
	langs    []langInfo
	byScript [numScripts][]int // the languages written in a script
	hintOf   [hintRunes]uint8  // letter -> index in hints, 0 for none
	hints    [][]hintWeight    // what a hint letter adds
	nLangs   int               // len(langs)

	langWords map[string][]float32 // word -> weight per language
	trigrams  map[string][]float32
	triMiss   []float32
	// triLangs are the Latin-script languages with a trigram profile: all
	// but those whose file says @wordsonly (see langdata.go).
	triLangs []int

	// words is the dictionary that cuts Thai, Lao, Khmer and Burmese
	// into words (segment.go); nil when no list has a word of them.
	words *dict

	// joiners are, per language (the index of langs), the words that
	// join two clauses ("and", "but", data/calm): a calm phrase does not
	// reach over them (calm.go).
	joiners []map[string]bool
	// marks are the other phrases of data/calm (now, past, over, about),
	// folded; markFirst indexes them by their first word, markLoose
	// lists those that start with a stem or a number (calmdata.go).
	marks     []mark
	markFirst map[string][]int32
	markLoose []int32
	// mine are, per language (the index of langs), the endings that make
	// a word the writer's own ("*ي", "*م") and the words that end so and
	// own nothing (data/calm, roles mine and notmine; calmdata.go).
	mine []mineWords
	// ownSigns are the signs that name the writer's own child or partner,
	// or a child (@minor, @parentof, @partner; bit i: sign i): a how-to
	// frame does not calm a clause naming one (calm.go, howTo).
	ownSigns uint64
	// selfSigns are the signs only suicide rules join (bit i: sign i): a
	// calm opening a story does not reach them (calm.go).
	selfSigns uint64
	// harmSigns are the signs of harm to the body or of feeling it
	// (@harm, @unwell; bit i: sign i): found in a message, a figure of heat or cold is no figure, the
	// heat may be a heat stroke (calm.go, figures).
	harmSigns uint64

	// net is the second net (net.go), nil when fsys has none or
	// NewWithoutNet built the classifier.
	net *ngram.Model

	pool sync.Pool
}

type phrase struct {
	ids     []int32
	neutral bool // Italian administrative term
	// hides is set for an "ignore" phrase: what it hides of the words it
	// covers (hideDanger, hideNeed), as the lists it is listed in say.
	hides   uint8
	ordered bool // near matches keep the order (Chinese)
	// spelled is set for a phrase in the letters of a script without
	// spaces (Thai): found side by side only, and the signs inside it
	// still count, as they would near for a phrase of words.
	spelled bool
	// glued are the words of the phrase (bit i: ids[i]) found near only
	// right after the word before them: kana inside a Japanese word.
	glued uint64
	near  bool // in Classifier.near
	signs bool // some effect is a sign
	// plain is set when every effect names an everyday need (an area or a
	// topic): such a phrase does not hide a danger told inside it.
	plain bool
	// everyday is set when some effect names an everyday need: a phrase
	// with none does not hide a need told inside it. needOnly is set when
	// every effect names one or is an area list's ignore: such a phrase
	// does not hide a danger told inside it either.
	everyday, needOnly bool
	effects            []effect
	src                string // where it was first listed, and as written (Explain)
}

// rule makes urgent kind of the signs of mask found together, and with
// the urgent kinds of kinds already recognised ("@minor violence": a
// child named where violence is told is a child in danger).
type rule struct {
	kind   int8
	weight float32
	alts   []terms // one found is enough: a line weighs once
	src    string  // file:line (Explain)
}

// terms are what one alternative of a rule needs found together.
type terms struct {
	mask  uint64 // bit i: sign i
	kinds uint8  // bit k: urgent kind k
	// noArea ("-area" in the rule) holds the alternative only in a
	// message that names no everyday need: "help me, I am scared" is a
	// cry, "I am scared my permit is refused, help me" is a question.
	noArea bool
	src    string // as written
}

// noAreaTerm is the term of a rule that wants no area named (terms.noArea).
const noAreaTerm = "-area"

// ageWord stands, in a phrase, for a number a minor's age can be (0 to
// maxMinorAge): "ho # anni", "tengo # años", "мені #". A phrase with an
// age is found side by side only: "ho lavorato 5 anni" is no age.
const (
	ageWord     = "#"
	maxMinorAge = 17
)

// maxSigns bounds the signs, so that their scores are an array and a
// rule's signs a mask (64 bits: the lists use 31, and a deployment
// adds its own).
const maxSigns = 64

// effect is what one matched phrase adds: to an area (and topic), to an
// urgent kind or to a sign.
type effect struct {
	area, topic, urgent int8 // -1 for none; topic is a global topic index
	sign                int8 // -1 for none
	// lang is the language of a sign's list (-1: any.tsv): a sign counts
	// only in a message of its language, or of a language not told, since
	// short words collide across languages ("son" is a son in English and
	// "his" in French).
	lang   int8
	person bool  // asks for a person
	calm   bool  // says the danger is past or a joke: raises the urgent threshold
	ignore bool  // shadows shorter phrases, weighs nothing
	hides  uint8 // an ignore's: what it hides (hideDanger, hideNeed)
	whole  bool  // counts only when the phrase is the whole message
	// echo is set on the area an urgent phrase also tells (a medical
	// emergency is health): it names no everyday need (calm.go).
	echo   bool
	weight float32
}

// What an "ignore" line hides of the words it covers: those of the lists
// it is listed in. A safety list's (an idiom, "muoio dalla voglia"; a
// word holding a danger word, "工作人员") hides the dangers, signs, cries
// and asking for a person; an area list's ("sono a casa", at home, is no
// housing) hides the everyday needs. Neither hides the other's: "questo
// affitto mi ammazza" is no threat, and still about the rent.
const (
	hideDanger uint8 = 1 << iota
	hideNeed
)

// everyday tells whether e only names an everyday need: an area, a topic.
func (e effect) everyday() bool {
	return e.urgent < 0 && e.sign < 0 && !e.person && !e.calm && !e.ignore && !e.whole
}

// New builds the lexicons once, and the second net (net.go), asked where
// the lists find no danger.
func New() (*Classifier, error) { return newFrom(data, nil) }

// NewWithExtra builds the lexicons with the lines a deployment adds in
// extra: <area>.tsv files in the format of the area lexicons,
// safety/<lang>.tsv files in that of the safety lists, safety/kinds.txt,
// calm/<lang>.tsv in that of data/calm (calmdata.go),
// and words/<code>.txt, words that cut Thai, Lao, Khmer and Burmese as
// data/words does (all optional). A bad
// line is an error naming its file and line. The second net is on, as in
// New: it is asked only where the lists, extra lines and all, find no
// danger and did not calm one.
func NewWithExtra(extra fs.FS) (*Classifier, error) { return newFrom(data, extra) }

// newFrom builds a classifier from the data directory of fsys.
func newFrom(fsys fs.FS, extra fs.FS) (*Classifier, error) {
	c := &Classifier{
		latin:     newFoldTable(),
		vocab:     map[string]int32{},
		prefixes:  map[string]int32{},
		acronyms:  map[string]int32{},
		deletes:   map[string][]int32{},
		phrases:   map[int32][]int32{},
		near:      map[int32][]int32{},
		langWords: map[string][]float32{},
		trigrams:  map[string][]float32{},
	}
	c.pool.New = func() any {
		return &scratch{buf: make([]byte, 0, 256), toks: make([]token, 0, 32), tri: make([]byte, 0, 64)}
	}
	files, err := readLangFiles(fsys)
	if err != nil {
		return nil, err
	}
	if err := c.setLanguages(files); err != nil {
		return nil, err
	}
	c.nLangs = len(c.langs)
	b := newBuilder(c, fsys)
	if err := b.loadLexicons(fsys, extra); err != nil {
		return nil, err
	}
	if err := b.loadCalmLists(fsys, extra); err != nil {
		return nil, err
	}
	if err := b.checkSigns(); err != nil {
		return nil, err
	}
	b.loadLanguages(files)
	if err := b.loadWords(fsys, wordsDir, ""); err != nil {
		return nil, err
	}
	if extra != nil {
		// A deployment's own words: "words/<code>.txt" in triage.extra.
		if err := b.loadWords(extra, "words", "extra "); err != nil {
			return nil, err
		}
	}
	b.finish()
	if c.net, err = loadNet(fsys); err != nil {
		return nil, err
	}
	c.selfSigns = c.suicideSigns()
	for _, n := range [...]string{"minor", "parentof", "partner"} {
		if i := slices.Index(c.signs, n); i >= 0 {
			c.ownSigns |= 1 << i
		}
	}
	// A heat that "kills" is a heat stroke when the body is harmed or
	// the writer feels it (@unwell: fainting, vomiting): either ends the
	// figure's calm. @unwell is not @harm, which with a minor makes a
	// child in danger ("my son is fine, I am vomiting" is not one).
	for _, n := range [...]string{"harm", unwellSign} {
		if i := slices.Index(c.signs, n); i >= 0 {
			c.harmSigns |= 1 << i
		}
	}
	return c, nil
}

func (c *Classifier) get() *scratch { return c.pool.Get().(*scratch) }

func (c *Classifier) put(sc *scratch) {
	if cap(sc.buf) > 4096 || cap(sc.toks) > 512 {
		return // a huge message should not pin its buffers
	}
	c.pool.Put(sc)
}

// maxInput bounds the work on one message: longer text is cut, since a
// need is told in the first few sentences.
const maxInput = 2000

// Classify reads one message.
func (c *Classifier) Classify(text string) Result {
	sc := c.get()
	defer c.put(sc)
	return c.read(text, sc)
}

// read runs the whole reading of text in sc, which then holds the phrases
// found (Explain).
func (c *Classifier) read(text string, sc *scratch) Result {
	if len(text) > maxInput {
		text = text[:maxInput]
	}
	c.tokenize(text, sc)
	c.segment(sc)
	c.lookup(sc)
	c.match(sc)
	var res Result
	res.Lang, res.Detected, res.LangConfidence = c.detect(sc)
	c.applyRules(sc, c.langIndex(res.Detected))
	c.decide(sc, &res)
	c.askNet(text, sc, &res)
	return res
}

// DetectLanguage returns the language of text, or "" with a low confidence
// when unsure.
func (c *Classifier) DetectLanguage(text string) (lang string, confidence float64) {
	if len(text) > maxInput {
		text = text[:maxInput]
	}
	sc := c.get()
	defer c.put(sc)
	c.tokenize(text, sc)
	c.segment(sc)
	c.lookup(sc)
	c.match(sc)
	lang, _, conf := c.detect(sc)
	return lang, conf
}

func topicIndex(area int, topic string) (int8, error) {
	off := 0
	for a := range area {
		off += len(topicsOf[a])
	}
	for i, t := range topicsOf[area] {
		if t == topic {
			return int8(off + i), nil
		}
	}
	return -1, fmt.Errorf("unknown topic %q in area %s", topic, areaNames[area])
}

// topicName returns the area index and id of a global topic index.
func topicName(i int) (int, string) {
	for a, ts := range topicsOf {
		if i < len(ts) {
			return a, ts[i]
		}
		i -= len(ts)
	}
	return -1, ""
}

// decide turns the scores of sc into the area, topic and urgency of res.
// maxCalm bounds how much calm words raise the urgent threshold: however
// much laughter, a message that says danger loudly enough is urgent.
const maxCalm = 1.5

// concernScore is the weight of an urgent kind, short of urgentScore,
// from which the message half tells it (Result.Concern).
const concernScore = 0.5

// plainNeedScore is the area score from which a cry for help that says
// nothing else ("au secours", "socorro") goes with an ordinary need rather
// than a danger: "au secours mon CV est nul", "socorro no entiendo nada de
// italiano, hay cursos?". Health is never plain: "help, I need a doctor"
// may be an emergency.
const plainNeedScore = 1.5

func plainNeed(res *Result, score float32) bool {
	return res.Area != "" && res.Area != "health" && score >= plainNeedScore
}

func (c *Classifier) decide(sc *scratch, res *Result) {
	best, second := -1, -1
	for a := range sc.area {
		switch {
		case best < 0 || sc.area[a] > sc.area[best]:
			best, second = a, best
		case second < 0 || sc.area[a] > sc.area[second]:
			second = a
		}
	}
	s1, s2 := sc.area[best], sc.area[second]
	if s1 >= minAreaScore {
		res.Area = areaNames[best]
		res.Confidence = float64((s1 - s2) / s1 * (s1 / (s1 + 0.5)))
		var t1, t2 float32
		ti := -1
		for i := range sc.topic {
			a, _ := topicName(i)
			if a != best {
				continue
			}
			switch v := sc.topic[i]; {
			case v > t1:
				t1, t2, ti = v, t1, i
			case v > t2:
				t2 = v
			}
		}
		if ti >= 0 && t1 > t2 {
			_, res.Topic = topicName(ti)
		}
	}
	res.Person = sc.person >= urgentScore
	// Words that say the danger is past ("two years ago", "used to") or a
	// joke (laughter, 😂) raise the bar of the dangers of their clause
	// (calm.go): "ho avuto un ictus due anni fa", "this queue is killing
	// me 😂"; a present danger told plainly still passes it, and one told
	// in another clause keeps its weight. sc.eff is each kind's weight
	// over its bar.
	var eff [numUrgent]float32
	for k, v := range sc.eff {
		eff[k] = float32(v)
	}
	u := c.choose(eff[:distress], func(k int, _ float32) bool { return sc.eff[k] >= urgentScore })
	// A cry gives way to a need named with it ("au secours mon CV est
	// nul"); a cry told twice over does not: followed and afraid, alone
	// at night ("un uomo mi segue ho tanta paura", with no place to
	// sleep named), two rules of distress, is a danger before a need
	// (blind set ao).
	if u < 0 && sc.eff[distress] >= urgentScore && (!plainNeed(res, s1) || sc.eff[distress] >= 2*urgentScore) {
		u = distress
	}
	if u < 0 {
		// A danger half told with no calm over it gets its numbers,
		// though another clause be calm ("I watched a film. I can't go
		// on"); laughter still calms the whole message.
		if sc.h.laugh == 0 {
			u = c.choose(sc.free[:], func(k int, v float32) bool {
				return v >= concernScore && c.halfTold[k] && (k != distress || !plainNeed(res, s1))
			})
			if u >= 0 {
				res.Concern = urgentNames[u]
			}
		}
		return
	}
	res.Urgent = urgentNames[u]
	switch res.Urgent {
	case "exploitation":
		res.Area, res.Topic = "work", "exploitation"
	case "medical":
		res.Area, res.Topic = "health", ""
	default:
		// Violence, a child in danger, suicide, trafficking and cries
		// for help go straight to a person, whatever else the message
		// asks.
		res.Area, res.Topic = "", ""
	}
	res.Confidence = max(res.Confidence, 0.9)
}

// tieScore is how close two weights of a message are to be equal: sums of
// listed weights (0.6 + 0.4) need not be exactly what they add up to.
const tieScore = 1e-4

// choose returns the kind, among those of weights w that ok accepts, that
// the message tells most: the greatest weight, which is how the lists say
// which kind a message is about ("mio marito mi picchia", 2.45, is an
// adult's danger even with a child named, which weighs 2); between equal
// weights, the kind listed first in kinds.txt (rank). -1 when none.
func (c *Classifier) choose(w []float32, ok func(k int, v float32) bool) int {
	u := -1
	for k, v := range w {
		if !ok(k, v) {
			continue
		}
		if u < 0 || v > w[u]+tieScore || v >= w[u]-tieScore && c.rank[k] < c.rank[u] {
			u = k
		}
	}
	return u
}
