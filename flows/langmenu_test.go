package flows

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdoor/internal/golden"
	"frontdoor/locales"
)

// manyLanguages is a catalogue directory with the embedded languages and
// eleven more (English texts under their own names, ranked after the
// others), as Frontdoor will have once their translations are merged.
func manyLanguages(t *testing.T) *locales.Catalog {
	t.Helper()
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
	_, body, ok := strings.Cut(english, "\n[\"")
	if !ok {
		t.Fatal("en.toml has no messages")
	}
	for i, l := range []struct {
		tag, native string
		rtl         bool
	}{
		{"ro", "Română", false}, {"ru", "Русский", false}, {"fa", "فارسی", true}, {"ps", "پښتو", true},
		{"ti", "ትግርኛ", false}, {"am", "አማርኛ", false}, {"so", "Soomaali", false}, {"pa", "ਪੰਜਾਬੀ", false},
		{"tr", "Türkçe", false}, {"wo", "Wolof", false}, {"fil", "Tagalog", false},
	} {
		file := fmt.Sprintf("[_meta]\nnative = %q\nrtl = %v\nrank = %d\n\n[\"%s", l.native, l.rtl, 11+i, body)
		if err := os.WriteFile(filepath.Join(dir, l.tag+".toml"), []byte(file), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cat, err := locales.LoadFS(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cat.Languages()); n != 21 {
		t.Fatalf("%d languages, want 21", n)
	}
	return cat
}

// TestLanguageMenuWithManyLanguages: with 21 languages the menu is two
// short pages: the nine most used and a button naming the others in their
// own scripts; its page ends with the way back. Typed numbers count on the
// page in view.
func TestLanguageMenuWithManyLanguages(t *testing.T) {
	e, err := New(manyLanguages(t), Options{})
	if err != nil {
		t.Fatal(err)
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
// the ten of today.
func TestLanguageMenuOnePageForFew(t *testing.T) {
	e := newEngine(t)
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
