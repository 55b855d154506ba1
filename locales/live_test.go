package locales

import (
	"slices"
	"strings"
	"testing"
)

// A text from the console is checked as an override file is at start: one
// finding per problem, naming the catalogue and the message.
func TestCheckText(t *testing.T) {
	c := mustLoad(t)
	tests := []struct {
		name string
		text Text
		want []string // substrings, one per finding; none: accepted
	}{
		{"plain text", Text{Lang: "it", ID: "menu.prompt", Other: "Di cosa hai bisogno?"}, nil},
		{"variable kept", Text{Lang: "fr", ID: "urgent.short", Other: "En danger ? Appelez le {{.Emergency}}."}, nil},
		{"every Ukrainian plural form", Text{Lang: "uk", ID: "input.too_long", One: "Не більше {{.Count}} символу.", Few: "Не більше {{.Count}} символів.",
			Many: "Не більше {{.Count}} символів.", Other: "Не більше {{.Count}} символу."}, nil},
		{"variable dropped", Text{Lang: "fr", ID: "urgent.short", Other: "En danger ? Appelez."},
			[]string{"fr.toml: urgent.short: does not use {{.Emergency}}"}},
		{"variable English lacks", Text{Lang: "it", ID: "menu.prompt", Other: "Ciao {{.Name}}"},
			[]string{"it.toml: menu.prompt: uses {{.Name}}, which English does not"}},
		{"broken template", Text{Lang: "it", ID: "menu.prompt", Other: "Ciao {{end}}"}, []string{"it.toml: menu.prompt: Count 1:"}},
		{"plural form missing", Text{Lang: "uk", ID: "input.too_long", One: "{{.Count}}", Other: "{{.Count}}"},
			[]string{`plural form "few" missing`, `plural form "many" missing`}},
		{"plural form the language never uses", Text{Lang: "zh", ID: "input.too_long", One: "{{.Count}}", Other: "{{.Count}}"},
			[]string{`plural form "one" is never used in zh`}},
		{"Latin letters bare in Arabic", Text{Lang: "ar", ID: "menu.prompt", Other: "اكتب menu"},
			[]string{"ar.toml: menu.prompt: Count 1: 'm' is not inside a directional isolate"}},
		{"empty", Text{Lang: "it", ID: "menu.prompt"}, []string{"it.toml: menu.prompt: empty text"}},
		{"unknown id", Text{Lang: "it", ID: "menu.nope", Other: "x"}, []string{"menu.nope: no such message id"}},
		{"unknown language", Text{Lang: "xx", ID: "menu.prompt", Other: "x"}, []string{`language "xx" is not supported`}},
		{"typed words", Text{Lang: "it", ID: "words.stop", Other: "basta"}, []string{"read at start"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs := c.CheckText(tc.text)
			if len(errs) != len(tc.want) {
				t.Fatalf("CheckText = %v, want %d findings %q", errs, len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				if !strings.Contains(errs[i].Error(), w) {
					t.Errorf("finding %d = %q, want it to say %q", i, errs[i], w)
				}
			}
		})
	}
}

// Published texts replace the shipped ones at once for every reader; a bad
// one is left out and the shipped text stays; the next publication
// replaces the whole layer.
func TestSetLive(t *testing.T) {
	c := mustLoad(t)
	shippedIt, shippedAr := c.Text("it", "menu.prompt", nil), c.Text("ar", "menu.prompt", nil)
	errs := c.SetLive([]Text{
		{Lang: "it", ID: "menu.prompt", Other: "Scegli un argomento."},
		{Lang: "ar", ID: "menu.prompt", Other: "اكتب menu"},
	})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "ar.toml: menu.prompt") {
		t.Fatalf("SetLive errors = %v, want the Arabic text refused", errs)
	}
	if got := c.Text("it", "menu.prompt", nil); got != "Scegli un argomento." {
		t.Errorf("it = %q after publishing", got)
	}
	if got := c.Text("ar", "menu.prompt", nil); got != shippedAr {
		t.Errorf("ar = %q, want the shipped text kept in place of a bad one", got)
	}
	if got := c.Live(); len(got) != 1 || got[0].Lang != "it" {
		t.Errorf("Live = %+v", got)
	}
	if errs := c.SetLive(nil); len(errs) != 0 {
		t.Fatal(errs)
	}
	if got := c.Text("it", "menu.prompt", nil); got != shippedIt {
		t.Errorf("it = %q after the layer went, want %q", got, shippedIt)
	}
}

