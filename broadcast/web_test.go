package broadcast_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/broadcast"
	"frontdoor/console"
	"frontdoor/console/consoletest"
	"frontdoor/locales"
)

func TestConsolePage(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	desk := consoletest.NewGate(t, f.rdb, f.keys, cat,
		console.Account{Name: "olga", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleOutreach}},
		console.Account{Name: "giulia", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleOutreach}, Lang: "it"},
		console.Account{Name: "amal", Languages: []string{"ar"}, Capacity: 1, Roles: []string{console.RoleOutreach}, Lang: "ar"},
		console.Account{Name: "dino", Languages: []string{"it"}, Capacity: 1},
	)
	mux := http.NewServeMux()
	mux.Handle("/console/", desk.Handler())
	mux.Handle("GET /console/{$}", consoletest.QueueStandIn(desk))
	pages, err := f.svc.Handler(desk.Require, cat)
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle(console.CampaignsPath, pages)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	for i, lang := range []string{"it", "ar", "uk"} {
		f.subscribe(t, tg(i+1), lang, "permits")
	}

	// Without a session, and without the role.
	if code, _ := consoletest.New(t, srv.URL).Get("/console/campaigns/"); code != http.StatusSeeOther {
		t.Fatalf("no session: GET = %d, want the sign-in page", code)
	}
	if code, _, _ := consoletest.New(t, srv.URL).Post("/console/campaigns/create", url.Values{"id": {"x"}}); code != http.StatusUnauthorized {
		t.Fatalf("no session: POST = %d", code)
	}
	dino := consoletest.New(t, srv.URL)
	dino.MustSignIn("dino", "password-dino")
	if code, _ := dino.Get("/console/campaigns/"); code != http.StatusForbidden {
		t.Fatalf("without the outreach role: GET = %d", code)
	}

	olga := consoletest.New(t, srv.URL)
	olga.MustSignIn("olga", "password-olga")
	code, page := olga.Get("/console/campaigns/")
	if code != 200 || !strings.Contains(page, "New campaign") {
		t.Fatalf("page = %d", code)
	}
	token := consoletest.FormToken(t, page)
	form := url.Values{"id": {"rinnovi"}, "topic": {"permits"}, "fallback": {"it"}, "active_days": {"0"},
		"text_it": {"Nuove regole per il rinnovo del permesso."}, "text_ar": {"قواعد جديدة لتجديد الإقامة."},
		"choice_id": {"legal_permit_renewal.book"}, "label_it": {"Prenota"}, "label_ar": {"احجز"}}
	if code, _, _ := olga.Post("/console/campaigns/create", form); code != http.StatusForbidden {
		t.Fatalf("create without the form token = %d", code)
	}
	form.Set("csrf", token)
	code, loc, _ := olga.Post("/console/campaigns/create", form)
	if code != http.StatusSeeOther || !strings.Contains(loc, "id=rinnovi") {
		t.Fatalf("create = %d %q", code, loc)
	}
	// Preview: everyone, Ukrainian falls back to Italian.
	_, page = olga.Get("/console/campaigns/?id=rinnovi")
	for _, want := range []string{`Recipients: <span id="audience-total">3</span> · Skipped (no text in their language): <span id="audience-skipped">0</span>`, `data-lang="ar">العربية: 1`, `data-lang="it">Italiano: 2`, `data-channel="telegram">Telegram: 3`} {
		if !strings.Contains(page, want) {
			t.Fatalf("campaign page lacks %q:\n%s", want, page)
		}
	}
	// In the language each operator chose: words, not ids; Arabic right
	// to left.
	for _, tt := range []struct {
		who  string
		want []string
	}{
		{"giulia", []string{`<html lang="it" dir="ltr">`, ">Campagne informative<", ">bozza<", ">invia<", ">annulla<", ">Telegram: 3<",
			">Esci<", "> Documenti e permesso di soggiorno<"}},
		{"amal", []string{`<html lang="ar" dir="rtl">`, ">حملات التوعية<", ">مسودة<", ">إرسال<"}},
		{"olga", []string{`<html lang="en" dir="ltr">`, ">Outreach campaigns<", ">draft<", ">send<", ">Sign out<", "> Documents and residence permit<"}},
	} {
		b := consoletest.New(t, srv.URL)
		b.MustSignIn(tt.who, "password-"+tt.who)
		_, page := b.Get("/console/campaigns/?id=rinnovi")
		for _, want := range tt.want {
			if !strings.Contains(page, want) {
				t.Fatalf("%s's campaign page lacks %q:\n%s", tt.who, want, page)
			}
		}
	}
	// A test send to the operator's own chat, outside the figures.
	if code, loc, _ := olga.Post("/console/campaigns/test", url.Values{"csrf": {token}, "id": {"rinnovi"}, "channel": {"telegram"}, "contact": {"999"}, "lang": {"ar"}}); code != http.StatusSeeOther || strings.Contains(loc, "err=") {
		t.Fatalf("test send = %d %q", code, loc)
	}
	if got := f.rec.sent(tg(999)); len(got) != 1 || got[0].Text != "قواعد جديدة لتجديد الإقامة." || !got[0].RTL ||
		len(got[0].Choices) != 1 || got[0].Choices[0] != (bot.Choice{ID: "legal_permit_renewal.book", Label: "احجز"}) {
		t.Fatalf("test send delivered %+v", got)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go f.svc.Run(runCtx)
	if code, loc, _ := olga.Post("/console/campaigns/send", url.Values{"csrf": {token}, "id": {"rinnovi"}}); code != http.StatusSeeOther || strings.Contains(loc, "err=") {
		t.Fatalf("send = %d %q", code, loc)
	}
	// Progress as the page polls it.
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := olga.Get("/console/campaigns/progress?id=rinnovi")
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
	code, csvBody := olga.Get("/console/campaigns/report.csv?id=rinnovi")
	if code != 200 || strings.Count(csvBody, ",sent,") != 3 {
		t.Fatalf("csv = %d %q", code, csvBody)
	}
	// For a spreadsheet, the report speaks the operator's language and
	// stays a CSV; for scripts, ?ids=1 keeps the stable ids.
	it := func(id string) string { return cat.Text("it", id, nil) }
	for _, tt := range []struct {
		path         string
		header, line []string
	}{
		{"/console/campaigns/report.csv?id=rinnovi",
			[]string{it("console.campaigns.csv.channel"), it("console.campaigns.csv.contact"), it("console.campaigns.csv.outcome"), it("console.campaigns.csv.replied"), it("console.campaigns.csv.unsubscribed")},
			[]string{it("console.channel.telegram"), it("console.campaigns.csv.outcome.sent"), it("console.campaigns.csv.no")}},
		{"/console/campaigns/report.csv?id=rinnovi&ids=1",
			[]string{"channel", "contact", "outcome", "replied", "unsubscribed"},
			[]string{"telegram", "sent", "no"}},
	} {
		code, body := olga.Lang("it").Get(tt.path)
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if code != 200 || err != nil || len(rows) != 4 {
			t.Fatalf("%s: %d, %d rows (%v):\n%s", tt.path, code, len(rows), err, body)
		}
		if !slices.Equal(rows[0], tt.header) {
			t.Errorf("%s: header %q, want %q", tt.path, rows[0], tt.header)
		}
		for _, row := range rows[1:] {
			if row[0] != tt.line[0] || row[2] != tt.line[1] || row[3] != tt.line[2] {
				t.Errorf("%s: line %q, want channel %q, outcome %q, replied %q", tt.path, row, tt.line[0], tt.line[1], tt.line[2])
			}
		}
	}
}
