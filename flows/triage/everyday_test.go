package triage

import "testing"

// Everyday sentences — greetings, thanks, "what did you say", "I don't
// understand", "in my case", "ok" — are no need: they must give no area
// and no urgency, in every language. Short words that are also acronyms
// (DID, CAS, SAI) and typos of short words ("salam" is not "salat") were
// turning them into needs.
func TestEverydayNoArea(t *testing.T) {
	c := newClassifier(t)
	cases := map[string][]string{
		"it": {"ciao", "buongiorno", "salve", "grazie mille", "ok", "va bene", "cosa hai detto?", "non ho capito", "non capisco", "nel mio caso", "scusa puoi ripetere", "sai dove", "lo sai?", "si", "arrivederci", "ciao come stai", "andiamo al mare domenica", "si tratta di mio cugino", "vivo a bari da due anni", "sono al punto di partenza"},
		"en": {"hello", "hi", "good morning", "thank you", "thanks a lot", "ok", "okay", "what did you say", "what did you say?", "i did not understand", "I did it", "did you get my message", "i don't understand", "in my case", "yes", "bye", "in case", "ill call you tomorrow", "ill be there at 5"},
		"fr": {"bonjour", "salut", "merci", "merci beaucoup", "ok", "d'accord", "qu'est ce que vous avez dit", "je n'ai pas compris", "je ne comprends pas", "dans mon cas", "en cas de besoin", "dans ce cas", "au cas ou", "oui", "au revoir", "il me traite comme un ami", "ca se traite"},
		"es": {"hola", "buenos dias", "gracias", "muchas gracias", "ok", "vale", "que dijiste", "no entendi", "no entiendo", "en mi caso", "si", "adios", "se trata de mi hermano", "me puedes dar tu numero"},
		"ar": {"مرحبا", "السلام عليكم", "salam", "salam alikoum", "شكرا", "شكرا جزيلا", "ok", "ماذا قلت", "ما فهمت", "لم افهم", "في حالتي", "نعم", "ma fhemtch", "chokran", "salat"},
		"uk": {"привіт", "добрий день", "дякую", "дуже дякую", "ок", "що ви сказали", "я не зрозумів", "не розумію", "у моєму випадку", "так", "до побачення"},
		"sq": {"pershendetje", "miredita", "faleminderit", "ok", "cfare the", "nuk kuptova", "nuk e kuptoj", "ne rastin tim", "po", "mirupafshim", "tung"},
		"bn": {"হ্যালো", "আসসালামু আলাইকুম", "ধন্যবাদ", "ঠিক আছে", "ok", "আপনি কী বললেন", "বুঝিনি", "আমি বুঝতে পারছি না", "আমার ক্ষেত্রে", "হ্যাঁ", "salam", "dhonnobad"},
		"ur": {"سلام", "السلام علیکم", "شکریہ", "بہت شکریہ", "ٹھیک ہے", "ok", "آپ نے کیا کہا", "سمجھ نہیں آیا", "میں نہیں سمجھا", "میرے معاملے میں", "جی ہاں", "shukriya", "samajh nahi aya", "salam bhai"},
		"zh": {"你好", "您好", "谢谢", "非常感谢", "好的", "ok", "你说什么", "我不明白", "我没听懂", "在我的情况下", "是的", "再见"},
	}
	for lang, msgs := range cases {
		for _, msg := range msgs {
			r := c.Classify(msg)
			if r.Area != "" || r.Topic != "" || r.Urgent != "" {
				t.Errorf("%s %q: %s/%s urgent %q (%.2f), want no area", lang, msg, r.Area, r.Topic, r.Urgent, r.Confidence)
			}
		}
	}
}

