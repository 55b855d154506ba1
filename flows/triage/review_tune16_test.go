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

// Followed, hunted or lost, and alone, asking where to go or afraid (sets ai,
// ag): a cry by its signs (any.tsv: @stalked with @lonely, @whereto or @fear;
// @lost with @night or @fear), and the everyday lines with the same words.
func TestTune16FollowedAloneLost(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "followed, alone", msg: `two men following me since the bus stop and i'm alone on this road`},
		{lang: "en", why: "lost at 3am", msg: `we are lost outside Verona its 3am and no one answers`},
		{lang: "fr", why: "followed, where to go", msg: `des types me suivent depuis la gare, ou je peux aller ?`},
		{lang: "fr", why: "followed, alone", msg: `un mec me suit depuis le tram et je suis toute seule`},
		{lang: "fil", why: "followed, afraid", msg: `may humahabol sakin sa kalye, takot na takot ako`},
		{lang: "fil", why: "followed, where to go", msg: `may sumusunod sa akin mula sa bus, saan ako pwedeng pumunta`},
		{lang: "mr", why: "followed, alone", msg: `ek manus majha pichha kartay, mi ekti aahe bus stop var`},
		{lang: "sk", why: "door forced, afraid", msg: `niekto búcha na dvere a kričí, bojím sa otvoriť`},
		{lang: "ar", why: "lost at night", msg: `ana tayha w el donia leil, mish 3arfa arga3`},
		{lang: "ru", why: "lost, dark falling", msg: `мы заблудились? нет, я заблудился в горах, темнеет`},
		{lang: "ti", why: "lost at night", msg: `ጠፊአ ኣለኹ ለይቲ እዩ ሓግዙኒ`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "alone in a city, where to go to learn", msg: `I'm alone in Italy, where can I go to learn Italian for free?`},
		{lang: "en", why: "followed on instagram", msg: `some guys following me on instagram ask for money, i am alone here, is it a scam?`},
		{lang: "en", why: "lost with the paperwork", msg: `im lost with the paperwork for the permit, who can help me?`},
		{lang: "fr", why: "alone, where to go for a course", msg: `je suis seule a Milan, ou aller pour un cours d'italien ?`},
		{lang: "fil", why: "alone, where to go for an office", msg: `mag-isa ako dito sa Roma, saan ako pwedeng pumunta para sa codice fiscale?`},
		{lang: "mr", why: "alone, where to go for school", msg: `mi ekti aahe Italy madhe, mulala shaalet ghalayla kuthe jau?`},
		{lang: "sk", why: "alone, afraid of the exam", msg: `som sama v Taliansku a bojím sa skúšky z taliančiny, kde je kurz?`},
		{lang: "ru", why: "got lost in the questura's rules", msg: `я заблудилась в документах для вида на жительство, куда идти?`},
	})
}

