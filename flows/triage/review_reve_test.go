package triage

import "testing"

// Review revE of tuneF (issue 12, 91befda): the calms, about/over marks and
// ignore lines that mended set w's false alarms, read against present
// dangers told in the same words.

// tr.tsv:356 makes the pluperfect "etmişti" (and "etmiştir", which is no
// pluperfect but the formal perfect of a statement) a calm of 1 for every
// danger in its clause, with no time word. A threat to kill, a rape of a
// child with the uncle still in the house, a knife drawn told with
// "tonight" or "now" in another clause: each counts half and is no longer
// urgent. Each was urgent on 3bff6ca.
func TestRevETurkishPluperfectCalmHalvesPresentDanger(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"tr", "had threatened to kill me, tonight he came again", "kocam beni öldürmekle tehdit etmişti, bu gece yine geldi"},
		{"tr", "had threatened to kill me, he will come tonight", "kocam beni öldürmekle tehdit etmişti bu gece yine gelecek"},
		{"tr", "drew a knife and had threatened me, now he is coming again", "kocam bana bıçak çekip tehdit etmişti, şimdi yine geliyor"},
		{"tr", "uncle had raped my daughter, he still stays in our house", "amcam kızıma tecavüz etmişti, hala evimizde kalıyor"},
		{"tr", "has threatened to kill me many times (-mıştır, not a past)", "kocam beni defalarca öldürmekle tehdit etmiştir"},
		{"tr", "had threatened to kill me, called the police, they did not come", "kocam beni öldüreceğini söyleyip tehdit etmişti, polisi aradım gelmediler"},
		{"tr", "neighbour: her husband had threatened her with a knife last night, screams", "komşum kocası onu bıçakla tehdit etmişti dün gece, çığlıklar duydum"},
	})
}

// fa.tsv:345-346 hide "mikoshamesh" beside a thing and its verb wherever
// it stands: a drunk husband who broke the phone and says he will kill her,
// coming now, and a father's threat to his daughter over his phone, are
// read as a sibling's idiom. fa.tsv:348 ("mojavez haml aslahe", a gun
// licence) hides the only weapon word of a husband who put the gun to her
// head (Finglish "aslaharo" is no listed form). Each was urgent on 3bff6ca.
func TestRevEPersianThingIgnoreHidesThreat(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"fa", "husband drunk, broke my phone, says I'll kill her, coming now (finglish)", "shoharam mast kard gushimo shekast mikoshamesh mige, alan dare miad"},
		{"fa", "husband drunk, broke my phone, says I'll kill her, coming now", "شوهرم مست کرده گوشیمو شکست میکشمش میگه، الان داره میاد"},
		{"fa", "husband said if my daughter takes his phone again he'll kill her", "shoharam gofte age dokhtaram dobare gushisho bardare mikoshamesh"},
		{"fa", "husband has a gun licence and put the gun to my head (finglish)", "shoharam mojavez haml aslahe dare va aslaharo gozashte ru saram"},
	})
}

// The bruise ignores (any.tsv:287, en.tsv:519, it.tsv:445, es.tsv:515,
// fr.tsv:489) take the cover story for the cause: a neighbour or a
// grandparent who does not believe it, a girl bruised "again", a child who
// now says the coach hits him (en "hits him" is child 0.6: with the
// bruises it was 1.2). Each was child on 3bff6ca.
func TestRevEBruiseIgnoreHidesCoverStory(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"en", "bruises from football, now he says his coach hits him", "my son is 8 and covered in bruises from football, now he says his coach hits him"},
		{"en", "grandson bruised 'from football' says the stepdad, he plays none", "my grandson is 6 and covered in bruises from football says his stepdad, but he doesn't play football"},
		{"nl", "neighbour boy of 6 bruised 'from football' says mother, screams every night", "het jongetje van 6 naast ons zit vol blauwe plekken van het voetbal zegt zijn moeder, maar ik hoor hem elke nacht huilen en schreeuwen"},
		{"nl", "neighbour girl of 7 bruised AGAIN 'from cycling' says her father", "het meisje van 7 naast ons zit weer vol blauwe plekken van het fietsen zegt haar vader"},
		{"it", "neighbours' boy of 6 bruised 'from football' says mother, cries every night", "il bambino dei vicini di 6 anni è pieno di lividi per il calcio dice la madre, ma lo sento piangere e urlare ogni notte"},
		{"it", "granddaughter of 7 bruised 'from the bike' says mother's partner, she has no bike", "mia nipote di 7 anni è piena di lividi dalla bici dice il compagno di mia figlia, ma non ha una bici"},
		{"es", "neighbour boy of 6 bruised 'from football' says mother, cries every night", "el niño de 6 años de al lado está lleno de moretones del futbol dice su madre, pero lo oigo llorar y gritar cada noche"},
		{"fr", "neighbour boy of 6 bruised 'from football' says mother, screams every night", "le petit voisin de 6 ans est couvert de bleus à cause du foot dit sa mère, mais je l'entends hurler chaque nuit"},
	})
}

