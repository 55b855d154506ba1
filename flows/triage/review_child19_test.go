package triage

import "testing"

// child19 (issue 12, the urgent route): a child in danger told by someone else (a teacher, a
// neighbour, a nanny, a parent) with concrete marks: belt marks, cigarette burns, a hot spoon,
// alone for days, locked in the bathroom, thrown out at night in the cold, in the car of a man
// who offered a modelling job, made to work in the fields. Each must be read by the lists alone
// as a child in danger (the net is a bonus). The decoys use the same words in an ordinary
// meaning (a fall from a bike and fine, a vaccination mark, a short errand, a school
// registration, a course with her mother, a hot spoon at dinner) and stay calm; where the net
// alone (not the lists) makes a decoy urgent, that decoy is checked on the lists only
// (wantListsNotUrgent): the net is not retrained here.

// wantListsChild fails for each case the lists do not read as a child in danger.
func wantListsChild(t *testing.T, c *Classifier, cases []reviewCase) {
	t.Helper()
	for _, tc := range cases {
		if r := c.Classify(tc.msg); r.Urgent != "child" || r.Net > 0 {
			t.Errorf("%s (%s): %q: urgent %q (net %.3f), want a child in danger the lists read", tc.lang, tc.why, tc.msg, r.Urgent, r.Net)
		}
	}
}

// wantListsNotUrgent fails for each case the lists (not the net) read as a danger.
func wantListsNotUrgent(t *testing.T, c *Classifier, cases []reviewCase) {
	t.Helper()
	for _, tc := range cases {
		if r := c.Classify(tc.msg); r.Urgent != "" && r.Net == 0 {
			t.Errorf("%s (%s): %q: urgent %s by the lists, want none", tc.lang, tc.why, tc.msg, r.Urgent)
		}
	}
}

// TestChild19Ar: Arabic.
func TestChild19Ar(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"ar", "teacher: pupil of 7, belt marks, afraid to go home", `معلمة: تلميذ عمره 7 سنوات جاء المدرسة وعلى ظهره آثار حزام ويقول إنه خائف يرجع للبيت`},
		{"ar", "neighbour: boy of 4 alone in the flat two days, crying", `ابن الجيران عمره 4 سنين لوحده في الشقة من يومين، أسمعه يبكي من ورا الحيط`},
		{"ar", "nanny: the father hit the boy and locked him in the bathroom", `أنا مربية، الأب ضرب الولد ابن 4 سنين الآن وقفل عليه باب الحمام`},
		{"ar", "daughter of 15 in a stranger's car, scared", `بنتي عمرها 15 سنة، رجل عرض عليها شغل عارضة أزياء، هي الآن في سيارته وآخر رسالة منها ماما أنا خايفة`},
		{"ar", "burnt with a hot spoon", `جارتنا تحرق بنتها الصغيرة بملعقة سخنة، شفت الحروق على إيدها`},
		{"ar", "thrown out at 11 pm in the cold", `أمه طردته من البيت الساعة 11 بالليل والجو برد جدا، عمره 9 سنين`},
		{"ar", "boy of 5 on the cold balcony", `الولد عمره 5 سنين مرة ثانية لوحده في البلكونة بالبرد، أهله سكرانين وما بيفتحوا الباب`},
		{"ar", "girl locked in her room all day, no food", `البنت اللي بربيها مقفول عليها في غرفتها طول اليوم بدون أكل`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ar", "fell from the bike yesterday, fine", `ابني وقع من الدراجة أمس وهو بخير الحمد لله`},
		{"ar", "vaccination mark", `ابني عنده أثر التطعيم على ذراعه، هل هذا طبيعي؟`},
		{"ar", "15 going to a modelling course with her mother", `بنتي عمرها 15 سنة رايحة دورة عارضات أزياء مع أمها، كيف نسجل؟`},
		{"ar", "son in his new car, cold weather", `ابني عمره 20 وصل في سيارته الجديدة، والجو برد جدا اليوم`},
		{"ar", "a hot spoon, the child's mouth", `ابني عمره 3 سنين، هل الملعقة السخنة تحرق فمه؟`},
	})
}

// TestChild19En: English.
func TestChild19En(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"en", "teacher: pupil of 7, belt marks, afraid to go home", `I'm a teacher, a pupil of 7 came in today with belt marks on his back and says he's scared to go home`},
		{"en", "cigarette burns, dad does it when he drinks", `one of my students has cigarette burns on his arm, he says his dad does it when he drinks`},
		{"en", "neighbour: boy of 5 alone on the balcony in the cold", `the boy next door (5) is out on the cold balcony again, the parents are drunk and won't open the door`},
		{"en", "child locked in her room all day, no food", `the little girl I babysit is locked in her room all day with no food`},
		{"en", "8-year-old made to work in the fields, hand burnt", `an 8 year old boy is made to work in the fields every day, today his hand is burnt`},
		{"en", "thrown out at 11 pm", `her mother threw the boy out at 11 pm, he's 10 and it's freezing`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"en", "fell from the bike, fine", `my son fell off his bike yesterday but he's fine`},
		{"en", "home alone 10 minutes", `can I leave my 9 year old home alone for 10 minutes while I shop?`},
		{"en", "modelling course with her mother", `my 15 year old daughter is going to a modelling course with her mother, how do I pay?`},
		{"en", "daughter threw her old toys out, freezing flat", `my daughter threw her old toys out, can I give them away? it's freezing in the flat, the heating is broken`},
		{"en", "a hot spoon to feed the baby", `is a hot spoon safe to feed my baby his soup?`},
	})
}

