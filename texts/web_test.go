package texts

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdoor/console"
	"frontdoor/console/consoletest"
	"frontdoor/flows"
	"frontdoor/locales"
	"frontdoor/store/storetest"
)

// sharedEngine is built once for the tests: the preview gives it each
// test's catalogue (WithCatalog), and building it reads every word list.
var sharedEngine = sync.OnceValues(func() (*flows.Engine, error) {
	cat, err := locales.Load()
	if err != nil {
		return nil, err
	}
	return flows.New(cat, flows.Options{})
})

// desk is the texts pages on the console, with an editor (eva) and an
// operator without the role (otto).
type desk struct {
	cat   *locales.Catalog
	store *Store
	acc   *console.Accounts
	url   string
	keys  func() []string
}

func newDesk(t *testing.T) *desk {
	t.Helper()
	return newDeskWith(t, load(t))
}

// newDeskWith is newDesk with the catalogues cat.
func newDeskWith(t *testing.T, cat *locales.Catalog) *desk {
	t.Helper()
	rdb, keys := storetest.Redis(t)
	gate := consoletest.NewGate(t, rdb, keys, cat,
		console.Account{Name: "eva", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleEditor}},
		console.Account{Name: "ugo", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleEditor}},
		console.Account{Name: "otto", Languages: []string{"it"}, Capacity: 1})
	engine, err := sharedEngine()
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC) }
	st := NewStore(rdb, keys, cat, clock)
	ed, err := NewEditor(st, NewSync(st, cat, SyncOptions{}), cat, Options{Engine: engine, Audit: gate.Accounts(), Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/console/login", gate.Handler())
	mux.Handle(console.StaticPath, gate.Handler())
	mux.Handle("GET /console/{$}", consoletest.QueueStandIn(gate))
	mux.Handle(console.TextsPath, ed.Handler(gate.Require))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &desk{cat: cat, store: st, acc: gate.Accounts(), url: srv.URL,
		keys: func() []string { return storetest.KeysWith(t, rdb, keys.Prefix()) }}
}

func (d *desk) editor(t *testing.T) *consoletest.Browser {
	b := consoletest.New(t, d.url)
	b.MustSignIn("eva", "password-eva")
	return b
}

// post sends a form of the page at path (with its form token).
func post(t *testing.T, b *consoletest.Browser, page, path string, form url.Values) (int, string, string) {
	t.Helper()
	_, body := b.Get(page)
	form.Set("csrf", consoletest.FormToken(t, body))
	return b.Post(path, form)
}

func (d *desk) audited(t *testing.T) []string {
	t.Helper()
	es, err := d.acc.Audit(context.Background(), 20)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if strings.HasPrefix(e.Action, "text-") {
			out = append(out, e.Operator+" "+e.Action+" "+e.Detail)
		}
	}
	return out
}

// An editor finds a message, publishes it (people read it at once), tries
// a broken template (refused, with the problem said, nothing changed),
// and publishes the first version again from the history; each change is
// in the audit log, without the text.
func TestEditorPublishRefuseRevert(t *testing.T) {
	d := newDesk(t)
	b := d.editor(t)
	if code, body := b.Get("/console/texts/?q=" + url.QueryEscape("di cosa hai bisogno") + "&lang=it"); code != 200 || !strings.Contains(body, `data-lang="it" data-id="menu.prompt"`) {
		t.Fatalf("search by Italian text: %d\n%s", code, body)
	}
	page := editPath("it", "menu.prompt")
	publish := func(text string) (int, string, string) {
		return post(t, b, page, editPage, url.Values{"lang": {"it"}, "id": {"menu.prompt"}, "do": {"publish"}, "form_other": {text}})
	}
	if code, loc, _ := publish("Scegli un argomento."); code != http.StatusSeeOther || !strings.Contains(loc, "m=published") {
		t.Fatalf("publish: %d %s", code, loc)
	}
	if got := d.cat.Text("it", "menu.prompt", nil); got != "Scegli un argomento." {
		t.Fatalf("people read %q after publishing", got)
	}
	code, _, body := publish("Ciao {{.Nome}}, scegli.")
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "uses {{.Nome}}, which English does not") ||
		!strings.Contains(body, "Ciao {{.Nome}}, scegli.") {
		t.Fatalf("bad template: %d\n%s", code, body)
	}
	if got := d.cat.Text("it", "menu.prompt", nil); got != "Scegli un argomento." {
		t.Fatalf("a refused text reached people: %q", got)
	}
	if code, _, _ := publish("Seconda versione."); code != http.StatusSeeOther {
		t.Fatal(code)
	}
	_, body = b.Get(page)
	if !regexp.MustCompile(`data-version="1">[^<]*<span class="when">v1 · 2026-12-07 10:00 · eva`).MatchString(body) {
		t.Fatalf("history lacks v1:\n%s", body)
	}
	if code, _, _ := post(t, b, page, editPage, url.Values{"lang": {"it"}, "id": {"menu.prompt"}, "do": {"revert"}, "v": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("revert: %d", code)
	}
	if got := d.cat.Text("it", "menu.prompt", nil); got != "Scegli un argomento." {
		t.Errorf("after revert to v1: %q", got)
	}
	want := []string{"eva text-revert it menu.prompt v3", "eva text-publish it menu.prompt v2", "eva text-publish it menu.prompt v1"}
	if got := d.audited(t); !slices.Equal(got, want) {
		t.Errorf("audit = %q, want %q", got, want)
	}
}

