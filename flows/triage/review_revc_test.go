package triage

import "testing"

// Review revc (round 9, tuneS9): the film/book/thesis/homework calms were
// raised to 1.5, and some are listed without the "about" that makes them a
// story's (Chinese 论文 "thesis", 小说 "novel", 一本书 "a book"; Turkish
// "tezimi" "my thesis"; Somali "waxaan daawaday film" "I watched a film").
// A present danger in the same clause then counts w/2.5 and is no longer
// urgent. People on a phone seldom put the comma that would cut the
// clause. Every case was urgent at a19803c.
func TestReviewRevcAboutCalmHidesPresentDanger(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"en", "'film about' 1.5 stacks on 'watched a film': a husband beating her every day", "I watched a film about it my husband hits me every day"},
		{"fr", "'un livre sur' 1.5: the boss took her passport and locks her in", "j'ai lu un livre sur ça mon patron a pris mon passeport et m'enferme"},
		{"zh", "bare 论文 (thesis) calms a rape by the thesis supervisor", "我的论文导师强奸了我"},
		{"zh", "bare 一本书 (a book): husband beats me every day", "我看了一本书 我丈夫每天打我"},
		{"zh", "bare 小说 (novel): he takes a knife to kill me", "我在看小说 他拿刀要杀我"},
		{"tr", "bare 'tezimi' (my thesis): passport taken, locked in", "tezimi yazamıyorum çünkü patronum pasaportumu aldı beni odaya kilitliyor"},
		{"tr", "'üzerine ödev': husband threatens with a knife", "üzerine ödev yapıyordum kocam beni bıçakla tehdit ediyor"},
		{"so", "'waxaan daawaday film' with no 'about': husband beats me every day", "waxaan daawaday film ninkeyga ayaa i garaacaya maalin walba"},
		{"ru", "'фильм про' 1.5: husband beats me every day", "я смотрела фильм про это муж бьёт меня каждый день"},
		{"ar", "'فيلم عن' 1.5: the boss took my passport and locks the door on me", "كنت أشوف فيلم عن الاتجار صاحب الشغل أخذ جوازي وقافل علي الباب"},
		{"it", "'ricerca sulla' (research on) 1.5: the boss took my passport and shuts me in", "stavo facendo una ricerca sulla scuola il mio capo mi ha preso il passaporto e mi chiude dentro"},
		{"fil", "'pelikula tungkol sa' 1.5: my husband beats me every day", "nanonood ako ng pelikula tungkol sa pamilya binubugbog ako ng asawa ko araw araw"},
		{"ur", "bare 'film dekhi' (watched a film) 1.5: my husband beats me every day", "film dekhi aur mera shohar mujhe roz marta hai"},
		{"pa", "bare 'film vekhi' (watched a film) 1.5: my husband beats me every day", "film vekhi mera pati mainu roz kutda hai"},
		{"bn", "bare 'সিনেমা দেখলাম' (watched a film) 1.5: my husband beats me every day", "আমি একটা সিনেমা দেখলাম আমার স্বামী আমাকে প্রতিদিন মারে"},
	})
}