// TestChild19Es: Spanish.
func TestChild19Es(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"es", "teacher: belt marks, afraid to go home", `soy maestra, un alumno de 7 años llegó con marcas de cinturón en la espalda y dice que tiene miedo de volver a casa`},
		{"es", "neighbour: boy of 4 alone two days", `el niño de los vecinos, de 4 años, lleva dos días solo en el piso, lo oigo llorar a través de la pared`},
		{"es", "nanny: father hit the boy, locked in bathroom", `soy niñera, el padre acaba de pegar al niño de 4 años y lo encerró en el baño`},
		{"es", "daughter 15 in a man's car, scared", `un hombre le ofreció a mi hija de 15 años un trabajo de modelo, ahora está en su coche, su último mensaje: mamá tengo miedo`},
		{"es", "burnt with a hot spoon", `la vecina quema a su niña con una cuchara caliente, vi las quemaduras`},
		{"es", "thrown out at night in the cold", `su madre lo echó de casa a las 11 de la noche, tiene 8 años y hace mucho frío`},
		{"es", "boy of 5 alone on the cold balcony, parents drunk", `el niño de 5 años otra vez solo en el balcón con frío, los padres borrachos no abren la puerta`},
		{"es", "girl locked in her room all day, no food", `la niña que cuido está encerrada en su cuarto todo el día sin comer`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"es", "vaccination mark", `a mi hija le quedó una marca de la vacuna en el brazo, ¿es normal?`},
		{"es", "teacher asks about registration", `soy maestra, ¿cómo inscribo a un alumno nuevo de 7 años en la escuela?`},
		{"es", "a man offered my daughter a course with her mother", `un señor le ofreció a mi hija de 15 años un curso de modelo con su madre, ¿es serio?`},
		{"es", "a hot spoon and the baby's soup", `¿una cuchara caliente puede quemar a mi bebé al darle sopa?`},
		{"es", "son plays on the balcony, cold: a heater", `mi hijo de 5 años juega en el balcón y hace frío, ¿dónde compro una estufa?`},
	})
	// The net alone makes these urgent (it is not retrained here); the lists must not.
	wantListsNotUrgent(t, c, []reviewCase{
		{"es", "fell from the bike, fine", `mi hijo se cayó de la bici ayer y está bien`},
	})
}

// TestChild19Fr: French.
func TestChild19Fr(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"fr", "teacher: belt marks, afraid to go home", `je suis enseignante, un élève de 7 ans est arrivé avec des marques de ceinture dans le dos et dit qu'il a peur de rentrer chez lui`},
		{"fr", "cigarette burns, dad when drunk", `un élève a des brûlures de cigarette sur le bras, il dit que son père fait ça quand il boit`},
		{"fr", "neighbour: child alone two days", `le petit du voisin, 4 ans, est seul dans l'appartement depuis deux jours, je l'entends pleurer à travers le mur`},
		{"fr", "girl locked in her room all day, no food", `la fillette que je garde est enfermée dans sa chambre toute la journée sans manger`},
		{"fr", "thrown out at night in the cold", `sa mère l'a mis dehors à 23h, il a 9 ans et il fait très froid`},
		{"fr", "daughter 15 in a man's car, scared", `un homme a proposé à ma fille de 15 ans un travail de mannequin, elle est dans sa voiture maintenant, son dernier message: maman j'ai peur`},
		{"fr", "burnt with a hot spoon", `la voisine brûle sa fille avec une cuillère chaude, j'ai vu les brûlures`},
		{"fr", "made to work in the fields, hand burnt", `un garçon de 8 ans est obligé de travailler dans les champs tous les jours, aujourd'hui sa main est brûlée`},
		{"fr", "boy of 5 on the cold balcony, parents drunk", `le garçon de 5 ans est encore seul sur le balcon dans le froid, les parents sont ivres et n'ouvrent pas`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"fr", "fell from the bike, fine", `mon fils est tombé de vélo hier, il va bien`},
		{"fr", "vaccination mark", `ma fille a une marque du vaccin sur le bras, c'est normal ?`},
		{"fr", "home alone 10 minutes", `je laisse mon fils de 10 ans seul à la maison 10 minutes pendant que je fais les courses, c'est permis ?`},
		{"fr", "modelling course with her mother by car", `ma fille de 15 ans va au cours de mannequin avec sa mère dans sa voiture, c'est combien ?`},
		{"fr", "burnt himself on a hot spoon", `mon fils s'est brûlé avec la cuillère chaude, quelle crème mettre ?`},
	})
}

// TestChild19It: Italian.
func TestChild19It(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"it", "teacher: belt marks, afraid to go home", `sono una maestra, un alunno di 7 anni è arrivato con segni di cintura sulla schiena e dice che ha paura di tornare a casa`},
		{"it", "neighbour: child alone two days", `il bambino dei vicini, 4 anni, è solo in casa da due giorni, lo sento piangere dal muro`},
		{"it", "nanny: father hit the boy and locked him in the bathroom", `faccio la babysitter, il padre ha appena picchiato il bambino di 4 anni e l'ha chiuso in bagno`},
		{"it", "cigarette burns", `un mio alunno ha bruciature di sigaretta sul braccio, dice che è il papà quando beve`},
		{"it", "thrown out at night, cold", `la madre l'ha buttato fuori di casa alle 23, ha 9 anni e fa freddissimo`},
		{"it", "boy of 5 on the cold balcony", `il bambino di 5 anni è di nuovo solo sul balcone al freddo, i genitori ubriachi non aprono la porta`},
		{"it", "girl locked in her room all day, no food", `la bambina che accudisco è chiusa in camera tutto il giorno senza mangiare`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"it", "vaccination mark", `mia figlia ha il segno del vaccino sul braccio, è normale?`},
		{"it", "modelling course with her mother", `mia figlia di 15 anni va a un corso di modella con sua madre, come si paga?`},
		{"it", "tea spoon hot, baby: medicine dose", `quanto sciroppo do al bambino di 2 anni, un cucchiaino? fa freddissimo e ha la tosse`},
	})
	// The net alone makes these urgent (it is not retrained here); the lists must not.
	wantListsNotUrgent(t, c, []reviewCase{
		{"it", "fell from the bike, fine", `mio figlio è caduto dalla bici ieri ma sta bene`},
	})
}

