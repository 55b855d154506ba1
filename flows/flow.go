package flows

import (
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed *.yaml
var embedded embed.FS

// Flow is a conversation as data: nodes that say something and offer
// choices.
type Flow struct {
	Start string           `yaml:"start"`
	Nodes map[string]*Node `yaml:"nodes"`
}

// Node is one screen of the conversation.
type Node struct {
	Area string `yaml:"area"`
	// Topic is the service within the area (permit_renewal, cv, ...).
	Topic string            `yaml:"topic"`
	Say   string            `yaml:"say"`
	Vars  map[string]string `yaml:"vars"`
	// Checklist is a message listing the documents to bring, shown under
	// the text with a heading.
	Checklist string `yaml:"checklist"`
	// Urgent nodes (exploitation, violence) open a priority case as soon
	// as the person reaches them, and show the emergency numbers.
	Urgent  bool         `yaml:"urgent"`
	Choices []NodeChoice `yaml:"choices"`
}

// NodeChoice is one option of a node.
type NodeChoice struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
	Goto  string `yaml:"goto"`
	Do    string `yaml:"do"`
}

// Areas returns the five need areas every triage ends in.
func Areas() []string { return []string{"legal", "work", "health", "education", "welfare"} }

// Topics returns the services of an area, in menu order; nil for an
// unknown area. Triage, handoff and statistics share these ids, so a flow
// may not invent its own.
func Topics(area string) []string {
	switch area {
	case "legal":
		return []string{"permit_first", "permit_renewal", "permit_conversion", "citizenship", "family_reunification", "office_appointment", "asylum"}
	case "work":
		return []string{"cv", "job_centre", "training", "interview", "payslip_contract", "exploitation"}
	case "health":
		return []string{"nhs_registration", "tax_code", "family_doctor", "booking_visits", "stp", "mental_health"}
	case "education":
		return []string{"school_enrolment", "language_course", "vocational_course", "qualifications"}
	case "welfare":
		return []string{"rent_bills", "housing", "family_allowances", "food_support"}
	}
	return nil
}

