package triage

import "testing"

// mendCh: the mends of review revCh at the level of forms. A child alone must be
// alone (a fever "for days" with a parent at work is no danger); FGM counts with a
// time or a plan (@soon); a child hitting its own sibling is no child beaten; the
// forms made wider (a child taken named, a man met online, "she fell", numbers in
// words) each have a decoy here.
func TestMendChDecoys(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "a haircut this summer (to be cut + @soon, no FGM)", msg: `my daughter is 9 and wants her hair to be cut short this summer, any cheap salon?`},
		{lang: "en", why: "a man took his bike (a man took, no child taken)", msg: `my son is 7, a man took his bike in the park, how do i report a theft?`},
		{lang: "en", why: "fell asleep and does not move", msg: `my daughter 5 fell asleep in the car and doesnt move when I carry her, is that normal?`},
		{lang: "en", why: "a stranger took my son's photo", msg: `a stranger took my son's photo at the playground, my son is 8, can I ask them to delete it?`},
		{lang: "en", why: "FGM awareness session next week", msg: `my 8 year old is going to an FGM awareness session at school next week, what do they teach?`},
		{lang: "es", why: "a haircut in the summer (cortar)", msg: `mi hija de 9 años se va a cortar el pelo en verano, ¿hay peluquerías baratas?`},
		{lang: "fr", why: "the grandfather drives him (l'a fait monter)", msg: `mon fils de 8 ans, son grand-père l'a fait monter dans sa voiture pour l'école, il faut un siège auto ?`},
		{lang: "fr", why: "two kids next door come to play (# et # ans, trois jours)", msg: `nos petits voisins (4 et 6 ans) viennent jouer chez nous depuis trois jours, c'est quoi les horaires du centre aéré ?`},
		{lang: "it", why: "the grandfather (fatto salire in macchina)", msg: `mio figlio di 10 anni, il nonno lo ha fatto salire in macchina per la scuola, serve il seggiolino?`},
		{lang: "ar", why: "a wound cleaned in the summer", msg: `بنتي عمرها 8 سنين جرحت ركبتها في الصيف، كيف نطهر الجرح؟`},
		{lang: "ru", why: "mum at work, the child at home asks for a club", msg: `мне 12 лет, мама ушла на работу, я один дома, можно записаться в кружок?`},
		{lang: "ru", why: "fever three days, mum on a trip", msg: `сыну 6 лет, три дня температура, мама уехала в командировку, нужен педиатр`},
		{lang: "ja", why: "5歳の子 with a fever three days", msg: `5歳の子が三日間熱があります、小児科はどこですか`},
		{lang: "ko", why: "fell at the playground, fine", msg: `아이 4살인데 놀이터에서 떨어졌어요 괜찮아요 병원 추천해 주세요`},
		{lang: "th", why: "fell down a step, fine", msg: `ลูกอายุ 5 ขวบ ตกบันไดนิดหน่อย ไม่เป็นไร อยากหาหมอเด็ก`},
		{lang: "ml", why: "the school bell (bell adichu)", msg: `ente makan 9 vayassu, school il bell adichu, late aayi, bus undo?`},
		{lang: "tr", why: "slaps his sibling every day (active, no child beaten)", msg: `oğlum 6 yaşında, her gün kardeşini tokatlıyor, pedagog önerir misiniz?`},
		{lang: "ps", why: "the school bus every day", msg: `زما لور ۶ کلنه ده، هره ورځ یې د ښوونځي بس کې بیایي، د بس فیس څومره دی؟`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "no adult there is the child alone", msg: `the boy next door, 5 years old, no adult at home for two days now`},
		{lang: "en", why: "a stranger took my son", msg: `a stranger took my son from the park`},
		{lang: "en", why: "a man met online took her", msg: `my daughter is 14, a man she met online took her away in his car`},
		{lang: "ru", why: "mum gone three days, alone", msg: `мне 12 лет, мама ушла три дня назад, я один дома`},
		{lang: "fr", why: "FGM planned this summer", msg: `ma fille de 7 ans, ils vont l'exciser cet ete au bled`},
		{lang: "ml", why: "the mother beat the baby, not crying", msg: `oru kunju 2 vayassu, amma kunjine nallonam adichu, ippol kunju karayunnilla`},
		{lang: "tr", why: "the mother's boyfriend beats her (dövüyor stays a danger)", msg: `komşunun kızı 9 yaşında, annesinin sevgilisi onu dövüyor`},
	})
}
