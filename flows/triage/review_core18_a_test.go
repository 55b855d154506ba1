package triage

import "testing"

// core18-a (issue 12): the core forms of every urgent kind in the languages
// Frontdoor recognises but does not speak: Hungarian, Finnish, Estonian,
// Lithuanian, Latvian, Norwegian and Danish, Swedish and Dutch. Each urgent
// case was missed before (main a9cbd5bf): "meg akarok halni" (I want to die)
// and "tonight I end everything" were in no list. The decoys use the same
// words in an ordinary meaning (a film, a course, a figure of speech, a
// question) and stay calm.

// TestCore18AHu: Hungarian.
func TestCore18AHu(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"hu", "suicide, lists alone", `meg akarok halni, nem bírom tovább ezt az életet`},
		{"hu", "suicide, lists alone", `ma éjjel végzek magammal, bocsi mindenkinek`},
		{"hu", "suicide, lists alone", `bevettem az osszes tablettat hogy vege legyen`},
	})
	wantUrgent(t, c, []reviewCase{
		{"hu", "child", `a szomszéd veri a gyereket minden nap, hallom a via Roma 3-ban`},
		{"hu", "child", `a kislányom napok óta egyedül van otthon, az anyja elment`},
		{"hu", "violence", `a férjem meg akar ölni, késsel fenyeget`},
		{"hu", "medical", `a kollégám nem kap levegőt és elvesztette az eszméletét a munkahelyen`},
		{"hu", "trafficking", `elvették a papírjaimat, nem engednek ki a házból, permesso nincs`},
		{"hu", "exploitation", `a capo hónapok óta nem fizet és azzal fenyeget hogy kihívja a rendőrséget`},
		{"hu", "distress", `pánikrohamom van, segítsenek`},
		{"hu", "medical", `elfolyt a magzatvíz, egyedül vagyok`},
		{"hu", "a first-aid course told, then a danger now in the next sentence", `Voltam egy elsősegély tanfolyamon. Most apám nem lélegzik!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"hu", "a film: the hero wants to die", `tegnap láttam egy filmet ahol a főhős meg akar halni, szép volt`},
		{"hu", "figure: this job is killing me", `ez a munka megöl, 12 órát dolgozom naponta`},
		{"hu", "can't go on with the permesso paperwork", `nem bírom tovább ezt a papírmunkát a permesso miatt`},
		{"hu", "the child fell off the bike yesterday, fine", `a gyerek tegnap leesett a bicikliről, de jól van`},
		{"hu", "first-aid course: what if someone is not breathing", `elsősegély tanfolyam: mit tegyünk ha valaki nem lélegzik?`},
		{"hu", "the teacher says this task will kill us, haha", `a tanárom szerint ez a feladat meg fog ölni, haha`},
		{"hu", "football: our team beat them 3-0", `a foci meccsen a csapatunk megverte őket 3-0-ra`},
		{"hu", "a cough that chokes all night", `fojtogat a köhögés egész éjjel, kell orvos?`},
	})
}

// TestCore18AFi: Finnish.
func TestCore18AFi(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"fi", "suicide, lists alone", `tänä yönä lopetan elämäni, kiitos kaikille`},
		{"fi", "suicide, lists alone", `haluan tappaa itseni tänään`},
		{"fi", "suicide, lists alone", `otin kaikki lääkkeet jotta kaikki loppuu`},
	})
	wantUrgent(t, c, []reviewCase{
		{"fi", "child", `naapuri hakkaa lasta joka ilta, via Roma 3`},
		{"fi", "child", `vauva putosi pöydältä eikä itke`},
		{"fi", "violence", `mieheni uhkasi tappaa minut veitsellä`},
		{"fi", "medical", `isä ei herää ja vaahtoa suussa`},
		{"fi", "trafficking", `en saa lähteä ja olen heille velkaa matkasta`},
		{"fi", "exploitation", `capo ei ole maksanut kuukausiin ja uhkaa ilmiantaa minut poliisille`},
		{"fi", "distress", `tärisen pelosta, auttakaa`},
		{"fi", "distress", `minulla on paniikkikohtaus apua`},
		{"fi", "a first-aid course told, then a danger now in the next sentence", `Olin ensiapukurssilla. Isä ei herää ja vaahtoa suussa!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"fi", "figure: this job is killing me", `tämä työ tappaa minut, 12 tuntia päivässä`},
		{"fi", "a film where a man ended his life", `katsoin elokuvan jossa mies lopetti elämänsä`},
		{"fi", "can't go on with the permesso paperwork", `en jaksa enää tätä paperisotaa permesson kanssa`},
		{"fi", "on a first-aid course: someone who does not wake", `ensiapukurssilla opimme mitä tehdä kun joku ei herää`},
		{"fi", "I'll stop all sugar next week", `lopetan kaiken sokerin syömisen ensi viikolla`},
		{"fi", "can I get help with the permesso", `voinko saada apua permesson kanssa`},
		{"fi", "a child fell off the bike, full of bruises", `lapsi kaatui pyörällä ja on täynnä mustelmia, mutta hyvin menee`},
	})
}

