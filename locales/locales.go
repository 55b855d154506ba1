// Package locales holds Frontdoor's message catalogues (one go-i18n TOML file per
// language), the list of supported languages with their native names and text
// direction, and the checks that every message renders in every language.
package locales

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// catalogueFiles is a package variable only because go:embed requires one;
// embed.FS cannot be modified, so it is not mutable state.
//
//go:embed *.toml
var catalogueFiles embed.FS

// Catalogue files are named <group>.<lang>.toml. The group "active" holds
// the core messages and must exist for every language; other groups
// (areas, handoff, booking, ...) let each part of Frontdoor keep its texts
// in files of its own. A message id must be unique across groups.
const (
	filePrefix = "active."
	fileSuffix = ".toml"
)

// Catalog is the loaded set of languages and messages. It is read-only after
// Load and safe for concurrent use.
type Catalog struct {
	langs      []Language
	byTag      map[string]Language
	tags       map[string]language.Tag             // our code -> parsed tag
	messages   map[string]map[string]*i18n.Message // our code -> id -> message
	localizers map[string]*i18n.Localizer          // our code -> localizer
	ids        []string                            // sorted ids of the reference catalogue
	byBase     map[language.Base][]string          // base language -> our codes, in menu order
	bundle     *i18n.Bundle                        // kept so that desk overrides can replace texts
}

// Load loads the catalogues embedded in the binary.
func Load() (*Catalog, error) {
	return loadFS(catalogueFiles, languages())
}

