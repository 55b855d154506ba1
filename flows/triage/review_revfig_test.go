package triage

import "testing"

// Review of figure17 (issue 12, calm roles figure, kills and cause;
// scratch.figures): present dangers the new rule calmed. Each was violence
// by the lists before it (43f36b4b^^, 6204f430) and is read as no danger after, with
// --explain --no-net telling "a figure of speech, a thing that kills the
// writer". Written against df5f574a, where they failed; they pass since
// ccd66f9b (mendfig17). The rule as first written reads a figure word right before
// a kill verb as its subject, but the word may be a person's name, a
// nationality, the modifier of a person or an animal, a time or a place
// with the subject dropped, or a condition without a listed cause word;
// and a heat that kills may be a real heat stroke. The lists alone decide
// (wantListsUrgent): the net may not stand in for them.
func TestReviewRevfig17FiguresThatAreDangers(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		// A figure word that is a person's name or nickname: Bill, Luz,
		// Curro (Francisco), Özlem, Nafkot (ናፍቆት, homesickness), the
		// surname 冷 (Leng: Chinese is read a character at a time, so "冷"
		// matches wherever it stands); Arabizi "wa7da" is "one, a woman"
		// before it is loneliness.
		{lang: "en", why: "Bill is a name, not the bill", msg: `my neighbour Bill is going to kill me`},
		{lang: "es", why: "Luz is a name, not the electricity", msg: `mi vecina Luz me va a matar`},
		{lang: "es", why: "Curro is a nickname, not the job", msg: `Curro me va a matar, me dijo que me espera en la puerta`},
		{lang: "tr", why: "Özlem is a name, not longing", msg: `komşum Özlem beni öldürecek`},
		{lang: "am", why: "Nafkot is a name; she threatened me", msg: `ናፍቆት ሊገድለኝ ነው ብላ ዛተችብኝ`},
		{lang: "zh", why: "Old Leng, a surname, not the cold", msg: `老冷会杀了我`},
		{lang: "ar", why: "Arabizi: wa7da is a woman, one", msg: `wa7da ra7 t2telni`},
		// A nationality is a person (the Italian), or an adjective of one
		// (the Italian mafia), not the language being learnt.
		{lang: "es", why: "the Italian (man) waits outside", msg: `el italiano me va a matar, me está esperando fuera`},
		{lang: "it", why: "the Italian (man) waits under the house", msg: `l'italiano mi ammazza, mi aspetta sotto casa`},
		{lang: "fr", why: "the Italian (man)", msg: `l'italien va me tuer`},
		{lang: "ro", why: "my Italian neighbour (woman)", msg: `vecina mea italiana o să mă omoare`},
		{lang: "en", why: "the Italian mafia", msg: `the italian mafia will kill me`},
		{lang: "uk", why: "the Italian mafia", msg: `італійська мафія мене вб'є`},
		// A figure word that is the modifier of a person or an animal: the
		// words between are no person the lists know.
		{lang: "en", why: "a guard of the questura", msg: `the questura guard is going to kill me`},
		{lang: "en", why: "cold, an adjective of a man", msg: `that cold man will kill me`},
		{lang: "en", why: "people at work, want to kill me", msg: `people at work want to kill me`},
		{lang: "fr", why: "the guys from work want to kill me", msg: `les gars du boulot veulent me tuer`},
		{lang: "tr", why: "my work colleague", msg: `iş arkadaşım beni öldürecek`},
		{lang: "zh", why: "the people in the queue", msg: `排队的人会杀了我`},
		{lang: "zh", why: "an animal: a hungry wolf", msg: `饿狼会杀了我`},
		{lang: "fa", why: "the officer of the queue", msg: `مامور صف منو میکشه`},
		{lang: "ps", why: "the guard of the queue", msg: `د قطار ساتونکی ما وژني`},
		{lang: "pa", why: "the man from the line", msg: `ਲਾਈਨ ਵਾਲਾ ਬੰਦਾ ਮੈਨੂੰ ਮਾਰ ਦੇਵੇਗਾ`},
		// A figure word as a time or a place, the subject dropped (or a
		// pronoun the who lists miss: Somali "wuu", he): on Monday, at the
		// questura, at work, after work.
		{lang: "es", why: "another's words: on Monday he will kill me", msg: `mi ex dijo que el lunes me va a matar`},
		{lang: "it", why: "on Monday he kills me, he told me", msg: `lunedi mi ammazza, me l'ha detto`},
		{lang: "tr", why: "another's words: on Monday he will kill me", msg: `pazartesi beni öldürecek dedi`},
		{lang: "ru", why: "on Monday they will kill me", msg: `в понедельник меня убьют`},
		{lang: "fil", why: "on Monday they will kill me", msg: `sa lunes papatayin ako`},
		{lang: "fil", why: "at the questura they will kill me", msg: `sa questura papatayin ako`},
		{lang: "sq", why: "at the questura they will kill me", msg: `në questura do më vrasin`},
		{lang: "wo", why: "at work they will kill me", msg: `ci liggéey bi dinañu ma rey`},
		{lang: "hi", why: "at work he will kill me", msg: `काम पर मुझे मार डालेगा`},
		{lang: "ur", why: "at work he will kill me", msg: `کام پر مجھے مار ڈالے گا`},
		{lang: "so", why: "after work he (wuu) will kill me", msg: `shaqada kadib wuu i dili doona`},
		// A condition told without a cause word of the lists (a verb's
		// conditional ending, "to", 就, a clause run on): the subject is
		// dropped, a person kills.
		{lang: "ur", why: "Roman Urdu: no rent, then he will kill", msg: `kiraya nahi to maar dalega`},
		{lang: "bn", why: "if I don't pay the rent, he will kill", msg: `বাড়িভাড়া না দিলে মেরে ফেলবে`},
		{lang: "zh", why: "another's words: no rent, then he kills me", msg: `房东说不交房租就杀了我`},
		{lang: "es", why: "I didn't pay the rent, he will kill me", msg: `no pagué el alquiler me va a matar`},
		// A real heat stroke: sweating stopped, the body shaking; no water
		// for two days.
		{lang: "am", why: "heat stroke: sweat stopped, shaking", msg: `ይህ ሙቀት ሊገድለኝ ነው ላቤ ቆሟል ሰውነቴ ይንቀጠቀጣል`},
		{lang: "ti", why: "the heat, no water for two days", msg: `ሃሩር ይቐትለኒ ኣሎ ማይ የብለይን ክልተ መዓልቲ`},
	})
}

// Mend of revfig17: a figure word that owns a person ("the rent man", "le
// patron du boulot", "начальник смены", the shift boss) is no subject: the
// person between or before it is, and the figure must open its clause
// (role link). Each was calmed at the tip of figure17.
func TestMendfig17FigureOfAPerson(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{lang: "en", why: "the rent man, a person", msg: `the rent man is going to kill me`},
		{lang: "es", why: "the owner of the rent", msg: `el dueño del alquiler me va a matar`},
		{lang: "fr", why: "the boss of the job", msg: `le patron du boulot va me tuer`},
		{lang: "ru", why: "the shift boss", msg: `начальник смены меня убьёт`},
		{lang: "hi", why: "the rent man", msg: `किराया वाला मुझे मार डालेगा`},
	})
}
