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
	}
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

// flashes are the operators page's messages after a form, by the code in
// its address (?m=), so no free text goes through the address.
var flashes = map[string]string{
	"saved":    "Saved.",
	"added":    "Operator added.",
	"password": "Password reset: their sessions are closed; tell them the new one in person or by phone.",
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
		Languages: g.acc.Languages(), Areas: g.acc.Areas(), Roles: Roles(), Audit: audit, Flash: flashes[r.URL.Query().Get("m")],
		Form: Account{Capacity: 3}}, nil
}

func (g *Gate) operatorsPage(rw http.ResponseWriter, r *http.Request) {
	d, err := g.operatorsData(r)
	if err != nil {
		g.fail(rw, err)
		return
	}
	Render(rw, g.pages, "operators.html", d, g.log)
}

// refuse shows the page again with what was wrong, keeping what was typed
// in the add form.
func (g *Gate) refuse(rw http.ResponseWriter, r *http.Request, msg string, form Account) {
	d, err := g.operatorsData(r)
	if err != nil {
		g.fail(rw, err)
		return
	}
	d.Error = msg
	if form.Name != "" {
		d.Form = form
	}
	rw.WriteHeader(http.StatusBadRequest)
	Render(rw, g.pages, "operators.html", d, g.log)
}

// accountForm reads an account's settings from the add or edit form.
func accountForm(r *http.Request) (Account, error) {
	capacity, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("capacity")))
	if err != nil || capacity < 1 || capacity > 50 {
		return Account{}, errors.New("capacity: a number of open cases from 1 to 50")
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
		g.refuse(rw, r, err.Error(), acc)
		return
	}
	isNew := r.PostFormValue("new") == "1"
	exists, err := g.acc.Exists(ctx, acc.Name)
	if err != nil {
		g.fail(rw, err)
		return
	}
	password := ""
	switch {
	case isNew && exists:
		g.refuse(rw, r, "An operator called "+acc.Name+" already exists: change their settings in the list.", acc)
		return
	case isNew:
		password = r.PostFormValue("password")
		if password == "" {
			g.refuse(rw, r, "A new operator needs a password (at least 8 characters).", acc)
			return
		}
	case !exists:
		g.refuse(rw, r, "No operator called "+acc.Name+".", Account{})
		return
	}
	if !isNew && !acc.Admin {
		// The desk must keep someone who can manage accounts.
		if ok, err := g.otherAdmin(r, acc.Name); err != nil {
			g.fail(rw, err)
			return
		} else if !ok {
			g.refuse(rw, r, acc.Name+" is the only admin: make someone else admin first.", Account{})
			return
		}
	}
	if err := g.acc.Save(ctx, acc, password); err != nil {
		g.refuse(rw, r, err.Error(), acc)
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
		g.refuse(rw, r, "No operator called "+name+".", Account{})
		return
	case errors.Is(err, ErrShortPassword):
		g.refuse(rw, r, name+": "+err.Error()+".", Account{})
		return
	case err != nil:
		g.fail(rw, err)
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
		g.refuse(rw, r, "No operator called "+name+".", Account{})
		return
	}
	if err != nil {
		g.fail(rw, err)
		return
	}
	g.record(r, v.Name, "token-rotate", name)
	d, err := g.operatorsData(r)
	if err != nil {
		g.fail(rw, err)
		return
	}
	d.Token, d.TokenOf = tok, name
	Render(rw, g.pages, "operators.html", d, g.log)
}

// operatorPath is an operator's form address.
func operatorPath(name, action string) string {
	return OperatorsPath + "/" + url.PathEscape(name) + "/" + action
}
