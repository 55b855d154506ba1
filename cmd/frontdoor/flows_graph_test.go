package main

import (
	"strings"
	"testing"
)

func TestFlowsGraph(t *testing.T) {
	var b strings.Builder
	if err := flowsGraph(&b); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"flowchart TD\n  menu[", "menu -->|legal| legal", "legal -->|permit_renewal| legal_permit_renewal",
		"legal_permit_renewal -->|book| do_book", "class work_exploitation urgent",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("graph lacks %q", want)
		}
	}
}
