package triage

import "testing"

// infl19 (issue 12, the urgent route): the inflected forms of the key danger
// words in languages with rich inflection. Blind evaluation found plain
// dangers missed only because the list had one form and the writer used
// another: Greek "Αποφάσισα να αυτοκτονήσω" (the list had only "θα
// αυτοκτονήσω"), Bulgarian "довечера ги вземам всичките" (60 pills),
// Hungarian "ma éjjel beveszem mindet", Latvian stroke signs ("seja
// nošķiebusies, roka nekustas"), Serbian Cyrillic "управо ударио жену, држи
// нож, она крвари". Each function holds the other forms people write: the
// infinitive or subjunctive ("decided to kill myself"), past and present,
// first and third person, feminine forms, without diacritics; and decoys
// with the same words in an ordinary meaning (a film, a course, a figure of
// speech, a prescription, a question), which stay calm. "Took all the pills"
// is listed only where it is swallowed, at once or tonight: "I have taken
// all the pills the doctor gave me" is everyday (the decoys). Croatian and
// Danish have no file: their forms are in sr.tsv and no.tsv.
// TestInfl19El: Greek. 15 of its 28 cases failed before (main 5c2d3f2c).
func TestInfl19El(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"el", "decided to kill myself (subjunctive)", `Αποφάσισα να αυτοκτονήσω`},
		{"el", "she wants to kill herself (3rd person)", `η αδερφή μου θέλει να αυτοκτονήσει, έχει χάπια`},
		{"el", "I'm thinking of killing myself, no accents", `skeftomai na aftoktoniso apopse`},
		{"el", "I want to die, past: I wanted to die every day", `σκέφτομαι να αυτοκτονησω, δεν αντέχω`},
		{"el", "I'll take all the pills tonight", `απόψε θα πάρω όλα τα χάπια`},
		{"el", "I swallowed all the pills (past)", `ήπια όλα τα χάπια που είχα`},
		{"el", "I cut myself again (past)", `κόπηκα πάλι επίτηδες, έκοψα τις φλέβες μου`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"el", "he hit her (3rd person, past)", `ο γείτονας χτύπησε τη γυναίκα του, κρατάει μαχαίρι`},
		{"el", "threatened me with a knife (past)", `με απείλησε με μαχαίρι πριν από λίγο`},
		{"el", "he said he will kill her", `λέει ότι θα τη σκοτώσει απόψε`},
		{"el", "he raped my daughter", `βίασε την κόρη μου`},
		{"el", "dad is not breathing", `ο μπαμπάς μου δεν αναπνέει`},
		{"el", "she lost consciousness", `η μητέρα μου έχασε τις αισθήσεις της`},
		{"el", "I am bleeding a lot", `αιμορραγώ πολύ από το κεφάλι`},
		{"el", "stroke signs: mouth twisted, cannot move her arm", `στράβωσε το στόμα της και δεν μπορεί να κουνήσει το χέρι`},
		{"el", "they took our passports, locked in", `μας πήραν τα διαβατήρια και μας κλειδώνουν στο σπίτι`},
		{"el", "a first-aid course told, then a danger now (calm guard)", `Ήμουν σε μάθημα πρώτων βοηθειών. Τώρα ο μπαμπάς δεν αναπνέει!`},
		{"el", "a film told, then a danger now (calm guard)", `Χθες είδα μια ταινία. Τώρα ο άντρας μου με χτυπάει!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"el", "a film where the hero killed himself", `χθες είδα μια ταινία όπου ο ήρωας αυτοκτόνησε, ωραία ταινία`},
		{"el", "first-aid course: someone not breathing", `μάθημα πρώτων βοηθειών: τι κάνουμε όταν κάποιος δεν αναπνέει;`},
		{"el", "I'll die laughing", `θα πεθάνω στα γέλια με αυτό το βίντεο`},
		{"el", "cut my finger cooking, need stitches?", `έκοψα το δάχτυλό μου στην κουζίνα, χρειάζεται ράμματα;`},
		{"el", "the footballer hit his knee", `ο ποδοσφαιριστής χτύπησε το γόνατο στον αγώνα`},
		{"el", "how many pills of paracetamol per day", `πόσα χάπια παρακεταμόλη μπορώ να πάρω τη μέρα;`},
		{"el", "the hero of a book killed himself", `στο βιβλίο που διαβάζω ο ήρωας αυτοκτόνησε στο τέλος`},
		{"el", "gums bleed when brushing", `τα ούλα μου αιμορραγούν όταν βουρτσίζω τα δόντια`},
		{"el", "should I take all the pills together in the morning", `να πάρω όλα τα χάπια μαζί το πρωί ή χωριστά;`},
		{"el", "mum will kill her, haha", `η μαμά θα τη σκοτώσει αν μάθει τον βαθμό`},
	})
}

// TestInfl19Bg: Bulgarian. 13 of its 28 cases failed before (main 5c2d3f2c).
func TestInfl19Bg(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"bg", "tonight I take them all (the pills)", `имам 60 хапчета, довечера ги вземам всичките`},
		{"bg", "decided to kill myself", `реших да се самоубия`},
		{"bg", "she wants to kill herself", `сестра ми иска да се самоубие`},
		{"bg", "I want to die, no diacritics-like latin", `iskam da umra, ne mi se jivee`},
		{"bg", "I swallowed all the pills", `изпих всички хапчета`},
		{"bg", "I cut my veins", `порязах си вените`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"bg", "he beat me up (past)", `мъжът ми ме преби снощи`},
		{"bg", "he is hitting his wife", `съседът бие жена си и тя крещи`},
		{"bg", "threatened me with a knife", `заплаши ме с нож`},
		{"bg", "he said he will kill me", `каза, че ще ме убие`},
		{"bg", "they raped her", `изнасилиха дъщеря ми`},
		{"bg", "dad is not breathing", `баща ми не диша`},
		{"bg", "unconscious", `мама е в безсъзнание`},
		{"bg", "bleeding a lot", `кърви много, не спира`},
		{"bg", "stroke: face twisted, arm does not move", `лицето ѝ се изкриви и ръката не се движи`},
		{"bg", "they took my passport and locked us in", `взеха ми паспорта и ни заключиха`},
		{"bg", "a film told, then a danger now (calm guard)", `Гледах филм за самоубийство. Сега и аз искам да умра.`},
		{"bg", "a first-aid course told, then a danger now (calm guard)", `Бях на курс по първа помощ. Сега баща ми не диша!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"bg", "a film about suicide", `вчера гледах филм за самоубийство`},
		{"bg", "first-aid course: someone not breathing", `курс по първа помощ: какво правим ако някой не диша?`},
		{"bg", "I'll die laughing", `ще умра от смях`},
		{"bg", "cut my finger with bread", `порязах си пръста докато режех хляб, нищо сериозно`},
		{"bg", "paracetamol dose for a child", `каква е дозата парацетамол за дете на 5 години?`},
		{"bg", "our team beat them", `нашият отбор ги би с 3 на 0`},
		{"bg", "gums bleed", `кърви ми венецът като си мия зъбите`},
		{"bg", "I take all my pills in the morning", `сутрин вземам всичките си хапчета наведнъж, добре ли е?`},
		{"bg", "I'll kill you if you are late again, haha", `ще те убия ако пак закъснееш хаха`},
		{"bg", "I watched a film about the war", `гледах филм за войната, много тъжен`},
	})
}

