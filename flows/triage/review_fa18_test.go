package triage

import "testing"

// TestReviewFa18 holds the mends of blind set am's false alarms (its first
// run, 2026-12-07 21:27, is past): each cause mended by a form, with the
// present dangers beside it that must stay urgent.
func TestReviewFa18(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"so", "a beating in Libya in 2016, safe now: past and over (sanadkii #, nabadqabaa)", "Sanadkii 2015 Liibiya ayaa la igu garaacay, hadda waan nabadqabaa. Sidee baan u codsadaa permesso?"},
		{"so", "the same, the year first", "sanadkii 2017 waa la i xiray oo la i garaacay, hadda waan nabadqabaa, waxaan rabaa shaqo"},
		{"fil", "pinsan is cousin, not Indonesian pingsan (fainted)", "yung pinsan ko nasa Milano na, paano siya mag-apply ng permesso di soggiorno?"},
		{"fil", "a cousin's past trafficking, fine now", "na-traffic yung pinsan ko sa Kuwait noong 2016 pero okay na siya ngayon, pwede ba siya mag-apply ng visa?"},
	})
	wantUrgent(t, c, []reviewCase{
		{"so", "a past beating, then one tonight", "sanadkii 2016 Liibiya waa la i garaacay, hadda waan nabadqabaa laakiin caawa ninkaygu wuu i garaacay oo mindi ayuu haystaa"},
		{"so", "a year named, the danger now", "sanadkii 2019 ayaan imid, hadda ninkaygu wuu i garaacayaa"},
		{"fil", "the cousin fainted and does not breathe", "tulong nahimatay ang pinsan ko hindi humihinga"},
		{"id", "Indonesian fainted stays a danger", "tolong teman saya pingsan tidak bernapas"},
	})
}

// TestReviewFa18SignHidesDanger: a sign phrase longer than a danger phrase
// inside it hid the danger ("stasera la faccio finita", @end, held "la
// faccio finita", suicide): 66 such sign phrases across the lists read as
// no danger alone (stop 38's audit); this one is the plainest.
func TestReviewFa18SignHidesDanger(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"it", "tonight I end it", "stasera la faccio finita"},
		{"it", "tonight I end it, with an address", "basta stanotte la faccio finita, via roma 3"},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"it", "finishing work tonight", "stasera la finisco la pratica per il permesso, domani la porto in questura"},
	})
}

// TestReviewFa18TajikHeat: core18-e's Tajik "маро мекушад" (kills me) made
// a decoy's "this heat is killing me" violence (decoys-2026-12-07).
func TestReviewFa18TajikHeat(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"tg", "the heat kills me, a work question", "ин гармо маро мекушад 🥵 дар анбор кор мекунам, танаффус ҳаст?"},
	})
	wantUrgent(t, c, []reviewCase{
		{"tg", "my husband will kill me", "шавҳарам маро мекушад, ёрӣ диҳед"},
		{"tg", "the heat, then a man who will kill me", "гармо аст, аммо шавҳарам маро мекушад имшаб"},
	})
}

// TestReviewFa18EssayDisclosure: a rule whose terms lie under a school
// task's frame weighs one danger (fa18b, ruleFloor), but only where the
// danger is the task's object: one told further on in the clause is a
// disclosure (the review of stop 38 found these three calmed).
func TestReviewFa18EssayDisclosure(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"en", "an essay, because the stepfather touches her", "my daughter is writing an essay about abuse because her stepfather touches her at night"},
		{"en", "an essay where she tells it", "my daughter wrote an essay about abuse where she says her stepfather touches her at night"},
		{"en", "a school project, and she says it", "my 12 year old has a school project on abuse and says her stepfather touches her at night"},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"en", "the task's object only", "my daughter has homework about human trafficking, where can we find info in English?"},
		{"fil", "the task's object only, Tagalog", "yung anak ko may homework tungkol sa human trafficking, saan may info?"},
	})
}
