package triage

import "testing"

// engHow (issue 12): engine and calm-word mends of the urgent matcher.

// The case a how-to frame asks about ends at a contrasting join ("but":
// data/calm role but) and at an emoji that closes a sentence ("🙏", "😭"),
// as it ends at a comma: what follows tells of the writer's own and counts
// whole. Each urgent case was read not urgent before; the decoys keep
// their "but" or emoji after a case that stays asked about.
func TestEngHowHowtoEndsAtButAndEmoji(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "?, but, now", msg: `what to do if someone faints? but my husband is not breathing now 😭`},
		{lang: "en", why: "but", msg: `what to do if someone faints but he is not breathing`},
		{lang: "en", why: "🙏", msg: `what to do if someone faints 🙏 my husband is not breathing`},
		{lang: "en", why: "😭", msg: `what to do if someone faints 😭 he is not breathing`},
		{lang: "it", why: "ma", msg: `cosa fare se qualcuno sviene ma lui non respira`},
		{lang: "it", why: "però", msg: `cosa fare se qualcuno sviene però lui non respira`},
		{lang: "fr", why: "mais", msg: `que faire si quelqu'un s'évanouit mais il ne respire plus`},
		{lang: "es", why: "pero", msg: `que hacer si alguien se desmaya pero el no respira`},
		{lang: "ru", why: "но", msg: `что делать если человек упал но он не дышит`},
		{lang: "uk", why: "але", msg: `що робити якщо людина впала але він не дихає`},
		{lang: "ar", why: "لكن", msg: `ماذا افعل اذا شخص سقط لكن هو لا يتنفس`},
		{lang: "ur", why: "lekin", msg: `agar koi gir jaye lekin wo sans nahi le raha`},
		{lang: "zh", why: "但是", msg: `如果有人昏倒怎么办 但是他不能呼吸`},
		{lang: "tr", why: "ama", msg: `ilk yardim kursu ama o nefes almiyor`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "but, no danger after", msg: `what to do if someone is not breathing but has a pulse?`},
		{lang: "en", why: "🙏 thanks", msg: `what to do if someone is bleeding 🙏 thanks`},
		{lang: "it", why: "ma, no danger after", msg: `cosa fare se qualcuno non respira ma ha il battito?`},
		{lang: "fr", why: "mais, no danger after", msg: `que faire si quelqu'un saigne mais reste conscient ?`},
		{lang: "en", why: "emoji before the frame", msg: `first aid course 🙏 what to do if someone is not breathing`},
		{lang: "es", why: "pero, no danger after", msg: `que hacer si alguien no respira pero tiene pulso? 🙏`},
	})
}

// News told of the neighbourhood (ur "خبر تھی", there was news) beside an
// everyday need asks from outside the danger (data/calm/ur.tsv, about):
// set z line 239's shape. The same stabbing told now, or to the writer's
// own, stays urgent.
func TestEngHowNewsAboutUrdu(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ur", why: "news, a need", msg: `mohalle mein khabar thi ke ek larke ko chaqu mara gaya, mera beta theek hai lekin doposcuola chahiye`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "ur", why: "now, beside the news", msg: `ابھی میرے شوہر نے مجھے چاقو مارا، خبر تھی کہ وہ آئے گا، سکول کہاں ہے؟`},
		{lang: "ur", why: "the writer's son", msg: `خبر آئی کہ میرے بیٹے کو چاقو مارا گیا، وہ بہت خون بہا رہا ہے`},
	})
}

// A weapon named alone is no threat, and the Polish forms folded ("nożem"
// to "nozem", "nóż" to "noz", "pistolet") are words of Czech, Croatian,
// French: they counted 1 of violence in every language. A threat with the
// weapon, or the weapon brought, stays violence.
func TestEngHowPolishKnifeLeak(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "pl", why: "bread", msg: `kupiłem nowy nóż, kroję chleb nożem`},
		{lang: "cs", why: "bread", msg: `krájím chleba nožem, kde koupím nový nůž?`},
		{lang: "hr", why: "bread", msg: `režem kruh nožem, gdje mogu kupiti novi nož`},
		{lang: "fr", why: "a water pistol", msg: `j'ai acheté un pistolet à eau pour mon fils`},
		{lang: "hr", why: "a car", msg: `auto me udario na ulici, gdje je hitna?`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "pl", why: "threat", msg: `groził mi nożem`},
		{lang: "pl", why: "brought", msg: `mąż stoi pod drzwiami z nożem`},
		{lang: "pl", why: "has a gun", msg: `on ma pistolet`},
		{lang: "hr", why: "brought", msg: `muž stoji ispred vrata s nožem`},
		{lang: "hr", why: "hit me", msg: `muž me udario, pomozite`},
		{lang: "fr", why: "drawn", msg: `hier il a sorti un pistolet quand on a demandé l'argent`},
	})
}

// Romanised Tamil: a husband beating the writer, a threat to kill, a knife
// brought (data/safety/ta.tsv). Each urgent case was missed before; the
// decoys use the same verbs and the knife harmlessly.
func TestEngHowTamilRomanisedViolence(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "ta", why: "beat (past)", msg: `purushan adichaaru, mugam veengirukku`},
		{lang: "ta", why: "beats", msg: `en purushan adikkiraan`},
		{lang: "ta", why: "beat me", msg: `purushan ennai adichaan, veetla irunthu odi vanthen`},
		{lang: "ta", why: "knife, coming to kill", msg: `avan kathi eduthuttu ennai kolla varaan`},
		{lang: "ta", why: "I'll kill you, threatens", msg: `ennai konnuduven nu miratturaan`},
		{lang: "ta", why: "with a knife at the door", msg: `en kanavar kathiyoda vaasal la nikkiraaru`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ta", why: "cut cooking", msg: `kathi la kai vettikitten samaikkum podhu`},
		{lang: "ta", why: "buy a knife", msg: `naan kathi vaanganum, enga kidaikkum?`},
		{lang: "ta", why: "cricket", msg: `avan cricket la six adichaan`},
		{lang: "ta", why: "painting", msg: `purushan veetla paint adichaaru`},
		{lang: "ta", why: "a mosquito", msg: `kosu adichaen, ippo thoonga mudiyuma?`},
	})
}

// A danger told last week (es past "la semana pasada") and its person fine
// again (over "ya está bien"), with a need asked, is told as past: set aa
// line 83's shape. "I am not in danger" (it) is no cry: line 124's. The
// same words with a danger happening now stay urgent.
func TestEngHowPastOverAndNegatedCry(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "es", why: "last week, fine now, stitches", msg: `mi hijo se corto con un cuchillo la semana pasada, ya esta bien, necesito un pediatra para quitarle los puntos`},
		{lang: "it", why: "not in danger", msg: `non sono in pericolo, vorrei solo parlare con uno psicologo del consultorio`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "es", why: "now", msg: `mi ex me amenaza con un cuchillo ahora, ya esta bien, necesito un pediatra para mi hijo`},
		{lang: "it", why: "in danger", msg: `sono in pericolo, vorrei parlare con uno psicologo`},
	})
}
