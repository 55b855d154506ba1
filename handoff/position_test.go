package handoff_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/handoff"
)

// Without operators who could take a case, a person's place in the queue
// counts only the cases of their own routing queue: same language and
// area.
func TestPositionIsWithinTheRoutingQueue(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	for _, id := range []string{"u1", "u2", "u3"} {
		open(t, f.svc, id, "uk", "legal", false)
		f.clock.Add(time.Second)
	}
	ar1 := open(t, f.svc, "a1", "ar", "legal", false)
	f.clock.Add(time.Second)
	work := open(t, f.svc, "a2", "ar", "work", false)
	f.clock.Add(time.Second)
	ar2 := open(t, f.svc, "a3", "ar", "legal", false)
	f.clock.Add(time.Second)
	urgent := open(t, f.svc, "a4", "ar", "legal", true)
	for _, tt := range []struct {
		name string
		cs   handoff.Case
		want int64
	}{{"first Arabic legal", ar1, 2}, {"Arabic work", work, 1}, {"second Arabic legal", ar2, 3}, {"urgent Arabic legal", urgent, 1}} {
		if got, err := f.svc.Position(ctx, tt.cs.ID); err != nil || got != tt.want {
			t.Errorf("%s: position %d (%v), want %d", tt.name, got, err, tt.want)
		}
	}
	// The turn that opens a case says the same.
	h := f.svc.Wrap(&handoffHandler{}) // opens an Arabic case without area
	open(t, f.svc, "u4", "uk", "", false)
	c := bot.Contact{Channel: "telegram", ID: "a5"}
	out, err := h.Handle(ctx, bot.Turn{Contact: c, Now: f.clock.Now(), Message: bot.Message{Contact: c, ID: "1", Text: "help"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := out.Replies[len(out.Replies)-1].Text, f.cat.Text("ar", "handoff.wait.next", nil); !strings.HasPrefix(got, want) {
		t.Fatalf("opening turn says %q, want it to start with %q", got, want)
	}
	if err := f.svc.HandleEvent(ctx, c, out.Events[0]); err != nil {
		t.Fatal(err)
	}
	cs, err := f.svc.OpenCase(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := f.svc.Position(ctx, cs.ID); got != 1 {
		t.Fatalf("Arabic case without area behind a Ukrainian one: position %d, want 1", got)
	}
}

// TestPositionCountsWhatTakersTakeFirst: the place a person is told
// counts every waiting case that an operator who can take theirs would
// take first, in any language and area that operator has (all areas
// included), and nothing that only other operators take.
func TestPositionCountsWhatTakersTakeFirst(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "amira", []string{"ar"}, []string{"legal"}, 3)
	addOperator(t, f.svc, "olga", []string{"uk"}, []string{"*"}, 3)
	addOperator(t, f.svc, "gianni", []string{"it", "ar"}, []string{"*"}, 3)
	opened := map[string]handoff.Case{}
	for _, c := range []struct {
		name, lang, area string
		urgent           bool
	}{
		{"u1", "uk", "legal", false},
		{"a1", "ar", "work", false},
		{"a2", "ar", "legal", false},
		{"i1", "it", "legal", false},
		{"a3", "ar", "legal", false},
		{"u2", "uk", "work", true},
		{"x1", "", "legal", false}, // a language Frontdoor does not speak: anyone with the area
		{"z1", "zh", "education", false},
	} {
		opened[c.name] = open(t, f.svc, c.name, c.lang, c.area, c.urgent)
		f.clock.Add(time.Second)
	}
	for _, tt := range []struct {
		name string
		want int64
		why  string
	}{
		{"u2", 1, "urgent: first for olga"},
		{"u1", 2, "olga takes the urgent Ukrainian work case first"},
		{"a1", 1, "only gianni takes Arabic work, and nothing of his is older"},
		{"a2", 2, "gianni, who could take it, takes the older Arabic work case first"},
		{"i1", 3, "gianni takes the older Arabic cases first"},
		{"a3", 4, "amira and gianni take a2, i1 (gianni) and a1 (gianni) first"},
		{"x1", 7, "every operator may take it: everything older is ahead"},
		{"z1", 1, "nobody speaks Chinese: only its own queue is ahead"},
	} {
		if got, err := f.svc.Position(ctx, opened[tt.name].ID); err != nil || got != tt.want {
			t.Errorf("%s: position %d (%v), want %d: %s", tt.name, got, err, tt.want, tt.why)
		}
	}
	// A case about to open is told the same: an Arabic legal case now has
	// a1, a2, i1, a3 and x1 ahead.
	if got, err := f.svc.Queue().Ahead(ctx, "ar", "legal", f.clock.Now(), false); err != nil || got != 5 {
		t.Errorf("ahead of a new Arabic legal case: %d (%v), want 5", got, err)
	}
	// Claimed cases are no longer ahead; a closed one is not waiting.
	if err := f.svc.Claim(ctx, "gianni", opened["a1"].ID); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int64{"a1": 0, "a2": 1, "i1": 2, "a3": 3} {
		if got, err := f.svc.Position(ctx, opened[name].ID); err != nil || got != want {
			t.Errorf("after a1 was claimed, %s: position %d (%v), want %d", name, got, err, want)
		}
	}
}

// TestOpeningTurnToldGoesIntoTheCase: what the bot answered in the turn
// that opened a case, the wait included, is in the case's transcript for
// the operator, after the person's message.
func TestOpeningTurnToldGoesIntoTheCase(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	h := f.svc.Wrap(&handoffHandler{})
	c := bot.Contact{Channel: "telegram", ID: "a9"}
	out, err := h.Handle(ctx, bot.Turn{Contact: c, Now: f.clock.Now(), Message: bot.Message{Contact: c, ID: "1", Text: "help"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Replies) < 2 {
		t.Fatalf("the opening turn answers %+v, want the bot's reply and the wait", out.Replies)
	}
	if err := f.svc.HandleEvent(ctx, c, out.Events[0]); err != nil {
		t.Fatal(err)
	}
	cs, err := f.svc.OpenCase(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := f.svc.Transcript(ctx, cs.ID)
	if err != nil {
		t.Fatal(err)
	}
	var bots []string
	for _, e := range tx {
		if e.By == "bot" {
			bots = append(bots, e.Text)
		}
	}
	var want []string
	for _, r := range out.Replies {
		want = append(want, r.Text)
	}
	if strings.Join(bots, "|") != strings.Join(want, "|") {
		t.Errorf("the bot's lines in the case: %q, want what the person was told: %q", bots, want)
	}
}
