package locales

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// LoadWithOverrides loads the embedded catalogues, then lets a desk change
// their wording without rebuilding: every <name>.<lang>.toml file in dir
// replaces the texts of existing messages in that language. Overrides
// cannot add messages or languages, and each replaced message must pass
// the same checks as the embedded ones (variables, plural forms, isolates
// in right-to-left text), so a typo in a desk's file stops the start-up
// with the file and message named instead of showing people "<no value>".
// Files not ending in .toml (a README) are ignored.
func LoadWithOverrides(dir string) (*Catalog, error) {
	// A configured directory that is not there is a mistake in the
	// configuration, not "no overrides".
	if fi, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("locales: overrides: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("locales: overrides: %s is not a directory", dir)
	}
	c, err := Load()
	if err != nil {
		return nil, err
	}
	if err := c.override(os.DirFS(dir)); err != nil {
		return nil, fmt.Errorf("locales: overrides in %s: %w", dir, err)
	}
	return c, nil
}

// override applies the override files of fsys, reporting every problem of
// every file at once.
func (c *Catalog) override(fsys fs.FS) error {
	names, err := fs.Glob(fsys, "*"+fileSuffix)
	if err != nil {
		return fmt.Errorf("listing override files: %w", err)
	}
	slices.Sort(names)
	var errs []error
	from := map[string]string{} // lang/id -> file, to catch one text overridden twice
	for _, name := range names {
		tag, ok := overrideTag(name)
		if !ok {
			errs = append(errs, fmt.Errorf("%s: not named <name>.<language>%s", name, fileSuffix))
			continue
		}
		l, ok := c.byTag[tag]
		if !ok {
			errs = append(errs, fmt.Errorf("%s: language %q is not supported", name, tag))
			continue
		}
		buf, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		msgs, err := i18n.ParseMessageBytes(buf, toml.Unmarshal)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		errs = append(errs, c.overrideFile(name, l, msgs, from)...)
	}
	return errors.Join(errs...)
}

// overrideFile replaces the messages of one file in language l and checks
// each one as Check would.
func (c *Catalog) overrideFile(name string, l Language, msgs []*i18n.Message, from map[string]string) []error {
	rule, err := pluralForms(c.tags[l.Tag])
	if err != nil {
		return []error{fmt.Errorf("%s: finding plural forms of %s: %w", name, l.Tag, err)}
	}
	var errs []error
	vars := templateVar()
	ref := c.messages[referenceTag]
	for _, m := range msgs {
		// Taken before the replacement: an English override is checked
		// against the embedded English, not against itself.
		orig, ok := ref[m.ID]
		if !ok {
			errs = append(errs, fmt.Errorf("%s: %s: no such message id", name, m.ID))
			continue
		}
		key := l.Tag + "/" + m.ID
		if other, dup := from[key]; dup {
			errs = append(errs, fmt.Errorf("%s: %s: already overridden in %s", name, m.ID, other))
			continue
		}
		from[key] = name
		if err := c.bundle.AddMessages(c.tags[l.Tag], m); err != nil {
			errs = append(errs, fmt.Errorf("%s: %s: %w", name, m.ID, err))
			continue
		}
		c.messages[l.Tag][m.ID] = m
		for _, err := range c.checkMessage(nil, l, rule, vars, orig, m) {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	}
	return errs
}

// overrideTag takes the language from "<name>.<lang>.toml".
func overrideTag(file string) (string, bool) {
	stem, ok := strings.CutSuffix(file, fileSuffix)
	if !ok {
		return "", false
	}
	i := strings.LastIndex(stem, ".")
	if i <= 0 || i == len(stem)-1 {
		return "", false
	}
	return stem[i+1:], true
}
