package bench

import "strings"

// walk is what one simulated person writes, in order, and the language
// their client reports (Telegram's language_code).
type walk struct {
	lang  string
	texts []string
}

// personWalks are the default load of bench telegram and bench webchat:
// the path a person new to the desk takes, typed as text (a digit stands
// for a tapped button, so that the bare peer, which answers messages only,
// sees the same updates): /start, a language, consent, then questions in
// their own words that triage to an area, confirmed, and the menu again;
// one person in five asks for a person (a case opens, and they go back to
// the menu with /menu, which leaves the queue: a plain "menu" in a case
// is words for the operator, which the bot does not answer). Each walk is ten messages, the
// default load's share of each person (5,000 from 500), and reaches its
// first event (a need counted) at its fifth message and its fourth when it
// starts from a digit. Before 2026-12-06 every person wrote /start, hello,
// 1, menu in turn (--texts /start,hello,1,menu): that walk reaches no
// event in its first six messages, so --messages 2000 counted none at all
// and 5,000 one in ten messages.
func personWalks() []walk {
	return []walk{
		{"en", []string{"/start", "English", "yes", "I need to renew my residence permit", "yes", "menu", "I am looking for a job", "yes", "menu", "3"}},
		{"it", []string{"/start", "Italiano", "sì", "devo rinnovare il permesso di soggiorno", "sì", "menu", "cerco casa", "sì", "menu", "2"}},
		{"en", []string{"/start", "English", "yes", "I need a house for my family", "yes", "I want to talk to a person", "/menu", "2", "menu", "I need a doctor"}},
		{"fr", []string{"/start", "Français", "oui", "je cherche un travail", "oui", "menu", "1", "menu", "je cherche un travail", "oui"}},
		{"en", []string{"/start", "hello", "yes", "1", "menu", "I want to learn Italian", "yes", "menu", "I need a doctor", "yes"}},
	}
}

// walksOf is the walks of --texts: one, every person writing texts (comma-
// separated) in turn, in English; the default walks when texts is "".
func walksOf(texts string) []walk {
	if texts == "" {
		return personWalks()
	}
	return []walk{{"en", strings.Split(texts, ",")}}
}
