package locales

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

func mustLoad(t *testing.T) *Catalog {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

// TestCheck is the guard for the translations: every message renders in every
// language, with all CLDR plural forms, the same variables as English, no
// "<no value>" and isolates around Latin text in right-to-left languages.
func TestCheck(t *testing.T) {
	c := mustLoad(t)
	for _, err := range c.Check() {
		t.Error(err)
	}
}

func TestEveryLanguageHasEveryMessage(t *testing.T) {
	c := mustLoad(t)
	ids := c.IDs()
	if len(ids) < 30 {
		t.Fatalf("IDs() = %d ids, want the whole English catalogue", len(ids))
	}
	for _, l := range c.Languages() {
		for _, id := range ids {
			if _, ok := c.messages[l.Tag][id]; !ok {
				t.Errorf("%s: %s missing", l.Tag, id)
			}
		}
	}
}

func TestIDsSortedCopy(t *testing.T) {
	c := mustLoad(t)
	ids := c.IDs()
	for i := 1; i < len(ids); i++ {
		if ids[i-1] >= ids[i] {
			t.Fatalf("IDs not sorted: %q before %q", ids[i-1], ids[i])
		}
	}
	ids[0] = "changed"
	if c.IDs()[0] == "changed" {
		t.Error("IDs() returned the catalogue's own slice")
	}
}

func TestLanguages(t *testing.T) {
	c := mustLoad(t)
	want := []Language{
		{Tag: "it", Native: "Italiano"},
		{Tag: "en", Native: "English"},
		{Tag: "fr", Native: "Français"},
		{Tag: "es", Native: "Español"},
		{Tag: "ar", Native: "العربية", RTL: true},
		{Tag: "uk", Native: "Українська"},
		{Tag: "sq", Native: "Shqip"},
		{Tag: "bn", Native: "বাংলা"},
		{Tag: "ur", Native: "اردو", RTL: true},
		{Tag: "zh", Native: "中文"},
		// The eleven drafts, by their rank.
		{Tag: "ro", Native: "Română"},
		{Tag: "fa", Native: "فارسی", RTL: true},
		{Tag: "ps", Native: "پښتو", RTL: true},
		{Tag: "ti", Native: "ትግርኛ"},
		{Tag: "so", Native: "Soomaali"},
		{Tag: "am", Native: "አማርኛ"},
		{Tag: "pa", Native: "ਪੰਜਾਬੀ"},
		{Tag: "ru", Native: "Русский"},
		{Tag: "tr", Native: "Türkçe"},
		{Tag: "wo", Native: "Wolof"},
		{Tag: "fil", Native: "Tagalog"},
	}
	got := c.Languages()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Languages() =\n%v\nwant\n%v", got, want)
	}
	got[0].Native = "changed"
	if c.Languages()[0].Native != "Italiano" {
		t.Error("Languages() returned the catalogue's own slice")
	}
	for _, l := range want {
		if !c.Supported(l.Tag) {
			t.Errorf("Supported(%q) = false", l.Tag)
		}
		if got, ok := c.Language(l.Tag); !ok || got != l {
			t.Errorf("Language(%q) = %v, %v; want %v, true", l.Tag, got, ok, l)
		}
	}
	for _, tag := range []string{"", "pt", "AR", "ar-EG", "x-junk"} {
		if c.Supported(tag) {
			t.Errorf("Supported(%q) = true, want false (only our exact codes)", tag)
		}
		if _, ok := c.Language(tag); ok {
			t.Errorf("Language(%q) found", tag)
		}
	}
	if c.Default() != "it" {
		t.Errorf("Default() = %q, want it", c.Default())
	}
}

