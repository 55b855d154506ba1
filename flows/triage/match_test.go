package triage

import (
	"testing"
	"testing/fstest"
)

// An ignore line consumes its own words only. The danger phrase inside it
// ("zorblat frimmel", listed for an area too, so matchInside finds it for
// its need) is no danger there; the same phrase told again outside the
// ignore is a danger found for the first time, side by side or near
// (review revG: "what to do if someone is not breathing, my baby is not
// breathing" was read as the lesson twice). An ignore is one thing said:
// it is not found across the end of a sentence ("ma omoara. programul").
func TestMatchIgnoreConsumesOnlyItsSpan(t *testing.T) {
	c, err := NewWithExtra(fstest.MapFS{
		"health.tsv":    {Data: []byte("-\t1\ten\tzorblat frimmel\n")},
		"safety/en.tsv": {Data: []byte("medical\t1\tzorblat frimmel\nviolence\t1\tkrunk\nignore\t0\tgrobnik zorblat frimmel | krunk plimbo\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, area, urgent string }{
		// The ignore alone: its need, no danger.
		{"grobnik zorblat frimmel", "health", ""},
		// The ignore twice: still no danger.
		{"grobnik zorblat frimmel, grobnik zorblat frimmel", "health", ""},
		// The danger told again after the ignore, side by side.
		{"grobnik zorblat frimmel, my plonk zorblat frimmel", "health", "medical"},
		// ... before it.
		{"my plonk zorblat frimmel, grobnik zorblat frimmel", "health", "medical"},
		// ... near (a word between), after it.
		{"grobnik zorblat frimmel, my zorblat plonk frimmel now", "health", "medical"},
		// The danger alone, twice: one danger, as before.
		{"zorblat frimmel zorblat frimmel", "health", "medical"},
		// An ignore across a full stop is two sentences: the danger counts.
		{"krunk. plimbo is his routine", "", "violence"},
		{"krunk plimbo is his routine", "", ""},
	} {
		r := c.Classify(tt.text)
		if r.Area != tt.area || r.Urgent != tt.urgent {
			t.Errorf("%q: area %q urgent %q, want area %q urgent %q", tt.text, r.Area, r.Urgent, tt.area, tt.urgent)
		}
	}
}