// TestCore18AEt: Estonian.
func TestCore18AEt(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"et", "suicide, lists alone", `ma ei taha enam elada`},
		{"et", "suicide, lists alone", `täna öösel lõpetan kõik, andke andeks`},
		{"et", "suicide, lists alone", `võtsin kõik tabletid, head aega`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"et", "exploitation, lists alone", `tööandja pole palka maksnud 3 kuud ja kutsub politsei kui lahkun`},
		{"et", "violence, lists alone", `tal on nuga ja ta seisab mu ukse taga`},
	})
	wantUrgent(t, c, []reviewCase{
		{"et", "child", `naaber peksab last iga päev, via Roma 3`},
		{"et", "child", `mu laps on mitu päeva üksi olnud, ema ei tule`},
		{"et", "violence", `ta vägistas mind, palun aidake`},
		{"et", "medical", `isal on valu rinnus ja krambid`},
		{"et", "trafficking", `pean müüma seksi ja võlgnen neile reisi eest`},
		{"et", "distress", `mul on paanikahoog, appi`},
		{"et", "distress", `keegi jälitab mind öösel, ma kardan`},
		{"et", "a first-aid course told, then a danger now in the next sentence", `Olin esmaabi kursusel. Nüüd isa kaotas teadvuse ja ei ärka!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"et", "a film where a man wants to kill himself", `see film, kus mees tahab end tappa, oli kurb`},
		{"et", "can't go on with the permesso paperwork", `ma ei jaksa enam seda permesso paberimajandust`},
		{"et", "first-aid course: someone unconscious", `esmaabi kursus: mida teha kui keegi kaotas teadvuse`},
		{"et", "I'll finish all my courses this year", `lõpetan kõik oma kursused sel aastal`},
		{"et", "figure: this job is killing me, haha", `see töö tapab mu ära, 12 tundi päevas haha`},
		{"et", "my child fell off the bike, all fine", `mu laps kukkus rattalt aga kõik on korras`},
		{"et", "a knife in the kitchen for bread", `tal on nuga köögis leiva lõikamiseks`},
	})
}

// TestCore18ALt: Lithuanian.
func TestCore18ALt(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"lt", "suicide, lists alone", `noriu mirti, nebegaliu daugiau`},
		{"lt", "suicide, lists alone", `šiąnakt viską baigsiu, atsiprašau`},
		{"lt", "suicide, lists alone", `išgėriau visas tabletes, sudie`},
	})
	wantUrgent(t, c, []reviewCase{
		{"lt", "child", `kaimynas muša vaiką kiekvieną dieną, via Roma 3`},
		{"lt", "violence", `vyras grasina mane nužudyti, turi peilį`},
		{"lt", "medical", `tėvas neatsibunda, putos iš burnos`},
		{"lt", "trafficking", `paėmė pasą ir neišleidžia iš namų`},
		{"lt", "exploitation", `capo nesumokėjo algos ir grasina policija`},
		{"lt", "distress", `padėkit, bijau, kažkas seka mane naktį`},
		{"lt", "child", `mano vaikas kelias dienas vienas namuose, nevalgė`},
		{"lt", "medical", `nubėgo vandenys, esu viena`},
		{"lt", "a first-aid course told, then a danger now in the next sentence", `Buvau pirmosios pagalbos kursuose. Dabar tėvas neatsibunda!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"lt", "figure: this job will kill me", `šitas darbas mane nužudys, dirbu 12 valandų`},
		{"lt", "a film: a man wanted to kill himself", `filme vyras norėjo nusižudyti, labai liūdna`},
		{"lt", "can't go on with the permesso documents", `nebegaliu daugiau su šitais permesso dokumentais`},
		{"lt", "first-aid course: someone unconscious", `pirmosios pagalbos kursai: ką daryti jei žmogus be sąmonės`},
		{"lt", "the child fell off the bike, all fine", `vaikas nukrito nuo dviračio bet viskas gerai`},
		{"lt", "can you help me with the permesso", `ar gali man padėti su permesso`},
	})
}

