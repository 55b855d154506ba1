package flows

import (
	"strings"

	"frontdoor/locales"
)

// Words recognises what people type instead of pressing a button or an
// English /command: the other names of commands ("/aiuto"), the stop
// words and thanks, all read from the catalogues (words.* messages), so
// that a language brings its own words in its file. Read-only once built,
// safe for concurrent use. The runtimes that hold a conversation aside
// (handoff, booking) build their own from the same catalogue.
type Words struct {
	// slash maps a folded word to its command, for every language: a
	// /command means one thing whoever types it (locales check sees to it).
	slash map[string]locales.Command
	// plain maps, per language, the words that are a command when they
	// are the whole message, for the commands that move around
	// (plainCommands).
	plain  map[string]map[string]locales.Command
	stop   map[string]bool
	thanks map[string]bool
}

// ownNames are the commands' own names, which no other language's word may
// take over: "/start" is start even though English "start" opens the menu
// when typed alone.
func ownNames() []string {
	return []string{"start", "menu", "back", "language", "person", "help", "privacy", "stop", "delete", "clear", "appointments", "voice"}
}

// plainCommands are the commands a word alone can give: moving around
// and reading the privacy notice. Help, delete and clear need the "/", so
// that a message that happens to be "help" or "cancella" is read as words.
func plainCommands() []locales.Command {
	return []locales.Command{locales.CommandMenu, locales.CommandBack, locales.CommandLanguage, locales.CommandPerson, locales.CommandPrivacy}
}

// NewWords reads the words of every language of cat.
func NewWords(cat *locales.Catalog) *Words {
	w := &Words{
		slash:  map[string]locales.Command{},
		plain:  map[string]map[string]locales.Command{},
		stop:   map[string]bool{},
		thanks: map[string]bool{},
	}
	own := ownNames()
	for _, l := range cat.Languages() {
		lw := cat.Words(l.Tag)
		plain := map[string]locales.Command{}
		for _, cmd := range locales.Commands() {
			for _, a := range lw.Aliases[cmd] {
				n := Normalize(a)
				if n == "" {
					continue
				}
				if !contains(own, n) {
					if _, taken := w.slash[n]; !taken {
						w.slash[n] = cmd
					}
				}
				if containsCommand(plainCommands(), cmd) {
					plain[n] = cmd
				}
			}
		}
		w.plain[l.Tag] = plain
		for _, s := range lw.Stop {
			w.stop[Normalize(s)] = true
		}
		for _, s := range lw.Thanks {
			w.thanks[Normalize(s)] = true
		}
	}
	delete(w.stop, "")
	delete(w.thanks, "")
	return w
}

// Command is the own name of the /command text gives, with the other
// names of every language read as theirs ("/aiuto" is "help", "/Menù" is
// "menu"); a name nobody knows comes back as typed, "" when text is not a
// /command.
func (w *Words) Command(text string) string {
	name := CommandName(text)
	if name == "" {
		return ""
	}
	if contains(ownNames(), name) {
		return name
	}
	if cmd, ok := w.slash[Normalize(name)]; ok {
		return string(cmd)
	}
	return name
}

// Plain recognises a command typed as a whole message without "/", in the
// person's language, English or Italian.
func (w *Words) Plain(text, lang string) (string, bool) {
	n := Normalize(text)
	if n == "" {
		return "", false
	}
	for _, l := range []string{lang, "en", "it"} {
		if cmd, ok := w.plain[l][n]; ok {
			return string(cmd), true
		}
	}
	return "", false
}

// IsStop reports whether a whole message stops all news: /stop or a stop
// word of any language, with or without "/". A runtime that holds the
// conversation aside (a case with an operator) lets it through, as "stop"
// must always work.
func (w *Words) IsStop(text string) bool {
	return CommandName(text) == "stop" || w.stop[Normalize(text)]
}

// IsClear reports whether a message asks to remove the conversation from
// the phone (/clear or its other names), which also must always reach the
// engine.
func (w *Words) IsClear(text string) bool {
	return w.Command(text) == string(locales.CommandClear)
}

// IsThanks reports whether a whole message only says thank you, in any
// language.
func (w *Words) IsThanks(text string) bool { return w.thanks[Normalize(text)] }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsCommand(list []locales.Command, c locales.Command) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

// CommandName is the lower-case name of a /command, "" for other text.
func CommandName(text string) string {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "/") {
		return ""
	}
	name, _, _ := strings.Cut(strings.TrimPrefix(text, "/"), " ")
	name, _, _ = strings.Cut(strings.ToLower(name), "@")
	return name
}
