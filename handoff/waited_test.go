package handoff_test

import (
	"context"
	"html"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

// TestWaitingTimeInWords: the queue says how long a case has waited, and
// the case page how long ago it opened, in words of the operator's
// language with its plural forms ("2 hours 5 minutes", "1 giorno 3
// ore"), never as Go's "2h5m0s".
func TestWaitingTimeInWords(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	if err := f.svc.Queue().SaveOperator(ctx, handoff.Operator{Name: "ada", Languages: []string{"*"}, Areas: []string{"*"}, Capacity: 3, Admin: true}, "password-ada"); err != nil {
		t.Fatal(err)
	}
	cs := open(t, f.svc, "31", "it", "legal", false)
	srv := httptest.NewServer(f.svc.Handler())
	t.Cleanup(srv.Close)
	ada := consoletest.New(t, srv.URL)
	ada.MustSignIn("ada", "password-ada")
	waited := time.Duration(0)
	for _, tt := range []struct {
		after time.Duration
		lang  string
		want  string
	}{
		{30 * time.Second, "en", "0 minutes"},
		{time.Minute, "en", "1 minute"},
		{2*time.Hour + 5*time.Minute, "en", "2 hours 5 minutes"},
		{2*time.Hour + 5*time.Minute, "it", "2 ore 5 minuti"},
		{27 * time.Hour, "it", "1 giorno 3 ore"},
		{27 * time.Hour, "ru", "1 день 3 часа"},
		{50 * time.Hour, "en", "2 days 2 hours"},
	} {
		f.clock.Add(tt.after - waited)
		waited = tt.after
		setLang(t, f.svc, "ada", tt.lang)
		queue := ada.MustGet("/console/")
		if want := `<span class="since">` + html.EscapeString(tt.want) + `</span>`; !strings.Contains(queue, want) {
			i := strings.Index(queue, `class="since"`)
			t.Errorf("after %s in %s, the queue lacks %q: %.80s", tt.after, tt.lang, want, queue[max(i, 0):])
		}
		page := ada.MustGet("/console/cases/" + cs.ID)
		if want := html.EscapeString(f.cat.Text(tt.lang, "console.case.ago", map[string]any{"Time": tt.want})); !strings.Contains(page, want) {
			t.Errorf("after %s in %s, the case page lacks %q", tt.after, tt.lang, want)
		}
	}
}
