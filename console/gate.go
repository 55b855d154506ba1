package console

import (
	"embed"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/locales"
	"frontdoor/ratelimit"
	"frontdoor/store"
)

// pageFiles are the console's own pages (sign-in, operators); embed.FS is
// read-only, so this is not mutable state.
//
//go:embed pages
var pageFiles embed.FS

// Cookies of the console.
const (
	// SessionCookie holds a signed-in operator's session token.
	SessionCookie = "fd_session"
	loginCookie   = "fd_login_csrf"
)

// Paths of the sign-in.
const (
	LoginPath  = "/console/login"
	LogoutPath = "/console/logout"
)

// Gate is the console's door: the sign-in and sign-out forms, the
// sessions, the Require middleware every package's pages are mounted
// behind, and the operators page for admins. Mount Handler at LoginPath,
// LogoutPath and OperatorsPath (with its subpaths).
type Gate struct {
	acc      *Accounts
	cat      *locales.Catalog
	throttle *Throttle
	proxies  ratelimit.Proxies
	ttl      time.Duration
	log      *slog.Logger
	pages    *template.Template
	mux      *http.ServeMux
}

// GateOptions configure a Gate; zero fields take defaults.
type GateOptions struct {
	// SessionTTL is how long a sign-in lasts; default 12h.
	SessionTTL time.Duration
	// Proxies are the reverse proxies in front of the console, so the
	// sign-in throttle counts the real client, not the proxy.
	Proxies ratelimit.Proxies
	// Throttle limits failed sign-ins.
	Throttle ThrottleConfig
	Log      *slog.Logger
}

// NewGate is the sign-in of the accounts in acc; the throttle's counters
// live in rdb under keys.
func NewGate(acc *Accounts, rdb redis.UniversalClient, keys store.Keys, cat *locales.Catalog, o GateOptions) (*Gate, error) {
	if o.SessionTTL <= 0 {
		o.SessionTTL = 12 * time.Hour
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	g := &Gate{acc: acc, cat: cat, throttle: NewThrottle(rdb, keys, o.Throttle), proxies: o.Proxies, ttl: o.SessionTTL, log: o.Log,
		mux: http.NewServeMux()}
	t, err := Templates(cat, pageFiles, g.funcs(), "pages/*.html")
	if err != nil {
		return nil, err
	}
	g.pages = t
	g.routes()
	return g, nil
}

// Accounts are the accounts the gate signs in.
func (g *Gate) Accounts() *Accounts { return g.acc }

// Handler serves the sign-in, the sign-out and the operators page, with
// the console's security headers.
func (g *Gate) Handler() http.Handler { return Headers(g.Pages(g.mux)) }

func (g *Gate) routes() {
	m := g.mux
	m.Handle("GET "+StaticPath, Static())
	m.HandleFunc("GET "+LoginPath, g.loginPage)
	m.HandleFunc("POST "+LoginPath, g.login)
	m.Handle("POST "+LogoutPath, g.Require("", http.HandlerFunc(g.logout)))
	g.operatorRoutes()
}

// Session returns the signed-in account of a request and its session; a
// request without a live session is ErrNoAccount.
func (g *Gate) Session(r *http.Request) (Account, Session, error) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return Account{}, Session{}, ErrNoAccount
	}
	return g.acc.Session(r.Context(), c.Value)
}

// Viewer is acc as the console's pages see them, in the language they
// chose, else their browser's (Accept-Language), else English.
func (g *Gate) Viewer(r *http.Request, acc Account) Viewer {
	v := acc.Viewer()
	if v.Lang == "" {
		v.Lang = g.browserLang(r)
	}
	return v
}

func (g *Gate) browserLang(r *http.Request) string {
	if g.cat != nil {
		if l, ok := g.cat.Match(r.Header.Get("Accept-Language")); ok {
			return l
		}
	}
	return "en"
}

// Require lets only a signed-in operator with role ("" for any operator;
// admins have every role) reach h: it is a Require. Others are sent to
// the sign-in page (GET) or refused. Requests that change something must
// carry the session's form token (form field "csrf" or header
// X-CSRF-Token), which FormToken gives to the page; h finds the operator
// with SignedIn.
func (g *Gate) Require(role string, h http.Handler) http.Handler {
	return Headers(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		acc, sess, err := g.Session(r)
		switch {
		case errors.Is(err, ErrNoAccount) && (r.Method == http.MethodGet || r.Method == http.MethodHead):
			http.Redirect(rw, r, LoginPath, http.StatusSeeOther)
			return
		case errors.Is(err, ErrNoAccount):
			Refuse(rw, r, g.cat, SignInFirst())
			return
		case err != nil:
			g.log.Error("console session", "err", err)
			Refuse(rw, r, g.cat, Internal())
			return
		case role == "admin" && !acc.Admin, role != "" && role != "admin" && !acc.Has(role):
			RefuseIn(rw, r, g.cat, g.Viewer(r, acc).Lang, MissingRole(role))
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			token := r.Header.Get("X-CSRF-Token")
			if token == "" {
				r.Body = http.MaxBytesReader(rw, r.Body, 1<<20)
				token = r.PostFormValue("csrf")
			}
			if !SameToken(token, sess.CSRF) {
				RefuseIn(rw, r, g.cat, g.Viewer(r, acc).Lang, WrongFormToken())
				return
			}
		}
		h.ServeHTTP(rw, r.WithContext(WithViewer(r.Context(), g.Viewer(r, acc), sess.CSRF)))
	}))
}

