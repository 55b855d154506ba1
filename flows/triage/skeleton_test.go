package triage

import "testing"

func TestSkeleton(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"jeena", "jina"},
		{"jiina", "jina"},
		{"jeenaa", "jina"},
		{"khudkushi", "kudkusi"},
		{"khudkhushi", "kudkusi"},
		{"zindagi", "jindagi"},
		{"bachcha", "baca"},
		{"phone", "fone"},
		{"wallah", "valah"},
		{"hai", "hai"}, // a first h is a letter
		{"qatl", "katl"},
	} {
		if got := string(skeleton(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("skeleton(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A transliteration spelled another way than its list's is still read;
// a word of a language written in Latin letters is not taken for one.
func TestTransliterationSpellings(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ text, urgent, area string }{
		{"mujhe jiina nahi", "suicide", ""},
		{"mujhe jeenaa nahi hai", "suicide", ""},
		{"main khudkhusi kar lunga", "suicide", ""},
		// "gaar" is a station in Wolof, "ghar" a house in Roman Urdu: too
		// short to be read by its skeleton.
		{"am na ku may topp ci gaar bi, dama nëbbu ci butik, dama ragal lool, dimbali leen ma léegi", "distress", ""},
	} {
		got := c.Classify(tt.text)
		if got.Urgent != tt.urgent || got.Area != tt.area {
			t.Errorf("%q: urgent %q area %q, want %q %q", tt.text, got.Urgent, got.Area, tt.urgent, tt.area)
		}
	}
}
