package triage

import "testing"

// panic19 (issue 12, the urgent route): two shapes the blind sets keep missing in the 21 languages
// Frontdoor serves best. A: distress told as panic in the body (heart racing, shaking, a panic
// attack) with being alone or unsafe out there now (at the station, in the street, nowhere to go
// tonight, followed): a cry (@panicky with @exposed, @pursued or @stalked; a medical word told with
// it, "I can't breathe", still wins, distress being last in kinds.txt). B: suicide told as a plan
// after a practical question ("how do I renew my permesso? anyway, tonight I take all the pills I
// saved"; "where is the questura? I gave my phone to my sister, tomorrow morning I go to the
// tracks"): the question must not calm the plan. Each language has 3 of each (and one of each in
// Latin letters where people write it so) and 3 decoys: the panic of an exam, a past panic attack
// now better asking for a psychologist (health, not urgent), a phone given to a sister. On main
// 5c2d3f2c, 86 of the 201 cases failed (lists alone): 79 urgent missed or of another kind, 3 decoys
// urgent (bn palpitations before an exam as medical, ps "my heart beats fast" as "he beats me").

// TestReviewPanic19Am: Amharic.
func TestReviewPanic19Am(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"am", "heart racing, can't breathe, alone at the station tonight, men following", `ልቤ በጣም ይመታል፣ መተንፈስ አልቻልኩም፣ ዛሬ ማታ ጣቢያው ላይ ብቻዬን ነኝ፣ አንዳንድ ወንዶች እየተከተሉኝ ነው`},
		{"am", "shaking, nowhere to go tonight, scared", `እየተንቀጠቀጥኩ ነው፣ ዛሬ ማታ የት እንደምሄድ አላውቅም፣ ፈርቻለሁ`},
		{"am", "panic attack, alone in the street, unsafe", `የድንጋጤ ጥቃት ይዞኛል፣ መንገድ ላይ ብቻዬን ነኝ፣ ደህንነት አይሰማኝም`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"am", "permit question, then tonight the pills saved", `የመኖሪያ ፈቃዴን እንዴት አድሳለሁ? ለማንኛውም ምንም አይደለም፣ ዛሬ ማታ ያጠራቀምኳቸውን ክኒኖች በሙሉ እወስዳለሁ`},
		{"am", "questura, phone given to sister, tomorrow to the tracks", `ኩዌስቱራ የት ነው? ስልኬን ለእህቴ ሰጠሁ፣ ነገ ጠዋት ወደ ባቡር ሀዲዱ እሄዳለሁ`},
		{"am", "office hours, letter to mother, tonight the bridge", `ቢሮው ስንት ሰዓት ይከፈታል? ተወው፣ ለእናቴ ደብዳቤ ጻፍኩ፣ ዛሬ ማታ ከድልድዩ እዘላለሁ`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"am", "exam nerves, heart beats when studying", `ነገ ፈተና አለኝ፣ በጣም ተጨንቄአለሁ፣ ሳጠና ልቤ ይመታል፣ ምክር አለ?`},
		{"am", "past panic attacks, better, a psychologist", `ባለፈው ዓመት የድንጋጤ ጥቃት ነበረብኝ፣ አሁን ተሻሽያለሁ፣ የሥነ ልቦና ባለሙያ ማግኘት እችላለሁ?`},
		{"am", "phone given to sister, a new SIM", `ስልኬን ለእህቴ ሰጠሁ፣ አዲስ ሲም ካርድ እንዴት ላገኝ እችላለሁ?`},
	})
}

// TestReviewPanic19Ar: Arabic.
func TestReviewPanic19Ar(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"ar", "heart racing, can't breathe, alone at the station tonight, men following", `قلبي يدق بسرعة، مش قادر أتنفس، أنا لوحدي في المحطة الليلة، وفي شباب بيلحقوني`},
		{"ar", "shaking, nowhere to go tonight, scared", `أنا برتجف، ما بعرف وين أروح الليلة، أنا خايف`},
		{"ar", "panic attack, alone in the street, unsafe", `عندي نوبة هلع، أنا لوحدي في الشارع وما حاسس بالأمان`},
		{"ar", "Arabizi: heart racing, alone at the station tonight, followed", `albi bydo2 bsor3a, mish 2ader atnaffas, ana lawa7di bl ma7atta el leile, fi shabab 3am yel7a2uni`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"ar", "permit question, then tonight the pills saved", `كيف أجدد الإقامة؟ على كل حال ما بتفرق، الليلة رح آخذ كل الحبوب اللي جمعتها`},
		{"ar", "questura, phone given to sister, tomorrow to the tracks", `وين مكتب الكويستورا؟ أعطيت تلفوني لأختي، بكرة الصبح رايح على سكة القطار`},
		{"ar", "office hours, letter to mother, tonight the bridge", `الساعة كم بيفتح المكتب؟ خلص مش مهم، كتبت رسالة لأمي، الليلة رح أنط من الجسر`},
		{"ar", "Arabizi: permit question, tonight the pills saved", `kif jadded el iqama? mish mohem, el leile rah ekhod kol el 7bob elli jama3ta`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ar", "exam nerves, heart beats when studying", `عندي امتحان بكرة وأنا متوتر كتير، قلبي بيدق لما أدرس، في نصائح؟`},
		{"ar", "past panic attacks, better, a psychologist", `السنة الماضية كان عندي نوبات هلع، هلق أحسن، بقدر أشوف أخصائي نفسي؟`},
		{"ar", "phone given to sister, a new SIM", `أعطيت تلفوني لأختي، كيف بجيب شريحة جديدة؟`},
	})
}

