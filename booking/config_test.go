package booking

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"frontdoor/internal/conf"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Config)
		want   string // "" means valid
	}{
		{"test config", func(c *Config) {}, ""},
		{"overlapping hours", func(c *Config) { c.Desks[0].Hours["mon"] = []string{"09:00-13:00", "12:00-15:00"} }, "booking.desks[0].hours.mon: ranges overlap"},
		{"touching hours are fine", func(c *Config) { c.Desks[0].Hours["mon"] = []string{"09:00-13:00", "13:00-15:00"} }, ""},
		{"range backwards", func(c *Config) { c.Desks[0].Hours["tue"] = []string{"13:00-09:00"} }, "booking.desks[0].hours.tue"},
		{"bad range", func(c *Config) { c.Desks[0].Hours["tue"] = []string{"9-13"} }, "booking.desks[0].hours.tue"},
		{"bad weekday", func(c *Config) { c.Desks[0].Hours["monday"] = []string{"09:00-13:00"} }, "booking.desks[0].hours.monday"},
		{"unknown area", func(c *Config) { c.Desks[0].Services[0].Area = "housing" }, "booking.desks[0].services[0].area"},
		{"unknown topic", func(c *Config) { c.Desks[0].Services[0].Topic = "visa" }, "booking.desks[0].services[0].topic"},
		{"service twice", func(c *Config) { c.Desks[0].Services[1] = c.Desks[0].Services[0] }, "booking.desks[0].services[1]: legal/permit_renewal is offered twice"},
		{"bad time zone", func(c *Config) { c.Desks[0].Timezone = "Europe/Turin" }, "booking.desks[0].timezone"},
		{"bad desk id", func(c *Config) { c.Desks[0].ID = "Centro Storico" }, "booking.desks[0].id"},
		{"duplicate desk", func(c *Config) { c.Desks = append(c.Desks, c.Desks[0]) }, "booking.desks[1].id"},
		{"no name", func(c *Config) { c.Desks[0].Name = "" }, "booking.desks[0].name"},
		{"bad closed date", func(c *Config) { c.Desks[0].Closed = []string{"25/12/2026"} }, "booking.desks[0].closed[0]"},
		{"short feed token", func(c *Config) { c.Desks[0].FeedToken = "abc" }, "booking.desks[0].feed_token"},
		{"zero duration", func(c *Config) { c.Desks[0].Services[0].Duration = 0 }, "booking.desks[0].services[0].duration"},
		{"negative capacity", func(c *Config) { c.Desks[0].Services[0].Capacity = -1 }, "booking.desks[0].services[0].capacity"},
		{"no services", func(c *Config) { c.Desks[0].Services = nil }, "booking.desks[0].services"},
		{"no hours", func(c *Config) { c.Desks[0].Hours = nil }, "booking.desks[0].hours"},
		{"horizon", func(c *Config) { c.HorizonDays = 1000 }, "booking.horizon_days"},
		{"reminder", func(c *Config) { c.Reminders = []conf.Duration{conf.Duration(time.Hour), 0} }, "booking.reminders[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testConfig()
			tt.change(&c)
			err := c.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Validate() = %v, want nil", err)
			case tt.want != "" && err == nil:
				t.Fatalf("Validate() = nil, want an error naming %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Fatalf("Validate() = %v, want it to name %q", err, tt.want)
			}
		})
	}
}

func TestExampleIsValid(t *testing.T) {
	if err := Example().Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := New(nil, keysForTest(), Example(), cat(t), Options{}); err != nil {
		t.Fatalf("New(Example()): %v", err)
	}
}

func TestNewRefusesUnknownDocuments(t *testing.T) {
	c := testConfig()
	c.Desks[0].Services[0].Documents = "no.such.message"
	_, err := New(nil, keysForTest(), c, cat(t), Options{})
	if err == nil || !strings.Contains(err.Error(), "booking.desks[0].services[0].documents") {
		t.Fatalf("New = %v, want an error naming the documents field", err)
	}
}

// TestShippedYAML: the snippet for config.yaml decodes, strictly, to
// Example().
func TestShippedYAML(t *testing.T) {
	raw, err := os.ReadFile("testdata/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Booking Config `yaml:"booking"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(doc.Booking, Example()) {
		t.Fatalf("testdata/config.yaml =\n%+v\nExample() =\n%+v", doc.Booking, Example())
	}
}
