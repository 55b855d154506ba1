package triage

import (
	"testing"
	"testing/fstest"
)

// The server's classifiers (New, and NewWithExtra for a deployment with
// its own lists) ask the second net where the lists find no danger: a
// danger no listed phrase holds is urgent, of the kind the net names (an
// overdose taken: suicide).
func TestNetOnInServerPath(t *testing.T) {
	lists, err := NewWithoutNet()
	if err != nil {
		t.Fatal(err)
	}
	extra, err := NewWithExtra(fstest.MapFS{"safety/en.tsv": {Data: []byte("distress\t1\tzorblat krunk\n")}})
	if err != nil {
		t.Fatal(err)
	}
	missed := []struct{ why, msg string }{
		{"an overdose told without a listed word", "i took all the tablets in the box and now i feel very sleepy"},
	}
	for name, c := range map[string]*Classifier{"New": newClassifier(t), "NewWithExtra": extra} {
		for _, tc := range missed {
			if r := lists.Classify(tc.msg); r.Urgent != "" {
				t.Fatalf("%s: the lists alone read %q as %s: not a case for the net", tc.why, tc.msg, r.Urgent)
			}
			if r := c.Classify(tc.msg); r.Urgent != "suicide" || r.Net == 0 {
				t.Errorf("%s: %s: %q: urgent %q, net %.3f; want suicide by the net", name, tc.why, tc.msg, r.Urgent, r.Net)
			}
		}
	}
	// The deployment's own lines still count, before the net.
	if r := extra.Classify("zorblat krunk"); r.Urgent != "distress" || r.Net != 0 {
		t.Errorf("an extra listed danger: urgent %q, net %.3f; want distress by the lists", r.Urgent, r.Net)
	}
}

// A shout of urgency over an everyday request is that request: with the
// net on, it stays calm in every language (the shapes of
// testdata/net/urgent-requests.tsv, in other words), and the same shout
// over a danger is urgent.
func TestReviewNetOnUrgentRequests(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"en", "urgent + a lost card", "URGENT!! lost my residence card yesterday, where do i report it"},
		{"it", "urgente + a payslip", "URGENTE!!! mi serve la busta paga per la banca"},
		{"ru", "srochno + a lost passport", "SROCHNO!! lost passport, chto delat"},
		{"fr", "urgent + an appointment", "URGENT svp, un rendez-vous pour renouveler mon titre de séjour"},
		{"es", "urgente + a certificate", "URGENTE necesito el certificado de empadronamiento"},
		{"de", "dringend + a form", "DRINGEND!! welches Formular für das Kindergeld?"},
		{"ar", "urgent + a residence permit", "عاجل!! كيف أجدد بطاقة الإقامة"},
		{"tr", "acil + an appointment", "ACİL!! göç idaresinden randevu nasıl alınır"},
	})
	wantUrgent(t, c, []reviewCase{
		{"en", "urgent + a beating", "URGENT!!! my husband is beating me right now"},
		{"it", "urgente + not breathing", "URGENTE il bambino non respira"},
	})
}

// The lists' measured answers stand against the net: a message of one or
// two words is theirs alone ("menu please" was distress by the net, in a
// golden transcript: a person asking for the menu sent to the emergency
// numbers), and a danger half told keeps its Concern, whose answer is the
// kind's own line (the suicide crisis line), not the net's generic
// distress.
func TestNetLeavesShortAndHalfToldToTheLists(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []struct{ why, msg, concern string }{
		{"two words asking for the menu", "menu please", ""},
		{"two words of thanks", "thanks please", ""},
		{"half told, Italian: I can't go on", "non ce la faccio più", "suicide"},
		{"half told, Arabic: I can't bear it any more", "لم أعد أحتمل", "suicide"},
	} {
		r := c.Classify(tc.msg)
		if r.Urgent != "" || r.Concern != tc.concern || r.Net != 0 {
			t.Errorf("%s: %q: urgent %q, concern %q, net %.3f; want not urgent, concern %q, the net not asked", tc.why, tc.msg, r.Urgent, r.Concern, r.Net, tc.concern)
		}
	}
}