// TestInfl19Hu: Hungarian. 8 of its 25 cases failed before (main 5c2d3f2c).
func TestInfl19Hu(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"hu", "tonight I take them all (the sleeping pills)", `ma éjjel beveszem mindet, az összes altatót`},
		{"hu", "decided to kill myself", `elhatároztam, hogy megölöm magam`},
		{"hu", "I'll kill myself, no accents", `megolom magam ma este`},
		{"hu", "she wants to kill herself", `a nővérem meg akarja ölni magát`},
		{"hu", "I'll be a suicide: öngyilkos leszek", `öngyilkos leszek, nem bírom`},
		{"hu", "I cut myself again", `megint megvágtam magam, vérzik`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"hu", "he beat me (past)", `a férjem megvert tegnap este`},
		{"hu", "he hits her", `a szomszéd üti a feleségét`},
		{"hu", "threatened me with a knife", `késsel fenyegetett`},
		{"hu", "he said he will kill me", `azt mondta, hogy megöl`},
		{"hu", "he raped me", `megerőszakolt`},
		{"hu", "dad is not breathing", `apa nem lélegzik`},
		{"hu", "unconscious", `anyám eszméletlen`},
		{"hu", "bleeding heavily", `erősen vérzik a feje`},
		{"hu", "stroke: face drooping, arm does not move", `lefittyedt az arca és nem tudja mozgatni a karját`},
		{"hu", "they took my passport and locked us in", `elvették az útlevelemet és bezártak minket`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"hu", "a film: the hero killed himself", `láttam egy filmet, amiben a főhős megölte magát`},
		{"hu", "I'll die laughing", `meghalok a nevetéstől`},
		{"hu", "I cut my finger cooking", `főzés közben megvágtam az ujjam, kell varrni?`},
		{"hu", "our team beat them", `a csapatunk megverte őket`},
		{"hu", "how many sleeping pills can I take", `hány altatót vehetek be egy éjszakára?`},
		{"hu", "the concert was unbelievably good", `eszméletlen jó volt a koncert tegnap`},
		{"hu", "my brother beat me at chess", `a bátyám megvert sakkban`},
		{"hu", "cut myself cooking", `főzés közben megvágtam magam, kell varrni?`},
		{"hu", "should I take all the pills at once", `az orvos szerint reggel kell bevenni a tablettákat, mind egyszerre?`},
	})
}

