package triage

import "testing"

// mendHow (issue 12): mends of review revHow, in other words than its
// cases. Each fails on engHow (e1cdd17c).

// A but word or an emoji ends a how-to case only before a clause of its
// own (data/calm roles who, kin, now); a weapon used on someone (pl, it);
// harmless attacks, hits and pistols (hr, fr); news of one's own (ur).
func TestMendHowCasesAndForms(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "⏰ (U+23F0) then he", msg: `what to do if someone faints ⏰ he is not breathing`},
		{lang: "pl", why: "axe grabbed, banging on the door", msg: `brat złapał siekierę i dobija się do drzwi`},
		{lang: "pl", why: "knife to the neck (she)", msg: `przystawiła mi nóż do szyi i kazała oddać pieniądze`},
		{lang: "pl", why: "shot at us", msg: `ojciec strzelał do nas z pistoletu`},
		{lang: "it", why: "pointed a gun", msg: `mi ha puntato la pistola contro ieri sera`},
		{lang: "ur", why: "news of my sister", msg: `mohalle mein khabar thi ke meri behen ko chaqu mara gaya, hospital kahan hai`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "but inside the case", msg: `what to do if someone is breathing but not waking up`},
		{lang: "hr", why: "flu, sick note", msg: `napala me gripa, trebam ispričnicu za posao`},
		{lang: "hr", why: "a tram last year, insurance", msg: `udario me tramvaj prošle godine, trebam papire za osiguranje`},
		{lang: "fr", why: "cork pistol", msg: `il a sorti un pistolet à bouchon pour le carnaval`},
	})
}
