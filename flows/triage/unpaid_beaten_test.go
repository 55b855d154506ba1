package triage

import "testing"

// Round 11 (issue 12, tuneXU, set x): "the boss does not pay and beats me
// when I ask" is exploitation. Work not paid (@unpaid) with its work named
// (@job) and a violence weighs exploitation 1.5 (any.tsv): one violence
// phrase no longer wins the tie by kinds.txt order, a husband's beating
// (2.45) still outweighs the unpaid wage told beside it, and the wage alone
// stays an everyday question.
func TestUnpaidWorkWithBeatingIsExploitation(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ msg, kind string }{
		// Set x's forms, in other words: not paid, beaten when asking.
		{"szef nie płaci od dwóch miesięcy i uderzył mnie", "exploitation"},
		{"maigida bai biya ni ba, idan na tambaya yana dukana", "exploitation"},
		{"majikan pukul saya dan gaji tidak dibayar", "exploitation"},
		{"เจ้าของไม่จ่ายเงิน ตบหน้าฉัน", "exploitation"},
		{"ថៅកែមិនឲ្យលុយពីរខែ ហើយវាយខ្ញុំ", "exploitation"},
		{"owner jeetham ivvaledu, adigithe kodutunnadu", "exploitation"},
		{"मालक पगार देत नाही, मागितला तर मारतो", "exploitation"},
		// A husband's beating outweighs the wage not paid beside it.
		{"mio marito mi picchia e il capo non mi paga da due mesi", "violence"},
		// The wage alone is an everyday question.
		{"szef nie płaci od 2 miesięcy, gdzie to zgłosić?", ""},
		{"นายจ้างไม่จ่ายเงิน 2 เดือน ควรทำอย่างไร", ""},
	} {
		if got := c.Classify(tt.msg).Urgent; got != tt.kind {
			t.Errorf("%q: urgent %q, want %q", tt.msg, got, tt.kind)
		}
	}
}
