package booking

import (
	"strings"
	"testing"
	"time"

	"frontdoor/internal/conf"
)

// Slots are never offered on a national holiday nor on a closure of the
// desk's own; a desk of country "none" opens on Italian holidays.
func TestNoSlotsOnHolidays(t *testing.T) {
	half := Offering{Area: "legal", Topic: "permit_renewal", Duration: conf.Duration(30 * time.Minute), Capacity: 1}
	tests := []struct {
		name    string
		country string
		day     string
		open    bool
	}{
		{"Immaculate Conception, a Tuesday", "", "2026-12-08", false},
		{"the Monday before", "", "2026-12-07", true},
		{"Easter Monday", "IT", "2026-04-06", false},
		{"Republic Day", "IT", "2026-06-02", false},
		{"a closure of the desk's own", "IT", "2026-03-04", false},
		{"no national holidays", "none", "2026-12-08", true},
		{"no national holidays, own closure still", "none", "2026-03-04", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig()
			cfg.Desks[0].Country = tt.country
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			d, err := newDesk(cfg.withDefaults().Desks[0])
			if err != nil {
				t.Fatal(err)
			}
			if got := len(d.slots(tt.day, half)) > 0; got != tt.open {
				t.Errorf("slots on %s: open = %v, want %v", tt.day, got, tt.open)
			}
		})
	}
}

func TestUnknownHolidayCountryIsAConfigError(t *testing.T) {
	cfg := testConfig()
	cfg.Desks[0].Country = "XX"
	err := cfg.Validate()
	if err == nil || !strings.Contains(err.Error(), "booking.desks[0].country") {
		t.Fatalf("Validate() = %v, want an error naming booking.desks[0].country", err)
	}
}