// Farewells told by their parts (sets ai, ag): letters to everyone, a phone
// or one's things given away, a mother asked to forgive, the last message,
// pills gathered, a child entrusted; one part alone is everyday.
func TestTune16FarewellParts(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "fr", why: "letters for everyone, phone given", msg: `ma soeur a laissé des lettres pour chacun, elle a donné son téléphone et ses clés`},
		{lang: "en", why: "phone given away, forgive me", msg: `my brother gave away his phone and texted tell mum to forgive me`},
		{lang: "sr", why: "forgive me, last message", msg: `neka mi mama oprosti, ovo je moja zadnja poruka`},
		{lang: "sr", why: "worn out, last message", msg: `ne mogu vise ovako. moja poslednja poruka svima`},
		{lang: "mr", why: "pills gathered, forgive me", msg: `mi saglya golya jama kelya, aai mala maaf kar`},
		{lang: "mr", why: "on a terrace, needed by no one", msg: `मी गच्चीवर उभी आहे, कुणालाच माझी गरज नाही`},
		{lang: "am", why: "child entrusted, cannot anymore", msg: `እህቴ ልጄን ተንከባከቡልኝ ከዚህ ወዲያ አልችልም`},
		{lang: "ar", why: "pills gathered, forgive me", msg: `jma3t dwa bzaf, smhouli kamlin`},
		{lang: "fa", why: "things given, cannot go on", msg: `چیزامو دادم به دوستم، دیگه نمیکشم`},
		{lang: "pa", why: "worn out, keys and money left", msg: `hun hor nahi sehnda, chabi te paise veer kol ne`},
		{lang: "uk", why: "letters to the children, forgive me", msg: `napysav lysty ditiam, vybachte meni vsi`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "fr", why: "letters for everyone at Christmas", msg: `j'ai écrit des lettres pour tout le monde pour Noël, où acheter des timbres ?`},
		{lang: "fr", why: "phone given for repair", msg: `mon fils a donné son téléphone à réparer, il faut un reçu ?`},
		{lang: "en", why: "a phone given away, sold", msg: `my son gave away his phone to a friend, can I block the sim?`},
		{lang: "sr", why: "the last message of an office", msg: `ovo je moja poslednja poruka o terminu u kvesturi, da li ste primili dokumente?`},
		{lang: "mr", why: "tired of the queue", msg: `questura chi line khup jhala, appointment online milel ka?`},
		{lang: "ar", why: "pills gathered for a trip", msg: `jm3t dwa dyal sukar l mama qbel safar, wach khassni wasfa?`},
		{lang: "pa", why: "keys and money for rent", msg: `makaan malik nu chabi te paise de dite, receipt kiven lavan?`},
		{lang: "uk", why: "letters to the children's school", msg: `написала листи дітям у школу, як записати їх на італійську?`},
	})
}

// A child left, taken or tied (sets ai, ag): a baby crying for hours behind a
// door no one opens, a boy taken by a man, a child tied on a balcony, on a high
// windowsill with no one home, sleeping on the stairs; and the everyday lines.
func TestTune16ChildParts(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "fr", why: "baby crying, parents gone", msg: `le bébé d'en face pleure sans arret depuis ce matin, ses parents sont partis`},
		{lang: "es", why: "baby crying, no one opens", msg: `el bebé del tercero no para de llorar y nadie abre la puerta`},
		{lang: "ps", why: "a boy taken by a man", msg: `زما ورور ۱۲ کلن دی، یو سړي له ځان سره یووړ`},
		{lang: "ti", why: "a child gone with a man", msg: `ወደይ 8 ዓመት ምስ ሓደ ሰብኣይ ከይዱ ኣይተመልሰን`},
		{lang: "tg", why: "a child taken in a car", msg: `духтари 6-сола, як мард бо мошин бурд`},
		{lang: "ur", why: "a child tied up", msg: `ہمسائے اپنی 5 سال کی بیٹی کو رات بھر باندھ کر رکھتے ہیں`},
		{lang: "ka", why: "windowsill, no one home", msg: `პატარა ბიჭი ფანჯრის რაფაზე ზის, სახლში არავინაა`},
		{lang: "lt", why: "a child sleeping on the stairs", msg: `kaimynu vaikas jau antrą naktį nakvoja laiptinėje`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "fr", why: "a baby crying at night, a paediatrician", msg: `mon bébé pleure encore la nuit, comment choisir un pédiatre ?`},
		{lang: "fr", why: "neighbours gone on holiday", msg: `les voisins sont partis en vacances, leur fils vient chez nous, il faut une autorisation pour la cantine ?`},
		{lang: "es", why: "a baby crying, a paediatrician", msg: `mi bebé llora sin parar por los dientes, ¿cómo pido cita con el pediatra?`},
		{lang: "es", why: "no one opens at an office", msg: `fui con mi hijo a la oficina del comune y nadie abre, ¿qué horario tienen?`},
		{lang: "ps", why: "a man took the luggage", msg: `یو سړي زما بکس له ځان سره یووړ په ریل کې، پولیس ته څنګه ووایم؟`},
		{lang: "tg", why: "a man took the parcel", msg: `як мард бастаро бо мошин бурд, почта куҷост?`},
		{lang: "lt", why: "a neighbours' child for a course", msg: `kaimynų vaikas nori lankyti italų kalbos kursus, kur užsirašyti?`},
	})
}

