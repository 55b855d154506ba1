package triage

import "testing"

// panic19 (issue 12, the urgent route): two shapes the blind sets keep missing in the 21 languages
// Frontdoor serves best. A: distress told as panic in the body (heart racing, shaking, a panic
// attack) with being alone or unsafe out there now (at the station, in the street, nowhere to go
// tonight, followed): a cry (@panicky with @exposed, @pursued or @stalked; a medical word told with
// it, "I can't breathe", still wins, distress being last in kinds.txt). B: suicide told as a plan
// after a practical question ("how do I renew my permesso? anyway, tonight I take all the pills I
// saved"; "where is the questura? I gave my phone to my sister, tomorrow morning I go to the
// tracks"): the question must not calm the plan. Each language has 3 of each (and one of each in
// Latin letters where people write it so) and 3 decoys: the panic of an exam, a past panic attack
// now better asking for a psychologist (health, not urgent), a phone given to a sister. On main
// 5c2d3f2c, 86 of the 201 cases failed (lists alone): 79 urgent missed or of another kind, 3 decoys
// urgent (bn palpitations before an exam as medical, ps "my heart beats fast" as "he beats me").

// TestReviewPanic19En: English.
func TestReviewPanic19En(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"en", "heart racing, can't breathe, alone at the station tonight, men following", `my heart is racing, I can't breathe, I'm alone at the station tonight, some guys are following me`},
		{"en", "shaking, nowhere to go tonight, scared", `I'm shaking, I don't know where to go tonight, I'm scared`},
		{"en", "panic attack, alone in the street, unsafe", `I'm having a panic attack, I'm alone in the street and I don't feel safe`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"en", "permit question, then tonight the pills saved", `how do I renew my permesso? anyway it doesn't matter, tonight I'll take all the pills I saved`},
		{"en", "questura, phone given to sister, tomorrow to the tracks", `where is the questura... I gave my phone to my sister, tomorrow morning I go to the tracks`},
		{"en", "office hours, letter to mother, tonight the bridge", `what time does the office open? never mind, I wrote a letter to my mother, tonight I jump off the bridge`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"en", "exam nerves, heart beats when studying", `I have an exam tomorrow and I'm panicking, my heart races when I study, any tips?`},
		{"en", "past panic attacks, better, a psychologist", `last year I had panic attacks, now I'm better, can I see a psychologist?`},
		{"en", "phone given to sister, a new SIM", `I gave my phone to my sister, how do I get a new SIM card?`},
	})
}

// TestReviewPanic19Es: Spanish.
func TestReviewPanic19Es(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"es", "heart racing, can't breathe, alone at the station tonight, men following", `el corazón me late muy rápido, no puedo respirar, estoy sola en la estación esta noche, unos tipos me están siguiendo`},
		{"es", "shaking, nowhere to go tonight, scared", `estoy temblando, no sé a dónde ir esta noche, tengo miedo`},
		{"es", "panic attack, alone in the street, unsafe", `tengo un ataque de pánico, estoy sola en la calle y no me siento segura`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"es", "permit question, then tonight the pills saved", `¿cómo renuevo el permiso de residencia? igual ya no importa, esta noche me tomo todas las pastillas que guardé`},
		{"es", "questura, phone given to sister, tomorrow to the tracks", `¿dónde está la questura? le di mi teléfono a mi hermana, mañana por la mañana voy a las vías del tren`},
		{"es", "office hours, letter to mother, tonight the bridge", `¿a qué hora abre la oficina? da igual, le escribí una carta a mi madre, esta noche salto del puente`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"es", "exam nerves, heart beats when studying", `mañana tengo un examen y estoy en pánico, el corazón me late fuerte cuando estudio, ¿algún consejo?`},
		{"es", "past panic attacks, better, a psychologist", `el año pasado tuve ataques de pánico, ahora estoy mejor, ¿puedo ver a un psicólogo?`},
		{"es", "phone given to sister, a new SIM", `le di mi teléfono a mi hermana, ¿cómo consigo una nueva tarjeta SIM?`},
	})
}