// TestChild19Ru: Russian.
func TestChild19Ru(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"ru", "teacher: belt marks, afraid to go home", `я учительница, ученик 7 лет пришёл со следами ремня на спине и говорит, что боится идти домой`},
		{"ru", "neighbour: child alone two days", `соседский ребёнок 4 лет уже два дня один в квартире, слышу через стену как он плачет`},
		{"ru", "nanny: father hit the boy, locked in bathroom", `я няня, отец только что ударил мальчика 4 лет и запер его в ванной`},
		{"ru", "cigarette burns, dad drinks", `у ученика ожоги от сигарет на руке, говорит, что папа так делает, когда пьёт`},
		{"ru", "thrown out at night in the cold", `мать выгнала его из дома в 11 ночи, ему 9 лет, на улице мороз`},
		{"ru", "daughter 15 in a man's car", `мужчина предложил моей дочери 15 лет работу моделью, она сейчас в его машине, последнее сообщение мама мне страшно`},
		{"ru", "boy of 5 on the cold balcony", `мальчик 5 лет опять один на холодном балконе, родители пьяные, не открывают дверь`},
		{"ru", "girl locked in her room all day, no food", `девочку, за которой я смотрю, весь день держат запертой в комнате без еды`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ru", "fell from the bike, fine", `сын вчера упал с велосипеда, всё хорошо`},
		{"ru", "vaccination mark", `у дочки след от прививки на плече, это нормально?`},
		{"ru", "home alone 10 minutes", `можно оставить сына 10 лет одного дома на 10 минут, пока я в магазин?`},
		{"ru", "I threw my husband out, son 5, frost: where to live", `я выгнала его из дома, муж пил, сын 5 лет со мной у мамы, на улице мороз, как подать на алименты?`},
		{"ru", "the balcony is cold, the child's room", `у нас холодный балкон, сыну 5 лет, можно ли утеплить балкон за счёт соцслужбы?`},
	})
}

// TestChild19Uk: Ukrainian.
func TestChild19Uk(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"uk", "teacher: belt marks, afraid to go home", `я вчителька, учень 7 років прийшов зі слідами ременя на спині і каже, що боїться йти додому`},
		{"uk", "neighbour: child alone two days", `сусідська дитина 4 років вже два дні сама в квартирі, чую через стіну як плаче`},
		{"uk", "nanny: father hit the boy, locked in bathroom", `я няня, батько щойно вдарив хлопчика 4 років і замкнув його у ванній`},
		{"uk", "cigarette burns, dad drinks", `в учня опіки від цигарок на руці, каже що тато так робить коли п'є`},
		{"uk", "thrown out at night, frost", `мати вигнала сина з дому об 11 ночі, йому 9 років, на вулиці мороз`},
		{"uk", "girl locked in her room all day, no food", `дівчинку, яку я доглядаю, цілий день тримають замкненою в кімнаті без їжі`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"uk", "fell from the bike, fine", `син вчора впав з велосипеда, все добре`},
		{"uk", "vaccination mark", `у доньки слід від щеплення на плечі, це нормально?`},
		{"uk", "teacher asks about registration", `я вчителька, як записати нового учня 7 років до школи?`},
	})
}

// TestChild19Tr: Turkish.
func TestChild19Tr(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"tr", "teacher: belt marks, afraid to go home", `öğretmenim, 7 yaşındaki öğrencimin sırtında kemer izleri var, eve gitmekten korktuğunu söylüyor`},
		{"tr", "neighbour: child alone two days", `komşunun 4 yaşındaki oğlu iki gündür evde yalnız, duvardan ağladığını duyuyorum`},
		{"tr", "nanny: father hit the boy, locked in bathroom", `bakıcıyım, baba 4 yaşındaki çocuğa az önce vurdu ve onu banyoya kilitledi`},
		{"tr", "cigarette burns", `öğrencimin kolunda sigara yanıkları var, babası içince yapıyormuş`},
		{"tr", "thrown out at night, cold", `annesi onu gece 11de evden kovdu, 9 yaşında, dışarısı çok soğuk`},
		{"tr", "daughter 15 in a man's car", `bir adam 15 yaşındaki kızıma modellik işi teklif etti, şimdi onun arabasında, son mesajı anne korkuyorum`},
		{"tr", "boy of 5 on the cold balcony", `5 yaşındaki çocuk yine soğukta balkonda tek başına, anne babası sarhoş, kapıyı açmıyorlar`},
		{"tr", "girl locked in her room all day, no food", `baktığım kız bütün gün odasına kilitli, yemek verilmiyor`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"tr", "fell from the bike, fine", `oğlum dün bisikletten düştü ama iyi`},
		{"tr", "vaccination mark", `kızımın kolunda aşı izi var, normal mi?`},
		{"tr", "modelling course with her mother", `15 yaşındaki kızım annesiyle modellik kursuna gidiyor, ücreti ne kadar?`},
		{"tr", "a meeting with my pupil's parents", `öğrencimin velisiyle görüşmem lazım, 7 yaşında, okul kaydı nasıl yapılır?`},
		{"tr", "cold weather, a coat for the child", `soğukta 5 yaşındaki çocuğuma mont lazım, yardım nereden alınır?`},
	})
}

// TestChild19Fa: Persian.
func TestChild19Fa(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"fa", "teacher: belt marks, afraid to go home", `معلم هستم، یک دانش آموز 7 ساله با جای کمربند روی پشتش آمده و می گوید می ترسد به خانه برود`},
		{"fa", "neighbour: child alone two days", `بچه همسایه 4 ساله دو روز است تنها در خانه است، صدای گریه اش را از پشت دیوار می شنوم`},
		{"fa", "nanny: father hit the boy, locked in bathroom", `پرستار بچه هستم، پدر همین الان پسر 4 ساله را زد و در حمام حبسش کرد`},
		{"fa", "burnt with a hot spoon", `مادرش با قاشق داغ دست دخترش را می سوزاند`},
		{"fa", "thrown out at night, cold", `مادرش ساعت 11 شب او را از خانه بیرون کرد، 9 سالش است و هوا خیلی سرد است`},
		{"fa", "girl locked in her room all day, no food", `دختری که ازش نگهداری می کنم تمام روز در اتاقش زندانی است و غذا ندارد`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"fa", "fell from the bike, fine", `پسرم دیروز از دوچرخه افتاد ولی حالش خوب است`},
		{"fa", "vaccination mark", `جای واکسن روی بازوی دخترم مانده، طبیعی است؟`},
		{"fa", "teacher asks about registration", `معلم هستم، چطور یک دانش آموز جدید 7 ساله را در مدرسه ثبت نام کنم؟`},
		{"fa", "a hot spoon and the child's soup", `سوپ داغ است، با قاشق داغ به بچه غذا بدهم؟`},
		{"fa", "all day at school, lunch", `دخترم 8 ساله است و تمام روز در مدرسه است، ناهار مدرسه چطور ثبت نام می شود؟`},
	})
}

