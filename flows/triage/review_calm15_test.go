package triage

import "testing"

// Calm15 (issue 12): a school task, a course, a talk, a job or a match
// told beside a danger is studied, worked or played, not lived: "an essay
// about", "a course on", "patients with", "this job is killing me",
// "beaten at the match 6-0". Such a calm names its object in its own
// clause (a topic mark of data/calm): it calms that clause only, and a
// present danger told beside it stays urgent.
func TestCalm15EverydayCalm(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "a school essay on trafficking", msg: `my daughter has to write an essay about human trafficking for school, do you have material?`},
		{lang: "en", why: "statistics for the essay", msg: `Im writing a school essay for my class in Turin, do you have statistics on how many women are trafficked to Italy each year?`},
		{lang: "it", why: "statistics on trafficking", msg: `per la tesina mi servono statistiche sulla tratta di donne in Italia, ne avete?`},
		{lang: "en", why: "a job that kills", msg: `this job is killing me, 12 hours a day, is there anything else?`},
		{lang: "ar", why: "an Egyptian job that kills", msg: `el shoghl da hay2telny wallahi 12 sa3a wa2ef fel matba5, 3ayez a3raf law fe corso pizzaiolo`},
		{lang: "wo", why: "a Wolof job that kills", msg: `Liggéey bii dina ma rey 😩 12 waxtu bés bu nekk ci magasin. Ndax yoon bi may na ko?`},
		{lang: "fa", why: "beaten at the football match", msg: "امروز تو مسابقه فوتبال حسابی کتک خوردیم ۶ به ۰ 😂 حالا سوالم: برای بچه\u200cهای تیم کارت اتوبوس ارزون هست؟"},
		{lang: "fil", why: "how to know if, for a first aid class", msg: `nanood kami ng teleserye, inatake sa puso yung lola. paano malalaman kung heart attack? para sa first aid class ko`},
		{lang: "sq", why: "a victim once, fine now", msg: `Dikur kam qenë viktimë e dhunës në familje, tani jetoj vetëm me djalin dhe jam mirë. Kam të drejtë për shtëpi popullore?`},
		{lang: "bn", why: "people died in the essay's shipwreck", msg: `apa amar chele school er jonno tema likhse "il mio viaggio", nouka dube manush mara gese oi ghotona niye. italian ta ektu thik kore diben?`},
		{lang: "bn", why: "kisu is some, not a knife", msg: `amader para te onek bangali bhai rastay ghumay, amra kisu khabar ar kombol dite chai, kar sathe jogajog korbo?`},
		{lang: "wo", why: "mëna ci is no ci mena", msg: `Bëgg naa liggéey, am naa permis de conduire. Ana fu ma mëna wut liggéey ci Torino?`},
		{lang: "so", why: "a nurse sees bleeding and fainted people", msg: `walaashay waxay ka shaqaysaa kalkaaliso isbitaalka, waxay aragtaa dhiig bax iyo dad miyir beelay maalin kasta. xagee laga qaataa koorsada OSS?`},
		{lang: "id", why: "an essay about trafficking", msg: `anak saya harus menulis esai untuk sekolah tentang perdagangan manusia, ada bahan?`},
		{lang: "ko", why: "an essay about trafficking", msg: `딸이 학교 과제로 인신매매에 대한 글을 써야 하는데 자료 있을까요?`},
		{lang: "de", why: "a job that kills", msg: `dieser Job bringt mich noch um, 12 Stunden am Tag, habt ihr was anderes?`},
		{lang: "hu", why: "a job that kills", msg: `ez a munka megöl, napi 12 óra, van valami más?`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "de", why: "the job, then a threat", msg: `dieser Job bringt mich noch um. mein Mann sagt er bringt mich heute Nacht um`},
		{lang: "id", why: "an essay, then a passport kept", msg: `saya menulis esai tentang perdagangan manusia. majikan saya mengambil paspor saya dan mengurung saya`},
		{lang: "en", why: "a class named after a beating", msg: `he hit me, I have class on monday`},
		{lang: "en", why: "an exam named after a threat", msg: `he says he will kill me tonight, I have an exam on friday`},
		{lang: "en", why: "an essay, then a threat now", msg: `for my essay on domestic violence: he says he will kill me tonight`},
		{lang: "en", why: "a film, then a beating now", msg: `I saw a film, now he is hitting me`},
		{lang: "en", why: "the job, then a husband", msg: `this job is killing me and my husband beats me every night`},
		{lang: "en", why: "statistics, then a passport kept", msg: `I need statistics on trafficking. my boss took my passport and locks me in`},
		{lang: "en", why: "the match, then a beating", msg: `we lost at the match, then my father beat me with a belt and I am bleeding`},
		{lang: "it", why: "a course named after a beating", msg: `mi marito mi picchia, ho un corso sulla sicurezza domani`},
		{lang: "es", why: "a class named after a beating", msg: `mi marido me pega todos los dias, tengo clase sobre historia`},
		{lang: "fr", why: "a course named after a beating", msg: `mon mari me frappe, j'ai un cours sur la chimie demain`},
		{lang: "de", why: "a course named after a beating", msg: `mein mann schlägt mich, ich habe morgen einen kurs über deutsch`},
		{lang: "fa", why: "the match, then my husband beats me", msg: `امروز تو مسابقه فوتبال باختیم. شوهرم منو کتک میزنه`},
		{lang: "sq", why: "once a victim, now he is back with a knife", msg: `Dikur kam qenë viktimë e dhunës, tani ai është këtu me thikë dhe do të më vrasë`},
		{lang: "fil", why: "how to know if, then my grandma now", msg: `paano malalaman kung heart attack? yung lola ko hindi humihinga ngayon`},
		{lang: "wo", why: "the job, then a threat", msg: `Liggéey bii dina ma rey. Sama jëkkër dafa may dóor te dina ma rey tey ci guddi`},
	})
}
