package locales

import (
	"fmt"
	"strconv"
	"time"
)

// Dates and times are written from the catalogue, never from Go's layouts
// (English names, one order): format.date orders the weekday, the day of
// the month and the month's name as the language does ("lunedì 7
// dicembre", "7 Aralık Pazartesi", "12月7日 星期一"), format.time writes the
// 24-hour clock of the desks, and a right-to-left catalogue wraps the
// digits of both in isolates itself.

// Weekday is the name of t's day of the week in lang.
func (c *Catalog) Weekday(lang string, t time.Time) string {
	return c.Text(lang, "format.weekday."+strconv.Itoa(int(t.Weekday())), nil)
}

// Date writes t's day, in the zone t carries, as lang writes a day in a
// sentence or on a button: weekday, day of the month and month.
func (c *Catalog) Date(lang string, t time.Time) string {
	return c.Text(lang, "format.date", map[string]any{
		"Weekday":  c.Weekday(lang, t),
		"MonthDay": t.Day(),
		"Month":    c.Text(lang, "format.month."+strconv.Itoa(int(t.Month())), nil),
	})
}

// Clock writes t's wall-clock time, in the zone t carries, on the 24-hour
// clock: hours and minutes always two digits.
func (c *Catalog) Clock(lang string, t time.Time) string {
	return c.Text(lang, "format.time", map[string]any{
		"Hour":   fmt.Sprintf("%02d", t.Hour()),
		"Minute": fmt.Sprintf("%02d", t.Minute()),
	})
}

// Labelled writes "label: value" with lang's punctuation (a no-break space
// before the colon in French, a full-width colon in Chinese).
func (c *Catalog) Labelled(lang, label, value string) string {
	return c.Text(lang, "format.label", map[string]any{"Label": label, "Value": value})
}