// TestCore18ALv: Latvian.
func TestCore18ALv(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"lv", "suicide, lists alone", `gribu nomirt, vairs nevaru`},
		{"lv", "suicide, lists alone", `šonakt visam pielikšu punktu`},
		{"lv", "suicide, lists alone", `iedzēru visas tabletes, ardievas`},
	})
	wantUrgent(t, c, []reviewCase{
		{"lv", "child", `kaimiņš sit bērnu katru dienu, via Roma 3`},
		{"lv", "violence", `vīrs žņaudza mani, viņam ir ierocis`},
		{"lv", "medical", `tēvam sāpes krūtīs un nepamostas`},
		{"lv", "trafficking", `paņēma manu pasi un neizlaiž ārā`},
		{"lv", "exploitation", `capo nav samaksājis trīs mēnešus un draud ar policiju`},
		{"lv", "distress", `panikas lēkme, palīdziet`},
		{"lv", "child", `mazulis nokrita no galda`},
		{"lv", "child", `mans bērns vairākas dienas viens mājās, nav ēdis`},
		{"lv", "a first-aid course told, then a danger now in the next sentence", `Biju pirmās palīdzības kursos. Tagad tēvs nepamostas, krampji!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"lv", "figure: this job will kill me", `šis darbs mani nogalinās, strādāju 12 stundas`},
		{"lv", "a film: a man wanted to die", `filmā vīrietis gribēja mirt, bija skumji`},
		{"lv", "can't go on with the permesso papers", `es vairs nevaru ar šiem permesso papīriem`},
		{"lv", "first-aid course: someone who does not wake", `pirmās palīdzības kurss: ko darīt ja cilvēks nepamostas`},
		{"lv", "the child fell off the bike, all fine", `bērns nokrita no riteņa bet viss kārtībā`},
		{"lv", "can you help with the permesso", `vai varat palīdzēt ar permesso`},
	})
}

// TestCore18ANo: Norwegian and Danish.
func TestCore18ANo(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"no", "suicide, lists alone", `jeg vil ikke leve lenger`},
		{"no", "suicide, lists alone", `i kveld gjør jeg slutt på alt, takk for alt`},
		{"no", "suicide, lists alone", `jeg tok alle pillene for å dø`},
	})
	wantUrgent(t, c, []reviewCase{
		{"no", "child", `naboen slår barnet hver dag, via Roma 3`},
		{"no", "violence", `han voldtok meg i går kveld`},
		{"no", "medical", `far våkner ikke og har kramper`},
		{"no", "trafficking", `jeg skylder dem penger for reisen og må selge sex`},
		{"no", "exploitation", `jeg har ikke fått lønn på 4 måneder, sjefen truer oss`},
		{"no", "distress", `jeg har panikkanfall, hjelp meg`},
		{"no", "violence", `han voldtog mig i nat`},
		{"no", "child", `babyen faldt ned af trappen`},
		{"no", "a first-aid course told, then a danger now in the next sentence", `Jeg var på førstehjelpskurs. Nå våkner ikke far, han har kramper!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"no", "figure: this job is killing me", `dette arbeidet tar livet av meg, 12 timer om dagen`},
		{"no", "a film: a man wanted to take his life", `jeg så en film hvor en mann ville ta livet sitt`},
		{"no", "can't go on with the permesso paperwork", `jeg orker ikke mer av dette papirarbeidet med permesso`},
		{"no", "first-aid course: someone who does not wake", `førstehjelpskurs: hva gjør man hvis noen ikke våkner`},
		{"no", "the child fell off the bike, fine", `barnet falt av sykkelen men det går bra`},
		{"no", "can you help me with the permesso", `kan dere hjelpe meg med permesso`},
		{"no", "it strikes me that he never calls back", `det slår mig at han aldrig ringer tilbage`},
		{"no", "a knife in the pocket for fishing", `han har en kniv i lommen til fiske`},
	})
}

