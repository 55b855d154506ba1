package broadcast

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Campaign is one notice to send.
type Campaign struct {
	ID string `yaml:"id" json:"id"`
	// Texts are the notice per language tag.
	Texts map[string]string `yaml:"texts" json:"texts"`
	// Fallback says what a person whose language has no text gets:
	// "skip" (nothing) or a language tag whose text they get instead.
	Fallback string `yaml:"fallback" json:"fallback"`
	// Choices lead into the conversation: each ID is a choice id of the
	// flows ("menu.health", "legal_permit_renewal.book"), which works as
	// an old button does.
	Choices []Choice  `yaml:"choices" json:"choices,omitempty"`
	Segment Segment   `yaml:"segment" json:"segment"`
	SendAt  time.Time `yaml:"send_at" json:"send_at,omitzero"`
}

// Choice is a button under the notice, labelled per language.
type Choice struct {
	ID     string            `yaml:"id" json:"id"`
	Labels map[string]string `yaml:"labels" json:"labels"`
}

// Segment selects recipients among the subscribers of Topic.
type Segment struct {
	Topic     string   `yaml:"topic" json:"topic"`
	Languages []string `yaml:"languages" json:"languages,omitempty"`
	Channels  []string `yaml:"channels" json:"channels,omitempty"`
	// Areas keeps people who reached one of these need areas.
	Areas []string `yaml:"areas" json:"areas,omitempty"`
	// Desks keeps people who booked at one of these desks (booking.desks
	// ids) since subscribing.
	Desks []string `yaml:"desks" json:"desks,omitempty"`
	// ActiveDays keeps people active within that many days (0 = all).
	ActiveDays int `yaml:"active_days" json:"active_days,omitempty"`
}

// needAreas are the flows' five areas, and channelNames the channels,
// that segments can name.
var (
	needAreas    = []string{"legal", "work", "health", "education", "welfare"}
	channelNames = []string{"telegram", "whatsapp", "webchat"}
)

