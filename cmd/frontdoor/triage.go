package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"frontdoor/flows/triage"
)

// triageCommand implements
//
//	frontdoor triage [--json|--explain] classify one message per line of stdin
//	frontdoor triage --eval FILE.tsv    accuracy on a labelled corpus
//	frontdoor triage --train            retrain the second net (run in the repository's root)
//
// --extra DIR adds a deployment's own lexicon lines (triage.extra).
func triageCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("triage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "write one JSON object per message")
	explain := fs.Bool("explain", false, "show which listed phrases decided, for each message")
	extra := fs.String("extra", "", "add a deployment's lexicon lines from `DIR` (as triage.extra in config.yaml)")
	eval := fs.String("eval", "", "evaluate on a labelled corpus `FILE.tsv` (columns lang, area, [topic, urgent,] text)")
	noNet := fs.Bool("no-net", false, "the lists alone, without the second net (statistical, flows/triage/README.md) the server asks where they find no danger: for comparisons")
	train := fs.Bool("train", false, "retrain the second net on flows/triage/testdata and write "+triage.NetFile+" (run in the repository's root)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: frontdoor triage [--json|--explain] [--extra DIR] < messages.txt\n       frontdoor triage --eval FILE.tsv\n       frontdoor triage --train\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("triage: unexpected argument %q", fs.Arg(0))
	}
	if *train {
		return triageTrain(triageDir, stdout)
	}
	c, err := newClassifier(*extra, *noNet)
	if err != nil {
		return err
	}
	if *eval != "" {
		return triageEval(c, *eval, stdout)
	}
	if *explain {
		return triageExplain(ctx, c, stdin, stdout)
	}
	return triageStream(ctx, c, stdin, stdout, *asJSON)
}

// newClassifier builds the classifier with a deployment's extra lexicon
// lines from dir ("" for none), with the second net as the server has
// it, or without it (noNet).
func newClassifier(dir string, noNet bool) (*triage.Classifier, error) {
	if noNet {
		if dir != "" {
			return nil, errors.New("triage: --no-net compares the embedded lists alone; it does not take --extra")
		}
		return triage.NewWithoutNet()
	}
	if dir == "" {
		return triage.New()
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("triage.extra: %w", err)
	}
	c, err := triage.NewWithExtra(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("triage.extra %s: %w", dir, err)
	}
	return c, nil
}

// triageExplain writes, for each line of stdin, the result and the listed
// phrases that decided it.
func triageExplain(ctx context.Context, c *triage.Classifier, stdin io.Reader, stdout io.Writer) error {
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	out := bufio.NewWriter(stdout)
	line := 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return err
		}
		x := c.Explain(sc.Text())
		fmt.Fprintf(out, "%s\n  language %s (detected %s, %.2f)  area %s/%s (%.2f)  urgent %s  person %t\n",
			sc.Text(), dash(x.Lang), dash(x.Detected), x.LangConfidence, dash(x.Area), dash(x.Topic), x.Confidence, dash(x.Urgent), x.Person)
		for _, h := range x.Hits {
			how := "side by side"
			if h.Near {
				how = "near"
			}
			fmt.Fprintf(out, "  - %q (%s) <- %s: %s\n", strings.Join(h.Words, " "), how, h.Phrase, strings.Join(h.Effects, ", "))
			for _, m := range h.Calmed {
				// Which calm phrase discounted this danger, and by how much.
				fmt.Fprintf(out, "      calmed: %s\n", m)
			}
		}
		for _, r := range x.Rules {
			fmt.Fprintf(out, "  = signs together <- %s\n", r)
		}
		if len(x.Weighed) > 1 || len(x.Weighed) == 1 && strings.Contains(x.Weighed[0], "after calm") {
			// Which kind won, and why: the greatest weight, then the
			// order of kinds.txt.
			fmt.Fprintf(out, "  > kinds weighed, the winner first (greatest weight, then kinds.txt order): %s\n", strings.Join(x.Weighed, ", "))
		}
		if x.Net != "" {
			// The lists found no danger; the second net's score decided.
			fmt.Fprintf(out, "  ? %s\n", x.Net)
			if x.NetKinds != "" {
				// Which kind the net names, by its kind head.
				fmt.Fprintf(out, "  ? %s\n", x.NetKinds)
			}
		}
		if x.Concern != "" {
			fmt.Fprintf(out, "  ~ half told: %s (its numbers go under the answer)\n", x.Concern)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("triage: stdin line %d: %w", line+1, err)
	}
	return out.Flush()
}

