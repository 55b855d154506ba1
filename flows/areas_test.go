package flows

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"frontdoor/locales"
)

// areaTranscripts walk each need area in three languages (one right to
// left): open services, read their checklists, and book, ask for a person,
// go back or return to the menu. Together they open every service once.
var areaTranscripts = map[string][]string{
	"area_legal_it": {
		"text:/start lang_it", "choice:consent.yes", "choice:menu.legal",
		"choice:legal.permit_renewal", "choice:legal_permit_renewal.book", "choice:g.back",
		"choice:legal.permit_first", "choice:legal_permit_first.menu",
	},
	"area_legal_ar": {
		"text:/start lang_ar", "choice:consent.yes", "text:١",
		"choice:legal.citizenship", "choice:legal_citizenship.person", "choice:g.back",
		"choice:legal.asylum", "choice:legal_asylum.menu",
	},
	"area_legal_en": {
		"text:/start lang_en", "choice:consent.yes", "choice:menu.legal",
		"choice:legal.permit_conversion", "choice:g.back", "choice:legal.family_reunification",
		"choice:legal_family_reunification.book", "choice:g.back",
		"choice:legal.office_appointment", "choice:legal_office_appointment.person",
	},
	"area_work_fr": {
		"text:/start lang_fr", "choice:consent.yes", "choice:menu.work",
		"choice:work.cv", "choice:work_cv.book", "choice:g.back",
		"choice:work.job_centre", "choice:work_job_centre.menu",
	},
	"area_work_ur": {
		"text:/start lang_ur", "choice:consent.yes", "choice:menu.work",
		"choice:work.training", "choice:work_training.person", "choice:g.back",
		"choice:work.interview", "choice:work_interview.menu",
	},
	"area_work_zh": {
		"text:/start lang_zh", "choice:consent.yes", "choice:menu.work",
		"choice:work.payslip_contract", "choice:work_payslip_contract.book", "choice:g.back", "choice:g.back",
	},
	"area_health_es": {
		"text:/start lang_es", "choice:consent.yes", "choice:menu.health",
		"choice:health.nhs_registration", "choice:health_nhs_registration.book", "choice:g.back",
		"choice:health.tax_code", "choice:health_tax_code.menu",
	},
	"area_health_ar": {
		"text:/start lang_ar", "choice:consent.yes", "choice:menu.health",
		"choice:health.stp", "choice:health_stp.person", "choice:g.back",
		"choice:health.family_doctor", "choice:health_family_doctor.menu",
	},
	"area_health_bn": {
		"text:/start lang_bn", "choice:consent.yes", "choice:menu.health",
		"choice:health.booking_visits", "choice:health_booking_visits.book", "choice:health_booking_visits.menu",
	},
	"area_education_uk": {
		"text:/start lang_uk", "choice:consent.yes", "choice:menu.education",
		"choice:education.school_enrolment", "choice:education_school_enrolment.book", "choice:g.back",
		"choice:education.qualifications", "choice:education_qualifications.menu",
	},
	"area_education_ur": {
		"text:/start lang_ur", "choice:consent.yes", "choice:menu.education",
		"choice:education.language_course", "choice:education_language_course.person", "choice:education_language_course.menu",
	},
	"area_education_sq": {
		"text:/start lang_sq", "choice:consent.yes", "choice:menu.education",
		"choice:education.vocational_course", "choice:education_vocational_course.book", "choice:g.back",
		"choice:education.person",
	},
	"area_welfare_en": {
		"text:/start lang_en", "choice:consent.yes", "choice:menu.welfare",
		"choice:welfare.rent_bills", "choice:welfare_rent_bills.book", "choice:g.back",
		"choice:welfare.housing", "choice:welfare_housing.menu",
	},
	"area_welfare_ar": {
		"text:/start lang_ar", "choice:consent.yes", "choice:menu.welfare",
		"choice:welfare.family_allowances", "choice:welfare_family_allowances.person", "choice:welfare_family_allowances.menu",
	},
	"area_welfare_it": {
		"text:/start lang_it", "choice:consent.yes", "choice:menu.welfare",
		"choice:welfare.food_support", "choice:welfare_food_support.book", "choice:g.back",
		"choice:welfare.person",
	},
	// Exploitation is urgent: the priority case opens and the emergency
	// numbers come first, before any explanation.
	"urgent_exploitation_en": {
		"text:/start lang_en", "choice:consent.yes", "choice:menu.work", "choice:work.exploitation",
		"choice:work_exploitation.person", "choice:work_exploitation.menu",
	},
	"urgent_exploitation_ar": {
		"text:/start lang_ar", "choice:consent.yes", "choice:menu.work", "choice:work.exploitation", "choice:g.back",
	},
	"area_health_mental_health_fr": {
		"text:/start lang_fr", "choice:consent.yes", "choice:menu.health", "choice:health.mental_health",
		"choice:health_mental_health.person",
	},
	"urgent_exploitation_uk": {
		"text:/start lang_uk", "choice:consent.yes", "choice:menu.work", "choice:work.exploitation", "choice:work_exploitation.book",
	},
	// The codice fiscale from the legal menu: the same page as from the
	// health menu, and a person asked for there is the health desk's case.
	"area_legal_tax_code_ru": {
		"text:/start lang_ru", "choice:consent.yes", "choice:menu.legal", "choice:legal.tax_code",
		"choice:health_tax_code.person",
	},
	// A whole journey in each new language: the language chosen from the
	// menu, consent, a request in the person's own words (with the Italian
	// term people meet at desks), the service page, a person, /delete.
	"journey_ru": {
		"text:Здравствуйте", "choice:lang.ru", "choice:consent.yes",
		"text:Мне нужно продлить permesso di soggiorno", "choice:triage.yes",
		"choice:legal_permit_renewal.person", "text:/delete", "choice:delete.yes",
	},
	"journey_ro": {
		"text:Bună ziua", "choice:lang.ro", "choice:consent.yes",
		"text:Caut un medico di base pentru copilul meu", "choice:triage.yes",
		"choice:health_family_doctor.person", "text:/delete", "choice:delete.yes",
	},
	"journey_tr": {
		"text:Merhaba", "choice:lang.tr", "choice:consent.yes",
		"text:busta paga hakkında bir sorum var", "choice:triage.yes",
		"choice:work_payslip_contract.person", "text:/delete", "choice:delete.yes",
	},
	// Tagalog's catalogue is fil.toml (BCP 47 makes "tl" Filipino).
	"journey_fil": {
		"text:Magandang araw po", "choice:lang.fil", "choice:consent.yes",
		"text:kailangan ko ng tulong para sa assegno unico ng mga anak ko", "choice:triage.yes",
		"choice:welfare_family_allowances.person", "text:/delete", "choice:delete.yes",
	},
	"journey_wo": {
		"text:Salaam aleekum", "choice:lang.wo", "choice:consent.yes",
		"text:dama bëgg jàng italien ci CPIA", "choice:triage.yes",
		"choice:education_language_course.person", "text:/delete", "choice:delete.yes",
	},
}

