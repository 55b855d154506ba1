package triage

import (
	"slices"
	"testing"
	"testing/fstest"
)

// Phrases that overlap: what a longer phrase found side by side hides, and
// what a phrase found with words in between keeps. The words are made up
// so that only these lines can match them.
func TestOverlappingPhrases(t *testing.T) {
	c, err := NewWithExtra(fstest.MapFS{
		"legal.tsv": {Data: []byte("-\t1\tit\tgrobnik zorblat frimmel\n")},
		"safety/it.tsv": {Data: []byte(
			"violence\t0.5\tzorblat\n" +
				"violence\t1\tzorblat frimmel\n" +
				"suicide\t1\tquaxen drupp\n" +
				"ignore\t1\tquaxen drupp lolly\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text, urgent, area string
	}{
		{"a weak word alone", "zorblat, sempre zorblat", "", ""},
		{"the phrase side by side", "zorblat frimmel", "violence", ""},
		// The near phrase weighs 1; its own word found side by side
		// weighs 0.5: the stronger reading counts, not the weaker.
		{"the phrase with a word in between", "zorblat la frimmel", "violence", ""},
		// A longer phrase that only names an everyday need does not hide
		// a danger told inside it.
		{"inside a longer everyday phrase", "ho un grobnik zorblat frimmel", "violence", ""},
		// A longer phrase listed to shadow (a joke, an idiom) still does.
		{"inside a longer ignore phrase", "quaxen drupp lolly", "", ""},
		{"the shadowed phrase alone", "quaxen drupp", "suicide", ""},
	} {
		r := c.Classify(tt.text)
		if r.Urgent != tt.urgent || tt.area != "" && r.Area != tt.area {
			t.Errorf("%s: %q: urgent %q area %q, want urgent %q area %q", tt.name, tt.text, r.Urgent, r.Area, tt.urgent, tt.area)
		}
	}
}

// A word one typo away from several listed words reads as the one listed
// first, in every process: the candidates of the deletion index are in
// the order the words were listed, not in a map's random order.
func TestFuzzyCandidatesInListedOrder(t *testing.T) {
	c := newClassifier(t)
	for key, ids := range c.deletes {
		if !slices.IsSorted(ids) {
			t.Fatalf("candidates of %q in order %v, not as listed", key, ids)
		}
	}
}
