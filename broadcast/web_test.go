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
)

// campaignsSite serves the console with the campaigns page as
// cmd/frontdoor mounts it, for accounts (password "password-<name>").
func campaignsSite(t *testing.T, f *fixture, accounts ...console.Account) *httptest.Server {
	t.Helper()
	cat := shared.Catalog(t)
	desk := consoletest.NewGate(t, f.rdb, f.keys, cat, accounts...)
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
	return srv
}

func TestConsolePage(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	srv := campaignsSite(t, f,
		console.Account{Name: "olga", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleOutreach}},
		console.Account{Name: "giulia", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleOutreach}, Lang: "it"},
		console.Account{Name: "amal", Languages: []string{"ar"}, Capacity: 1, Roles: []string{console.RoleOutreach}, Lang: "ar"},
		console.Account{Name: "dino", Languages: []string{"it"}, Capacity: 1},
	)
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
	cat := shared.Catalog(t)
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

// heldCampaign serves the campaigns pages to olga (in English), giulia
// (Italian) and amal (Arabic), with campaign "held" to one Italian
// subscriber started but not run: it stays "sending", the page as it is,
// and its status line line (the element's id) is hidden, nothing having
// happened yet.
func heldCampaign(t *testing.T, line string) (*fixture, *httptest.Server) {
	t.Helper()
	ctx := context.Background()
	f := newPacedFixture(t, broadcast.Config{}, nil, nil)
	srv := campaignsSite(t, f,
		console.Account{Name: "olga", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleOutreach}, Lang: "en"},
		console.Account{Name: "giulia", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleOutreach}, Lang: "it"},
		console.Account{Name: "amal", Languages: []string{"ar"}, Capacity: 1, Roles: []string{console.RoleOutreach}, Lang: "ar"},
	)
	f.subscribe(t, tg(1), "it", "jobs")
	if err := f.svc.Create(ctx, campaign("held", "jobs")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Start(ctx, "held"); err != nil {
		t.Fatal(err)
	}
	olga := consoletest.New(t, srv.URL)
	olga.MustSignIn("olga", "password-olga")
	if _, page := olga.Get("/console/campaigns/?id=held"); !strings.Contains(page, `id="`+line+`" role="status" hidden></p>`) {
		t.Fatalf("the %s line shows before anything happened:\n%s", line, page)
	}
	return f, srv
}

// pageSays signs who in, checks that the page of campaign "held" shows
// its status line line saying want, and returns the progress the page
// polls (JSON).
func pageSays(t *testing.T, srv *httptest.Server, who, line, want string) string {
	t.Helper()
	b := consoletest.New(t, srv.URL)
	b.MustSignIn(who, "password-"+who)
	_, page := b.Get("/console/campaigns/?id=held")
	if !strings.Contains(page, `id="`+line+`" role="status">`) || !strings.Contains(page, want) {
		t.Fatalf("%s's page does not say %q:\n%s", who, want, page)
	}
	code, body := b.Get("/console/campaigns/progress?id=held")
	if code != 200 {
		t.Fatalf("progress = %d %q", code, body)
	}
	return body
}

// TestPausedChannelOnThePage: a campaign whose channel is paused (a 429
// here) says so, until when in the desk's time and why, in each
// operator's language, on the page and in the progress the page polls.
func TestPausedChannelOnThePage(t *testing.T) {
	ctx := context.Background()
	f, srv := heldCampaign(t, "paused")
	// The pacing clock and the calendar both start at 09:00 UTC.
	f.svc.PauseChannel(ctx, "telegram", 70*time.Minute)
	for _, tt := range []struct{ who, want string }{
		{"olga", "Paused by Telegram until 10:10 (it asked to send more slowly). Sending goes on by itself then."},
		{"giulia", "In pausa per Telegram fino alle 10:10 (ha chiesto di inviare più lentamente)."},
		{"amal", "\u206610:10\u2069"},
	} {
		body := pageSays(t, srv, tt.who, "paused", tt.want)
		var p struct {
			Paused []struct {
				Channel string `json:"channel"`
				Reason  string `json:"reason"`
			} `json:"paused"`
			PausedLine string `json:"paused_line"`
		}
		if json.Unmarshal([]byte(body), &p) != nil {
			t.Fatalf("progress = %q", body)
		}
		if len(p.Paused) != 1 || p.Paused[0].Channel != "telegram" || p.Paused[0].Reason != "rate_limited" || !strings.Contains(p.PausedLine, tt.want) {
			t.Fatalf("%s's progress %+v, want the pause in words with %q", tt.who, p, tt.want)
		}
	}
}

// TestRefusingOnThePage: a campaign that waits only for recipients the
// platform keeps refusing says so, since when and until when at the
// latest (GiveUpAfter and an outage's longest pause later) in the
// desk's time, in each operator's
// language, on the page and in the progress the page polls.
func TestRefusingOnThePage(t *testing.T) {
	ctx := context.Background()
	f, srv := heldCampaign(t, "refusing")
	// The pacing clock and the calendar both start at 09:00 UTC.
	f.svc.MarkRefusing(ctx, "held", "telegram")
	for _, tt := range []struct{ who, want string }{
		{"olga", "Since 09:00 the campaign waits only for recipients Telegram keeps refusing (server errors). It keeps trying them and ends by itself. By 15:05 at the latest they are counted as failed."},
		{"giulia", "Dalle 09:00 la campagna aspetta ormai solo i destinatari che Telegram continua a rifiutare"},
		{"amal", "\u206615:05\u2069"},
	} {
		body := pageSays(t, srv, tt.who, "refusing", tt.want)
		var p struct {
			Refusing []struct {
				Channel string    `json:"channel"`
				Since   time.Time `json:"since"`
				Until   time.Time `json:"until"`
			} `json:"refusing"`
			RefusingLine string `json:"refusing_line"`
		}
		if json.Unmarshal([]byte(body), &p) != nil {
			t.Fatalf("progress = %q", body)
		}
		if len(p.Refusing) != 1 || p.Refusing[0].Channel != "telegram" || !p.Refusing[0].Until.After(p.Refusing[0].Since.Add(6*time.Hour)) ||
			!strings.Contains(p.RefusingLine, tt.want) {
			t.Fatalf("%s's progress %+v, want the wait in words with %q", tt.who, p, tt.want)
		}
	}
}
