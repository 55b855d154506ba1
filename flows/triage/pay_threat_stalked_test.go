package triage

import "testing"

// Review of issue 12 (fixlists), findings 5 to 9 beside TestReviewCalmAndLists:
// a boss's threat to a worker who would run away is exploitation in the
// languages whose lists lacked it, a worker's own question "if I leave, will
// they pay me?" is not, being followed at night is still a cry with the
// narrower @stalked sign, and the sign phrases added for it and for @job hide
// no danger listed before.
func TestListsPayThreatAndStalked(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ msg, kind string }{
		// Finding 8: the wage "not paid" said with ödemek, a threat said to the worker.
		{"patron maaşımı ödemiyor, kaçarsan öldürürüm diyor", "exploitation"},
		{"they don't pay me and say if you run away we will kill you", "exploitation"},
		{"il capo non mi paga e dice se scappi ti ammazzo", "exploitation"},
		// Finding 9: first person "if I leave" is a question, not a threat.
		{"работодатель не платит, если я уйду, мне заплатят?", ""},
		// Finding 7: work named, the rule still weighs the exploitation over the threat's violence.
		{"xo'jayin 3 oydan beri pul bermayapti, ketsam urib o'ldiraman deydi", "exploitation"},
		{"shefi nuk me paguan rrogen dhe thote se po ike te vret", "exploitation"},
		// Finding 5: followed at night, said plainly, is still a cry.
		{"someone is following me at night and I am alone", "distress"},
		{"a man followed me home in the dark", "distress"},
		{"un hombre me está siguiendo de noche", "distress"},
		{"qualcuno mi segue di notte", "distress"},
		{"за мною ходить якийсь чоловік вночі", "distress"},
		// A sign phrase does not hide the danger listed under its words.
		{"колишній переслідує мене і погрожує", "violence"},
		{"роботодавець погрожував що нас поб'ють якщо будемо скаржитися", "exploitation"},
	} {
		if got := c.Classify(tt.msg).Urgent; got != tt.kind {
			t.Errorf("%q: urgent %q, want %q", tt.msg, got, tt.kind)
		}
	}
}
