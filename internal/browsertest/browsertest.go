// Package browsertest starts a headless Chromium for the tests of the web
// pages, the same way in every package: the flags this machine's closed
// network needs, a fresh profile per test, a bound on the whole test.
package browsertest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path is where Debian's chromium package installs the browser (.ci/run
// installs it; scripts/test says how).
const Path = "/usr/bin/chromium"

// Timeout bounds one browser test. It only stops a test that is broken
// (every step waits on a condition), so it is generous: at a load average
// of 20 on two cores under -race, a test that passes in 8 s took over 60 s
// (the earlier bound) once.
const Timeout = 3 * time.Minute

// Skip skips the test when no Chromium is installed.
func Skip(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(Path); err != nil {
		t.Skipf("no Chromium at %s (apt-get install chromium)", Path)
	}
}

// New starts a headless Chromium for the test (skipping it when there is
// none) and returns a chromedp context bound by Timeout; everything stops
// when the test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	Skip(t)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(Path), chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		// Without these, Chromium's own connections are refused by the
		// closed network, many at a time.
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()))
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	bctx, cancel := context.WithTimeout(bctx, Timeout)
	t.Cleanup(func() {
		cancel()
		cancelBrowser()
		cancelAlloc()
	})
	return bctx
}
