package triage

import "testing"

// Review revZS of tuneZS (round 12). The new calm and ignore lines are
// matched anywhere in a clause, so they reach a danger told beside them: a
// nurse beaten by her husband, a care worker whose employer took her
// passport, a child of the school play beaten at home, "how do I escape
// him", a son stabbed and in hospital now. Each was urgent on main.
func TestReviewRevZSCalmHidesPresentDanger(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"bn", "'natok korche' is also 'making a scene': a drunk husband beating her", `amar swami mod kheye natok korche ar amake marche`},
		{"bn", "a husband making a scene now, coming at her with a boti", `amar swami ekhon natok korche, boti niye amake marte asche`},
		{"bn", "the girl of the school play beaten daily, marks on her body", `aamar meye natok korche school e, ma take roj mare, gaye dag`},
		{"bn", "the child of the school play beaten daily by the father", `amar meye school e natok korbe, kintu or baba ke khub bhoy pay, roj mare`},
		{"fa", "a former nurse beaten every night ('و' is no join)", `من پرستار بودم و شوهرم هر شب منو میزنه`},
		{"fa", "a former nurse whose husband wants to kill her tonight (امشب in the same clause)", `من پرستار بودم و همسرم امشب میخواد منو بکشه`},
		{"fa", "a former nurse threatened with a knife tonight", `پرستار بودم و همسرم امشب با چاقو منو تهدید کرد`},
		{"fa", "a nurse whose employer took her passport and threatens to kill her", `پرستار بودم، صاحب کارم پاسپورتم رو گرفته و تهدید میکنه منو میکشه`},
		{"so", "a sister who is a nurse, beaten by her husband every night", `walaashay waa kalkaaliso, ninkeeda ayaa garaaca habeen walba`},
		{"so", "a home care worker: passport taken, threatened with death", `walaashay waxay ka shaqaysaa kalkaaliso guri, loo shaqeeyaha ayaa baasaboorkeeda qaatay oo ku hanjabay inuu dilayo`},
		{"uk", "a nurse in Poland: passport taken by the employer, threats", `Я працювала медсестрою в Польщі, роботодавець забрав паспорт і погрожує`},
		{"uk", "the same in Latin letters, a threat to kill", `pratsiuvala medsestroiu, roboto davets zabrav pasport i pohrozhuie vbyty`},
		{"ur", "'se kaise bachen' is 'how do I escape him': a wife beaten daily", `mera shohar mujhe roz maarta hai, us se kaise bachen?`},
		{"ur", "a man with a knife at the door, how to escape", `wo chaku le kar darwaze pe khada hai, us se kaise bachen`},
		{"ur", "'خبر تھی' calms the writer's own son stabbed, in hospital", `خبر تھی کہ میرے بیٹے کو چاقو مارا گیا، وہ ہسپتال میں ہے`},
		{"ur", "the news was on TV: my son was stabbed, in hospital", `ٹی وی پر خبر تھی، میرے بیٹے کو چاقو مارا گیا ہے اور وہ ہسپتال میں ہے`},
		{"ur", "the neighbourhood news was my son, in hospital now ('abhi')", `mohalle mein khabar thi ke chaku mara gaya, woh mera beta tha, abhi hospital mein hai`},
		{"ur", "a guard trained, then stabbed on duty", `training mein sikhaya tha, ek aadmi ne mujhe duty pe chaku maar diya`},
		{"zh", "'讲座' bare: at a lecture, her husband says he will kill her", `我在听讲座，我老公打电话说回家就杀了我`},
		{"zh", "a school talk on domestic violence, the father beats the mother nightly", `学校有防止家暴的讲座，我爸爸每天晚上打我妈妈`},
		{"ro", "'te omor in joc' with a knife in the neighbour's hand", `vecinul zice te omor in joc dar are un cutit in mana`},
		{"ro", "the game's 'te omor' ignored; today he took a knife and cut me", `fratele meu mai mic se joaca si le zice te omor la prieteni, dar azi a luat un cutit si m-a taiat`},
		{"ar", "'امتحان عن' calms a stroke told now (face drooping, cannot speak)", `امتحان عن الجلطات بكرا، وبابا وجهه مايل وما عم يقدر يحكي`},
	})
}

// Review revZS: everyday messages the new danger forms make urgent. Each
// was not urgent on main.
func TestReviewRevZSEverydayMadeUrgent(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"fil", "'hiniwa ko ulit' is any slicing: onions for adobo", `hiniwa ko ulit yung sibuyas para sa adobo`},
		{"ru", "'сломает руки' is an accident feared on a trampoline", `боюсь, что сын сломает руки на этом батуте`},
		{"ru", "'разбил мне нос' by a ball at football, asking for a clinic", `мяч разбил мне нос на футболе, где травмпункт?`},
		{"zh", "'yi zheng tian mei chi' a picky eater", `wo erzi yi zheng tian mei chi fan, ta bu xihuan xuexiao de fan`},
		{"zh", "'yi ge ren zai yangtai' a girl reading on the balcony", `wo nüer yi ge ren zai yangtai kan shu, ta 10 sui`},
		{"zh", "'攒够了' saving for school, not a burden", `我不想成为家里的负担，攒够了学费就去读书`},
		{"zh", "debts paid, money saved to go home: a papers question", `欠的钱还清了，攒够了钱想回国，需要什么手续`},
		{"it", "an old mother before surgery: the dog goes to her daughter", `non voglio essere un peso per mia figlia, quando mi operano il cane lo prende lei`},
		{"uk", "a legal question: may children of 10 stay home alone 2 hours", `chy mozhna zalyshaty ditei 10 rokiv samykh vdoma na 2 hodyny?`},
		{"uk", "a son of 16 gone to work, phone flat", `мій син 16 років пішов з дому на роботу, телефон вимкнений бо розрядився`},
		{"es", "a custody question: the father takes her to the beach in August", `mi ex se la lleva a la nena a la playa en agosto, y no la veo mas hasta septiembre, es legal?`},
		{"fr", "a school trip, phone off, a friend met on Instagram", `ma fille de 16 ans est en voyage scolaire, son tel est eteint, elle a connu une amie sur instagram`},
		{"ar", "things shared out before travelling, packing the bag tonight", `wazza3t hwayjy 3al shabab la2an msafer, el lela ra7 5alles el shanta`},
		{"en", "moving house: who gets the bike, the van tonight", `moving out: sorted out who gets my bike and who gets my things. tonight is the night, the van comes at 8`},
		{"wo", "going to the bridge for work, a burden while unemployed", `dinaa dem ca pont ba ngir liggeey, dama nekk ni bor ci sama njaboot`},
		{"fr", "a delivery driver: the boss has the passport for the visa", `il a mon passeport pour faire le visa, je dois aller sur la route le soir pour livrer`},
	})
}

// Review revZS: the new lines change the kind, so the victim is given the
// wrong numbers. Each had the wanted kind on main.
func TestReviewRevZSWrongKind(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []struct{ lang, why, msg, want string }{
		{"fr", "a husband keeping her passport and beating her: domestic violence, not trafficking", `mon mari il garde mon passeport et il me frappe`, "violence"},
		{"zh", "a stepfather touching a girl nightly: child, the talk calms the child sign", `我女儿学校有讲座，她说继父每晚进她房间摸她`, "child"},
	} {
		if got := c.Classify(tc.msg).Urgent; got != tc.want {
			t.Errorf("%s (%s): %q: urgent %q, want %q", tc.lang, tc.why, tc.msg, got, tc.want)
		}
	}
}