func TestMatch(t *testing.T) {
	c := mustLoad(t)
	tests := []struct {
		hint string
		want string
		ok   bool
	}{
		{"ar-EG", "ar", true},
		{"ar", "ar", true},
		{"uk-UA", "uk", true},
		{"zh-Hans-CN", "zh", true},
		{"zh-CN", "zh", true},
		{"zh-TW", "zh", true},
		{"en-GB", "en", true},
		{"en-us", "en", true},
		{"EN_us", "en", true},
		{"it", "it", true},
		{"it-IT", "it", true},
		{"fr-SN", "fr", true},
		{"es-419", "es", true},
		{"ur-PK", "ur", true},
		{"bn-BD", "bn", true},
		{"sq-AL", "sq", true},
		{" sq-XK ", "sq", true},
		{"pt-BR", "", false},
		{"ru", "ru", true},
		{"ru-RU", "ru", true},
		{"ro-RO", "ro", true},
		{"ro-MD", "ro", true},
		{"tr-TR", "tr", true},
		{"fil-PH", "fil", true},
		// Tagalog's code: BCP 47 makes it Filipino.
		{"tl", "fil", true},
		{"wo-SN", "wo", true},
		// Punjabi: the file is Gurmukhi; Shahmukhi readers (Pakistan)
		// read Urdu, which serves pa-Arab ([_meta] serves).
		{"pa", "pa", true},
		{"pa-IN", "pa", true},
		{"pa-Guru", "pa", true},
		{"pa-Arab", "ur", true},
		{"pa-Arab-PK", "ur", true},
		{"pa-PK", "ur", true},
		// Dari: fa-AF, or its ISO 639-3 code, reads the Persian file.
		{"fa-AF", "fa", true},
		{"fa-IR", "fa", true},
		{"prs", "fa", true},
		{"prs-AF", "fa", true},
		{"be", "", false},  // Matcher would offer Russian; we do not
		{"ckb", "", false}, // Matcher would offer Arabic; we do not
		{"", "", false},
		{"x-junk", "", false},
		{"und", "", false},
		{"junkjunkjunk", "", false},
		{"12", "", false},
		{"en-XYZ123", "en", true},
		{"arb", "ar", true}, // ISO 639-3 Standard Arabic
		{"cmn-CN", "zh", true},
		{"als", "sq", true},
		{"pt-BR,pt;q=0.9,fr;q=0.8", "fr", true},
		{"de-DE, de;q=0.9", "", false},
	}
	for _, tt := range tests {
		got, ok := c.Match(tt.hint)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Match(%q) = %q, %v; want %q, %v", tt.hint, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPlurals(t *testing.T) {
	c := mustLoad(t)
	tests := []struct {
		lang  string
		count any
		want  string
	}{
		{"en", 1, "at most 1 character."},
		{"en", 5, "at most 5 characters."},
		{"ar", 0, "رسالة أقصر"},
		{"ar", 1, "حرف واحد"},
		{"ar", 2, "حرفين"},
		{"ar", 3, "\u20663\u2069 أحرف"},
		{"ar", 11, "\u206611\u2069 حرفًا"},
		{"ar", 100, "\u2066100\u2069 حرف على"},
		{"ar", 4096, "\u20664096\u2069 حرفًا"}, // 96 % 100 is in 11..99
		{"uk", 1, "1 символ."},
		{"uk", 21, "21 символ."},
		{"uk", 3, "3 символи."},
		{"uk", 5, "5 символів."},
		{"uk", 11, "11 символів."},
		{"it", 1, "1 carattere."},
		{"it", 5, "5 caratteri."},
		{"fr", 0, "0 caractère "},
		{"fr", 2, "2 caractères "},
		{"ur", 1, "\u20661\u2069 حرف "},
		{"ur", 5, "\u20665\u2069 حروف "},
		{"zh", 1, "1 个字"},
		{"zh", 5, "5 个字"},
		// Other integer types and JSON numbers choose the same forms.
		{"uk", int64(3), "3 символи."},
		{"uk", uint8(3), "3 символи."},
		{"uk", float64(3), "3 символи."},
		{"uk", "3", "3 символи."},
	}
	for _, tt := range tests {
		got := c.Text(tt.lang, "input.too_long", map[string]any{"Count": tt.count})
		if !strings.Contains(got, tt.want) {
			t.Errorf("Text(%s, input.too_long, Count=%v %T) = %q; want it to contain %q", tt.lang, tt.count, tt.count, got, tt.want)
		}
	}

	// Arabic uses all six CLDR forms; each count must pick a different text.
	seen := map[string]int{}
	for _, n := range []int{0, 1, 2, 3, 11, 100} {
		s := c.Text("ar", "input.too_long", map[string]any{"Count": n})
		if prev, dup := seen[s]; dup {
			t.Errorf("ar: Count %d and %d render the same text %q", prev, n, s)
		}
		seen[s] = n
	}
}

// TestCountOnNonPluralMessage makes sure a Count passed for the template does
// not push go-i18n into a plural form the message does not have.
func TestCountOnNonPluralMessage(t *testing.T) {
	c := mustLoad(t)
	for _, lang := range []string{"ar", "uk", "it"} {
		want := c.Text(lang, "menu.prompt", nil)
		if got := c.Text(lang, "menu.prompt", map[string]any{"Count": 3}); got != want {
			t.Errorf("%s: with Count 3 got %q, want %q", lang, got, want)
		}
	}
}

func TestRTLIsolates(t *testing.T) {
	c := mustLoad(t)
	for _, lang := range []string{"ar", "ur", "fa", "ps"} {
		for _, id := range []string{"consent.text", "privacy.text"} {
			s := c.Text(lang, id, map[string]any{"Days": 90})
			if !strings.Contains(s, "\u2066/delete\u2069") {
				t.Errorf("%s %s: /delete not wrapped in U+2066…U+2069: %q", lang, id, s)
			}
			if !strings.Contains(s, "\u206690\u2069") {
				t.Errorf("%s %s: 90 not wrapped in U+2066…U+2069: %q", lang, id, s)
			}
		}
	}
	for _, lang := range []string{"it", "en", "fr", "es", "uk", "sq", "bn", "zh", "so", "pa", "ti", "am"} {
		s := c.Text(lang, "consent.text", map[string]any{"Days": 90})
		if strings.ContainsAny(s, "\u2066\u2067\u2068\u2069") {
			t.Errorf("%s: left-to-right text contains directional isolates: %q", lang, s)
		}
		if !strings.Contains(s, "/delete") || !strings.Contains(s, "90") {
			t.Errorf("%s: consent.text lost /delete or the number of days: %q", lang, s)
		}
	}
}

func TestLanguageChanged(t *testing.T) {
	c := mustLoad(t)
	want := map[string]string{
		"it": "italiano", "en": "English", "fr": "français", "es": "español",
		"ar": "بالعربية", "uk": "українською", "sq": "shqip", "bn": "বাংলায়",
		"ur": "اردو", "zh": "中文",
		"ru": "по-русски", "ro": "română", "tr": "Türkçe", "fil": "Tagalog", "wo": "Wolof",
		"fa": "فارسی", "ps": "پښتو", "so": "Soomaali", "pa": "ਪੰਜਾਬੀ", "ti": "ትግርኛ", "am": "አማርኛ",
	}
	for _, l := range c.Languages() {
		w, ok := want[l.Tag]
		if !ok {
			t.Errorf("no expectation for %s", l.Tag)
			continue
		}
		if got := c.Text(l.Tag, "language.changed", nil); !strings.Contains(got, w) {
			t.Errorf("%s: language.changed = %q, want it to name the language (%q)", l.Tag, got, w)
		}
	}
}

func TestTextFallback(t *testing.T) {
	c := mustLoad(t)
	en := c.Text("en", "menu.prompt", nil)
	if en != "What do you need help with? Choose one." {
		t.Fatalf("en menu.prompt = %q", en)
	}
	for _, lang := range []string{"pt", "", "AR", "xx-junk"} {
		if got := c.Text(lang, "menu.prompt", nil); got != en {
			t.Errorf("Text(%q) = %q, want the English %q", lang, got, en)
		}
	}
	if got := c.Text("it", "menu.prompt", nil); got == en || got == "" {
		t.Errorf("Text(it) = %q, want Italian", got)
	}
	for _, lang := range []string{"it", "en", "ar", "pt"} {
		if got := c.Text(lang, "no.such.id", nil); got != "no.such.id" {
			t.Errorf("Text(%q, unknown id) = %q, want the id", lang, got)
		}
	}
	if got := c.Text("it", "consent.text", map[string]any{"Days": 30}); !strings.Contains(got, "30 giorni") {
		t.Errorf("Days not rendered: %q", got)
	}
	if got := c.Text("it", "triage.confirm", map[string]any{"Topic": "Lavoro"}); !strings.Contains(got, ": Lavoro.") {
		t.Errorf("Topic not rendered: %q", got)
	}
}

// TestTextFallsBackPerMessage uses a catalogue where Italian lacks a message
// or has a broken one: Text must answer in English, not fail.
func TestTextFallsBackPerMessage(t *testing.T) {
	fsys := fstest.MapFS{
		"en.toml": catFile("English", false, "[\"a\"]\nother = \"A in English\"\n[\"b\"]\nother = \"B in English\"\n"),
		"it.toml": catFile("Italiano", false, "[\"a\"]\nother = \"A {{if}}\"\n"),
	}
	c, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Text("it", "a", nil); got != "A in English" {
		t.Errorf("broken template: got %q", got)
	}
	if got := c.Text("it", "b", nil); got != "B in English" {
		t.Errorf("missing message: got %q", got)
	}
	if errs := c.Check(); len(errs) != 2 {
		t.Errorf("Check() = %v, want 2 problems (broken a, missing b)", errs)
	}
}

func TestTextNeverPanics(t *testing.T) {
	c := mustLoad(t)
	odd := []map[string]any{
		nil,
		{},
		{"Count": nil},
		{"Count": "many"},
		{"Count": -3},
		{"Count": 2.5},
		{"Count": struct{}{}},
		{"Count": []int{1}},
		{"Days": map[string]any{"x": 1}},
	}
	for _, l := range c.Languages() {
		for _, id := range append(c.IDs(), "nope") {
			for _, data := range odd {
				if got := c.Text(l.Tag, id, data); got == "" {
					t.Errorf("%s %s %v: empty text", l.Tag, id, data)
				}
			}
		}
	}
}

func TestConcurrentText(t *testing.T) {
	c := mustLoad(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for _, l := range c.Languages() {
				for _, id := range c.IDs() {
					c.Text(l.Tag, id, map[string]any{"Days": 90, "Area": "x", "Count": i})
				}
			}
		})
	}
	wg.Wait()
}

