package flows

import (
	"encoding/json"
	"strings"

	"frontdoor/locales"
)

// Intent is what a message asks of the conversation whatever else is going
// on, for a runtime that holds the conversation aside (a case with an
// operator, the booking dialogue) and must still let these through. The
// words are the engine's own (Words, read from the catalogues), so a word
// a language adds works there as it works in the conversation.
type Intent int

// The intents. IntentNone is any other message: text, a /command not
// listed here, a choice other than the answers below.
const (
	IntentNone Intent = iota
	// IntentDelete is /delete (and its other names): erase my data.
	IntentDelete
	// IntentDeleteAnswer is a yes or no button of the delete question.
	IntentDeleteAnswer
	// IntentPrivacy is /privacy: what is kept about me.
	IntentPrivacy
	// IntentClear is /clear (and its other names): remove this
	// conversation from my phone.
	IntentClear
	// IntentClearAnswer is a yes or no button of the clear question.
	IntentClearAnswer
	// IntentStop is /stop or a stop word of any language: no more news.
	IntentStop
	// IntentMenu is /menu (and its other names).
	IntentMenu
	// IntentAppointments is /appointments (and its other names).
	IntentAppointments
)

// Intent reads the intent of a message, text or choice, as the engine
// would read it in any state.
func (w *Words) Intent(text, choice string) Intent {
	switch choice {
	case "":
	case choiceDeleteYes, choiceDeleteNo:
		return IntentDeleteAnswer
	case choiceClearYes, choiceClearNo:
		return IntentClearAnswer
	default:
		return IntentNone
	}
	// The engine's order (turn.command): clear, then stop, then the rest.
	if w.IsClear(text) {
		return IntentClear
	}
	if w.IsStop(text) {
		return IntentStop
	}
	switch locales.Command(w.Command(text)) {
	case locales.CommandDelete:
		return IntentDelete
	case locales.CommandPrivacy:
		return IntentPrivacy
	case locales.CommandMenu:
		return IntentMenu
	case locales.CommandAppointments:
		return IntentAppointments
	}
	return IntentNone
}

// Question is a question of the engine awaiting its answer, kept in
// State.Confirm. The strings are stored with every contact's state: never
// change them.
type Question string

// The questions. A question about a need understood from free text is
// questionTriage followed by the node, one of the profile questions
// questionProfile followed by the field.
const (
	// QuestionDelete asks whether to erase the person's data.
	QuestionDelete Question = "delete"
	// QuestionClear asks whether to remove the conversation from the phone.
	QuestionClear Question = "clear"
	// questionLanguage asks the person to choose a language.
	questionLanguage Question = "language"
	questionTriage   Question = "triage:"
	questionProfile  Question = "profile:"
)

// triageQuestion asks whether the need understood (node) is right.
func triageQuestion(node string) Question { return questionTriage + Question(node) }

// profileQuestionOf asks the profile question of field.
func profileQuestionOf(field string) Question { return questionProfile + Question(field) }

// isTriage reports whether q asks about a need understood from free text.
func (q Question) isTriage() bool { return strings.HasPrefix(string(q), string(questionTriage)) }

// triageNode is the node a triage question asks about.
func (q Question) triageNode() (string, bool) {
	n, ok := strings.CutPrefix(string(q), string(questionTriage))
	return n, ok
}

// profileField is the field a profile question asks.
func (q Question) profileField() (string, bool) {
	f, ok := strings.CutPrefix(string(q), string(questionProfile))
	return f, ok
}

// Asking reports whether the stored state (as the runtime keeps it, JSON)
// waits for the answer to q. A runtime that holds the conversation aside
// lets the answer through.
func Asking(state []byte, q Question) bool {
	var st State
	return json.Unmarshal(state, &st) == nil && st.Confirm == q
}

// MenuChoice is the choice that shows the main menu, on any screen: a
// runtime offering the way back to the menu on its own screens uses it.
const MenuChoice = choiceMenu

// BookChoice is the choice that books an appointment for the service of
// area and topic (the "book" option of its screen).
func BookChoice(area, topic string) string { return area + "_" + topic + ".book" }
