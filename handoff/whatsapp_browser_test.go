package handoff_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"frontdoor/internal/browsertest"
)

// TestWhatsAppPageAtEachSize: on a phone and on a desktop an admin opens
// the WhatsApp page from the menu, asks for a code, sees the QR code come
// without reloading (the page polls under the console's CSP), then sees
// the phone linked; the page is whole and within the window at each step.
func TestWhatsAppPageAtEachSize(t *testing.T) {
	browsertest.Skip(t)
	_, fl, srv := newLinking(t)
	for _, size := range browsertest.Sizes() {
		t.Run(size.Name, func(t *testing.T) {
			bctx := browsertest.New(t)
			do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(bctx, actions...); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
			}
			do("the WhatsApp page from the menu", browsertest.RecordCSP(), size.Emulate(),
				browsertest.SignIn(srv.URL, "ada", "password-ada"),
				chromedp.Click(chromedp.CSS(`nav.menu a[href="/console/whatsapp"]`)),
				chromedp.WaitVisible(chromedp.ID("link")))
			browsertest.MustBeWhole(t, bctx, "the WhatsApp page")
			current, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`nav.menu a[aria-current="page"]`)))
			if err != nil || current != "WhatsApp" {
				t.Fatalf("current menu entry %q (%v)", current, err)
			}
			do("ask for a code", chromedp.Click(chromedp.ID("link")), chromedp.WaitVisible(chromedp.ID("wa-state")))
			fl.codes <- "2@" + size.Name + "-code,abc"
			do("the QR code comes", chromedp.WaitVisible(chromedp.CSS("#wa-qr svg")))
			browsertest.MustBeWhole(t, bctx, "the WhatsApp page with its code")
			fl.done <- nil
			do("the phone is linked", chromedp.WaitVisible(chromedp.ID("wa-linked")))
		})
	}
}
