package converse_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/flows"
	"frontdoor/locales"
)

func TestConversationChoiceHint(t *testing.T) {
	cat, engine := catalogAndEngine(t)
	who := bot.Contact{Channel: "whatsapp", ID: "393331234567@s.whatsapp.net"}
	tests := []struct {
		name    string
		catalog *locales.Catalog
		text    string
		want    string
	}{
		{"arabic", cat, "/start lang_ar", cat.Text("ar", "choice.reply_number", nil)},
		{"chinese", cat, "/start lang_zh", cat.Text("zh", "choice.reply_number", nil)},
		{"italian", cat, "/start lang_it", cat.Text("it", "choice.reply_number", nil)},
		{"no catalogue, no hint", nil, "/start lang_it", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := converse.Conversation{Engine: engine, Catalog: tc.catalog}.Handle(context.Background(), bot.Turn{
				Contact: who, Now: time.Now(), Message: bot.Message{Contact: who, ID: "1", Text: tc.text}})
			if err != nil {
				t.Fatal(err)
			}
			withChoices := 0
			for _, r := range out.Replies {
				switch {
				case len(r.Choices) > 0:
					withChoices++
					if r.ChoiceHint != tc.want {
						t.Errorf("hint = %q, want %q", r.ChoiceHint, tc.want)
					}
				case r.ChoiceHint != "":
					t.Errorf("a reply without choices has the hint %q", r.ChoiceHint)
				}
			}
			if withChoices == 0 {
				t.Fatalf("no reply with choices to %q: %+v", tc.text, out.Replies)
			}
		})
	}
	if cat.Text("ar", "choice.reply_number", nil) == cat.Text("en", "choice.reply_number", nil) {
		t.Fatal("the Arabic hint is the English one")
	}
}

