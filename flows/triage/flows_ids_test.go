package triage_test

import (
	"slices"
	"testing"

	"frontdoor/flows"
	"frontdoor/flows/triage"
)

// The flows route on the area and topic ids triage returns: both lists
// must stay the same.
func TestIDsMatchFlows(t *testing.T) {
	if got, want := triage.Areas(), flows.Areas(); !slices.Equal(got, want) {
		t.Fatalf("triage areas %v, flows areas %v", got, want)
	}
	for _, a := range flows.Areas() {
		if got, want := triage.Topics(a), flows.Topics(a); !slices.Equal(got, want) {
			t.Errorf("area %s: triage topics %v, flows topics %v", a, got, want)
		}
	}
}
