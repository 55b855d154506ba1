package ngram

import (
	"bytes"
	"math"
	"runtime"
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	for _, tt := range []struct {
		in   rune
		want rune
	}{
		{'a', 'a'}, {'K', 'k'}, {'7', '0'}, {'٣', '0'}, {'!', ' '}, {' ', ' '},
		{'é', 'e'}, {'Ç', 'c'}, {'ş', 's'}, {'ł', 'l'}, {'ß', 'ß'},
		{'Ж', 'ж'}, {'َ', 0}, {'ـ', 0}, {'😂', ' '}, {'中', '中'},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Spelling that normalisation folds gives the same features; the
// n-grams do not depend on punctuation runs or spaces at the ends.
func TestFeatures(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"Aiuto!!  Mi PICCHIA", "aiuto mi picchia"},
		{"  café ", "cafe"},
		{"ho 12 anni", "ho 34 anni"},
		{"كَتَبَ", "كتب"},
		// A nukta letter as one code point or as the base and the mark.
		{"বা\u09dcি", "বাড\u09bcি"}, {"\u095b", "\u091c\u093c"}, {"\u0a36", "\u0a38\u0a3c"}, {"\u0a33", "\u0a32\u0a3c"}, {"\u0b5c", "\u0b21\u0b3c"},
	} {
		if fa, fb := Features(tt.a, 16), Features(tt.b, 16); !slices.Equal(fa, fb) {
			t.Errorf("%q and %q: features differ", tt.a, tt.b)
		}
	}
	// " ab " has 2-grams " a", "ab", "b "; 3-grams " ab", "ab "; one 4-gram.
	if n := len(Features("ab", 20)); n != 6 {
		t.Errorf("features of \"ab\": %d, want 6", n)
	}
	if n := len(Features("", 20)); n != 0 {
		t.Errorf("features of \"\": %d, want 0", n)
	}
}

var toy = []Example{
	{"help he is hitting me", true, "violence"}, {"he hits me every night", true, "violence"},
	{"i want to die tonight", true, "suicide"}, {"i will kill myself", true, "suicide"},
	{"my child is not breathing", true, "medical"}, {"they took my passport and lock us in", true, ""},
	{"how do i renew my permit", false, ""}, {"i need a doctor appointment", false, ""},
	{"where is the language course", false, ""}, {"my payslip is wrong", false, ""},
	{"school enrolment for my son", false, ""}, {"help with rent and bills", false, ""},
}

func TestTrainDeterministicAndRoundTrip(t *testing.T) {
	cfg := Config{Bits: 12, Epochs: 20, Rate: 1, UrgentWeight: 1, Seed: 1}
	m1, err := Train(toy, cfg)
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := Train(toy, cfg)
	m1.Threshold, m1.Concern = 0.75, 0.5
	m2.Threshold, m2.Concern = 0.75, 0.5
	b1, _ := m1.MarshalBinary()
	b2, _ := m2.MarshalBinary()
	if !bytes.Equal(b1, b2) {
		t.Fatal("two trainings on the same examples differ")
	}
	var m3 Model
	if err := m3.UnmarshalBinary(b1); err != nil {
		t.Fatal(err)
	}
	if m3.Threshold != 0.75 || m3.Concern != 0.5 {
		t.Errorf("thresholds read back %v and %v, want 0.75 and 0.5", m3.Threshold, m3.Concern)
	}
	for _, e := range toy {
		if s1, s3 := m1.Score(e.Text), m3.Score(e.Text); s1 != s3 {
			t.Errorf("%q: %v trained, %v read back", e.Text, s1, s3)
		}
		if s := m1.Score(e.Text); (s >= 0.5) != e.Urgent {
			t.Errorf("%q: score %.3f on its own training line", e.Text, s)
		}
	}
	if m1.Score("he is hitting my sister") <= m1.Score("renew the permit") {
		t.Error("a danger like the urgent lines scores no higher than a need like the others")
	}
	for _, bad := range [][]byte{nil, []byte("FDNGRAM1"), append([]byte("FDNGRAM2"), b1[8:]...), append([]byte("XXNGRAM1"), b1[8:]...), b1[:len(b1)-1]} {
		if err := new(Model).UnmarshalBinary(bad); err == nil {
			t.Errorf("%d bytes read as a model", len(bad))
		}
	}
	if _, err := Train(toy, Config{}); err == nil {
		t.Error("the zero Config trained")
	}
	if _, err := Train(nil, cfg); err == nil {
		t.Error("no examples trained")
	}
}

