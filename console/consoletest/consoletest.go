// Package consoletest is a client of the operator console for tests: it
// keeps the session cookie, does not follow redirects (tests look at
// them), signs in through the login form and reads form tokens.
package consoletest

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/redis/go-redis/v9"

	"frontdoor/console"
	"frontdoor/locales"
	"frontdoor/store"
)

// Browser is one signed-in (or not) visitor of the console.
type Browser struct {
	t    testing.TB
	base string
	c    *http.Client
}

// New is a browser with no session on the server at base.
func New(t testing.TB, base string) *Browser {
	jar, _ := cookiejar.New(nil)
	return &Browser{t: t, base: base, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// From makes every later request come through a reverse proxy on behalf
// of the client at addr (X-Forwarded-For).
func (b *Browser) From(addr string) *Browser {
	h := b.headers()
	h.addr = addr
	b.c.Transport = h
	return b
}

// Lang makes every later request ask for the language tag
// (Accept-Language), as a browser set to it does.
func (b *Browser) Lang(tag string) *Browser {
	h := b.headers()
	h.lang = tag
	b.c.Transport = h
	return b
}

func (b *Browser) headers() headers {
	h, _ := b.c.Transport.(headers)
	return h
}

// headers adds a browser's own headers to each request.
type headers struct{ addr, lang string }

func (h headers) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	if h.addr != "" {
		r.Header.Set("X-Forwarded-For", h.addr)
	}
	if h.lang != "" {
		r.Header.Set("Accept-Language", h.lang)
	}
	return http.DefaultTransport.RoundTrip(r)
}

// Client is the browser's HTTP client with its session, for requests Get
// and Post do not make (raw bytes, headers).
func (b *Browser) Client() *http.Client { return b.c }

// Get returns the status and body of path.
func (b *Browser) Get(path string) (int, string) {
	b.t.Helper()
	res, err := b.c.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// MustGet returns the body of path, or fails the test unless it answers
// 200.
func (b *Browser) MustGet(path string) string {
	b.t.Helper()
	code, body := b.Get(path)
	if code != http.StatusOK {
		b.t.Fatalf("GET %s = %d\n%s", path, code, body)
	}
	return body
}

// Post sends a form and returns the status, the redirect and the body.
func (b *Browser) Post(path string, form url.Values) (code int, location, body string) {
	b.t.Helper()
	res, err := b.c.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(raw)
}

// SignIn fills the login form; it returns the answer's status and body.
func (b *Browser) SignIn(user, password string) (int, string) {
	b.t.Helper()
	_, page := b.Get("/console/login")
	code, _, body := b.Post("/console/login", url.Values{"csrf": {FormToken(b.t, page)}, "username": {user}, "password": {password}})
	return code, body
}

// MustSignIn signs in or fails the test.
func (b *Browser) MustSignIn(user, password string) {
	b.t.Helper()
	if code, _ := b.SignIn(user, password); code != http.StatusSeeOther {
		b.t.Fatalf("sign in %s = %d", user, code)
	}
}

var tokenRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// FormToken is the form token (CSRF) of a console page.
func FormToken(t testing.TB, page string) string {
	t.Helper()
	m := tokenRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no form token in the page:\n%s", page)
	}
	return m[1]
}

// Areas are the need areas the test accounts may be given.
var areas = []string{"legal", "work", "health", "education", "welfare"}

// NewGate is the console's sign-in over accounts in rdb, in every language
// of cat, with a cheap password hash; accounts are saved with the password
// "password-NAME".
func NewGate(t testing.TB, rdb redis.UniversalClient, keys store.Keys, cat *locales.Catalog, accounts ...console.Account) *console.Gate {
	t.Helper()
	var langs []string
	for _, l := range cat.Languages() {
		langs = append(langs, l.Tag)
	}
	acc := console.NewAccounts(rdb, keys, console.AccountOptions{Languages: langs, Areas: areas, PasswordCost: 4})
	for _, a := range accounts {
		if err := acc.Save(context.Background(), a, "password-"+a.Name); err != nil {
			t.Fatal(err)
		}
	}
	g, err := console.NewGate(acc, rdb, keys, cat, console.GateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// QueueStandIn stands for the case queue (handoff's page, where the
// sign-in leads) in the tests of packages that mount the console without
// it: a page on the console's layout, with its menu and the queue's "next"
// button, behind g's sign-in. Mount it at "GET /console/{$}".
func QueueStandIn(g *console.Gate) http.Handler {
	page := fstest.MapFS{"queue.html": {Data: []byte(`{{template "console.head" .}}<main><button id="next">next</button></main>{{template "console.foot"}}`)}}
	t, err := console.Templates(nil, page, nil, "queue.html")
	if err != nil {
		panic(err) // the template above is fixed
	}
	return g.Require("", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		console.Render(rw, r, nil, t, "queue.html", console.NewPage(r, "Queue", console.SectionCases), nil)
	}))
}
