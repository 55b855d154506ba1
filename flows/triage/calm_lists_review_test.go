package triage

import "testing"

// Review of issue 12 (calm12, tuneRA, tuneRB), branch revc: these fail on
// integ 40c973a. Present dangers a calm phrase still hides (forward reach
// over a comma, backward reach into the sentence before, a joining word
// after a past danger), a kind another list's word makes, and false alarms
// of `distress 1 @pursued @night`.
func TestReviewCalmAndLists(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ msg, kind string }{
		// Forward reach over a comma (calm.go:333-344).
		{"I saw a film, he is hitting me now", "violence"},
		{"ho visto un film, mi sta picchiando adesso", "violence"},
		{"iki yıl önce beni döverdi, şimdi bıçakla geri döndü", "violence"},
		{"i'm safe now, he is outside my door with a knife", "violence"},
		{"I am safe now, he texted that he will come tonight and kill me", "violence"},
		// Backward reach into the sentence before (calm.go:321-332).
		{"He is hitting me now. I saw a film yesterday", "violence"},
		{"He says he will kill me tonight. I am safe now", "violence"},
		{"我老公说今晚要杀了我。我昨天看了新闻", "violence"},
		// "and now" after a past danger is not cut (calm.go:142).
		{"due anni fa mi picchiava e adesso mi segue di notte", "distress"},
		// кулаки (fists) read as any.tsv's кудаки (a child) by a typo.
		{"он поднимает на меня кулаки, бьёт меня", "violence"},
		// Unpaid rent, a beating and a threat at home (any.tsv:75).
		{"my husband doesn't pay the rent and hits me, he says he will kill me", "violence"},
		// @pursued @night with no -area: ordinary messages (any.tsv:105).
		{"me sigue doliendo la espalda de noche, necesito un médico?", ""},
		{"il medico che mi segue non risponde di notte, a chi mi rivolgo?", ""},
		{"la psicologa che mi segue dice che non dormo di notte", ""},
		{"le médecin qui me suit ne répond pas la nuit, qui appeler?", ""},
		{"bankadan gece beni arıyorlar, kredi borcum var ne yapmalıyım", ""},
		{"me buscan para trabajar de noche en un almacén, necesito permiso?", ""},
		{"меня ищут на работу ночью на склад, нужен ли патент?", ""},
		{"мене шукають на роботу вночі, чи потрібен дозвіл?", ""},
		{"my little son keeps following me at night, he cannot sleep alone", ""},
	} {
		if got := c.Classify(tt.msg).Urgent; got != tt.kind {
			t.Errorf("%q: urgent %q, want %q", tt.msg, got, tt.kind)
		}
	}
}
