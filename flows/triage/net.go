package triage

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"frontdoor/flows/triage/ngram"
)

// The second net (flows/triage/ngram; README.md, "The second net"): a
// statistical model over the letters of a message, asked only when the
// lists find no danger. It is trained on the labelled corpora of
// testdata by `frontdoor triage --train`, which writes netFile.
const netFile = "data/net/urgent.ngram"

// NetFile is where `frontdoor triage --train` writes the model, from the
// root of the triage package.
const NetFile = netFile

// netFolds and netMaxAlarms choose the threshold: the lowest score at
// which at most 1.5% of the not-urgent training messages pass, each
// scored by a model trained without it (5-fold cross-validation).
const (
	netFolds     = 5
	netMaxAlarms = 0.015
)

// NetTrainingFiles are the corpora the net learns from, as globs in the
// testdata directory. The sets of 2026-12-07 (y, z, aa, ab) are not among
// them: they measure it.
var NetTrainingFiles = []string{"safety/*.tsv", "dev.tsv", "heldout-2026-12-05*.tsv", "heldout-2026-12-06*.tsv"}

// NetExamples reads the training corpora of the net from testdata, in a
// fixed order (the globs', then the files' names, then the lines').
// A message asking for a person is not urgent.
func NetExamples(testdata fs.FS) ([]ngram.Example, error) {
	var out []ngram.Example
	for _, g := range NetTrainingFiles {
		names, err := fs.Glob(testdata, g)
		if err != nil {
			return nil, fmt.Errorf("net training files %q: %w", g, err)
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("net training files %q: none", g)
		}
		slices.Sort(names)
		for _, n := range names {
			b, err := fs.ReadFile(testdata, n)
			if err != nil {
				return nil, fmt.Errorf("net training: %w", err)
			}
			ex, err := ReadCorpus(strings.NewReader(string(b)))
			if err != nil {
				return nil, fmt.Errorf("net training: %s: %w", path.Join("testdata", n), err)
			}
			for _, e := range ex {
				out = append(out, ngram.Example{Text: e.Text, Urgent: e.Urgent != "" && e.Urgent != labelPerson})
			}
		}
	}
	return out, nil
}

// TrainNet trains the net on the corpora of testdata and chooses its
// threshold by cross-validation; the CV tells how it did there.
func TrainNet(testdata fs.FS) (*ngram.Model, *ngram.CV, error) {
	ex, err := NetExamples(testdata)
	if err != nil {
		return nil, nil, err
	}
	cv, err := ngram.CrossValidate(ex, ngram.DefaultConfig, netFolds, netMaxAlarms)
	if err != nil {
		return nil, nil, fmt.Errorf("net cross-validation: %w", err)
	}
	m, err := ngram.Train(ex, ngram.DefaultConfig)
	if err != nil {
		return nil, nil, fmt.Errorf("net training: %w", err)
	}
	m.Threshold = cv.Threshold
	return m, cv, nil
}