// A preview's catalogue reads drafts over the live texts; the catalogue
// people read is unchanged.
func TestWithTexts(t *testing.T) {
	c := mustLoad(t)
	c.SetLive([]Text{{Lang: "it", ID: "menu.prompt", Other: "Pubblicato."}})
	v, errs := c.WithTexts([]Text{{Lang: "it", ID: "consent.no", Other: "Bozza."}})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	for _, tc := range []struct {
		cat      *Catalog
		id, want string
	}{
		{v, "consent.no", "Bozza."}, {v, "menu.prompt", "Pubblicato."},
		{c, "consent.no", mustLoad(t).Text("it", "consent.no", nil)}, {c, "menu.prompt", "Pubblicato."},
	} {
		if got := tc.cat.Text("it", tc.id, nil); got != tc.want {
			t.Errorf("%s = %q, want %q", tc.id, got, tc.want)
		}
	}
	// The preview chooses plural forms as the live bot does: "90 днів",
	// not the form for other counts.
	days := map[string]any{"Days": 90}
	for _, lang := range []string{"uk", "ru", "ar"} {
		if got, want := v.Text(lang, "consent.text", days), c.Text(lang, "consent.text", days); got != want {
			t.Errorf("%s preview %q, live %q", lang, got, want)
		}
	}
}

// The translator's list follows the English people read: a translation
// published against one English text is up to date until the English
// changes, then it is listed as changed.
func TestLiveEnglishMarksTranslationsChanged(t *testing.T) {
	c := mustLoad(t)
	reason := func(lang, id string) string {
		ps, err := c.ToReview(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.ID == id {
				return p.Reason
			}
		}
		return "up to date"
	}
	it := Text{Lang: "it", ID: "menu.prompt", Other: "Di cosa hai bisogno?", Hash: c.SourceHashOf("menu.prompt")}
	if errs := c.SetLive([]Text{it}); len(errs) != 0 {
		t.Fatal(errs)
	}
	if got := reason("it", "menu.prompt"); got != "up to date" {
		t.Fatalf("translation reviewed against the English now: %s", got)
	}
	if got := reason("fr", "menu.prompt"); got != ReasonUnreviewed {
		t.Errorf("French, never reviewed: %s", got)
	}
	if errs := c.SetLive([]Text{it, {Lang: "en", ID: "menu.prompt", Other: "What do you need? Choose one."}}); len(errs) != 0 {
		t.Fatal(errs)
	}
	if got := reason("it", "menu.prompt"); got != ReasonChanged {
		t.Errorf("after the English changed: %s, want %s", got, ReasonChanged)
	}
}

func TestForms(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range []struct {
		lang, id string
		want     []string
	}{
		{"ar", "input.too_long", []string{"zero", "one", "two", "few", "many", "other"}},
		{"uk", "input.too_long", []string{"one", "few", "many", "other"}},
		{"zh", "input.too_long", []string{"other"}},
		{"ar", "menu.prompt", []string{"other"}},
	} {
		got, err := c.Forms(tc.lang, tc.id)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("Forms(%s, %s) = %v, %v; want %v", tc.lang, tc.id, got, err, tc.want)
		}
	}
}

func TestFind(t *testing.T) {
	c := mustLoad(t)
	got := c.Find("допомога", []string{"uk"}, 5)
	if len(got) == 0 {
		t.Fatal("nothing found by Ukrainian text")
	}
	for _, txt := range got {
		if txt.Lang != "uk" || !strings.Contains(strings.ToLower(txt.Other+txt.One+txt.Few+txt.Many), "допомога") {
			t.Errorf("found %+v", txt)
		}
	}
	byID := c.Find("menu.prompt", nil, 100)
	if len(byID) != len(c.Languages()) {
		t.Errorf("by id: %d texts, want one per language (%d)", len(byID), len(c.Languages()))
	}
	if got := c.Find("stop", nil, 1000); slices.ContainsFunc(got, func(t Text) bool { return strings.HasPrefix(t.ID, "words.") }) {
		t.Error("typed words offered for editing")
	}
}

// Which text wins: published texts over the desk's override files, which
// win over the built-in ones; withdrawing the published text shows the
// override file's again.
func TestLiveWinsOverOverrideFiles(t *testing.T) {
	dir := writeOverrides(t, map[string]string{"desk.it.toml": "[\"menu.prompt\"]\nother = \"Dal file dello sportello.\"\n"})
	c, err := LoadWithOverrides(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		live []Text
		want string
	}{
		{nil, "Dal file dello sportello."},
		{[]Text{{Lang: "it", ID: "menu.prompt", Other: "Dalla console."}}, "Dalla console."},
		{nil, "Dal file dello sportello."},
	} {
		if errs := c.SetLive(step.live); len(errs) != 0 {
			t.Fatal(errs)
		}
		if got := c.Text("it", "menu.prompt", nil); got != step.want {
			t.Errorf("with %d published: %q, want %q", len(step.live), got, step.want)
		}
		if got, _ := c.Shipped("it", "menu.prompt"); got.Other != "Dal file dello sportello." {
			t.Errorf("shipped = %q, want the override file's", got.Other)
		}
	}
}
