package console_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"frontdoor/console"
	"frontdoor/console/consoletest"
	"frontdoor/internal/browsertest"
	"frontdoor/locales"
	"frontdoor/store/storetest"
)

const probePath = "/console/probe"

type desk struct {
	gate *console.Gate
	acc  *console.Accounts
	base string
}

// newDesk is the console's gate alone, with an admin (root), a plain
// operator (ana) and an outreach worker (olga).
func newDesk(t *testing.T) desk {
	t.Helper()
	rdb, keys := storetest.Redis(t)
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	g := consoletest.NewGate(t, rdb, keys, cat,
		console.Account{Name: "root", Languages: []string{"it"}, Areas: []string{"*"}, Admin: true},
		console.Account{Name: "ana", Languages: []string{"it", "ar"}, Areas: []string{"legal"}, Capacity: 2},
		console.Account{Name: "olga", Languages: []string{"it"}, Roles: []string{console.RoleOutreach}},
	)
	mux := http.NewServeMux()
	mux.Handle("/console/", g.Handler())
	// A page behind the sign-in, to see whether a session still works.
	mux.Handle(probePath, g.Require("", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {})))
	// Where the sign-in leads: the case queue, which is handoff's.
	mux.Handle("GET /console/{$}", consoletest.QueueStandIn(g))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return desk{gate: g, acc: g.Accounts(), base: srv.URL}
}

func (d desk) signedIn(t *testing.T, name string) (*consoletest.Browser, string) {
	t.Helper()
	b := consoletest.New(t, d.base)
	b.MustSignIn(name, "password-"+name)
	code, page := b.Get(console.OperatorsPath)
	if name == "root" && code != http.StatusOK {
		t.Fatalf("operators page for an admin = %d", code)
	}
	return b, page
}