func TestAreaTranscripts(t *testing.T) { checkGoldens(t, areaTranscripts) }

// TestAreaTranscriptsOpenEveryService keeps the golden transcripts honest:
// adding a service without a conversation that opens it fails here.
func TestAreaTranscriptsOpenEveryService(t *testing.T) {
	opened := map[string]bool{}
	for _, steps := range areaTranscripts {
		for _, s := range steps {
			if id, ok := strings.CutPrefix(s, "choice:"); ok {
				if area, topic, ok := strings.Cut(id, "."); ok && Topics(area) != nil {
					opened[area+"_"+topic] = true
				}
			}
		}
	}
	for _, area := range Areas() {
		for _, topic := range Topics(area) {
			if !opened[area+"_"+topic] {
				t.Errorf("no golden transcript opens %s %s", area, topic)
			}
		}
	}
}

// TestEveryServiceInEveryLanguage opens every service from its area in
// every language and checks what the person sees: the explanation, the
// checklist under its heading (one "• " line per document), and the way
// on: book, person, menu and back.
func TestEveryServiceInEveryLanguage(t *testing.T) {
	e := newEngine(t)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	for _, l := range e.cat.Languages() {
		for _, area := range Areas() {
			for _, topic := range Topics(area) {
				name := area + "_" + topic
				n, ok := e.flow.Nodes[name]
				if !ok {
					t.Errorf("%s: no node %s", l.Tag, name)
					continue
				}
				st := State{Lang: l.Tag, Consent: true, Node: area, Back: []string{"menu"}}
				st, actions := e.Step(st, Input{Choice: area + "." + topic}, now)
				checkRendered(t, e, actions)
				if st.Node != name || st.Area != area || st.Topic != topic {
					t.Errorf("%s %s: state %+v", l.Tag, name, st)
				}
				say, ok := actions[len(actions)-1].(Say)
				if !ok {
					t.Fatalf("%s %s: last action %T, want Say", l.Tag, name, actions[len(actions)-1])
				}
				if say.RTL != l.RTL {
					t.Errorf("%s %s: RTL = %v", l.Tag, name, say.RTL)
				}
				info := e.cat.Text(l.Tag, n.Say, nil)
				if !strings.HasPrefix(say.Text, info) {
					t.Errorf("%s %s: text does not start with the explanation:\n%s", l.Tag, name, say.Text)
				}
				if n.Checklist != "" {
					docs := e.cat.Text(l.Tag, n.Checklist, nil)
					head := e.cat.Text(l.Tag, "checklist.title", nil)
					if !strings.HasSuffix(say.Text, "\n\n"+head+"\n"+docs) {
						t.Errorf("%s %s: checklist missing or misplaced:\n%s", l.Tag, name, say.Text)
					}
					for _, line := range strings.Split(docs, "\n") {
						if !strings.HasPrefix(line, "• ") || len(strings.TrimSpace(strings.TrimPrefix(line, "•"))) == 0 {
							t.Errorf("%s %s: checklist line %q is not \"• document\"", l.Tag, name, line)
						}
					}
				}
				var ids []string
				for _, c := range say.Choices {
					ids = append(ids, c.ID)
				}
				want := []string{name + ".book", name + ".person", name + ".menu", "g.back"}
				if !slices.Equal(ids, want) {
					t.Errorf("%s %s: choices %v, want %v", l.Tag, name, ids, want)
				}
			}
		}
	}
}

