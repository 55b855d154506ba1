package main

import (
	"fmt"
	"io"

	"frontdoor/flows"
	"frontdoor/locales"
)

// flowsGraph prints the core flow as a Mermaid flowchart, checked first so
// that a broken flow is reported rather than drawn.
func flowsGraph(stdout io.Writer) error {
	cat, err := locales.Load()
	if err != nil {
		return err
	}
	f, err := flows.LoadFlow(nil, "core.yaml", func(id string) bool { return cat.Text("en", id, nil) != id })
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(stdout, f.Mermaid())
	return err
}
