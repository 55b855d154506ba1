package locales

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeOverrides(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadWithOverridesReplacesTexts(t *testing.T) {
	dir := writeOverrides(t, map[string]string{
		"desk.it.toml": `["menu.prompt"]
other = "Ciao! Di cosa hai bisogno?"

["consent.text"]
one = "Conserviamo i dati per {{.Days}} giorno. Va bene?"
many = "Conserviamo i dati per {{.Days}} di giorni. Va bene?"
other = "Conserviamo i dati per {{.Days}} giorni. Va bene?"
`,
		"desk.ar.toml": "[\"choice.person\"]\nother = \"تكلم مع موظف\"\n",
		"desk.en.toml": "[\"input.too_long\"]\none = \"At most {{.Count}} letter, please.\"\nother = \"At most {{.Count}} letters, please.\"\n",
		"README.md":    "not a catalogue",
	})
	c, err := LoadWithOverrides(dir)
	if err != nil {
		t.Fatal(err)
	}
	base := mustLoad(t)
	tests := []struct {
		lang, id string
		data     map[string]any
		want     string
	}{
		{"it", "menu.prompt", nil, "Ciao! Di cosa hai bisogno?"},
		{"it", "consent.text", map[string]any{"Days": 30}, "Conserviamo i dati per 30 giorni. Va bene?"},
		{"it", "consent.text", map[string]any{"Days": 1}, "Conserviamo i dati per 1 giorno. Va bene?"},
		{"ar", "choice.person", nil, "تكلم مع موظف"},
		{"en", "input.too_long", map[string]any{"Count": 1}, "At most 1 letter, please."},
		{"en", "input.too_long", map[string]any{"Count": 9}, "At most 9 letters, please."},
		// Untouched: other messages, and the same message in other languages.
		{"it", "choice.menu", nil, base.Text("it", "choice.menu", nil)},
		{"fr", "menu.prompt", nil, base.Text("fr", "menu.prompt", nil)},
	}
	for _, tt := range tests {
		if got := c.Text(tt.lang, tt.id, tt.data); got != tt.want {
			t.Errorf("Text(%s, %s) = %q, want %q", tt.lang, tt.id, got, tt.want)
		}
	}
	for _, err := range c.Check() {
		t.Error(err)
	}
	// The embedded catalogue is not changed by another catalogue's overrides.
	if got := mustLoad(t).Text("it", "menu.prompt", nil); got == "Ciao! Di cosa hai bisogno?" {
		t.Error("override leaked into a fresh Load")
	}
}

func TestLoadWithOverridesEmptyDir(t *testing.T) {
	c, err := LoadWithOverrides(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Text("it", "menu.prompt", nil), mustLoad(t).Text("it", "menu.prompt", nil); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLoadWithOverridesRejects(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"unknown id", map[string]string{"desk.it.toml": "[\"no.such.id\"]\nother = \"x\"\n"},
			[]string{"desk.it.toml", "no.such.id", "no such message id"}},
		{"unknown language", map[string]string{"desk.de.toml": "[\"menu.prompt\"]\nother = \"Wobei?\"\n"},
			[]string{"desk.de.toml", `language "de"`}},
		{"no language in name", map[string]string{"desk.toml": "[\"menu.prompt\"]\nother = \"x\"\n"},
			[]string{"desk.toml", "not named"}},
		{"variable dropped", map[string]string{"desk.it.toml": "[\"consent.text\"]\nother = \"Va bene?\"\n"},
			[]string{"desk.it.toml", "consent.text", "does not use {{.Days}}"}},
		{"unknown variable", map[string]string{"desk.fr.toml": "[\"menu.prompt\"]\nother = \"Bonjour {{.Name}}\"\n"},
			[]string{"desk.fr.toml", "menu.prompt", "uses {{.Name}}"}},
		{"broken template", map[string]string{"desk.es.toml": "[\"consent.text\"]\nother = \"{{.Days\"\n"},
			[]string{"desk.es.toml", "consent.text"}},
		{"plural form missing", map[string]string{"desk.uk.toml": "[\"input.too_long\"]\nother = \"Не більше {{.Count}}\"\n"},
			[]string{"desk.uk.toml", "input.too_long", "plural form"}},
		// {{.Days}} is a count: "31 днів" would be wrong Ukrainian.
		{"count variable without plural forms", map[string]string{"desk.uk.toml": "[\"privacy.text\"]\nother = \"Видаляємо через {{.Days}} днів. /delete\"\n"},
			[]string{"desk.uk.toml", "privacy.text", `plural form "one" missing`, `plural form "few" missing`}},
		{"latin without isolate in arabic", map[string]string{"desk.ar.toml": "[\"choice.person\"]\nother = \"اكتب /person\"\n"},
			[]string{"desk.ar.toml", "choice.person", "isolate"}},
		{"english variable changed", map[string]string{"desk.en.toml": "[\"consent.text\"]\nother = \"Kept {{.Weeks}} weeks\"\n"},
			[]string{"desk.en.toml", "consent.text", "{{.Days}}"}},
		{"same text twice", map[string]string{
			"a.it.toml": "[\"menu.prompt\"]\nother = \"Uno\"\n",
			"b.it.toml": "[\"menu.prompt\"]\nother = \"Due\"\n",
		}, []string{"b.it.toml", "menu.prompt", "already overridden in a.it.toml"}},
		{"not toml", map[string]string{"desk.it.toml": "this is = = not toml"},
			[]string{"desk.it.toml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadWithOverrides(writeOverrides(t, tt.files))
			if err == nil {
				t.Fatal("loaded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not mention %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestLoadWithOverridesMissingDir(t *testing.T) {
	if _, err := LoadWithOverrides(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("a missing override directory loaded")
	}
}