// TestChild19Ur: Urdu.
func TestChild19Ur(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"ur", "teacher: belt marks, afraid to go home", `میں ٹیچر ہوں، 7 سال کا بچہ کمر پر بیلٹ کے نشان لے کر آیا اور کہتا ہے گھر جانے سے ڈرتا ہے`},
		{"ur", "neighbour: child alone two days", `پڑوسیوں کا 4 سال کا بچہ دو دن سے گھر میں اکیلا ہے، دیوار سے رونے کی آواز آتی ہے`},
		{"ur", "nanny: father hit and locked in bathroom (Roman)", `main aaya hoon, baap ne abhi 4 saal ke bache ko mara aur bathroom mein band kar diya`},
		{"ur", "child labour, hand burnt", `8 saal ka bacha roz kheton mein kaam karwate hain, aaj uska haath jal gaya`},
		{"ur", "thrown out at night, cold", `maa ne usay raat 11 baje ghar se nikal diya, 9 saal ka hai aur bohat sardi hai`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ur", "fell from the bike, fine", `mera beta kal cycle se gir gaya tha lekin theek hai`},
		{"ur", "vaccination mark", `beti ke bazu par teekay ka nishan hai, kya ye normal hai?`},
	})
	// The net alone makes these urgent (it is not retrained here); the lists must not.
	wantListsNotUrgent(t, c, []reviewCase{
		{"ur", "home alone 10 minutes", `kya main 10 saal ke bete ko 10 minute ghar akela chor sakti hoon jab tak dukaan jaun?`},
	})
}

// TestChild19Bn: Bengali.
func TestChild19Bn(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"bn", "teacher: belt marks, afraid to go home", `আমি শিক্ষক, ৭ বছরের এক ছাত্র পিঠে বেল্টের দাগ নিয়ে এসেছে, বলছে বাড়ি যেতে ভয় পায়`},
		{"bn", "neighbour: child alone two days", `পাশের বাসার ৪ বছরের বাচ্চা দুই দিন ধরে ঘরে একা, দেয়ালের ওপাশ থেকে কান্না শুনি`},
		{"bn", "nanny: father hit and locked in bathroom", `আমি আয়া, বাবা এইমাত্র ৪ বছরের ছেলেটাকে মেরে বাথরুমে আটকে রেখেছে`},
		{"bn", "burnt with a hot spoon", `মা গরম চামচ দিয়ে মেয়েটার হাত পুড়িয়ে দেয়`},
		{"bn", "thrown out at night, cold", `মা ওকে রাত ১১টায় বাড়ি থেকে বের করে দিয়েছে, ওর বয়স ৯, খুব ঠান্ডা`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"bn", "fell from the bike, fine", `আমার ছেলে কাল সাইকেল থেকে পড়ে গিয়েছিল, এখন ভালো আছে`},
		{"bn", "vaccination mark", `মেয়ের হাতে টিকার দাগ, এটা কি স্বাভাবিক?`},
		{"bn", "teacher asks about registration", `আমি শিক্ষক, ৭ বছরের নতুন ছাত্রকে স্কুলে কিভাবে ভর্তি করব?`},
		{"bn", "alone at home to study", `আমার ছেলে ঘরে একা পড়াশোনা করে, ভালো টিউটর কোথায় পাব?`},
	})
}

// TestChild19Zh: Chinese.
func TestChild19Zh(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"zh", "teacher: belt marks, afraid to go home", `我是老师，一个7岁的学生背上有皮带印，他说不敢回家`},
		{"zh", "neighbour: child alone two days", `邻居家4岁的孩子一个人在家两天了，隔着墙听到他在哭`},
		{"zh", "nanny: father hit the boy and locked him in the bathroom", `我是保姆，爸爸刚才打了4岁的孩子，把他锁在浴室里`},
		{"zh", "cigarette burns, dad drinks", `学生胳膊上有烟头烫伤，他说爸爸喝酒后就这样`},
		{"zh", "thrown out at night, cold", `他妈妈晚上11点把他赶出家门，他才9岁，外面很冷`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"zh", "fell from the bike, fine", `我儿子昨天从自行车上摔下来了，没事`},
		{"zh", "vaccination mark", `女儿胳膊上有疫苗的印，正常吗？`},
		{"zh", "modelling course with her mother", `我15岁的女儿和妈妈一起去上模特课，怎么报名？`},
	})
}

// TestChild19Ro: Romanian.
func TestChild19Ro(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"ro", "teacher: belt marks, afraid to go home", `sunt învățătoare, un elev de 7 ani a venit cu urme de curea pe spate și zice că îi e frică să meargă acasă`},
		{"ro", "neighbour: child alone two days", `copilul vecinilor, de 4 ani, e singur în apartament de două zile, îl aud plângând prin perete`},
		{"ro", "nanny: father hit the boy, locked in bathroom", `sunt bonă, tatăl tocmai l-a bătut pe băiatul de 4 ani și l-a încuiat în baie`},
		{"ro", "cigarette burns, dad drinks", `un elev are arsuri de țigară pe braț, zice că tatăl lui face asta când bea`},
		{"ro", "thrown out at night, cold", `mama lui l-a dat afară din casă la 11 noaptea, are 9 ani și e foarte frig`},
		{"ro", "daughter 15 in a man's car, scared", `un bărbat i-a oferit fiicei mele de 15 ani o slujbă de model, acum e în mașina lui, ultimul mesaj: mamă mi-e frică`},
		{"ro", "boy of 8 made to work in the fields, hand burnt", `un băiat de 8 ani e obligat să muncească la câmp în fiecare zi, azi are mâna arsă`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ro", "fell from the bike, fine", `fiul meu a căzut ieri de pe bicicletă, dar e bine`},
		{"ro", "vaccination mark", `fetița are o urmă de la vaccin pe braț, e normal?`},
		{"ro", "modelling course with her mother", `fiica mea de 15 ani merge la un curs de modeling cu mama ei, cât costă?`},
		{"ro", "a job for my son, in his car", `fiul meu de 17 ani vrea să muncească vara, un vecin îl duce în mașina lui la fermă, are nevoie de acte?`},
	})
}

