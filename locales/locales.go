// Package locales holds Frontdoor's message catalogues, one go-i18n TOML file
// per language (<lang>.toml) that also names the language and its text
// direction, and the checks that every message renders in every language.
package locales

import (
	"cmp"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// catalogueFiles is a package variable only because go:embed requires one;
// embed.FS cannot be modified, so it is not mutable state.
//
//go:embed *.toml safety/*.toml
var catalogueFiles embed.FS

// A catalogue file is named <lang>.toml, <lang> a canonical BCP 47 tag
// ("ar", "fa-AF"), and holds every message of that language plus a
// [_meta] table describing the language:
//
//	[_meta]
//	native = "پښتو" # its name in itself, for the language menu
//	rtl = true      # written right to left
//	rank = 12       # place in the language menu (1 first); files without
//	                # one follow the ranked ones, by code
//	readers = "..." # who reads this file (one variety for two, a script)
//	serves = ["pa-Arab"] # other tags whose readers this file serves, while
//	                # no file of their own exists (Shahmukhi Punjabi: Urdu)
//
// so that adding a language is adding one file. Inside a file, comment
// banners keep the parts of Frontdoor (areas, handoff, booking, ...) apart.
const (
	fileSuffix = ".toml"
	metaTable  = "_meta"
)

// meta is a catalogue file's [_meta] table.
type meta struct {
	Native string `toml:"native"`
	RTL    bool   `toml:"rtl"`
	Rank   int    `toml:"rank"`
	// Readers says who reads the file when a code covers more than one
	// variety or script (Farsi and Dari; Punjabi in Gurmukhi).
	Readers string `toml:"readers"`
	// Serves lists tags of other languages or scripts whose readers this
	// file serves until they have a file of their own (pa-Arab in ur).
	Serves []string `toml:"serves"`
	// The review trail (review.go).
	Reviewed   bool   `toml:"reviewed"`
	ReviewedOn string `toml:"reviewed_on"`
	ReviewedBy string `toml:"reviewed_by"`
}

// Catalog is the loaded set of languages and messages. It is read-only after
// Load and safe for concurrent use, but for the desk's texts published from
// the console (live.go), which SetLive swaps in whole.
type Catalog struct {
	langs      []Language
	byTag      map[string]Language
	tags       map[string]language.Tag             // our code -> parsed tag
	messages   map[string]map[string]*i18n.Message // our code -> id -> message
	localizers map[string]*i18n.Localizer          // our code -> localizer
	ids        []string                            // sorted ids of the reference catalogue
	byBase     map[language.Base][]string          // base language -> our codes, in menu order
	bundle     *i18n.Bundle                        // kept so that desk overrides can replace texts
	safety     map[string]safetyNet                // our code -> safety net, for languages without a catalogue
	reviews    map[string]Review                   // our code -> what its [_meta] says of its review
	countVars  map[string]string                   // id -> the count variable of the English message ("" for none)
	served     []served                            // tags served by another language's file, in menu order
	readers    map[string]string                   // our code -> who reads the file ([_meta] readers)
	// live are the texts published from the console, laid over the
	// messages above (nil: none).
	live atomic.Pointer[overlay]
	// static keeps the shipped messages rendered without data (see
	// renderIn); shared with the views WithTexts makes.
	static *sync.Map
}

// rendered names a message rendered without data in a cache: the message
// itself, which nothing changes once loaded (an override or a published
// text is another message).
type rendered struct {
	m    *i18n.Message
	lang string
}

// Load loads the catalogues embedded in the binary.
func Load() (*Catalog, error) {
	return LoadFS(catalogueFiles)
}

// LoadFS loads the catalogues of fsys, every <lang>.toml file in its root:
// the embedded ones, or a directory with a language added.
func LoadFS(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*"+fileSuffix)
	if err != nil {
		return nil, fmt.Errorf("locales: listing catalogue files: %w", err)
	}
	return loadNames(fsys, names)
}

// catalogue is one language file, read.
type catalogue struct {
	name    string
	lang    Language
	tag     language.Tag
	rank    int
	review  Review
	readers string
	serves  []language.Tag
	msgs    []*i18n.Message
}

// served is a tag a catalogue serves besides its own.
type served struct {
	tag  language.Tag
	code string
}

// loadNames loads the catalogue files names of fsys.
func loadNames(fsys fs.FS, names []string) (*Catalog, error) {
	// Report every broken file at once, so whoever adds a language sees
	// all that is left to do in one run.
	var cats []catalogue
	var errs []error
	for _, name := range names {
		c, err := readCatalogue(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cats = append(cats, c)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sortByMenu(cats)
	c := &Catalog{
		byTag:      make(map[string]Language, len(cats)),
		tags:       make(map[string]language.Tag, len(cats)),
		messages:   make(map[string]map[string]*i18n.Message, len(cats)),
		localizers: make(map[string]*i18n.Localizer, len(cats)),
		byBase:     make(map[language.Base][]string, len(cats)),
		reviews:    make(map[string]Review, len(cats)),
		readers:    make(map[string]string, len(cats)),
		static:     &sync.Map{},
	}
	// English is the bundle default so that go-i18n's own fallback, if it
	// ever kicks in, agrees with ours.
	bundle := i18n.NewBundle(language.English)
	for _, cat := range cats {
		l := cat.lang
		// The tag comes from the file name, not from go-i18n's reading
		// of it, so that list and catalogue cannot disagree.
		if err := bundle.AddMessages(cat.tag, cat.msgs...); err != nil {
			return nil, fmt.Errorf("locales: adding %s: %w", cat.name, err)
		}
		byID := make(map[string]*i18n.Message, len(cat.msgs))
		for _, m := range cat.msgs {
			byID[m.ID] = m
		}
		base, _ := cat.tag.Base()
		c.langs = append(c.langs, l)
		c.byTag[l.Tag] = l
		c.tags[l.Tag] = cat.tag
		c.byBase[base] = append(c.byBase[base], l.Tag)
		c.messages[l.Tag] = byID
		c.reviews[l.Tag] = cat.review
		c.readers[l.Tag] = cat.readers
		for _, t := range cat.serves {
			c.served = append(c.served, served{tag: t, code: l.Tag})
		}
	}
	for _, required := range []string{referenceTag, defaultTag} {
		if _, ok := c.byTag[required]; !ok {
			return nil, fmt.Errorf("locales: %s%s is missing: language %q is required", required, fileSuffix, required)
		}
	}
	c.bundle = bundle
	for _, l := range c.langs {
		c.localizers[l.Tag] = i18n.NewLocalizer(bundle, l.Tag)
	}
	c.ids = sortedKeys(c.messages[referenceTag])
	c.countVars = make(map[string]string, len(c.ids))
	vars := templateVar()
	for _, id := range c.ids {
		c.countVars[id] = countVar(vars, c.messages[referenceTag][id])
	}
	if err := c.loadSafety(fsys); err != nil {
		return nil, err
	}
	return c, nil
}

// readCatalogue reads and checks one <lang>.toml file.
func readCatalogue(fsys fs.FS, name string) (catalogue, error) {
	code := strings.TrimSuffix(name, fileSuffix)
	t, err := language.Parse(code)
	if err != nil {
		return catalogue{}, fmt.Errorf("locales: %s: %q is not a BCP 47 language tag (name files <lang>%s): %w", name, code, fileSuffix, err)
	}
	// A non-canonical code ("fa_AF", "EN") would make stored preferences
	// ambiguous.
	if t.String() != code {
		return catalogue{}, fmt.Errorf("locales: %s: language code not in canonical form; name it %s%s", name, t.String(), fileSuffix)
	}
	buf, err := fs.ReadFile(fsys, name)
	if err != nil {
		return catalogue{}, fmt.Errorf("locales: reading %s: %w", name, err)
	}
	m, msgs, err := parseCatalogue(buf)
	if err != nil {
		return catalogue{}, fmt.Errorf("locales: parsing %s: %w", name, err)
	}
	if strings.TrimSpace(m.Native) == "" {
		return catalogue{}, fmt.Errorf("locales: %s: [%s] native is missing: the language's name in itself, for the language menu", name, metaTable)
	}
	if len(msgs) == 0 {
		return catalogue{}, fmt.Errorf("locales: %s contains no messages", name)
	}
	if m.Reviewed && (m.ReviewedOn == "" || strings.TrimSpace(m.ReviewedBy) == "") {
		return catalogue{}, fmt.Errorf("locales: %s: [%s] reviewed = true needs reviewed_on (YYYY-MM-DD) and reviewed_by (a role, not a name)", name, metaTable)
	}
	if m.ReviewedOn != "" {
		if _, err := time.Parse(time.DateOnly, m.ReviewedOn); err != nil {
			return catalogue{}, fmt.Errorf("locales: %s: [%s] reviewed_on %q is not a date YYYY-MM-DD", name, metaTable, m.ReviewedOn)
		}
	}
	if m.Rank < 0 {
		return catalogue{}, fmt.Errorf("locales: %s: [%s] rank %d: a place in the menu counts from 1", name, metaTable, m.Rank)
	}
	var serves []language.Tag
	for _, s := range m.Serves {
		st, err := language.Parse(s)
		if err != nil {
			return catalogue{}, fmt.Errorf("locales: %s: [%s] serves %q is not a BCP 47 language tag: %w", name, metaTable, s, err)
		}
		serves = append(serves, st)
	}
	return catalogue{name: name, lang: Language{Tag: code, Native: m.Native, RTL: m.RTL}, readers: m.Readers, tag: t, rank: m.Rank,
		review: Review{Reviewed: m.Reviewed, On: m.ReviewedOn, By: m.ReviewedBy}, serves: serves, msgs: msgs}, nil
}

// parseCatalogue splits a catalogue file into its [_meta] table and its
// messages. A key of [_meta] it does not know is an error: a misspelt
// "rlt" must not quietly turn Arabic left to right.
func parseCatalogue(buf []byte) (meta, []*i18n.Message, error) {
	var head struct {
		Meta meta `toml:"_meta"`
	}
	md, err := toml.Decode(string(buf), &head)
	if err != nil {
		return meta{}, nil, err
	}
	for _, k := range md.Undecoded() {
		if len(k) > 1 && k[0] == metaTable {
			return meta{}, nil, fmt.Errorf("[%s]: unknown key %q (known: %s)", metaTable, k[1], strings.Join(metaKeys(), ", "))
		}
	}
	var raw map[string]any
	if err := toml.Unmarshal(buf, &raw); err != nil {
		return meta{}, nil, err
	}
	delete(raw, metaTable)
	// go-i18n reads the messages from the table already decoded, without
	// [_meta], which is not a message.
	msgs, err := i18n.ParseMessageBytes(buf, func(_ []byte, v any) error {
		p, ok := v.(*any)
		if !ok {
			return fmt.Errorf("go-i18n asked to decode into %T", v)
		}
		*p = raw
		return nil
	})
	return head.Meta, msgs, err
}

// metaKeys are the keys [_meta] may have.
func metaKeys() []string {
	return []string{"native", "rtl", "rank", "readers", "serves", "reviewed", "reviewed_on", "reviewed_by"}
}

// sortByMenu orders the languages by their files' rank; files without one
// follow, by code, so a new file shows up without touching any other.
func sortByMenu(cats []catalogue) {
	rank := func(c catalogue) int {
		if c.rank > 0 {
			return c.rank
		}
		return math.MaxInt
	}
	slices.SortStableFunc(cats, func(a, b catalogue) int {
		if r := cmp.Compare(rank(a), rank(b)); r != 0 {
			return r
		}
		return strings.Compare(a.lang.Tag, b.lang.Tag)
	})
}

// Languages returns the supported languages in menu order.
func (c *Catalog) Languages() []Language {
	return slices.Clone(c.langs)
}

// Tags returns the codes of the supported languages, in menu order: the
// languages an operator account may speak.
func (c *Catalog) Tags() []string {
	tags := make([]string, len(c.langs))
	for i, l := range c.langs {
		tags[i] = l.Tag
	}
	return tags
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
	// A script none of the language's own files is written in goes to the
	// file that serves its readers, if one says so: Punjabi in Shahmukhi
	// ("pa-Arab", "pa-PK") to Urdu, not to the Gurmukhi file they cannot
	// read.
	// A language with no file of its own goes to the file that serves it
	// ("prs", Dari, to Persian).
	if script, conf := t.Script(); len(codes) == 0 || (conf != language.No && !c.writtenIn(codes, script)) {
		for _, s := range c.served {
			sb, _ := s.tag.Base()
			ss, sc := s.tag.Script()
			if sb == base && (sc != language.Exact || ss == script) {
				return s.code, true
			}
		}
	}
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

// Readers says who lang's file is written for, as its [_meta] readers
// does where a code covers two varieties or scripts ("" when it says
// nothing).
func (c *Catalog) Readers(lang string) string {
	return c.readers[lang]
}

// writtenIn reports whether one of codes is written in script.
func (c *Catalog) writtenIn(codes []string, script language.Script) bool {
	for _, code := range codes {
		if s, _ := c.tags[code].Script(); s == script {
			return true
		}
	}
	return false
}

// countVarNames are the template variables that hold a number of things
// ({{.Count}} characters, {{.Days}} days): the one a message uses selects its
// plural form, and every language must have all its CLDR forms for it.
func countVarNames() []string { return []string{"Count", "Days"} }

// countVar is the count variable English message m uses: the first of
// countVarNames it uses, or "Count" for a message with plural forms that
// writes no number ("one minute"), or "" when m does not vary with a count.
func countVar(vars *regexp.Regexp, m *i18n.Message) string {
	used := usedVars(vars, m)
	for _, v := range countVarNames() {
		if slices.Contains(used, v) {
			return v
		}
	}
	if isPlural(m) {
		return "Count"
	}
	return ""
}

// Text renders message id in lang. data may be nil; the integer-like count
// variable the message uses ({{.Count}}, {{.Days}}) selects its plural form.
// It falls back to English when lang is not
// supported or the message is missing or broken there, and returns id itself
// when nothing can be rendered, because a wrong text is better than no reply.
func (c *Catalog) Text(lang, id string, data map[string]any) string {
	if !c.Supported(lang) {
		lang = referenceTag
	}
	if s, err := c.render(lang, id, data); err == nil {
		return s
	}
	if lang != referenceTag {
		if s, err := c.render(referenceTag, id, data); err == nil {
			return s
		}
	}
	return id
}

// render renders one message in one language without falling back to
// another language, so that Text and Check see every failure. A published
// text that fails (it passed the checks when it was published, so only a
// new release can break it) gives way to the shipped one of the same
// language. The message's count variable in data selects the plural
// form of messages that have plural forms.
func (c *Catalog) render(lang, id string, data map[string]any) (string, error) {
	if o := c.live.Load(); o.has(lang, id) {
		if s, err := c.renderIn(o, lang, id, data); err == nil {
			return s, nil
		}
	}
	return c.renderIn(nil, lang, id, data)
}

// renderIn renders one message as the overlay o (nil: none) lays it over
// the shipped catalogues, with no fallback at all.
func (c *Catalog) renderIn(o *overlay, lang, id string, data map[string]any) (out string, err error) {
	m, ok := c.messages[lang][id]
	loc := c.localizers[lang]
	cache := c.static
	if o.has(lang, id) {
		m, loc = o.messages[lang][id], o.localizers[lang]
		ok = true
		cache = &o.static
	}
	if !ok {
		return "", fmt.Errorf("message %q not found in %s", id, lang)
	}
	// A message without data (a prompt, a button, the choice hint: most
	// of a turn's) renders the same every time: go-i18n's language
	// matching and the template run once, not at every turn.
	key := rendered{m, lang}
	if data == nil && cache != nil {
		if s, ok := cache.Load(key); ok {
			return s.(string), nil
		}
		defer func() {
			if err == nil {
				cache.Store(key, out)
			}
		}()
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
	// not have, so a count meant for the template must not reach messages
	// without plural forms.
	if count, ok := pluralCount(data[c.countVars[id]]); ok && isPlural(m) {
		lc.PluralCount = count
	}
	s, tag, err := loc.LocalizeWithTag(lc)
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
