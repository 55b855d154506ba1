package flows

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"frontdoor/flows/triage"
	"frontdoor/locales"
)

// kindClassifier reads every message as urgent of one kind, so that each
// kind's answer can be checked in every language whatever the lexicons.
type kindClassifier struct{ kind, detected string }

func (k kindClassifier) Classify(string) triage.Result {
	return triage.Result{Urgent: k.kind, Detected: k.detected}
}

// Each urgent kind gets, in every language, its own first message, the
// lines configured for it and no other, and the case is marked with it.
func TestUrgentKindsGiveTheirLines(t *testing.T) {
	base := newEngine(t)
	help := ItalyUrgentHelp()
	now := time.Date(2026, 12, 5, 22, 0, 0, 0, time.UTC)
	for _, kind := range triage.Kinds() {
		e := NewWithFlow(base.flow, base.cat, Options{Classifier: kindClassifier{kind: kind}})
		for _, l := range e.cat.Languages() {
			_, actions := e.Step(State{Lang: l.Tag}, Input{Text: "…"}, now)
			checkRendered(t, e, actions)
			if len(actions) != 2 {
				t.Fatalf("%s %s: %d actions, want the case and one message: %#v", kind, l.Tag, len(actions), actions)
			}
			h, _ := actions[0].(Handoff)
			if !h.Urgent || h.Kind != kind || string(h.Reason) != "urgent_"+kind || h.Text != "…" {
				t.Errorf("%s %s: case %+v", kind, l.Tag, h)
			}
			say, _ := actions[1].(Say)
			if !strings.HasPrefix(say.Text, e.cat.Text(l.Tag, "urgent."+kind, nil)) || !strings.HasSuffix(say.Text, e.cat.Text(l.Tag, "urgent.kept", nil)) {
				t.Errorf("%s %s: message %q", kind, l.Tag, say.Text)
			}
			var mine []string
			for _, line := range help.Lines[kind] {
				mine = append(mine, line.Number)
				if !strings.Contains(say.Text, line.Number) || !strings.Contains(say.Text, e.cat.Text(l.Tag, "urgent.line."+line.ID, nil)) {
					t.Errorf("%s %s: line %s missing: %q", kind, l.Tag, line.ID, say.Text)
				}
			}
			for _, n := range []string{"1522", "114", "118", "800 290 290", "02 2327 2327"} {
				if !slices.Contains(mine, n) && strings.Contains(say.Text, n) {
					t.Errorf("%s %s: number %s of another kind: %q", kind, l.Tag, n, say.Text)
				}
			}
			if say.RTL != l.RTL {
				t.Errorf("%s %s: rtl %v", kind, l.Tag, say.RTL)
			}
		}
	}
}

// Someone whose language Frontdoor does not speak gets the emergency line
// in theirs (a safety net) and in the widely read ones, and a case that
// names their language.
func TestUrgentInUnknownLanguage(t *testing.T) {
	base := newEngine(t)
	// The embedded safety nets go as their languages get catalogues: this
	// one, Yiddish, stays unspoken.
	fsys := fstest.MapFS{
		"safety/yi.toml": {Data: []byte("[_meta]\nnative = \"ייִדיש\"\nrtl = true\n\n" +
			"[\"urgent.short\"]\nother = \"אויב איר זענט אין סכּנה, רופֿט \\u2066{{.Emergency}}\\u2069 (אומזיסט). א מענטש וועט אײַך דאָ שרײַבן.\"\n\n" +
			"[\"language.unavailable\"]\nother = \"איך רעד נאָך נישט אײַער שפּראַך. קלויבט אויס א שפּראַך, אָדער בעט א מענטש.\"\n")},
	}
	files, err := filepath.Glob(filepath.Join("..", "locales", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("catalogue files: %v %v", files, err)
	}
	for _, f := range files {
		buf, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[filepath.Base(f)] = &fstest.MapFile{Data: buf}
	}
	cat, err := locales.LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		detected string
		want     []string // languages whose line must be there
	}{
		{"yi", []string{"yi", "en", "fr", "ar", "it"}},
		{"", []string{"en", "fr", "ar", "it"}},
	} {
		e := NewWithFlow(base.flow, cat, Options{Classifier: kindClassifier{kind: "violence", detected: tt.detected}})
		st, actions := e.Step(State{}, Input{Text: "…"}, time.Now())
		if st.Lang != "" {
			t.Errorf("%q: language %q chosen for the person", tt.detected, st.Lang)
		}
		h, _ := actions[0].(Handoff)
		if !h.Urgent || h.Lang != "" || h.Detected != tt.detected || h.Kind != "violence" {
			t.Errorf("%q: case %+v", tt.detected, h)
		}
		say, _ := actions[1].(Say)
		for _, l := range tt.want {
			line, _, ok := e.cat.SafetyText(l, "urgent.short", map[string]any{"Emergency": "112"})
			if !ok || !strings.Contains(say.Text, line) {
				t.Errorf("%q: no %s line in %q", tt.detected, l, say.Text)
			}
		}
		if !strings.Contains(say.Text, "1522") {
			t.Errorf("%q: the kind's lines are missing: %q", tt.detected, say.Text)
		}
	}
}

