package triage

import "testing"

// plan19 (issue 12, the urgent route): suicide told as a plan, by its parts and
// without a word of death: pills saved and counted, things given away, letters
// to a son or a mother, "I have decided everything", a rope in the bag, lying on
// the tracks on a day named, "don't look for me", "tomorrow I won't be here".
// Each plan is two parts or more and must be read by the lists alone; the decoys
// hold one part each (the pills the doctor gave, a laptop given because a new one
// was bought, "tonight I finish everything" about homework, a birthday letter).

// TestReviewPlan19En: plans told by parts, and decoys (en).
func TestReviewPlan19En(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"en", "a plan by its parts", `I've been saving up my pills for weeks, 50 of them now. tonight I take them all`},
		{"en", "a plan by its parts", `gave my bike and my laptop to my flatmate. saturday I take the train and walk onto the tracks`},
		{"en", "a plan by its parts", `the letters for my mum and my son are written. after tonight you won't see me again`},
		{"en", "a plan by its parts", `I've decided everything, the rope is in my bag. I won't be here tomorrow`},
		{"en", "a plan by its parts", `I said goodbye to everyone. tonight I end everything, don't look for me`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"en", "one part, everyday", `I'm saving the pills the doctor gave me for my next trip`},
		{"en", "one part, everyday", `gave my laptop to my flatmate because I bought a new one`},
		{"en", "one part, everyday", `tonight I finish everything: homework, packing, then bed`},
		{"en", "one part, everyday", `I wrote a letter to my son for his birthday, tomorrow I take the train to Ventimiglia for work`},
		{"en", "one part, everyday", `I've decided everything for the wedding, tonight I finish the seating plan`},
	})
}

// TestReviewPlan19Es: plans told by parts, and decoys (es).
func TestReviewPlan19Es(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"es", "a plan by its parts", `he juntado 60 pastillas en dos semanas, esta noche me las tomo todas`},
		{"es", "a plan by its parts", `le di mi bici y mi portátil a mi compañero de piso. el sábado cojo el tren y me tumbo en las vías`},
		{"es", "a plan by its parts", `ya lo he decidido, escribí cartas a mi hijo y a mi madre. mañana ya no estaré`},
		{"es", "a plan by its parts", `me despedí de todos, esta noche termino con todo. no me busquéis`},
		{"es", "a plan by its parts", `ya está todo decidido, la cuerda está en la mochila. mañana ya no estaré`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"es", "one part, everyday", `guardo las pastillas que me dio el médico`},
		{"es", "one part, everyday", `le di mi portátil a mi compañero de piso porque me compré uno nuevo`},
		{"es", "one part, everyday", `esta noche termino todo: los deberes y la maleta`},
		{"es", "one part, everyday", `le escribí una carta a mi hijo por su cumpleaños`},
		{"es", "one part, everyday", `ya está todo decidido para la boda, no me busquéis en la oficina mañana`},
	})
}

// TestReviewPlan19Fr: plans told by parts, and decoys (fr).
func TestReviewPlan19Fr(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"fr", "a plan by its parts", `j'ai mis de côté 40 comprimés depuis un mois, ce soir je les prends tous`},
		{"fr", "a plan by its parts", `j'ai donné mon vélo et mon ordinateur à ma coloc. samedi je prends le train et je m'allonge sur les voies`},
		{"fr", "a plan by its parts", `c'est décidé, j'ai écrit des lettres à mon fils et à ma mère. demain je ne serai plus là`},
		{"fr", "a plan by its parts", `j'ai dit au revoir à tout le monde, ce soir j'en finis. ne me cherchez pas`},
		{"fr", "a plan by its parts", `tout est décidé, j'ai une corde dans le coffre. ce soir tout se termine`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"fr", "one part, everyday", `je garde les comprimés que le médecin m'a donnés`},
		{"fr", "one part, everyday", `j'ai donné mon ordinateur à ma coloc parce que j'en ai acheté un nouveau`},
		{"fr", "one part, everyday", `ce soir je finis tout: les devoirs et les valises`},
		{"fr", "one part, everyday", `j'ai écrit une lettre à mon fils pour son anniversaire`},
		{"fr", "one part, everyday", `tout est décidé pour le mariage, ce soir je finis le plan de table`},
	})
}

