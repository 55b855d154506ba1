package triage

import (
	"cmp"
	"fmt"
	"slices"
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
	// Calmed tells, for a danger or a sign, the calm that discounts it:
	// the calm phrases whose clause it is in (as Phrase says them, with
	// the words found), a laughing emoji, and what it then counts for:
	// `"watched a film" (data/safety/en.tsv:298 ...) -> counts 1/1.7`.
	// Empty when no calm is over it.
	Calmed []string
}

// Explanation is what Explain found: the result and the phrases that
// decided it.
type Explanation struct {
	Result
	Hits []Hit
	// Rules are the rules whose signs were all found, where they are
	// listed and how: "data/safety/any.tsv:5 @minor @harm -> child 1".
	Rules []string
	// Weighed are the urgent kinds the message weighs 0.5 or more of, in
	// the order they win: the greatest weight first, and between equal
	// weights the order of kinds.txt ("violence 1", "exploitation 1").
	Weighed []string
	// Net tells what the second net said, when it was asked:
	// "statistical net: 0.93 >= 0.80" (urgent by it) or "... 0.41 < 0.80";
	// "" when it was not (the lists found a danger, or there is no net).
	Net string
	// NetKinds tells the kind scores of the net's kind head when it was
	// asked, the greatest first (those under 0.01 left out), and, when
	// the net made the message urgent, the kind it named:
	// "kinds: suicide 0.81, medical 0.12, distress 0.05 -> suicide" or
	// "kinds: violence 0.42, child 0.38 -> distress (no kind has 0.50)".
	NetKinds string
}

// Explain classifies text like Classify and tells which phrases of the
// lexicons decided, for `frontdoor triage --explain` and for reviewers of
// the lists. It allocates; Classify does not.
func (c *Classifier) Explain(text string) Explanation {
	sc := c.get()
	defer c.put(sc)
	x := Explanation{Result: c.read(text, sc)}
	if x.Result.Net > 0 {
		op := "<"
		if x.Urgent != "" {
			op = ">="
		}
		x.Net = fmt.Sprintf("statistical net: %.3f %s %.3f", x.Result.Net, op, c.net.Threshold)
		if m := c.needMargin(&x.Result); m > 0 {
			// The margin is read off the result as askNet read it: the
			// net changes neither the area nor its confidence.
			x.Net += fmt.Sprintf(" + %.3f (an everyday need read for sure)", m)
		}
		if x.Urgent == "" && x.Concern != "" && x.Result.Net >= c.net.Concern {
			x.Net += fmt.Sprintf(", >= %.3f: half told (the numbers, no case)", c.net.Concern)
		}
		x.NetKinds = c.netKinds(text, x.Urgent != "" || x.Concern != "")
	}
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
			hit.Effects = append(hit.Effects, c.describe(e))
		}
		hit.Calmed = c.calmedBy(sc, h)
		x.Hits = append(x.Hits, hit)
	}
	var kinds []int
	for k, v := range sc.urg {
		if v >= concernScore {
			kinds = append(kinds, k)
		}
	}
	for len(kinds) > 0 {
		u := c.choose(sc.urg[:], func(k int, _ float32) bool { return slices.Contains(kinds, k) })
		w := fmt.Sprintf("%s %g", urgentNames[u], sc.urg[u])
		if float32(sc.eff[u]) != sc.urg[u] {
			// Calm discounts some of it: what it counts for, 1 is urgent.
			w += fmt.Sprintf(" (counts %.2f after calm)", sc.eff[u])
		}
		x.Weighed = append(x.Weighed, w)
		kinds = slices.DeleteFunc(kinds, func(k int) bool { return k == u })
	}
	// The rules that added their kind: not those found only inside a
	// danger phrase of their kind (toldByOnePhrase).
	for i := range sc.kinds {
		if p := &sc.kinds[i]; p.rule >= 0 {
			r := &c.rules[p.rule]
			x.Rules = append(x.Rules, fmt.Sprintf("%s %s -> %s %g", r.src, r.alts[sc.fires(r)].src, urgentNames[r.kind], r.weight))
		}
	}
	return x
}

