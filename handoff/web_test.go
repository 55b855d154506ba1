package handoff_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

type apiClient struct {
	t     *testing.T
	base  string
	token string
}

func (a apiClient) do(method, path, body string) (int, map[string]any) {
	a.t.Helper()
	req, _ := http.NewRequest(method, a.base+path, strings.NewReader(body))
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(res.Body).Decode(&m); err != nil {
		a.t.Fatalf("%s %s: answer is not JSON: %v", method, path, err)
	}
	return res.StatusCode, m
}

func TestAPI(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, d.svc, "amal", []string{"ar"}, []string{"legal"}, 3)
	addOperator(t, d.svc, "bea", []string{"ar"}, []string{"legal"}, 3)
	tokA, _ := d.svc.Queue().NewToken(ctx, "amal")
	tokB, _ := d.svc.Queue().NewToken(ctx, "bea")
	a := apiClient{t, d.base, tokA}
	b := apiClient{t, d.base, tokB}
	cs := open(t, d.svc, "55", "ar", "legal", false)
	open(t, d.svc, "56", "it", "work", false) // not for them

	if code, m := (apiClient{t, d.base, ""}).do("GET", "/api/v1/cases", ""); code != 401 || !strings.Contains(m["error"].(string), "token") {
		t.Fatalf("no token: %d %v", code, m)
	}
	if code, _ := (apiClient{t, d.base, "fdo_wrong"}).do("GET", "/api/v1/cases", ""); code != 401 {
		t.Fatalf("wrong token: %d", code)
	}
	code, m := a.do("GET", "/api/v1/cases", "")
	if code != 200 || len(m["waiting"].([]any)) != 1 {
		t.Fatalf("list = %d %v", code, m)
	}
	code, m = a.do("POST", "/api/v1/cases/next", "")
	if code != 200 || m["id"] != cs.ID || m["operator"] != "amal" {
		t.Fatalf("next = %d %v", code, m)
	}
	if code, m = b.do("POST", "/api/v1/cases/"+cs.ID+"/claim", ""); code != 409 {
		t.Fatalf("claim of a taken case = %d %v", code, m)
	}
	// Another operator's case: neither read nor reply nor close.
	for _, tt := range []struct{ method, path, body string }{
		{"GET", "/api/v1/cases/" + cs.ID, ""},
		{"POST", "/api/v1/cases/" + cs.ID + "/reply", `{"text":"hi"}`},
		{"POST", "/api/v1/cases/" + cs.ID + "/close", `{"outcome":"resolved"}`},
		{"POST", "/api/v1/cases/" + cs.ID + "/transfer", `{"to":"bea"}`},
	} {
		// A stable code, and the words in the operator's language
		// (English: bea chose none and her client sends none).
		if code, m := b.do(tt.method, tt.path, tt.body); code != 403 || m["code"] != "not_yours" || m["error"] != d.cat.Text("en", "console.refuse.not_yours", nil) {
			t.Errorf("%s %s by another operator = %d %v, want 403 not_yours", tt.method, tt.path, code, m)
		}
	}
	if code, m = a.do("POST", "/api/v1/cases/"+cs.ID+"/reply", `{"text":"مرحبا"}`); code != 202 || m["status"] != "queued" {
		t.Fatalf("reply = %d %v", code, m)
	}
	if code, m = a.do("POST", "/api/v1/cases/"+cs.ID+"/reply", `{"text":`); code != 400 || m["code"] != "bad_request" || !strings.Contains(m["detail"].(string), "JSON") {
		t.Fatalf("bad body = %d %v", code, m)
	}
	if code, _ = a.do("POST", "/api/v1/cases/"+cs.ID+"/note", `{"text":"has a lawyer"}`); code != 200 {
		t.Fatalf("note = %d", code)
	}
	code, m = a.do("GET", "/api/v1/cases/"+cs.ID, "")
	if code != 200 || len(m["transcript"].([]any)) < 3 {
		t.Fatalf("get = %d %v", code, m)
	}
	if code, m = a.do("POST", "/api/v1/cases/"+cs.ID+"/close", `{"outcome":"maybe"}`); code != 400 {
		t.Fatalf("bad outcome = %d %v", code, m)
	}
	if code, m = a.do("POST", "/api/v1/cases/"+cs.ID+"/transfer", `{"to":"bea","note":"she knows"}`); code != 200 || m["operator"] != "bea" {
		t.Fatalf("transfer = %d %v", code, m)
	}
	if code, m = b.do("POST", "/api/v1/cases/"+cs.ID+"/close", `{"outcome":"appointment_booked"}`); code != 200 || m["status"] != "closed" {
		t.Fatalf("close = %d %v", code, m)
	}
	if code, _ = a.do("GET", "/api/v1/audit", ""); code != 403 {
		t.Fatalf("audit by a non-admin = %d", code)
	}
	if code, _ = a.do("GET", "/api/v1/nothing", ""); code != 404 {
		t.Fatalf("unknown endpoint = %d", code)
	}
}

