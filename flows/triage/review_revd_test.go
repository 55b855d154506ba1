package triage

import "testing"

// Review revd (round 10, tuneWU): no.tsv:12-13 list "hjelp meg"/"hjælp mig"
// as @help and "jeg er redd"/"jeg er bange" as @fear, and any.tsv's rule
// @help @fear -area makes the pair distress. But "hjelp meg med" is "help me
// with" and "redd for eksamen" is exam nerves: a student asking for homework
// help is sent a crisis line. Neither was urgent at a19803c.
func TestReviewRevdNorwegianFearHelpFalseAlarm(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []struct{ lang, why, msg string }{
		{"no", "afraid of tomorrow's exam, help me with the assignment", "jeg er redd for eksamen i morgen, hjelp meg med oppgaven"},
		{"da", "afraid of the dentist, help me find a new one", "jeg er bange for tandlægen, hjælp mig med at finde en ny"},
	} {
		if r := c.Classify(tc.msg); r.Urgent != "" {
			t.Errorf("%s (%s): %q: urgent %s", tc.lang, tc.why, tc.msg, r.Urgent)
		}
	}
}

// Review revd (round 10, tuneWS): fa.tsv:338 lists "mikoshamesh"/"میکشمش"
// ("I'll kill him/her") as violence 1 alone. It is the everyday sibling
// threat of Persian: a laptop broken, a phone taken. The writer is in no
// danger and asks about a repair. None was urgent at a19803c.
func TestReviewRevdPersianIllKillHimJokeFalseAlarm(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []struct{ lang, why, msg string }{
		{"fa", "brother broke my laptop again, I'll kill him! where can I get it fixed?", "برادرم دوباره لپ‌تاپمو خراب کرد، میکشمش! کجا میشه تعمیرش کرد؟"},
		{"fa", "if my brother takes my charger again I'll kill him", "اگه داداشم باز شارژرمو برداره میکشمش"},
		{"fa", "my sister took my phone again, I'll kill her (finglish)", "khaharam dobare gushimo bardasht mikoshamesh"},
	} {
		if r := c.Classify(tc.msg); r.Urgent != "" {
			t.Errorf("%s (%s): %q: urgent %s", tc.lang, tc.why, tc.msg, r.Urgent)
		}
	}
}

// Review revd (round 10, tuneWU): any.tsv:269-270 make any Dutch "zoon/
// dochter van #" @minor and "vol/onder de blauwe plekken" @harm, and
// any.tsv:10 (@minor @harm) makes child 2 of the pair. Bruises from sport or
// a fall are the commonest reason a parent asks for a GP: the parent is told
// the child is in danger. Neither was urgent at a19803c.
func TestReviewRevdDutchBruisesFalseAlarm(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []struct{ lang, why, msg string }{
		{"nl", "son of 8 bruised from football, should we see the GP?", "Mijn zoon van 8 zit vol blauwe plekken van het voetballen, moet ik naar de huisarts?"},
		{"nl", "daughter of 6 fell off her bike, where is a GP?", "Mijn dochter van 6 zit onder de blauwe plekken na het fietsen, ze is gevallen. Waar is een huisarts?"},
	} {
		if r := c.Classify(tc.msg); r.Urgent != "" {
			t.Errorf("%s (%s): %q: urgent %s", tc.lang, tc.why, tc.msg, r.Urgent)
		}
	}
}

// Review revd (round 10, tuneWU): any.tsv:281 makes Tajik "ҳаракат
// намекунад" ("does not move") medical 1 alone. A queue, a car, a case file
// "does not move": a migrant complaining about the migration office is told
// to call an ambulance. Neither was urgent at a19803c.
func TestReviewRevdTajikDoesNotMoveFalseAlarm(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []struct{ lang, why, msg string }{
		{"tg", "the queue at the migration office does not move, what do I do?", "Навбат дар идораи муҳоҷират ҳаракат намекунад, чӣ кор кунам?"},
		{"tg", "my car does not move, where is a cheap mechanic?", "мошинам ҳаракат намекунад, устои арзон куҷост?"},
	} {
		if r := c.Classify(tc.msg); r.Urgent != "" {
			t.Errorf("%s (%s): %q: urgent %s", tc.lang, tc.why, tc.msg, r.Urgent)
		}
	}
}

// Review revd (mendc1): tr.tsv:345 makes "kocam beni bicakla" violence 2, so
// a past calm ("yıl önce" 0.5) no longer reaches it (2.5/1.5 counts 1.67), and
// it matches "eski kocam" (ex-husband) too. A woman divorced years ago asking
// for a custody lawyer is answered with the urgent route and loses her legal
// area. At a19803c this was legal, not urgent ("bicakla tehdit" 1, calmed).
func TestReviewRevdTurkishPastKnifeThreatFalseAlarm(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []struct{ lang, why, msg string }{
		{"tr", "ex-husband threatened with a knife, divorced 3 years ago, custody lawyer", "Eski kocam beni bıçakla tehdit etmişti, 3 yıl önce boşandık, şimdi velayet için avukat lazım"},
	} {
		if r := c.Classify(tc.msg); r.Urgent != "" {
			t.Errorf("%s (%s): %q: urgent %s", tc.lang, tc.why, tc.msg, r.Urgent)
		}
	}
}
