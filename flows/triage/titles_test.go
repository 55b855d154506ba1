package triage_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"

	"frontdoor/flows"
	"frontdoor/flows/triage"
)

// catalogue reads the "other" text of every message of one locales file.
func catalogue(t *testing.T, name string) map[string]string {
	t.Helper()
	var raw map[string]struct {
		Other string `toml:"other"`
	}
	if _, err := toml.DecodeFile(filepath.Join("..", "..", "locales", name), &raw); err != nil {
		t.Fatal(err)
	}
	out := make(map[string]string, len(raw))
	for id, m := range raw {
		out[id] = m.Other
	}
	return out
}

// The button titles of the menus, typed as free text, must lead where the
// buttons lead: an area title ("Work") to its area, a service title
// ("Renew your permit") to its area and service, in every language.
func TestMenuTitles(t *testing.T) {
	c, err := triage.New()
	if err != nil {
		t.Fatal(err)
	}
	var total, areaOK, topicOK int
	for _, lang := range triage.Languages() {
		areas := catalogue(t, fmt.Sprintf("areas.%s.toml", lang))
		active := catalogue(t, fmt.Sprintf("active.%s.toml", lang))
		for _, area := range flows.Areas() {
			check := func(id, title, topic string) {
				t.Helper()
				if title == "" {
					t.Errorf("%s: no message %s", lang, id)
					return
				}
				r := c.Classify(title)
				total++
				switch {
				case r.Area != area:
					t.Errorf("%s %s %q: %s/%s (%.2f), want %s/%s", lang, id, title, r.Area, r.Topic, r.Confidence, area, topic)
				case topic != "" && r.Topic != topic:
					areaOK++
					t.Errorf("%s %s %q: %s/%s (%.2f), want %s/%s", lang, id, title, r.Area, r.Topic, r.Confidence, area, topic)
				default:
					areaOK++
					topicOK++
				}
				if r.Urgent != "" && topic != "exploitation" {
					t.Errorf("%s %s %q: urgent %q", lang, id, title, r.Urgent)
				}
			}
			check("area."+area, active["area."+area], "")
			for _, topic := range flows.Topics(area) {
				id := area + "." + topic + ".title"
				check(id, areas[id], topic)
			}
		}
	}
	t.Logf("%d menu titles: area right %d, area and service right %d", total, areaOK, topicOK)
}
