package console

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// errBadCapacity refuses a capacity that is not a number from 1 to 50.
var errBadCapacity = errors.New("capacity: a number of open cases from 1 to 50")

// AuditPath is the audit log's old address, sent to the operators page.
const AuditPath = "/console/audit"

// auditShown is how many of the latest audit entries the operators page
// shows.
const auditShown = 300

func (g *Gate) operatorRoutes() {
	m := g.mux
	admin := func(h http.HandlerFunc) http.Handler { return g.Require("admin", h) }
	m.Handle("GET "+OperatorsPath, admin(g.operatorsPage))
	m.Handle("POST "+OperatorsPath+"/save", admin(g.saveOperator))
	m.Handle("POST "+OperatorsPath+"/{name}/password", admin(g.resetPassword))
	m.Handle("POST "+OperatorsPath+"/{name}/token", admin(g.rotateToken))
	m.HandleFunc("GET "+AuditPath, func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, OperatorsPath+"#audit", http.StatusMovedPermanently)
	})
}

// funcs are the helpers of the console's own pages.
func (g *Gate) funcs() template.FuncMap {
	return template.FuncMap{
		"has":    func(xs []string, x string) bool { return slices.Contains(xs, x) },
		"opPath": operatorPath,
		// auditAction names an action of the audit log in the operator's
		// language; the log keeps the stable id (data-action), and an
		// action of a newer version without words shows as it is.
		"auditAction": func(lang, id string) string {
			for _, key := range []string{"console.audit.action." + id, "console.editor.action." + id, "console.editor.action." + strings.TrimPrefix(id, "text-")} {
				if t := g.text(lang, key, nil); t != key {
					return t
				}
			}
			return id
		},
		"auditDetail": g.auditDetail,
		// areaName names an area as the menu of the conversation does
		// ("Work"), in the operator's language.
		"areaName": func(lang, area string) string {
			if t := g.text(lang, "area."+area, nil); t != "area."+area {
				return t
			}
			return area
		},
		// areaNames lists an account's areas by their names.
		"areaNames": g.areaNames,
		// langNames lists an account's languages by their own names.
		"langNames": g.langNames,
	}
}

func (g *Gate) areaNames(lang string, areas []string) string {
	names := make([]string, len(areas))
	for i, a := range areas {
		if a == "*" {
			names[i] = g.text(lang, "console.operators.every_area", nil)
			continue
		}
		if t := g.text(lang, "area."+a, nil); t != "area."+a {
			a = t
		}
		names[i] = a
	}
	return strings.Join(names, ", ")
}

func (g *Gate) langNames(lang string, langs []string) string {
	names := make([]string, len(langs))
	for i, l := range langs {
		switch {
		case l == "*":
			names[i] = g.text(lang, "console.operators.any_language", nil)
		case g.cat != nil:
			if ll, ok := g.cat.Language(l); ok {
				l = ll.Native
			}
			names[i] = l
		default:
			names[i] = l
		}
	}
	return strings.Join(names, ", ")
}

// auditDetail is an audit entry's detail in the operator's language. The
// log keeps what each package wrote, in words no operator reads (an
// account's settings as describe writes them, "to amina", an outcome's
// id, a language code, "it menu.prompt v3"): they are put into words
// here, when shown, so that entries written by any version read alike. A
// detail of a form this does not know shows as it is.
func (g *Gate) auditDetail(lang, action, detail string) string {
	words := func(id string, data map[string]any) (string, bool) {
		t := g.text(lang, id, data)
		return t, t != id
	}
	switch action {
	case "operator-add", "operator-edit":
		if acc, ok := described(detail); ok {
			parts := []string{g.langNames(lang, acc.Languages)}
			if len(acc.Areas) > 0 {
				parts = append(parts, g.areaNames(lang, acc.Areas))
			} else {
				parts = append(parts, g.text(lang, "console.operators.no_area", nil))
			}
			parts = append(parts, g.text(lang, "console.operators.capacity", map[string]any{"Count": acc.Capacity}))
			for _, r := range acc.Roles {
				parts = append(parts, g.text(lang, roleText(r), nil))
			}
			if acc.Admin {
				parts = append(parts, g.text(lang, "console.operators.admin", nil))
			}
			return acc.Name + ": " + strings.Join(parts, " · ")
		}
	case "transfer":
		if to, ok := strings.CutPrefix(detail, "to "); ok {
			if to == "queue" {
				if t, ok := words("console.case.to_queue", nil); ok {
					return t
				}
			} else if t, ok := words("console.audit.detail.to", map[string]any{"Name": to}); ok {
				return t
			}
		}
	case "close":
		if t, ok := words("console.outcome."+detail, nil); ok {
			return t
		}
	case "canned":
		return g.langNames(lang, []string{detail})
	}
	if strings.HasPrefix(action, "text-") || strings.HasPrefix(action, "voice-") {
		// "it menu.prompt v3", "it menu.prompt 0123abcd4567 12 KiB".
		f := strings.Fields(detail)
		if len(f) < 2 {
			return detail
		}
		parts := []string{g.langNames(lang, f[:1]), f[1]}
		rest := f[2:]
		if len(rest) == 1 && strings.HasPrefix(rest[0], "v") {
			if n, err := strconv.Atoi(rest[0][1:]); err == nil {
				v, _ := words("console.audit.detail.version", map[string]any{"N": n})
				parts, rest = append(parts, v), nil
			}
		}
		if len(rest) == 3 && rest[2] == "KiB" {
			if n, err := strconv.Atoi(rest[1]); err == nil {
				size, _ := words("console.case.size", map[string]any{"KB": n})
				parts, rest = append(parts, rest[0], size), nil
			}
		}
		return strings.Join(append(parts, rest...), " · ")
	}
	return detail
}