func TestConsoleSecurity(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, d.svc, "amal", []string{"ar"}, []string{"*"}, 3)
	addOperator(t, d.svc, "bea", []string{"ar"}, []string{"*"}, 3)
	c := bot.Contact{Channel: "webchat", ID: "0123456789abcdef0123456789abcdef"}
	cs, _, _ := d.svc.Queue().Open(ctx, handoff.Case{Contact: c, Lang: "ar", Area: "legal", Reason: "asked"})
	d.svc.Queue().Append(ctx, cs.ID, handoff.Entry{By: "person", Text: `<script>alert("x")</script><img src=x onerror=alert(1)>`})

	// Not signed in: sent to the sign-in page.
	b := consoletest.New(t, d.base)
	if code, _ := b.Get("/console/"); code != http.StatusSeeOther {
		t.Fatalf("console without a session = %d", code)
	}
	// Wrong password.
	if code, body := b.SignIn("amal", "wrong-password"); code != 401 || !strings.Contains(body, "Wrong username or password") {
		t.Fatalf("wrong password = %d", code)
	}
	// The sign-in form itself needs its token.
	if code, _, _ := b.Post("/console/login", url.Values{"username": {"amal"}, "password": {"password-amal"}}); code != 403 {
		t.Fatalf("sign-in without CSRF token = %d", code)
	}
	if code, _ := b.SignIn("amal", "password-amal"); code != http.StatusSeeOther {
		t.Fatalf("sign-in = %d", code)
	}
	// The session cookie: HttpOnly, SameSite=Strict, Secure behind https.
	_, page0 := consoletest.New(t, d.base).Get("/console/login")
	req, _ := http.NewRequest("POST", d.base+"/console/login", strings.NewReader(url.Values{"csrf": {consoletest.FormToken(t, page0)}, "username": {"amal"}, "password": {"password-amal"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-Proto", "https")
	req.AddCookie(&http.Cookie{Name: "fd_login_csrf", Value: consoletest.FormToken(t, page0)})
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var sc string
	for _, c := range res.Header.Values("Set-Cookie") {
		if strings.HasPrefix(c, "fd_session=") {
			sc = c
		}
	}
	for _, attr := range []string{"HttpOnly", "SameSite=Strict", "Secure"} {
		if !strings.Contains(sc, attr) {
			t.Errorf("session cookie %q lacks %s", sc, attr)
		}
	}
	code, page := b.Get("/console/")
	if code != 200 || !strings.Contains(page, cs.ID) {
		t.Fatalf("queue page = %d, case not listed", code)
	}
	token := consoletest.FormToken(t, page)
	// A form without the CSRF token is refused.
	if code, _, _ := b.Post("/console/cases/"+cs.ID+"/claim", url.Values{}); code != 403 {
		t.Fatalf("claim without CSRF token = %d", code)
	}
	if code, loc, _ := b.Post("/console/cases/"+cs.ID+"/claim", url.Values{"csrf": {token}}); code != http.StatusSeeOther || !strings.Contains(loc, cs.ID) {
		t.Fatalf("claim = %d %s", code, loc)
	}
	code, page = b.Get("/console/cases/" + cs.ID)
	if code != 200 {
		t.Fatalf("case page = %d", code)
	}
	if strings.Contains(page, `<script>alert`) || strings.Contains(page, "<img src=x") || !strings.Contains(page, "&lt;script&gt;") {
		t.Fatal("a person's message was not escaped in the case page")
	}
	if !strings.Contains(page, `dir="rtl"`) || !strings.Contains(page, "العربية") {
		t.Fatal("case page does not name the language or set right-to-left")
	}

	// Another operator cannot see or act on it.
	b2 := consoletest.New(t, d.base)
	b2.SignIn("bea", "password-bea")
	if code, _ := b2.Get("/console/cases/" + cs.ID); code != 403 {
		t.Fatalf("another operator's case page = %d", code)
	}
	_, page2 := b2.Get("/console/")
	token2 := consoletest.FormToken(t, page2)
	if code, _, body := b2.Post("/console/cases/"+cs.ID+"/reply", url.Values{"csrf": {token2}, "text": {"hi"}}); code != 403 || !strings.Contains(body, `data-denial="not_yours"`) || !strings.Contains(body, d.cat.Text("en", "console.refuse.not_yours", nil)) {
		t.Fatalf("reply to another operator's case = %d %q", code, body)
	}
	// Another session's CSRF token does not work either, even on a case
	// bea may close: the refusal is the token's, not the case's.
	c2 := bot.Contact{Channel: "webchat", ID: "fedcba9876543210fedcba9876543210"}
	cs2, _, _ := d.svc.Queue().Open(ctx, handoff.Case{Contact: c2, Lang: "ar", Area: "legal", Reason: "asked"})
	if code, _, _ := b2.Post("/console/cases/"+cs2.ID+"/claim", url.Values{"csrf": {token2}}); code != http.StatusSeeOther {
		t.Fatalf("bea claims her case = %d", code)
	}
	if code, _, body := b2.Post("/console/cases/"+cs2.ID+"/close", url.Values{"csrf": {token}, "outcome": {"resolved"}}); code != 403 || !strings.Contains(body, `data-denial="form_token"`) {
		t.Fatalf("close with someone else's form token = %d %q", code, body)
	}
	if got, _ := d.svc.Get(ctx, cs2.ID); got.Status != handoff.StatusAssigned {
		t.Fatalf("case closed with someone else's form token: %+v", got)
	}
	if code, _, _ := b2.Post("/console/cases/"+cs2.ID+"/close", url.Values{"csrf": {token2}, "outcome": {"resolved"}, "confirm": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("close with her own form token = %d", code)
	}
	if got, _ := d.svc.Get(ctx, cs2.ID); got.Status != handoff.StatusClosed {
		t.Fatalf("case after close with her own form token: %+v", got)
	}

	// Throttling: after 5 failures the right password is refused too.
	b3 := consoletest.New(t, d.base)
	for range 5 {
		b3.SignIn("bea", "nope-nope")
	}
	if code, _ := b3.SignIn("bea", "password-bea"); code != http.StatusTooManyRequests {
		t.Fatalf("sign-in after 5 failures = %d", code)
	}
}

// TestExportAndAuditOfReads: an operator can export a case they may read,
// as text, and the export is in the audit log; reading the same case again
// and again (the live page) is logged once; another operator cannot export
// someone else's case.
func TestExportAndAuditOfReads(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, d.svc, "amal", []string{"ar"}, []string{"legal"}, 3)
	addOperator(t, d.svc, "bea", []string{"ar"}, []string{"legal"}, 3)
	tokA, _ := d.svc.Queue().NewToken(ctx, "amal")
	tokB, _ := d.svc.Queue().NewToken(ctx, "bea")
	a := apiClient{t, d.base, tokA}
	cs := open(t, d.svc, "57", "ar", "legal", false)
	if err := d.svc.Queue().Append(ctx, cs.ID, handoff.Entry{By: "person", Text: "أحتاج تجديد الإقامة <b>"}); err != nil {
		t.Fatal(err)
	}
	if code, m := a.do("POST", "/api/v1/cases/"+cs.ID+"/claim", ""); code != 200 {
		t.Fatalf("claim = %d %v", code, m)
	}
	for range 3 {
		if code, m := a.do("GET", "/api/v1/cases/"+cs.ID, ""); code != 200 {
			t.Fatalf("get = %d %v", code, m)
		}
	}
	export := func(token string) (int, string, http.Header) {
		req, _ := http.NewRequest("GET", d.base+"/api/v1/cases/"+cs.ID+"/export", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body), res.Header
	}
	code, body, h := export(tokA)
	if code != 200 || !strings.Contains(body, "person: أحتاج تجديد الإقامة <b>") || !strings.HasPrefix(h.Get("Content-Type"), "text/plain") ||
		!strings.Contains(h.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export = %d %v\n%s", code, h, body)
	}
	if code, _, _ := export(tokB); code != 403 {
		t.Fatalf("export of another operator's case = %d, want 403", code)
	}
	entries, err := d.svc.Queue().Audit(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, e := range entries {
		if e.Case == cs.ID && e.Operator == "amal" {
			count[e.Action]++
		}
	}
	if count["read"] != 1 || count["export"] != 1 || count["claim"] != 1 {
		t.Fatalf("audit of amal on the case = %v, want one claim, one read (three looks within minutes), one export", count)
	}
}
