// Package booking lets people book, see, move and cancel appointments at
// the desks by chat: desks and opening hours from config.yaml, slots and
// appointments in Redis (booked atomically, never twice), reminders sent
// once across processes, a waiting list offered the places that free up,
// a calendar feed per desk, and the staff's agenda in the operator console
// (day and week, attended and no-show, blocked times, bookings for people
// without a chat).
package booking

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // desks name their time zone; a slim container may lack the system database

	"frontdoor/flows"
	"frontdoor/holidays"
	"frontdoor/internal/conf"
)

// Config is the booking section of config.yaml.
type Config struct {
	Desks []Desk `yaml:"desks"`
	// HorizonDays: how far ahead people can book. Default 21.
	HorizonDays int `yaml:"horizon_days"`
	// MinNotice: the earliest bookable slot is this far from now.
	// Default 2h.
	MinNotice conf.Duration `yaml:"min_notice"`
	// Reminders: how long before the appointment a reminder goes out.
	// Default 24h and 2h.
	Reminders []conf.Duration `yaml:"reminders"`
	// WaitingOffer: how long a person on the waiting list has to accept a
	// time that became free before it goes to the next. Default 30m.
	WaitingOffer conf.Duration `yaml:"waiting_offer"`
}

// Desk is one place people are received at.
type Desk struct {
	// ID is short: it travels in button data. Lowercase letters, digits,
	// - and _, at most 20.
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Names per language code, where the name is said differently.
	Names   map[string]string `yaml:"names"`
	Address string            `yaml:"address"`
	MapURL  string            `yaml:"map_url"`
	Phone   string            `yaml:"phone"`
	// Timezone is an IANA name; default Europe/Rome.
	Timezone string `yaml:"timezone"`
	// Hours per weekday (mon, tue, ... sun), each a list of "09:00-13:00"
	// ranges. A day not listed is closed.
	Hours map[string][]string `yaml:"hours"`
	// Country names the national holidays the desk is closed on, as an
	// ISO 3166 code: "IT" (the default) or "none".
	Country string `yaml:"country"`
	// Closed lists dates (2026-12-25) the desk is shut besides the
	// national holidays: the patron saint's day, closures of its own.
	Closed   []string   `yaml:"closed"`
	Services []Offering `yaml:"services"`
	// Lang is the language of the desk's staff, a catalogue's code: the
	// calendar feed speaks it. Default: the catalogue's default language.
	Lang string `yaml:"lang"`
	// FeedToken is the secret in the URL of the desk's calendar feed and
	// CSV export (/booking/<id>/<token>.ics). Empty: no feed.
	FeedToken string `yaml:"feed_token"`
}

// Offering is a service a desk receives people for.
type Offering struct {
	// Area and Topic are the triage's ids (flows.Areas, flows.Topics);
	// an empty topic covers every service of the area.
	Area  string `yaml:"area"`
	Topic string `yaml:"topic"`
	// Duration of one appointment; slots start every Duration from the
	// start of each opening range.
	Duration conf.Duration `yaml:"duration"`
	// Capacity is how many people are received at once. Default 1.
	Capacity int `yaml:"capacity"`
	// Documents is the catalogue message listing what to bring.
	Documents string `yaml:"documents"`
}

// Key names the offering in Redis and in buttons: "area.topic".
func (o Offering) Key() string { return o.Area + "." + o.Topic }

var (
	deskIDPattern   = regexp.MustCompile(`^[a-z0-9_-]{1,20}$`)
	deskLangPattern = regexp.MustCompile(`^[a-z]{2,3}$`)
	rangePattern    = regexp.MustCompile(`^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-4]):([0-5][0-9])$`)
)

