package locales

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestReviewTrail: a draft catalogue exports every text; the filled file,
// applied, gives each message the hash of its English text and, with
// nothing left, the catalogue is marked reviewed; a changed English text
// comes back as "changed".
func TestReviewTrail(t *testing.T) {
	en := "[_meta]\nnative = \"English\"\n\n[\"a\"]\nother = \"Hello\"\n\n[\"n\"]\none = \"{{.Count}} day\"\nother = \"{{.Count}} days\"\n\n[\"b\"]\ndescription = \"A button.\"\nother = \"Book\"\n"
	uk := "[_meta]\nnative = \"Українська\"\nreviewed = false\n\n# greetings\n[\"a\"]\nother = \"Привіт\"\n\n# the end\n"
	fsys := fstest.MapFS{
		"en.toml": &fstest.MapFile{Data: []byte(en)},
		"it.toml": &fstest.MapFile{Data: []byte("[_meta]\nnative = \"Italiano\"\n\n[\"a\"]\nother = \"Ciao\"\n")},
		"uk.toml": &fstest.MapFile{Data: []byte(uk)},
	}
	c, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Draft("uk") || c.Draft("en") {
		t.Errorf("Draft(uk) = %v, Draft(en) = %v; want a draft and the reference", c.Draft("uk"), c.Draft("en"))
	}
	ps, err := c.ToReview("uk")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.ID+"/"+p.Form+"/"+p.Reason)
	}
	// Ukrainian has one, few, many and other.
	if want := "a/other/unreviewed b/other/missing n/one/missing n/few/missing n/many/missing n/other/missing"; strings.Join(got, " ") != want {
		t.Fatalf("to review %q, want %q", strings.Join(got, " "), want)
	}

	var csvOut bytes.Buffer
	if err := WriteCSV(&csvOut, ps); err != nil {
		t.Fatal(err)
	}
	// The translator fills the translation column.
	filled := csvOut.String()
	for _, r := range [][2]string{
		{",Book,,", ",Book,Записатися,"},
		{"{{.Count}} day,,", "{{.Count}} day,{{.Count}} день,"},
		{"n,few,missing,,{{.Count}} days,,", "n,few,missing,,{{.Count}} days,{{.Count}} дні,"},
		{"n,many,missing,,{{.Count}} days,,", "n,many,missing,,{{.Count}} days,{{.Count}} днів,"},
		{"n,other,missing,,{{.Count}} days,,", "n,other,missing,,{{.Count}} days,{{.Count}} дня,"},
	} {
		if !strings.Contains(filled, r[0]) {
			t.Fatalf("export has no %q:\n%s", r[0], filled)
		}
		filled = strings.Replace(filled, r[0], r[1], 1)
	}
	ts, err := ReadCSV(strings.NewReader(filled))
	if err != nil {
		t.Fatal(err)
	}
	file, err := c.Apply(fsys["uk.toml"].Data, "uk", ts)
	if err != nil {
		t.Fatal(err)
	}
	if file, err = MarkReviewed(file, "cultural mediator, Ukrainian", time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# greetings\n[\"a\"]\nhash = \"sha1-", "# the end\n", "reviewed = true\n", "reviewed_on = \"2026-12-05\"\n", "reviewed_by = \"cultural mediator, Ukrainian\"\n"} {
		if !strings.Contains(string(file), want) {
			t.Errorf("catalogue lost or lacks %q:\n%s", want, file)
		}
	}
	fsys["uk.toml"] = &fstest.MapFile{Data: file}
	c, err = LoadFS(fsys)
	if err != nil {
		t.Fatalf("%v\n%s", err, file)
	}
	if left, _ := c.ToReview("uk"); len(left) != 0 || c.Draft("uk") {
		t.Errorf("after import: %d left, draft %v; want none and reviewed", len(left), c.Draft("uk"))
	}
	if got := c.Text("uk", "n", map[string]any{"Count": 3}); got != "3 дні" {
		t.Errorf("n with 3 = %q", got)
	}
	if r := c.Review("uk"); r.On != "2026-12-05" || r.By != "cultural mediator, Ukrainian" {
		t.Errorf("review = %+v", r)
	}

	// English changes a text: that message is to review again.
	fsys["en.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(en, "other = \"Book\"", "other = \"Book an appointment\"", 1))}
	if c, err = LoadFS(fsys); err != nil {
		t.Fatal(err)
	}
	ps, _ = c.ToReview("uk")
	if len(ps) != 1 || ps[0].ID != "b" || ps[0].Reason != ReasonChanged || ps[0].Text != "Записатися" {
		t.Errorf("after an English change: %+v, want b changed with its text now", ps)
	}
}

func TestReviewMetaIsChecked(t *testing.T) {
	for name, meta := range map[string]string{
		"reviewed without who":  "reviewed = true\nreviewed_on = \"2026-12-01\"\n",
		"reviewed without when": "reviewed = true\nreviewed_by = \"mediator\"\n",
		"not a date":            "reviewed_on = \"1/12/2026\"\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := LoadFS(fstest.MapFS{
				"en.toml": catFile("English", false, "[\"a\"]\nother = \"Hello\"\n"),
				"it.toml": &fstest.MapFile{Data: []byte("[_meta]\nnative = \"Italiano\"\n" + meta + "\n[\"a\"]\nother = \"Ciao\"\n")},
			})
			if err == nil || !strings.Contains(err.Error(), "it.toml") {
				t.Errorf("err = %v, want one naming it.toml", err)
			}
		})
	}
}

func TestReadCSVRefusesOtherFiles(t *testing.T) {
	if _, err := ReadCSV(strings.NewReader("a,b\n1,2\n")); err == nil {
		t.Error("a CSV without the export's header was read")
	}
}

// TestSourceHashIsGoi18ns: the hash written at import is the one goi18n
// merge writes and compares, so goi18n keeps (does not re-queue) what was
// reviewed here. The expected values are goi18n v2's own: its
// documentation's PersonCats example and its merge test's message.
func TestSourceHashIsGoi18ns(t *testing.T) {
	for _, tt := range []struct{ description, other, want string }{
		{"The number of cats a person has", "{{.Name}} has {{.Count}} cats.", "sha1-f937a0e05e19bfe6cd70937c980eaf1f9832f091"},
		{"", "Hello", "sha1-f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0"},
	} {
		if got := SourceHash(tt.description, tt.other); got != tt.want {
			t.Errorf("SourceHash(%q, %q) = %s, want goi18n's %s", tt.description, tt.other, got, tt.want)
		}
	}
}
