package flows

// Moving through the flow's nodes, and handing over to a person.

import (
	"strings"

	"frontdoor/bot"
)

func (t *turn) handoff(reason bot.Reason) {
	t.out = append(t.out, t.handoffAction(reason))
	if n := t.e.flow.Nodes[t.st.Node]; t.st.Survey == "" && n != nil && n.Topic != "" {
		// Someone who needed a person is not invited to the optional
		// questions when they come back to the menu from the service's
		// screen (leaving the queue, a case closed); the menu still
		// offers them.
		t.st.Survey = surveyInvited
	}
	if t.st.Lang == "" {
		// Only the urgent route and the person asked for in a language
		// Frontdoor does not speak come here without one.
		t.out = append(t.out, t.manyLanguages("urgent.short", "", nil))
		return
	}
	t.say("handoff.opened", nil)
}

// handoffAction asks for a person about where the person is now, with
// what they wrote; from an urgent screen (exploitation) every request
// stays urgent. The texts leave the state with it.
func (t *turn) handoffAction(reason bot.Reason) Handoff {
	n := t.e.flow.Nodes[t.st.Node]
	h := Handoff{Area: t.st.Area, Topic: t.st.Topic, Reason: reason, Lang: t.st.Lang, Urgent: n != nil && n.Urgent,
		Text: strings.TrimSpace(t.in.Text), Said: t.st.Said, SaidIDs: saidIDs(t.st), Recent: t.e.spoken(t.spoke, t.st.Recent)}
	if h.Urgent {
		h.Kind = nodeKind(n)
	}
	if t.st.Lang == "" {
		h.Detected = t.st.Detected
	}
	if len(h.Said) > 0 && h.Said[len(h.Said)-1] == cut(h.Text) {
		// the opening message itself
		h.Said, h.SaidIDs = h.Said[:len(h.Said)-1], h.SaidIDs[:len(h.SaidIDs)-1]
	}
	t.st.Said, t.st.SaidIDs, t.st.Recent = nil, nil, nil
	return h
}

func (t *turn) nodeChoice(nodeName, choiceID string) {
	n, ok := t.e.flow.Nodes[nodeName]
	if !ok {
		t.brief("input.not_understood", nil)
		return
	}
	for _, c := range n.Choices {
		if c.ID != choiceID {
			continue
		}
		if n.Area != "" {
			t.st.Area = n.Area
		}
		if c.Do != doProfile {
			t.leaveProfile()
		}
		switch {
		case c.Goto != "":
			t.gotoNode(c.Goto, c.Goto != t.e.flow.Start)
		case c.Do == doHandoff:
			t.handoff(bot.ReasonFlow)
		case c.Do == doSubscribe:
			t.toggleNews(c.ID)
		case c.Do == doUnsubscribe:
			t.stopNews()
		case c.Do == doProfile:
			t.startProfile()
		case c.Do == doBook:
			// An appointment request: the booking dialogue, which wraps
			// the conversation, takes over from this event; where no desk
			// takes bookings by chat, a person of the desk fixes it.
			t.out = append(t.out, t.handoffAction(bot.ReasonAppointment))
			t.say("book.requested", nil)
			if len(t.e.opts.Facts) > 0 {
				t.say("desk.where", nil)
			}
		}
		return
	}
	t.brief("input.not_understood", nil)
}

// gotoNode moves to a node and shows it; remember puts the current node on
// the way back.
func (t *turn) gotoNode(name string, remember bool) {
	if remember && t.st.Node != "" && t.st.Node != name {
		t.st.Back = append(t.st.Back, t.st.Node)
		if len(t.st.Back) > 8 {
			t.st.Back = t.st.Back[len(t.st.Back)-8:]
		}
	}
	if name == t.e.flow.Start {
		t.inviteProfile()
		// Back at the menu, the person has not picked an area yet, and
		// what they wrote before is not kept for a case any more: the
		// state stores the least it can.
		t.st.Back, t.st.Area, t.st.Topic, t.st.Said, t.st.SaidIDs = nil, "", "", nil, nil
	}
	t.st.Node, t.st.Misses = name, 0
	n := t.e.flow.Nodes[name]
	if n.Area != "" {
		t.st.Area, t.st.Topic = n.Area, n.Topic
	}
	if n.Area != "" {
		t.out = append(t.out, Need{Area: n.Area, Topic: n.Topic, Lang: t.st.Lang, Source: t.st.Source})
	}
	if n.Urgent {
		t.urgent(nodeKind(n), bot.ReasonFlow)
	}
	t.show()
}
