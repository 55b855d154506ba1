package triage

import "testing"

// Review revKx of tuneKx (round 13, issue 12): ordinary help-desk messages the
// branch's new forms take as urgent, each checked not urgent at f02b563 (the
// base of tuneKx) and urgent on tuneKx. The cause is in the comment of each
// group.
func TestReviewRevKxFalseAlarms(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		// The writer's OWN "if I tell the police / I'll tell the police" listed as @threat
		// (any.tsv mr "complaint keli tar", "police la sangitla tar"; ta "police ku solluven";
		// fa "به پلیس می‌گویم" is first person; pa "police nu das du"): with unpaid wages it
		// makes exploitation of a worker asking what reporting would cost. ja.tsv left
		// 警察に言うと out for exactly this reason. (The same mr line also re-breaks
		// TestReviewRevZUFalseAlarms, review_revzu_test.go:42.)
		{"mr", "own question 'if I complain, what happens?' -> exploitation", `malak ne pagar dila nahi, complaint keli tar kay hoil? visa la problem hoil ka?`},
		{"mr", "own question 'if I tell the police' -> exploitation", `2 mahine pagar dila nahi, police la sangitla tar mala kahi problem hoil ka?`},
		{"ta", "the worker says 'I will tell the police' -> exploitation", `3 maasam sambalam tharala, naan police ku solluven, enna panna?`},
		{"fa", "'should I tell the police?' (first person) -> exploitation", `کارفرما پولم را نداده. به پلیس میگویم؟`},
		{"fa", "'if I tell the police, is my residence at risk?' -> exploitation", "کارفرما دو ماه حقوقم را نداده، اگر به پلیس می\u200cگویم برای اقامتم مشکلی پیش میاد؟"},
		{"pa", "'shall I tell the police?' -> exploitation", `malik ne do mahine di tankhah nahi ditti, main police nu das du?`},
		// pa "je paise mange" is listed as @threat AND @unpaid, so it makes exploitation alone.
		{"pa", "'if I ask for money (a loan) the bank wants more papers' -> exploitation", `je paise mange ta bank wale hor kagaz mangde`},

		// fi @threat "uhkaa" bare: Finnish says a risk looms with it (eviction, a permit
		// expiring), so a late wage plus any risk is exploitation.
		{"fi", "wage late + 'eviction threatens me' -> exploitation", `Työnantaja ei ole maksanut palkkaa kahteen kuukauteen, ja minua uhkaa häätö koska en voi maksaa vuokraa`},
		{"fi", "wage late + 'my permit is about to expire' -> exploitation", `Työnantaja ei maksa palkkaa ajallaan, ja oleskelulupani uhkaa vanhentua`},

		// ru violence 1 "bil menya": Latin "bil" is the usual spelling of был (was), and
		// "u menya bil" (I had) is one of the commonest phrases of Russian.
		{"ru", "'I had a contract' (u menya bil) -> violence", `U menya bil kontrakt na 6 mesyatsev, kak prodlit permesso?`},
		{"ru", "'I was at the doctor's, they referred me' -> violence", `Vchera ya bil u vracha, menya napravili k kardiologu, nuzhna zapis`},
		{"ru", "a childhood beating told as past, a permit asked -> violence", `Otets bil menya v detstve, teper ya v Italii i khochu poluchit permesso`},

		// si violence 1 "pihiyak aragena" (having taken a knife): cooking.
		{"si", "mum takes a knife to cut vegetables -> violence", `amma pihiyak aragena elawalu kapanawa, mama kaema hadanawa`},
		{"si", "cut my hand cutting fish, is a doctor in? -> violence", `mama pihiyak aragena ala kapanna giya, ath eka kapuna, doctor kenek innawada?`},

		// ko medical 0.6 "발음이 어눌*": a foreigner's "my pronunciation is clumsy, sorry";
		// with a shoulder that stops an arm moving (0.6) it is a stroke.
		{"ko", "clumsy Korean + sprained shoulder, orthopaedic booking -> medical", `발음이 어눌해서 죄송해요. 어깨를 다쳐서 팔을 못 움직여요, 정형외과 예약하고 싶어요`},

		// ps medical 0.5 "ځواب نه راکوي" / "جواب نه راکوي" (does not answer): said of a
		// landlord and an office it adds up to 1.
		{"ps", "the landlord and the office do not answer -> medical", `مالک ځواب نه راکوي او دفتر هم جواب نه راکوي`},

		// New @burden / @forgive forms that are everyday words, paired with an old sign.
		{"it", "job seeker: not weigh on my family + can't cope with the rent -> suicide", `Non voglio pesare sulla mia famiglia, cerco un lavoro qualsiasi, non ce la faccio più con l'affitto`},
		{"ar", "'sorry everyone for the delay' (sm7ouli kamlin) + no hope for this permesso -> suicide", `sm7ouli kamlin 3la t2akhir, ma 3andi amal f had lpermesso`},

		// any.tsv @help "pomozite", "u pomoć" and @fear "strah me", "jako se bojim": these
		// languages have no area lists, so -area always holds and a worried permit or job
		// question is a cry (the safety README asks for no everyday words there).
		{"sr", "afraid of not getting a work permit, please help -> distress", `Bojim se da neću dobiti dozvolu za rad, pomozite`},
		{"hr", "help me with the papers, afraid to lose the job -> distress", `Pomozite mi oko papira, strah me je da ću izgubiti posao`},
		{"hr", "'I need help with (pomoć u) my residence', afraid not renewed -> distress", `Trebam pomoć u vezi boravka, jako se bojim da mi neće produžiti`},
		// any.tsv @help "helpt u mij": a Dutch worry about a benefit.
		{"nl", "please help me, afraid to lose my benefit -> distress", `Helpt u mij alstublieft, ik ben bang dat ik mijn uitkering kwijtraak`},
		// any.tsv @pursued "amar pichhe pichhe": a clingy child follows his mother around
		// and is scared of school; @pursued @fear needs no -area.
		{"bn", "my son follows me around, scared of school, what to do? -> distress", `amar chele sob somoy amar pichhe pichhe ghure, school e jete khub bhoy pay. ki korbo?`},

		// any.tsv @confined "room ma band", "ghar ma band": "band" is also "off", and
		// "ma" is Nepali "in"; with an unpaid wage it is exploitation.
		{"ne", "the electricity is off in my room + wage not paid -> exploitation", `mero room ma bijuli band cha, malik le talab diyena 2 mahina dekhi`},
		{"gu", "the AC in the room is off + wage not paid -> exploitation", `room ma AC band che ane malik 2 mahina thi pagar nathi aapto`},

		// New @papers forms for a passport held by an office for a renewal, with a wage late.
		{"en", "the Questura has our passports for renewal + pay late -> exploitation", `The Questura has our passports for the renewal and the boss has not paid us yet this month, can we get an advance?`},
		{"ja", "immigration keeps the passport + salary not out yet, rent delay -> exploitation", `入管がパスポートを預かっています。今月はまだ給料が出ないので、家賃を待ってもらえますか`},
	}
	wantNotUrgent(t, c, cases)
}

