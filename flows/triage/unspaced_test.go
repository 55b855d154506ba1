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
				"medical\t1\tลูกหนูหายใจไม่ออก\n")},
		// A made-up word for harm, so that only these lines match.
		"safety/ko.tsv": {Data: []byte(
			"@minor\t1\t# 살*\n" +
				"@harm\t1\t쿵쾅쿵쾅\n")},
		"safety/ja.tsv": {Data: []byte(
			"suicide\t1\t薬 集めて\n")},
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
	} {
		r := c.Classify(tt.text)
		if r.Urgent != tt.urgent || r.Detected != tt.detected {
			t.Errorf("%s: %q: urgent %q detected %q, want %q %q", tt.name, tt.text, r.Urgent, r.Detected, tt.urgent, tt.detected)
		}
	}
}
