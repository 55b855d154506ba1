package triage

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// Example is one labelled message of a corpus. Lang may be a language
// Frontdoor recognises but does not speak (data/lang files marked
// @unsupported, or not named by the corpus's "# spoken:" line): the right
// answer is then Lang "" or Lang itself (never a wrong language) and, for
// an urgent message, the urgent route. Urgent is an urgent kind, "person"
// (asks for a person), or "".
type Example struct {
	Line int // in the file, for messages about it
	// Lang is the language's code as the data files name it (an alias
	// such as "tl" is read as the code, "fil").
	Lang string
	// Unspoken marks a message in a language Frontdoor did not speak when
	// the corpus was written (see ReadCorpus): it was labelled without an
	// area, and is scored so still.
	Unspoken bool
	Area     string
	Topic    string
	Urgent   string
	Text     string
}

// ReadCorpus reads a labelled corpus: tab-separated, "#" comments, and an
// optional header naming the columns among lang, area, topic, urgent and
// text (lang, area and text are required). Without a header the columns
// are lang, area, topic, text.
//
// A comment line "# spoken: it en fr ..." before the first message names
// the languages Frontdoor spoke when the corpus was written: a message in
// another language was labelled as one Frontdoor does not speak (no area,
// language "" right), and keeps that meaning once the language is spoken,
// so that a held-out set's first-run figures stay comparable. Without it,
// the languages spoken are those of the data files now.
func ReadCorpus(r io.Reader) ([]Example, error) {
	cols := []string{"lang", "area", "topic", "text"}
	var out []Example
	var spoken []string // nil: as the data files say
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if rest, ok := strings.CutPrefix(line, spokenDirective); ok {
			if len(out) > 0 || spoken != nil {
				return nil, fmt.Errorf("line %d: %q must come once, before the first message", n, spokenDirective)
			}
			spoken = []string{}
			for _, l := range strings.Fields(rest) {
				if !langCode.MatchString(l) {
					return nil, fmt.Errorf("line %d: bad language code %q", n, l)
				}
				spoken = append(spoken, canonicalLang(l))
			}
			continue
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if f[0] == "lang" && len(out) == 0 {
			if err := checkHeader(f); err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			cols = f
			continue
		}
		if len(f) != len(cols) {
			return nil, fmt.Errorf("line %d: want %d tab-separated fields (%s), got %d", n, len(cols), strings.Join(cols, ", "), len(f))
		}
		e := Example{Line: n}
		for i, c := range cols {
			v := strings.TrimSpace(f[i])
			switch c {
			case "lang":
				e.Lang = canonicalLang(v)
			case "area":
				e.Area = v
			case "topic":
				e.Topic = v
			case "urgent":
				e.Urgent = v
			case "text":
				e.Text = v
			}
		}
		e.Unspoken = e.Lang != "" && (spoken != nil && !slices.Contains(spoken, e.Lang) || !slices.Contains(supportedLangs(), e.Lang))
		if err := e.check(); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", n+1, err)
	}
	return out, nil
}

// spokenDirective starts the comment line naming the languages spoken when
// a corpus was written.
const spokenDirective = "# spoken:"

func checkHeader(f []string) error {
	seen := map[string]bool{}
	for _, c := range f {
		switch c {
		case "lang", "area", "topic", "urgent", "text":
		default:
			return fmt.Errorf("unknown column %q", c)
		}
		if seen[c] {
			return fmt.Errorf("column %q twice", c)
		}
		seen[c] = true
	}
	for _, c := range []string{"lang", "area", "text"} {
		if !seen[c] {
			return fmt.Errorf("missing column %q", c)
		}
	}
	return nil
}

