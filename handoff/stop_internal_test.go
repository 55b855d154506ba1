package handoff

import (
	"testing"
	"time"

	"frontdoor/flows"
	"frontdoor/locales"
)

// TestStopWordsAgreeWithTheEngine keeps the copy of the engine's stop words
// honest: each must make the conversation stop all news.
func TestStopWordsAgreeWithTheEngine(t *testing.T) {
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	engine, err := flows.New(cat, flows.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range append(stopWords(), "/stop", "/unsubscribe", "STOP!") {
		if !stopsNews(w) {
			t.Errorf("stopsNews(%q) = false", w)
		}
		_, actions := engine.Step(flows.State{Lang: "en", Consent: true}, flows.Input{Text: w}, time.Now())
		stopped := false
		for _, a := range actions {
			if s, ok := a.(flows.Subscribe); ok && s.Topic == "*" && !s.On {
				stopped = true
			}
		}
		if !stopped {
			t.Errorf("%q: the engine does not stop the news (%+v)", w, actions)
		}
	}
	for _, w := range []string{"", "please stop calling", "/menu", "/stopp"} {
		if stopsNews(w) {
			t.Errorf("stopsNews(%q) = true", w)
		}
	}
}
