package broadcast_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/broadcast"
	"frontdoor/handoff"
	"frontdoor/locales"
)

type browser struct {
	t    *testing.T
	base string
	c    *http.Client
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) get(path string) (int, string) {
	b.t.Helper()
	res, err := b.c.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func (b *browser) post(path string, form url.Values) (int, string) {
	b.t.Helper()
	res, err := b.c.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, res.Header.Get("Location")
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t *testing.T, page string) string {
	t.Helper()
	m := csrfRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no form token in the page:\n%s", page)
	}
	return m[1]
}

func (b *browser) signIn(user string) {
	b.t.Helper()
	_, page := b.get("/console/login")
	if code, _ := b.post("/console/login", url.Values{"csrf": {csrfOf(b.t, page)}, "username": {user}, "password": {"password-" + user}}); code != http.StatusSeeOther {
		b.t.Fatalf("sign in %s = %d", user, code)
	}
}

func TestConsolePage(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	desk, err := handoff.New(f.rdb, f.keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4})
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range []handoff.Operator{
		{Name: "olga", Languages: []string{"it"}, Capacity: 1, Roles: []string{handoff.RoleOutreach}},
		{Name: "dino", Languages: []string{"it"}, Capacity: 1},
	} {
		if err := desk.SaveOperator(ctx, op, "password-"+op.Name); err != nil {
			t.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/console/", desk.Handler())
	mux.Handle("/console/campaigns/", http.StripPrefix("/console/campaigns", f.svc.Handler(desk.Require)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	for i, lang := range []string{"it", "ar", "uk"} {
		f.subscribe(t, tg(i+1), lang, "permits")
	}

	// Without a session, and without the role.
	if code, _ := newBrowser(t, srv.URL).get("/console/campaigns/"); code != http.StatusSeeOther {
		t.Fatalf("no session: GET = %d, want the sign-in page", code)
	}
	if code, _ := newBrowser(t, srv.URL).post("/console/campaigns/create", url.Values{"id": {"x"}}); code != http.StatusUnauthorized {
		t.Fatalf("no session: POST = %d", code)
	}
	dino := newBrowser(t, srv.URL)
	dino.signIn("dino")
	if code, _ := dino.get("/console/campaigns/"); code != http.StatusForbidden {
		t.Fatalf("without the outreach role: GET = %d", code)
	}

	olga := newBrowser(t, srv.URL)
	olga.signIn("olga")
	code, page := olga.get("/console/campaigns/")
	if code != 200 || !strings.Contains(page, "New campaign") {
		t.Fatalf("page = %d", code)
	}
	token := csrfOf(t, page)
	form := url.Values{"id": {"rinnovi"}, "topic": {"permits"}, "fallback": {"it"}, "active_days": {"0"},
		"text_it": {"Nuove regole per il rinnovo del permesso."}, "text_ar": {"قواعد جديدة لتجديد الإقامة."},
		"choice_id": {"legal_permit_renewal.book"}, "label_it": {"Prenota"}, "label_ar": {"احجز"}}
	if code, _ := olga.post("/console/campaigns/create", form); code != http.StatusForbidden {
		t.Fatalf("create without the form token = %d", code)
	}
	form.Set("csrf", token)
	code, loc := olga.post("/console/campaigns/create", form)
	if code != http.StatusSeeOther || !strings.Contains(loc, "id=rinnovi") {
		t.Fatalf("create = %d %q", code, loc)
	}
	// Preview: everyone, Ukrainian falls back to Italian.
	_, page = olga.get("/console/campaigns/?id=rinnovi")
	for _, want := range []string{"3 recipients, 0 skipped", "ar 1", "it 2", "telegram 3"} {
		if !strings.Contains(page, want) {
			t.Fatalf("campaign page lacks %q:\n%s", want, page)
		}
	}
	// A test send to the operator's own chat, outside the figures.
	if code, loc := olga.post("/console/campaigns/test", url.Values{"csrf": {token}, "id": {"rinnovi"}, "channel": {"telegram"}, "contact": {"999"}, "lang": {"ar"}}); code != http.StatusSeeOther || strings.Contains(loc, "err=") {
		t.Fatalf("test send = %d %q", code, loc)
	}
	if got := f.rec.sent(tg(999)); len(got) != 1 || got[0].Text != "قواعد جديدة لتجديد الإقامة." || !got[0].RTL ||
		len(got[0].Choices) != 1 || got[0].Choices[0] != (bot.Choice{ID: "legal_permit_renewal.book", Label: "احجز"}) {
		t.Fatalf("test send delivered %+v", got)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go f.svc.Run(runCtx)
	if code, loc := olga.post("/console/campaigns/send", url.Values{"csrf": {token}, "id": {"rinnovi"}}); code != http.StatusSeeOther || strings.Contains(loc, "err=") {
		t.Fatalf("send = %d %q", code, loc)
	}
	// Progress as the page polls it.
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := olga.get("/console/campaigns/progress?id=rinnovi")
		var p struct {
			Status string `json:"status"`
			Done   int    `json:"done"`
			Total  int    `json:"total"`
		}
		if code != 200 || json.Unmarshal([]byte(body), &p) != nil {
			t.Fatalf("progress = %d %q", code, body)
		}
		if p.Status == broadcast.StatusDone {
			if p.Done != 3 || p.Total != 3 {
				t.Fatalf("progress at the end %+v", p)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still %+v", p)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := f.rec.sent(tg(3)); len(got) != 1 || got[0].Text != "Nuove regole per il rinnovo del permesso." {
		t.Fatalf("Ukrainian subscriber got %+v, want the Italian fallback", got)
	}
	code, csvBody := olga.get("/console/campaigns/report.csv?id=rinnovi")
	if code != 200 || strings.Count(csvBody, ",sent,") != 3 {
		t.Fatalf("csv = %d %q", code, csvBody)
	}
}
