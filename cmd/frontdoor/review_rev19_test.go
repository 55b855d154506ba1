package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdoor/store/storetest"
)

// Review rev19: the operators command knows the languages serve does (the
// catalogue's), not the ten handoff.NewQueueConfig's accounts fall back
// to: an operator who speaks Farsi or Pashto is added from the console
// that serve builds, and must be from the command line too.
func TestRev19OperatorsCommandKnowsServesLanguages(t *testing.T) {
	_, keys := storetest.Redis(t)
	cfgPath := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfgPath, []byte("redis:\n  prefix: \""+keys.Prefix()+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := storetest.Env()
	var out, errOut bytes.Buffer
	err := operatorsCommand(context.Background(), []string{"add", "farid", "--languages", "fa,ps", "--config", cfgPath},
		strings.NewReader("password-farid\n"), &out, &errOut, func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("add an operator speaking fa, ps (catalogue languages): %v", err)
	}
}
