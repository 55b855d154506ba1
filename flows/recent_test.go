package flows

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestRecentTurns: the state keeps the last turns, bounded in number and
// in runes, a menu by what it asked and a button by its label; a case
// takes them away, and the conversation timeout, /clear and /delete drop
// them.
func TestRecentTurns(t *testing.T) {
	e := newEngine(t)
	en := func(id string) string { return e.cat.Text("en", id, nil) }
	start := []Input{{Text: "/start lang_en"}, {Choice: choiceConsentYes}}
	tests := []struct {
		name  string
		steps []Input
		// wait is the silence before the last step.
		wait  time.Duration
		check func(t *testing.T, st State, last []Action)
	}{
		{"at most six turns, the latest", append(start, texts(8)...), 0, func(t *testing.T, st State, _ []Action) {
			if len(st.Recent) != maxRecent {
				t.Fatalf("%d turns kept, want %d: %+v", len(st.Recent), maxRecent, st.Recent)
			}
			for i, x := range st.Recent {
				if want := fmt.Sprintf("qwzx %d", i+3); x.Person != want || x.Bot == "" {
					t.Errorf("turn %d: %+v, want the person's %q and the bot's answer", i, x, want)
				}
			}
		}},
		{"a long text and a long answer are cut", append(start, Input{Text: strings.Repeat("a", 3000)}, Input{Text: "/privacy"}), 0,
			func(t *testing.T, st State, _ []Action) {
				long, privacy := st.Recent[len(st.Recent)-2], st.Recent[len(st.Recent)-1]
				if n := utf8.RuneCountInString(long.Person); n != maxSaidRunes+1 {
					t.Errorf("a text of 3000 runes kept as %d", n)
				}
				if n := utf8.RuneCountInString(privacy.Bot); n > maxBotRunes+1 {
					t.Errorf("the privacy notice kept as %d runes", n)
				}
			}},
		{"a menu by what it asked, a button and a typed number by their labels", append(start, Input{Text: "1"}), 0,
			func(t *testing.T, st State, _ []Action) {
				consent, legal := st.Recent[len(st.Recent)-2], st.Recent[len(st.Recent)-1]
				if consent.Person != en("consent.yes") || consent.Bot != en("menu.prompt") {
					t.Errorf("the consent turn: %+v, want %q and only the menu's question %q", consent, en("consent.yes"), en("menu.prompt"))
				}
				if legal.Person != en("area.legal") || strings.Contains(legal.Bot, en("legal.permit_renewal.title")) || strings.Contains(legal.Bot, "legal.") {
					t.Errorf("the typed number: %+v, want the label %q and no choices", legal, en("area.legal"))
				}
			}},
		{"a photo by its kind only", append(start, Input{Attachment: "photo"}), 0, func(t *testing.T, st State, _ []Action) {
			if x := st.Recent[len(st.Recent)-1]; x.Kind != "photo" || x.Person != "" || x.Bot == "" {
				t.Errorf("the photo's turn: %+v", x)
			}
		}},
		{"a case takes them", append(append(start, texts(2)...), Input{Text: "/person"}), 0, func(t *testing.T, st State, last []Action) {
			var h Handoff
			for _, a := range last {
				if a, ok := a.(Handoff); ok {
					h = a
				}
			}
			if len(h.Recent) != 4 || h.Recent[3].Person != "qwzx 2" || st.Recent != nil {
				t.Errorf("handoff took %+v, the state kept %+v", h.Recent, st.Recent)
			}
		}},
		{"the conversation timeout drops them", append(start, Input{Text: "hello"}), 25 * time.Hour, func(t *testing.T, st State, _ []Action) {
			if len(st.Recent) != 1 || st.Recent[0].Person != "hello" {
				t.Errorf("after the timeout: %+v, want the new turn alone", st.Recent)
			}
		}},
		{"/clear drops them", append(start, Input{Text: "/clear"}, Input{Choice: choiceClearYes}), 0, func(t *testing.T, st State, _ []Action) {
			if st.Recent != nil {
				t.Errorf("after /clear: %+v", st.Recent)
			}
		}},
		{"/delete drops them", append(start, Input{Text: "/delete"}, Input{Choice: choiceDeleteYes}), 0, func(t *testing.T, st State, _ []Action) {
			if st.Recent != nil {
				t.Errorf("after /delete: %+v", st.Recent)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var st State
			var out []Action
			now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
			for i, in := range tt.steps {
				now = now.Add(time.Minute)
				if i == len(tt.steps)-1 {
					now = now.Add(tt.wait)
				}
				st, out = e.Step(st, in, now)
			}
			// The bot's part as a case reads it: the kept messages
			// (Say) put into words in the state's language.
			st.Recent = e.spoken("en", st.Recent)
			tt.check(t, st, out)
		})
	}
}

// texts are n messages no list understands.
func texts(n int) []Input {
	var out []Input
	for i := range n {
		out = append(out, Input{Text: fmt.Sprintf("qwzx %d", i+1)})
	}
	return out
}

// TestForget: the person's message deleted for everyone leaves what the
// state keeps for a case (Said, Recent) by its id, with the bot's answer
// kept and the turn marked deleted; the ids stay lined up with the texts
// through the bound on Said, and a state written before the ids were kept
// lines up from the newest.
func TestForget(t *testing.T) {
	e := newEngine(t)
	run := func(st State, in ...Input) State {
		now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		for _, i := range in {
			st, _ = e.Step(st, i, now)
			now = now.Add(time.Second)
		}
		return st
	}
	start := []Input{{Text: "/start lang_en", ID: "s1"}, {Choice: choiceConsentYes, ID: "s2"}}
	free := func(n int) []Input {
		var out []Input
		for i := range n {
			out = append(out, Input{Text: fmt.Sprintf("qwzx %d", i), ID: fmt.Sprintf("w%d", i)})
		}
		return out
	}
	tests := []struct {
		name      string
		st        State
		in        []Input
		forget    string
		found     bool
		said      []string
		saidIDs   []string
		deletedAt int // index in Recent of the turn marked deleted, -1 for none
	}{
		{"a free text", State{}, append(start, free(2)...), "w0", true,
			[]string{"qwzx 1"}, []string{"w1"}, 2},
		{"past the bound on Said", State{}, append(start, free(5)...), "w3", true,
			[]string{"qwzx 2", "qwzx 4"}, []string{"w2", "w4"}, 4},
		{"a button's turn", State{}, append(start, free(1)...), "s2", true,
			[]string{"qwzx 0"}, []string{"w0"}, 1},
		{"an id the state does not hold", State{}, append(start, free(1)...), "zz", false,
			[]string{"qwzx 0"}, []string{"w0"}, -1},
		{"a state written before the ids", State{Lang: "en", Consent: true, Node: "menu", Said: []string{"old 1", "old 2"}},
			free(1), "w0", true, []string{"old 1", "old 2"}, []string{"", ""}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := run(tt.st, tt.in...)
			before := fmt.Sprintf("%+v", st.Recent)
			got, found := e.Forget(st, tt.forget)
			if found != tt.found {
				t.Errorf("found %v, want %v", found, tt.found)
			}
			if fmt.Sprint(got.Said) != fmt.Sprint(tt.said) || fmt.Sprint(saidIDs(got)) != fmt.Sprint(tt.saidIDs) {
				t.Errorf("said %q ids %q, want %q %q", got.Said, saidIDs(got), tt.said, tt.saidIDs)
			}
			if fmt.Sprintf("%+v", st.Recent) != before {
				t.Errorf("Forget changed the state it was given: %+v", st.Recent)
			}
			for i, x := range got.Recent {
				if want := i == tt.deletedAt; x.Deleted != want {
					t.Errorf("turn %d deleted %v, want %v: %+v", i, x.Deleted, want, got.Recent)
				}
				if x.Deleted && (x.Person != "" || x.Kind != "" || x.Bot == "" && len(x.Say) == 0 || x.ID != tt.forget) {
					t.Errorf("the deleted turn keeps %+v, want only its id and the bot's answer", x)
				}
			}
		})
	}
}

