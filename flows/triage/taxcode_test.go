package triage

import "testing"

// TestTaxCodeGoesToHealth: a question about the codice fiscale or the
// tessera sanitaria goes to health/tax_code, its one page (on the health
// and the legal menus), in every spoken language: with the Italian name,
// with the language's own words, and when the card expired or is to be
// renewed (the renewal words alone would make it a permit renewal). A
// permit's own renewal stays legal.
func TestTaxCodeGoesToHealth(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ lang, text, area, topic string }{
		{"it", "come faccio il codice fiscale?", "health", "tax_code"},
		{"en", "how do I get my codice fiscale?", "health", "tax_code"},
		{"en", "I need a tax code for my new job", "health", "tax_code"},
		{"fr", "comment avoir le codice fiscale ?", "health", "tax_code"},
		{"fr", "je dois faire mon code fiscal pour le permis", "health", "tax_code"},
		{"es", "como saco el codice fiscale", "health", "tax_code"},
		{"es", "necesito el codigo fiscal para trabajar", "health", "tax_code"},
		{"ar", "كيف احصل على الكوديتشي فيسكالي", "health", "tax_code"},
		{"ar", "بغيت ندير codice fiscale", "health", "tax_code"},
		{"uk", "як отримати codice fiscale?", "health", "tax_code"},
		{"uk", "де зробити податковий код", "health", "tax_code"},
		{"sq", "si ta marr kodin fiskal", "health", "tax_code"},
		{"sq", "ku behet codice fiscale", "health", "tax_code"},
		{"bn", "codice fiscale কিভাবে করবো", "health", "tax_code"},
		{"bn", "কোডিচে ফিসকালে কোথায় পাবো", "health", "tax_code"},
		{"ur", "codice fiscale kaise banta hai", "health", "tax_code"},
		{"ur", "کودیچے فسکالے کہاں سے بنے گا", "health", "tax_code"},
		{"zh", "怎么办税号 codice fiscale", "health", "tax_code"},
		{"zh", "我需要办税号", "health", "tax_code"},
		{"ro", "cum fac codul fiscal", "health", "tax_code"},
		{"ro", "unde se face codice fiscale", "health", "tax_code"},
		{"ru", "как получить codice fiscale", "health", "tax_code"},
		{"ru", "где сделать налоговый код", "health", "tax_code"},
		{"tr", "codice fiscale nasil alinir", "health", "tax_code"},
		{"tr", "vergi numarasi almam lazim", "health", "tax_code"},
		{"fil", "paano kumuha ng codice fiscale", "health", "tax_code"},
		{"fil", "kailangan ko ng tax code para sa trabaho", "health", "tax_code"},
		{"wo", "naka laay am codice fiscale?", "health", "tax_code"},
		{"fa", "کد مالیاتی را از کجا بگیرم", "health", "tax_code"},
		{"fa", "codice fiscale چطور بگیرم", "health", "tax_code"},
		{"ps", "codice fiscale څنګه واخلم", "health", "tax_code"},
		{"ps", "مالیاتي کوډ چیرته جوړیږي", "health", "tax_code"},
		{"so", "sideen ku helaa codice fiscale", "health", "tax_code"},
		{"so", "koodhka canshuurta xagee laga sameeyaa", "health", "tax_code"},
		{"pa", "codice fiscale ਕਿਵੇਂ ਬਣਦਾ ਹੈ", "health", "tax_code"},
		{"pa", "ਟੈਕਸ ਕੋਡ ਕਿੱਥੋਂ ਮਿਲੇਗਾ", "health", "tax_code"},
		{"ti", "codice fiscale ከመይ ይርከብ", "health", "tax_code"},
		{"am", "codice fiscale እንዴት አገኛለሁ?", "health", "tax_code"},
		{"am", "ኮዲቼ ፊስካሌ የት ነው የማወጣው?", "health", "tax_code"},
		{"it", "ho perso la tessera sanitaria", "health", "tax_code"},
		{"it", "mi serve il codice fiscale per il permesso di soggiorno", "health", "tax_code"},
		{"en", "my health card expired, how do I renew it", "health", "tax_code"},
		{"it", "la tessera sanitaria è scaduta, come la rinnovo", "health", "tax_code"},
		{"ru", "моя тессера истекла, как продлить?", "health", "tax_code"},
		{"ar", "البطاقة الصحية منتهية، كيف اجددها", "health", "tax_code"},
		{"fa", "کارت بهداشت من منقضی شده، چطور تمدید کنم", "health", "tax_code"},
		{"am", "የጤና ካርዴ ጊዜው አልፏል፣ እንዴት ላድሰው?", "health", "tax_code"},
		{"tr", "saglik kartimin suresi doldu, nasil yenilerim", "health", "tax_code"},
		{"es", "mi tarjeta sanitaria esta caducada, como la renuevo", "health", "tax_code"},
		{"uk", "медична картка закінчилась, як продовжити", "health", "tax_code"},
		{"it", "devo rinnovare il permesso di soggiorno, è scaduto", "legal", "permit_renewal"},
		{"en", "my permit expired, how do I renew it", "legal", "permit_renewal"},
		{"ru", "мне нужно продлить permesso di soggiorno", "legal", "permit_renewal"},
		{"ro", "mi-a expirat permisul de sedere, cum il reinnoiesc", "legal", "permit_renewal"},
	} {
		r := c.Classify(tt.text)
		if r.Lang != tt.lang || r.Area != tt.area || r.Topic != tt.topic {
			t.Errorf("%q: %s %s/%s, want %s %s/%s", tt.text, r.Lang, r.Area, r.Topic, tt.lang, tt.area, tt.topic)
		}
	}
}