// Acronyms count when written as acronyms, or with the words around them
// that make them one.
func TestAcronyms(t *testing.T) {
	c := newClassifier(t)
	tests := []struct{ text, area, topic string }{
		{"devo fare la DID", "work", "job_centre"},
		{"come si fa la did online", "work", "job_centre"},
		{"I need to do the DID for the centro impiego", "work", "job_centre"},
		{"sono ospite in un CAS a Milano", "legal", "asylum"},
		{"vivo nel centro cas", "legal", "asylum"},
		{"sono nel progetto SAI", "legal", "asylum"},
		{"je suis dans un CAS depuis 6 mois", "legal", "asylum"},
	}
	for _, tt := range tests {
		r := c.Classify(tt.text)
		if r.Area != tt.area || r.Topic != tt.topic {
			t.Errorf("Classify(%q) = %s/%s (%.2f), want %s/%s", tt.text, r.Area, r.Topic, r.Confidence, tt.area, tt.topic)
		}
	}
}

// Pain, heat and waiting that "kill" are not violence in English (the
// other lists still read "mi sta uccidendo" as a threat, as before the
// round that added @killsme), and an office or a doctor that does not
// answer is no one collapsed. A person who kills is violence still.
func TestIdiomsOfKillingAreNotUrgent(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ text, urgent string }{
		{"my head is killing me", ""},
		{"this heat is killing me", ""},
		{"my left arm hurts and the doctor doesn't answer", ""},
		{"ho male al braccio sinistro e il medico non risponde", ""},
		{"my husband is killing me", "violence"},
		{"mio marito mi sta uccidendo", "violence"},
	} {
		if got := c.Classify(tt.text).Urgent; got != tt.urgent {
			t.Errorf("%q: urgent %q, want %q", tt.text, got, tt.urgent)
		}
	}
}

