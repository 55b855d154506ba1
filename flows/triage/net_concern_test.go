package triage

import "testing"

// TestNetHalfToldGetsTheNumbers: a message the lists find no danger in,
// which the net scores under its threshold but over its concern threshold
// (netMaxConcern), is half told: the person's answer carries the numbers
// of the kind the net names. Before the concern threshold these got an
// ordinary answer and nothing else.
func TestNetHalfToldGetsTheNumbers(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ lang, why, msg string }{
		{"en", "pills saved for a month", "I have been saving my pills for a month"},
		{"es", "pills put away for a month", "ya tengo guardadas las pastillas desde hace un mes"},
	} {
		r := c.Classify(tt.msg)
		if r.Urgent == "" && r.Concern == "" {
			score, threshold := c.NetScore(tt.msg)
			t.Errorf("%s (%s) %q: neither urgent nor half told (net %.3f, threshold %.3f, concern from %.3f)",
				tt.lang, tt.why, tt.msg, score, threshold, c.net.Concern)
		}
	}
}

// TestNetConcernIsUnderItsThreshold: the committed net's concern
// threshold is set, and below the threshold that makes a message urgent
// (a concern threshold over it would never be reached).
func TestNetConcernIsUnderItsThreshold(t *testing.T) {
	c := newClassifier(t)
	if c.net.Concern <= 0 || c.net.Concern >= c.net.Threshold {
		t.Errorf("net concern threshold %.3f, urgent threshold %.3f: want 0 < concern < urgent", c.net.Concern, c.net.Threshold)
	}
}
