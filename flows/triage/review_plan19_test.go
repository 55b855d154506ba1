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
		{"ro", "a plan by its parts", `mi-am luat la revedere de la toată lumea, diseară închei totul`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ro", "one part, everyday", `păstrez pastilele pe care mi le-a dat doctorul`},
		{"ro", "one part, everyday", `i-am dat laptopul colegului de apartament pentru că mi-am cumpărat altul`},
		{"ro", "one part, everyday", `diseară termin tot: temele și bagajul`},
		{"ro", "one part, everyday", `i-am scris o scrisoare fiului meu de ziua lui`},
		{"ro", "one part, everyday", `mi-am luat la revedere de la toți colegii, mâine plec în concediu`},
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
		{"uk", "a plan by its parts", `ya vse vyrishyv, lysty doni napysav, sohodni vnochi vse zakinchytsia`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"uk", "one part, everyday", `зберігаю таблетки, які дав лікар`},
		{"uk", "one part, everyday", `віддав ноутбук сусідові, бо купив новий`},
		{"uk", "one part, everyday", `сьогодні ввечері все закінчу: домашку і валізу`},
		{"uk", "one part, everyday", `написала листа синові на день народження`},
		{"uk", "one part, everyday", `napysav lyst synovi na den narodzhennia`},
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

// TestReviewPlan19Ur: plans told by parts, and decoys (ur).
func TestReviewPlan19Ur(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"ur", "a plan by its parts", `maine 2 hafte mein 50 goliyan jama kar li hain, aaj raat sab kha lungi`},
		{"ur", "a plan by its parts", `apni bike aur laptop dost ko de di. hafte ko train ki patri pe let jaunga`},
		{"ur", "a plan by its parts", `faisla kar liya hai, bete aur ammi ke liye khat likh diye. kal main nahi hunga`},
		{"ur", "a plan by its parts", `sab ko alvida keh diya, aaj raat sab khatam kar dunga. mujhe mat dhoondna`},
		{"ur", "a plan by its parts", `میں نے سب کو الوداع کہہ دیا، آج رات سب ختم کر دوں گی۔ مجھے مت ڈھونڈنا`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ur", "one part, everyday", `doctor ki di hui goliyan sambhal ke rakhi hain`},
		{"ur", "one part, everyday", `naya laptop le liya is liye purana dost ko de diya`},
		{"ur", "one part, everyday", `bete ki salgirah ke liye khat likha`},
	})
}

// TestReviewPlan19Zh: plans told by parts, and decoys (zh).
func TestReviewPlan19Zh(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"zh", "a plan by its parts", `我两个星期攒了60片安眠药，今晚全吃了`},
		{"zh", "a plan by its parts", `我把自行车和笔记本电脑给了室友。周六我就走到铁轨上躺下`},
		{"zh", "a plan by its parts", `我已经决定了，给儿子和妈妈的信都写好了。明天我就不在了`},
		{"zh", "a plan by its parts", `我跟所有人都告别了，今晚一切都结束。别找我`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"zh", "one part, everyday", `医生开的药我都留着`},
		{"zh", "one part, everyday", `我买了新电脑，所以把旧的给了室友`},
		{"zh", "one part, everyday", `今晚把所有事情做完：作业和收拾行李`},
	})
}

// TestReviewPlan19Sq: plans told by parts, and decoys (sq).
func TestReviewPlan19Sq(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"sq", "a plan by its parts", `kam mbledhur 50 tableta në dy javë, sonte do t'i pi të gjitha`},
		{"sq", "a plan by its parts", `ia dhashë biçikletën dhe laptopin shokut të dhomës. të shtunën shtrihem në shina`},
		{"sq", "a plan by its parts", `e kam vendosur, u shkrova letra djalit dhe nënës. nesër nuk do të jem më`},
		{"sq", "a plan by its parts", `u përshëndeta me të gjithë, sonte i jap fund gjithçkaje. mos më kërkoni`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"sq", "one part, everyday", `i ruaj tabletat që më dha mjeku`},
		{"sq", "one part, everyday", `ia dhashë laptopin shokut të dhomës sepse bleva një të ri`},
		{"sq", "one part, everyday", `sonte mbaroj detyrat dhe bëj valixhen`},
		{"sq", "one part, everyday", `i shkrova një letër djalit për ditëlindjen e tij`},
	})
}

