package flows

import (
	"slices"
	"strings"
)

// The optional profile questions (age group, gender, ...) help the desks
// plan services and report to funders. They are offered only after consent
// and after the person's own need: once, in a line before the menu when the
// person leaves a service's screen, and as a "help us plan" choice of the
// menu until they are done. Every question can be skipped, all of them can
// be stopped, and typing anything else or pressing another button leaves
// them. An answer leaves the engine as a Profile action and nowhere else:
// State keeps only how far the questions went, never an answer.

// ProfileQuestion is one optional question and its coarse categories.
type ProfileQuestion struct {
	Field  string
	Values []string
}

// ProfileQuestions returns the questions in the order they are asked. The
// field and value ids are what Profile actions carry, so statistics can
// list every category, including the empty ones.
func ProfileQuestions() []ProfileQuestion {
	return []ProfileQuestion{
		{"age", []string{"under_18", "18_29", "30_49", "50_plus"}},
		{"gender", []string{"woman", "man", "other"}},
		{"minors", []string{"yes", "no"}},
		{"skills", []string{"care", "building", "farming", "hospitality", "logistics", "office_it", "other"}},
		{"arrival", []string{"this_year", "1_2_years", "3_5_years", "over_5_years"}},
	}
}

// Survey is how far the profile questions went (State.Survey): "" not yet
// told about them, then surveyInvited, then surveyDone. The strings are
// stored with every contact's state: never change them.
type Survey string

// The steps of Survey.
const (
	surveyInvited Survey = "invited" // told about them once; the menu still offers them
	// surveyDone is set as the first question is shown, so that no way
	// out (an answer, skip, stop, /menu, /delete, typing) can lead to
	// asking, and counting, a question twice.
	surveyDone Survey = "done"
)

// Choice ids of the questions: "profile.<field>.<value>" answers,
// "profile.<field>.skip" skips one question, "profile.stop" ends them all.
const (
	choiceProfilePrefix = "profile."
	choiceProfileStop   = "profile.stop"
	profileSkip         = "skip"
)

// profileQuestion returns the question of field and its position.
func profileQuestion(field string) (ProfileQuestion, int, bool) {
	qs := ProfileQuestions()
	i := slices.IndexFunc(qs, func(q ProfileQuestion) bool { return q.Field == field })
	if i < 0 {
		return ProfileQuestion{}, 0, false
	}
	return qs[i], i, true
}

// asking reports whether a profile question awaits an answer.
func (t *turn) asking() bool { _, ok := t.st.Confirm.profileField(); return ok }

// startProfile begins the questions, from the menu's choice.
func (t *turn) startProfile() {
	if t.st.Survey == surveyDone {
		t.prompt()
		return
	}
	t.st.Survey = surveyDone
	t.st.Confirm = profileQuestionOf(ProfileQuestions()[0].Field)
	t.say("profile.intro", nil)
	t.prompt()
}

// profileChoice handles a pressed answer, skip or stop. Only the question
// being asked can be answered: an old button pressed again must not count
// a second time.
func (t *turn) profileChoice(id string) {
	if !t.ready() || !t.asking() {
		t.prompt()
		return
	}
	if id == choiceProfileStop {
		t.endProfile("profile.stopped")
		return
	}
	field, value, _ := strings.Cut(strings.TrimPrefix(id, choiceProfilePrefix), ".")
	q, i, ok := profileQuestion(field)
	if asked, _ := t.st.Confirm.profileField(); !ok || field != asked {
		t.prompt()
		return
	}
	switch {
	case value == profileSkip:
	case slices.Contains(q.Values, value):
		t.out = append(t.out, Profile{Field: field, Value: value})
	default:
		t.prompt()
		return
	}
	qs := ProfileQuestions()
	if i+1 == len(qs) {
		t.endProfile("profile.thanks")
		return
	}
	t.st.Confirm = profileQuestionOf(qs[i+1].Field)
	t.prompt()
}

// endProfile closes the questions and goes back to the menu.
func (t *turn) endProfile(msg string) {
	t.st.Confirm = ""
	t.say(msg, nil)
	t.gotoNode(t.e.flow.Start, false)
}

// leaveProfile ends the questions without a word when the person does
// something else: their own need comes first.
func (t *turn) leaveProfile() {
	if t.asking() {
		t.st.Confirm = ""
	}
}

// profileScreen is the question being asked, with its answers.
func (t *turn) profileScreen() Say {
	field, _ := t.st.Confirm.profileField()
	q, _, _ := profileQuestion(field)
	choices := make([]Choice, 0, len(q.Values)+2)
	for _, v := range q.Values {
		choices = append(choices, Choice{choiceProfilePrefix + field + "." + v, t.msg("profile." + field + "." + v)})
	}
	choices = append(choices,
		Choice{choiceProfilePrefix + field + "." + profileSkip, t.msg("profile.skip")},
		Choice{choiceProfileStop, t.msg("profile.stop")})
	return t.render("profile.q."+field, nil, choices)
}

// inviteProfile tells the person once about the questions, when they come
// back to the menu from a service: they have had their answer, and the
// menu they asked for follows at once.
func (t *turn) inviteProfile() {
	if t.st.Survey != "" || !t.ready() {
		return
	}
	if n := t.e.flow.Nodes[t.st.Node]; n == nil || n.Topic == "" {
		return
	}
	t.st.Survey = surveyInvited
	t.say("profile.invite", nil)
}
