package triage

import (
	"path/filepath"
	"testing"
)

// The training corpora of the safety lists (testdata/safety/<lang>.tsv,
// one per language, each kind in it) are caught whole: every urgent
// message with its kind, every request for a person, no false alarm. They
// are the examples the lists were written from; the held-out sets say how
// well the lists do on messages nobody tuned them on.
func TestSafetyCorpus(t *testing.T) {
	c := newClassifier(t)
	files, err := filepath.Glob("testdata/safety/*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no training corpus in testdata/safety")
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			ex := loadCorpus(t, "safety/"+name)
			r := Evaluate(c, ex)
			for _, m := range r.Misses {
				if m.Urgent == "" && m.Got.Urgent == "" {
					continue // area or language: scored by the other corpora
				}
				t.Errorf("line %d [%s %s] got [lang %q detected %q urgent %q person %t] %q",
					m.Line, m.Lang, m.Urgent, m.Got.Lang, m.Got.Detected, m.Got.Urgent, m.Got.Person, m.Text)
			}
		})
	}
}
