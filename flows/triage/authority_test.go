package triage

import "testing"

// An authority named near a passport ("the police took my passport", "the
// questura kept my passport") is most often a legal question, but it must
// never hide a danger told in the same message. Such phrases are `ignore`
// lines, which hide only the dangers inside their own words, not `calm`
// ones, which raise the bar of every kind (a review of 2026-12-06 found
// death threats, a suicide and a stabbing missed that way).
func TestAuthorityNearAPassportHidesNoDanger(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ msg, kind string }{
		{"the embassy kept my passport, I don't want to live anymore", "suicide"},
		{"la questura mi ha ritirato il passaporto, non voglio più vivere", "suicide"},
		{"la polizia ha il mio passaporto, non voglio piu vivere", "suicide"},
		{"police took my passport. my husband hit me, my head is bleeding", "violence"},
		{"the police took my passport and my husband says he will kill me tonight", "violence"},
		{"la questura ha preso il mio passaporto e mio marito mi picchia ogni sera", "violence"},
		{"the police kept my passport and my boss says he will kill me", "violence"},
		{"la polizia mi ha preso il passaporto e il capo dice che mi ammazza", "violence"},
		{"the police took my passport, I'm hiding in the bathroom, he has a knife", "violence"},
		{"I can't go to the police, my boss took my passport and says he will kill me", "violence"},
	} {
		if got := c.Classify(tt.msg).Urgent; got != tt.kind {
			t.Errorf("%q: urgent %q, want %q", tt.msg, got, tt.kind)
		}
	}
}
