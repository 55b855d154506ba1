package locales

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Plural form names in CLDR order.
const (
	formZero  = "zero"
	formOne   = "one"
	formTwo   = "two"
	formFew   = "few"
	formMany  = "many"
	formOther = "other"
)

func allForms() []string {
	return []string{formZero, formOne, formTwo, formFew, formMany, formOther}
}

// Directional formatting characters (Unicode bidi isolates).
const (
	lri = '\u2066' // LEFT-TO-RIGHT ISOLATE
	rli = '\u2067' // RIGHT-TO-LEFT ISOLATE
	fsi = '\u2068' // FIRST STRONG ISOLATE
	pdi = '\u2069' // POP DIRECTIONAL ISOLATE
)

// templateVar finds the data fields a message uses, such as {{.Days}}.
func templateVar() *regexp.Regexp {
	return regexp.MustCompile(`\{\{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)`)
}

// templateAction finds a template action such as {{.Days}}.
func templateAction() *regexp.Regexp {
	return regexp.MustCompile(`\{\{[^}]*\}\}`)
}

// sampleData is what Check renders every message with; every variable used by
// the catalogue must be here, or Check reports "<no value>". countVar, the
// message's count variable, holds count.
func sampleData(countVar string, count any) map[string]any {
	data := map[string]any{
		"Days": 90, "Area": "Area", "Topic": "Topic", "Count": 1,
		// The emergency number (config.yaml urgent.emergency).
		"Emergency": "112",
		// The desk's facts, from config.yaml, available to every message.
		"DeskName": "Sportello Stranieri", "DeskAddress": "Via Roma 1, Torino",
		"DeskPhone": "+39 011 000 0000", "DeskHours": "Mon-Fri 9-13",
		// When the desk opens: a weekday name of the same catalogue (so
		// in the message's own script; a neutral sample here) and a time.
		"Day": "…", "Time": "09:00",
		// The name an operator signs with (handoff.reply_names).
		"Name": "Amina",
		// A place in the queue: an ordinal, not a count, so no plural forms.
		"Position": 3,
		// The parts of a date and a time (dates.go): names of the same
		// catalogue, so neutral samples here; numbers as the program passes
		// them, so that a right-to-left format must isolate them.
		"Weekday": "…", "Month": "…", "MonthDay": 29, "Hour": "13", "Minute": "05",
		// A labelled line of an appointment's details.
		"Label": "…", "Value": "…",
		// The operators' console: a case's id, a language's name, an
		// urgent case's kind, an attachment's kind and size.
		"ID": "3f9a2c", "Language": "Italiano", "What": "…", "Kind": "document", "KB": 12,
		// A file too big to keep: its size and the limit, in MB.
		"MB": 25, "Limit": 20,
		// The agenda: an appointment's code and mark, a service, free
		// places, a week's Monday.
		"Code": "K7P2QX", "Codes": "K7P2QX, M3T9RB", "Status": "…", "Service": "…", "Free": 2, "Date": "2026-03-02",
		// The statistics: a range of weeks, the smallest count shown, a
		// table's title.
		"From": "2026-11-02", "To": "2026-11-29", "Threshold": 5, "Title": "…",
		// The case page: the outcome a case is closed with.
		"Outcome": "…",
		// A refusal of the console: the name of the role a page needs.
		"Role": "…",
		// The texts editor: a recording's limits, and who saved a text
		// meanwhile, and when.
		"Size": "1 MiB", "Length": "1:30", "By": "eva", "At": "2026-12-07 10:00",
		// A campaign's progress: messages done, a percentage, messages
		// per second, and the undelivered by reason.
		"Done": 2, "Percent": 33, "Rate": "1.5", "Blocked": 0, "Unreachable": 1, "Limited": 0, "Errors": 0,
		// A campaign's paused channel: its name (a console.channel.*
		// message), until when, why (a console.campaigns.pause.*
		// message), and the sends left without an answer (a figure after
		// a label, not a count); since when it waits on refused
		// recipients.
		"Channel": "…", "Until": "14:32", "Since": "08:10", "Reason": "…", "N": 3,
	}
	if countVar != "" {
		data[countVar] = count
	}
	return data
}