func (d desk) audit(t *testing.T) []console.AuditEntry {
	t.Helper()
	a, err := d.acc.Audit(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func (d desk) hasAudit(t *testing.T, by, action, detailPrefix string) bool {
	t.Helper()
	return slices.ContainsFunc(d.audit(t), func(e console.AuditEntry) bool {
		return e.Operator == by && e.Action == action && strings.HasPrefix(e.Detail, detailPrefix)
	})
}

// TestOperatorsPageIsForAdmins: the page and its forms answer admins
// only, and every form needs the session's token.
func TestOperatorsPageIsForAdmins(t *testing.T) {
	d := newDesk(t)
	if code, _ := consoletest.New(t, d.base).Get(console.OperatorsPath); code != http.StatusSeeOther {
		t.Fatalf("without a session = %d, want the sign-in page", code)
	}
	for _, name := range []string{"ana", "olga"} {
		b, _ := d.signedIn(t, name)
		if code, _ := b.Get(console.OperatorsPath); code != http.StatusForbidden {
			t.Errorf("%s (not admin): operators page = %d, want 403", name, code)
		}
		if code, _, _ := b.Post(console.OperatorsPath+"/ana/token", url.Values{}); code != http.StatusForbidden {
			t.Errorf("%s (not admin): new token = %d, want 403", name, code)
		}
	}
	b, page := d.signedIn(t, "root")
	for _, path := range []string{"/save", "/ana/password", "/ana/token"} {
		form := url.Values{"name": {"ana"}, "capacity": {"9"}, "languages": {"it"}, "password": {"new-password"}}
		if code, _, _ := b.Post(console.OperatorsPath+path, form); code != http.StatusForbidden {
			t.Errorf("POST %s without the form token = %d, want 403", path, code)
		}
	}
	if a, _ := d.acc.Get(context.Background(), "ana"); a.Capacity != 2 {
		t.Fatalf("a form without its token changed ana: %+v", a)
	}
	if ok, _ := d.acc.CheckPassword(context.Background(), "ana", "password-ana"); !ok {
		t.Fatal("a form without its token changed ana's password")
	}
	if !strings.Contains(page, `data-operator="ana"`) || !strings.Contains(page, `id="audit"`) {
		t.Fatalf("the page lacks the accounts or the audit log:\n%s", page)
	}
	// The old address of the audit log leads here.
	if code, _ := b.Get(console.AuditPath); code != http.StatusMovedPermanently {
		t.Fatalf("old audit address = %d", code)
	}
}

// TestOperatorsPageManagesAccounts: an admin adds an operator, changes
// their languages, areas, roles and capacity, resets a password and
// rotates a token, each with an audit entry; bad input gets a clear
// answer and changes nothing.
func TestOperatorsPageManagesAccounts(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	b, page := d.signedIn(t, "root")
	csrf := consoletest.FormToken(t, page)
	post := func(path string, form url.Values) (int, string, string) {
		t.Helper()
		form.Set("csrf", csrf)
		return b.Post(console.OperatorsPath+path, form)
	}

	// Add.
	code, loc, _ := post("/save", url.Values{"new": {"1"}, "name": {"bilal"}, "password": {"password-bilal"}, "languages": {"ar", "ur"},
		"areas": {"work", "welfare"}, "roles": {console.RoleStaff}, "capacity": {"4"}, "lang": {"it"}})
	if code != http.StatusSeeOther || loc != console.OperatorsPath+"?m=added" {
		t.Fatalf("add = %d %q", code, loc)
	}
	got, err := d.acc.Get(ctx, "bilal")
	if err != nil {
		t.Fatal(err)
	}
	want := console.Account{Name: "bilal", Languages: []string{"ar", "ur"}, Areas: []string{"work", "welfare"}, Roles: []string{console.RoleStaff},
		Capacity: 4, Lang: "it"}
	if !sameSettings(got, want) {
		t.Fatalf("added = %+v, want %+v", got, want)
	}
	if !d.hasAudit(t, "root", "operator-add", "bilal: languages ar,ur; areas work,welfare; capacity 4; roles staff") {
		t.Fatalf("no audit entry for the addition: %+v", d.audit(t))
	}
	nb := consoletest.New(t, d.base)
	nb.MustSignIn("bilal", "password-bilal")

	// Edit: the account keeps its password and its sessions.
	code, loc, _ = post("/save", url.Values{"name": {"bilal"}, "languages": {"ar"}, "areas": {"*"},
		"roles": {console.RoleOutreach, console.RoleCoordinator}, "capacity": {"6"}})
	if code != http.StatusSeeOther || loc != console.OperatorsPath+"?m=saved" {
		t.Fatalf("edit = %d %q", code, loc)
	}
	got, _ = d.acc.Get(ctx, "bilal")
	want = console.Account{Name: "bilal", Languages: []string{"ar"}, Areas: []string{"*"}, Roles: []string{console.RoleOutreach, console.RoleCoordinator}, Capacity: 6}
	if !sameSettings(got, want) {
		t.Fatalf("edited = %+v, want %+v", got, want)
	}
	if ok, _ := d.acc.CheckPassword(ctx, "bilal", "password-bilal"); !ok {
		t.Fatal("an edit changed the password")
	}
	if code, _ := nb.Get(probePath); code != http.StatusOK {
		t.Fatal("an edit signed the operator out")
	}
	if !d.hasAudit(t, "root", "operator-edit", "bilal: languages ar; areas *; capacity 6; roles outreach,coordinator") {
		t.Fatalf("no audit entry for the edit: %+v", d.audit(t))
	}

	// Bad input: a clear answer, nothing changed, what was typed kept.
	for _, c := range []struct {
		name string
		form url.Values
		want string
	}{
		{"existing name", url.Values{"new": {"1"}, "name": {"ana"}, "password": {"password-x"}, "languages": {"it"}, "capacity": {"1"}}, "already exists"},
		{"no password", url.Values{"new": {"1"}, "name": {"carla"}, "languages": {"it"}, "capacity": {"1"}}, "needs a password"},
		{"short password", url.Values{"new": {"1"}, "name": {"carla"}, "password": {"short"}, "languages": {"it"}, "capacity": {"1"}}, "at least 8 characters"},
		{"no language", url.Values{"new": {"1"}, "name": {"carla"}, "password": {"password-carla"}, "capacity": {"1"}}, "at least one language"},
		{"bad name", url.Values{"new": {"1"}, "name": {"carla rossi"}, "password": {"password-carla"}, "languages": {"it"}, "capacity": {"1"}}, "operator names are"},
		{"bad capacity", url.Values{"name": {"ana"}, "languages": {"it"}, "capacity": {"many"}}, "capacity"},
		{"unknown role", url.Values{"name": {"ana"}, "languages": {"it"}, "capacity": {"2"}, "roles": {"boss"}}, "unknown role"},
		{"unknown operator", url.Values{"name": {"nobody"}, "languages": {"it"}, "capacity": {"2"}}, "No operator called nobody"},
		{"last admin", url.Values{"name": {"root"}, "languages": {"it"}, "capacity": {"2"}}, "only admin"},
	} {
		code, _, body := post("/save", c.form)
		if code != http.StatusBadRequest || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d, want 400 saying %q:\n%s", c.name, code, c.want, errorLine(body))
		}
	}
	if ok, _ := d.acc.Exists(ctx, "carla"); ok {
		t.Fatal("a refused addition created the account")
	}
	if a, _ := d.acc.Get(ctx, "ana"); a.Capacity != 2 || len(a.Roles) != 0 {
		t.Fatalf("a refused edit changed ana: %+v", a)
	}
	if a, _ := d.acc.Get(ctx, "root"); !a.Admin {
		t.Fatal("the last admin lost the role")
	}

	// Reset a password: the old one and the old sessions stop working.
	code, loc, body := post("/bilal/password", url.Values{"password": {"brand-new-pass"}})
	if code != http.StatusSeeOther || loc != console.OperatorsPath+"?m=password" {
		t.Fatalf("reset = %d %q %s", code, loc, errorLine(body))
	}
	if ok, _ := d.acc.CheckPassword(ctx, "bilal", "password-bilal"); ok {
		t.Fatal("the old password still works")
	}
	if ok, _ := d.acc.CheckPassword(ctx, "bilal", "brand-new-pass"); !ok {
		t.Fatal("the new password does not work")
	}
	if code, _ := nb.Get(probePath); code != http.StatusSeeOther {
		t.Fatalf("a session from before the reset = %d, want the sign-in page", code)
	}
	if code, _, body := post("/bilal/password", url.Values{"password": {"short"}}); code != http.StatusBadRequest || !strings.Contains(body, "at least 8") {
		t.Fatalf("short reset = %d", code)
	}
	if !d.hasAudit(t, "root", "password-reset", "bilal") {
		t.Fatal("no audit entry for the reset")
	}

	// Rotate the API token: shown once in the page, the old one dead.
	old, err := d.acc.NewToken(ctx, "bilal")
	if err != nil {
		t.Fatal(err)
	}
	code, _, body = post("/bilal/token", url.Values{})
	m := regexp.MustCompile(`<code id="token">(fdo_[^<]+)</code>`).FindStringSubmatch(body)
	if code != http.StatusOK || m == nil {
		t.Fatalf("rotate = %d, no token in the page:\n%s", code, body)
	}
	if a, err := d.acc.TokenAccount(ctx, m[1]); err != nil || a.Name != "bilal" {
		t.Fatalf("the new token = %v %v", a.Name, err)
	}
	if _, err := d.acc.TokenAccount(ctx, old); !errors.Is(err, console.ErrNoAccount) {
		t.Fatalf("the old token still works: %v", err)
	}
	if !d.hasAudit(t, "root", "token-rotate", "bilal") {
		t.Fatal("no audit entry for the rotation")
	}
	for _, e := range d.audit(t) {
		if strings.Contains(e.Detail, "pass") || strings.Contains(e.Detail, "fdo_") {
			t.Fatalf("a secret in the audit log: %+v", e)
		}
	}
}

func sameSettings(a, b console.Account) bool {
	return a.Name == b.Name && slices.Equal(a.Languages, b.Languages) && slices.Equal(a.Areas, b.Areas) && slices.Equal(a.Roles, b.Roles) &&
		a.Capacity == b.Capacity && a.Admin == b.Admin && a.Lang == b.Lang
}

func errorLine(page string) string {
	if m := regexp.MustCompile(`id="error">([^<]*)<`).FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return page
}

// TestOperatorsPageInBrowser: at phone and desktop size, an admin reaches
// the operators page from the menu, adds an operator with the form and
// sees them in the list and in the audit log; the page is whole, styled
// and nothing is blocked by the Content-Security-Policy.
func TestOperatorsPageInBrowser(t *testing.T) {
	browsertest.Skip(t)
	d := newDesk(t)
	for _, size := range browsertest.Sizes() {
		t.Run(size.Name, func(t *testing.T) {
			bctx := browsertest.New(t)
			name := "new_" + strings.ToLower(size.Name)
			do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(bctx, actions...); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
			}
			do("sign in", browsertest.RecordCSP(), size.Emulate(),
				chromedp.Navigate(d.base+console.LoginPath), chromedp.WaitVisible(chromedp.ID("username")))
			browsertest.MustBeWhole(t, bctx, "the sign-in page")
			do("sign in", browsertest.SignIn(d.base, "root", "password-root"),
				chromedp.Navigate(d.base+console.OperatorsPath),
				chromedp.WaitVisible(chromedp.ID("add")))
			browsertest.MustBeWhole(t, bctx, "the operators page")
			current, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`nav.menu a[aria-current="page"]`)))
			if err != nil || current != "Operators" {
				t.Fatalf("current menu entry %q (%v)", current, err)
			}
			do("add an operator",
				chromedp.SendKeys(chromedp.ID("add-name"), name),
				chromedp.SendKeys(chromedp.ID("add-password"), "password-"+name),
				chromedp.Click(chromedp.CSS(`#add input[name="languages"][value="fr"]`)),
				chromedp.Click(chromedp.CSS(`#add input[name="areas"][value="health"]`)),
				chromedp.Click(chromedp.CSS(`#add input[name="roles"][value="staff"]`)),
				chromedp.Click(chromedp.ID("add-save")),
				chromedp.WaitVisible(chromedp.ID("flash")),
				chromedp.WaitReady(chromedp.CSS(`details[data-operator="`+name+`"]`)))
			browsertest.MustBeWhole(t, bctx, "the operators page after adding")
			browsertest.Screenshot(t, bctx, "operators-"+size.Name)
			a, err := d.acc.Get(context.Background(), name)
			if err != nil || !slices.Equal(a.Languages, []string{"fr"}) || !slices.Equal(a.Areas, []string{"health"}) || !a.Has(console.RoleStaff) {
				t.Fatalf("added from the browser: %+v %v", a, err)
			}
			// The action in words, its stable id in data-action.
			auditText, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#audit tbody")))
			if err != nil || !strings.Contains(auditText, "operator added") || !strings.Contains(auditText, name) {
				t.Fatalf("the audit log on the page: %q %v", auditText, err)
			}
			added, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll('#audit td[data-action="operator-add"]').length`))
			if err != nil || added == 0 {
				t.Fatalf("no audit line with data-action operator-add: %d %v", added, err)
			}
		})
	}
}