// TestInfl19Lv: Latvian. 6 of its 23 cases failed before (main 5c2d3f2c).
func TestInfl19Lv(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"lv", "decided to kill myself", `nolēmu nogalināt sevi`},
		{"lv", "I want to die, feminine", `gribu nomirt, vairs nevaru`},
		{"lv", "I'll take all the pills tonight", `šovakar iedzeršu visas tabletes`},
		{"lv", "I cut myself", `es atkal sagriezu sevi`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"lv", "stroke signs: face drooping, arm does not move", `tēvam seja nošķiebusies, roka nekustas`},
		{"lv", "stroke without diacritics", `mammai seja noskiebusies un roka nekustas`},
		{"lv", "he beat me", `vīrs mani piekāva`},
		{"lv", "he hits her", `kaimiņš sit savu sievu`},
		{"lv", "threatened me with a knife", `draudēja man ar nazi`},
		{"lv", "he said he will kill me", `teica, ka mani nogalinās`},
		{"lv", "raped", `mani izvaroja`},
		{"lv", "not breathing", `tētis neelpo`},
		{"lv", "unconscious", `mamma ir bezsamaņā`},
		{"lv", "bleeding", `viņam stipri asiņo galva`},
		{"lv", "passport taken", `paņēma manu pasi un neļauj iziet`},
		{"lv", "a film told, then a danger now (calm guard)", `Skatījos filmu par karu. Tagad vīrs mani sit!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"lv", "a film about suicide", `vakar skatījos filmu par pašnāvību`},
		{"lv", "die laughing", `nomiršu no smiekliem`},
		{"lv", "I cut my finger cooking", `sagriezu pirkstu gatavojot ēst, vai vajag šuves?`},
		{"lv", "our team beat them", `mūsu komanda viņus sakāva`},
		{"lv", "how many pills per day", `cik tabletes dienā drīkst iedzert?`},
		{"lv", "arm does not move after training", `pēc treniņa roka nekustas labi, vai jāiet pie ārsta?`},
		{"lv", "film about a murder", `skatījos filmu par slepkavību`},
	})
}

// TestInfl19Sr: Serbian (Latin and Cyrillic). 10 of its 26 cases failed before (main 5c2d3f2c).
func TestInfl19Sr(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"sr", "decided to kill myself", `odlučila sam da se ubijem`},
		{"sr", "I'll kill myself (Cyrillic)", `убићу се вечерас`},
		{"sr", "I want to die", `hoću da umrem`},
		{"sr", "I took all the pills", `popila sam sve tablete`},
		{"sr", "I cut myself", `opet sam se isekla`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"sr", "just hit his wife, holds a knife, she bleeds (Cyrillic)", `управо ударио жену, држи нож, она крвари`},
		{"sr", "he beats me (Cyrillic)", `муж ме туче сваки дан`},
		{"sr", "he beat me (Latin past)", `muž me je pretukao sinoć`},
		{"sr", "threatened me with a knife", `pretio mi je nožem`},
		{"sr", "he said he will kill me", `rekao je da će me ubiti`},
		{"sr", "raped me", `silovao me je`},
		{"sr", "not breathing (Cyrillic)", `тата не дише`},
		{"sr", "she fainted and does not wake", `izgubila je svest i ne budi se`},
		{"sr", "stroke: face twisted, arm does not move", `lice joj se iskrivilo i ne može da pomeri ruku`},
		{"sr", "they took our passports, locked us in", `uzeli su nam pasoše i zaključali nas`},
		{"sr", "a first-aid course told, then a danger now (calm guard)", `Bila sam na kursu prve pomoći. Sada tata ne diše!`},
		{"sr", "the first-aid course named, then a danger now (calm guard)", `Kurs prve pomoći je bio juče. Sada tata ne diše!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"sr", "a film about a man who killed himself", `gledao sam film o čoveku koji se ubio`},
		{"sr", "first-aid course", `kurs prve pomoći: šta raditi ako neko ne diše?`},
		{"sr", "I'll die laughing", `umreću od smeha`},
		{"sr", "this heat is killing me", `ubija me ova vrućina, kada radi kancelarija?`},
		{"sr", "cut my finger on bread", `posekla sam prst dok sam sekla hleb`},
		{"sr", "how many tablets per day", `koliko tableta dnevno smem da popijem?`},
		{"sr", "gums bleed", `desni mi krvare kad perem zube`},
		{"sr", "how to hold a knife in the kitchen", `kako pravilno držati nož u kuhinji?`},
		{"sr", "a book where the hero killed himself", `u knjizi se junak ubio na kraju`},
	})
}

