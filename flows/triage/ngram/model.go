package ngram

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"runtime"
	"slices"
	"sync"
)

// Example is one labelled message.
type Example struct {
	Text   string
	Urgent bool
	// Kind is an urgent message's kind, one of Config.Kinds, or "" when
	// it is not known (or the message is not urgent): the kind head
	// learns only from the urgent messages whose kind is known. Without
	// Config.Kinds it is not read.
	Kind string
}

// MaxKinds bounds the kinds a model tells apart (KindScores is an array,
// so that scoring does not allocate).
const MaxKinds = 8

// Config is how Train learns. The zero value is not usable: start from
// DefaultConfig.
type Config struct {
	Bits   uint8   // 2^Bits hashed buckets
	Epochs int     // passes over the examples
	Rate   float64 // learning rate of the first epoch; epoch e uses Rate/(1+e)
	L2     float64 // weight decay of the buckets a message touches
	// UrgentWeight weighs the urgent examples' errors against the
	// others' (1: alike).
	UrgentWeight float64
	Seed         uint64 // of the shuffle: the same seed, the same model
	// Seeds is how many models, trained with the shuffles of Seed,
	// Seed+1, ..., are averaged into one (their weights; 0 or 1: one).
	// A model is linear in its weights, so the average scores as fast as
	// one; it depends less on the order of the examples, which moved a
	// retrained net's figures by a few messages (flows/triage/README.md:
	// 4 seeds read every held-out set as high or higher but one).
	Seeds int
	// Kinds are the kinds the kind head tells apart, in order (none: no
	// kind head); KindBits its 2^KindBits buckets (the low bits of the
	// urgent head's buckets, so that one walk over the n-grams serves
	// both), at most Bits.
	Kinds    []string
	KindBits uint8
}

// DefaultConfig is the configuration the committed model is trained with
// (a function, not a variable: no package-level state a caller could
// change under the reproducibility test). It has no kinds: the caller
// names them.
func DefaultConfig() Config {
	return Config{Bits: 18, Epochs: 12, Rate: 2, UrgentWeight: 1, Seed: 12, Seeds: 4, KindBits: 16}
}

// Model weighs the hashed n-grams of a message: its urgent head tells how
// likely the message is urgent, its kind head (when trained with kinds)
// which kind an urgent message is. It is read-only and safe for
// concurrent use; Score and KindScores do not allocate.
type Model struct {
	bits  uint8
	bias  float32
	scale float32 // of the weights
	w     []int8
	// Threshold is the score from which a message is urgent (chosen by
	// cross-validation, CrossValidate), 0 when not set.
	Threshold float64
	// Concern is the lower score from which a message half tells a
	// danger (CV.At of a greater rate of false alarms), 0 when not set.
	Concern float64

	// The kind head: a softmax over kinds, kw[b*len(kinds)+k] the weight
	// of kind k in bucket b (the low kindBits bits of the urgent head's).
	kinds     []string
	kindBits  uint8
	kindBias  []float32
	kindScale float32
	kw        []int8
}

// KindScores are the probabilities of the kinds of an urgent message, in
// the order of Model.Kinds; they sum to 1 (0 past the model's kinds).
type KindScores [MaxKinds]float64

// Score is the probability that text is urgent, as the model learned it.
func (m *Model) Score(text string) float64 {
	g := newGrams(text, m.bits)
	var sum int64
	n := 0
	for {
		b, ok := g.Next()
		if !ok {
			break
		}
		sum += int64(m.w[b])
		n++
	}
	z := float64(m.bias)
	if n > 0 {
		z += float64(m.scale) * float64(sum) / math.Sqrt(float64(n))
	}
	return 1 / (1 + math.Exp(-z))
}

// Kinds returns the kinds the kind head tells apart, in the order of
// KindScores; none when the model has no kind head.
func (m *Model) Kinds() []string { return slices.Clone(m.kinds) }

