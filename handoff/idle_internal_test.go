package handoff

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/console"
	"frontdoor/locales"
	"frontdoor/store/storetest"
)

// An open case page is not operator activity: its event stream pings
// without touching the case, which goes back to the queue when its
// operator does nothing; "I'm still here" keeps it.
func TestIdleCasePageDoesNotKeepTheCase(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	s, err := New(rdb, keys, Config{}, cat, Options{Clock: clock, PasswordCost: 4})
	if err != nil {
		t.Fatal(err)
	}
	s.web.pingEvery = 10 * time.Millisecond
	ctx := context.Background()
	if err := s.Queue().SaveOperator(ctx, Operator{Name: "ana", Languages: []string{"it"}}, "password-ana"); err != nil {
		t.Fatal(err)
	}
	op, err := s.Queue().Operator(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	cs, _, err := s.Queue().Open(ctx, Case{Contact: bot.Contact{Channel: "telegram", ID: "14"}, Lang: "it", Reason: "asked"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Claim(ctx, "ana", cs.ID); err != nil {
		t.Fatal(err)
	}
	tok, err := s.gate.Accounts().NewSession(ctx, op, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	cookie := &http.Cookie{Name: console.SessionCookie, Value: tok}

	// The case page's stream stays open for a while.
	advance(time.Hour)
	sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(sctx, "GET", srv.URL+"/console/cases/"+cs.ID+"/events", nil)
	req.AddCookie(cookie)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(res.Body)
	for pings := 0; pings < 5 && sc.Scan(); {
		if sc.Text() == ": ping" {
			pings++
		}
	}
	cancel()
	res.Body.Close()
	if got, _ := s.Get(ctx, cs.ID); !got.Activity.Before(clock()) {
		t.Fatalf("an open case page touched the case: activity %s", got.Activity)
	}

	// "I'm still here" counts.
	_, sess, err := s.gate.Accounts().Session(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"csrf": {sess.CSRF}}
	req, _ = http.NewRequest("POST", srv.URL+"/console/cases/"+cs.ID+"/here", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(cookie)
	res, err = (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("I'm here = %d", res.StatusCode)
	}
	if back, err := s.Queue().Abandoned(ctx, 30*time.Minute); err != nil || len(back) != 0 {
		t.Fatalf("after I'm here, abandoned = %v %v", back, err)
	}
	// Then nothing for longer than the limit: the case goes back.
	advance(time.Hour)
	back, err := s.Queue().Abandoned(ctx, 30*time.Minute)
	if err != nil || len(back) != 1 || back[0] != cs.ID {
		t.Fatalf("idle case not taken back: %v %v", back, err)
	}
}
