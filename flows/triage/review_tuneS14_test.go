package triage

import (
	"sync"
	"testing"
)

// Issue 12 (tuneS14): the misses of sets ad and ac in the 21 spoken
// languages, each told as its shape in every one of them, with decoys
// that share its words. wantKindS14 asks for the kind too: a suicide read
// as distress (the net) or as medical gets the wrong numbers.
func wantKindS14(t *testing.T, c *Classifier, kind string, cases []reviewCase) {
	t.Helper()
	for _, tc := range cases {
		if r := c.Classify(tc.msg); r.Urgent != kind {
			t.Errorf("%s (%s): %q: urgent %q, want %q", tc.lang, tc.why, tc.msg, r.Urgent, kind)
		}
	}
}

// builtListsS14 is the lists alone: the decoys test the phrases added here;
// what the net makes of them is learnt from testdata/net/tests.tsv when it is
// retrained.
var builtListsS14 = sync.OnceValues(NewWithoutNet)

func listsS14(t *testing.T) *Classifier {
	t.Helper()
	c, err := builtListsS14()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Suicide by its parts: things given, a bare "tonight" and a river, the
// tracks or a bridge; a dose asked with not waking up (@dose @nowake); cut
// wrists seen or cut again; all the pills taken by the writer (suicide, not
// medical); the roof of a building with "I can't anymore"; "you won't see me
// again" with grandma's pills; letters under the pillow.
func TestTuneS14Suicide(t *testing.T) {
	c := newClassifier(t)
	wantKindS14(t, c, "suicide", []reviewCase{
		{lang: "en", why: "giveaway tonight tracks", msg: `gave my phone and my bike to Sam. tonight i'm walking to the tracks`},
		{lang: "en", why: "dose nowake", msg: `how many sleeping pills does it take to not wake up?`},
		{lang: "en", why: "wrists seen", msg: `my sister sent me a photo of her cut wrists and now she doesn't answer`},
		{lang: "en", why: "all pills", msg: `i took all the pills, i feel calm now`},
		{lang: "en", why: "letters tonight ponte", msg: `letters for my mum are under the pillow. tonight i'm walking to the ponte`},
		{lang: "es", why: "giveaway tonight tracks", msg: `le di mi móvil y mi bici a Carlos. esta noche me voy a las vías`},
		{lang: "es", why: "dose nowake", msg: `cuántas pastillas de ibuprofeno hacen falta para no despertarse`},
		{lang: "es", why: "wrists seen", msg: `mi hermano me mandó una foto con las muñecas cortadas`},
		{lang: "es", why: "all pills", msg: `me tomé todas las pastillas, ya estoy tranquila`},
		{lang: "es", why: "third person", msg: `mi hijo dice que quiere dormirse y no despertar más, tiene cortes en los brazos`},
		{lang: "fr", why: "giveaway farewell", msg: `je laisse mon téléphone à Ibrahim. dites à ma mère que je l'aime`},
		{lang: "fr", why: "dose nowake", msg: `combien de comprimés il faut pour ne plus se réveiller`},
		{lang: "fr", why: "all pills", msg: `j'ai pris tous les cachets, je suis calme maintenant`},
		{lang: "it", why: "giveaway tonight tracks", msg: `ho dato il telefono e la bici a Marco. stanotte vado sui binari`},
		{lang: "it", why: "dose nowake", msg: `quante pillole servono per non svegliarsi`},
		{lang: "it", why: "gone giveaway", msg: `da domani non ci sarò più, prendete le mie cose`},
		{lang: "it", why: "farewell gone", msg: `scusatemi per tutto, è l'ultima volta che mi sentite`},
		{lang: "ro", why: "wrists seen", msg: `fratele meu mi-a trimis o poza cu incheieturile taiate`},
		{lang: "ro", why: "letters roof", msg: `am programat mesajele pentru copii. sunt pe acoperisul blocului`},
		{lang: "ro", why: "giveaway tonight tracks", msg: `i-am dat telefonul lui Andrei. in seara asta ma duc pe calea ferata`},
		{lang: "ru", why: "all pills", msg: `выпил все таблетки, теперь спокойно`},
		{lang: "ru", why: "farewell entrust", msg: `drug napisal: spasibo za vse, koshku zaberi k sebe. ne otvechaet`},
		{lang: "ru", why: "dose nowake", msg: `сколько таблеток нужно, чтобы не проснуться`},
		{lang: "uk", why: "hopeless roof", msg: `ne mozhu bilshe, sydzhu na dakhu budynku i dyvlyus vnyz`},
		{lang: "uk", why: "gone farewell", msg: `ya vzhe vse vyrishyla, ne plach za mnoiu`},
		{lang: "uk", why: "tonight tracks giveaway", msg: `віддав телефон Андрію. сьогодні вночі піду на рейки`},
		{lang: "tr", why: "giveaway tonight tracks", msg: `telefonumu ve bisikletimi Ali'ye verdim. bu gece raylara gidiyorum`},
		{lang: "tr", why: "dose nowake", msg: `uyanmamak için kaç tane hap lazım`},
		{lang: "ar", why: "hopeless giveaway", msg: `ma 3ad fiye kammel, 3atayt kel 8radi la sa7bi`},
		{lang: "ar", why: "dose nowake", msg: `كم حبة لازم حتى ما اصحى`},
		{lang: "fa", why: "giveaway tonight river", msg: `گوشیمو دادم به رضا، امشب میرم کنار رودخونه`},
		{lang: "fa", why: "all pills", msg: `همه قرصا رو خوردم، الان آرومم`},
		{lang: "ur", why: "giveaway tonight canal", msg: `maine apna phone Bilal ko de diya, aaj raat nehar pe ja raha hoon`},
		{lang: "ur", why: "dose nowake", msg: `kitni goliyan chahiye ke phir na uthun`},
		{lang: "pa", why: "hopeless giveaway tonight canal", msg: `hor nahi jhal sakda. bike gurpreet nu de ditti, ajj raat nahar wal jaana`},
		{lang: "bn", why: "hopeless self-harm again", msg: `ami ar parchi na, abar haat kete felechi, onek gobhir kore`},
		{lang: "bn", why: "giveaway tonight river", msg: `amar phone ar cycle rahim ke diye diyechi, aj rate nodite jacchi`},
		{lang: "fil", why: "giveaway tonight tracks", msg: `binigay ko na cellphone ko kay Jun. mamayang gabi pupunta ako sa riles`},
		{lang: "ps", why: "hopeless pills looked at", msg: `زه ډېر ستړی یم، هره شپه د ګولیو بوتل ته ګورم`},
		{lang: "ps", why: "giveaway tonight river", msg: `خپل ټیلیفون مې ورور ته ورکړ، نن شپه سیند ته ځم`},
		{lang: "so", why: "giveaway tonight river", msg: `taleefankayga waxaan siiyay Cali, caawa webiga ayaan u socdaa`},
		{lang: "sq", why: "gone pills", msg: `djali im më tha nuk do më shikoni më dhe u mbyll në dhomë me ilaçet e gjyshes`},
		{lang: "sq", why: "giveaway tonight tracks", msg: `ia dhashë telefonin Arbenit. sonte po shkoj te hekurudha`},
		{lang: "am", why: "giveaway tonight river", msg: `ስልኬን ለወንድሜ ሰጥቻለሁ። ዛሬ ማታ ወደ ወንዙ እሄዳለሁ`},
		{lang: "ti", why: "sleep forever", msg: `ደኺመ እየ፣ ንዘልኣለም ክድቅስ እየ ዝደሊ`},
		{lang: "wo", why: "does not want to live", msg: `sama xarit bi wax na ma ni bëggul dund, jënd na garab yu bari`},
		{lang: "wo", why: "giveaway tonight river", msg: `joxe naa sama telefon Moodu. tey ci guddi dinaa dem ci dex bi`},
		{lang: "zh", why: "stash tonight pinyin", msg: `wo ting bu xia qu le, yao yi jing zan le liang ge yue, jin wan jiu chi`},
		{lang: "zh", why: "dose nowake", msg: `多少片安眠药才不会醒`},
		{lang: "zh", why: "letters hopeless", msg: `给爸妈的信已经写好放在枕头下面，我真的撑不下去了`},
	})
	wantNotUrgent(t, listsS14(t), []reviewCase{
		{lang: "en", why: "dose alone", msg: `how many pills of paracetamol can i take in a day for a toothache?`},
		{lang: "en", why: "river tonight alone", msg: `tonight i'm walking to the river with my friends for the fireworks`},
		{lang: "es", why: "dose, sleep at night", msg: `cuántas pastillas de melatonina para no despertarme por la noche?`},
		{lang: "es", why: "dose alone", msg: `cuántas pastillas de ibuprofeno puedo tomar al día?`},
		{lang: "fr", why: "dose, sleep at night", msg: `combien de cachets pour ne pas me réveiller la nuit`},
		{lang: "it", why: "dose alone", msg: `quante pastiglie di tachipirina posso prendere al giorno?`},
		{lang: "it", why: "gone alone, a move", msg: `da domani non ci sarò più in ufficio, prendete pure le chiavi`},
		{lang: "ru", why: "cat while away", msg: `koshku zaberi k sebe poka ya v otpuske, spasibo za vse`},
		{lang: "ru", why: "dose alone", msg: `сколько таблеток парацетамола можно в день?`},
		{lang: "tr", why: "dose alone", msg: `ağrı için günde kaç tane hap içebilirim?`},
		{lang: "ar", why: "dose alone", msg: `كم حبة بنادول بقدر اخد باليوم؟`},
		{lang: "ur", why: "dose alone", msg: `din mein kitni goliyan le sakta hoon dard ke liye?`},
		{lang: "sq", why: "grandma's pills tonight", msg: `sonte shkoj te gjyshja me ilaçet e gjyshes`},
		{lang: "zh", why: "dose alone", msg: `一天最多能吃多少片布洛芬？`},
		{lang: "ro", why: "roof alone", msg: `sunt pe acoperisul blocului sa repar antena`},
		{lang: "wo", why: "tonight alone", msg: `tey ci guddi dinaa dem ci dex bi ak sama xarit yi`},
	})
}

// A child by its parts: missing or not come home with a stranger
// (@minor @missing @stranger), taken out at night or picked up at school by
// a man unknown or "claiming to be her uncle", lured to come alone; locked in
// a hot car; left alone since Friday; beaten every night with blood; sold
// for money; married off. The decoys name the same words with no danger.
func TestTuneS14Child(t *testing.T) {
	c := newClassifier(t)
	wantKindS14(t, c, "child", []reviewCase{
		{lang: "en", why: "taken out at night by a man", msg: `a boy of 10 in our camp has no parents here, a grown man takes him out at night`},
		{lang: "en", why: "missing, a man claiming", msg: `my daughter is 8, she didn't come home, the school says a man claiming to be her uncle took her`},
		{lang: "en", why: "lured alone", msg: `a man in the park gave my son (9) a phone and asks him to come alone`},
		{lang: "en", why: "sold", msg: `my neighbour is selling his daughter to an old man`},
		{lang: "es", why: "alone since Friday", msg: `la vecina dejó a sus dos nenes solos desde el viernes, lloran todo el tiempo`},
		{lang: "es", why: "missing, a man claiming", msg: `mi hija de 7 años no volvió a casa, un hombre que dijo ser su tío la recogió del colegio`},
		{lang: "fr", why: "taken into a car", msg: `un monsieur a fait monter une fillette de 8 ans dans sa voiture devant l'école, sa mère la cherche partout`},
		{lang: "fr", why: "a father with no right", msg: `le père de ma fille l'a prise à la sortie de l'école alors qu'il n'a pas le droit, elle a 6 ans`},
		{lang: "it", why: "cut with a plan", msg: `sono la maestra, una bambina di 10 anni dice che a fine scuola la portano in Egitto per farle il taglio`},
		{lang: "it", why: "hot car", msg: `un bambino di 5 anni chiuso in macchina al sole, i genitori non ci sono`},
		{lang: "ro", why: "missing lured", msg: `fiul meu de 12 ani nu a venit acasa, un barbat din parc ii cere sa vina singur`},
		{lang: "ru", why: "missing stranger", msg: `sosedskiy rebenok 6 let propal, ego videli s neznakomym muzhchinoy`},
		{lang: "uk", why: "lured alone", msg: `Мій 10-річний син каже, що незнайомий чоловік у парку кличе прийти самому`},
		{lang: "tr", why: "hot car", msg: `komşunun 4 yaşındaki oğlu güneşin altında arabada kilitli, annesi babası yok`},
		{lang: "ar", why: "missing stranger", msg: `ابن الجيران عمره 10 سنين مفقود من يومين، شافوه مع رجل غريب`},
		{lang: "fa", why: "taken out at night", msg: `ye pesar 10 sale inja bedoone pedar madar hast, ye mard bozorg shab mibaresh biroon`},
		{lang: "fa", why: "beaten every night, blood", msg: `bache hamsaye ro har shab mizanan, emshab khun ru rahpele didam`},
		{lang: "ur", why: "missing stranger", msg: `mera 11 saal ka beta ghar nahi aaya, park mein ek ajnabi aadmi ke sath dekha gaya`},
		{lang: "bn", why: "missing stranger", msg: `amar 9 bochorer meye bari fereni, ekjon ochena lok er sathe dekha geche`},
		{lang: "fil", why: "missing stranger", msg: `yung anak ko 9 taon hindi pa umuuwi, may hindi kilalang lalaki na sumundo sa kanya`},
		{lang: "ps", why: "missing stranger", msg: `زما د تره زوی ۱۳ کلن دی، له دوو ورځو راهیسې ورک دی، یو ناآشنا سړي ورسره خبرې کولې`},
		{lang: "ps", why: "sold", msg: `zama gawandi khpala 12 kalana lur pa paiso khartsawi, sabaa ye Pakistan ta wri`},
		{lang: "so", why: "married off", msg: `gabar yar oo 11 jir ah aabaheed ayaa u dirayo Soomaaliya si loo guuriyo nin weyn`},
		{lang: "so", why: "hot car", msg: `wiil yar oo 5 jir ah ayaa ku xiran baabuur qorax kulul, waalidkiisna ma jiraan`},
		{lang: "sq", why: "bleach", msg: `vajza ime 3 vjeçe piu varekinë nga shishja, po vjell`},
		{lang: "am", why: "alone three days", msg: `ye gorebete lijoch le 3 ken bichachewn nachew, migib yelachewm`},
		{lang: "ti", why: "age before girl", msg: `ናይ 8 ዓመት ጓል ኩሉ ግዜ ትበኪ፣ ኣቦኣ ብቐበቶ ይወቕዓ`},
		{lang: "wo", why: "missing stranger", msg: `sama doom bu am 9 at dellusiwul ca kër ga, ab góor bu ñu xamul jël na ko ca lekkool ba`},
		{lang: "zh", why: "picked up by a man claiming", msg: `我女儿8岁，放学没回家，学校说被一个自称是她叔叔的人接走了`},
		{lang: "zh", why: "locked in three days pinyin", msg: `wo linju jia de xiao haizi bei guan zai jia li san tian le, meiyou chi de`},
	})
	wantNotUrgent(t, listsS14(t), []reviewCase{
		{lang: "en", why: "late, at a friend's", msg: `my son is 9, he didn't come home for lunch, he is at his friend's house`},
		{lang: "en", why: "uncle picks up", msg: `my daughter's uncle picked her up from school today, is that ok with the new rules?`},
		{lang: "en", why: "possessive", msg: `he sold his daughter's car last week`},
		{lang: "en", why: "mother's partner", msg: `my mum's boyfriend took us to the zoo, i'm 14 and it was fun`},
		{lang: "es", why: "a man in the park alone", msg: `un hombre en el parque le vendió un helado a mi hijo de 6 años`},
		{lang: "fr", why: "a man in the park alone", msg: `un homme au parc a rendu le ballon à mon fils de 7 ans, très gentil`},
		{lang: "it", why: "haircut", msg: `venerdì porto mia figlia di 8 anni dal parrucchiere per il taglio di capelli`},
		{lang: "zh", why: "uncle picks up", msg: `我女儿8岁，今天她叔叔从学校接走了，晚上回来`},
	})
}

// A husband named (@partner) who beats the writer is violence 2.45, above the
// children named crying (child 2); labour told with the baby's word is
// medical, not a child in danger; a father-in-law kicking the writer's wife, a
// husband coming with a knife (ti), an employer who beats and threatens a
// domestic worker (fil: "kanina", earlier, is no Hausa "my younger sibling").
func TestTuneS14ViolenceAndLabour(t *testing.T) {
	c := newClassifier(t)
	wantKindS14(t, c, "violence", []reviewCase{
		{lang: "ro", why: "partner, kids crying", msg: `soțul meu e beat, m-a lovit cu o sticlă, copiii plâng`},
		{lang: "so", why: "partner, kids crying", msg: `ninkeyga ayaa hadda i garaacaya, carruurtu way ooyayaan`},
		{lang: "ur", why: "partner, kids crying", msg: `mera pati mujhe maar raha hai, bache ro rahe hain`},
		{lang: "ur", why: "kicking the wife", msg: `میرا سسر میری بیوی کو لاتوں سے مار رہا ہے ابھی`},
		{lang: "ti", why: "knife held", msg: `sebeiye bbilawa hizu yimetsie alo, maEtso zegiE alekhu`},
		{lang: "fil", why: "kanina", msg: `sinaktan ako ng amo ko kanina, sabi nya papatayin daw ako pag lumabas ako`},
	})
	wantKindS14(t, c, "child", []reviewCase{
		{lang: "en", why: "the mother's boyfriend beats a child", msg: `my mum's boyfriend hits me, i'm 14`},
	})
	wantKindS14(t, c, "medical", []reviewCase{
		{lang: "es", why: "labour", msg: `a mi mujer se le rompió la fuente, el bebé ya viene`},
		{lang: "it", why: "labour", msg: `mia moglie ha rotto le acque, il bambino sta arrivando`},
		{lang: "ro", why: "labour", msg: `sotiei mele i s-a rupt apa, vine copilul`},
		{lang: "ru", why: "labour", msg: `у жены отошли воды, ребенок рождается`},
		{lang: "tr", why: "labour", msg: `karımın suyu geldi, bebek geliyor`},
		{lang: "ur", why: "labour", msg: `biwi ka pani toot gaya, bacha aa raha hai`},
		{lang: "bn", why: "labour", msg: `amar bou er pani bhenge geche, baccha ashche, ambulance ki bhabe dakbo`},
		{lang: "sq", why: "labour", msg: `gruas sime i plasi uji, po lind femija`},
		{lang: "zh", why: "labour", msg: `我老婆羊水破了，孩子要生了`},
	})
}

// Exploitation and trafficking: a boss who keeps an injured worker from the
// hospital, or has the injury told as a fall at home (@nohospital), with the
// job or a threat; an unpaid worker kept quiet by the boss's threat ("if you
// go to the police I send you home") with papers kept or a lock; a passport
// with the smuggler, a debt and a new city every week; a debt and clients in
// a massage parlour (Pinyin). A boss who refuses a doctor's appointment, a
// passport kept at the office, are no danger.
func TestTuneS14Exploitation(t *testing.T) {
	c := newClassifier(t)
	wantKindS14(t, c, "exploitation", []reviewCase{
		{lang: "en", why: "no hospital", msg: `we work 14 hours in a warehouse, the boss locks the door, my coworker's hand went in the machine and he didn't let us take him to hospital`},
		{lang: "es", why: "no hospital", msg: `en el almacén el jefe cierra la puerta, a un compañero se le metió la mano en la máquina y no nos dejó llevarlo al hospital`},
		{lang: "fr", why: "unpaid threat", msg: `le patron de la ferme nous fait travailler 13h sans payer, il dit qu'il nous fait expulser si on parle`},
		{lang: "it", why: "fainted, leave him, who talks is fired", msg: `un ragazzo è svenuto dal caldo nei campi, il caporale ci ha detto di lasciarlo sotto l'albero e continuare, chi parla lo cacciano`},
		{lang: "ru", why: "unpaid, an accident threatened", msg: `rabotaem na stroike bez zarplaty uzhe 3 mesyatsa, prorab skazal esli pozhaluemsya, ustroit nam neschastnyi sluchai`},
		{lang: "tr", why: "no hospital", msg: `işçinin eli makineye sıkıştı, patron hastaneye götürmemize izin vermedi, şikayet edersek kovacakmış`},
		{lang: "ar", why: "unpaid, threat, passport, locked", msg: `khdam f chantier m3a l capo, 4 chhor ma khlesnich, sed 3lina lbab, ila mchitou l police ghadi nsiftkom lblad, lpassport 3ndo`},
		{lang: "fa", why: "no hospital", msg: `تو یه انبار کار میکنیم، صاحبکار در رو قفل میکنه، دست همکارم رفت زیر دستگاه نذاشت ببریمش بیمارستان`},
		{lang: "ur", why: "no hospital, threat", msg: `کھیتوں میں کام کرتے ہیں، ایک لڑکے کا ہاتھ مشین میں آ گیا تو اسے ہسپتال نہیں لے گئے، کہا کسی کو بتایا تو سب کو نکال دوں گا`},
		{lang: "pa", why: "beaten if we complain", msg: `ਖੇਤ ਵਿੱਚ ਘੰਟੇ ਦੇ 3 ਯੂਰੋ, ਕਾਪੋਰਾਲੇ ਕਹਿੰਦਾ ਜੇ ਸ਼ਿਕਾਇਤ ਕੀਤੀ ਤਾਂ ਕੁੱਟਾਂਗੇ`},
		{lang: "bn", why: "papers, unpaid, threat, locked", msg: `malik amar permesso rekhe diyeche, 4 mash beton dey na, bole police ke bolle desh e pathiye debe, raate dokan e tala diye rakhe`},
		{lang: "fil", why: "unpaid, passport, deport threat", msg: `5 buwan na di ako sinasahuran, kinuha ng amo ko passport ko, sabi nya ipapadeport daw ako pag nagsumbong`},
		{lang: "ps", why: "no hospital", msg: `زموږ د کار ملګري لاس په ماشین کې ورغی، مالک روغتون ته یې پرې نښودو`},
		{lang: "so", why: "no hospital", msg: `shaqaale gacantiisa mashiinka ayay gashay, maamulaha isbitaalka uma ogolaan`},
		{lang: "sq", why: "told to say a fall at home", msg: `punoj ne ndertim, shefi me shtyu nga skela, tani me thote te them qe u rrezova ne shtepi, nuk me paguan 3 muaj`},
		{lang: "am", why: "no hospital", msg: `የስራ ባልደረባዬ እጁ በማሽን ተጎዳ፣ አለቃው ወደ ሆስፒታል እንድንወስደው አልፈቀደም`},
		{lang: "ti", why: "unpaid, papers held", msg: `ኣብ ቤት ምግቢ እሰርሕ፣ 4 ወርሒ ደሞዝ ኣይተኸፈለንን፣ ሓላፊ ሰነዳተይ ሒዙ`},
		{lang: "wo", why: "no hospital", msg: `sama moroom loxoom dugg na ci masin bi, patron bi mayul ñu yóbbu ko lopitaal`},
		{lang: "zh", why: "no hospital", msg: `工友的手被机器夹了，老板不让送医院，说谁报警就开除谁`},
	})
	wantKindS14(t, c, "trafficking", []reviewCase{
		{lang: "fa", why: "smuggler, debt, moved", msg: `منو از یونان آوردن، پاسپورتم پیش قاچاقچیه، میگه باید ۸ هزار یورو بدی، هر هفته مارو یه شهر دیگه میبرن`},
		{lang: "en", why: "smuggler, debt, moved", msg: `the smuggler has my passport, he says i must pay 8000 euros, every week they move us to another city`},
		{lang: "zh", why: "passport, debt, clients", msg: `tamen ba wo huzhao na zou le, shuo wo qian hen duo qian, bi wo zai anmo dian jie ke`},
	})
	wantNotUrgent(t, listsS14(t), []reviewCase{
		{lang: "en", why: "a doctor's appointment", msg: `my boss didn't let me go to the doctor during my shift, can i complain to the union?`},
		{lang: "it", why: "a fall at home told", msg: `sono caduto a casa ieri, il medico dice di riposare, devo dire al capo che sono in malattia?`},
		{lang: "fr", why: "the chef, a machine", msg: `mon chef m'a appris à utiliser la machine à café, il y a des cours de barista?`},
	})
}