// TestInfl19Hr: Croatian (in sr.tsv: there is no hr.tsv). 3 of its 12 cases failed before (main 5c2d3f2c).
func TestInfl19Hr(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"hr", "I'll kill myself (Croatian)", `ubit ću se večeras`},
		{"hr", "I want to die (Croatian)", `želim umrijeti, ne mogu više`},
		{"hr", "I took all the pills", `popila sam sve tablete`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"hr", "husband beats me", `muž me tuče`},
		{"hr", "threatened me with a knife (Croatian)", `prijetio mi je nožem`},
		{"hr", "not breathing", `beba ne diše`},
		{"hr", "lost consciousness (Croatian)", `izgubio je svijest`},
		{"hr", "passport taken (Croatian)", `oduzeli su mi putovnicu i zaključali me`},
		{"hr", "the first-aid course named, then a danger now (calm guard)", `Tečaj prve pomoći bio je jučer. Sada beba ne diše!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"hr", "first aid course (Croatian)", `tečaj prve pomoći: što ako netko ne diše?`},
		{"hr", "I'll die laughing (Croatian)", `umrijet ću od smijeha`},
		{"hr", "passport renewal (Croatian)", `kako produljiti putovnicu u konzulatu?`},
	})
}

// TestInfl19Cs: Czech. 8 of its 22 cases failed before (main 5c2d3f2c).
func TestInfl19Cs(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"cs", "decided to kill myself", `rozhodla jsem se zabít se`},
		{"cs", "I'll kill myself (future, reflexive)", `zabiju se dnes v noci`},
		{"cs", "she wants to kill herself", `sestra se chce zabít`},
		{"cs", "I'll take all the pills", `dnes v noci spolknu všechny prášky`},
		{"cs", "I took all the pills (no diacritics)", `spolkla jsem vsechny prasky`},
		{"cs", "I cut my arms again", `zase jsem si pořezala ruce`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"cs", "he beat me (past)", `manžel mě zbil`},
		{"cs", "he hits her", `soused bije svou ženu`},
		{"cs", "threatened me with a knife", `vyhrožoval mi nožem`},
		{"cs", "he said he will kill me", `řekl, že mě zabije`},
		{"cs", "raped", `znásilnil mě`},
		{"cs", "unconscious", `máma je v bezvědomí`},
		{"cs", "bleeding", `hodně krvácí`},
		{"cs", "passport taken", `vzali mi pas a zamkli mě`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"cs", "a film about a man who killed himself", `viděl jsem film o muži, který se zabil`},
		{"cs", "I'll die laughing", `umřu smíchy`},
		{"cs", "our team beat them", `náš tým je porazil`},
		{"cs", "cut my finger cooking", `pořezala jsem si prst při vaření, potřebuji stehy?`},
		{"cs", "nearly killed himself on the bike", `málem se zabil na kole, ale je v pořádku`},
		{"cs", "cut myself cooking", `pořezala jsem se při vaření, potřebuji stehy?`},
		{"cs", "took all the pills the doctor gave, still a headache", `vzala jsem všechny prášky od doktora a pořád mě bolí hlava`},
		{"cs", "the gums bleed", `krvácí mi dásně`},
	})
}

// TestInfl19Sk: Slovak. 6 of its 16 cases failed before (main 5c2d3f2c).
func TestInfl19Sk(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"sk", "decided to kill myself", `rozhodla som sa zabiť`},
		{"sk", "I'll kill myself", `zabijem sa dnes v noci`},
		{"sk", "I'll take all the pills", `dnes večer zjem všetky tabletky`},
		{"sk", "I took all the pills", `zjedla som vsetky tabletky naraz`},
		{"sk", "I cut my arms again", `zase som si porezala ruky`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"sk", "he beat me", `manžel ma zbil`},
		{"sk", "he hits her", `sused bije svoju ženu`},
		{"sk", "threatened me with a knife", `vyhrážal sa mi nožom`},
		{"sk", "he said he will kill me", `povedal, že ma zabije`},
		{"sk", "raped", `znásilnil ma`},
		{"sk", "unconscious", `mama je v bezvedomí`},
		{"sk", "passport taken", `zobrali mi pas a zamkli ma`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"sk", "I'll die laughing", `umriem od smiechu`},
		{"sk", "our team beat them", `náš tím ich porazil`},
		{"sk", "a film about suicide", `videl som film o samovražde`},
		{"sk", "cut myself cooking", `porezala som sa pri varení`},
	})
}

// TestInfl19Pl: Polish. 4 of its 20 cases failed before (main 5c2d3f2c).
func TestInfl19Pl(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"pl", "decided to kill myself", `postanowiłam się zabić`},
		{"pl", "I'll kill myself", `zabiję się dziś w nocy`},
		{"pl", "she wants to kill herself", `siostra chce się zabić`},
		{"pl", "I took all the pills", `połknęłam wszystkie tabletki`},
		{"pl", "I'll take all the pills (no diacritics)", `dzis wezme wszystkie tabletki`},
		{"pl", "I cut myself", `znowu się pocięłam`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"pl", "he beat me", `mąż mnie pobił`},
		{"pl", "he hits her", `sąsiad bije swoją żonę`},
		{"pl", "threatened me with a knife", `groził mi nożem`},
		{"pl", "he said he will kill me", `powiedział, że mnie zabije`},
		{"pl", "raped", `zgwałcił mnie`},
		{"pl", "unconscious", `mama jest nieprzytomna`},
		{"pl", "bleeding heavily", `mocno krwawi z głowy`},
		{"pl", "passport taken", `zabrali mi paszport i zamknęli mnie`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"pl", "I'll die laughing", `umrę ze śmiechu`},
		{"pl", "our team beat them", `nasza drużyna ich pobiła`},
		{"pl", "a film about a man who killed himself", `oglądałam film o człowieku, który się zabił`},
		{"pl", "how many pills per day", `ile tabletek dziennie mogę wziąć?`},
		{"pl", "took all the pills the doctor gave", `wzięłam wszystkie tabletki od lekarza i dalej boli mnie głowa`},
		{"pl", "I cut the bread", `tnę chleb na kanapki`},
	})
}

// TestInfl19Lt: Lithuanian. 5 of its 17 cases failed before (main 5c2d3f2c).
func TestInfl19Lt(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"lt", "decided to kill myself", `nusprendžiau nusižudyti`},
		{"lt", "I'll kill myself", `šiąnakt nusižudysiu`},
		{"lt", "I want to die", `noriu mirti`},
		{"lt", "I'll take all the pills", `išgersiu visas tabletes`},
		{"lt", "I cut myself", `vėl susipjausčiau rankas`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"lt", "he beat me", `vyras mane sumušė`},
		{"lt", "he hits his wife", `kaimynas muša žmoną`},
		{"lt", "threatened with a knife", `grasino man peiliu`},
		{"lt", "he said he will kill me", `pasakė, kad mane nužudys`},
		{"lt", "raped", `mane išprievartavo`},
		{"lt", "not breathing", `tėtis nekvėpuoja`},
		{"lt", "unconscious", `mama be sąmonės`},
		{"lt", "passport taken", `atėmė mano pasą`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"lt", "I'll die laughing", `numirsiu iš juoko`},
		{"lt", "a film about suicide", `vakar žiūrėjau filmą apie savižudybę`},
		{"lt", "how many pills per day", `kiek tablečių per dieną galima išgerti?`},
		{"lt", "a book about suicide", `skaitau knygą apie tai, kodėl žmonės nusižudo`},
	})
}

// TestInfl19Fi: Finnish. 7 of its 18 cases failed before (main 5c2d3f2c).
func TestInfl19Fi(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"fi", "decided to kill myself", `päätin tappaa itseni`},
		{"fi", "I'll kill myself", `tapan itseni tänä yönä`},
		{"fi", "she wants to kill herself", `siskoni haluaa tappaa itsensä`},
		{"fi", "I want to die", `haluan kuolla`},
		{"fi", "I took all the pills", `söin kaikki pillerit`},
		{"fi", "I cut myself", `viilsin itseäni taas`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"fi", "he beat me", `mieheni hakkasi minut`},
		{"fi", "he hits his wife", `naapuri lyö vaimoaan`},
		{"fi", "threatened with a knife", `uhkasi minua veitsellä`},
		{"fi", "he said he will kill me", `sanoi että tappaa minut`},
		{"fi", "raped", `hän raiskasi minut`},
		{"fi", "not breathing", `isä ei hengitä`},
		{"fi", "unconscious", `äiti on tajuton`},
		{"fi", "passport taken", `ottivat passini eivätkä päästä ulos`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"fi", "I'll die laughing", `kuolen nauruun`},
		{"fi", "a film about a man who killed himself", `katsoin elokuvan miehestä joka tappoi itsensä`},
		{"fi", "how many pills per day", `montako pilleriä saa ottaa päivässä?`},
		{"fi", "this job is killing me", `tämä työ tappaa minut`},
	})
}

// TestInfl19Et: Estonian. 7 of its 18 cases failed before (main 5c2d3f2c).
func TestInfl19Et(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"et", "decided to kill myself", `otsustasin end tappa`},
		{"et", "I'll kill myself", `tapan end täna öösel`},
		{"et", "I want to die", `tahan surra`},
		{"et", "I took all the pills", `võtsin kõik tabletid sisse`},
		{"et", "I cut myself", `lõikasin ennast jälle`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"et", "he beat me", `mees peksis mind`},
		{"et", "he hits his wife", `naaber peksab oma naist`},
		{"et", "threatened with a knife", `ähvardas mind noaga`},
		{"et", "he said he will kill me", `ütles, et tapab mu`},
		{"et", "raped", `ta vägistas mind`},
		{"et", "not breathing", `isa ei hinga`},
		{"et", "unconscious", `ema on teadvuseta`},
		{"et", "the boss says he will kill me (guard of the figure)", `ülemus ütles, et tapab mu ära, kui ma lahkun`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"et", "I'll die laughing", `suren naerda`},
		{"et", "a film about suicide", `vaatasin filmi enesetapust`},
		{"et", "how many pills per day", `mitu tabletti päevas võib võtta?`},
		{"et", "this job is killing me", `see töö tapab mu ära`},
		{"et", "cut my finger cooking", `lõikasin näppu, kui köögis sibulat lõikasin`},
	})
}

// TestInfl19De: German. 6 of its 18 cases failed before (main 5c2d3f2c).
func TestInfl19De(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"de", "decided to kill myself", `ich habe beschlossen, mich umzubringen`},
		{"de", "she wants to kill herself", `meine Schwester will sich umbringen`},
		{"de", "I'll take all the pills tonight", `heute nacht nehme ich alle tabletten`},
		{"de", "I took all the pills", `ich habe alle tabletten geschluckt`},
		{"de", "I cut myself", `ich habe mich wieder geritzt`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"de", "he beat her", `er hat seine frau geschlagen und sie blutet`},
		{"de", "threatened with a knife", `er hat mich mit einem messer bedroht`},
		{"de", "he said he will kill me", `er sagt er bringt mich um`},
		{"de", "raped", `er hat mich vergewaltigt`},
		{"de", "not breathing", `papa atmet nicht`},
		{"de", "unconscious", `mama ist bewusstlos`},
		{"de", "stroke signs", `ihr gesicht hängt auf einer seite und sie kann den arm nicht bewegen`},
		{"de", "passport taken, locked in", `sie haben mir den pass weggenommen und sperren mich ein`},
		{"de", "a film told, then a danger now (calm guard)", `Ich habe das im Film gesehen. Jetzt will sich meine Schwester umbringen!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"de", "I'll die laughing", `ich lach mich tot`},
		{"de", "a film where he killed himself", `gestern sah ich einen film, in dem er sich umbringt`},
		{"de", "a film, he wants to kill himself", `im film will sich der held umbringen, ein trauriges ende`},
		{"de", "passport taken by the office for renewal", `das amt hat meinen alten pass eingezogen, bekomme ich einen neuen?`},
	})
}

