package triage

import (
	"fmt"
	"strings"
)

// Hit is one listed phrase found in a message, as Explain tells it.
type Hit struct {
	// Phrase is where the phrase is listed (file:line) and how.
	Phrase string
	// Words are the words of the message that matched, normalised.
	Words []string
	// Near is set when the words were near each other, not side by side.
	Near bool
	// Effects say what the phrase weighs for: "urgent violence 1",
	// "area legal/permit_renewal 0.8", "person 1", "ignore".
	Effects []string
}

// Explanation is what Explain found: the result and the phrases that
// decided it.
type Explanation struct {
	Result
	Hits []Hit
}

// Explain classifies text like Classify and tells which phrases of the
// lexicons decided, for `frontdoor triage --explain` and for reviewers of
// the lists. It allocates; Classify does not.
func (c *Classifier) Explain(text string) Explanation {
	sc := c.get()
	defer c.put(sc)
	x := Explanation{Result: c.read(text, sc)}
	for _, h := range sc.hits {
		p := &c.phr[h.phrase]
		hit := Hit{Phrase: p.src, Near: h.near}
		for k := h.first; k <= h.last; k++ {
			t := &sc.toks[k]
			if h.near && !p.holds(t) {
				continue
			}
			hit.Words = append(hit.Words, string(sc.text(t)))
		}
		for _, e := range p.effects {
			hit.Effects = append(hit.Effects, e.String())
		}
		x.Hits = append(x.Hits, hit)
	}
	return x
}

// holds tells whether token t is one of the phrase's words.
func (p *phrase) holds(t *token) bool {
	for _, id := range p.ids {
		if t.is(id) {
			return true
		}
	}
	return false
}

func (e effect) String() string {
	var b strings.Builder
	switch {
	case e.ignore:
		return "ignore"
	case e.person:
		b.WriteString("person")
	case e.calm:
		b.WriteString("calm")
	case e.urgent >= 0:
		b.WriteString("urgent " + urgentNames[e.urgent])
	default:
		b.WriteString("area " + areaNames[e.area])
		if e.topic >= 0 {
			_, t := topicName(int(e.topic))
			b.WriteString("/" + t)
		}
	}
	fmt.Fprintf(&b, " %g", e.weight)
	if e.whole {
		b.WriteString(" (whole message only)")
	}
	return b.String()
}