// Only the editor role (or an admin) opens the texts.
func TestEditorRole(t *testing.T) {
	d := newDesk(t)
	b := consoletest.New(t, d.url)
	b.MustSignIn("otto", "password-otto")
	if code, _ := b.Get("/console/texts/"); code != http.StatusForbidden {
		t.Errorf("operator without the role: %d", code)
	}
	if code, body := d.editor(t).Get("/console/"); code != 200 || !strings.Contains(body, `href="/console/texts/"`) {
		t.Errorf("the editor's menu has no Texts: %d", code)
	}
}

// The translators' list: an Italian text published against the English is
// up to date; the English changed, it is listed as changed, first.
func TestEditorMarksTranslationsForReview(t *testing.T) {
	d := newDesk(t)
	b := d.editor(t)
	save := func(lang, text string) {
		t.Helper()
		if code, _, body := post(t, b, editPath(lang, "menu.prompt"), editPage, url.Values{"lang": {lang}, "id": {"menu.prompt"}, "do": {"publish"},
			"form_other": {text}}); code != http.StatusSeeOther {
			t.Fatalf("publish %s: %d\n%s", lang, code, body)
		}
	}
	changed := func() string {
		_, body := b.Get("/console/texts/?lang=it")
		m := regexp.MustCompile(`<tr data-lang="it">.*?<td class="changed">(\d+)</td>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no Italian row:\n%s", body)
		}
		return m[1]
	}
	save("it", "Di cosa hai bisogno?")
	if got := changed(); got != "0" {
		t.Fatalf("changed in Italian before the English changed: %s", got)
	}
	save("en", "What do you need? Choose one.")
	if got := changed(); got != "1" {
		t.Errorf("changed in Italian after the English changed: %s", got)
	}
	_, body := b.Get("/console/texts/?lang=it")
	if i := strings.Index(body, `id="review"`); i < 0 || !strings.Contains(body[i:], `<li class="text-row" data-lang="it" data-id="menu.prompt">`) {
		t.Errorf("menu.prompt not listed for review in Italian")
	}
	if _, body := b.Get(editPath("it", "menu.prompt")); !strings.Contains(body, `id="reason">`+d.cat.Text("en", "console.editor.status.changed", nil)) {
		t.Errorf("edit page does not say the English changed")
	}
}

// The preview runs the real conversation with the drafts, in the language
// chosen and its direction, and stores nothing: no key of Redis changes.
func TestPreviewShowsDraftsAndKeepsNothing(t *testing.T) {
	d := newDesk(t)
	b := d.editor(t)
	if code, _, _ := post(t, b, editPath("ar", "menu.prompt"), editPage, url.Values{"lang": {"ar"}, "id": {"menu.prompt"}, "do": {"draft"},
		"form_other": {"مسودة: اختر موضوعًا."}}); code != http.StatusSeeOther {
		t.Fatalf("draft: %d", code)
	}
	if got := d.cat.Text("ar", "menu.prompt", nil); got == "مسودة: اختر موضوعًا." {
		t.Fatal("a draft reached people")
	}
	before := d.keys()
	_, body := b.Get("/console/texts/preview?lang=ar")
	if !strings.Contains(body, `<div class="phone" lang="ar" dir="rtl">`) || !strings.Contains(body, `value="consent.yes"`) {
		t.Fatalf("preview start:\n%s", body)
	}
	state := regexp.MustCompile(`name="state" value="([^"]*)"`).FindStringSubmatch(body)
	log := regexp.MustCompile(`name="log" value="([^"]*)"`).FindStringSubmatch(body)
	form := url.Values{"csrf": {consoletest.FormToken(t, body)}, "lang": {"ar"}, "choice": {"consent.yes"},
		"state": {htmlUnescape(state[1])}, "log": {htmlUnescape(log[1])}}
	_, _, body = b.Post("/console/texts/preview", form)
	if !strings.Contains(body, "مسودة: اختر موضوعًا.") {
		t.Fatalf("the draft is not in the preview:\n%s", body)
	}
	if after := d.keys(); !slices.Equal(before, after) {
		t.Errorf("the preview stored something: keys %q, then %q", before, after)
	}
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&#34;", `"`, "&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#39;", "'", "&#43;", "+").Replace(s)
}

