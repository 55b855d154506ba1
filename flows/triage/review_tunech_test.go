package triage

import "testing"

// Issue 12, tuneCh: a child in danger told by parts. The child is named by a
// word or an age ("4 saal", "6 sui", "3-year-old") and the danger by two
// parts of it spread over the message: alone with a time or no parent,
// beaten with "every day", marks or a child gone still, taken by a man,
// fallen and not moving, or a cut (FGM). Rules in data/safety/any.tsv, parts
// per language under the header "child in danger told by parts (tuneCh)".
// 13 of the 17 urgent cases were not urgent on the lists of f02b563, and "when I was
// 10 my father beat me" was a false alarm (an `en` calm of 1.5 now: a childhood told as past).
func TestTuneChChildByParts(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", msg: `my 3-year-old nephew is home alone since yesterday`},
		{lang: "en", msg: `the kid of 12 got into a car with an older man outside school`},
		{lang: "it", msg: `la bambina di 5 anni e sola in casa da due giorni`},
		{lang: "it", msg: `il figlio dei vicini, 7 anni, lo picchiano tutti i giorni, ha lividi`},
		{lang: "fr", msg: `la fille des voisins, 8 ans, un inconnu l'a emmenee, personne ne sait ou`},
		{lang: "uk", msg: `synok susidky 5 rokiv, sydyt sam, mama poyikhala`},
		{lang: "zh", msg: `linju jia de nver 7 sui, tiantian bei da, lian shang you xue`},
		{lang: "pa", msg: `gwandiyan da munda 6 saal da, roz kut khanda, akh neeli`},
		{lang: "ur", msg: `padosi ka beta 8 saal ka do din se ghar mein akela hai`},
		{lang: "fa", msg: `یک دختر ۹ ساله، یک مرد بزرگ هر شب با خودش میبرد`},
		{lang: "so", msg: `gabar 9 jir ah ayaa berri la gudayaa`},
		{lang: "sq", msg: `djali i fqinjit 11 vjec hipi ne makine me nje burre qe nuk e njohim`},
		{lang: "fil", msg: `yung anak ng kapitbahay 3 taong gulang nahulog sa hagdan, hindi gumagalaw`},
		{lang: "am", msg: `lij 4 amet new, bicha new, enatu yet endalech anawqim`},
		{lang: "ml", msg: `ayalathe kunju 3 vayassu, achan adichu, kunju anangunnilla`},
		{lang: "ko", msg: `아이(5살)가 창문에 매달려 있어요`},
		{lang: "th", msg: `เด็กอายุ 3 ขวบ อยู่คนเดียวตั้งแต่เมื่อวาน`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", msg: `my son is 5 and alone at school for lunch?`},
		{lang: "en", msg: `my daughter of 14 goes by car to school, is there a bus pass?`},
		{lang: "en", msg: `my son 10 goes by car with his coach every day to training`},
		{lang: "en", msg: `children's belt size for school uniform`},
		{lang: "en", msg: `when I was 10 my father beat me, now I want to study psychology`},
		{lang: "it", msg: `bambino di 3 anni, iscrizione al nido`},
		{lang: "it", msg: `mio figlio di 6 anni va in macchina con il nonno tutti i giorni`},
		{lang: "fr", msg: `mon fils de 14 ans va seul a l'ecole tous les jours`},
	})
}
