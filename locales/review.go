package locales

import (
	"bytes"
	"crypto/sha1"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// The review trail. A catalogue's [_meta] says whether a fluent human has
// reviewed it, when and in what role (never a name):
//
//	reviewed = true
//	reviewed_on = "2026-11-20"
//	reviewed_by = "cultural mediator, Arabic"
//
// and each message reviewed against the English text carries go-i18n's own
// hash of that text (hash = "sha1-…", the sha1 of the English description
// and text, as `goi18n merge` computes it). A message without it, or whose
// English text has changed since, is what `frontdoor locales export` gives
// a translator to fill.

// Review is what a catalogue declares about its review.
type Review struct {
	Reviewed bool
	On       string // YYYY-MM-DD
	By       string // a role, not a name
}

// Review returns what the catalogue of lang declares about its review.
// English is the reference, reviewed by definition.
func (c *Catalog) Review(lang string) Review {
	if lang == referenceTag {
		return Review{Reviewed: true}
	}
	return c.reviews[lang]
}

// Draft reports whether lang's catalogue is not (yet) reviewed by a fluent
// human: operators see it beside the person's language.
func (c *Catalog) Draft(lang string) bool {
	return c.Supported(lang) && !c.Review(lang).Reviewed
}

// SourceHash is go-i18n's hash of an English message ("sha1-" and the sha1
// of its description and text), the one `goi18n merge` writes, so that a
// translation kept with it is known to be of that text.
func SourceHash(description, other string) string {
	h := sha1.New()
	_, _ = io.WriteString(h, description)
	_, _ = io.WriteString(h, other)
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// Reasons a message is to be translated or reviewed.
const (
	ReasonMissing    = "missing"    // not in the catalogue
	ReasonUnreviewed = "unreviewed" // no hash: never reviewed against English
	ReasonChanged    = "changed"    // the English text changed since review
)

// Pending is one text for a translator: a message, or one plural form of
// it, with the English to translate from and what the catalogue has now.
type Pending struct {
	ID          string
	Form        string // plural form ("one", "few", ...); "other" for plain messages
	Description string // what the English catalogue says of the message
	English     string // the English text (its "other" form for plural forms it lacks)
	Text        string // the catalogue's text now, "" when missing
	Reason      string
	Hash        string // SourceHash of the English message now
}

// ToReview lists what a translator should fill or review in lang: every
// message missing, never reviewed or changed in English since review, in
// the English catalogue's order of ids, each plural form the language
// needs on its own line.
func (c *Catalog) ToReview(lang string) ([]Pending, error) {
	if lang == referenceTag {
		return nil, fmt.Errorf("locales: %s is the reference the others are translated from", referenceTag)
	}
	if !c.Supported(lang) {
		return nil, fmt.Errorf("locales: no catalogue %s%s", lang, fileSuffix)
	}
	rule, err := pluralForms(c.tags[lang])
	if err != nil {
		return nil, err
	}
	var out []Pending
	for _, id := range c.ids {
		// The English and the translation people read now: a text
		// published from the console counts as the catalogue's.
		ref, _ := c.message(referenceTag, id)
		hash := c.SourceHashOf(id)
		m, ok := c.message(lang, id)
		reason := ""
		switch {
		case !ok:
			reason = ReasonMissing
		case m.Hash == "":
			reason = ReasonUnreviewed
		case m.Hash != hash:
			reason = ReasonChanged
		default:
			continue
		}
		forms := []string{formOther}
		if isPlural(ref) {
			forms = nil
			for _, f := range allForms() {
				if _, used := rule.forms[f]; used {
					forms = append(forms, f)
				}
			}
		}
		for _, f := range forms {
			p := Pending{ID: id, Form: f, Description: c.messages[referenceTag][id].Description, English: formText(ref, f), Reason: reason, Hash: hash}
			if p.English == "" {
				p.English = ref.Other
			}
			if ok {
				p.Text = formText(m, f)
			}
			out = append(out, p)
		}
	}
	return out, nil
}

func formText(m *i18n.Message, form string) string {
	switch form {
	case formZero:
		return m.Zero
	case formOne:
		return m.One
	case formTwo:
		return m.Two
	case formFew:
		return m.Few
	case formMany:
		return m.Many
	}
	return m.Other
}

// csvHeader is the first line of an export: the translator fills the
// "translation" column (prefilled with the text there is now) and leaves
// the others as they are.
func csvHeader() []string {
	return []string{"id", "form", "reason", "description", "english", "translation", "hash"}
}

// WriteCSV writes pending texts as CSV a translator can fill in a
// spreadsheet.
func WriteCSV(w io.Writer, ps []Pending) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader()); err != nil {
		return err
	}
	for _, p := range ps {
		if err := cw.Write([]string{p.ID, p.Form, p.Reason, p.Description, p.English, p.Text, p.Hash}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Translation is one text a translator filled.
type Translation struct {
	ID, Form, Text string
}

// ReadCSV reads a filled export. Rows without a translation are skipped:
// the translator has not done them yet.
func ReadCSV(r io.Reader) ([]Translation, error) {
	cr := csv.NewReader(r)
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("locales: reading CSV: %w", err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], csvHeader()) {
		return nil, fmt.Errorf("locales: the first line must be %q, as exported", strings.Join(csvHeader(), ","))
	}
	var out []Translation
	for i, row := range rows[1:] {
		id, form, text := row[0], row[1], strings.TrimSpace(row[5])
		if !slices.Contains(allForms(), form) {
			return nil, fmt.Errorf("locales: line %d: %s: plural form %q unknown", i+2, id, form)
		}
		if text != "" {
			out = append(out, Translation{ID: id, Form: form, Text: text})
		}
	}
	return out, nil
}

// Apply writes translations into a catalogue file (its bytes) of language
// lang, each message reviewed against the English text now (its hash
// set), and returns the new file. A message is replaced where it is, so
// the file's comments and order stay; a new one goes at the end.
func (c *Catalog) Apply(file []byte, lang string, ts []Translation) ([]byte, error) {
	byID := map[string]map[string]string{}
	var order []string
	for _, t := range ts {
		ref, ok := c.messages[referenceTag][t.ID]
		if !ok {
			return nil, fmt.Errorf("locales: %s: not in the English catalogue", t.ID)
		}
		if t.Form != formOther && !isPlural(ref) {
			return nil, fmt.Errorf("locales: %s: has no plural forms, only %q", t.ID, formOther)
		}
		if byID[t.ID] == nil {
			byID[t.ID] = map[string]string{}
			order = append(order, t.ID)
		}
		byID[t.ID][t.Form] = t.Text
	}
	out := file
	for _, id := range order {
		ref := c.messages[referenceTag][id]
		forms := map[string]string{}
		if m, ok := c.messages[lang][id]; ok {
			for f, s := range formTexts(m) {
				forms[f] = s
			}
		}
		for f, s := range byID[id] {
			forms[f] = s
		}
		out = replaceMessage(out, id, messageBlock(id, SourceHash(ref.Description, ref.Other), forms))
	}
	return out, nil
}

// MarkReviewed sets the review fields of a catalogue file's [_meta].
func MarkReviewed(file []byte, role string, today time.Time) ([]byte, error) {
	if strings.TrimSpace(role) == "" {
		return nil, errors.New("locales: who reviewed: a role (\"cultural mediator, Tigrinya\"), not a name")
	}
	out := setMeta(file, "reviewed", "true")
	out = setMeta(out, "reviewed_on", tomlString(today.Format(time.DateOnly)))
	return setMeta(out, "reviewed_by", tomlString(role)), nil
}

// messageBlock is a message in the catalogues' TOML layout.
func messageBlock(id, hash string, forms map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s]\nhash = %s\n", tomlString(id), tomlString(hash))
	for _, f := range allForms() {
		if s, ok := forms[f]; ok {
			fmt.Fprintf(&b, "%s = %s\n", f, tomlString(s))
		}
	}
	return b.String()
}

// replaceMessage puts block in place of message id's table (its header and
// key lines, up to a blank line, a comment or the next table), or at the
// end.
func replaceMessage(file []byte, id, block string) []byte {
	header := "[" + tomlString(id) + "]\n"
	i := bytes.Index(file, []byte(header))
	if i < 0 || i > 0 && file[i-1] != '\n' {
		out := bytes.TrimRight(file, "\n")
		return append(append(out, "\n\n"...), block...)
	}
	end := i + len(header)
	for end < len(file) {
		nl := bytes.IndexByte(file[end:], '\n')
		line := file[end:]
		if nl >= 0 {
			line = file[end : end+nl]
		}
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' || t[0] == '[' {
			break
		}
		if nl < 0 {
			end = len(file)
			break
		}
		end += nl + 1
	}
	return slices.Concat(file[:i], []byte(block), file[end:])
}

// setMeta sets key in the [_meta] table to the TOML value v.
func setMeta(file []byte, key, v string) []byte {
	line := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `\s*=.*$`)
	head := []byte("[" + metaTable + "]\n")
	start := bytes.Index(file, head)
	if start < 0 {
		return append([]byte(string(head)+key+" = "+v+"\n\n"), file...)
	}
	body := start + len(head)
	end := bytes.Index(file[body:], []byte("\n["))
	if end < 0 {
		end = len(file) - body
	}
	table := file[body : body+end]
	var nt []byte
	if line.Match(table) {
		nt = line.ReplaceAllLiteral(table, []byte(key+" = "+v))
	} else {
		// After the table's last key, before blank lines and comments.
		lines := bytes.SplitAfter(table, []byte("\n"))
		at := 0
		for n, l := range lines {
			if t := bytes.TrimSpace(l); len(t) > 0 && t[0] != '#' {
				at = n + 1
			}
		}
		for _, l := range lines[:at] {
			nt = append(nt, l...)
		}
		nt = append(nt, key+" = "+v+"\n"...)
		for _, l := range lines[at:] {
			nt = append(nt, l...)
		}
	}
	return slices.Concat(file[:body], nt, file[body+end:])
}

// tomlString writes s as a TOML basic string, with control and bidi
// characters (isolates, marks) as \u escapes so they stay visible to the
// next person who edits the file.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u00a0' || r == '\u202f':
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
