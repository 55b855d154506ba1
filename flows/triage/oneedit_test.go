package triage

import "testing"

func TestOneEdit(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"picchia", "picchia", false},
		{"picchia", "picchiia", true}, // one letter too many
		{"picchiia", "picchia", true}, // one missing
		{"pichia", "picchia", true},   // one missing, inside a double
		{"picchio", "picchia", true},  // one differs
		{"picchai", "picchia", true},  // two swapped
		{"signer", "saigne", false},   // two edits, one deletion each way
		{"adresse", "agresse", true},  // a true one-letter typo
		{"caused", "abused", false},   // two differ
		{"eaten", "beaten", true},     // one missing
		{"вбити", "вбитт", true},      // Cyrillic, one differs
		{"бьет", "бєт", false},        // two differ
		{"ضربني", "يضربني", true},     // Arabic, one missing
		{"ابني", "ابنيي", true},       // Arabic, one too many
		{"abcdef", "badcfe", false},   // three swaps
		{"abcdef", "abcdfe", true},    // one swap at the end
	} {
		if got := oneEdit([]byte(tt.a), tt.b); got != tt.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// The Ukrainian apostrophe, however typed or left out, makes one word.
func TestUkrainianApostrophe(t *testing.T) {
	c := newClassifier(t)
	sc := c.get()
	defer c.put(sc)
	for _, s := range []string{"б'є", "бʼє", "б’є", "бє", "Б'Є"} {
		c.tokenize(s, sc)
		if len(sc.toks) != 1 || string(sc.text(&sc.toks[0])) != "бє" {
			t.Errorf("%q: tokens %d, first %q", s, len(sc.toks), sc.text(&sc.toks[0]))
		}
	}
	c.tokenize("l'ospedale", sc)
	if len(sc.toks) != 2 {
		t.Errorf("l'ospedale: %d tokens, want 2", len(sc.toks))
	}
}