// TestChecklistsAgreeAcrossLanguages catches a translation that drops or
// merges a document: every language lists as many as English.
func TestChecklistsAgreeAcrossLanguages(t *testing.T) {
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	f, err := LoadFlow(nil, "core.yaml", func(id string) bool { return cat.Text("en", id, nil) != id })
	if err != nil {
		t.Fatal(err)
	}
	for name, n := range f.Nodes {
		if n.Checklist == "" {
			continue
		}
		want := strings.Count(cat.Text("en", n.Checklist, nil), "\n")
		for _, l := range cat.Languages() {
			if got := strings.Count(cat.Text(l.Tag, n.Checklist, nil), "\n"); got != want {
				t.Errorf("%s %s: %d documents, English has %d", l.Tag, name, got+1, want+1)
			}
		}
	}
}

func TestUrgentExploitation(t *testing.T) {
	e := newEngine(t)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	for _, l := range e.cat.Languages() {
		st := State{Lang: l.Tag, Consent: true, Node: "work", Back: []string{"menu"}}
		_, actions := e.Step(st, Input{Choice: "work.exploitation"}, now)
		checkRendered(t, e, actions)
		if n, ok := actions[0].(Need); !ok || n.Area != "work" || n.Topic != "exploitation" {
			t.Fatalf("%s: first action %#v, want the need recorded", l.Tag, actions[0])
		}
		actions = actions[1:]
		if len(actions) != 3 {
			t.Fatalf("%s: %d actions, want handoff, numbers, explanation: %#v", l.Tag, len(actions), actions)
		}
		h, ok := actions[0].(Handoff)
		if !ok || !h.Urgent || h.Area != "work" || h.Topic != "exploitation" || h.Lang != l.Tag {
			t.Errorf("%s: first action %#v, want an urgent handoff for work/exploitation", l.Tag, actions[0])
		}
		numbers, _ := actions[1].(Say)
		// The lines of exploitation, not those of violence.
		for n, want := range map[string]bool{"112": true, "800 290 290": true, "1522": false, "114": false} {
			if strings.Contains(numbers.Text, n) != want {
				t.Errorf("%s: number %s shown %v, want %v: %q", l.Tag, n, !want, want, numbers.Text)
			}
		}
		if info, _ := actions[2].(Say); info.Text != e.cat.Text(l.Tag, "work.exploitation.info", nil) {
			t.Errorf("%s: explanation %q", l.Tag, info.Text)
		}
	}
}