// loadFS takes the file system and language list as parameters so tests can
// feed it broken catalogues.
func loadFS(fsys fs.FS, langs []Language) (*Catalog, error) {
	c := &Catalog{
		langs:      slices.Clone(langs),
		byTag:      make(map[string]Language, len(langs)),
		tags:       make(map[string]language.Tag, len(langs)),
		messages:   make(map[string]map[string]*i18n.Message, len(langs)),
		localizers: make(map[string]*i18n.Localizer, len(langs)),
		byBase:     make(map[language.Base][]string, len(langs)),
	}
	if err := c.indexLanguages(); err != nil {
		return nil, err
	}

	files, err := catalogueFileTags(fsys)
	if err != nil {
		return nil, err
	}
	// Report every mismatch between list and files at once, so whoever adds
	// a language sees all that is left to do in one run.
	var errs []error
	for _, l := range c.langs {
		if _, ok := files[l.Tag]; !ok {
			errs = append(errs, fmt.Errorf("locales: language %q (%s) is in the language list but %s%s%s is missing", l.Tag, l.Native, filePrefix, l.Tag, fileSuffix))
		}
	}
	for _, tag := range sortedKeys(files) {
		if _, ok := c.byTag[tag]; !ok {
			errs = append(errs, fmt.Errorf("locales: %s has no entry in the language list; add a line for %q to languages() in locales/languages.go", files[tag], tag))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	// English is the bundle default so that go-i18n's own fallback, if it
	// ever kicks in, agrees with ours.
	groups, err := groupFiles(fsys)
	if err != nil {
		return nil, err
	}
	for _, tag := range sortedKeys(groups) {
		if _, ok := c.byTag[tag]; !ok {
			return nil, fmt.Errorf("locales: %s is for language %q, which is not in the language list", groups[tag][0], tag)
		}
	}
	bundle := i18n.NewBundle(language.English)
	for _, l := range c.langs {
		byID := map[string]*i18n.Message{}
		for _, name := range groups[l.Tag] {
			buf, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("locales: reading %s: %w", name, err)
			}
			msgs, err := i18n.ParseMessageBytes(buf, toml.Unmarshal)
			if err != nil {
				return nil, fmt.Errorf("locales: parsing %s: %w", name, err)
			}
			if len(msgs) == 0 {
				return nil, fmt.Errorf("locales: %s contains no messages", name)
			}
			// The tag comes from our list, not from go-i18n's reading of the
			// file name, so that list and catalogue cannot disagree.
			if err := bundle.AddMessages(c.tags[l.Tag], msgs...); err != nil {
				return nil, fmt.Errorf("locales: adding %s: %w", name, err)
			}
			for _, m := range msgs {
				if _, dup := byID[m.ID]; dup {
					return nil, fmt.Errorf("locales: %s: message %q is also in another %s file", name, m.ID, l.Tag)
				}
				byID[m.ID] = m
			}
		}
		c.messages[l.Tag] = byID
	}
	c.bundle = bundle
	for _, l := range c.langs {
		c.localizers[l.Tag] = i18n.NewLocalizer(bundle, l.Tag)
	}
	c.ids = sortedKeys(c.messages[referenceTag])
	return c, nil
}

// indexLanguages validates the language list and builds the lookup maps.
func (c *Catalog) indexLanguages() error {
	for _, l := range c.langs {
		if _, dup := c.byTag[l.Tag]; dup {
			return fmt.Errorf("locales: language %q is listed twice", l.Tag)
		}
		t, err := language.Parse(l.Tag)
		if err != nil {
			return fmt.Errorf("locales: language %q in the list is not a valid BCP 47 tag: %w", l.Tag, err)
		}
		// A non-canonical code ("fa_AF", "EN") would make file names and
		// stored preferences ambiguous.
		if t.String() != l.Tag {
			return fmt.Errorf("locales: language %q in the list is not in canonical form; write %q", l.Tag, t.String())
		}
		if strings.TrimSpace(l.Native) == "" {
			return fmt.Errorf("locales: language %q in the list has no native name", l.Tag)
		}
		base, _ := t.Base()
		c.byTag[l.Tag] = l
		c.tags[l.Tag] = t
		c.byBase[base] = append(c.byBase[base], l.Tag)
	}
	for _, required := range []string{referenceTag, defaultTag} {
		if _, ok := c.byTag[required]; !ok {
			return fmt.Errorf("locales: language %q must be in the language list", required)
		}
	}
	return nil
}

// catalogueFileTags maps the language code of every active.<code>.toml file to its name.
func catalogueFileTags(fsys fs.FS) (map[string]string, error) {
	names, err := fs.Glob(fsys, filePrefix+"*"+fileSuffix)
	if err != nil {
		return nil, fmt.Errorf("locales: listing catalogue files: %w", err)
	}
	files := make(map[string]string, len(names))
	for _, name := range names {
		tag := strings.TrimSuffix(strings.TrimPrefix(name, filePrefix), fileSuffix)
		files[tag] = name
	}
	return files, nil
}

// groupFiles maps each language code to its catalogue files of every group,
// "active" first, the others in name order.
func groupFiles(fsys fs.FS) (map[string][]string, error) {
	names, err := fs.Glob(fsys, "*"+fileSuffix)
	if err != nil {
		return nil, fmt.Errorf("locales: listing catalogue files: %w", err)
	}
	slices.Sort(names)
	out := map[string][]string{}
	for _, name := range names {
		group, tag, ok := strings.Cut(strings.TrimSuffix(name, fileSuffix), ".")
		if !ok || group == "" || tag == "" {
			return nil, fmt.Errorf("locales: %s is not named <group>.<language>.toml", name)
		}
		if group+"." == filePrefix {
			out[tag] = append([]string{name}, out[tag]...)
		} else {
			out[tag] = append(out[tag], name)
		}
	}
	return out, nil
}

// Languages returns the supported languages in menu order.
func (c *Catalog) Languages() []Language {
	return slices.Clone(c.langs)
}

// Supported reports whether tag is one of our language codes, exactly.
func (c *Catalog) Supported(tag string) bool {
	_, ok := c.byTag[tag]
	return ok
}

// Language returns the language with code tag.
func (c *Catalog) Language(tag string) (Language, bool) {
	l, ok := c.byTag[tag]
	return l, ok
}

// Default returns the language used before a person has chosen one.
func (c *Catalog) Default() string {
	return defaultTag
}

// IDs returns all message ids of the English catalogue, sorted.
func (c *Catalog) IDs() []string {
	return slices.Clone(c.ids)
}

// Match maps a client hint (a BCP 47 tag such as "ar-EG", or an Accept-Language
// list) to a supported language code. It compares base languages itself rather
// than using language.Matcher, whose distance rules map some languages to others
// we would not choose (Belarusian to Russian, Sorani to Arabic).
func (c *Catalog) Match(hint string) (string, bool) {
	hint = strings.TrimSpace(hint)
	if hint == "" {
		return "", false
	}
	if strings.ContainsAny(hint, ",;") {
		tags, _, err := language.ParseAcceptLanguage(hint)
		if err != nil {
			return "", false
		}
		for _, t := range tags {
			if code, ok := c.matchTag(t); ok {
				return code, true
			}
		}
		return "", false
	}
	// Android and Java clients send "pt_BR"; Parse wants hyphens.
	hint = strings.ReplaceAll(hint, "_", "-")
	t, err := language.Parse(hint)
	if err != nil {
		// Keep what a sloppy client got right: "en-XYZ123" still says English.
		first, _, _ := strings.Cut(hint, "-")
		if t, err = language.Parse(first); err != nil {
			return "", false
		}
	}
	return c.matchTag(t)
}

// matchTag picks, among our languages with the same base language as t, the one
// with the same region if there is one (so a later "fa-AF" beside "fa" works),
// otherwise the first in menu order.
func (c *Catalog) matchTag(t language.Tag) (string, bool) {
	// Folds ISO 639-3 codes into the macrolanguage we list ("arb" -> "ar",
	// "cmn" -> "zh", "als" -> "sq"); on error t is still usable as it is.
	if ct, err := language.All.Canonicalize(t); err == nil {
		t = ct
	}
	// Base guesses a language for "und" and private-use tags; only a base
	// the client actually wrote counts.
	base, conf := t.Base()
	if conf != language.Exact {
		return "", false
	}
	codes := c.byBase[base]
	if len(codes) == 0 {
		return "", false
	}
	if region, conf := t.Region(); conf == language.Exact {
		for _, code := range codes {
			if r, rc := c.tags[code].Region(); rc == language.Exact && r == region {
				return code, true
			}
		}
	}
	return codes[0], true
}

// Text renders message id in lang. data may be nil; an integer-like "Count" in
// data selects the plural form. It falls back to English when lang is not
// supported or the message is missing or broken there, and returns id itself
// when nothing can be rendered, because a wrong text is better than no reply.
func (c *Catalog) Text(lang, id string, data map[string]any) string {
	if !c.Supported(lang) {
		lang = referenceTag
	}
	count, _ := pluralCount(data["Count"])
	if s, err := c.render(lang, id, data, count); err == nil {
		return s
	}
	if lang != referenceTag {
		if s, err := c.render(referenceTag, id, data, count); err == nil {
			return s
		}
	}
	return id
}

// render renders one message in one language without any fallback, so that
// Text and Check see every failure. count (nil, int64 or a decimal string)
// selects the plural form of messages that have plural forms.
func (c *Catalog) render(lang, id string, data map[string]any, count any) (out string, err error) {
	m, ok := c.messages[lang][id]
	if !ok {
		return "", fmt.Errorf("message %q not found in %s", id, lang)
	}
	// Text promises never to panic; a template calling into odd data could.
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("rendering %q in %s panicked: %v", id, lang, r)
		}
	}()
	lc := &i18n.LocalizeConfig{MessageID: id}
	if data != nil {
		lc.TemplateData = data
	}
	// go-i18n reports an error when a count selects a form a message does
	// not have, so a Count meant for the template must not reach messages
	// without plural forms.
	if count != nil && isPlural(m) {
		lc.PluralCount = count
	}
	s, tag, err := c.localizers[lang].LocalizeWithTag(lc)
	if err != nil {
		return "", fmt.Errorf("rendering %q in %s: %w", id, lang, err)
	}
	// go-i18n matches the localizer's language against the bundle; guard
	// against it ever picking a different catalogue.
	if tag != c.tags[lang] {
		return "", fmt.Errorf("rendering %q in %s: go-i18n used the %s catalogue", id, lang, tag)
	}
	return s, nil
}