// TestKeepAndTakeTurns: turns made outside the engine (the booking
// dialogue) join a stored state's, bounded and cut as the engine's own,
// and leave it with a case the dialogue opens, with their messages' ids
// (a deletion for everyone must still reach them); a state that cannot
// be read is left as it is.
func TestKeepAndTakeTurns(t *testing.T) {
	e := newEngine(t)
	st, _ := e.Step(State{}, Input{Text: "/start lang_en"}, time.Unix(1e9, 0))
	state, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("ж", 3*maxSaidRunes)
	var turns []Exchange
	for i := range maxRecent + 2 {
		turns = append(turns, Exchange{Person: fmt.Sprintf("day %d", i), Bot: long})
	}
	turns[len(turns)-1].Person = long
	turns[len(turns)-1].ID = "w9"
	kept := KeepTurns(state, []string{"one", "two", "three", long}, []string{"w1", "w2", "", "w4"}, turns...)
	var got State
	if err := json.Unmarshal(kept, &got); err != nil {
		t.Fatal(err)
	}
	if got.Lang != "en" || got.Node != st.Node {
		t.Errorf("the rest of the state changed: %+v, was %+v", got, st)
	}
	if len(got.Recent) != maxRecent || got.Recent[0].Person != "day 2" {
		t.Errorf("%d turns kept, the first %+v; want the last %d", len(got.Recent), got.Recent[0], maxRecent)
	}
	last := got.Recent[len(got.Recent)-1]
	if n := utf8.RuneCountInString(last.Person); n != maxSaidRunes+1 {
		t.Errorf("a text of %d runes kept as %d", 3*maxSaidRunes, n)
	}
	if n := utf8.RuneCountInString(last.Bot); n != maxBotRunes+1 {
		t.Errorf("an answer of %d runes kept as %d", 3*maxSaidRunes, n)
	}
	if len(got.Said) != maxSaid || got.Said[0] != "two" {
		t.Errorf("said %q, want the last %d", got.Said, maxSaid)
	}
	said, ids, taken, rest := TakeTurns(kept)
	if len(said) != maxSaid || len(taken) != maxRecent || fmt.Sprint(taken[0]) != fmt.Sprint(got.Recent[0]) {
		t.Errorf("took %q and %+v", said, taken)
	}
	if want := []string{"w2", "", "w4"}; !slices.Equal(ids, want) {
		t.Errorf("took the ids %q of said %q, want %q", ids, said, want)
	}
	if id := taken[len(taken)-1].ID; id != "w9" {
		t.Errorf("the last turn's message id %q, want w9", id)
	}
	var left State
	if err := json.Unmarshal(rest, &left); err != nil {
		t.Fatal(err)
	}
	if left.Said != nil || left.Recent != nil || left.Lang != "en" {
		t.Errorf("the state after the case: %+v", left)
	}
	for _, bad := range [][]byte{nil, []byte("{broken")} {
		if b := KeepTurns(bad, nil, nil, Exchange{Person: "x"}); string(b) != string(bad) {
			t.Errorf("KeepTurns(%q) = %q", bad, b)
		}
		if s, ids, x, b := TakeTurns(bad); s != nil || ids != nil || x != nil || string(b) != string(bad) {
			t.Errorf("TakeTurns(%q) = %q %q %+v %q", bad, s, ids, x, b)
		}
	}
}

