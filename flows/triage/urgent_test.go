package triage

import "testing"

// Every urgent kind must be recognised in every language.
func TestUrgentEveryLanguage(t *testing.T) {
	c := newClassifier(t)
	kinds := [4]string{"violence", "exploitation", "trafficking", "medical"}
	cases := map[string][4]string{
		"it": {"il mio compagno mi picchia", "lavoro senza paga e il capo mi minaccia", "mi hanno preso il passaporto", "mio padre ha un dolore al petto"},
		"en": {"my husband beats me", "boss doesnt pay me and threatens me", "they took my passport", "my friend cant breathe"},
		"fr": {"mon copain me frappe", "le patron me paie pas et me menace", "ils ont pris mon passeport", "ma femme va accoucher"},
		"es": {"mi marido me pega", "el jefe no me paga y me amenaza", "me quitaron el pasaporte", "mi padre tiene dolor en el pecho"},
		"ar": {"زوجي يضربني", "صاحب الشغل ما يدفعلي ويهددني", "اخذوا جوازي", "عندي الم في الصدر"},
		"uk": {"чоловік мене б'є", "роботодавець не платить і погрожує", "забрали паспорт", "у мене кровотеча"},
		"sq": {"burri me rreh", "pronari nuk me paguan dhe me kercenon", "me moren pasaporten", "nuk marr fryme"},
		"bn": {"স্বামী আমাকে মারে", "মালিক বেতন দেয় না আর হুমকি দেয়", "পাসপোর্ট কেড়ে নিয়েছে", "বুকে ব্যথা"},
		"ur": {"شوہر مجھے مارتا ہے", "مالک تنخواہ نہیں دیتا اور دھمکی دیتا ہے", "پاسپورٹ لے لیا", "سینے میں درد ہے"},
		"zh": {"老公打我", "老板不给工资还威胁我", "他们拿走了我的护照", "我胸口痛"},
	}
	for lang, msgs := range cases {
		for k, msg := range msgs {
			r := c.Classify(msg)
			if r.Urgent != kinds[k] {
				t.Errorf("%s %q: urgent %q, want %q", lang, msg, r.Urgent, kinds[k])
			}
			if r.Lang != lang {
				t.Errorf("%s %q: language %q", lang, msg, r.Lang)
			}
		}
	}
}

func FuzzClassify(f *testing.F) {
	for _, s := range []string{"", "ciao", "مجھے کام چاہیے", "居留证", "\xff\xfe", "a\u0301", "💥💥", "ড়", "ـــ"} {
		f.Add(s)
	}
	c, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := c.Classify(s)
		if r.Confidence < 0 || r.Confidence > 1 || r.LangConfidence < 0 || r.LangConfidence > 1 {
			t.Errorf("Classify(%q): confidences out of range: %+v", s, r)
		}
		if r.Topic != "" && r.Area == "" {
			t.Errorf("Classify(%q): topic without area: %+v", s, r)
		}
	})
}
