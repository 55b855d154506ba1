package handoff_test

import (
	"context"
	"html"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

// rawText finds what a page must never show: a catalogue id, a template
// variable without data, an outcome or reason by its id.
var rawText = regexp.MustCompile(`console\.[a-z_]+\.[a-z_]|<no value>|>[^<]*(no_answer|appointment_booked|triage_failed)`)

// TestCasePageInEveryLanguage: the case page speaks the operator's
// language, every one of the catalogues: its labels, buttons and forms,
// why the case was opened, its status and outcomes, who wrote each line of
// the transcript; never an id or a text left in English.
func TestCasePageInEveryLanguage(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "sam", []string{"*"}, []string{"*"}, 3)
	cs := open(t, f.svc, "71", "uk", "legal", false)
	for _, e := range []handoff.Entry{
		{By: "person", Text: "мені потрібна допомога з дозволом", Before: true},
		{By: "bot", Text: "Зачекайте, будь ласка."},
	} {
		if err := f.svc.Queue().Append(ctx, cs.ID, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.Claim(ctx, "sam", cs.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Note(ctx, "sam", cs.ID, "called the lawyer"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(f.svc.Handler())
	t.Cleanup(srv.Close)
	b := consoletest.New(t, srv.URL)
	b.MustSignIn("sam", "password-sam")

	get := func(lang, path string) string {
		t.Helper()
		return b.Lang(lang).MustGet(path)
	}
	english := []string{"Claim", "Close the case", "Outcome", "Reply to the person", "Internal note", "before the case",
		"asked for a person", "Export the transcript", ">Transfer<", "back to the queue", ">person<"}
	ids := []string{"console.case.close", "console.case.outcome", "console.case.internal_note", "console.case.before",
		"console.reason.asked", "console.status.assigned", "console.outcome.no_answer", "console.outcome.appointment_booked",
		"console.case.transfer", "console.case.to_queue", "console.case.send", "console.case.export", "console.case.by.person",
		"console.case.by.bot", "console.case.by.note"}
	for _, l := range f.cat.Languages() {
		page := get(l.Tag, "/console/cases/"+cs.ID)
		fragment := get(l.Tag, "/console/cases/"+cs.ID+"/transcript")
		for _, id := range ids {
			if want := html.EscapeString(f.cat.Text(l.Tag, id, nil)); !strings.Contains(page, want) {
				t.Errorf("%s: the case page lacks %s %q", l.Tag, id, want)
			}
		}
		if want := html.EscapeString(f.cat.Text(l.Tag, "console.case.before", nil)); !strings.Contains(fragment, want) {
			t.Errorf("%s: the live transcript lacks %q", l.Tag, want)
		}
		if bad := rawText.FindString(page); bad != "" {
			t.Errorf("%s: the case page shows %q", l.Tag, bad)
		}
		if l.Tag == "en" {
			continue
		}
		for _, bad := range english {
			if strings.Contains(page, bad) {
				t.Errorf("%s: the case page shows %q in English", l.Tag, bad)
			}
		}
	}

	// What a form leaves on the next page is in the operator's language
	// too: a refusal, and a close.
	if err := f.svc.Queue().SaveOperator(ctx, handoff.Operator{Name: "giulia", Languages: []string{"*"}, Areas: []string{"*"}, Capacity: 3, Lang: "it"},
		"password-giulia"); err != nil {
		t.Fatal(err)
	}
	g := consoletest.New(t, srv.URL)
	g.MustSignIn("giulia", "password-giulia")
	mine := open(t, f.svc, "72", "ar", "work", false)
	_, page := g.Get("/console/cases/" + mine.ID)
	if !strings.Contains(page, "Caso "+mine.ID) || !strings.Contains(page, "ha chiesto di parlare con una persona") || !strings.Contains(page, "in attesa") {
		t.Errorf("the case page in Italian:\n%s", page)
	}
	csrf := consoletest.FormToken(t, page)
	_, loc, _ := g.Post("/console/cases/"+cs.ID+"/claim", url.Values{"csrf": {csrf}})
	if want := url.QueryEscape(f.cat.Text("it", "console.error.taken", nil)); !strings.Contains(loc, want) {
		t.Errorf("claiming a taken case leads to %q, want the Italian refusal %q", loc, want)
	}
	if _, loc, _ = g.Post("/console/cases/"+mine.ID+"/claim", url.Values{"csrf": {csrf}}); loc != "/console/cases/"+mine.ID {
		t.Fatalf("claim: %q", loc)
	}

	// Closing asks for an outcome explicitly, then for a confirmation;
	// only then is the case closed.
	_, page = g.Get("/console/cases/" + mine.ID)
	if !strings.Contains(page, `<option value="" selected>`+html.EscapeString(f.cat.Text("it", "console.case.choose", nil))) {
		t.Error("the outcomes have a default choice")
	}
	for _, c := range []struct {
		name string
		form url.Values
		to   string
	}{
		{"no outcome", url.Values{}, "/console/cases/" + mine.ID + "?m=" + url.QueryEscape(f.cat.Text("it", "console.error.outcome", nil))},
		{"an unknown outcome, confirmed", url.Values{"outcome": {"nonsense"}, "confirm": {"1"}}, "/console/cases/" + mine.ID + "?m=" + url.QueryEscape(f.cat.Text("it", "console.error.outcome", nil))},
		{"an outcome not confirmed", url.Values{"outcome": {handoff.OutcomeReferred}}, "/console/cases/" + mine.ID + "?close=" + handoff.OutcomeReferred},
	} {
		c.form.Set("csrf", csrf)
		_, loc, _ = g.Post("/console/cases/"+mine.ID+"/close", c.form)
		// A message for the next page is signed for the session (ms).
		unsigned, _, signed := strings.Cut(loc, "&ms=")
		if unsigned != c.to || signed != strings.Contains(c.to, "?m=") {
			t.Errorf("%s: leads to %q, want %q, signed if it carries a message", c.name, loc, c.to)
		}
		if signed {
			// The page it leads to shows the message; the same
			// address unsigned, or signed for another, does not.
			want := html.EscapeString(f.cat.Text("it", "console.error.outcome", nil))
			if _, page := g.Get(loc); !strings.Contains(page, want) {
				t.Errorf("%s: the page at %q does not show %q", c.name, loc, want)
			}
			for _, forged := range []string{unsigned, unsigned + "&ms=AAAAAAAAAAAAAAAAAAAAAA"} {
				if _, page := g.Get(forged); strings.Contains(page, want) {
					t.Errorf("%s: the page at %q shows the message of an unsigned address", c.name, forged)
				}
			}
		}
		if got, _ := f.svc.Get(ctx, mine.ID); got.Status != handoff.StatusAssigned {
			t.Fatalf("%s: the case is %s", c.name, got.Status)
		}
	}
	_, page = g.Get("/console/cases/" + mine.ID + "?close=" + handoff.OutcomeReferred)
	confirm := f.cat.Text("it", "console.case.confirm_close", map[string]any{"Outcome": f.cat.Text("it", "console.outcome.referred", nil)})
	if !strings.Contains(page, html.EscapeString(confirm)) || !strings.Contains(page, `name="confirm" value="1"`) {
		t.Errorf("the case page does not ask to confirm %q", confirm)
	}
	_, loc, _ = g.Post("/console/cases/"+mine.ID+"/close", url.Values{"csrf": {csrf}, "outcome": {handoff.OutcomeReferred}, "confirm": {"1"}})
	if !strings.Contains(loc, url.QueryEscape("Caso chiuso.")) {
		t.Errorf("closing leads to %q, want the Italian message", loc)
	}
	if got, _ := f.svc.Get(ctx, mine.ID); got.Status != handoff.StatusClosed || got.Outcome != handoff.OutcomeReferred {
		t.Errorf("after confirming: %+v", got)
	}
}