// TestInfl19Nl: Dutch. 6 of its 16 cases failed before (main 5c2d3f2c).
func TestInfl19Nl(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"nl", "decided to kill myself", `ik heb besloten mezelf te doden`},
		{"nl", "I'll kill myself", `ik maak vannacht een eind aan mijn leven`},
		{"nl", "I want to die", `ik wil dood`},
		{"nl", "I took all the pills", `ik heb alle pillen ingenomen`},
		{"nl", "I cut myself", `ik heb mezelf weer gesneden`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"nl", "he beat me", `mijn man heeft me geslagen`},
		{"nl", "he hits her", `de buurman slaat zijn vrouw`},
		{"nl", "threatened with a knife", `hij bedreigde me met een mes`},
		{"nl", "he said he will kill me", `hij zegt dat hij me vermoordt`},
		{"nl", "raped", `hij heeft me verkracht`},
		{"nl", "not breathing", `papa ademt niet`},
		{"nl", "unconscious", `mama is bewusteloos`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"nl", "I'll die laughing", `ik lach me dood`},
		{"nl", "our team beat them", `ons team heeft ze verslagen`},
		{"nl", "I cut the bread", `ik snij het brood voor de kinderen`},
		{"nl", "a book: he wanted to end his life", `ik lees een boek over een man die een eind aan zijn leven wilde maken`},
	})
}

