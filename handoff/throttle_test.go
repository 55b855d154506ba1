package handoff_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontdoor/console"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
	"frontdoor/ratelimit"
	"frontdoor/store/storetest"
)

// TestSignInThrottleBehindAProxy: behind the desk's reverse proxy, the
// throttle counts the real clients. Someone guessing an account's password
// is stopped with a clear answer and a Retry-After, while the owner signs
// in from their own device; guessing across names from one client stops
// that client only; many failures from everywhere slow everyone for at
// most a minute.
func TestSignInThrottleBehindAProxy(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	cat := shared.Catalog(t)
	proxies, err := ratelimit.ParseProxies([]string{"127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	// The global window is longer than its default minute, which a slow
	// run could outlast (its counter would expire mid-test); the default
	// is console's TestThrottleDefaults.
	const globalWindow = 10 * time.Minute
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4, Proxies: proxies,
		Throttle: console.ThrottleConfig{GlobalTries: 40, GlobalWindow: globalWindow}})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"bea", "carlo"} {
		if err := svc.Queue().SaveOperator(context.Background(), handoff.Operator{Name: name, Languages: []string{"it"}, Capacity: 1}, "password-"+name); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(svc.Handler())
	t.Cleanup(srv.Close)
	signIn := func(from, user, password string) (int, string, string) {
		t.Helper()
		b := consoletest.New(t, srv.URL).From(from)
		_, page := b.Get("/console/login")
		form := url.Values{"csrf": {consoletest.FormToken(t, page)}, "username": {user}, "password": {password}}
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/console/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := b.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Retry-After"), string(body)
	}

	const attacker, owner = "203.0.113.9", "198.51.100.7"
	for range 5 {
		if code, _, _ := signIn(attacker, "bea", "guess-guess"); code != http.StatusUnauthorized {
			t.Fatalf("a wrong password = %d", code)
		}
	}
	code, retry, body := signIn(attacker, "bea", "password-bea")
	if code != http.StatusTooManyRequests || retry == "" || retry == "0" || !strings.Contains(body, "this account from this device") {
		t.Fatalf("the sixth try from the guessing client = %d, Retry-After %q:\n%s", code, retry, body)
	}
	if code, _, _ := signIn(owner, "bea", "password-bea"); code != http.StatusSeeOther {
		t.Fatalf("the owner from their own device = %d, want signed in", code)
	}
	if code, _, _ := signIn(attacker, "carlo", "password-carlo"); code != http.StatusSeeOther {
		t.Fatalf("another account from the guessing client = %d, want signed in (5 failures of one account)", code)
	}

	// Guessing across names from one client.
	const sprayer = "192.0.2.44"
	for i := range 20 {
		signIn(sprayer, fmt.Sprintf("user%d", i), "guess-guess")
	}
	if code, _, body := signIn(sprayer, "carlo", "password-carlo"); code != http.StatusTooManyRequests || !strings.Contains(body, "from this device") {
		t.Fatalf("after 20 failures from one client = %d:\n%s", code, body)
	}
	if code, _, _ := signIn(owner, "carlo", "password-carlo"); code != http.StatusSeeOther {
		t.Fatalf("another client = %d, want signed in", code)
	}

	// From everywhere: 5+20 failures so far; 15 more from fresh clients
	// reach the global 40.
	for i := range 15 {
		signIn(fmt.Sprintf("198.18.0.%d", i+1), "bea", "guess-guess")
	}
	code, retry, body = signIn(owner, "bea", "password-bea")
	if code != http.StatusTooManyRequests || !strings.Contains(body, "at this desk right now") {
		t.Fatalf("after 40 failures from everywhere = %d:\n%s", code, body)
	}
	if n, _ := strconv.Atoi(retry); n < 1 || n > int(globalWindow.Seconds()) {
		t.Fatalf("Retry-After %q: the global limit holds for at most its window, %s", retry, globalWindow)
	}
}
