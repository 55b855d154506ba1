package triage

import "testing"

// mendEng: the how-to case ends at a danger told again or at the
// writer's own (data/calm role kin), and what follows counts whole.
func TestMendEngHowtoCaseEnds(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "sister, another danger", msg: `what to do if someone is choking my sister collapsed`},
		{lang: "fr", why: "asks, then grandfather", msg: `que faire si quelqu'un ne respire plus mon grand-père ne respire plus`},
		{lang: "it", why: "asks, then grandfather", msg: `cosa fare se qualcuno non respira mio nonno non respira`},
		{lang: "en", why: "told again, no kin", msg: `what do you do if someone is choking he is choking`},
		{lang: "en", why: "film and then my sister", msg: `I watched a film where a woman was being beaten and then my sister was being beaten`},
		{lang: "en", why: "the frame asked of the writer's own", msg: `what to do if my dad is not breathing`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "three dangers of one case", msg: `what to do if someone has a seizure and is not breathing and collapsed`},
		{lang: "en", why: "the same case asked twice over 'and if'", msg: `what to do if someone is choking and if an old man is choking`},
		{lang: "en", why: "kin after the comma, no danger", msg: `what to do if someone is not breathing, my mum asked me for her course`},
		{lang: "fa", why: "spaced pills, asked", msg: `اگر کسی همه قرص ها را خورده باشد چه کار کنیم؟`},
	})
}
