package stats

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"frontdoor/console"
	"frontdoor/locales"
)

//go:embed web/stats.html
var webFS embed.FS

// Handler serves the coordinator's page and the exports, all behind
// authorize (the console's sign-in). It works under any mount point:
// <mount> is the page, <mount>/export.csv and <mount>/export.json the
// exports; every one takes ?from=YYYY-MM-DD&to=YYYY-MM-DD (default: the
// last twelve weeks). The page speaks the coordinator's language from cat.
func (s *Stats) Handler(authorize func(http.Handler) http.Handler, cat *locales.Catalog) http.Handler {
	// Parsed once over the console's layout; a parsed template is safe
	// for concurrent use and never changes.
	page := template.Must(console.Templates(cat, webFS, template.FuncMap{
		"row":    func(lang, table, key string) string { return words{cat, lang}.row(table, key) },
		"cell":   func(lang string, c Cell) string { return words{cat, lang}.cell(c) },
		"column": func(lang, name string) string { return words{cat, lang}.column(name) },
	}, "web/stats.html"))
	return authorize(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			console.Refuse(w, r, cat, console.MethodNotAllowed())
			return
		}
		path := strings.TrimSuffix(r.URL.Path, "/")
		format := ""
		switch {
		case strings.HasSuffix(path, "/export.csv"):
			format, path = "csv", strings.TrimSuffix(path, "/export.csv")
		case strings.HasSuffix(path, "/export.json"):
			format, path = "json", strings.TrimSuffix(path, "/export.json")
		}
		from, to, formErr := s.formRange(r)
		if formErr != nil && format != "" {
			console.Refuse(w, r, cat, badRange())
			return
		}
		rep, err := s.Report(r.Context(), from, to)
		if err != nil {
			slog.Error("stats report failed", "err", err)
			console.Refuse(w, r, cat, console.Internal())
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		switch format {
		case "csv":
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="frontdoor-stats-%s-%s.csv"`, rep.From, rep.To))
			logWriteErr(rep.WriteCSV(w), "csv")
			return
		case "json":
			w.Header().Set("Content-Type", "application/json")
			logWriteErr(rep.WriteJSON(w), "json")
			return
		}
		var buf bytes.Buffer
		viewer, _ := console.SignedIn(r)
		v := s.view(words{cat, viewer.Lang}, rep, path, formErr)
		v.Page = console.NewPage(r, v.words.t("console.nav.stats", nil), console.SectionStats)
		if err := page.ExecuteTemplate(&buf, "stats.html", v); err != nil {
			slog.Error("stats page failed", "err", err)
			console.Refuse(w, r, cat, console.Internal())
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", console.CSP)
		_, err = w.Write(buf.Bytes())
		logWriteErr(err, "page")
	}))
}

// logWriteErr notes a response cut short (the coordinator's browser went
// away, a proxy timed out): the status line is sent, so logging is all
// that is left to do.
func logWriteErr(err error, what string) {
	if err != nil {
		slog.Warn("stats response not written in full", "what", what, "err", err)
	}
}

// formRange reads from and to, defaulting to the twelve weeks up to today.
func (s *Stats) formRange(r *http.Request) (from, to time.Time, err error) {
	now := s.clock().In(s.loc)
	to, from = now, now.AddDate(0, 0, -7*11)
	if v := r.URL.Query().Get("to"); v != "" {
		t, perr := s.ParseDate(v)
		if perr != nil {
			return from, to, fmt.Errorf("to: %w", perr)
		}
		to = t
	}
	if v := r.URL.Query().Get("from"); v != "" {
		f, perr := s.ParseDate(v)
		if perr != nil {
			return now.AddDate(0, 0, -7*11), now, fmt.Errorf("from: %w", perr)
		}
		from = f
	}
	if to.Before(from) {
		return now.AddDate(0, 0, -7*11), now, fmt.Errorf("the end of the range is before its start")
	}
	if _, _, werr := s.Weeks(from, to); werr != nil {
		return now.AddDate(0, 0, -7*11), now, werr
	}
	return from, to, nil
}

type pageView struct {
	Page      console.Page
	words     words
	Report    *Report
	Base      string
	Query     string
	Error     string
	Threshold int64
	Sections  []section
}

// section is one chart with its table.
type section struct {
	ID    string
	Title string
	Chart chart
	Table Table
}

// chart is an SVG bar chart laid out on the server. A withheld count is
// drawn as an outlined stub of fixed height labelled "<5" or "hidden": its
// geometry says nothing about the value.
type chart struct {
	Width, Height int
	Bars          []bar
	Labels        []axisLabel
	Legend        []legendItem
	Summary       string
}

type bar struct {
	X, Y, W, H int
	Fill       string
	Withheld   bool
	Text       string
	TX, TY     int
	Title      string
}

type axisLabel struct {
	X, Y   int
	Text   string
	Anchor string
}

type legendItem struct {
	X, Y  int
	Fill  string
	Label string
}

var palette = []string{"#1b6ca8", "#e07a1f", "#2a9d55", "#b83b5e", "#6a4c93", "#8c6d1f", "#0f8b8d", "#555555"}

func (s *Stats) view(w words, rep *Report, base string, formErr error) pageView {
	if w.lang == "" {
		w.lang = "en"
	}
	v := pageView{words: w, Report: rep, Base: base, Threshold: rep.Threshold}
	v.Query = "from=" + rep.From + "&to=" + rep.To
	if formErr != nil {
		v.Error = console.DenialText(w.cat, w.lang, badRange())
	}
	byID := map[string]Table{}
	for _, t := range rep.Tables {
		byID[t.ID] = t
	}
	add := func(id string, c chart) {
		v.Sections = append(v.Sections, section{ID: id, Title: w.title(byID[id]), Chart: c, Table: byID[id]})
	}
	add("needs", weeklyChart(w, byID["needs"]))
	for _, id := range []string{"languages", "channels", "outcomes", "hours", "weekdays", "campaigns"} {
		add(id, totalsChart(w, byID[id]))
	}
	for _, id := range []string{"sources", "topics", "handoffs", "handoff_reasons", "handoff_urgent", "appointments",
		"appointments_by_desk", "campaigns_by_channel", "campaigns_by_language", "profile_questions", "profile", "people"} {
		add(id, chart{})
	}
	return v
}

// totalsChart draws the range totals of a table, one horizontal bar per row.
func totalsChart(w words, t Table) chart {
	const left, barH, gap, width = 150, 18, 6, 640
	var rows []Row
	for _, r := range t.Rows {
		if r.Key != "total" {
			rows = append(rows, r)
		}
	}
	c := chart{Width: width, Height: len(rows)*(barH+gap) + gap}
	var max int64 = 1
	for _, r := range rows {
		if tc := r.Cells[len(r.Cells)-1]; tc.Exact() && tc.Value > max {
			max = tc.Value
		}
	}
	for i, r := range rows {
		tc := r.Cells[len(r.Cells)-1]
		y := gap + i*(barH+gap)
		label := w.row(t.ID, r.Key)
		c.Labels = append(c.Labels, axisLabel{X: left - 6, Y: y + barH - 4, Text: label, Anchor: "end"})
		b := bar{X: left, Y: y, H: barH, Fill: palette[0], Title: label + ": " + w.cell(tc)}
		if tc.Exact() {
			b.W = int(float64(width-left-60) * float64(tc.Value) / float64(max))
		} else {
			b.W, b.Withheld = 24, true
		}
		b.Text, b.TX, b.TY = w.cell(tc), left+b.W+4, y+barH-4
		c.Bars = append(c.Bars, b)
	}
	c.Summary = w.t("console.stats.totals_summary", map[string]any{"Title": w.title(t)})
	return c
}

// weeklyChart draws grouped vertical bars: for every week, one bar per row.
func weeklyChart(w words, t Table) chart {
	const top, bottom, left, plotH = 10, 40, 10, 200
	var rows []Row
	for _, r := range t.Rows {
		if r.Key != "total" {
			rows = append(rows, r)
		}
	}
	weeks := len(t.Columns) - 1
	barW := 16
	// Room for the week's name under every group.
	groupW := max(len(rows)*barW+16, 72)
	c := chart{Width: max(left*2+max(weeks, 1)*groupW, 4*150+left), Height: top + plotH + bottom + 20*((len(rows)+3)/4)}
	var mx int64 = 1
	for _, r := range rows {
		for _, cell := range r.Cells[:weeks] {
			if cell.Exact() && cell.Value > mx {
				mx = cell.Value
			}
		}
	}
	for wk := 0; wk < weeks; wk++ {
		gx := left + wk*groupW
		c.Labels = append(c.Labels, axisLabel{X: gx + groupW/2, Y: top + plotH + 16, Text: t.Columns[wk], Anchor: "middle"})
		for i, r := range rows {
			cell := r.Cells[wk]
			b := bar{X: gx + i*barW, W: barW - 2, Fill: palette[i%len(palette)], Title: w.row(t.ID, r.Key) + ", " + t.Columns[wk] + ": " + w.cell(cell)}
			if cell.Exact() {
				b.H = int(float64(plotH) * float64(cell.Value) / float64(mx))
			} else {
				b.H, b.Withheld = 12, true
			}
			b.Y = top + plotH - b.H
			c.Bars = append(c.Bars, b)
		}
	}
	for i, r := range rows {
		c.Legend = append(c.Legend, legendItem{X: left + (i%4)*150, Y: top + plotH + 34 + (i/4)*20, Fill: palette[i%len(palette)], Label: w.row(t.ID, r.Key)})
	}
	c.Summary = w.t("console.stats.weekly_summary", nil)
	return c
}

// badRange refuses dates that cannot be read, or an end before the start;
// which one is plain on the form.
func badRange() console.Denial {
	return console.Denial{Status: http.StatusBadRequest, Code: "bad_range", Text: "console.refuse.bad_range"}
}