// TestChild19Sq: Albanian.
func TestChild19Sq(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"sq", "teacher: belt marks, afraid to go home", `jam mësuese, një nxënës 7 vjeç erdhi me shenja rripi në shpinë dhe thotë se ka frikë të shkojë në shtëpi`},
		{"sq", "neighbour: child alone two days", `djali i fqinjëve, 4 vjeç, është vetëm në apartament prej dy ditësh, e dëgjoj të qajë nga muri`},
		{"sq", "nanny: father hit the boy, locked in bathroom", `jam dado, babai sapo e rrahu djalin 4 vjeç dhe e mbylli në banjë`},
		{"sq", "cigarette burns, dad drinks", `një nxënës ka djegie cigareje në krah, thotë se babai ia bën kur pi`},
		{"sq", "thrown out at night, cold", `e ëma e nxori nga shtëpia në 11 të natës, është 9 vjeç dhe bën shumë ftohtë`},
		{"sq", "daughter 15 in a man's car, scared", `një burrë i ofroi vajzës sime 15 vjeç punë si modele, tani është në makinën e tij, mesazhi i fundit: mami kam frikë`},
		{"sq", "burnt with a hot spoon", `fqinja e djeg vajzën e vogël me lugë të nxehtë, i kam parë plagët`},
		{"sq", "boy of 8 made to work in the fields", `një djalë 8 vjeç e detyrojnë të punojë në fushë çdo ditë, sot i është djegur dora`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"sq", "fell from the bike, fine", `djali im ra nga biçikleta dje por është mirë`},
		{"sq", "vaccination mark", `vajza ka një shenjë nga vaksina në krah, a është normale?`},
		{"sq", "home alone 10 minutes", `a mund ta lë djalin 10 vjeç vetëm në shtëpi për 10 minuta sa shkoj në dyqan?`},
		{"sq", "soup with a hot spoon", `a mund t'i jap supë vajzës 2 vjeç me lugë të nxehtë?`},
	})
}

// TestChild19Tl: Filipino (Tagalog).
func TestChild19Tl(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"tl", "teacher: belt marks, afraid to go home", `guro po ako, may estudyante akong 7 taong gulang na may marka ng sinturon sa likod at takot daw umuwi`},
		{"tl", "neighbour: child alone two days", `yung anak ng kapitbahay, 4 taong gulang, dalawang araw nang mag-isa sa bahay, naririnig ko siyang umiiyak`},
		{"tl", "nanny: father hit the boy, locked in bathroom", `yaya ako, kakapalo lang ng tatay sa batang 4 taong gulang at ikinulong siya sa banyo`},
		{"tl", "cigarette burns, dad drinks", `may paso ng sigarilyo sa braso ang estudyante ko, sabi niya ginagawa ito ng tatay niya kapag lasing`},
		{"tl", "thrown out at night, cold", `pinalayas siya ng nanay niya sa bahay ng alas 11 ng gabi, 9 taong gulang lang at sobrang lamig`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"tl", "fell from the bike, fine", `nahulog ang anak ko sa bisikleta kahapon pero okay na siya`},
		{"tl", "vaccination mark", `may marka ng bakuna sa braso ng anak ko, normal ba?`},
		{"tl", "teacher asks about registration", `guro po ako, paano i-enroll ang bagong estudyante na 7 taong gulang?`},
		{"tl", "my son locked himself in the bathroom to play", `ikinulong ng anak ko ang sarili niya sa banyo para maglaro ng cellphone, paano ko siya kakausapin?`},
		{"tl", "a belt for the school uniform", `saan makakabili ng sinturon para sa uniporme ng anak ko?`},
	})
}

// TestChild19Pa: Punjabi.
func TestChild19Pa(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"pa", "teacher: belt marks, afraid to go home (Roman)", `main teacher haan, 7 saal da bacha pith te belt de nishan lai ke aaya, kehnda ghar jaan ton darda`},
		{"pa", "neighbour: child alone two days", `ਗੁਆਂਢੀਆਂ ਦਾ 4 ਸਾਲ ਦਾ ਬੱਚਾ ਦੋ ਦਿਨਾਂ ਤੋਂ ਘਰ ਵਿੱਚ ਇਕੱਲਾ ਹੈ, ਕੰਧ ਵਿੱਚੋਂ ਰੋਣ ਦੀ ਆਵਾਜ਼ ਆਉਂਦੀ ਹੈ`},
		{"pa", "nanny: father hit and locked in bathroom", `ਮੈਂ ਬੱਚੇ ਦੀ ਦੇਖਭਾਲ ਕਰਦੀ ਹਾਂ, ਪਿਓ ਨੇ ਹੁਣੇ 4 ਸਾਲ ਦੇ ਬੱਚੇ ਨੂੰ ਮਾਰਿਆ ਅਤੇ ਬਾਥਰੂਮ ਵਿੱਚ ਬੰਦ ਕਰ ਦਿੱਤਾ`},
		{"pa", "thrown out at night, cold (Roman)", `maa ne ohnu raat 11 vaje ghar ton kadh ditta, 9 saal da hai te bahut thand hai`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"pa", "fell from the bike, fine", `mera munda kal cycle ton dig gaya si par hun theek hai`},
		{"pa", "vaccination mark", `ਕੁੜੀ ਦੀ ਬਾਂਹ ਤੇ ਟੀਕੇ ਦਾ ਨਿਸ਼ਾਨ ਹੈ, ਕੀ ਇਹ ਠੀਕ ਹੈ?`},
		{"pa", "home alone 10 minutes", `ki main 10 saal de munde nu 10 minute ghar kalla chad sakdi haan jado dukaan jaan?`},
		{"pa", "the bathroom door is stuck (Roman)", `mera munda 6 saal da bathroom vich hai, darwaza kharab hai, plumber kithe milega?`},
	})
}

// TestChild19So: Somali.
func TestChild19So(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"so", "teacher: belt marks, afraid to go home", `waxaan ahay macallimad, arday 7 jir ah ayaa dhabarka ku leh raad suun wuxuuna leeyahay wuxuu ka baqayaa inuu guriga aado`},
		{"so", "neighbour: child alone two days", `wiilka deriskayaga ah oo 4 jir ah laba maalmood ayuu guriga kaligiis ku jiraa, waxaan maqlayaa isagoo ooyaya`},
		{"so", "nanny: father hit the boy, locked in bathroom", `waxaan ahay haweeney ilmo haysa, aabaha ayaa hadda garaacay wiilka 4 jirka ah oo musqusha ku xiray`},
		{"so", "thrown out at night, cold", `hooyadiis ayaa guriga ka saartay saacadda 11 habeenimo, waa 9 jir, aad buu qabow u yahay`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"so", "fell from the bike, fine", `wiilkayga shalay baaskiilka ayuu ka dhacay laakiin wuu fiican yahay`},
		{"so", "vaccination mark", `gabadhayda waxay gacanta ku leedahay raad tallaal, ma caadi baa?`},
		{"so", "teacher asks about registration", `waxaan ahay macallimad, sidee baan dugsiga ugu diiwaangeliyaa arday cusub oo 7 jir ah?`},
		{"so", "a son moved out of the house, a job", `wiilkayga 25 jir ah guriga ka saaray alaabtiisa, shaqo cusub ayuu helay`},
	})
}

