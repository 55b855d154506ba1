package flows

// The last turns of the conversation, kept for the operator of a case the
// person may open next (State.Recent).

import (
	"strings"
	"unicode/utf8"
)

// heard is the person's part of a turn, read on the screen they were
// answering: a button or a typed number is kept as the label it chose.
func (t *turn) heard(in Input) Exchange {
	offered := t.screen().Choices
	label := func(id string) string {
		for _, c := range offered {
			if c.ID == id {
				return c.Label
			}
		}
		return t.choiceLabel(id)
	}
	if in.Choice != "" {
		return Exchange{Person: label(in.Choice)}
	}
	text := strings.TrimSpace(in.Text)
	if text == "" && in.Attachment != "" {
		return Exchange{Kind: attachmentMessage(in.Attachment)}
	}
	if id, ok := matchChoice(text, offered); ok {
		if l := label(id); l != "" {
			return Exchange{Person: l}
		}
	}
	return Exchange{Person: cut(text)}
}

// choiceLabel names a choice not on the screen in view (a button further
// up the chat), "" when it is none the flow has.
func (t *turn) choiceLabel(id string) string {
	switch id {
	case choiceMenu:
		return t.msg("choice.menu")
	case choiceBack:
		return t.msg("choice.back")
	case choicePerson, choicePersonNow:
		return t.msg("choice.person")
	case choiceLanguage:
		return t.msg("choice.language")
	}
	node, c, _ := strings.Cut(id, choiceNodeSep)
	if n, ok := t.e.flow.Nodes[node]; ok {
		for _, ch := range n.Choices {
			if ch.ID == c {
				return t.msg(ch.Label)
			}
		}
	}
	return ""
}

// keep adds the turn to State.Recent with the bot's answer. A turn that
// opened a case is in the case already (its message and answer), and one
// that erased or cleared the conversation leaves nothing of it.
func (t *turn) keep(x Exchange) {
	for _, a := range t.out {
		switch a.(type) {
		case Handoff, Erase, Retract:
			t.st.Recent = nil
			return
		}
	}
	x.Bot = answered(t.out)
	if x == (Exchange{}) {
		return
	}
	t.st.Recent = append(t.st.Recent, x)
	if n := len(t.st.Recent); n > maxRecent {
		t.st.Recent = t.st.Recent[n-maxRecent:]
	}
}

// answered is the bot's part of a turn: its lines, of a question or a
// menu only the first (the operator needs what was asked, not the menu),
// cut to maxBotRunes.
func answered(out []Action) string {
	var lines []string
	for _, a := range out {
		s, ok := a.(Say)
		if !ok {
			continue
		}
		text := strings.TrimSpace(s.Text)
		if len(s.Choices) > 0 {
			text, _, _ = strings.Cut(text, "\n")
		}
		if text = strings.TrimSpace(text); text != "" {
			lines = append(lines, text)
		}
	}
	text := strings.Join(lines, "\n")
	if utf8.RuneCountInString(text) <= maxBotRunes {
		return text
	}
	return string([]rune(text)[:maxBotRunes]) + "…"
}
