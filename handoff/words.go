package handoff

import (
	"html/template"
	"strings"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/console"
)

// The console shows cases in words, never as ids: an operator reads
// "URGENT · suicide / self-harm", not "urgent_suicide", and the subject a
// person reached in the menus by its title, in the operator's language
// (the queue and the case page) or in English (the export, kept in the
// desk's records).

// label renders a catalogue message in lang, or "" when the catalogue has
// none (Text then answers with the id itself).
func (s *Service) label(lang, id string) string {
	if t := s.cat.Text(lang, id, nil); t != id {
		return t
	}
	return ""
}

// areaIn names an area as the menu does ("Work"); no area is "general".
func (s *Service) areaIn(lang, area string) string {
	if area == "" {
		return s.cat.Text(lang, "console.queue.general", nil)
	}
	if t := s.label(lang, "area."+area); t != "" {
		return t
	}
	return words(area)
}

// topicIn names a service of an area as its button does.
func (s *Service) topicIn(lang, area, topic string) string {
	if topic == "" {
		return ""
	}
	if t := s.label(lang, area+"."+topic+".title"); t != "" {
		return t
	}
	return words(topic)
}

// kindIn names an urgent kind ("suicide / self-harm").
func (s *Service) kindIn(lang, kind string) string {
	if t := s.label(lang, "console.kind."+kind); t != "" {
		return t
	}
	return kindText(kind)
}

// sinceIn says how long ago t was in lang, to the minute under an hour,
// then in hours and minutes, then in days and hours: "2 hours 5
// minutes", never Go's "2h5m0.5s".
func (s *Service) sinceIn(lang string, t time.Time) string {
	d := max(s.clock().Sub(t), 0)
	count := func(id string, n int) string { return s.cat.Text(lang, id, map[string]any{"Count": n}) }
	minutes := int(d / time.Minute)
	switch {
	case d < time.Hour:
		return count("console.signin.wait.minutes", minutes)
	case d < 24*time.Hour:
		out := count("console.duration.hours", minutes/60)
		if m := minutes % 60; m > 0 {
			out += " " + count("console.signin.wait.minutes", m)
		}
		return out
	}
	hours := minutes / 60
	out := count("console.duration.days", hours/24)
	if h := hours % 24; h > 0 {
		out += " " + count("console.duration.hours", h)
	}
	return out
}

// attachmentIn names the kind of a file in a transcript ("voice
// message", "photo"), never its id.
func (s *Service) attachmentIn(lang, kind string) string {
	if t := s.label(lang, "console.attachment."+kind); t != "" {
		return t
	}
	return s.cat.Text(lang, "console.attachment.other", nil)
}

// mediaFaultIn says why a person's file is not in the case, in lang;
// lines written before the reasons had codes keep their English.
func (s *Service) mediaFaultIn(lang string, e Entry) string {
	if e.MediaFault == "" {
		return e.MediaError
	}
	data := map[string]any{"Kind": s.attachmentIn(lang, e.Kind), "Limit": maxMedia >> 20}
	id := "console.case.media." + e.MediaFault
	if e.MediaFault == faultTooBig && e.MediaMB > 0 {
		id, data["MB"] = id+"_size", e.MediaMB
	}
	if t := s.label(lang, id); t != "" {
		return s.cat.Text(lang, id, data)
	}
	return e.MediaError
}

// urgentIn is the badge of an urgent case: the kind of danger the
// person's words showed, or, for a case opened by an urgent screen of the
// menu, that screen's subject.
func (s *Service) urgentIn(lang string, cs Case) string {
	urgent := s.cat.Text(lang, "console.queue.urgent", nil)
	switch {
	case cs.Kind != "":
		return urgent + " · " + s.kindIn(lang, cs.Kind)
	case cs.Topic != "":
		return urgent + " · " + s.topicIn(lang, cs.Area, cs.Topic)
	}
	return urgent
}

// subjectIn is what a non-urgent case is about: "Documents and
// residence permit · Renew your permit".
func (s *Service) subjectIn(lang string, cs Case) string {
	if t := s.topicIn(lang, cs.Area, cs.Topic); t != "" {
		return s.areaIn(lang, cs.Area) + " · " + t
	}
	return s.areaIn(lang, cs.Area)
}

func (s *Service) urgentText(cs Case) string  { return s.urgentIn("en", cs) }
func (s *Service) subjectText(cs Case) string { return s.subjectIn("en", cs) }
func (s *Service) channelIn(lang, channel string) string {
	if t := s.label(lang, "console.channel."+channel); t != "" {
		return t
	}
	return channel
}

