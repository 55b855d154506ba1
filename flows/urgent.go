package flows

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"frontdoor/bot"
	"frontdoor/flows/triage"
)

// HelpLine is a phone number to call in an urgent situation. Its name, in
// each language, is the message "urgent.line.<ID>".
type HelpLine struct {
	ID     string
	Number string
}

// UrgentHelp is what a person in danger is given at once, configured per
// deployment: the lines to call for each urgent kind (triage.Kinds), the
// general emergency number, and the languages to speak to someone whose
// language Frontdoor does not speak, besides theirs when it is known.
type UrgentHelp struct {
	Lines     map[string][]HelpLine
	Emergency string
	Languages []string
}

// ItalyUrgentHelp is the default: Italy's numbers. 112 is the single
// emergency number (NUE), 118 the health emergency, 1522 the national line
// against violence and stalking (24 h, many languages), 800 290 290 the
// national anti-trafficking line (Numero Verde Antitratta), 114 the line
// for children in danger (Emergenza Infanzia), and 02 2327 2327 Telefono
// Amico Italia, the national listening line for people in crisis
// (telefonoamico.it; its hours were 9/10 to 24 and announced as 24 h from
// April 2026: check them before going live).
func ItalyUrgentHelp() UrgentHelp {
	emergency := HelpLine{"emergency", "112"}
	return UrgentHelp{
		Emergency: "112",
		Languages: []string{"en", "fr", "ar", "it"},
		Lines: map[string][]HelpLine{
			"violence":     {emergency, {"antiviolence", "1522"}},
			"child":        {emergency, {"children", "114"}},
			"suicide":      {emergency, {"crisis", "02 2327 2327"}},
			"medical":      {emergency, {"ambulance", "118"}},
			"trafficking":  {emergency, {"antitrafficking", "800 290 290"}},
			"exploitation": {{"antitrafficking", "800 290 290"}, emergency},
			"distress":     {emergency},
		},
	}
}

var numberPattern = regexp.MustCompile(`^\+?[0-9][0-9 ]{1,18}[0-9]$`)

// Validate checks the help against the catalogue: every urgent kind has
// lines, every number is a phone number, every line has a name and every
// language is spoken. Errors name the field as config.yaml does.
func (h UrgentHelp) Validate(hasText func(lang, id string) bool, supported func(lang string) bool) []error {
	var errs []error
	if !numberPattern.MatchString(h.Emergency) {
		errs = append(errs, fmt.Errorf("urgent.emergency: %q is not a phone number", h.Emergency))
	}
	for _, kind := range triage.Kinds() {
		lines := h.Lines[kind]
		if len(lines) == 0 {
			errs = append(errs, fmt.Errorf("urgent.kinds.%s: no line to call", kind))
		}
		for i, l := range lines {
			if !numberPattern.MatchString(l.Number) {
				errs = append(errs, fmt.Errorf("urgent.kinds.%s[%d]: %q is not a phone number", kind, i, l.Number))
			}
			if !hasText("en", "urgent.line."+l.ID) {
				errs = append(errs, fmt.Errorf("urgent.kinds.%s[%d]: line %q has no name: add the message urgent.line.%s (text overrides)", kind, i, l.ID, l.ID))
			}
		}
	}
	for k := range h.Lines {
		if !slices.Contains(triage.Kinds(), k) {
			errs = append(errs, fmt.Errorf("urgent.kinds.%s: unknown kind (known: %s)", k, strings.Join(triage.Kinds(), ", ")))
		}
	}
	if len(h.Languages) == 0 {
		errs = append(errs, fmt.Errorf("urgent.languages: empty"))
	}
	for _, l := range h.Languages {
		if !supported(l) {
			errs = append(errs, fmt.Errorf("urgent.languages: %q is not a supported language", l))
		}
	}
	return errs
}

// nodeKind is the urgent kind of an urgent node of the flow.
func nodeKind(n *Node) string {
	if n.Topic == "exploitation" {
		return "exploitation"
	}
	return "distress"
}

// urgent opens a priority case and gives, at once and in one message, what
// to do now for this kind of danger and the numbers to call: nobody in
// danger should wait in a menu. Someone whose language Frontdoor does not
// speak gets it in theirs when a safety net has it, and in the languages
// most likely to be read.
func (t *turn) urgent(kind string, reason bot.Reason) {
	h := t.handoffAction(reason)
	h.Urgent, h.Kind = true, kind
	t.out = append(t.out, h)
	if t.st.Lang == "" {
		t.out = append(t.out, t.manyLanguages("urgent.short", t.lines(kind, "en"), nil))
		return
	}
	text := t.msg("urgent."+kind) + "\n" + t.lines(kind, t.st.Lang)
	if strings.TrimSpace(t.in.Text) != "" {
		// What they wrote is kept for the operator (a button tells
		// nothing to keep: the screen it opens says a person will write).
		text += "\n\n" + t.msg("urgent.kept")
	}
	t.out = append(t.out, Say{Text: text, RTL: t.rtl(t.st.Lang)})
}

// concern puts the numbers of a danger the message half told under the
// answer, in the same message, so that the answer's buttons stay with it.
func (t *turn) concern(kind string) {
	text := "\n\n" + t.msg("urgent.distress") + t.lines(kind, t.st.Lang)
	for i := len(t.out) - 1; i >= 0; i-- {
		if s, ok := t.out[i].(Say); ok {
			if t.endsSOS(s.Text) {
				if t.unread {
					// A message Frontdoor could not read carries the
					// emergency number already: once is enough.
					return
				}
				if t.listsEmergency(kind) {
					// A screen's emergency line gives way to this
					// danger's numbers, which name it among theirs.
					s.Text = t.dropSOS(s.Text)
				}
			}
			s.Text += text
			s.Concern, s.Numbers = kind, strings.TrimSpace(text)
			t.out[i] = s
			return
		}
	}
	t.out = append(t.out, Say{Text: strings.TrimSpace(text), RTL: t.rtl(t.st.Lang), Concern: kind, Numbers: strings.TrimSpace(text)})
}

