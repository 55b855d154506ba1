package triage

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Example is one labelled message of a corpus.
type Example struct {
	Line   int // in the file, for messages about it
	Lang   string
	Area   string
	Topic  string
	Urgent string
	Text   string
}

// ReadCorpus reads a labelled corpus: tab-separated, "#" comments, and an
// optional header naming the columns among lang, area, topic, urgent and
// text (lang, area and text are required). Without a header the columns
// are lang, area, topic, text.
func ReadCorpus(r io.Reader) ([]Example, error) {
	cols := []string{"lang", "area", "topic", "text"}
	var out []Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
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
				e.Lang = v
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
	if e.Lang != "" && !slices.Contains(supportedLangs(), e.Lang) {
		return fmt.Errorf("unknown language %q", e.Lang)
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
	if e.Urgent != "" && !slices.Contains(urgentNames[:], e.Urgent) {
		return fmt.Errorf("unknown urgent kind %q", e.Urgent)
	}
	return nil
}

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
	Area, Topic, Lang Score
	AreaByLang        map[string]*Score
	LangByLang        map[string]*Score
	AreaByArea        map[string]*Score // by expected area; "" for none
	Confusion         map[[2]string]int // [expected, got] areas
	// UrgentRecall counts urgent examples flagged (any kind: all go to a
	// person at once), UrgentKind those flagged with the expected kind.
	UrgentRecall, UrgentKind Score
	// FalseAlarms.Right counts the non-urgent examples flagged urgent.
	FalseAlarms Score
	Misses      []Miss
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
	}
	score := func(m map[string]*Score, k string) *Score {
		if m[k] == nil {
			m[k] = &Score{}
		}
		return m[k]
	}
	for _, e := range examples {
		got := c.Classify(e.Text)
		areaOK := got.Area == e.Area
		langOK := got.Lang == e.Lang
		r.Area.add(areaOK)
		r.Lang.add(langOK)
		score(r.AreaByLang, e.Lang).add(areaOK)
		score(r.LangByLang, e.Lang).add(langOK)
		score(r.AreaByArea, e.Area).add(areaOK)
		r.Confusion[[2]string{e.Area, got.Area}]++
		topicOK := true
		if e.Topic != "" {
			topicOK = got.Topic == e.Topic
			r.Topic.add(topicOK)
		}
		urgentOK := got.Urgent == e.Urgent
		if e.Urgent != "" {
			r.UrgentRecall.add(got.Urgent != "")
			r.UrgentKind.add(urgentOK)
		} else {
			r.FalseAlarms.add(got.Urgent != "")
		}
		if !areaOK || !langOK || !topicOK || !urgentOK {
			r.Misses = append(r.Misses, Miss{e, got})
		}
	}
	return r
}