// TestReviewPlan19It: plans told by parts, and decoys (it).
func TestReviewPlan19It(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"it", "a plan by its parts", `ho messo da parte 50 pastiglie in un mese, stanotte le prendo tutte`},
		{"it", "a plan by its parts", `ho regalato la bici e il portatile al mio coinquilino. sabato prendo il treno e mi sdraio sui binari`},
		{"it", "a plan by its parts", `ho deciso, ho scritto le lettere a mio figlio e a mia madre. domani non ci sarò più`},
		{"it", "a plan by its parts", `ho salutato tutti, stasera finisco tutto. non cercatemi`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"it", "one part, everyday", `tengo da parte le pastiglie che mi ha dato il medico`},
		{"it", "one part, everyday", `ho regalato il portatile al mio coinquilino perché ne ho comprato uno nuovo`},
		{"it", "one part, everyday", `stasera finisco tutto: compiti e valigia, domani prendo il treno per Ventimiglia per lavoro`},
		{"it", "one part, everyday", `ho scritto una lettera a mio figlio per il suo compleanno`},
		{"it", "one part, everyday", `ho deciso tutto per il matrimonio, stasera finisco i segnaposti`},
	})
}

// TestReviewPlan19Ro: plans told by parts, and decoys (ro).
func TestReviewPlan19Ro(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"ro", "a plan by its parts", `am strâns 60 de pastile în două săptămâni, diseară le iau pe toate`},
		{"ro", "a plan by its parts", `i-am dat bicicleta și laptopul colegului de apartament. sâmbătă iau trenul și mă întind pe șine`},
		{"ro", "a plan by its parts", `am hotărât, am scris scrisori fiului meu și mamei. mâine nu o să mai fiu aici`},
		{"ro", "a plan by its parts", `mi-am luat adio de la toată lumea, nu mă căutați`},
		{"ro", "a plan by its parts", `am hotărât tot, funia e în geantă. mâine nu o să mai fiu aici`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ro", "one part, everyday", `păstrez pastilele pe care mi le-a dat doctorul`},
		{"ro", "one part, everyday", `i-am dat laptopul colegului de apartament pentru că mi-am cumpărat altul`},
		{"ro", "one part, everyday", `diseară termin tot: temele și bagajul`},
		{"ro", "one part, everyday", `i-am scris o scrisoare fiului meu de ziua lui`},
	})
}

// TestReviewPlan19Ru: plans told by parts, and decoys (ru).
func TestReviewPlan19Ru(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"ru", "a plan by its parts", `я накопила 60 таблеток за две недели, сегодня ночью выпью все`},
		{"ru", "a plan by its parts", `отдал велосипед и ноутбук соседу по квартире. в субботу лягу на рельсы`},
		{"ru", "a plan by its parts", `я всё решила, написала письма сыну и маме. завтра меня уже не будет`},
		{"ru", "a plan by its parts", `я со всеми попрощался, сегодня ночью всё закончится. не ищите меня`},
		{"ru", "a plan by its parts", `я всё решил, верёвка в сумке. завтра меня уже не будет`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ru", "one part, everyday", `храню таблетки, которые дал врач`},
		{"ru", "one part, everyday", `отдал ноутбук соседу, потому что купил новый`},
		{"ru", "one part, everyday", `сегодня вечером всё закончу: уроки и чемодан`},
		{"ru", "one part, everyday", `написала письмо сыну на день рождения`},
	})
}