// Heat, a queue, waiting, an exam or a job that "kill", laughter one dies
// of, being dying to do something: idioms in each of the 21 spoken
// languages, never a threat nor a suicide (issue 12, tune12). A person
// named as the killer stays violence beside them.
func TestIdiomsOfKillingStayCalmInEverySpokenLanguage(t *testing.T) {
	c := newClassifier(t)
	calm := map[string][]string{
		"it":  {"questa fila mi sta uccidendo", "sto morendo dal caldo, quando apre l'ufficio?", "muoio dalle risate", "questo caldo mi uccide", "l'esame mi ha ucciso", "questo lavoro mi ammazza", "il caldo mi sta uccidendo", "l'attesa mi uccide", "sto morendo dalle risate 😂", "muoio dalla voglia di vederti"},
		"en":  {"this heat is killing me", "this queue is killing me", "i'm dying of laughter", "the exam killed me lol", "my feet are killing me", "this job is killing me", "the waiting is killing me", "i'm dying to see the new flat", "the exam killed me"},
		"fr":  {"cette chaleur me tue", "cette file d'attente me tue", "je meurs de rire", "je suis mort de rire", "l'examen m'a tué", "ce travail me tue", "l'attente me tue", "je meurs d'envie de commencer"},
		"es":  {"me muero de risa", "este calor me mata", "esta cola me está matando", "el examen me mató", "este trabajo me mata", "la espera me mata", "el calor me está matando", "me muero de ganas de empezar el curso"},
		"ar":  {"هذا الحر يقتلني", "ميت من الضحك", "الانتظار قتلني", "الامتحان قتلني", "هذا الشغل راح يقتلني", "الحر قتلني اليوم", "الانتظار يقتلني", "متت من الضحك"},
		"uk":  {"ця спека мене вбиває", "помираю від сміху", "ця черга мене вбиває", "іспит мене вбив", "ця робота мене вбиває", "спека мене вбиває", "очікування мене вбиває"},
		"sq":  {"kjo vape po me vret", "po vdes gazit", "kjo radhe po me vret", "provimi me vrau", "pritja po me vret", "kjo pune po me vret"},
		"bn":  {"গরমে মরে যাচ্ছি", "হাসতে হাসতে মরে গেলাম", "এই লাইন আমাকে মেরে ফেলছে", "এই কাজ আমাকে মেরে ফেলবে", "গরম আমাকে মেরে ফেলছে"},
		"ur":  {"یہ گرمی مجھے مار رہی ہے", "ہنس ہنس کر مر گیا", "garmi se mar raha hoon", "ye kaam meri jaan nikal raha hai", "ye garmi meri jaan le legi"},
		"zh":  {"热死我了", "笑死我了", "排队排死我了", "这个考试要了我的命", "这份工作要我的命", "等死我了", "累死我了", "饿死了，哪里有食堂"},
		"fil": {"pinapatay ako ng init", "patay na ako sa tawa", "nakakamatay ang pila dito", "pinatay ako ng exam", "ang init nakakamatay"},
		"ru":  {"эта жара меня убивает", "умираю со смеху", "эта очередь меня убивает", "экзамен меня убил", "эта работа меня убьет", "жара меня убивает", "ожидание меня убивает", "умираю от скуки"},
		"tr":  {"bu sıcak beni öldürüyor", "gülmekten öldüm", "bu kuyruk beni öldürdü", "sınav beni öldürdü", "bu iş beni öldürecek", "bu sıcak beni öldürecek", "sınav beni öldürecek", "bu bekleme beni öldürüyor"},
		"fa":  {"این گرما منو میکشه", "از خنده مردم", "این صف منو کشت", "امتحان منو کشت", "این گرما داره منو میکشه", "این کار منو میکشه"},
		"ps":  {"دا ګرمي مې وژني", "له خندا مړ شوم", "دا کار مې وژني"},
		"so":  {"kulaylkan ayaa i dilaya", "qosol baan u dhintay", "safkan ayaa i dilay", "shaqadan ayaa i dilaysa", "kulaylka ayaa i dilaya", "imtixaanka ayaa i dilay"},
		"pa":  {"garmi ne maar ditta", "hass hass ke mar gaya", "ਇਹ ਗਰਮੀ ਮੈਨੂੰ ਮਾਰ ਰਹੀ ਹੈ", "ਇਹ ਕੰਮ ਮੈਨੂੰ ਮਾਰ ਦੇਵੇਗਾ", "ਗਰਮੀ ਮੈਨੂੰ ਮਾਰ ਰਹੀ ਹੈ", "eh kamm mainu maar devega"},
		"ti":  {"እዚ ሙቐት ይቐትለኒ ኣሎ", "ብሰሓቕ ሞይተ", "እዚ ስራሕ ይቐትለኒ ኣሎ", "ሙቐት ይቐትለኒ ኣሎ", "ፈተና ይቐትለኒ ኣሎ"},
		"am":  {"ይህ ሙቀት ገደለኝ", "በሳቅ ሞትኩ", "ይህ ሰልፍ ገደለኝ", "ይህ ስራ ይገድለኛል", "ሙቀቱ ይገድለኛል", "ፈተናው ገደለኝ"},
		"ro":  {"caldura asta ma omoara", "mor de ras", "coada asta ma omoara", "examenul m-a omorat", "munca asta ma omoara", "căldura mă omoară", "asteptarea ma omoara", "mor de foame, unde e cantina sociala?"},
		"wo":  {"tangaay bi dafa may rey", "dama dee ci ree", "liggeey bii dafa may rey", "tangaay bi dafa ma rey", "liggeey bi dafa may rey"},
	}
	if len(calm) != len(Languages()) {
		t.Errorf("idioms for %d languages, want every one of the %d spoken", len(calm), len(Languages()))
	}
	for lang, msgs := range calm {
		for _, msg := range msgs {
			if r := c.Classify(msg); r.Urgent != "" {
				t.Errorf("%s %q: urgent %q, want none: an idiom", lang, msg, r.Urgent)
			}
		}
	}
	for _, msg := range []string{"mio marito mi uccide", "il capo dice che se parlo mi uccide", "mon mari va me tuer", "mi esposo me va a matar", "burri po me vret", "kocam beni öldürecek", "ninkayga ayaa i dilaya", "sotul meu ma omoara", "ባሌ ይገድለኛል", "ሰብኣየይ ይቐትለኒ እዩ", "شوهرم منو میکشه", "ਮੇਰਾ ਘਰਵਾਲਾ ਮੈਨੂੰ ਮਾਰ ਦੇਵੇਗਾ", "jëkkër bi dafa may rey"} {
		if r := c.Classify(msg); r.Urgent != "violence" {
			t.Errorf("%q: urgent %q, want violence: a killer named", msg, r.Urgent)
		}
	}
}