// TestEdit: the person's new words for a message they edited replace the
// old where the state keeps them (the free text kept for a case, its
// turn, marked edited), a deleted turn stays deleted, and answering the
// new words keeps them once among the free texts, under the message's id.
func TestEdit(t *testing.T) {
	e := newEngine(t)
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	var st State
	for _, in := range []Input{{Text: "/start lang_en", ID: "s1"}, {Choice: choiceConsentYes, ID: "s2"},
		{Text: "qwzx typo", ID: "w1"}, {Text: "qwzx other", ID: "w2"}} {
		st, _ = e.Step(st, in, now)
	}
	before := fmt.Sprintf("%+v %q", st.Recent, st.Said)
	got, found := e.Edit(st, "w1", "qwzx fixed")
	if !found {
		t.Fatal("the edited message was not found")
	}
	if fmt.Sprintf("%+v %q", st.Recent, st.Said) != before {
		t.Errorf("Edit changed the state it was given")
	}
	if fmt.Sprint(got.Said) != "[qwzx fixed qwzx other]" || fmt.Sprint(saidIDs(got)) != "[w1 w2]" {
		t.Errorf("said %q ids %q", got.Said, saidIDs(got))
	}
	edited := 0
	for _, x := range got.Recent {
		if strings.Contains(x.Person, "typo") {
			t.Errorf("the old words are still kept: %+v", x)
		}
		if x.Edited {
			edited++
			if x.ID != "w1" || x.Person != "qwzx fixed" || (x.Bot == "" && len(x.Say) == 0) {
				t.Errorf("edited turn %+v, want the new words with the bot's answer", x)
			}
		}
	}
	if edited != 1 {
		t.Errorf("%d turns marked edited, want 1: %+v", edited, got.Recent)
	}
	if _, found := e.Edit(st, "zz", "x"); found {
		t.Error("an id the state does not hold was found")
	}
	gone, _ := e.Forget(st, "w1")
	if again, _ := e.Edit(gone, "w1", "qwzx back"); slices.ContainsFunc(again.Recent, func(x Exchange) bool { return x.Person == "qwzx back" }) {
		t.Errorf("an edit brought a deleted message back: %+v", again.Recent)
	}
	// The conversation then answers the new words under the message's id.
	next, _ := e.Step(got, Input{Text: "qwzx fixed", ID: "w1"}, now)
	if fmt.Sprint(next.Said) != "[qwzx other qwzx fixed]" || fmt.Sprint(saidIDs(next)) != "[w2 w1]" {
		t.Errorf("after answering the edit: said %q ids %q, want the new words once", next.Said, saidIDs(next))
	}
	var turns []Exchange
	for _, x := range next.Recent {
		if x.ID == "w1" {
			turns = append(turns, x)
		}
	}
	if len(turns) != 1 || !turns[0].Edited || turns[0].Person != "qwzx fixed" {
		t.Errorf("after answering the edit: the edited message's turns %+v, want one, edited, with the new words", turns)
	}
}
