package handoff

import (
	"errors"
	"fmt"
	"strings"
	"text/template"
	"time"

	"frontdoor/holidays"
	"frontdoor/internal/conf"
)

// Canned is a ready-made reply an operator can pick. Text may use the
// variables of Config.Variables, such as {{.DeskAddress}}.
type Canned struct {
	Title string `yaml:"title"`
	Text  string `yaml:"text"`
}

// Hours are the desk's opening hours for the operators' side: outside them
// a person who asks for somebody is told so at once.
type Hours struct {
	// Timezone is an IANA name; default Europe/Rome.
	Timezone string `yaml:"timezone"`
	// Days the desk is staffed: mon, tue, ... Empty means every day.
	Days []string `yaml:"days"`
	// Open and Close as HH:MM. Both empty means always open.
	Open  string `yaml:"open"`
	Close string `yaml:"close"`
	// Country names the national holidays nobody is there, as an ISO 3166
	// code: "IT" (the default) or "none"; Closed lists the desk's own
	// closures (2026-12-24). Only with Open and Close: a desk always open
	// has no days off.
	Country string   `yaml:"country"`
	Closed  []string `yaml:"closed"`
}

// Config is the handoff section of config.yaml.
type Config struct {
	// AbandonAfter: an assigned case without any action of its operator
	// for this long goes back to the queue. Default 15m.
	AbandonAfter conf.Duration `yaml:"abandon_after"`
	// TranscriptRetention: how long a closed case and its transcript are
	// kept for the operators. Default 72h.
	TranscriptRetention conf.Duration `yaml:"transcript_retention"`
	// PaceWindow: claims within this window give the pace the wait is
	// estimated from. Default 60m.
	PaceWindow conf.Duration `yaml:"pace_window"`
	// LongWait: from this estimate on, the person is offered to leave a
	// message or book instead of waiting. Default 60m.
	LongWait conf.Duration `yaml:"long_wait"`
	// UpdateEvery bounds how often a waiting person is told about the
	// queue. Default 5m.
	UpdateEvery conf.Duration `yaml:"update_every"`
	// SessionTTL is how long a console sign-in lasts. Default 12h.
	SessionTTL conf.Duration `yaml:"session_ttl"`
	// IdleAfter closes an open case in which nobody wrote for this long
	// (as "no answer"), so that what the person wrote does not outlive the
	// retention the consent promises because a case was left open. The
	// lead sets it from privacy.retention. Default 90 days.
	IdleAfter conf.Duration `yaml:"-"`
	// Areas are the need areas cases are routed by. Default the five of
	// the flows.
	Areas []string `yaml:"areas"`
	Hours Hours    `yaml:"hours"`
	// Canned replies per language code.
	Canned map[string][]Canned `yaml:"canned"`
	// Variables usable in canned replies, e.g. DeskAddress.
	Variables map[string]string `yaml:"variables"`
	// ReplyLabel is how an operator's reply is marked to the person, in
	// their language: LabelName ("Amina (desk operator):", the default) or
	// LabelRole ("Desk operator:").
	ReplyLabel ReplyLabel `yaml:"reply_label"`
	// ReplyNames are the names operators sign with, by account name
	// (amina: Amina); an operator not listed signs with the account name.
	ReplyNames map[string]string `yaml:"reply_names"`
}

// ReplyLabel is how operators' replies are marked to the person.
type ReplyLabel string

// The marks of operators' replies.
const (
	LabelName ReplyLabel = "name"
	LabelRole ReplyLabel = "role"
)

// defaultAreas are the flows' need areas.
func defaultAreas() []string { return []string{"legal", "work", "health", "education", "welfare"} }

// DefaultAreas are the areas cases are routed by when the configuration
// names none.
func DefaultAreas() []string { return defaultAreas() }

// withDefaults fills zero fields.
func (c Config) withDefaults() Config {
	set := func(d *conf.Duration, v time.Duration) {
		if *d == 0 {
			*d = conf.Duration(v)
		}
	}
	set(&c.AbandonAfter, 15*time.Minute)
	set(&c.TranscriptRetention, 72*time.Hour)
	set(&c.PaceWindow, time.Hour)
	set(&c.LongWait, time.Hour)
	set(&c.UpdateEvery, 5*time.Minute)
	set(&c.SessionTTL, 12*time.Hour)
	set(&c.IdleAfter, 90*24*time.Hour)
	if len(c.Areas) == 0 {
		c.Areas = defaultAreas()
	}
	if c.Hours.Timezone == "" {
		c.Hours.Timezone = "Europe/Rome"
	}
	return c
}

func weekday(s string) (time.Weekday, bool) {
	d, ok := map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
		"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}[strings.ToLower(s)]
	return d, ok
}

