package triage

import "testing"

// core18-b (issue 12): the core forms of every urgent kind in Czech, Slovak, Polish, Croatian, Serbian, Bulgarian,
// Greek, Georgian and Armenian, whose lists were small: messages written the way people write on a phone, each
// missed before (a suicide or a danger by the lists alone, where the net caught it), and decoys that use the same
// new words in an ordinary meaning (a film, a due date, a debt for the electricity, a figure of speech) and stay
// not urgent. Croatian is listed in sr.tsv with Serbian and Bosnian.

func TestCore18BCzech(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "cs", why: "suicide", msg: `chci umřít, už nemůžu dál`},
		{lang: "cs", why: "suicide", msg: `skočím z mostu, sbohem mami`},
		{lang: "cs", why: "suicide", msg: `spolykala jsem prasky abych umrela`},
		{lang: "cs", why: "suicide", msg: `zase jsem se pořezala, řežu se každý večer`},
		{lang: "cs", why: "suicide", msg: `dnes v noci to všechno skončím`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "cs", why: "child", msg: `dite je zavrene v pokoji tri dny a nejedlo`},
		{lang: "cs", why: "violence", msg: `přítel mě škrtil, teď stojí za dveřmi`},
		{lang: "cs", why: "violence", msg: `znásilnil mě šéf, jsem v via Roma 3`},
		{lang: "cs", why: "medical", msg: `tata upadl a nemůžu ho probudit`},
		{lang: "cs", why: "trafficking", msg: `nutí mě prodávat se na ulici`},
		{lang: "cs", why: "exploitation", msg: `capo mi neplatí tři měsíce a když odejdu zavolá na mě policii`},
		{lang: "cs", why: "distress", msg: `pomozte, strašně se bojím`},
		{lang: "cs", why: "exploitation", msg: `capo mi neplatí tři měsíce, říká že mě udá`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "cs", why: "child, the lists alone", msg: `soused mlátí svého syna, má modřiny všude`},
		{lang: "cs", why: "trafficking, the lists alone", msg: `vzali mi pas a nepustí mě ven, dluh 5000 eur za cestu`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "cs", why: "decoy", msg: `v tom filmu o válce chce umřít hlavní hrdina`},
		{lang: "cs", why: "was violence before", msg: `ta práce mě zabije, tolik papírů`},
		{lang: "cs", why: "decoy", msg: `pořezala jsem se při krájení chleba, potřebuji náplast`},
		{lang: "cs", why: "decoy", msg: `kdy rodím? termín mám v srpnu, potřebuji lékaře v Miláně`},
		{lang: "cs", why: "decoy", msg: `kniha o tom jak otec mlátí syna, referát do školy`},
		{lang: "cs", why: "decoy", msg: `mám strach o život mé babičky, je v nemocnici, jak ji navštívit`},
		{lang: "cs", why: "decoy", msg: `před rokem mi šéf neplatil, teď mám novou práci a potřebuji smlouvu`},
	})
}

