package flows

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdoor/internal/golden"
	"frontdoor/locales"
)

// fewLanguages is a catalogue directory with only the ten first-ranked
// embedded languages, as Frontdoor had before its eleven drafts.
func fewLanguages(t *testing.T) *locales.Catalog {
	t.Helper()
	dir := t.TempDir()
	for _, tag := range []string{"it", "en", "fr", "es", "ar", "uk", "sq", "bn", "ur", "zh"} {
		buf, err := os.ReadFile(filepath.Join("..", "locales", tag+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, tag+".toml"), buf, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cat, err := locales.LoadFS(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cat.Languages()); n != 10 {
		t.Fatalf("%d languages, want 10", n)
	}
	return cat
}

// TestLanguageMenuWithManyLanguages: with 21 languages the menu is two
// short pages: the nine most used and a button naming the others in their
// own scripts; its page ends with the way back. Typed numbers count on the
// page in view.
func TestLanguageMenuWithManyLanguages(t *testing.T) {
	e := newEngine(t)
	if n := len(e.cat.Languages()); n != 21 {
		t.Fatalf("%d languages, want 21", n)
	}
	for name, steps := range map[string][]string{
		"language_menu_21_languages": {
			"text:/start", "choice:lang.+more", "choice:lang.+first", "choice:lang.+more", "text:4",
			"choice:consent.yes", "text:/language", "choice:lang.+more", "choice:lang.tr",
		},
		// A first message in a language Frontdoor cannot read: the menu's
		// first page, the "more" button and a person.
		"language_menu_21_unknown_language": {
			"text:Saya perlu bantuan untuk izin tinggal saya", "choice:lang.+more", "choice:lang.so",
		},
	} {
		t.Run(name, func(t *testing.T) {
			golden.Check(t, name, runTranscript(t, e, steps), *update, "go test ./flows -update")
		})
	}
}

// TestLanguageMenuOnePageForFew: up to twelve languages stay one page, as
// the ten Frontdoor spoke before its drafts.
func TestLanguageMenuOnePageForFew(t *testing.T) {
	e, err := New(fewLanguages(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, out := e.Step(State{}, Input{Text: "/start"}, time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC))
	var ids []string
	for _, a := range out {
		if s, ok := a.(Say); ok {
			for _, c := range s.Choices {
				ids = append(ids, c.ID)
			}
		}
	}
	if len(ids) != len(e.cat.Languages()) || strings.Contains(strings.Join(ids, " "), choiceLangMore) {
		t.Errorf("language menu %q, want every language on one page", ids)
	}
}