// described reads back an account's settings as describe wrote them.
func described(detail string) (Account, bool) {
	name, rest, ok := strings.Cut(detail, ": ")
	if !ok {
		return Account{}, false
	}
	acc := Account{Name: name}
	list := func(s string) []string {
		if s == "-" || s == "" {
			return nil
		}
		return strings.Split(s, ",")
	}
	for _, part := range strings.Split(rest, "; ") {
		key, value, _ := strings.Cut(part, " ")
		switch key {
		case "languages":
			acc.Languages = list(value)
		case "areas":
			acc.Areas = list(value)
		case "capacity":
			n, err := strconv.Atoi(value)
			if err != nil {
				return Account{}, false
			}
			acc.Capacity = n
		case "roles":
			acc.Roles = list(value)
		case "admin":
			acc.Admin = true
		default:
			return Account{}, false
		}
	}
	return acc, true
}

type operatorsData struct {
	Page      Page
	Operators []Account
	Languages []string
	Areas     []string
	Roles     []string
	Audit     []AuditEntry
	// Flash says what the last form did; Error what was wrong with it.
	Flash, Error string
	// Token is a new API token, shown once: it is never in an address.
	Token, TokenOf string
	// Form is what the admin typed in a refused add form, kept.
	Form Account
}

// flash is the operators page's message after a form, by the code in its
// address (?m=: saved, added, password), so no free text goes through the
// address; an unknown code says nothing.
func (g *Gate) flash(lang, code string) string {
	switch code {
	case "saved", "added", "password":
		return g.text(lang, "console.operators.flash."+code, nil)
	}
	return ""
}

func (g *Gate) operatorsData(r *http.Request) (operatorsData, error) {
	ctx := r.Context()
	ops, err := g.acc.List(ctx)
	if err != nil {
		return operatorsData{}, err
	}
	audit, err := g.acc.Audit(ctx, auditShown)
	if err != nil {
		return operatorsData{}, err
	}
	v, _ := SignedIn(r)
	return operatorsData{Page: NewPage(r, g.text(v.Lang, "console.nav.operators", nil), SectionOperators), Operators: ops,
		Languages: g.acc.Languages(), Areas: g.acc.Areas(), Roles: Roles(), Audit: audit, Flash: g.flash(v.Lang, r.URL.Query().Get("m")),
		Form: Account{Capacity: 3}}, nil
}

func (g *Gate) operatorsPage(rw http.ResponseWriter, r *http.Request) {
	d, err := g.operatorsData(r)
	if err != nil {
		g.fail(rw, r, err)
		return
	}
	Render(rw, r, g.cat, g.pages, "operators.html", d, g.log)
}

// refusal says in the operator's language why a form was refused: the
// catalogue message id, with the operator's name concerned.
func (g *Gate) refusal(r *http.Request, id, name string) string {
	v, _ := SignedIn(r)
	return g.text(v.Lang, id, map[string]any{"Name": name})
}

// accountRefusal explains an account's settings refused by Accounts.Check
// or Save; a value no form of the page sends (a crafted request) is named
// as it is.
func (g *Gate) accountRefusal(r *http.Request, err error) string {
	for _, e := range []struct {
		err error
		id  string
	}{
		{ErrBadName, "console.operators.error.bad_name"},
		{ErrNoLanguage, "console.operators.error.no_language"},
		{ErrNeedPassword, "console.operators.error.no_password"},
		{ErrShortPassword, "console.operators.error.short_password"},
	} {
		if errors.Is(err, e.err) {
			return g.refusal(r, e.id, "")
		}
	}
	v, _ := SignedIn(r)
	return g.text(v.Lang, "console.operators.error.unknown_value", map[string]any{"What": err.Error()})
}

// refuse shows the page again with what was wrong, keeping what was typed
// in the add form.
func (g *Gate) refuse(rw http.ResponseWriter, r *http.Request, msg string, form Account) {
	d, err := g.operatorsData(r)
	if err != nil {
		g.fail(rw, r, err)
		return
	}
	d.Error = msg
	if form.Name != "" {
		d.Form = form
	}
	rw.WriteHeader(http.StatusBadRequest)
	Render(rw, r, g.cat, g.pages, "operators.html", d, g.log)
}