// TestChild19Sr: Serbian.
func TestChild19Sr(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"sr", "teacher: belt marks, afraid to go home", `учитељица сам, ученик од 7 година дошао је са траговима каиша на леђима и каже да се плаши да иде кући`},
		{"sr", "neighbour: child alone two days", `комшијино дете од 4 године је само у стану већ два дана, чујем га како плаче кроз зид`},
		{"sr", "nanny: father hit the boy, locked in bathroom", `ја сам дадиља, отац је управо ударио дечака од 4 године и закључао га у купатило`},
		{"sr", "thrown out at night, cold (Latin)", `majka ga je izbacila iz kuće u 11 uveče, ima 9 godina i jako je hladno`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"sr", "fell from the bike, fine", `син је јуче пао са бицикла, али је добро`},
		{"sr", "vaccination mark", `ćerka ima trag od vakcine na ruci, da li je to normalno?`},
		{"sr", "teacher asks about registration", `учитељица сам, како да упишем новог ученика од 7 година у школу?`},
	})
	// The net alone makes these urgent (it is not retrained here); the lists must not.
	wantListsNotUrgent(t, c, []reviewCase{
		{"sr", "I am alone in the flat with my son two days, a bill", `ja sam sama u stanu sa sinom već dva dana, muž je na putu, gde da platim račun za struju?`},
	})
}

// TestChild19No: Norwegian.
func TestChild19No(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"no", "teacher: belt marks, afraid to go home", `jeg er lærer, en elev på 7 år kom med merker etter belte på ryggen og sier han er redd for å gå hjem`},
		{"no", "neighbour: child alone two days", `naboens gutt på 4 år har vært alene i leiligheten i to dager, jeg hører ham gråte gjennom veggen`},
		{"no", "nanny: father hit the boy, locked in bathroom", `jeg er barnepike, faren slo nettopp gutten på 4 år og låste ham inne på badet`},
		{"no", "thrown out at night, cold", `moren kastet ham ut klokka 23, han er 9 år og det er iskaldt`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"no", "fell from the bike, fine", `sønnen min falt av sykkelen i går, men han har det bra`},
		{"no", "vaccination mark", `datteren min har et merke etter vaksinen på armen, er det normalt?`},
		{"no", "home alone 10 minutes", `kan jeg la sønnen min på 10 år være alene hjemme i 10 minutter mens jeg handler?`},
		{"no", "alone in the flat with my son two days, husband away", `jeg er alene i leiligheten med sønnen min i to dager, mannen er på jobbreise, hvor kan vi spise middag?`},
	})
}

// TestChild19Et: Estonian.
func TestChild19Et(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"et", "teacher: belt marks, afraid to go home", `olen õpetaja, 7-aastane õpilane tuli rihmajälgedega seljal ja ütleb, et kardab koju minna`},
		{"et", "neighbour: child alone two days", `naabri 4-aastane poiss on juba kaks päeva üksi korteris, kuulen läbi seina, kuidas ta nutab`},
		{"et", "nanny: father hit the boy, locked in bathroom", `olen lapsehoidja, isa lõi just 4-aastast poissi ja lukustas ta vannituppa`},
		{"et", "thrown out at night, cold", `ema viskas ta kell 23 kodust välja, ta on 9-aastane ja väljas on väga külm`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"et", "fell from the bike, fine", `mu poeg kukkus eile rattalt, aga tal on kõik korras`},
		{"et", "vaccination mark", `tütrel on käe peal vaktsiini jälg, kas see on normaalne?`},
		{"et", "teacher asks about registration", `olen õpetaja, kuidas registreerida uus 7-aastane õpilane kooli?`},
		{"et", "two days at home alone with my child, husband away", `olen kaks päeva lapsega üksi kodus, mees on tööreisil, kus on lähim apteek?`},
	})
}

// TestChild19Uz: Uzbek.
func TestChild19Uz(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"uz", "teacher: belt marks, afraid to go home", `men o'qituvchiman, 7 yoshli o'quvchining orqasida kamar izlari bor, uyga borishdan qo'rqaman deydi`},
		{"uz", "neighbour: child alone two days", `qo'shnining 4 yoshli o'g'li ikki kundan beri uyda yolg'iz, devor orqali yig'layotganini eshitaman`},
		{"uz", "nanny: father hit the boy, locked in bathroom", `men enagaman, otasi hozir 4 yoshli bolani urdi va uni hammomga qamab qo'ydi`},
		{"uz", "thrown out at night, cold", `onasi uni kechasi soat 11da uydan haydab chiqardi, u 9 yoshda, havo juda sovuq`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"uz", "fell from the bike, fine", `o'g'lim kecha velosipeddan yiqildi, lekin yaxshi`},
		{"uz", "vaccination mark", `qizimning qo'lida emlash izi bor, bu normalmi?`},
		{"uz", "teacher asks about registration", `men o'qituvchiman, 7 yoshli yangi o'quvchini maktabga qanday ro'yxatdan o'tkazaman?`},
		{"uz", "cold weather, the child's coat", `havo juda sovuq, 5 yoshli o'g'limga qishki kurtka qayerdan olsam bo'ladi?`},
	})
}

