package triage

import "testing"

// Review of blind set al's false alarms (alfa17, issue 12): after its first
// run, its ten false alarms were all the lists'. Each is mended by its
// cause, with the false alarm and two or three like it (decoys), and a
// present danger beside it that must stay urgent.

// Arabizi: a word holding a digit-letter is dense, so a word one edit away
// is another word, not its typo: "t3awni" (help me) and "t3abni" (it tired
// me) are not "t3anni" (he stabbed me). Only the verb's person prefix may
// differ ("t2telni", she will kill me, is "y2telni").
func TestReviewAlfa17ArabiziNoOneEdit(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ar", why: "al: my sister helps me with the talk", msg: `slm 3likom, 3ndi rendez-vous f questura d Bologna nhar 12 maggio m3a 9:30, wach khassni njib contrat dyal lkra wla ghir passport w codice fiscale w 4 tsawer? w wach n9der nmchi m3a khti t3awni f lhedra`},
		{lang: "ar", why: "can you help me with the rent papers", msg: `wach t9der t3awni f lwra9 dyal lkra`},
		{lang: "ar", why: "these papers tired me", msg: `had lwra9 t3abni bzaf, wach kayn chi 7al`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "ar", why: "my husband stabbed me (the listed form)", msg: `jouzi t3anni b lmous, rani f tri9`},
		{lang: "ar", why: "my husband is killing me", msg: `rajli y9telni, 3awnouni daba`},
		{lang: "ar", why: "a typo of a word without a digit is still read", msg: `jouzi kaydrrbni daba`},
		{lang: "ar", why: "another person prefix: she will kill me (y2telni listed)", msg: `hiya ra7 t2telni, 3awnouni`},
	})
}

// A held document is the writer's (Persian پاسپورتم, Somali baasaboorkayga)
// or has its holder named: a bare noun found near "گرفتن" (the infinitive,
// to get) or "haysto" (I have) is the writer asking for a document or
// telling they have none.
func TestReviewAlfa17HeldDocumentIsTheWriters(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "fa", why: "al: to get a refugee travel document", msg: "سلام، من پناهنده هستم و می\u200cخوام برای گرفتن titolo di viaggio (پاسپورت پناهندگی) اقدام کنم. چه مدارکی لازمه، چقدر هزینه\u200cست و چند وقت طول میکشه؟"},
		{lang: "fa", why: "where to go to get an Iranian passport", msg: `برای گرفتن پاسپورت ایرانی باید کجا برم؟`},
		{lang: "fa", why: "to get residence documents", msg: `برای گرفتن مدارک اقامت چه کار کنم؟`},
		{lang: "so", why: "al: I have no Somali passport", msg: `Salaan, sidee ayaan u codsadaa documento di viaggio? waxaan haystaa protezione sussidiaria, baasaboor Soomaali ma haysto`},
		{lang: "so", why: "I have no passport, how do I get a travel document", msg: `baasaboor ma haysto, sidee ayaan u helaa documento di viaggio?`},
		{lang: "so", why: "I have a Somali passport, do I need a visa", msg: `waxaan haystaa baasaboor Soomaali, ma u baahanahay fiisa?`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "fa", why: "the employer took my passport", msg: `صاحبکار پاسپورتمو گرفته و پس نمیده`},
		{lang: "fa", why: "they took my passport and won't let me go", msg: `پاسپورتم رو گرفتن و نمیذارن برم`},
		{lang: "fa", why: "the smuggler took the passport from me", msg: `قاچاقچی پاسپورت رو ازم گرفتن`},
		{lang: "so", why: "he holds my passport, forces me to work", msg: `baasaboorkayga ayuu haystaa, wuxuu igu qasbayaa shaqo`},
		{lang: "so", why: "they hold the passport", msg: `baasaboorka way haystaan, guriga nagama sii daayaan`},
	})
}

