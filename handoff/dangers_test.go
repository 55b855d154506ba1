package handoff_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/flows"
	"frontdoor/handoff"
	"frontdoor/store/storetest"
)

// A danger told or half told to an operator during a case (a case about a
// permit, waiting or taken; a message that came late) gets the numbers of
// its kind at once, in the person's language or, when Frontdoor does not
// speak it, in the most read ones; the transcript shows the operator that
// they went. An ordinary message gets none.
func TestDangerDuringCaseGetsItsNumbers(t *testing.T) {
	svc, conv, _ := withConversation(t, func(o *handoff.Options, c converse.Conversation) { o.Dangers = c })
	addOperator(t, svc, "ana", []string{"*"}, []string{"*"}, 9)
	h := svc.Wrap(conv)
	state := func(lang, detected string) []byte {
		b, err := json.Marshal(flows.State{Lang: lang, Detected: detected, Consent: lang != ""})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for i, tc := range []struct {
		name, lang, detected, text string
		claimed, late, edited      bool     // edited: the person first wrote "ok", then edited it into text
		want                       []string // in the reply that carries the numbers; none: no numbers
	}{
		{name: "half told, waiting", lang: "en", text: "any news? my husband threatened me again", want: []string{"1522", "112"}},
		{name: "half told, taken", lang: "en", text: "any news? my husband threatened me again", claimed: true, want: []string{"1522"}},
		{name: "half told, late", lang: "en", text: "any news? my husband threatened me again", late: true, want: []string{"1522"}},
		{name: "suicide half told", lang: "it", text: "quando mi rispondete? non ce la faccio più", want: []string{"02 2327 2327"}},
		{name: "urgent", lang: "it", text: "mio marito mi picchia", want: []string{"1522", "112"}},
		{name: "unspoken language", detected: "ru", text: "Муж бьет меня", want: []string{"112"}},
		{name: "an edit tells it", lang: "en", text: "my husband has a knife, he says he will kill me", edited: true, want: []string{"1522", "112"}},
		{name: "ordinary", lang: "en", text: "any news about my permit?"},
		{name: "ordinary, a calm past", lang: "it", text: "due anni fa mio marito mi picchiava, ora va tutto bene, per il permesso?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			id := "77" + string(rune('0'+i))
			c := bot.Contact{Channel: "telegram", ID: id}
			cs := open(t, svc, id, tc.lang, "legal", false)
			if tc.claimed {
				if err := svc.Claim(ctx, "ana", cs.ID); err != nil {
					t.Fatal(err)
				}
			}
			m := bot.Message{Contact: c, ID: "m" + id, Text: tc.text, Late: tc.late}
			if tc.edited {
				if _, err := h.Handle(ctx, bot.Turn{Contact: c, State: state(tc.lang, tc.detected),
					Message: bot.Message{Contact: c, ID: "m" + id, Text: "ok"}}); err != nil {
					t.Fatal(err)
				}
				m.ID, m.Edits = "e"+id, "m"+id
			}
			out, err := h.Handle(ctx, bot.Turn{Contact: c, State: state(tc.lang, tc.detected), Message: m})
			if err != nil {
				t.Fatal(err)
			}
			numbers := ""
			for _, r := range out.Replies {
				if strings.Contains(r.Text, "📞") || strings.Contains(r.Text, "112") {
					numbers = r.Text
				}
			}
			tx := strings.Join(transcriptTexts(t, svc, cs.ID), "\n")
			if len(tc.want) == 0 {
				if numbers != "" {
					t.Fatalf("%q got numbers: %q", tc.text, numbers)
				}
				if strings.Contains(tx, "bot:") {
					t.Fatalf("%q: the transcript says numbers went:\n%s", tc.text, tx)
				}
				return
			}
			for _, w := range tc.want {
				if !strings.Contains(numbers, w) {
					t.Errorf("%q: replies %+v lack %s", tc.text, out.Replies, w)
				}
			}
			if !strings.Contains(tx, "person::"+tc.text) || !strings.Contains(tx, "bot::"+numbers) {
				t.Errorf("the transcript lacks the message or the numbers sent:\n%s", tx)
			}
		})
	}
}

// A button the person presses during a case is in the transcript by the
// words the person saw on it, in their language, not by its id
// ("[menu.health]"); an id the flow does not know stays as it is.
func TestButtonPressedDuringCaseIsNamed(t *testing.T) {
	svc, conv, engine := withConversation(t, func(o *handoff.Options, c converse.Conversation) { o.Choices = c })
	h := svc.Wrap(conv)
	ctx := context.Background()
	for i, tc := range []struct{ lang, choice, want string }{
		{"it", "menu.health", "[" + engine.ChoiceLabel("it", "menu.health") + "]"},
		{"ar", "menu.work", "[" + engine.ChoiceLabel("ar", "menu.work") + "]"},
		{"en", "no.such.button", "[no.such.button]"},
	} {
		if tc.choice != "no.such.button" && (tc.want == "[]" || strings.Contains(tc.want, tc.choice)) {
			t.Fatalf("%s: the flow names %s %q", tc.lang, tc.choice, tc.want)
		}
		id := "88" + string(rune('0'+i))
		c := bot.Contact{Channel: "telegram", ID: id}
		cs := open(t, svc, id, tc.lang, "legal", false)
		st, err := json.Marshal(flows.State{Lang: tc.lang, Consent: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.Handle(ctx, bot.Turn{Contact: c, State: st, Message: bot.Message{Contact: c, ID: "b" + id, Choice: tc.choice}}); err != nil {
			t.Fatal(err)
		}
		tx, err := svc.Transcript(ctx, cs.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range tx {
			if e.By == "person" && e.Text == tc.want {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %s: transcript %+v, want a line %q", tc.lang, tc.choice, tx, tc.want)
		}
	}
}

// withConversation is a handoff service beside the real conversation
// (the flows engine on the shipped catalogues), which set gives to the
// service's options.
func withConversation(t *testing.T, set func(*handoff.Options, converse.Conversation)) (*handoff.Service, converse.Conversation, *flows.Engine) {
	t.Helper()
	rdb, keys := storetest.Redis(t)
	cat := newService(t, handoff.Config{}).cat
	engine := shared.Engine(t)
	conv := converse.Conversation{Engine: engine, Catalog: cat}
	o := handoff.Options{PasswordCost: 4, Out: &sent{}}
	set(&o, conv)
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, o)
	if err != nil {
		t.Fatal(err)
	}
	return svc, conv, engine
}
