package bot_test

import (
	"testing"

	"frontdoor/bot"
)

// TestReasonStrings: the reasons are stored (outbox events, cases, the
// statistics' counters), so their strings are those earlier versions wrote,
// and an urgent reason gives back its kind.
func TestReasonStrings(t *testing.T) {
	tests := []struct {
		reason bot.Reason
		stored string
		kind   string
		urgent bool
	}{
		{bot.ReasonAsked, "asked", "", false},
		{bot.ReasonFlow, "flow", "", false},
		{bot.ReasonAppointment, "appointment", "", false},
		{bot.ReasonNoSlots, "no_slots", "", false},
		{bot.ReasonTriageFailed, "triage_failed", "", false},
		{bot.ReasonLanguageUnknown, "language_unknown", "", false},
		{bot.UrgentReason("suicide"), "urgent_suicide", "suicide", true},
		{bot.UrgentReason("new_kind"), "urgent_new_kind", "new_kind", true},
		// Read from storage: what an earlier or later version wrote.
		{bot.Reason("urgent_child"), "urgent_child", "child", true},
		{bot.Reason("some_new_reason"), "some_new_reason", "", false},
		{bot.Reason(""), "", "", false},
	}
	for _, tt := range tests {
		if string(tt.reason) != tt.stored {
			t.Errorf("reason %q, stored as %q", tt.reason, tt.stored)
		}
		if kind, ok := tt.reason.Urgent(); kind != tt.kind || ok != tt.urgent {
			t.Errorf("%q.Urgent() = %q, %v; want %q, %v", tt.reason, kind, ok, tt.kind, tt.urgent)
		}
	}
}
