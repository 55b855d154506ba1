package broadcast_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"frontdoor/broadcast"
	"frontdoor/console"
	"frontdoor/console/consoletest"
)

// TestRefusalsSpeakOperatorsLanguage: a campaign form refused (several
// problems at once, a name taken), a button refused in the campaign's
// status, a test send in a language the campaign skips or on a channel
// the server does not send on, are told in the operator's language, in
// every language of the console, with nothing of the English left; the
// refused creation form comes back as it was sent, so nothing typed is
// lost; the address never carries the words a page shows.
func TestRefusalsSpeakOperatorsLanguage(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, broadcast.Config{}, nil)
	srv := campaignsSite(t, f, console.Account{Name: "olga", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleOutreach}})
	if err := f.svc.Create(ctx, campaign("fiera", "jobs")); err != nil {
		t.Fatal(err)
	}
	cat := shared.Catalog(t)
	// olga chose no language: the console speaks her browser's.
	olga := consoletest.New(t, srv.URL)
	olga.MustSignIn("olga", "password-olga")
	token := consoletest.FormToken(t, olga.MustGet("/console/campaigns/"))
	// Three problems: the fallback's language has no text, the button's
	// id is not a choice and its Italian label is missing.
	bad := url.Values{"csrf": {token}, "id": {"rinnovi"}, "topic": {"permits"}, "fallback": {"ar"}, "active_days": {"7"},
		"text_it": {"Nuove regole per il rinnovo."}, "choice_id": {"prenota"}, "channels": {"telegram"}}
	taken := url.Values{"csrf": {token}, "id": {"fiera"}, "topic": {"jobs"}, "fallback": {"skip"}, "text_it": {"Fiera"}}
	type answer struct {
		code      int
		loc, body string
	}
	post := func(b *consoletest.Browser, path string, form url.Values) answer {
		code, loc, body := b.Post(path, form)
		return answer{code, loc, body}
	}
	pages := func(b *consoletest.Browser) map[string]answer {
		return map[string]answer{
			"create":    post(b, "/console/campaigns/create", bad),
			"taken":     post(b, "/console/campaigns/create", taken),
			"pause":     post(b, "/console/campaigns/pause", url.Values{"csrf": {token}, "id": {"fiera"}}),
			"test lang": post(b, "/console/campaigns/test", url.Values{"csrf": {token}, "id": {"fiera"}, "channel": {"telegram"}, "contact": {"9"}, "lang": {"ar"}}),
			"test chan": post(b, "/console/campaigns/test", url.Values{"csrf": {token}, "id": {"fiera"}, "channel": {"sms"}, "contact": {"9"}, "lang": {"it"}}),
		}
	}
	english := pages(olga.Lang("en"))
	wantStatus := map[string]int{"create": http.StatusBadRequest, "taken": http.StatusConflict, "pause": http.StatusConflict,
		"test lang": http.StatusBadRequest, "test chan": http.StatusBadRequest}
	for what, a := range english {
		if a.code != wantStatus[what] || a.loc != "" {
			t.Fatalf("%s: %d to %q, want %d and the page at once", what, a.code, a.loc, wantStatus[what])
		}
	}
	for what, want := range map[string][]string{
		"create": {"The campaign was not created:", "People without their language would get the text in العربية, but there is none",
			"Button: prenota is not a choice of the conversation", "Button: its label in Italiano is missing"},
		"taken":     {"A campaign with this name exists already"},
		"pause":     {"Not done: pause.", "Not possible while the campaign is draft"},
		"test lang": {"The test was not sent:", "The campaign has no text in العربية"},
		"test chan": {"Frontdoor cannot send on sms here."},
	} {
		for _, w := range want {
			if !strings.Contains(english[what].body, html.EscapeString(w)) {
				t.Errorf("%s: the English page lacks %q", what, w)
			}
		}
	}
	// The refused form as it was sent.
	for _, w := range []string{`value="rinnovi"`, `>Nuove regole per il rinnovo.</textarea>`, `value="prenota"`, `value="7"`,
		`value="telegram" checked`, `value="ar" selected`, `value="permits" selected`} {
		if !strings.Contains(english["create"].body, w) {
			t.Errorf("the refused form lacks %s", w)
		}
	}
	// What olga typed stays as she typed it.
	data := []string{"Frontdoor", "Telegram", "WhatsApp", "sms", "prenota", "rinnovi", "fiera", "olga", "Fiera", "Nuove", "regole", "per", "il", "rinnovo"}
	for _, l := range cat.Languages() {
		data = append(data, strings.Fields(l.Native)...)
	}
	for _, l := range cat.Languages() {
		if l.Tag == "en" {
			continue
		}
		t.Run(l.Tag, func(t *testing.T) {
			got := pages(olga.Lang(l.Tag))
			for what, a := range got {
				if a.code != wantStatus[what] {
					t.Errorf("%s: %d", what, a.code)
				}
				words := data
				if l.Tag == "it" {
					words = append(words, "Agenda")
				}
				if left := consoletest.EnglishLeft(english[what].body, a.body, words...); len(left) > 0 {
					t.Errorf("%s: still in English: %q", what, left)
				}
			}
			want := cat.Text(l.Tag, "console.campaigns.problem.choice_label", map[string]any{"Language": "Italiano"})
			if !strings.Contains(got["create"].body, html.EscapeString(want)) {
				t.Errorf("the refused form lacks %q", want)
			}
			want = cat.Text(l.Tag, "console.campaigns.problem.state", map[string]any{"Status": cat.Text(l.Tag, "console.campaign.status.draft", nil)})
			if !strings.Contains(got["pause"].body, html.EscapeString(want)) {
				t.Errorf("the refused pause lacks %q", want)
			}
		})
	}
}
