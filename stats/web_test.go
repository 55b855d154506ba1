package stats

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/console"
	"frontdoor/internal/browsertest"
	"frontdoor/locales"
)

// deskData fills four weeks with a mix of large and small counts.
func deskData(t *testing.T, s *Stats, c *clock) {
	t.Helper()
	ctx := context.Background()
	id := 0
	emit := func(at time.Time, n int, e bot.Event, ch string) {
		c.set(at)
		for range n {
			id++
			if err := s.HandleEvent(ctx, bot.Contact{Channel: ch, ID: fmt.Sprint(id)}, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	for w := range 4 {
		mon := time.Date(2026, 11, 2+7*w, 9, 15, 0, 0, time.UTC)
		emit(mon, 12+w, need("legal", "permit", "ar"), "telegram")
		emit(mon.Add(26*time.Hour), 7, need("work", "cv", "it"), "whatsapp")
		emit(mon.Add(50*time.Hour), 1+w%3, need("health", "", "uk"), "web")
		emit(mon.Add(3*time.Hour), 2, bot.HandoffRequested{Area: "legal", Reason: "asked", Lang: "ar"}, "telegram")
		c.set(mon.Add(4 * time.Hour))
		for range 6 {
			if err := s.RecordOutcome(ctx, "legal", "ar", "telegram", "resolved"); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.RecordOutcome(ctx, "work", "it", "whatsapp", "referred"); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordAppointmentStatus(ctx, fmt.Sprint("W", w), "torino", "legal", "booked"); err != nil {
			t.Fatal(err)
		}
	}
}

func denyWithout(header string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("X-Signed-In") != header && r.URL.Query().Get("signed") != header {
				http.Error(w, "sign in", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func TestHandlerRoutesAndAuthorize(t *testing.T) {
	c := newClock(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	deskData(t, s, c)
	c.set(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC))
	mux := http.NewServeMux()
	h := s.Handler(denyWithout("yes"), catalog(t))
	mux.Handle("/console/stats", h)
	mux.Handle("/console/stats/", h)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	get := func(path string, signed bool) (int, string, string) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if signed {
			req.Header.Set("X-Signed-In", "yes")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Content-Type"), string(b)
	}
	q := "?from=2026-11-02&to=2026-11-29"
	for _, tc := range []struct {
		path   string
		signed bool
		code   int
		ctype  string
		has    string
	}{
		{"/console/stats" + q, false, 401, "", ""},
		{"/console/stats/export.csv" + q, false, 401, "", ""},
		{"/console/stats/export.json" + q, false, 401, "", ""},
		{"/console/stats" + q, true, 200, "text/html", "<svg"},
		{"/console/stats/export.csv" + q, true, 200, "text/csv", "needs,legal,2026-W45,12"},
		{"/console/stats/export.json" + q, true, 200, "application/json", `"from": "2026-11-02"`},
		{"/console/stats/export.csv?from=2026-13-01", true, 400, "", ""},
		{"/console/stats", true, 200, "text/html", "2026-W49"},
	} {
		code, ctype, body := get(tc.path, tc.signed)
		if code != tc.code || !strings.HasPrefix(ctype, tc.ctype) || !strings.Contains(body, tc.has) {
			t.Errorf("GET %s: %d %s, want %d %s containing %q", tc.path, code, ctype, tc.code, tc.ctype, tc.has)
		}
	}
}

// TestPageInBrowser renders the page in a real headless Chromium: the SVG
// charts are there, and no count below the threshold appears as a number
// anywhere in the page's text, titles or labels.
func TestPageInBrowser(t *testing.T) {
	browsertest.Skip(t)
	c := newClock(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	deskData(t, s, c)
	mux := http.NewServeMux()
	mux.Handle("/console/stats", s.Handler(denyWithout("yes"), catalog(t)))
	mux.Handle("/console/stats/", s.Handler(denyWithout("yes"), catalog(t)))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	bctx := browsertest.New(t)

	if err := chromedp.Do(bctx,
		chromedp.Navigate(srv.URL+"/console/stats?signed=yes&from=2026-11-02&to=2026-11-29"),
		chromedp.WaitVisible(chromedp.CSS("section#needs svg.chart")),
	); err != nil {
		t.Fatal(err)
	}
	charts, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll("svg.chart").length`))
	if err != nil {
		t.Fatal(err)
	}
	if charts < 6 {
		t.Errorf("%d SVG charts, want at least 6", charts)
	}
	tables, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll("section table").length`))
	if err != nil {
		t.Fatal(err)
	}
	if tables < charts {
		t.Errorf("%d tables for %d charts: every chart needs its table", tables, charts)
	}
	// Everything a reader or a screen reader can get: visible text, SVG
	// text and titles, aria labels, attribute-free.
	text, err := chromedp.Run(bctx, chromedp.Evaluate[string](`[document.body.innerText,
		...Array.from(document.querySelectorAll("svg text, svg title")).map(e => e.textContent),
		...Array.from(document.querySelectorAll("[aria-label]")).map(e => e.getAttribute("aria-label"))].join("\n")`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "<5") {
		t.Error(`no "<5" on the page: the data has small counts`)
	}
	if !strings.Contains(text, "12") {
		t.Error("the legal count 12 of week 45 is missing")
	}
	for _, m := range regexp.MustCompile(`\d+`).FindAllString(text, -1) {
		if n, _ := strconv.Atoi(m); n >= 1 && n < 5 && !strings.HasPrefix(m, "0") {
			i := strings.Index(text, m)
			t.Errorf("the number %s appears on the page (…%s…)", m, text[max(0, i-40):min(len(text), i+40)])
			break
		}
	}
	// The date form works without JavaScript libraries: a GET.
	if err := chromedp.Do(bctx,
		chromedp.SetValue(chromedp.ID("from"), "2026-11-16"),
		chromedp.SetValue(chromedp.ID("to"), "2026-11-22"),
		chromedp.Evaluate[chromedp.Void](`(() => { const f = document.getElementById("range"); const i = document.createElement("input"); i.type = "hidden"; i.name = "signed"; i.value = "yes"; f.appendChild(i); })()`),
		chromedp.Click(chromedp.ID("show")),
	); err != nil {
		t.Fatal(err)
	}
	// Poll from Go: a navigation interrupts any wait inside the page.
	for deadline := time.Now().Add(20 * time.Second); ; {
		ok, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`location.search.includes("from=2026-11-16") && document.readyState === "complete" && !!document.querySelector("section#needs svg.chart")`))
		if err == nil && ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page for the chosen week did not load: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	heads, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("section#needs thead")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(heads, "2026-W47") || strings.Contains(heads, "2026-W46") {
		t.Errorf("after choosing one week the columns are %q", heads)
	}
}

// connSetup are the commands of a new connection, not of the report.
var connSetup = map[string]bool{"hello": true, "select": true, "client": true, "auth": true}

// roundTrips counts commands and pipelines sent to Redis.
type roundTrips struct{ n atomic.Int64 }

func (h *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if !connSetup[cmd.Name()] {
			h.n.Add(1)
		}
		return next(ctx, cmd)
	}
}

func (h *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if !connSetup[cmds[0].Name()] {
			h.n.Add(1)
		}
		return next(ctx, cmds)
	}
}

// TestReportRoundTrips: a report reads Redis in a fixed number of round
// trips, not a few per week.
func TestReportRoundTrips(t *testing.T) {
	c := newClock(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC))
	s, rdb, _ := newStats(t, Config{}, c)
	deskData(t, s, c)
	h := &roundTrips{}
	rdb.AddHook(h)
	from, _ := s.ParseDate("2025-01-06")
	to, _ := s.ParseDate("2026-11-29")
	rep, err := s.Report(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Weeks) < 90 {
		t.Fatalf("%d weeks", len(rep.Weeks))
	}
	if n := h.n.Load(); n > 2 {
		t.Errorf("%d round trips to Redis for %d weeks, want 2", n, len(rep.Weeks))
	}
	// The same numbers as a report of the weeks with data alone.
	from, _ = s.ParseDate("2026-11-02")
	short, err := s.Report(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	cells := func(r *Report) map[string]string {
		out := map[string]string{}
		for _, tb := range r.Tables {
			for _, row := range tb.Rows {
				for i, cell := range row.Cells {
					out[tb.ID+","+row.Key+","+tb.Columns[i]] = cell.String()
				}
			}
		}
		return out
	}
	long := cells(rep)
	for k, v := range cells(short) {
		if !strings.HasSuffix(k, ",total") && long[k] != v {
			t.Errorf("%s = %q in the long report, %q in the short one", k, long[k], v)
		}
	}
	if long["needs,legal,total"] != "54" || long["people,legal,total"] != "50+" {
		t.Errorf("legal over the range: %s conversations, %s people", long["needs,legal,total"], long["people,legal,total"])
	}
}

// failingWriter is a response whose client went away after the headers.
type failingWriter struct{ header http.Header }

func (f *failingWriter) Header() http.Header       { return f.header }
func (f *failingWriter) WriteHeader(int)           {}
func (f *failingWriter) Write([]byte) (int, error) { return 0, errors.New("connection reset") }

// TestHandlerLogsWriteErrors: a page or an export cut short is logged, not
// dropped silently.
func TestHandlerLogsWriteErrors(t *testing.T) {
	c := newClock(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	var logs bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	defer slog.SetDefault(prev)
	h := s.Handler(func(next http.Handler) http.Handler { return next }, catalog(t))
	for _, path := range []string{"/stats", "/stats/export.csv", "/stats/export.json"} {
		logs.Reset()
		h.ServeHTTP(&failingWriter{header: http.Header{}}, httptest.NewRequest("GET", path+"?from=2026-11-02&to=2026-11-29", nil))
		if !strings.Contains(logs.String(), "connection reset") {
			t.Errorf("GET %s: the failed write is not logged (%q)", path, logs.String())
		}
	}
}

// TestPageAtEachSize: on a phone and on a desktop the page is on the
// console's layout, styled, whole, within the window (wide charts and
// tables scroll in their own box), with nothing blocked by the console's
// Content-Security-Policy, and the menu marks it.
func TestPageAtEachSize(t *testing.T) {
	browsertest.Skip(t)
	c := newClock(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	deskData(t, s, c)
	signedIn := func(next http.Handler) http.Handler {
		return console.Headers(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			v := console.Viewer{Name: "carla", Roles: []string{console.RoleCoordinator}}
			next.ServeHTTP(w, r.WithContext(console.WithViewer(r.Context(), v, "token")))
		}))
	}
	mux := http.NewServeMux()
	mux.Handle("/console/static/", console.Static())
	mux.Handle("/console/stats", s.Handler(signedIn, catalog(t)))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, size := range browsertest.Sizes() {
		t.Run(size.Name, func(t *testing.T) {
			bctx := browsertest.New(t)
			if err := chromedp.Do(bctx, browsertest.RecordCSP(), size.Emulate(),
				chromedp.Navigate(srv.URL+"/console/stats?from=2026-11-02&to=2026-11-29"),
				chromedp.WaitVisible(chromedp.CSS("section#needs svg.chart")),
			); err != nil {
				t.Fatal(err)
			}
			browsertest.MustBeWhole(t, bctx, "the statistics")
			current, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`nav.menu a[aria-current="page"]`)))
			if err != nil || current != "Statistics" {
				t.Fatalf("current menu entry %q (%v)", current, err)
			}
		})
	}
}

func catalog(t *testing.T) *locales.Catalog {
	t.Helper()
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestPageInEveryLanguage: the statistics speak the coordinator's
// language, every one of the catalogues: headings, tables, the form, and
// rows by name (areas, channels, outcomes, days), never by id.
func TestPageInEveryLanguage(t *testing.T) {
	c := newClock(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	deskData(t, s, c)
	cat := catalog(t)
	var lang string
	signedIn := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			v := console.Viewer{Name: "carla", Roles: []string{console.RoleCoordinator}, Lang: lang}
			next.ServeHTTP(w, r.WithContext(console.WithViewer(r.Context(), v, "token")))
		})
	}
	h := s.Handler(signedIn, cat)
	raw := regexp.MustCompile(`console\.[a-z_]+\.[a-z_]|<no value>|<th scope="row">(legal|work|health|no_show|telegram|whatsapp|1|0)<`)
	for _, l := range cat.Languages() {
		lang = l.Tag
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/console/stats?from=2026-11-02&to=2026-11-29", nil))
		page := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", l.Tag, rec.Code, page)
		}
		for _, id := range []string{"console.stats.heading", "console.stats.show", "console.stats.table.needs", "console.stats.table.outcomes",
			"console.stats.total", "console.stats.category", "console.stats.hour", "area.legal", "area.work", "console.outcome.resolved",
			"console.outcome.referred", "console.channel.whatsapp", "console.agenda.status.booked", "format.weekday.1", "console.stats.urgent"} {
			if want := html.EscapeString(cat.Text(l.Tag, id, nil)); !strings.Contains(page, want) {
				t.Errorf("%s: the statistics lack %s %q", l.Tag, id, want)
			}
		}
		if bad := raw.FindString(page); bad != "" {
			t.Errorf("%s: the statistics show %q", l.Tag, bad)
		}
	}
}