// A frame asking how to recognise a danger's signs or victims is asked from
// outside (calm role about, data/calm/en.tsv): a teacher's question, not a
// trafficking told.
func TestReviewAlfa17HowToRecogniseSigns(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "al: a teacher asks how to recognise signs", msg: `I'm a volunteer teacher at the Italian school for migrants in Padova. Some of my students asked how to recognise signs of trafficking or labour exploitation so they can help friends (passports taken, debts, no pay). Do you have leaflets in Tigrinya, Bangla and English we could hand out on Thursday at 18:00?`},
		{lang: "en", why: "a language course: how to spot the signs", msg: `I run a language course for women, how do we know how to spot the signs of trafficking? any training?`},
		{lang: "en", why: "social workers: how to identify victims", msg: `for our social workers at the cooperative: how to identify victims of labour exploitation in agriculture, is there a course?`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "en", why: "the question, then the writer's own danger", msg: `how to recognise trafficking? my boss took my passport and locks me in`},
		{lang: "en", why: "the frame, then a beating now", msg: `how to recognise signs of trafficking, he took my passport and he is hitting me now`},
		{lang: "en", why: "a teacher tells a student locked in now", msg: `I'm a teacher. one of my students says her boss took her passport and locks her in at night, she is there now`},
	})
}

// An animal slaughtered (a cooking class, the Eid sheep) is no violence:
// French "égorger" with the animal right after it is an ignore line; the
// writer or a person threatened with it stays violence.
func TestReviewAlfa17AnimalSlaughteredIsNoViolence(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "fr", why: "al: a cooking class, slaughter the chickens", msg: `Petite question pour le cours de cuisine du jeudi à la maison de quartier : on va vraiment apprendre à égorger les poulets ou c'est juste découper? Ma femme a peur du sang mdr. Et on doit apporter notre couteau ?`},
		{lang: "fr", why: "the Eid sheep at home", msg: `Pour l'Aïd, est-ce qu'on a le droit d'égorger le mouton à la maison ou il faut aller à l'abattoir ?`},
		{lang: "fr", why: "hens at the farm, children afraid of blood", msg: `À la ferme de mon oncle on va égorger les poules pour la fête, mes enfants ont peur du sang`},
		{lang: "fr", why: "the butcher shows a lamb", msg: `Le boucher peut-il nous montrer comment égorger un agneau pour l'Aïd ?`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "fr", why: "he will slit my throat, a chicken bought", msg: `il m'a dit qu'il va m'égorger, il a acheté un poulet et un couteau`},
		{lang: "fr", why: "like a sheep, at the door with a knife", msg: `il veut m'égorger comme un mouton, il est devant la porte avec un couteau`},
		{lang: "fr", why: "my husband threatens to slit my throat", msg: `mon mari menace de m'égorger, j'ai peur, il a un couteau`},
	})
}

// Bengali romanised "now fine" (ekhon thik ache) and "last month" (goto
// mashe) tell an injury past and over, as their Bengali-script forms do.
// Al's cricket injury says "gotokal" (yesterday), no past time here: it is
// left urgent.
func TestReviewAlfa17BengaliRomanisedOver(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "bn", why: "his head split last year, fine now, a permit", msg: `or matha fete gechilo goto bochor, ekhon thik ache. permit lage?`},
		{lang: "bn", why: "my head split at work last year, fine now, INAIL", msg: `amar matha fete gechilo kaje goto bochor, ekhon thik achi, INAIL e ki form dite hobe?`},
		{lang: "bn", why: "my brother last month, fine now, the hospital bill", msg: `amar bhai er matha fete gechilo goto mashe, ekhon thik ache, hospital er bill kivabe dibo?`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "bn", why: "over, then tonight beaten and bleeding", msg: `goto mashe amar swami amake marechilo, ekhon thik achi, kintu aaj raate abar marche, rokto porche`},
		{lang: "bn", why: "fine said, but unconscious now", msg: `ekhon thik ache bolche kintu or matha fete geche, ekhon oggyan hoye geche`},
		{lang: "bn", why: "head split, bleeding, not speaking now", msg: `amar bhai er matha fete geche, rokto porche, ekhon kotha bolche na`},
	})
}
