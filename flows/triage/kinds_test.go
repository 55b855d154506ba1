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