// TestReviewPanic19Bn: Bengali.
func TestReviewPanic19Bn(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"bn", "heart racing, can't breathe, alone at the station tonight, men following", `আমার বুক ধড়ফড় করছে, শ্বাস নিতে পারছি না, আজ রাতে স্টেশনে একা আছি, কয়েকটা ছেলে আমার পিছু নিচ্ছে`},
		{"bn", "shaking, nowhere to go tonight, scared", `আমি কাঁপছি, আজ রাতে কোথায় যাব জানি না, আমার ভয় করছে`},
		{"bn", "panic attack, alone in the street, unsafe", `আমার প্যানিক অ্যাটাক হচ্ছে, রাস্তায় একা আছি, নিরাপদ মনে হচ্ছে না`},
		{"bn", "Banglish: heart racing, alone at the station tonight, followed", `amar buk dhorfor korche, shash nite parchi na, aj rate station e eka achi, kichu chele amar pichu nicche`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"bn", "permit question, then tonight the pills saved", `পারমেসো কিভাবে রিনিউ করব? যাই হোক কিছু যায় আসে না, আজ রাতে জমানো সব ওষুধ খেয়ে ফেলব`},
		{"bn", "questura, phone given to sister, tomorrow to the tracks", `কুয়েস্তুরা কোথায়? আমার ফোন বোনকে দিয়ে দিয়েছি, কাল সকালে রেললাইনে যাব`},
		{"bn", "office hours, letter to mother, tonight the bridge", `অফিস কখন খোলে? বাদ দাও, মাকে একটা চিঠি লিখেছি, আজ রাতে ব্রিজ থেকে লাফ দেব`},
		{"bn", "Banglish: permit question, tonight the pills saved", `permesso kivabe renew korbo? jai hok kichu jay ase na, aj rate joma sob oshudh kheye felbo`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"bn", "exam nerves, heart beats when studying", `কাল আমার পরীক্ষা, খুব টেনশন হচ্ছে, পড়ার সময় বুক ধড়ফড় করে, কোনো পরামর্শ?`},
		{"bn", "past panic attacks, better, a psychologist", `গত বছর আমার প্যানিক অ্যাটাক হত, এখন ভালো আছি, একজন মনোবিজ্ঞানীর সাথে দেখা করতে পারি?`},
		{"bn", "phone given to sister, a new SIM", `আমার ফোন বোনকে দিয়ে দিয়েছি, নতুন সিম কার্ড কিভাবে পাব?`},
	})
}

// TestReviewPanic19En: English.
func TestReviewPanic19En(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"en", "heart racing, can't breathe, alone at the station tonight, men following", `my heart is racing, I can't breathe, I'm alone at the station tonight, some guys are following me`},
		{"en", "shaking, nowhere to go tonight, scared", `I'm shaking, I don't know where to go tonight, I'm scared`},
		{"en", "panic attack, alone in the street, unsafe", `I'm having a panic attack, I'm alone in the street and I don't feel safe`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"en", "permit question, then tonight the pills saved", `how do I renew my permesso? anyway it doesn't matter, tonight I'll take all the pills I saved`},
		{"en", "questura, phone given to sister, tomorrow to the tracks", `where is the questura... I gave my phone to my sister, tomorrow morning I go to the tracks`},
		{"en", "office hours, letter to mother, tonight the bridge", `what time does the office open? never mind, I wrote a letter to my mother, tonight I jump off the bridge`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"en", "exam nerves, heart beats when studying", `I have an exam tomorrow and I'm panicking, my heart races when I study, any tips?`},
		{"en", "past panic attacks, better, a psychologist", `last year I had panic attacks, now I'm better, can I see a psychologist?`},
		{"en", "phone given to sister, a new SIM", `I gave my phone to my sister, how do I get a new SIM card?`},
	})
}

// TestReviewPanic19Es: Spanish.
func TestReviewPanic19Es(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"es", "heart racing, can't breathe, alone at the station tonight, men following", `el corazón me late muy rápido, no puedo respirar, estoy sola en la estación esta noche, unos tipos me están siguiendo`},
		{"es", "shaking, nowhere to go tonight, scared", `estoy temblando, no sé a dónde ir esta noche, tengo miedo`},
		{"es", "panic attack, alone in the street, unsafe", `tengo un ataque de pánico, estoy sola en la calle y no me siento segura`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"es", "permit question, then tonight the pills saved", `¿cómo renuevo el permiso de residencia? igual ya no importa, esta noche me tomo todas las pastillas que guardé`},
		{"es", "questura, phone given to sister, tomorrow to the tracks", `¿dónde está la questura? le di mi teléfono a mi hermana, mañana por la mañana voy a las vías del tren`},
		{"es", "office hours, letter to mother, tonight the bridge", `¿a qué hora abre la oficina? da igual, le escribí una carta a mi madre, esta noche salto del puente`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"es", "exam nerves, heart beats when studying", `mañana tengo un examen y estoy en pánico, el corazón me late fuerte cuando estudio, ¿algún consejo?`},
		{"es", "past panic attacks, better, a psychologist", `el año pasado tuve ataques de pánico, ahora estoy mejor, ¿puedo ver a un psicólogo?`},
		{"es", "phone given to sister, a new SIM", `le di mi teléfono a mi hermana, ¿cómo consigo una nueva tarjeta SIM?`},
	})
}

