package triage

import "testing"

// mendZU (the mend of review revZU): the decoys of the forms it adds (an
// everyday message with the same words) and, for each ignore or calm it adds,
// a present danger that must stay urgent.
func TestMendZUDecoys(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{"ko", "엄마한테 맞아요 is also 'fits mum'", `이 옷 엄마한테 맞아요?`},
		{"th", "how to prevent being molested at work, no one named", `วิธีป้องกันการถูกลวนลามในที่ทำงาน`},
		{"ta", "my husband paints the house", `en purushan veetukku paint adikkuraru, nalla irukku`},
		{"uz", "parents away in Tashkent for 3 days", `ota-onam 3 kundan beri yo'q, ular Toshkentda`},
		{"te", "an adult alone in Milan asking for a ration card", `nenu okkate unnanu Milano lo, ration card kavali`},
		{"nl", "dad kicks the ball to my little brother", `mijn vader slaat de bal naar mijn broertje`},
		{"nl", "husband beats me at chess", `mijn man slaat mij altijd met schaken`},
		{"nl", "five minutes late, a son named", `ik ben 5 minuten te laat, mijn zoontje is ziek`},
		{"ja", "the neighbour's husband watching TV", `隣の部屋で夫がテレビを見る音がする`},
		{"tg", "bought a knife for the kitchen", `корд харидам, барои ошхона`},
		{"lv", "I need a helper at work", `man vajag palīgu darbā`},
		{"hi", "doesn't matter any more, which office?", `ab koi fark nahi padta, kaunsa office?`},
		{"az", "can't stop coughing any more, doctor", `artıq öskürəkdən yoruldum, həkim lazımdır`},
		{"mr", "the shop is closed", `kholit band kela, chavi kuthe aahe?`},
	}
	wantNotUrgent(t, c, cases)
}

func TestMendZUPresentDangers(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{"nl", "calm 'met kaarten' reaches no belt now", `mijn vader slaat ons nu met een riem`},
		{"te", "ignore 'okkate intlo untundi': a child alone now", `papa 4 years, ippudu okkate intlo undi, amma ledu`},
		{"sr", "ignore 'isekla sam se nožem': attacked with a knife", `muž me napao nožem, krv ne staje`},
		{"ta", "ignore 'phone la pesa': a stroke", `appa thideernu pesa mudiyala, oru pakkam kai kaal velai seyyala`},
		{"ta", "ignore 'paint adikk*': a husband beating", `en purushan ennai adikkuraru, bayama irukku`},
		{"lv", "ignore 'lūdzu': a beating", `lūdzu palīgā, vīrs mani sit`},
		{"es", "palīgā listed whole keeps Spanish paliza", `mi marido me dio una paliza anoche y hoy otra vez`},
	}
	wantUrgent(t, c, cases)
}
