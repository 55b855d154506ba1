package triage

import "testing"

// Followed and afraid is a danger before a need told with it (stop 39,
// blind set ao: "sono stazione di notte non ho posto per dormire un uomo
// mi segue ho tanta paura" was a housing question): the rule weighs 2,
// and a distress of 2 does not give way to a need, as a bare cry does.
func TestStop39FollowedAndAfraidBeforeANeed(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"it", "followed and afraid, nowhere to sleep", `sono alla stazione di notte, non ho dove dormire, un uomo mi segue e ho tanta paura`},
		{"en", "followed and afraid, nowhere to sleep", `I'm at the station at night with nowhere to sleep, a man keeps following me and I'm so scared`},
		{"es", "followed and afraid, nowhere to sleep", `no tengo donde dormir, es de noche y un hombre me sigue, tengo mucho miedo`},
		{"fr", "followed and afraid, no housing", `je n'ai pas de logement, il fait nuit et un homme me suit, j'ai très peur`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"it", "a cry with a need: the need", `aiuto! SOS! mi serve un avvocato per il permesso`},
		{"en", "a cry with a need: the need", `help help please, I have no house`},
		{"en", "afraid of a refusal, help with the permit", `I am scared my permit is refused, help me`},
		{"it", "a doctor who follows me, afraid of the results", `il medico che mi segue dice che ho paura dei risultati, dove prenoto gli esami?`},
	})
}