// A medical emergency told by its signs (a fall, not moving, bleeding from the
// head; a stroke; a head struck and vomiting), trafficking and exploitation by
// their parts (papers kept, no pay, beaten when asking, made to sleep with men,
// held for money) (sets ai, ag); one sign alone is everyday.
func TestTune16MedicalTraffickingParts(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "el", why: "fell, not moving", msg: `ο αδερφός μου έπεσε από ψηλά και δεν κουνιέται`},
		{lang: "lt", why: "stroke signs", msg: `tėtis staiga negali kalbėti ir ranka nejuda`},
		{lang: "hu", why: "head struck, vomiting", msg: `a fiam beütötte a fejét és hányt kétszer`},
		{lang: "ps", why: "fell unconscious", msg: `mor me behosha shawi, sa okam`},
		{lang: "ru", why: "passport taken, unpaid", msg: `hozyain zabral pasport i ne platit uzhe tri mesyatsa`},
		{lang: "ta", why: "papers kept, no salary", msg: `முதலாளி டாக்குமெண்ட்ஸ் வச்சிருக்காங்க, சம்பளம் தர மாட்டாங்க`},
		{lang: "bn", why: "passport kept, beaten when asking pay", msg: `malik passport rekhe dise, beton chaile lathi diye marse`},
		{lang: "bg", why: "passport taken, made to sleep with men", msg: `взеха ми паспорта и ме карат да спя с мъже`},
		{lang: "am", why: "passport taken, not let out", msg: `ፓስፖርቴን ወሰዱ ከቤት አትወጪም አሉኝ`},
		{lang: "fa", why: "held, money asked to free him", msg: `baradaramo negah dashtan, 3000 euro mikhan ta velesh konan`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "el", why: "a fall last year, compensation", msg: `πέρσι έπεσε από τη σκαλωσιά ο θείος μου, πώς ζητάμε αποζημίωση;`},
		{lang: "lt", why: "cannot speak Italian", msg: `mano vyras negali kalbėti itališkai, kur yra kursai?`},
		{lang: "hu", why: "how many, where", msg: `hány nap kell a tartózkodási engedélyhez, és nem tudja hol van a hivatal?`},
		{lang: "ru", why: "a building site's contract", msg: `rabotayu na stroyke, kak poluchit dogovor i zarplatu na kartu?`},
		{lang: "ta", why: "no salary slip", msg: `இந்த மாசம் சம்பளம் இல்லை, busta paga எப்படி கேட்பது?`},
		{lang: "bn", why: "asking for pay", msg: `beton chaite gele ki kagoj lagbe? busta paga kothay pabo?`},
		{lang: "bg", why: "kept in a flat by the rent", msg: `наемодателят иска депозит, колко е нормално за апартамент в Пескара?`},
	})
}

// Areas misread in spoken languages (sets ai, ag): the Romanian health card and
// "cum fac" (how do I), a diploma's nostrification in Russian, a food parcel in
// Urdu, help with the rent in Ukrainian.
func TestTune16Areas(t *testing.T) {
	c := newClassifier(t)
	cases := []struct{ lang, msg, area string }{
		{"ro", `cum fac tessera sanitaria daca lucrez cu contract la o firma de curatenie?`, "health"},
		{"ro", `sotul meu trebuie sa fac iscrizione anagrafica? ce acte duc la comune?`, "legal"},
		{"ru", `mozhno li nostrificirovat ukrainskiy diplom vracha v Turine?`, "education"},
		{"ur", `کیا کہیں سے کھانے کا پیکٹ ملتا ہے؟ ہم چار لوگ ہیں اور کام نہیں`, "welfare"},
		{"uk", `як оформити допомогу для біженців, якщо я в Мілані?`, "welfare"},
	}
	for _, tc := range cases {
		if r := c.Classify(tc.msg); r.Area != tc.area || r.Urgent != "" {
			t.Errorf("%s: %q: area %q urgent %q, want area %q", tc.lang, tc.msg, r.Area, r.Urgent, tc.area)
		}
	}
}
