package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLocalesExportImport: the export of a draft catalogue, filled by a
// translator, goes back into the file; a translation that breaks a check
// is refused, naming the file and the key, and nothing is written.
func TestLocalesExportImport(t *testing.T) {
	dir := t.TempDir()
	names, err := filepath.Glob("../../locales/*.toml")
	if err != nil || len(names) == 0 {
		t.Fatalf("catalogues: %v %v", names, err)
	}
	for _, n := range names {
		buf, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(n)), buf, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	csvFile := filepath.Join(t.TempDir(), "translate.es.csv")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"locales", "export", "--lang", "es", "--dir", dir, "--out", csvFile}, &out, &errOut, func(string) string { return "" }); code != 0 {
		t.Fatalf("export: %d %s %s", code, out.String(), errOut.String())
	}
	exported, err := os.ReadFile(csvFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(exported), "privacy.text,other,unreviewed,") {
		t.Fatalf("export lacks privacy.text:\n%.500s", exported)
	}
	before, err := os.ReadFile(filepath.Join(dir, "es.toml"))
	if err != nil {
		t.Fatal(err)
	}

	// A translation without {{.Days}} in any of its plural forms is
	// refused (one form alone may say "un día" without the number).
	lines := strings.Split(string(exported), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "consent.person,") {
			lines[i] = strings.ReplaceAll(l, "{{.Days}}", "muchos")
		}
	}
	broken := strings.Join(lines, "\n")
	if broken == string(exported) {
		t.Fatal("the Spanish consent.person has no {{.Days}}")
	}
	if err := os.WriteFile(csvFile, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run(context.Background(), []string{"locales", "import", "--dir", dir, "--by", "translator, Spanish", csvFile}, &out, &errOut, func(string) string { return "" }); code == 0 {
		t.Fatal("a broken translation was imported")
	}
	if !strings.Contains(out.String(), "es.toml: consent.person: does not use {{.Days}}") {
		t.Errorf("import's problems = %q, want the file and the key", out.String())
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "es.toml")); !bytes.Equal(after, before) {
		t.Error("es.toml changed although the import was refused")
	}

	// The export as it is, reviewed: every message gets its hash and the
	// catalogue is marked reviewed.
	if err := os.WriteFile(csvFile, exported, 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run(context.Background(), []string{"locales", "import", "--dir", dir, "--by", "translator, Spanish", csvFile}, &out, &errOut, func(string) string { return "" }); code != 0 {
		t.Fatalf("import: %d %s %s", code, out.String(), errOut.String())
	}
	after, err := os.ReadFile(filepath.Join(dir, "es.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(after), "reviewed = true") || !strings.Contains(string(after), `reviewed_by = "translator, Spanish"`) || !strings.Contains(string(after), `hash = "sha1-`) {
		t.Errorf("es.toml after import:\n%.800s", after)
	}
	out.Reset()
	run(context.Background(), []string{"locales", "export", "--lang", "es", "--dir", dir, "--out", "-"}, &out, &errOut, func(string) string { return "" })
	if lines := strings.Count(out.String(), "\n"); lines != 1 {
		t.Errorf("after the review, the export has %d lines, want the header only:\n%s", lines, out.String())
	}
}
