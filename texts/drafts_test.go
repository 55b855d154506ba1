package texts

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"frontdoor/locales"
)

// TestTextsPageShowsDrafts: the Texts page says "draft translation" beside
// each language no fluent human has reviewed, and not beside one whose
// catalogue is marked reviewed (Albanian here, marked for the test).
func TestTextsPageShowsDrafts(t *testing.T) {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../locales"), ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasSuffix(path, ".go") {
			return err
		}
		buf, err := os.ReadFile("../locales/" + path)
		if path == "sq.toml" {
			buf = []byte(strings.Replace(string(buf), "\nreviewed = false", "\nreviewed = true\nreviewed_on = \"2026-12-06\"\nreviewed_by = \"cultural mediator, Albanian\"", 1))
		}
		fsys[path] = &fstest.MapFile{Data: buf}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := locales.LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if cat.Draft("sq") || !cat.Draft("ti") {
		t.Fatalf("Draft(sq) = %v, Draft(ti) = %v: the test's catalogues are not as meant", cat.Draft("sq"), cat.Draft("ti"))
	}
	d := newDeskWith(t, cat)
	_, body := d.editor(t).Get("/console/texts/")
	// The page is in the editor's console language; the mark is its
	// words for a draft, in brackets.
	marker := regexp.MustCompile(`<span class="hint">\((` + regexp.QuoteMeta(d.cat.Text("en", "console.editor.draft_translation", nil)) + `|` + regexp.QuoteMeta(d.cat.Text("it", "console.editor.draft_translation", nil)) + `)\)</span>`)
	for lang, draft := range map[string]bool{"sq": false, "ti": true, "fa": true, "it": true} {
		row := regexp.MustCompile(`<tr data-lang="` + lang + `">.*?</tr>`).FindString(body)
		if row == "" {
			t.Fatalf("no row for %s:\n%s", lang, body)
		}
		if got := marker.MatchString(row); got != draft {
			t.Errorf("%s row shows the draft mark %v, want %v: %s", lang, got, draft, row)
		}
	}
}
