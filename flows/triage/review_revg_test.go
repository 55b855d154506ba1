package triage

import "testing"

// Review revG of tuneXS (round 11, set x, the 21 spoken languages). Each case
// below was read right at 3ec2378 (urgent, or not urgent) and is read wrong
// once tuneXS is merged; the why names the line that makes it so.

// TestRevGIgnoreHidesDangerSaidAgain: a first-aid "ignore" line holds a
// danger phrase that also names an area (health), so matchInside (mode
// insideNeeds, match.go:423) records that phrase as found; the same danger
// told again in the next clause, about the writer's own child or husband,
// "now", is then a phrase found again (match.go:304, apply at match.go:552)
// and adds its area only. The lesson hides the emergency beside it.
func TestRevGIgnoreHidesDangerSaidAgain(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "en.tsv:521 ignore, not breathing said again", msg: `please what to do if someone is not breathing, my baby is not breathing`},
		{lang: "en", why: "en.tsv:521 ignore, seizure said again now", msg: `what to do when someone has a seizure, my son has a seizure now`},
		{lang: "en", why: "en.tsv:521 ignore 'stopping bleeding'", msg: `stopping bleeding is not working, my wife is bleeding`},
		{lang: "en", why: "en.tsv:521 ignore 'stopping a bleeding', right now", msg: `how do i go about stopping a bleeding? my son is bleeding badly right now`},
		{lang: "es", why: "es.tsv:518 ignore, no respira said again", msg: `que hacer si alguien no respira, mi bebe no respira`},
		{lang: "es", why: "es.tsv:518 ignore, convulsiones ahora mismo", msg: `que hacer cuando alguien tiene convulsiones, mi hijo tiene convulsiones ahora mismo`},
		{lang: "ro", why: "ro.tsv:328 ignore, nu respira acum", msg: `ce fac daca cineva nu respira? tata nu respira acum`},
		{lang: "ro", why: "ro.tsv:328 ignore, sangereaza acum", msg: `cand cineva sangereaza ce faci? sotul meu sangereaza tare acum`},
		{lang: "ro", why: "ro.tsv:328 ignore, convulsii acum", msg: `ce fac cand cineva are convulsii? fiul meu are convulsii acum`},
		{lang: "tr", why: "tr.tsv:359 ignore 'kanama durdurma', babam kanıyor", msg: `kanamayı durduramıyoruz, kanama durdurma nasıl olur, babam kanıyor`},
	})
}

// TestRevGCalmAndIgnoreHidePresentDangers: the new calm, ignore and over
// phrases are found where they do not mean a lesson, a school project or a
// past.
func TestRevGCalmAndIgnoreHidePresentDangers(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		// tl.tsv:222 calm 1 "report tungkol sa", found near: a worker's own
		// report about the employer who beats her is read as a school report.
		{lang: "fil", why: "tl.tsv:222 calm 'report tungkol sa': a report to the desk", msg: `may report po ako tungkol sa amo ko, binubugbog niya ako araw-araw`},
		{lang: "fil", why: "tl.tsv:222 calm 'report tungkol sa': a report to the desk", msg: `may report ako tungkol sa amo ko, sinasaktan niya ako at kinuha ang passport ko`},
		// bn.tsv:424 ignore "trafficking niye" (about trafficking) hides the
		// word trafficking in a report to the police; bn.tsv:426 hides the rest.
		{lang: "bn", why: "bn.tsv:424 ignore 'trafficking niye' + bn.tsv:426", msg: `trafficking niye police e report korbo, amar bon ke ora ghore atke rakhse`},
		// ro.tsv:329 ignore "ma omoara programul", found side by side across
		// a full stop: "my husband is killing me. His routine is ..."
		{lang: "ro", why: "ro.tsv:329 ignore across a full stop", msg: `sotul meu ma omoara. programul lui e sa bea toata ziua si sa ma bata`},
		// calm/ar.tsv:18 over "صرت بأمان", "الآن بأمان" are inside their
		// negations: "I am still not safe", "I am not safe now". With a
		// permit named, the beating in the same clause counts a fifth.
		{lang: "ar", why: "calm/ar.tsv:18 over inside 'ما صرت بأمان' (not safe)", msg: `زوجي ضربني مرة ثانية ولسا ما صرت بأمان، بدي جدد الإقامة`},
		{lang: "ar", why: "calm/ar.tsv:18 over inside 'ما صرت بأمان' (not safe)", msg: `زوجي بيضربني كل يوم وما صرت بأمان بالبيت، كيف بجدد الإقامة`},
		{lang: "ar", why: "calm/ar.tsv:18 over inside 'لست الآن بأمان' (not safe now)", msg: `زوجي يضربني كل يوم ولست الآن بأمان في البيت، كيف أجدد الإقامة؟`},
	})
}

// TestRevGSignHidesTrafficking: bn.tsv:426 lists "ghore atke rakhse" (kept
// shut in the room) as @confined only; side by side it is longer than
// trafficking 1 "atke rakhse" (bn.tsv:92, আটকে রেখেছে spelled in Latin
// letters) and hides its weight, the lesson of round 9 ("a sign phrase
// longer than a kind's phrase hides its weight").
func TestRevGSignHidesTrafficking(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "bn", why: "bn.tsv:426 @confined hides bn.tsv:92 trafficking", msg: `amake ghore atke rakhse`},
		{lang: "bn", why: "bn.tsv:426 @confined hides bn.tsv:92 trafficking", msg: `dalal amake ghore atke rakhse`},
		{lang: "bn", why: "bn.tsv:426 @confined hides bn.tsv:92 trafficking", msg: `malik amake ghore atke rakhse 3 mash dhore`},
	})
}

