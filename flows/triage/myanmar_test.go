package triage

import "testing"

// Shan, Karen and Mon are written in the Myanmar script, like Burmese:
// the letters only each of them uses tell them (data/lang/shn.txt,
// ksw.txt, mnw.txt); a message without any is Burmese, as before. The
// sentences are composed for those letters (a greeting, "help me", "thank
// you"), not checked by a speaker.
func TestMyanmarScriptLanguages(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ text, detected, urgent string }{
		{"မႂ်ႇသုင်ၶႃႈ ၸွႆႈၵဝ်ႇၽွင်ႈ", "shn", ""},
		{"ၶႃႈ", "shn", ""},
		{"တၢ်ဘျုးလၢ ယမ့ၢ်ဘၣ်တၢ်မၤဆူးမၤဆါ", "ksw", ""},
		{"အဲဂွံဗၚ်ဂကောံ ပ္ဍဲဍုၚ်", "mnw", ""},
		// Burmese, with and without a danger.
		{"မင်္ဂလာပါ", "my", ""},
		{"ကျွန်မသေချင်တယ်", "my", "suicide"},
		{"သူငယ်ချင်းပြောတယ်သူသတိလစ်နေတယ်", "my", "medical"},
		// A Burmese danger word in a Shan message still counts: the
		// Burmese list reads any message.
		{"ၶႃႈ သေချင်တယ်", "shn", "suicide"},
	} {
		r := c.Classify(tt.text)
		if r.Detected != tt.detected || r.Lang != "" || r.Urgent != tt.urgent {
			t.Errorf("%q: detected %q lang %q urgent %q, want %s and %q", tt.text, r.Detected, r.Lang, r.Urgent, tt.detected, tt.urgent)
		}
	}
	// Every Burmese message of the held-out sets is still Burmese.
	n := 0
	for _, m := range unspacedMessages(t) {
		for _, r := range m {
			if r >= 0x1000 && r <= 0x109F {
				if got := c.Classify(m).Detected; got != "my" {
					t.Errorf("%q: detected %q, want my", m, got)
				}
				n++
				break
			}
		}
	}
	if n == 0 {
		t.Fatal("no Burmese message in the held-out sets")
	}
}
