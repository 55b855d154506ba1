package flows

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestStateSizeOverTranscripts: over every step of the golden
// transcripts, the state as stored (the bot's part of the kept turns as
// the messages it said) is never larger than the same state with that
// part in words, as states were kept before 2026-12-06, and says the same
// to a case. It logs the median and the largest of both
// (go test ./flows -run TestStateSizeOverTranscripts -v).
func TestStateSizeOverTranscripts(t *testing.T) {
	e := newEngine(t)
	var stored, words []int
	var all [][]string
	for _, set := range []map[string][]string{transcripts, areaTranscripts, journeysFaToAm, newsTranscripts, profileTranscripts} {
		for _, steps := range set {
			all = append(all, steps)
		}
	}
	for _, steps := range all {
		var st State
		now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
		hint := ""
		for _, step := range steps {
			kind, arg, _ := strings.Cut(step, ":")
			in := Input{LangHint: hint}
			switch kind {
			case "hint":
				hint = arg
				continue
			case "wait":
				d, err := time.ParseDuration(arg)
				if err != nil {
					t.Fatal(err)
				}
				now = now.Add(d)
				continue
			case "text":
				in.Text = arg
			case "long":
				n, err := strconv.Atoi(arg)
				if err != nil {
					t.Fatal(err)
				}
				in.Text = strings.Repeat("a", n)
			case "choice":
				in.Choice = arg
			case "attach":
				in.Attachment = arg
			}
			st, _ = e.Step(st, in, now)
			now = now.Add(30 * time.Second)
			b, err := json.Marshal(st)
			if err != nil {
				t.Fatal(err)
			}
			old := st
			old.Recent = e.spoken((&turn{e: e, st: st}).lang(), st.Recent)
			ob, err := json.Marshal(old)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) > len(ob) {
				t.Errorf("%s: the state takes %d bytes, %d with the bot's part in words:\n%s", step, len(b), len(ob), b)
			}
			// What a case would read from the stored state is what the
			// state in words says.
			var back State
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if got, want := e.spoken((&turn{e: e, st: back}).lang(), back.Recent), old.Recent; len(got) != len(want) ||
				!slices.EqualFunc(got, want, func(a, b Exchange) bool { return a.Bot == b.Bot && a.Person == b.Person }) {
				t.Errorf("%s: the stored turns say %+v, want %+v", step, got, want)
			}
			stored, words = append(stored, len(b)), append(words, len(ob))
		}
	}
	slices.Sort(stored)
	slices.Sort(words)
	t.Logf("%d states: stored median %d bytes, largest %d; with the bot's part in words median %d, largest %d",
		len(stored), stored[len(stored)/2], stored[len(stored)-1], words[len(words)/2], words[len(words)-1])
}

// TestOldStateTurnsReachTheCase: a state written before the bot's part
// was kept as messages (its answers in words, "b") still gives them to a
// case, the engine's own and one a wrapper opens (TakeTurns, Spoken),
// after the turns the new layout adds; a turn whose language changed
// keeps the words it was said in.
func TestOldStateTurnsReachTheCase(t *testing.T) {
	e := newEngine(t)
	old := []byte(`{"l":"it","c":true,"n":"menu","x":[{"p":"ciao","b":"Prima di iniziare: conservo le tue risposte."},{"p":"Sì, sono d'accordo","b":"Per che cosa hai bisogno di aiuto? Scegli un'opzione."}]}`)
	var st State
	if err := json.Unmarshal(old, &st); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	st, _ = e.Step(st, Input{Choice: "menu" + choiceNodeSep + "legal"}, now)
	if x := st.Recent[len(st.Recent)-1]; len(x.Say) == 0 || x.Bot != "" {
		t.Fatalf("the new turn is kept as %+v, want the messages it said", x)
	}
	legal := strings.TrimSpace(strings.SplitN(e.cat.Text("it", "legal.intro", nil), "\n", 2)[0])
	want := []string{"Prima di iniziare: conservo le tue risposte.", "Per che cosa hai bisogno di aiuto? Scegli un'opzione.", legal}

	// A wrapper takes them out of the stored state.
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	_, _, turns, _ := TakeTurns(b)
	if got := botParts(e.Spoken(b, turns)); !slices.Equal(got, want) {
		t.Errorf("taken and spoken: %q, want %q", got, want)
	}
	// The engine's own case.
	_, out := e.Step(st, Input{Text: "/person"}, now.Add(time.Minute))
	var h Handoff
	for _, a := range out {
		if a, ok := a.(Handoff); ok {
			h = a
		}
	}
	if got := botParts(h.Recent); !slices.Equal(got, want) {
		t.Errorf("the case reads %q, want %q", got, want)
	}
	for _, x := range h.Recent {
		if len(x.Say) > 0 {
			t.Errorf("a turn leaves the engine as messages, not words: %+v", x)
		}
	}

	// The person changes language: what was said in Italian stays so.
	st, _ = e.Step(st, Input{Text: "/language"}, now.Add(2*time.Minute))
	st, _ = e.Step(st, Input{Choice: choiceLangPrefix + "fr"}, now.Add(3*time.Minute))
	_, out = e.Step(st, Input{Text: "/person"}, now.Add(4*time.Minute))
	for _, a := range out {
		if a, ok := a.(Handoff); ok {
			h = a
		}
	}
	prompt := strings.TrimSpace(strings.SplitN(e.cat.Text("it", "language.prompt", nil), "\n", 2)[0])
	if got := botParts(h.Recent); len(got) < 4 || !slices.Equal(got[:3], want) || got[3] != prompt {
		t.Errorf("after a change of language the case reads %q, want it to begin with %q and the menu of languages in Italian %q", got, want, prompt)
	}
}

func botParts(xs []Exchange) []string {
	var out []string
	for _, x := range xs {
		if x.Bot != "" {
			out = append(out, x.Bot)
		}
	}
	return out
}
