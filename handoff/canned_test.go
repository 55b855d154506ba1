package handoff_test

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

// TestCannedRepliesEditedByAnAdmin: an admin edits the canned replies of a
// language in the console, with the form token; a reply without text or
// with a variable the desk lacks is refused; other operators cannot edit
// them; the case page offers what was saved, config.yaml's until then.
func TestCannedRepliesEditedByAnAdmin(t *testing.T) {
	f := newService(t, handoff.Config{Variables: map[string]string{"DeskHours": "9-13"},
		Canned: map[string][]handoff.Canned{"it": {{Title: "Orari", Text: "Siamo aperti {{.DeskHours}}."}}}})
	ctx := context.Background()
	if err := f.svc.Queue().SaveOperator(ctx, handoff.Operator{Name: "root", Languages: []string{"*"}, Areas: []string{"*"}, Capacity: 3, Admin: true}, "password-root"); err != nil {
		t.Fatal(err)
	}
	addOperator(t, f.svc, "bea", []string{"it"}, []string{"*"}, 3)
	srv := httptest.NewServer(f.svc.Handler())
	t.Cleanup(srv.Close)

	bea := consoletest.New(t, srv.URL)
	bea.MustSignIn("bea", "password-bea")
	_, queue := bea.Get("/console/")
	if code, _ := bea.Get("/console/canned"); code != http.StatusForbidden {
		t.Errorf("a non-admin opens the editor: %d", code)
	}
	if code, _, _ := bea.Post("/console/canned", url.Values{"csrf": {consoletest.FormToken(t, queue)}, "lang": {"it"}, "title": {"x"}, "text": {"y"}}); code != http.StatusForbidden {
		t.Errorf("a non-admin saves: %d", code)
	}

	root := consoletest.New(t, srv.URL)
	root.MustSignIn("root", "password-root")
	page := root.MustGet("/console/canned?lang=it")
	if !strings.Contains(page, `value="Orari"`) {
		t.Fatal("the editor does not start from config.yaml's replies")
	}
	csrf := consoletest.FormToken(t, page)
	if code, _, _ := root.Post("/console/canned", url.Values{"lang": {"it"}, "title": {"x"}, "text": {"y"}}); code != http.StatusForbidden {
		t.Errorf("saved without the form token: %d", code)
	}
	for _, bad := range []url.Values{
		{"title": {"Documenti"}, "text": {""}},
		{"title": {"Documenti"}, "text": {"Vieni alle {{.Nope}}"}},
	} {
		bad.Set("csrf", csrf)
		bad.Set("lang", "it")
		_, loc, _ := root.Post("/console/canned", bad)
		if !strings.Contains(loc, url.QueryEscape(f.cat.Text("en", "console.canned.bad", nil))) {
			t.Errorf("%v: leads to %q", bad, loc)
		}
		// The page it leads to says so (the message is signed for the
		// session: an unsigned one would not show).
		if _, page := root.Get(loc); !strings.Contains(page, html.EscapeString(f.cat.Text("en", "console.canned.bad", nil))) {
			t.Errorf("%v: the page at %q does not say the replies were refused", bad, loc)
		}
	}
	if list, _ := f.svc.CannedReplies(ctx, "it"); len(list) != 1 || list[0].Title != "Orari" {
		t.Fatalf("refused replies were saved: %+v", list)
	}
	_, loc, _ := root.Post("/console/canned", url.Values{"csrf": {csrf}, "lang": {"it"},
		"title": {"Documenti", "", ""}, "text": {"Porta il passaporto. Siamo aperti {{.DeskHours}}.", "", ""}})
	if !strings.Contains(loc, url.QueryEscape(f.cat.Text("en", "console.canned.saved", nil))) {
		t.Fatalf("saving leads to %q", loc)
	}
	if _, page := root.Get(loc); !strings.Contains(page, html.EscapeString(f.cat.Text("en", "console.canned.saved", nil))) {
		t.Errorf("the page at %q does not say the replies were saved", loc)
	}
	if list, _ := f.svc.CannedReplies(ctx, "it"); len(list) != 1 || list[0].Title != "Documenti" {
		t.Fatalf("saved: %+v", list)
	}

	cs := open(t, f.svc, "61", "it", "legal", false)
	if err := f.svc.Claim(ctx, "root", cs.ID); err != nil {
		t.Fatal(err)
	}
	page = root.MustGet("/console/cases/" + cs.ID)
	if !strings.Contains(page, `<option value="Porta il passaporto. Siamo aperti 9-13.">Documenti</option>`) || strings.Contains(page, "Orari") {
		t.Errorf("the case page does not offer the saved reply, its variables filled")
	}
	if !strings.Contains(page, `href="/console/canned?lang=it"`) {
		t.Error("an admin is not offered the editor from the case page")
	}
}
