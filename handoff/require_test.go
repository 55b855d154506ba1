package handoff_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"frontdoor/console"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

func TestRequireRoleForOtherConsolePages(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	for _, op := range []handoff.Operator{
		{Name: "carla", Languages: []string{"it"}, Capacity: 1, Roles: []string{handoff.RoleCoordinator}},
		{Name: "dino", Languages: []string{"it"}, Capacity: 1},
		{Name: "root", Languages: []string{"it"}, Capacity: 1, Admin: true},
	} {
		if err := f.svc.Queue().SaveOperator(ctx, op, "password-"+op.Name); err != nil {
			t.Fatal(err)
		}
	}
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		op, _ := console.SignedIn(r)
		fmt.Fprintf(w, "hello %s token=%s", op.Name, console.FormToken(r))
	})
	mux := http.NewServeMux()
	mux.Handle("/console/", f.svc.Handler())
	mux.Handle("/console/stats", f.svc.Require(handoff.RoleCoordinator, page))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	if code, _ := consoletest.New(t, srv.URL).Get("/console/stats"); code != http.StatusSeeOther {
		t.Fatalf("without a session = %d, want the sign-in page", code)
	}
	if code, _, _ := consoletest.New(t, srv.URL).Post("/console/stats", url.Values{}); code != http.StatusUnauthorized {
		t.Fatalf("POST without a session = %d", code)
	}
	for _, tt := range []struct {
		name string
		want int
	}{{"carla", 200}, {"dino", 403}, {"root", 200}} {
		b := consoletest.New(t, srv.URL)
		if code, _ := b.SignIn(tt.name, "password-"+tt.name); code != http.StatusSeeOther {
			t.Fatalf("sign in %s = %d", tt.name, code)
		}
		code, body := b.Get("/console/stats")
		if code != tt.want {
			t.Fatalf("%s: GET = %d, want %d", tt.name, code, tt.want)
		}
		if code != 200 {
			continue
		}
		if !strings.HasPrefix(body, "hello "+tt.name+" token=") {
			t.Fatalf("page did not get the operator: %q", body)
		}
		token := strings.TrimPrefix(body, "hello "+tt.name+" token=")
		if code, _, _ := b.Post("/console/stats", url.Values{}); code != http.StatusForbidden {
			t.Fatalf("%s: POST without the form token = %d", tt.name, code)
		}
		if code, _, _ := b.Post("/console/stats", url.Values{"csrf": {token}}); code != 200 {
			t.Fatalf("%s: POST with the form token = %d", tt.name, code)
		}
	}
}