// TestReviewPanic19Fa: Persian.
func TestReviewPanic19Fa(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"fa", "heart racing, can't breathe, alone at the station tonight, men following", `قلبم تند تند میزنه، نمیتونم نفس بکشم، امشب تو ایستگاه تنهام، چند تا مرد دنبالم میان`},
		{"fa", "shaking, nowhere to go tonight, scared", `دارم میلرزم، نمیدونم امشب کجا برم، میترسم`},
		{"fa", "panic attack, alone in the street, unsafe", `حمله پانیک دارم، تو خیابون تنهام و احساس امنیت نمیکنم`},
		{"fa", "Finglish: heart racing, alone at the station tonight, followed", `ghalbam tond tond mizane, nemitoonam nafas bekesham, emshab too istgah tanham, chand ta mard donbalam mian`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"fa", "permit question, then tonight the pills saved", `چطور اجازه اقامتم رو تمدید کنم؟ به هر حال فرقی نمیکنه، امشب همه قرص هایی که جمع کردم رو میخورم`},
		{"fa", "questura, phone given to sister, tomorrow to the tracks", `کوئستورا کجاست؟ گوشیمو دادم به خواهرم، فردا صبح میرم سمت ریل قطار`},
		{"fa", "office hours, letter to mother, tonight the bridge", `دفتر ساعت چند باز میشه؟ ولش کن، یه نامه برای مادرم نوشتم، امشب از پل میپرم`},
		{"fa", "Finglish: permit question, tonight the pills saved", `chetor eghamat ro tamdid konam? farghi nemikone, emshab hame ghorsaii ke jam kardam ro mikhoram`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"fa", "exam nerves, heart beats when studying", `فردا امتحان دارم و خیلی استرس دارم، وقتی درس میخونم قلبم تند میزنه، توصیه ای دارید؟`},
		{"fa", "past panic attacks, better, a psychologist", `پارسال حمله پانیک داشتم، الان بهترم، میتونم یه روانشناس ببینم؟`},
		{"fa", "phone given to sister, a new SIM", `گوشیمو دادم به خواهرم، چطور سیم کارت جدید بگیرم؟`},
	})
}

// TestReviewPanic19Tl: Filipino.
func TestReviewPanic19Tl(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"tl", "heart racing, can't breathe, alone at the station tonight, men following", `ang bilis ng tibok ng puso ko, hindi ako makahinga, mag-isa ako sa istasyon ngayong gabi, may mga lalaking sumusunod sa akin`},
		{"tl", "shaking, nowhere to go tonight, scared", `nanginginig ako, hindi ko alam kung saan ako pupunta ngayong gabi, takot na takot ako`},
		{"tl", "panic attack, alone in the street, unsafe", `inaatake ako ng panic attack, mag-isa ako sa kalye at hindi ako ligtas`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"tl", "permit question, then tonight the pills saved", `paano ko irerenew ang permesso ko? wala na rin namang kwenta, mamayang gabi iinumin ko lahat ng gamot na inipon ko`},
		{"tl", "questura, phone given to sister, tomorrow to the tracks", `saan ang questura? ibinigay ko na ang cellphone ko sa kapatid kong babae, bukas ng umaga pupunta ako sa riles ng tren`},
		{"tl", "office hours, letter to mother, tonight the bridge", `anong oras bubukas ang opisina? hayaan mo na, sumulat ako ng liham sa nanay ko, mamayang gabi tatalon ako sa tulay`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"tl", "exam nerves, heart beats when studying", `may exam ako bukas at nagpapanic ako, bumibilis ang tibok ng puso ko kapag nag-aaral, may tips ba kayo?`},
		{"tl", "past panic attacks, better, a psychologist", `noong isang taon nagkaroon ako ng panic attacks, ngayon okay na ako, pwede ba akong magpatingin sa psychologist?`},
		{"tl", "phone given to sister, a new SIM", `ibinigay ko ang cellphone ko sa kapatid ko, paano ako makakakuha ng bagong SIM card?`},
	})
}

// TestReviewPanic19Fr: French.
func TestReviewPanic19Fr(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"fr", "heart racing, can't breathe, alone at the station tonight, men following", `mon cœur bat très vite, je n'arrive plus à respirer, je suis seule à la gare ce soir, des mecs me suivent`},
		{"fr", "shaking, nowhere to go tonight, scared", `je tremble, je ne sais pas où aller ce soir, j'ai peur`},
		{"fr", "panic attack, alone in the street, unsafe", `je fais une crise de panique, je suis seule dans la rue et je ne me sens pas en sécurité`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"fr", "permit question, then tonight the pills saved", `comment renouveler mon titre de séjour ? de toute façon ça ne sert à rien, ce soir je prends tous les cachets que j'ai gardés`},
		{"fr", "questura, phone given to sister, tomorrow to the tracks", `où est la questura ? j'ai donné mon téléphone à ma sœur, demain matin je vais sur les rails`},
		{"fr", "office hours, letter to mother, tonight the bridge", `à quelle heure ouvre le bureau ? laisse tomber, j'ai écrit une lettre à ma mère, ce soir je saute du pont`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"fr", "exam nerves, heart beats when studying", `j'ai un examen demain et je panique, mon cœur bat fort quand je révise, des conseils ?`},
		{"fr", "past panic attacks, better, a psychologist", `l'année dernière j'ai eu des crises de panique, maintenant ça va mieux, je peux voir un psychologue ?`},
		{"fr", "phone given to sister, a new SIM", `j'ai donné mon téléphone à ma sœur, comment avoir une nouvelle carte SIM ?`},
	})
}

// TestReviewPanic19It: Italian.
func TestReviewPanic19It(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"it", "heart racing, can't breathe, alone at the station tonight, men following", `il cuore mi batte fortissimo, non riesco a respirare, sono sola in stazione stanotte, dei ragazzi mi stanno seguendo`},
		{"it", "shaking, nowhere to go tonight, scared", `sto tremando, non so dove andare stanotte, ho paura`},
		{"it", "panic attack, alone in the street, unsafe", `ho un attacco di panico, sono sola per strada e non mi sento al sicuro`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"it", "permit question, then tonight the pills saved", `come rinnovo il permesso di soggiorno? tanto non importa, stanotte prendo tutte le pillole che ho messo da parte`},
		{"it", "questura, phone given to sister, tomorrow to the tracks", `dov'è la questura... ho dato il mio telefono a mia sorella, domani mattina vado sui binari`},
		{"it", "office hours, letter to mother, tonight the bridge", `a che ora apre l'ufficio? lascia stare, ho scritto una lettera a mia madre, stanotte mi butto dal ponte`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"it", "exam nerves, heart beats when studying", `domani ho l'esame e sono in panico, il cuore mi batte forte quando studio, consigli?`},
		{"it", "past panic attacks, better, a psychologist", `l'anno scorso avevo attacchi di panico, ora sto meglio, posso vedere uno psicologo?`},
		{"it", "phone given to sister, a new SIM", `ho dato il mio telefono a mia sorella, come faccio ad avere una nuova SIM?`},
	})
}

