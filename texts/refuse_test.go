package texts

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"frontdoor/console/consoletest"
)

// TestRefusalsInEditorsLanguage: what the texts pages and the recording
// upload refuse (a message or a version that does not exist, a form they
// cannot read, an action they do not know, a text over the limit, a
// recording no longer kept) is a console page in the editor's language,
// with a stable code, never an English line.
func TestRefusalsInEditorsLanguage(t *testing.T) {
	d := newDesk(t)
	long := strings.Repeat("a", maxText+1)
	type refusal struct {
		name, method, path string
		form               url.Values
		status             int
		text               string
	}
	refusals := []refusal{
		{"no such message", "GET", editPath("it", "no.such.message"), nil, http.StatusNotFound, "console.refuse.no_message"},
		{"an unknown action", "POST", editPage, url.Values{"lang": {"it"}, "id": {"menu.prompt"}, "do": {"sing"}}, http.StatusBadRequest, "console.refuse.bad_form"},
		{"no version number", "POST", editPage, url.Values{"lang": {"it"}, "id": {"menu.prompt"}, "do": {"revert"}, "v": {"last"}}, http.StatusBadRequest, "console.refuse.bad_form"},
		{"no such version", "POST", editPage, url.Values{"lang": {"it"}, "id": {"menu.prompt"}, "do": {"revert"}, "v": {"99"}}, http.StatusNotFound, "console.refuse.no_version"},
		{"a text too long", "POST", editPage, url.Values{"lang": {"it"}, "id": {"menu.prompt"}, "do": {"draft"}, "form_other": {long}}, http.StatusBadRequest, "console.refuse.text_too_long"},
		{"a recording of no message", "POST", voicePage, url.Values{"lang": {"it"}, "id": {"no.such.message"}, "do": {"remove"}}, http.StatusNotFound, "console.refuse.no_message"},
		{"an unknown recording action", "POST", voicePage, url.Values{"lang": {"it"}, "id": {"menu.prompt"}, "do": {"sing"}}, http.StatusBadRequest, "console.refuse.bad_form"},
		{"a recording no longer kept", "GET", audioPath + strings.Repeat("0", 64), nil, http.StatusNotFound, "console.refuse.no_media"},
	}
	b := d.editor(t)
	answer := func(lang string, r refusal) (int, string) {
		t.Helper()
		b.Lang(lang)
		if r.method == "GET" {
			return b.Get(r.path)
		}
		form := url.Values{"csrf": {consoletest.FormToken(t, b.MustGet(editPath("it", "menu.prompt")))}}
		for k, v := range r.form {
			form[k] = v
		}
		code, _, body := b.Post(r.path, form)
		return code, body
	}
	for _, r := range refusals {
		t.Run(r.name, func(t *testing.T) {
			_, english := answer("en", r)
			for _, lang := range []string{"it", "ar"} {
				code, body := answer(lang, r)
				want := html.EscapeString(d.cat.Text(lang, r.text, nil))
				if code != r.status || !strings.Contains(body, want) || want == r.text {
					t.Errorf("%s: = %d, want %d with %q:\n%s", lang, code, r.status, want, body)
				}
				if left := consoletest.EnglishLeft(english, body, "eva", "Frontdoor"); len(left) > 0 {
					t.Errorf("%s: still in English: %q", lang, left)
				}
			}
		})
	}
}
