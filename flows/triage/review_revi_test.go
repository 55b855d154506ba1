package triage

import "testing"

// Review revI of tuneXU (round 11, the languages Frontdoor does not speak).
// Each case below was checked with `frontdoor triage --explain` on the
// reviewed branch (and on 3ec2378, before it, where each was read right
// unless said otherwise).

// The rule `exploitation 1.5 @unpaid @job violence` (any.tsv:321) does not
// ask who is violent: a husband's or a partner's beating, told in words that
// are not one of the 2.45 "my husband beats me" phrases (a past tense, a
// boyfriend who punched), with the wage the boss has not paid named as its
// cause, weighs exploitation 2.1 against violence 1, and the person is sent
// to the anti-trafficking line (800 290 290) instead of 112 and 1522. At
// 3ec2378 each was violence.
func TestRevIUnpaidRuleTakesAPartnersViolence(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []reviewCase{
		{lang: "en", msg: `my husband hit me because my boss didn't pay my salary`},
		{lang: "en", msg: `my boyfriend punched me because my boss didn't pay me`},
		{lang: "it", msg: `mio marito mi ha picchiato perché il capo non mi ha pagato lo stipendio`},
		{lang: "it", msg: `il mio ragazzo mi ha picchiata perché il datore di lavoro non mi paga`},
		{lang: "fr", msg: `mon copain m'a frappée parce que mon patron ne m'a pas payée`},
		{lang: "pt", msg: `o meu marido bateu-me porque o patrão não me pagou o salário`},
		{lang: "sw", msg: `mume wangu ananipiga kwa sababu bosi hajanilipa mshahara`},
		{lang: "sw", msg: `mpenzi wangu ananipiga kwa sababu sijalipwa mshahara na bosi`},
	} {
		if got := c.Classify(tc.msg).Urgent; got != "violence" {
			t.Errorf("%s: %q: urgent %q, want violence (a partner's beating, not the boss's)", tc.lang, tc.msg, got)
		}
	}
}

// Everyday questions about a wage that the tuneXU lines make urgent.
func TestRevIUnpaidWageQuestionsFalseAlarms(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		// "It beats me why" (I don't understand why): at 3ec2378 the calm
		// "last month" kept its violence 1 under the bar; the rule's 1.5
		// (any.tsv:321) with the wage's 0.6 makes exploitation 2.1, 1.40 after calm.
		{lang: "en", why: "figurative beat, any.tsv:321", msg: `it beats me why my boss didn't pay me last month`},
		// "kalau saya lapor" is the worker's own "if I report" (a question),
		// listed as @threat (id.tsv:96), against README's rule that the first
		// person is left out; with the wage unpaid it is exploitation.
		{lang: "id", why: "first-person 'if I report' as @threat, id.tsv:96", msg: `gaji saya belum dibayar 2 bulan, kalau saya lapor ke disnaker bagaimana caranya?`},
	})
}

// A child alone by parts (0.5 each): a carer, a grandmother or a mother at
// home with a crying child, the parents away, asking an everyday thing, make
// two parts and a child in danger (112, 114). The same messages in English
// are not urgent. None was urgent at 3ec2378.
func TestRevIChildAlonePartsFalseAlarms(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "pl", why: "płacze + rodzice nie wrócili, pl.tsv:85", msg: `Jestem babcią, wnuczka płacze, bo rodzice nie wrócili jeszcze z Maroka. Jak zapisać ją do przedszkola?`},
		{lang: "pl", why: "płacze + rodzice nie wrócili, pl.tsv:85", msg: `dziecko płacze, bo rodzice nie wrócili jeszcze z pracy, jestem opiekunką, gdzie kupić lek na ząbkowanie?`},
		{lang: "sv", why: "ensam hemma + gråter, any.tsv:329", msg: `Jag är ensam hemma med barnet, hon gråter hela tiden, var finns en barnläkare?`},
		{lang: "fi", why: "yksin kotona + itkee, any.tsv:329", msg: `Olen yksin kotona, lapsi itkee koko ajan, missä on lähin neuvola?`},
		{lang: "nl", why: "het huilt + ouders zijn niet terug, any.tsv:329", msg: `Ik ben alleen thuis met het buurkind, het huilt want de ouders zijn niet terug van Marokko, mag ik een dokter bellen?`},
		{lang: "hi", why: "रो रही है + माँ बाप वापस नहीं आए, hi.tsv:110", msg: `मेरी पोती रो रही है क्योंकि उसके माँ बाप वापस नहीं आए, मैं दादी हूँ, स्कूल में दाखिला कैसे होगा?`},
		{lang: "th", why: "ร้องไห้ไม่หยุด + พ่อแม่ยังไม่กลับ, th.tsv:103", msg: `ลูกร้องไห้ไม่หยุด พ่อแม่ยังไม่กลับจากทำงาน ฉันเป็นพี่เลี้ยง ควรให้กินยาอะไร`},
		// The control: the English form is not urgent on the branch.
		{lang: "en", why: "control", msg: `the baby is crying while her parents are at work, I'm the nanny, what medicine for teething?`},
	})
}