// Check renders every message of the English catalogue in every supported
// language with sample data and returns one error per problem: a message missing
// (or left over) in a language, a render error, "<no value>" in the output, a
// plural form CLDR requires for the language missing (or one it never uses), a
// template variable different from English, an empty text, and in right-to-left
// languages a Latin-script run or number not wrapped in a directional isolate.
func (c *Catalog) Check() []error {
	var errs []error
	vars := templateVar()
	ref := c.messages[referenceTag]
	for _, l := range c.langs {
		rule, err := pluralForms(c.tags[l.Tag])
		if err != nil {
			errs = append(errs, fmt.Errorf("locales: %s: finding plural forms: %w", l.Tag, err))
			continue
		}
		msgs := c.messages[l.Tag]
		for _, id := range c.ids {
			m, ok := msgs[id]
			if !ok {
				errs = append(errs, problem(l.Tag, id, "missing"))
				continue
			}
			errs = append(errs, c.checkMessage(nil, l, rule, vars, ref[id], m)...)
			if l.Tag != referenceTag && m.Other != "" && m.Other == ref[id].Other && !isWordsID(id) && !sameAsEnglishAllowed(l.Tag, m.Other) {
				errs = append(errs, problem(l.Tag, id, "identical to English: translate it, or allow it in sameAsEnglishAllowed"))
			}
		}
		for _, id := range sortedKeys(msgs) {
			if _, ok := ref[id]; !ok {
				errs = append(errs, problem(l.Tag, id, "not in the English catalogue (renamed or misspelt id?)"))
			}
		}
	}
	errs = append(errs, c.checkWords()...)
	return append(errs, c.checkSafety()...)
}

// checkSafety renders the safety nets of the languages without a
// catalogue (their files are checked complete when loaded).
func (c *Catalog) checkSafety() []error {
	var errs []error
	for _, l := range c.SafetyLanguages() {
		for _, id := range SafetyIDs() {
			s, _, ok := c.SafetyText(l.Tag, id, map[string]any{"Emergency": "112"})
			switch {
			case !ok:
				errs = append(errs, safetyProblem(l.Tag, id, "safety net does not render"))
			case strings.Contains(s, "<no value>"), strings.TrimSpace(s) == "":
				errs = append(errs, safetyProblem(l.Tag, id, "safety net renders %q", s))
			case id == "urgent.short" && !strings.Contains(s, "112"):
				errs = append(errs, safetyProblem(l.Tag, id, "safety net does not say the emergency number ({{.Emergency}})"))
			}
		}
	}
	return errs
}

// sameAsEnglishAllowed tells texts that are rightly the same in English and
// another language: words spelt alike ("No" in Italian and Spanish, "Menu")
// and texts without words of their own (names, numbers, emoji).
func sameAsEnglishAllowed(lang, text string) bool {
	switch lang + ":" + text {
	case "it:No", "es:No", "it:Menu", "fr:Menu", "fr:Date", "fr:Code", "it:Ok", "es:Ok", "it:Agenda", "fr:Message",
		"it:bot", "fr:bot", "es:bot", "ro:bot", "tr:bot", "fil:bot", "fr:note", "fr:date", "fr:total", "es:total", "ro:total",
		"fr:{{.Count}} minutes", "it:no", "it:file", "fr:document", "fr:photo", "ro:document", "es:no", "es:error", "fil:Channel":
		return true
	}
	switch text {
	case "Telegram", "WhatsApp", // names of the channels
		"{{.KB}} KB": // a unit's symbol
		return true
	}
	// Template variables are not words: "{{.Hour}}:{{.Minute}}" is the
	// same in most languages.
	text = templateAction().ReplaceAllString(text, "")
	words := 0
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(f)) > 1 {
			words++
		}
	}
	return words == 0
}

// problem is one finding of Check, naming the file and the key to fix:
// "locales: ar.toml: words.stop: missing".
func problem(lang, id, format string, args ...any) error {
	return fmt.Errorf("locales: %s%s: %s: %s", lang, fileSuffix, id, fmt.Sprintf(format, args...))
}

// safetyProblem is a finding in a safety net, safety/<lang>.toml.
func safetyProblem(lang, id, format string, args ...any) error {
	return fmt.Errorf("locales: %s/%s%s: %s: %s", safetyDir, lang, fileSuffix, id, fmt.Sprintf(format, args...))
}