// TestReviewPlan19Fil: plans told by parts, and decoys (tl).
func TestReviewPlan19Fil(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"tl", "a plan by its parts", `nakaipon na ako ng 60 na tableta sa dalawang linggo, mamayang gabi iinumin ko lahat`},
		{"tl", "a plan by its parts", `binigay ko na yung bike at laptop ko sa kasama ko sa bahay. sa sabado hihiga ako sa riles`},
		{"tl", "a plan by its parts", `desidido na ako, sinulatan ko na ang anak ko at si nanay. bukas wala na ako`},
		{"tl", "a plan by its parts", `nagpaalam na ako sa lahat, mamayang gabi tatapusin ko na lahat. wag nyo na akong hanapin`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"tl", "one part, everyday", `tinatabi ko yung gamot na binigay ng doktor`},
		{"tl", "one part, everyday", `binigay ko yung laptop ko sa kasama ko sa bahay kasi bumili ako ng bago`},
		{"tl", "one part, everyday", `mamayang gabi tatapusin ko lahat: assignment at pag-iimpake`},
	})
}

// TestReviewPlan19Ko: plans told by parts, and decoys (ko).
func TestReviewPlan19Ko(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"ko", "a plan by its parts", `2주 동안 수면제 60알 모아놨어요. 오늘 밤에 다 먹을 거예요`},
		{"ko", "a plan by its parts", `자전거랑 노트북 룸메이트한테 줬어요. 토요일에 철로에 누울 거예요`},
		{"ko", "a plan by its parts", `다 정했어요. 아들이랑 엄마한테 편지 다 써놨어요. 내일이면 저는 없을 거예요`},
		{"ko", "a plan by its parts", `모두한테 작별 인사 했어요. 오늘 밤 다 끝낼 거예요. 찾지 마세요`},
		{"ko", "a plan by its parts", `오늘 밤 다 끝낼 생각이에요. 편지는 다 써뒀어요`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ko", "one part, everyday", `의사가 준 약 모아두고 있어요`},
		{"ko", "one part, everyday", `새 노트북 사서 옛날 거 룸메이트한테 줬어요`},
		{"ko", "one part, everyday", `오늘 밤에 숙제랑 짐 싸기 다 끝낼 거예요`},
		{"ko", "one part, everyday", `아들 생일이라 편지를 썼어요`},
	})
}

// TestReviewPlan19Bg: plans told by parts, and decoys (bg).
func TestReviewPlan19Bg(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"bg", "a plan by its parts", `събрах 50 хапчета за месец, довечера ще ги изпия всичките`},
		{"bg", "a plan by its parts", `дадох колелото и лаптопа си на съквартиранта. в събота лягам на релсите`},
		{"bg", "a plan by its parts", `реших всичко, написах писма на сина си и на мама. утре няма да ме има`},
		{"bg", "a plan by its parts", `сбогувах се с всички, тази нощ приключвам с всичко. не ме търсете`},
		{"bg", "a plan by its parts", `Събрах 40 хапчета, довечера ще ги взема всичките`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"bg", "one part, everyday", `пазя хапчетата, които ми даде лекарят`},
		{"bg", "one part, everyday", `дадох лаптопа си на съквартиранта, защото си купих нов`},
		{"bg", "one part, everyday", `довечера приключвам с всичко: домашните и багажа`},
		{"bg", "one part, everyday", `написах писмо на сина си за рождения му ден`},
	})
}

// TestReviewPlan19Nl: plans told by parts, and decoys (nl).
func TestReviewPlan19Nl(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"nl", "a plan by its parts", `ik heb in twee weken 60 pillen gespaard, vannacht neem ik ze allemaal`},
		{"nl", "a plan by its parts", `mijn fiets en laptop heb ik aan mijn huisgenoot gegeven. zaterdag ga ik op het spoor liggen`},
		{"nl", "a plan by its parts", `ik heb besloten, de brieven voor mijn zoon en mijn moeder zijn geschreven. morgen ben ik er niet meer`},
		{"nl", "a plan by its parts", `ik heb iedereen gedag gezegd, vannacht stop ik met alles. zoek me niet`},
		{"nl", "a plan by its parts", `ik heb mijn fiets aan mijn broer gegeven, vrijdag loop ik het spoor op, het is besloten`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"nl", "one part, everyday", `ik bewaar de pillen die de dokter me gaf`},
		{"nl", "one part, everyday", `ik heb mijn laptop aan mijn huisgenoot gegeven omdat ik een nieuwe heb gekocht`},
		{"nl", "one part, everyday", `vanavond maak ik alles af: huiswerk en inpakken`},
		{"nl", "one part, everyday", `ik schreef een brief voor mijn zoon voor zijn verjaardag, zoek me niet op kantoor`},
		{"nl", "one part, everyday", `morgen loop ik met de kinderen langs het oude spoor in het bos`},
	})
}

