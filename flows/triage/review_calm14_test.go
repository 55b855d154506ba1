package triage

import "testing"

// A how-to frame's case goes on over a colon before any danger is told
// and over the commas of a list's one-word items: "first aid course:
// cardiac arrest, seizures, bleeding" asks about three emergencies (a
// calm phrase discounts at most 1.5, and the three read as one). A colon
// after a danger, a child or a person of one's own told, a now, still
// end the case.
func TestCalm14HowtoListGoesOn(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "first aid course, a list after a colon", msg: `first aid course: cardiac arrest, seizures, bleeding. are there books in english?`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "first aid course: my son", msg: `first aid course: my son is not breathing, what do I do`},
		{lang: "en", why: "the list, then my dad now", msg: `first aid course: cardiac arrest, seizures, bleeding. my dad is not breathing now`},
		{lang: "en", why: "a colon after the danger told", msg: `what to do if someone collapses: he is not breathing`},
		{lang: "en", why: "a colon, then my grandma", msg: `first aid course: my grandma is not breathing and is turning blue`},
	})
}
