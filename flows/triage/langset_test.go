package triage

import "testing"

// A frequent word of a language past the 32nd (the lists hold 58) keeps a
// one-word sign of another list to that list's own language, as it does
// for the first 32.
func TestLangSetHoldsEveryLanguage(t *testing.T) {
	for _, tt := range []struct {
		name  string
		langs []int
		own   int
		other bool
	}{
		{"only its own", []int{3}, 3, false},
		{"another, first word", []int{3, 5}, 3, true},
		{"another past 32", []int{40}, 3, true},
		{"its own past 32", []int{40}, 40, false},
		{"another past 64", []int{3, 70}, 3, true},
		{"its own past 64, with one before", []int{2, 70}, 70, true},
		{"none", nil, 3, false},
	} {
		var s langSet
		for _, l := range tt.langs {
			s = s.with(l)
		}
		if got := s.hasOther(tt.own); got != tt.other {
			t.Errorf("%s: %v hasOther(%d) = %v, want %v", tt.name, tt.langs, tt.own, got, tt.other)
		}
	}
}
