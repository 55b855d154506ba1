package booking

// The booking dialogue's part of the turns a case opens with: the
// conversation keeps the last turns in its state (flows.State.Recent)
// until a case opens, and the dialogue, which answers its own buttons
// without the conversation, adds its turns there and gives them to the
// cases it opens itself.

import (
	"strings"

	"frontdoor/bot"
	"frontdoor/flows"
)

// kept is a turn of the dialogue in the state: person is what the person
// chose or typed, in their words, id the platform id of their message (so
// that deleting it for everyone reaches the turn), and the bot's part is
// what the answer asked. A case the dialogue opens (no free slots, "talk
// to a person") takes the turns out of the state instead, as the
// conversation's own handoff does.
func kept(state []byte, out bot.Outcome, person, id string, next bot.Handler) bot.Outcome {
	if takeTurns(state, &out, next) {
		return out
	}
	out.State = flows.KeepTurns(state, nil, nil, flows.Exchange{Person: person, Bot: asked(out.Replies), ID: id})
	return out
}

// speaker puts into words the bot's part of turns taken out of a state,
// which the conversation keeps as the messages it said (flows.Exchange.Say):
// converse.Conversation, the handler the dialogue wraps.
type speaker interface {
	Spoken(state []byte, turns []flows.Exchange) []flows.Exchange
}

// takeTurns gives the person's earlier texts and turns in state to the
// handoffs of out that have none, and leaves the state without them;
// false when out opens no case. next, the conversation, says the bot's
// part of the turns in words (without it, only what is kept in words).
func takeTurns(state []byte, out *bot.Outcome, next bot.Handler) bool {
	i := handoffAt(out.Events)
	if i < 0 {
		return false
	}
	said, ids, turns, rest := flows.TakeTurns(state)
	if sp, ok := next.(speaker); ok {
		turns = sp.Spoken(state, turns)
	}
	h := out.Events[i].(bot.HandoffRequested)
	h.Said, h.SaidIDs, h.Recent = said, ids, toBot(turns)
	out.Events[i], out.State = h, rest
	return true
}

// handoffAt is the index of the first handoff of events, -1 when none.
func handoffAt(events []bot.Event) int {
	for i, e := range events {
		if isHandoff(e) {
			return i
		}
	}
	return -1
}

// labelOf is the person's part of a turn that chose id: the label of the
// choice on the screen they answered, else what they typed.
func labelOf(offered []bot.Choice, id, typed string) string {
	for _, c := range offered {
		if c.ID == id {
			return c.Label
		}
	}
	return strings.TrimSpace(typed)
}

// asked is the bot's part of a turn: its replies, whose choices are
// buttons apart from the text (short: a day and "choose a time").
func asked(replies []bot.Reply) string {
	var lines []string
	for _, r := range replies {
		if text := strings.TrimSpace(r.Text); text != "" {
			lines = append(lines, text)
		}
	}
	return strings.Join(lines, "\n")
}

// toBot and toFlows carry a turn's message id and deletion across: a
// turn that lost them could not be reached by the person deleting the
// message for everyone.
func toBot(xs []flows.Exchange) []bot.Exchange {
	var out []bot.Exchange
	for _, x := range xs {
		out = append(out, bot.Exchange{Person: x.Person, Kind: x.Kind, Bot: x.Bot, ID: x.ID, Deleted: x.Deleted, Edited: x.Edited})
	}
	return out
}

func toFlows(xs []bot.Exchange) []flows.Exchange {
	var out []flows.Exchange
	for _, x := range xs {
		out = append(out, flows.Exchange{Person: x.Person, Kind: x.Kind, Bot: x.Bot, ID: x.ID, Deleted: x.Deleted, Edited: x.Edited})
	}
	return out
}
