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
// on a whole Frontdoor: at phone size, a person chats in the browser
// chat while an editor changes the Italian menu question, saves a draft,
// tries it in the preview, publishes it, and the person's next menu says
// it; at desktop size, a broken template is refused and never published.
func TestTextEditorInBrowser(t *testing.T) {
	browsertest.Skip(t)
	r := startFrontdoor(t, nil)
	ctx := context.Background()
	acc := console.NewAccounts(r.app.db.Client, r.app.keys, console.AccountOptions{Languages: []string{"it", "ar"}, PasswordCost: 4})
	if err := acc.Save(ctx, console.Account{Name: "eva", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleEditor}}, "password-eva"); err != nil {
		t.Fatal(err)
	}
	published := r.cat.Text("it", "menu.prompt", nil)
	const draft = "Bozza: di che cosa hai bisogno oggi?"

	t.Run("phone", func(t *testing.T) {
		bctx := browsertest.New(t)
		do := steps(t, bctx)
		do("sign in", browsertest.RecordCSP(), browsertest.Phone.Emulate(), browsertest.SignIn(r.base, "eva", "password-eva"))
		// The person, in a tab of their own (of the browser just started):
		// consent, then the menu.
		chat, cancel := chromedp.NewContext(bctx)
		defer cancel()
		chatDo := steps(t, chat)
		chatDo("open the browser chat in Italian", browsertest.Phone.Emulate(), chromedp.Navigate(r.base+"/?start=lang_it"))
		pollJS(t, chat, "the consent question", `document.querySelectorAll("#log .choices button").length >= 2`)
		chatDo("agree", chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll("#log .choices button")].find(b => b.textContent === `+
			strconv.Quote(r.cat.Text("it", "consent.yes", nil))+`).click()`))
		pollJS(t, chat, "the menu as shipped", lastBotSays(published))

		do("open the texts from the menu", chromedp.Click(chromedp.CSS(`nav.menu a[href="/console/texts/"]`)), chromedp.WaitVisible(chromedp.ID("q")))
		browsertest.MustBeWhole(t, bctx, "the texts page on a phone")
		do("find the menu question by its Italian text",
			chromedp.SetValue(chromedp.ID("q"), strings.ToLower(published[:20])), chromedp.SetValue(chromedp.ID("lang"), "it"),
			chromedp.Click(chromedp.ID("search")), chromedp.WaitVisible(chromedp.ID("results")),
			chromedp.Click(chromedp.CSS(`#results li[data-lang="it"][data-id="menu.prompt"] a`)), chromedp.WaitVisible(chromedp.ID("form_other")))
		browsertest.MustBeWhole(t, bctx, "the editor on a phone")
		do("write a draft", chromedp.SetValue(chromedp.ID("form_other"), draft), chromedp.Click(chromedp.ID("save-draft")))
		pollJS(t, bctx, "the draft saved", `document.getElementById("flash") && document.getElementById("form_other").value === `+strconv.Quote(draft))

		do("preview it", chromedp.Click(chromedp.ID("preview")), chromedp.WaitVisible(chromedp.ID("chat")))
		do("agree in the preview", chromedp.Click(chromedp.CSS(`#choices button[value="consent.yes"]`)))
		pollJS(t, bctx, "the draft in the preview", `[...document.querySelectorAll("#chat .bubble.bot")].some(b => b.textContent.indexOf(`+strconv.Quote(draft)+`) >= 0)`)
		browsertest.MustBeWhole(t, bctx, "the preview on a phone")
		browsertest.Screenshot(t, bctx, "texts-preview-phone")

		// Not published yet: the person still reads the shipped text.
		chatDo("ask for the menu", chromedp.SendKeys(chromedp.ID("text"), "/menu"), chromedp.Click(chromedp.ID("send")))
		pollJS(t, chat, "the menu again, as shipped", `document.querySelectorAll("#log .msg.bot").length >= 3 && (`+lastBotSays(published)+`)`)

		do("publish", chromedp.Navigate(r.base+"/console/texts/edit?lang=it&id=menu.prompt"), chromedp.WaitVisible(chromedp.ID("publish")),
			chromedp.Click(chromedp.ID("publish")))
		pollJS(t, bctx, "published", `document.getElementById("flash") && document.querySelector("#history li[data-version]") !== null`)

		chatDo("ask for the menu once more", chromedp.SendKeys(chromedp.ID("text"), "/menu"), chromedp.Click(chromedp.ID("send")))
		pollJS(t, chat, "the published text in the live conversation", lastBotSays(draft))
	})

	t.Run("desktop", func(t *testing.T) {
		bctx := browsertest.New(t)
		do := steps(t, bctx)
		do("sign in", browsertest.RecordCSP(), browsertest.Desktop.Emulate(), browsertest.SignIn(r.base, "eva", "password-eva"),
			chromedp.Navigate(r.base+"/console/texts/?lang=ar"), chromedp.WaitVisible(chromedp.ID("backlog")))
		browsertest.MustBeWhole(t, bctx, "the texts page on a desktop")
		do("open the Arabic menu question", chromedp.Navigate(r.base+"/console/texts/edit?lang=ar&id=menu.prompt"),
			chromedp.WaitVisible(chromedp.ID("form_other")))
		browsertest.MustBeWhole(t, bctx, "the editor on a desktop")
		browsertest.Screenshot(t, bctx, "texts-editor-desktop")
		do("publish a broken template", chromedp.SetValue(chromedp.ID("form_other"), "اختر {{.Nope}}"), chromedp.Click(chromedp.ID("publish")))
		pollJS(t, bctx, "the problems listed", `document.getElementById("problems") !== null && document.getElementById("problems").textContent.indexOf("{{.Nope}}") >= 0`)
		browsertest.MustBeWhole(t, bctx, "the refused text")
		_, live, err := desktexts.NewStore(r.app.db.Client, r.app.keys, r.cat, nil).Published(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, txt := range live {
			if txt.Lang == "ar" {
				t.Errorf("a broken template was published: %+v", txt)
			}
		}
	})
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
