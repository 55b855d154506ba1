package triage

import "testing"

// Review revHow of branch engHow (issue 12): a how-to case ended at a
// "but" word and at an emoji, Polish bare weapons at 0.4, Croatian and
// Serbian attacks in any.tsv, romanised Tamil, es/it/ur calm words. Each
// case fails on engHow (e1cdd17c).

// A contrast inside the case a how-to frame asks about goes on asking:
// "what do I do if someone has a pulse but is not breathing?" is the
// classic first-aid question, as much asked as "what to do if someone is
// not breathing", which stays calm. engHow ends the case at every but word,
// so the danger told after it counts whole. Every one was calm on main.
func TestRevHowButInsideTheCaseAsks(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "pulse but not breathing: CPR question", msg: `what to do if someone has a pulse but is not breathing?`},
		{lang: "en", why: "breathing but unconscious: recovery position", msg: `what to do if someone is breathing but unconscious`},
		{lang: "en", why: "breathing but not responding", msg: `what do you do if someone is breathing but not responding?`},
		{lang: "en", why: "conscious but a seizure, a course", msg: `first aid course question, what to do if someone is conscious but having a seizure`},
		{lang: "it", why: "respira ma non risponde", msg: `cosa fare se una persona respira ma non risponde?`},
		{lang: "it", why: "ha il polso ma non respira", msg: `cosa fare se qualcuno ha il polso ma non respira?`},
		{lang: "fr", why: "respire mais ne répond pas", msg: `que faire si quelqu'un respire mais ne répond pas ?`},
		{lang: "es", why: "tiene pulso pero no respira", msg: `que hacer si alguien tiene pulso pero no respira?`},
		{lang: "es", why: "se atraganta pero no puede respirar", msg: `que hacer si alguien se atraganta pero no puede respirar`},
		{lang: "ru", why: "дышит но без сознания", msg: `что делать если человек дышит но без сознания?`},
		{lang: "uk", why: "дихає але без свідомості", msg: `що робити якщо людина дихає але без свідомості?`},
		{lang: "ur", why: "saans le raha ho lekin behosh", msg: `agar koi saans le raha ho lekin behosh ho to kya karna chahiye`},
		{lang: "fil", why: "nahimatay pero hindi humihinga", msg: `ano ang gagawin kung may nahimatay pero hindi humihinga`},
		{lang: "ar", why: "بس (dialect but) فاقد الوعي", msg: `ماذا افعل اذا شخص يتنفس بس فاقد الوعي`},
		{lang: "ar", why: "Levantine frame, بس ما عم يتنفس", msg: `شو بعمل اذا حدا وقع بس ما عم يتنفس`},
		{lang: "ar", why: "نبض لكن لا يتنفس", msg: `ماذا افعل اذا شخص لديه نبض لكن لا يتنفس`},
		{lang: "ro", why: "respira dar nu raspunde", msg: `ce sa faci daca cineva respira dar nu raspunde`},
		{lang: "ro", why: "insa, newly a joiner", msg: `ce faci daca cineva respira insa nu raspunde`},
		{lang: "zh", why: "有呼吸但是昏迷", msg: `如果有人有呼吸但是昏迷了怎么办`},
		{lang: "zh", why: "有脉搏可是不能呼吸", msg: `如果有人有脉搏可是不能呼吸怎么办`},
		// Code: in a script without spaces the mark "但是" is found inside
		// "不但是" (not only): no contrast at all.
		{lang: "zh", why: "但是 inside 不但是", msg: `如果有人不但是昏倒还不能呼吸怎么办`},
	})
}

// Code: token.emoji ends the case at any emoji after the frame's first
// word, not one that closes a sentence: an emoji inside the case, before
// an "and" that joins its dangers, or inside the danger phrase itself
// ("not 😰 breathing") cuts the case and the danger counts whole.
func TestRevHowEmojiInsideTheCase(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "emoji inside the danger phrase", msg: `what to do if someone is not 😰 breathing`},
		{lang: "en", why: "emoji inside heart attack", msg: `what to do if someone is having a 😱 heart attack`},
		{lang: "en", why: "emoji before the danger, after someone", msg: `what to do if someone 😢 is not breathing`},
		{lang: "en", why: "emoji then and: one case", msg: `what to do if someone faints 😳 and is not breathing?`},
		{lang: "en", why: "❤️ then and", msg: `what to do if someone faints ❤️ and can't breathe`},
		{lang: "fr", why: "😨 then et", msg: `que faire si quelqu'un fait un malaise 😨 et ne respire plus ?`},
		{lang: "es", why: "😱 then y", msg: `que hacer si alguien se desmaya 😱 y no respira?`},
		{lang: "it", why: "😱 then e", msg: `cosa fare se qualcuno sviene 😱 e non respira?`},
	})
	// isPictograph's ranges leave out common emoji (‼️ U+203C, ⭐ U+2B50):
	// the same message with 😭 is urgent in review_engHow_test.go.
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "‼️ closes the sentence", msg: `what to do if someone faints ‼️ he is not breathing`},
		{lang: "en", why: "⭐ closes the sentence", msg: `what to do if someone faints ⭐ he is not breathing`},
	})
}

