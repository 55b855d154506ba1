package triage

import "testing"

// TestReviewShadow18SignHidesDanger: a sign phrase (@stalked, @papers,
// @harm, ...) longer than a danger phrase inside it won, as the longest
// found side by side, and hid the danger (stasera la faccio finita, fa18).
// Of the 66 such sign phrases (stop 38's audit), those that tell the
// danger alone are now listed as that danger too: the lists alone must read
// them, the net may not stand in.
func TestReviewShadow18SignHidesDanger(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"en", "stalked now", "my ex is stalking me"},
		{"en", "stalked by several", "two men are stalking me"},
		{"es", "fell down the stairs, head bleeding", "mi padre se cayo escaleras sangra de la cabeza"},
		{"es", "hits her", "mi marido le pega"},
		{"es", "strikes her", "el novio de mi hermana le golpea"},
		{"es", "hits them", "mi padre les pega a mis hermanos"},
		{"es", "strikes them", "el jefe los golpea en el almacen"},
		{"es", "strikes them (f)", "el dueño las golpea en el piso"},
		{"es", "they hit him", "en el centro le pegan a mi hermano"},
		{"es", "I fainted", "me he desmayado en la calle"},
		{"es", "locked in", "nos tienen encerradas en un piso"},
		{"it", "struggling to breathe", "mio padre fa fatica a respirare"},
		{"ro", "their papers taken", "le-au luat actele la ferma"},
		{"ro", "the same, unhyphenated", "le au luat actele la ferma"},
		{"ro", "her ID card taken", "i-au luat buletinul"},
		{"ro", "the same, unhyphenated", "i au luat buletinul"},
		{"ro", "our papers taken", "patronul ne-a luat actele"},
		{"ro", "the same, unhyphenated", "patronul ne a luat actele"},
		{"ro", "my ID card taken", "mi a luat buletinul"},
		{"ro", "I will not be here any more", "nu voi mai fi aici"},
		{"hu", "will kill me if", "a férjem megöl ha elmegyek"},
		{"hu", "says he will beat me", "a férjem azt mondja megver"},
		{"lv", "threatens to beat", "vīrs draud ka piekaus mani"},
		{"sw", "beats me every night", "ananipiga kila usiku"},
		{"sw", "not breathing well", "baba hapumui vizuri"},
		{"tw", "not breathing well", "me papa ɔnhome yiye"},
		{"tw", "the same, typed o", "me papa onhome yiye"},
		{"sq", "our passports taken", "na mori pasaportat ne shtepi"},
		{"yo", "my passport taken", "o gba iwe irinna mi"},
		{"hi", "passport snatched", "मालिक ने पासपोर्ट छीन लिया"},
		{"ar", "beating her now", "جوزها عم يضربها"},
		{"ur", "she beats", "ساس مارتی ہے"},
		{"ne", "save me (polite)", "मलाई बचाउनुहोस्"},
		{"pa", "ate poison", "ਮੇਰੀ ਭੈਣ ਨੇ ਜ਼ਹਿਰ ਖਾ ਲਈ"},
		{"pa", "drank poison", "ਮੇਰੀ ਮਾਂ ਨੇ ਜ਼ਹਿਰ ਪੀ ਲਈ"},
		{"pa", "drank poison, Latin letters", "meri bhain ne zehar pee layi"},
	})
}

