package handoff

import (
	"testing"
	"time"
)

// TestAskable: the case page offers to take a reply back when it was
// never asked, after a failure, and when it was left "being deleted" for
// UnsendAgainAfter (or by a version that kept no time); not while a
// deletion is fresh, nor once done.
func TestAskable(t *testing.T) {
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		e    Entry
		want bool
	}{
		{"never asked", Entry{}, true},
		{"failed", Entry{Unsent: UnsendFailed, UnsentAt: now}, true},
		{"asked just now", Entry{Unsent: UnsendAsked, UnsentAt: now.Add(-time.Minute)}, false},
		{"asked long ago", Entry{Unsent: UnsendAsked, UnsentAt: now.Add(-UnsendAgainAfter)}, true},
		{"asked by a version without the time", Entry{Unsent: UnsendAsked}, true},
		{"done", Entry{Unsent: UnsendDone, UnsentAt: now.Add(-time.Hour)}, false},
	}
	for _, tt := range tests {
		if got := askable(tt.e, now); got != tt.want {
			t.Errorf("%s: askable %v, want %v", tt.name, got, tt.want)
		}
	}
}
