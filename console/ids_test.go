package console_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestEveryConsoleTextIsInTheCatalogue: every catalogue id the console's
// pages and code name whole ("console.queue.title", not a prefix such as
// "console.campaign.status." that a value completes) is in the English
// catalogue, which the catalogues' own check holds every language to. A
// misspelt or forgotten id would show itself, raw, to an operator.
func TestEveryConsoleTextIsInTheCatalogue(t *testing.T) {
	cat := catalogue(t)
	known := cat.IDs()
	// A template's name (console.head) is not a text.
	id := regexp.MustCompile(`(template |define )?"(console\.[a-z0-9_.-]*[a-z0-9_-])"`)
	checked := 0
	for _, dir := range []string{".", "../handoff", "../booking", "../broadcast", "../stats", "../texts", "../cmd/frontdoor"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != dir && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			if d.IsDir() || strings.HasSuffix(path, "_test.go") || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".html")) {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range id.FindAllStringSubmatch(string(b), -1) {
				if m[1] != "" {
					continue
				}
				checked++
				if !slices.Contains(known, m[2]) {
					t.Errorf("%s names %q, which no catalogue has", path, m[2])
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 300 {
		t.Fatalf("only %d ids found: the scan is broken", checked)
	}
}
