package triage

import (
	"testing"
	"testing/fstest"
)

// Scripts written without spaces between words (Thai, Lao, Khmer,
// Burmese; kana beside Han) are matched a character at a time, so that a
// phrase is found wherever the person wrote it in a run of text, and
// phrases of alphabets only side by side, since a handful of letters in
// order are in any long message.
func TestUnspacedScripts(t *testing.T) {
	c, err := NewWithExtra(fstest.MapFS{
		"safety/th.tsv": {Data: []byte(
			"medical\t1\tหายใจไม่ออก\n" +
				"@minor\t1\tลูก\n" +
				"@harm\t1\tหายใจไม่ออก\n" +
				// A long phrase of the kind lists used to write, subject
				// and danger run together: the signs inside still count.
				"medical\t1\tลูกหนูหายใจไม่ออก\n" +
				// A word that holds the word for a child: a customer.
				"ignore\t1\tลูกค้า\n")},
		// A made-up word for harm, so that only these lines match.
		"safety/ko.tsv": {Data: []byte(
			"@minor\t1\t# 살*\n" +
				"@harm\t1\t쿵쾅쿵쾅\n")},
		"safety/ja.tsv": {Data: []byte(
			"suicide\t1\t薬 集めて | しにたい\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text, urgent, detected string
	}{
		{"a Thai phrase inside a run of text", "เพื่อนบอกว่าหายใจไม่ออกค่ะ", "medical", "th"},
		{"the same, with spaces between phrases", "ช่วยด้วย เพื่อน หายใจไม่ออก", "medical", "th"},
		{"signs inside a longer Thai phrase", "ลูกหนูหายใจไม่ออก ช่วยด้วยค่ะ", "child", "th"},
		{"letters of the phrase with others between", "หายใจได้ไม่ออกไป", "", "th"},
		{"a Korean age glued to its word", "저는 13살이에요 쿵쾅쿵쾅", "child", "ko"},
		{"an adult's age glued to its word", "저는 33살이에요 쿵쾅쿵쾅", "", "ko"},
		{"Japanese, with kana between the words of a phrase", "もう無理。薬はもう集めてある", "suicide", "ja"},
		{"a Japanese word is its kana side by side", "もうしにたいです", "suicide", "ja"},
		// "I want to go shopping", "I want to go and study": し, に, た, い
		// in order, with others between.
		{"kana of a word with others between", "買い物しに行きたい", "", "ja"},
		{"kana of a word with others between, again", "勉強しに行きたいです", "", "ja"},
		// "the customer cannot breathe": a customer is not a child.
		{"a word that holds a sign, listed to shadow it", "ลูกค้าหายใจไม่ออก", "medical", "th"},
	} {
		r := c.Classify(tt.text)
		if r.Urgent != tt.urgent || r.Detected != tt.detected {
			t.Errorf("%s: %q: urgent %q detected %q, want %q %q", tt.name, tt.text, r.Urgent, r.Detected, tt.urgent, tt.detected)
		}
	}
}

// A danger told after other words of a run of Thai, Lao, Khmer or Burmese
// text is found, with the lists as they are (data/safety/th.tsv, lo.tsv,
// km.tsv, my.tsv).
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
		// The same dangers at the start of a phrase.
		{"th", "ตอนนี้ หนูอยากตาย", "suicide"},
		{"lo", "ຕອນນີ້ ຂ້ອຍຢາກຕາຍ", "suicide"},
		{"km", "ពេលនេះ ខ្ញុំចង់ស្លាប់", "suicide"},
		{"my", "အခု ကျွန်မသေချင်တယ်", "suicide"},
	} {
		r := c.Classify(tt.text)
		if r.Urgent != tt.want || r.Detected != tt.lang {
			t.Errorf("%s %q: urgent %q detected %q, want %q", tt.lang, tt.text, r.Urgent, r.Detected, tt.want)
		}
	}
}

// Gujarati, Sinhala, Lao, Khmer and Burmese each have their script's name
// for data/lang's @script.
func TestNewScriptNames(t *testing.T) {
	for _, s := range []string{"gujarati", "sinhala", "lao", "khmer", "myanmar"} {
		if _, err := newFrom(withFile(t, "data/lang/xx.txt", "@script "+s+"\n@unsupported\nfoo\n"), nil); err != nil {
			t.Errorf("@script %s: %v", s, err)
		}
	}
}