// Two editors on one message: each opened the page before the other
// saved. The second save, draft or publication, does not overwrite the
// first: it is refused with who saved meanwhile, when, and their text
// (in the editor's language), the editor's own text still in the boxes;
// saving again from that page, having seen it, goes through.
func TestEditorConcurrentSaves(t *testing.T) {
	d := newDesk(t)
	eva := d.editor(t)
	ugo := consoletest.New(t, d.url).Lang("it")
	ugo.MustSignIn("ugo", "password-ugo")
	page := editPath("it", "menu.prompt")
	_, evaPage := eva.Get(page)
	_, ugoPage := ugo.Get(page)
	base := func(page string) string {
		m := regexp.MustCompile(`name="base" value="([^"]*)"`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no base in the page:\n%s", page)
		}
		return m[1]
	}
	save := func(b *consoletest.Browser, from, do, text string) (int, string) {
		t.Helper()
		code, _, body := b.Post(editPage, url.Values{"csrf": {consoletest.FormToken(t, from)}, "lang": {"it"}, "id": {"menu.prompt"},
			"do": {do}, "form_other": {text}, "base": {base(from)}})
		return code, body
	}
	if code, body := save(eva, evaPage, "draft", "Bozza di Eva."); code != http.StatusSeeOther {
		t.Fatalf("eva's draft: %d\n%s", code, body)
	}
	stale := ugoPage
	for _, do := range []string{"draft", "publish"} {
		code, body := save(ugo, stale, do, "Testo di Ugo.")
		if code != http.StatusConflict || !strings.Contains(body, "Non salvato: eva ha salvato questo messaggio nel frattempo (2026-12-07 10:00)") ||
			!strings.Contains(body, `<div class="readout" dir="ltr" lang="it" data-form="other">Bozza di Eva.</div>`) ||
			!strings.Contains(body, ">Testo di Ugo.</textarea>") {
			t.Fatalf("ugo's %s over eva's draft: %d\n%s", do, code, body)
		}
		if dr, _, _ := d.store.Draft(context.Background(), "it", "menu.prompt"); dr.Text.Other != "Bozza di Eva." {
			t.Fatalf("ugo's refused %s overwrote eva's draft: %q", do, dr.Text.Other)
		}
		if got := d.cat.Text("it", "menu.prompt", nil); got == "Testo di Ugo." {
			t.Fatal("a refused publication reached people")
		}
		ugoPage = body
	}
	// Ugo has seen Eva's text: publishing from the page that showed it
	// goes through; Eva's old page is now the stale one.
	if code, body := save(ugo, ugoPage, "publish", "Testo di Ugo, visto quello di Eva."); code != http.StatusSeeOther {
		t.Fatalf("ugo's publication after seeing eva's draft: %d\n%s", code, body)
	}
	if code, _ := save(eva, evaPage, "draft", "Eva di nuovo."); code != http.StatusConflict {
		t.Errorf("eva's save from her old page after ugo's publication: %d", code)
	}
	if got := d.cat.Text("it", "menu.prompt", nil); got != "Testo di Ugo, visto quello di Eva." {
		t.Errorf("people read %q", got)
	}
	// Going back to the shipped text, or throwing a draft away, from a
	// page older than the message is refused too.
	_, evaPage = eva.Get(page)
	_, ugoPage = ugo.Get(page)
	if code, body := save(ugo, ugoPage, "draft", "Nuova bozza di Ugo."); code != http.StatusSeeOther {
		t.Fatalf("ugo's new draft: %d\n%s", code, body)
	}
	for _, do := range []string{"reset", "discard"} {
		code, _, body := eva.Post(editPage, url.Values{"csrf": {consoletest.FormToken(t, evaPage)}, "lang": {"it"}, "id": {"menu.prompt"},
			"do": {do}, "base": {base(evaPage)}})
		if code != http.StatusConflict || !strings.Contains(body, "Nuova bozza di Ugo.") {
			t.Errorf("eva's %s from a page older than ugo's draft: %d", do, code)
		}
	}
	if dr, ok, _ := d.store.Draft(context.Background(), "it", "menu.prompt"); !ok || dr.Text.Other != "Nuova bozza di Ugo." {
		t.Errorf("ugo's draft after eva's refused discard: %q %v", dr.Text.Other, ok)
	}
	if got := d.cat.Text("it", "menu.prompt", nil); got != "Testo di Ugo, visto quello di Eva." {
		t.Errorf("after eva's refused reset people read %q", got)
	}
}
