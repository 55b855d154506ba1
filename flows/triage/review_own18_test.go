package triage

import "testing"

// Own18 (issue 12): an about frame ("for my thesis", "per la mia tesi",
// "для диплома", "tez için") opens a message; a later sentence tells a
// danger in the writer's own words ("my boss took my passport", "at work
// my boss beats me"). The frame asked or looked back; what the writer
// tells of their own after it, in the present, is lived (ownAfter).
func TestOwn18FrameStopsAtOwnDanger(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "trafficking, frame then own danger", msg: `I'm asking for my thesis about work in Italy. my boss took my passport and locks me in at night`},
		{lang: "en", why: "violence, frame then own danger (urgent on main too)", msg: `for my thesis on work permits. my husband beats me every day and I am afraid`},
		{lang: "en", why: "child, frame then own danger (urgent on main too)", msg: `I need it for my thesis about schools. my daughter is not breathing`},
		{lang: "en", why: "suicide, frame then own danger (urgent on main too)", msg: `it's for my thesis on jobs in Italy. I want to kill myself`},
		{lang: "en", why: "violence, frame then own danger", msg: `for my thesis on work permits. at work my boss beats me every day`},
		{lang: "en", why: "suicide, frame then own danger", msg: `it's for my thesis about jobs. I lost my job and I want to kill myself`},
		{lang: "en", why: "child, frame then own danger", msg: `for my thesis about schools. at school a teacher touches my daughter`},
		{lang: "en", why: "medical, frame then own danger", msg: `for my thesis on work. at work I fell and I am bleeding a lot`},
		{lang: "it", why: "trafficking, frame then own danger", msg: `scrivo per la mia tesi sul lavoro in Italia. il mio capo mi ha preso il passaporto e mi chiude a chiave`},
		{lang: "it", why: "violence, frame then own danger (urgent on main too)", msg: `per la mia tesi sul lavoro. mio marito mi picchia ogni giorno`},
		{lang: "it", why: "child, frame then own danger (urgent on main too)", msg: `per la mia tesi sulla scuola. mia figlia non respira`},
		{lang: "it", why: "violence, frame then own danger", msg: `per la mia tesi sul lavoro. al lavoro il mio capo mi picchia ogni giorno`},
		{lang: "it", why: "suicide, frame then own danger", msg: `per la mia tesi sul lavoro. ho perso il lavoro e voglio uccidermi`},
		{lang: "it", why: "medical, frame then own danger", msg: `per la mia tesi sul lavoro. al lavoro io sto perdendo molto sangue`},
		{lang: "it", why: "child, frame then own danger", msg: `per la mia tesi sulla scuola. a scuola un maestro tocca mia figlia`},
		{lang: "fr", why: "trafficking, frame then own danger (urgent on main too)", msg: `c'est pour mon exposé sur le travail en Italie. mon patron a pris mon passeport et m'enferme la nuit`},
		{lang: "fr", why: "violence, frame then own danger (urgent on main too)", msg: `pour mon exposé sur le travail. mon mari me frappe tous les jours`},
		{lang: "fr", why: "child, frame then own danger (urgent on main too)", msg: `pour mon exposé sur l'école. ma fille ne respire plus`},
		{lang: "fr", why: "violence, frame then own danger", msg: `pour mon exposé sur le travail. au travail mon patron me frappe tous les jours`},
		{lang: "fr", why: "suicide, frame then own danger", msg: `pour mon exposé sur le travail. j'ai perdu mon travail et je veux me tuer`},
		{lang: "fr", why: "trafficking, frame then own danger", msg: `pour mon exposé sur le travail. mon patron m'a pris mon passeport et m'enferme`},
		{lang: "es", why: "trafficking, frame then own danger", msg: `es para mi tesis sobre el trabajo en Italia. mi jefe me quitó el pasaporte y me encierra de noche`},
		{lang: "es", why: "violence, frame then own danger (urgent on main too)", msg: `para mi tesis sobre el trabajo. mi marido me pega todos los días`},
		{lang: "es", why: "child, frame then own danger (urgent on main too)", msg: `para mi tesis sobre la escuela. mi hija no respira`},
		{lang: "es", why: "violence, frame then own danger", msg: `para mi tesis sobre el trabajo. en el trabajo mi jefe me pega todos los días`},
		{lang: "es", why: "suicide, frame then own danger", msg: `para mi tesis sobre el trabajo. perdí el trabajo y me quiero matar`},
		{lang: "es", why: "child, frame then own danger", msg: `para mi tesis sobre la escuela. en la escuela un maestro toca a mi hija`},
		{lang: "ar", why: "violence, frame then own danger (urgent on main too)", msg: `لبحث الجامعة عن العمل. زوجي يضربني كل يوم`},
		{lang: "ar", why: "child, frame then own danger (urgent on main too)", msg: `لبحث الجامعة عن المدرسة. بنتي ما تتنفس`},
		{lang: "ar", why: "suicide, frame then own danger", msg: `لبحث الجامعة عن العمل. خسرت شغلي وأنا بدي أموت`},
		{lang: "ar", why: "trafficking, frame then own danger", msg: `لبحث الجامعة عن العمل. صاحب العمل أخذ جوازي وأنا محبوسة في البيت`},
		{lang: "ar", why: "trafficking, frame then own danger", msg: `لبحث الجامعة عن العمل. في الشغل أنا محبوسة وصاحب العمل أخذ جوازي`},
		{lang: "ar", why: "suicide, frame then own danger", msg: `لبحث الجامعة عن العمل. في الشغل انا بدي انتحر`},
		{lang: "uk", why: "trafficking, frame then own danger (urgent on main too)", msg: `питаю для диплома про роботу в Італії. роботодавець забрав мій паспорт і замикає мене вночі`},
		{lang: "uk", why: "violence, frame then own danger (urgent on main too)", msg: `для диплома про роботу. чоловік б'є мене щодня`},
		{lang: "uk", why: "child, frame then own danger (urgent on main too)", msg: `для диплома про школу. моя донька не дихає`},
		{lang: "uk", why: "violence, frame then own danger", msg: `для диплома про роботу. на роботі начальник б'є мене щодня`},
		{lang: "uk", why: "suicide, frame then own danger (urgent on main too)", msg: `для диплома про роботу. я втратила роботу і хочу вбити себе`},
		{lang: "uk", why: "trafficking, frame then own danger", msg: `для диплома про роботу. на роботі роботодавець забрав мій паспорт`},
		{lang: "uk", why: "medical, frame then own danger", msg: `для диплома про роботу. на роботі я впала і в мене сильна кровотеча`},
		{lang: "ru", why: "trafficking, frame then own danger (urgent on main too)", msg: `спрашиваю для диплома о работе в Италии. работодатель забрал мой паспорт и запирает меня на ночь`},
		{lang: "ru", why: "violence, frame then own danger (urgent on main too)", msg: `для диплома о работе. муж бьёт меня каждый день`},
		{lang: "ru", why: "child, frame then own danger (urgent on main too)", msg: `для диплома о школе. моя дочь не дышит`},
		{lang: "ru", why: "violence, frame then own danger", msg: `для диплома о работе. на работе начальник бьёт меня каждый день`},
		{lang: "ru", why: "suicide, frame then own danger (urgent on main too)", msg: `для диплома о работе. я потеряла работу и хочу убить себя`},
		{lang: "ru", why: "trafficking, frame then own danger", msg: `для диплома о работе. на работе работодатель забрал мой паспорт`},
		{lang: "ru", why: "child, frame then own danger", msg: `для диплома о школе. в школе учитель трогает мою дочь`},
		{lang: "ru", why: "medical, frame then own danger", msg: `для диплома о работе. на работе я упала и у меня сильное кровотечение`},
		{lang: "ur", why: "trafficking, frame then own danger", msg: `تھیسس کے لیے پوچھ رہی ہوں کام کے بارے میں۔ کام پر مالک نے میرا پاسپورٹ لے لیا`},
		{lang: "ur", why: "violence, frame then own danger", msg: `تھیسس کے لیے کام کے بارے میں۔ کام پر مالک مجھے روز مارتا ہے`},
		{lang: "ur", why: "suicide, frame then own danger (urgent on main too)", msg: `تھیسس کے لیے کام کے بارے میں۔ میری نوکری چلی گئی اور میں خودکشی کرنا چاہتی ہوں`},
		{lang: "ur", why: "trafficking, frame then own danger", msg: `تھیسس کے لیے کام کے بارے میں۔ کام پر مالک نے مجھے کمرے میں بند کر دیا`},
		{lang: "bn", why: "trafficking, frame then own danger (urgent on main too)", msg: `পাচার নিয়ে একটা রচনা লিখছি কাজ নিয়ে। কাজে মালিক আমার পাসপোর্ট নিয়ে নিয়েছে`},
		{lang: "bn", why: "violence, frame then own danger (urgent on main too)", msg: `পাচার নিয়ে একটা রচনা লিখছি কাজ নিয়ে। কাজে মালিক আমাকে প্রতিদিন মারে`},
		{lang: "bn", why: "suicide, frame then own danger (urgent on main too)", msg: `পাচার নিয়ে একটা রচনা লিখছি। আমার চাকরি চলে গেছে, আমি আত্মহত্যা করতে চাই`},
		{lang: "bn", why: "trafficking, frame then own danger", msg: `পাচার নিয়ে একটা রচনা লিখছি কাজ নিয়ে। কাজের মালিক আমাকে ঘরে আটকে রাখে`},
		{lang: "bn", why: "violence, frame then own danger (urgent on main too)", msg: `পাচার নিয়ে একটা রচনা লিখছি কাজ নিয়ে। কাজে মালিক আমাকে মারধর করে`},
		{lang: "bn", why: "suicide, frame then own danger (urgent on main too)", msg: `পাচার নিয়ে একটা রচনা লিখছি। কাজে আমি আত্মহত্যা করতে চাই`},
		{lang: "fa", why: "trafficking, frame then own danger", msg: `برای پایان نامه درباره کار می پرسم. سر کار صاحبکار پاسپورت منو گرفته`},
		{lang: "fa", why: "violence, frame then own danger", msg: `برای پایان نامه درباره کار. سر کار رئیسم منو هر روز کتک میزنه`},
		{lang: "fa", why: "suicide, frame then own danger", msg: `برای پایان نامه درباره کار. کارمو از دست دادم و من میخوام خودمو بکشم`},
		{lang: "tr", why: "trafficking, frame then own danger", msg: `tez için iş hakkında soruyorum. işte patron benim pasaportumu aldı`},
		{lang: "tr", why: "violence, frame then own danger", msg: `tez için iş hakkında. işte patron beni her gün dövüyor`},
		{lang: "tr", why: "suicide, frame then own danger", msg: `tez için iş hakkında. işimi kaybettim ben kendimi öldürmek istiyorum`},
		{lang: "zh", why: "trafficking, frame then own danger (urgent on main too)", msg: `我写论文关于工作。老板拿走了我的护照，把我锁在屋里`},
		{lang: "zh", why: "violence, frame then own danger", msg: `我写论文关于工作。在工作的地方老板每天打我`},
		{lang: "zh", why: "suicide, frame then own danger (urgent on main too)", msg: `我写论文关于工作。我丢了工作，我想自杀`},
		{lang: "zh", why: "trafficking, frame then own danger", msg: `我写论文关于工作。在工作的地方老板拿走了我的护照`},
		{lang: "zh", why: "suicide, frame then own danger", msg: `我写论文关于工作。在工作的地方我想自杀`},
		{lang: "zh", why: "child, frame then own danger", msg: `我写论文关于学校。在学校老师摸我女儿`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "frame, a question about others", msg: `for my thesis I read that bosses take passports. is that legal?`},
		{lang: "en", why: "frame, a past danger of another", msg: `for my thesis on work: two years ago my cousin's boss took his passport, now he is fine`},
		{lang: "en", why: "frame only", msg: `for my thesis on work in Italy`},
		{lang: "it", why: "frame, a question about others", msg: `per la mia tesi sul lavoro ho letto che i datori di lavoro prendono i passaporti. è legale?`},
		{lang: "it", why: "frame, a past danger of another", msg: `per la mia tesi sul lavoro: due anni fa il capo di mio cugino gli ha preso il passaporto, ora sta bene`},
		{lang: "it", why: "frame only", msg: `per la mia tesi sul lavoro in Italia`},
		{lang: "fr", why: "frame, a question about others", msg: `pour mon exposé sur le travail, j'ai lu que des patrons prennent les passeports. c'est légal ?`},
		{lang: "fr", why: "frame, a past danger of another", msg: `pour mon exposé sur le travail: il y a deux ans le patron de mon cousin a pris son passeport, maintenant ça va`},
		{lang: "fr", why: "frame only", msg: `pour mon exposé sur le travail en Italie`},
		{lang: "es", why: "frame, a question about others", msg: `para mi tesis sobre el trabajo leí que los jefes quitan pasaportes. ¿es legal?`},
		{lang: "es", why: "frame, a past danger of another", msg: `para mi tesis sobre el trabajo: hace dos años el jefe de mi primo le quitó el pasaporte, ya está bien`},
		{lang: "es", why: "frame only", msg: `para mi tesis sobre el trabajo en Italia`},
		{lang: "ar", why: "frame, a question about others", msg: `لبحث الجامعة عن العمل قرأت أن أصحاب العمل يأخذون الجوازات. هل هذا قانوني؟`},
		{lang: "ar", why: "frame, a past danger of another", msg: `لبحث الجامعة عن العمل: قبل سنتين صاحب العمل أخذ جواز ابن عمي، الآن هو بخير`},
		{lang: "ar", why: "frame only", msg: `لبحث الجامعة عن العمل`},
		{lang: "ar", why: "frame, a question about others", msg: `لبحث الجامعة عن العمل. هل يحق لصاحب العمل أن يأخذ جواز العامل؟`},
		{lang: "uk", why: "frame, a question about others", msg: `для диплома про роботу я читала, що роботодавці забирають паспорти. це законно?`},
		{lang: "uk", why: "frame, a past danger of another", msg: `для диплома про роботу: два роки тому роботодавець забрав паспорт мого брата, зараз усе добре`},
		{lang: "uk", why: "frame only", msg: `для диплома про роботу в Італії`},
		{lang: "ru", why: "frame, a question about others", msg: `для диплома о работе я читала, что работодатели забирают паспорта. это законно?`},
		{lang: "ru", why: "frame, a past danger of another", msg: `для диплома о работе: два года назад работодатель забрал паспорт моего брата, сейчас всё хорошо`},
		{lang: "ru", why: "frame only", msg: `для диплома о работе в Италии`},
		{lang: "ur", why: "frame only", msg: `تھیسس کے لیے کام کے بارے میں پوچھ رہی ہوں`},
		{lang: "ur", why: "frame, a question about others", msg: `تھیسس کے لیے کام کے بارے میں۔ کیا مالک مزدور کا پاسپورٹ رکھ سکتا ہے؟`},
		{lang: "ur", why: "frame, a past danger of another", msg: `تھیسس کے لیے کام کے بارے میں: دو سال پہلے میرے کزن کے مالک نے اس کا پاسپورٹ رکھا، اب وہ ٹھیک ہے`},
		{lang: "bn", why: "frame only", msg: `পাচার নিয়ে একটা রচনা লিখছি কাজ নিয়ে`},
		{lang: "bn", why: "frame, a question about others", msg: `পাচার নিয়ে একটা রচনা লিখছি কাজ নিয়ে। মালিক কি শ্রমিকের পাসপোর্ট রাখতে পারে?`},
		{lang: "fa", why: "frame only", msg: `برای پایان نامه درباره کار می پرسم`},
		{lang: "fa", why: "frame, a question about others", msg: `برای پایان نامه درباره کار. آیا صاحبکار می تواند پاسپورت کارگر را نگه دارد؟`},
		{lang: "tr", why: "frame only", msg: `tez için iş hakkında soruyorum`},
		{lang: "tr", why: "frame, a question about others", msg: `tez için iş hakkında. patron işçinin pasaportunu alabilir mi?`},
		{lang: "zh", why: "frame only", msg: `我写论文关于工作`},
		{lang: "zh", why: "frame, a question about others", msg: `我写论文关于工作。老板可以拿走工人的护照吗？`},
	})
}

