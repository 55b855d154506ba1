package flows

import (
	"fmt"
	"slices"
	"strings"
)

// Mermaid draws the flow as a Mermaid flowchart: one box per node (its name
// and message id), one arrow per choice labelled with the choice id, and
// the actions (handoff, book) as shared round boxes. Urgent nodes are
// marked, so a reviewer sees at a glance where priority cases start.
func (f *Flow) Mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	names := make([]string, 0, len(f.Nodes))
	for n := range f.Nodes {
		names = append(names, n)
	}
	// Start first, then alphabetical: the diagram and its diffs are stable.
	slices.SortFunc(names, func(a, c string) int {
		switch {
		case a == f.Start:
			return -1
		case c == f.Start:
			return 1
		}
		return strings.Compare(a, c)
	})
	actions := map[string]bool{}
	var urgent []string
	for _, name := range names {
		n := f.Nodes[name]
		if n == nil {
			continue
		}
		label := name + "<br/>" + n.Say
		if n.Urgent {
			label = "⚠ " + label
			urgent = append(urgent, name)
		}
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", mermaidID(name), mermaidText(label))
	}
	for _, name := range names {
		n := f.Nodes[name]
		if n == nil {
			continue
		}
		for _, c := range n.Choices {
			to := c.Goto
			if to == "" {
				to = "do_" + c.Do
				actions[c.Do] = true
			}
			if c.Goto != "" {
				to = mermaidID(to)
			}
			fmt.Fprintf(&b, "  %s -->|%s| %s\n", mermaidID(name), mermaidText(c.ID), to)
		}
	}
	for _, a := range sortedSet(actions) {
		fmt.Fprintf(&b, "  do_%s([\"%s\"])\n", a, mermaidText(a))
	}
	if len(urgent) > 0 {
		b.WriteString("  classDef urgent stroke:#c00,stroke-width:3px\n")
		ids := make([]string, len(urgent))
		for i, u := range urgent {
			ids[i] = mermaidID(u)
		}
		fmt.Fprintf(&b, "  class %s urgent\n", strings.Join(ids, ","))
	}
	return b.String()
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// mermaidID keeps a node name usable as a Mermaid id: "end" is a keyword
// there and would close the chart.
func mermaidID(name string) string {
	if name == "end" {
		return "node_end"
	}
	return name
}

// mermaidText escapes what would end a quoted Mermaid label.
func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "#quot;", "|", "#124;").Replace(s)
}