func TestCore18BSlovak(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "sk", why: "suicide", msg: `chcem umrieť, už nevládzem`},
		{lang: "sk", why: "suicide", msg: `skočím z mosta dnes v noci`},
		{lang: "sk", why: "suicide", msg: `zjedla som všetky tabletky aby som umrela`},
		{lang: "sk", why: "suicide", msg: `zase som sa porezala, režem sa`},
		{lang: "sk", why: "suicide", msg: `dnes večer to všetko skončím`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "sk", why: "child", msg: `otcim mláti sestričku, má modriny na rukách`},
		{lang: "sk", why: "child", msg: `dieťa je zamknuté samo v byte dva dni, nejedlo`},
		{lang: "sk", why: "violence", msg: `znásilnil ma, som na via Roma 3`},
		{lang: "sk", why: "trafficking", msg: `zobrali mi pas a nepustia ma von, dlh 4000 eur za cestu`},
		{lang: "sk", why: "trafficking", msg: `nútia ma predávať sa na ulici`},
		{lang: "sk", why: "distress", msg: `pomôžte, strašne sa bojím`},
		{lang: "sk", why: "exploitation", msg: `capo mi nezaplatil 4 mesiace, zavolá na mňa políciu`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "sk", why: "violence, the lists alone", msg: `frajer ma škrtil a teraz stojí pred dverami`},
		{lang: "sk", why: "medical, the lists alone", msg: `mama odpadla a nedá sa prebudiť`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "sk", why: "decoy", msg: `film o chlapcovi ktorý chce umrieť, videli ste ho?`},
		{lang: "sk", why: "decoy", msg: `kedy rodím? termín mám v máji, hľadám gynekológa`},
		{lang: "sk", why: "decoy", msg: `odpadla mi schôdzka na questura, čo mám robiť`},
		{lang: "sk", why: "decoy", msg: `dieťa je samo doma 2 hodiny po škole, je to legálne?`},
		{lang: "sk", why: "decoy", msg: `pomôžte mi s prihláškou na kurz taliančiny`},
		{lang: "sk", why: "decoy", msg: `kniha o tom ako otec mláti syna, referát`},
		{lang: "sk", why: "was violence before", msg: `táto práca ma zabije, toľko papierov`},
	})
}

func TestCore18BPolish(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "pl", why: "suicide", msg: `dziś w nocy skończę ze wszystkim`},
		{lang: "pl", why: "suicide", msg: `łyknęłam wszystkie tabletki żeby umrzeć`},
		{lang: "pl", why: "suicide", msg: `połknęłam całe opakowanie leków żeby nie żyć`},
		{lang: "pl", why: "suicide", msg: `połknęłam garść tabletek żeby umrzeć`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "pl", why: "child", msg: `wujek dotyka moją córkę`},
		{lang: "pl", why: "medical", msg: `spadł z rusztowania i nie rusza się`},
		{lang: "pl", why: "trafficking", msg: `każą mi stać na ulicy z klientami`},
		{lang: "pl", why: "distress", msg: `atak paniki, trzęsę się, pomocy`},
		{lang: "pl", why: "child", msg: `dziecko spadło ze schodów i się nie rusza`},
		{lang: "pl", why: "child", msg: `wujek dotyka mojego syna`},
		{lang: "pl", why: "trafficking", msg: `każą mi się sprzedawać, nie mam wyjścia`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "pl", why: "child, the lists alone", msg: `niemowlę spadło ze stołu i się nie rusza`},
		{lang: "pl", why: "medical, the lists alone", msg: `tata spadł z dachu, nie rusza się`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "pl", why: "decoy", msg: `film o tym jak skończył ze wszystkim, polecam`},
		{lang: "pl", why: "decoy", msg: `dziś skończę ze wszystkim co mam do zrobienia w pracy`},
		{lang: "pl", why: "decoy", msg: `dziecko spadło z huśtawki ale się śmieje`},
		{lang: "pl", why: "decoy", msg: `wujek dotyka tematu podatków`},
		{lang: "pl", why: "decoy", msg: `mam atak paniki przed egzaminem z włoskiego haha`},
		{lang: "pl", why: "decoy", msg: `spadł z rusztowania w zeszłym roku, teraz potrzebuje renty`},
	})
}

