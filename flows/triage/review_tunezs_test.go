package triage

import "testing"

// Set z (round 12, tuneZS): the forms of its urgent misses in the spoken
// languages, said otherwise: farewells told by their parts in Arabizi, English,
// Latin Persian, Wolof and Latin Russian; self-harm again; a child taken abroad
// by a parent, gone with an adult met online, left alone, beaten, touched at
// night, climbing a balcony railing; a seizure and a stroke by their signs; an
// overdose; a drunk husband who smashed the face; papers kept with a threat; a
// cry with fear and someone outside. Each was not urgent at 3818010.
func TestTuneZSSpokenMisses(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{lang: "ar", msg: `wazza3t 7wayji kollon, el lela ra7 khalles kol shi`},
		{lang: "ar", msg: `lpatron 5da liya lpassport w 9al ila mchiti n3yet 3lik l bolis`},
		{lang: "en", msg: `sorted out who gets my stuff. pills saved up`},
		{lang: "en", msg: `mum's mouth is twisted and she can't lift her arm`},
		{lang: "fa", msg: `hame chizamo dadam be dustam. emshab ghorsa ro mikhoram`},
		{lang: "es", msg: `su padre se lo lleva a marruecos con el nene de 3 y dice que no lo ves mas`},
		{lang: "fr", msg: `ma fille de 13 ans est partie avec un adulte connue sur instagram`},
		{lang: "fr", msg: `mon mari a les yeux retournés et tremble par terre`},
		{lang: "ps", msg: `wror me bihosh de, dera goli khwarali`},
		{lang: "so", msg: `inanta 10 jir ah, ninka ayaa qolkeeda soo galo habeen walba`},
		{lang: "ro", msg: `le-au luat buletinele muncitorilor, seful ii ameninta`},
		{lang: "fil", msg: `tinago niya ang passport ko, sabi ipapadeport ako`},
		{lang: "ur", msg: `مالک نے کاغذات رکھے ہوئے ہیں، گرم استری سے ڈرایا`},
		{lang: "uk", msg: `dvoie ditei sami v kvartyri, mama ne vidpovidaie`},
		{lang: "uk", msg: `у тата обличчя опустилось, говорить незрозуміло`},
		{lang: "wo", msg: `dama nekk ni bor, tey ci guddi dinaa dem ca pont ba`},
		{lang: "zh", msg: `xiao haizi 2 sui, ta pa dao langan shang`},
		{lang: "am", msg: `yegorebete lijun yimetatal, lij 5 amet new`},
		{lang: "ti", msg: `wedi 4 amet nbuu alo, adeu aytemeletsen`},
		{lang: "ru", msg: `opyat rezhu sebe ruki`},
		{lang: "ru", msg: `razdala veshi, ya vsem meshayu`},
		{lang: "ru", msg: `муж разбил мне нос`},
		{lang: "pa", msg: `help karo, dar lagda, koi bahar khadi hai`},
	}
	for i := range cases {
		cases[i].why = "set z form"
	}
	wantUrgent(t, c, cases)
}

// Set z (round 12, tuneZS): decoys of the forms above, everyday messages with
// the same words: one part of a farewell alone, a parent taking the child to
// the park, a phone switched off, papers kept by an office, a burden of work.
func TestTuneZSDecoys(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{lang: "ar", msg: `wazza3t hwayjy 3al shabab la2an ana msafer`},
		{lang: "ar", msg: `el lela ra7 5alles el shoghl w bukra b3ref`},
		{lang: "en", msg: `tonight is the night, the final is on!`},
		{lang: "en", msg: `sorted out who gets my bike when I move to Milan`},
		{lang: "fa", msg: `emshab ghorsa ro mikhoram, doktor goft`},
		{lang: "es", msg: `mi ex se llevo a la nena al parque el domingo`},
		{lang: "fr", msg: `mon fils a connu un copain sur tiktok`},
		{lang: "fr", msg: `mon portable est éteint, rappelez-moi sur le fixe`},
		{lang: "fr", msg: `j'ai les yeux retournés de fatigue`},
		{lang: "ps", msg: `dera dawa khwarali, sa kawam?`},
		{lang: "ro", msg: `le-au luat buletinele la primarie pentru reinnoire`},
		{lang: "fil", msg: `tinago yung passport sa drawer, saan ang embassy?`},
		{lang: "ur", msg: `دفتر نے کاغذات رکھے ہیں تجدید کے لیے`},
		{lang: "wo", msg: `dama nekk ni bor ci sama njaboot ndax amuma liggeey`},
		{lang: "zh", msg: `haizi zai xuexiao, daren bu zai jia, wo zai gongzuo`},
		{lang: "ti", msg: `adeu aytemeletsen ab sira`},
		{lang: "ru", msg: `na rabote rezhu myaso, ruki ustali`},
	}
	for i := range cases {
		cases[i].why = "set z decoy"
	}
	wantNotUrgent(t, c, cases)
}

