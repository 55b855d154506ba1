package booking

import (
	"testing"
	"time"

	"frontdoor/internal/conf"
	"frontdoor/store"
)

func keysForTest() store.Keys { return store.NewKeys("unused:") }

func TestSlots(t *testing.T) {
	cfg := testConfig()
	cfg.Desks[0].Hours["sun"] = []string{"01:00-04:00", "09:00-10:00"}
	cfg.Desks[0].Hours["sat"] = []string{"09:00-10:00"}
	// The Sunday after the autumn change is All Saints in Italy: the
	// clock changes are tested here, holidays in TestNoSlotsOnHolidays.
	cfg.Desks[0].Country = "none"
	d, err := newDesk(cfg.withDefaults().Desks[0])
	if err != nil {
		t.Fatal(err)
	}
	hour := Offering{Area: "work", Duration: conf.Duration(time.Hour), Capacity: 1}
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name string
		day  string
		want []time.Time
	}{
		{"saturday before the spring change, CET", "2026-03-28", []time.Time{utc("2026-03-28T08:00:00Z")}},
		{"spring change: 02:00-03:00 does not exist", "2026-03-29", []time.Time{
			utc("2026-03-29T00:00:00Z"), // 01:00 CET
			utc("2026-03-29T01:00:00Z"), // 03:00 CEST
			utc("2026-03-29T07:00:00Z"), // 09:00 CEST
		}},
		{"autumn change: 02:00-03:00 happens twice", "2026-10-25", []time.Time{
			utc("2026-10-24T23:00:00Z"), // 01:00 CEST
			utc("2026-10-25T00:00:00Z"), // 02:00 CEST
			utc("2026-10-25T01:00:00Z"), // 02:00 CET
			utc("2026-10-25T02:00:00Z"), // 03:00 CET
			utc("2026-10-25T08:00:00Z"), // 09:00 CET
		}},
		{"sunday after, CET", "2026-11-01", []time.Time{
			utc("2026-11-01T00:00:00Z"), utc("2026-11-01T01:00:00Z"), utc("2026-11-01T02:00:00Z"), utc("2026-11-01T08:00:00Z"),
		}},
		{"closed date", "2026-03-04", nil},
		{"weekday", "2026-03-03", []time.Time{
			utc("2026-03-03T08:00:00Z"), utc("2026-03-03T09:00:00Z"), utc("2026-03-03T10:00:00Z"), utc("2026-03-03T11:00:00Z"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.slots(tt.day, hour)
			if len(got) != len(tt.want) {
				t.Fatalf("slots(%s) = %v, want %v", tt.day, got, tt.want)
			}
			for i := range got {
				if !got[i].Equal(tt.want[i]) {
					t.Errorf("slot %d = %v, want %v", i, got[i].UTC(), tt.want[i])
				}
				if d.day(got[i]) != tt.day {
					t.Errorf("slot %v falls on %s, not %s", got[i], d.day(got[i]), tt.day)
				}
			}
		})
	}
	half := Offering{Area: "legal", Topic: "permit_renewal", Duration: conf.Duration(45 * time.Minute)}
	if got := d.slots("2026-03-03", half); len(got) != 5 {
		t.Errorf("45-minute slots in 09:00-13:00 = %d, want 5 (the last must end by 13:00)", len(got))
	}
}

func TestFormatDate(t *testing.T) {
	s, err := New(nil, keysForTest(), testConfig(), cat(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 29, 9, 0, 0, 0, rome)
	for lang, want := range map[string]string{
		"it": "domenica 29 marzo", "en": "Sunday 29 March", "es": "domingo 29 de marzo", "fr": "dimanche 29 mars",
		"uk": "неділя, 29 березня", "zh": "3月29日 星期日", "ar": "الأحد \u206629\u2069 مارس",
		// The order and the month's case are the catalogue's (format.date).
		"ru": "воскресенье, 29 марта", "tr": "29 Mart Pazar", "fil": "Linggo, Marso 29", "ro": "duminică, 29 martie",
		"fa": "یکشنبه \u206629\u2069 مارس", "am": "እሑድ፣ 29 ማርች",
	} {
		if got := s.formatDate(lang, day); got != want {
			t.Errorf("formatDate(%s) = %q, want %q", lang, got, want)
		}
	}
}