// TestChild19Hi: Hindi.
func TestChild19Hi(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"hi", "teacher: belt marks, afraid to go home", `मैं टीचर हूँ, 7 साल का एक छात्र पीठ पर बेल्ट के निशान लेकर आया और कहता है घर जाने से डर लगता है`},
		{"hi", "neighbour: child alone two days", `पड़ोस का 4 साल का बच्चा दो दिन से फ्लैट में अकेला है, दीवार से रोने की आवाज़ आती है`},
		{"hi", "nanny: father hit the boy, locked in bathroom", `मैं आया हूँ, पिता ने अभी 4 साल के बच्चे को मारा और बाथरूम में बंद कर दिया`},
		{"hi", "thrown out at night, cold", `माँ ने उसे रात 11 बजे घर से निकाल दिया, 9 साल का है और बहुत ठंड है`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"hi", "fell from the bike, fine", `मेरा बेटा कल साइकिल से गिर गया था पर अब ठीक है`},
		{"hi", "vaccination mark", `बेटी की बाँह पर टीके का निशान है, क्या यह सामान्य है?`},
		{"hi", "teacher asks about registration", `मैं टीचर हूँ, 7 साल के नए छात्र का स्कूल में दाखिला कैसे करें?`},
	})
}

// TestChild19Pt: Portuguese.
func TestChild19Pt(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"pt", "teacher: belt marks, afraid to go home", `sou professora, um aluno de 7 anos chegou com marcas de cinto nas costas e diz que tem medo de voltar para casa`},
		{"pt", "neighbour: child alone two days", `o filho dos vizinhos, de 4 anos, está sozinho no apartamento há dois dias, ouço ele chorar pela parede`},
		{"pt", "nanny: father hit the boy, locked in bathroom", `sou babá, o pai acabou de bater no menino de 4 anos e trancou ele no banheiro`},
		{"pt", "thrown out at night, cold", `a mãe expulsou ele de casa às 23h, ele tem 9 anos e está muito frio`},
		{"pt", "girl locked in her room all day, no food", `a menina que eu cuido fica trancada no quarto o dia todo sem comer`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"pt", "fell from the bike, fine", `meu filho caiu da bicicleta ontem mas está bem`},
		{"pt", "vaccination mark", `minha filha tem uma marca da vacina no braço, é normal?`},
		{"pt", "modelling course with her mother", `minha filha de 15 anos vai a um curso de modelo com a mãe, quanto custa?`},
		{"pt", "son locked the bathroom door by accident", `meu filho de 5 anos trancou a porta do banheiro sem querer, como abrir? está muito frio aqui`},
	})
}

// TestChild19De: German.
func TestChild19De(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"de", "teacher: belt marks, afraid to go home", `ich bin Lehrerin, ein Schüler mit 7 Jahren kam mit Striemen vom Gürtel am Rücken und sagt, er hat Angst nach Hause zu gehen`},
		{"de", "neighbour: child alone two days", `der 4-jährige Junge der Nachbarn ist seit zwei Tagen allein in der Wohnung, ich höre ihn durch die Wand weinen`},
		{"de", "nanny: father hit the boy, locked in bathroom", `ich bin Babysitterin, der Vater hat den 4-jährigen Jungen gerade geschlagen und ihn im Bad eingesperrt`},
		{"de", "thrown out at night, cold", `die Mutter hat ihn um 23 Uhr aus der Wohnung geworfen, er ist 9 und es ist eiskalt`},
		{"de", "girl locked in her room all day, no food", `das Mädchen, auf das ich aufpasse, ist den ganzen Tag in ihrem Zimmer eingesperrt, ohne Essen`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"de", "fell from the bike, fine", `mein Sohn ist gestern vom Fahrrad gefallen, aber es geht ihm gut`},
		{"de", "vaccination mark", `meine Tochter hat eine Impfnarbe am Arm, ist das normal?`},
		{"de", "home alone 10 minutes", `darf ich meinen 10-jährigen Sohn 10 Minuten allein zu Hause lassen, während ich einkaufe?`},
		{"de", "a belt for my son, it is cold", `mein Sohn mit 7 Jahren braucht einen neuen Gürtel und eine Jacke, es ist eiskalt, wo gibt es Kleiderhilfe?`},
	})
}

// TestChild19Pl: Polish.
func TestChild19Pl(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"pl", "teacher: belt marks, afraid to go home", `jestem nauczycielką, uczeń 7 lat przyszedł ze śladami pasa na plecach i mówi, że boi się wracać do domu`},
		{"pl", "neighbour: child alone two days", `dziecko sąsiadów, 4 lata, od dwóch dni jest samo w mieszkaniu, słyszę przez ścianę jak płacze`},
		{"pl", "nanny: father hit the boy, locked in bathroom", `jestem nianią, ojciec przed chwilą uderzył 4-letniego chłopca i zamknął go w łazience`},
		{"pl", "thrown out at night, cold", `matka wyrzuciła go z domu o 23, ma 9 lat i jest bardzo zimno`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"pl", "fell from the bike, fine", `syn wczoraj spadł z roweru, ale wszystko w porządku`},
		{"pl", "vaccination mark", `córka ma ślad po szczepieniu na ramieniu, czy to normalne?`},
		{"pl", "teacher asks about registration", `jestem nauczycielką, jak zapisać nowego ucznia 7 lat do szkoły?`},
		{"pl", "my pupil, how to enrol", `mój uczeń ma 7 lat, jak zapisać go na basen? jest zimno`},
	})
}

// TestChild19Gu: Gujarati.
func TestChild19Gu(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"gu", "teacher: belt marks, afraid to go home", `હું શિક્ષક છું, 7 વર્ષનો એક વિદ્યાર્થી પીઠ પર બેલ્ટના નિશાન સાથે આવ્યો અને કહે છે ઘરે જતા ડર લાગે છે`},
		{"gu", "neighbour: child alone two days", `પાડોશીનો 4 વર્ષનો છોકરો બે દિવસથી ઘરમાં એકલો છે, દીવાલમાંથી રડવાનો અવાજ આવે છે`},
		{"gu", "nanny: father hit the boy, locked in bathroom", `હું આયા છું, પિતાએ હમણાં 4 વર્ષના છોકરાને માર્યો અને બાથરૂમમાં પૂરી દીધો`},
		{"gu", "thrown out at night, cold", `માએ તેને રાત્રે 11 વાગે ઘરમાંથી કાઢી મૂક્યો, તે 9 વર્ષનો છે અને બહુ ઠંડી છે`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"gu", "fell from the bike, fine", `મારો દીકરો ગઈકાલે સાયકલ પરથી પડી ગયો પણ હવે સારો છે`},
		{"gu", "vaccination mark", `દીકરીના હાથ પર રસીનું નિશાન છે, શું આ સામાન્ય છે?`},
		{"gu", "teacher asks about registration", `હું શિક્ષક છું, 7 વર્ષના નવા વિદ્યાર્થીનો શાળામાં પ્રવેશ કેવી રીતે કરવો?`},
		{"gu", "cold: a sweater for my son", `બહુ ઠંડી છે, મારા 5 વર્ષના દીકરા માટે સ્વેટર ક્યાં મળશે?`},
	})
}

