package locales

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"text/template"
)

// Safety nets: for a language Frontdoor does not speak yet, a file
// safety/<lang>.toml in the format of a catalogue holds only the lines a
// person in danger must be able to read (SafetyIDs), so that someone who
// writes Pashto or Tigrinya still gets the emergency number in their own
// language. A full catalogue holds them too; once a language gets one, its
// safety file goes.
const safetyDir = "safety"

// SafetyIDs are the messages of a safety net: the emergency line and the
// notice that the language is not available yet.
func SafetyIDs() []string { return []string{"urgent.short", "language.unavailable"} }

// safetyNet is one language's safety file, parsed.
type safetyNet struct {
	lang  Language
	texts map[string]*template.Template
}

// loadSafety reads safety/*.toml of fsys (none is fine: a directory of
// catalogues made for a test).
func (c *Catalog) loadSafety(fsys fs.FS) error {
	names, err := fs.Glob(fsys, safetyDir+"/*"+fileSuffix)
	if err != nil {
		return fmt.Errorf("locales: listing safety files: %w", err)
	}
	c.safety = make(map[string]safetyNet, len(names))
	sub, err := fs.Sub(fsys, safetyDir)
	if err != nil {
		return fmt.Errorf("locales: %w", err)
	}
	var errs []error
	for _, name := range names {
		cat, err := readCatalogue(sub, strings.TrimPrefix(name, safetyDir+"/"))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", safetyDir, err))
			continue
		}
		if c.Supported(cat.lang.Tag) {
			errs = append(errs, fmt.Errorf("locales: %s: %s has a full catalogue; remove its safety file", name, cat.lang.Tag))
			continue
		}
		n := safetyNet{lang: cat.lang, texts: map[string]*template.Template{}}
		for _, m := range cat.msgs {
			if !slices.Contains(SafetyIDs(), m.ID) {
				errs = append(errs, fmt.Errorf("locales: %s: message %q is not a safety message (want %s)", name, m.ID, strings.Join(SafetyIDs(), ", ")))
				continue
			}
			t, err := template.New(m.ID).Option("missingkey=error").Parse(m.Other)
			if err != nil {
				errs = append(errs, fmt.Errorf("locales: %s: %s: %w", name, m.ID, err))
				continue
			}
			n.texts[m.ID] = t
		}
		for _, id := range SafetyIDs() {
			if n.texts[id] == nil {
				errs = append(errs, fmt.Errorf("locales: %s: message %q is missing", name, id))
			}
		}
		c.safety[cat.lang.Tag] = n
	}
	return errors.Join(errs...)
}

// SafetyText renders a safety message (SafetyIDs) in lang, a supported
// language or one with a safety net; ok is false when lang has neither.
func (c *Catalog) SafetyText(lang, id string, data map[string]any) (text string, rtl, ok bool) {
	if l, supported := c.byTag[lang]; supported {
		if s, err := c.render(lang, id, data); err == nil {
			return s, l.RTL, true
		}
		return "", false, false
	}
	n, has := c.safety[lang]
	if !has || n.texts[id] == nil {
		return "", false, false
	}
	var b strings.Builder
	if err := n.texts[id].Execute(&b, data); err != nil {
		return "", false, false
	}
	return b.String(), n.lang.RTL, true
}

// SafetyLanguages returns the languages that have only a safety net, by code.
func (c *Catalog) SafetyLanguages() []Language {
	out := make([]Language, 0, len(c.safety))
	for _, n := range c.safety {
		out = append(out, n.lang)
	}
	slices.SortFunc(out, func(a, b Language) int { return strings.Compare(a.Tag, b.Tag) })
	return out
}