// checkMessage checks one translation m of the English message ref in language
// l, whose plural rule is rule, rendered as the overlay o lays it over the
// catalogues (nil: as shipped).
func (c *Catalog) checkMessage(o *overlay, l Language, rule pluralRule, vars *regexp.Regexp, ref, m *i18n.Message) []error {
	var errs []error
	forms := rule.forms
	texts := formTexts(m)
	if len(texts) == 0 {
		return []error{problem(l.Tag, m.ID, "empty text")}
	}
	// A message with a count variable varies with the count in every
	// language that has forms ("90 днів" but "31 день"), even when its
	// English text was written with "other" only.
	countVar := c.countVars[m.ID]
	plural := countVar != ""
	for _, f := range allForms() {
		_, has := texts[f]
		_, used := forms[f]
		switch {
		case plural && used && !has:
			errs = append(errs, problem(l.Tag, m.ID, "plural form %q missing (CLDR forms for %s: %s)", f, l.Tag, formList(forms)))
		case has && !used:
			errs = append(errs, problem(l.Tag, m.ID, "plural form %q is never used in %s (CLDR forms: %s)", f, l.Tag, formList(forms)))
		}
	}
	if _, ok := texts[formOther]; !ok && !plural {
		errs = append(errs, problem(l.Tag, m.ID, "no %q text", formOther))
	}
	// The program writes Western digits into texts (counts, days, dates,
	// times, codes), so a text with other digits would mix two styles
	// in one message ("৬০ দিন" beside "90 দিন").
	for _, f := range allForms() {
		if r, ok := otherDigit(texts[f]); ok {
			errs = append(errs, problem(l.Tag, m.ID, "%q: write Western digits (0-9), like the numbers the program puts into texts", r))
			break
		}
	}
	if n := countVarsUsed(vars, ref); len(n) > 1 {
		errs = append(errs, problem(l.Tag, m.ID, "uses %d count variables (%s): which one chooses the plural form?", len(n), strings.Join(n, ", ")))
	}

	want, got := usedVars(vars, ref), usedVars(vars, m)
	for _, v := range want {
		if !slices.Contains(got, v) {
			errs = append(errs, problem(l.Tag, m.ID, "does not use {{.%s}}, which English uses", v))
		}
	}
	for _, v := range got {
		if !slices.Contains(want, v) {
			errs = append(errs, problem(l.Tag, m.ID, "uses {{.%s}}, which English does not", v))
		}
	}

	// Render every form the language has, not only Count 1 and 5, so that a
	// broken "few" in Arabic or Ukrainian cannot hide.
	counts := []any{1}
	if plural {
		counts = append(counts, 5)
		for _, f := range allForms() {
			if n, ok := forms[f]; ok {
				counts = append(counts, n)
			}
		}
	}
	seen := map[string]bool{}
	for _, n := range counts {
		// A missing form is reported above; rendering it would only
		// report the same problem again.
		if _, has := texts[rule.form(n)]; plural && isPlural(m) && !has {
			continue
		}
		for _, err := range c.checkRender(o, l, m.ID, countVar, n) {
			if !seen[err.Error()] {
				seen[err.Error()] = true
				errs = append(errs, err)
			}
		}
	}
	return errs
}

// checkRender renders one message as the overlay o (nil: none) lays it
// over the catalogues, with the sample data, its count variable countVar
// set to n.
func (c *Catalog) checkRender(o *overlay, l Language, id, countVar string, n any) []error {
	data := sampleData(countVar, n)
	out, err := c.renderIn(o, l.Tag, id, data)
	if err != nil {
		return []error{problem(l.Tag, id, "Count %v: %v", n, err)}
	}
	var errs []error
	if strings.Contains(out, "<no value>") {
		errs = append(errs, problem(l.Tag, id, "Count %v: output contains <no value> (a template variable without data): %q", n, out))
	}
	if strings.TrimSpace(out) == "" {
		errs = append(errs, problem(l.Tag, id, "Count %v: empty text", n))
	}
	if msg := isolateProblem(out, l.RTL); msg != "" {
		errs = append(errs, problem(l.Tag, id, "Count %v: %s: %q", n, msg, out))
	}
	return errs
}