// The dangers tuneKx lists, said in another inflection, spelling or word than the
// one listed: all not urgent on tuneKx.
func TestReviewRevKxMisses(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		// ar: Darija's own word for a knife (jenwi) beside the listed "m3ah mous".
		{lang: "ar", why: "a man with a knife at my door (jenwi)", msg: `kayn wa7d m3ah jenwi wa9ef 9dam lbab dyali`},
		// ta: "bottle-la" (the usual suffix) and "thalaila" for the listed "bottle ala", "thalaiyila".
		{lang: "ta", why: "hit with a bottle, blood from the head", msg: `bottle-la adichaan, thalaila ratham varudhu`},
		// hi: the English word for the snake, with Hindi "kaat liya".
		{lang: "hi", why: "a snake bit my father, come quick", msg: `snake ne kaat liya mere papa ko, jaldi aao`},
		// ur: "tezaab phainka" (past, the common spelling) for the listed "tezab phenk".
		{lang: "ur", why: "acid thrown at me", msg: `usne mujh par tezaab phainka`},
		// fi: plural wages (palkkoja) beside a threat of the police (uhkailee).
		{lang: "fi", why: "no wages for three months, threatens with the police", msg: `Pomo ei ole maksanut palkkoja kolmeen kuukauteen ja uhkailee poliisilla`},
		// fi: "vei passin" (no possessive) and "eikä maksa" (and does not pay).
		{lang: "fi", why: "the boss took the passport and does not pay", msg: `Pomo vei passin eikä maksa palkkaa`},
		// es: "contéstenme" (the enclitic form) for the listed "contesten", with a man following.
		{lang: "es", why: "answer me fast, a man is following me", msg: `Contéstenme rápido, un hombre me está siguiendo`},
		// bn: "churi mere dilo" (stabbed, past) for the listed "churi mereche", "churi marlo".
		{lang: "bn", why: "someone stabbed my husband", msg: `amar swami ke keu churi mere dilo`},
		// sv: simple past "skrev brev", "gav bort min katt" for the listed "skrivit", "gav bort katten".
		{lang: "sv", why: "wrote letters to all, gave away my cat, I am a burden", msg: `Jag skrev brev till alla och gav bort min katt, jag är en börda`},
		// en: "aimed a gun at me" for the listed "pointed a gun at".
		{lang: "en", why: "a gun aimed at me, hiding in the bathroom", msg: `he aimed a gun at me, im in the bathroom`},
		// ru: feminine "zaperla" for the listed "zaper", "zaperl", "zaperli".
		{lang: "ru", why: "she locked me in the room, won't let me out", msg: `zaperla menya v komnate, ne vypuskaet`},
		// ru: "zakryl" (locked) and "b'yot" (бьёт as usually spelt) for the listed "zaper", "b'et".
		{lang: "ru", why: "he locked me in and is beating me", msg: `on zakryl menya v komnate i b'yot menya`},
	})
}
