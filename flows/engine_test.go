package flows

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"frontdoor/internal/golden"
	"frontdoor/locales"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/")

func newEngine(t *testing.T) *Engine {
	t.Helper()
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(cat, Options{Facts: map[string]string{
		"DeskName": "Sportello Stranieri", "DeskAddress": "Via Roma 1, Torino", "DeskPhone": "+39 011 000 0000", "DeskHours": "lun-ven 9-13",
	}})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// A transcript step: "text:…", "choice:…", "attach:…", "hint:…" (sets the
// app's language for the following steps) or "wait:…" (advances the clock).
var transcripts = map[string][]string{
	"first_contact_italian": {
		"hint:it-IT", "text:ciao", "choice:lang.it", "text:si", "text:1", "choice:legal.person",
	},
	"arabic_deep_link": {
		"text:/start lang_ar", "choice:consent.yes", "text:٢", "text:/back", "choice:menu.health", "choice:g.back",
	},
	"unknown_language_hint_then_bengali": {
		"hint:pt-BR", "text:hello", "text:বাংলা", "choice:consent.yes", "text:৩",
	},
	"non_text_input": {
		"hint:en", "attach:sticker", "choice:lang.en", "choice:consent.yes",
		"attach:voice", "attach:photo", "attach:document", "attach:location", "attach:other", "text:5", "attach:sticker",
	},
	"global_commands": {
		"text:/start lang_en", "choice:consent.yes", "text:/privacy", "text:/whatever", "text:menu please",
		"text:/language", "choice:lang.uk", "choice:menu.welfare", "text:/menu", "text:/person",
	},
	// Voice: offered once, at the first voice note after consent (the
	// offer itself would be spoken); chosen, every answer names the
	// messages a recording may say; a second voice note is not offered
	// again; /voice asks again, and "text only" turns it off.
	"voice_offer_and_choice_ti": {
		"text:/start lang_ti", "choice:consent.yes", "attach:voice", "choice:voice.yes", "choice:menu.health",
		"attach:voice", "text:/voice", "choice:voice.no", "choice:g.back",
	},
	// The other name of /voice in Wolof, before consent: the offer comes
	// in the person's language, then the consent question; erasing the
	// data forgets the choice.
	"voice_command_wolof_then_erased": {
		"text:/start lang_wo", "text:/baat", "choice:voice.yes", "choice:consent.yes", "text:/delete", "choice:delete.yes",
	},
	"delete_my_data": {
		"text:/start lang_fr", "choice:consent.yes", "text:/delete", "text:non", "text:/delete", "choice:delete.yes",
		"text:bonjour",
	},
	// Shared phone: /clear asks first, "no" keeps everything, "yes"
	// retracts and answers with one neutral line; the Arabic privacy text
	// tells of it.
	"clear_from_phone_arabic": {
		"text:/start lang_ar", "choice:consent.yes", "choice:menu.welfare", "text:/clear", "choice:clear.no",
		"text:/privacy", "text:/clear", "choice:clear.yes", "text:مرحبا",
	},
	"returning_person": {
		"text:/start lang_uk", "choice:consent.yes", "choice:menu.education", "wait:2h", "choice:g.menu",
		"choice:menu.legal", "wait:25h", "text:привіт", "wait:1h", "text:/start",
	},
	"consent_declined": {
		"text:/start lang_es", "choice:consent.no", "text:hola", "choice:menu.work", "choice:consent.yes",
	},
	// Up to Telegram's 4,096 characters a message is read, on every
	// channel; longer gets one line asking for less.
	"too_long_and_stale_buttons": {
		"text:/start lang_sq", "choice:consent.yes", "choice:menu.legal", "long:3000", "long:5000",
		"choice:menu.work", "choice:nosuchnode.x", "choice:lang.xx", "text:7",
	},
	"campaign_deep_link_chinese": {
		"hint:zh-CN", "text:/start jobfair_2026", "choice:lang.zh", "choice:consent.yes", "choice:menu.work", "choice:work.person",
	},
	"triage_mixed_language_renewal": {
		"text:/start lang_en", "choice:consent.yes", "text:hello my permesso di soggiorno expire next month what i do",
		"text:yes",
	},
	"triage_rejected_then_fails_twice": {
		"text:/start lang_it", "choice:consent.yes", "text:devo rinnovare il permesso", "choice:triage.no",
		"text:asdf qwer", "choice:g.person",
	},
	"language_detected_from_first_message_arabic": {
		"text:السلام عليكم اريد تجديد الاقامة من فضلك", "choice:consent.yes", "text:اريد تجديد الاقامة",
	},
	"language_unsure_asks": {
		"text:ok", "text:Доброго дня, мені потрібен лікар для дитини", "choice:consent.yes",
	},
	"urgent_before_consent_french": {
		"hint:fr", "text:aidez moi mon mari me frappe j'ai peur pour ma vie",
	},
	// The urgent route, a kind each: its own first message and lines, and
	// what the person wrote before goes to the case.
	"urgent_suicide_ukrainian": {
		"text:/start lang_uk", "choice:consent.yes", "choice:menu.welfare", "text:не хочу більше жити",
	},
	"urgent_child_neighbour_italian": {
		"text:/start lang_it", "choice:consent.yes", "text:ho un problema con i vicini",
		"text:il bambino dei vicini piange tutte le notti e sento che lo picchiano",
	},
	// Half told: not a priority case, but the numbers of that danger come
	// under the answer, its buttons kept.
	"concern_suicide_under_a_permit_answer_en": {
		"text:/start lang_en", "choice:consent.yes", "text:i cant go on anymore, my permit renewal was refused",
	},
	// A sentence Frontdoor cannot read carries the emergency number once.
	"concern_in_an_unread_language_after_english": {
		"text:/start lang_en", "choice:consent.yes", "text:ich kann nicht mehr, mein Visum läuft ab",
	},
	"urgent_medical_before_language_en": {
		"text:my friend took too many pills and he is not waking up",
	},
	"urgent_passport_word_between_italian": {
		"text:/start lang_it", "choice:consent.yes", "text:il capo ha preso il mio passaporto",
	},
	// A language Frontdoor does not speak: the emergency lines in it (a
	// safety net) and in the widely read ones, and a priority case with
	// the language recognised.
	"urgent_unknown_language_russian": {
		"text:Муж бьет меня", "text:помогите",
	},
	// Not urgent, in a language Frontdoor does not speak: a short notice in
	// several languages, the language menu and a person at once.
	"unknown_language_then_person_turkish": {
		"text:Merhaba, oturma izni için yardım istiyorum, nereye gitmeliyim", "choice:g.person_now",
	},
	// A sentence in a language Frontdoor recognises but does not speak,
	// written without spaces, in which its lists find no danger (Khmer:
	// "I want to ask about my residence papers"): it may still tell of
	// one, so the menu comes with the emergency number and a person, who
	// opens a case at once.
	"unreadable_language_khmer_then_person": {
		"text:ខ្ញុំចង់សួរអំពីឯកសារស្នាក់នៅរបស់ខ្ញុំ", "choice:g.person_now",
	},
	// Later, a sentence in a script Frontdoor does not know at all
	// (Tibetan: "I need help, my friend is not well") is not understood,
	// with the emergency number.
	"unreadable_language_after_english": {
		"text:/start lang_en", "choice:consent.yes", "text:ང་ལ་རོགས་རམ་དགོས། ངའི་གྲོགས་པོ་བདེ་པོ་མི་འདུག",
		"text:ok",
	},
	// A danger told inside a run of unspaced text is found by the safety
	// nets of Khmer ("now my friend fainted and does not breathe") and
	// Burmese ("now my friend has passed out"): the emergency numbers of
	// the kind at once, and an urgent case marked with the language
	// recognised.
	"urgent_unspaced_khmer": {
		"text:ពេលនេះមិត្តខ្ញុំដួលសន្លប់ហើយមិនដកដង្ហើម",
	},
	"urgent_burmese_after_english": {
		"text:/start lang_en", "choice:consent.yes", "text:အခုကျွန်တော့်သူငယ်ချင်းသတိလစ်နေတယ်",
	},
	// The same for a language Frontdoor recognises but does not speak,
	// when the lists find no danger in it.
	"unspoken_language_after_english_hindi": {
		"text:/start lang_en", "choice:consent.yes", "text:मेरा नाम राम है और मैं मिलान में रहता हूँ",
	},
	// Asking for a person in one's own words.
	"person_in_own_words_chinese": {
		"text:我想和工作人员交谈", "choice:consent.yes",
	},
	"person_in_own_words_arabic": {
		"text:/start lang_ar", "choice:consent.yes", "text:أريد التحدث مع شخص",
	},
	"person_from_main_menu_italian": {
		"text:/start lang_it", "choice:consent.yes", "text:voglio parlare con un operatore",
		"text:/menu", "choice:menu.person",
	},
	"mental_health_english": {
		"text:/start lang_en", "choice:consent.yes", "text:i cant sleep since months, nightmares every night", "choice:triage.yes",
	},
	"urdu_numbers": {
		"text:/start lang_ur", "text:1", "text:۵", "text:/delete", "text:۲",
	},
	// Asking for a person before consent: the consent says an operator
	// will read the messages, and the case opens only once agreed.
	"person_before_consent_en": {
		"text:/start lang_en", "text:/person", "choice:consent.yes",
	},
	"person_before_consent_declined_es": {
		"text:/start lang_es", "choice:g.person", "choice:consent.no", "text:/menu",
	},
	"person_before_language_ar": {
		"text:/person", "choice:lang.ar", "text:١",
	},
	// A need typed while a proposal waits replaces it; only text that
	// gives no need counts as a miss.
	// A turn that changes nothing is one short line with the buttons in
	// view, never the page again: not understood, /privacy, /help, a
	// sticker, "No" to /delete, thanks.
	"short_answers_keep_the_page_it": {
		"text:/start lang_it", "choice:consent.yes", "choice:menu.legal", "choice:legal.permit_renewal",
		"text:blablabla", "text:/privacy", "text:/help", "attach:sticker", "text:/delete", "choice:delete.no",
		"text:grazie mille!", "text:/nonesiste",
	},
	"help_and_thanks_en": {
		"text:/start lang_en", "text:/help", "choice:consent.yes", "text:/help", "text:Thank you", "choice:menu.person", "text:thanks",
	},
	// Leaving a case opened from a service's screen leads to the menu
	// without the invitation to the optional questions.
	"person_from_service_then_menu_no_survey_fr": {
		"text:/start lang_fr", "choice:consent.yes", "choice:menu.work", "choice:work.cv", "choice:work_cv.person", "text:/menu",
	},
	"triage_retyped_replaces_proposal": {
		"text:/start lang_en", "choice:consent.yes", "text:i need to renew my permesso di soggiorno",
		"text:no sorry, i need a family doctor for my son", "text:asdf qwer", "text:zzzz", "choice:g.menu",
	},
}

// checkGoldens runs each transcript and compares it with its golden file
// in testdata; go test ./flows -update rewrites them.
func checkGoldens(t *testing.T, transcripts map[string][]string) {
	t.Helper()
	e := newEngine(t)
	for name, steps := range transcripts {
		t.Run(name, func(t *testing.T) {
			golden.Check(t, name, runTranscript(t, e, steps), *update, "go test ./flows -update")
		})
	}
}

func TestTranscripts(t *testing.T) { checkGoldens(t, transcripts) }

func runTranscript(t *testing.T, e *Engine, steps []string) string {
	var b strings.Builder
	var st State
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	hint := ""
	for _, step := range steps {
		kind, arg, _ := strings.Cut(step, ":")
		var in Input
		switch kind {
		case "hint":
			hint = arg
			continue
		case "wait":
			d, err := time.ParseDuration(arg)
			if err != nil {
				t.Fatal(err)
			}
			now = now.Add(d)
			fmt.Fprintf(&b, "… %s later\n", arg)
			continue
		case "text":
			in.Text = arg
		case "long":
			var n int
			fmt.Sscan(arg, &n)
			in.Text = strings.Repeat("a", n)
		case "choice":
			in.Choice = arg
		case "attach":
			in.Attachment = arg
		default:
			t.Fatalf("bad step %q", step)
		}
		in.LangHint = hint
		if kind == "long" {
			fmt.Fprintf(&b, "> text of %s characters\n", arg)
		} else {
			fmt.Fprintf(&b, "> %s %q\n", kind, arg)
		}
		var actions []Action
		st, actions = e.Step(st, in, now)
		now = now.Add(30 * time.Second)
		for _, a := range actions {
			switch a := a.(type) {
			case Say:
				dir := ""
				if a.RTL {
					dir = " [rtl]"
				}
				fmt.Fprintf(&b, "<%s %s\n", dir, strings.ReplaceAll(a.Text, "\n", "\n   "))
				for i, c := range a.Choices {
					fmt.Fprintf(&b, "   %d. [%s] %s\n", i+1, c.ID, c.Label)
				}
				// What a recording may say, for someone who chose voice
				// (or the offer itself): the runtime picks the last one
				// recorded.
				if st.Voice || a.AlwaysVoice {
					fmt.Fprintf(&b, "   voiced: %s\n", strings.Join(a.Voiced, " "))
				}
			case Handoff:
				fmt.Fprintf(&b, "! handoff area=%q topic=%q reason=%q lang=%q urgent=%v", a.Area, a.Topic, a.Reason, a.Lang, a.Urgent)
				if a.Kind != "" {
					fmt.Fprintf(&b, " kind=%q", a.Kind)
				}
				if a.Detected != "" {
					fmt.Fprintf(&b, " detected=%q", a.Detected)
				}
				fmt.Fprintf(&b, " text=%q said=%q\n", a.Text, a.Said)
				for _, x := range a.Recent {
					fmt.Fprintf(&b, "  before: person=%q kind=%q bot=%q\n", x.Person, x.Kind, x.Bot)
				}
			case Erase:
				fmt.Fprintf(&b, "! erase\n")
			case Retract:
				fmt.Fprintf(&b, "! retract\n")
			case Need:
				fmt.Fprintf(&b, "! need area=%q topic=%q\n", a.Area, a.Topic)
			case Profile:
				fmt.Fprintf(&b, "! profile field=%q value=%q\n", a.Field, a.Value)
			}
		}
		// Times are not part of a transcript: the pace of messages is
		// tested on its own (pace_test.go).
		shown := st
		shown.Seen, shown.Pace = 0, Pace{}
		js, _ := json.Marshal(shown)
		fmt.Fprintf(&b, "= %s\n", js)
		checkRendered(t, e, actions)
	}
	return b.String()
}

// checkRendered fails on any text that did not render: a missing message
// shows as its id, a missing variable as <no value>.
func checkRendered(t *testing.T, e *Engine, actions []Action) {
	t.Helper()
	ids := map[string]bool{}
	for _, id := range e.cat.IDs() {
		ids[id] = true
	}
	for _, a := range actions {
		s, ok := a.(Say)
		if !ok {
			continue
		}
		texts := []string{s.Text}
		for _, c := range s.Choices {
			texts = append(texts, c.Label)
		}
		for _, x := range texts {
			if x == "" || strings.Contains(x, "<no value>") || ids[x] {
				t.Errorf("text did not render: %q", x)
			}
		}
	}
}

func TestEveryStepAnswers(t *testing.T) {
	e := newEngine(t)
	inputs := []Input{
		{}, {Text: "   "}, {Text: "/"}, {Text: "/start"}, {Choice: "garbage"}, {Choice: "g."}, {Choice: "."},
		{Attachment: "video"}, {Text: "١٢٣٤٥٦٧"}, {Text: "0"}, {Choice: "delete.yes"}, {Choice: "consent.yes"},
	}
	states := []State{{}, {Lang: "ar"}, {Lang: "ar", Consent: true, Node: "legal", Back: []string{"menu"}}, {Lang: "it", Consent: true, Node: "gone"}}
	now := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)
	for _, st := range states {
		for _, in := range inputs {
			_, actions := e.Step(st, in, now)
			said := false
			for _, a := range actions {
				if s, ok := a.(Say); ok && s.Text != "" {
					said = true
				}
			}
			if !said {
				t.Errorf("state %+v, input %+v: no answer", st, in)
			}
			checkRendered(t, e, actions)
		}
	}
}

