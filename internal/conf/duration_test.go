package conf_test

import (
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"frontdoor/internal/conf"
)

func TestDuration(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"90s", 90 * time.Second, true},
		{"15m", 15 * time.Minute, true},
		{"1h30m", 90 * time.Minute, true},
		{"24h", 24 * time.Hour, true},
		{"1d", 24 * time.Hour, true},
		{"90d", 90 * 24 * time.Hour, true},
		{" 3d ", 3 * 24 * time.Hour, true},
		{"0", 0, true},
		{"-1d", 0, false},
		{"1.5d", 0, false},
		{"d", 0, false},
		{"soon", 0, false},
		{"1095x", 0, false},
		{"", 0, false},
	} {
		var v struct {
			D conf.Duration `yaml:"d"`
		}
		err := yaml.Unmarshal([]byte("x: 1\nd: \""+tt.in+"\"\n"), &v)
		if tt.ok != (err == nil) || tt.ok && time.Duration(v.D) != tt.want {
			t.Errorf("%q: %v, %v; want %v (ok %v)", tt.in, time.Duration(v.D), err, tt.want, tt.ok)
		}
		// The error says the line, so the configuration can name the
		// field (section.field ... line N).
		if err != nil && !strings.Contains(err.Error(), "line 2:") {
			t.Errorf("%q: error %q does not say the line", tt.in, err)
		}
		if tt.ok {
			out, err := yaml.Marshal(v)
			var back struct {
				D conf.Duration `yaml:"d"`
			}
			if err != nil || yaml.Unmarshal(out, &back) != nil || back.D != v.D {
				t.Errorf("%q: written back as %s", tt.in, out)
			}
		}
	}
}