// TestReviewPanic19Pa: Punjabi.
func TestReviewPanic19Pa(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"pa", "heart racing, can't breathe, alone at the station tonight, men following", `ਮੇਰਾ ਦਿਲ ਬਹੁਤ ਤੇਜ਼ ਧੜਕ ਰਿਹਾ ਹੈ, ਸਾਹ ਨਹੀਂ ਆ ਰਿਹਾ, ਅੱਜ ਰਾਤ ਮੈਂ ਸਟੇਸ਼ਨ ਤੇ ਇਕੱਲੀ ਹਾਂ, ਕੁਝ ਮੁੰਡੇ ਮੇਰਾ ਪਿੱਛਾ ਕਰ ਰਹੇ ਨੇ`},
		{"pa", "shaking, nowhere to go tonight, scared", `ਮੈਂ ਕੰਬ ਰਹੀ ਹਾਂ, ਪਤਾ ਨਹੀਂ ਅੱਜ ਰਾਤ ਕਿੱਥੇ ਜਾਵਾਂ, ਮੈਨੂੰ ਡਰ ਲੱਗ ਰਿਹਾ ਹੈ`},
		{"pa", "panic attack, alone at the bus stop, unsafe", `ਮੈਨੂੰ ਪੈਨਿਕ ਅਟੈਕ ਆ ਰਿਹਾ ਹੈ, ਮੈਂ ਬੱਸ ਅੱਡੇ ਤੇ ਇਕੱਲੀ ਹਾਂ ਤੇ ਸੁਰੱਖਿਅਤ ਮਹਿਸੂਸ ਨਹੀਂ ਕਰਦੀ`},
		{"pa", "Roman Punjabi: heart racing, alone at the station tonight, followed", `mera dil bahut tez dhadak reha, saah nahi aa reha, ajj raat main station te kalli haan, kuch munde mera picha kar rahe ne`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"pa", "permit question, then tonight the pills saved", `ਪਰਮੇਸੋ ਕਿਵੇਂ ਰੀਨਿਊ ਕਰਾਂ? ਖੈਰ ਕੋਈ ਫਰਕ ਨਹੀਂ ਪੈਂਦਾ, ਅੱਜ ਰਾਤ ਜਿਹੜੀਆਂ ਗੋਲੀਆਂ ਜਮ੍ਹਾਂ ਕੀਤੀਆਂ ਸਾਰੀਆਂ ਖਾ ਲਵਾਂਗਾ`},
		{"pa", "questura, phone given to sister, tomorrow to the tracks", `ਕੁਏਸਤੂਰਾ ਕਿੱਥੇ ਹੈ? ਮੈਂ ਆਪਣਾ ਫੋਨ ਭੈਣ ਨੂੰ ਦੇ ਦਿੱਤਾ, ਕੱਲ੍ਹ ਸਵੇਰੇ ਰੇਲ ਦੀ ਪਟੜੀ ਤੇ ਜਾਵਾਂਗਾ`},
		{"pa", "office hours, letter to mother, tonight the bridge", `ਦਫ਼ਤਰ ਕਿੰਨੇ ਵਜੇ ਖੁੱਲ੍ਹਦਾ? ਛੱਡੋ, ਮੈਂ ਮਾਂ ਨੂੰ ਚਿੱਠੀ ਲਿਖ ਦਿੱਤੀ, ਅੱਜ ਰਾਤ ਪੁਲ ਤੋਂ ਛਾਲ ਮਾਰਾਂਗਾ`},
		{"pa", "Roman Punjabi: permit question, tonight the pills saved", `permesso kiven renew karan? koi farak nahi painda, ajj raat saariyan goliyan jo jama kitiyan kha lawanga`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"pa", "exam nerves, heart beats when studying", `ਕੱਲ੍ਹ ਮੇਰਾ ਪੇਪਰ ਹੈ ਤੇ ਮੈਂ ਘਬਰਾਈ ਹੋਈ ਹਾਂ, ਪੜ੍ਹਦਿਆਂ ਦਿਲ ਤੇਜ਼ ਧੜਕਦਾ ਹੈ, ਕੋਈ ਸਲਾਹ?`},
		{"pa", "past panic attacks, better, a psychologist", `ਪਿਛਲੇ ਸਾਲ ਮੈਨੂੰ ਪੈਨਿਕ ਅਟੈਕ ਆਉਂਦੇ ਸਨ, ਹੁਣ ਠੀਕ ਹਾਂ, ਕੀ ਮੈਂ ਮਨੋਵਿਗਿਆਨੀ ਨੂੰ ਮਿਲ ਸਕਦੀ ਹਾਂ?`},
		{"pa", "phone given to sister, a new SIM", `ਮੈਂ ਆਪਣਾ ਫੋਨ ਭੈਣ ਨੂੰ ਦੇ ਦਿੱਤਾ, ਨਵਾਂ ਸਿਮ ਕਾਰਡ ਕਿਵੇਂ ਮਿਲੇਗਾ?`},
	})
}

