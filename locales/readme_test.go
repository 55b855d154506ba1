package locales

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeListsEveryLanguage: the README's table of languages has a row
// for every catalogue and none for a language without one, and each row's
// review status is what the catalogue's [_meta] says: a draft is never
// shown as reviewed, nor a reviewed file as a draft.
func TestReadmeListsEveryLanguage(t *testing.T) {
	c := mustLoad(t)
	buf, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([a-z]{2,3}(?:-[A-Za-z0-9]+)*)` \\|[^|\\n]*\\|[^|\\n]*\\| ([^|\\n]*) \\|")
	status := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(string(buf), -1) {
		status[m[1]] = strings.TrimSpace(m[2])
	}
	for _, l := range c.Languages() {
		got, ok := status[l.Tag]
		switch {
		case !ok:
			t.Errorf("README: no row for %s (%s)", l.Tag, l.Native)
		case l.Tag == referenceTag:
			if !strings.HasPrefix(got, "reference") {
				t.Errorf("README: %s is %q, want reference", l.Tag, got)
			}
		case c.Draft(l.Tag) && !strings.HasPrefix(got, "no"):
			t.Errorf("README: %s is %q, but its catalogue is a draft (reviewed = false)", l.Tag, got)
		case !c.Draft(l.Tag) && !strings.HasPrefix(got, "yes"):
			t.Errorf("README: %s is %q, but its catalogue is reviewed (%s)", l.Tag, got, c.Review(l.Tag).On)
		}
		delete(status, l.Tag)
	}
	for tag := range status {
		t.Errorf("README: a row for %s, which has no catalogue", tag)
	}
}
