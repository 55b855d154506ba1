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
		{"after closing: tomorrow", weekdays, time.Date(2026, 12, 7, 14, 0, 0, 0, rome), time.Date(2026, 12, 8, 9, 0, 0, 0, rome), false},
		{"friday evening: monday", weekdays, time.Date(2026, 12, 11, 18, 0, 0, 0, rome), time.Date(2026, 12, 14, 9, 0, 0, 0, rome), false},
		{"always open", Hours{}, time.Date(2026, 12, 7, 7, 0, 0, 0, rome), time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.h.opens(tt.now)
			if ok == tt.never || !got.Equal(tt.want) {
				t.Errorf("opens(%s) = %s, %v; want %s, %v", tt.now, got, ok, tt.want, !tt.never)
			}
		})
	}
}
