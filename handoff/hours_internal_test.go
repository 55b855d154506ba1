package handoff

import (
	"testing"
	"time"
)

func TestHoursOpens(t *testing.T) {
	rome, _ := time.LoadLocation("Europe/Rome")
	weekdays := Hours{Timezone: "Europe/Rome", Days: []string{"mon", "tue", "wed", "thu", "fri"}, Open: "09:00", Close: "13:00"}
	tests := []struct {
		name  string
		h     Hours
		now   time.Time
		want  time.Time
		never bool
	}{
		{"early on a weekday: today", weekdays, time.Date(2026, 12, 7, 7, 30, 0, 0, rome), time.Date(2026, 12, 7, 9, 0, 0, 0, rome), false},
		{"after closing: tomorrow", weekdays, time.Date(2026, 12, 9, 14, 0, 0, 0, rome), time.Date(2026, 12, 10, 9, 0, 0, 0, rome), false},
		// 8 December is a national holiday: nobody is there.
		{"before a holiday: the day after", weekdays, time.Date(2026, 12, 7, 14, 0, 0, 0, rome), time.Date(2026, 12, 9, 9, 0, 0, 0, rome), false},
		{"a holiday morning: the day after", weekdays, time.Date(2026, 12, 8, 10, 0, 0, 0, rome), time.Date(2026, 12, 9, 9, 0, 0, 0, rome), false},
		{"a desk that works on holidays", withDays(weekdays, "none"), time.Date(2026, 12, 7, 14, 0, 0, 0, rome), time.Date(2026, 12, 8, 9, 0, 0, 0, rome), false},
		// Its own closure on the 24th, Christmas, St Stephen on a Saturday, a Sunday.
		{"over christmas: the monday after", withDays(weekdays, "IT", "2026-12-24"), time.Date(2026, 12, 23, 14, 0, 0, 0, rome), time.Date(2026, 12, 28, 9, 0, 0, 0, rome), false},
		{"friday evening: monday", weekdays, time.Date(2026, 12, 11, 18, 0, 0, 0, rome), time.Date(2026, 12, 14, 9, 0, 0, 0, rome), false},
		{"always open", Hours{}, time.Date(2026, 12, 7, 7, 0, 0, 0, rome), time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := mustSchedule(t, tt.h).opens(tt.now)
			if ok == tt.never || !got.Equal(tt.want) {
				t.Errorf("opens(%s) = %s, %v; want %s, %v", tt.now, got, ok, tt.want, !tt.never)
			}
		})
	}
}

// withDays is h with the holidays of country and its own closures.
func withDays(h Hours, country string, closed ...string) Hours {
	h.Country, h.Closed = country, closed
	return h
}

func TestHoursOpenOnHolidays(t *testing.T) {
	rome, _ := time.LoadLocation("Europe/Rome")
	h := mustSchedule(t, Hours{Timezone: "Europe/Rome", Open: "09:00", Close: "13:00"})
	if h.isOpen(time.Date(2026, 12, 8, 10, 0, 0, 0, rome)) {
		t.Error("open at 10:00 on 8 December, a national holiday")
	}
	if !h.isOpen(time.Date(2026, 12, 9, 10, 0, 0, 0, rome)) {
		t.Error("closed at 10:00 on an ordinary Wednesday")
	}
	if !mustSchedule(t, Hours{}).isOpen(time.Date(2026, 12, 25, 10, 0, 0, 0, rome)) {
		t.Error("a desk without hours is always open, holidays included")
	}
}

func mustSchedule(t *testing.T, h Hours) schedule {
	t.Helper()
	sc, err := h.schedule()
	if err != nil {
		t.Fatal(err)
	}
	return sc
}