// Node names and choice ids are short because a button's callback data,
// "node.choice", must fit in Telegram's 64 bytes.
var (
	nodePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,38}$`)
	idPattern   = regexp.MustCompile(`^[a-z][a-z0-9_]{0,23}$`)
)

// Actions a choice can do instead of going to a node.
const (
	doHandoff     = "handoff"
	doBook        = "book"
	doSubscribe   = "subscribe"   // toggles the news topic named by the choice id
	doUnsubscribe = "unsubscribe" // stops all news topics
	doProfile     = "profile"     // starts the optional profile questions (profile.go)
)

// NewsTopics are the topics people can subscribe to for notices; a
// "subscribe" choice's id must be one of them.
func NewsTopics() []string { return []string{"jobs", "permits", "courses", "health"} }

// LoadFlow reads and checks the flow definition in fsys (the embedded one
// when fsys is nil). messageExists says whether a message id is in the
// catalogue.
func LoadFlow(fsys fs.FS, name string, messageExists func(string) bool) (*Flow, error) {
	if fsys == nil {
		fsys = embedded
	}
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read flow %s: %w", name, err)
	}
	var f Flow
	dec := yaml.NewDecoder(strings.NewReader(string(raw)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("flow %s: %w", name, err)
	}
	if err := f.check(messageExists); err != nil {
		return nil, fmt.Errorf("flow %s: %w", name, err)
	}
	return &f, nil
}

// check finds every problem at once, so a flow author fixes them in one go.
func (f *Flow) check(messageExists func(string) bool) error {
	var errs []string
	bad := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	if _, ok := f.Nodes[f.Start]; !ok {
		bad("start node %q does not exist", f.Start)
	}
	names := make([]string, 0, len(f.Nodes))
	for n := range f.Nodes {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		n := f.Nodes[name]
		if n == nil {
			// "name:" with nothing under it decodes to a nil node.
			bad("node %q is empty", name)
			n = &Node{}
			f.Nodes[name] = n
		}
		if !nodePattern.MatchString(name) {
			bad("node %q: name must be lowercase letters, digits or _ (at most 39)", name)
		}
		if n.Say == "" {
			bad("node %q: say is empty", name)
		} else if !messageExists(n.Say) {
			bad("node %q: message %q is not in the catalogue", name, n.Say)
		}
		if n.Checklist != "" && !messageExists(n.Checklist) {
			bad("node %q: checklist %q is not in the catalogue", name, n.Checklist)
		}
		if n.Topic != "" && n.Area == "" {
			bad("node %q: topic %q without an area", name, n.Topic)
		}
		for v, id := range n.Vars {
			if !messageExists(id) {
				bad("node %q: var %s: message %q is not in the catalogue", name, v, id)
			}
		}
		if n.Area != "" && !slices.Contains(Areas(), n.Area) {
			bad("node %q: area %q is not one of %v", name, n.Area, Areas())
		}
		seen := map[string]bool{}
		for _, c := range n.Choices {
			switch {
			case !idPattern.MatchString(c.ID):
				bad("node %q: choice id %q must be lowercase letters, digits or _ (at most 24)", name, c.ID)
			case seen[c.ID]:
				bad("node %q: choice %q twice", name, c.ID)
			}
			seen[c.ID] = true
			if !messageExists(c.Label) {
				bad("node %q: choice %q: label %q is not in the catalogue", name, c.ID, c.Label)
			}
			switch {
			case c.Goto != "" && c.Do != "":
				bad("node %q: choice %q has both goto and do", name, c.ID)
			case c.Goto != "":
				if _, ok := f.Nodes[c.Goto]; !ok {
					bad("node %q: choice %q goes to unknown node %q", name, c.ID, c.Goto)
				}
			case c.Do == doHandoff || c.Do == doBook || c.Do == doUnsubscribe || c.Do == doProfile:
			case c.Do == doSubscribe:
				if !slices.Contains(NewsTopics(), c.ID) {
					bad("node %q: choice %q: subscribe needs a topic of %v as its id", name, c.ID, NewsTopics())
				}
			case c.Do != "":
				bad("node %q: choice %q: unknown action %q (known: handoff, book, subscribe, unsubscribe, profile)", name, c.ID, c.Do)
			default:
				bad("node %q: choice %q needs goto or do", name, c.ID)
			}
		}
	}
	errs = append(errs, f.checkTopics(names)...)
	errs = append(errs, f.checkPaths(names)...)
	if len(errs) > 0 {
		return fmt.Errorf("%d problem(s):\n  %s", len(errs), strings.Join(errs, "\n  "))
	}
	return nil
}

// checkTopics reports topics that are not services of their area, and two
// nodes claiming the same service: a handoff must say unambiguously where
// the person was.
func (f *Flow) checkTopics(names []string) []string {
	var errs []string
	owner := map[string]string{}
	for _, name := range names {
		n := f.Nodes[name]
		if n.Topic == "" || !slices.Contains(Areas(), n.Area) {
			continue
		}
		if !slices.Contains(Topics(n.Area), n.Topic) {
			errs = append(errs, fmt.Sprintf("node %q: topic %q is not a service of %s (known: %v)", name, n.Topic, n.Area, Topics(n.Area)))
			continue
		}
		key := n.Area + "/" + n.Topic
		if other, dup := owner[key]; dup {
			errs = append(errs, fmt.Sprintf("node %q: topic %q of %s is also on node %q", name, n.Topic, n.Area, other))
			continue
		}
		owner[key] = name
	}
	return errs
}

// checkPaths reports nodes nobody can reach from the start and nodes with
// no choice at all. The engine's global commands (/menu, /back) would still
// get a person out of a node without choices, but a screen with no buttons
// looks like the end of the conversation, so a flow may not have one.
func (f *Flow) checkPaths(names []string) []string {
	var errs []string
	reached := map[string]bool{}
	if _, ok := f.Nodes[f.Start]; ok {
		queue := []string{f.Start}
		reached[f.Start] = true
		for len(queue) > 0 {
			n := f.Nodes[queue[0]]
			queue = queue[1:]
			for _, c := range n.Choices {
				if _, ok := f.Nodes[c.Goto]; ok && !reached[c.Goto] {
					reached[c.Goto] = true
					queue = append(queue, c.Goto)
				}
			}
		}
	}
	for _, name := range names {
		if !reached[name] {
			errs = append(errs, fmt.Sprintf("node %q: not reachable from the start node %q", name, f.Start))
		}
		if len(f.Nodes[name].Choices) == 0 {
			errs = append(errs, fmt.Sprintf("node %q: dead end (no choices)", name))
		}
	}
	return errs
}