// KindScores is how likely text is each kind, were it urgent: the kind
// head does not tell whether it is (Score does), only which kind it
// would be. All 0 when the model has no kind head.
func (m *Model) KindScores(text string) KindScores {
	var ks KindScores
	nk := len(m.kinds)
	if nk == 0 {
		return ks
	}
	var sum [MaxKinds]int64
	mask := uint32(1)<<m.kindBits - 1
	g := newGrams(text, m.bits)
	n := 0
	for {
		b, ok := g.Next()
		if !ok {
			break
		}
		row := m.kw[int(b&mask)*nk:][:nk]
		for k, x := range row {
			sum[k] += int64(x)
		}
		n++
	}
	v := 0.0
	if n > 0 {
		v = float64(m.kindScale) / math.Sqrt(float64(n))
	}
	for k := range nk {
		ks[k] = float64(m.kindBias[k]) + v*float64(sum[k])
	}
	softmax(ks[:nk])
	return ks
}

// softmax turns scores into probabilities, in place.
func softmax(z []float64) {
	top := math.Inf(-1)
	for _, x := range z {
		top = max(top, x)
	}
	var s float64
	for k, x := range z {
		z[k] = math.Exp(x - top)
		s += z[k]
	}
	for k := range z {
		z[k] /= s
	}
}

// Train learns a model from examples, deterministically: the same
// examples in the same order and the same cfg give the same model.
func Train(examples []Example, cfg Config) (*Model, error) {
	d, err := prepare(examples, cfg)
	if err != nil {
		return nil, err
	}
	all := make([]int, len(examples))
	for i := range all {
		all[i] = i
	}
	return d.average(d.fits(all, true, len(cfg.Kinds) > 0)), nil
}

// data are the examples as Train learns from them: their features and
// kinds' indices (-1: not known), computed once for every fold and seed.
type data struct {
	cfg     Config
	ex      []Example
	feats   [][]uint32
	hash    []uint64 // of each example's text (shuffled, foldOf)
	kind    []int
	hasKind bool
	// sem bounds the trainings running at once (folds × seeds), each
	// with its own weights.
	sem chan struct{}
}

func prepare(examples []Example, cfg Config) (*data, error) {
	if cfg.Bits < 8 || cfg.Bits > 24 || cfg.Epochs < 1 || cfg.Rate <= 0 || cfg.Seeds < 0 {
		return nil, fmt.Errorf("ngram: bad config %+v", cfg)
	}
	if len(cfg.Kinds) > 0 && (len(cfg.Kinds) > MaxKinds || cfg.KindBits < 8 || cfg.KindBits > cfg.Bits) {
		return nil, fmt.Errorf("ngram: bad kinds %q (at most %d) or kind bits %d (8 to Bits)", cfg.Kinds, MaxKinds, cfg.KindBits)
	}
	for i, k := range cfg.Kinds {
		if k == "" || len(k) > 255 || slices.Contains(cfg.Kinds[:i], k) {
			return nil, fmt.Errorf("ngram: bad kind %q", k)
		}
	}
	if len(examples) == 0 {
		return nil, errors.New("ngram: no examples")
	}
	d := &data{cfg: cfg, ex: examples, feats: make([][]uint32, len(examples)), hash: make([]uint64, len(examples)),
		kind: make([]int, len(examples)), sem: make(chan struct{}, runtime.GOMAXPROCS(0))}
	h := fnv.New64a()
	for i, e := range examples {
		d.feats[i] = Features(e.Text, cfg.Bits)
		h.Reset()
		_, _ = io.WriteString(h, e.Text)
		d.hash[i] = h.Sum64()
		d.kind[i] = -1
		if e.Kind == "" || len(cfg.Kinds) == 0 {
			continue // no kind known, or no kind head to learn it
		}
		k := slices.Index(cfg.Kinds, e.Kind)
		if k < 0 || !e.Urgent {
			return nil, fmt.Errorf("ngram: example %d: kind %q (urgent %v) is not one of the urgent kinds %q", i, e.Kind, e.Urgent, cfg.Kinds)
		}
		d.kind[i] = k
		d.hasKind = true
	}
	if len(cfg.Kinds) > 0 && !d.hasKind {
		return nil, errors.New("ngram: kinds to learn but no example of any")
	}
	return d, nil
}