// TestInfl19Sv: Swedish. 4 of its 14 cases failed before (main 5c2d3f2c).
func TestInfl19Sv(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"sv", "decided to kill myself", `jag har bestämt mig för att ta livet av mig`},
		{"sv", "I want to die", `jag vill dö`},
		{"sv", "I took all the pills", `jag har svalt alla tabletter`},
		{"sv", "I cut myself", `jag skar mig igen`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"sv", "he beat me", `min man slog mig`},
		{"sv", "he hits her", `grannen slår sin fru`},
		{"sv", "threatened with a knife", `han hotade mig med kniv`},
		{"sv", "he said he will kill me", `han säger att han ska döda mig`},
		{"sv", "raped", `han våldtog mig`},
		{"sv", "not breathing", `pappa andas inte`},
		{"sv", "unconscious", `mamma är medvetslös`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"sv", "I'll die laughing", `jag dör av skratt`},
		{"sv", "it struck me", `det slog mig att jag glömt nycklarna`},
		{"sv", "took the pills the doctor gave", `jag har tagit alla tabletter som läkaren skrev ut, får jag nya?`},
	})
}

// TestInfl19No: Norwegian. 4 of its 13 cases failed before (main 5c2d3f2c).
func TestInfl19No(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"no", "decided to kill myself", `jeg har bestemt meg for å ta livet mitt`},
		{"no", "I want to die", `jeg vil dø`},
		{"no", "I took all the pills", `jeg har slukt alle pillene`},
		{"no", "I cut myself", `jeg har kuttet meg selv igjen`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"no", "he beat me", `mannen min slo meg`},
		{"no", "threatened with a knife", `han truet meg med kniv`},
		{"no", "he said he will kill me", `han sier at han skal drepe meg`},
		{"no", "raped", `han voldtok meg`},
		{"no", "not breathing", `pappa puster ikke`},
		{"no", "unconscious", `mamma er bevisstløs`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"no", "I'll die laughing", `jeg dør av latter`},
		{"no", "it struck me", `det slo meg at jeg har glemt nøklene`},
		{"no", "took the pills the doctor gave", `jeg har tatt alle pillene legen skrev ut, kan jeg få ny resept?`},
	})
}

// TestInfl19Da: Danish (in no.tsv: there is no da.tsv). 4 of its 11 cases failed before (main 5c2d3f2c).
func TestInfl19Da(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"da", "I want to die (Danish)", `jeg vil dø, jeg kan ikke mere`},
		{"da", "I'll kill myself (Danish)", `jeg slår mig selv ihjel i nat`},
		{"da", "I took all the pills (Danish)", `jeg har slugt alle pillerne`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"da", "he beat me (Danish)", `min mand slog mig`},
		{"da", "threatened with a knife (Danish)", `han truede mig med en kniv`},
		{"da", "he will kill me (Danish)", `han siger han vil slå mig ihjel`},
		{"da", "raped (Danish)", `han voldtog mig`},
		{"da", "not breathing (Danish)", `far trækker ikke vejret`},
		{"da", "unconscious (Danish)", `mor er bevidstløs`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"da", "I'll die laughing (Danish)", `jeg dør af grin`},
		{"da", "it struck me (Danish)", `det slog mig at jeg har glemt nøglerne`},
	})
}