func (e *Example) check() error {
	if e.Lang != "" && !langCode.MatchString(e.Lang) {
		return fmt.Errorf("bad language code %q: want an ISO 639 code, lower case", e.Lang)
	}
	if e.Unspoken && (e.Area != "" || e.Topic != "") {
		return fmt.Errorf("a message in %s, which Frontdoor does not speak (or did not when the corpus was written), has no area: leave it empty", e.Lang)
	}
	area := -1
	if e.Area != "" {
		if area = slices.Index(areaNames[:], e.Area); area < 0 {
			return fmt.Errorf("unknown area %q", e.Area)
		}
	}
	if e.Topic != "" {
		if area < 0 {
			return fmt.Errorf("topic %q without an area", e.Topic)
		}
		if !slices.Contains(topicsOf[area], e.Topic) {
			return fmt.Errorf("topic %q is not in area %s", e.Topic, e.Area)
		}
	}
	if e.Urgent != "" && e.Urgent != labelPerson && !slices.Contains(urgentNames[:], e.Urgent) {
		return fmt.Errorf("unknown urgent kind %q", e.Urgent)
	}
	return nil
}

// langCode is the form of a language code in a corpus: any ISO 639-1 or
// -3 code, since people write in languages Frontdoor does not know at all.
var langCode = regexp.MustCompile(`^[a-z]{2,3}$`)

// labelPerson in the urgent column marks a message asking for a person.
const labelPerson = "person"

// Areas returns the area ids, in order.
func Areas() []string { return slices.Clone(areaNames[:]) }

// Topics returns the topic ids of an area, in menu order; nil for an
// unknown area.
func Topics(area string) []string {
	if a := slices.Index(areaNames[:], area); a >= 0 {
		return slices.Clone(topicsOf[a])
	}
	return nil
}

// Languages returns the supported language codes, in order.
func Languages() []string { return slices.Clone(supportedLangs()) }

// Score counts right answers out of a total.
type Score struct{ Right, Total int }

// Rate is Right/Total, 1 for an empty score.
func (s Score) Rate() float64 {
	if s.Total == 0 {
		return 1
	}
	return float64(s.Right) / float64(s.Total)
}

func (s *Score) add(ok bool) {
	s.Total++
	if ok {
		s.Right++
	}
}

// Report is how a classifier did on a corpus.
type Report struct {
	// Area and Topic are scored on the non-urgent messages in supported
	// languages (an urgent message goes to a person whatever its area).
	Area, Topic, Lang Score
	AreaByLang        map[string]*Score
	LangByLang        map[string]*Score
	AreaByArea        map[string]*Score // by expected area; "" for none
	Confusion         map[[2]string]int // [expected, got] areas
	// UrgentRecall counts urgent examples flagged (any kind: all go to a
	// person at once), UrgentKind those flagged with the expected kind,
	// UrgentByKind the recall by expected kind. Unsupported counts the
	// urgent examples in languages Frontdoor does not speak.
	UrgentRecall, UrgentKind, Unsupported Score
	UrgentByKind                          map[string]*Score
	// FalseAlarms.Right counts the non-urgent examples flagged urgent.
	FalseAlarms Score
	// Concern.Right counts the urgent examples missed that were half
	// told (Result.Concern: the numbers go under the answer), of those
	// missed; ConcernOrdinary the non-urgent ones read so.
	Concern, ConcernOrdinary Score
	// Person counts the examples asking for a person that were read so.
	Person Score
	// Net compares the lists alone, the second net alone and both (the
	// net asked where the lists find no danger, as Classify does); nil
	// when the classifier has no net.
	Net    *NetReport
	Misses []Miss
}

// NetReport is how the lists, the second net and both did on a corpus.
type NetReport struct {
	Threshold float64
	// Recall and FalseAlarms of the lists alone, of the net alone (its
	// score at or over the threshold, whatever the lists say) and of
	// both (Classify).
	Lists, Model, Both NetScores
	// ListsByKind, ListsSpoken and ListsUnspoken are the lists' recall by
	// kind and in the languages Frontdoor speaks or not; BothSpoken and
	// BothUnspoken those of both (Report.UrgentByKind has both's by kind).
	ListsByKind                map[string]*Score
	ListsSpoken, ListsUnspoken Score
	BothSpoken, BothUnspoken   Score
}

