package handoff_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"frontdoor/handoff"
	"frontdoor/internal/browsertest"
)

// TestConsolePagesAtEachSize: on a phone and on a desktop, every page of
// the case console (sign-in, queue, case, operators, canned replies) is
// on the console's layout, styled, whole, within the window, with nothing
// blocked by the Content-Security-Policy, and its menu entry is marked.
func TestConsolePagesAtEachSize(t *testing.T) {
	browsertest.Skip(t)
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	if err := f.svc.Queue().SaveOperator(ctx, handoff.Operator{Name: "root", Languages: []string{"*"}, Areas: []string{"*"}, Capacity: 3, Admin: true}, "password-root"); err != nil {
		t.Fatal(err)
	}
	urgent := open(t, f.svc, "81", "ar", "health", true)
	open(t, f.svc, "82", "uk", "legal", false)
	if err := f.svc.Queue().Append(ctx, urgent.ID, handoff.Entry{By: "person", Text: "أحتاج مساعدة الآن، زوجي يضربني"}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(f.svc.Handler())
	t.Cleanup(srv.Close)

	for _, size := range browsertest.Sizes() {
		t.Run(size.Name, func(t *testing.T) {
			bctx := browsertest.New(t)
			check := func(what, menu string) {
				t.Helper()
				browsertest.MustBeWhole(t, bctx, what)
				if menu == "" {
					return
				}
				current, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`nav.menu a[aria-current="page"]`)))
				if err != nil || current != menu {
					t.Fatalf("%s: current menu entry %q (%v), want %q", what, current, err, menu)
				}
			}
			do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(bctx, actions...); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
			}
			do("the sign-in page", browsertest.RecordCSP(), size.Emulate(),
				chromedp.Navigate(srv.URL+"/console/login"), chromedp.WaitVisible(chromedp.ID("username")))
			check("the sign-in page", "")
			do("sign in",
				chromedp.SendKeys(chromedp.ID("username"), "root"),
				chromedp.SendKeys(chromedp.ID("password"), "password-root"),
				chromedp.Click(chromedp.ID("signin")),
				// The live list replaces the one first rendered once its
				// stream opens: wait for that, so the click finds its node.
				chromedp.WaitVisible(chromedp.CSS(`main[data-refreshed] li[data-case="`+urgent.ID+`"]`)))
			check("the queue", "Cases")
			browsertest.Screenshot(t, bctx, "queue-"+size.Name)
			do("open the urgent case", chromedp.Click(chromedp.CSS(`li[data-case="`+urgent.ID+`"] a`)),
				chromedp.WaitVisible(chromedp.CSS(".transcript")))
			check("the case", "Cases")
			browsertest.Screenshot(t, bctx, "case-"+size.Name)
			do("the operators' page from the menu", chromedp.Click(chromedp.CSS(`nav.menu a[href="/console/operators"]`)),
				chromedp.WaitVisible(chromedp.ID("add")))
			check("the operators' page", "Operators")
			do("the canned replies' editor", chromedp.Navigate(srv.URL+"/console/canned?lang=ar"),
				chromedp.WaitVisible(chromedp.ID("canned-form")))
			check("the canned replies' editor", "")
		})
	}
}