var (
	idPattern     = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,47}$`)
	langPattern   = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z]{2})?$`)
	choicePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,38}\.[a-z][a-z0-9_]{0,23}$`)
)

// ParseCampaign reads a campaign from YAML and checks it.
func ParseCampaign(raw []byte) (Campaign, error) {
	var c Campaign
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return Campaign{}, fmt.Errorf("campaign: %w", err)
	}
	return c, c.Check()
}

// Problem is one reason a campaign, or a request about it, is refused: a
// code the console words in the operator's language
// (console.campaigns.problem.<Code>), what it concerns (Lang: a text's
// language; Value: the value given) and the English the command line
// shows.
type Problem struct {
	Code  string
	Lang  string
	Value string
	text  string
}

func (p Problem) Error() string { return p.text }

// Codes of the problems, each worded by console.campaigns.problem.<code>.
const (
	ProblemID             = "id"
	ProblemTextsNone      = "texts_none"
	ProblemBadValue       = "bad_value"
	ProblemTextEmpty      = "text_empty"
	ProblemTextLong       = "text_long"
	ProblemFallbackNone   = "fallback_none"
	ProblemFallbackNoText = "fallback_no_text"
	ProblemChoiceID       = "choice_id"
	ProblemChoiceLabel    = "choice_label"
	ProblemTopic          = "topic"
	ProblemDesk           = "desk"
	ProblemActiveDays     = "active_days"
	ProblemSendAt         = "send_at"
	ProblemTestNoText     = "test_no_text"
	ProblemTestChannel    = "test_channel"
)

// Problems are every problem of a campaign at once; Error joins their
// English.
type Problems []Problem

func (ps Problems) Error() string {
	texts := make([]string, len(ps))
	for i, p := range ps {
		texts[i] = p.text
	}
	return "campaign: " + strings.Join(texts, "; ")
}

// Check finds every problem of a campaign at once (Problems).
func (c Campaign) Check() error {
	var errs Problems
	bad := func(code, lang, value, f string, a ...any) {
		errs = append(errs, Problem{Code: code, Lang: lang, Value: value, text: fmt.Sprintf(f, a...)})
	}
	if !idPattern.MatchString(c.ID) {
		bad(ProblemID, "", c.ID, "id %q: want lowercase letters, digits, - or _ (at most 48)", c.ID)
	}
	if len(c.Texts) == 0 {
		bad(ProblemTextsNone, "", "", "texts: at least one language is needed")
	}
	for _, lang := range slices.Sorted(maps.Keys(c.Texts)) {
		t := c.Texts[lang]
		switch {
		case !langPattern.MatchString(lang):
			bad(ProblemBadValue, "", lang, "texts.%s: want a language code such as ar or fa-AF", lang)
		case strings.TrimSpace(t) == "":
			bad(ProblemTextEmpty, lang, "", "texts.%s: empty", lang)
		case len([]rune(t)) > 3500:
			bad(ProblemTextLong, lang, strconv.Itoa(len([]rune(t))), "texts.%s: %d characters; keep a notice under 3500", lang, len([]rune(t)))
		}
	}
	if c.Fallback == "" {
		bad(ProblemFallbackNone, "", "", "fallback: say skip or the language to fall back to")
	} else if c.Fallback != "skip" {
		if _, ok := c.Texts[c.Fallback]; !ok {
			bad(ProblemFallbackNoText, c.Fallback, "", "fallback: %q has no text", c.Fallback)
		}
	}
	for i, ch := range c.Choices {
		if !choicePattern.MatchString(ch.ID) {
			bad(ProblemChoiceID, "", ch.ID, "choices[%d].id %q: want a flow choice id such as menu.health", i, ch.ID)
		}
		for _, lang := range slices.Sorted(maps.Keys(c.Texts)) {
			if strings.TrimSpace(ch.Labels[lang]) == "" {
				bad(ProblemChoiceLabel, lang, "", "choices[%d].labels.%s: missing", i, lang)
			}
		}
	}
	if !slices.Contains(Topics(), c.Segment.Topic) {
		bad(ProblemTopic, "", c.Segment.Topic, "segment.topic %q: want one of %v", c.Segment.Topic, Topics())
	}
	for i, ch := range c.Segment.Channels {
		if !slices.Contains(channelNames, ch) {
			bad(ProblemBadValue, "", ch, "segment.channels[%d] %q: want one of %v", i, ch, channelNames)
		}
	}
	for i, l := range c.Segment.Languages {
		if !langPattern.MatchString(l) {
			bad(ProblemBadValue, "", l, "segment.languages[%d] %q: want a language code such as ar or fa-AF", i, l)
		}
	}
	for i, a := range c.Segment.Areas {
		if !slices.Contains(needAreas, a) {
			bad(ProblemBadValue, "", a, "segment.areas[%d] %q: want one of %v", i, a, needAreas)
		}
	}
	for i, d := range c.Segment.Desks {
		if !idPattern.MatchString(d) {
			bad(ProblemDesk, "", d, "segment.desks[%d] %q: want a desk id of booking.desks", i, d)
		}
	}
	if c.Segment.ActiveDays < 0 {
		bad(ProblemActiveDays, "", "", "segment.active_days: must not be negative")
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// textFor picks the language of the notice for a person speaking lang; ""
// when the campaign skips them.
func (c Campaign) textFor(lang string) string {
	if _, ok := c.Texts[lang]; ok {
		return lang
	}
	if c.Fallback != "skip" {
		return c.Fallback
	}
	return ""
}

// matches reports whether a subscriber is in the segment.
func (s Segment) matches(sub subscriber, now time.Time) bool {
	if !sub.topics[s.Topic] || sub.unreachable {
		return false
	}
	if len(s.Languages) > 0 && !slices.Contains(s.Languages, sub.lang) {
		return false
	}
	if len(s.Channels) > 0 && !slices.Contains(s.Channels, sub.contact.Channel) {
		return false
	}
	if len(s.Areas) > 0 && !slices.ContainsFunc(s.Areas, func(a string) bool { return sub.areas[a] }) {
		return false
	}
	if len(s.Desks) > 0 && !slices.ContainsFunc(s.Desks, func(d string) bool { return sub.desks[d] }) {
		return false
	}
	if s.ActiveDays > 0 && now.Sub(sub.seen) > time.Duration(s.ActiveDays)*24*time.Hour {
		return false
	}
	return true
}
