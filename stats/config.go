package stats

import (
	"errors"
	"fmt"
	"time"

	"frontdoor/internal/conf"
)

// Config is the stats section of config.yaml.
type Config struct {
	// Timezone decides which ISO week and which hour of the day an event
	// falls in: the desk's, not the server's.
	Timezone string `yaml:"timezone"`
	// Threshold is the smallest count shown; smaller ones show as "<N".
	Threshold int `yaml:"threshold"`
	// Secret goes into the weekly keys that name people while they are
	// counted, and keys the hashes of appointment codes. Kept out of Redis,
	// it makes a Redis dump alone useless for linking anyone, even during
	// the week; without it, a dump taken during a week links that week's
	// people (see the package doc). Empty: the appointment key is generated
	// and kept in Redis (see New). Also STATS_SECRET.
	Secret string `yaml:"secret"`
	// Keep is how long weekly counters live after their week ended.
	Keep conf.Duration `yaml:"keep"`
}

// Defaults used for fields left empty.
const (
	DefaultTimezone  = "Europe/Rome"
	DefaultThreshold = 5
	// DefaultKeep is three years: anonymous counts may be kept for
	// multi-year reports to funders.
	DefaultKeep = 3 * 365 * 24 * time.Hour
	// secretEnv overrides stats.secret.
	secretEnv = "STATS_SECRET"
)

// ApplyEnv takes the secret from STATS_SECRET when set: the lead's config
// loader calls it next to the other environment overrides.
func (c *Config) ApplyEnv(getenv func(string) string) {
	if v := getenv(secretEnv); v != "" {
		c.Secret = v
	}
}

// withDefaults fills empty fields.
func (c Config) withDefaults() Config {
	if c.Timezone == "" {
		c.Timezone = DefaultTimezone
	}
	if c.Threshold == 0 {
		c.Threshold = DefaultThreshold
	}
	if c.Keep == 0 {
		c.Keep = conf.Duration(DefaultKeep)
	}
	return c
}

// Validate reports every bad field by its path in config.yaml. Empty fields
// are valid: they take the defaults.
func (c Config) Validate() error {
	var errs []error
	if c.Timezone != "" {
		if _, err := time.LoadLocation(c.Timezone); err != nil {
			errs = append(errs, fmt.Errorf("stats.timezone: %q is not a time zone such as Europe/Rome", c.Timezone))
		}
	}
	if c.Threshold < 0 || c.Threshold == 1 || c.Threshold > 100 {
		errs = append(errs, fmt.Errorf("stats.threshold: %d must be between 2 and 100 (default 5)", c.Threshold))
	}
	if c.Secret != "" && len(c.Secret) < 16 {
		errs = append(errs, errors.New("stats.secret: must be at least 16 characters (or empty to generate one)"))
	}
	if c.Keep < 0 || (c.Keep > 0 && time.Duration(c.Keep) < 7*24*time.Hour) {
		errs = append(errs, errors.New("stats.keep: must be at least 7d (default 1095d, three years)"))
	}
	return errors.Join(errs...)
}
