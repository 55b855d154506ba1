package triage

import "testing"

// Mend of review revZS: the lines that replace tuneZS's calms (ignores of
// their own words, the play's "there, someone") must not reach a danger
// told beside them, and the Latin-letter "now" words stop a calm of another
// clause.
func TestMendZSPresentDangers(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"so", "the ignored bleeding seen at work, a husband beating her now", `hooyaday waxay aragtaa dhiig bax, hadda ninkeeda ayaa garaacaya`},
		{"uk", "blood seen at work ignored, a husband beating her now", `bachyla bahato krovi na roboti, zaraz cholovik mene b'ye`},
		{"ur", "the training ignored, a knife at the door now", `sikhaya chaku se kaise bachna, abhi ek aadmi chaku le kar darwaze pe khada hai`},
		{"ur", "a knife attack's defence ignored, a man with a knife at the door", `wo chaku le kar darwaze pe khada hai, chaku ke hamle se kaise bachna hai?`},
		{"zh", "the talk ignored, the father beats the child every night", `学校有反家暴讲座，爸爸每天晚上打我`},
		{"bn", "the play's 'someone' in another clause, the father beats her daily", `sekhane ekjon ke dekhlam, amar meye ke baba roj mare`},
		{"ar", "an exam the writer has, beaten and bleeding now (Arabizi)", `3andi imti7an 3an el jaltat bukra, hala2 jouzi drabni w rasi 3am yenzef`},
		{"ar", "a nursing student, her sister bleeding a lot now ('hala2' stops the course's calm)", `ana bdrus tamrid, hala2 e5ti btenzef ktir`},
		{"ro", "a knife that cut the writer", `a luat un cutit si m-a taiat pe mana`},
	})
}

// Mend of review revZS: decoys of the knife form added for Romanian.
func TestMendZSDecoys(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"ro", "a barber's nick", `frizerul m-a taiat putin, unde fac reclamatie?`},
	})
}