// netKinds tells the net's kind scores of text and, when it made text
// urgent (urgent), the kind it named and why.
func (c *Classifier) netKinds(text string, urgent bool) string {
	if len(c.net.Kinds()) == 0 {
		return "kinds: none (the net has no kind head)"
	}
	if len(text) > maxInput {
		text = text[:maxInput]
	}
	ks := c.net.KindScores(text)
	order := make([]int, numUrgent)
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ks[b], ks[a]) })
	var parts []string
	for _, k := range order {
		if ks[k] >= 0.01 {
			parts = append(parts, fmt.Sprintf("%s %.2f", urgentNames[k], ks[k]))
		}
	}
	out := "kinds: " + strings.Join(parts, ", ")
	if !urgent {
		return out
	}
	k := netKind(ks)
	out += " -> " + urgentNames[k]
	if best, p := bestKind(ks); p < netKindMin {
		out += fmt.Sprintf(" (no kind has %.2f: %s has %.2f)", netKindMin, urgentNames[best], p)
	}
	return out
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

// describe tells what an effect weighs for.
func (c *Classifier) describe(e effect) string {
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
	case e.sign >= 0:
		b.WriteString("sign @" + c.signs[e.sign])
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

// calmedBy tells the calm over the dangers and signs hit h added: the
// calm phrases whose reach holds them, and a laughing emoji.
func (c *Classifier) calmedBy(sc *scratch, h hit) []string {
	var out []string
	for _, parts := range [...][]part{sc.kinds, sc.signs} {
		for i := range parts {
			p := &parts[i]
			if p.first != h.first || p.last != h.last || p.bar == urgentScore || !c.phr[h.phrase].adds(p.e) {
				continue
			}
			var by []string
			for j := range sc.calms {
				m := &sc.calms[j]
				if !sc.covers(m, p) {
					continue
				}
				by = append(by, fmt.Sprintf("%q (%s, calm %g)", sc.span(m.first, m.last), c.calmSrc(sc, m), m.e.weight))
			}
			if sc.h.laugh > 0 {
				by = append(by, "a laughing emoji (calm 1)")
			}
			if p.asked {
				by = append(by, fmt.Sprintf("a danger asked about in a how-to frame (%s, calm %d)", sc.markWords(), howtoCalm))
			}
			if p.figure {
				by = append(by, fmt.Sprintf("a figure of speech, a thing that kills the writer (%s, calm %g)", sc.figureWords(p), figureCalm))
			}
			if p.past {
				by = append(by, fmt.Sprintf("a danger told as past and over, a need named (%s, calm %d)", sc.markWords(), pastCalm))
			}
			out = append(out, fmt.Sprintf("%s by %s -> counts %g/%g", c.describe(p.e), strings.Join(by, " + "), p.e.weight, p.bar))
		}
	}
	return out
}

// adds tells whether effect e is one of the phrase's own (the weight a
// phrase found near adds may be less than listed).
func (p *phrase) adds(e effect) bool {
	for _, f := range p.effects {
		if sameTarget(e, f) {
			return true
		}
	}
	return false
}

// calmSrc tells where calm part m's phrase is listed.
func (c *Classifier) calmSrc(sc *scratch, m *part) string {
	for _, h := range sc.hits {
		if h.first == m.first && h.last == m.last {
			if p := &c.phr[h.phrase]; p.adds(m.e) {
				return p.src
			}
		}
	}
	return "?"
}

// markWords tells the marks of data/calm found in the message, with
// their roles: `over "in prison", past "last year"`.
func (sc *scratch) markWords() string {
	var out []string
	for k := range sc.marks {
		m := &sc.marks[k]
		out = append(out, fmt.Sprintf("%s %q", roleNames[m.role], sc.span(m.first, m.last)))
	}
	return strings.Join(out, ", ")
}

// figureWords tells the figure and the kill verb that calm part p
// (figures), the longest kill verb found: `figure "tangaay", kills "dina
// ma rey"`.
func (sc *scratch) figureWords(p *part) string {
	out := ""
	longest := int32(-1)
	for k := range sc.marks {
		v := &sc.marks[k]
		if v.role != roleKills || p.last < v.first || p.last > v.last || v.last-v.first <= longest {
			continue
		}
		if first, last, ok := sc.figureSubject(v); ok {
			out = fmt.Sprintf("figure %q, kills %q", sc.span(first, last), sc.span(v.first, v.last))
			longest = v.last - v.first
		}
	}
	return out
}

// span is the words of tokens first to last as written, one space between.
func (sc *scratch) span(first, last int32) string {
	words := make([]string, 0, last-first+1)
	for i := first; i <= last; i++ {
		words = append(words, string(sc.text(&sc.toks[i])))
	}
	return strings.Join(words, " ")
}