// TestChild19Mr: Marathi.
func TestChild19Mr(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"mr", "teacher: belt marks, afraid to go home", `मी शिक्षिका आहे, 7 वर्षांचा एक विद्यार्थी पाठीवर पट्ट्याचे वळ घेऊन आला आणि म्हणतो घरी जायला भीती वाटते`},
		{"mr", "neighbour: child alone two days", `शेजारचा 4 वर्षांचा मुलगा दोन दिवसांपासून घरात एकटा आहे, भिंतीतून रडण्याचा आवाज येतो`},
		{"mr", "nanny: father hit the boy, locked in bathroom", `मी आया आहे, वडिलांनी आत्ताच 4 वर्षांच्या मुलाला मारले आणि बाथरूममध्ये कोंडून ठेवले`},
		{"mr", "thrown out at night, cold", `आईने त्याला रात्री 11 वाजता घराबाहेर काढले, तो 9 वर्षांचा आहे आणि खूप थंडी आहे`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"mr", "fell from the bike, fine", `माझा मुलगा काल सायकलवरून पडला पण आता बरा आहे`},
		{"mr", "vaccination mark", `मुलीच्या हातावर लसीचा व्रण आहे, हे सामान्य आहे का?`},
		{"mr", "teacher asks about registration", `मी शिक्षिका आहे, 7 वर्षांच्या नवीन विद्यार्थ्याचा शाळेत प्रवेश कसा करायचा?`},
	})
}

// TestChild19Bg: Bulgarian.
func TestChild19Bg(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"bg", "teacher: belt marks, afraid to go home", `аз съм учителка, ученик на 7 години дойде със следи от колан по гърба и казва, че го е страх да се прибере`},
		{"bg", "neighbour: child alone two days", `детето на съседите, на 4 години, е само в апартамента от два дни, чувам го как плаче през стената`},
		{"bg", "nanny: father hit the boy, locked in bathroom", `аз съм детегледачка, бащата току-що удари момчето на 4 години и го заключи в банята`},
		{"bg", "thrown out at night, cold", `майка му го изгони от вкъщи в 11 вечерта, на 9 години е и е много студено`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"bg", "fell from the bike, fine", `синът ми падна вчера от колелото, но е добре`},
		{"bg", "vaccination mark", `дъщеря ми има белег от ваксина на ръката, нормално ли е?`},
		{"bg", "teacher asks about registration", `аз съм учителка, как да запиша нов ученик на 7 години в училище?`},
		{"bg", "I threw out the old bike, cold: a coat for my son", `изхвърлих старото колело, много студено е, къде да намеря яке за сина ми на 5 години?`},
	})
}

// TestChild19Ps: Pashto.
func TestChild19Ps(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"ps", "teacher: belt marks, afraid to go home", `زه ښوونکی یم، یو 7 کلن زده کوونکی د ملا په شا د کمربند نښې لري او وايي کور ته له تللو ویریږي`},
		{"ps", "neighbour: child alone two days", `د ګاونډي 4 کلن ماشوم دوه ورځې په کور کې یوازې دی، د دیوال له شا یې د ژړا غږ اورم`},
		{"ps", "nanny: father hit the boy, locked in bathroom", `زه د ماشوم ساتونکې یم، پلار اوس 4 کلن هلک ووهه او په تشناب کې یې بند کړ`},
		{"ps", "thrown out at night, cold", `مور یې د شپې په 11 بجو له کوره وشاړه، 9 کلن دی او ډېره یخني ده`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ps", "fell from the bike, fine", `زوی مې پرون له بایسکل څخه ولوید خو اوس ښه دی`},
		{"ps", "vaccination mark", `زما د لور په لاس د واکسین نښه ده، دا عادي ده؟`},
		{"ps", "teacher asks about registration", `زه ښوونکی یم، یو نوی 7 کلن زده کوونکی څنګه ښوونځي ته ثبت کړم؟`},
		{"ps", "cold: a coat for my son", `ډېره یخني ده، زما 6 کلن زوی ته ګرمه جاکټ چیرته پیدا کړم؟`},
	})
}

// TestChild19Am: Amharic.
func TestChild19Am(t *testing.T) {
	c := newClassifier(t)
	wantListsChild(t, c, []reviewCase{
		{"am", "teacher: belt marks, afraid to go home", `አስተማሪ ነኝ፣ የ7 ዓመት ተማሪ ጀርባው ላይ የቀበቶ ምልክት ይዞ መጣ፣ ወደ ቤት መሄድ እፈራለሁ ይላል`},
		{"am", "neighbour: child alone two days", `የጎረቤት የ4 ዓመት ልጅ ለሁለት ቀን ብቻውን ቤት ውስጥ ነው፣ በግድግዳው በኩል ሲያለቅስ እሰማለሁ`},
		{"am", "nanny: father hit the boy, locked in bathroom", `ሞግዚት ነኝ፣ አባትየው አሁን የ4 ዓመቱን ልጅ መታውና መታጠቢያ ቤት ውስጥ ቆለፈበት`},
		{"am", "thrown out at night, cold", `እናቱ ማታ 11 ሰዓት ከቤት አባረረችው፣ የ9 ዓመት ልጅ ነው፣ በጣም ይበርዳል`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"am", "fell from the bike, fine", `ልጄ ትናንት ከብስክሌት ወደቀ ግን ደህና ነው`},
		{"am", "vaccination mark", `ልጄ ክንዷ ላይ የክትባት ምልክት አለ፣ የተለመደ ነው?`},
		{"am", "teacher asks about registration", `አስተማሪ ነኝ፣ የ7 ዓመት አዲስ ተማሪ እንዴት ትምህርት ቤት ማስመዝገብ እችላለሁ?`},
		{"am", "the door locked, the child's keys", `የ8 ዓመት ልጄ ቁልፉን ጠፋበት፣ በሩን ማን ይከፍታል?`},
	})
}
