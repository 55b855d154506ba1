package store_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"frontdoor/store"
)

// UpgradeLayout moves a contact's key of the old layout only by a name in
// store.ContactKeyNames(): a name passed to ContactKey that is not listed
// would be left behind, the person's data stranded.
func TestContactKeyNamesAreListed(t *testing.T) {
	call := regexp.MustCompile(`\.ContactKey\([^,()]+(?:\([^()]*\))?, *("[^"]*"|[A-Za-z_.]+)\)`)
	consts := map[string]string{"ChannelName": "webchat"}
	// The dispatcher names its keys through a helper and a loop.
	helper := regexp.MustCompile(`\bcontactKey\([^,()]+, *"([^"]*)"\)`)
	loop := regexp.MustCompile(`range \[\]string\{([^}]*)\} \{\s*names\[n\] = d\.keys\.ContactKey\(ck, n\)`)
	variable := map[string]bool{"name": true, "n": true}
	found := 0
	err := filepath.WalkDir("..", func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && (strings.HasPrefix(e.Name(), ".") && path != ".." || e.Name() == "testdata") {
			return filepath.SkipDir
		}
		if e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.HasPrefix(path, filepath.Join("..", "store")+string(filepath.Separator)) {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var names []string
		for _, m := range helper.FindAllStringSubmatch(string(src), -1) {
			names = append(names, m[1])
		}
		for _, m := range loop.FindAllStringSubmatch(string(src), -1) {
			for _, q := range strings.Split(m[1], ",") {
				names = append(names, strings.Trim(strings.TrimSpace(q), `"`))
			}
		}
		for _, name := range names {
			found++
			if !slices.Contains(store.ContactKeyNames(), name) {
				t.Errorf("%s: contact key name %q is not in store.ContactKeyNames()", path, name)
			}
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			name := strings.Trim(m[1], `"`)
			if variable[m[1]] && len(names) > 0 {
				continue // the helper's or the loop's, read above
			}
			if !strings.HasPrefix(m[1], `"`) {
				v, ok := consts[m[1][strings.LastIndex(m[1], ".")+1:]]
				if !ok {
					t.Errorf("%s: ContactKey with a name this test cannot read: %s", path, m[0])
					continue
				}
				name = v
			}
			found++
			if !slices.Contains(store.ContactKeyNames(), name) {
				t.Errorf("%s: ContactKey name %q is not in store.ContactKeyNames()", path, name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 10 {
		t.Errorf("found %d calls of ContactKey: the pattern no longer matches the sources", found)
	}
}