// TestConversationProfileEvent: an answer to a profile question leaves the
// conversation as an identity-free event for the statistics, and nothing
// of it stays in the state.
func TestConversationProfileEvent(t *testing.T) {
	cat, engine := catalogAndEngine(t)
	conv := converse.Conversation{Engine: engine, Catalog: cat}
	who := bot.Contact{Channel: "telegram", ID: "12"}
	var state []byte
	var out bot.Outcome
	var err error
	for i, m := range []bot.Message{{Text: "/start lang_it"}, {Choice: "consent.yes"}, {Choice: "menu.plan"}, {Choice: "profile.age.18_29"}} {
		m.Contact, m.ID = who, fmt.Sprint(i)
		out, err = conv.Handle(context.Background(), bot.Turn{Contact: who, State: state, Message: m, Now: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if out.State != nil {
			state = out.State
		}
	}
	var got []bot.ProfileAnswered
	for _, e := range out.Events {
		if p, ok := e.(bot.ProfileAnswered); ok {
			got = append(got, p)
		}
	}
	if len(got) != 1 || got[0] != (bot.ProfileAnswered{Field: "age", Value: "18_29"}) {
		t.Fatalf("profile events = %+v, want one age 18_29", got)
	}
	// Nothing else travels with it through the outbox.
	if b, err := bot.MarshalEvent(got[0]); err != nil || string(b) != `{"kind":"profile","data":{"field":"age","value":"18_29"}}` {
		t.Fatalf("profile event on the wire = %s, %v", b, err)
	}
	if strings.Contains(string(state), "18_29") {
		t.Fatalf("the answer stayed in the state: %s", state)
	}
}

// TestConversationApology: the apology for a message that could not be
// handled is in the person's language, right to left where it should be.
func TestConversationApology(t *testing.T) {
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	conv := converse.Conversation{Catalog: cat}
	tests := []struct {
		name  string
		state string
		hint  string
		lang  string
	}{
		{"state", `{"l":"ar","c":true}`, "en", "ar"},
		{"app language before choosing", ``, "uk", "uk"},
		{"unreadable state", `{"l":`, "zh", "zh"},
		{"nothing known", ``, "", cat.Default()},
	}
	for _, tt := range tests {
		r := conv.Apology([]byte(tt.state), bot.Message{LangHint: tt.hint})
		l, _ := cat.Language(tt.lang)
		if r.Text != cat.Text(tt.lang, "error.sorry", nil) || r.RTL != l.RTL {
			t.Errorf("%s: apology %+v, want the %s one", tt.name, r, tt.lang)
		}
	}
}

// A message that came late (the channel was offline) does not run the
// conversation: the person gets one line saying the desk is back, in
// their language, once for all their late messages; a message written
// after an answer gets its own line again.
func TestConversationLateMessages(t *testing.T) {
	cat, engine := catalogAndEngine(t)
	conv := converse.Conversation{Engine: engine, Catalog: cat}
	who := bot.Contact{Channel: "whatsapp", ID: "555000111@lid"}
	back := time.Date(2026, 3, 2, 20, 0, 0, 0, time.UTC)
	wrote := back.Add(-30 * time.Hour)

	// An Arabic speaker with a conversation in progress.
	out, err := conv.Handle(context.Background(), bot.Turn{Contact: who, Now: wrote.Add(-time.Hour),
		Message: bot.Message{Contact: who, ID: "0", Text: "/start lang_ar", Time: wrote.Add(-time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	state := out.State
	steps := []struct {
		name string
		msg  bot.Message
		want string // "" for no reply
	}{
		{"first late message", bot.Message{ID: "1", Text: "1", Time: wrote, Late: true}, cat.Text("ar", "late.back", nil)},
		{"second late message, same wait", bot.Message{ID: "2", Text: "2", Time: wrote.Add(time.Minute), Late: true}, ""},
		{"late again, written after the answer", bot.Message{ID: "3", Text: "3", Time: back.Add(time.Hour), Late: true}, cat.Text("ar", "late.back", nil)},
	}
	now := back
	for _, s := range steps {
		s.msg.Contact = who
		out, err := conv.Handle(context.Background(), bot.Turn{Contact: who, State: state, Now: now, Message: s.msg})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range out.Replies {
			got = append(got, r.Text)
			if !r.RTL {
				t.Errorf("%s: the Arabic line is not marked right-to-left", s.name)
			}
		}
		switch {
		case s.want == "" && len(got) > 0:
			t.Errorf("%s: got %q, want no reply", s.name, got)
		case s.want != "" && (len(got) != 1 || got[0] != s.want):
			t.Errorf("%s: got %q, want the one line %q", s.name, got, s.want)
		}
		if len(out.Events) > 0 {
			t.Errorf("%s: events %+v from a late message", s.name, out.Events)
		}
		if out.State != nil {
			state = out.State
		}
		now = now.Add(2 * time.Hour)
	}
	if strings.Contains(cat.Text("ar", "late.back", nil), "back. Sorry") {
		t.Error("the Arabic line is English")
	}
	// The conversation goes on where it was: the language stays.
	out, err = conv.Handle(context.Background(), bot.Turn{Contact: who, State: state, Now: now,
		Message: bot.Message{Contact: who, ID: "4", Text: "/menu", Time: now}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Replies) == 0 || !out.Replies[0].RTL {
		t.Errorf("after the late line the conversation lost its language: %+v", out.Replies)
	}
}

// A late message is read all the same: a danger written while the desk
// was offline gets the emergency numbers and opens an urgent case, however
// late, and a late line for anything else comes in the language the
// message is written in.
func TestLateDangerIsAnsweredAsNow(t *testing.T) {
	cat, engine := catalogAndEngine(t)
	conv := converse.Conversation{Engine: engine, Catalog: cat}
	back := time.Date(2026, 3, 2, 20, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		text            string
		urgent, concern bool
	}{
		{"I want to kill myself tonight", true, false},
		{"my husband is going to kill me, help", true, false},
		{"hello, I need an appointment for my permit renewal please", false, false},
		// Half told: no case, but the answer with the crisis line goes,
		// not the late line.
		{"i cant go on anymore, my permit renewal was refused", false, true},
	} {
		who := bot.Contact{Channel: "whatsapp", ID: "555000222@lid"}
		out, err := conv.Handle(context.Background(), bot.Turn{Contact: who, Now: back,
			Message: bot.Message{Contact: who, ID: "1", Text: tt.text, Time: back.Add(-30 * time.Hour), Late: true}})
		if err != nil {
			t.Fatal(err)
		}
		var urgent bool
		for _, e := range out.Events {
			if h, ok := e.(bot.HandoffRequested); ok && h.Urgent {
				urgent = true
			}
		}
		var text string
		for _, r := range out.Replies {
			text += r.Text + "\n"
		}
		switch {
		case urgent != tt.urgent:
			t.Errorf("%q, late: urgent case %v, want %v (replies %q)", tt.text, urgent, tt.urgent, text)
		case tt.urgent && !strings.Contains(text, "112"):
			t.Errorf("%q, late: no emergency number in %q", tt.text, text)
		case tt.concern && !strings.Contains(text, "2327"):
			t.Errorf("%q, late: no crisis line in %q", tt.text, text)
		case !tt.urgent && !tt.concern && text != cat.Text("en", "late.back", nil)+"\n":
			t.Errorf("%q, late: %q, want the English late line", tt.text, text)
		case tt.concern != (out.Concern != "") || !strings.HasSuffix(text, out.Concern+"\n"):
			// A wrapper that answers in place of the conversation keeps
			// the numbers (bot.Outcome.Answer): they are named.
			t.Errorf("%q, late: Concern %q, want the end of %q", tt.text, out.Concern, text)
		}
	}
}

// Answer puts the numbers of a danger half told under the answer that
// replaces the conversation's, or alone when it says nothing; without a
// danger it only replaces.
func TestOutcomeAnswerKeepsTheNumbers(t *testing.T) {
	const numbers = "If you are in danger now, call:\n📞 112"
	list := []bot.Reply{{Text: "Your appointments:"}, {Text: "1. …", Choices: []bot.Choice{{ID: "bk.x.A", Label: "Cancel"}}}}
	for _, tt := range []struct {
		name    string
		concern string
		rs      []bot.Reply
		want    []string
	}{
		{"under the last", numbers, list, []string{"Your appointments:", "1. …\n\n" + numbers}},
		{"alone", numbers, nil, []string{numbers}},
		{"no danger", "", list, []string{"Your appointments:", "1. …"}},
	} {
		out := bot.Outcome{Replies: []bot.Reply{{Text: "conversation's answer\n\n" + tt.concern, RTL: true}}, Concern: tt.concern}
		out.Answer(tt.rs)
		var got []string
		for _, r := range out.Replies {
			got = append(got, r.Text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
		if len(tt.rs) > 0 && len(out.Replies[len(out.Replies)-1].Choices) != 1 {
			t.Errorf("%s: the answer lost its buttons", tt.name)
		}
		if len(tt.rs) > 0 && list[1].Text != "1. …" {
			t.Fatalf("%s: Answer wrote into the caller's replies", tt.name)
		}
	}
}

// The person's "delete for everyone" gets no answer and leaves the
// conversation where it was.
func TestConversationIgnoresDeletions(t *testing.T) {
	cat, engine := catalogAndEngine(t)
	who := bot.Contact{Channel: "whatsapp", ID: "555000111@lid"}
	out, err := converse.Conversation{Engine: engine, Catalog: cat}.Handle(context.Background(), bot.Turn{Contact: who, Now: time.Now(),
		Message: bot.Message{Contact: who, ID: "2", Revokes: "1", Late: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Replies) > 0 || len(out.Events) > 0 || out.State != nil {
		t.Errorf("a deletion was answered: %+v", out)
	}
}

// recordings are the desk's recordings of a test: "lang id" -> reference.
type recordings map[string]string

func (r recordings) Recording(_ context.Context, lang, id string) (string, error) {
	return r[lang+" "+id], nil
}

// Voice answers: the offer carries its recording to anyone; once voice is
// chosen, an answer carries the recording of the last of its messages
// that has one in the person's language, and an answer with none is text
// alone; "text only" stops them.
func TestConversationVoice(t *testing.T) {
	cat, engine := catalogAndEngine(t)
	conv := converse.Conversation{Engine: engine, Catalog: cat, Recordings: recordings{
		"ti voice.offer": "offer-ti", "ti menu.prompt": "menu-ti", "ti voice.on": "on-ti", "wo menu.prompt": "menu-wo",
	}}
	who := bot.Contact{Channel: "telegram", ID: "42"}
	var state []byte
	for i, tc := range []struct {
		msg   bot.Message
		voice []string // of each reply
	}{
		{bot.Message{Text: "/start lang_ti"}, []string{""}},
		{bot.Message{Choice: "consent.yes"}, []string{""}},
		{bot.Message{Attachment: bot.AttachVoice}, []string{"offer-ti"}},
		// "Done" and the menu, in one reply: the menu's recording, the
		// last recorded.
		{bot.Message{Choice: "voice.yes"}, []string{"menu-ti"}},
		{bot.Message{Choice: "menu.work"}, []string{""}},
		{bot.Message{Choice: "g.back"}, []string{"menu-ti"}},
		{bot.Message{Choice: "voice.no"}, []string{""}},
		{bot.Message{Choice: "g.back"}, []string{""}},
	} {
		tc.msg.Contact, tc.msg.ID = who, fmt.Sprint(i)
		out, err := conv.Handle(context.Background(), bot.Turn{Contact: who, Now: time.Now(), Message: tc.msg, State: state})
		if err != nil {
			t.Fatal(err)
		}
		state = out.State
		var got []string
		for _, r := range out.Replies {
			got = append(got, r.Voice)
		}
		if strings.Join(got, ",") != strings.Join(tc.voice, ",") {
			t.Errorf("step %d (%+v): voices %q, want %q", i, tc.msg, got, tc.voice)
		}
	}
}

// catalogAndEngine loads the catalogues and the flows engine the
// conversation runs on.
func catalogAndEngine(t testing.TB) (*locales.Catalog, *flows.Engine) {
	t.Helper()
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	engine, err := flows.New(cat, flows.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return cat, engine
}
