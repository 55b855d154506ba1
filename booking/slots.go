package booking

import (
	"fmt"
	"time"

	"frontdoor/holidays"
)

// desk is a configured desk ready for use: time zone loaded, hours parsed.
type desk struct {
	Desk
	loc   *time.Location
	hours [7][]span // by time.Weekday
	// days the desk is shut besides its weekly hours
	holidays holidays.Calendar
}

func newDesk(d Desk) (*desk, error) {
	loc, err := time.LoadLocation(d.Timezone)
	if err != nil {
		return nil, err
	}
	cal, err := holidays.New(d.Country, d.Closed)
	if err != nil {
		return nil, fmt.Errorf("desk %s: %w", d.ID, err)
	}
	out := &desk{Desk: d, loc: loc, holidays: cal}
	for i, name := range weekdays {
		spans, err := parseRanges(d.Hours[name])
		if err != nil {
			return nil, err
		}
		out.hours[i] = spans
	}
	return out, nil
}

func (d *desk) offering(key string) (Offering, bool) {
	for _, o := range d.Services {
		if o.Key() == key {
			return o, true
		}
	}
	return Offering{}, false
}

// name is the desk's name in lang.
func (d *desk) name(lang string) string {
	if n := d.Names[lang]; n != "" {
		return n
	}
	return d.Name
}

// shut reports whether the desk is closed all day on date (a date in the
// desk's zone): a national holiday of its country or one of its own
// closures.
func (d *desk) shut(date time.Time) bool {
	return d.holidays.Shut(date)
}

// day is the desk's local date of t, "2006-01-02": the unit slots are
// grouped and locked by.
func (d *desk) day(t time.Time) string { return t.In(d.loc).Format(time.DateOnly) }

// slots lists the start times of o's appointments on the local date day.
// The ranges' ends are placed in absolute time and slots step through
// absolute time, so on the days the clocks change a range keeps its real
// length: 01:00-04:00 holds two hours of slots on the last Sunday of March
// and four on the last Sunday of October, and a wall-clock time that does
// not exist is never offered.
func (d *desk) slots(day string, o Offering) []time.Time {
	date, err := time.ParseInLocation(time.DateOnly, day, d.loc)
	if err != nil || d.shut(date) {
		return nil
	}
	step := time.Duration(o.Duration)
	y, m, dd := date.Date()
	var out []time.Time
	for _, s := range d.hours[date.Weekday()] {
		from := wall(y, m, dd, s.from, d.loc)
		to := wall(y, m, dd, s.to, d.loc)
		for t := from; !t.Add(step).After(to); t = t.Add(step) {
			out = append(out, t)
		}
	}
	return out
}

// wall is the instant of a wall-clock time given in minutes from midnight.
// time.Date moves a time that does not exist (02:30 on the spring change)
// forward by an hour, which for a range boundary is the right place.
func wall(y int, m time.Month, d, minutes int, loc *time.Location) time.Time {
	return time.Date(y, m, d, minutes/60, minutes%60, 0, 0, loc)
}

// clockTime is t's wall-clock time, "15:04", with the zone's abbreviation
// when that wall time happens twice (the night the clocks go back), so the
// two are told apart: "02:00 CEST", then "02:00 CET". t is in the desk's
// zone.
func clockTime(t time.Time) string {
	hm := t.Format("15:04")
	if ambiguous(t) {
		zone, _ := t.Zone()
		return hm + " " + zone
	}
	return hm
}

// ambiguous says whether another instant has t's wall-clock date and time
// in t's zone: one with the offset in force half a day before or after.
func ambiguous(t time.Time) bool {
	const layout = "2006-01-02 15:04:05"
	_, off := t.Zone()
	for _, d := range []time.Duration{-12 * time.Hour, 12 * time.Hour} {
		_, other := t.Add(d).Zone()
		if other != off && t.Add(time.Duration(off-other)*time.Second).Format(layout) == t.Format(layout) {
			return true
		}
	}
	return false
}
