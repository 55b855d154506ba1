package triage

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCalmNoPanic reads random mixtures of calm phrases, joining words,
// dangers and punctuation of several scripts: no index goes out of range.
func TestCalmNoPanic(t *testing.T) {
	c := newClassifier(t)
	bits := []string{"two years ago", "haha", "and", "but", "e", "y", "ve", "و", "لكن", "kill me", "hitting me", ",", ".", "،", "؟", "。", "，", "\n", "…", "3.5", "1.", ".5", "I saw a film", "قبل سنتين", "يضربني", "我昨天看了一部电影", "要杀我", "😂", "lol", "ahah", "at night", "following me", "не хочу жити", "goodbye forever", "!", "?", " ", ":", "ho visto un film", "mi picchia", "a", "b", "c", "कल", "।", "lo", "ma", "kk", "хаха", "ههههه"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(bits[r.IntN(len(bits))])
			if r.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		func() {
			defer func() {
				if e := recover(); e != nil {
					t.Fatalf("%q: %v", b.String(), e)
				}
			}()
			c.Classify(b.String())
			c.Explain(b.String())
		}()
	}
	// A message of many clauses, past maxClause.
	c.Classify("two years ago " + strings.Repeat("a, ", 40000) + "kill me")
	c.Classify(strings.Repeat(",", 70000) + "haha kill me")
}
