package handoff_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

// TestQueueNamesTheOperatorsLanguages: the line above the queue says
// which languages the operator takes by their names ("Italiano,
// العربية"), and "any language" for an operator who takes them all, in
// the operator's language: never the codes "it, ar" or "*".
func TestQueueNamesTheOperatorsLanguages(t *testing.T) {
	f := newService(t, handoff.Config{})
	srv := httptest.NewServer(f.svc.Handler())
	t.Cleanup(srv.Close)
	for _, tt := range []struct {
		name      string
		languages []string
		want, bad []string
	}{
		{"two languages", []string{"it", "ar"}, []string{`>Italiano</span>, <span lang="ar" dir="rtl">العربية</span>`}, []string{": it, ar ·"}},
		{"every language", []string{"*"}, []string{f.cat.Text("it", "console.operators.any_language", nil)}, []string{": * ·"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			name := "op" + string(rune('a'+len(tt.languages)))
			if err := f.svc.Queue().SaveOperator(context.Background(), handoff.Operator{Name: name, Languages: tt.languages, Areas: []string{"*"}, Capacity: 2, Lang: "it"},
				"password-"+name); err != nil {
				t.Fatal(err)
			}
			b := consoletest.New(t, srv.URL)
			b.MustSignIn(name, "password-"+name)
			page := b.MustGet("/console/")
			line := page[strings.Index(page, f.cat.Text("it", "console.queue.languages", nil)+":"):]
			line = line[:strings.Index(line, "</p>")]
			for _, w := range tt.want {
				if !strings.Contains(line, w) {
					t.Errorf("the line %q lacks %q", line, w)
				}
			}
			for _, w := range tt.bad {
				if strings.Contains(line, w) {
					t.Errorf("the line %q shows %q", line, w)
				}
			}
		})
	}
}