// Polish: a weapon now weighs 0.4 unless one of a few verbs or "z" comes
// with it. A knife held to the throat, a gun aimed or put to the head, a
// wound cut with a knife were violence on main (bare nóż/nożem/pistolet
// 1) and are lost. The last one was never caught (siekierę, accusative).
func TestRevHowPolishWeaponThreats(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "pl", why: "aims at me with a gun (do mnie, z pistoletu)", msg: `celuje do mnie z pistoletu`},
		{lang: "pl", why: "knife to my throat", msg: `przyłożył mi nóż do gardła`},
		{lang: "pl", why: "gun to my head", msg: `przystawił mi pistolet do głowy`},
		{lang: "pl", why: "holds a knife, will kill us all", msg: `mąż trzyma nóż i krzyczy że nas pozabija`},
		{lang: "pl", why: "took a knife, coming at me", msg: `wziął nóż z kuchni i idzie do mnie`},
		{lang: "pl", why: "wounded me with a knife", msg: `ranił mnie nożem`},
		{lang: "pl", why: "cut me with a knife", msg: `pociął mnie nożem`},
		{lang: "pl", why: "waves an axe at my door", msg: `sąsiad wymachuje siekierą pod moimi drzwiami`},
		{lang: "pl", why: "took out a gun, will shoot me", msg: `ojciec wyjął pistolet z szafy i mówi że mnie zastrzeli`},
		{lang: "pl", why: "holds an axe, bangs on the door", msg: `trzyma siekierę i wali w drzwi`},
	})
}

// it "non sono in pericolo" is now ignored; a "ma" after it telling a
// weapon was caught only by "pericolo" (distress on main): now no danger.
func TestRevHowItalianNotInDangerBut(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "it", why: "not me, but my husband has a knife", msg: `non sono in pericolo ma mio marito ha un coltello`},
		{lang: "it", why: "he says I'm not, but he pointed a knife", msg: `dice che non sono in pericolo ma mi ha puntato un coltello`},
	})
}

// es "ya está bien" is as often "that's enough!" as "he is fine now":
// said of a beating going on, with a lawyer asked, it calms it (urgent on
// main).
func TestRevHowSpanishYaEstaBienEnough(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "es", why: "beats me every day, enough!", msg: `mi marido me pega todos los días y ya está bien, necesito un abogado`},
		{lang: "es", why: "death threats, enough!", msg: `mi ex me amenaza de muerte ya esta bien necesito orden de alejamiento`},
	})
}

// ur "محلے میں خبر" / "mohalle mein khabar" (news in the neighbourhood) is
// an about mark however the news goes on: the writer's own son stabbed,
// the writer's husband to kill her, told as neighbourhood talk, are calm
// (urgent on main).
func TestRevHowUrduNeighbourhoodNewsOfOwn(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "ur", why: "news that my son was stabbed, hospital", msg: `mohalle mein khabar hai ke mere bete ko chaqu mara, hospital kahan hai`},
		{lang: "ur", why: "word is my husband will kill me", msg: `محلے میں خبر تھی کہ میرا شوہر مجھے مار دے گا، سکول میں داخلہ چاہیے`},
	})
}

// any.tsv's Croatian/Serbian attack words count in every message: "napala
// me" is also the flu or a migraine getting me, "napao me" a mosquito or a
// dog, "udario me" any vehicle (only "auto" is ignored). Calm on main.
func TestRevHowSerboCroatianDecoys(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "hr", why: "a virus got me, sick note", msg: `napala me viroza, trebam doktora za bolovanje`},
		{lang: "hr", why: "a migraine again, pharmacy", msg: `opet me napala migrena, gdje je ljekarna`},
		{lang: "hr", why: "a mosquito, cream", msg: `napao me komarac cijelu noć, imate li kremu`},
		{lang: "hr", why: "a dog, rabies vaccine asked", msg: `pas me napao u parku, gdje mogu primiti cjepivo protiv bjesnoće`},
		{lang: "hr", why: "a bus last year, insurance papers", msg: `udario me autobus prošle godine, trebam papire za osiguranje`},
		{lang: "hr", why: "a bicycle, knee", msg: `bicikl me udario, trebam doktora za koljeno`},
		{lang: "hr", why: "a lorry at work last month, insurance", msg: `kamion me udario na poslu prošli mjesec, trebam papire za osiguranje`},
	})
}

// Romanised Tamil: "kathiyoda" (with a knife) is cooking too, and
// "purushan ... adichaaru" is found near: a husband who hammered a nail
// ("aani adichaaru") or hit a century is not beating anyone.
func TestRevHowTamilDecoys(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ta", why: "mum cuts vegetables with a knife", msg: `amma kathiyoda kaai narukkuraanga`},
		{lang: "ta", why: "bring the knife for the cake", msg: `cake vettarathukku kathiyoda vaa`},
		{lang: "ta", why: "hammered a nail in the wall", msg: `purushan suvathula aani adichaaru, drill venum`},
		{lang: "ta", why: "hit a century at cricket", msg: `en purushan cricket la century adichaaru`},
	})
}

// fr "il a sorti un pistolet" is now violence 1 on its own: a water
// pistol or a glue gun taken out is no weapon.
func TestRevHowFrenchToyPistol(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "fr", why: "water pistol, children laughing", msg: `il a sorti un pistolet à eau, les enfants rigolent`},
		{lang: "fr", why: "glue gun, mending a chair", msg: `il a sorti un pistolet à colle pour réparer la chaise`},
	})
}
