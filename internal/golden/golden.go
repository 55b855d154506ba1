// Package golden compares a test's output with a file in testdata, the way
// every conversation test of Frontdoor does (golden transcripts).
package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// Check compares got with testdata/<name>.golden, or writes it there when
// update is set (the package's -update flag); rerun names the command that
// rewrites it, for the failure message.
func Check(t testing.TB, name, got string, update bool, rerun string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (%s writes it)", err, rerun)
	}
	if got != string(want) {
		t.Errorf("transcript %s changed (%s rewrites it after review):\n--- got\n%s\n--- want\n%s", name, rerun, got, want)
	}
}