func TestThresholdFor(t *testing.T) {
	for _, tt := range []struct {
		calm []float64
		rate float64
		want float64
	}{
		{[]float64{0.1, 0.2, 0.3, 0.9}, 0, 0.901},
		{[]float64{0.1, 0.2, 0.3, 0.9}, 0.25, 0.301},
		{[]float64{0.1, 0.2, 0.3, 0.9}, 0.2, 0.901},
		{nil, 0.1, 0.5},
	} {
		if got := ThresholdFor(tt.calm, tt.rate); got != tt.want {
			t.Errorf("ThresholdFor(%v, %v) = %v, want %v", tt.calm, tt.rate, got, tt.want)
		}
	}
}

func TestCrossValidate(t *testing.T) {
	cfg := Config{Bits: 12, Epochs: 10, Rate: 1, UrgentWeight: 1, Seed: 1}
	cv, err := CrossValidate(toy, cfg, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	if cv.FalseAlarms != 0 || len(cv.Scores) != len(toy) {
		t.Errorf("cv %+v: want no false alarms at rate 0, a score by example", cv)
	}
	if _, err := CrossValidate(toy, cfg, 1, 0); err == nil {
		t.Error("one fold cross-validated")
	}
	cfg.Kinds, cfg.KindBits = toyKinds, 10
	ks, err := CrossValidateKinds(toy, cfg, 3)
	if err != nil || len(ks) != len(toy) {
		t.Fatalf("kinds cross-validated: %d scores, %v; want one by example", len(ks), err)
	}
	for i, e := range toy {
		var sum float64
		for _, p := range ks[i] {
			sum += p
		}
		if known := e.Kind != ""; known && math.Abs(sum-1) > 1e-9 || !known && sum != 0 {
			t.Errorf("%q (kind %q): cross-validated kind scores %v", e.Text, e.Kind, ks[i])
		}
	}
	cfg.Kinds = nil
	if _, err := CrossValidateKinds(toy, cfg, 3); err == nil {
		t.Error("kinds cross-validated without kinds")
	}
}

func TestScoreAllocs(t *testing.T) {
	m, _ := Train(toy, Config{Bits: 12, Epochs: 2, Rate: 1, UrgentWeight: 1, Seed: 1, Kinds: toyKinds, KindBits: 10})
	msg := "Mio marito mi picchia ogni notte, ho paura 😢 — aiutatemi per favore"
	if n := testing.AllocsPerRun(100, func() { m.Score(msg) }); n > 0 {
		t.Errorf("Score allocates %.0f times, want none", n)
	}
	if n := testing.AllocsPerRun(100, func() { m.KindScores(msg) }); n > 0 {
		t.Errorf("KindScores allocates %.0f times, want none", n)
	}
}

// toyKinds are the kinds of toy's urgent lines.
var toyKinds = []string{"violence", "suicide", "medical"}

// The kind head learns the kinds of the urgent lines whose kind is known,
// deterministically however many goroutines train the seeds it
// averages, and a file holds it exactly.
func TestKindHead(t *testing.T) {
	cfg := Config{Bits: 12, Epochs: 20, Rate: 1, UrgentWeight: 1, Seed: 1, Seeds: 3, Kinds: toyKinds, KindBits: 10}
	m1, err := Train(toy, cfg)
	if err != nil {
		t.Fatal(err)
	}
	b1, _ := m1.MarshalBinary()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	m2, _ := Train(toy, cfg)
	if b2, _ := m2.MarshalBinary(); !bytes.Equal(b1, b2) {
		t.Fatal("two trainings on the same examples differ (one goroutine at a time, then several)")
	}
	var m3 Model
	if err := m3.UnmarshalBinary(b1); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m3.Kinds(), toyKinds) {
		t.Errorf("kinds read back %q, want %q", m3.Kinds(), toyKinds)
	}
	for _, e := range toy {
		ks, ks3 := m1.KindScores(e.Text), m3.KindScores(e.Text)
		if ks != ks3 {
			t.Errorf("%q: kinds %v trained, %v read back", e.Text, ks, ks3)
		}
		var sum float64
		for _, p := range ks {
			sum += p
		}
		if math.Abs(sum-1) > 1e-9 || ks[len(toyKinds)] != 0 {
			t.Errorf("%q: kind scores %v: want probabilities of the model's kinds", e.Text, ks)
		}
		if e.Kind == "" {
			continue
		}
		if best := slices.Index(ks[:], slices.Max(ks[:])); toyKinds[best] != e.Kind {
			t.Errorf("%q: best kind %s (%v) on its own training line, want %s", e.Text, toyKinds[best], ks, e.Kind)
		}
	}
	// A file cut anywhere in the kind head, or with bytes over, is not a
	// model.
	plain, _ := Train(toy, Config{Bits: 12, Epochs: 1, Rate: 1, UrgentWeight: 1, Seed: 1})
	bp, _ := plain.MarshalBinary()
	for _, n := range []int{len(bp), len(bp) + 3, len(b1) - 2000, len(b1) - 1} {
		if err := new(Model).UnmarshalBinary(b1[:n]); err == nil {
			t.Errorf("%d of %d bytes read as a model", n, len(b1))
		}
	}
	if err := new(Model).UnmarshalBinary(append(slices.Clone(b1), 0)); err == nil {
		t.Error("a model with a byte over read as a model")
	}
	// Without kinds: no kind head, whatever the examples say.
	if k, ks := plain.Kinds(), plain.KindScores("i will kill myself"); len(k) != 0 || ks != (KindScores{}) {
		t.Errorf("a model without kinds: kinds %q, scores %v", k, ks)
	}
	for _, bad := range []Config{
		{Bits: 12, Epochs: 1, Rate: 1, Kinds: toyKinds, KindBits: 13},
		{Bits: 12, Epochs: 1, Rate: 1, Kinds: []string{"violence", "violence"}, KindBits: 10},
		{Bits: 12, Epochs: 1, Rate: 1, Kinds: []string{"suicide"}, KindBits: 10}, // toy's violence is not a kind
		{Bits: 12, Epochs: 1, Rate: 1, Kinds: make([]string, MaxKinds+1), KindBits: 10},
	} {
		if _, err := Train(toy, bad); err == nil {
			t.Errorf("kinds %q, kind bits %d trained", bad.Kinds, bad.KindBits)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	m, _ := Train(toy, DefaultConfig())
	msg := "Buongiorno, mio marito mi picchia ogni notte e ho paura per i bambini, cosa posso fare? grazie"
	b.ReportAllocs()
	for b.Loop() {
		m.Score(msg)
	}
}

// BenchmarkKindScores: what naming the kind adds to a message the net
// finds urgent.
func BenchmarkKindScores(b *testing.B) {
	cfg := DefaultConfig()
	cfg.Kinds = []string{"child", "suicide", "violence", "medical", "trafficking", "exploitation", "distress"}
	m, _ := Train(toy, cfg)
	msg := "Buongiorno, mio marito mi picchia ogni notte e ho paura per i bambini, cosa posso fare? grazie"
	b.ReportAllocs()
	for b.Loop() {
		m.KindScores(msg)
	}
}

// TestALineAddedMovesNoOther: a line added to the examples leaves every
// other line in its cross-validation fold and in its order among the
// others in each epoch (foldOf, shuffled). By index, one line added had
// moved every line after it, and the threshold by 0.012 (2026-12-07).
func TestALineAddedMovesNoOther(t *testing.T) {
	cfg := Config{Bits: 12, Epochs: 3, Rate: 1, UrgentWeight: 1, Seed: 1}
	more := append([]Example{{Text: "a new line added first", Urgent: true}}, toy...)
	d1, err := prepare(toy, cfg)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := prepare(more, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i := range toy {
		if f1, f2 := foldOf(d1.hash[i], 5), foldOf(d2.hash[i+1], 5); f1 != f2 {
			t.Errorf("%q: fold %d, then %d with a line added", toy[i].Text, f1, f2)
		}
	}
	idx1, idx2 := make([]int, len(toy)), make([]int, len(more))
	for i := range idx1 {
		idx1[i] = i
	}
	for i := range idx2 {
		idx2[i] = i
	}
	o1, next1 := d1.shuffled(idx1, 7)
	o2, next2 := d2.shuffled(idx2, 7)
	for epoch := range cfg.Epochs {
		next1()
		next2()
		var others []int
		for _, i := range o2 {
			if i > 0 {
				others = append(others, i-1)
			}
		}
		if !slices.Equal(o1, others) {
			t.Errorf("epoch %d: order %v, then %v with a line added", epoch, o1, others)
		}
	}
	if slices.Equal(o1, idx1) {
		t.Error("the last epoch's order is the examples' own: no shuffle")
	}
}