// TestReviewPanic19Ps: Pashto.
func TestReviewPanic19Ps(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"ps", "heart racing, can't breathe, alone at the station tonight, men following", `زړه مې ډېر ګړندی وهي، ساه نشم اخیستلی، نن شپه په سټیشن کې یوازې یم، څو سړي زما پسې راځي`},
		{"ps", "shaking, nowhere to go tonight, scared", `رېږدم، نه پوهېږم نن شپه چېرته لاړ شم، ډارېږم`},
		{"ps", "panic attack, alone in the street, unsafe", `د وېرې حمله راباندې راغلې، په سړک کې یوازې یم او ځان خوندي نه احساسوم`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"ps", "permit question, then tonight the pills saved", `خپله اجازه نامه څنګه نوې کړم؟ هسې هم فرق نه کوي، نن شپه ټولې هغه ګولۍ خورم چې ما راټولې کړې`},
		{"ps", "questura, phone given to sister, tomorrow to the tracks", `کوېستورا چېرته ده؟ خپل موبایل مې خور ته ورکړ، سبا سهار د اورګاډي پټلۍ ته ځم`},
		{"ps", "office hours, letter to mother, tonight the bridge", `دفتر څو بجې خلاصېږي؟ پرېږده، مور ته مې لیک ولیکه، نن شپه له پله ټوپ وهم`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ps", "exam nerves, heart beats when studying", `سبا مې ازموینه ده او ډېر پرېشانه یم، کله چې لولم زړه مې ګړندی وهي، څه مشوره؟`},
		{"ps", "past panic attacks, better, a psychologist", `پروسږکال به مې د وېرې حملې درلودې، اوس ښه یم، کولی شم ارواپوه ووینم؟`},
		{"ps", "phone given to sister, a new SIM", `خپل موبایل مې خور ته ورکړ، نوې سیم کارت څنګه واخلم؟`},
	})
}

// TestReviewPanic19Ro: Romanian.
func TestReviewPanic19Ro(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"ro", "heart racing, can't breathe, alone at the station tonight, men following", `inima îmi bate foarte tare, nu pot să respir, sunt singură în gară în noaptea asta, niște tipi mă urmăresc`},
		{"ro", "shaking, nowhere to go tonight, scared", `tremur, nu știu unde să mă duc la noapte, mi-e frică`},
		{"ro", "panic attack, alone in the street, unsafe", `am un atac de panică, sunt singură pe stradă și nu mă simt în siguranță`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"ro", "permit question, then tonight the pills saved", `cum îmi reînnoiesc permisul de ședere? oricum nu mai contează, la noapte iau toate pastilele pe care le-am strâns`},
		{"ro", "questura, phone given to sister, tomorrow to the tracks", `unde e questura? i-am dat telefonul meu surorii mele, mâine dimineață mă duc pe șine`},
		{"ro", "office hours, letter to mother, tonight the bridge", `la ce oră se deschide biroul? lasă, i-am scris o scrisoare mamei, la noapte sar de pe pod`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ro", "exam nerves, heart beats when studying", `mâine am examen și sunt în panică, inima îmi bate tare când învăț, aveți sfaturi?`},
		{"ro", "past panic attacks, better, a psychologist", `anul trecut am avut atacuri de panică, acum sunt mai bine, pot merge la un psiholog?`},
		{"ro", "phone given to sister, a new SIM", `i-am dat telefonul meu surorii mele, cum obțin o cartelă SIM nouă?`},
	})
}

// TestReviewPanic19Ru: Russian.
func TestReviewPanic19Ru(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"ru", "heart racing, can't breathe, alone at the station tonight, men following", `сердце колотится, не могу дышать, я одна на вокзале сегодня ночью, за мной идут какие-то парни`},
		{"ru", "shaking, nowhere to go tonight, scared", `меня трясёт, не знаю куда идти сегодня ночью, мне страшно`},
		{"ru", "panic attack, alone in the street, unsafe", `у меня паническая атака, я одна на улице и мне не безопасно`},
		{"ru", "translit: heart racing, alone at the station tonight, followed", `serdce kolotitsya, ne mogu dyshat, ya odna na vokzale segodnya nochyu, za mnoy idut kakie-to parni`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"ru", "permit question, then tonight the pills saved", `как продлить вид на жительство? впрочем неважно, сегодня ночью выпью все таблетки которые я накопила`},
		{"ru", "questura, phone given to sister, tomorrow to the tracks", `где квестура? я отдала телефон сестре, завтра утром пойду на рельсы`},
		{"ru", "office hours, letter to mother, tonight the bridge", `во сколько открывается офис? ладно, я написала письмо маме, сегодня ночью прыгну с моста`},
		{"ru", "translit: permit question, tonight the pills saved", `kak prodlit permesso? nevazhno, segodnya nochyu vypyu vse tabletki kotorye nakopila`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ru", "exam nerves, heart beats when studying", `завтра экзамен и я в панике, сердце колотится когда учу, есть советы?`},
		{"ru", "past panic attacks, better, a psychologist", `в прошлом году у меня были панические атаки, сейчас лучше, можно записаться к психологу?`},
		{"ru", "phone given to sister, a new SIM", `я отдала телефон сестре, как получить новую сим-карту?`},
	})
}

// TestReviewPanic19So: Somali.
func TestReviewPanic19So(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"so", "heart racing, can't breathe, alone at the station tonight, men following", `wadnaha ayaa si xawli ah u garaacaya, ma neefsan karo, caawa keligay ayaan joogaa saldhigga, rag baa i daba socda`},
		{"so", "shaking, nowhere to go tonight, scared", `waan gariirayaa, ma aqaan meel aan caawa aado, waan baqayaa`},
		{"so", "panic attack, alone in the street, unsafe", `waxaa i haya weerar argagax, keligay ayaan wadada joogaa mana dareemayo ammaan`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"so", "permit question, then tonight the pills saved", `sidee u cusboonaysiiyaa sharciga deganaanshaha? si kastaba muhiim maaha, caawa waxaan qaadanayaa dhammaan kiniinnada aan kaydsaday`},
		{"so", "questura, phone given to sister, tomorrow to the tracks", `xaggee ku taal questura? telefoonkayga waxaan siiyay walaashay, berri subax waxaan aadayaa jidka tareenka`},
		{"so", "office hours, letter to mother, tonight the bridge", `xafiisku goorma ayuu furmaa? iska daa, warqad ayaan u qoray hooyaday, caawa waxaan ka boodayaa buundada`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"so", "exam nerves, heart beats when studying", `berri imtixaan baan leeyahay waana walwalsanahay, markaan wax akhriyo wadnahaygu wuu garaacmaa, talo ma haysaan?`},
		{"so", "past panic attacks, better, a psychologist", `sannadkii hore waxaa i qabtay weerarro argagax, hadda waan fiicanahay, ma arki karaa dhakhtarka cilmi-nafsiga?`},
		{"so", "phone given to sister, a new SIM", `telefoonkayga waxaan siiyay walaashay, sidee ku helaa kaarka SIM cusub?`},
	})
}

