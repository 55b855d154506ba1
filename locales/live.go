package locales

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// The desk's texts, published from the console while Frontdoor runs, are
// laid over the catalogues: the embedded files, then the override files of
// locales.overrides (read at start), then these. SetLive swaps the whole
// layer at once, so a reader sees every text of one publication or none.
// A text is checked exactly as an override file is (checkMessage against
// the English shipped), so a text that breaks a template never reaches a
// person.

// Text is one message in one language as a desk writes it: its plural
// forms, or Other alone for a message without them.
type Text struct {
	Lang  string `json:"lang"`
	ID    string `json:"id"`
	Zero  string `json:"zero,omitempty"`
	One   string `json:"one,omitempty"`
	Two   string `json:"two,omitempty"`
	Few   string `json:"few,omitempty"`
	Many  string `json:"many,omitempty"`
	Other string `json:"other"`
	// Hash is SourceHash of the English message the text was written
	// from, "" when it was never reviewed against one (review.go).
	Hash string `json:"hash,omitempty"`
}

// Form returns the text of a plural form ("one", "few", ...; "other").
func (t Text) Form(form string) string { return formText(t.message(), form) }

// SetForm sets the text of a plural form; it reports false for a name
// that is not a CLDR plural form.
func (t *Text) SetForm(form, s string) bool {
	switch form {
	case formZero:
		t.Zero = s
	case formOne:
		t.One = s
	case formTwo:
		t.Two = s
	case formFew:
		t.Few = s
	case formMany:
		t.Many = s
	case formOther:
		t.Other = s
	default:
		return false
	}
	return true
}

func (t Text) message() *i18n.Message {
	return &i18n.Message{ID: t.ID, Hash: t.Hash, Zero: t.Zero, One: t.One, Two: t.Two, Few: t.Few, Many: t.Many, Other: t.Other}
}

func textOf(lang string, m *i18n.Message) Text {
	return Text{Lang: lang, ID: m.ID, Zero: m.Zero, One: m.One, Two: m.Two, Few: m.Few, Many: m.Many, Other: m.Other, Hash: m.Hash}
}

// overlay is a set of texts laid over the catalogues, with a go-i18n
// bundle of its own; read-only once built.
type overlay struct {
	messages   map[string]map[string]*i18n.Message // our code -> id -> message
	localizers map[string]*i18n.Localizer
	// static keeps its messages rendered without data (see renderIn).
	static sync.Map
}

func (o *overlay) has(lang, id string) bool {
	if o == nil {
		return false
	}
	_, ok := o.messages[lang][id]
	return ok
}

// Editable reports whether the console may change message id: the words
// people type (words.*) are read once at start into the recognisers, so
// they change in the catalogue files only.
func (c *Catalog) Editable(id string) bool {
	_, ok := c.messages[referenceTag][id]
	return ok && !isWordsID(id)
}

// Shipped is message id in lang as the catalogue files say it (with the
// desk's override files), whatever was published since.
func (c *Catalog) Shipped(lang, id string) (Text, bool) {
	m, ok := c.messages[lang][id]
	if !ok {
		return Text{}, false
	}
	return textOf(lang, m), true
}

// Current is message id in lang as people read it now: the text published
// from the console, else the shipped one.
func (c *Catalog) Current(lang, id string) (Text, bool) {
	m, ok := c.message(lang, id)
	if !ok {
		return Text{}, false
	}
	return textOf(lang, m), true
}

// message is the message people read now.
func (c *Catalog) message(lang, id string) (*i18n.Message, bool) {
	if o := c.live.Load(); o.has(lang, id) {
		return o.messages[lang][id], true
	}
	m, ok := c.messages[lang][id]
	return m, ok
}

// SourceHashOf is the hash a translation of message id written now is
// reviewed against: SourceHash of the English people read now.
func (c *Catalog) SourceHashOf(id string) string {
	ref, ok := c.message(referenceTag, id)
	if !ok {
		return ""
	}
	return SourceHash(c.messages[referenceTag][id].Description, ref.Other)
}

// Forms are the plural forms a text of message id in lang must have, in
// CLDR order: "other" alone for a message without plural forms.
func (c *Catalog) Forms(lang, id string) ([]string, error) {
	ref, ok := c.messages[referenceTag][id]
	if !ok {
		return nil, fmt.Errorf("locales: %s: no such message", id)
	}
	if !isPlural(ref) {
		return []string{formOther}, nil
	}
	tag, ok := c.tags[lang]
	if !ok {
		return nil, fmt.Errorf("locales: no catalogue %s%s", lang, fileSuffix)
	}
	rule, err := pluralForms(tag)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range allForms() {
		if _, used := rule.forms[f]; used {
			out = append(out, f)
		}
	}
	return out, nil
}

// CheckText checks a text as the override files are checked at start:
// a known language and message, every plural form the language needs and
// no other, the English template variables exactly, no "<no value>", the
// isolates of right-to-left text. It returns one error per problem.
func (c *Catalog) CheckText(t Text) []error {
	_, errs := c.layer(nil, []Text{t})
	return errs
}

// SetLive lays ts over the catalogues in place of the texts laid before:
// every reader of the catalogue sees them from now on. A text that fails
// CheckText is left out (the shipped one stays) and reported.
func (c *Catalog) SetLive(ts []Text) []error {
	o, errs := c.layer(nil, ts)
	c.live.Store(o)
	return errs
}

