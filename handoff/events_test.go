package handoff_test

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

// TestCaseStreamOnlyForThoseWhoMaySeeTheCase: a case's live stream says
// when the person writes; it opens only for operators who may see the
// case, and ends for one who no longer may (the case went to a colleague).
func TestCaseStreamOnlyForThoseWhoMaySeeTheCase(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "amal", []string{"ar"}, []string{"legal"}, 3)
	addOperator(t, f.svc, "bea", []string{"ar"}, []string{"legal"}, 3)
	addOperator(t, f.svc, "zhou", []string{"zh"}, []string{"*"}, 3)
	cs := open(t, f.svc, "71", "ar", "legal", false)
	srv := httptest.NewServer(f.svc.Handler())
	t.Cleanup(srv.Close)
	stream := func(who string) (*http.Response, context.CancelFunc) {
		t.Helper()
		b := consoletest.New(t, srv.URL)
		b.MustSignIn(who, "password-"+who)
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		req, _ := http.NewRequestWithContext(sctx, http.MethodGet, srv.URL+"/console/cases/"+cs.ID+"/events", nil)
		res, err := b.Client().Do(req)
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		t.Cleanup(func() { cancel(); res.Body.Close() })
		return res, cancel
	}
	for _, tt := range []struct {
		who  string
		want int
	}{{"zhou", http.StatusForbidden}, {"bea", http.StatusOK}} {
		if res, _ := stream(tt.who); res.StatusCode != tt.want {
			t.Fatalf("%s opens the stream of a waiting Arabic legal case: %d, want %d", tt.who, res.StatusCode, tt.want)
		}
	}

	res, _ := stream("bea")
	lines := bufio.NewScanner(res.Body)
	if err := f.svc.Claim(ctx, "amal", cs.ID); err != nil {
		t.Fatal(err)
	}
	// The claim is an event of the case: bea's stream ends there, with
	// no "changed" sent to her.
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), "event: changed") {
			t.Fatalf("bea still told of changes to amal's case")
		}
	}
	if err := lines.Err(); err != nil {
		t.Fatalf("bea's stream did not end when the case went to amal: %v", err)
	}
	if res, _ := stream("bea"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("bea opens the stream of amal's case: %d", res.StatusCode)
	}
	if res, _ := stream("amal"); res.StatusCode != http.StatusOK {
		t.Fatalf("amal opens the stream of her case: %d", res.StatusCode)
	}
}
