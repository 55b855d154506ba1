package console

// One way for every package of the console to say no: a page in the
// operator's language for a browser, a stable code and the same words for
// an API client.

import (
	"encoding/json"
	"log/slog"
	"mime"
	"net/http"
	"strings"

	"frontdoor/locales"
)

// Denial is an answer given instead of a page or a result: the HTTP
// status, a stable machine code (API clients and scripts branch on it; it
// never changes with the language) and the catalogue id of the words an
// operator reads, with their template data.
type Denial struct {
	Status int
	Code   string
	Text   string
	Data   map[string]any
	// Detail is what a developer of an API client needs to fix a bad
	// request (which field, what JSON error): technical, in English, in
	// the JSON only, never on a page.
	Detail string
}

// Refusals every package of the console gives.
func SignInFirst() Denial {
	return Denial{Status: http.StatusUnauthorized, Code: "sign_in", Text: "console.refuse.sign_in"}
}

// WrongFormToken: a form without the session's token (an old page, a
// page of another session, or a forged request).
func WrongFormToken() Denial {
	return Denial{Status: http.StatusForbidden, Code: "form_token", Text: "console.refuse.form_token"}
}

// BadForm: the form or request body could not be read.
func BadForm() Denial {
	return Denial{Status: http.StatusBadRequest, Code: "bad_form", Text: "console.refuse.bad_form"}
}

// Internal: a fault of the server (Redis away, a bug); the log says which.
func Internal() Denial {
	return Denial{Status: http.StatusInternalServerError, Code: "internal", Text: "console.refuse.internal"}
}

// NotFound: no such page (or case, campaign: give the package's own words
// with Denial.Text).
func NotFound() Denial {
	return Denial{Status: http.StatusNotFound, Code: "not_found", Text: "console.refuse.not_found"}
}

// MethodNotAllowed: the address exists, for another method.
func MethodNotAllowed() Denial {
	return Denial{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Text: "console.refuse.method"}
}

// Forbidden: the operator may not do this.
func Forbidden() Denial {
	return Denial{Status: http.StatusForbidden, Code: "forbidden", Text: "console.refuse.forbidden"}
}

// MissingRole: the page needs a role the operator's account lacks; role
// is named as the operators page names it.
func MissingRole(role string) Denial {
	return Denial{Status: http.StatusForbidden, Code: "role", Text: "console.refuse.role", Data: map[string]any{"Role": role}}
}

// roleText is the catalogue id of a role's name.
func roleText(role string) string {
	if role == "admin" {
		return "console.operators.admin"
	}
	return "console.role." + role
}

// Refuse answers r with f, in the signed-in operator's language, else the
// browser's (Accept-Language), else English: JSON for a client that asks
// for it or calls the API, else a console page.
func Refuse(w http.ResponseWriter, r *http.Request, cat *locales.Catalog, f Denial) {
	RefuseIn(w, r, cat, RequestLang(r, cat), f)
}

// RequestLang is the language to answer r in: the signed-in operator's,
// else the browser's (Accept-Language) among the catalogues', else
// English.
func RequestLang(r *http.Request, cat *locales.Catalog) string {
	if v, ok := SignedIn(r); ok && v.Lang != "" {
		return v.Lang
	}
	if cat != nil {
		if l, ok := cat.Match(r.Header.Get("Accept-Language")); ok {
			return l
		}
	}
	return "en"
}

// RefuseIn is Refuse in lang.
func RefuseIn(w http.ResponseWriter, r *http.Request, cat *locales.Catalog, lang string, f Denial) {
	msg := DenialText(cat, lang, f)
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if WantsJSON(r) {
		h.Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(f.Status)
		_ = json.NewEncoder(w).Encode(DenialBody{Code: f.Code, Error: msg, Detail: f.Detail})
		return
	}
	v, _ := SignedIn(r)
	v.Lang = lang
	page := Page{Title: msg, Viewer: v, CSRF: FormToken(r)}
	t, err := Templates(cat, pageFiles, nil, "pages/denial.html")
	h.Set("Content-Security-Policy", CSP)
	if err != nil {
		// The page is embedded: a broken one is a bug the tests catch.
		h.Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(f.Status)
		_, _ = w.Write([]byte(msg + "\n"))
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(f.Status)
	data := struct {
		Page          Page
		Code, Message string
		SignIn        bool
	}{page, f.Code, msg, f.Code == "sign_in"}
	if err := t.ExecuteTemplate(w, "denial.html", data); err != nil {
		slog.Default().Error("console refusal page", "err", err)
	}
}

// DenialBody is a refusal as an API client reads it: Code is stable,
// Error the words in the operator's language, Detail (bad requests) the
// technical reason.
type DenialBody struct {
	Code   string `json:"code"`
	Error  string `json:"error"`
	Detail string `json:"detail,omitempty"`
}

// DenialText is f's words in lang (a role named in lang too).
func DenialText(cat *locales.Catalog, lang string, f Denial) string {
	if cat == nil {
		return Fallback(f.Text)
	}
	data := f.Data
	if role, ok := data["Role"].(string); ok {
		data = map[string]any{"Role": cat.Text(lang, roleText(role), nil)}
	}
	return cat.Text(lang, f.Text, data)
}

// WantsJSON reports whether r is an API client's: a path under /api/,
// or an Accept header that names JSON before HTML.
func WantsJSON(r *http.Request) bool {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return true
	}
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		t, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch t {
		case "application/json":
			return true
		case "text/html", "application/xhtml+xml":
			return false
		}
	}
	return false
}

// Pages serves mux, answering an address it does not have (404) or a
// method it does not take there (405) with the console's refusal in the
// operator's language instead of the mux's English line.
// Mount it behind Require (the operator is known); Gate.Pages is the same
// for a mux that is not.
func Pages(mux *http.ServeMux, cat *locales.Catalog) http.Handler {
	return pages(mux, cat, func(r *http.Request) *http.Request { return r })
}

// Pages is the package's Pages for a mux whose pages sign in on their
// own: the refusal finds the operator of the session, if any, to answer
// in their language with the menu.
func (g *Gate) Pages(mux *http.ServeMux) http.Handler {
	return pages(mux, g.cat, func(r *http.Request) *http.Request {
		if _, ok := SignedIn(r); ok {
			return r
		}
		acc, sess, err := g.Session(r)
		if err != nil {
			return r
		}
		return r.WithContext(WithViewer(r.Context(), g.Viewer(r, acc), sess.CSRF))
	})
}

// pages is Pages, with signIn putting the operator of r in its context.
func pages(mux *http.ServeMux, cat *locales.Catalog, signIn func(*http.Request) *http.Request) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			// The mux itself, which sets the request's path values.
			mux.ServeHTTP(w, r)
			return
		}
		// The mux's own answer tells 404 from 405 (and redirects, such
		// as a missing trailing slash): keep its status and headers
		// (Allow, Location), put the words.
		rec := &statusOnly{header: http.Header{}}
		h.ServeHTTP(rec, r)
		switch rec.status {
		case http.StatusNotFound:
			Refuse(w, signIn(r), cat, NotFound())
		case http.StatusMethodNotAllowed:
			if a := rec.header.Get("Allow"); a != "" {
				w.Header().Set("Allow", a)
			}
			Refuse(w, signIn(r), cat, MethodNotAllowed())
		default:
			h.ServeHTTP(w, r)
		}
	})
}

// statusOnly records the status and headers a handler would answer with.
type statusOnly struct {
	header http.Header
	status int
}

func (s *statusOnly) Header() http.Header { return s.header }
func (s *statusOnly) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return len(b), nil
}
func (s *statusOnly) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
}