// langIn names a case's language in the operator's language, like
// langText.
func (s *Service) langIn(lang string, cs Case) string {
	if cs.Lang != "" {
		return s.langText(cs)
	}
	if cs.Detected == "" {
		return s.cat.Text(lang, "console.queue.unknown", nil)
	}
	name := languageName(cs.Detected)
	if name == "" {
		name = cs.Detected
	}
	return name + " (" + cs.Detected + ", " + s.cat.Text(lang, "console.queue.not_supported", nil) + ")"
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
		"urgentText":   s.urgentText,
		"subjectText":  s.subjectText,
		"urgentIn":     s.urgentIn,
		"subjectIn":    s.subjectIn,
		"langIn":       s.langIn,
		"areaIn":       s.areaIn,
		"channelIn":    s.channelIn,
		"langText":     s.langText,
		"statusIn":     s.statusIn,
		"outcomeIn":    s.outcomeIn,
		"reasonIn":     s.reasonIn,
		"byIn":         s.byIn,
		"systemIn":     s.systemIn,
		"failureIn":    s.failureIn,
		"attachmentIn": s.attachmentIn,
		"mediaFaultIn": s.mediaFaultIn,
		"textLang":     textLang,
		"writesText":   writesText,
		"textDir":      s.textDir,
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

// statusIn names a case's status (waiting, assigned, closed).
func (s *Service) statusIn(lang, status string) string {
	if t := s.label(lang, "console.status."+status); t != "" {
		return t
	}
	return words(status)
}

// outcomeIn names how a case ended ("appointment booked").
func (s *Service) outcomeIn(lang, outcome string) string {
	if outcome == "" {
		return ""
	}
	if t := s.label(lang, "console.outcome."+outcome); t != "" {
		return t
	}
	return words(outcome)
}

// reasonIn says why a case was opened, in the operator's language, as
// reasonText does in English.
func (s *Service) reasonIn(lang string, cs Case) string {
	urgent := func(what string) string {
		return s.cat.Text(lang, "console.reason.urgent", map[string]any{"What": what})
	}
	if cs.Kind != "" {
		return urgent(s.kindIn(lang, cs.Kind))
	}
	if k, ok := cs.Reason.Urgent(); ok {
		return urgent(s.kindIn(lang, k))
	}
	if cs.Urgent && cs.Reason == bot.ReasonFlow {
		return urgent(s.cat.Text(lang, "console.reason.urgent_menu", nil))
	}
	w := s.label(lang, "console.reason."+string(cs.Reason))
	switch {
	case cs.Reason == "":
		w = s.cat.Text(lang, "console.reason.none", nil)
	case w == "":
		w = reasonText(cs.Reason, "", false)
	}
	if cs.Urgent {
		return urgent(w)
	}
	return w
}

// byIn names who wrote a line of a transcript: the operator by name, the
// others by their part (person, bot, note, system).
func (s *Service) byIn(lang string, e Entry) string {
	switch e.By {
	case "operator":
		return e.Operator
	case "note":
		return s.cat.Text(lang, "console.case.by.note", nil) + " · " + e.Operator
	}
	if t := s.label(lang, "console.case.by."+e.By); t != "" {
		return t
	}
	return e.By
}

// refusalIn explains a refused form in the operator's language.
func (s *Service) refusalIn(lang string, err error) string {
	return console.DenialText(s.cat, lang, denialOf(err))
}

// The transcript's own lines (By "system") and the reasons a reply did
// not reach the person or could not be taken back are stored in English
// by every version, and read as codes: their words are chosen when they
// are shown, in the operator's language. A line of a newer version, or
// one this list misses, shows as it is stored.

// failureCodes are the stable codes of why a reply was not delivered or
// not taken back (dispatch.Failure, and "not_queued"), with the English
// the transcript stored them in (failureText).
func failureCodes() map[string]string {
	out := map[string]string{"could not be queued": "not_queued"}
	for _, f := range []dispatch.Failure{dispatch.FailBlocked, dispatch.FailRejected, dispatch.FailGaveUp, dispatch.FailNoChannel, dispatch.FailUnsupported} {
		out[failureText(f)] = string(f)
		out[string(f)] = string(f)
	}
	return out
}

// failureIn says why a reply was not delivered or not taken back, in
// lang: why is what the transcript keeps (failureText, a code, or "could
// not be queued" with the error after a colon, which stays in the log).
func (s *Service) failureIn(lang, why string) string {
	code, ok := failureCodes()[why]
	if !ok && strings.HasPrefix(why, "could not be queued") {
		code, ok = "not_queued", true
	}
	if ok {
		if t := s.label(lang, "console.case.failure."+code); t != "" {
			return t
		}
	}
	return why
}

// systemIn is a system line of case cs's transcript in lang.
func (s *Service) systemIn(lang string, cs Case, e Entry) string {
	t := func(id string, data map[string]any) string {
		if w := s.cat.Text(lang, "console.case.system."+id, data); w != "console.case.system."+id {
			return w
		}
		return e.Text
	}
	text := e.Text
	switch {
	case e.Undelivered != "":
		return t("undelivered", map[string]any{"Reason": s.failureIn(lang, e.Undelivered)})
	case strings.HasPrefix(text, "opened: "):
		return t("opened", map[string]any{"Reason": s.reasonIn(lang, cs)})
	case text == "claimed":
		return t("claimed", map[string]any{"Name": e.Operator})
	case text == "withdrawn":
		return t("withdrawn", nil)
	case text == "abandoned: back in the queue":
		return t("abandoned", nil)
	case strings.HasPrefix(text, "closed: "):
		said := strings.TrimPrefix(text, "closed: ")
		for _, o := range append(Outcomes(), OutcomeWithdrawn) {
			if words(o) == said {
				return t("closed", map[string]any{"Outcome": s.outcomeIn(lang, o)})
			}
		}
	case strings.HasPrefix(text, "transferred to "):
		to, note, _ := strings.Cut(strings.TrimPrefix(text, "transferred to "), ": ")
		if to == orQueue("") {
			return t("to_queue", map[string]any{"Note": note})
		}
		return t("transferred", map[string]any{"Name": to, "Note": note})
	case strings.HasPrefix(text, "the person stopped news messages ("):
		said, ok := strings.CutSuffix(strings.TrimPrefix(text, "the person stopped news messages ("), "); the case stays open")
		if ok {
			return t("stopped_news", map[string]any{"What": said})
		}
	case strings.HasPrefix(text, "the person removed this conversation from their phone"):
		return t("cleared", nil)
	}
	return text
}
