package triage

import "testing"

// A danger told as happening now or tonight is the writer's own: no calm
// phrase of another clause (a film, the news, a past) reaches it, a dash
// cuts a clause as a comma does, and a joining word followed by "now"
// starts a clause even after a danger (review of issue 12). A calm phrase
// that itself says "now" ("now I'm fine") still looks back on a past.
func TestCalmDoesNotReachNow(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ msg, kind string }{
		// A dash is a clause cut; the clause after it says "now".
		{"I saw a film - he is hitting me now", "violence"},
		{"I saw a film — he is hitting me now", "violence"},
		// "а" joins clauses in Ukrainian; "а зараз" cuts after a past danger.
		{"два роки тому мене бив чоловік а зараз знову б'є", "violence"},
		// The "now" of a calm phrase tells no present danger.
		{"vjet me sulmuan ne rruge por tani jam mire, dua te di si te marr certificato di residenza", ""},
		{"两年前我在利比亚被关过，现在好了，想续居留", ""},
		{"two years ago he beat me and now I'm fine, can I get a permit?", ""},
		// A hyphen inside a word or between numbers cuts nothing.
		{"I saw a film about a man who kills his wife - very sad, where do I renew my permesso?", ""},
	} {
		if got := c.Classify(tt.msg).Urgent; got != tt.kind {
			t.Errorf("%q: urgent %q, want %q", tt.msg, got, tt.kind)
		}
	}
}

// A hyphen between spaces and the dashes cut like a comma; a hyphen inside
// a word or a number range does not.
func TestClauseEndDash(t *testing.T) {
	for _, tt := range []struct {
		r, prev rune
		rest    string
		want    uint8
	}{
		{'-', ' ', " he", cutComma},
		{'—', 'm', " he", cutComma},
		{'–', ' ', " he", cutComma},
		{'-', 'e', "mail", 0},
		{'-', '0', "2021", 0},
		{'-', ' ', "5", 0},
	} {
		if got := clauseEnd(tt.r, tt.prev, tt.rest); got != tt.want {
			t.Errorf("clauseEnd(%q, %q, %q) = %d, want %d", tt.r, tt.prev, tt.rest, got, tt.want)
		}
	}
}
