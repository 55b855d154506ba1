package holidays

import (
	"strings"
	"testing"
	"time"
)

func TestItalianHolidays(t *testing.T) {
	tests := []struct {
		date string
		want bool
	}{
		{"2026-01-01", true}, {"2026-01-06", true}, {"2026-04-25", true}, {"2026-05-01", true},
		{"2026-06-02", true}, {"2026-08-15", true}, {"2026-11-01", true}, {"2026-12-08", true},
		{"2026-12-25", true}, {"2026-12-26", true},
		// Easter Monday moves every year.
		{"2024-04-01", true}, {"2025-04-21", true}, {"2026-04-06", true}, {"2027-03-29", true}, {"2028-04-17", true},
		{"2026-04-05", false}, // Easter Sunday itself is a Sunday, not a holiday of its own
		{"2026-04-07", false}, {"2027-04-06", false},
		{"2026-12-07", false}, {"2026-12-24", false}, {"2026-06-24", false}, // patron saints are local
	}
	for _, tt := range tests {
		d, err := time.Parse(time.DateOnly, tt.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := italian(d.Year(), d.Month(), d.Day()); got != tt.want {
			t.Errorf("italian(%s) = %v, want %v", tt.date, got, tt.want)
		}
	}
}

// A calendar is shut on its country's holidays and its own closures, in
// the location of the time asked about; bad values are named.
func TestCalendar(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	c, err := New("", []string{"2026-12-24"})
	if err != nil {
		t.Fatal(err)
	}
	none, err := New("none", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		cal  Calendar
		at   time.Time
		want bool
	}{
		{c, time.Date(2026, 12, 8, 10, 0, 0, 0, rome), true},   // Immaculate Conception
		{c, time.Date(2026, 12, 24, 10, 0, 0, 0, rome), true},  // the desk's own closure
		{c, time.Date(2026, 12, 23, 10, 0, 0, 0, rome), false}, // an ordinary Wednesday
		// 23:30 UTC on 7 December is already the 8th in Rome.
		{c, time.Date(2026, 12, 7, 23, 30, 0, 0, time.UTC).In(rome), true},
		{none, time.Date(2026, 12, 8, 10, 0, 0, 0, rome), false},
		{Calendar{}, time.Date(2026, 12, 25, 10, 0, 0, 0, rome), false},
	} {
		if got := tt.cal.Shut(tt.at); got != tt.want {
			t.Errorf("Shut(%s) = %v, want %v", tt.at, got, tt.want)
		}
	}
	for _, tt := range []struct {
		country string
		closed  []string
		want    string
	}{
		{"FR", nil, `country "FR"`},
		{"IT", []string{"24/12/2026"}, `"24/12/2026" is not a date`},
	} {
		if _, err := New(tt.country, tt.closed); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%q, %q): %v, want an error naming %s", tt.country, tt.closed, err, tt.want)
		}
	}
}