// TestReviewPlan19Uk: plans told by parts, and decoys (uk).
func TestReviewPlan19Uk(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"uk", "a plan by its parts", `я зібрала 60 таблеток за два тижні, сьогодні вночі вип'ю всі`},
		{"uk", "a plan by its parts", `віддав велосипед і ноутбук сусідові. в суботу ляжу на рейки`},
		{"uk", "a plan by its parts", `я все вирішила, листи синові й мамі написала. завтра мене вже не буде`},
		{"uk", "a plan by its parts", `ya z usima poproshchalas, sohodni vnochi vse zakinchu. ne shukaite mene`},
		{"uk", "a plan by its parts", `я все вирішив, мотузка в сумці. завтра мене вже не буде`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"uk", "one part, everyday", `зберігаю таблетки, які дав лікар`},
		{"uk", "one part, everyday", `віддав ноутбук сусідові, бо купив новий`},
		{"uk", "one part, everyday", `сьогодні ввечері все закінчу: домашку і валізу`},
		{"uk", "one part, everyday", `написала листа синові на день народження`},
	})
}

// TestReviewPlan19Tr: plans told by parts, and decoys (tr).
func TestReviewPlan19Tr(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"tr", "a plan by its parts", `iki haftada 60 hap biriktirdim, bu gece hepsini içeceğim`},
		{"tr", "a plan by its parts", `bisikletimi ve laptopumu ev arkadaşıma verdim. cumartesi trene binip raylara yatacağım`},
		{"tr", "a plan by its parts", `karar verdim, oğluma ve anneme mektup yazdım. yarın burada olmayacağım`},
		{"tr", "a plan by its parts", `herkesle vedalaştım, bu gece her şeyi bitiriyorum. beni aramayın`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"tr", "one part, everyday", `doktorun verdiği hapları saklıyorum`},
		{"tr", "one part, everyday", `yeni aldığım için laptopumu ev arkadaşıma verdim`},
		{"tr", "one part, everyday", `bu gece her şeyi bitiriyorum: ödevler ve bavul`},
		{"tr", "one part, everyday", `oğluma doğum günü için mektup yazdım`},
		{"tr", "one part, everyday", `düğün için her şeye karar verdim, bu gece oturma planını bitiriyorum`},
	})
}

// TestReviewPlan19Ar: plans told by parts, and decoys (ar).
func TestReviewPlan19Ar(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"ar", "a plan by its parts", `جمعت ٦٠ حبة في أسبوعين، الليلة سآخذها كلها`},
		{"ar", "a plan by its parts", `أعطيت دراجتي واللابتوب لزميلي في السكن. يوم السبت سأنام على سكة القطار`},
		{"ar", "a plan by its parts", `قررت، كتبت رسائل لابني ولأمي. غداً لن أكون هنا`},
		{"ar", "a plan by its parts", `ودعت الجميع، الليلة سأنهي كل شيء. لا تبحثوا عني`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ar", "one part, everyday", `أحتفظ بالحبوب التي أعطاني إياها الطبيب`},
		{"ar", "one part, everyday", `أعطيت اللابتوب لزميلي في السكن لأنني اشتريت واحداً جديداً`},
		{"ar", "one part, everyday", `الليلة سأنهي كل شيء: الواجبات والحقيبة`},
		{"ar", "one part, everyday", `كتبت رسالة لابني في عيد ميلاده`},
		{"ar", "one part, everyday", `لا تبحثوا عني في المكتب غدا، سأعمل من البيت`},
	})
}

// TestReviewPlan19Fa: plans told by parts, and decoys (fa).
func TestReviewPlan19Fa(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"fa", "a plan by its parts", "۶۰ تا قرص جمع کردم، امشب همه رو می\u200cخورم"},
		{"fa", "a plan by its parts", "دوچرخه\u200cمو به هم\u200cخونه\u200cام دادم. شنبه روی ریل قطار دراز می\u200cکشم"},
		{"fa", "a plan by its parts", `تصمیمم رو گرفتم، برای پسرم و مادرم نامه نوشتم. فردا دیگه اینجا نیستم`},
		{"fa", "a plan by its parts", "با همه خداحافظی کردم، امشب همه چیز رو تموم می\u200cکنم. دنبالم نگردید"},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"fa", "one part, everyday", "قرص\u200cهایی که دکتر داده رو نگه می\u200cدارم"},
		{"fa", "one part, everyday", "لپ\u200cتاپم رو به هم\u200cخونه\u200cام دادم چون یه جدید خریدم"},
		{"fa", "one part, everyday", `برای تولد پسرم یه نامه نوشتم`},
	})
}
