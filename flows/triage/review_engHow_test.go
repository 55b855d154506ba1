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