// Secure reports whether the request came over HTTPS (directly or through
// the desk's proxy), for the cookies' Secure flag.
func Secure(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// ---- sign-in ----

type loginData struct {
	Page  Page
	CSRF  string
	Error string
}

func (g *Gate) loginPage(rw http.ResponseWriter, r *http.Request) {
	g.showLogin(rw, r, "", http.StatusOK)
}

// showLogin protects the sign-in form with a double-submit token: a
// cookie and the same value in the form.
func (g *Gate) showLogin(rw http.ResponseWriter, r *http.Request, msg string, code int) {
	tok := randomToken()
	http.SetCookie(rw, &http.Cookie{Name: loginCookie, Value: tok, Path: "/console/", HttpOnly: true,
		Secure: Secure(r), SameSite: http.SameSiteStrictMode, MaxAge: 3600})
	lang := g.browserLang(r)
	page := Page{Title: g.text(lang, "console.signin.title", nil), Viewer: Viewer{Lang: lang}}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(code)
	if err := g.pages.ExecuteTemplate(rw, "login.html", loginData{Page: page, CSRF: tok, Error: msg}); err != nil {
		g.log.Error("console sign-in page", "err", err)
	}
}

func (g *Gate) text(lang, id string, data map[string]any) string {
	if g.cat == nil {
		return Fallback(id)
	}
	return g.cat.Text(lang, id, data)
}

func (g *Gate) fail(rw http.ResponseWriter, r *http.Request, err error) {
	g.log.Error("console sign-in", "err", err)
	Refuse(rw, r, g.cat, Internal())
}

func (g *Gate) login(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	r.Body = http.MaxBytesReader(rw, r.Body, 16<<10)
	c, err := r.Cookie(loginCookie)
	if err != nil || !SameToken(r.PostFormValue("csrf"), c.Value) {
		Refuse(rw, r, g.cat, WrongFormToken())
		return
	}
	name, pw := strings.TrimSpace(r.PostFormValue("username")), r.PostFormValue("password")
	if len(name) > 64 {
		name = name[:64]
	}
	lang := g.browserLang(r)
	client := ratelimit.ClientSubject(g.proxies.Client(r))
	refusal, err := g.throttle.Check(ctx, name, client)
	if err != nil {
		g.fail(rw, r, err)
		return
	}
	if refusal.Limit != NoLimit {
		g.log.Warn("console sign-in throttled", "limit", int(refusal.Limit))
		rw.Header().Set("Retry-After", strconv.Itoa(int(refusal.Wait.Round(time.Second).Seconds())))
		g.showLogin(rw, r, g.throttledText(lang, refusal), http.StatusTooManyRequests)
		return
	}
	ok, err := g.acc.CheckPassword(ctx, name, pw)
	if err != nil {
		g.fail(rw, r, err)
		return
	}
	if !ok {
		if err := g.throttle.Failed(ctx, name, client); err != nil {
			g.log.Warn("counting a failed sign-in", "err", err)
		}
		g.log.Info("console sign-in failed")
		g.showLogin(rw, r, g.text(lang, "console.signin.wrong", nil), http.StatusUnauthorized)
		return
	}
	if err := g.throttle.Succeeded(ctx, name, client); err != nil {
		g.log.Warn("clearing failed sign-ins", "err", err)
	}
	acc, err := g.acc.Get(ctx, name)
	if err != nil {
		g.fail(rw, r, err)
		return
	}
	tok, err := g.acc.NewSession(ctx, acc, g.ttl)
	if err != nil {
		g.fail(rw, r, err)
		return
	}
	if err := g.acc.Record(ctx, name, "sign-in", "", ""); err != nil {
		g.log.Warn("auditing a sign-in", "err", err)
	}
	http.SetCookie(rw, &http.Cookie{Name: SessionCookie, Value: tok, Path: "/", HttpOnly: true,
		Secure: Secure(r), SameSite: http.SameSiteStrictMode, MaxAge: int(g.ttl.Seconds())})
	http.SetCookie(rw, &http.Cookie{Name: loginCookie, Path: "/console/", MaxAge: -1})
	http.Redirect(rw, r, CasesPath, http.StatusSeeOther)
}

// throttledText tells an operator why signing in is refused and until
// when, and what to do meanwhile.
func (g *Gate) throttledText(lang string, r Refusal) string {
	data := map[string]any{"Time": g.waitText(lang, r.Wait)}
	switch r.Limit {
	case AccountLimit:
		return g.text(lang, "console.signin.throttled.account", data)
	case ClientLimit:
		return g.text(lang, "console.signin.throttled.client", data)
	default:
		return g.text(lang, "console.signin.throttled.desk", data)
	}
}

// waitText says a wait in whole minutes (rounded up), or in seconds under
// one, in lang with the language's plural forms ("1 minuto", "15 minuti").
func (g *Gate) waitText(lang string, d time.Duration) string {
	if d < time.Minute {
		return g.text(lang, "console.signin.wait.seconds", map[string]any{"Count": int(d.Round(time.Second).Seconds())})
	}
	return g.text(lang, "console.signin.wait.minutes", map[string]any{"Count": int((d + time.Minute - 1) / time.Minute)})
}

func (g *Gate) logout(rw http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil {
		if err := g.acc.EndSession(r.Context(), c.Value); err != nil {
			// The cookie goes anyway; the session expires on its own.
			g.log.Warn("ending a console session", "err", err)
		}
	}
	http.SetCookie(rw, &http.Cookie{Name: SessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, Secure: Secure(r), SameSite: http.SameSiteStrictMode})
	http.Redirect(rw, r, LoginPath, http.StatusSeeOther)
}
