package triage

import "testing"

// Round 13 (issue 12, tuneKx): set aa's urgent misses other than a child's, in the forms people
// write them (Arabizi, Roman Urdu and Punjabi, Romanised Bengali, Pashto, Tamil, Malayalam, Sinhala,
// Tigrinya, Thai and Lao in Latin letters, Russian translit), said otherwise than in the set: a burden
// and a bridge or a car park (suicide by its parts), a knife with him, hot water thrown, a bottle
// (violence), a fall with no breath, a seizure, a snake bite, a stroke (medical), documents kept
// with no pay and a threat (exploitation), a passport kept with being shut in (trafficking), fear
// with a plea or someone behind (distress). Each is caught with its kind: at f02b563, 37 of the 40
// were not urgent, and of the other three two had another kind (a passport kept as trafficking,
// a knife attack as medical).
func TestTuneKxUrgentForms(t *testing.T) {
	c := newClassifier(t)
	cases := []reviewCase{
		{lang: "en", why: "suicide", msg: `i'm standing on the top of the car park. i want it all to stop`},
		{lang: "en", why: "exploitation", msg: `the boss has not paid us for months and keeps our passports`},
		{lang: "en", why: "violence", msg: `he pointing gun at my brother in the shop`},
		{lang: "it", why: "suicide", msg: `non voglio pesare su nessuno, stanotte vado al ponte`},
		{lang: "ar", why: "suicide", msg: `ana 3ab2 3likom, smhouli kamlin`},
		{lang: "ar", why: "violence", msg: `jarna ma3o sekkine w 3am ydo2 3al bab`},
		{lang: "ar", why: "exploitation", msg: `الشاف شادد الباسبورات متاعنا وما خلصناش، قال نكسرلك ساقيك`},
		{lang: "ps", why: "suicide", msg: `nor nashom kawalay, paise me warkral wror ta`},
		{lang: "ps", why: "medical", msg: `ملګری مې ځواب نه راکوي، سر یې وینې کوي`},
		{lang: "ml", why: "suicide", msg: `njan ellavarkkum bharamayi, innu rathri urakka gulika ellam`},
		{lang: "ml", why: "medical", msg: `kuttiyude achan kulathil mungi, shwasam illa`},
		{lang: "bn", why: "violence", msg: `amar bondhuke churi niye attack korlo, rokto porche`},
		{lang: "bn", why: "distress", msg: `ami khub voy pacchi, ekta lok amar pichhe pichhe asche`},
		{lang: "ru", why: "violence", msg: `on zaperl menya v vannoy i bil golovoy`},
		{lang: "ur", why: "violence", msg: `shohar ne mujh pe garam pani dal diya`},
		{lang: "hi", why: "medical", msg: `पापा को खेत में सांप ने काटा है`},
		{lang: "si", why: "violence", msg: `eyaa pihiyen anna hadanawa mata`},
		{lang: "ta", why: "violence", msg: `avan bottle-ala adichaan, innum adikka varraan`},
		{lang: "ta", why: "medical", msg: `appa vizhunthutaaru, thalaiyil ratham`},
		{lang: "ti", why: "violence", msg: `ሰባት ንሓፍተይ ይወቕዕዋ ኣለዉ`},
		{lang: "am", why: "medical", msg: `abate wedeqe, ayitenefsim`},
		{lang: "fr", why: "medical", msg: `mon frère est par terre, il convulse et il bave`},
		{lang: "fr", why: "distress", msg: `répondez moi vite, j'ai tellement peur`},
		{lang: "es", why: "distress", msg: `ayuda me estan siguiendo`},
		{lang: "ko", why: "medical", msg: `아버지가 말이 어눌하고 팔을 못 움직여요`},
		{lang: "te", why: "medical", msg: `మా అన్న పడిపోయాడు, ఊపిరి సరిగ్గా లేదు`},
		{lang: "pa", why: "trafficking", msg: `agent ne naukri da kiha si, hun passport agent kol te bahar nahi jaan dinde`},
		{lang: "pa", why: "exploitation", msg: `ਮਾਲਕ ਕਹਿੰਦਾ ਜੇ ਤਨਖਾਹ ਮੰਗੀ ਤਾਂ ਪੁਲਿਸ ਨੂੰ ਦੱਸ ਦਊਂ`},
		{lang: "gu", why: "trafficking", msg: `passport lai lidho ane amne room ma band rakhya`},
		{lang: "ja", why: "exploitation", msg: `店長が給料を払わない。パスポートも預かったままです`},
		{lang: "fa", why: "exploitation", msg: "صاحبکار پول نداده و می\u200cگوید اگر به کسی بگویی به پلیس می\u200cگویم"},
		{lang: "fi", why: "exploitation", msg: `pomo ei maksa palkkaa ja pitää passiani`},
		{lang: "th", why: "trafficking", msg: `nai jang ao passport pai, mai hai ok jak ban`},
		{lang: "lo", why: "exploitation", msg: `nai jang bo jai ngoen, wa ja bok tamruat`},
		{lang: "sr", why: "distress", msg: `pomozite, neko me prati`},
		{lang: "hu", why: "suicide", msg: `teher vagyok mindenkinek. bocsássatok meg`},
		{lang: "lt", why: "suicide", msg: `esu našta visiems. šiąnakt einu prie upės`},
		{lang: "sv", why: "suicide", msg: `jag vill inte vara en börda. jag har gett bort katten`},
		{lang: "ti", why: "exploitation", msg: `padrone demoz ayhabena, yhadede`},
		{lang: "mr", why: "exploitation", msg: `malak pagar det nahi, police la sangitla tar permesso radd karto mhanto`},
	}
	wantUrgent(t, c, cases)
	for _, tc := range cases {
		if r := c.Classify(tc.msg); r.Urgent != "" && r.Urgent != tc.why {
			t.Errorf("%s: %q: urgent %s, want %s", tc.lang, tc.msg, r.Urgent, tc.why)
		}
	}
}

