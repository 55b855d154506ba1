package handoff_test

import (
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"frontdoor/handoff"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		yaml string
		want string // "" = valid
	}{
		{``, ""},
		{"abandon_after: 10m\ntranscript_retention: 48h\nhours: {timezone: Europe/Rome, days: [mon, fri], open: \"09:00\", close: \"13:00\"}\n" +
			"variables: {DeskAddress: Via Roma 1}\ncanned: {it: [{title: Indirizzo, text: \"Siamo in {{.DeskAddress}}\"}]}", ""},
		{"abandon_after: 5s", "handoff.abandon_after"},
		{"hours: {timezone: Mars/Base}", "handoff.hours.timezone"},
		{"hours: {days: [someday]}", "handoff.hours.days[0]"},
		{"hours: {open: \"9\", close: \"13:00\"}", "handoff.hours.open"},
		{"hours: {open: \"09:00\"}", "handoff.hours: set both"},
		{"hours: {open: \"09:00\", close: \"13:00\", country: FR}", "handoff.hours.country"},
		{"hours: {open: \"09:00\", close: \"13:00\", closed: [2026-12-24, 24/12]}", "handoff.hours.closed[1]"},
		{"canned: {fr: [{title: Adresse, text: \"{{.DeskAdress}}\"}]}", "handoff.canned.fr[0].text"},
		{"canned: {fr: [{title: \"\", text: x}]}", "handoff.canned.fr[0]"},
		{"areas: [legal, \"bad area\"]", "handoff.areas[1]"},
		{"reply_label: role\nreply_names: {amina: Amina K.}", ""},
		{"reply_label: nickname", "handoff.reply_label"},
		{"reply_names: {amina: \"\"}", "handoff.reply_names.amina"},
	}
	for _, tt := range tests {
		var c handoff.Config
		if err := yaml.Unmarshal([]byte(tt.yaml), &c); err != nil {
			t.Fatalf("%q: %v", tt.yaml, err)
		}
		err := c.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: unexpected %v", tt.yaml, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%q: error %v, want one naming %s", tt.yaml, err, tt.want)
		}
	}
	var c handoff.Config
	yaml.Unmarshal([]byte("abandon_after: 20m"), &c)
	if time.Duration(c.AbandonAfter) != 20*time.Minute {
		t.Fatalf("abandon_after = %v", c.AbandonAfter)
	}
}
