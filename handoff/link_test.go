package handoff_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"frontdoor/console/consoletest"
	"frontdoor/handoff"
	"frontdoor/store/storetest"
)

// fakeLinker shows the codes it is given, one per step, and links when
// the test says so.
type fakeLinker struct {
	codes chan string
	done  chan error

	mu     sync.Mutex
	linked bool
}

func (f *fakeLinker) Link(ctx context.Context, show func(string)) error {
	for {
		select {
		case c := <-f.codes:
			show(c)
		case err := <-f.done:
			if err == nil {
				f.mu.Lock()
				f.linked = true
				f.mu.Unlock()
			}
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (f *fakeLinker) Status() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.linked {
		return "linked: restart Frontdoor"
	}
	return "not linked"
}

func (f *fakeLinker) State() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.linked {
		return "linked_not_on"
	}
	return "not_linked"
}

var svgRe = regexp.MustCompile(`(?s)<svg.*?</svg>`)

// newLinking is a running service whose WhatsApp linking is fl, served
// at the returned server, with an admin "ada".
func newLinking(t *testing.T) (*handoff.Service, *fakeLinker, *httptest.Server) {
	t.Helper()
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	cat := shared.Catalog(t)
	fl := &fakeLinker{codes: make(chan string), done: make(chan error)}
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4, Linker: fl})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go svc.Run(ctx)
	srv := httptest.NewServer(svc.Handler())
	t.Cleanup(srv.Close)
	if err := svc.Queue().SaveOperator(ctx, handoff.Operator{Name: "ada", Languages: []string{"*"}, Areas: []string{"*"}, Capacity: 1, Admin: true}, "password-ada"); err != nil {
		t.Fatal(err)
	}
	return svc, fl, srv
}

func TestLinkWhatsAppFromConsole(t *testing.T) {
	svc, fl, srv := newLinking(t)
	addOperator(t, svc, "bea", []string{"it"}, []string{"*"}, 3)

	// Not an admin: neither the page nor linking.
	bea := consoletest.New(t, srv.URL)
	bea.SignIn("bea", "password-bea")
	_, queue := bea.Get("/console/")
	if strings.Contains(queue, "/console/whatsapp") {
		t.Error("a non-admin is offered the WhatsApp page")
	}
	for _, path := range []string{"/console/whatsapp", "/console/whatsapp/status"} {
		if code, _ := bea.Get(path); code != http.StatusForbidden {
			t.Errorf("GET %s by a non-admin = %d", path, code)
		}
	}
	if code, _, _ := bea.Post("/console/whatsapp/link", url.Values{"csrf": {consoletest.FormToken(t, queue)}}); code != http.StatusForbidden {
		t.Errorf("linking by a non-admin = %d", code)
	}
	if code, _ := consoletest.New(t, srv.URL).Get("/console/whatsapp"); code != http.StatusSeeOther {
		t.Errorf("without a session = %d", code)
	}

	ada := consoletest.New(t, srv.URL)
	ada.SignIn("ada", "password-ada")
	code, page := ada.Get("/console/whatsapp")
	if code != 200 || !strings.Contains(page, "not linked") || svgRe.MatchString(page) {
		t.Fatalf("page before linking = %d", code)
	}
	// Linking needs the form token too.
	if code, _, _ := ada.Post("/console/whatsapp/link", url.Values{}); code != http.StatusForbidden {
		t.Fatalf("linking without the form token = %d", code)
	}
	if code, loc, _ := ada.Post("/console/whatsapp/link", url.Values{"csrf": {consoletest.FormToken(t, page)}}); code != http.StatusSeeOther || loc != "/console/whatsapp" {
		t.Fatalf("start linking = %d %s", code, loc)
	}
	status := func() string {
		code, body := ada.Get("/console/whatsapp/status")
		if code != 200 {
			t.Fatalf("status = %d", code)
		}
		return body
	}
	fl.codes <- "2@first-code,abc"
	var first string
	waitFor(t, "the first QR code", func() bool { first = svgRe.FindString(status()); return first != "" })
	if !strings.Contains(first, `<path fill="#000" d="M`) {
		t.Fatalf("not a drawn QR code: %.200s", first)
	}
	fl.codes <- "2@second-code,def"
	waitFor(t, "a new QR code", func() bool { s := svgRe.FindString(status()); return s != "" && s != first })
	// The full page shows the code too, and polls for the next.
	_, page = ada.Get("/console/whatsapp")
	if !svgRe.MatchString(page) || !strings.Contains(page, `data-poll="/console/whatsapp/status"`) {
		t.Fatal("the page does not show the code or does not poll")
	}
	fl.done <- nil
	waitFor(t, "linked", func() bool { return strings.Contains(status(), `id="wa-linked"`) })
	if s := status(); svgRe.MatchString(s) || !strings.Contains(s, "linked: restart Frontdoor") {
		t.Fatalf("after linking: %s", s)
	}
}
