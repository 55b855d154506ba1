package triage

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A sign is not urgent alone; a rule makes an urgent kind of signs (and
// kinds) found together, in the sign's own language when its word is a
// frequent word of another one.
func TestSignsAndRules(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct {
		text, want string
	}{
		// A danger listed once pairs with every word for a child.
		{"il bambino della vicina sanguina", "child"},
		{"la vicina picchia sempre la figlia piccola", "child"},
		{"the neighbour's little girl is bleeding", "child"},
		// A child named where a medical emergency is told.
		{"mio figlio non respira", "child"},
		// Alone, each sign weighs nothing.
		{"mio figlio va a scuola", ""},
		{"la cinghia dei pantaloni si è rotta, dove la compro?", ""},
		// "son" is a son in English, "his/her" in French: not a child here.
		{"une femme de mon cours dit que son patron lui a pris son passeport et ne la laisse pas sortir", "trafficking"},
	} {
		if got := c.Classify(tt.text).Urgent; got != tt.want {
			t.Errorf("%q: urgent %q, want %q", tt.text, got, tt.want)
		}
	}
	x := c.Explain("il bambino della vicina sanguina")
	if len(x.Rules) != 1 || !strings.Contains(x.Rules[0], "@minor @harm -> child") {
		t.Errorf("Explain rules %q, want the one rule that decided", x.Rules)
	}
}

func TestSignErrors(t *testing.T) {
	for _, tt := range []struct {
		name, file, want string
	}{
		{"a sign no rule uses", "@nobody\t1\tfoo bar\n", "sign @nobody is used by no rule"},
		{"a rule's sign no line lists", "child\t1\t@minor @ghost\n", "sign @ghost is listed on no line"},
		{"a rule joining one term", "child\t1\t@minor\n", "join two terms"},
		{"a rule with a plain word", "child\t1\t@minor bambino\n", "neither a @sign nor an urgent kind"},
		{"a rule with kinds only", "child\t1\t@minor @harm | violence medical\n", "violence medical"},
		{"a rule making no urgent kind", "person\t1\t@minor @harm\n", "makes an urgent kind"},
		{"a bad sign name", "@Minor!\t1\tfoo\n", "bad sign"},
		{"a two-letter stem alone", "violence\t1\tma* | da* ni*\n", "only stems of two letters"},
	} {
		_, err := NewWithExtra(fstest.MapFS{"safety/it.tsv": {Data: []byte(tt.file)}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	c, err := NewWithExtra(fstest.MapFS{"safety/it.tsv": {Data: []byte("@harm\t1\tlo chiude in cantina\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Classify("il vicino lo chiude in cantina, il bambino piange"); r.Urgent != "child" {
		t.Errorf("a desk's own @harm line pairs with the listed children: %+v", r)
	}
}

// A weak sign written twice is still one sign: "passport … passport" in a
// renewal question is not trafficking.
func TestRepeatedPhraseWeighsOnce(t *testing.T) {
	c := newClassifier(t)
	r := c.Classify("我的护照快过期了，续居留的时候必须要新护照吗？")
	if r.Urgent != "" || r.Area != "legal" {
		t.Errorf("passport twice in a renewal question: %+v, want legal and not urgent", r)
	}
}
