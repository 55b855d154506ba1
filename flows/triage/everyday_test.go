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