// TestCore18ASv: Swedish.
func TestCore18ASv(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"sv", "suicide, lists alone", `jag vill inte leva längre`},
		{"sv", "suicide, lists alone", `ikväll gör jag slut på allt`},
		{"sv", "suicide, lists alone", `jag skär mig själv varje natt och vill inte leva`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"sv", "violence, lists alone", `han har en kniv och står utanför min dörr`},
	})
	wantUrgent(t, c, []reviewCase{
		{"sv", "child", `grannen slår barnet varje dag, via Roma 3`},
		{"sv", "violence", `han hotade mig med kniv igår`},
		{"sv", "medical", `mamma har kramper och fradga om munnen`},
		{"sv", "trafficking", `jag är skyldig dem pengar för resan och måste sälja sex`},
		{"sv", "exploitation", `jag får ingen lön sedan mars och capo hotar mig`},
		{"sv", "distress", `jag har en panikattack, hjälp mig`},
		{"sv", "medical", `vattnet har gått och jag är ensam`},
		{"sv", "violence", `han våldtog mig igår natt`},
		{"sv", "a first-aid course told, then a danger now in the next sentence", `Jag gick en kurs i första hjälpen. Nu vaknar inte pappa, han har kramper!`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"sv", "figure: this job is killing me", `det här jobbet tar livet av mig, 12 timmar om dagen`},
		{"sv", "a film: a man wanted to take his life", `jag såg en film där en man ville ta livet av sig`},
		{"sv", "can't go on with the permesso paperwork", `jag orkar inte mer med pappersarbetet för permesso`},
		{"sv", "first-aid course: someone not breathing", `första hjälpen kurs: vad gör man om någon inte andas`},
		{"sv", "can you help me with the permesso", `kan du hjälpa mig med permesso`},
		{"sv", "it strikes me that he is always late", `det slår mig att han alltid kommer sent till jobbet`},
		{"sv", "a bread knife in the kitchen", `han har en kniv i köket för att skära bröd`},
		{"sv", "period cramps every month", `jag har kramper i magen varje månad`},
		{"sv", "the water drained from the bath", `vattnet har gått ur badkaret`},
	})
}

// TestCore18ANl: Dutch.
func TestCore18ANl(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"nl", "suicide, lists alone", `vannacht maak ik een eind aan alles`},
		{"nl", "suicide, lists alone", `vannacht spring ik van de brug`},
		{"nl", "suicide, lists alone", `alle pillen ingenomen om te sterven`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"nl", "violence, lists alone", `hij heeft een mes en staat voor mijn deur`},
	})
	wantUrgent(t, c, []reviewCase{
		{"nl", "child", `de buurman slaat het kind elke dag, via Roma 3`},
		{"nl", "violence", `hij heeft mij verkracht, ik woon in via Roma 3`},
		{"nl", "medical", `mijn moeder heeft stuiptrekkingen`},
		{"nl", "trafficking", `ik moet seks verkopen en ben ze geld schuldig voor de reis`},
		{"nl", "exploitation", `de capo betaalt mijn loon niet al maanden en dreigt de politie te bellen`},
		{"nl", "distress", `paniekaanval, ik tril helemaal, help alstublieft`},
		{"nl", "medical", `de vliezen zijn gebroken en ik ben alleen`},
		{"nl", "child", `mijn zoon is al dagen alleen thuis, geen eten gehad`},
		{"nl", "a first-aid course told, then a danger now in the next sentence", `Ik heb een EHBO cursus gedaan. Nu wordt mijn vader niet wakker, stuiptrekkingen!`},
		{"nl", "medical", `mijn vader heeft een beroerte, zijn mond hangt scheef`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"nl", "figure: this work wears me out", `dit werk maakt mij kapot, 12 uur per dag`},
		{"nl", "a film: a man jumped off the bridge", `ik zag een film waarin een man van de brug sprong`},
		{"nl", "can't come to the permesso course any more", `ik kan niet meer komen naar de cursus permesso`},
		{"nl", "first-aid course: someone who does not wake", `EHBO cursus: wat te doen als iemand niet wakker wordt`},
		{"nl", "my son fell off the bike, fine", `mijn zoon is van de fiets gevallen maar het gaat goed`},
		{"nl", "the boss pays late, no threat: a question", `mijn baas betaalt mijn loon niet op tijd, wat kan ik doen`},
		{"nl", "proverb: everything comes to an end", `aan alles komt een eind, ook aan deze cursus`},
		{"nl", "ending a gym subscription", `ik maak een eind aan mijn abonnement bij de sportschool`},
		{"nl", "a knife bought for the kitchen", `hij heeft een mes gekocht voor de keuken`},
		{"nl", "figure: those forms give me a stroke", `ik krijg er een beroerte van, die formulieren`},
		{"nl", "figure: nearly had a stroke at the bill", `ik kreeg bijna een beroerte toen ik de rekening zag`},
	})
}