// The decoys of the forms above: an everyday message with the same words stays calm ("ho paura di
// perdere il permesso", "this job is killing me", a cook's knife, a goal scored, a nosebleed, a shop
// closed on Sunday, a hotel keeping a passport).
func TestTuneKxDecoys(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "decoy", msg: `i work as an attendant on the top of the parking near the station, can i renew my permit with this contract?`},
		{lang: "en", why: "decoy", msg: `since the concert i just want the noise in my head to stop, which doctor treats tinnitus?`},
		{lang: "en", why: "decoy", msg: `we must take our documents to the questura tomorrow, what time does it open?`},
		{lang: "en", why: "decoy", msg: `this job is killing me, can i change shift?`},
		{lang: "en", why: "decoy", msg: `my phone died, can you call me back later?`},
		{lang: "it", why: "decoy", msg: `ho paura di perdere il permesso, cosa devo fare?`},
		{lang: "it", why: "decoy", msg: `non voglio pesare sulla mia famiglia, cerco lavoro per pagare l'affitto`},
		{lang: "it", why: "decoy", msg: `stasera vado al ponte con gli amici per vedere i fuochi`},
		{lang: "ar", why: "decoy", msg: `ma bghitsh nkoun 7mel 3la khouya, kayn chi khedma f Torino?`},
		{lang: "ar", why: "decoy", msg: `smhouli kamlin 3la ta2khir, chno homa lwra9 dyal permesso?`},
		{lang: "ru", why: "decoy", msg: `u nego nozh dlya ryby, on povar v restorane, kak emu poluchit permesso?`},
		{lang: "ur", why: "decoy", msg: `garam pani ka geyser kharab hai, makaan malik theek nahi karta`},
		{lang: "hi", why: "decoy", msg: `first aid course: agar saanp ne kaata ho to kya karna chahiye`},
		{lang: "bn", why: "decoy", msg: `ami churi diye sobji kati, hath ektu kete geche, kon doctor?`},
		{lang: "bn", why: "decoy", msg: `ami exam niye khub voy pacchi, kono course ache?`},
		{lang: "ta", why: "decoy", msg: `match-la rendu goal adichittaan en paiyan, sports club enga?`},
		{lang: "ps", why: "decoy", msg: `زما دفتر ځواب نه راکوي، څه وکړم؟`},
		{lang: "ps", why: "decoy", msg: `د پزې نه مې وینې کوي، کوم ډاکټر ته لاړ شم؟`},
		{lang: "ml", why: "decoy", msg: `kadalil mungi kulichu, ippol cheviyil vedana, doctor evide?`},
		{lang: "am", why: "decoy", msg: `slke wedeqe ena teseberebign, yet mastekakel ychalal?`},
		{lang: "fr", why: "decoy", msg: `il bave beaucoup depuis qu'il fait ses dents, quel pédiatre?`},
		{lang: "fr", why: "decoy", msg: `répondez vite svp, j'ai peur de rater mon rendez-vous à la préfecture`},
		{lang: "es", why: "decoy", msg: `ayuda, tengo miedo de perder mi permiso`},
		{lang: "ko", why: "decoy", msg: `한국어 발음이 어눌해요, 수업 있나요?`},
		{lang: "te", why: "decoy", msg: "మా అబ్బాయి ఉదయం స్కూల్\u200cకి లేవడం లేదు, ఏం చేయాలి?"},
		{lang: "pa", why: "decoy", msg: `mera passport agent kol hai visa layi, kad tak milega?`},
		{lang: "pa", why: "decoy", msg: `pakki naukri di talash hai, koi kam hai Brescia vich?`},
		{lang: "gu", why: "decoy", msg: `ame ravivare dukan band rakhi, pagar nathi aapyo aa mahine`},
		{lang: "ja", why: "decoy", msg: `給料が出ないので、労働組合に相談したいです`},
		{lang: "fa", why: "decoy", msg: `حقوقم را نداده، به کجا شکایت کنم؟`},
		{lang: "fi", why: "decoy", msg: `työnantaja ei ole maksanut palkkaa, mihin voin valittaa?`},
		{lang: "sr", why: "decoy", msg: `bojim se da ću izgubiti posao, gde da tražim pomoć za papire?`},
		{lang: "sv", why: "decoy", msg: `jag har skrivit brev till alla skolor om praktik`},
		{lang: "hu", why: "decoy", msg: `nem akarok teher lenni a családomnak, munkát keresek`},
		{lang: "ja", why: "decoy", msg: `ホテルがパスポートを預かりました、チェックアウトはいつ？`},
	})
}