// TestReviewPlan19Lt: plans told by parts, and decoys (lt).
func TestReviewPlan19Lt(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"lt", "a plan by its parts", `per dvi savaites susirinkau 60 tablečių, šiąnakt išgersiu visas`},
		{"lt", "a plan by its parts", `dviratį ir kompiuterį atidaviau kambariokui. šeštadienį atsigulsiu ant bėgių`},
		{"lt", "a plan by its parts", `viską nusprendžiau, parašiau laiškus sūnui ir mamai. rytoj manęs nebebus`},
		{"lt", "a plan by its parts", `su visais atsisveikinau, šiąnakt viską baigsiu. neieškokit manęs`},
		{"lt", "a plan by its parts", `Šiąnakt viską pabaigsiu, laiškus mamai jau parašiau`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"lt", "one part, everyday", `saugau tabletes, kurias davė gydytojas`},
		{"lt", "one part, everyday", `atidaviau kompiuterį kambariokui, nes nusipirkau naują`},
		{"lt", "one part, everyday", `šiąnakt baigsiu namų darbus ir susikrausiu lagaminą`},
		{"lt", "one part, everyday", `parašiau laišką sūnui gimtadienio proga`},
		{"lt", "one part, everyday", `šiąnakt viską užbaigsiu: namų darbus ir lagaminą`},
	})
}

// TestReviewPlan19Am: plans told by parts, and decoys (am).
func TestReviewPlan19Am(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"am", "a plan by its parts", `ሁለት ሳምንት ውስጥ 60 ኪኒን አጠራቀምኩ፣ ዛሬ ማታ ሁሉንም እውጣቸዋለሁ`},
		{"am", "a plan by its parts", `ለሁሉም ተሰናብቻለሁ፣ ዛሬ ማታ ሁሉንም ነገር እጨርሳለሁ። አትፈልጉኝ`},
		{"am", "a plan by its parts", `ለልጄና ለእናቴ ደብዳቤ ጻፍኩ፣ ነገ እዚህ አልኖርም`},
		{"am", "a plan by its parts", `ዛሬ ማታ ሁሉንም ነገር እጨርሳለሁ፣ ለእናቴ ደብዳቤ ጽፌአለሁ`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"am", "one part, everyday", `ሐኪሙ የሰጠኝን ኪኒን አስቀምጫለሁ`},
		{"am", "one part, everyday", `አዲስ ላፕቶፕ ስለገዛሁ የድሮውን ለአብሮ ነዋሪዬ ሰጠሁት`},
		{"am", "one part, everyday", `ዛሬ ማታ የቤት ስራዬን እጨርሳለሁ`},
	})
}

// TestReviewPlan19Hi: plans told by parts, and decoys (hi).
func TestReviewPlan19Hi(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"hi", "a plan by its parts", `दो हफ्ते में 60 गोलियां जमा कर लीं, आज रात सब खा लूंगी`},
		{"hi", "a plan by its parts", `अपनी साइकिल और लैपटॉप दोस्त को दे दिया। शनिवार को पटरी पर लेट जाऊंगा`},
		{"hi", "a plan by its parts", `फैसला कर लिया है, बेटे और माँ के लिए चिट्ठी लिख दी। कल मैं नहीं रहूंगा`},
		{"hi", "a plan by its parts", `सबको अलविदा कह दिया, आज रात सब खत्म कर दूंगा। मुझे मत ढूंढना`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"hi", "one part, everyday", `डॉक्टर की दी हुई गोलियां संभाल कर रखी हैं`},
		{"hi", "one part, everyday", `नया लैपटॉप ले लिया इसलिए पुराना दोस्त को दे दिया`},
		{"hi", "one part, everyday", `बेटे के जन्मदिन के लिए चिट्ठी लिखी`},
	})
}