// fit is one training's weights, before they are averaged and rounded.
type fit struct {
	bias  float64
	w     []float64
	kbias []float64
	kw    []float32
}

// fits trains one model per seed (Seed, Seed+1, ...: Config.Seeds of
// them) on the examples of idx, each in its own goroutine: its urgent
// head, its kind head, or both.
func (d *data) fits(idx []int, urgent, kinds bool) []fit {
	fits := make([]fit, max(d.cfg.Seeds, 1))
	var wg sync.WaitGroup
	for s := range fits {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.sem <- struct{}{}
			defer func() { <-d.sem }()
			f := &fits[s]
			seed := d.cfg.Seed + uint64(s)
			if urgent {
				f.bias, f.w = d.urgentHead(idx, seed)
			}
			if kinds {
				f.kbias, f.kw = d.kindHead(idx, seed)
			}
		}()
	}
	wg.Wait()
	return fits
}

// average is the model whose weights are the fits' mean, rounded: a
// model is linear in its weights, so it scores as fast as one. The fits
// are summed in their order, whatever order their goroutines ended in.
// A head the fits did not learn is left out (a model for a CV only).
func (d *data) average(fits []fit) *Model {
	n := float64(len(fits))
	var bias float64
	kbias := make([]float64, len(d.cfg.Kinds))
	w := make([]float64, len(fits[0].w))
	kw := make([]float64, len(fits[0].kw))
	for _, f := range fits {
		bias += f.bias
		for k, b := range f.kbias {
			kbias[k] += b
		}
		for i, x := range f.w {
			w[i] += x
		}
		for i, x := range f.kw {
			kw[i] += float64(x)
		}
	}
	m := &Model{bits: d.cfg.Bits, bias: float32(bias / n)}
	m.scale, m.w = quantize(w, n)
	if len(kw) > 0 {
		m.kinds = slices.Clone(d.cfg.Kinds)
		m.kindBits = d.cfg.KindBits
		m.kindBias = make([]float32, len(kbias))
		for k, b := range kbias {
			m.kindBias[k] = float32(b / n)
		}
		m.kindScale, m.kw = quantize(kw, n)
	}
	return m
}

