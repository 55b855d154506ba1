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

// TestCaseNoteAndTransferFromTheConsole: the case page's own forms (not
// the API) add an internal note, which the page then shows as a note and
// the person never reads, and transfer the case to a colleague with a
// note for them, who finds it on the case; the colleague can put it back
// in the queue. A form without the session's token changes nothing, and
// an operator cannot transfer a case that is no longer theirs.
func TestCaseNoteAndTransferFromTheConsole(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "sam", []string{"it"}, []string{"*"}, 3)
	addOperator(t, f.svc, "bea", []string{"it"}, []string{"legal"}, 3)
	cs := open(t, f.svc, "91", "it", "legal", false)
	if err := f.svc.Claim(ctx, "sam", cs.ID); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(f.svc.Handler())
	t.Cleanup(srv.Close)
	sam := consoletest.New(t, srv.URL).Lang("it")
	sam.MustSignIn("sam", "password-sam")
	path := "/console/cases/" + cs.ID
	page := sam.MustGet(path)
	csrf := consoletest.FormToken(t, page)
	for _, form := range []string{`action="` + path + `/note"`, `action="` + path + `/transfer"`, `<option value="bea">bea</option>`} {
		if !strings.Contains(page, form) {
			t.Fatalf("the case page lacks %s", form)
		}
	}
	said := len(f.sent.to(cs.Contact))

	const note, handover = "ha già un avvocato, chiede solo la ricevuta", "parla con lei domattina"
	if code, _, _ := sam.Post(path+"/note", url.Values{"text": {note}}); code != http.StatusForbidden {
		t.Errorf("a note without the form token = %d, want 403", code)
	}
	if code, loc, _ := sam.Post(path+"/note", url.Values{"csrf": {csrf}, "text": {note}}); code != http.StatusSeeOther || loc != path {
		t.Fatalf("note = %d → %q, want back to the case", code, loc)
	}
	tx, err := f.svc.Transcript(ctx, cs.ID)
	if err != nil {
		t.Fatal(err)
	}
	notes := 0
	for _, e := range tx {
		if e.By == "note" && e.Text == note && e.Operator == "sam" {
			notes++
		}
	}
	if notes != 1 {
		t.Fatalf("%d notes in the transcript, want the one with its token: %+v", notes, tx)
	}
	page = sam.MustGet(path)
	if !strings.Contains(page, html.EscapeString(note)) || !strings.Contains(page, `class="entry by-note`) {
		t.Error("the case page does not show the note as a note")
	}
	if got := f.sent.to(cs.Contact); len(got) != said {
		t.Fatalf("the person was sent the note: %+v", got[said:])
	}

	code, loc, _ := sam.Post(path+"/transfer", url.Values{"csrf": {csrf}, "to": {"bea"}, "note": {handover}})
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/console/?") ||
		!strings.Contains(loc, url.QueryEscape(f.cat.Text("it", "console.case.transferred", nil))) {
		t.Fatalf("transfer = %d → %q, want the queue with the Italian message", code, loc)
	}
	got, err := f.svc.Get(ctx, cs.ID)
	if err != nil || got.Status != handoff.StatusAssigned || got.Operator != "bea" || got.Note != handover {
		t.Fatalf("after the transfer: %+v %v, want bea's with the note", got, err)
	}
	// No longer sam's: his second try is refused and changes nothing.
	sam.Post(path+"/transfer", url.Values{"csrf": {csrf}, "to": {""}})
	if got, _ := f.svc.Get(ctx, cs.ID); got.Operator != "bea" || got.Status != handoff.StatusAssigned {
		t.Fatalf("sam moved a case that was no longer his: %+v", got)
	}

	bea := consoletest.New(t, srv.URL).Lang("it")
	bea.MustSignIn("bea", "password-bea")
	page = bea.MustGet(path)
	if !strings.Contains(page, html.EscapeString(handover)) {
		t.Error("bea's case page does not show the note left for her")
	}
	if code, _, _ := bea.Post(path+"/transfer", url.Values{"csrf": {consoletest.FormToken(t, page)}, "to": {""}}); code != http.StatusSeeOther {
		t.Fatalf("back to the queue = %d", code)
	}
	if got, _ := f.svc.Get(ctx, cs.ID); got.Status != handoff.StatusWaiting || got.Operator != "" {
		t.Fatalf("after bea put it back: %+v, want waiting", got)
	}
}
