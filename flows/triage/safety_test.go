package triage

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// The training corpora of the safety lists (testdata/safety/<lang>.tsv,
// one per language, each kind in it) are caught whole: every urgent
// message with its kind, every request for a person, no false alarm. They
// are the examples the lists were written from; the held-out sets say how
// well the lists do on messages nobody tuned them on. They were written
// while Frontdoor spoke ten languages, and are read so (safetySpoken): a
// message in one of the eleven spoken since issue 17 must be caught with
// its kind, and its language may be unsure or its own, never another.
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
			f, err := os.Open(filepath.Join("testdata", "safety", name))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			ex, err := ReadCorpus(io.MultiReader(strings.NewReader(safetySpoken), f))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			r := Evaluate(c, ex)
			for _, m := range r.Misses {
				if m.Urgent == "" && m.Got.Urgent == "" {
					continue // area or language: scored by the other corpora
				}
				t.Errorf("line %d [%s %s] got [lang %q detected %q urgent %q person %t] %q",
					m.Line-1, m.Lang, m.Urgent, m.Got.Lang, m.Got.Detected, m.Got.Urgent, m.Got.Person, m.Text)
			}
		})
	}
}

// safetySpoken is the "# spoken:" line of the safety corpora (see
// TestSafetyCorpus), read before each: a line more, so their line numbers
// are one less than the reader's.
const safetySpoken = "# spoken: it en fr es ar uk sq bn ur zh\n"

// A bad line of a safety list (built in, or a deployment's own) is an
// error naming its file and line.
func TestSafetyListErrors(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ name, line, want string }{
		{"fields", "violence\t1", "want 3 tab-separated fields"},
		{"kind", "fire\t1\tincendio", `unknown kind "fire"`},
		{"weight", "violence\tmolto\tmi picchia", "bad weight"},
		{"zero weight", "violence\t0\tmi picchia", "bad weight"},
		{"empty word", "violence\t1\t!!!", "empty after normalisation"},
	} {
		b := newBuilder(c, data)
		err := b.parseSafety("safety/it.tsv", []byte("# comment\n"+tt.line+"\n"), 0)
		if err == nil || !strings.Contains(err.Error(), "safety/it.tsv:2") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one naming safety/it.tsv:2 and %q", tt.name, err, tt.want)
		}
	}
	_, err := NewWithExtra(fstest.MapFS{"safety/xx.tsv": {Data: []byte("violence\t1\tboom\n")}})
	if err == nil || !strings.Contains(err.Error(), `unknown language "xx"`) {
		t.Errorf("a list for an unknown language: error %v", err)
	}
	c2, err := NewWithExtra(fstest.MapFS{"safety/it.tsv": {Data: []byte("trafficking\t1\tchiuso cascina\n")}, "welfare.tsv": {Data: []byte("housing\t2\tit\troulotte\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if r := c2.Classify("mi tengono chiuso in una cascina"); r.Urgent != "trafficking" {
		t.Errorf("a desk's own safety line: %+v", r)
	}
	if r := c2.Classify("vivo in una roulotte"); r.Area != "welfare" {
		t.Errorf("a desk's own area line: %+v", r)
	}
}