// TestReviewPlan19Pt: plans told by parts, and decoys (pt).
func TestReviewPlan19Pt(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"pt", "a plan by its parts", `juntei 60 comprimidos em duas semanas, hoje à noite vou tomar todos`},
		{"pt", "a plan by its parts", `dei a minha bicicleta e o portátil ao meu colega de casa. no sábado deito-me nos trilhos`},
		{"pt", "a plan by its parts", `já decidi tudo, escrevi cartas para o meu filho e para a minha mãe. amanhã já não vou estar aqui`},
		{"pt", "a plan by its parts", `despedi-me de todos, esta noite acabo com tudo. não me procurem`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"pt", "one part, everyday", `guardo os comprimidos que o médico me deu`},
		{"pt", "one part, everyday", `dei o meu portátil ao meu colega de casa porque comprei um novo`},
		{"pt", "one part, everyday", `esta noite acabo os trabalhos de casa e a mala`},
		{"pt", "one part, everyday", `escrevi uma carta ao meu filho pelo aniversário dele`},
	})
}

// TestReviewPlan19De: plans told by parts, and decoys (de).
func TestReviewPlan19De(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"de", "a plan by its parts", `ich habe in zwei wochen 60 tabletten gesammelt, heute nacht nehme ich alle`},
		{"de", "a plan by its parts", `mein fahrrad und meinen laptop habe ich meinem mitbewohner geschenkt. am samstag lege ich mich auf die gleise`},
		{"de", "a plan by its parts", `ich habe alles entschieden, die briefe an meinen sohn und meine mutter sind geschrieben. morgen bin ich nicht mehr da`},
		{"de", "a plan by its parts", `ich habe mich von allen verabschiedet, heute nacht mache ich schluss. sucht mich nicht`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"de", "one part, everyday", `ich bewahre die tabletten auf, die mir der arzt gegeben hat`},
		{"de", "one part, everyday", `ich habe meinem mitbewohner meinen laptop geschenkt, weil ich einen neuen gekauft habe`},
		{"de", "one part, everyday", `heute abend mache ich alles fertig: hausaufgaben und koffer packen`},
		{"de", "one part, everyday", `ich habe meinem sohn einen brief zum geburtstag geschrieben`},
	})
}

// TestReviewPlan19Pl: plans told by parts, and decoys (pl).
func TestReviewPlan19Pl(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"pl", "a plan by its parts", `przez dwa tygodnie nazbierałam 60 tabletek, dziś w nocy wezmę wszystkie`},
		{"pl", "a plan by its parts", `oddałem rower i laptopa współlokatorowi. w sobotę położę się na torach`},
		{"pl", "a plan by its parts", `wszystko postanowione, napisałam listy do syna i do mamy. jutro mnie już nie będzie`},
		{"pl", "a plan by its parts", `pożegnałem się ze wszystkimi, dziś w nocy wszystko skończę. nie szukajcie mnie`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"pl", "one part, everyday", `przechowuję tabletki, które dał mi lekarz`},
		{"pl", "one part, everyday", `oddałem laptopa współlokatorowi, bo kupiłem nowy`},
		{"pl", "one part, everyday", `dziś wieczorem skończę lekcje i pakowanie`},
		{"pl", "one part, everyday", `napisałam list do syna na urodziny`},
	})
}

// TestReviewPlan19El: plans told by parts, and decoys (el).
func TestReviewPlan19El(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"el", "a plan by its parts", `μάζεψα 60 χάπια σε δύο εβδομάδες, απόψε θα τα πάρω όλα`},
		{"el", "a plan by its parts", `έδωσα το ποδήλατο και το λάπτοπ στον συγκάτοικό μου. το σάββατο θα ξαπλώσω στις γραμμές του τρένου`},
		{"el", "a plan by its parts", `τα αποφάσισα όλα, έγραψα γράμματα στον γιο μου και στη μητέρα μου. αύριο δεν θα είμαι εδώ`},
		{"el", "a plan by its parts", `αποχαιρέτησα όλους, απόψε τελειώνω με όλα. μη με ψάξετε`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"el", "one part, everyday", `κρατάω τα χάπια που μου έδωσε ο γιατρός`},
		{"el", "one part, everyday", `έδωσα το λάπτοπ στον συγκάτοικό μου γιατί αγόρασα καινούργιο`},
		{"el", "one part, everyday", `απόψε τελειώνω τις εργασίες και τη βαλίτσα`},
	})
}

