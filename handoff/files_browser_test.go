package handoff_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"frontdoor/handoff"
	"frontdoor/internal/browsertest"
)

// TestCaseFileInBrowser: on a phone and on a desktop, the operator picks a
// photo on the case page and sends it: it is queued for the person and
// shows in the transcript, where the browser loads it; a file of another
// type is refused with a message on the page, and nothing is sent. The
// page stays whole with the file form.
func TestCaseFileInBrowser(t *testing.T) {
	browsertest.Skip(t)
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 12, 9))
	img.Set(3, 3, color.RGBA{0, 90, 200, 255})
	var pic bytes.Buffer
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(dir, "modulo.png")
	fake := filepath.Join(dir, "foto.jpg")
	if err := os.WriteFile(photo, pic.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fake, []byte("not a picture at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, size := range browsertest.Sizes() {
		t.Run(size.Name, func(t *testing.T) {
			f := newService(t, handoff.Config{})
			ctx := context.Background()
			addOperator(t, f.svc, "amina", []string{"it"}, []string{"*"}, 3)
			cs := open(t, f.svc, "9"+string(rune('0'+i)), "it", "legal", false)
			if err := f.svc.Claim(ctx, "amina", cs.ID); err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(f.svc.Handler())
			t.Cleanup(srv.Close)
			bctx := browsertest.New(t)
			do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(bctx, actions...); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
			}
			do("open the case", browsertest.RecordCSP(), size.Emulate(), browsertest.SignIn(srv.URL, "amina", "password-amina"),
				chromedp.Navigate(srv.URL+"/console/cases/"+cs.ID), chromedp.WaitVisible(chromedp.ID("file-form")))
			browsertest.MustBeWhole(t, bctx, "the case with the file form")

			do("a file that is not a photo",
				chromedp.SetUploadFiles(chromedp.ID("file"), []string{fake}),
				chromedp.Click(chromedp.ID("send-file")),
				chromedp.WaitVisible(chromedp.CSS(".flash")))
			flash, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(".flash")))
			if want := f.cat.Text("en", "console.error.file_type", nil); err != nil || flash != want {
				t.Fatalf("refusal %q (%v), want %q", flash, err, want)
			}
			if n := len(f.sent.to(cs.Contact)); n != 1 { // the "assigned" notice
				t.Fatalf("%d messages sent after a refused file", n)
			}

			do("send the photo",
				chromedp.SetUploadFiles(chromedp.ID("file"), []string{photo}),
				chromedp.SendKeys(chromedp.ID("file-text"), "Compila questo modulo."),
				chromedp.Click(chromedp.ID("send-file")),
				chromedp.WaitVisible(chromedp.CSS(".transcript .media img")))
			loaded, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`new Promise(ok => {
				const i = document.querySelector('.transcript .media img');
				const done = () => ok(i.naturalWidth === 12 && i.naturalHeight === 9);
				if (i.complete) done(); else { i.onload = done; i.onerror = () => ok(false); }
			})`, chromedp.EvalAwaitPromise))
			if err != nil || !loaded {
				t.Fatalf("the photo in the transcript did not load (%v)", err)
			}
			browsertest.MustBeWhole(t, bctx, "the case with the photo sent")
			browsertest.Screenshot(t, bctx, "case-file-"+size.Name)
			sent := f.sent.to(cs.Contact)
			if last := sent[len(sent)-1]; last.File == nil || last.File.Type != "image/png" || last.File.Name != "modulo.png" {
				t.Fatalf("sent %+v", last)
			}
		})
	}
}
