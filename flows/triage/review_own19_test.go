package triage

import "testing"

// Own19 (issue 12): the gaps own18 left in a frame's stop at the
// writer's own danger (ownAfter). 1: Arabic and Farsi tell "my" and "me"
// by a suffix glued to the word ("جوازي", my passport; "بيضربني", he
// hits me; "پاسپورتم", my passport), no me word. 2: the frame followed by
// a comma, or by nothing at all, before the writer's own danger. 3: a
// past time that reaches now ("since last year", "desde hace dos años",
// "من السنة الماضية") tells a danger going on, not one over. Beside each,
// a decoy: the frame told with "my" in an ordinary sense.

func TestOwn19SuffixOwnDanger(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "ar", why: "my passport by suffix", msg: `لبحث الجامعة عن العمل. صاحب العمل أخذ جوازي`},
		{lang: "ar", why: "my passport, locks me in, by suffix", msg: `لبحث الجامعة عن العمل. صاحب العمل أخذ جوازي وحبسني في البيت`},
		{lang: "ar", why: "my husband hits me, by suffix", msg: `لبحث الجامعة عن العمل. زوجي بيضربني كل يوم`},
		{lang: "ar", why: "the teacher hits my son, by suffix", msg: `لبحث الجامعة عن المدرسة. المعلم بيضرب ابني كل يوم`},
		{lang: "ar", why: "the sponsor locked me in, by suffix", msg: `للجامعة عن العمل. الكفيل حبسني في البيت وأخذ جوازي`},
		{lang: "fa", why: "my boss took my passport, by suffix", msg: `برای پایان نامه درباره کار. سر کار رئیسم پاسپورتمو گرفته`},
		{lang: "fa", why: "my husband beats me, by suffix", msg: `برای پایان نامه درباره کار. شوهرم هر روز کتکم میزنه`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ar", why: "my professor wants sources", msg: `لبحث الجامعة عن العمل. أستاذي يريد مصادر عن أصحاب العمل الذين يأخذون الجوازات`},
		{lang: "ar", why: "forced labour (an adjective, not my labour)", msg: `لبحث الجامعة عن العمل. صاحب العمل في العمل القسري يأخذ جواز العامل`},
		{lang: "ar", why: "sexual harassment (an adjective, not my sex)", msg: `لبحث الجامعة عن العمل. في العمل تحرش جنسي كثير ضد العاملات`},
		{lang: "ar", why: "in my research, employers take passports", msg: `لبحث الجامعة عن العمل. في بحثي قرأت أن بعض أصحاب العمل يأخذون جوازات العمال`},
		{lang: "fa", why: "my professor wants sources", msg: `برای پایان نامه درباره کار. استادم منبع میخواد درباره صاحبکارهایی که پاسپورت کارگرها رو میگیرن`},
		{lang: "fa", why: "people say employers take passports", msg: `برای پایان نامه درباره کار. مردم میگن صاحبکارها پاسپورت کارگرها رو میگیرن`},
		{lang: "fa", why: "passports taken from people (a noun, not mine)", msg: `برای پایان نامه درباره کار. سر کار صاحبکار از مردم پاسپورت گرفته`},
		{lang: "fa", why: "my professor says, after a comma", msg: `برای پایان نامه درباره کار. سر کار صاحبکار پاسپورت کارگرا رو گرفته، استادم میگه`},
	})
}