// TestReviewPanic19Fr: French.
func TestReviewPanic19Fr(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"fr", "heart racing, can't breathe, alone at the station tonight, men following", `mon cœur bat très vite, je n'arrive plus à respirer, je suis seule à la gare ce soir, des mecs me suivent`},
		{"fr", "shaking, nowhere to go tonight, scared", `je tremble, je ne sais pas où aller ce soir, j'ai peur`},
		{"fr", "panic attack, alone in the street, unsafe", `je fais une crise de panique, je suis seule dans la rue et je ne me sens pas en sécurité`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"fr", "permit question, then tonight the pills saved", `comment renouveler mon titre de séjour ? de toute façon ça ne sert à rien, ce soir je prends tous les cachets que j'ai gardés`},
		{"fr", "questura, phone given to sister, tomorrow to the tracks", `où est la questura ? j'ai donné mon téléphone à ma sœur, demain matin je vais sur les rails`},
		{"fr", "office hours, letter to mother, tonight the bridge", `à quelle heure ouvre le bureau ? laisse tomber, j'ai écrit une lettre à ma mère, ce soir je saute du pont`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"fr", "exam nerves, heart beats when studying", `j'ai un examen demain et je panique, mon cœur bat fort quand je révise, des conseils ?`},
		{"fr", "past panic attacks, better, a psychologist", `l'année dernière j'ai eu des crises de panique, maintenant ça va mieux, je peux voir un psychologue ?`},
		{"fr", "phone given to sister, a new SIM", `j'ai donné mon téléphone à ma sœur, comment avoir une nouvelle carte SIM ?`},
	})
}

// TestReviewPanic19It: Italian.
func TestReviewPanic19It(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"it", "heart racing, can't breathe, alone at the station tonight, men following", `il cuore mi batte fortissimo, non riesco a respirare, sono sola in stazione stanotte, dei ragazzi mi stanno seguendo`},
		{"it", "shaking, nowhere to go tonight, scared", `sto tremando, non so dove andare stanotte, ho paura`},
		{"it", "panic attack, alone in the street, unsafe", `ho un attacco di panico, sono sola per strada e non mi sento al sicuro`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"it", "permit question, then tonight the pills saved", `come rinnovo il permesso di soggiorno? tanto non importa, stanotte prendo tutte le pillole che ho messo da parte`},
		{"it", "questura, phone given to sister, tomorrow to the tracks", `dov'è la questura... ho dato il mio telefono a mia sorella, domani mattina vado sui binari`},
		{"it", "office hours, letter to mother, tonight the bridge", `a che ora apre l'ufficio? lascia stare, ho scritto una lettera a mia madre, stanotte mi butto dal ponte`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"it", "exam nerves, heart beats when studying", `domani ho l'esame e sono in panico, il cuore mi batte forte quando studio, consigli?`},
		{"it", "past panic attacks, better, a psychologist", `l'anno scorso avevo attacchi di panico, ora sto meglio, posso vedere uno psicologo?`},
		{"it", "phone given to sister, a new SIM", `ho dato il mio telefono a mia sorella, come faccio ad avere una nuova SIM?`},
	})
}

// TestReviewPanic19Ro: Romanian.
func TestReviewPanic19Ro(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"ro", "heart racing, can't breathe, alone at the station tonight, men following", `inima îmi bate foarte tare, nu pot să respir, sunt singură în gară în noaptea asta, niște tipi mă urmăresc`},
		{"ro", "shaking, nowhere to go tonight, scared", `tremur, nu știu unde să mă duc la noapte, mi-e frică`},
		{"ro", "panic attack, alone in the street, unsafe", `am un atac de panică, sunt singură pe stradă și nu mă simt în siguranță`},
	})
	wantListsSuicide(t, c, []reviewCase{
		{"ro", "permit question, then tonight the pills saved", `cum îmi reînnoiesc permisul de ședere? oricum nu mai contează, la noapte iau toate pastilele pe care le-am strâns`},
		{"ro", "questura, phone given to sister, tomorrow to the tracks", `unde e questura? i-am dat telefonul meu surorii mele, mâine dimineață mă duc pe șine`},
		{"ro", "office hours, letter to mother, tonight the bridge", `la ce oră se deschide biroul? lasă, i-am scris o scrisoare mamei, la noapte sar de pe pod`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ro", "exam nerves, heart beats when studying", `mâine am examen și sunt în panică, inima îmi bate tare când învăț, aveți sfaturi?`},
		{"ro", "past panic attacks, better, a psychologist", `anul trecut am avut atacuri de panică, acum sunt mai bine, pot merge la un psiholog?`},
		{"ro", "phone given to sister, a new SIM", `i-am dat telefonul meu surorii mele, cum obțin o cartelă SIM nouă?`},
	})
}