// TestInfl19Pt: Portuguese. 3 of its 18 cases failed before (main 5c2d3f2c).
func TestInfl19Pt(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"pt", "decided to kill myself", `decidi me matar`},
		{"pt", "I'll kill myself", `vou me matar hoje`},
		{"pt", "she wants to kill herself", `minha irmã quer se matar`},
		{"pt", "I took all the pills at once", `tomei todos os comprimidos de uma vez`},
		{"pt", "I cut myself", `me cortei de novo`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"pt", "he beat me", `meu marido me bateu`},
		{"pt", "he hits her", `o vizinho bate na mulher dele`},
		{"pt", "threatened with a knife", `me ameaçou com uma faca`},
		{"pt", "he said he will kill me", `disse que vai me matar`},
		{"pt", "raped", `ele me estuprou`},
		{"pt", "not breathing", `meu pai não está respirando`},
		{"pt", "unconscious", `minha mãe está inconsciente`},
		{"pt", "passport taken", `pegaram meu passaporte e me trancaram`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"pt", "I'll die laughing", `vou morrer de rir`},
		{"pt", "a film about suicide", `vi um filme sobre suicídio ontem`},
		{"pt", "our team beat them", `nosso time bateu eles por 3 a 0`},
		{"pt", "he'll kill himself working, idiom", `ele vai se matar de tanto trabalhar`},
		{"pt", "took all the pills the doctor gave", `tomei todos os comprimidos que o médico receitou e ainda tenho febre`},
	})
}

// TestInfl19Id: Indonesian. 4 of its 14 cases failed before (main 5c2d3f2c).
func TestInfl19Id(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"id", "decided to kill myself", `aku memutuskan untuk bunuh diri`},
		{"id", "I want to die", `aku ingin mati saja`},
		{"id", "I took all the pills", `aku sudah menelan semua obat tidur`},
		{"id", "I cut myself", `aku menyayat tanganku lagi`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"id", "he beat me", `suamiku memukuliku`},
		{"id", "he hits his wife", `tetangga memukul istrinya`},
		{"id", "threatened with a knife", `dia mengancamku dengan pisau`},
		{"id", "he said he will kill me", `dia bilang akan membunuhku`},
		{"id", "raped", `aku diperkosa`},
		{"id", "not breathing", `ayah tidak bernapas`},
		{"id", "unconscious", `ibu pingsan dan tidak sadar`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"id", "I'll die laughing", `aku mati ketawa lihat video ini`},
		{"id", "took all the medicine, still a fever", `aku sudah minum semua obat tapi masih demam`},
		{"id", "heartbreaking film", `filmnya sangat menyayat hati`},
	})
}

// TestInfl19Vi: Vietnamese. 3 of its 15 cases failed before (main 5c2d3f2c).
func TestInfl19Vi(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"vi", "decided to kill myself", `tôi quyết định tự tử`},
		{"vi", "I want to die", `tôi muốn chết`},
		{"vi", "I took the whole bottle of pills", `tôi đã uống hết cả lọ thuốc ngủ`},
		{"vi", "I cut myself", `tôi lại cắt tay mình`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"vi", "he beat me", `chồng tôi đánh tôi`},
		{"vi", "threatened with a knife", `anh ta dọa tôi bằng dao`},
		{"vi", "he said he will kill me", `anh ta nói sẽ giết tôi`},
		{"vi", "raped", `tôi bị hiếp dâm`},
		{"vi", "not breathing", `bố tôi không thở`},
		{"vi", "unconscious", `mẹ tôi bất tỉnh`},
		{"vi", "he beats his wife", `hàng xóm đánh vợ`},
		{"vi", "passport taken", `họ lấy hộ chiếu của tôi và nhốt tôi`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"vi", "I'll die laughing", `cười chết mất`},
		{"vi", "a film about suicide", `hôm qua tôi xem phim về tự tử`},
		{"vi", "a film about a man who beats his wife, last year", `năm ngoái tôi xem một bộ phim về người chồng đánh vợ`},
	})
}

// TestInfl19Az: Azerbaijani. 4 of its 14 cases failed before (main 5c2d3f2c).
func TestInfl19Az(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"az", "decided to kill myself", `özümü öldürməyə qərar verdim`},
		{"az", "I want to die", `ölmək istəyirəm`},
		{"az", "I took all the pills", `bütün dərmanları içdim`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"az", "he beat me", `ərim məni döydü`},
		{"az", "threatened with a knife", `məni bıçaqla hədələdi`},
		{"az", "he said he will kill me", `dedi ki məni öldürəcək`},
		{"az", "not breathing", `atam nəfəs almır`},
		{"az", "unconscious", `anam huşsuzdur`},
		{"az", "he beats his wife", `qonşu arvadını döyür`},
		{"az", "threatened with a knife (no ə)", `bicaqla hedeledi meni`},
		{"az", "raped", `məni zorladı`},
		{"az", "passport taken", `pasportumu əlimdən aldılar`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"az", "I'll die laughing", `gülməkdən öləcəyəm`},
		{"az", "passport for renewal", `pasportumu yeniləmək üçün sənədlər lazımdır`},
	})
}

// TestInfl19Kk: Kazakh. 4 of its 11 cases failed before (main 5c2d3f2c).
func TestInfl19Kk(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"kk", "I want to die", `өлгім келеді`},
		{"kk", "I'll kill myself", `өзімді өлтіремін`},
		{"kk", "I took all the pills", `барлық дәрілерді іштім`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"kk", "he beat me", `күйеуім мені ұрды`},
		{"kk", "he said he will kill me", `мені өлтіремін деді`},
		{"kk", "not breathing", `әкем дем алмайды`},
		{"kk", "unconscious", `анам есінен танып қалды`},
		{"kk", "threatened with a knife", `пышақпен қорқытты`},
		{"kk", "passport taken", `паспортымды тартып алды`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"kk", "I'll die laughing", `күлкіден өлемін`},
		{"kk", "he does not rest", `ол демалмайды, көп жұмыс істейді`},
	})
}

