package triage

import "testing"

// Round 8's lists and engine met at the merge (tuneS's calm lines, calm's
// past-and-over): a calm phrase found near across a comma owned the
// "now" of the next clause and hid a knife at the door; a first-aid
// course listing emergencies read as one. Three rules mend them: a calm
// phrase found across punctuation owns no "now" between its words; a
// comma before a single word parts a list, not clauses; a calm phrase
// that is its whole sentence (a heading) reaches on into the next.
func TestCalmAcrossPunctuationAndLists(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ msg, kind string }{
		// The now after the comma is the knife's, not the prison's.
		{"hace 2 años me pegaba, estuvo en la cárcel, ahora está en mi puerta con un cuchillo. el permiso?", "violence"},
		{"السنة الماضية كان يضربني، كان بالسجن، هلق هو عند الباب ومعه سكين. الاقامة؟", "violence"},
		{"last year he beat me, he was in prison, now he is at my door with a knife", "violence"},
		// A list's items are one clause with the calm that opens it.
		{"first aid course? like cpr, choking, bleeding. i want to work as a babysitter", ""},
		// A list told as happening is still a danger.
		{"help my friend is choking, bleeding, not breathing", "medical"},
		{"my husband is choking, bleeding, please", "medical"},
	} {
		if got := c.Classify(tt.msg).Urgent; got != tt.kind {
			t.Errorf("%q: urgent %q, want %q", tt.msg, got, tt.kind)
		}
	}
}