// Numbers reads text the conversation does not answer (written to an
// operator during a case) for a danger, told or half told, and gives the
// numbers to call for its kind, in the person's language, or in the
// languages most likely to be read when Frontdoor does not speak theirs.
// ok is false when the text tells no danger. The case stays as it is: an
// operator reads the text; the numbers are for the minutes before.
func (e *Engine) Numbers(st State, text string) (say Say, ok bool) {
	if strings.TrimSpace(text) == "" {
		return Say{}, false
	}
	t := &turn{e: e, st: e.sanitize(st)}
	r := e.opts.Classifier.Classify(text)
	kind := r.Urgent
	if kind == "" && t.st.Lang != "" {
		kind = r.Concern
	}
	if kind == "" {
		return Say{}, false
	}
	if t.st.Lang == "" {
		if t.st.Detected == "" {
			t.st.Detected = r.Detected
		}
		say = t.manyLanguages("urgent.short", t.lines(kind, "en"), nil)
		say.Concern, say.Numbers = kind, say.Text
		return say, true
	}
	text = t.msg("urgent.distress") + t.lines(kind, t.st.Lang)
	return Say{Text: text, RTL: t.rtl(t.st.Lang), Concern: kind, Numbers: text}, true
}

// lines lists the numbers of a kind with their names in lang.
func (t *turn) lines(kind, lang string) string {
	var b strings.Builder
	for _, l := range t.e.opts.Urgent.Lines[kind] {
		fmt.Fprintf(&b, "\n📞 %s · %s", isolate(l.Number), t.e.cat.Text(lang, "urgent.line."+l.ID, nil))
	}
	return b.String()
}

// manyLanguages says one safety message in the person's language when it
// is recognised (t.st.Detected) and in the languages of UrgentHelp, one
// line each; tail follows. Right-to-left lines are isolated so that they
// read right inside a left-to-right message.
func (t *turn) manyLanguages(id, tail string, choices []Choice) Say {
	data := map[string]any{"Emergency": t.e.opts.Urgent.Emergency}
	langs := t.e.opts.Urgent.Languages
	if d := t.st.Detected; d != "" && !slices.Contains(langs, d) {
		langs = append([]string{d}, langs...)
	}
	var lines []string
	for _, l := range langs {
		s, rtl, ok := t.e.cat.SafetyText(l, id, data)
		if !ok {
			continue
		}
		if rtl {
			s = "\u2067" + s + "\u2069"
		}
		lines = append(lines, s)
	}
	return Say{Text: strings.Join(lines, "\n") + tail, Choices: choices}
}

// isolate keeps a phone number in one piece and in order inside
// right-to-left text.
func isolate(number string) string { return "\u2066" + number + "\u2069" }

// unknownLanguage answers a first message in a language Frontdoor does not
// speak yet: a short notice in that language when a safety net has it and
// in the widely read ones, the language menu, and a person.
func (t *turn) unknownLanguage() {
	choices := t.languageChoices()
	var labels []string
	for _, l := range t.e.opts.Urgent.Languages[:min(2, len(t.e.opts.Urgent.Languages))] {
		labels = append(labels, t.e.cat.Text(l, "choice.person", nil))
	}
	choices = append(choices, Choice{choicePersonNow, "🧑 " + strings.Join(labels, " · ")})
	// Frontdoor cannot read the message: it may tell of a danger the
	// lists missed, so the emergency number comes with the notice (alone:
	// the safety line would promise a person who is not coming).
	t.unread = true
	t.out = append(t.out, t.manyLanguages("language.unavailable", t.sos(false), choices))
}

// sosLine is the emergency number as a line without words, read alike in
// every language: the first screens carry it (withSOS), and so does the
// answer to a message Frontdoor could not read.
func (t *turn) sosLine() string { return "🆘 📞 " + isolate(t.e.opts.Urgent.Emergency) }

// sos is the emergency line as the end of a message: whatever the person
// wrote or was shown, the number is in front of them. A line of symbols
// and an isolated number has no direction of its own, so in right-to-left
// text it starts with a right-to-left mark: it reads from the right, like
// the lines above it, on channels that set no direction (Telegram).
func (t *turn) sos(rtl bool) string {
	if rtl {
		return "\n\n\u200f" + t.sosLine()
	}
	return "\n\n" + t.sosLine()
}

// withSOS ends s with the emergency line, once. The screens every person
// sees first (the language menu, the consent question, the main menu,
// which they come back to) carry it: the urgent route's lists miss some
// dangers, told in words they do not hold, and whoever wrote one of those
// must still find the number without asking.
func (t *turn) withSOS(s Say) Say {
	if !t.endsSOS(s.Text) {
		s.Text += t.sos(s.RTL)
	}
	return s
}

// endsSOS tells whether text ends with the emergency line.
func (t *turn) endsSOS(text string) bool { return strings.HasSuffix(text, t.sosLine()) }

// dropSOS is text without the emergency line at its end.
func (t *turn) dropSOS(text string) string {
	if !t.endsSOS(text) {
		return text
	}
	text = strings.TrimSuffix(strings.TrimSuffix(text, t.sosLine()), "\u200f")
	return strings.TrimRight(text, "\n")
}

// listsEmergency tells whether the lines of kind include the emergency
// number.
func (t *turn) listsEmergency(kind string) bool {
	return slices.ContainsFunc(t.e.opts.Urgent.Lines[kind], func(l HelpLine) bool { return l.Number == t.e.opts.Urgent.Emergency })
}
