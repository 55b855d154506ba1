package triage_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"frontdoor/flows"
	"frontdoor/flows/triage"
)

// catalogue reads the "other" text of every message of a language: the
// locales files <lang>.toml and <part>.<lang>.toml.
func catalogue(t *testing.T, lang string) map[string]string {
	t.Helper()
	dir := filepath.Join("..", "..", "locales")
	names, err := filepath.Glob(filepath.Join(dir, "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, name := range names {
		base := filepath.Base(name)
		if base != lang+".toml" && !strings.HasSuffix(base, "."+lang+".toml") {
			continue
		}
		var raw map[string]struct {
			Other string `toml:"other"`
		}
		if _, err := toml.DecodeFile(name, &raw); err != nil {
			t.Fatal(err)
		}
		for id, m := range raw {
			out[id] = m.Other
		}
	}
	if len(out) == 0 {
		t.Fatalf("no catalogue for %s in %s", lang, dir)
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
		msgs := catalogue(t, lang)
		if len(msgs) == 0 {
			t.Logf("%s: no catalogue yet, titles not checked", lang)
			continue
		}
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
			check("area."+area, msgs["area."+area], "")
			for _, topic := range flows.Topics(area) {
				id := area + "." + topic + ".title"
				check(id, msgs[id], topic)
			}
		}
	}
	t.Logf("%d menu titles: area right %d, area and service right %d", total, areaOK, topicOK)
}
