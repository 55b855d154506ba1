package handoff_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"frontdoor/console/consoletest"
	"frontdoor/handoff"
	"frontdoor/internal/browsertest"
	"frontdoor/locales"
)

// sameEverywhere are words a page shows alike in every language: names
// of people, channels and the program, the languages' own names, and the
// WhatsApp channel's status, which is the WhatsApp library's own.
func sameEverywhere(cat *locales.Catalog, more ...string) []string {
	words := append([]string{"ada", "Frontdoor", "WhatsApp", "Telegram", "not", "linked"}, more...)
	for _, l := range cat.Languages() {
		words = append(words, strings.Fields(l.Native)...)
	}
	return words
}

// italianToo are the words of the menu that Italian shares with English.
func italianToo(lang string) []string {
	if lang == "it" {
		return []string{"Agenda"}
	}
	return nil
}

func setLang(t *testing.T, svc *handoff.Service, name, lang string) {
	t.Helper()
	ctx := context.Background()
	op, err := svc.Queue().Operator(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	op.Lang = lang
	if err := svc.Queue().SaveOperator(ctx, op, ""); err != nil {
		t.Fatal(err)
	}
}

// TestWhatsAppPageSpeaksEveryLanguage: the WhatsApp page and its live
// status, before and during linking, have no word of their own left in
// English in any language of the console.
func TestWhatsAppPageSpeaksEveryLanguage(t *testing.T) {
	svc, fl, srv := newLinking(t)
	cat := shared.Catalog(t)
	ada := consoletest.New(t, srv.URL)
	ada.MustSignIn("ada", "password-ada")
	pages := func(lang string) string {
		t.Helper()
		setLang(t, svc, "ada", lang)
		// The channel's status (wa-channel) is named from its code too;
		// the library's own words stay in data-status, not shown.
		return ada.MustGet("/console/whatsapp") + ada.MustGet("/console/whatsapp/status")
	}
	check := func(when string) {
		t.Helper()
		english := pages("en")
		for _, l := range cat.Languages() {
			if l.Tag == "en" {
				continue
			}
			if left := consoletest.EnglishLeft(english, pages(l.Tag), sameEverywhere(cat, italianToo(l.Tag)...)...); len(left) > 0 {
				t.Errorf("%s, %s: still in English: %q", when, l.Tag, left)
			}
		}
	}
	check("before linking")
	setLang(t, svc, "ada", "en")
	page := ada.MustGet("/console/whatsapp")
	if code, _, _ := ada.Post("/console/whatsapp/link", map[string][]string{"csrf": {consoletest.FormToken(t, page)}}); code != 303 {
		t.Fatalf("link = %d", code)
	}
	fl.codes <- "2@code,abc"
	waitFor(t, "the code", func() bool { return svgRe.MatchString(ada.MustGet("/console/whatsapp/status")) })
	check("with a code to scan")
	fl.done <- nil
	waitFor(t, "linked", func() bool { return strings.Contains(ada.MustGet("/console/whatsapp/status"), `id="wa-linked"`) })
	check("linked")
}

// TestExportSpeaksEveryLanguage: a case's export is in the operator's
// language, with the subject, the reason, the status and who wrote each
// line in words: nothing of its own left in English.
func TestExportSpeaksEveryLanguage(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	if err := f.svc.Queue().SaveOperator(ctx, handoff.Operator{Name: "ada", Languages: []string{"*"}, Areas: []string{"*"}, Capacity: 3, Admin: true}, "password-ada"); err != nil {
		t.Fatal(err)
	}
	cs := open(t, f.svc, "81", "ar", "health", false)
	for _, e := range []handoff.Entry{
		{By: "person", Text: "أحتاج طبيبًا"},
		{By: "person", Text: "the person deleted this message", Deleted: true},
		{By: "operator", Operator: "ada", Text: "OK", Sent: []string{"9"}, Unsent: handoff.UnsendDone},
	} {
		if err := f.svc.Queue().Append(ctx, cs.ID, e); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(f.svc.Handler())
	t.Cleanup(srv.Close)
	cat := f.cat
	ada := consoletest.New(t, srv.URL)
	ada.MustSignIn("ada", "password-ada")
	export := func(lang string) string {
		t.Helper()
		setLang(t, f.svc, "ada", lang)
		return ada.MustGet("/console/cases/" + cs.ID + "/export")
	}
	english := export("en")
	for _, want := range []string{"Case " + cs.ID, "Subject: Health", "Why: asked for a person", "Status: waiting", "person: أحتاج طبيبًا", "person: Deleted by the person", "OK — Deleted from the person's phone"} {
		if !strings.Contains(english, want) {
			t.Fatalf("the English export lacks %q:\n%s", want, english)
		}
	}
	lines := func(s string) string { return strings.ReplaceAll(s, "\n", "<br>") }
	for _, l := range cat.Languages() {
		if l.Tag == "en" {
			continue
		}
		got := export(l.Tag)
		if left := consoletest.EnglishLeft(lines(english), lines(got), sameEverywhere(cat, append(italianToo(l.Tag), cs.ID)...)...); len(left) > 0 {
			t.Errorf("%s: still in English: %q", l.Tag, left)
		}
		if !strings.Contains(got, cat.Text(l.Tag, "console.case.subject", nil)+": "+cat.Text(l.Tag, "area.health", nil)) {
			t.Errorf("%s: the subject is not in words:\n%s", l.Tag, got)
		}
	}
}

// TestWhatsAppPageInItalianAndArabic: at phone and desktop size, the
// WhatsApp page in Italian and in Arabic is whole, within the window,
// free of policy violations, in the operator's language and direction.
func TestWhatsAppPageInItalianAndArabic(t *testing.T) {
	browsertest.Skip(t)
	svc, _, srv := newLinking(t)
	cat := shared.Catalog(t)
	for _, lang := range []string{"it", "ar"} {
		setLang(t, svc, "ada", lang)
		for _, size := range browsertest.Sizes() {
			t.Run(lang+"/"+size.Name, func(t *testing.T) {
				bctx := browsertest.New(t)
				if err := chromedp.Do(bctx, browsertest.RecordCSP(), size.Emulate(), browsertest.SignIn(srv.URL, "ada", "password-ada"),
					chromedp.Navigate(srv.URL+"/console/whatsapp"), chromedp.WaitVisible(chromedp.ID("link"))); err != nil {
					t.Fatal(err)
				}
				browsertest.MustBeWhole(t, bctx, "the WhatsApp page in "+lang)
				dir, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.documentElement.lang + " " + document.documentElement.dir`))
				if want := lang + " " + map[string]string{"it": "ltr", "ar": "rtl"}[lang]; err != nil || dir != want {
					t.Fatalf("html lang and dir = %q (%v), want %q", dir, err, want)
				}
				// The page polls the linking's state every 2 s and
				// replaces #wa-state and #wa-channel each time: one script
				// reads every text, so that a node found is the node read.
				texts, err := chromedp.Run(bctx, chromedp.Evaluate[map[string]string](`Object.fromEntries([
					'nav.menu a[aria-current="page"]', 'main h1', '#link', '#wa-state', '#wa-channel',
				].map(sel => [sel, document.querySelector(sel)?.textContent.trim() ?? "(none)"]))`))
				if err != nil {
					t.Fatal(err)
				}
				for sel, id := range map[string]string{
					`nav.menu a[aria-current="page"]`: "console.nav.whatsapp",
					`main h1`:                         "console.whatsapp.title",
					`#link`:                           "console.whatsapp.show_code",
					`#wa-state`:                       "console.whatsapp.state.idle",
					`#wa-channel`:                     "console.whatsapp.channel.not_linked",
				} {
					if want := cat.Text(lang, id, nil); texts[sel] != want {
						t.Errorf("%s = %q, want %q", sel, texts[sel], want)
					}
				}
			})
		}
	}
}

// TestUrgentAlertWordsInOperatorsLanguage: the queue page gives its
// script the urgent alerts' words in the operator's language, the counted
// ones in every plural form of the language with the place of the count.
func TestUrgentAlertWordsInOperatorsLanguage(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	if err := f.svc.Queue().SaveOperator(ctx, handoff.Operator{Name: "ada", Languages: []string{"*"}, Areas: []string{"*"}, Capacity: 3, Lang: "ru"}, "password-ada"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(f.svc.Handler())
	t.Cleanup(srv.Close)
	ada := consoletest.New(t, srv.URL)
	ada.MustSignIn("ada", "password-ada")
	m := regexp.MustCompile(`id="alerts" data-texts="([^"]*)"`).FindStringSubmatch(ada.MustGet("/console/"))
	if m == nil {
		t.Fatal("the alert button carries no words")
	}
	var words struct {
		Lang    string            `json:"lang"`
		Urgent  string            `json:"urgent"`
		Body    string            `json:"body"`
		NewOne  string            `json:"newOne"`
		NewMany map[string]string `json:"newMany"`
		Title   map[string]string `json:"title"`
		On      string            `json:"on"`
	}
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &words); err != nil {
		t.Fatal(err)
	}
	cat := f.cat
	if words.Lang != "ru" || words.Urgent != cat.Text("ru", "console.queue.urgent", nil) || words.On != cat.Text("ru", "console.alerts.on", nil) ||
		!strings.Contains(words.Body, "{lang}") || !strings.Contains(words.NewOne, "{what}") {
		t.Fatalf("words = %+v", words)
	}
	for _, forms := range []map[string]string{words.NewMany, words.Title} {
		for _, form := range []string{"one", "few", "many", "other"} {
			if !strings.Contains(forms[form], "{count}") {
				t.Errorf("form %q = %q, want the place of the count", form, forms[form])
			}
		}
	}
	if words.NewMany["one"] != "{count} новое срочное дело" || words.NewMany["many"] != "{count} новых срочных дел" {
		t.Errorf("new urgent cases in Russian = %q", words.NewMany)
	}
}
