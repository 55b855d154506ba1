package flows

// Free text: what the person wrote, read by triage, and the need proposed back.

import (
	"slices"
	"strings"
	"unicode/utf8"

	"frontdoor/bot"
	"frontdoor/flows/triage"
)

// freeText handles typed text: the number or the words of an offered
// choice, a word such as "menu", an urgent situation, the language of a
// first message, or a need described in the person's words.
func (t *turn) freeText(s string) {
	offered := t.screen().Choices
	if id, ok := matchChoice(s, offered); ok {
		t.choice(id)
		return
	}
	if cmd, ok := t.commandWord(s); ok {
		t.command("/" + cmd)
		return
	}
	if t.e.words.IsThanks(s) {
		// Often the last word after a case or a booking: it deserves a
		// "you are welcome", not a complaint.
		t.brief("input.thanks", nil)
		return
	}
	// Text that answers no profile question is the person's own business,
	// which comes first: the questions end.
	t.leaveProfile()
	t.remember(s)
	r := t.e.opts.Classifier.Classify(s)
	choosing := t.st.Lang == "" || t.st.Confirm == questionLanguage
	// A language recognised but not adopted (its data/lang file is still
	// @unsupported, even once its catalogue exists) is kept, so that the
	// safety lines speak it; so is an unsure reading of an urgent message
	// ("Муж бьет меня", three words), but not of an ordinary one, which
	// would later be told its language is not spoken.
	if t.st.Lang == "" && r.Detected != "" && (r.Detected != r.Lang || r.Urgent != "" && r.LangConfidence < langSure) {
		t.st.Detected = r.Detected
	}
	adopted := false
	if choosing && r.Lang != "" && r.LangConfidence >= langSure && t.e.cat.Supported(r.Lang) {
		// Explicit choice beats the text, the text beats the phone's
		// language; only a confident reading is used.
		adopted = t.st.Lang != r.Lang && t.st.Consent
		t.st.Lang, t.st.Confirm = r.Lang, ""
		choosing = false
	}
	if r.Urgent != "" {
		// Safety before anything else, consent and language included.
		// The case is about what the person wrote, not where they were
		// in the menus.
		t.st.Area, t.st.Topic = r.Area, r.Topic
		t.urgent(r.Urgent, bot.UrgentReason(r.Urgent))
		return
	}
	if r.Person {
		// "I want to talk to a person", in their own words; in a
		// language Frontdoor does not speak, at once.
		if t.st.Lang == "" && t.st.Detected != "" {
			t.global(choicePersonNow)
		} else {
			t.global(choicePerson)
		}
		return
	}
	if r.Concern != "" && t.st.Lang != "" {
		// Half told ("I can't go on", "he does not pay and..."): not a
		// priority case, but whatever the answer, the numbers of that
		// danger come under it. A language not spoken yet already gets
		// the emergency number with its notice.
		defer t.concern(r.Concern)
	}
	if adopted {
		t.say("language.changed", nil)
		t.prompt()
		return
	}
	if choosing && (t.st.Detected != "" || sentence(s)) {
		// A language Frontdoor recognises but does not speak, or a
		// sentence it cannot read with confidence (in a language it does
		// not know, or one it reads unsure: Indonesian taken for Turkish).
		// It may tell of a danger the lists missed, so the menu comes with
		// the emergency number and a person.
		t.unknownLanguage()
		return
	}
	switch {
	case choosing, !t.ready() && t.st.Confirm != QuestionDelete:
		// A first "hello" gets the language menu or the consent
		// question, not a complaint; a need it described is kept for
		// after consent (it is not stored elsewhere).
		if r.Area != "" && r.Confidence >= areaSure && t.st.Pending != pendingPerson {
			t.st.Pending = t.triageNode(r)
		}
		t.prompt()
		return
	case (t.st.Confirm == "" || t.st.Confirm.isTriage()) && r.Area != "" && r.Confidence >= areaSure:
		// A need typed while a proposal waits for yes or no is read
		// again: people often answer "is that right?" by saying their
		// need once more, or more precisely. It replaces the proposal.
		if node := t.triageNode(r); node != "" {
			t.st.Confirm = triageQuestion(node)
			t.prompt()
			return
		}
	}
	// A sentence in no language Frontdoor speaks (one it recognises, or
	// none), from someone who chose one, may tell of a danger in their
	// own language: the answer carries the emergency number.
	tail := ""
	if r.Lang == "" && sentence(s) {
		t.unread = true
		tail = t.sos(t.rtl(t.lang()))
	}
	t.miss(tail)
}

