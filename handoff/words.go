package handoff

import (
	"html/template"
	"strings"
)

// The console shows cases in words, never as ids: an operator reads
// "URGENT · suicide / self-harm", not "urgent_suicide", and the subject a
// person reached in the menus by its title. The console is in English for
// now, so labels come from the English catalogue.

// label renders the English text of a catalogue message, or "" when the
// catalogue has none (Text then answers with the id itself).
func (s *Service) label(id string) string {
	if t := s.cat.Text("en", id, nil); t != id {
		return t
	}
	return ""
}

// areaText names an area as the menu does ("Work"); no area is "general".
func (s *Service) areaText(area string) string {
	if area == "" {
		return "general"
	}
	if t := s.label("area." + area); t != "" {
		return t
	}
	return words(area)
}

// topicText names a service of an area as its button does.
func (s *Service) topicText(area, topic string) string {
	if topic == "" {
		return ""
	}
	if t := s.label(area + "." + topic + ".title"); t != "" {
		return t
	}
	return words(topic)
}

// urgentText is the badge of an urgent case: the kind of danger the
// person's words showed, or, for a case opened by an urgent screen of the
// menu, that screen's subject.
func (s *Service) urgentText(cs Case) string {
	switch {
	case cs.Kind != "":
		return "URGENT · " + kindText(cs.Kind)
	case cs.Topic != "":
		return "URGENT · " + s.topicText(cs.Area, cs.Topic)
	}
	return "URGENT"
}

// subjectText is what a non-urgent case is about: "Documents and
// residence permit · Renew your permit".
func (s *Service) subjectText(cs Case) string {
	if t := s.topicText(cs.Area, cs.Topic); t != "" {
		return s.areaText(cs.Area) + " · " + t
	}
	return s.areaText(cs.Area)
}

// langText names a case's language: its own name and code when Frontdoor
// speaks it, else what was recognised, so the operator knows at once that
// they need an interpreter: "Russian (ru, not supported)", "unknown".
func (s *Service) langText(cs Case) string {
	if cs.Lang != "" {
		name := cs.Lang
		if l, ok := s.cat.Language(cs.Lang); ok {
			name = l.Native
		}
		return name + " (" + cs.Lang + ")"
	}
	if cs.Detected == "" {
		return "unknown"
	}
	if name := languageName(cs.Detected); name != "" {
		return name + " (" + cs.Detected + ", not supported)"
	}
	return cs.Detected + " (not supported)"
}

// writesText says in which language Frontdoor does not speak the person
// writes: "Russian", or "" when not recognised.
func writesText(cs Case) string {
	if name := languageName(cs.Detected); name != "" {
		return name
	}
	return cs.Detected
}

// textLang is the language the person writes in, for the lang attribute
// of their messages: theirs, or the one recognised.
func textLang(cs Case) string {
	if cs.Lang != "" {
		return cs.Lang
	}
	return cs.Detected
}

// textDir is the direction of the person's messages: their language's,
// or left to the browser when Frontdoor does not speak it (Pashto and
// Tigrinya run in opposite directions).
func (s *Service) textDir(cs Case) string {
	switch {
	case cs.Lang == "":
		return "auto"
	case s.rtl(cs.Lang):
		return "rtl"
	}
	return "ltr"
}

// viewFuncs are the template functions that put cases into words.
func (s *Service) viewFuncs() template.FuncMap {
	return template.FuncMap{
		"urgentText":  s.urgentText,
		"subjectText": s.subjectText,
		"langText":    s.langText,
		"textLang":    textLang,
		"writesText":  writesText,
		"textDir":     s.textDir,
		// draftLang: the person read texts no fluent human has reviewed
		// yet ([_meta] reviewed in the catalogue).
		"draftLang":  s.cat.Draft,
		"reasonText": func(cs Case) string { return reasonText(cs.Reason, cs.Kind, cs.Urgent) },
		"words":      words,
		// summaryText hides the summary Open makes from the area and
		// topic, which the page shows in words already.
		"summaryText": func(cs Case) string {
			if cs.Summary == strings.TrimSpace(cs.Area+" "+cs.Topic) {
				return ""
			}
			return cs.Summary
		},
	}
}