func TestCore18BCroatian(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "hr", why: "suicide", msg: `želim umrijeti, ne mogu više`},
		{lang: "hr", why: "suicide", msg: `večeras ću završiti sa svime`},
		{lang: "hr", why: "suicide", msg: `popila sam sve tablete da umrem`},
		{lang: "hr", why: "suicide", msg: `opet se režem, porezala sam ruke`},
		{lang: "hr", why: "suicide", msg: `skočit ću s mosta`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "hr", why: "violence", msg: `silovao me šef, via Roma 3`},
		{lang: "hr", why: "medical", msg: `pukao mi je vodenjak, rađam`},
		{lang: "hr", why: "trafficking", msg: `tjeraju me da se prodajem na ulici`},
		{lang: "hr", why: "distress", msg: `pomozite, imam napad panike`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "hr", why: "child, the lists alone", msg: `dijete je samo zaključano dva dana, nije jelo`},
		{lang: "hr", why: "violence, the lists alone", msg: `dečko me davio, stoji ispred vrata`},
		{lang: "hr", why: "medical, the lists alone", msg: `tata je pao i ne mogu ga probuditi`},
		{lang: "hr", why: "trafficking, the lists alone", msg: `uzeli su mi putovnicu i ne puštaju me van, dug 3000 eura`},
		{lang: "hr", why: "exploitation, the lists alone", msg: `šef ne plaća 3 mjeseca i prijeti da će me prijaviti policiji ako odem`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "hr", why: "decoy", msg: `pomozite mi oko permesso di soggiorno, ne mogu više čekati`},
		{lang: "hr", why: "decoy", msg: `ne plaća mi najam, što da radim? stanodavac`},
		{lang: "hr", why: "decoy", msg: `gledala sam film gdje se netko ubio, užasno`},
		{lang: "hr", why: "was suicide before", msg: `ubit ću se od smijeha, ovaj video`},
		{lang: "hr", why: "decoy", msg: `kupila sam novi nož ima nož za kruh i za meso`},
		{lang: "hr", why: "decoy", msg: `moj sin ima nož za kampiranje, smije li u avion?`},
		{lang: "hr", why: "decoy", msg: `gledali smo film, tamo netko lupa na vrata cijelu noć`},
		{lang: "hr", why: "decoy", msg: `imam dug za struju, kako da platim na posti`},
	})
}

func TestCore18BSerbian(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "sr", why: "suicide", msg: `hoću da umrem, ne mogu više`},
		{lang: "sr", why: "suicide", msg: `хоћу да умрем`},
		{lang: "sr", why: "suicide", msg: `sečem se opet, isekla sam ruke`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "sr", why: "violence", msg: `muž me davio, ispred vrata je`},
		{lang: "sr", why: "violence", msg: `муж ме туче сваки дан`},
		{lang: "sr", why: "violence", msg: `silovao me gazda`},
		{lang: "sr", why: "medical", msg: `pukao mi vodenjak, porođaj je počeo`},
		{lang: "sr", why: "trafficking", msg: `отели су ми пасош`},
		{lang: "sr", why: "trafficking", msg: `teraju me da se prodajem na ulici`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "sr", why: "child, the lists alone", msg: `komšija bije dete, ima modrice`},
		{lang: "sr", why: "child, the lists alone", msg: `dete je zaključano samo dva dana, nije jelo`},
		{lang: "sr", why: "trafficking, the lists alone", msg: `uzeli su mi pasoš i ne puštaju me napolje, dug 3000 evra`},
		{lang: "sr", why: "exploitation, the lists alone", msg: `gazda ne plaća 3 meseca i preti da će me prijaviti policiji ako odem`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "sr", why: "decoy", msg: `koliko je dug put do Rima vozom?`},
		{lang: "sr", why: "decoy", msg: `pala mi je karta, ne budi se telefon`},
		{lang: "sr", why: "decoy", msg: `imam dug za struju, kako da platim`},
		{lang: "sr", why: "decoy", msg: `ne mogu više da čekam termin u questuri`},
		{lang: "sr", why: "decoy", msg: `komšija lupa na vrata svako jutro da pozajmi šećer`},
		{lang: "sr", why: "decoy", msg: `gazda mi ne plaća kiriju nazad, vratio sam ključeve`},
	})
}