// Validate names every bad field by its config.yaml path.
func (c Config) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("handoff.%s: %s", field, fmt.Sprintf(format, args...)))
	}
	for name, d := range map[string]conf.Duration{"abandon_after": c.AbandonAfter, "transcript_retention": c.TranscriptRetention,
		"pace_window": c.PaceWindow, "long_wait": c.LongWait, "update_every": c.UpdateEvery, "session_ttl": c.SessionTTL} {
		if d < 0 {
			bad(name, "must not be negative")
		}
	}
	if c.AbandonAfter != 0 && time.Duration(c.AbandonAfter) < 30*time.Second {
		bad("abandon_after", "%s is too short (at least 30s)", time.Duration(c.AbandonAfter))
	}
	for i, a := range c.Areas {
		if a == "" || strings.ContainsAny(a, ":, *") {
			bad(fmt.Sprintf("areas[%d]", i), "%q is not a valid area name", a)
		}
	}
	if c.Hours.Timezone != "" {
		if _, err := time.LoadLocation(c.Hours.Timezone); err != nil {
			bad("hours.timezone", "unknown time zone %q", c.Hours.Timezone)
		}
	}
	for i, d := range c.Hours.Days {
		if _, ok := weekday(d); !ok {
			bad(fmt.Sprintf("hours.days[%d]", i), "%q is not one of mon, tue, wed, thu, fri, sat, sun", d)
		}
	}
	if (c.Hours.Open == "") != (c.Hours.Close == "") {
		bad("hours", "set both open and close, or neither")
	}
	for _, f := range []struct{ name, v string }{{"open", c.Hours.Open}, {"close", c.Hours.Close}} {
		if f.v != "" {
			if _, err := time.Parse("15:04", f.v); err != nil {
				bad("hours."+f.name, "%q is not a time such as 09:00", f.v)
			}
		}
	}
	if _, err := holidays.New(c.Hours.Country, nil); err != nil {
		bad("hours.country", "%v", err)
	}
	for i, d := range c.Hours.Closed {
		if err := holidays.CheckDate(d); err != nil {
			bad(fmt.Sprintf("hours.closed[%d]", i), "%v", err)
		}
	}
	switch c.ReplyLabel {
	case "", LabelName, LabelRole:
	default:
		bad("reply_label", "%q is not name or role", c.ReplyLabel)
	}
	for op, name := range c.ReplyNames {
		if strings.TrimSpace(name) == "" || len(name) > 60 || strings.ContainsAny(name, "\n\r") {
			bad("reply_names."+op, "%q is not a name of one line, at most 60 bytes", name)
		}
	}
	for lang, list := range c.Canned {
		for i, cr := range list {
			field := fmt.Sprintf("canned.%s[%d]", lang, i)
			if strings.TrimSpace(cr.Title) == "" || strings.TrimSpace(cr.Text) == "" {
				bad(field, "needs a title and a text")
				continue
			}
			if _, err := renderCanned(cr.Text, c.Variables); err != nil {
				bad(field+".text", "%v", err)
			}
		}
	}
	return errors.Join(errs...)
}

// renderCanned fills a canned reply's variables; a variable not defined is
// an error, so a typo shows at start and not in front of a person.
func renderCanned(text string, vars map[string]string) (string, error) {
	t, err := template.New("canned").Option("missingkey=error").Parse(text)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if vars == nil {
		vars = map[string]string{}
	}
	if err := t.Execute(&b, vars); err != nil {
		return "", err
	}
	return b.String(), nil
}

// schedule is Hours made ready once: the time zone loaded, the times
// parsed and the days-off calendar built, so that asking whether the desk
// is staffed (every message of a waiting person) does none of it again.
type schedule struct {
	// always: no hours set, the desk is always staffed.
	always bool
	loc    *time.Location
	// open and close are minutes after midnight.
	open, close int
	// days are the weekdays staffed; nil is every day.
	days map[time.Weekday]bool
	cal  holidays.Calendar
}

// schedule builds h's schedule; its error is the first thing wrong with
// h, which Validate reports field by field.
func (h Hours) schedule() (schedule, error) {
	cal, err := holidays.New(h.Country, h.Closed)
	if err != nil {
		return schedule{}, err
	}
	if h.Open == "" {
		return schedule{always: true, cal: cal}, nil
	}
	loc, err := time.LoadLocation(h.Timezone)
	if err != nil {
		return schedule{}, err
	}
	o, err := time.Parse("15:04", h.Open)
	if err != nil {
		return schedule{}, err
	}
	c, err := time.Parse("15:04", h.Close)
	if err != nil {
		return schedule{}, err
	}
	sc := schedule{loc: loc, open: o.Hour()*60 + o.Minute(), close: c.Hour()*60 + c.Minute(), cal: cal}
	for _, d := range h.Days {
		wd, ok := weekday(d)
		if !ok {
			return schedule{}, fmt.Errorf("%q is not a day", d)
		}
		if sc.days == nil {
			sc.days = map[time.Weekday]bool{}
		}
		sc.days[wd] = true
	}
	return sc, nil
}

// opens is when the desk is next staffed after now, within two weeks;
// false when it is always open or never.
func (sc schedule) opens(now time.Time) (time.Time, bool) {
	if sc.always {
		return time.Time{}, false
	}
	t := now.In(sc.loc)
	// Two weeks: Christmas, St Stephen and a weekend in a row still leave
	// an opening to tell.
	for i := range 15 {
		at := time.Date(t.Year(), t.Month(), t.Day()+i, sc.open/60, sc.open%60, 0, 0, sc.loc)
		if at.After(now) && sc.isOpen(at) {
			return at, true
		}
	}
	return time.Time{}, false
}

// isOpen reports whether the desk is staffed at now.
func (sc schedule) isOpen(now time.Time) bool {
	if sc.always {
		return true
	}
	t := now.In(sc.loc)
	if sc.cal.Shut(t) {
		return false
	}
	if sc.days != nil && !sc.days[t.Weekday()] {
		return false
	}
	m := t.Hour()*60 + t.Minute()
	return m >= sc.open && m < sc.close
}
