package bot

import "strings"

// Reason says why a conversation asked for a person of the desk: one of
// the constants below, or UrgentReason(kind) when the person's words said
// a danger. The strings are stored (the outbox's events, the cases, the
// statistics' counters): never change them. A reason this version does not
// know (written by a newer one) is kept as it is; readers show it as words.
type Reason string

// The reasons of a HandoffRequested besides the urgent ones.
const (
	// ReasonAsked: the person asked for a person.
	ReasonAsked Reason = "asked"
	// ReasonFlow: a menu step hands over (Urgent when the screen is about
	// a danger, exploitation).
	ReasonFlow Reason = "flow"
	// ReasonAppointment: an appointment request, which the booking
	// dialogue, wrapping the conversation, takes over where a desk books
	// by chat; elsewhere a person of the desk fixes it.
	ReasonAppointment Reason = "appointment"
	// ReasonNoSlots: the booking dialogue found no free appointment.
	ReasonNoSlots Reason = "no_slots"
	// ReasonTriageFailed: the person's words were not understood twice.
	ReasonTriageFailed Reason = "triage_failed"
	// ReasonLanguageUnknown: the person asked for a person in a language
	// Frontdoor does not speak.
	ReasonLanguageUnknown Reason = "language_unknown"
)

// urgentPrefix starts the reason of a case the person's words made urgent,
// followed by the kind ("urgent_suicide").
const urgentPrefix = "urgent_"

// UrgentReason is the reason of a case opened because the person's words
// said a danger of this kind (child, suicide, violence, medical,
// trafficking, exploitation, distress).
func UrgentReason(kind string) Reason { return Reason(urgentPrefix + kind) }

// Urgent says whether r was made by UrgentReason, and of which kind ("" for
// a reason that names none, "urgent_").
func (r Reason) Urgent() (kind string, ok bool) {
	if kind, ok = strings.CutPrefix(string(r), urgentPrefix); !ok {
		return "", false
	}
	return kind, true
}
