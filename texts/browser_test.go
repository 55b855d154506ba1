package texts

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"frontdoor/internal/browsertest"
)

// browserStep bounds one wait for the page, generously: two busy cores
// under -race.
const browserStep = 20 * time.Second

// The recordings on a message's page, in Chromium at a phone's and a
// desktop's size: an editor uploads a real OGG/Opus file through the page's
// script (the path its recorder uses too), the page shows a player that
// loads the audio (the browser reads its length), and a WebM file is
// refused with the reason, on the page, nothing stored. The recorder
// itself cannot be driven headless (no microphone), so only its upload is
// tried here.
func TestVoiceUploadInBrowser(t *testing.T) {
	browsertest.Skip(t)
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "hello.ogg"), filepath.Join(dir, "hello.webm")
	if err := os.WriteFile(good, oggOpus(2*time.Second), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01 not really webm"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, size := range browsertest.Sizes() {
		t.Run(size.Name, func(t *testing.T) {
			d := newDesk(t)
			bctx := browsertest.New(t)
			do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(bctx, actions...); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
			}
			do("sign in", browsertest.RecordCSP(), size.Emulate(), browsertest.SignIn(d.url, "eva", "password-eva"))
			do("open the message", chromedp.Navigate(d.url+editPath("wo", "menu.prompt")), chromedp.WaitVisible(chromedp.ID("voice-file")))
			browsertest.MustBeWhole(t, bctx, "the message's page")
			do("upload a WebM file", chromedp.SetUploadFiles(chromedp.ID("voice-file"), []string{bad}), chromedp.Click(chromedp.ID("voice-upload")),
				chromedp.WaitVisible(chromedp.CSS(`#voice-status.error`)))
			msg, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID("voice-status")))
			if err != nil || msg != d.cat.Text("en", "console.editor.voice.format", nil) {
				t.Errorf("a WebM upload says %q (%v)", msg, err)
			}
			if _, ok, _ := d.store.VoiceOf(context.Background(), "wo", "menu.prompt"); ok {
				t.Fatal("a refused file was kept")
			}
			do("upload an OGG/Opus file", chromedp.SetUploadFiles(chromedp.ID("voice-file"), []string{good}), chromedp.Click(chromedp.ID("voice-upload")),
				chromedp.WaitVisible(chromedp.ID("voice-player")))
			length, err := chromedp.Run(bctx, chromedp.Poll[float64](`(function () {
  var a = document.getElementById("voice-player");
  return a && a.readyState >= 1 && isFinite(a.duration) && a.duration > 0 ? a.duration : 0;
})()`, chromedp.WithPollingTimeout(browserStep)))
			if err != nil || length < 1.9 || length > 2.1 {
				t.Errorf("the player reads %.2f s of a 2 s recording (%v)", length, err)
			}
			browsertest.MustBeWhole(t, bctx, "the page with its recording")
			browsertest.Screenshot(t, bctx, "texts-voice-"+size.Name)
			if v, ok, err := d.store.VoiceOf(context.Background(), "wo", "menu.prompt"); !ok || err != nil || v.By != "eva" || v.Type != "audio/ogg" {
				t.Errorf("stored: %+v %v %v", v, ok, err)
			}
		})
	}
}
