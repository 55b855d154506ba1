package triage

import "testing"

// Review of the old sentence calms (oldfig17, issue 12): before the figure
// rule (calm roles figure, kills, link, heat, cause), kill idioms were
// calmed or ignored one sentence at a time by calm and ignore lines of
// data/safety/<lang>.tsv and topic lines of data/calm. A calm line is found
// near (up to three words between its words), so "rent will kill" calmed
// "the rent my husband will kill me"; an ignore line hides the dangers
// inside it, so "this heat will kill me" hid "tonight, he has a knife".
// These are threats by a person, or a heat that is a heat stroke: the
// lists alone must read them (wantListsUrgent), the net may not stand in.
func TestReviewOldfig17ThreatsTheOldLinesHid(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		// The reviewer's cases: a person named before the figure word.
		{lang: "ar", why: "the boss (owner of the work) will kill me", msg: `صاحب الشغل رح يقتلني`},
		{lang: "tr", why: "the landlord will kill me", msg: `kira sahibi beni öldürecek`},
		{lang: "ur", why: "the work guy will kill me", msg: `kaam wala mujhe maar dalega`},
		{lang: "it", why: "the landlord will kill me", msg: `il padrone dell'affitto mi ammazza`},
		{lang: "fa", why: "the employer will kill me", msg: `صاحب کار منو میکشه`},
		{lang: "en", why: "the rent, my husband will kill me", msg: `the rent my husband will kill me if I don't pay`},
		{lang: "en", why: "the heat, my boss will kill me", msg: `the heat my boss will kill me`},
		{lang: "fil", why: "my husband will kill me in the heat", msg: `papatayin ako ng asawa ko sa init`},
		{lang: "en", why: "tonight, he has a knife", msg: `this heat will kill me tonight, he has a knife`},
		{lang: "es", why: "heat stroke: fainted, vomiting", msg: `el calor me va a matar, me desmayé y tengo vómitos`},
		// More like them: a person before or between, a cause word before
		// a person, a present danger or a heat stroke after the idiom.
		{lang: "en", why: "the job, my boss will kill me", msg: `the job my boss will kill me if I'm late`},
		{lang: "es", why: "the boss at work kills me", msg: `el jefe del trabajo me mata`},
		{lang: "es", why: "heat stroke: fainted, vomiting", msg: `el calor me mata, me desmayé y tengo vómitos`},
		{lang: "fr", why: "the boss from work", msg: `le patron du boulot me tue`},
		{lang: "fr", why: "the landlord of the rent", msg: `le proprio du loyer va me tuer`},
		{lang: "it", why: "the boss at work", msg: `il capo del lavoro mi ammazza`},
		{lang: "it", why: "the guy in the queue", msg: `il tizio della fila mi uccide`},
		{lang: "it", why: "my husband, with the heat as a cause", msg: `mio marito per il caldo mi uccide`},
		{lang: "ar", why: "the work manager will kill me", msg: `مدير الشغل رح يقتلني`},
		{lang: "ar", why: "the landlord is killing me", msg: `صاحب الايجار عم يقتلني`},
		{lang: "ar", why: "Egyptian: the boss at work will kill me", msg: `معلم الشغل هيقتلني`},
		{lang: "tr", why: "the landlord, because of the rent", msg: `kira yüzünden ev sahibi beni öldürecek`},
		{lang: "ur", why: "the owner of the work", msg: `kaam ka malik mujhe maar dalega`},
		{lang: "ur", why: "the rent man", msg: `kiraya wala mujhe maar dega`},
		{lang: "fil", why: "the landlady, because of the rent", msg: `papatayin ako ng kasera dahil sa upa`},
		{lang: "fa", why: "the landlord, because of the rent", msg: `صاحبخونه بخاطر اجاره منو میکشه`},
		{lang: "fa", why: "the head at work", msg: `رئیس کار منو میکشه`},
		{lang: "sq", why: "my husband, for the rent", msg: `burri im per qira po me vret`},
		{lang: "pt", why: "the owner of the rent", msg: `o dono do aluguel esta me matando`},
		{lang: "en", why: "the queue idiom, then a man with a knife tonight", msg: `the queue will kill me tonight, he is outside with a knife`},
	})
}

