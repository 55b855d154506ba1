package triage

import "testing"

// Thai, Lao, Khmer and Burmese write no spaces between words, only between
// phrases, and the engine cuts words at spaces: a listed phrase is found
// only at the start of what is written between two spaces, so the lists
// (data/safety/th.tsv, lo.tsv, km.tsv, my.tsv) repeat each danger after
// the usual subjects ("my friend", "my husband"). A danger told after
// other words of the same phrase is missed. This test fails until the
// engine cuts words in these scripts (issue 12); the lists need no change
// then.
func TestUnspacedDangerInsideAPhrase(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ lang, text, want string }{
		// "my friend says he is unconscious"
		{"th", "เพื่อนบอกว่าเขาหมดสติ", "medical"},
		{"lo", "ໝູ່ບອກວ່າລາວສະຫຼົບ", "medical"},
		{"km", "មិត្តខ្ញុំប្រាប់ថាគាត់សន្លប់", "medical"},
		{"my", "သူငယ်ချင်းပြောတယ်သူသတိလစ်နေတယ်", "medical"},
		// "now I want to die"
		{"th", "ตอนนี้หนูอยากตาย", "suicide"},
		{"lo", "ຕອນນີ້ຂ້ອຍຢາກຕາຍ", "suicide"},
		{"km", "ពេលនេះខ្ញុំចង់ស្លាប់", "suicide"},
		{"my", "အခုကျွန်မသေချင်တယ်", "suicide"},
	} {
		if got := c.Classify(tt.text).Urgent; got != tt.want {
			t.Errorf("%s %q: urgent %q, want %q", tt.lang, tt.text, got, tt.want)
		}
	}
	// The same dangers at the start of a phrase are found today.
	for _, tt := range []struct{ lang, text, want string }{
		{"th", "ตอนนี้ หนูอยากตาย", "suicide"},
		{"lo", "ຕອນນີ້ ຂ້ອຍຢາກຕາຍ", "suicide"},
		{"km", "ពេលនេះ ខ្ញុំចង់ស្លាប់", "suicide"},
		{"my", "အခု ကျွန်မသေချင်တယ်", "suicide"},
	} {
		if got := c.Classify(tt.text).Urgent; got != tt.want {
			t.Errorf("%s %q: urgent %q, want %q", tt.lang, tt.text, got, tt.want)
		}
	}
}

// Gujarati, Sinhala, Lao, Khmer and Burmese are each written in a script
// the engine has no name for (langdata.go scriptNames), so their files
// in data/lang name the one "other" script by another's name ("@script
// thai"), which works, since every script without a case in fold is
// that one, but misleads the reader. This test fails until the engine
// knows the names; the files can then say "@script lao".
func TestNewScriptNames(t *testing.T) {
	for _, s := range []string{"gujarati", "sinhala", "lao", "khmer", "myanmar"} {
		if _, err := newFrom(withFile(t, "data/lang/xx.txt", "@script "+s+"\n@unsupported\nfoo\n"), nil); err != nil {
			t.Errorf("@script %s: %v", s, err)
		}
	}
}
