package triage

import "testing"

// Review revh (tuneM, round 11): the farewell parts tuneM listed are
// everyday words. "tell my sister" (@farewell) in it/es/fr/ru/tr/fil/so/bn
// holds any errand for a sister, "left letters for everyone" a postman,
// "I can't anymore" the heat: each pairs with a polite goodbye (@end) into
// a suicide. All these were calm on 3bff6ca.
func TestReviewRevhFarewellActsOnEverydayMessages(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"en", "letters at a wedding", "I left letters for everyone at the wedding, goodbye and see you"},
		{"en", "Christmas letters", "I wrote letters to everyone for Christmas, goodbye"},
		{"en", "late for a sister", "tell my sister I'm sorry I'm late, goodbye"},
		{"en", "the heat", "I can't anymore with this heat, goodbye"},
		{"en", "the heat, late for a sister", "I can't anymore with this heat. tell my sister I'm sorry I'm late"},
		{"en", "pills for a cough", "i took the pills. i can't anymore with this cough"},
		{"it", "ask a brother to call", "di a mio fratello di chiamarmi, addio"},
		{"es", "late for a sister", "dile a mi hermana que lo siento, llego tarde. adiós"},
		{"es", "ask a brother to call", "dile a mi hermano que me llame, adiós"},
		{"fr", "ask a brother to call", "dites à mon frère de m'appeler, adieu"},
		{"ru", "late for a sister", "скажите сестре что я опоздаю. прощай"},
		{"ru", "ask a brother to call", "скажи брату чтобы позвонил, прощайте"},
		{"tr", "late for a sister", "ablama söyleyin geç kalacağım, hoşça kalın"},
		{"tr", "ask a sister to call", "kız kardeşime söyleyin beni arasın, elveda"},
		{"fil", "ask a sibling to call", "sabihin mo sa kapatid ko na tawagan ako, paalam"},
		{"so", "ask a sister to call", "walaashay u sheeg inay i soo wacdo, nabadgelyo"},
		{"bn", "ask a sister to call", "আমার বোনকে বলো আমাকে ফোন করতে, বিদায়"},
		{"ar", "the heat", "ما عدت أقدر من الحر، وداعا"},
	})
}

// Review revh: the roof narrowing hides suicides. uk/tr were urgent on
// 3bff6ca (the roof's suicide 0.6 joined the goodbye's 0.6; tuneM removed
// it, and "çatıdayım" is no longer even Turkish). it/en/es were missed on
// both builds: the building's roof and the goodbye are both @end, and two
// of one part make nothing, so "a building is enough" holds only with a
// part of another kind.
func TestReviewRevhRoofAndGoodbyeIsSuicide(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"it", "on the building's roof, goodbye", "sono sul tetto del palazzo, addio"},
		{"en", "on the building's roof, goodbye", "I'm on the roof of the building, goodbye"},
		{"es", "on the roof terrace, goodbye all", "estoy en la azotea. adiós a todos"},
		{"uk", "on the roof, farewell (urgent on 3bff6ca)", "я на даху. прощавайте"},
		{"tr", "on the roof, farewell (urgent on 3bff6ca)", "çatıdayım. elveda"},
		{"tr", "on the roof, goodbye (urgent on 3bff6ca)", "çatıdayım, hoşça kalın"},
	})
}

// Review revh: zh.tsv's multi-word Pinyin signs count in every language
// (lexicon.go localSigns keeps only one-word signs to their language), and
// phrases are found near, in any order: "@harm ai da" (挨打) is found in
// Italian "da ... ai" and French "j'ai da", and with any word for a child
// makes a child in danger of everyday questions. All calm on 3bff6ca.
func TestReviewRevhPinyinSignInOtherLanguages(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"it", "food for the children", "cosa do da mangiare ai bambini la sera?"},
		{"it", "a passport for the children", "da quando ai miei figli serve il passaporto?"},
		{"it", "food for newborns", "dove si compra da mangiare ai neonati"},
		{"it", "a bonus for children aged 3 to 6", "ai bambini da 3 a 6 anni spetta il bonus?"},
		{"fr", "an appointment for a daughter", "j'ai da ma fille un rendez-vous"},
	})
}

// Review revh: zh.txt lists "suo" (Italian "his") among Pinyin words,
// against its own comment; a short Italian message loses its language.
// Urdu "rang" (colour) too. Both were read right on 3bff6ca.
func TestReviewRevhPinyinWordsTakeLanguage(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []struct{ lang, msg string }{
		{"it", "il suo numero"},
		{"ur", "rang gi?"},
	} {
		if r := c.Classify(tc.msg); r.Lang != tc.lang {
			t.Errorf("%q: language %q, want %q", tc.msg, r.Lang, tc.lang)
		}
	}
}

// Review revh: Greek violence at weight 1 in a language Frontdoor does not
// speak (no area lists, no calm): "has a knife" is a cook's, a kitchen's, a
// flat's; "will kill me" a boss's when late, as the mum's idiom tuneM
// ignored; "με χτυπάει ο ήλιος" the sun. All calm on 3bff6ca.
func TestReviewRevhGreekEverydayKnivesAndIdioms(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"el", "the boss if late", "Θα με σκοτώσει ο προϊστάμενος αν αργήσω, τι ώρα ανοίγει;"},
		{"el", "the sun", "με χτυπάει ο ήλιος στο κεφάλι, πού βρίσκω καπέλο;"},
	})
}

// Open false alarms of review revH, left out of the tables above because
// their mend would hide a present danger (safety first):
//   en "I'm a postman, I left letters for everyone, bye": "left letters for
//     everyone" is a part of revd's farewell, and an ignore hides only its own
//     words, so a postman's job named before it cannot calm it;
//   el "Το διαμέρισμα έχει κουζίνα; έχει μαχαίρι, πιάτα, κατσαρόλες;",
//      "Η κουζίνα έχει μαχαίρι για ψωμί;", "Ο μάγειρας έχει μαχαίρι και ποδιά, ...",
//      "o mageiras exei maxairi, ti allo xreiazetai?", "... η σχολή έχει μαχαίρι για κάθε μαθητή;":
//     "has a knife" stays violence 1 in Greek: at 0.6 "Είναι έξω από την πόρτα,
//     έχει μαχαίρι" (he is outside the door, he has a knife) was calm, and Greek
//     has no area lists or calm words yet to tell a kitchen from a threat.
