package triage

import "testing"

// The mends of review rev15 (review_rev15_test.go): for each, the decoys
// (everyday messages with the same words that must stay calm) and the
// present dangers (that must stay urgent) the data rules ask for.

// A game (data/calm role game) calms its score, not the writer beaten at
// it (role me in or next to the danger phrase).
func TestRev15MendGameDecoys(t *testing.T) {
	wantNotUrgent(t, newClassifier(t), []reviewCase{
		{"en", "a game lost, 'beaten' at the match", `we got beaten at the match 3-0`},
		{"en", "a game lost, the coach angry", `we were beaten at the match again, 4-1, the coach is angry`},
		{"en", "my team beaten in the match, football asked", `in the match my team was beaten badly, where can I play football in Turin?`},
		{"it", "a game lost, 'botte' at the match", `alla partita abbiamo preso botte, 4 a 0, che figuraccia`},
		{"es", "a game lost, 'nos golpearon' at the match", `en el partido nos golpearon 3-0, qué vergüenza`},
		{"ru", "a game lost, 'нас избили' at the match", `на матче нас избили 3:0, позор`},
	})
}

func TestRev15MendGameDangers(t *testing.T) {
	wantKindRev15(t, newClassifier(t), []kindCase{
		{"en", "boyfriend hit me at the match, lip bleeding", "violence", `at the football match my boyfriend hit me, my lip is bleeding`},
		{"fr", "boyfriend hit me at the match, nose bleeding", "violence", `au match mon copain m'a frappée, je saigne du nez`},
		{"es", "boyfriend hit me at the match, nose bleeding", "violence", `en el partido mi novio me pegó, me sangra la nariz`},
		{"ru", "beaten at the match, bleeding", "violence", `на матче меня избили, у меня кровь`},
	})
}

// A how-to case followed by a danger the writer tells of themselves (role
// me in or just before the danger phrase) is asked from inside; an arm
// that will not move, told of oneself, is one sign of a stroke.
func TestRev15MendHowtoToldAfterDecoys(t *testing.T) {
	wantNotUrgent(t, newClassifier(t), []reviewCase{
		{"en", "a stroke asked, a sign read about", `how do you know if it's a stroke, i read that a numb arm is a sign`},
		{"en", "a stroke asked, a sign asked", `how do you know if it's a stroke, is a numb arm a sign?`},
		{"en", "a stroke asked by a carer", `how do you know if someone is having a stroke, i work as a carer`},
		{"en", "a stroke asked, first aid to learn", `how do you know if it's a stroke, i want to learn first aid`},
		{"en", "an arm that will not move after the gym", `I can't move my arm since the gym yesterday, which doctor should I see?`},
	})
}

func TestRev15MendHowtoToldAfterDangers(t *testing.T) {
	wantUrgent(t, newClassifier(t), []reviewCase{
		{"en", "asks how to tell a stroke, cannot lift an arm", `how can you tell if it's a stroke, i cannot lift my arm`},
		{"en", "asks what to do in a stroke, cannot move an arm", `what to do if someone is having a stroke, i can't move my arm`},
	})
}

// A list a how-to frame opened with a colon ends at an item that names the
// writer's own: the danger before it is theirs.
func TestRev15MendHowtoListKinDecoys(t *testing.T) {
	wantNotUrgent(t, newClassifier(t), []reviewCase{
		{"es", "a course's list, the father comes too", `curso de primeros auxilios: convulsiones, sangrado, inconsciente, mi padre también lo hace`},
		{"en", "a course's list, dad wants to come", `first aid course: seizures, bleeding, unconscious, my dad wants to come too`},
		{"es", "a list asked, the father named in the next sentence", `qué hacer si alguien: convulsiones, sangrado, inconsciente. mi padre es médico y no sabe`},
	})
}

func TestRev15MendHowtoListKinDangers(t *testing.T) {
	wantUrgent(t, newClassifier(t), []reviewCase{
		{"en", "a course's list, then my dad", `first aid course: seizures, bleeding, unconscious, my dad`},
		{"en", "a list asked, then my mum", `what to do if someone: seizures, bleeding, unconscious, my mum`},
	})
}

// A contrast right after a calm phrase ("safe now but") ends what it
// calms; a threat to kill us (es "amenaza con matarnos") is violence.
func TestRev15MendSafeButDecoys(t *testing.T) {
	wantNotUrgent(t, newClassifier(t), []reviewCase{
		{"es", "beaten once, safe now, a house asked", `mi ex me pegaba ya estamos a salvo pero necesitamos una casa`},
		{"es", "safe now, a permit asked", `ya estamos a salvo pero necesito ayuda con el permiso de residencia`},
		{"es", "a mother's joke, 'amenaza con matarnos'", `mi madre amenaza con matarnos si llegamos tarde jajaja`},
		{"en", "beaten once, safe now, a lawyer asked", `he used to beat me now we are safe but we need a lawyer for the divorce`},
	})
}

func TestRev15MendSafeButDangers(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"es", "safe, but he found us and has a knife", `ya estamos a salvo pero él nos encontró y tiene un cuchillo`},
		{"en", "beaten once, safe now, but he found us and will kill us", `he used to beat me now we are safe but he found us and says he will kill us`},
	})
	wantKindRev15(t, c, []kindCase{
		{"es", "safe, but he threatens to kill us", "violence", `ya estamos a salvo pero nos encontró y nos amenaza con matarnos`},
	})
}

// The Wolof ignore is "fu ma mëna" (where I can), no longer a bare "ma
// mëna", which is also Italian "ma mena" (but he beats).
func TestRev15MendMaMena(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"wo", "where can I learn Italian", `Ana fu ma mëna jàng italien ci Milano?`},
	})
	wantKindRev15(t, c, []kindCase{
		{"it", "he loves me but beats our daughter when he drinks", "child", `mi ama ma mena nostra figlia quando beve`},
	})
}

// An article written for school keeps its school (education.tsv): only the
// bare "article" words were taken off.
func TestRev15MendArticleDecoys(t *testing.T) {
	wantArea(t, newClassifier(t), []areaCase{
		{"ur", "an essay to write", "مجھے ماحول پر مضمون لکھنا ہے، کوئی مدد کر سکتا ہے؟", "education"},
		{"tr", "an article homework", "Bir makale ödevim var, Türkçe kaynak nerede bulurum?", "education"},
		{"tr", "an article to write", "Yarın için makale yazmam lazım, bana yardım eder misiniz?", "education"},
		{"fa", "an article to write", "باید یه مقاله بنویسم درباره محیط زیست، کمک می کنید؟", "education"},
	})
}