// The help configured per deployment is checked: every kind has a line,
// numbers are numbers, lines have names, languages are spoken.
func TestUrgentHelpValidate(t *testing.T) {
	e := newEngine(t)
	has := func(lang, id string) bool { return e.cat.Text(lang, id, nil) != id }
	if errs := ItalyUrgentHelp().Validate(has, e.cat.Supported); len(errs) > 0 {
		t.Fatalf("the default help is invalid: %v", errs)
	}
	for _, tt := range []struct {
		name string
		edit func(*UrgentHelp)
		want string
	}{
		{"kind without lines", func(h *UrgentHelp) { delete(h.Lines, "child") }, "urgent.kinds.child: no line"},
		{"bad number", func(h *UrgentHelp) { h.Lines["suicide"] = []HelpLine{{"crisis", "call us"}} }, `urgent.kinds.suicide[0]: "call us" is not a phone number`},
		{"line without name", func(h *UrgentHelp) { h.Lines["medical"] = []HelpLine{{"guardia_medica", "800 123 456"}} }, "add the message urgent.line.guardia_medica"},
		{"unknown kind", func(h *UrgentHelp) { h.Lines["fire"] = []HelpLine{{"emergency", "112"}} }, "urgent.kinds.fire: unknown kind"},
		{"unspoken language", func(h *UrgentHelp) { h.Languages = []string{"en", "xx"} }, `urgent.languages: "xx"`},
		{"bad emergency", func(h *UrgentHelp) { h.Emergency = "" }, "urgent.emergency"},
	} {
		h := ItalyUrgentHelp()
		tt.edit(&h)
		errs := h.Validate(has, e.cat.Supported)
		if !slices.ContainsFunc(errs, func(err error) bool { return strings.Contains(err.Error(), tt.want) }) {
			t.Errorf("%s: errors %v, want one with %q", tt.name, errs, tt.want)
		}
	}
}

// A message long enough to tell something, in a script with or without
// spaces between words; a greeting or a key held down is not.
func TestSentence(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Saya perlu bantuan untuk izin tinggal", true},
		{"助けて！友達が倒れて息してない、意識がない", true},
		{"ช่วยด้วยเพื่อนหนูหมดสติไม่หายใจ", true},
		// Tibetan marks syllables, not words: one "word" of many letters.
		{"ང་ལ་རོགས་རམ་དགོས། ངའི་གྲོགས་པོ་བདེ་པོ་མི་འདུག", true},
		{"hello there", false},
		{"სალამი", false},
		{strings.Repeat("я", 40), false},
		{"你好", false},
		{strings.Repeat("a", 3000), false},
	} {
		if got := sentence(tt.text); got != tt.want {
			t.Errorf("sentence(%.20q) = %t, want %t", tt.text, got, tt.want)
		}
	}
}
