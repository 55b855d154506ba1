package flows

// What the person sees: the current screen and the lines said before it.

import "slices"

// prompt shows again whatever the person is expected to answer now.
func (t *turn) prompt() {
	if t.ready() && t.st.Confirm == "" && t.st.Node == "" {
		t.gotoNode(t.e.flow.Start, false)
		return
	}
	t.out = append(t.out, t.screen())
}

// screen is what the person is expected to answer now, with its choices.
func (t *turn) screen() Say {
	switch {
	case t.st.Lang == "" || t.st.Confirm == questionLanguage:
		return t.withSOS(t.render("language.prompt", nil, t.languageChoices()))
	case t.st.Confirm == QuestionDelete:
		return t.render("delete.confirm", nil, []Choice{
			{choiceDeleteYes, t.msg("delete.yes")}, {choiceDeleteNo, t.msg("delete.no")},
		})
	case t.st.Confirm == QuestionClear:
		return t.render("clear.confirm", nil, []Choice{
			{choiceClearYes, t.msg("clear.yes")}, {choiceClearNo, t.msg("delete.no")},
		})
	case t.asking():
		return t.profileScreen()
	case t.st.Confirm.isTriage():
		node, _ := t.st.Confirm.triageNode()
		return t.render("triage.confirm", map[string]any{"Topic": t.topicLabel(node)}, []Choice{
			{choiceTriageYes, t.msg("triage.yes")}, {choiceTriageNo, t.msg("triage.no")},
		})
	case !t.st.Consent:
		// The language may have been guessed from the first message: a
		// way to change it stays in sight. Someone waiting for a person
		// is told that an operator will read what they write.
		id := "consent.text"
		if t.st.Pending == pendingPerson {
			id = "consent.person"
		}
		return t.withSOS(t.render(id, map[string]any{"Days": t.e.retentionDays()}, []Choice{
			{choiceConsentYes, t.msg("consent.yes")}, {choiceConsentNo, t.msg("consent.no")},
			{choiceLanguage, "🌐 " + t.msg("choice.language")},
		}))
	}
	node := t.st.Node
	if node == "" {
		node = t.e.flow.Start
	}
	n := t.e.flow.Nodes[node]
	vars := make(map[string]any, len(n.Vars))
	for k, id := range n.Vars {
		vars[k] = t.msg(id)
	}
	choices := make([]Choice, 0, len(n.Choices)+1)
	for _, c := range n.Choices {
		if c.Do == doProfile && t.st.Survey == surveyDone {
			continue
		}
		label := t.msg(c.Label)
		if c.Do == doSubscribe {
			// The person sees what they receive now.
			mark := "⬜ "
			if slices.Contains(t.st.Subs, c.ID) {
				mark = "✅ "
			}
			label = mark + label
		}
		choices = append(choices, Choice{node + choiceNodeSep + c.ID, label})
	}
	if len(t.st.Back) > 0 {
		choices = append(choices, Choice{choiceBack, t.msg("choice.back")})
	}
	s := t.render(n.Say, vars, choices)
	if n.Checklist != "" {
		s.Text += "\n\n" + t.msg("checklist.title") + "\n" + t.msg(n.Checklist)
	}
	if node == t.e.flow.Start {
		s = t.withSOS(s)
	}
	return s
}

// show renders the current node.
func (t *turn) show() { t.out = append(t.out, t.screen()) }

// brief answers a message that leaves the person where they are with one
// short line and the buttons of the screen in view, not the screen again:
// they have read it, and on a small phone a page said twice pushes the
// conversation out of sight. Before consent the question itself is shown
// again, as it must be read to be answered.
func (t *turn) brief(id string, data map[string]any) {
	if !t.ready() || t.st.Confirm == questionLanguage || t.st.Node == "" && t.st.Confirm == "" {
		t.say(id, data)
		t.prompt()
		return
	}
	t.sayChoices(id, data, t.screen().Choices)
}

func (t *turn) say(id string, data map[string]any) { t.sayChoices(id, data, nil) }

func (t *turn) sayChoices(id string, data map[string]any, choices []Choice) {
	t.out = append(t.out, t.render(id, data, choices))
}

func (t *turn) render(id string, data map[string]any, choices []Choice) Say {
	lang := t.lang()
	t.made = append(t.made, made{id: id, lang: lang, data: data})
	return Say{Text: t.e.cat.Text(lang, id, t.e.data(data)), Choices: choices, RTL: t.rtl(lang), Voiced: []string{id}}
}

func (t *turn) msg(id string) string { return t.e.cat.Text(t.lang(), id, t.e.data(nil)) }

// data adds the desk's facts to a message's own template data.
func (e *Engine) data(own map[string]any) map[string]any {
	if len(e.opts.Facts) == 0 {
		return own
	}
	out := make(map[string]any, len(own)+len(e.opts.Facts))
	for k, v := range e.opts.Facts {
		out[k] = v
	}
	for k, v := range own {
		out[k] = v
	}
	return out
}

func (t *turn) lang() string {
	if t.st.Lang != "" {
		return t.st.Lang
	}
	return t.e.cat.Default()
}

func (t *turn) rtl(lang string) bool {
	l, ok := t.e.cat.Language(lang)
	return ok && l.RTL
}