// Set z (round 12, tuneZS): its false alarms said otherwise: a nursing exam
// about bleeding, a school play with a stabbing, a nurse's or an ER worker's
// past work, a boy's video game, a guard's training against a knife, a
// stabbing in the neighbourhood's news, a school talk about domestic violence.
// Each was urgent at 3818010.
func TestTuneZSFalseAlarms(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{lang: "ar", msg: `ana badrus tamrid w 3andi imti7an 3an el nazif bukra`},
		{lang: "bn", msg: `amar meye school e natok korche, sekhane ekjon ke churi mare`},
		{lang: "fa", msg: `در بیمارستان با خونریزی سر و کار داشتم، حالا دنبال کارم`},
		{lang: "ro", msg: `baiatul meu le zice te omor la colegi in joc, ce fac?`},
		{lang: "so", msg: `hooyaday waa kalkaaliso, waxay aragtaa dhiig bax maalin kasta`},
		{lang: "uk", msg: `ya pratsiuvala medsestroiu, bachyla bahato krovi, shukaiu robotu`},
		{lang: "ur", msg: `training mein sikhaya chaku se kaise bachna hai`},
		{lang: "ur", msg: `خبر تھی کہ بازار میں ایک آدمی کو چاقو مارا گیا، کیا وہاں جانا ٹھیک ہے؟`},
		{lang: "zh", msg: `学校有防止家暴的讲座，要签同意书`},
	}
	for i := range cases {
		cases[i].why = "set z false alarm"
	}
	wantNotUrgent(t, c, cases)
}

// Set z (round 12, tuneZS): the calm and ignore lines above beside a danger
// told now, which they must not reach: the nurse beaten now, the child of the
// school play beaten at home, a knife now.
func TestTuneZSPresentDangers(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{lang: "ar", msg: `ana bdrus tamrid, bas hala2 jouzi drabni w rasi 3am yenzef`},
		{lang: "bn", msg: `amar meye school e natok korche. baba take roj mare, ekhon o marche`},
		{lang: "fa", msg: `من پرستار بودم، الان شوهرم منو کتک میزنه و خونریزی دارم`},
		{lang: "ro", msg: `vecinul le zice te omor copiilor mei si are un cutit acum`},
		{lang: "so", msg: `waxaan ahay kalkaaliso, hadda ninkayga ayaa i garaacay oo dhiig bax ayaan qabaa`},
		{lang: "uk", msg: `ya pratsiuvala medsestroiu. zaraz cholovik mene b'ye, bahato krovi`},
		{lang: "ur", msg: `training mein sikhaya tha, lekin abhi ek aadmi chaku le kar mere ghar mein ghusa hai`},
		{lang: "ur", msg: `خبر تھی کہ چاقو مارا گیا، اب وہ آدمی میرے دروازے پر چاقو لے کر کھڑا ہے`},
		{lang: "zh", msg: `学校有反霸凌讲座，我老公现在在打我`},
	}
	for i := range cases {
		cases[i].why = "set z present danger"
	}
	wantUrgent(t, c, cases)
}

// Set y (round 12, tuneZS): the forms of its remaining urgent misses in the
// spoken languages, said otherwise. Each was not urgent at 3818010.
func TestTuneZSSetYForms(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{lang: "am", msg: `ለቤተሰቤ ሸክም ሆኛለሁ። እናቴን ይቅርታ በሉልኝ`},
		{lang: "ar", msg: `ila ma rj3tch ghada, ghadi nmchi l pont`},
		{lang: "en", msg: `everything is for her, I have been a burden to everyone`},
		{lang: "es", msg: `al perro se lo dejo a mi vecina. no me van a tener que aguantar mas`},
		{lang: "fil", msg: `hiniwa ko yung braso ko kagabi`},
		{lang: "fr", msg: `j'ai compté mes cachets, je suis un poids pour tout le monde`},
		{lang: "it", msg: `il gatto lo prende mia sorella, non voglio piu essere un peso`},
		{lang: "ro", msg: `seful nu ne-a platit si ne tine in baraca`},
		{lang: "ru", msg: `brigadir zabiraet polovinu zarplaty i grozit`},
		{lang: "ti", msg: `passport wesidomna, ab hade bet iguwna`},
		{lang: "zh", msg: `wo tongshi hun guoqu le, huxi hen ruo`},
		{lang: "zh", msg: `我只是家里的负担，安眠药已经攒够了`},
	}
	for i := range cases {
		cases[i].why = "set y form"
	}
	wantUrgent(t, c, cases)
}

// Set y (round 12, tuneZS): decoys of the set y forms: one part alone, a
// phone switched off, a pet looked after for a holiday.
func TestTuneZSSetYDecoys(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{lang: "it", msg: `il cane lo prende mia cugina quando vado in ferie`},
		{lang: "es", msg: `al perro se lo dejo a mi vecina este finde, me voy a Roma`},
		{lang: "uk", msg: `мій син 15 років, телефон вимкнений, він на тренуванні`},
		{lang: "sq", msg: `djali im 10 vjec, telefoni i fikur, eshte ne shkolle`},
		{lang: "fr", msg: `je dois 200 euros au garage et aller sur la route demain pour Milan`},
		{lang: "ro", msg: `am lucrat cu ranga la santier, cum cer concediu?`},
	}
	for i := range cases {
		cases[i].why = "set y decoy"
	}
	wantNotUrgent(t, c, cases)
}