// pluralCount converts v to a value go-i18n accepts as PluralCount (int64 or a
// decimal string); it rejects anything that is not a number.
func pluralCount(v any) (any, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case uint:
		return uintCount(uint64(n))
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	case uint64:
		return uintCount(n)
	case float32:
		return floatCount(float64(n))
	case float64:
		return floatCount(n)
	case json.Number:
		return numericString(string(n))
	case string:
		return numericString(n)
	}
	return nil, false
}

func uintCount(n uint64) (any, bool) {
	if n > math.MaxInt64 {
		return strconv.FormatUint(n, 10), true
	}
	return int64(n), true
}

// floatCount keeps whole numbers as integers because CLDR rules treat "5" and
// "5.0" differently (visible fraction digits), and numbers decoded from JSON are
// floats.
func floatCount(f float64) (any, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, false
	}
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return int64(f), true
	}
	return strconv.FormatFloat(f, 'f', -1, 64), true
}

// numericString accepts plain decimals such as "5" or "1.5", the only strings
// go-i18n reads as plural counts; ParseFloat would also let "NaN" through.
func numericString(s string) (any, bool) {
	digits, dots := 0, 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
			dots++
		case r == '-' && i == 0:
		default:
			return nil, false
		}
	}
	if digits == 0 || dots > 1 {
		return nil, false
	}
	return s, true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
