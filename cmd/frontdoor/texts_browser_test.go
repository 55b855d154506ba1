package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"frontdoor/console"
	"frontdoor/internal/browsertest"
	desktexts "frontdoor/texts"
)

// browserStep bounds one wait of the walk-through: two busy cores under
// -race.
const browserStep = 20 * time.Second

// TestTextEditorInBrowser is the desk's editor at work in a real Chromium,
// on a whole Frontdoor, at phone size in Italian and at desktop size in
// Arabic: a person chats in the browser chat while an editor finds the
// menu question by its text, saves a draft, tries it in the preview (in
// the language's direction), publishes it, and the person's next menu
// says it. A broken template is refused and never published.
func TestTextEditorInBrowser(t *testing.T) {
	browsertest.Skip(t)
	r := startFrontdoor(t, nil)
	ctx := context.Background()
	acc := console.NewAccounts(r.app.db.Client, r.app.keys, console.AccountOptions{Languages: []string{"it", "ar"}, PasswordCost: 4})
	if err := acc.Save(ctx, console.Account{Name: "eva", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleEditor}}, "password-eva"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		size  browsertest.Size
		lang  string
		draft string
	}{
		{browsertest.Phone, "it", "Bozza: di che cosa hai bisogno oggi?"},
		{browsertest.Desktop, "ar", "مسودة: بماذا نساعدك اليوم؟"},
	} {
		t.Run(tc.size.Name, func(t *testing.T) {
			published := r.cat.Text(tc.lang, "menu.prompt", nil)
			dir := "ltr"
			if l, _ := r.cat.Language(tc.lang); l.RTL {
				dir = "rtl"
			}
			bctx := browsertest.New(t)
			do := steps(t, bctx)
			do("sign in", browsertest.RecordCSP(), tc.size.Emulate(), browsertest.SignIn(r.base, "eva", "password-eva"))
			// The person, in a tab of their own (of the browser just
			// started): consent, then the menu.
			chat, cancel := chromedp.NewContext(bctx)
			defer cancel()
			chatDo := steps(t, chat)
			chatDo("open the browser chat", tc.size.Emulate(), chromedp.Navigate(r.base+"/?start=lang_"+tc.lang))
			pollJS(t, chat, "the consent question", `document.querySelectorAll("#log .choices button").length >= 2`)
			chatDo("agree", chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll("#log .choices button")].find(b => b.textContent === `+
				strconv.Quote(r.cat.Text(tc.lang, "consent.yes", nil))+`).click()`))
			pollJS(t, chat, "the menu as shipped", lastBotSays(published))
			// The browser chat keeps the emergency line under the menu,
			// in the bubble's direction.
			bubbleDir := "auto"
			if dir == "rtl" {
				bubbleDir = "rtl"
			}
			pollJS(t, chat, "the emergency line under the menu", `(function(){ var m = document.querySelectorAll("#log .msg.bot"); var b = m[m.length-1]; return b.dir === "`+
				bubbleDir+`" && b.textContent.endsWith(`+strconv.Quote(emergencyLine(dir == "rtl"))+`); })()`)

			do("open the texts from the menu", chromedp.Click(chromedp.CSS(`nav.menu a[href="/console/texts/"]`)), chromedp.WaitVisible(chromedp.ID("q")))
			browsertest.MustBeWhole(t, bctx, "the texts page")
			do("find the menu question by its text",
				chromedp.SetValue(chromedp.ID("q"), string([]rune(published)[:12])), chromedp.SetValue(chromedp.ID("lang"), tc.lang),
				chromedp.Click(chromedp.ID("search")), chromedp.WaitVisible(chromedp.ID("results")),
				chromedp.Click(chromedp.CSS(`#results li[data-lang="`+tc.lang+`"][data-id="menu.prompt"] a`)), chromedp.WaitVisible(chromedp.ID("form_other")))
			pollJS(t, bctx, "the text box in the language's direction", `document.getElementById("form_other").dir === "`+dir+`"`)
			browsertest.MustBeWhole(t, bctx, "the editor")
			browsertest.Screenshot(t, bctx, "texts-editor-"+tc.size.Name)
			do("write a draft", chromedp.SetValue(chromedp.ID("form_other"), tc.draft), chromedp.Click(chromedp.ID("save-draft")))
			pollJS(t, bctx, "the draft saved", `document.getElementById("flash") && document.getElementById("form_other").value === `+strconv.Quote(tc.draft))

			do("preview it", chromedp.Click(chromedp.ID("preview")), chromedp.WaitVisible(chromedp.ID("chat")))
			do("agree in the preview", chromedp.Click(chromedp.CSS(`#choices button[value="consent.yes"]`)))
			pollJS(t, bctx, "the draft in the preview, in the language's direction", `document.querySelector(".phone").dir === "`+dir+
				`" && [...document.querySelectorAll("#chat .bubble.bot")].some(b => b.textContent.indexOf(`+strconv.Quote(tc.draft)+`) >= 0)`)
			browsertest.MustBeWhole(t, bctx, "the preview")
			browsertest.Screenshot(t, bctx, "texts-preview-"+tc.size.Name)

			// Not published yet: the person still reads the shipped text.
			chatDo("ask for the menu", chromedp.SendKeys(chromedp.ID("text"), "/menu"), chromedp.Click(chromedp.ID("send")))
			pollJS(t, chat, "the menu again, as shipped", `document.querySelectorAll("#log .msg.bot").length >= 3 && (`+lastBotSays(published)+`)`)

			do("publish", chromedp.Navigate(r.base+"/console/texts/edit?lang="+tc.lang+"&id=menu.prompt"), chromedp.WaitVisible(chromedp.ID("publish")),
				chromedp.Click(chromedp.ID("publish")))
			pollJS(t, bctx, "published", `document.getElementById("flash") && document.querySelector("#history li[data-version]") !== null`)

			chatDo("ask for the menu once more", chromedp.SendKeys(chromedp.ID("text"), "/menu"), chromedp.Click(chromedp.ID("send")))
			pollJS(t, chat, "the published text in the live conversation", lastBotSays(tc.draft))

			do("publish a broken template", chromedp.SetValue(chromedp.ID("form_other"), "{{.Nope}} "+tc.draft), chromedp.Click(chromedp.ID("publish")))
			pollJS(t, bctx, "the problems listed", `document.getElementById("problems") !== null && document.getElementById("problems").textContent.indexOf("{{.Nope}}") >= 0`)
			browsertest.MustBeWhole(t, bctx, "the refused text")
			chatDo("ask for the menu after the refusal", chromedp.SendKeys(chromedp.ID("text"), "/menu"), chromedp.Click(chromedp.ID("send")))
			pollJS(t, chat, "the menu still as published", `document.querySelectorAll("#log .msg.bot").length >= 5 && (`+lastBotSays(tc.draft)+`)`)
			_, live, err := desktexts.NewStore(r.app.db.Client, r.app.keys, r.cat, nil).Published(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, txt := range live {
				if strings.Contains(txt.Other, "{{.Nope}}") {
					t.Errorf("a broken template was published: %+v", txt)
				}
			}
		})
	}
}

// steps runs chromedp actions, failing the test with what was being done.
func steps(t *testing.T, bctx context.Context) func(string, ...chromedp.Action[chromedp.Void]) {
	return func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
}

// pollJS waits until cond holds on the page, polling from Go: a form's
// answer is a new page, and a navigation ends any wait inside the old one.
func pollJS(t *testing.T, bctx context.Context, what, cond string) {
	t.Helper()
	js := `(function(){ try { return document.readyState === "complete" && !!(` + cond + `); } catch (e) { return false; } })()`
	for deadline := time.Now().Add(browserStep); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(bctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
	}
	t.Fatalf("%s: not within %s", what, browserStep)
}

// lastBotSays is a condition: the browser chat's last answer starts with
// text.
func lastBotSays(text string) string {
	return `(function(){ var m = document.querySelectorAll("#log .msg.bot"); return m.length > 0 && m[m.length-1].textContent.indexOf(` +
		strconv.Quote(text) + `) === 0; })()`
}
