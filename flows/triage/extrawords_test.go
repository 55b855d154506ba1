package triage

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A deployment adds cutter words in words/<code>.txt of triage.extra: a
// word that holds a listed word but means something else hides it, as in
// data/words. A bad line refuses the start, naming the file and line.
func TestExtraWordsCutUnspacedScripts(t *testing.T) {
	list := fstest.MapFS{"safety/th.tsv": {Data: []byte("violence\t1\tกขค\n")}}
	c, err := NewWithExtra(list)
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Classify("กขคง"); r.Urgent != "violence" {
		t.Fatalf("without the word: %+v, want violence (the listed word inside)", r)
	}
	list["words/th.txt"] = &fstest.MapFile{Data: []byte("# our desk's words\nกขคง\n")}
	if c, err = NewWithExtra(list); err != nil {
		t.Fatal(err)
	}
	if r := c.Classify("กขคง"); r.Urgent != "" {
		t.Errorf("with the word กขคง: %+v, want it to hide กขค", r)
	}
	if r := c.Classify("กขค"); r.Urgent != "violence" {
		t.Errorf("the listed word alone: %+v, want violence", r)
	}
	_, err = NewWithExtra(fstest.MapFS{"words/th.txt": {Data: []byte("กขคง\nhello\n")}})
	if err == nil || !strings.Contains(err.Error(), "extra words/th.txt:2") {
		t.Errorf("a bad word: %v, want extra words/th.txt:2", err)
	}
}
