package triage

import "testing"

// Review rev3: the Spanish law-question calms added in 1826583 ("como se
// castiga", "que pena tiene", ...) are no over/about mark, so a calm that
// is its whole sentence reaches the next one (the "alone" rule) and hides
// a present threat there. "Qué pena tiene" is also everyday Spanish for
// "how sad (s)he is". Each was urgent at f1241c0 (the phrases were not
// there).
func TestReviewRev3LawQuestionCalmReachesNextSentence(t *testing.T) {
	c := newClassifier(t)
	for _, msg := range []string{
		"¿Cómo se castiga? Mi marido me va a matar",
		"¿Qué pena tiene? Mi marido me va a matar",
		"Qué pena tiene mi hija. Su novio la va a matar",
	} {
		if r := c.Classify(msg); r.Urgent == "" {
			t.Errorf("%q: no urgent kind, want violence", msg)
		}
	}
}
