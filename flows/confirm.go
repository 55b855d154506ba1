package flows

// The questions that wait for yes or no: language, consent, delete, clear.

import "frontdoor/bot"

func (t *turn) chooseLanguage(lang string) {
	if !t.e.cat.Supported(lang) {
		t.prompt()
		return
	}
	changed := t.st.Lang != lang
	t.st.Lang = lang
	t.st.LangMore = false
	if t.st.Confirm == questionLanguage {
		t.st.Confirm = ""
	}
	if !t.st.Consent {
		t.prompt()
		return
	}
	if changed {
		t.say("language.changed", nil)
	}
	if t.st.Node == "" {
		t.gotoNode(t.e.flow.Start, false)
		return
	}
	t.prompt()
}

func (t *turn) consent(yes bool) {
	if !yes {
		wanted := t.st.Pending == pendingPerson
		t.st.Consent = false
		t.st.Node, t.st.Back, t.st.Pending = "", nil, ""
		// Whoever says no still leaves with the emergency number: the
		// consent question may be all they read of Frontdoor.
		if wanted && len(t.e.opts.Facts) > 0 {
			// They still need a person: the desk's phone and address
			// reach one without the chat.
			t.say("consent.person_declined", nil)
			t.say("desk.where", nil)
			t.endWithSOS(nil)
			return
		}
		t.say("consent.declined", nil)
		if wanted {
			t.endWithSOS(nil)
			return
		}
		// A way to a person stays open: the button asks the consent that
		// an operator reading them needs (consent.person), which says
		// what it means; declining that one too ends here.
		t.endWithSOS([]Choice{{choicePerson, t.msg("choice.person")}})
		return
	}
	t.st.Consent = true
	if pending := t.st.Pending; pending != "" {
		t.st.Pending = ""
		if pending == pendingPerson {
			t.st.Node = t.e.flow.Start
			t.handoff(bot.ReasonAsked)
			return
		}
		if _, ok := t.e.flow.Nodes[pending]; ok {
			t.st.Node, t.st.Confirm = t.e.flow.Start, triageQuestion(pending)
			t.prompt()
			return
		}
	}
	t.gotoNode(t.e.flow.Start, false)
}

func (t *turn) confirmDelete(yes bool) {
	if t.st.Confirm != QuestionDelete {
		t.prompt()
		return
	}
	t.st.Confirm = ""
	if yes {
		lang := t.st.Lang
		t.say("delete.done", nil)
		// The conversation's messages go from the chat too, where the
		// platform allows it (the question says so): their ids are the
		// person's data, which the erasure deletes, so afterwards nothing
		// could take them back; on a shared phone they would tell what
		// the person asked for. Only the confirmation stays.
		t.out = append(t.out, Retract{}, Erase{})
		t.st = State{Lang: lang}
		return
	}
	t.brief("delete.kept", nil)
}

// confirmClear removes the conversation from the phone once the person
// says yes. What follows is one short neutral line, not the menu: on a
// shared phone the next notification must not show what the talk was.
func (t *turn) confirmClear(yes bool) {
	if t.st.Confirm != QuestionClear {
		t.prompt()
		return
	}
	t.st.Confirm = ""
	if yes {
		t.out = append(t.out, Retract{})
		t.say("clear.done", nil)
		return
	}
	t.brief("delete.kept", nil)
}

// endWithSOS ends the turn's last message with the emergency line and
// gives it choices.
func (t *turn) endWithSOS(choices []Choice) {
	n := len(t.out) - 1
	s := t.out[n].(Say)
	s = t.withSOS(s)
	s.Choices = choices
	t.out[n] = s
}
