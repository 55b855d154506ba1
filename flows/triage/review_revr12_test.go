package triage

import "testing"

// Review revR12 (round 12 merged: mendZS and mendZU). Present dangers that the
// new ignore and calm lines hide; each must stay urgent.
func TestReviewR12PresentDangers(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		// ur.tsv:491 calm "khabar thi ke bazaar mein": calms a brother bleeding now.
		{"ur", "market news, then a brother wounded and bleeding now", `khabar thi ke bazaar mein dhamaka hua, mera bhai zakhmi hai khoon beh raha hai`},
		// bn.tsv:447 calm "sekhane ekjon ke": reaches a husband beating her in the next clause.
		{"bn", "a play's 'there, someone', then a husband beating her now", `sekhane ekjon ke, amar swami amake marche`},
		{"bn", "a husband beating her again today past the play calm", `sekhane ekjon ke, amar swami ajke abar marche`},
		// nl.tsv:22 calm "met kaarten": calms a real beating told with it.
		{"nl", "cards, then his fist", `mijn man slaat mij met kaarten en daarna met zijn vuist`},
		{"nl", "a card game, a comma, a father beating us every evening", `we spelen met kaarten, mijn vader slaat ons elke avond`},
		{"nl", "a card game, but a husband beating her every evening", `we spelen met kaarten, maar mijn man slaat mij elke avond`},
		{"nl", "a 10-year-old hit by a stepfather when losing", `mijn stiefvader slaat mij met kaarten in zijn hand als ik verlies, ik ben 10 jaar`},
		{"nl", "the README's admitted limit: a game named after the beating", `mijn vader slaat ons, met kaarten spelen we niet meer`},
		// any.tsv:413 ignore "isekao sam se nožem": hides a knife attack by a neighbour and bleeding now.
		{"sr", "cut by a knife when a neighbour attacked", `isekao sam se nožem kad me napao komšija`},
		{"sr", "a kitchen cut spurting blood that will not stop (medical)", `isekla sam se nožem i krv šiklja, ne mogu da zaustavim`},
	}
	wantUrgent(t, c, cases)
}

// Everyday messages the new forms make urgent.
func TestReviewR12Decoys(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		// nl.tsv:17 @minor "ik ben # jaar | ik ben # en" + nl.tsv:18 @harm "slaat ons" / any.tsv:93 "slaat mij" -> child.
		{"nl", "8 years in the Netherlands, the clock wakes us", `ik ben 8 jaar in Nederland en de klok slaat ons elke ochtend wakker`},
		{"nl", "10 years in Italy, hail smashes our roof", `ik ben 10 jaar in Italië en de hagel slaat ons dak kapot`},
		{"nl", "a brother beats me at FIFA", `ik ben 16 en mijn broer slaat mij bij fifa altijd`},
		// ko.tsv:149 child "엄마한테 맞았* | 아빠한테 맞고 있*": 맞다 is also "to fit".
		{"ko", "it fitted mum, the size is right", `엄마한테 맞았어요, 사이즈가 딱이에요`},
		{"ko", "selling clothes that fitted mum", `엄마한테 맞았던 옷을 팔고 싶어요`},
		{"ko", "does this tie suit dad?", `아빠한테 맞고 있어요? 이 넥타이 어때요`},
		// te.tsv:140 child "okkate unnanu annam ledu": an adult alone asking for a ration card.
		{"te", "an adult alone, no food, asking for a ration card", `nenu okkate unnanu annam ledu, ration card ela teesukovali`},
		// tg.tsv:31 violence "корд таҳдид": a film about it.
		{"tg", "watched a film about a knife threat", `корд таҳдид ҳақида филм дидам`},
		// ro.tsv:339 violence "cutit si m a taiat": a kitchen accident.
		{"ro", "dad handed me a knife and it cut my finger while cooking", `tatal meu mi a dat un cutit si m a taiat la deget cand gateam`},
		// ta.tsv:134 violence "kanavar adikkuraru": a husband hitting a six at cricket.
		{"ta", "husband hits a six in a cricket match", `en kanavar adikkuraru sixer, cricket match la`},
	}
	wantNotUrgent(t, c, cases)
}
