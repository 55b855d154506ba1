package triage

import "testing"

// Review of blind set al's false alarms (alfa17, issue 12): after its first
// run, its ten false alarms were all the lists'. Each is mended by its
// cause, with the false alarm and two or three like it (decoys), and a
// present danger beside it that must stay urgent.

// Arabizi: a word holding a digit-letter is dense, so a word one edit away
// is another word, not its typo: "t3awni" (help me) and "t3abni" (it tired
// me) are not "t3anni" (he stabbed me).
func TestReviewAlfa17ArabiziNoOneEdit(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ar", why: "al: my sister helps me with the talk", msg: `slm 3likom, 3ndi rendez-vous f questura d Bologna nhar 12 maggio m3a 9:30, wach khassni njib contrat dyal lkra wla ghir passport w codice fiscale w 4 tsawer? w wach n9der nmchi m3a khti t3awni f lhedra`},
		{lang: "ar", why: "can you help me with the rent papers", msg: `wach t9der t3awni f lwra9 dyal lkra`},
		{lang: "ar", why: "these papers tired me", msg: `had lwra9 t3abni bzaf, wach kayn chi 7al`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "ar", why: "my husband stabbed me (the listed form)", msg: `jouzi t3anni b lmous, rani f tri9`},
		{lang: "ar", why: "my husband is killing me", msg: `rajli y9telni, 3awnouni daba`},
		{lang: "ar", why: "a typo of a word without a digit is still read", msg: `jouzi kaydrrbni daba`},
	})
}
