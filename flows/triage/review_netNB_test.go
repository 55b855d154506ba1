package triage

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestNetFileReproducible: the committed second net is what `frontdoor
// triage --train` makes of the training corpora now. After adding
// training lines, retrain (README.md, "The second net").
func TestNetFileReproducible(t *testing.T) {
	m, _, err := TrainNet(os.DirFS("testdata"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	want, err := data.ReadFile(netFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the training corpora give (%d bytes, retrained %d): run `frontdoor triage --train` in the repository's root", netFile, len(want), len(got))
	}
}

// TestNetWiring: the net makes urgent a danger no listed phrase holds, of
// the kind its kind head names (an overdose taken: suicide), and says so
// in Explain; it is not asked when the lists found a
// danger and calmed it, nor when a message laughs.
func TestNetWiring(t *testing.T) {
	c := newClassifier(t)
	if c.net == nil {
		t.Fatal("New built no net: the server asks it by default")
	}
	if off, err := NewWithoutNet(); err != nil || off.net != nil {
		t.Errorf("NewWithoutNet: net %v, %v; want none", off.net != nil, err)
	}
	caught := []reviewCase{
		{"en", "an overdose told without a listed word", "i took all the tablets in the box and now i feel very sleepy"},
	}
	wantUrgent(t, c, caught)
	for _, tc := range caught {
		r := c.Classify(tc.msg)
		if r.Urgent != "suicide" || r.Net < c.net.Threshold {
			t.Errorf("%q: urgent %q, net %.3f (threshold %.3f): want suicide by the net", tc.msg, r.Urgent, r.Net, c.net.Threshold)
		}
		if x := c.Explain(tc.msg); !strings.HasPrefix(x.Net, "statistical net: ") || !strings.Contains(x.Net, ">=") {
			t.Errorf("%q: Explain's net %q, want \"statistical net: S >= T\"", tc.msg, x.Net)
		}
	}
	vetoed := []reviewCase{
		{"en", "violence told as past and over", "two years ago my husband used to beat me, now I am divorced and need a job"},
		{"it", "a stroke two years ago, fine now", "ho avuto un ictus due anni fa, ora sto bene"},
		{"en", "laughter", "this queue is killing me 😂"},
	}
	wantNotUrgent(t, c, vetoed)
	for _, tc := range vetoed {
		if r := c.Classify(tc.msg); r.Net != 0 {
			t.Errorf("%q: the net was asked (%.3f): the lists' calm must veto it", tc.msg, r.Net)
		}
	}
	// A danger the lists find is theirs: the net is not asked.
	if r := c.Classify("my husband is beating me right now"); r.Urgent != "violence" || r.Net != 0 {
		t.Errorf("a listed danger: urgent %q, net %.3f; want violence, the net not asked", r.Urgent, r.Net)
	}
}
