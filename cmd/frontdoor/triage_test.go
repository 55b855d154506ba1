package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTriageCommandJSON(t *testing.T) {
	in := strings.Join([]string{
		"my permesso di soggiorno expires next month",
		"اريد تجديد تصريح الاقامة",
		"mio marito mi picchia",
		"",
		"👍",
	}, "\n")
	var out, errOut bytes.Buffer
	if err := triageCommand(context.Background(), []string{"--json"}, strings.NewReader(in), &out, &errOut); err != nil {
		t.Fatalf("triage --json: %v (stderr %s)", err, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 5 {
		t.Fatalf("got %d lines, want 5:\n%s", len(lines), out.String())
	}
	want := []triageJSON{
		{Language: "en", Area: "legal", Topic: "permit_renewal", Detected: "en"},
		{Language: "ar", Area: "legal", Topic: "permit_renewal", Detected: "ar"},
		{Language: "it", Urgent: "violence", Detected: "it"},
		{},
		{},
	}
	for i, l := range lines {
		var got triageJSON
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("line %d %q: %v", i+1, l, err)
		}
		for _, k := range []string{`"language":`, `"area":`, `"topic":`, `"confidence":`, `"urgent":`} {
			if !strings.Contains(l, k) {
				t.Errorf("line %d %q lacks %s", i+1, l, k)
			}
		}
		conf := got.Confidence
		got.Confidence = 0
		if got != want[i] {
			t.Errorf("line %d = %+v, want %+v", i+1, got, want[i])
		}
		if conf < 0 || conf > 1 || (want[i].Area != "" && conf == 0) {
			t.Errorf("line %d: confidence %v", i+1, conf)
		}
	}
}

func TestTriageCommandText(t *testing.T) {
	var out bytes.Buffer
	err := triageCommand(context.Background(), nil, strings.NewReader("cerco un corso di italiano\n"), &out, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, w := range []string{"it ", "education", "language_course", "cerco un corso di italiano"} {
		if !strings.Contains(got, w) {
			t.Errorf("output %q lacks %q", got, w)
		}
	}
}

func TestTriageCommandEval(t *testing.T) {
	var out bytes.Buffer
	if err := triageCommand(context.Background(), []string{"--eval", "../../flows/triage/testdata/heldout.tsv"}, nil, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	t.Log("\n" + got)
	for _, w := range []string{"area accuracy", "language accuracy", "urgent recall", "false alarms", "confusion matrix", "legal", "welfare", "(none)", "ur "} {
		if !strings.Contains(got, w) {
			t.Errorf("eval output lacks %q:\n%s", w, got)
		}
	}
}

func TestTriageCommandEvalErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, content, want string }{
		{"too few fields", "it\tlegal\tpermit_renewal\trinnovo permesso\nit\tlegal\n", "line 2"},
		{"unknown area", "# c\nit\tsport\t\tcalcio\n", "line 2: unknown area"},
		{"unknown topic", "it\tlegal\tcv\tciao\n", "line 1: topic"},
		{"area in a language not spoken", "de\twork\t\tarbeit\n", "line 1: a message in de, which Frontdoor does not speak (or did not when the corpus was written), has no area"},
		{"bad language code", "German\t\t\tarbeit\n", `line 1: bad language code "German"`},
		{"unknown urgent kind", "lang\tarea\turgent\ttext\nit\t\tfire\taiuto\n", `line 2: unknown urgent kind "fire"`},
		{"bad header", "lang\tarea\tcolour\ttext\n", "line 1: unknown column"},
		{"empty", "# nothing\n", "no messages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".tsv")
			if err := os.WriteFile(p, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			err := triageCommand(context.Background(), []string{"--eval", p}, nil, &bytes.Buffer{}, &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if err := triageCommand(context.Background(), []string{"--eval", filepath.Join(dir, "missing.tsv")}, nil, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
		t.Error("missing file: no error")
	}
}

func TestTriageCommandFlags(t *testing.T) {
	var errOut bytes.Buffer
	if err := triageCommand(context.Background(), []string{"--nope"}, nil, &bytes.Buffer{}, &errOut); err == nil {
		t.Error("unknown flag: no error")
	}
	if err := triageCommand(context.Background(), []string{"extra"}, nil, &bytes.Buffer{}, &errOut); err == nil {
		t.Error("extra argument: no error")
	}
	if err := triageCommand(context.Background(), []string{"--help"}, nil, &bytes.Buffer{}, &errOut); err != nil {
		t.Errorf("--help: %v", err)
	}
}

func TestTriageCommandCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := triageCommand(ctx, nil, strings.NewReader("ciao\n"), &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil {
		t.Error("cancelled context: no error")
	}
}

// --explain tells which listed phrases decided, and where they are
// listed, so that a desk's safeguarding staff can check a list; words
// found apart are marked.
func TestTriageCommandExplain(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "safety"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "safety", "it.tsv"), []byte("trafficking\t1\tchiuso cascina\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	in := "il capo ha preso il mio passaporto\nmi hanno chiuso da giorni nella cascina\n"
	if err := triageCommand(context.Background(), []string{"--explain", "--extra", dir}, strings.NewReader(in), &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, w := range []string{"urgent trafficking", "data/safety/it.tsv:", "passaporto", `"chiuso cascina" (near) <- extra safety/it.tsv:1`} {
		if !strings.Contains(got, w) {
			t.Errorf("explanation lacks %q:\n%s", w, got)
		}
	}
}

// --explain tells which kind won when a message weighs several, and why:
// the kinds weighed, the winner first.
func TestTriageCommandExplainKinds(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "safety"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "safety", "en.tsv"), []byte("violence\t1\tzorblat\nexploitation\t1\tfrimmel\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := triageCommand(context.Background(), []string{"--explain", "--extra", dir}, strings.NewReader("frimmel zorblat\n"), &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if w := "kinds weighed, the winner first (greatest weight, then kinds.txt order): violence 1, exploitation 1"; !strings.Contains(out.String(), w) {
		t.Errorf("explanation lacks %q:\n%s", w, out.String())
	}
}

// --explain tells, where the second net made a message urgent, its kind
// scores and the kind it named (branch netKind): a suicide the lists miss.
func TestTriageCommandExplainNetKinds(t *testing.T) {
	var out bytes.Buffer
	in := "pagod na pagod na ako, sorry ma, naayos ko na lahat ng gamit ko sa kahon, hindi na ako aabot ng bukas\n"
	if err := triageCommand(context.Background(), []string{"--explain"}, strings.NewReader(in), &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, w := range []string{"urgent suicide", "? statistical net: ", "? kinds: suicide ", "-> suicide\n"} {
		if !strings.Contains(got, w) {
			t.Errorf("explanation lacks %q:\n%s", w, got)
		}
	}
}

// --explain tells which calm phrase discounted which danger, and what the
// winning kind counts after calm; a danger in another clause is not
// calmed.
func TestTriageCommandExplainCalm(t *testing.T) {
	var out bytes.Buffer
	in := "saw on the news, he has a knife and is going to kill me\n"
	if err := triageCommand(context.Background(), []string{"--explain"}, strings.NewReader(in), &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, w := range []string{
		"urgent violence",
		`calmed: urgent violence 0.6 by "saw on the news" (data/safety/en.tsv:`,
		"-> counts 0.6/2",
		"violence 1.6 (counts 1.30 after calm)",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("explanation lacks %q:\n%s", w, got)
		}
	}
	if n := strings.Count(got, "calmed:"); n != 1 {
		t.Errorf("%d dangers calmed, want the knife alone:\n%s", n, got)
	}
}

// --extra adds a deployment's lines, checked: a bad line names its file.
func TestTriageCommandExtra(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "safety"), 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(content string) {
		if err := os.WriteFile(filepath.Join(dir, "safety", "it.tsv"), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("trafficking\t1\tmi tengono chiuso in cascina\n")
	var out bytes.Buffer
	if err := triageCommand(context.Background(), []string{"--json", "--extra", dir}, strings.NewReader("mi tengono chiuso in cascina da giorni\n"), &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"urgent":"trafficking"`) {
		t.Errorf("the desk's own line was not used: %s", out.String())
	}
	write("fire\t1\tincendio\n")
	err := triageCommand(context.Background(), []string{"--extra", dir}, strings.NewReader("x\n"), &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "it.tsv:1") || !strings.Contains(err.Error(), `unknown kind "fire"`) {
		t.Errorf("bad extra line: error %v", err)
	}
	// The calm words (calm/<lang>.tsv) are checked the same way.
	write("trafficking\t1\tmi tengono chiuso in cascina\n")
	if err := os.MkdirAll(filepath.Join(dir, "calm"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "calm", "it.tsv"), []byte("# the desk's own\nsoon\tfra poco\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err = triageCommand(context.Background(), []string{"--extra", dir}, strings.NewReader("x\n"), &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "calm/it.tsv:2") || !strings.Contains(err.Error(), `unknown role "soon"`) {
		t.Errorf("bad extra calm line: error %v", err)
	}
}
