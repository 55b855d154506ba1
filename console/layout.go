package console

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"frontdoor/locales"
)

// files holds the layout and the static files; embed.FS is read-only, so
// this is not mutable state.
//
//go:embed web static
var files embed.FS

// StaticPath is where Static is mounted; the layout links its files there.
const StaticPath = "/console/static/"

// Static serves the console's one stylesheet and one script; mount it at
// StaticPath for GET.
func Static() http.Handler {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // the directory is embedded above
	}
	return http.StripPrefix(StaticPath, http.FileServerFS(sub))
}

// Sections of the console, one per entry of the navigation.
const (
	SectionCases     = "cases"
	SectionAgenda    = "agenda"
	SectionCampaigns = "campaigns"
	SectionStats     = "stats"
	SectionTexts     = "texts"
	SectionWhatsApp  = "whatsapp"
	SectionOperators = "operators"
)

// Paths of the sections, where cmd/frontdoor mounts their pages.
const (
	CasesPath     = "/console/"
	AgendaPath    = "/console/agenda/"
	CampaignsPath = "/console/campaigns/"
	StatsPath     = "/console/stats"
	TextsPath     = "/console/texts/"
	WhatsAppPath  = "/console/whatsapp"
	OperatorsPath = "/console/operators"
)

// navigation is the menu in order, with the role each entry needs: "" for
// every operator, "admin" for admins only.
// Labels are catalogue ids.
var navigation = []struct{ section, label, path, role string }{
	{SectionCases, "console.nav.cases", CasesPath, ""},
	{SectionAgenda, "console.nav.agenda", AgendaPath, RoleStaff},
	{SectionCampaigns, "console.nav.campaigns", CampaignsPath, RoleOutreach},
	{SectionStats, "console.nav.stats", StatsPath, RoleCoordinator},
	{SectionTexts, "console.nav.texts", TextsPath, RoleEditor},
	{SectionWhatsApp, "console.nav.whatsapp", WhatsAppPath, "admin"},
	{SectionOperators, "console.nav.operators", OperatorsPath, "admin"},
}

// Page is what the layout needs of every page: embed it in a page's data
// and start the template with {{template "console.head" .Page}}.
type Page struct {
	Title string
	// Section is the page's entry in the navigation.
	Section string
	Viewer  Viewer
	// CSRF is the session's form token, for the sign-out form.
	CSRF string
}

// NewPage is the layout's data for a page behind Require.
func NewPage(r *http.Request, title, section string) Page {
	v, _ := SignedIn(r)
	return Page{Title: title, Section: section, Viewer: v, CSRF: FormToken(r)}
}

// NavItem is one entry of the navigation; Label is a catalogue id.
type NavItem struct {
	Label, Href string
	Current     bool
}

// Nav is the navigation the viewer may use: every entry whose role they
// have.
func (p Page) Nav() []NavItem {
	var out []NavItem
	for _, n := range navigation {
		switch {
		case n.role == "admin" && !p.Viewer.Admin:
			continue
		case n.role != "" && n.role != "admin" && !p.Viewer.Has(n.role):
			continue
		}
		out = append(out, NavItem{Label: n.label, Href: n.path, Current: n.section == p.Section})
	}
	return out
}

// Funcs are the template helpers every console page may use; cat names
// the languages (nil: pages that show none).
func Funcs(cat *locales.Catalog) template.FuncMap {
	lang := func(tag string) (locales.Language, bool) {
		if cat == nil {
			return locales.Language{}, false
		}
		return cat.Language(tag)
	}
	return template.FuncMap{
		// langName is a language's own name ("Italiano", "العربية").
		"langName": func(tag string) string {
			if l, ok := lang(tag); ok {
				return l.Native
			}
			return tag
		},
		// dir is a language's writing direction, for dir attributes.
		"dir": func(tag string) string {
			if l, ok := lang(tag); ok && l.RTL {
				return "rtl"
			}
			return "ltr"
		},
		"join": strings.Join,
		// t is a console text in the operator's language: {{t .Viewer.Lang
		// "console.nav.cases"}}, with template data as key, value pairs.
		// Without a catalogue, the English built in Fallback.
		"t": func(lang, id string, kv ...any) string {
			if cat == nil {
				return Fallback(id)
			}
			data := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				k, _ := kv[i].(string)
				data[k] = kv[i+1]
			}
			if lang == "" {
				lang = "en"
			}
			return cat.Text(lang, id, data)
		},
		// dict builds a map for passing several values to a template.
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				k, _ := kv[i].(string)
				m[k] = kv[i+1]
			}
			return m
		},
	}
}

// fallback are the layout's own words for pages rendered without a
// catalogue (tests of a single package).
var fallback = map[string]string{
	"console.nav.cases": "Cases", "console.nav.agenda": "Agenda", "console.nav.campaigns": "Campaigns",
	"console.nav.stats": "Statistics", "console.nav.texts": "Texts", "console.nav.whatsapp": "WhatsApp", "console.nav.operators": "Operators",
	"console.signout":      "Sign out",
	"console.signin.title": "Sign in", "console.signin.heading": "Frontdoor console", "console.signin.username": "Username",
	"console.signin.password": "Password", "console.signin.button": "Sign in", "console.signin.wrong": "Wrong username or password.",
}

// Fallback is the English of a layout text, or the id.
func Fallback(id string) string {
	if t, ok := fallback[id]; ok {
		return t
	}
	return id
}

// Templates parses a package's page templates (patterns in pages) over the
// console's layout, with Funcs and the package's own helpers (which may
// override them).
func Templates(cat *locales.Catalog, pages fs.FS, funcs template.FuncMap, patterns ...string) (*template.Template, error) {
	all := Funcs(cat)
	for k, f := range funcs {
		all[k] = f
	}
	t, err := template.New("").Funcs(all).ParseFS(files, "web/*.html")
	if err != nil {
		return nil, fmt.Errorf("console layout: %w", err)
	}
	if t, err = t.ParseFS(pages, patterns...); err != nil {
		return nil, fmt.Errorf("console pages: %w", err)
	}
	return t, nil
}

// Render executes one template into a buffer first, so a template that
// fails half-way gives a clear 500 (in the operator's language, cat's)
// instead of half a page with 200.
func Render(w http.ResponseWriter, r *http.Request, cat *locales.Catalog, t *template.Template, name string, data any, log *slog.Logger) {
	RenderStatus(w, r, cat, t, name, data, http.StatusOK, log)
}

// RenderStatus is Render with another status than 200: a form refused,
// shown again with why.
func RenderStatus(w http.ResponseWriter, r *http.Request, cat *locales.Catalog, t *template.Template, name string, data any, status int, log *slog.Logger) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		if log != nil {
			log.Error("console page", "page", name, "err", err)
		}
		Refuse(w, r, cat, Internal())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
