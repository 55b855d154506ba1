package flows

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// Transcripts of the optional profile questions: offered once after a
// service, answered by button and by number, skipped, stopped, and left
// for the person's own need.
var profileTranscripts = map[string][]string{
	"profile_answered_en": {
		"text:/start lang_en", "choice:consent.yes", "choice:menu.legal", "choice:legal.permit_renewal",
		"choice:legal_permit_renewal.menu", "choice:menu.plan", "choice:profile.age.30_49", "text:1",
		"choice:profile.minors.yes", "choice:profile.skills.care", "choice:profile.arrival.3_5_years",
		// An old button pressed again counts nothing.
		"choice:profile.age.18_29",
	},
	"profile_skipped_ar": {
		"text:/start lang_ar", "choice:consent.yes", "choice:menu.health", "choice:health.stp",
		"choice:health_stp.menu", "choice:menu.plan", "choice:profile.age.skip", "choice:profile.gender.woman",
		"choice:profile.stop", "choice:menu.plan",
	},
	"profile_left_for_a_need_it": {
		"text:/start lang_it", "choice:consent.yes", "choice:menu.plan", "choice:profile.age.18_29",
		"text:devo rinnovare il permesso di soggiorno", "choice:triage.yes", "choice:legal_permit_renewal.menu",
	},
	"profile_menu_button_uk": {
		"text:/start lang_uk", "choice:consent.yes", "choice:menu.plan", "choice:profile.age.under_18",
		"choice:menu.work", "choice:g.menu",
	},
}

func TestProfileTranscripts(t *testing.T) { checkGoldens(t, profileTranscripts) }

// TestProfileEveryAnswerOnce answers every category of every question in
// every language: each answer gives exactly one Profile action with ids
// from ProfileQuestions, and nothing of it stays in the state.
func TestProfileEveryAnswerOnce(t *testing.T) {
	e := newEngine(t)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	for _, l := range e.cat.Languages() {
		for _, q := range ProfileQuestions() {
			for _, v := range q.Values {
				st := State{Lang: l.Tag, Consent: true, Node: "menu", Survey: surveyDone, Confirm: profileQuestionOf(q.Field)}
				next, actions := e.Step(st, Input{Choice: "profile." + q.Field + "." + v}, now)
				var got []Profile
				for _, a := range actions {
					if p, ok := a.(Profile); ok {
						got = append(got, p)
					}
				}
				if len(got) != 1 || got[0] != (Profile{Field: q.Field, Value: v}) {
					t.Errorf("%s %s=%s: profile actions %v", l.Tag, q.Field, v, got)
				}
				js := strings.Join([]string{string(next.Confirm), next.Node, next.Area, next.Topic, next.Pending}, "|")
				if strings.Contains(js, v) && v != "other" {
					t.Errorf("%s %s=%s: the answer stays in the state %+v", l.Tag, q.Field, v, next)
				}
				checkRendered(t, e, actions)
			}
		}
	}
}

// TestProfileNeedsConsent: before consent the questions cannot start and
// no answer counts, whatever button is pressed.
func TestProfileNeedsConsent(t *testing.T) {
	e := newEngine(t)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	for _, st := range []State{{}, {Lang: "en"}, {Lang: "en", Confirm: profileQuestionOf("age")}} {
		for _, id := range []string{"menu.plan", "profile.age.18_29", "profile.stop"} {
			next, actions := e.Step(st, Input{Choice: id}, now)
			for _, a := range actions {
				if _, ok := a.(Profile); ok {
					t.Errorf("state %+v, %s: profile counted before consent", st, id)
				}
			}
			if next.Survey != "" {
				t.Errorf("state %+v, %s: survey %q before consent", st, id, next.Survey)
			}
		}
	}
}

// TestProfileChoiceHiddenWhenDone: once asked, the menu no longer offers
// the questions.
func TestProfileChoiceHiddenWhenDone(t *testing.T) {
	e := newEngine(t)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	ids := func(st State) []string {
		_, actions := e.Step(st, Input{Choice: choiceMenu}, now)
		var out []string
		for _, a := range actions {
			if s, ok := a.(Say); ok {
				for _, c := range s.Choices {
					out = append(out, c.ID)
				}
			}
		}
		return out
	}
	if got := ids(State{Lang: "en", Consent: true}); !slices.Contains(got, "menu.plan") {
		t.Errorf("menu without the questions before they were asked: %v", got)
	}
	if got := ids(State{Lang: "en", Consent: true, Survey: surveyDone}); slices.Contains(got, "menu.plan") {
		t.Errorf("menu offers the questions again: %v", got)
	}
}