func TestMatchChoice(t *testing.T) {
	choices := []Choice{{"consent.yes", "Sì, accetto"}, {"consent.no", "No"}, {"x.other", "Yes, delete"}}
	tests := []struct {
		in, want string
	}{
		{"1", "consent.yes"}, {"2", "consent.no"}, {"3", "x.other"}, {"4", ""}, {"0", ""},
		{"١", "consent.yes"}, {"۲", "consent.no"}, {"২", "consent.no"}, {"２", "consent.no"}, {"2.", "consent.no"},
		{"si", "consent.yes"}, {"SÌ, ACCETTO!", "consent.yes"}, {"no", "consent.no"}, {"NO!!", "consent.no"},
		{"yes", "x.other"}, {"s", ""}, {"boh", ""}, {"", ""}, {"1234", ""},
	}
	for _, tt := range tests {
		got, ok := matchChoice(tt.in, choices)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("matchChoice(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Menù!":                 "menu",
		"  Talk  to a\tperson ": "talk to a person",
		"Ελληνικά":              "ελληνικα",
		"ÇA VA?":                "ca va",
		"العربية":               "العربية",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzNormalize holds Normalize to what it was defined as before its fast
// paths: one transform chain (NFD, combining marks removed, NFC), then
// lower case, letters and digits kept, anything else one space. The seeds
// run with every go test.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"", "menu", "  Talk  to a\tperson ", "Menù!", "ÇA VA?", "Ελληνικά", "العربية", "مَرْحَبًا",
		"Привет, Мир!", "İş", "STRASSE straße", "ﬁle", "Ǆemal", "हिन्दी", "বাংলা ভাষা", "اردو زبان",
		"中文 菜单", "Tiếng Việt có dấu", "ሰላም", "ትግርኛ", "ਪੰਜਾਬੀ", "پښتو", "Wolof: Nanga def?",
		"e\u0301", "\xff\xfe bad", "٣", "１２３", "3️⃣", "👍🏽 ok", "Ⅻ", "ǅ", "ﾒﾆｭｰ",
	} {
		f.Add(s)
	}
	chain := func(s string) string {
		folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
		if err != nil {
			folded = s
		}
		var b strings.Builder
		space := false
		for _, r := range strings.ToLower(folded) {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteRune(r)
			default:
				space = true
			}
		}
		return b.String()
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Normalize(s), chain(s); got != want {
			t.Errorf("Normalize(%q) = %q, the transform chain gives %q", s, got, want)
		}
	})
}

