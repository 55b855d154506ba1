package handoff_test

import (
	"context"
	"fmt"
	"html"
	"net/http/httptest"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
	"frontdoor/store/storetest"
)

// TestFilesNamedInOperatorsLanguage: the kinds of the files a person sent
// (voice message, photo, document, location, sticker) and why a file is
// not in the case (too big here) are shown by their names in the
// operator's language on the case page, in the export and in the queue's
// preview, never as the ids "[photo]" or "[voice]", nor in English.
func TestFilesNamedInOperatorsLanguage(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	cat := shared.Catalog(t)
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4,
		Fetchers: map[string]handoff.MediaFetcher{"telegram": failingFetcher{fmt.Errorf("fetch: %w", handoff.ErrMediaTooBig)}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cs := open(t, svc, "77", "it", "legal", false)
	c := cs.Contact
	h := svc.Wrap(&recordingHandler{})
	// A photo whose download is refused as too big, then files the
	// channel named without a file to fetch.
	msgs := []bot.Message{{ID: "m1", Attachment: bot.AttachPhoto, Media: "ref"}, {ID: "m2", Attachment: bot.AttachVoice},
		{ID: "m3", Attachment: bot.AttachDocument}, {ID: "m4", Attachment: bot.AttachLocation}, {ID: "m5", Attachment: bot.AttachSticker}}
	for _, m := range msgs {
		m.Contact = c
		if _, err := h.Handle(ctx, bot.Turn{Contact: c, Message: m}); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.Queue().SaveOperator(ctx, handoff.Operator{Name: "ada", Languages: []string{"*"}, Areas: []string{"*"}, Capacity: 3, Admin: true}, "password-ada"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(svc.Handler())
	t.Cleanup(srv.Close)
	ada := consoletest.New(t, srv.URL)
	ada.MustSignIn("ada", "password-ada")
	shown := func(lang string) (page, export, queue string) {
		t.Helper()
		setLang(t, svc, "ada", lang)
		return ada.MustGet("/console/cases/" + cs.ID + "/transcript"), ada.MustGet("/console/cases/" + cs.ID + "/export"), ada.MustGet("/console/")
	}
	englishPage, englishExport, _ := shown("en")
	for _, want := range []string{">voice message<", ">photo<", ">document<", ">location<", ">sticker<",
		"Could not fetch the file (photo): too big (the limit is 20 MB)"} {
		if !strings.Contains(englishPage, want) {
			t.Errorf("the English case page lacks %q", want)
		}
	}
	if !strings.Contains(englishExport, "[voice message]") {
		t.Errorf("the English export lacks the voice message:\n%s", englishExport)
	}
	lines := func(s string) string { return strings.ReplaceAll(s, "\n", "<br>") }
	data := sameEverywhere(cat, "MB")
	for _, l := range cat.Languages() {
		if l.Tag == "en" {
			continue
		}
		t.Run(l.Tag, func(t *testing.T) {
			page, export, queue := shown(l.Tag)
			name := func(kind string) string { return cat.Text(l.Tag, "console.attachment."+kind, nil) }
			for _, kind := range []string{"photo", "voice", "document", "location", "sticker"} {
				if name(kind) == kind {
					continue // French "photo", "document"
				}
				for what, s := range map[string]string{"case page": page, "export": export, "queue": queue} {
					if raw := "[" + kind + "]"; strings.Contains(s, raw) || strings.Contains(s, ">"+kind+"<") {
						t.Errorf("the %s shows %q", what, kind)
					}
				}
			}
			for _, raw := range []string{"could not fetch"} {
				for what, s := range map[string]string{"case page": page, "export": export, "queue": queue} {
					if strings.Contains(s, raw) {
						t.Errorf("the %s shows %q", what, raw)
					}
				}
			}
			same := data // the kinds a language names as English does
			for _, kind := range []string{"photo", "voice", "document", "location", "sticker"} {
				if name(kind) == cat.Text("en", "console.attachment."+kind, nil) {
					same = append(same, name(kind))
				}
			}
			if left := consoletest.EnglishLeft(englishPage, page, same...); len(left) > 0 {
				t.Errorf("the case page is still in English: %q", left)
			}
			if left := consoletest.EnglishLeft(lines(englishExport), lines(export), append(same, cs.ID)...); len(left) > 0 {
				t.Errorf("the export is still in English: %q", left)
			}
			tooBig := cat.Text(l.Tag, "console.case.media.too_big", map[string]any{"Kind": name("photo"), "Limit": 20})
			for _, want := range []string{name("voice"), name("photo"), name("document"), name("location"), name("sticker")} {
				if want = ">" + html.EscapeString(want) + "<"; !strings.Contains(page, want) {
					t.Errorf("the case page lacks %q", want)
				}
			}
			for _, want := range []string{tooBig} {
				if !strings.Contains(page, html.EscapeString(want)) {
					t.Errorf("the case page lacks %q", want)
				}
			}
			for _, want := range []string{"[" + name("voice") + "]", tooBig} {
				if !strings.Contains(export, want) {
					t.Errorf("the export lacks %q", want)
				}
			}
			// The queue previews the last thing the person sent: the sticker.
			if want := "<q>[" + html.EscapeString(name("sticker")) + "]</q>"; !strings.Contains(queue, want) {
				t.Errorf("the queue lacks the preview %q", want)
			}
		})
	}
}