// TestReviewPanic19Sq: Albanian.
func TestReviewPanic19Sq(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"sq", "heart racing, can't breathe, alone at the station tonight, men following", `zemra më rreh shumë shpejt, nuk marr dot frymë, jam vetëm në stacion sonte, disa djem po më ndjekin`},
		{"sq", "shaking, nowhere to go tonight, scared", `po dridhem, nuk di ku të shkoj sonte, kam frikë`},
		{"sq", "panic attack, alone in the street, unsafe", `kam një sulm paniku, jam vetëm në rrugë dhe nuk ndihem e sigurt`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"sq", "permit question, then tonight the pills saved", `si ta rinovoj lejen e qëndrimit? gjithsesi nuk ka rëndësi, sonte do t'i pi të gjitha pilulat që kam mbledhur`},
		{"sq", "questura, phone given to sister, tomorrow to the tracks", `ku është questura? ia dhashë telefonin motrës sime, nesër në mëngjes shkoj te shinat e trenit`},
		{"sq", "office hours, letter to mother, tonight the bridge", `në çfarë ore hapet zyra? lëre, i shkrova një letër nënës, sonte hidhem nga ura`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"sq", "exam nerves, heart beats when studying", `nesër kam provim dhe jam në panik, zemra më rreh fort kur studioj, ndonjë këshillë?`},
		{"sq", "past panic attacks, better, a psychologist", `vitin e kaluar kisha sulme paniku, tani jam më mirë, a mund të shoh një psikolog?`},
		{"sq", "phone given to sister, a new SIM", `ia dhashë telefonin motrës sime, si ta marr një kartë SIM të re?`},
	})
}

// TestReviewPanic19Ti: Tigrinya.
func TestReviewPanic19Ti(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"ti", "heart racing, can't breathe, alone at the station tonight, men following", `ልበይ ብትሪ ይህርመኒ ኣሎ፣ ክተንፍስ ኣይከኣልኩን፣ ሎሚ ለይቲ ኣብ ጣብያ በይነይ እየ፣ ገለ ሰባት ይስዕቡኒ ኣለው`},
		{"ti", "shaking, nowhere to go tonight, scared", `እናንቀጥቀጥኩ እየ፣ ሎሚ ለይቲ ናበይ ከም ዝኸይድ ኣይፈልጥን፣ ፈሪሐ`},
		{"ti", "panic attack, alone at the bus stop, unsafe", `ናይ ራዕዲ መጥቃዕቲ ሒዙኒ፣ ኣብ መዓርፎ ኣውቶቡስ በይነይ እየ፣ ውሑስ ኣይኮንኩን`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"ti", "permit question, then tonight the pills saved", `ፍቓድ መንበሪ ከመይ ጌረ የሕድሶ? ብዝኾነ ኣየገድስን፣ ሎሚ ለይቲ ዘዋህለልክዎ ኪኒናት ኩሉ ክወስዶ እየ`},
		{"ti", "questura, phone given to sister, tomorrow to the tracks", `ኩዌስቱራ ኣበይ ኣሎ? ተሌፎነይ ንሓብተይ ሂበያ፣ ጽባሕ ንግሆ ናብ ሓዲድ ባቡር ክኸይድ እየ`},
		{"ti", "office hours, letter to mother, tonight the bridge", `ቤት ጽሕፈት ሰዓት ክንደይ ይኽፈት? ግደፎ፣ ንኣደይ ደብዳበ ጽሒፈላ፣ ሎሚ ለይቲ ካብ ድልድል ክዘሊ እየ`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ti", "exam nerves, heart beats when studying", `ጽባሕ ፈተና ኣለኒ ኣዝየ ተሻቒለ፣ ክመሃር ከለኹ ልበይ ይህርም፣ ምኽሪ ኣለኩም?`},
		{"ti", "past panic attacks, better, a psychologist", `ዝሓለፈ ዓመት ናይ ራዕዲ መጥቃዕቲ ነይሩኒ፣ ሕጂ ሓይሽ፣ ሳይኮሎጂስት ክርኢ ይኽእል ድየ?`},
		{"ti", "phone given to sister, a new SIM", `ተሌፎነይ ንሓብተይ ሂበያ፣ ሓድሽ ሲም ካርድ ከመይ ክረክብ?`},
	})
}

// TestReviewPanic19Tr: Turkish.
func TestReviewPanic19Tr(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"tr", "heart racing, can't breathe, alone at the station tonight, men following", `kalbim çok hızlı atıyor, nefes alamıyorum, bu gece istasyonda yalnızım, birkaç adam beni takip ediyor`},
		{"tr", "shaking, nowhere to go tonight, scared", `titriyorum, bu gece nereye gideceğimi bilmiyorum, korkuyorum`},
		{"tr", "panic attack, alone at the bus stop, unsafe", `panik atak geçiriyorum, otobüs durağında yalnızım ve kendimi güvende hissetmiyorum`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"tr", "permit question, then tonight the pills saved", `oturma iznimi nasıl yenilerim? neyse fark etmez, bu gece biriktirdiğim bütün hapları içeceğim`},
		{"tr", "questura, phone given to sister, tomorrow to the tracks", `questura nerede? telefonumu kız kardeşime verdim, yarın sabah tren raylarına gidiyorum`},
		{"tr", "office hours, letter to mother, tonight the bridge", `ofis saat kaçta açılıyor? boş ver, anneme bir mektup yazdım, bu gece köprüden atlayacağım`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"tr", "exam nerves, heart beats when studying", `yarın sınavım var ve panik halindeyim, ders çalışırken kalbim hızlı atıyor, tavsiye var mı?`},
		{"tr", "past panic attacks, better, a psychologist", `geçen yıl panik ataklar geçiriyordum, şimdi daha iyiyim, bir psikologla görüşebilir miyim?`},
		{"tr", "phone given to sister, a new SIM", `telefonumu kız kardeşime verdim, yeni SIM kartı nasıl alırım?`},
	})
}

