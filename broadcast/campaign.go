package broadcast

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
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

// Check finds every problem of a campaign at once.
func (c Campaign) Check() error {
	var errs []string
	bad := func(f string, a ...any) { errs = append(errs, fmt.Sprintf(f, a...)) }
	if !idPattern.MatchString(c.ID) {
		bad("id %q: want lowercase letters, digits, - or _ (at most 48)", c.ID)
	}
	if len(c.Texts) == 0 {
		bad("texts: at least one language is needed")
	}
	for lang, t := range c.Texts {
		switch {
		case !langPattern.MatchString(lang):
			bad("texts.%s: want a language code such as ar or fa-AF", lang)
		case strings.TrimSpace(t) == "":
			bad("texts.%s: empty", lang)
		case len([]rune(t)) > 3500:
			bad("texts.%s: %d characters; keep a notice under 3500", lang, len([]rune(t)))
		}
	}
	if c.Fallback == "" {
		bad("fallback: say skip or the language to fall back to")
	} else if c.Fallback != "skip" {
		if _, ok := c.Texts[c.Fallback]; !ok {
			bad("fallback: %q has no text", c.Fallback)
		}
	}
	for i, ch := range c.Choices {
		if !choicePattern.MatchString(ch.ID) {
			bad("choices[%d].id %q: want a flow choice id such as menu.health", i, ch.ID)
		}
		for lang := range c.Texts {
			if strings.TrimSpace(ch.Labels[lang]) == "" {
				bad("choices[%d].labels.%s: missing", i, lang)
			}
		}
	}
	if !slices.Contains(Topics(), c.Segment.Topic) {
		bad("segment.topic %q: want one of %v", c.Segment.Topic, Topics())
	}
	for i, ch := range c.Segment.Channels {
		if !slices.Contains(channelNames, ch) {
			bad("segment.channels[%d] %q: want one of %v", i, ch, channelNames)
		}
	}
	for i, l := range c.Segment.Languages {
		if !langPattern.MatchString(l) {
			bad("segment.languages[%d] %q: want a language code such as ar or fa-AF", i, l)
		}
	}
	for i, a := range c.Segment.Areas {
		if !slices.Contains(needAreas, a) {
			bad("segment.areas[%d] %q: want one of %v", i, a, needAreas)
		}
	}
	for i, d := range c.Segment.Desks {
		if !idPattern.MatchString(d) {
			bad("segment.desks[%d] %q: want a desk id of booking.desks", i, d)
		}
	}
	if c.Segment.ActiveDays < 0 {
		bad("segment.active_days: must not be negative")
	}
	if len(errs) > 0 {
		return errors.New("campaign: " + strings.Join(errs, "; "))
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