// Farewell parts of tuneXU in everyday moving, thanks and walks: "die Katze
// hab ich" is any verb ("the cat I took to the vet"), "heute Nacht geh ich"
// is a night shift, "zum See gehen" a weekend, "idę na most" a walk with the
// dog, "mama oprosti" "mum, sorry I'm late". Two parts make suicide. None was
// urgent at 3ec2378; the same in English, Italian, Spanish, French,
// Portuguese, Indonesian and Swahili is not urgent.
func TestRevIFarewellPartsFalseAlarms(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "de", why: "moving, de.tsv:152-153", msg: `Ich ziehe nach Berlin um, die Katze hab ich der Nachbarin gegeben. Danke für alles!`},
		{lang: "de", why: "vet, de.tsv:152-153", msg: `Die Katze hab ich heute zum Tierarzt gebracht. Danke für alles!`},
		{lang: "de", why: "night shift, de.tsv:152,154", msg: `Heute Nacht geh ich zur Nachtschicht, den Hund hab ich der Nachbarin gegeben`},
		{lang: "de", why: "a walk, de.tsv:153-154", msg: `Morgen ziehe ich aus. Danke für alles, am Sonntag gehen wir zum Fluss spazieren`},
		{lang: "de", why: "the lake with the children, de.tsv:153-154", msg: `Danke für alles! Am Wochenende wollen wir mit den Kindern zum See gehen`},
		{lang: "pl", why: "moving, a walk, pl.tsv:89-90", msg: `Przeprowadzam się, oddałam wszystkie rzeczy. W niedzielę idę na most na spacer z psem`},
		{lang: "cs", why: "photos on the bridge, any.tsv:340,342", msg: `Jdu na most fotit západ slunce, ať mi odpustí že nepřijdu`},
		{lang: "sr", why: "late, fetching dad, any.tsv:340,342", msg: `Mama oprosti što kasnim, idem na most po tatu`},
		{lang: "sv", why: "moving, fireworks, any.tsv:339,342", msg: `Jag flyttar till Norge, gav bort mina saker. I kväll går jag till bron och tittar på fyrverkerier`},
	})
}

// de.tsv's multi-word farewell parts count in every language: "danke für
// alles" said to a German host in an English, French, Portuguese or Italian
// message joins that language's own gift of a pet, or a restaurant named
// "zum Fluss" / "Zur Brücke" (de.tsv:154), and makes suicide. None was urgent
// at 3ec2378.
func TestRevIGermanFarewellWordsInOtherLanguages(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "de.tsv:153 with en @giveaway", msg: `I'm moving to Munich, I gave my cat to my neighbour. Danke für alles!`},
		{lang: "fr", why: "de.tsv:153 with fr @giveaway", msg: `je déménage à Berlin, j'ai donné mon chat à la voisine. Danke für alles !`},
		{lang: "pt", why: "de.tsv:153 with pt @giveaway", msg: `vou mudar para Berlim, dei o meu gato à vizinha. Danke für alles!`},
		{lang: "en", why: "de.tsv:153-154, a restaurant's name", msg: `we had dinner at the Gasthaus zum Fluss, danke für alles to the host family`},
		{lang: "it", why: "de.tsv:153-154, a restaurant's name", msg: `cena al ristorante Zur Brücke, danke für alles alla famiglia ospitante`},
	})
}

// Not from tuneXU, found while checking its Swedish "går jag till bron":
// Swedish "bron" (the bridge) folds to Polish "broń" (a weapon, pl.tsv:17)
// and is violence in a Swedish message about fireworks. Urgent at 3ec2378 too.
func TestRevISwedishBridgeIsNoPolishWeapon(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "sv", why: "pl.tsv:17 broń, pre-existing", msg: `I kväll går vi till bron och tittar på fyrverkerier`},
	})
}
