package triage

import "testing"

// tuneF (issue 12): false alarms that a weight could not mend (each lower
// weight broke a present danger, review revd) mended with calms, ignore
// lines and about/over marks instead. Each false alarm has its present
// danger in the same words beside it: the calm must not reach it.

// fa.tsv:338 makes "mikoshamesh" (I'll kill him/her) violence 1 alone: the
// everyday sibling threat over a laptop, a phone or food was urgent.
func TestTuneFPersianThingThreatIdiom(t *testing.T) {
	c := newClassifier(t)
	// mendE: tuneF's thing+verb ignore table is removed (review revE: the
	// same words are a drunk husband's or a father's threat, and a brother's
	// to the sister whose phone he took), so these four sibling threats are
	// open false alarms again, as on 3bff6ca, and no longer asserted calm:
	//	برادرم دوباره لپ‌تاپمو خراب کرد، میکشمش! کجا میشه تعمیرش کرد؟
	//	اگه داداشم باز شارژرمو برداره میکشمش
	//	khaharam dobare gushimo bardasht mikoshamesh
	//	age dadasham dobare ghazamo bokhore mikoshamesh
	wantUrgent(t, c, []reviewCase{
		{"fa", "husband said tonight he will kill my sister (fa training)", "shoharam gofte emshab khaharamo mikoshamesh, alan dare miad inja"},
		{"fa", "husband broke my phone, says tonight he will kill my sister", "shoharam gushimo shekast, gofte emshab khaharamo mikoshamesh"},
		{"fa", "brother said if he sees her with that boy he'll kill her", "برادرم گفته اگه با اون پسر ببینمش میکشمش، الان دنبالشه"},
	})
}

// any.tsv:269-270 make a Dutch "zoon van 8" with "vol blauwe plekken" child 2,
// and it.tsv "pieno di lividi" with "di 8 anni" the same: bruises a parent
// says come from football or cycling were a child in danger.
func TestTuneFBruisesFromSport(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"en", "son of 8 covered in bruises from football", "My son is 8 and covered in bruises from football, should I see a GP?"},
		{"es", "son of 8 full of bruises from football", "Mi hijo de 8 años está lleno de moretones del fútbol, ¿tengo que ir al médico?"},
		{"fr", "son of 8 covered in bruises from football", "Mon fils de 8 ans est couvert de bleus à cause du foot, je dois voir un médecin ?"},
	})
	// mendE: the bruise ignores are removed (review revE: the cause is the
	// cover story a neighbour does not believe, a child bruised "again", a
	// coach who hits him), so the Dutch and Italian parents' football and
	// cycling bruises are open false alarms again, as on 3bff6ca (en, es and
	// fr above stay calm without the ignore):
	//	Mijn zoon van 8 zit vol blauwe plekken van het voetballen, moet ik naar de huisarts?
	//	Mijn dochter van 6 zit onder de blauwe plekken na het fietsen, ze is gevallen. Waar is een huisarts?
	//	Mio figlio di 8 anni è pieno di lividi per il calcio, devo andare dal pediatra?
	wantUrgent(t, c, []reviewCase{
		{"nl", "the girl of 6 next door is covered in bruises (revd)", "het meisje van 6 naast ons zit vol blauwe plekken"},
		{"nl", "son of 8 bruised, no cause told", "Mijn zoon van 8 zit vol blauwe plekken, moet ik naar de huisarts?"},
		{"it", "the neighbours' girl of 6 full of bruises, no cause", "la bambina di 6 anni dei vicini è piena di lividi"},
		{"it", "bruises 'from football' but the father beats him", "mio figlio di 8 anni è pieno di lividi per il calcio dice lui, ma sento che il padre lo picchia"},
	})
}

// tr.tsv:345 makes "kocam beni bicakla" violence 2 and "tehdit" added 0.5:
// 2.5 could not be calmed under 1, so a threat told as long past (pluperfect,
// divorced three years ago) was urgent.
func TestTuneFTurkishPastKnifeThreat(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		// mendE: revd's "Eski kocam beni bıçakla tehdit etmişti, 3 yıl önce
		// boşandık, şimdi velayet için avukat lazım" says "şimdi" (now): with
		// the pluperfect calm gone (review revE) it is urgent, as on 3bff6ca;
		// a past is calmed only with no now in the message.
		{"tr", "husband had threatened with a knife years ago, divorced", "yıllar önce kocam beni bıçakla tehdit etmişti, boşandık, nafaka için ne yapmalıyım"},
	})
	wantUrgent(t, c, []reviewCase{
		{"tr", "after homework, husband threatens with a knife (revc)", "üzerine ödev yapıyordum kocam beni bıçakla tehdit ediyor"},
		{"tr", "husband had threatened with a knife last night, now at the door", "dün gece kocam beni bıçakla tehdit etmişti, şimdi kapıda bekliyor"},
		{"tr", "divorced 3 years ago, husband threatens with a knife now", "3 yıl önce boşandık ama kocam beni bıçakla tehdit ediyor"},
	})
}

