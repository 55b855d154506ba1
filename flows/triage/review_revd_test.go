package triage

import "testing"

// Review revd (round 10, tuneWU): no.tsv:12-13 list "hjelp meg"/"hjælp mig"
// as @help and "jeg er redd"/"jeg er bange" as @fear, and any.tsv's rule
// @help @fear -area makes the pair distress. But "hjelp meg med" is "help me
// with" and "redd for eksamen" is exam nerves: a student asking for homework
// help is sent a crisis line. Neither was urgent at a19803c.
func TestReviewRevdNorwegianFearHelpFalseAlarm(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"no", "afraid of tomorrow's exam, help me with the assignment", "jeg er redd for eksamen i morgen, hjelp meg med oppgaven"},
		{"da", "afraid of the dentist, help me find a new one", "jeg er bange for tandlægen, hjælp mig med at finde en ny"},
	})
}

// Review revd (round 10, tuneWU): any.tsv:281 makes Tajik "ҳаракат
// намекунад" ("does not move") medical 1 alone. A queue, a car, a case file
// "does not move": a migrant complaining about the migration office is told
// to call an ambulance. Neither was urgent at a19803c.
func TestReviewRevdTajikDoesNotMoveFalseAlarm(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"tg", "the queue at the migration office does not move, what do I do?", "Навбат дар идораи муҳоҷират ҳаракат намекунад, чӣ кор кунам?"},
		{"tg", "my car does not move, where is a cheap mechanic?", "мошинам ҳаракат намекунад, устои арзон куҷост?"},
	})
}