var weekdays = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Validate reports every problem at once, each named by its config.yaml
// path.
func (c Config) Validate() error {
	var errs []error
	bad := func(path, format string, a ...any) {
		errs = append(errs, fmt.Errorf("booking.%s: %s", path, fmt.Sprintf(format, a...)))
	}
	if c.HorizonDays < 0 || c.HorizonDays > 366 {
		bad("horizon_days", "%d is not between 1 and 366", c.HorizonDays)
	}
	if c.MinNotice < 0 {
		bad("min_notice", "must not be negative")
	}
	if c.WaitingOffer < 0 || c.WaitingOffer > conf.Duration(48*time.Hour) {
		bad("waiting_offer", "%s is not between 1m and 48h", time.Duration(c.WaitingOffer))
	} else if c.WaitingOffer != 0 && c.WaitingOffer < conf.Duration(time.Minute) {
		bad("waiting_offer", "%s is not between 1m and 48h", time.Duration(c.WaitingOffer))
	}
	for i, r := range c.Reminders {
		if r <= 0 {
			bad(fmt.Sprintf("reminders[%d]", i), "must be more than 0")
		}
	}
	ids := map[string]bool{}
	for i, d := range c.Desks {
		p := fmt.Sprintf("desks[%d]", i)
		switch {
		case !deskIDPattern.MatchString(d.ID):
			bad(p+".id", "%q must be lowercase letters, digits, - or _ (at most 20)", d.ID)
		case ids[d.ID]:
			bad(p+".id", "%q is used by another desk", d.ID)
		}
		ids[d.ID] = true
		if strings.TrimSpace(d.Name) == "" {
			bad(p+".name", "is empty")
		}
		if d.Timezone != "" {
			if _, err := time.LoadLocation(d.Timezone); err != nil {
				bad(p+".timezone", "%q is not a time zone such as Europe/Rome", d.Timezone)
			}
		}
		if d.Lang != "" && !deskLangPattern.MatchString(d.Lang) {
			bad(p+".lang", "%q is not a language code such as it or fr", d.Lang)
		}
		if d.FeedToken != "" && len(d.FeedToken) < 16 {
			bad(p+".feed_token", "must be at least 16 characters: it is the only protection of the feed")
		}
		for day, ranges := range d.Hours {
			if !slices.Contains(weekdays, day) {
				bad(p+".hours."+day, "not a weekday (mon, tue, wed, thu, fri, sat, sun)")
				continue
			}
			if _, err := parseRanges(ranges); err != nil {
				bad(p+".hours."+day, "%v", err)
			}
		}
		if len(d.Hours) == 0 {
			bad(p+".hours", "no opening hours")
		}
		if _, err := holidays.New(d.Country, nil); err != nil {
			bad(p+".country", "%v", err)
		}
		for j, s := range d.Closed {
			if err := holidays.CheckDate(s); err != nil {
				bad(fmt.Sprintf("%s.closed[%d]", p, j), "%v", err)
			}
		}
		if len(d.Services) == 0 {
			bad(p+".services", "no services")
		}
		seen := map[string]bool{}
		for j, o := range d.Services {
			sp := fmt.Sprintf("%s.services[%d]", p, j)
			switch {
			case !slices.Contains(flows.Areas(), o.Area):
				bad(sp+".area", "%q is not one of %v", o.Area, flows.Areas())
			case o.Topic != "" && !slices.Contains(flows.Topics(o.Area), o.Topic):
				bad(sp+".topic", "%q is not a service of %s (known: %v)", o.Topic, o.Area, flows.Topics(o.Area))
			case seen[o.Key()]:
				bad(sp, "%s/%s is offered twice", o.Area, o.Topic)
			}
			seen[o.Key()] = true
			if o.Duration < conf.Duration(5*time.Minute) || o.Duration > conf.Duration(8*time.Hour) {
				bad(sp+".duration", "%s is not between 5m and 8h", time.Duration(o.Duration))
			}
			if o.Capacity < 0 || o.Capacity > 1000 {
				bad(sp+".capacity", "%d is not between 1 and 1000", o.Capacity)
			}
		}
	}
	return errors.Join(errs...)
}

// span is an opening range in minutes from midnight.
type span struct{ from, to int }