func TestCore18BBulgarian(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "bg", why: "suicide", msg: `искам да умра`},
		{lang: "bg", why: "suicide", msg: `ще се самоубия довечера`},
		{lang: "bg", why: "suicide", msg: `изпих хапчета за да умра`},
		{lang: "bg", why: "suicide", msg: `режа се пак, нарязах си ръцете`},
		{lang: "bg", why: "suicide", msg: `iskam da umra`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "bg", why: "violence", msg: `изнасили ме шефът`},
		{lang: "bg", why: "medical", msg: `изтекоха ми водите, раждам`},
		{lang: "bg", why: "trafficking", msg: `карат ме да проституирам`},
		{lang: "bg", why: "distress", msg: `помогнете, много ме е страх`},
		{lang: "bg", why: "distress", msg: `някой ме следи през нощта`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "bg", why: "child, the lists alone", msg: `съседът бие детето си, има синини`},
		{lang: "bg", why: "violence, the lists alone", msg: `muzh mi me bie`},
		{lang: "bg", why: "trafficking, the lists alone", msg: `взеха ми паспорта и не ме пускат навън, дълг 3000 евро`},
		{lang: "bg", why: "exploitation, the lists alone", msg: `шефът не ми плаща от 3 месеца и заплашва да ме издаде на полицията`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "bg", why: "decoy", msg: `гледах филм, в който героят иска да умре`},
		{lang: "bg", why: "decoy", msg: `раждам през август, къде да намеря лекар в Милано`},
		{lang: "bg", why: "decoy", msg: `колко дълг имам към общината за боклука?`},
		{lang: "bg", why: "decoy", msg: `помогнете ми с документите за permesso`},
		{lang: "bg", why: "decoy", msg: `шефът ме убива с тази работа, ха-ха`},
		{lang: "bg", why: "decoy", msg: `работата ме убива`},
	})
}

func TestCore18BGreek(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "el", why: "suicide", msg: `δεν θέλω να ζήσω άλλο`},
		{lang: "el", why: "suicide", msg: `θα πηδήξω από το μπαλκόνι απόψε`},
		{lang: "el", why: "suicide", msg: `ήπια όλα τα χάπια για να πεθάνω`},
		{lang: "el", why: "suicide", msg: `κόβω τα χέρια μου με ξυράφι`},
		{lang: "el", why: "suicide", msg: `den thelo na zisw allo`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "el", why: "child", msg: `το παιδί έχει μελανιές και εγκαύματα`},
		{lang: "el", why: "violence", msg: `έχει όπλο και με απειλεί`},
		{lang: "el", why: "medical", msg: `έσπασαν τα νερά, γεννάω`},
		{lang: "el", why: "trafficking", msg: `με αναγκάζουν να εκδίδομαι`},
		{lang: "el", why: "exploitation", msg: `το αφεντικό δεν με πληρώνει 3 μήνες και απειλεί να με καταγγείλει στην αστυνομία`},
		{lang: "el", why: "distress", msg: `βοήθεια, φοβάμαι πολύ`},
		{lang: "el", why: "violence", msg: `έχει όπλο και με απειλεί`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "el", why: "violence, the lists alone", msg: `ο άντρας μου με έπνιξε, είναι έξω από την πόρτα`},
		{lang: "el", why: "medical, the lists alone", msg: `ο πατέρας μου λιποθύμησε και δεν ξυπνάει`},
		{lang: "el", why: "trafficking, the lists alone", msg: `μου πήραν το διαβατήριο και δεν με αφήνουν να βγω`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "el", why: "decoy", msg: `είδα μια ταινία για έναν που δεν θέλει να ζήσει`},
		{lang: "el", why: "decoy", msg: `γεννάω τον Αύγουστο, πού βρίσκω γυναικολόγο στη Ρώμη`},
		{lang: "el", why: "decoy", msg: `χρωστάω λεφτά στη ΔΕΗ, πώς πληρώνω;`},
		{lang: "el", why: "decoy", msg: `ο σκύλος μου κάθεται έξω από την πόρτα`},
		{lang: "el", why: "decoy", msg: `βοήθεια με το permesso di soggiorno παρακαλώ`},
		{lang: "el", why: "decoy", msg: `απειλεί να βρέξει όλη μέρα`},
	})
}