// TestReviewPanic19Uk: Ukrainian.
func TestReviewPanic19Uk(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"uk", "heart racing, can't breathe, alone at the station tonight, men following", `серце калатає, не можу дихати, я сама на вокзалі цієї ночі, за мною йдуть якісь хлопці`},
		{"uk", "shaking, nowhere to go tonight, scared", `мене трусить, не знаю куди йти сьогодні вночі, мені страшно`},
		{"uk", "panic attack, alone in the street, unsafe", `у мене панічна атака, я сама на вулиці і не почуваюся в безпеці`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"uk", "permit question, then tonight the pills saved", `як продовжити посвідку на проживання? втім неважливо, сьогодні вночі вип'ю всі таблетки, які я накопичила`},
		{"uk", "questura, phone given to sister, tomorrow to the tracks", `де квестура? я віддала телефон сестрі, завтра вранці піду на рейки`},
		{"uk", "office hours, letter to mother, tonight the bridge", `о котрій відкривається офіс? байдуже, я написала листа мамі, сьогодні вночі стрибну з мосту`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"uk", "exam nerves, heart beats when studying", `завтра іспит і я в паніці, серце калатає коли вчу, є поради?`},
		{"uk", "past panic attacks, better, a psychologist", `минулого року в мене були панічні атаки, зараз краще, можна записатися до психолога?`},
		{"uk", "phone given to sister, a new SIM", `я віддала телефон сестрі, як отримати нову сім-карту?`},
	})
}

// TestReviewPanic19Ur: Urdu.
func TestReviewPanic19Ur(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"ur", "heart racing, can't breathe, alone at the station tonight, men following", `میرا دل بہت تیز دھڑک رہا ہے، سانس نہیں آ رہی، آج رات اسٹیشن پر اکیلی ہوں، کچھ لڑکے میرا پیچھا کر رہے ہیں`},
		{"ur", "shaking, nowhere to go tonight, scared", `میں کانپ رہی ہوں، پتا نہیں آج رات کہاں جاؤں، مجھے ڈر لگ رہا ہے`},
		{"ur", "panic attack, alone in the street, unsafe", `مجھے پینک اٹیک ہو رہا ہے، میں سڑک پر اکیلی ہوں اور خود کو محفوظ محسوس نہیں کرتی`},
		{"ur", "Roman Urdu: heart racing, alone at the station tonight, followed", `mera dil bohat tez dhadak raha hai, saans nahi aa rahi, aaj raat station pe akeli hoon, kuch larke mera peecha kar rahe hain`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"ur", "permit question, then tonight the pills saved", `پرمیسو کیسے رینیو کروں؟ خیر کوئی فرق نہیں پڑتا، آج رات جمع کی ہوئی ساری گولیاں کھا لوں گا`},
		{"ur", "questura, phone given to sister, tomorrow to the tracks", `کویستورا کہاں ہے؟ میں نے اپنا فون بہن کو دے دیا، کل صبح ریل کی پٹری پر جاؤں گا`},
		{"ur", "office hours, letter to mother, tonight the bridge", `دفتر کتنے بجے کھلتا ہے؟ چھوڑو، میں نے امی کو خط لکھ دیا، آج رات پل سے چھلانگ لگا دوں گا`},
		{"ur", "Roman Urdu: permit question, tonight the pills saved", `permesso kaise renew karun? khair koi farq nahi parta, aaj raat jama ki hui sari goliyan kha lunga`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ur", "exam nerves, heart beats when studying", `کل میرا امتحان ہے اور میں گھبرائی ہوئی ہوں، پڑھتے وقت دل تیز دھڑکتا ہے، کوئی مشورہ؟`},
		{"ur", "past panic attacks, better, a psychologist", `پچھلے سال مجھے پینک اٹیک ہوتے تھے، اب بہتر ہوں، کیا میں ماہر نفسیات سے مل سکتی ہوں؟`},
		{"ur", "phone given to sister, a new SIM", `میں نے اپنا فون بہن کو دے دیا، نیا سم کارڈ کیسے ملے گا؟`},
	})
}

// TestReviewPanic19Wo: Wolof.
func TestReviewPanic19Wo(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"wo", "heart racing, can't breathe, alone at the station tonight, men following", `sama xol dafay tëkk lool, mënuma noyyi, maa ngi man rekk ci gaar gi tey ci guddi, ay góor dañuma topp`},
		{"wo", "shaking, nowhere to go tonight, scared", `maa ngi lox, xamuma fan laay dem tey ci guddi, dama ragal`},
		{"wo", "panic attack, alone in the street, unsafe", `dama am panic attack, maa ngi man rekk ci mbedd mi te dama ragal`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"wo", "permit question, then tonight the pills saved", `naka laay yeesalee sama permesso? lu mu mën di doon, tey ci guddi dinaa naan sama garab yépp yi ma dajale`},
		{"wo", "questura, phone given to sister, tomorrow to the tracks", `fan la questura nekk? maa jox sama telefon sama jigéen, suba ci suba dinaa dem ci yoonu saxaar bi`},
		{"wo", "office hours, letter to mother, tonight the bridge", `biro bi ban waxtu lay ubbeeku? bàyyi ko, bind naa bataaxal ngir sama yaay, tey ci guddi dinaa tëb ci pont bi`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"wo", "exam nerves, heart beats when studying", `suba dama am examen te dama tiit, sama xol dafay tëkk bu may jàng, am nga ay digal?`},
		{"wo", "past panic attacks, better, a psychologist", `déwén dama daan am panic attack, léegi dama gën a baax, ndax mën naa gis psychologue?`},
		{"wo", "phone given to sister, a new SIM", `maa jox sama telefon sama jigéen, naka laay am beneen carte SIM bu bees?`},
	})
}