// TestRevGFalseAlarms: everyday messages the new danger phrases and signs
// make urgent.
func TestRevGFalseAlarms(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		// A child alone: it.tsv:448 "soli da ieri sera" with @minor bambini.
		{lang: "it", why: "it.tsv:448 @harm 'soli da ieri sera': sleeping in their own room", msg: `i bambini dormono da soli da ieri sera nella loro cameretta, che emozione!`},
		// Farewell parts (any.tsv:29-30: two parts make suicide).
		{lang: "it", why: "it.tsv:449 @giveaway + it.tsv:450 @entrust: a dog minded during an appointment", msg: `ho messo tutto in ordine per il rinnovo, chi puo tenere il mio cane mentre sono in questura?`},
		{lang: "it", why: "it.tsv:449 @giveaway + it.tsv:450 @entrust: cover letters, a cat minded", msg: `ho scritto le lettere di presentazione, qualcuno puo prendersi il mio gatto durante il colloquio a Roma?`},
		{lang: "ru", why: "ru.tsv:349 @end 'tabletki u menya est' + ru.tsv:350 @farewell 'spasibo za vse'", msg: `tabletki u menya est, vrach skazal pit dva raza v den. spasibo za vse!`},
		{lang: "ru", why: "ru.tsv:347 @giveaway + ru.tsv:350 @farewell: a cat minded during surgery", msg: `kota otdala sosedke poka ya v bolnitse na operacii, spasibo vam za vse`},
		{lang: "uk", why: "uk.tsv:498 @end 'mene ne bude zavtra' + uk.tsv:496 @giveaway 'rechi zibrala': moving", msg: `zavtra mene ne bude na kursakh, rechi zibrala, pereizhdzhayemo do Milana`},
		{lang: "en", why: "en.tsv:523 @giveaway + en.tsv:525 @gone 'appointment or any other'", msg: `I gave my books to the library. Do I need an appointment or any other document to register?`},
		{lang: "en", why: "en.tsv:524 @farewell + en.tsv:525 @gone 'appointment or any other'", msg: `the doctor last time, she was kind to me. can I book the same appointment or any other day?`},
		{lang: "ar", why: "ar.tsv:621 @hopeless + ar.tsv:623 @end: the heat, the beach with friends", msg: `ma3adech nnajem mel s5ana, nemchi lel b7ar m3a s7abi`},
		{lang: "ar", why: "ar.tsv:623 @end + ar.tsv:622 @gone: back in the evening", msg: `nemchi lel b7ar w ma nrja3ch ken el 3chia, ama 3andi rendez-vous ghodwa`},
		{lang: "pa", why: "pa.tsv:302 @hopeless + pa.tsv:304 @end: tired from work, a swim in the canal", msg: `kamm ton thak gaya haan, sham nu nehar te jana nahaun`},
		// pa.tsv:305 @forgive "maaf kar dena mainu" is also found (near) as
		// pa.tsv:133 @farewell "mainu maaf kar dena": one "sorry" makes both
		// signs, so suicide alone.
		{lang: "pa", why: "pa.tsv:305 @forgive = pa.tsv:133 @farewell: a plain sorry", msg: `maaf kar dena mainu, main kal nahi aa sakda`},
		{lang: "pa", why: "pa.tsv:305 @forgive = pa.tsv:133 @farewell: a plain sorry", msg: `maaf kar dena mainu bhaji, galti ho gayi`},
		// Figurative "pushed me to" (uk.tsv:500 violence 1 alone).
		{lang: "uk", why: "uk.tsv:500 violence 'штовхнула мене': pushed me to look for work", msg: `ця ситуація штовхнула мене шукати нову роботу, чи є курси італійської?`},
		{lang: "uk", why: "uk.tsv:500 violence 'штовхнула мене': a friend urged me to apply", msg: `подруга штовхнула мене подати документи на дозвіл, що потрібно?`},
		// fa.tsv:353 medical 1 "کلی قرص خورده": pills for a cold.
		{lang: "fa", why: "fa.tsv:353 medical 'کلی قرص خورده': pills for a cold", msg: `بابام سرما خورده، کلی قرص خورده ولی هنوز تب داره، کدوم دکتر برم؟`},
		// wo.tsv:286 @harm "yaayam nekkul" (his mother is not here) with @minor.
		{lang: "wo", why: "wo.tsv:286 @harm 'yaayam nekkul': enrolling a child at school", msg: `xale bi yaayam nekkul Itali, naka laa koy bind ci école bi?`},
		{lang: "wo", why: "wo.tsv:286 @harm 'yaayam nekkul': a child with fever, a doctor asked", msg: `sama doom dafa feebar, yaayam nekkul fii, ana doktoor bu xale yi?`},
	})
}

// TestRevGHelpKaroInEveryLanguage: any.tsv:289 @help "help karo" counts in
// every language since it left pa.tsv; with an everyday fear (dogs,
// injections, a horror film) and no area named, the distress rule
// (any.tsv:18 @help @fear -area) makes a cry of a Roman Urdu or Bengali
// question. In pa.tsv it counted in Punjabi messages only.
func TestRevGHelpKaroInEveryLanguage(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ur", why: "any.tsv:289 @help: afraid of dogs", msg: `mujhe kutton se bahut dar lagta hai, help karo kaise bachun`},
		{lang: "ur", why: "any.tsv:289 @help: afraid of injections", msg: `mujhe injection se bahut dar lagta hai, help karo ji`},
		{lang: "bn", why: "any.tsv:289 @help + bn.tsv:428 @fear: a horror film", msg: `bhoot er cinema dekhe khub bhoy lagche, help karo ekta comedy bolo`},
	})
}
