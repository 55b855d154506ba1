package triage

import "testing"

// reviewCase is a reviewer's message: its language, why it matters, and
// the message as a person would type it.
type reviewCase struct{ lang, why, msg string }

// wantUrgent fails for each case the classifier reads as no danger.
func wantUrgent(t *testing.T, c *Classifier, cases []reviewCase) {
	t.Helper()
	for _, tc := range cases {
		if r := c.Classify(tc.msg); r.Urgent == "" {
			t.Errorf("%s (%s): %q: no urgent kind", tc.lang, tc.why, tc.msg)
		}
	}
}

// wantNotUrgent fails for each case the classifier reads as a danger.
func wantNotUrgent(t *testing.T, c *Classifier, cases []reviewCase) {
	t.Helper()
	for _, tc := range cases {
		if r := c.Classify(tc.msg); r.Urgent != "" {
			t.Errorf("%s (%s): %q: urgent %s, want none", tc.lang, tc.why, tc.msg, r.Urgent)
		}
	}
}