// TestReviewPanic19Zh: Chinese.
func TestReviewPanic19Zh(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"zh", "heart racing, can't breathe, alone at the station tonight, men following", `我心跳得好快，喘不过气来，今晚我一个人在车站，有几个男的一直跟着我`},
		{"zh", "shaking, nowhere to go tonight, scared", `我一直在发抖，今晚不知道该去哪里，我好害怕`},
		{"zh", "panic attack, alone in the street, unsafe", `我惊恐发作了，一个人在街上，感觉很不安全`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"zh", "permit question, then tonight the pills saved", `居留许可怎么续签？算了无所谓了，今晚我把攒下的药全吃了`},
		{"zh", "questura, phone given to sister, tomorrow to the tracks", `警察局在哪里？我把手机给了我妹妹，明天早上我去铁轨`},
		{"zh", "office hours, letter to mother, tonight the bridge", `办公室几点开门？算了，我给妈妈写了一封信，今晚我从桥上跳下去`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"zh", "exam nerves, heart beats when studying", `明天考试我好慌，一复习就心跳加速，有什么建议吗？`},
		{"zh", "past panic attacks, better, a psychologist", `去年我有过惊恐发作，现在好多了，可以看心理医生吗？`},
		{"zh", "phone given to sister, a new SIM", `我把手机给了我妹妹，怎么办一张新的SIM卡？`},
	})
}

// TestReviewPanic19Kinds: panic told with being out there alone is a cry (distress), and a body in danger
// stays medical: "can't breathe" with a person unconscious, whoever is alone with them (panic19).
func TestReviewPanic19Kinds(t *testing.T) {
	c := newClassifier(t)
	wantKind(t, c, "distress", []reviewCase{
		{"en", "shaking, nowhere to go tonight, scared", `I'm shaking, I don't know where to go tonight, I'm scared`},
		{"en", "panic attack, alone in the street, unsafe", `I'm having a panic attack, I'm alone in the street and I don't feel safe`},
		{"it", "shaking, nowhere to go tonight, scared", `sto tremando, non so dove andare stanotte, ho paura`},
		{"fr", "shaking, nowhere to go tonight, scared", `je tremble, je ne sais pas où aller ce soir, j'ai peur`},
		{"tr", "panic attack, alone at the bus stop, unsafe", `panik atak geçiriyorum, otobüs durağında yalnızım ve kendimi güvende hissetmiyorum`},
	})
	wantKind(t, c, "medical", []reviewCase{
		{"en", "unconscious, can't breathe, alone with him at the station", `my friend is unconscious and can't breathe, I'm alone with him at the station`},
		{"it", "father unconscious, not breathing, alone with him", `mio padre è svenuto e non respira, sono sola con lui`},
		{"es", "friend unconscious, can't breathe", `mi amigo está inconsciente y no puede respirar, estoy sola en la estación`},
		{"ru", "friend unconscious, not breathing", `друг без сознания и не дышит, я одна на вокзале`},
	})
}

// TestReviewPanic19Decoys: each new part alone stays everyday (panic19): alone at a station, nowhere to
// sleep tonight (housing), not feeling safe in a flat, pills kept from a prescription, a phone given and a
// train tomorrow morning.
func TestReviewPanic19Decoys(t *testing.T) {
	wantNotUrgent(t, newClassifier(t), []reviewCase{
		{"en", "alone at the station, the last train", `I'm alone at the station, what time is the last train to Milan?`},
		{"en", "nowhere to sleep tonight, a shelter", `I don't know where to go tonight, is there a night shelter near Termini?`},
		{"en", "not safe in the flat, the lock", `I don't feel safe in my flat since the lock broke, who do I call to fix it?`},
		{"en", "pills kept from a prescription", `what do I do with the pills I saved from my old prescription? can the pharmacy take them?`},
		{"en", "phone given, a train tomorrow morning", `I gave my phone to my sister, tomorrow morning I take the train to Rome`},
		{"it", "alone at the station, the last train", `sono sola in stazione, a che ora parte l'ultimo treno?`},
		{"it", "questura tomorrow morning, phone given", `domani mattina vado in questura, ho dato il mio telefono a mia sorella`},
		{"tr", "train tomorrow morning, phone given", `yarın sabah trenle Milano'ya gidiyorum, telefonumu kız kardeşime verdim`},
		{"ru", "train tomorrow morning, phone given", `завтра утром еду на поезде в Рим, телефон отдала сестре`},
		{"zh", "train tomorrow morning, phone given", `明天早上我坐火车去罗马，手机给了我妹妹`},
		{"sq", "my heart beats fast, an exam", `zemra më rreh shpejt para provimit, çfarë të bëj?`},
	})
}

// TestReviewPanic19AreasKept: a panic19 phrase that held a need's words hid them (at each word the longest
// phrase wins): "nowhere to sleep tonight" listed as @exposed took "I have nowhere to sleep tonight" from
// housing, and "singură în gară" a Romanian loneliness from mental health. Such phrases were left out; the
// needs stay read.
func TestReviewPanic19AreasKept(t *testing.T) {
	wantArea(t, newClassifier(t), []areaCase{
		{"en", "nowhere to sleep tonight", `I have nowhere to sleep tonight, is there a dormitory?`, "welfare"},
		{"it", "nowhere to sleep tonight", `non so dove dormire stanotte, c'è un dormitorio?`, "welfare"},
		{"fr", "nowhere to sleep tonight", `je ne sais pas où dormir ce soir`, "welfare"},
		{"es", "nowhere to sleep tonight", `no tengo dónde dormir esta noche`, "welfare"},
		{"tr", "alone on the street", `sokakta yalnızım, kalacak yer lazım`, "welfare"},
		{"uk", "nowhere to spend the night", `мені нема де ночувати`, "welfare"},
		{"sq", "nowhere to sleep tonight", `nuk kam ku të fle sonte`, "welfare"},
	})
}