func TestPluralCount(t *testing.T) {
	tests := []struct {
		in   any
		want any
		ok   bool
	}{
		{3, int64(3), true},
		{int32(-2), int64(-2), true},
		{uint(7), int64(7), true},
		{uint64(1 << 63), "9223372036854775808", true},
		{4.0, int64(4), true},
		{1.5, "1.5", true},
		{"12", "12", true},
		{"1.50", "1.50", true},
		{"NaN", nil, false},
		{"1.2.3", nil, false},
		{"", nil, false},
		{nil, nil, false},
		{true, nil, false},
	}
	for _, tt := range tests {
		got, ok := pluralCount(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("pluralCount(%#v) = %#v, %v; want %#v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPluralForms(t *testing.T) {
	c := mustLoad(t)
	want := map[string]string{
		"it": "one, many, other",
		"en": "one, other",
		"fr": "one, many, other",
		"es": "one, many, other",
		"ar": "zero, one, two, few, many, other",
		"uk": "one, few, many, other",
		"sq": "one, other",
		"bn": "one, other",
		"ur": "one, other",
		"zh": "other",

		// The languages added by catalogue alone.
		"ru":  "one, few, many, other",
		"ro":  "one, few, other",
		"tr":  "one, other",
		"fil": "one, other",
		"wo":  "other",
		"fa":  "one, other",
		"ps":  "one, other",
		"so":  "one, other",
		"pa":  "one, other",
		"ti":  "one, other",
		"am":  "one, other",
	}
	for _, l := range c.Languages() {
		rule, err := pluralForms(c.tags[l.Tag])
		if err != nil {
			t.Fatal(err)
		}
		if got := formList(rule.forms); got != want[l.Tag] {
			t.Errorf("%s: plural forms %q, want %q", l.Tag, got, want[l.Tag])
		}
	}
}

// embeddedTags are the languages of the embedded catalogues.
func embeddedTags(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(catalogueFiles, "*"+fileSuffix)
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, n := range names {
		tags = append(tags, strings.TrimSuffix(n, fileSuffix))
	}
	return tags
}

// rankedCatFile is catFile with a place in the menu.
func rankedCatFile(native string, rtl bool, rank int, messages string) *fstest.MapFile {
	return &fstest.MapFile{Data: fmt.Appendf(nil, "[_meta]\nnative = %q\nrtl = %v\nrank = %d\n\n%s", native, rtl, rank, messages)}
}

// catFile is a catalogue file with its [_meta] table and messages.
func catFile(native string, rtl bool, messages string) *fstest.MapFile {
	return &fstest.MapFile{Data: fmt.Appendf(nil, "[_meta]\nnative = %q\nrtl = %v\n\n%s", native, rtl, messages)}
}

func TestLoadFailsClearly(t *testing.T) {
	good := func() fstest.MapFS {
		return fstest.MapFS{
			"it.toml": catFile("Italiano", false, "[\"x\"]\nother = \"ciao\"\n"),
			"en.toml": catFile("English", false, "[\"x\"]\nother = \"hello\"\n"),
			"ar.toml": catFile("العربية", true, "[\"x\"]\nother = \"مرحبا\"\n"),
		}
	}
	with := func(name string, f *fstest.MapFile) func() fs.FS {
		return func() fs.FS {
			fsys := good()
			fsys[name] = f
			return fsys
		}
	}
	without := func(name string) func() fs.FS {
		return func() fs.FS {
			fsys := good()
			delete(fsys, name)
			return fsys
		}
	}
	tests := []struct {
		name string
		fsys func() fs.FS
		want []string
	}{
		{
			name: "no English",
			fsys: without("en.toml"),
			want: []string{`en.toml is missing: language "en" is required`},
		},
		{
			name: "no Italian, the desks' language",
			fsys: without("it.toml"),
			want: []string{`it.toml is missing: language "it" is required`},
		},
		{
			name: "bad TOML",
			fsys: with("ar.toml", &fstest.MapFile{Data: []byte("[\"x\"\nother = \n")}),
			want: []string{`parsing ar.toml`},
		},
		{
			name: "non-canonical tag",
			fsys: with("fa_AF.toml", catFile("دری", true, "[\"x\"]\nother = \"سلام\"\n")),
			want: []string{`fa_AF.toml`},
		},
		{
			name: "upper-case tag",
			fsys: with("EN.toml", catFile("English", false, "[\"x\"]\nother = \"hello\"\n")),
			want: []string{`EN.toml: language code not in canonical form; name it en.toml`},
		},
		{
			name: "not a language",
			fsys: with("messages.toml", catFile("Messages", false, "[\"x\"]\nother = \"hello\"\n")),
			want: []string{`messages.toml: "messages" is not a BCP 47 language tag`},
		},
		{
			name: "no native name",
			fsys: with("ps.toml", &fstest.MapFile{Data: []byte("[\"x\"]\nother = \"سلام\"\n")}),
			want: []string{`ps.toml: [_meta] native is missing`},
		},
		{
			name: "misspelt meta key",
			fsys: with("ps.toml", &fstest.MapFile{Data: []byte("[_meta]\nnative = \"پښتو\"\nrlt = true\n[\"x\"]\nother = \"سلام\"\n")}),
			want: []string{`ps.toml`, `unknown key "rlt"`},
		},
		{
			name: "rtl not a boolean",
			fsys: with("ps.toml", &fstest.MapFile{Data: []byte("[_meta]\nnative = \"پښتو\"\nrtl = \"yes\"\n[\"x\"]\nother = \"سلام\"\n")}),
			want: []string{`parsing ps.toml`},
		},
		{
			name: "no messages",
			fsys: with("ps.toml", catFile("پښتو", true, "")),
			want: []string{`ps.toml contains no messages`},
		},
		{
			name: "message defined twice",
			fsys: with("ps.toml", catFile("پښتو", true, "[\"x\"]\nother = \"سلام\"\n[\"x\"]\nother = \"بيا\"\n")),
			want: []string{`parsing ps.toml`},
		},
		{
			name: "every broken file reported at once",
			fsys: func() fs.FS {
				fsys := good()
				fsys["ps.toml"] = &fstest.MapFile{Data: []byte("[\"x\"]\nother = \"سلام\"\n")}
				fsys["ru_RU.toml"] = catFile("Русский", false, "[\"x\"]\nother = \"привет\"\n")
				return fsys
			},
			want: []string{`ps.toml: [_meta] native is missing`, `ru_RU.toml`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadFS(tt.fsys())
			if err == nil {
				t.Fatalf("loadFS succeeded (%v), want an error", c)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}

	if _, err := LoadFS(good()); err != nil {
		t.Errorf("good catalogue: %v", err)
	}
}

// TestCheckFindsProblems feeds Check a deliberately broken catalogue and
// expects each kind of problem to be reported.
func TestCheckFindsProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"en.toml": catFile("English", false, `
["days"]
one = "Kept for {{.Days}} day. Write /delete."
other = "Kept for {{.Days}} days. Write /delete."
["n"]
one = "{{.Count}} character"
other = "{{.Count}} characters"
["gone"]
other = "Only in English"
["empty"]
other = "Not empty in English"
["digits"]
other = "After 60 days"
`),
		"it.toml": catFile("Italiano", false, `
["days"]
other = "Conservati per {{.Dayz}} giorni. Scrivi /delete."
["n"]
one = "{{.Count}} carattere"
other = "{{.Count}} caratteri"
["gone"]
other = "Solo qui"
["empty"]
other = "   "
["extra"]
other = "Non esiste in inglese"
["digits"]
other = "Dopo 60 giorni"
`),
		"ar.toml": catFile("العربية", true, `
["days"]
other = "تُحفظ لمدة {{.Days}} يومًا. اكتب \u2066/delete\u2069."
["n"]
one = "حرف واحد"
two = "حرفان"
other = "\u2066{{.Count}}\u2069 حرف"
["empty"]
other = "نص \u2066مفتوح"
["digits"]
other = "بعد \u2066٦٠\u2069 يومًا"
`),
	}
	c, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, e := range c.Check() {
		all = append(all, e.Error())
	}
	joined := strings.Join(all, "\n")
	for _, want := range []string{
		`it.toml: days: does not use {{.Days}}`,
		`it.toml: days: uses {{.Dayz}}, which English does not`,
		`it.toml: days: Count 1: output contains <no value>`,
		`it.toml: n: plural form "many" missing (CLDR forms for it: one, many, other)`,
		`it.toml: empty: empty text`,
		`it.toml: extra: not in the English catalogue`,
		`ar.toml: days: Count 5: '5' is not inside a directional isolate`,
		// {{.Days}} counts days, so it needs every form, as {{.Count}} does.
		`it.toml: days: plural form "one" missing (CLDR forms for it: one, many, other)`,
		`ar.toml: days: plural form "few" missing`,
		`ar.toml: gone: missing`,
		`ar.toml: digits: '٦': write Western digits (0-9)`,
		`ar.toml: n: plural form "zero" missing`,
		`ar.toml: n: plural form "few" missing`,
		`ar.toml: n: plural form "many" missing`,
		`ar.toml: empty: Count 1: directional isolate opened but not closed`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("Check() did not report %q; got:\n%s", want, joined)
		}
	}
	for _, e := range all {
		if strings.Contains(e, "en.toml: ") {
			t.Errorf("unexpected problem in the reference catalogue: %s", e)
		}
	}
}

// TestOneFileAddsALanguage drops a single file, yi.toml (Yiddish, a
// language no catalogue covers, whose code sorts after every other), next to the embedded catalogues: Yiddish
// joins the language menu after the others, right to left, with its own
// texts and English where it has none yet.
func TestOneFileAddsALanguage(t *testing.T) {
	fsys := fstest.MapFS{}
	names, err := fs.Glob(catalogueFiles, "*.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		buf, err := fs.ReadFile(catalogueFiles, name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: buf}
	}
	fsys["yi.toml"] = catFile("ייִדיש", true, "[\"menu.prompt\"]\nother = \"מיט וואָס קען איך אײַך העלפֿן?\"\n")
	c, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	langs := c.Languages()
	if got, want := langs[len(langs)-1], (Language{Tag: "yi", Native: "ייִדיש", RTL: true}); got != want {
		t.Errorf("last language = %v, want %v", got, want)
	}
	if got, want := len(langs), len(embeddedTags(t))+1; got != want {
		t.Errorf("%d languages, want the %d ranked ones and Yiddish", got, want-1)
	}
	if got, ok := c.Match("yi"); !ok || got != "yi" {
		t.Errorf("Match(yi) = %q, %v", got, ok)
	}
	if got := c.Text("yi", "menu.prompt", nil); !strings.Contains(got, "העלפֿן") {
		t.Errorf("yi menu.prompt = %q", got)
	}
	if got, want := c.Text("yi", "choice.menu", nil), c.Text("en", "choice.menu", nil); got != want {
		t.Errorf("yi choice.menu = %q, want the English %q until translated", got, want)
	}
	// Check tells the translator what is left.
	if errs := c.Check(); !strings.Contains(fmt.Sprint(errs), "yi.toml: choice.menu: missing") {
		t.Errorf("Check does not report the untranslated messages of yi: %v", errs)
	}
}

// TestMenuOrder: languages with a rank come in its order, the others
// after them by code.
func TestMenuOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"zh.toml": catFile("中文", false, "[\"x\"]\nother = \"你好\"\n"),
		"ps.toml": catFile("پښتو", true, "[\"x\"]\nother = \"سلام\"\n"),
		"en.toml": rankedCatFile("English", false, 2, "[\"x\"]\nother = \"hello\"\n"),
		"it.toml": rankedCatFile("Italiano", false, 1, "[\"x\"]\nother = \"ciao\"\n"),
		"ar.toml": rankedCatFile("العربية", true, 7, "[\"x\"]\nother = \"مرحبا\"\n"),
	}
	c, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range c.Languages() {
		got = append(got, l.Tag)
	}
	if want := []string{"it", "en", "ar", "ps", "zh"}; !slices.Equal(got, want) {
		t.Errorf("menu %v, want %v", got, want)
	}
}

// TestEmbeddedCataloguesAreRanked: every embedded catalogue has its own
// place in the menu, so the order does not fall back to codes.
func TestEmbeddedCataloguesAreRanked(t *testing.T) {
	seen := map[int]string{}
	for _, tag := range embeddedTags(t) {
		buf, err := fs.ReadFile(catalogueFiles, tag+fileSuffix)
		if err != nil {
			t.Fatal(err)
		}
		m, _, err := parseCatalogue(buf)
		if err != nil {
			t.Fatal(err)
		}
		if m.Rank <= 0 {
			t.Errorf("%s%s: no rank in [_meta]", tag, fileSuffix)
		} else if other, ok := seen[m.Rank]; ok {
			t.Errorf("%s and %s both have rank %d", tag, other, m.Rank)
		}
		seen[m.Rank] = tag
	}
}

func TestCheckFindsUntranslatedText(t *testing.T) {
	c, err := LoadFS(fstest.MapFS{
		"en.toml": catFile("English", false, "[\"a\"]\nother = \"Talk to a person\"\n[\"b\"]\nother = \"No\"\n[\"c\"]\nother = \"112 / 1522\"\n"),
		"it.toml": catFile("Italiano", false, "[\"a\"]\nother = \"Talk to a person\"\n[\"b\"]\nother = \"No\"\n[\"c\"]\nother = \"112 / 1522\"\n"),
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range c.Check() {
		got = append(got, e.Error())
	}
	if len(got) != 1 || !strings.Contains(got[0], "it.toml: a: identical to English") {
		t.Fatalf("Check = %q, want only the untranslated a", got)
	}
}

// TestDaysChoosesPluralForm: {{.Days}} is a count like {{.Count}}, so the
// retention period reads right for any number a desk configures.
func TestDaysChoosesPluralForm(t *testing.T) {
	c := mustLoad(t)
	tests := []struct {
		lang, id string
		days     int
		want     string
	}{
		{"en", "consent.text", 1, "for up to 1 day."},
		{"en", "consent.text", 90, "for up to 90 days."},
		{"uk", "consent.text", 1, "не довше ніж 1 день."},
		{"uk", "consent.text", 21, "не довше ніж 21 день."},
		{"uk", "consent.text", 3, "не довше ніж 3 дні."},
		{"uk", "consent.text", 90, "не довше ніж 90 днів."},
		{"uk", "privacy.text", 2, "через 2 дні без"},
		{"ru", "consent.person", 31, "не дольше 31 дня."},
		{"ru", "consent.person", 30, "не дольше 30 дней."},
		{"ru", "privacy.text", 31, "через 31 день без"},
		{"ru", "privacy.text", 3, "через 3 дня без"},
		{"ar", "consent.text", 1, "أقصاها يوم واحد."},
		{"ar", "consent.text", 2, "أقصاها يومان."},
		{"ar", "consent.text", 7, "أقصاها \u20667\u2069 أيام."},
		{"ar", "consent.text", 90, "أقصاها \u206690\u2069 يومًا."},
		{"ar", "consent.text", 100, "أقصاها \u2066100\u2069 يوم."},
		{"ar", "privacy.text", 2, "بعد يومين من"},
		{"ro", "consent.text", 1, "cel mult 1 zi."},
		{"ro", "consent.text", 14, "cel mult 14 zile."},
		{"ro", "consent.text", 90, "cel mult 90 de zile."},
		{"it", "privacy.text", 1, "dopo 1 giorno senza"},
		{"fr", "consent.text", 1, "pendant 1 jour au maximum."},
		{"so", "consent.text", 1, "ilaa 1 maalin."},
		{"am", "consent.text", 1, "ለ 1 ቀን።"},
		{"ps", "privacy.text", 1, "که \u20661\u2069 ورځ هېڅ"},
	}
	for _, tt := range tests {
		if got := c.Text(tt.lang, tt.id, map[string]any{"Days": tt.days}); !strings.Contains(got, tt.want) {
			t.Errorf("Text(%s, %s, Days=%d) = %q; want it to contain %q", tt.lang, tt.id, tt.days, got, tt.want)
		}
	}
}

// TestCheckRefusesCountWithoutForms: a message with a count variable
// needs every plural form of its language, English included, even when
// English was first written with "other" only; one message cannot count
// two things.
func TestCheckRefusesCountWithoutForms(t *testing.T) {
	c, err := LoadFS(fstest.MapFS{
		"en.toml": catFile("English", false, `
["kept"]
other = "Kept for {{.Days}} days."
["both"]
one = "{{.Count}} message in {{.Days}} days"
other = "{{.Count}} messages in {{.Days}} days"
["place"]
other = "Your place: {{.Position}}."
`),
		"it.toml": catFile("Italiano", false, `
["kept"]
other = "Conservati per {{.Days}} giorni."
["both"]
one = "{{.Count}} messaggio in {{.Days}} giorni"
many = "{{.Count}} di messaggi in {{.Days}} giorni"
other = "{{.Count}} messaggi in {{.Days}} giorni"
["place"]
other = "Il tuo posto: {{.Position}}."
`),
		"uk.toml": catFile("Українська", false, `
["kept"]
one = "Зберігаємо {{.Days}} день."
few = "Зберігаємо {{.Days}} дні."
many = "Зберігаємо {{.Days}} днів."
other = "Зберігаємо {{.Days}} дня."
["both"]
other = "{{.Count}} повідомлень за {{.Days}} днів"
["place"]
other = "Ваше місце: {{.Position}}."
`),
	})
	if err != nil {
		t.Fatal(err)
	}
	all := checkErrors(c)
	joined := strings.Join(all, "\n")
	for _, want := range []string{
		`en.toml: kept: plural form "one" missing (CLDR forms for en: one, other)`,
		`it.toml: kept: plural form "one" missing`,
		`it.toml: kept: plural form "many" missing`,
		`uk.toml: both: plural form "few" missing`,
		`en.toml: both: uses 2 count variables (Count, Days)`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("Check() did not report %q; got:\n%s", want, joined)
		}
	}
	for _, e := range all {
		if strings.Contains(e, "uk.toml: kept") || strings.Contains(e, ": place:") {
			t.Errorf("unexpected problem: %s", e)
		}
	}
}

// TestOneWordForMessage: a person reads one word for "message" in each
// language, the one of its catalogue's header (operators' console texts
// aside, which keep their own register).
func TestOneWordForMessage(t *testing.T) {
	c := mustLoad(t)
	for _, tt := range []struct {
		lang, word string
		not        []string
	}{
		{"bn", "মেসেজ", []string{"বার্তা"}},
		{"ur", "پیغام", []string{"میسج", "مسیج"}},
		{"zh", "消息", []string{"留言", "写信息", "讯息"}},
	} {
		uses := 0
		for _, id := range c.IDs() {
			if strings.HasPrefix(id, "console.") {
				continue
			}
			for _, s := range formTexts(c.messages[tt.lang][id]) {
				if strings.Contains(s, tt.word) {
					uses++
				}
				for _, w := range tt.not {
					if strings.Contains(s, w) {
						t.Errorf("%s %s: %q, where the catalogue says %q: %q", tt.lang, id, w, tt.word, s)
					}
				}
			}
		}
		if uses < 5 {
			t.Errorf("%s: %q in only %d texts: is it still the catalogue's word for a message?", tt.lang, tt.word, uses)
		}
	}
}

// checkErrors is what Check reports for c, as text.
func checkErrors(c *Catalog) []string {
	var all []string
	for _, e := range c.Check() {
		all = append(all, e.Error())
	}
	return all
}

// TestMetaSaysWhoReads: the Persian file says it is for Farsi and Dari
// readers, the Punjabi file that it is Gurmukhi and where Shahmukhi
// readers go; a served tag that is not BCP 47 is refused at start.
func TestMetaSaysWhoReads(t *testing.T) {
	c := mustLoad(t)
	for lang, words := range map[string][]string{
		"fa": {"Farsi", "Dari"},
		"pa": {"Gurmukhi", "Shahmukhi", "ur.toml"},
		"ur": {"Shahmukhi"},
	} {
		readers := c.Readers(lang)
		for _, w := range words {
			if !strings.Contains(readers, w) {
				t.Errorf("%s [_meta] readers = %q, want it to name %q", lang, readers, w)
			}
		}
	}
	_, err := LoadFS(fstest.MapFS{
		"en.toml": catFile("English", false, "[\"a\"]\nother = \"Hello\"\n"),
		"it.toml": &fstest.MapFile{Data: []byte("[_meta]\nnative = \"Italiano\"\nserves = [\"not a tag!\"]\n\n[\"a\"]\nother = \"Ciao\"\n")},
	})
	if err == nil || !strings.Contains(err.Error(), "it.toml") || !strings.Contains(err.Error(), "serves") {
		t.Errorf("err = %v, want it.toml's serves refused", err)
	}
}

// BenchmarkText is a message without data (a prompt, a button, the choice
// hint), as a turn renders several.
func BenchmarkText(b *testing.B) {
	c, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		c.Text("ar", "choice.reply_number", nil)
	}
}

// TestTextWithoutDataFollowsPublishedTexts: a message rendered without data
// is kept rendered, and still gives way at once to a text published since,
// and comes back when it is withdrawn; a preview's drafts do not leak into
// the catalogue.
func TestTextWithoutDataFollowsPublishedTexts(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	const id = "choice.reply_number"
	shipped := c.Text("it", id, nil)
	if again := c.Text("it", id, nil); again != shipped {
		t.Fatalf("second render %q, first %q", again, shipped)
	}
	draft := Text{Lang: "it", ID: id, Other: "Scrivi il numero della scelta."}
	v, errs := c.WithTexts([]Text{draft})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := v.Text("it", id, nil); got != draft.Other {
		t.Errorf("preview: %q, want the draft %q", got, draft.Other)
	}
	if got := c.Text("it", id, nil); got != shipped {
		t.Errorf("after a preview: %q, want the shipped %q", got, shipped)
	}
	if errs := c.SetLive([]Text{draft}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := c.Text("it", id, nil); got != draft.Other {
		t.Errorf("published: %q, want %q", got, draft.Other)
	}
	if errs := c.SetLive(nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := c.Text("it", id, nil); got != shipped {
		t.Errorf("withdrawn: %q, want the shipped %q", got, shipped)
	}
}