func TestLoadFlowChecksPathsAndTopics(t *testing.T) {
	bad := `start: menu
nodes:
  menu:
    say: menu.prompt
    choices:
      - {id: legal, label: area.legal, goto: legal}
  legal:
    area: legal
    say: menu.prompt
    choices:
      - {id: a, label: area.legal, goto: legal_a}
      - {id: b, label: area.legal, goto: legal_b}
      - {id: c, label: area.legal, goto: legal_c}
  legal_a:
    area: legal
    topic: permit_renewal
    say: menu.prompt
    choices:
      - {id: menu, label: choice.menu, goto: menu}
  legal_b:
    area: legal
    topic: permit_renewal
    say: menu.prompt
    choices:
      - {id: menu, label: choice.menu, goto: menu}
  legal_c:
    area: legal
    topic: cv
    say: menu.prompt
  island:
    say: menu.prompt
    choices:
      - {id: menu, label: choice.menu, goto: menu}
  empty:
`
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	_, err = LoadFlow(os.DirFS(dir), "bad.yaml", func(id string) bool { return cat.Text("en", id, nil) != id })
	if err == nil {
		t.Fatal("bad flow loaded")
	}
	for _, want := range []string{
		`node "island": not reachable`,
		`node "empty" is empty`,
		`node "legal_c": dead end`,
		`node "legal_c": topic "cv" is not a service of legal`,
		`node "legal_b": topic "permit_renewal" of legal is also on node "legal_a"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s:\n%v", want, err)
		}
	}
	for _, notWant := range []string{`"legal_a": not reachable`, `"menu": dead end`, `"legal_a": topic`} {
		if strings.Contains(err.Error(), notWant) {
			t.Errorf("error wrongly mentions %s:\n%v", notWant, err)
		}
	}
}

func TestCoreFlowHasEveryService(t *testing.T) {
	e := newEngine(t)
	for _, area := range Areas() {
		n, ok := e.flow.Nodes[area]
		if !ok {
			t.Fatalf("no node %s", area)
		}
		var offered []string
		for _, c := range n.Choices {
			if c.Goto != "" {
				offered = append(offered, c.Goto)
			}
		}
		for _, topic := range Topics(area) {
			if !slices.Contains(offered, area+"_"+topic) {
				t.Errorf("%s does not offer %s", area, topic)
			}
		}
		if !slices.ContainsFunc(n.Choices, func(c NodeChoice) bool { return c.Do == doHandoff }) {
			t.Errorf("%s offers no person", area)
		}
	}
}

func TestMermaid(t *testing.T) {
	f := &Flow{Start: "menu", Nodes: map[string]*Node{
		"menu": {Say: "menu.prompt", Choices: []NodeChoice{{ID: "work", Goto: "work"}}},
		"work": {Area: "work", Say: "work.intro", Choices: []NodeChoice{
			{ID: "exploitation", Goto: "work_exploitation"}, {ID: "person", Do: doHandoff},
		}},
		"work_exploitation": {Area: "work", Topic: "exploitation", Say: "work.exploitation.info", Urgent: true, Choices: []NodeChoice{
			{ID: "book", Do: doBook}, {ID: "menu", Goto: "menu"},
		}},
	}}
	want := `flowchart TD
  menu["menu<br/>menu.prompt"]
  work["work<br/>work.intro"]
  work_exploitation["⚠ work_exploitation<br/>work.exploitation.info"]
  menu -->|work| work
  work -->|exploitation| work_exploitation
  work -->|person| do_handoff
  work_exploitation -->|book| do_book
  work_exploitation -->|menu| menu
  do_book(["book"])
  do_handoff(["handoff"])
  classDef urgent stroke:#c00,stroke-width:3px
  class work_exploitation urgent
`
	if got := f.Mermaid(); got != want {
		t.Errorf("Mermaid() =\n%s\nwant\n%s", got, want)
	}
}

// TestMermaidCoreFlow draws the real flow: every node and every choice
// appears once.
func TestMermaidCoreFlow(t *testing.T) {
	e := newEngine(t)
	got := e.flow.Mermaid()
	if !strings.HasPrefix(got, "flowchart TD\n  menu[") {
		t.Errorf("diagram does not start with the start node:\n%.200s", got)
	}
	arrows := 0
	for name, n := range e.flow.Nodes {
		if !strings.Contains(got, "\n  "+name+"[") {
			t.Errorf("node %s not drawn", name)
		}
		arrows += len(n.Choices)
	}
	if c := strings.Count(got, " -->|"); c != arrows {
		t.Errorf("%d arrows, want %d", c, arrows)
	}
	if !strings.Contains(got, "class work_exploitation urgent") {
		t.Error("urgent node not marked")
	}
}

func TestMermaidEscapes(t *testing.T) {
	f := &Flow{Start: "end", Nodes: map[string]*Node{
		"end": {Say: `say "this"`, Urgent: true, Choices: []NodeChoice{{ID: "a", Goto: "end"}}},
	}}
	got := f.Mermaid()
	for _, want := range []string{`node_end["⚠ end<br/>say #quot;this#quot;"]`, "node_end -->|a| node_end", "class node_end urgent"} {
		if !strings.Contains(got, want) {
			t.Errorf("diagram lacks %s:\n%s", want, got)
		}
	}
}
