// Package holidays tells the days a desk is shut besides its weekly hours:
// the national holidays of its country and closures of its own. Booking
// offers no slot on them and the operators' side does not promise a
// person that somebody will be there.
package holidays

import (
	"fmt"
	"slices"
	"time"
)

// DefaultCountry is the country of a desk that names none.
const DefaultCountry = "IT"

// countries are the national holidays built in, by ISO 3166 code. Italy's
// are eleven fixed rules and Easter Monday, so they are written here
// rather than taken from a calendar library of every country's.
var countries = map[string]func(y int, m time.Month, d int) bool{
	"IT":   italian,
	"none": func(int, time.Month, int) bool { return false },
}

// Countries are the codes New accepts, sorted.
func Countries() []string {
	out := make([]string, 0, len(countries))
	for c := range countries {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Calendar is a desk's days off. The zero value has none.
type Calendar struct {
	national func(y int, m time.Month, d int) bool
	closed   map[string]bool // dates as 2006-01-02
}

// New is the calendar of a desk in country ("" for DefaultCountry) shut
// also on the dates of closed (2026-12-24). Its errors name the bad value.
func New(country string, closed []string) (Calendar, error) {
	if country == "" {
		country = DefaultCountry
	}
	national, ok := countries[country]
	if !ok {
		return Calendar{}, fmt.Errorf("country %q has no built-in holidays (known: %v)", country, Countries())
	}
	c := Calendar{national: national, closed: make(map[string]bool, len(closed))}
	for _, s := range closed {
		if err := CheckDate(s); err != nil {
			return Calendar{}, err
		}
		c.closed[s] = true
	}
	return c, nil
}

// CheckDate tells whether s is a closure date as New takes them.
func CheckDate(s string) error {
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return fmt.Errorf("closed date %q is not a date such as 2026-12-25", s)
	}
	return nil
}

// Shut reports whether the day of t, in t's own location, is a holiday or
// a closure.
func (c Calendar) Shut(t time.Time) bool {
	y, m, d := t.Date()
	if c.closed[t.Format(time.DateOnly)] {
		return true
	}
	return c.national != nil && c.national(y, m, d)
}

// italian reports the national holidays of Italy (Law 260/1949 and its
// amendments): New Year, Epiphany, Easter Monday, Liberation Day, Labour
// Day, Republic Day, Assumption, All Saints, the Immaculate Conception,
// Christmas and St Stephen. Easter Sunday is always a Sunday. Patron
// saints' days are local: a desk lists its own closures.
func italian(y int, m time.Month, d int) bool {
	switch {
	case m == time.January && (d == 1 || d == 6),
		m == time.April && d == 25,
		m == time.May && d == 1,
		m == time.June && d == 2,
		m == time.August && d == 15,
		m == time.November && d == 1,
		m == time.December && (d == 8 || d == 25 || d == 26):
		return true
	}
	em, ed := easterSunday(y)
	monday := time.Date(y, em, ed+1, 0, 0, 0, 0, time.UTC)
	return monday.Month() == m && monday.Day() == d
}

// easterSunday is the date of Western Easter in year y (the anonymous
// Gregorian algorithm, Meeus/Jones/Butcher).
func easterSunday(y int) (time.Month, int) {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Month(month), day
}