func TestLoadFlowReportsEveryProblem(t *testing.T) {
	bad := `start: nowhere
nodes:
  menu:
    say: menu.prompt
    area: shopping
    choices:
      - {id: a, label: area.legal, goto: missing}
      - {id: a, label: no.such.label, do: dance}
      - {id: B, label: area.work}
  Bad-Name:
    say: ""
`
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(bad), 0o644)
	cat, _ := locales.Load()
	_, err := LoadFlow(os.DirFS(dir), "bad.yaml", func(id string) bool { return cat.Text("en", id, nil) != id })
	if err == nil {
		t.Fatal("bad flow loaded")
	}
	for _, want := range []string{
		`start node "nowhere"`, `area "shopping"`, `unknown node "missing"`, `choice "a" twice`,
		`"no.such.label" is not in the catalogue`, `unknown action "dance"`, `choice id "B"`, `needs goto or do`,
		`node "Bad-Name": name`, `node "Bad-Name": say is empty`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s:\n%v", want, err)
		}
	}
}

// TestNewLanguageFileInLanguageMenu: a language added as one catalogue
// file, next to the others in a directory, is offered in the language
// menu and then spoken, right to left.
func TestNewLanguageFileInLanguageMenu(t *testing.T) {
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join("..", "locales", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("catalogue files: %v %v", files, err)
	}
	for _, f := range files {
		buf, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Yiddish: a right-to-left language no catalogue covers, whose code
	// sorts after every other.
	yi := "[_meta]\nnative = \"ייִדיש\"\nrtl = true\n\n[\"menu.prompt\"]\nother = \"מיט וואָס קען איך אײַך העלפֿן?\"\n"
	if err := os.WriteFile(filepath.Join(dir, "yi.toml"), []byte(yi), 0o644); err != nil {
		t.Fatal(err)
	}
	cat, err := locales.LoadFS(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(cat, Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	st, _ := e.Step(State{}, Input{Text: "/start"}, now)
	// Unranked, it comes last: on the menu's second page, before the way back.
	st, actions := e.Step(st, Input{Choice: choiceLangMore}, now)
	menu := actions[len(actions)-1].(Say)
	if n := len(menu.Choices); n < 2 || menu.Choices[n-2] != (Choice{ID: "lang.yi", Label: "ייִדיש"}) {
		t.Fatalf("language menu's second page %v, want Yiddish last before the way back", menu.Choices)
	}
	st, _ = e.Step(st, Input{Choice: "lang.yi"}, now)
	st, actions = e.Step(st, Input{Choice: "consent.yes"}, now)
	s := actions[len(actions)-1].(Say)
	if !s.RTL || !strings.Contains(s.Text, "העלפֿן") || st.Lang != "yi" {
		t.Errorf("after choosing Yiddish: %+v (lang %q)", s, st.Lang)
	}
}

// TestNeedCarriesTheSource: the link a person came with (a desk's poster,
// a campaign) goes with the needs they reach, for the statistics by desk.
func TestNeedCarriesTheSource(t *testing.T) {
	e := newEngine(t)
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	st, _ := e.Step(State{}, Input{Text: "/start desk_torino"}, now)
	st, _ = e.Step(st, Input{Choice: "lang.it"}, now)
	st, _ = e.Step(st, Input{Choice: "consent.yes"}, now)
	_, actions := e.Step(st, Input{Choice: "menu.legal"}, now)
	for _, a := range actions {
		if n, ok := a.(Need); ok {
			if n.Source != "desk_torino" || n.Area != "legal" {
				t.Fatalf("need = %+v, want legal from desk_torino", n)
			}
			return
		}
	}
	t.Fatalf("no need among %+v", actions)
}

func TestStateLang(t *testing.T) {
	full, err := json.Marshal(State{Lang: "ar", Consent: true, Node: "legal", Back: []string{"menu"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		state []byte
		want  string
	}{
		{"a whole state", full, "ar"},
		{"no language yet", []byte(`{"c":true}`), ""},
		{"none", nil, ""},
		{"unreadable", []byte(`{"l":`), ""},
	} {
		if got := StateLang(tc.state); got != tc.want {
			t.Errorf("%s: StateLang(%s) = %q, want %q", tc.name, tc.state, got, tc.want)
		}
	}
}

// TestPrivacyNoticeSaysTheRetention: /privacy says the retention the desk
// configured in whole days, a part of a day counted as a day, so that a
// retention shorter than a day is not said as none (nor as the default).
func TestPrivacyNoticeSaysTheRetention(t *testing.T) {
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		retention time.Duration
		want      string
	}{
		{0, "after 90 days"},
		{30 * 24 * time.Hour, "after 30 days"},
		{36 * time.Hour, "after 2 days"},
		{time.Hour, "after 1 day "},
	} {
		e, err := New(cat, Options{Retention: tt.retention})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
		st, _ := e.Step(State{}, Input{Text: "/start lang_en"}, now)
		st, _ = e.Step(st, Input{Choice: "consent.yes"}, now)
		_, actions := e.Step(st, Input{Text: "/privacy"}, now)
		var said []string
		for _, a := range actions {
			if s, ok := a.(Say); ok {
				said = append(said, s.Text)
			}
		}
		if all := strings.Join(said, "\n"); !strings.Contains(all, tt.want) {
			t.Errorf("retention %v: /privacy says %q, want %q in it", tt.retention, all, tt.want)
		}
	}
}