func TestCore18BGeorgian(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "ka", why: "suicide", msg: `ბევრი აბი დავლიე რომ მოვმკვდარიყავი`},
		{lang: "ka", why: "suicide", msg: `ხელებს ვიჭრი`},
		{lang: "ka", why: "suicide", msg: `tavs moviklav`},
		{lang: "ka", why: "suicide", msg: `ვენებს ვიჭრი`},
		{lang: "ka", why: "suicide", msg: `ფანჯრიდან გადავხტები ამაღამ`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "ka", why: "medical", msg: `წყალი დამეღვარა, ვმშობიარობ`},
		{lang: "ka", why: "distress", msg: `დამეხმარეთ, პანიკის შეტევა მაქვს`},
		{lang: "ka", why: "distress", msg: `ღამით ვიღაც მომყვება`},
		{lang: "ka", why: "child", msg: `ბავშვს სისხლჩაქცევები და დამწვრობები აქვს`},
		{lang: "ka", why: "distress", msg: `ვიღაც მომყვება ღამით ბნელ ქუჩაში`},
		{lang: "ka", why: "violence", msg: `mcems kmari yoveldge`},
		{lang: "ka", why: "medical", msg: `ვერ ვაღვიძებ დედას`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ka", why: "decoy", msg: `ფილმი ვნახე სადაც გმირი ხიდიდან გადახტა`},
		{lang: "ka", why: "decoy", msg: `ღამით ვმუშაობ რესტორანში`},
		{lang: "ka", why: "decoy", msg: `ბავშვი ბაღში დაეცა და ჩალურჯება აქვს, რა ვქნა`},
		{lang: "ka", why: "decoy", msg: `აგვისტოში ვმშობიარობ, ექიმი მჭირდება მილანში`},
		{lang: "ka", why: "decoy", msg: `ჩემს ქმარს ჭამს სამსახური`},
		{lang: "ka", why: "decoy", msg: `ჩემი შვილი ღამით ბნელ ქუჩაში არ დადის`},
		{lang: "ka", why: "was violence before", msg: `ეს სამსახური მომკლავს, იმდენი საბუთია`},
		{lang: "ka", why: "decoy", msg: `სექტემბერში ვმშობიარობ, საავადმყოფო მჭირდება რომში`},
	})
}

func TestCore18BArmenian(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "hy", why: "suicide", msg: `ձեռքերս կտրում եմ`},
		{lang: "hy", why: "suicide", msg: `uzum em mernel`},
		{lang: "hy", why: "suicide", msg: `inqnaspan kliném`},
		{lang: "hy", why: "suicide", msg: `բոլոր հաբերը խմեցի որ մեռնեմ`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "hy", why: "violence", msg: `ամուսինս խեղդում էր ինձ`},
		{lang: "hy", why: "violence", msg: `amusins tsetsum a indz`},
		{lang: "hy", why: "medical", msg: `ջրերս գնացին, ծննդաբերում եմ`},
		{lang: "hy", why: "distress", msg: `օգնեք, խուճապի նոպա ունեմ`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "hy", why: "distress, the lists alone", msg: `գիշերը ինչ որ մեկը հետևում է ինձ`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "hy", why: "decoy", msg: `ֆիլմ եմ դիտել որտեղ հերոսը կամրջից ցատկեց`},
		{lang: "hy", why: "decoy", msg: `գիշերը աշխատում եմ ռեստորանում`},
		{lang: "hy", why: "decoy", msg: `օգոստոսին ծննդաբերում եմ, բժիշկ եմ փնտրում`},
		{lang: "hy", why: "was violence before", msg: `այս աշխատանքը ինձ կսպանի`},
		{lang: "hy", why: "decoy", msg: `երեխաս մանկապարտեզում ընկավ, կապտուկ ունի`},
		{lang: "hy", why: "decoy", msg: `գիշերը մութ փողոցում եմ քայլում աշխատանքից հետո`},
		{lang: "hy", why: "decoy", msg: `սեպտեմբերին ծննդաբերում եմ, հիվանդանոց եմ փնտրում Հռոմում`},
		{lang: "hy", why: "was violence before", msg: `այս աշխատանքը ինձ կսպանի, այնքան թղթեր`},
	})
}
