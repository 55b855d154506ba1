package handoff_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/handoff"
)

// A person's place in the queue counts only the cases the same operators
// would take first: same language and area.
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
