package main

import (
	"errors"
	"fmt"
	"slices"

	"frontdoor/flows"
	"frontdoor/locales"
)

// urgentConfig is config.yaml's urgent section: the lines a person in
// danger is given at once, by urgent kind. Numbers are the deployment's:
// the defaults are Italy's (flows.ItalyUrgentHelp).
type urgentConfig struct {
	// Emergency is the general emergency number, said in every language
	// to someone whose language Frontdoor does not speak, and the last
	// line of the first screens everyone sees (flows: withSOS).
	Emergency string `yaml:"emergency"`
	// Lines name the numbers: line id -> number. A line's name in each
	// language is the message urgent.line.<id> (add one for a new line
	// with the text overrides).
	Lines map[string]string `yaml:"lines"`
	// Kinds list the lines given for each urgent kind, in order.
	Kinds map[string][]string `yaml:"kinds"`
	// Languages are spoken, besides theirs when it is recognised, to
	// someone whose language Frontdoor does not speak.
	Languages []string `yaml:"languages"`
}

// defaultUrgent is flows.ItalyUrgentHelp written as configuration.
func defaultUrgent() urgentConfig {
	h := flows.ItalyUrgentHelp()
	u := urgentConfig{Emergency: h.Emergency, Languages: h.Languages, Lines: map[string]string{}, Kinds: map[string][]string{}}
	for kind, lines := range h.Lines {
		for _, l := range lines {
			u.Lines[l.ID] = l.Number
			u.Kinds[kind] = append(u.Kinds[kind], l.ID)
		}
	}
	return u
}

// help turns the section into the flows' help, checked against the
// catalogue (with the desk's overrides): every error names its field.
func (u urgentConfig) help(cat *locales.Catalog) (flows.UrgentHelp, error) {
	h := flows.UrgentHelp{Emergency: u.Emergency, Languages: u.Languages, Lines: map[string][]flows.HelpLine{}}
	var errs []error
	for kind, ids := range u.Kinds {
		for i, id := range ids {
			n, ok := u.Lines[id]
			if !ok {
				errs = append(errs, fmt.Errorf("urgent.kinds.%s[%d]: %q is not in urgent.lines", kind, i, id))
				continue
			}
			h.Lines[kind] = append(h.Lines[kind], flows.HelpLine{ID: id, Number: n})
		}
	}
	hasText := func(lang, id string) bool { return slices.Contains(cat.IDs(), id) || cat.Text(lang, id, nil) != id }
	errs = append(errs, h.Validate(hasText, cat.Supported)...)
	if len(errs) > 0 {
		return h, errors.Join(errs...)
	}
	return h, nil
}