// NetScores are urgent recall and false alarms (Right counts those
// flagged).
type NetScores struct{ Recall, FalseAlarms Score }

func (n *NetReport) add(e *Example, got Result, score float64) {
	urgent := e.Urgent != "" && e.Urgent != labelPerson
	lists := got.Urgent != "" && got.Net == 0
	model := score >= n.Threshold
	both := got.Urgent != ""
	if !urgent {
		n.Lists.FalseAlarms.add(lists)
		n.Model.FalseAlarms.add(model)
		n.Both.FalseAlarms.add(both)
		return
	}
	n.Lists.Recall.add(lists)
	n.Model.Recall.add(model)
	n.Both.Recall.add(both)
	if n.ListsByKind[e.Urgent] == nil {
		n.ListsByKind[e.Urgent] = &Score{}
	}
	n.ListsByKind[e.Urgent].add(lists)
	if e.Unspoken {
		n.ListsUnspoken.add(lists)
		n.BothUnspoken.add(both)
	} else {
		n.ListsSpoken.add(lists)
		n.BothSpoken.add(both)
	}
}

// Miss is one example the classifier got wrong.
type Miss struct {
	Example
	Got Result
}

// Evaluate classifies every example.
func Evaluate(c *Classifier, examples []Example) *Report {
	r := &Report{
		AreaByLang: map[string]*Score{}, LangByLang: map[string]*Score{},
		AreaByArea: map[string]*Score{}, Confusion: map[[2]string]int{},
		UrgentByKind: map[string]*Score{},
	}
	score := func(m map[string]*Score, k string) *Score {
		if m[k] == nil {
			m[k] = &Score{}
		}
		return m[k]
	}
	if c.net != nil {
		r.Net = &NetReport{Threshold: c.net.Threshold, ListsByKind: map[string]*Score{}}
	}
	for _, e := range examples {
		got := c.Classify(e.Text)
		if r.Net != nil {
			score, _ := c.NetScore(e.Text)
			r.Net.add(&e, got, score)
		}
		supported := !e.Unspoken
		urgent := e.Urgent != "" && e.Urgent != labelPerson
		ok := true
		// A language Frontdoor does not speak must never be taken for
		// one it does; one it did not speak when the corpus was written
		// may be either unsure or itself.
		langOK := got.Lang == e.Lang || !supported && got.Lang == ""
		r.Lang.add(langOK)
		score(r.LangByLang, e.Lang).add(langOK)
		ok = ok && langOK
		if supported && !urgent {
			areaOK := got.Area == e.Area
			r.Area.add(areaOK)
			score(r.AreaByLang, e.Lang).add(areaOK)
			score(r.AreaByArea, e.Area).add(areaOK)
			r.Confusion[[2]string{e.Area, got.Area}]++
			ok = ok && areaOK
			if e.Topic != "" {
				topicOK := got.Topic == e.Topic
				r.Topic.add(topicOK)
				ok = ok && topicOK
			}
		}
		switch {
		case urgent:
			r.UrgentRecall.add(got.Urgent != "")
			r.UrgentKind.add(got.Urgent == e.Urgent)
			score(r.UrgentByKind, e.Urgent).add(got.Urgent != "")
			if !supported {
				r.Unsupported.add(got.Urgent != "")
			}
			if got.Urgent == "" {
				r.Concern.add(got.Concern != "")
			}
			ok = ok && got.Urgent == e.Urgent
		default:
			r.FalseAlarms.add(got.Urgent != "")
			r.ConcernOrdinary.add(got.Concern != "")
			ok = ok && got.Urgent == ""
		}
		if e.Urgent == labelPerson {
			r.Person.add(got.Person)
			ok = ok && got.Person
		}
		if !ok {
			r.Misses = append(r.Misses, Miss{e, got})
		}
	}
	return r
}