// accountForm reads an account's settings from the add or edit form.
func accountForm(r *http.Request) (Account, error) {
	capacity, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("capacity")))
	if err != nil || capacity < 1 || capacity > 50 {
		return Account{}, errBadCapacity
	}
	return Account{
		Name:      strings.TrimSpace(r.PostFormValue("name")),
		Languages: r.PostForm["languages"],
		Areas:     r.PostForm["areas"],
		Roles:     r.PostForm["roles"],
		Capacity:  capacity,
		Admin:     r.PostFormValue("admin") == "1",
		Lang:      r.PostFormValue("lang"),
	}, nil
}

// saveOperator adds an account (form field "new") or changes one's
// languages, areas, capacity, roles and console language.
func (g *Gate) saveOperator(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, _ := SignedIn(r)
	acc, err := accountForm(r)
	if err != nil {
		g.refuse(rw, r, g.refusal(r, "console.operators.error.capacity", ""), acc)
		return
	}
	isNew := r.PostFormValue("new") == "1"
	exists, err := g.acc.Exists(ctx, acc.Name)
	if err != nil {
		g.fail(rw, r, err)
		return
	}
	password := ""
	switch {
	case isNew && exists:
		g.refuse(rw, r, g.refusal(r, "console.operators.error.exists", acc.Name), acc)
		return
	case isNew:
		password = r.PostFormValue("password")
		if password == "" {
			g.refuse(rw, r, g.refusal(r, "console.operators.error.no_password", ""), acc)
			return
		}
	case !exists:
		g.refuse(rw, r, g.refusal(r, "console.operators.error.no_such", acc.Name), Account{})
		return
	}
	if !isNew && !acc.Admin {
		// The desk must keep someone who can manage accounts.
		if ok, err := g.otherAdmin(r, acc.Name); err != nil {
			g.fail(rw, r, err)
			return
		} else if !ok {
			g.refuse(rw, r, g.refusal(r, "console.operators.error.last_admin", acc.Name), Account{})
			return
		}
	}
	if err := g.acc.Save(ctx, acc, password); err != nil {
		g.refuse(rw, r, g.accountRefusal(r, err), acc)
		return
	}
	action, flash := "operator-edit", "saved"
	if isNew {
		action, flash = "operator-add", "added"
	}
	g.record(r, v.Name, action, describe(acc))
	http.Redirect(rw, r, OperatorsPath+"?m="+flash, http.StatusSeeOther)
}

// otherAdmin reports whether an admin other than name exists.
func (g *Gate) otherAdmin(r *http.Request, name string) (bool, error) {
	ops, err := g.acc.List(r.Context())
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(ops, func(a Account) bool { return a.Admin && a.Name != name }), nil
}

// describe is an account's settings for the audit log (never a password).
func describe(a Account) string {
	s := a.Name + ": languages " + strings.Join(a.Languages, ",") + "; areas " + orDash(strings.Join(a.Areas, ",")) +
		"; capacity " + strconv.Itoa(a.Capacity) + "; roles " + orDash(strings.Join(a.Roles, ","))
	if a.Admin {
		s += "; admin"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (g *Gate) record(r *http.Request, by, action, detail string) {
	if err := g.acc.Record(r.Context(), by, action, "", detail); err != nil {
		g.log.Warn("auditing an account change", "action", action, "err", err)
	}
}

func (g *Gate) resetPassword(rw http.ResponseWriter, r *http.Request) {
	v, _ := SignedIn(r)
	name := r.PathValue("name")
	err := g.acc.SetPassword(r.Context(), name, r.PostFormValue("password"))
	switch {
	case errors.Is(err, ErrNoAccount):
		g.refuse(rw, r, g.refusal(r, "console.operators.error.no_such", name), Account{})
		return
	case errors.Is(err, ErrShortPassword):
		g.refuse(rw, r, g.refusal(r, "console.operators.error.short_password", name), Account{})
		return
	case err != nil:
		g.fail(rw, r, err)
		return
	}
	g.record(r, v.Name, "password-reset", name)
	if name == v.Name {
		// Their own sessions ended with the old account id.
		http.Redirect(rw, r, LoginPath, http.StatusSeeOther)
		return
	}
	http.Redirect(rw, r, OperatorsPath+"?m=password", http.StatusSeeOther)
}

// rotateToken gives an operator a new API token and shows it once, in the
// page itself (never in an address, where logs would keep it).
func (g *Gate) rotateToken(rw http.ResponseWriter, r *http.Request) {
	v, _ := SignedIn(r)
	name := r.PathValue("name")
	tok, err := g.acc.NewToken(r.Context(), name)
	if errors.Is(err, ErrNoAccount) {
		g.refuse(rw, r, g.refusal(r, "console.operators.error.no_such", name), Account{})
		return
	}
	if err != nil {
		g.fail(rw, r, err)
		return
	}
	g.record(r, v.Name, "token-rotate", name)
	d, err := g.operatorsData(r)
	if err != nil {
		g.fail(rw, r, err)
		return
	}
	d.Token, d.TokenOf = tok, name
	Render(rw, r, g.cat, g.pages, "operators.html", d, g.log)
}

// operatorPath is an operator's form address.
func operatorPath(name, action string) string {
	return OperatorsPath + "/" + url.PathEscape(name) + "/" + action
}
