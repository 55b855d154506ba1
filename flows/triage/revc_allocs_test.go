package triage

import "testing"

// TestClassifyAllocsCalm: the calm scoping (clauses, reach, ruleBar) on
// messages with calm phrases, several clauses, joining words and rules
// allocates nothing once the scratch has grown.
func TestClassifyAllocsCalm(t *testing.T) {
	c := newClassifier(t)
	sc := c.get()
	defer c.put(sc)
	for _, msg := range []string{
		"I watched a film yesterday and my husband says he will kill me tonight",
		"I saw a film, he is hitting me now. two years ago he beat me, haha",
		"due anni fa mi picchiava e adesso mi segue di notte",
		"they don't pay me and say if you run away we will kill you",
		"قبل سنتين كان يضربني، الآن عاد ومعه سكين",
		"我昨天看了一部电影，我老公现在要杀我",
		"I watched a film, I don't want to live anymore, goodbye forever 😂",
	} {
		c.read(msg, sc)
		if n := testing.AllocsPerRun(100, func() { c.read(msg, sc) }); n > 0 {
			t.Errorf("reading %q allocates %.0f times, want none", msg, n)
		}
	}
}