// Review revc (round 9, tuneS9): two farewell parts of different signs make
// suicide, but several parts are everyday phrases: "écrit une lettre à"
// (any letter: to the préfecture, the head teacher), "sur le toit" (a
// roofer, a leak), "c'est pas sa faute" (a parent defending a child),
// "bought pills" / "compré pastillas" / "купила таблетки" (for a fever),
// "wrote a letter to my mum", "написала письмо", "mektup yazdım",
// "don't worry about me anymore" of a traveller. A school or permit
// question is then answered with a crisis line (and loses its area). None
// was urgent at a19803c.
func TestReviewRevcFarewellPartsEverydayFalseAlarm(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"fr", "@farewell 'c'est pas sa faute' + @giveaway 'écrit une lettre à': a parent contesting a school punishment", "Mon fils a été puni à l'école, c'est pas sa faute, j'ai écrit une lettre à la directrice. Comment contester?"},
		{"fr", "@giveaway 'écrit une lettre à' + @end 'sur le toit': a roofer writing to the préfecture", "J'ai écrit une lettre à la préfecture, je travaille sur le toit toute la journée, je ne peux pas y aller"},
		{"fr", "@end 'sur le toit' + @giveaway: a leak, the landlord on the roof", "Il y a une fuite d'eau, le propriétaire est sur le toit, j'ai écrit une lettre à l'agence"},
		{"it", "@giveaway 'lettera a mia madre' + @end 'comprato delle pillole': headache pills, looking for a pharmacy", "Ho scritto una lettera a mia madre e ho comprato delle pillole per il mal di testa, dove trovo una farmacia?"},
		{"en", "@giveaway 'gave my clothes to' + @burden: a traveller's goodbye", "I gave my clothes to Caritas before moving to Germany. Thank you for everything, don't worry about me anymore!"},
		{"en", "@end 'bought pills' + @giveaway 'wrote a letter to my mum': a fever and a letter home", "I bought pills for my son's fever and wrote a letter to my mum, how do I send a letter to Nigeria?"},
		{"es", "@end 'compre pastillas' + @giveaway 'le escribi una carta': a fever and a letter to school", "Compré pastillas para la fiebre de mi hijo y le escribí una carta al colegio, ¿cuándo es la reunión?"},
		{"ru", "@end 'купила таблетки' + @giveaway 'написала письмо': blood-pressure pills and a letter to the migration office", "Купила таблетки от давления маме и написала письмо в миграционную службу, когда ответят?"},
		{"uk", "@end 'купив таблетки' + @giveaway 'написав листа': pills for a son, a letter to school", "Купив таблетки для сина і написав листа в школу, коли збори?"},
		{"tr", "@giveaway 'mektup yazdım' + @end 'hap satın aldım': a letter to the migration office, pills from the pharmacy", "Dün mektup yazdım göç idaresine, bir de eczaneden hap satın aldım, randevu ne zaman?"},
		{"ar", "@end 'اشتريت حبوب' + @giveaway 'كتبت رسالة لأمي': headache pills, a letter to mother in Sudan", "اشتريت حبوب للصداع وكتبت رسالة لأمي، كيف أرسلها للسودان؟"},
		{"el", "@giveaway 'άφησα γράμμα' + @farewell 'ευχαριστώ για όλα': a letter left at the office for a permit, thanks", "Άφησα γράμμα στη γραμματεία για την άδεια διαμονής. Ευχαριστώ για όλα!"},
		{"el", "@farewell 'πείτε στη μαμά μου' + @end 'είμαι στην ταράτσα': hanging laundry on the roof terrace", "Πείτε στη μαμά μου ότι είμαι στην ταράτσα και απλώνω τα ρούχα"},
		{"bg", "@giveaway 'оставих писмо' + @farewell 'благодаря ви за всичко': a letter left at the town hall, thanks", "Оставих писмо в общината за разрешителното. Благодаря ви за всичко!"},
		{"ro", "@end 'am cumparat pastile' + @giveaway 'am scris o scrisoare': fever pills, a letter to school", "Am cumpărat pastile pentru febra copilului și am scris o scrisoare la școală, când e ședința?"},
		{"ro", "@giveaway 'am dat hainele' + @end 'am cumparat pastile': clothes to Caritas, cough pills", "Ieri am dat hainele copiilor la Caritas si am cumparat pastile de tuse, multumesc"},
		{"sr", "@giveaway 'ostavio sam pismo' + @farewell 'kažite mami': a letter at the office, tell mum to come tomorrow", "Ostavio sam pismo u opštini za boravišnu dozvolu. Kažite mami da dođe sutra"},
		{"hu", "@giveaway 'levelet írtam anyának' + @farewell 'köszönök mindent': a letter home, a sign-off", "Levelet írtam anyának Romániába. Köszönök mindent, viszlát!"},
		{"lt", "@giveaway 'parašiau laišką mamai' + @farewell 'ačiū už viską': a letter home, a sign-off", "Parašiau laišką mamai į Lietuvą. Ačiū už viską!"},
	})
}

// Review revc (round 9, tuneS9): "alquiler me va a matar" / "renta me va a
// matar" is an ignore line, but Spanish drops the subject: "si no pago el
// alquiler me va a matar" is the landlord's threat, the words of the idiom
// side by side. The ignore hides the threat inside it and the message is
// read as a rent question. Both were urgent (violence) at a19803c.
func TestReviewRevcRentIgnoreSwallowsLandlordThreat(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"es", "pro-drop: 'if I don't pay the rent he will kill me', the landlord named after", "Si no pago el alquiler me va a matar, eso me dijo el casero anoche"},
		{"es", "pro-drop with 'renta', the owner as subject after the verb", "Si no pago la renta me va a matar el dueño, tengo miedo"},
	})
}

// Review revc (round 9, tuneU9): lt.tsv lists "sala" and "salta" (Lithuanian
// "freezes", "cold" without their letters) as @cold, and lt.tsv's lines are
// matched in every language. "sala" is a room in Spanish, Italian and
// Portuguese ("sala de juegos", "sala d'attesa") and "salta" is "jumps":
// with a child (@minor) and "en la calle" (@outside) the rule
// "@minor @outside @cold" makes child 2. Not urgent at a19803c.
func TestReviewRevcLithuanianColdWordInOtherLanguages(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"es", "'sala' (room) read as Lithuanian @cold: a child playing in the street asks for a playroom", "Mi hija de 5 años juega en la calle con sus amigos, ¿hay una sala de juegos gratis en el barrio?"},
	})
}

// Review revc (round 9, tuneU9): foldGreek drops accents but keeps the final
// sigma ς apart from σ. Capitals lower-case to σ only, so a phrase listed
// with a final ς ("πόνος στο στήθος", chest pain; "μόνη της στο σπίτι", a
// girl alone at home) is not found in a message typed in capitals, as a
// frightened person often types. Not a regression (a19803c kept Greek
// letters as they were, with the same miss), but the new fold is where ς
// should become σ.
func TestReviewRevcGreekCapitalsFinalSigma(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []struct{ lang, why, msg, want string }{
		{"el", "chest pain in capitals: ΠΟΝΟΣ ends in Σ, lower-cased σ, listed ς", "ΠΟΝΟΣ ΣΤΟ ΣΤΗΘΟΣ", "medical"},
	} {
		if r := c.Classify(tc.msg); r.Urgent != tc.want {
			t.Errorf("%s (%s): %q: urgent %q, want %s", tc.lang, tc.why, tc.msg, r.Urgent, tc.want)
		}
	}
}