// WithTexts is a catalogue that reads like c with ts laid over its live
// texts, for trying texts before they are published (the preview); c is
// unchanged. Texts that fail CheckText are left out and reported.
func (c *Catalog) WithTexts(ts []Text) (*Catalog, []error) {
	o, errs := c.layer(c.live.Load(), ts)
	v := &Catalog{langs: c.langs, byTag: c.byTag, tags: c.tags, messages: c.messages, localizers: c.localizers,
		ids: c.ids, byBase: c.byBase, bundle: c.bundle, safety: c.safety, reviews: c.reviews, countVars: c.countVars,
		static: c.static}
	v.live.Store(o)
	return v, errs
}

// layer builds the overlay of base's texts and ts (ts win), checking each
// of ts; the ones with problems are left out.
func (c *Catalog) layer(base *overlay, ts []Text) (*overlay, []error) {
	var errs []error
	all := map[string]map[string]*i18n.Message{}
	if base != nil {
		for lang, msgs := range base.messages {
			all[lang] = map[string]*i18n.Message{}
			for id, m := range msgs {
				all[lang][id] = m
			}
		}
	}
	var candidates []Text
	for _, t := range ts {
		if err := c.knownText(t); err != nil {
			errs = append(errs, err)
			continue
		}
		if all[t.Lang] == nil {
			all[t.Lang] = map[string]*i18n.Message{}
		}
		all[t.Lang][t.ID] = t.message()
		candidates = append(candidates, t)
	}
	o, err := c.newOverlay(all)
	if err != nil {
		return base, append(errs, err)
	}
	vars := templateVar()
	bad := false
	rules := map[string]pluralRule{} // finding a language's forms renders a few hundred probes
	for _, t := range candidates {
		rule, ok := rules[t.Lang]
		if !ok {
			if rule, err = pluralForms(c.tags[t.Lang]); err != nil {
				return base, append(errs, fmt.Errorf("locales: %s: finding plural forms: %w", t.Lang, err))
			}
			rules[t.Lang] = rule
		}
		problems := c.checkMessage(o, c.byTag[t.Lang], rule, vars, c.messages[referenceTag][t.ID], o.messages[t.Lang][t.ID])
		if len(problems) > 0 {
			errs = append(errs, problems...)
			delete(all[t.Lang], t.ID)
			bad = true
		}
	}
	if bad {
		// Every message renders on its own, so leaving the bad ones out
		// cannot break the good ones: build once more without them.
		if o, err = c.newOverlay(all); err != nil {
			return base, append(errs, err)
		}
	}
	return o, errs
}

// knownText refuses a text of a language or message the catalogues do not
// have, or one of the words read only at start.
func (c *Catalog) knownText(t Text) error {
	switch {
	case !c.Supported(t.Lang):
		return fmt.Errorf("locales: %s: language %q is not supported", t.ID, t.Lang)
	case !c.Editable(t.ID) && isWordsID(t.ID):
		return fmt.Errorf("locales: %s%s: %s: the words people type are read at start: change them in the catalogue file", t.Lang, fileSuffix, t.ID)
	case !c.Editable(t.ID):
		return fmt.Errorf("locales: %s%s: %s: no such message id", t.Lang, fileSuffix, t.ID)
	}
	return nil
}

// newOverlay builds the bundle and localizers of msgs.
func (c *Catalog) newOverlay(msgs map[string]map[string]*i18n.Message) (*overlay, error) {
	o := &overlay{messages: map[string]map[string]*i18n.Message{}, localizers: map[string]*i18n.Localizer{}}
	b := i18n.NewBundle(language.English)
	var errs []error
	for _, lang := range sortedKeys(msgs) {
		if len(msgs[lang]) == 0 {
			continue
		}
		o.messages[lang] = msgs[lang]
		for _, id := range sortedKeys(msgs[lang]) {
			if err := b.AddMessages(c.tags[lang], msgs[lang][id]); err != nil {
				errs = append(errs, fmt.Errorf("locales: %s%s: %s: %w", lang, fileSuffix, id, err))
			}
		}
		o.localizers[lang] = i18n.NewLocalizer(b, lang)
	}
	return o, errors.Join(errs...)
}

// Live lists the texts laid over the catalogues now, by language and id.
func (c *Catalog) Live() []Text {
	o := c.live.Load()
	if o == nil {
		return nil
	}
	var out []Text
	for _, lang := range sortedKeys(o.messages) {
		for _, id := range sortedKeys(o.messages[lang]) {
			out = append(out, textOf(lang, o.messages[lang][id]))
		}
	}
	return out
}

// Find lists the messages whose id or current text in one of langs (every
// language when langs is empty) contains query, ignoring case, as
// (language, id) texts in the English catalogue's order; at most limit.
func (c *Catalog) Find(query string, langs []string, limit int) []Text {
	q := strings.ToLower(strings.TrimSpace(query))
	if len(langs) == 0 {
		langs = c.Tags()
	}
	var out []Text
	for _, id := range c.ids {
		if !c.Editable(id) {
			continue
		}
		idMatch := strings.Contains(strings.ToLower(id), q)
		for _, lang := range langs {
			t, ok := c.Current(lang, id)
			if !ok {
				continue
			}
			if idMatch || slices.ContainsFunc(allForms(), func(f string) bool { return strings.Contains(strings.ToLower(t.Form(f)), q) }) {
				out = append(out, t)
				if len(out) == limit {
					return out
				}
			}
		}
	}
	return out
}
