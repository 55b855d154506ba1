package triage

import (
	"strings"
	"testing"
	"testing/fstest"
)

// Which kinds a message can half tell is data/safety/kinds.txt: the
// shipped choice, a deployment's change, and a file that is wrong refused
// at load with its line.
func TestHalfToldKindsAreData(t *testing.T) {
	const line = "medical\t0.6\tzorblat frimmel\n" // 0.6 of a medical emergency: half told
	for _, tt := range []struct {
		name  string
		kinds string // extra safety/kinds.txt; "" for none
		want  string
	}{
		{"shipped: medical is not half told", "", ""},
		{"a deployment says yes", "# our desk\nmedical\tyes\n", "medical"},
		{"a deployment says no again", "medical\tno\n", ""},
	} {
		extra := fstest.MapFS{"safety/en.tsv": {Data: []byte(line)}}
		if tt.kinds != "" {
			extra["safety/kinds.txt"] = &fstest.MapFile{Data: []byte(tt.kinds)}
		}
		c, err := NewWithExtra(extra)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		r := c.Classify("zorblat frimmel")
		if r.Urgent != "" || r.Concern != tt.want {
			t.Errorf("%s: urgent %q concern %q, want concern %q", tt.name, r.Urgent, r.Concern, tt.want)
		}
	}
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]bool{"child": true, "suicide": true, "violence": true, "trafficking": true, "distress": true, "medical": false, "exploitation": false} {
		if got := c.halfTold[indexOf(t, k)]; got != want {
			t.Errorf("kinds.txt: %s half told = %v, want %v", k, got, want)
		}
	}
	if r := c.Classify("I want to cancel my appointment, I can't go on anymore"); r.Concern != "suicide" {
		t.Errorf("a half-told suicide: %+v", r)
	}
}

func indexOf(t *testing.T, kind string) int {
	for i, k := range urgentNames {
		if k == kind {
			return i
		}
	}
	t.Fatalf("no kind %s", kind)
	return -1
}

func TestBadKindsFileIsRefused(t *testing.T) {
	all := "child\tyes\nsuicide\tyes\nviolence\tyes\nmedical\tno\ntrafficking\tyes\nexploitation\tno\ndistress\tyes\n"
	for _, tt := range []struct{ name, file, want string }{
		{"a kind missing", strings.Replace(all, "medical\tno\n", "", 1), "kinds.txt: kind medical is not listed"},
		{"an unknown kind", all + "fire\tyes\n", "kinds.txt:8: unknown kind \"fire\""},
		{"listed twice", all + "child\tno\n", "kinds.txt:8: kind child listed again (first on line 1)"},
		{"not yes or no", strings.Replace(all, "medical\tno", "medical\tmaybe", 1), "kinds.txt:4: kind medical: half-told is \"maybe\""},
		{"no tab", strings.Replace(all, "medical\tno", "medical no", 1), "kinds.txt:4: want 2 tab-separated fields"},
	} {
		_, err := newFrom(withFile(t, kindsFile, tt.file), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	// A deployment's file is checked the same way, and names itself.
	_, err := NewWithExtra(fstest.MapFS{"safety/kinds.txt": {Data: []byte("medical\toften\n")}})
	if err == nil || !strings.Contains(err.Error(), "extra safety/kinds.txt:1") {
		t.Errorf("a deployment's bad line: %v", err)
	}
	if _, err := newFrom(withFile(t, kindsFile, all), nil); err != nil {
		t.Errorf("the whole file: %v", err)
	}
}

// When a message weighs as much of several kinds, the kind listed first in
// kinds.txt wins (the safeguarding lead's precedence, data); a greater
// weight wins whatever the order; a deployment listing every kind sets its
// own order, one listing some keeps the shipped order.
func TestKindPrecedenceIsData(t *testing.T) {
	const lines = "violence\t1\tzorblat\nexploitation\t1\tfrimmel\nexploitation\t1.5\tgrobnik\n"
	const flipped = "suicide\tyes\nchild\tyes\nexploitation\tno\nmedical\tno\ntrafficking\tyes\nviolence\tyes\ndistress\tyes\n"
	classifiers := map[string]*Classifier{} // by kinds file: building one is slow
	for _, tt := range []struct {
		name, kinds, text, want string
	}{
		{"equal weights: violence before exploitation", "", "zorblat frimmel", "violence"},
		{"equal weights, either order of words", "", "frimmel zorblat", "violence"},
		{"a greater weight wins over the order", "", "zorblat grobnik", "exploitation"},
		{"a deployment's whole order", flipped, "zorblat frimmel", "exploitation"},
		{"a deployment's whole order, weights still first", flipped, "zorblat", "violence"},
		{"a deployment changing one kind keeps the order", "exploitation\tyes\n", "zorblat frimmel", "violence"},
	} {
		c := classifiers[tt.kinds]
		if c == nil {
			extra := fstest.MapFS{"safety/en.tsv": {Data: []byte(lines)}}
			if tt.kinds != "" {
				extra["safety/kinds.txt"] = &fstest.MapFile{Data: []byte(tt.kinds)}
			}
			var err error
			if c, err = NewWithExtra(extra); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			classifiers[tt.kinds] = c
		}
		if r := c.Classify(tt.text); r.Urgent != tt.want {
			t.Errorf("%s: %q is %q, want %q", tt.name, tt.text, r.Urgent, tt.want)
		}
	}
	// The shipped order, as the file says it (by danger to life, ties only).
	want := []string{"suicide", "child", "violence", "medical", "trafficking", "exploitation", "distress"}
	for i, k := range want {
		if got := classifiers[""].rank[indexOf(t, k)]; int(got) != i {
			t.Errorf("kinds.txt: %s ranks %d, want %d", k, got, i)
		}
	}
}

// The message of the brief (issue 12): a passport kept and a death threat
// weigh 1 of violence, trafficking and exploitation each; violence, first of
// the three in kinds.txt, decides its first message and numbers. Explain
// says why.
func TestPassportAndDeathThreatIsViolence(t *testing.T) {
	c := newClassifier(t)
	const text = "il capo ha preso il mio passaporto e dice che mi ammazza"
	x := c.Explain(text)
	if x.Urgent != "violence" {
		t.Fatalf("%q: urgent %q, want violence; weighed %v", text, x.Urgent, x.Weighed)
	}
	if len(x.Weighed) < 2 || !strings.HasPrefix(x.Weighed[0], "violence ") {
		t.Errorf("%q: weighed %v, want violence first of several", text, x.Weighed)
	}
}

// Distress is last: a cry that says nothing else yields to any kind told
// with it. A kinds file that puts another kind last is refused, the
// deployment's too.
func TestDistressMustBeLast(t *testing.T) {
	bad := "distress\tyes\nchild\tyes\nsuicide\tyes\nviolence\tyes\nmedical\tno\ntrafficking\tyes\nexploitation\tno\n"
	_, err := newFrom(withFile(t, kindsFile, bad), nil)
	if err == nil || !strings.Contains(err.Error(), "kinds.txt:7: exploitation is listed last, but distress must be") {
		t.Errorf("distress first: %v", err)
	}
	_, err = NewWithExtra(fstest.MapFS{"safety/kinds.txt": {Data: []byte(bad)}})
	if err == nil || !strings.Contains(err.Error(), "extra safety/kinds.txt:7") {
		t.Errorf("a deployment's distress first: %v", err)
	}
}
