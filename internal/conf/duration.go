// Package conf holds the value types the configuration's sections share,
// so that a field reads the same whichever package owns it.
package conf

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Duration is a configuration duration: Go's "90s", "15m", "24h", "1h30m",
// and whole days, "90d". Every section's durations are this type, so "90d"
// works in all of them.
type Duration time.Duration

// UnmarshalYAML implements yaml.Unmarshaler. Its error is a
// *yaml.TypeError with the line, so that decoding goes on to the other
// fields and the configuration's error names this one (section.field).
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseDuration(n.Value)
	if err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %v", n.Line, err)}}
	}
	*d = Duration(v)
	return nil
}

// MarshalYAML writes the duration back as text.
func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }

// ParseDuration reads a Duration's text.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 100*365 {
			return 0, fmt.Errorf("%q is not a duration such as 90d, 24h or 15m", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration such as 90d, 24h or 15m", s)
	}
	return v, nil
}
