package triage

import "testing"

// Set x (round 11, tuneXS): the forms of its urgent misses in the spoken
// languages, said otherwise: a child left alone or lost with the mother not
// found, farewells told by their parts (a pet given or entrusted, letters,
// "I won't be a burden", the sea or the canal tonight) in Latin-letter
// Russian, Ukrainian, Punjabi and Tunisian Arabic, an overdose told as "won't
// wake up", a carer threatened with a theft charge, a cry with fear. Each was
// not urgent at 3ec2378.
func TestTuneXSSpokenMisses(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{lang: "it", msg: `qualcuno puo tenere il mio cane? ho gia scritto le lettere per tutti`},
		{lang: "fa", msg: `یه پسر کوچیک تو خیابون گم شده، مامانشو پیدا نمیکنه`},
		{lang: "fa", msg: `برادرم کلی قرص خورده و بیدار نمیشه`},
		{lang: "so", msg: `wiil yar oo 4 jir ah ayaa waddada ku lumay, hooyadiis lama helin`},
		{lang: "wo", msg: `am na xale bu ndaw bu xamul fu yaayam nekk, mu ngi jooy`},
		{lang: "ru", msg: `sobaku otdala sosedke. ne hochu byt obuzoy`},
		{lang: "uk", msg: `kota viddala dochtsi. ne khochu buty tiaharem`},
		{lang: "en", msg: `gave my laptop to my cousin. she was kind to me, tell her`},
		{lang: "pa", msg: `main hun thak gayi haan, aj nehar wal jana`},
		{lang: "ar", msg: `ma 3adech nnajem, nemchi lel b7ar`},
		{lang: "uk", msg: `хазяйка не платить, каже звинуватить мене у крадіжці`},
		{lang: "pa", msg: `help karo ji, bahut dar lagda`},
		{lang: "ti", msg: `hisan 5 amet sele tegedifu, adu mealti ayemetsen`},
	}
	for i := range cases {
		cases[i].why = "set x form"
	}
	wantUrgent(t, c, cases)
}

// Set x (round 11, tuneXS): the forms of its false alarms: a first-aid lesson
// ("what to do when someone is not breathing", "stopping a bleeding"), a
// school project or class film ABOUT trafficking or domestic violence, "this
// commute is killing me", a sister "safe now" asking about her permit. Each
// was urgent at 3ec2378; the present dangers beside them stay urgent
// (testdata/safety).
func TestTuneXSSpokenFalseAlarms(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{lang: "tr", msg: `ilk yardim kursunda kanama durdurma ogretiliyor mu?`},
		{lang: "ro", msg: `ma omoara naveta asta de doua ore, exista autobuz mai direct?`},
		{lang: "bn", msg: `amar meye project korche manob pachar niye, kono boi ache?`},
		{lang: "ur", msg: `میرے بیٹے کو اسکول میں انسانی اسمگلنگ پر ایک پروجیکٹ کرنا ہے`},
		{lang: "fil", msg: `may report kami tungkol sa human trafficking sa klase, may libro po ba kayo?`},
		{lang: "wo", msg: `nu ngi def devoir ci trafficking, men nga ma dimbali?`},
		{lang: "ar", msg: `أختي تركت زوجها قبل سنتين بسبب الضرب وهي الآن بأمان، كيف تجدد permesso per violenza domestica؟`},
	}
	for i := range cases {
		cases[i].why = "set x form"
	}
	wantNotUrgent(t, c, cases)
}