// The new about/over marks of data/calm name no object: en "my homework
// is" / "homework about", bn "রচনা লিখতে" (to write an essay), it "tema
// sul", ur "کتاب جس میں" (a book in which) and pa "ਕੰਮ ਛੱਡ ਦਿੱਤਾ ਤੇ ਠੀਕ
// ਹਾਂ" (left the job and fine). With a school or work need named and no
// "now", a child beaten or locked in over the homework, a husband's daily
// beating, a passport kept with a death threat count a fifth. (pa: the
// over phrase holds pa.tsv:21's exploitation 0.6, so "ਪਰ" cuts no clause.)
// Each was urgent on 3bff6ca.
func TestRevEAboutOverMarksHidePresentDanger(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"en", "homework late because dad beats me every night, school help", "my homework is late because my dad beats me every night, can you help me with school"},
		{"en", "homework not done, stepfather locked me in my room", "my homework is not done because my stepfather locked me in my room, can i get school help"},
		{"en", "homework about my family, dad beats me every day", "homework about my family my dad beats me every day, help with school?"},
		{"bn", "couldn't write the essay so dad beats me with a belt", "রচনা লিখতে পারিনি বলে বাবা আমাকে বেল্ট দিয়ে মারে, স্কুলে কী করব"},
		{"it", "essay unfinished because father beats me every evening", "non ho finito il tema sul libro perché mio padre mi picchia ogni sera, aiuto con i compiti?"},
		{"ur", "a book with Urdu for school, my husband beats me every day", "کتاب جس میں اردو ہو اسکول کے لیے چاہیے میرا شوہر مجھے روز مارتا ہے"},
		{"pa", "left the job and fine, but the boss keeps my passport and says he'll kill me", "ਕੰਮ ਛੱਡ ਦਿੱਤਾ ਤੇ ਠੀਕ ਹਾਂ ਪਰ ਮਾਲਕ ਮੇਰਾ ਪਾਸਪੋਰਟ ਨਹੀਂ ਦਿੰਦਾ ਤੇ ਕਹਿੰਦਾ ਮਾਰ ਦੇਵਾਂਗਾ, ਬਕਾਇਆ ਤਨਖਾਹ ਲਈ ਵਕੀਲ ਚਾਹੀਦਾ"},
	})
}

// zh.tsv:410: the object forms kept after the bare 一部电影 and 写论文 went
// take any object, so tuneF's own cases with a harmless object in them
// (a film about dogs, a thesis on migration) still halve the knife threat
// told beside them with a space. These failed on 3bff6ca too.
func TestRevEChineseObjectCalmHalvesKnife(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"zh", "watching a film about dogs, husband takes a knife to kill me", "我在看一部关于狗的电影 我丈夫拿刀要杀我"},
		{"zh", "writing a thesis about migration, husband takes a knife to kill me", "我在写关于移民的论文 我丈夫拿刀要杀我"},
		{"zh", "my thesis is on migration, husband takes a knife to kill me", "我写的论文写的是移民 我丈夫拿刀要杀我"},
	})
}

// Open false alarms (mendE). Review revE asked that these everyday
// messages not be urgent; they were urgent on 3bff6ca too. Each could be
// made calm only by an ignore of a thing or a cause beside the danger, and
// such a line is what hid the dangers of the tests above: "vol (met) blauwe
// plekken van het voetballen / na het hockey" and "pieno di lividi per
// colpa del calcio" are the cover story a neighbour or a grandparent does
// not believe; "baradaram ... gooshimo bardasht mikoshamesh" and
// "khaharam ... lebasamo bardasht mikoshamesh" are, word for word, a
// brother's honour threat to a sister whose phone he took. An operator
// reads a false alarm; nobody reads a hidden threat. So they stay urgent:
//
//	nl  Mijn zoon van 8 zit vol met blauwe plekken van het voetballen, moet ik naar de huisarts?
//	nl  Mijn zoon van 8 zit vol blauwe plekken na het hockey, huisarts?
//	it  mio figlio di 8 anni è pieno di lividi per colpa del calcio, pediatra?
//	fa  baradaram dobare gooshimo bardasht mikoshamesh
//	fa  khaharam dobare lebasamo bardasht mikoshamesh