// triageJSON is one line of "frontdoor triage --json".
type triageJSON struct {
	Language   string  `json:"language"`
	Area       string  `json:"area"`
	Topic      string  `json:"topic"`
	Confidence float64 `json:"confidence"`
	Urgent     string  `json:"urgent"`
	Detected   string  `json:"detected,omitempty"`
	Person     bool    `json:"person,omitempty"`
	Concern    string  `json:"concern,omitempty"`
}

func triageStream(ctx context.Context, c *triage.Classifier, stdin io.Reader, stdout io.Writer, asJSON bool) error {
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	line := 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return err
		}
		text := sc.Text()
		r := c.Classify(text)
		if asJSON {
			if err := enc.Encode(triageJSON{r.Lang, r.Area, r.Topic, round2(r.Confidence), r.Urgent, r.Detected, r.Person, r.Concern}); err != nil {
				return fmt.Errorf("triage: %w", err)
			}
			continue
		}
		fmt.Fprintf(out, "%-2s %4.2f  %-9s %-20s %4.2f  %-12s %s\n", dash(r.Lang), r.LangConfidence,
			dash(r.Area), dash(r.Topic), r.Confidence, dash(r.Urgent), text)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("triage: stdin line %d: %w", line+1, err)
	}
	return out.Flush()
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// triageEval scores the classifier on a labelled corpus (triage --eval
// FILE) and prints the scores, the tables by language and by area, the
// confusion matrix of areas and the misses.
func triageEval(c *triage.Classifier, path string, stdout io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("triage: %w", err)
	}
	defer f.Close()
	ex, err := triage.ReadCorpus(f)
	if err != nil {
		return fmt.Errorf("triage: %s: %w", path, err)
	}
	if len(ex) == 0 {
		return fmt.Errorf("triage: %s: no messages", path)
	}
	r := triage.Evaluate(c, ex)
	fmt.Fprintf(stdout, "%s: %d messages\n", path, len(ex))
	printEvalScores(stdout, r)
	printEvalNet(stdout, r.Net)
	fmt.Fprintln(stdout)
	if err := printEvalByLanguage(stdout, r); err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	areas := append(triage.Areas(), "")
	if err := printEvalByArea(stdout, r, areas); err != nil {
		return err
	}
	if err := printEvalConfusion(stdout, r, areas); err != nil {
		return err
	}
	printEvalMisses(stdout, r)
	return nil
}

// pct is a score as "96.5% (193/200)".
func pct(s triage.Score) string {
	return fmt.Sprintf("%.1f%% (%d/%d)", 100*s.Rate(), s.Right, s.Total)
}

// printEvalScores prints the overall scores of an evaluation.
func printEvalScores(stdout io.Writer, r *triage.Report) {
	fmt.Fprintf(stdout, "area accuracy      %s\n", pct(r.Area))
	fmt.Fprintf(stdout, "topic accuracy     %s\n", pct(r.Topic))
	fmt.Fprintf(stdout, "language accuracy  %s\n", pct(r.Lang))
	fmt.Fprintf(stdout, "urgent recall      %s, right kind %d/%d\n", pct(r.UrgentRecall), r.UrgentKind.Right, r.UrgentKind.Total)
	for _, k := range triage.Kinds() {
		if s := r.UrgentByKind[k]; s != nil {
			fmt.Fprintf(stdout, "  %-16s %s\n", k, pct(*s))
		}
	}
	if r.Unsupported.Total > 0 {
		fmt.Fprintf(stdout, "  %-16s %s\n", "not spoken", pct(r.Unsupported))
	}
	fmt.Fprintf(stdout, "false alarms       %s\n", pct(r.FalseAlarms))
	if r.Concern.Total > 0 || r.ConcernOrdinary.Right > 0 {
		// A danger half told gets its numbers under the answer.
		fmt.Fprintf(stdout, "half told          %d of %d urgent missed, %d of %d others\n",
			r.Concern.Right, r.Concern.Total, r.ConcernOrdinary.Right, r.ConcernOrdinary.Total)
	}
	if r.Person.Total > 0 {
		fmt.Fprintf(stdout, "asks for a person  %s\n", pct(r.Person))
	}
}

// printEvalByLanguage prints the table by language. Area is scored on the
// languages Frontdoor speaks; language on all: one it does not speak is
// right when no language is chosen.
func printEvalByLanguage(stdout io.Writer, r *triage.Report) error {
	w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "language\tarea\tlanguage detected\tmessages")
	langs := make([]string, 0, len(r.LangByLang))
	for l := range r.LangByLang {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		area, n := "-", r.LangByLang[l].Total
		if s := r.AreaByLang[l]; s != nil {
			area = fmt.Sprintf("%.1f%%", 100*s.Rate())
		}
		fmt.Fprintf(w, "%s\t%s\t%.1f%%\t%d\n", dash(l), area, 100*r.LangByLang[l].Rate(), n)
	}
	return w.Flush()
}