// shuffled returns the examples of idx in the order of each epoch of a
// seed's training: each epoch sorts them by a mix of their text's hash,
// the seed and the epoch (ties by index). A line added to the corpora
// takes its place in that order and moves no other: with a seeded
// shuffle of the indices (to 2026-12-07), one line added reordered every
// epoch, and the threshold chosen moved by up to 0.012. Lines of the same
// text sort side by side in every epoch: they are one line told twice.
func (d *data) shuffled(idx []int, seed uint64) (order []int, next func()) {
	order = slices.Clone(idx)
	key := make([]uint64, len(d.ex))
	epoch := uint64(0)
	return order, func() {
		epoch++
		for _, i := range order {
			key[i] = mix(d.hash[i] ^ mix(seed+0x9e3779b97f4a7c15*epoch))
		}
		slices.SortFunc(order, func(a, b int) int {
			if c := cmp.Compare(key[a], key[b]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
	}
}

// mix is splitmix64's finaliser: a well-spread 64-bit hash of x.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// The heads learn by stochastic gradient descent, one seed's shuffle of
// the examples each. Every product is converted before it is added,
// which keeps the compiler from fusing a multiply and an add into one
// instruction where the machine has one (the Go spec allows it; an
// explicit conversion prevents it): the same examples give the same
// model on every machine.

// urgentHead trains the urgent head (a logistic regression) on the
// examples of idx. Its weights are float64, as they were before the
// kind head.
//
// It is not instrumented by the race detector (go:norace, as kindHead):
// its loops make some 10^9 reads of its own weights and of the corpus's
// features, which the detector made ten times slower (the package's
// reproducibility test, which trains the net, took 135 s of the
// triage package's 445 s under -race). Nothing in it is shared but the
// features, written before any head starts (prepare) and read only
// here; the weights are its own, and fits' goroutines, which write
// their results, stay instrumented.
//
//go:norace
func (d *data) urgentHead(idx []int, seed uint64) (float64, []float64) {
	cfg := d.cfg
	w := make([]float64, 1<<cfg.Bits)
	var bias float64
	order, shuffle := d.shuffled(idx, seed)
	for e := range cfg.Epochs {
		shuffle()
		rate := cfg.Rate / float64(1+e)
		for _, i := range order {
			f := d.feats[i]
			if len(f) == 0 {
				continue
			}
			v := 1 / math.Sqrt(float64(len(f)))
			z := bias
			for _, b := range f {
				z += float64(w[b] * v)
			}
			p := 1 / (1 + math.Exp(-z))
			y, cw := 0.0, 1.0
			if d.ex[i].Urgent {
				y, cw = 1, cfg.UrgentWeight
			}
			g := float64((p - y) * cw * rate)
			bias -= g
			for _, b := range f {
				w[b] -= float64(g*v) + float64(rate*cfg.L2*w[b])
			}
		}
	}
	return bias, w
}

// kindHead trains the kind head (a softmax regression over the kinds) on
// the urgent examples of idx whose kind is known. Its weights are
// float32: half the memory of the rows a message touches, which is what
// the loops wait on (a training takes half the time it took in float64).
// Not instrumented by the race detector: see urgentHead.
//
//go:norace
func (d *data) kindHead(idx []int, seed uint64) ([]float64, []float32) {
	cfg := d.cfg
	nk := len(cfg.Kinds)
	mask := uint32(1)<<cfg.KindBits - 1
	w := make([]float32, nk<<cfg.KindBits)
	bias := make([]float64, nk)
	known := slices.DeleteFunc(slices.Clone(idx), func(i int) bool { return d.kind[i] < 0 })
	order, shuffle := d.shuffled(known, seed)
	var z [MaxKinds]float64
	var g [MaxKinds]float32
	for e := range cfg.Epochs {
		shuffle()
		rate := cfg.Rate / float64(1+e)
		decay := float32(1 - float64(rate*cfg.L2))
		for _, i := range order {
			f := d.feats[i]
			if len(f) == 0 {
				continue
			}
			var sum [MaxKinds]float32
			for _, b := range f {
				row := w[int(b&mask)*nk:][:nk]
				for k, x := range row {
					sum[k] += x
				}
			}
			v := 1 / math.Sqrt(float64(len(f)))
			for k := range nk {
				z[k] = bias[k] + float64(float64(sum[k])*v)
			}
			softmax(z[:nk])
			z[d.kind[i]] -= 1 // the gradient: p - y
			for k := range nk {
				gk := float64(z[k] * rate)
				bias[k] -= gk
				g[k] = float32(gk * v)
			}
			for _, b := range f {
				row := w[int(b&mask)*nk:][:nk]
				for k := range row {
					row[k] = float32(row[k]*decay) - g[k]
				}
			}
		}
	}
	return bias, w
}

// quantize rounds the mean of n models' weights (sum, their sums) to
// int8 with one scale.
func quantize(sum []float64, n float64) (float32, []int8) {
	var top float64
	for _, x := range sum {
		top = max(top, math.Abs(x/n))
	}
	q := make([]int8, len(sum))
	if top == 0 {
		return 0, q
	}
	scale := float32(top / 127)
	for i, x := range sum {
		q[i] = int8(math.Round(x / n / float64(scale)))
	}
	return scale, q
}

// CV is what cross-validation found: each example's score by a model that
// did not see it, and the threshold chosen on them.
type CV struct {
	Scores    []float64 // by example
	Threshold float64
	// Recall and FalseAlarms are the rates of the urgent examples at or
	// over Threshold, and of the others.
	Recall, FalseAlarms float64
	calm                []float64 // the not-urgent examples' scores
}

// At is the threshold the cross-validation gives for a rate maxAlarms of
// false alarms (ThresholdFor of the not-urgent examples' scores).
func (cv *CV) At(maxAlarms float64) float64 { return ThresholdFor(cv.calm, maxAlarms) }

// CrossValidate trains k urgent heads, each without one k-th of the
// examples (each in the fold of its text's hash, foldOf), scores every example by the one
// that did not see it, and chooses the lowest threshold whose false
// alarms on the not-urgent examples are at most maxAlarms (a rate).
func CrossValidate(examples []Example, cfg Config, k int, maxAlarms float64) (*CV, error) {
	d, err := prepare(examples, cfg)
	if err != nil {
		return nil, err
	}
	cv := &CV{Scores: make([]float64, len(examples))}
	err = d.crossValidate(k, true, false, func(m *Model, i int) { cv.Scores[i] = m.Score(examples[i].Text) })
	if err != nil {
		return nil, err
	}
	var calm []float64
	for i, e := range examples {
		if !e.Urgent {
			calm = append(calm, cv.Scores[i])
		}
	}
	cv.calm = calm
	cv.Threshold = ThresholdFor(calm, maxAlarms)
	var u, uh, c, ch int
	for i, e := range examples {
		hit := cv.Scores[i] >= cv.Threshold
		switch {
		case e.Urgent:
			u++
			if hit {
				uh++
			}
		default:
			c++
			if hit {
				ch++
			}
		}
	}
	cv.Recall = float64(uh) / float64(max(u, 1))
	cv.FalseAlarms = float64(ch) / float64(max(c, 1))
	return cv, nil
}

// CrossValidateKinds trains k kind heads as CrossValidate trains urgent
// heads and returns each example's kind scores by the one that did not
// see it (for the examples of known kind: the others' are not scored).
// It is apart from CrossValidate, which chooses the threshold: the
// committed model's reproducibility test need not pay for it.
func CrossValidateKinds(examples []Example, cfg Config, k int) ([]KindScores, error) {
	if len(cfg.Kinds) == 0 {
		return nil, errors.New("ngram: no kinds to cross-validate")
	}
	d, err := prepare(examples, cfg)
	if err != nil {
		return nil, err
	}
	out := make([]KindScores, len(examples))
	err = d.crossValidate(k, false, true, func(m *Model, i int) {
		if d.kind[i] >= 0 {
			out[i] = m.KindScores(examples[i].Text)
		}
	})
	return out, err
}

// crossValidate trains the heads asked for on each fold's complement,
// the folds in their own goroutines (at most GOMAXPROCS trainings at
// once), and gives score each example with the model that did not see
// it (score is called for different examples at once).
func (d *data) crossValidate(k int, urgent, kinds bool, score func(m *Model, i int)) error {
	if k < 2 {
		return fmt.Errorf("ngram: %d folds", k)
	}
	folds := make([]int, len(d.ex))
	for i := range d.ex {
		folds[i] = foldOf(d.hash[i], k)
	}
	var wg sync.WaitGroup
	for fold := range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var train, held []int
			for i, f := range folds {
				if f != fold {
					train = append(train, i)
				} else {
					held = append(held, i)
				}
			}
			m := d.average(d.fits(train, urgent, kinds))
			for _, i := range held {
				score(m, i)
			}
		}()
	}
	wg.Wait()
	return nil
}

// foldOf is the fold of k an example of text is in: by its text's hash,
// so that a line added to the corpora moves no other line from its fold.
// By its index (to 2026-12-07), one line added to a file moved every line
// after it, and the threshold chosen on them by up to 0.012.
func foldOf(h uint64, k int) int {
	return int(mix(h) % uint64(k))
}

// ThresholdFor returns the lowest threshold at which at most a rate
// maxAlarms of the scores of not-urgent messages reach it, rounded up to
// 0.001 so that a file holds it exactly enough.
func ThresholdFor(calm []float64, maxAlarms float64) float64 {
	s := slices.Clone(calm)
	slices.Sort(s)
	allowed := int(math.Floor(maxAlarms * float64(len(s))))
	if len(s) == 0 {
		return 0.5
	}
	// Above the (allowed+1)-th greatest score: at most allowed pass.
	t := s[len(s)-1-min(allowed, len(s)-1)]
	return math.Ceil(t*1000+1e-9) / 1000
}

// magic starts a model file; the 3 is the format's version (1 had no
// kind head, 2 no concern threshold).
const magic = "FDNGRAM3"

// MarshalBinary writes the model: magic, bits, bias, scale, threshold
// and concern threshold, the 2^bits weights; then the kind head: the number of
// kinds, kind bits, each kind's name (its length, then its bytes), the
// kinds' biases and scale, and their 2^kindbits × kinds weights.
func (m *Model) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(magic)
	b.WriteByte(m.bits)
	f32 := func(f float32) { _ = binary.Write(&b, binary.LittleEndian, math.Float32bits(f)) }
	for _, f := range []float32{m.bias, m.scale, float32(m.Threshold), float32(m.Concern)} {
		f32(f)
	}
	for _, x := range m.w {
		b.WriteByte(byte(x))
	}
	b.WriteByte(byte(len(m.kinds)))
	b.WriteByte(m.kindBits)
	for _, k := range m.kinds {
		b.WriteByte(byte(len(k)))
		b.WriteString(k)
	}
	for _, f := range m.kindBias {
		f32(f)
	}
	if len(m.kinds) > 0 {
		f32(m.kindScale)
	}
	for _, x := range m.kw {
		b.WriteByte(byte(x))
	}
	return b.Bytes(), nil
}

