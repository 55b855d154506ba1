package flows

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

// Transcripts of news subscriptions. The Subscribe actions do not print in
// runTranscript; the state line shows the topics ("u"), and
// TestNewsActions checks the actions themselves.
var newsTranscripts = map[string][]string{
	"news_subscribe_toggle_it": {
		"text:/start lang_it", "choice:consent.yes", "choice:menu.news", "choice:news.jobs", "choice:news.health",
		"text:lavoro", "choice:news.jobs", "text:basta",
	},
	"news_stop_arabic_and_command": {
		"text:/start lang_ar", "choice:consent.yes", "text:٦", "choice:news.permits", "choice:news.courses",
		"choice:news.menu", "text:توقف", "choice:menu.news", "choice:news.health", "text:/stop",
	},
	"news_stop_before_consent_bengali": {
		"text:/start lang_bn", "text:বন্ধ",
	},
	"news_delete_clears_subscriptions": {
		"text:/start lang_uk", "choice:consent.yes", "choice:menu.news", "choice:news.courses", "text:/delete",
		"choice:delete.yes", "text:/start lang_uk", "choice:consent.yes", "choice:menu.news",
	},
}

func TestNewsTranscripts(t *testing.T) { checkGoldens(t, newsTranscripts) }

func subscribes(actions []Action) []Subscribe {
	var out []Subscribe
	for _, a := range actions {
		if s, ok := a.(Subscribe); ok {
			out = append(out, s)
		}
	}
	return out
}

func TestNewsActions(t *testing.T) {
	e := newEngine(t)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	ready := func(lang string, subs ...string) State {
		return State{Lang: lang, Consent: true, Node: "news", Subs: subs, Seen: now.Unix()}
	}
	stopAll := []Subscribe{{Topic: "*", On: false}}
	tests := []struct {
		name     string
		st       State
		in       Input
		want     []Subscribe
		wantSubs []string
	}{
		{"toggle on", ready("it"), Input{Choice: "news.jobs"}, []Subscribe{{"jobs", true, "it"}}, []string{"jobs"}},
		{"toggle off", ready("it", "jobs", "health"), Input{Choice: "news.jobs"}, []Subscribe{{"jobs", false, "it"}}, []string{"health"}},
		{"stop all button", ready("en", "jobs"), Input{Choice: "news.stop"}, []Subscribe{{"*", false, "en"}}, nil},
		{"old button without consent does nothing", State{Lang: "it"}, Input{Choice: "news.jobs"}, nil, nil},
		{"unknown topic in a stored state is dropped", ready("it", "lottery"), Input{Choice: "news.health"}, []Subscribe{{"health", true, "it"}}, []string{"health"}},
		{"/stop", ready("it", "jobs"), Input{Text: "/stop"}, []Subscribe{{"*", false, "it"}}, nil},
		{"/stop before consent", State{}, Input{Text: "/stop"}, stopAll, nil},
	}
	for _, w := range []struct{ lang, word string }{
		{"en", "stop"}, {"en", "STOP!"}, {"it", "basta"}, {"fr", "arrêt"}, {"fr", "arret"}, {"es", "parar"}, {"es", "alto"},
		{"ar", "توقف"}, {"ar", "إيقاف"}, {"uk", "стоп"}, {"uk", "Стоп"}, {"sq", "ndalo"}, {"bn", "বন্ধ"}, {"ur", "بند"},
		{"zh", "停止"}, {"zh", "退订"},
	} {
		tests = append(tests, struct {
			name     string
			st       State
			in       Input
			want     []Subscribe
			wantSubs []string
		}{"stop word " + w.word, ready(w.lang, "jobs", "courses"), Input{Text: w.word}, []Subscribe{{"*", false, w.lang}}, nil})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, actions := e.Step(tt.st, tt.in, now)
			got := subscribes(actions)
			for i := range got {
				if tt.st.Lang == "" {
					got[i].Lang = ""
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("actions %+v, want %+v", got, tt.want)
			}
			if !slices.Equal(st.Subs, tt.wantSubs) {
				t.Fatalf("subs %v, want %v", st.Subs, tt.wantSubs)
			}
		})
	}
}

// TestNewsScreenShowsState checks the labels mark the topics subscribed.
func TestNewsScreenShowsState(t *testing.T) {
	e := newEngine(t)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	_, actions := e.Step(State{Lang: "en", Consent: true, Node: "menu", Subs: []string{"permits"}, Seen: now.Unix()}, Input{Choice: "menu.news"}, now)
	var labels []string
	for _, a := range actions {
		if s, ok := a.(Say); ok {
			for _, c := range s.Choices {
				labels = append(labels, c.Label)
			}
		}
	}
	want := []string{"⬜ Job offers", "✅ Permits and documents", "⬜ Courses", "⬜ Health campaigns", "Stop all news", "Main menu", "Back"}
	if !slices.Equal(labels, want) {
		t.Fatalf("labels %q, want %q", labels, want)
	}
}

// TestIsStopAndIsClear: what runtimes holding the conversation aside (a
// case with an operator) let through agrees with what the engine does.
func TestIsStopAndIsClear(t *testing.T) {
	e := newEngine(t)
	w := NewWords(e.cat)
	tests := []struct {
		text        string
		stop, clear bool
	}{
		{"stop", true, false}, {"STOP!", true, false}, {"/stop", true, false}, {"/unsubscribe", true, false},
		{"basta", true, false}, {"توقف", true, false}, {"стоп", true, false}, {"停止", true, false}, {"বন্ধ", true, false},
		{"/clear", false, true}, {"/pulisci", false, true}, {"/clear@frontdoor_bot", false, true}, {"/effacer", false, true},
		{"", false, false}, {"please stop calling", false, false}, {"/menu", false, false}, {"/stopp", false, false},
		{"clear", false, false}, {"/clearly", false, false}, {"/basta", true, false}, {"/borrar", false, true}, {"/清除", false, true},
	}
	for _, tt := range tests {
		if got := w.IsStop(tt.text); got != tt.stop {
			t.Errorf("IsStop(%q) = %v", tt.text, got)
		}
		if got := w.IsClear(tt.text); got != tt.clear {
			t.Errorf("IsClear(%q) = %v", tt.text, got)
		}
		st, actions := e.Step(State{Lang: "en", Consent: true}, Input{Text: tt.text}, time.Now())
		stopped := slices.ContainsFunc(actions, func(a Action) bool { s, ok := a.(Subscribe); return ok && s.Topic == "*" && !s.On })
		if stopped != tt.stop {
			t.Errorf("%q: the engine stops the news: %v, IsStop says %v", tt.text, stopped, tt.stop)
		}
		stored, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		if asks := Asking(stored, "clear"); asks != tt.clear {
			t.Errorf("%q: the engine asks to clear: %v, IsClear says %v", tt.text, asks, tt.clear)
		}
	}
}