func TestOwn19CommaOrNoStop(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "comma", msg: `for my thesis on trafficking, my boss took my passport and locks me in`},
		{lang: "en", why: "no punctuation", msg: `for my thesis on trafficking my boss took my passport`},
		{lang: "en", why: "no punctuation, locks me in", msg: `for my thesis on work in Italy my boss took my passport and locks me in at night`},
		{lang: "en", why: "how-to frame, comma", msg: `how to recognise victims of trafficking, my boss took my passport and locks me in at night`},
		{lang: "it", why: "comma", msg: `per la mia tesi sul lavoro, il mio capo mi ha preso il passaporto e mi chiude a chiave`},
		{lang: "it", why: "no punctuation", msg: `per la mia tesi sul lavoro in Italia il mio capo mi ha preso il passaporto`},
		{lang: "fr", why: "comma", msg: `pour mon exposé sur le travail, mon patron m'a pris mon passeport et m'enferme`},
		{lang: "fr", why: "no punctuation", msg: `pour mon exposé sur le travail en Italie mon patron m'a pris mon passeport`},
		{lang: "es", why: "comma", msg: `para mi tesis sobre el trabajo, mi jefe me quitó el pasaporte y me encierra de noche`},
		{lang: "es", why: "no punctuation", msg: `para mi tesis sobre el trabajo en Italia mi jefe me quitó el pasaporte`},
		{lang: "ar", why: "comma", msg: `لبحث الجامعة عن العمل، صاحب العمل أخذ جوازي وأنا محبوسة في البيت`},
		{lang: "ar", why: "no punctuation", msg: `لبحث الجامعة عن العمل في الخليج صاحب العمل أخذ جوازي وأنا محبوسة`},
		{lang: "ru", why: "comma", msg: `для диплома о работе, на работе начальник забрал мой паспорт и запирает меня`},
		{lang: "uk", why: "comma", msg: `для диплома про роботу, на роботі роботодавець забрав мій паспорт`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "my professor wants sources", msg: `for my thesis on trafficking, my professor wants sources`},
		{lang: "en", why: "my professor says bosses take passports", msg: `for my thesis on trafficking, my professor says bosses take passports`},
		{lang: "en", why: "no punctuation, my supervisor asks", msg: `for my thesis on trafficking my supervisor asked me how bosses take passports`},
		{lang: "en", why: "the frame's own object", msg: `for my thesis on bosses who take passports`},
		{lang: "it", why: "my professor wants sources", msg: `per la mia tesi sul lavoro, il mio professore vuole fonti sui capi che prendono i passaporti`},
		{lang: "fr", why: "my professor wants sources", msg: `pour mon exposé sur le travail, mon professeur veut des sources sur les patrons qui prennent les passeports`},
		{lang: "es", why: "my professor wants sources", msg: `para mi tesis sobre el trabajo, mi profesor quiere fuentes sobre jefes que quitan pasaportes`},
		{lang: "ar", why: "my professor wants sources", msg: `لبحث الجامعة عن العمل، أستاذي يريد مصادر عن أصحاب العمل الذين يأخذون الجوازات`},
		{lang: "ru", why: "my supervisor wants sources", msg: `для диплома о работе, мой руководитель хочет источники о том, как работодатели забирают паспорта`},
	})
}

func TestOwn19SinceGoesOn(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "since last year", msg: `for my thesis on work. my boss beats me since last year`},
		{lang: "en", why: "since last year, has been", msg: `for my thesis on work. my boss has been beating me since last year`},
		{lang: "es", why: "desde el año pasado", msg: `para mi tesis sobre el trabajo. mi jefe me pega desde el año pasado`},
		{lang: "fr", why: "depuis l'année dernière", msg: `pour mon exposé sur le travail. mon patron me frappe depuis l'année dernière`},
		{lang: "ar", why: "من السنة الماضية", msg: `لبحث الجامعة عن العمل. زوجي يضربني من السنة الماضية`},
		{lang: "fr", why: "depuis l'année dernière, no frame", msg: `mon patron me frappe depuis l'année dernière`},
		{lang: "es", why: "desde el año pasado, no frame", msg: `mi jefe me pega desde el año pasado`},
		{lang: "pt", why: "desde o ano passado, no frame", msg: `meu patrão me bate desde o ano passado`},
		{lang: "ar", why: "منذ السنة الماضية", msg: `لبحث الجامعة عن العمل. صاحب العمل حبسني في البيت منذ السنة الماضية`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "since last year, a study", msg: `for my thesis on work. since last year I read how bosses take passports`},
		{lang: "en", why: "a past danger of another", msg: `for my thesis on work. last year my cousin's boss took his passport, now he is fine`},
		{lang: "es", why: "since last year alone, a past danger in another clause", msg: `desde el año pasado vivo sola, mi ex me pegaba`},
		{lang: "fr", why: "a past danger, over now", msg: `l'année dernière mon patron me frappait, maintenant ça va`},
		{lang: "es", why: "desde el año pasado, a study", msg: `para mi tesis sobre el trabajo. desde el año pasado estudio cómo los jefes quitan pasaportes`},
		{lang: "ar", why: "a past danger of another", msg: `لبحث الجامعة عن العمل: السنة الماضية صاحب العمل أخذ جواز ابن عمي، الآن هو بخير`},
	})
}