// Set w's false alarms: homework, a course, an essay or a thesis about
// trafficking (bn, en, it), a book in which a boy kills himself (ur), a gun
// licence (fa), past threats at work told as over (pa), in other words than
// the set's.
func TestTuneFAboutAndOverFalseAlarms(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"bn", "my son's school gave an essay about human trafficking, where is material?", "আমার ছেলের স্কুলে মানব পাচার নিয়ে রচনা লিখতে হবে, তথ্য কোথায় পাব?"},
		{"en", "my homework is about trafficking, any books?", "my homework is about human trafficking, where can I find books in English?"},
		{"it", "school essay on trafficking", "mia figlia deve fare una tesina sulla tratta di esseri umani per la scuola, dove trovo libri?"},
		{"ur", "a novel in which a boy kills himself, school asks", "بیٹی کو اسکول کے لیے ایک ناول جس میں ایک لڑکا خودکشی کرتا ہے پڑھنا ہے، اردو میں ملے گا؟"},
		{"fa", "a gun licence for work", "برای کار نگهبانی مجوز حمل اسلحه لازمه؟ کجا باید درخواست بدم؟"},
		// mendE: "ਪਿਛਲੇ ਸਾਲ ਮਾਲਕ ਧਮਕੀਆਂ ਦਿੰਦਾ ਸੀ, ਹੁਣ ਮੈਂ ਕੰਮ ਛੱਡ ਦਿੱਤਾ ਤੇ ਠੀਕ ਹਾਂ। ..." is
		// urgent again: the over phrase held exploitation 0.6, so "ਪਰ" after
		// it cut nothing and a death threat told there counted a fifth
		// (review revE); it is removed.
	})
	wantUrgent(t, c, []reviewCase{
		{"bn", "essay about trafficking, and now the boss keeps my passport and locks me in", "মানব পাচার নিয়ে রচনা লিখতে হবে, এখন মালিক আমার পাসপোর্ট রেখে দিয়েছে আর আমাকে ঘরে আটকে রাখে"},
		{"en", "homework about trafficking, now my husband beats me", "my homework is about trafficking. now my husband is beating me"},
		{"it", "a thesis on trafficking, tonight he wants to kill me", "per la tesina sulla tratta, stasera mio marito mi vuole ammazzare"},
		{"ur", "a book, I want to kill myself tonight", "ایک کتاب جس میں لڑکا مر جاتا ہے، آج رات میں خودکشی کر لوں گا"},
		{"fa", "husband has a gun licence and threatens to kill me tonight", "شوهرم مجوز حمل اسلحه داره و امشب گفت میکشمت"},
		{"pa", "left the job and fine, now the boss threatens again", "ਕੰਮ ਛੱਡ ਦਿੱਤਾ ਤੇ ਠੀਕ ਹਾਂ ਪਰ ਹੁਣ ਮਾਲਕ ਫਿਰ ਧਮਕੀਆਂ ਦੇ ਰਿਹਾ ਹੈ ਕਿ ਮਾਰ ਦੇਵਾਂਗਾ"},
	})
}

// zh.tsv: bare 一部电影 (a film, calm 1.5) and 写论文 (writing a thesis, calm
// 1) halved a husband's knife threat told beside them.
func TestTuneFChineseBareFilmThesisCalm(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"zh", "bare 写论文: husband takes a knife to kill me", "我写论文的时候 我丈夫拿刀要杀我"},
		{"zh", "bare 一部电影: husband takes a knife to kill me", "我在看一部电影 我丈夫拿刀要杀我"},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"zh", "a thesis about trafficking", "我在写关于人口贩卖的论文，哪里有资料？"},
		{"zh", "a film about a murder", "看了一部关于杀人的电影 很可怕 米兰哪里有中文书店？"},
	})
}
