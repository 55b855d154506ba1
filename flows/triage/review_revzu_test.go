package triage

import "testing"

// Review revZU of tuneZU (round 12, the languages Frontdoor does not speak).
// Each case fails on tuneZU at 3227e75; none is a fix.

// Everyday messages the new lines make urgent: a sign whose words are
// everyday (a passport brought, a door locked from outside, "all the pills"
// of a prescription, "can't take it any more" of a cough, smoking on the
// balcony, a grandfather who died), and Latin-letter lines of any.tsv that
// fire in other languages (Khmer "ov vay" in Turkish, Japanese "tsuite kuru",
// a friend who comes along at night).
func TestReviewRevZUFalseAlarms(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{"ko", "host's checkout note: passport taken along (@papers), door locked from outside (@confined) -> trafficking", `체크아웃할 때 여권을 가져가시고 문은 밖에서 잠가 주세요`},
		{"ko", "thanks to the doctor (@farewell) + finish the prescription (@end) -> suicide", `선생님 그동안 감사했습니다. 처방받은 약 다 먹을 때까지 술은 안 마실게요`},
		{"ko", "moving: thanks (@farewell) + books become luggage 짐이 되 (@burden) -> suicide", `그동안 고마웠어요. 이사할 때 짐이 되니까 책은 두고 갈게요`},
		{"th", "a doctor examining a 5-year-old: แตะต้องร่างกาย @harm 1 -> child", `ลูกสาว 5 ขวบ หมอต้องแตะต้องร่างกายตอนตรวจไหมคะ`},
		{"bg", "we smoke only on the balcony because of the baby: само на балкона @harm -> child", `Имаме бебе, затова пушим само на балкона. Има ли правило в блока?`},
		{"bg", "sore throat, can't swallow any more + all the antibiotic pills -> suicide", `Имам ангина, не мога повече да преглъщам. Трябва ли да изпия всички хапчета?`},
		{"lt", "can't sleep for coughing + all the tablets at once? -> suicide", `Nebegaliu miegoti nuo kosulio, ar reikia išgerti visas tabletes iš karto?`},
		{"no", "can't bear the cough + all the pills at once? -> suicide", `Jeg orker ikke mer hoste. Skal jeg ta alle pillene på en gang?`},
		{"lv", "a lot of blood taken for tests: daudz asiņu medical 1", `Man paņēma daudz asiņu analīzēm, vai tas ir normāli?`},
		{"my", "recipe: scrape the fish scales with a knife: ဓားနဲ့ခြစ် suicide 1", `ငါးကြေးခွံကို ဓားနဲ့ခြစ်ပါ`},
		{"uz", "no hot water for 3 days: kundan beri yo'q @harm 1 + bolam -> child", `Uyimizda 3 kundan beri issiq suv yo'q, bolam 2 yoshda, kimga murojaat qilsam bo'ladi?`},
		{"sr", "cut myself on paper: isekla sam se suicide 1", `isekla sam se na papir`},
		{"sr", "cut myself shaving: sam se isekao suicide 1", `Brijao sam se i isekao, malo krvari`},
		{"sv", "bruises after football: blåmärken @harm + 8-åriga -> child", `Min 8-åriga son har blåmärken efter fotbollen, behöver vi gå till vårdcentralen?`},
		{"nl", "grandpa died: nooit meer zien @harm 1 + dochtertje -> child", `Mijn dochtertje huilt, ze zal haar opa nooit meer zien. Hij is gisteren overleden.`},
		{"nl", "dad beats us at cards: vader slaat ons child 2", `Mijn vader slaat ons altijd met kaarten. Is er een kaartclub in Milaan?`},
		{"tr", "Khmer 'ov vay' (any.tsv) in Turkish: rub the belly (ov), wow (vay) + bebek -> child", `Doktor bebeğin karnını ov dedi. Vay be, işe yaradı!`},
		{"ja", "a friend comes along (tsuite kuru, @stalked) at night (yoru) -> distress", `tomodachi ga yoru eki made tsuite kuru`},
		{"ur", "'koi fark nahi padta' (@hopeless) + going to the roof to fix the dish -> suicide", `mujhe koi fark nahi padta ki barish ho rahi hai, main chhat pe ja raha hoon, dish antenna theek karna hai`},
		{"ur", "a porter carries loads (bojh ... hoon, @burden) + 'doesn't matter' -> suicide", `main coolie hoon, station pe roz bojh uthata hoon, mujhe koi fark nahi padta`},
		{"ne", "exams all finish tomorrow (sabai sakincha) + need nothing now -> suicide", `bholi exam sabai sakincha, ab kehi chaidaina`},
		{"ne", "at the bank: I owe nobody (rin chhaina) + need nothing else -> suicide", `mero kasaiko rin chhaina, ab kehi chaidaina, dhanyabad`},
		{"te", "the room lock is broken (room lo lock) + took the passport to reception -> trafficking", `hotel room lo lock pani cheyyatledu, passport teesukoni reception ki vellanu`},
		{"ml", "an unpaid internship (salary illa) + passport for the permesso -> exploitation", `Internship aanu, salary illa. Passport vechu permesso apply cheyyan entha vende?`},
		{"mr", "the AC in the room is off (kholit ... band) + take the passport to reception -> trafficking", `hotel chya kholit AC band aahe, passport gheun reception la jau ka?`},
		{"mr", "the worker's own question 'if I tell the police, what happens?' read as a threat -> exploitation", `malak pagar det nahi, police la sangitla tar kaay hoil?`},
		{"te", "the worker's own question (police ki chepthe) + no wage -> exploitation", `2 nelalu jeetham ledu, police ki chepthe emaina avutunda?`},
		{"te", "a widower asks for after-school care: okkate intlo 0.5 + amma ledu 0.5 -> child", `papa 8 years, school tarvata 1 ganta okkate intlo untundi, amma ledu, daycare unda?`},
		{"ta", "the house is being painted (paint adikkuranga) + a 2-year-old -> child", `veetula paint adikkuranga, en kuzhandhai 2 vayasu, smell problem aa?`},
		{"ta", "dad often travels (adikkadi matches appa adikk*) -> child", `en ponnu 7 vayasu, appa adikkadi travel pannuvaar, school pickup yaar?`},
		{"ta", "a scrape at football: kaayam irukku @harm 1 -> child", `en paiyan 8 vayasu, football vilayadumbothu kaila kaayam irukku, doctor venum`},
		{"ta", "suddenly can't talk on the phone, SIM problem -> medical", `thideernu en phone la pesa mudiyala, SIM problem aa?`},
		{"hi", "a boy fell playing: torn clothes 0.5 + crying from fright 0.5 -> child", `मेरा बेटा 6 साल का है, खेलते हुए गिर गया, कपड़े फटे और डर के मारे रो रहा है`},
		{"tg", "toothache, can't stand it + got all the medicines from the pharmacy -> suicide", `Дандонам дард мекунад, тоқат надорам. Ҳамаи доруҳоро аз дорухона гирифтам`},
		{"az", "can't stop coughing (dayana bilmirəm) + all the medicines don't help -> suicide", `Öskürəkdən dayana bilmirəm, bütün dərmanlar kömək etmir, həkim lazımdır`},
		{"az", "came with a job offer + stuck at home with a sick child (evdə bağlı) -> trafficking", `İş vədi ilə gəldim. Uşaq xəstədir, üç gündür evdə bağlı qalmışıq`},
		{"de", "pet sitter: don't let the dog out + do you have your passport -> trafficking", `Bitte lassen Sie den Hund nicht raus. Haben Sie Ihren Pass für den Check-in dabei?`},
		{"fi", "help me fill in a form (auta minua) + someone accompanies my daughter (joku seuraa) -> distress", `Auta minua täyttämään hakemus, haluan että joku seuraa tytärtäni kouluun`},
		{"lo", "moving house: very tired + all my things in the car -> suicide", `ມື້ນີ້ຍ້າຍເຮືອນ ເມື່ອຍຫຼາຍ ເຄື່ອງຂອງທັງໝົດຢູ່ໃນລົດແລ້ວ`},
		{"et", "mother, 80, wants to be no burden + a letter to mum about a care home -> suicide", `Ema on 80, ta ei taha kellelegi koormaks olla. Kirjutasin emale kirja hooldekodu kohta`},
	}
	wantNotUrgent(t, c, cases)
}