// isolateProblem checks that isolates are balanced and, in right-to-left text,
// that every Latin letter, digit or "/" sits inside one: without them Telegram
// and browsers reorder "/delete" or "90" against the surrounding Arabic script.
func isolateProblem(s string, rtl bool) string {
	depth := 0
	for _, r := range s {
		switch {
		case r == lri || r == rli || r == fsi:
			depth++
		case r == pdi:
			depth--
			if depth < 0 {
				return "directional isolate closed (U+2069) without being opened"
			}
		case rtl && depth == 0 && (r == '/' || unicode.IsDigit(r) && r <= unicode.MaxASCII || unicode.Is(unicode.Latin, r)):
			return fmt.Sprintf("%q is not inside a directional isolate (wrap it in \\u2066 … \\u2069)", r)
		}
	}
	if depth != 0 {
		return "directional isolate opened but not closed with U+2069"
	}
	return ""
}

// pluralRule is what Check needs to know of a language's CLDR plural rule.
type pluralRule struct {
	forms map[string]string      // form -> a count that selects it
	form  func(count any) string // the form a count selects
}

// pluralForms finds the plural forms go-i18n uses for tag, each with a sample
// count that selects it. go-i18n keeps its CLDR rules internal, so we ask it:
// a probe message whose forms are their own names is rendered for integers and
// decimals that together reach every CLDR category.
func pluralForms(tag language.Tag) (pluralRule, error) {
	probe := &i18n.Message{ID: "probe", Zero: formZero, One: formOne, Two: formTwo, Few: formFew, Many: formMany, Other: formOther}
	b := i18n.NewBundle(tag)
	if err := b.AddMessages(tag, probe); err != nil {
		return pluralRule{}, err
	}
	loc := i18n.NewLocalizer(b, tag.String())
	form := func(count any) string {
		s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: probe.ID, PluralCount: count})
		if err != nil {
			return ""
		}
		return s
	}
	var samples []string
	for i := range 201 {
		samples = append(samples, strconv.Itoa(i))
	}
	samples = append(samples, "1000", "1000000", "0.5", "1.0", "1.5", "2.5", "0.1", "1.1", "2.1", "3.5", "11.5", "100.5")
	forms := map[string]string{}
	for _, n := range samples {
		f := form(n)
		if f == "" {
			return pluralRule{}, fmt.Errorf("go-i18n cannot pick a plural form for %s", n)
		}
		if _, ok := forms[f]; !ok {
			forms[f] = n
		}
	}
	return pluralRule{forms: forms, form: form}, nil
}

// otherDigit finds a decimal digit of another script than Latin in s.
func otherDigit(s string) (rune, bool) {
	for _, r := range s {
		if r > unicode.MaxASCII && unicode.IsDigit(r) {
			return r, true
		}
	}
	return 0, false
}

// countVarsUsed lists the count variables (countVarNames) m uses.
func countVarsUsed(vars *regexp.Regexp, m *i18n.Message) []string {
	var used []string
	for _, v := range usedVars(vars, m) {
		if slices.Contains(countVarNames(), v) {
			used = append(used, v)
		}
	}
	return used
}

// formTexts returns the non-empty texts of m by plural form.
func formTexts(m *i18n.Message) map[string]string {
	texts := map[string]string{}
	for f, s := range map[string]string{
		formZero: m.Zero, formOne: m.One, formTwo: m.Two,
		formFew: m.Few, formMany: m.Many, formOther: m.Other,
	} {
		if strings.TrimSpace(s) != "" {
			texts[f] = s
		}
	}
	return texts
}

// isPlural reports whether m has forms besides "other", i.e. varies with Count.
func isPlural(m *i18n.Message) bool {
	return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

// usedVars lists the template variables used in any form of m, sorted.
func usedVars(re *regexp.Regexp, m *i18n.Message) []string {
	var vars []string
	for _, s := range formTexts(m) {
		for _, match := range re.FindAllStringSubmatch(s, -1) {
			if !slices.Contains(vars, match[1]) {
				vars = append(vars, match[1])
			}
		}
	}
	slices.Sort(vars)
	return vars
}

func formList(forms map[string]string) string {
	var names []string
	for _, f := range allForms() {
		if _, ok := forms[f]; ok {
			names = append(names, f)
		}
	}
	return strings.Join(names, ", ")
}