// TestReviewShadow18SignsKept: the sign phrases of the 66 that hide their
// inner danger on purpose (pills bought or kept, put out of a flat, "when I
// am gone", "you won't have to worry about me" said with good news, a
// French "samu" inside Ukrainian) stay not urgent alone.
func TestReviewShadow18SignsKept(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"en", "a box a doctor gives", "the doctor gave my mother a whole box of pills for her blood pressure"},
		{"en", "put out of a flat", "my landlord kicked me out, where can I sleep tonight"},
		{"en", "no reason to go on with an appeal", "there is no reason to go on with the appeal, the lawyer says"},
		{"ro", "pills bought, not taken", "am cumparat multe pastile pentru bunica la farmacie"},
		{"ro", "when I am no longer tired", "cand nu voi mai fi obosit o sa sun la ghiseu"},
		{"ro", "tomorrow I am not at work", "maine nu voi mai fi la birou, pot veni joi?"},
		{"ro", "no burden: found work", "am gasit de lucru, nu o sa mai fiu o povara pentru voi"},
		{"ro", "no problem: found work", "am gasit casa, nu o sa mai fiu o problema pentru voi"},
		{"ro", "no burden, future", "nu voi mai fi o povara pentru familia mea, am gasit de lucru"},
		{"ru", "pills bought, not taken", "купил много таблеток для бабушки в аптеке"},
		{"ru", "pills bought (f)", "купила много таблеток для мамы, где рецепт"},
		{"ru", "when I am gone: a will", "когда меня не станет, квартира достанется сыну, как написать завещание"},
		{"uk", "when I am gone: a will", "коли мене не стане, квартира дістанеться синові, як написати заповіт"},
		{"uk", "left her alone: French samu inside", "zalyshyla samu doma na hodynu"},
		{"it", "pills kept for the trip", "ho conservato tutte le pillole per il viaggio"},
		{"it", "pills gathered in a box", "ho raccolto tutte le pillole in una scatola per il medico"},
		{"it", "pills set aside", "ho messo da parte tutte le pillole della nonna per il medico"},
		{"fr", "stuck at home, ill", "je suis enfermee a la maison avec la grippe depuis lundi"},
		{"es", "another life asked for", "ya no quiero vivir asi con tanta humedad, busco otro piso para alquilar"},
		{"es", "no worry: found work", "consegui trabajo, ya no tendran que preocuparse por mi"},
		{"fr", "no worry: found work", "j'ai trouve un travail, vous n'aurez plus a vous inquieter pour moi"},
		{"ar", "no worry: found work", "لقيت شغل بميلانو، ما رح تقلقوا علي بعد هلق"},
		{"ar", "no worry after today: found work", "لقيت شغل، لن تقلقوا علي بعد اليوم"},
		{"ar", "no need to worry: found work", "لقيت شغل، ما في داعي تقلقوا علي بعد اليوم"},
		{"sq", "no worry: found work", "gjeta pune, s do shqetesoheni me per mua"},
		{"ur", "no worry: found work", "naukri mil gayi, kisi ko meri fikar nahi karni padegi"},
		{"hi", "no worry: found work", "naukri mil gayi, ab meri fikar nahi karni padegi"},
		{"hu", "beats me at chess", "a bátyám mindig megver ha sakkozunk"},
		{"fa", "before an operation", "عمل جراحی زانو دارم، میترسم اگه دیگه بیدار نشم"},
	})
}

// TestReviewShadow18Decoys: the phrases now listed as dangers, in an
// ordinary meaning (rice that sticks, a cat, a documentary, a move, a
// past told as over), stay not urgent.
func TestReviewShadow18Decoys(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"es", "rice sticks (se le pega)", "se le pega el arroz siempre a mi suegra, donde compro una olla buena?"},
		{"es", "oversleeps (se le pegan las sabanas)", "a mi marido se le pegan las sabanas cada mañana y llega tarde al trabajo"},
		{"en", "a cat, laughing", "my cat is stalking me around the kitchen haha"},
		{"en", "paparazzi, laughing", "the paparazzi are stalking me lol"},
		{"ro", "an ID card taken last year, given back", "anul trecut mi-a luat buletinul politia din greseala, acum l-am primit inapoi"},
		{"ro", "moving away", "nu voi mai fi aici de luna viitoare, ma mut la Torino, cum schimb adresa?"},
		{"it", "a documentary", "ho visto un documentario su un alpinista che fa fatica a respirare in alta quota"},
		{"hu", "mother will kill me if, laughing", "anyám megöl ha megtudja hogy elkéstem haha"},
		{"es", "fainted in 2019, well now", "en 2019 me he desmayado en el trabajo por el calor, ahora estoy bien, necesito un medico de cabecera"},
		{"ne", "a film named save me", "मैंने 'मलाई बचाउनुहोस्' भन्ने फिल्म हेरें"},
	})
}
