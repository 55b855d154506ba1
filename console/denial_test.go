package console_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"frontdoor/console"
	"frontdoor/internal/browsertest"
)

// TestDenialsInTheReadersLanguage: a refusal answers in the browser's
// language for a visitor who is not signed in, as a console page for a
// browser and as JSON with a stable code for an API client; the muxes'
// 404 and 405 are the console's page too, not Go's English line.
func TestDenialsInTheReadersLanguage(t *testing.T) {
	d := newDesk(t)
	cat := catalogue(t)
	it := func(id string) string { return cat.Text("it", id, nil) }
	tests := []struct {
		name, method, path, accept string
		status                     int
		// code is the JSON's, "" for a page.
		code, text string
	}{
		{"a form without a session", http.MethodPost, probePath, "text/html", http.StatusUnauthorized, "", "console.refuse.sign_in"},
		{"the same from a script", http.MethodPost, probePath, "application/json", http.StatusUnauthorized, "sign_in", "console.refuse.sign_in"},
		{"the sign-in without its token", http.MethodPost, console.LoginPath, "", http.StatusForbidden, "", "console.refuse.form_token"},
		{"no such page", http.MethodGet, console.OperatorsPath + "/nowhere/at/all", "", http.StatusNotFound, "", "console.refuse.not_found"},
		{"a method the page does not take", http.MethodDelete, console.LoginPath, "", http.StatusMethodNotAllowed, "", "console.refuse.method"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, d.base+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Accept-Language", "it-IT,it;q=0.9,en;q=0.5")
			req.Header.Set("Accept", tt.accept)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body bytes.Buffer
			if _, err := body.ReadFrom(resp.Body); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body.String())
			}
			want := it(tt.text)
			if tt.code != "" {
				var got console.DenialBody
				if err := json.Unmarshal(body.Bytes(), &got); err != nil || got.Code != tt.code || got.Error != want {
					t.Fatalf("JSON %s (%v), want code %q and %q", body.String(), err, tt.code, want)
				}
				return
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type %q, want a page", ct)
			}
			if resp.Header.Get("Content-Security-Policy") != console.CSP {
				t.Errorf("the page has not the console's CSP")
			}
			if !strings.Contains(body.String(), htmlEscape(want)) {
				t.Errorf("the page does not say %q:\n%s", want, body.String())
			}
			if tt.status == http.StatusMethodNotAllowed && resp.Header.Get("Allow") == "" {
				t.Errorf("a 405 without Allow")
			}
			english := cat.Text("en", tt.text, nil)
			if strings.Contains(body.String(), htmlEscape(english)) {
				t.Errorf("the page is in English for an Italian browser")
			}
		})
	}
}

// TestDenialsForTheOperator: a signed-in operator is refused in the
// language they chose for the console, whatever their browser says, with
// the role a page needs named in that language; an API path answers JSON.
func TestDenialsForTheOperator(t *testing.T) {
	cat := catalogue(t)
	v := console.Viewer{Name: "ana", Lang: "ar"}
	tests := []struct {
		name, path string
		denial     console.Denial
		json       bool
	}{
		{"a missing role", "/console/stats", console.MissingRole(console.RoleCoordinator), false},
		{"an internal fault", "/console/cases/x", console.Internal(), false},
		{"a wrong form token from the API", "/api/v1/cases/x/claim", console.WrongFormToken(), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, tt.path, nil)
			r.Header.Set("Accept-Language", "it")
			r = r.WithContext(console.WithViewer(context.Background(), v, "token"))
			rec := httptest.NewRecorder()
			console.Refuse(rec, r, cat, tt.denial)
			want := console.DenialText(cat, "ar", tt.denial)
			if rec.Code != tt.denial.Status || !strings.Contains(rec.Body.String(), htmlEscape(want)) && !strings.Contains(rec.Body.String(), want) {
				t.Fatalf("%d %s, want %d and %q", rec.Code, rec.Body.String(), tt.denial.Status, want)
			}
			if got := strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json"); got != tt.json {
				t.Errorf("JSON = %v, want %v", got, tt.json)
			}
			if tt.denial.Code == "role" && !strings.Contains(want, cat.Text("ar", "console.role.coordinator", nil)) {
				t.Errorf("the role is not named in Arabic: %q", want)
			}
			if !tt.json && !strings.Contains(rec.Body.String(), `dir="rtl"`) {
				t.Errorf("the Arabic page is not right to left")
			}
		})
	}
}

// TestDenialTextsInEveryLanguage: every refusal the console gives has
// its words in every catalogue, not the id nor the English.
func TestDenialTextsInEveryLanguage(t *testing.T) {
	cat := catalogue(t)
	for _, d := range []console.Denial{console.SignInFirst(), console.WrongFormToken(), console.BadForm(), console.Internal(),
		console.NotFound(), console.MethodNotAllowed(), console.Forbidden(), console.MissingRole(console.RoleStaff)} {
		english := console.DenialText(cat, "en", d)
		for _, l := range cat.Languages() {
			got := console.DenialText(cat, l.Tag, d)
			if got == d.Text || got == "" || l.Tag != "en" && got == english {
				t.Errorf("%s in %s: %q", d.Code, l.Tag, got)
			}
		}
	}
}

// TestNotFoundPageInItalian: at phone and desktop size, an address the
// console does not have shows the console's page in the operator's
// language, with the menu and a way back, whole and within the policy.
func TestNotFoundPageInItalian(t *testing.T) {
	browsertest.Skip(t)
	d := newDesk(t)
	cat := catalogue(t)
	ctx := context.Background()
	root, err := d.acc.Get(ctx, "root")
	if err != nil {
		t.Fatal(err)
	}
	root.Lang = "it"
	if err := d.acc.Save(ctx, root, ""); err != nil {
		t.Fatal(err)
	}
	for _, size := range browsertest.Sizes() {
		t.Run(size.Name, func(t *testing.T) {
			bctx := browsertest.New(t)
			if err := chromedp.Do(bctx, browsertest.RecordCSP(), size.Emulate(), browsertest.SignIn(d.base, "root", "password-root"),
				chromedp.Navigate(d.base+console.OperatorsPath+"/nowhere/at/all"), chromedp.WaitVisible(chromedp.ID("denial"))); err != nil {
				t.Fatal(err)
			}
			browsertest.MustBeWhole(t, bctx, "the console's 404 page in Italian")
			for sel, id := range map[string]string{
				`#denial`:                      "console.refuse.not_found",
				`main a[href="/console/"]`:     "console.refuse.back",
				`nav.menu a[href="/console/"]`: "console.nav.cases",
			} {
				got, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
				if want := cat.Text("it", id, nil); err != nil || strings.TrimSpace(got) != want {
					t.Errorf("%s = %q (%v), want %q", sel, got, err, want)
				}
			}
			lang, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.documentElement.lang`))
			if err != nil || lang != "it" {
				t.Errorf("html lang = %q (%v)", lang, err)
			}
		})
	}
}
