package ngram

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Example is one labelled message.
type Example struct {
	Text   string
	Urgent bool
}

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
}

// DefaultConfig is the configuration the committed model is trained with
// (a function, not a variable: no package-level state a caller could
// change under the reproducibility test).
func DefaultConfig() Config {
	return Config{Bits: 18, Epochs: 12, Rate: 2, UrgentWeight: 1, Seed: 12}
}

// Model weighs the hashed n-grams of a message. It is read-only and safe
// for concurrent use; Score does not allocate.
type Model struct {
	bits  uint8
	bias  float32
	scale float32 // of the weights
	w     []int8
	// Threshold is the score from which a message is urgent (chosen by
	// cross-validation, CrossValidate), 0 when not set.
	Threshold float64
}

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

// Train learns a model from examples, deterministically: the same
// examples in the same order and the same cfg give the same model.
func Train(examples []Example, cfg Config) (*Model, error) {
	if cfg.Bits < 8 || cfg.Bits > 24 || cfg.Epochs < 1 || cfg.Rate <= 0 {
		return nil, fmt.Errorf("ngram: bad config %+v", cfg)
	}
	if len(examples) == 0 {
		return nil, errors.New("ngram: no examples")
	}
	feats := make([][]uint32, len(examples))
	for i, e := range examples {
		feats[i] = Features(e.Text, cfg.Bits)
	}
	w := make([]float64, 1<<cfg.Bits)
	var bias float64
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6e6772616d))
	for e := range cfg.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := cfg.Rate / float64(1+e)
		for _, i := range order {
			f := feats[i]
			if len(f) == 0 {
				continue
			}
			v := 1 / math.Sqrt(float64(len(f)))
			z := bias
			for _, b := range f {
				z += w[b] * v
			}
			p := 1 / (1 + math.Exp(-z))
			y, cw := 0.0, 1.0
			if examples[i].Urgent {
				y, cw = 1, cfg.UrgentWeight
			}
			g := (p - y) * cw * rate
			bias -= g
			for _, b := range f {
				w[b] -= g*v + rate*cfg.L2*w[b]
			}
		}
	}
	return quantize(cfg.Bits, bias, w), nil
}

// quantize rounds the weights to int8 with one scale.
func quantize(bits uint8, bias float64, w []float64) *Model {
	var top float64
	for _, x := range w {
		top = max(top, math.Abs(x))
	}
	m := &Model{bits: bits, bias: float32(bias), w: make([]int8, len(w))}
	if top == 0 {
		return m
	}
	m.scale = float32(top / 127)
	for i, x := range w {
		m.w[i] = int8(math.Round(x / float64(m.scale)))
	}
	return m
}

// CV is what cross-validation found: each example's score by a model that
// did not see it, and the threshold chosen on them.
type CV struct {
	Scores    []float64 // by example
	Threshold float64
	// Recall and FalseAlarms are the rates of the urgent examples at or
	// over Threshold, and of the others.
	Recall, FalseAlarms float64
}

// CrossValidate trains k models, each without one k-th of the examples
// (example i is in fold i%k), scores every example by the model that did
// not see it, and chooses the lowest threshold whose false alarms on the
// not-urgent examples are at most maxAlarms (a rate).
func CrossValidate(examples []Example, cfg Config, k int, maxAlarms float64) (*CV, error) {
	if k < 2 {
		return nil, fmt.Errorf("ngram: %d folds", k)
	}
	cv := &CV{Scores: make([]float64, len(examples))}
	for fold := range k {
		var train []Example
		for i, e := range examples {
			if i%k != fold {
				train = append(train, e)
			}
		}
		m, err := Train(train, cfg)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", fold, err)
		}
		for i := fold; i < len(examples); i += k {
			cv.Scores[i] = m.Score(examples[i].Text)
		}
	}
	var calm []float64
	for i, e := range examples {
		if !e.Urgent {
			calm = append(calm, cv.Scores[i])
		}
	}
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

// magic starts a model file; the 1 is the format's version.
const magic = "FDNGRAM1"

// MarshalBinary writes the model: magic, bits, bias, scale and
// threshold, then the 2^bits weights.
func (m *Model) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(magic)
	b.WriteByte(m.bits)
	for _, f := range []float32{m.bias, m.scale, float32(m.Threshold)} {
		_ = binary.Write(&b, binary.LittleEndian, math.Float32bits(f))
	}
	for _, x := range m.w {
		b.WriteByte(byte(x))
	}
	return b.Bytes(), nil
}

// UnmarshalBinary reads what MarshalBinary wrote.
func (m *Model) UnmarshalBinary(data []byte) error {
	head := len(magic) + 1 + 12
	if len(data) < head || string(data[:len(magic)]) != magic {
		return errors.New("ngram: not a model file")
	}
	bits := data[len(magic)]
	if bits < 8 || bits > 24 || len(data) != head+1<<bits {
		return fmt.Errorf("ngram: model file of %d bytes for %d bits", len(data), bits)
	}
	f := func(i int) float32 {
		return math.Float32frombits(binary.LittleEndian.Uint32(data[len(magic)+1+4*i:]))
	}
	m.bits, m.bias, m.scale, m.Threshold = bits, f(0), f(1), float64(f(2))
	m.w = make([]int8, 1<<bits)
	for i, x := range data[head:] {
		m.w[i] = int8(x)
	}
	return nil
}
