package flows

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"frontdoor/locales"
)

// TestOneFileAddsALanguageEverywhere: a catalogue dropped into a directory
// beside the others, and nothing else, brings its language to the menu at
// its rank, its command words and stop words to the conversation and its
// words to the browser chat page.
func TestOneFileAddsALanguageEverywhere(t *testing.T) {
	dir := t.TempDir()
	names, err := filepath.Glob("../locales/*.toml")
	if err != nil || len(names) == 0 {
		t.Fatalf("catalogues: %v %v", names, err)
	}
	var english string
	for _, n := range names {
		buf, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(n) == "en.toml" {
			english = string(buf)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(n)), buf, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Esperanto: English texts (a translator's first draft) with its own
	// name, place in the menu and words.
	eo := english
	for _, r := range [][2]string{
		{`native = "English"`, `native = "Esperanto"`},
		{"\nrank = 2 ", "\nrank = 3 "},
		{`other = "help"`, `other = "helpo"`},
		{`other = "stop, unsubscribe"`, `other = "haltu"`},
		{`other = "Message"`, `other = "Mesaĝo"`},
		{`other = "Send"`, `other = "Sendu"`},
	} {
		if !strings.Contains(eo, r[0]) {
			t.Fatalf("en.toml has no %q", r[0])
		}
		eo = strings.Replace(eo, r[0], r[1], 1)
	}
	if err := os.WriteFile(filepath.Join(dir, "eo.toml"), []byte(eo), 0o600); err != nil {
		t.Fatal(err)
	}
	cat, err := locales.LoadFS(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(cat, Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)

	// The language menu: Esperanto third, as its rank says.
	_, out := e.Step(State{}, Input{Text: "/language"}, now)
	var labels []string
	for _, a := range out {
		if s, ok := a.(Say); ok {
			for _, c := range s.Choices {
				labels = append(labels, c.Label)
			}
		}
	}
	if i := slices.Index(labels, "Esperanto"); i != 2 {
		t.Errorf("language menu %q: Esperanto at %d, want 2", labels, i)
	}

	// Its command word and stop word work, for everyone.
	st := State{Lang: "eo", Consent: true, Node: "menu", Subs: []string{"permits"}, Seen: now.Unix()}
	_, out = e.Step(st, Input{Text: "/helpo"}, now)
	if got := sayText(out); got != cat.Text("eo", "help.text", nil) {
		t.Errorf("/helpo answered %q, want the help text", got)
	}
	_, out = e.Step(st, Input{Text: "Haltu!"}, now)
	if !slices.ContainsFunc(out, func(a Action) bool { s, ok := a.(Subscribe); return ok && s.Topic == "*" && !s.On }) {
		t.Errorf("haltu did not stop the news: %v", out)
	}
	if !NewWords(cat).IsStop("haltu") {
		t.Error("the runtimes' words do not know haltu")
	}

	// The browser chat's words.
	if ui := cat.ChatUI("eo"); ui.Lang != "eo" || ui.Message != "Mesaĝo" || ui.Send != "Sendu" {
		t.Errorf("ChatUI(eo) = %+v", ui)
	}
}

// sayText joins the texts of the Say actions.
func sayText(out []Action) string {
	var texts []string
	for _, a := range out {
		if s, ok := a.(Say); ok {
			texts = append(texts, s.Text)
		}
	}
	return strings.Join(texts, "\n")
}