// remember keeps a free text for the operator of a case the person may
// open next (State.Said).
func (t *turn) remember(s string) {
	ids := saidIDs(t.st)
	if t.in.ID != "" && slices.Contains(ids, t.in.ID) {
		// The person's new words for a message kept already (an edit):
		// kept once, as the latest.
		var said, kept []string
		for i, x := range t.st.Said {
			if ids[i] != t.in.ID {
				said, kept = append(said, x), append(kept, ids[i])
			}
		}
		t.st.Said, ids = said, kept
	}
	t.st.Said, t.st.SaidIDs = append(t.st.Said, cut(s)), append(ids, t.in.ID)
	if n := len(t.st.Said); n > maxSaid {
		t.st.Said, t.st.SaidIDs = t.st.Said[n-maxSaid:], t.st.SaidIDs[n-maxSaid:]
	}
	if !slices.ContainsFunc(t.st.SaidIDs, func(id string) bool { return id != "" }) {
		t.st.SaidIDs = nil // a channel without ids: the state stays as small
	}
}

// cut shortens a text kept in the state to maxSaidRunes.
func cut(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= maxSaidRunes {
		return s
	}
	r := []rune(s)
	return string(r[:maxSaidRunes]) + "…"
}

// triageNode is the node of the understood service, or of its area.
func (t *turn) triageNode(r triage.Result) string {
	if r.Topic != "" {
		if _, ok := t.e.flow.Nodes[r.Area+"_"+r.Topic]; ok {
			return r.Area + "_" + r.Topic
		}
	}
	if _, ok := t.e.flow.Nodes[r.Area]; ok {
		return r.Area
	}
	return ""
}

// topicLabel names a node's service (or area) in the person's language.
func (t *turn) topicLabel(node string) string {
	n, ok := t.e.flow.Nodes[node]
	if !ok {
		return node
	}
	if n.Topic != "" {
		id := n.Area + "." + n.Topic + ".title"
		if l := t.msg(id); l != id {
			return l
		}
	}
	return t.msg("area." + n.Area)
}

func (t *turn) confirmTriage(yes bool) {
	node, ok := t.st.Confirm.triageNode()
	if !ok || !t.ready() {
		t.prompt()
		return
	}
	t.st.Confirm = ""
	if yes {
		// The need is understood: the text that told it is not kept.
		t.st.Said, t.st.SaidIDs = nil, nil
		t.gotoNode(node, true)
		return
	}
	// "No, something else" is an answer, not a message misunderstood:
	// it asks for other words, and counts towards offering a person.
	t.st.Misses++
	t.brief("triage.rejected", nil)
}

// miss answers text that was not understood; the second time in a row it
// offers the menu or a person instead of asking again.
func (t *turn) miss(tail string) {
	n := len(t.out)
	t.st.Misses++
	if t.st.Misses >= 2 && t.ready() {
		t.sayChoices("triage.failed", nil, []Choice{
			{choiceMenu, t.msg("choice.menu")}, {choicePerson, t.msg("choice.person")},
		})
	} else {
		t.brief("input.not_understood", nil)
	}
	// tail goes with the answer itself, before any screen shown after it,
	// unless that screen ends with the same line (the consent question).
	for _, a := range t.out[n+1:] {
		if s, ok := a.(Say); ok && t.endsSOS(s.Text) {
			tail = ""
		}
	}
	if say, ok := t.out[n].(Say); ok && tail != "" {
		say.Text += tail
		t.out[n] = say
	}
}
