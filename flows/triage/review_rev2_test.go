package triage

import "testing"

// Review of round 8 (rev2): present dangers the round's calm now hides.
// Each message was urgent at bde23cd and is calm at f1241c0.
func TestReviewRound8PresentDangerStaysUrgent(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []struct{ msg, why string }{
		// A calm "in prison" matched near across commas ("he was in
		// prison, he got out, he is ...") reaches the present danger.
		{"he was in prison, he got out, he is at my door with a knife", "near calm across commas"},
		{"he was in prison, he got out, he is outside my door with a knife. can I renew my permit?", "near calm across commas"},
		{"Estuvo en la cárcel, salió, ahora está en mi puerta con un cuchillo", "near calm across commas (es)"},
		{"Il était en prison, il est sorti, il est devant ma porte avec un couteau", "near calm across commas (fr)"},
		// An over mark owns the "now" beside it, so the calm reaches the
		// next clause: another person's present threat.
		{"He is in jail now, his brother threatens to kill me", "over owns now, calm reaches next clause"},
		{"he is in jail, his brother is beating me", "calm of the attacker reaches another attacker"},
		// data/calm/README.md says this one "is not reached"; the
		// safety calm "got arrested" reaches it over the comma.
		{"he got arrested, his brother threatens to kill me", "README example, got arrested"},
		{"Ya está preso, su hermano me amenaza con matarme, ¿puedo renovar mi permiso?", "es"},
		// pastOver: a danger told before an unrelated over/about mark,
		// with a need named, counts a fifth though it is happening.
		{"he is at my door with a knife, my brother is in prison, can I renew my permit?", "pastOver: danger before an unrelated over mark"},
		{"My husband hits me every day. For my thesis I need a visa extension, can I renew my permit?", "pastOver: about mark after a present danger"},
		// The writer recovering from an attack that goes on: "is
		// recovering" matched near, in reverse order, across a comma;
		// "recovering in hospital" is itself the over mark and the need
		// (hospital), and the threat said "tonight" is no lexicon danger.
		{"i'm recovering, he is hitting me again", "near calm reversed across a comma"},
		{"I am recovering in hospital after he stabbed me, he texts that he will finish me tonight", "pastOver: hospital is the need, threat continues"},
		// A whole-sentence calm heading reaches the next sentence.
		{"For my thesis. He is going to kill me", "alone heading reaches the next sentence"},
		{"for my thesis, he is going to kill me", "about calm over a comma"},
		{"Para mi tesis. Mi marido me va a matar", "alone heading (es)"},
	} {
		if r := c.Classify(tc.msg); r.Urgent == "" {
			t.Errorf("%q (%s): no urgent kind, want violence", tc.msg, tc.why)
		}
	}
}

// Review of round 8 (rev2): a false alarm the Dutch net introduced. "The
// child plays outside, it is cold today. Where can I take a Dutch
// course?" was an education question at bde23cd.
func TestReviewRound8NetFalseAlarm(t *testing.T) {
	c := newClassifier(t)
	for _, msg := range []string{
		"het kind speelt buiten, het is koud vandaag. Waar kan ik een cursus Nederlands volgen?",
	} {
		if r := c.Classify(msg); r.Urgent != "" {
			t.Errorf("%q: urgent %q, want none", msg, r.Urgent)
		}
	}
}
