package booking

import "time"

// Countries whose national holidays are built in; a desk names its own
// (Desk.Country). Italy's are eleven fixed rules and Easter Monday, so they
// are written here rather than taken from a calendar library of every
// country's.
var holidayCountries = map[string]func(y int, m time.Month, d int) bool{
	"IT":   italianHoliday,
	"none": func(int, time.Month, int) bool { return false },
}

// italianHoliday reports the national holidays of Italy (Law 260/1949 and
// its amendments): New Year, Epiphany, Easter Monday, Liberation Day,
// Labour Day, Republic Day, Assumption, All Saints, the Immaculate
// Conception, Christmas and St Stephen. Easter Sunday is always a Sunday.
// Patron saints' days are local: a desk lists its own in Desk.Closed.
func italianHoliday(y int, m time.Month, d int) bool {
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