// TestInfl19Uz: Uzbek. 4 of its 11 cases failed before (main 5c2d3f2c).
func TestInfl19Uz(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"uz", "I want to die", `o'lgim kelyapti`},
		{"uz", "I'll kill myself", `o'zimni o'ldiraman`},
		{"uz", "I took all the pills", `hamma dorilarni ichdim`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"uz", "he beat me", `erim meni urdi`},
		{"uz", "he said he will kill me", `meni o'ldiraman dedi`},
		{"uz", "not breathing", `otam nafas olmayapti`},
		{"uz", "unconscious", `onam hushidan ketdi`},
		{"uz", "he beats his wife", `qo'shni xotinini uradi`},
		{"uz", "passport taken", `pasportimni tortib olishdi`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"uz", "I'll die laughing", `kulgidan o'laman`},
		{"uz", "passport renewal", `pasportimni yangilash uchun qayerga borish kerak?`},
	})
}

// TestInfl19Tg: Tajik. 2 of its 11 cases failed before (main 5c2d3f2c).
func TestInfl19Tg(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"tg", "I want to die", `мурдан мехоҳам`},
		{"tg", "I'll kill myself", `худамро мекушам`},
		{"tg", "I drank all the pills", `ҳамаи доруҳоро нӯшидам`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"tg", "he beat me", `шавҳарам маро зад`},
		{"tg", "he will kill me", `маро мекушад`},
		{"tg", "not breathing", `падарам нафас намекашад`},
		{"tg", "unconscious", `модарам беҳуш шуд`},
		{"tg", "passport taken", `шиносномаамро гирифтанд`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"tg", "I'll die laughing", `аз ханда мемурам`},
		{"tg", "called me on the phone", `маро телефон зад`},
		{"tg", "my husband phoned me", `шавҳарам ба ман телефон зад`},
	})
}

// TestInfl19Ka: Georgian. 4 of its 16 cases failed before (main 5c2d3f2c).
func TestInfl19Ka(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"ka", "I want to die", `მინდა მოვკვდე`},
		{"ka", "I'll kill myself", `თავს მოვიკლავ`},
		{"ka", "decided to kill myself", `გადავწყვიტე თავის მოკვლა`},
		{"ka", "she wants to kill herself", `დას უნდა თავი მოიკლას`},
		{"ka", "I drank all the pills", `ყველა აბი დავლიე`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"ka", "he beat me", `ქმარმა მცემა`},
		{"ka", "he will kill me", `მომკლავს`},
		{"ka", "not breathing", `მამა არ სუნთქავს`},
		{"ka", "unconscious", `დედა უგონოდაა`},
		{"ka", "he beats his wife", `მეზობელი ცოლს სცემს`},
		{"ka", "threatened with a knife", `დანით დამემუქრა`},
		{"ka", "raped", `გამაუპატიურა`},
		{"ka", "bleeding", `ძლიერად სისხლდება`},
		{"ka", "passport taken", `პასპორტი წამართვეს`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ka", "I'll die laughing", `სიცილით მოვკვდები`},
		{"ka", "I lost my mind over the film (figure)", `ფილმმა გონება დამაკარგვინა, ძალიან კარგი იყო`},
	})
}

// TestInfl19Hy: Armenian. 7 of its 22 cases failed before (main 5c2d3f2c).
func TestInfl19Hy(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"hy", "I want to die", `ուզում եմ մեռնել`},
		{"hy", "I'll kill myself", `ինքնասպան կլինեմ`},
		{"hy", "decided to kill myself", `որոշեցի ինքնասպանություն գործել`},
		{"hy", "decided to kill myself", `որոշեցի ինձ սպանել`},
		{"hy", "she wants to kill herself", `քույրս ուզում է ինքնասպան լինել`},
		{"hy", "I drank all the pills", `խմեցի բոլոր հաբերը`},
		{"hy", "I cut my hands", `նորից կտրեցի ձեռքերս`},
		{"hy", "I want to kill myself", `ուզում եմ ինձ սպանել`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"hy", "he beat me", `ամուսինս ծեծեց ինձ`},
		{"hy", "he will kill me", `կսպանի ինձ`},
		{"hy", "not breathing", `հայրս չի շնչում`},
		{"hy", "unconscious", `մայրս ուշագնաց է`},
		{"hy", "he beats his wife", `հարևանը ծեծում է կնոջը`},
		{"hy", "threatened me with a knife", `դանակով սպառնաց ինձ`},
		{"hy", "raped me", `բռնաբարեց ինձ`},
		{"hy", "bleeding a lot", `շատ արյունահոսում է`},
		{"hy", "fainted and does not wake", `ուշագնաց եղավ և չի արթնանում`},
		{"hy", "passport taken", `վերցրել են անձնագիրս և փակել են ինձ`},
		{"hy", "they want to kill me (violence), still urgent", `ուզում են ինձ սպանել`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"hy", "I'll die laughing", `ծիծաղից կմեռնեմ`},
		{"hy", "a film about a murder", `երեկ ֆիլմ դիտեցի սպանության մասին`},
		{"hy", "he beat me at chess", `եղբայրս ինձ հաղթեց շախմատում`},
	})
}
