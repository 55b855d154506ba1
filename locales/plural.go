package locales

import (
	"strings"
	"text/template"
)

// PluralTexts renders every plural form of message id in lang, for a
// page's script that shows a count it learns later (how many new urgent
// cases): data fills the message, its count variable included (the
// script replaces a placeholder given there, such as "{count}", with
// the number), and the script picks the form with the browser's CLDR
// rules (Intl.PluralRules), "other" when the form is missing. A language
// without the message gets English's; an unknown message, nothing.
func (c *Catalog) PluralTexts(lang, id string, data map[string]any) map[string]string {
	m, ok := c.message(lang, id)
	if !ok {
		if m, ok = c.message(referenceTag, id); !ok {
			return nil
		}
	}
	out := map[string]string{}
	for form, text := range formTexts(m) {
		t, err := template.New(id).Option("missingkey=zero").Parse(text)
		if err != nil {
			continue
		}
		var b strings.Builder
		if t.Execute(&b, data) == nil {
			out[form] = b.String()
		}
	}
	return out
}
