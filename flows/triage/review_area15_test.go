package triage

import "testing"

// areaCase is a message and the need area the desk should sort it into.
type areaCase struct{ lang, why, msg, area string }

// wantArea fails for each case sorted into another area than its own.
func wantArea(t *testing.T, c *Classifier, cases []areaCase) {
	t.Helper()
	for _, tc := range cases {
		if r := c.Classify(tc.msg); r.Area != tc.area {
			t.Errorf("%s (%s): %q: area %q, want %q", tc.lang, tc.why, tc.msg, r.Area, tc.area)
		}
	}
}

// Issue 12 (branch area15): the area forms of area14 (docs/wip, set ad) and of
// sets ae and af's area misses, each message written anew around a form (not
// a held-out line), and for each form a decoy: a message of another area that
// holds the same words and must keep its own.
func TestReviewArea15Forms(t *testing.T) {
	c := newClassifier(t)
	wantArea(t, c, []areaCase{
		// area14's forms.
		{"it", "a free lawyer", "come posso avere un avvocato d'ufficio? non ho soldi", "legal"},
		{"es", "a death certificate", "necesito el certificado de defuncion de mi padre, donde lo pido?", "legal"},
		{"fr", "the asylum commission", "À la commission je dois raconter mon voyage, je peux venir avec un interprète ?", "legal"},
		{"it", "volunteering", "vorrei fare volontariato con i rifugiati la sera, a chi devo chiedere?", "welfare"},
		{"en", "sending money home", "what is the cheapest way to send money to my mother in Nigeria?", "welfare"},
		{"it", "the tax forms of a wage", "come faccio il 730 con la certificazione unica del datore?", "work"},
		{"it", "a carer's rest", "quante ore di riposo ha una badante convivente?", "work"},
		{"tr", "opening one's own shop", "kendi dükkanımı açmak istiyorum, ne gerekli?", "work"},
		{"en", "experience in a trade", "I have 5 years of experience as a cook, any job in Turin?", "work"},
		{"ru", "one's own business", "хочу открыть свой бизнес, с чего начать?", "work"},
		// area15's forms.
		{"am", "the Italian language, in Latin letters", "selam, talian qwanqwa yemiyastemr bet alle Torino?", "education"},
		{"en", "the Italian teacher, a boss beside", "my italian teacher said I talk like my boss haha, what does 'magari' mean?", "education"},
		{"ru", "a first-aid course", "хочу пройти курсы первой помощи, где записаться в Турине?", "education"},
		{"sq", "the gymnasium", "dua ta regjistroj djalin në gjimnaz, cfare dokumentesh duhen?", "education"},
		{"uk", "a diploma confirmed, a trade beside", "хочу нарешті працювати бухгалтером, як підтвердити мій диплом?", "education"},
		{"it", "the SSN's voluntary registration, a reunion beside", "mia madre è arrivata col ricongiungimento, come fa l'iscrizione volontaria al SSN?", "health"},
		{"it", "a pain, a permit in renewal beside", "ho mal di schiena da una settimana, posso andare dal medico se ho il permesso in rinnovo?", "health"},
		{"fr", "quitting smoking", "je voudrais arrêter de fumer, il y a un centre gratuit à Turin ?", "health"},
		{"zh", "changing the family doctor, overtime beside", "最近老加班，搬家以后怎么换家庭医生？", "health"},
		{"bn", "for citizenship, a B1 certificate beside", "নাগরিকত্বের জন্য B1 সার্টিফিকেট লাগবে?", "legal"},
		{"so", "to sue", "deriskaygii ayaa i caayay sanadkii hore, ma dacwayn karaa?", "legal"},
		{"sq", "days off in a year", "sa dite pushim ne vit me takojne si kamariere?", "work"},
		{"es", "a break to eat at work", "¿es legal que el jefe no me deje pausa para comer en 9 horas?", "work"},
		{"es", "a collection for families", "hacemos una colecta para una familia que perdió todo en un incendio, ¿a quién preguntamos?", "welfare"},
		{"uk", "humanitarian aid gathered", "де можна передати гуманітарку для переселенців?", "welfare"},
		{"ur", "a rented house, a payslip beside", "کرائے کا گھر چاہیے، ہر کوئی busta paga مانگتا ہے", "welfare"},
		{"en", "a bus pass", "where do I get a cheaper monthly bus pass? the GTT one costs too much", "welfare"},
		{"fr", "hosting a refugee family", "on voudrait accueillir une famille de réfugiés chez nous, comment faire ?", "welfare"},

		// Decoys: the same words in a message of another area.
		{"fr", "decoy: a bank's 'commission' on money sent", "la banque prend la commission pour envoyer de l'argent au Sénégal ?", "welfare"},
		{"it", "decoy: 'mi spetta' of a benefit (not a worker's due)", "mi spetta l'assegno unico?", "welfare"},
		{"it", "decoy: 'tempo pieno' of a school", "mio figlio fa il tempo pieno alla scuola primaria, a che ora esce?", "education"},
		{"en", "decoy: an Italian teacher unpaid", "I work as an Italian teacher at a language school, my boss has not paid my salary for 2 months", "work"},
		{"ru", "decoy: a first-aid course at work, unpaid", "работодатель требует курс первой помощи, а зарплату не платит уже 2 месяца", "work"},
		{"sq", "decoy: a school's days off", "sa dite pushim kane femijet ne shkolle per Krishtlindje?", "education"},
		{"es", "decoy: a course's break to eat", "en el curso de italiano hay pausa para comer? es de 9 a 15", "education"},
		{"en", "decoy: a bus pass for school", "my son needs a bus pass to get to school, does the school give it?", "education"},
		{"fr", "decoy: quitting smoking at work", "mon patron m'a dit d'arrêter de fumer pendant le travail, il peut me licencier ?", "work"},
		{"it", "decoy: a back pain in the payslip", "il datore di lavoro non mi ha messo in busta paga i giorni di malattia per il mal di schiena", "work"},
	})
}

// TestReviewArea15DangersKept: a danger told beside the new area forms stays
// urgent (no area word is also a danger word), and a danger one edit from a
// form left out (Italian "tesina", Croatian "tišina", silence) is not taken
// under the net's threshold by a need it does not name.
func TestReviewArea15DangersKept(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"it", "beaten now, a complaint asked", "mio marito mi picchia ogni sera, voglio fare denuncia"},
		{"en", "beaten now, charges asked", "he hits me every day, I want to press charges"},
		{"zh", "beaten now, a report to the police asked", "他每天打我，我想报案"},
		{"hr", "a baby silent behind a locked door ('tišina', not 'tesina')", "beba od susjeda plakala je satima, sad je potpuna tišina, majka je otišla ujutro i vrata su zaključana"},
	})
}
