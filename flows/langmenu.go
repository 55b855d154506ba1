package flows

import "strings"

// The language menu on a small phone. Up to menuAll languages are one
// screen of buttons (or one numbered list on WhatsApp). With more, the
// first screen has the menuFirst most used (the catalogues' rank), and a
// last button that names, in their own scripts, the languages behind it,
// so that a person who reads none of the first ones still sees their own
// name, or at least their script, and knows where to press: "🌐 Română ·
// Русский · فارسی · پښتو …". Its screen ends with a way back. Numbered
// lists stay short enough to read without scrolling past the question.
const (
	menuAll   = 12
	menuFirst = 9
	// menuMoreNames is how many names the "more" button shows.
	menuMoreNames = 4
)

// Choices of the language menu's pages.
const (
	choiceLangMore  = "lang.+more"
	choiceLangFirst = "lang.+first"
)

// languageChoices are the choices of the language menu's page in view.
func (t *turn) languageChoices() []Choice {
	langs := t.e.cat.Languages()
	if len(langs) <= menuAll {
		t.st.LangMore = false
		choices := make([]Choice, 0, len(langs))
		for _, l := range langs {
			choices = append(choices, Choice{choiceLangPrefix + l.Tag, l.Native})
		}
		return choices
	}
	first, rest := langs[:menuFirst], langs[menuFirst:]
	if t.st.LangMore {
		choices := make([]Choice, 0, len(rest)+1)
		for _, l := range rest {
			choices = append(choices, Choice{choiceLangPrefix + l.Tag, l.Native})
		}
		// Back to the first page, named by its first languages.
		return append(choices, Choice{choiceLangFirst, "⬅️ " + first[0].Native + " · " + first[1].Native + " …"})
	}
	choices := make([]Choice, 0, menuFirst+1)
	for _, l := range first {
		choices = append(choices, Choice{choiceLangPrefix + l.Tag, l.Native})
	}
	var names []string
	for _, l := range rest[:min(menuMoreNames, len(rest))] {
		// Each name in its own direction, so that Latin, Cyrillic and
		// Arabic script names keep their order on one button.
		names = append(names, "\u2068"+l.Native+"\u2069")
	}
	more := "🌐 " + strings.Join(names, " · ")
	if len(rest) > menuMoreNames {
		more += " …"
	}
	return append(choices, Choice{choiceLangMore, more})
}
