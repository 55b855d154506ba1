package locales

import (
	"slices"
	"strings"
)

// Command is a command's own name, the English word after "/" that works in
// every language ("/menu"); a catalogue gives each command other names in
// its language (words.command.<name>).
type Command string

// The commands whose other names the catalogues give.
const (
	CommandMenu         Command = "menu"
	CommandBack         Command = "back"
	CommandLanguage     Command = "language"
	CommandPerson       Command = "person"
	CommandHelp         Command = "help"
	CommandPrivacy      Command = "privacy"
	CommandDelete       Command = "delete"
	CommandClear        Command = "clear"
	CommandAppointments Command = "appointments"
	// CommandVoice offers voice answers (flows/voice.go).
	CommandVoice Command = "voice"
)

// Commands lists the commands every catalogue names, in a fixed order.
func Commands() []Command {
	return []Command{CommandMenu, CommandBack, CommandLanguage, CommandPerson, CommandHelp,
		CommandPrivacy, CommandDelete, CommandClear, CommandAppointments, CommandVoice}
}

// Message ids of the words people type, "Not shown" messages of every
// catalogue: comma-separated lists, so that a translator fills them in
// like any other text and `locales check` finds them missing.
const (
	wordsCommandPrefix = "words.command."
	wordsStop          = "words.stop"
	wordsThanks        = "words.thanks"
)

// Words are what the speakers of one language type instead of pressing a
// button or typing an English /command. They come from the catalogue as
// written: comparing them (case, accents) is the reader's business.
type Words struct {
	// Aliases are the other names of each command ("aiuto" for help).
	Aliases map[Command][]string
	// Stop are the words that, as a whole message, stop all news.
	Stop []string
	// Thanks are ways of saying thank you as a whole message.
	Thanks []string
}

// Words returns the words of language lang (English where lang has none
// yet, as for every message).
func (c *Catalog) Words(lang string) Words {
	w := Words{Aliases: make(map[Command][]string, len(Commands()))}
	for _, cmd := range Commands() {
		w.Aliases[cmd] = c.list(lang, wordsCommandPrefix+string(cmd))
	}
	w.Stop = c.list(lang, wordsStop)
	w.Thanks = c.list(lang, wordsThanks)
	return w
}

// list reads a comma-separated list message. Arabic and Chinese commas
// separate too: a translator types the comma of their keyboard.
func (c *Catalog) list(lang, id string) []string {
	s := c.Text(lang, id, nil)
	if s == id {
		return nil
	}
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '،' || r == '，' || r == '、' }) {
		if w = strings.TrimSpace(w); w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// ChatUI are the browser chat page's own words in one language; the bot's
// replies come localised with each message, these only frame them.
type ChatUI struct {
	Lang       string // the language these words are in
	RTL        bool
	Message    string // the writing box's label and placeholder
	Send       string // the send button's name
	Connecting string // while the page connects
	NotSent    string // under a message not sent yet
}

// ChatUI returns the browser chat's words in lang, English when lang is
// not supported.
func (c *Catalog) ChatUI(lang string) ChatUI {
	l, ok := c.byTag[lang]
	if !ok {
		l = c.byTag[referenceTag]
	}
	return ChatUI{
		Lang: l.Tag, RTL: l.RTL,
		Message:    c.Text(l.Tag, "webchat.ui.message", nil),
		Send:       c.Text(l.Tag, "webchat.ui.send", nil),
		Connecting: c.Text(l.Tag, "webchat.ui.connecting", nil),
		NotSent:    c.Text(l.Tag, "webchat.ui.not_sent", nil),
	}
}

// checkWords reports what Check cannot see by rendering: a words list
// that is empty once split, and a word that names two different commands
// in two languages (a /command must mean one thing whoever types it).
func (c *Catalog) checkWords() []error {
	var errs []error
	owner := map[string]Command{}
	ownerLang := map[string]string{}
	for _, l := range c.langs {
		if _, ok := c.messages[l.Tag][wordsStop]; !ok {
			continue // reported as missing
		}
		w := c.Words(l.Tag)
		for _, cmd := range Commands() {
			if len(w.Aliases[cmd]) == 0 {
				errs = append(errs, problem(l.Tag, wordsCommandPrefix+string(cmd), "no word in the list"))
			}
			for _, a := range w.Aliases[cmd] {
				k := strings.ToLower(a)
				if other, ok := owner[k]; ok && other != cmd {
					errs = append(errs, problem(l.Tag, wordsCommandPrefix+string(cmd), "%q already names /%s in %s", a, other, ownerLang[k]))
					continue
				}
				owner[k], ownerLang[k] = cmd, l.Tag
			}
		}
		for id, list := range map[string][]string{wordsStop: w.Stop, wordsThanks: w.Thanks} {
			if len(list) == 0 {
				errs = append(errs, problem(l.Tag, id, "no word in the list"))
			}
		}
	}
	return errs
}

// isWordsID tells the messages that are lists of typed words: they may be
// the same as English ("menu", "stop"), as people borrow those words.
func isWordsID(id string) bool { return strings.HasPrefix(id, "words.") }