// Own18, the false alarms of set al mended by cause: an Arabic idiom of
// dying of vexation ("بدي موت من القهر", an ignore beside "اموت من
// الجوع"), a Bengali "yesterday" in Latin letters ("gotokal", a past
// mark beside "ekhon thik ache"), a Filipino lesson told ("tinuro", was
// taught: an about mark). Each beside a present danger that stays urgent.
func TestOwn18AlFalseAlarms(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ar", why: "dying of vexation at the office", msg: `رحت عالبلدية خمس مرات وكل مرة ورقة جديدة، بدي موت من القهر`},
		{lang: "bn", why: "a head cut yesterday, fine now", msg: `amar bondhur cricket khelte giye matha fete gechilo gotokal, doctor selai diyeche, ekhon thik ache. club e bhorti hote permit lage?`},
		{lang: "fil", why: "a seminar taught CPR on a baby", msg: `tinuro sa amin sa seminar ang CPR sa sanggol na hindi humihinga. may certificate ba para sa trabaho?`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "ar", why: "vexation, then a wish to die tonight", msg: `بدي موت من القهر، ما عاد بدي عيش، رح انتحر الليلة`},
		{lang: "ar", why: "a wish to die", msg: `بدي موت، ما عاد فيني اتحمل`},
		{lang: "bn", why: "bleeding since yesterday", msg: `gotokal theke amar matha fete rokto porche, thamche na. hospital e jabo?`},
		{lang: "bn", why: "beaten yesterday, head cut", msg: `gotokal se amake marse, amar matha fete geche`},
		{lang: "fil", why: "taught CPR, my child not breathing now", msg: `tinuro sa amin ang CPR noong isang taon. ang anak ko hindi humihinga ngayon`},
		{lang: "fil", why: "taught CPR, my mother not breathing now", msg: `nag-attend ako ng seminar, tinuro ang CPR. ang nanay ko hindi humihinga ngayon`},
	})
}
