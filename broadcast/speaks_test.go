package broadcast_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"frontdoor/broadcast"
	"frontdoor/console/consoletest"
	"frontdoor/internal/browsertest"
	"frontdoor/locales"
)

// sameEverywhere are words the campaigns page shows alike in every
// language: names, ids, the channels' and languages' own names.
func sameEverywhere(cat *locales.Catalog, more ...string) []string {
	words := append([]string{"olga", "Frontdoor", "WhatsApp", "Telegram", "avviso", "UTC"}, more...)
	for _, l := range cat.Languages() {
		words = append(words, strings.Fields(l.Native)...)
	}
	return words
}

// TestCampaignsPageSpeaksEveryLanguage: the campaigns page with a
// campaign open, a message after a form, and the progress line the page
// polls have no word of their own left in English in any language of the
// console; the progress line uses the language's plural forms.
func TestCampaignsPageSpeaksEveryLanguage(t *testing.T) {
	c := newCampaignsConsole(t)
	c.f.subscribe(t, tg(1), "ar", "permits")
	if err := c.f.svc.Create(context.Background(), broadcast.Campaign{ID: "avviso", Texts: map[string]string{"it": "Avviso", "ar": "إشعار"},
		Fallback: "it", Segment: broadcast.Segment{Topic: "permits"}}); err != nil {
		t.Fatal(err)
	}
	cat := shared.Catalog(t)
	b := consoletest.New(t, c.base)
	b.MustSignIn("olga", "password-olga")
	page := func(lang string) (string, string) {
		t.Helper()
		b := b.Lang(lang)
		_, html := b.Get("/console/campaigns/?id=avviso&m=done&a=pause")
		_, body := b.Get("/console/campaigns/progress?id=avviso")
		var p struct {
			Line string `json:"line"`
		}
		if err := json.Unmarshal([]byte(body), &p); err != nil || p.Line == "" {
			t.Fatalf("%s: progress = %q (%v)", lang, body, err)
		}
		return html, p.Line
	}
	english, englishLine := page("en")
	for _, want := range []string{"Campaign avviso", "Recipients:", "Done: pause.", "Topic:", "0/0 messages sent (0%)"} {
		if !strings.Contains(english+englishLine, want) {
			t.Fatalf("the English page lacks %q:\n%s\n%s", want, englishLine, english)
		}
	}
	for _, l := range cat.Languages() {
		if l.Tag == "en" {
			continue
		}
		got, line := page(l.Tag)
		words := sameEverywhere(cat)
		if l.Tag == "it" {
			words = append(words, "Agenda")
		}
		if left := consoletest.EnglishLeft(english+"<p>"+englishLine+"</p>", got+"<p>"+line+"</p>", words...); len(left) > 0 {
			t.Errorf("%s: still in English: %q", l.Tag, left)
		}
		if want := cat.Text(l.Tag, "console.campaigns.line.sent", map[string]any{"Done": 0, "Count": 0, "Percent": 0}); !strings.HasPrefix(line, want) {
			t.Errorf("%s: progress %q does not start with %q", l.Tag, line, want)
		}
	}
}

// TestCampaignsPageInItalianAndArabic: at phone and desktop size, the
// campaigns page in Italian and in Arabic is whole, within the window,
// free of policy violations, in the operator's language and direction,
// and its script shows the progress line the server words in that
// language.
func TestCampaignsPageInItalianAndArabic(t *testing.T) {
	browsertest.Skip(t)
	c := newCampaignsConsole(t)
	c.f.subscribe(t, tg(1), "ar", "permits")
	if err := c.f.svc.Create(context.Background(), broadcast.Campaign{ID: "avviso", Texts: map[string]string{"it": "Avviso", "ar": "إشعار"},
		Fallback: "skip", Segment: broadcast.Segment{Topic: "permits"}}); err != nil {
		t.Fatal(err)
	}
	cat := shared.Catalog(t)
	ctx := context.Background()
	olga, err := c.desk.Accounts().Get(ctx, "olga")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"it", "ar"} {
		olga.Lang = lang
		if err := c.desk.Accounts().Save(ctx, olga, ""); err != nil {
			t.Fatal(err)
		}
		for _, size := range browsertest.Sizes() {
			t.Run(lang+"/"+size.Name, func(t *testing.T) {
				bctx := c.browser(t, size)
				if err := chromedp.Do(bctx, chromedp.Navigate(c.base+"/console/campaigns/?id=avviso"), chromedp.WaitVisible(chromedp.ID("do-send"))); err != nil {
					t.Fatal(err)
				}
				browsertest.MustBeWhole(t, bctx, "the campaign page in "+lang)
				dir, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.documentElement.lang + " " + document.documentElement.dir`))
				if want := lang + " " + map[string]string{"it": "ltr", "ar": "rtl"}[lang]; err != nil || dir != want {
					t.Fatalf("html lang and dir = %q (%v), want %q", dir, err, want)
				}
				if got, want := text(t, bctx, `nav.menu a[aria-current="page"]`), cat.Text(lang, "console.nav.campaigns", nil); got != want {
					t.Errorf("menu entry %q, want %q", got, want)
				}
				if got, want := text(t, bctx, "#topic"), cat.Text(lang, "news.topic.permits", nil); got != want {
					t.Errorf("topic %q, want %q", got, want)
				}
				// The script replaced the line with the one it polled: the
				// same words, from the server.
				want := cat.Text(lang, "console.campaigns.line.sent", map[string]any{"Done": 0, "Count": 0, "Percent": 0})
				if _, err := chromedp.Run(bctx, chromedp.Poll[chromedp.Void](
					`document.getElementById("progress").textContent.indexOf(`+jsString(want)+`) == 0 && document.getElementById("unreachable").hidden`,
					chromedp.WithPollingTimeout(liveStep), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
					t.Fatalf("the progress line does not start with %q: %v (shows %q)", want, err, text(t, bctx, "#progress"))
				}
			})
		}
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