// printEvalByArea prints the table by area ("" last: no area).
func printEvalByArea(stdout io.Writer, r *triage.Report, areas []string) error {
	w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "area\taccuracy\tmessages")
	for _, a := range areas {
		if s := r.AreaByArea[a]; s != nil {
			fmt.Fprintf(w, "%s\t%.1f%%\t%d\n", areaLabel(a), 100*s.Rate(), s.Total)
		}
	}
	return w.Flush()
}

// printEvalConfusion prints the confusion matrix of areas.
func printEvalConfusion(stdout io.Writer, r *triage.Report, areas []string) error {
	fmt.Fprintln(stdout, "\nconfusion matrix of areas (rows: expected, columns: classified)")
	w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprint(w, "\t")
	for _, a := range areas {
		fmt.Fprintf(w, "%s\t", areaLabel(a))
	}
	fmt.Fprintln(w)
	for _, want := range areas {
		fmt.Fprintf(w, "%s\t", areaLabel(want))
		for _, got := range areas {
			fmt.Fprintf(w, "%d\t", r.Confusion[[2]string{want, got}])
		}
		fmt.Fprintln(w)
	}
	return w.Flush()
}

// printEvalMisses prints the lines the classifier got wrong.
func printEvalMisses(stdout io.Writer, r *triage.Report) {
	if len(r.Misses) == 0 {
		return
	}
	fmt.Fprintln(stdout, "\nmisses (line: expected -> classified)")
	for _, m := range r.Misses {
		got := m.Got.Urgent
		if m.Got.Person {
			got += "+person"
		}
		fmt.Fprintf(stdout, "%d: %s %s/%s %s -> %s(%s) %s/%s %s  %s\n", m.Line,
			dash(m.Lang), dash(m.Area), dash(m.Topic), dash(m.Urgent),
			dash(m.Got.Lang), dash(m.Got.Detected), dash(m.Got.Area), dash(m.Got.Topic), dash(got), m.Text)
	}
}

func areaLabel(a string) string {
	if a == "" {
		return "(none)"
	}
	return a
}

// triageDir is the triage package, from the repository's root.
const triageDir = "flows/triage"

// triageTrain retrains the second net from the corpora of dir/testdata and
// writes it to dir/data (triage.NetFile), with its cross-validated figures.
func triageTrain(dir string, stdout io.Writer) error {
	m, cv, err := triage.TrainNet(os.DirFS(filepath.Join(dir, "testdata")))
	if err != nil {
		return fmt.Errorf("triage --train: %w", err)
	}
	b, err := m.MarshalBinary()
	if err != nil {
		return fmt.Errorf("triage --train: %w", err)
	}
	out := filepath.Join(dir, triage.NetFile)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("triage --train: %w", err)
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("triage --train: %w", err)
	}
	fmt.Fprintf(stdout, "%s: %d bytes; threshold %.3f (cross-validated: recall %.1f%%, false alarms %.2f%%)\n",
		out, len(b), cv.Threshold, 100*cv.Recall, 100*cv.FalseAlarms)
	fmt.Fprintf(stdout, "half told from %.3f\n", m.Concern)
	kind, named, err := triage.NetKindCV(os.DirFS(filepath.Join(dir, "testdata")))
	if err != nil {
		return fmt.Errorf("triage --train: %w", err)
	}
	fmt.Fprintf(stdout, "kinds (cross-validated, the urgent lines of known kind): named right %s; where one kind had at least half, that kind right %s\n",
		pct(kind), pct(named))
	return nil
}

// printEvalNet prints the lists alone, the second net alone and both.
func printEvalNet(stdout io.Writer, n *triage.NetReport) {
	if n == nil {
		return
	}
	fmt.Fprintf(stdout, "second net (threshold %.3f):\n", n.Threshold)
	for _, x := range []struct {
		name string
		s    triage.NetScores
	}{{"lists alone", n.Lists}, {"net alone", n.Model}, {"lists or net", n.Both}} {
		fmt.Fprintf(stdout, "  %-13s recall %s, false alarms %s\n", x.name, pct(x.s.Recall), pct(x.s.FalseAlarms))
	}
	fmt.Fprintf(stdout, "  %-13s spoken %s, not spoken %s\n", "lists alone", pct(n.ListsSpoken), pct(n.ListsUnspoken))
	fmt.Fprintf(stdout, "  %-13s spoken %s, not spoken %s\n", "lists or net", pct(n.BothSpoken), pct(n.BothUnspoken))
	for _, k := range triage.Kinds() {
		if s := n.ListsByKind[k]; s != nil {
			fmt.Fprintf(stdout, "  lists alone   %-13s %s\n", k, pct(*s))
		}
	}
}