// UnmarshalBinary reads what MarshalBinary wrote.
func (m *Model) UnmarshalBinary(data []byte) error {
	r := reader{b: data}
	if string(r.next(len(magic))) != magic {
		return errors.New("ngram: not a model file (of this version)")
	}
	var n Model
	n.bits = r.byte()
	n.bias, n.scale = r.f32(), r.f32()
	n.Threshold = float64(r.f32())
	n.Concern = float64(r.f32())
	if r.err == nil && (n.bits < 8 || n.bits > 24) {
		return fmt.Errorf("ngram: model file of %d bits", n.bits)
	}
	n.w = r.int8s(1 << n.bits)
	nk := int(r.byte())
	n.kindBits = r.byte()
	if r.err == nil && nk > 0 && (nk > MaxKinds || n.kindBits < 8 || n.kindBits > n.bits) {
		return fmt.Errorf("ngram: model file of %d kinds, %d kind bits", nk, n.kindBits)
	}
	for range nk {
		n.kinds = append(n.kinds, string(r.next(int(r.byte()))))
	}
	if nk > 0 {
		n.kindBias = make([]float32, nk)
		for k := range n.kindBias {
			n.kindBias[k] = r.f32()
		}
		n.kindScale = r.f32()
		n.kw = r.int8s(nk << n.kindBits)
	}
	if r.err != nil {
		return r.err
	}
	if len(r.b) != 0 {
		return fmt.Errorf("ngram: model file of %d bytes: %d left over", len(data), len(r.b))
	}
	*m = n
	return nil
}

// reader reads a model file; the first short read sets err.
type reader struct {
	b   []byte
	err error
}

func (r *reader) next(n int) []byte {
	if r.err != nil || n > len(r.b) {
		if r.err == nil {
			r.err = errors.New("ngram: model file cut short")
		}
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) byte() byte {
	if b := r.next(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) f32() float32 {
	if b := r.next(4); b != nil {
		return math.Float32frombits(binary.LittleEndian.Uint32(b))
	}
	return 0
}

func (r *reader) int8s(n int) []int8 {
	b := r.next(n)
	if b == nil {
		return nil
	}
	out := make([]int8, n)
	for i, x := range b {
		out[i] = int8(x)
	}
	return out
}
