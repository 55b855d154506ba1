package triage

import (
	"path/filepath"
	"strings"
	"testing"
)

// unspacedMessages are the messages of the held-out sets written in Thai,
// Lao, Khmer or Burmese.
func unspacedMessages(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob("testdata/heldout*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range names {
		for _, e := range loadCorpus(t, filepath.Base(n)) {
			if strings.ContainsFunc(e.Text, func(r rune) bool {
				return r >= 0x0E00 && r <= 0x0EFF || r >= 0x1000 && r <= 0x109F || r >= 0x1780 && r <= 0x17FF
			}) {
				out = append(out, e.Text)
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no message in Thai, Lao, Khmer or Burmese in the held-out sets")
	}
	return out
}

// BenchmarkClassifyUnspaced is Classify on the messages of the held-out
// sets in Thai, Lao, Khmer and Burmese: what cutting them into words
// costs (segment.go). Run side by side with the merge base.
func BenchmarkClassifyUnspaced(b *testing.B) {
	c := newClassifier(b)
	ex := unspacedMessages(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Classify(ex[i%len(ex)])
	}
}
