package triage

import "testing"

// Review rev19 of own19 and panic19 (issue 12).

// A word that ends in a mine ending and owns nothing is not the writer:
// an adverb or a preposition ("حوالي", about; "مدام", constantly;
// "مستقیم", directly) or an ordinal past the fifth ("هفتم", seventh).
// Before own19 these frames calmed the story; the mine ending made the
// story the writer's own.
func TestRev19MineEndingOwnsNothing(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ar", why: "حوالي (about) is no 'my'", msg: `لبحث الجامعة عن العمل. صاحب العمل يضرب حوالي عشرين عامل`},
		{lang: "fa", why: "مدام (constantly) is no 'my'", msg: `برای پایان نامه درباره کار. صاحبکار مدام پاسپورت کارگرا رو گرفته`},
		{lang: "fa", why: "مستقیم (directly) is no 'my'", msg: `برای پایان نامه درباره کار. صاحبکار مستقیم پاسپورت کارگرا رو گرفته`},
		{lang: "fa", why: "شنیدم (I heard) before the danger: the writer reports", msg: `برای پایان نامه درباره کار. شنیدم صاحبکار پاسپورت کارگرا رو گرفته`},
		{lang: "fa", why: "هفتم (seventh) is no 'my'", msg: `برای پایان نامه درباره کار. صاحبکار هفتم ماه پاسپورت کارگرا رو گرفته`},
	})
}

// A since word reaches now only for a danger told going on: the ex who
// used to hit me ("me pegaba", imperfect) and has lived elsewhere since
// last year is a past danger, calmed before own19.
func TestRev19SinceKeepsPastOfAnother(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "es", why: "since last year he lives elsewhere; he used to hit me", msg: `desde el año pasado mi ex que me pegaba vive en otra ciudad, necesito ayuda con el divorcio`},
		{lang: "fr", why: "since last year he lives elsewhere; he used to hit me", msg: `depuis l'année dernière mon ex qui me frappait vit dans une autre ville, j'ai besoin d'aide pour le divorce`},
		{lang: "pt", why: "since last year he lives elsewhere; he used to hit me", msg: `desde o ano passado o meu ex que me batia vive noutra cidade, preciso de ajuda com o divórcio`},
	})
}
