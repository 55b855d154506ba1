package console_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"frontdoor/console"
	"frontdoor/console/consoletest"
	"frontdoor/internal/browsertest"
	"frontdoor/locales"
)

// sameEverywhere are the words the console's own pages show alike in
// every language: names of people, channels and the program, and the
// languages' own names. The audit log's actions are named in the
// operator's language (their ids stay in data-action).
func sameEverywhere(t *testing.T, cat *locales.Catalog) []string {
	t.Helper()
	words := []string{"root", "ana", "olga", "Frontdoor", "WhatsApp", "Telegram"}
	for _, l := range cat.Languages() {
		words = append(words, strings.Fields(l.Native)...)
	}
	return words
}

func catalogue(t *testing.T) *locales.Catalog {
	t.Helper()
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestOperatorsPageSpeaksEveryLanguage: the operators page, with a
// refusal on it, has no word of its own left in English in any language
// of the console: headings, labels, buttons, roles, areas, capacity
// (with its plural form), messages.
func TestOperatorsPageSpeaksEveryLanguage(t *testing.T) {
	d := newDesk(t)
	cat := catalogue(t)
	ctx := context.Background()
	root, err := d.acc.Get(ctx, "root")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := d.signedIn(t, "root")
	page := func(lang string) string {
		t.Helper()
		root.Lang = lang
		if err := d.acc.Save(ctx, root, ""); err != nil {
			t.Fatal(err)
		}
		// A refused form shows the page with its message.
		code, _, body := b.Post(console.OperatorsPath+"/save", map[string][]string{"csrf": {consoletest.FormToken(t, b.MustGet(console.OperatorsPath))},
			"name": {"nobody"}, "languages": {"it"}, "capacity": {"2"}})
		if code != http.StatusBadRequest {
			t.Fatalf("%s: refused form = %d", lang, code)
		}
		return body
	}
	english := page("en")
	for _, want := range []string{"No operator called nobody.", "Audit log", "campaigns (outreach)", "Work", "up to 2 open cases at once",
		`<td data-action="sign-in">signed in</td>`} {
		if !strings.Contains(english, want) {
			t.Fatalf("the English page lacks %q", want)
		}
	}
	data := sameEverywhere(t, cat)
	for _, l := range cat.Languages() {
		if l.Tag == "en" {
			continue
		}
		t.Run(l.Tag, func(t *testing.T) {
			got := page(l.Tag)
			words := data
			if l.Tag == "it" {
				words = append(words, "Agenda") // Italian too
			}
			if left := consoletest.EnglishLeft(english, got, words...); len(left) > 0 {
				t.Errorf("still in English: %q", left)
			}
			if action := `<td data-action="sign-in">` + htmlEscape(cat.Text(l.Tag, "console.audit.action.sign-in", nil)) + "</td>"; !strings.Contains(got, action) {
				t.Errorf("the audit log lacks %q", action)
			}
			for _, want := range []string{
				cat.Text(l.Tag, "console.operators.error.no_such", map[string]any{"Name": "nobody"}),
				cat.Text(l.Tag, "console.operators.capacity", map[string]any{"Count": 2}),
				cat.Text(l.Tag, "area.work", nil),
			} {
				if !strings.Contains(got, htmlEscape(want)) {
					t.Errorf("the page lacks %q", want)
				}
			}
		})
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

// TestSignInWaitInEveryLanguage: a sign-in refused after too many wrong
// passwords says how long to wait in the browser's language, with the
// language's plural form of the minutes, and nothing of it in English.
func TestSignInWaitInEveryLanguage(t *testing.T) {
	d := newDesk(t)
	cat := catalogue(t)
	b := consoletest.New(t, d.base)
	for range 5 {
		b.SignIn("ana", "guess-guess")
	}
	refused := func(lang string) string {
		t.Helper()
		code, body := b.Lang(lang).SignIn("ana", "password-ana")
		if code != http.StatusTooManyRequests {
			t.Fatalf("%s: the sixth try = %d, want refused", lang, code)
		}
		return body
	}
	english := refused("en")
	if !strings.Contains(english, "Try again in 15 minutes") {
		t.Fatalf("the English refusal does not say the wait in minutes:\n%s", english)
	}
	for _, l := range cat.Languages() {
		t.Run(l.Tag, func(t *testing.T) {
			got := refused(l.Tag)
			if left := consoletest.EnglishLeft(english, got, sameEverywhere(t, cat)...); l.Tag != "en" && len(left) > 0 {
				t.Errorf("still in English: %q", left)
			}
			// The wait is 15 minutes, or 14 once the first is over.
			said := false
			for _, n := range []int{15, 14} {
				wait := cat.Text(l.Tag, "console.signin.wait.minutes", map[string]any{"Count": n})
				said = said || strings.Contains(got, htmlEscape(cat.Text(l.Tag, "console.signin.throttled.account", map[string]any{"Time": wait})))
			}
			if !said {
				t.Errorf("the refusal does not say the wait in %s:\n%s", l.Tag, got)
			}
		})
	}
}

// TestOperatorsPageInItalianAndArabic: at phone and desktop size, the
// operators page in Italian and in Arabic (right to left) is whole,
// within the window, free of policy violations, in the operator's
// language and direction, menu included.
func TestOperatorsPageInItalianAndArabic(t *testing.T) {
	browsertest.Skip(t)
	d := newDesk(t)
	cat := catalogue(t)
	ctx := context.Background()
	root, err := d.acc.Get(ctx, "root")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"it", "ar"} {
		root.Lang = lang
		if err := d.acc.Save(ctx, root, ""); err != nil {
			t.Fatal(err)
		}
		for _, size := range browsertest.Sizes() {
			t.Run(lang+"/"+size.Name, func(t *testing.T) {
				bctx := browsertest.New(t)
				if err := chromedp.Do(bctx, browsertest.RecordCSP(), size.Emulate(), browsertest.SignIn(d.base, "root", "password-root"),
					chromedp.Navigate(d.base+console.OperatorsPath), chromedp.WaitVisible(chromedp.ID("add"))); err != nil {
					t.Fatal(err)
				}
				browsertest.MustBeWhole(t, bctx, "the operators page in "+lang)
				dir, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.documentElement.lang + " " + document.documentElement.dir`))
				want := lang + " " + map[string]string{"it": "ltr", "ar": "rtl"}[lang]
				if err != nil || dir != want {
					t.Fatalf("html lang and dir = %q (%v), want %q", dir, err, want)
				}
				for sel, id := range map[string]string{
					`nav.menu a[aria-current="page"]`: "console.nav.operators",
					`#add-h`:                          "console.operators.add_heading",
					`#add-save`:                       "console.operators.add",
					`#audit-h`:                        "console.operators.audit",
				} {
					got, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
					if want := cat.Text(lang, id, nil); err != nil || strings.TrimSpace(got) != want {
						t.Errorf("%s = %q (%v), want %q", sel, got, err, want)
					}
				}
			})
		}
	}
}

// TestAuditDetailsInOperatorsLanguage: the audit log's details are put
// into words in the operator's language, as each package writes them:
// an account's settings (the operators page's own, through its form), a
// transfer to an operator or back to the queue, a close's outcome, the
// language of canned replies, a text published and a recording uploaded
// (texts). Nothing of them is left in English in any language.
func TestAuditDetailsInOperatorsLanguage(t *testing.T) {
	d := newDesk(t)
	cat := catalogue(t)
	ctx := context.Background()
	b, page := d.signedIn(t, "root")
	if code, _, _ := b.Post(console.OperatorsPath+"/save", map[string][]string{"csrf": {consoletest.FormToken(t, page)},
		"name": {"ana"}, "languages": {"it", "ar"}, "areas": {"work"}, "roles": {console.RoleOutreach}, "capacity": {"4"}}); code != http.StatusSeeOther {
		t.Fatalf("editing ana = %d", code)
	}
	for _, e := range []console.AuditEntry{
		{Action: "transfer", Case: "c1", Detail: "to olga"},
		{Action: "transfer", Case: "c2", Detail: "to queue"},
		{Action: "close", Case: "c1", Detail: "referred"},
		{Action: "canned", Detail: "ar"},
		{Action: "text-publish", Detail: "it menu.prompt v3"},
		{Action: "text-draft", Detail: "it menu.prompt"},
		{Action: "voice-upload", Detail: "ti menu.prompt 0123456789ab 12 KiB"},
	} {
		if err := d.acc.Record(ctx, "root", e.Action, e.Case, e.Detail); err != nil {
			t.Fatal(err)
		}
	}
	root, err := d.acc.Get(ctx, "root")
	if err != nil {
		t.Fatal(err)
	}
	audit := regexp.MustCompile(`(?s)<section aria-labelledby="audit-h".*</section>`)
	shown := func(lang string) string {
		t.Helper()
		root.Lang = lang
		if err := d.acc.Save(ctx, root, ""); err != nil {
			t.Fatal(err)
		}
		return audit.FindString(b.MustGet(console.OperatorsPath))
	}
	english := shown("en")
	for _, want := range []string{"ana: Italiano, العربية · Work · up to 4 open cases at once · campaigns (outreach)", "to olga", "back to the queue",
		"referred", "Italiano · menu.prompt · version 3", "draft saved", "ትግርኛ · menu.prompt · 0123456789ab · 12 KB"} {
		if !strings.Contains(english, htmlEscape(want)) {
			t.Fatalf("the English audit log lacks %q:\n%s", want, english)
		}
	}
	data := append(sameEverywhere(t, cat), "menu.prompt", "menu", "prompt", "olga", "c1", "c2", "ab",
		"KB") // the unit, as several catalogues write it
	for _, l := range cat.Languages() {
		if l.Tag == "en" {
			continue
		}
		t.Run(l.Tag, func(t *testing.T) {
			got := shown(l.Tag)
			if left := consoletest.EnglishLeft(english, got, data...); len(left) > 0 {
				t.Errorf("still in English: %q", left)
			}
			for _, want := range []string{
				cat.Text(l.Tag, "console.operators.capacity", map[string]any{"Count": 4}),
				cat.Text(l.Tag, "area.work", nil),
				cat.Text(l.Tag, "console.audit.detail.to", map[string]any{"Name": "olga"}),
				cat.Text(l.Tag, "console.case.to_queue", nil),
				cat.Text(l.Tag, "console.outcome.referred", nil),
				cat.Text(l.Tag, "console.audit.detail.version", map[string]any{"N": 3}),
				cat.Text(l.Tag, "console.editor.action.draft", nil),
				cat.Text(l.Tag, "console.case.size", map[string]any{"KB": 12}),
			} {
				if !strings.Contains(got, htmlEscape(want)) {
					t.Errorf("the audit log lacks %q", want)
				}
			}
		})
	}
}