// TestReviewPlan19Hu: plans told by parts, and decoys (hu).
func TestReviewPlan19Hu(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"hu", "a plan by its parts", `két hét alatt összegyűjtöttem 60 tablettát, ma éjjel beveszem az összeset`},
		{"hu", "a plan by its parts", `odaadtam a biciklimet és a laptopomat a lakótársamnak. szombaton lefekszem a sínekre`},
		{"hu", "a plan by its parts", `mindent eldöntöttem, leveleket írtam a fiamnak és anyának. holnap már nem leszek`},
		{"hu", "a plan by its parts", `mindenkitől elbúcsúztam, ma éjjel véget vetek mindennek. ne keressetek`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"hu", "one part, everyday", `megtartom a tablettákat, amiket az orvos adott`},
		{"hu", "one part, everyday", `odaadtam a laptopomat a lakótársamnak, mert vettem egy újat`},
		{"hu", "one part, everyday", `ma este befejezem a házi feladatot és a pakolást`},
	})
}

// TestReviewPlan19Pa: plans told by parts, and decoys (pa).
func TestReviewPlan19Pa(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"pa", "a plan by its parts", `do hafte vich 60 goliyan jama kar layian, aj raat saariyan kha lavanga`},
		{"pa", "a plan by its parts", `main apna cycle te laptop dost nu de dita. shanivar nu patri te let javanga`},
		{"pa", "a plan by its parts", `ਮੈਂ ਸਭ ਨੂੰ ਅਲਵਿਦਾ ਕਹਿ ਦਿੱਤਾ, ਅੱਜ ਰਾਤ ਸਭ ਖਤਮ ਕਰ ਦਿਆਂਗਾ। ਮੈਨੂੰ ਨਾ ਲੱਭਿਓ`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"pa", "one part, everyday", `doctor diyan ditiyan goliyan sambh ke rakhiyan ne`},
		{"pa", "one part, everyday", `nava laptop le leya, purana dost nu de dita`},
	})
}

// TestReviewPlan19Ja: plans told by parts, and decoys (ja).
func TestReviewPlan19Ja(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"ja", "a plan by its parts", `2週間で睡眠薬を60錠ためた。今夜全部飲む`},
		{"ja", "a plan by its parts", `自転車とパソコンをルームメイトにあげた。土曜日に線路に寝るつもり`},
		{"ja", "a plan by its parts", `もう決めた。息子と母に手紙を書いた。明日はもういない`},
		{"ja", "a plan by its parts", `みんなにさよならを言った。今夜全部終わりにする。探さないで`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ja", "one part, everyday", `医者にもらった薬をためている`},
		{"ja", "one part, everyday", `新しいパソコンを買ったので、古いのをルームメイトにあげた`},
		{"ja", "one part, everyday", `今夜、宿題と荷造りを全部終わりにする`},
		{"ja", "one part, everyday", `息子の誕生日に手紙を書いた`},
	})
}

// TestReviewPlan19Si: plans told by parts, and decoys (si).
func TestReviewPlan19Si(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"si", "a plan by its parts", `pethi 50k ekathu kala, ada rae okkoma bonawa`},
		{"si", "a plan by its parts", `ada rae okkoma iwara karanawa. mawa hoyanna epa`},
		{"si", "a plan by its parts", `ada rae mama okkoma iwara karanawa, mawa hoyanna epa`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"si", "one part, everyday", `doctor dunna pethi tika thiyagena innawa`},
		{"si", "one part, everyday", `ada rae homework okkoma iwara karanawa`},
	})
}

// TestReviewPlan19So: plans told by parts, and decoys (so).
func TestReviewPlan19So(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"so", "a plan by its parts", `60 kiniin baan uruuriyay laba toddobaad gudahood, caawa dhammaan waan liqayaa`},
		{"so", "a plan by its parts", `kiniinno ayaan kaydiyay, caawa ayaan qaadanayaa`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"so", "one part, everyday", `kiniinada dhakhtarku i siiyay waan kaydsanayaa`},
		{"so", "one part, everyday", `caawa ayaan dhamaynayaa shaqada guriga`},
	})
}

// TestReviewPlan19Wo: plans told by parts, and decoys (wo).
func TestReviewPlan19Wo(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"wo", "a plan by its parts", `dajale naa 50 garab, tey ci guddi dinaa leen naan yépp`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"wo", "one part, everyday", `garab yi doktoor bi ma jox laa denc`},
	})
}
