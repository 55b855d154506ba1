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

// Review rev3: calms of the same kind as "for my thesis" that data/calm
// does not list as an about mark ("just for information") still reach the
// next clause or sentence, so the mend "a calm holding an about mark
// reaches nothing forward" misses them. Already calm at f1241c0 (not a
// regression of this round), and so is an ongoing danger dated from a
// past mark ("since last year ... every day").
func TestReviewRev3PresentDangerAfterAboutLikeCalm(t *testing.T) {
	c := newClassifier(t)
	for _, msg := range []string{
		"just for information: he is going to kill me",
		"Just asking for information. My husband is going to kill me",
		"since last year he beats me every day, can I renew my permit?",
	} {
		if r := c.Classify(msg); r.Urgent == "" {
			t.Errorf("%q: no urgent kind, want violence", msg)
		}
	}
}