// Decoys of oldfig17: the idioms the old lines were written for stay calm
// with the figure rule alone, and the lines added beside it (a boss, a
// landlord or a husband named as the killer; Arabic, Persian, Albanian and
// French figure, kills and link forms; the Filipino and Urdu idioms kept
// side by side) calm what they were added for. Calm since before oldfig17
// by the old lines; they guard its removals and its new phrases.
func TestReviewOldfig17IdiomsStayCalm(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "the rent, the old ignore line", msg: `the rent is killing me`},
		{lang: "en", why: "the heat, the old ignore line", msg: `this heat will kill me`},
		{lang: "en", why: "the questura, kept side by side", msg: `the questura will kill me`},
		{lang: "es", why: "the boss, a laugh", msg: `mi jefe me mata de risa`},
		{lang: "es", why: "the rent, the old ignore line", msg: `este alquiler me va a matar`},
		{lang: "es", why: "the heat, no harm", msg: `el calor me va a matar`},
		{lang: "it", why: "the boss, with work", msg: `il padrone mi ammazza di lavoro`},
		{lang: "it", why: "this job", msg: `questo lavoro mi sta uccidendo`},
		{lang: "fr", why: "the boss, a laugh", msg: `le patron me tue de rire`},
		{lang: "fr", why: "the queue", msg: `cette file d'attente me tue`},
		{lang: "ar", why: "Levantine Arabizi: this job", msg: `hal shighl 3am yi2telni`},
		{lang: "ar", why: "Egyptian: this job", msg: `الشغل ده هيقتلني`},
		{lang: "ar", why: "Levantine: the rent", msg: `الايجار هاد رح يموتني`},
		{lang: "fa", why: "the heat, with the auxiliary", msg: `این گرما داره منو میکشه`},
		{lang: "fa", why: "the rent", msg: `کرایه منو میکشه`},
		{lang: "tr", why: "the rent", msg: `kira beni öldürecek`},
		{lang: "ur", why: "the work, no writer named", msg: `ye kaam maar dalega`},
		{lang: "ur", why: "the rent, the writer named", msg: `kiraya mujhe maar dalega`},
		{lang: "pa", why: "the rent, no writer named", msg: `kiraya maar dega`},
		{lang: "fil", why: "the rent, really", msg: `papatayin talaga ako ng renta`},
		{lang: "fil", why: "the heat, verb first", msg: `pinapatay ako ng init`},
		{lang: "sq", why: "the rent, no article", msg: `kjo qira po me vret`},
		{lang: "sq", why: "the queue, no writer named", msg: `radha vret`},
		{lang: "pt", why: "the rent, kept side by side", msg: `o aluguel esta me matando`},
	})
}

// TestUnwellIsNoChildHarm: the writer's own fainting or vomiting ends a
// figure of heat's calm (@unwell) but is no harm to a child named in the
// message (second read of stop 37: as @harm, with @minor, "my son is fine,
// I am vomiting" was a child in danger); a heat stroke stays urgent.
func TestUnwellIsNoChildHarm(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "es", why: "a son fine, the writer vomiting", msg: `mi hijo de 3 años está bien, yo tengo vómitos, ¿qué médico me ve hoy?`},
		{lang: "es", why: "a daughter at school, the writer fainted yesterday", msg: `mi hija de 5 años fue al colegio, yo me desmayé ayer por el calor, ¿qué médico?`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "es", why: "heat stroke, a child named", msg: `el calor me va a matar, me desmayé y tengo vómitos, estoy sola con mi hijo de 3 años`},
	})
}