// parseRanges reads "09:00-13:00" ranges, sorted, and refuses empty or
// overlapping ones.
func parseRanges(ranges []string) ([]span, error) {
	out := make([]span, 0, len(ranges))
	for _, r := range ranges {
		m := rangePattern.FindStringSubmatch(strings.ReplaceAll(r, " ", ""))
		if m == nil {
			return nil, fmt.Errorf("%q is not a range such as 09:00-13:00", r)
		}
		n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
		s := span{n(1)*60 + n(2), n(3)*60 + n(4)}
		if s.to > 24*60 || s.from >= s.to {
			return nil, fmt.Errorf("%q ends before it starts", r)
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b span) int { return a.from - b.from })
	for i := 1; i < len(out); i++ {
		if out[i].from < out[i-1].to {
			return nil, fmt.Errorf("ranges overlap (%s and %s)", fmtSpan(out[i-1]), fmtSpan(out[i]))
		}
	}
	return out, nil
}

func fmtSpan(s span) string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", s.from/60, s.from%60, s.to/60, s.to%60)
}

// withDefaults fills zero fields.
func (c Config) withDefaults() Config {
	if c.HorizonDays == 0 {
		c.HorizonDays = 21
	}
	if c.MinNotice == 0 {
		c.MinNotice = conf.Duration(2 * time.Hour)
	}
	if c.WaitingOffer == 0 {
		c.WaitingOffer = conf.Duration(30 * time.Minute)
	}
	if len(c.Reminders) == 0 {
		c.Reminders = []conf.Duration{conf.Duration(24 * time.Hour), conf.Duration(2 * time.Hour)}
	}
	desks := make([]Desk, len(c.Desks))
	for i, d := range c.Desks {
		if d.Timezone == "" {
			d.Timezone = "Europe/Rome"
		}
		svcs := make([]Offering, len(d.Services))
		for j, o := range d.Services {
			if o.Capacity == 0 {
				o.Capacity = 1
			}
			svcs[j] = o
		}
		d.Services = svcs
		desks[i] = d
	}
	c.Desks = desks
	return c
}

// Example is one realistic desk, for the shipped config.yaml.
func Example() Config {
	return Config{
		HorizonDays:  21,
		MinNotice:    conf.Duration(2 * time.Hour),
		Reminders:    []conf.Duration{conf.Duration(24 * time.Hour), conf.Duration(2 * time.Hour)},
		WaitingOffer: conf.Duration(30 * time.Minute),
		Desks: []Desk{{
			ID:       "torino",
			Name:     "Sportello Stranieri",
			Names:    map[string]string{"en": "Foreigners' Desk", "fr": "Guichet Étrangers"},
			Address:  "Via Roma 1, 10121 Torino",
			MapURL:   "https://www.openstreetmap.org/?mlat=45.0677&mlon=7.6825#map=18/45.0677/7.6825",
			Phone:    "+39 011 000 0000",
			Timezone: "Europe/Rome",
			Hours: map[string][]string{
				"mon": {"09:00-13:00"},
				"tue": {"09:00-13:00", "14:30-17:00"},
				"wed": {"09:00-13:00"},
				"thu": {"09:00-13:00", "14:30-17:00"},
				"fri": {"09:00-12:00"},
			},
			Closed: []string{"2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31", "2027-01-01", "2027-01-06"},
			Services: []Offering{
				{Area: "legal", Topic: "permit_renewal", Duration: conf.Duration(30 * time.Minute), Capacity: 2, Documents: "legal.permit_renewal.docs"},
				{Area: "legal", Topic: "permit_first", Duration: conf.Duration(45 * time.Minute), Capacity: 1, Documents: "legal.permit_first.docs"},
				{Area: "legal", Duration: conf.Duration(30 * time.Minute), Capacity: 1},
				{Area: "work", Topic: "cv", Duration: conf.Duration(30 * time.Minute), Capacity: 2},
				{Area: "health", Duration: conf.Duration(20 * time.Minute), Capacity: 1},
				{Area: "education", Duration: conf.Duration(20 * time.Minute), Capacity: 1},
				{Area: "welfare", Duration: conf.Duration(30 * time.Minute), Capacity: 1},
			},
		}},
	}
}
