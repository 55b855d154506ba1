package triage

import "testing"

// Round tune16 (blind sets ai and ag, first run past): the false alarms of
// ordinary lines, made calm by general forms, and beside each a danger
// told now that must stay urgent.
func TestTune16FalseAlarmsCalm(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "a course's certificate asked, its topics in brackets", msg: `we had a first aid module (burns, bleeding, choking) do they give a certificate at the end?`},
		{lang: "en", why: "a course's certificate asked", msg: `took a first aid class in may (choking, fainting) can I get a certificate for my cv`},
		{lang: "sq", why: "hit by a ball at play", msg: `vajza u godit me top ne palester, tani eshte mire, si ta regjistroj ne kurs noti?`},
		{lang: "sq", why: "the article of a law (nenit), no nenita", msg: `sipas nenit 19 a mund ta kthej lejen e qendrimit ne leje pune?`},
		{lang: "wo", why: "naka laa mëna (how can I) after ci questura", msg: `dama ñàkk sama papiers ci questura bi, naka laa mëna am yeneen?`},
		{lang: "wo", why: "hunger/sleep kills me is an idiom", msg: `xiif bi dafa may rey, ndax am na fu ñuy joxe lekk ci Torino?`},
		{lang: "wo", why: "cold kills me is an idiom", msg: `sedd bi dafa may rey, fan laa mëna jënd yére yu tàng?`},
		{lang: "zh", why: "a film a child asks about", msg: `我女儿看了个视频，里面有人打架，她问我为什么，有没有儿童心理医生？`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "choking now, a certificate named", msg: `my son is choking on a sweet, I have a first aid certificate but I panic, help`},
		{lang: "sq", why: "a son stabbed", msg: `djali u godit me thike tani para shkolles, po i rrjedh gjak`},
		{lang: "sq", why: "a husband beats, an article named", msg: `burri me rreh cdo nate, sipas nenit 18 a mund te iki?`},
		{lang: "wo", why: "a husband kills me", msg: `sama jëkkër dafa may rey, dafa ma door tey`},
		{lang: "zh", why: "a father beats him, he asks", msg: `爸爸打他，他问我怎么办，身上都是伤`},
	})
}