// Present dangers missed: a bare cry lost (Latvian "palīgā" no longer read as
// a beating, listed as no cry of its own), and the new child forms listed only
// as @harm, so a child telling it in the first person, or an adult, gets
// nothing.
func TestReviewRevZUMisses(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{"lv", "a bare cry: urgent (violence) on main, nothing on tuneZU", `palīgā!`},
		{"lv", "a bare cry with please: urgent on main, nothing on tuneZU", `Palīgā, lūdzu!`},
		{"ko", "a child: I get beaten by mum every day (엄마한테 맞아* is @harm only)", `엄마한테 맞아요, 매일`},
		{"ko", "a child: dad hit me, I'm scared", `아빠한테 맞았어요. 무서워요`},
		{"th", "a girl: my stepfather molests me (ลวนลาม is @harm only)", `พ่อเลี้ยงลวนลามหนู`},
		{"th", "an adult: my boss molests me", `หัวหน้าลวนลามฉัน`},
		{"ta", "a child: dad beats me, a wound on my arm (@harm only, no child word)", `ennai appa adikkuraru, kaila kaayam irukku`},
		{"ta", "a wife: my husband beats me, I'm afraid (adikkuraru is @harm only)", `en purushan adikkuraru, bayama irukku`},
		{"uz", "a child: parents gone 3 days, alone with my little brother, no food", `ota-onam 3 kundan beri yo'q, ukam bilan yolg'iz qolganmiz, ovqat yo'q`},
		{"te", "a child: alone at home, mum not here, no food", `nenu okkate intlo unnanu, amma ledu, annam ledu`},
		{"nl", "my mother beats my little sister (zusje is @minor, slaat no @harm)", `mijn moeder slaat mijn zusje`},
		{"nl", "my stepfather beats my little brother", `mijn stiefvader slaat mijn broertje`},
		{"ja", "a neighbour hears a husband beating his wife (殴る音 only half of @harm)", `隣の部屋で夫が妻を殴る音がする`},
		{"tg", "my husband threatens me with a knife (таҳдид мекунад is @threat only)", `шавҳарам бо корд таҳдид мекунад`},
	}
	wantUrgent(t, c, cases)
}

// Wrong kind: the numbers given go to the wrong service.
func TestReviewRevZUWrongKind(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []struct{ lang, why, msg, want string }{
		{"nl", "a mother beaten by the children's father: violence on main, child (114) on tuneZU", `De papa van mijn kinderen slaat mij, ik ben bang`, "violence"},
		{"sr", "cut while slicing bread, bleeding won't stop: a kitchen accident sent to the crisis line", `Isekla sam se nožem dok sam sekla hleb, krv ne staje, šta da radim?`, "medical"},
		{"nl", "an 11-year-old beaten by her mother: violence (1522), not child (114)", `ik ben 11 en mijn moeder slaat mij`, "child"},
	} {
		if r := c.Classify(tc.msg); r.Urgent != tc.want {
			t.Errorf("%s (%s): %q: urgent %q, want %s", tc.lang, tc.why, tc.msg, r.Urgent, tc.want)
		}
	}
}
