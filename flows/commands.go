package flows

import (
	"regexp"
	"strings"

	"frontdoor/bot"
)

// Command is a /command people can type on every screen, with the catalogue
// message that describes it in a channel's command menu (Telegram's "/"
// button).
type Command struct {
	Name    string
	Message string
}

// Commands lists the commands offered in the channels' menus, most useful
// first. Others still work when typed (/back, /stop, /start and the
// Italian and French spellings), but a short menu is easier to read.
// /appointments is the booking dialogue's, which wraps the conversation.
func Commands() []Command {
	return []Command{
		{"menu", "command.menu"},
		{"appointments", "command.appointments"},
		{"person", "command.person"},
		{"help", "command.help"},
		{"language", "command.language"},
		{"privacy", "command.privacy"},
		{"delete", "command.delete"},
		{"clear", "command.clear"},
	}
}

// command handles /commands, in any state.
func (t *turn) command(text string) {
	if t.e.words.IsClear(text) {
		t.leaveProfile()
		t.st.Confirm = QuestionClear
		t.prompt()
		return
	}
	if t.e.words.IsStop(text) {
		t.stopNews()
		return
	}
	_, arg, _ := strings.Cut(strings.TrimPrefix(text, "/"), " ")
	arg = strings.TrimSpace(arg)
	switch t.e.words.Command(text) {
	case "start":
		t.start(arg)
	case "menu":
		t.global(choiceMenu)
	case "back":
		t.global(choiceBack)
	case "language":
		t.global(choiceLanguage)
	case "person":
		t.global(choicePerson)
	case "help":
		// What the assistant does and its commands; a person is one
		// button away, but asking how things work does not open a case.
		t.brief("help.text", nil)
	case "privacy":
		t.brief("privacy.text", map[string]any{"Days": t.e.retentionDays()})
	case "delete":
		t.st.Confirm = QuestionDelete
		t.prompt()
	case "voice":
		if t.st.Lang == "" {
			t.prompt()
			return
		}
		t.offerVoice()
	default:
		t.brief("input.unknown_command", nil)
	}
}

var payloadPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// start begins or resumes a conversation; a deep-link payload can choose
// the language ("lang_ar") or tag where the person came from.
func (t *turn) start(payload string) {
	t.st.Confirm = ""
	if lang, ok := strings.CutPrefix(payload, "lang_"); ok && t.e.cat.Supported(lang) {
		t.st.Lang = lang
		if t.st.Consent {
			t.st.Node, t.st.Back = "", nil
			t.gotoNode(t.e.flow.Start, false)
		} else {
			t.prompt()
		}
		return
	}
	if payload != "" && payloadPattern.MatchString(payload) {
		t.st.Source = payload
	}
	if t.st.Consent && t.st.Lang != "" {
		t.st.Node, t.st.Back = "", nil
		t.say("welcome.back", nil)
		t.gotoNode(t.e.flow.Start, false)
		return
	}
	t.st.Node, t.st.Back = "", nil
	if !t.st.Consent {
		// Someone who has not agreed yet chooses the language again: the
		// last choice may have been a mistake.
		t.st.Confirm = questionLanguage
	}
	t.prompt()
}

// global handles the commands that work on every screen.
func (t *turn) global(id string) {
	t.leaveProfile()
	t.st.Confirm = ""
	switch id {
	case choiceLanguage:
		t.st.Confirm = questionLanguage
		t.prompt()
	case choiceMenu:
		if !t.ready() {
			t.prompt()
			return
		}
		t.st.Back = nil
		t.gotoNode(t.e.flow.Start, false)
	case choiceBack:
		if !t.ready() {
			t.prompt()
			return
		}
		if n := len(t.st.Back); n > 0 {
			prev := t.st.Back[n-1]
			t.st.Back = t.st.Back[:n-1]
			t.gotoNode(prev, false)
			return
		}
		t.gotoNode(t.e.flow.Start, false)
	case choicePersonNow:
		if t.st.Lang != "" {
			t.global(choicePerson)
			return
		}
		t.handoff(bot.ReasonLanguageUnknown)
	case choicePerson:
		if !t.st.Consent {
			// The case keeps what the person writes for an operator to
			// read, so they agree to that first (in their language: the
			// menu comes first if none is chosen). Urgent situations do
			// not come here: they open a case at once, consent or not.
			t.st.Pending = pendingPerson
			t.prompt()
			return
		}
		reason := bot.ReasonAsked
		if t.st.Misses >= 2 {
			reason = bot.ReasonTriageFailed
		}
		t.st.Misses = 0
		t.handoff(reason)
	default:
		t.prompt()
	}
}

// commandWord recognises a global command typed as a word, in English,
// Italian or the person's language ("menu", "indietro", the label of the
// "Talk to a person" button...).
func (t *turn) commandWord(s string) (string, bool) {
	if t.e.words.IsStop(s) {
		return "stop", true
	}
	if cmd, ok := t.e.words.Plain(s, t.lang()); ok {
		return cmd, true
	}
	w := Normalize(s)
	for id, cmd := range map[string]string{
		"choice.menu": "menu", "choice.back": "back", "choice.person": "person", "choice.language": "language",
	} {
		if w == Normalize(t.msg(id)) {
			return cmd, true
		}
	}
	return "", false
}
