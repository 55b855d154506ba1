package flows

import "time"

// Pace is how many messages a person sent in the minute that began at
// Start (Unix seconds). It lives in the conversation state, so the limit
// holds across processes and costs no round trip of its own.
type Pace struct {
	Start int64 `json:"s,omitempty"`
	Count int   `json:"n,omitempty"`
}

// paceWindow and paceLimit bound the messages a conversation answers: 40
// a minute is more than anyone types or taps, and a script sending more
// would otherwise have each one answered (a notification each, sends
// against the platform's limits, work for every process). Messages to an
// operator during a case do not come here: handoff takes them first.
const (
	paceWindow = time.Minute
	paceLimit  = 40
)

// paced counts the message and tells whether it is beyond the limit and
// so is not answered: the first one beyond gets one short line saying the
// answers come back within a minute and the emergency number, the others
// nothing. A message that reads as
// urgent is always answered: someone in danger may well write fast.
func (t *turn) paced(in Input, now time.Time) bool {
	p := &t.st.Pace
	if now.Unix()-p.Start >= int64(paceWindow/time.Second) || now.Unix() < p.Start {
		p.Start, p.Count = now.Unix(), 0
	}
	p.Count++
	if p.Count <= paceLimit {
		return false
	}
	if in.Text != "" {
		// A danger, told or half told, is answered whatever the pace:
		// the half told one with its numbers under the answer.
		if r := t.e.opts.Classifier.Classify(in.Text); r.Urgent != "" || r.Concern != "" && t.st.Lang != "" {
			return false
		}
	}
	if p.Count == paceLimit+1 {
		t.say("input.slow_down", map[string]any{"Emergency": t.e.opts.Urgent.Emergency})
	}
	return true
}
