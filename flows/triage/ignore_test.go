package triage

import (
	"testing"
	"testing/fstest"
)

// An ignore line hides what the lists it is listed in weigh for, and only
// that: a safety list's idiom hides the danger inside it, not the need
// (which the area lists no longer repeat); an area list's hides the need,
// not a danger.
func TestIgnoreHidesOnlyItsOwnLists(t *testing.T) {
	c, err := NewWithExtra(fstest.MapFS{
		"welfare.tsv":   {Data: []byte("housing\t1.5\ten\tgrobnik\nignore\t0\ten\tfrimmel grobnik\n")},
		"safety/en.tsv": {Data: []byte("violence\t1\tzorblat\nviolence\t1\tfrimmel\nignore\t0\tgrobnik zorblat\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, area, urgent string }{
		// The safety list's idiom: no danger, the need still told.
		{"the grobnik zorblat again", "welfare", ""},
		// Near, across the idiom's words: the need's word still counts.
		{"my grobnik zorblat help", "welfare", ""},
		// The area list's ignore: no need, the danger still told.
		{"frimmel grobnik", "", "violence"},
		// Each alone, as listed.
		{"the grobnik", "welfare", ""},
		{"zorblat", "", "violence"},
	} {
		r := c.Classify(tt.text)
		if r.Area != tt.area || r.Urgent != tt.urgent {
			t.Errorf("%q: area %q urgent %q, want area %q urgent %q", tt.text, r.Area, r.Urgent, tt.area, tt.urgent)
		}
	}
}

// The shipped lists: the need inside an idiom the safety lists ignore
// counts without an area line repeating the idiom, and what an idiom holds
// that is no need stays hidden by an area ignore.
func TestIdiomKeepsItsNeed(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ text, area, urgent string }{
		{"questo lavoro mi ammazza, posso cambiare turno?", "work", ""},
		{"the exam killed me lol can i retake it", "education", ""},
		{"I want to do a first aid course", "education", ""},
	} {
		r := c.Classify(tt.text)
		if r.Area != tt.area || r.Urgent != tt.urgent {
			t.Errorf("%q: area %q urgent %q, want area %q urgent %q", tt.text, r.Area, r.Urgent, tt.area, tt.urgent)
		}
	}
}
