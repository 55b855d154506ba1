package triage

import "testing"

// Review of the old sentence calms, second round (oldfig17b, issue 12):
// ru, uk, de, pl, az, bn, ro, zh and the broad English and French ignores.
// Calm lines of data/safety are found near (up to three words between), so
// "работа меня убивает" calmed "начальник, работа меня убивает" and "ta
// praca mnie zabije" calmed "ta praca szef mnie zabije"; an ignore line
// hides the dangers inside it, so "asta ma omoara" hid "barbatul asta ma
// omoara". These are threats by a person: the lists alone must read them
// (wantListsUrgent), the net may not stand in.
func TestReviewOldfig17bThreatsTheOldLinesHid(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		// The reviewer's cases.
		{lang: "ru", why: "the boss, work is killing me", msg: `начальник, работа меня убивает`},
		{lang: "pl", why: "this work, the boss will kill me", msg: `ta praca szef mnie zabije`},
		{lang: "de", why: "the work, my boss kills me", msg: `die arbeit mein chef bringt mich um`},
		{lang: "ro", why: "this man is killing me", msg: `barbatul asta ma omoara`},
		// More like them: a person named before the verb, found near a
		// figure's old calm line or inside an old ignore line.
		{lang: "ru", why: "the heat, and my husband is killing me", msg: `жара, а муж меня убивает`},
		{lang: "ru", why: "the rent, the landlord is killing me", msg: `аренда, хозяин меня убивает`},
		{lang: "ru", why: "Latin: work, the boss is killing me", msg: `rabota, nachalnik menya ubivaet`},
		{lang: "uk", why: "work, the boss is killing me", msg: `робота, начальник мене вбиває`},
		{lang: "uk", why: "the rent, the landlord is killing me", msg: `оренда, господар мене вбиває`},
		{lang: "uk", why: "the heat, my husband is killing me", msg: `спека, чоловік мене вбиває`},
		{lang: "uk", why: "Latin: work, the boss is killing me", msg: `robota, nachalnyk mene vbyvaie`},
		{lang: "pl", why: "the rent, the landlord will kill me", msg: `czynsz, właściciel mnie zabije`},
		{lang: "pl", why: "the heat, my husband will kill me", msg: `ten upał, mąż mnie zabije`},
		{lang: "de", why: "the rent, my landlord kills me", msg: `die miete, mein vermieter bringt mich um`},
		{lang: "de", why: "the heat, my husband kills me", msg: `die hitze, mein mann bringt mich um`},
		{lang: "az", why: "the heat, my husband kills me", msg: `isti ərim məni öldürür`},
		{lang: "bn", why: "work, the owner will kill me", msg: `kaj, malik amake mere felbe`},
		{lang: "bn", why: "the rent, the landlord will kill me", msg: `ভাড়া, বাড়িওয়ালা আমাকে মেরে ফেলবে`},
		{lang: "bn", why: "this work, the owner will kill me", msg: `এই কাজ, মালিক আমাকে মেরে ফেলবে`},
		{lang: "ro", why: "this boss is killing me", msg: `seful asta ma omoara`},
		{lang: "ro", why: "this neighbour is killing me", msg: `vecinul asta ma omoara`},
		{lang: "ro", why: "this work, the boss is killing me", msg: `munca asta, seful ma omoara`},
		{lang: "zh", why: "the people in the queue want my life", msg: `排队的人要我的命`},
		{lang: "en", why: "a man in my room is killing me", msg: `the man in my room is killing me`},
		{lang: "fr", why: "a husband beside the kept 'ça me tue'", msg: `mon mari me tue ça`},
		{lang: "en", why: "the landlord, over the rent", msg: `my landlord is killing me over the rent`},
	})
}

// Decoys of oldfig17b: the idioms the old lines were written for stay calm
// with the figure rule (and the lines kept side by side).
func TestReviewOldfig17bIdiomsStayCalm(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ru", why: "the rent will kill me", msg: `аренда меня убьёт`},
		{lang: "ru", why: "this work will kill me", msg: `эта работа меня убьёт`},
		{lang: "ru", why: "the heat is killing me", msg: `жара меня убивает`},
		{lang: "ru", why: "Latin: this work will kill me", msg: `eta rabota menya ubet`},
		{lang: "ru", why: "Latin: the rent will kill me", msg: `arenda menya ubyot`},
		{lang: "uk", why: "the queue will kill me", msg: `черга мене вб'є`},
		{lang: "uk", why: "the rent will kill me", msg: `оренда мене вб'є`},
		{lang: "uk", why: "this work is killing me", msg: `ця робота мене вбиває`},
		{lang: "uk", why: "the queue, no writer named", msg: `черга вб'є`},
		{lang: "de", why: "the work is killing me", msg: `die arbeit bringt mich um`},
		{lang: "de", why: "this job is still killing me", msg: `dieser job bringt mich noch um`},
		{lang: "de", why: "the heat is killing me", msg: `die hitze bringt mich um`},
		{lang: "pl", why: "this work will kill me", msg: `ta praca mnie zabije`},
		{lang: "pl", why: "this heat will kill me", msg: `ten upał mnie zabije`},
		{lang: "pl", why: "the rent will kill me", msg: `czynsz mnie zabije`},
		{lang: "az", why: "I am dying of heat", msg: `istidən ölürəm`},
		{lang: "bn", why: "the work will kill", msg: `kaj mere felbe`},
		{lang: "bn", why: "the heat will kill me", msg: `gorom amake mere felbe`},
		{lang: "ro", why: "this heat is killing me", msg: `caldura asta ma omoara`},
		{lang: "ro", why: "this queue is killing me", msg: `coada asta ma omoara`},
		{lang: "zh", why: "the rent wants my life", msg: `房租要我命`},
		{lang: "zh", why: "queueing wants my life", msg: `排队要我命`},
		{lang: "en", why: "this queue is killing me", msg: `this queue is killing me`},
		{lang: "en", why: "my head is killing me", msg: `my head is killing me`},
		{lang: "fr", why: "it kills me, a laugh", msg: `ça me tue 😂`},
	})
}
