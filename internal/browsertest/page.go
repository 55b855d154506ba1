package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Phone and Desktop are the two screen sizes every page is tried at.
var (
	Phone   = Size{Name: "phone", Width: 390, Height: 844}
	Desktop = Size{Name: "desktop", Width: 1280, Height: 900}
)

// Size is a browser window size.
type Size struct {
	Name          string
	Width, Height int64
}

// Sizes are the sizes, for table tests.
func Sizes() []Size { return []Size{Phone, Desktop} }

// Emulate sets the window to the size.
func (s Size) Emulate() chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(s.Width, s.Height)
}

// RecordCSP makes every page opened afterwards record the
// Content-Security-Policy violations it meets, for CSPViolations. Run it
// before the first Navigate. The recorder is added through the DevTools
// protocol, which the policy does not apply to.
func RecordCSP() chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});`,
		})
		return chromedp.Void{}, err
	}
}

// NoFallbackRefresh makes every page opened afterwards leave out the
// timers it sets for 10 s or more (the console's 30 s refresh that stands
// in for a broken event stream), counting them in
// window.__droppedIntervals. A test of a live update can then wait as long
// as a busy machine needs: without the fallback only the event stream can
// make the update show, so a generous wait does not let a broken stream
// pass, and the test needs no bound that a slow run could miss. Shorter
// timers (the WhatsApp page's 2 s poll) run as before. Run it before the
// first Navigate.
func NoFallbackRefresh() chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.__droppedIntervals = 0;
(function () {
  var setInterval = window.setInterval;
  window.setInterval = function (f, ms) {
    if (ms >= 10000) { window.__droppedIntervals++; return 0; }
    return setInterval.apply(window, arguments);
  };
})();`,
		})
		return chromedp.Void{}, err
	}
}

// FallbackRefreshDropped is how many timers NoFallbackRefresh left out on
// the open page: a test that relies on it checks that the page's refresh
// was among them (a page that set it some other way would make the live
// test pass on the refresh again).
func FallbackRefreshDropped() chromedp.Action[int] {
	return chromedp.Evaluate[int](`window.__droppedIntervals || 0`)
}

// PageCheck is what a console page must be, whatever it shows.
type PageCheck struct {
	// Violations are the policy violations met (RecordCSP).
	Violations []string `json:"violations"`
	// Styled: the console's stylesheet applies (its font is not the
	// browser's default serif).
	Styled bool `json:"styled"`
	// Whole: the page reached its end (a template that fails half-way
	// leaves no footer).
	Whole bool `json:"whole"`
	// Overflow is how many pixels the page is wider than the window.
	Overflow int `json:"overflow"`
}

// CheckPage reads PageCheck from the open page, once it has loaded with
// its stylesheet.
func CheckPage() chromedp.Action[PageCheck] {
	return chromedp.Poll[PageCheck](`document.readyState === "complete" && ({
  violations: window.__cspViolations || ["RecordCSP not run"],
  styled: document.styleSheets.length > 0 && getComputedStyle(document.body).fontFamily.indexOf("system-ui") >= 0,
  whole: !!document.querySelector("footer.foot"),
  overflow: Math.max(0, document.documentElement.scrollWidth - window.innerWidth)
})`, chromedp.WithPollingTimeout(Timeout/2))
}

// Problems lists what is wrong with the page, if anything.
func (c PageCheck) Problems() []string {
	var out []string
	for _, v := range c.Violations {
		out = append(out, "blocked by the Content-Security-Policy: "+v)
	}
	if !c.Styled {
		out = append(out, "the console's stylesheet does not apply")
	}
	if !c.Whole {
		out = append(out, "the page stops before its footer")
	}
	if c.Overflow > 0 {
		out = append(out, fmt.Sprintf("the page is %d px wider than the window", c.Overflow))
	}
	return out
}

// ScreenshotsEnv names the directory where Screenshot saves pictures of
// the pages for the README; unset, Screenshot does nothing.
const ScreenshotsEnv = "FRONTDOOR_SCREENSHOTS"

// Screenshot saves the visible window as <name>.png in the directory
// named by ScreenshotsEnv, when it is set:
//
//	FRONTDOOR_SCREENSHOTS=$PWD/docs/screenshots scripts/test ./handoff ./broadcast -run AtEachSize\|WalkThrough
func Screenshot(t testing.TB, bctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv(ScreenshotsEnv)
	if dir == "" {
		return
	}
	png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
}

// SignIn signs in to the console at base through its form and waits for
// the queue.
func SignIn(base, user, password string) chromedp.Action[chromedp.Void] {
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(base + "/console/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), user),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("signin")),
		chromedp.WaitVisible(chromedp.ID("next")),
	}
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		for _, s := range steps {
			if _, err := s(ctx, t); err != nil {
				return chromedp.Void{}, fmt.Errorf("signing in as %s: %w", user, err)
			}
		}
		return chromedp.Void{}, nil
	}
}

// MustBeWhole fails the test when the open page has Problems.
func MustBeWhole(t testing.TB, bctx context.Context, what string) {
	t.Helper()
	c, err := chromedp.Run(bctx, CheckPage())
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if p := c.Problems(); len(p) > 0 {
		t.Fatalf("%s: %s", what, strings.Join(p, "; "))
	}
}
