package locales

import (
	"strings"
	"testing"
	"testing/fstest"
)

const safetyMessages = "[\"urgent.short\"]\nother = \"Опасность? {{.Emergency}}\"\n\n[\"language.unavailable\"]\nother = \"Нет языка\"\n"

func safetyFS(extra map[string]*fstest.MapFile) fstest.MapFS {
	fsys := fstest.MapFS{
		"it.toml": catFile("Italiano", false, "[\"urgent.short\"]\nother = \"Pericolo? {{.Emergency}}\"\n\n[\"language.unavailable\"]\nother = \"No\"\n"),
		"en.toml": catFile("English", false, "[\"urgent.short\"]\nother = \"Danger? {{.Emergency}}\"\n\n[\"language.unavailable\"]\nother = \"No\"\n"),
	}
	for k, v := range extra {
		fsys[k] = v
	}
	return fsys
}

// A language without a catalogue can have a safety net: the lines a person
// in danger must read, and nothing else.
func TestSafetyNet(t *testing.T) {
	c, err := LoadFS(safetyFS(map[string]*fstest.MapFile{
		"safety/ru.toml": catFile("Русский", false, safetyMessages),
		"safety/ps.toml": catFile("پښتو", true, strings.ReplaceAll(safetyMessages, "Опасность?", "خطر؟")),
	}))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang, want string
		rtl, ok    bool
	}{
		{"ru", "Опасность? 112", false, true},
		{"ps", "خطر؟ 112", true, true},
		{"en", "Danger? 112", false, true},
		{"ti", "", false, false},
	} {
		got, rtl, ok := c.SafetyText(tt.lang, "urgent.short", map[string]any{"Emergency": "112"})
		if got != tt.want || rtl != tt.rtl || ok != tt.ok {
			t.Errorf("SafetyText(%s) = %q %v %v, want %q %v %v", tt.lang, got, rtl, ok, tt.want, tt.rtl, tt.ok)
		}
	}
	if c.Supported("ru") || len(c.Languages()) != 2 {
		t.Errorf("a safety net is not a supported language: %v", c.Languages())
	}
	if got := c.SafetyLanguages(); len(got) != 2 || got[0].Tag != "ps" || got[1].Tag != "ru" {
		t.Errorf("SafetyLanguages = %v", got)
	}
}

func TestSafetyNetFailsClearly(t *testing.T) {
	for _, tt := range []struct {
		name string
		file *fstest.MapFile
		want string
	}{
		{"missing message", catFile("Русский", false, "[\"urgent.short\"]\nother = \"{{.Emergency}}\"\n"), `"language.unavailable" is missing`},
		{"other message", catFile("Русский", false, safetyMessages+"\n[\"menu.prompt\"]\nother = \"Меню\"\n"), "not a safety message"},
		{"bad template", catFile("Русский", false, strings.Replace(safetyMessages, "{{.Emergency}}", "{{.Emergency", 1)), "urgent.short"},
	} {
		_, err := LoadFS(safetyFS(map[string]*fstest.MapFile{"safety/ru.toml": tt.file}))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "ru.toml") {
			t.Errorf("%s: error %v, want one naming ru.toml and %q", tt.name, err, tt.want)
		}
	}
	_, err := LoadFS(safetyFS(map[string]*fstest.MapFile{"safety/en.toml": catFile("English", false, safetyMessages)}))
	if err == nil || !strings.Contains(err.Error(), "full catalogue") {
		t.Errorf("a safety net for a supported language: error %v", err)
	}
}
