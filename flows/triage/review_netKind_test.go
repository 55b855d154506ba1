package triage

import (
	"slices"
	"strings"
	"testing"

	"frontdoor/flows/triage/ngram"
)

// The second net names the kind of a danger the lists miss (branch
// netKind): its kind head, trained on the kinds of the training lines,
// tells a suicide from a child in danger, so the message gets that
// kind's numbers (the suicide crisis line, 114), not only the emergency
// ones. The messages are like training lines (testdata/safety), not
// copies of them; the lists alone find no danger in any.
func TestReviewNetKindNamed(t *testing.T) {
	c := newClassifier(t)
	lists, err := NewWithoutNet()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		reviewCase
		kind string
	}{
		{reviewCase{"fil", "a farewell: exhausted, sorry Ma, things packed, will not see tomorrow", "pagod na pagod na ako, sorry ma, naayos ko na lahat ng gamit ko sa kahon, hindi na ako aabot ng bukas"}, "suicide"},
		{reviewCase{"hr", "a farewell: gave the dog away, cleaned the flat, from tomorrow no more worry about me", "oprosti mama, psa sam dao susjedu i stan sam ocistio, od sutra vise necete brinuti o meni"}, "suicide"},
		{reviewCase{"gu", "a neighbour's boy of six beaten every day and not fed (transliterated)", "amara padoshi no 6 varas no dikro roj mar khay chhe, ene jamvanu nathi aapta"}, "child"},
		{reviewCase{"ig", "a neighbour's child locked in for three days, crying, no food", "nwa agbata obi m, nne ya kpochiri ya n'ime ulo ubochi ato, o na-ebe akwa, o nweghi nri"}, "child"},
	} {
		if r := lists.Classify(tc.msg); r.Urgent != "" {
			t.Fatalf("%s (%s): the lists alone read %q as %s: not a case for the net", tc.lang, tc.why, tc.msg, r.Urgent)
		}
		r := c.Classify(tc.msg)
		if r.Urgent != tc.kind || r.Net < c.net.Threshold {
			t.Errorf("%s (%s): %q: urgent %q, net %.3f (threshold %.3f); want %s by the net", tc.lang, tc.why, tc.msg, r.Urgent, r.Net, c.net.Threshold, tc.kind)
		}
		if x := c.Explain(tc.msg); !strings.HasPrefix(x.NetKinds, "kinds: "+tc.kind+" ") || !strings.HasSuffix(x.NetKinds, "-> "+tc.kind) {
			t.Errorf("%s (%s): Explain's net kinds %q, want %s first and named", tc.lang, tc.why, x.NetKinds, tc.kind)
		}
	}
}

// When no kind is clearly ahead (none has half the kind head's
// probability) the net names distress, whose emergency numbers fit any
// danger, rather than a kind's own numbers that may not; the kind head's
// own distress stays distress, and a net with no kind head names
// distress as it did before it had one.
func TestNetKindFallsBack(t *testing.T) {
	kinds := func(p map[string]float64) ngram.KindScores {
		var ks ngram.KindScores
		for k, v := range p {
			ks[slices.Index(urgentNames[:], k)] = v
		}
		return ks
	}
	for _, tc := range []struct {
		why    string
		scores map[string]float64
		want   string
	}{
		{"suicide clearly ahead", map[string]float64{"suicide": 0.81, "medical": 0.12, "distress": 0.07}, "suicide"},
		{"a child at half exactly", map[string]float64{"child": 0.5, "violence": 0.45, "distress": 0.05}, "child"},
		{"violence and a child close, neither at half", map[string]float64{"violence": 0.42, "child": 0.38, "distress": 0.2}, "distress"},
		{"spread over four kinds", map[string]float64{"trafficking": 0.3, "exploitation": 0.28, "violence": 0.22, "medical": 0.2}, "distress"},
		{"distress ahead", map[string]float64{"distress": 0.9, "suicide": 0.1}, "distress"},
		{"no kind head", nil, "distress"},
	} {
		if got := urgentNames[netKind(kinds(tc.scores))]; got != tc.want {
			t.Errorf("%s: %v named %s, want %s", tc.why, tc.scores, got, tc.want)
		}
	}
	// A message the kind head is unsure of, as its training line is (a
	// landlord locked the writer and a baby out in the cold night,
	// heldout-2026-12-06o.tsv, a training set of the net, labelled
	// distress): urgent by the net, or half told by it, and distress
	// either way, with Explain saying why. (The net of 2026-12-07, stop
	// 36, scores it 0.902, under its threshold 0.892 plus the margin of
	// an everyday need read for sure, housing: half told. No urgent
	// training line of its 3,581 with a kind, nor a hand-written one
	// tried, is made urgent by it with no kind at half: the fallback is
	// reached through the concern.)
	c := newClassifier(t)
	msg := "mulkiilaha ayaa naga xiray guriga, aniga iyo ilmo yar, habeen waa oo qabow"
	if r := c.Classify(msg); (r.Urgent != "distress" && r.Concern != "distress") || r.Net < c.net.Concern {
		t.Errorf("%q: urgent %q, concern %q, net %.3f (threshold %.3f, concern from %.3f); want distress by the net",
			msg, r.Urgent, r.Concern, r.Net, c.net.Threshold, c.net.Concern)
	}
	if x := c.Explain(msg); !strings.HasSuffix(x.NetKinds, ")") || !strings.Contains(x.NetKinds, "-> distress (no kind has 0.50: ") {
		t.Errorf("%q: Explain's net kinds %q, want distress for no kind at half", msg, x.NetKinds)
	}
}

// netKindMessages are messages the lists miss and the net makes urgent,
// naming a kind or distress: the whole path of askNet.
var netKindMessages = []string{
	"pagod na pagod na ako, sorry ma, naayos ko na lahat ng gamit ko sa kahon, hindi na ako aabot ng bukas",
	"amara padoshi no 6 varas no dikro roj mar khay chhe, ene jamvanu nathi aapta",
	"mulkiilaha ayaa naga xiray guriga, aniga iyo ilmo yar, habeen waa oo qabow",
}

// Naming the kind allocates nothing: Classify still does not.
func TestNetKindAllocs(t *testing.T) {
	c := newClassifier(t)
	sc := c.get()
	defer c.put(sc)
	for _, msg := range netKindMessages {
		if r := c.read(msg, sc); r.Net < c.net.Threshold {
			t.Fatalf("%q: net %.3f under the threshold: not the net's path", msg, r.Net)
		}
		if n := testing.AllocsPerRun(100, func() { c.read(msg, sc) }); n > 0 {
			t.Errorf("reading %q allocates %.0f times, want none", msg, n)
		}
	}
}

// BenchmarkClassifyNetKind is Classify on messages the net makes urgent
// and names the kind of (the lists, the urgent head, the kind head): run
// side by side with the merge base, where the net named distress.
func BenchmarkClassifyNetKind(b *testing.B) {
	c := newClassifier(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Classify(netKindMessages[i%len(netKindMessages)])
	}
}
