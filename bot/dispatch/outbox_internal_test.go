package dispatch

import (
	"context"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/store/storetest"
)

// oldSide records what the dispatcher sends and which events it hands on.
type oldSide struct {
	mu     sync.Mutex
	sent   chan string
	events []bot.Event
}

// patience bounds a wait for something to happen: generous, since it only
// fails a broken test (see the package's external tests).
const patience = time.Minute

func (o *oldSide) Send(_ context.Context, _ bot.Contact, r bot.Reply) error {
	o.sent <- r.Text
	return nil
}

func (o *oldSide) HandleEvent(_ context.Context, _ bot.Contact, e bot.Event) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.events = append(o.events, e)
	return nil
}

// answer answers every message with its text.
type answer struct{}

func (answer) Handle(_ context.Context, t bot.Turn) (bot.Outcome, error) {
	return bot.Outcome{Replies: []bot.Reply{{Text: "re: " + t.Message.Text}}}, nil
}

// TestOutboxQueuedByAnEarlierVersion: an outbox committed by a version
// before typed events (events as maps of strings, flags as "1"/"0") and
// left undelivered by a crash is delivered by this one, its events as
// typed values, before the contact's next message is answered. An item of
// a kind only a newer version knows costs only itself.
func TestOutboxQueuedByAnEarlierVersion(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	c := bot.Contact{Channel: "test", ID: "7"}
	// Byte for byte what the version before typed events committed for a
	// person who asked for a person and wrote in danger.
	old := `[` +
		`{"e":{"kind":"handoff","data":{"area":"legal","topic":"","reason":"urgent_suicide","lang":"ar","message":"m1","urgent":"1","kind":"suicide","text":"help","said":"[\"hi\"]"}}},` +
		`{"e":{"kind":"need","data":{"area":"legal","topic":"","lang":"ar","source":"text"}}},` +
		`{"e":{"kind":"teleport","data":{}}},` +
		`{"r":{"text":"someone will answer"},"rt":"2026-12-05T10:00:00Z","m":"m1"}` +
		`]`
	if err := rdb.HSet(ctx, keys.ContactKey(c.Key(), "ct"), "o", old).Err(); err != nil {
		t.Fatal(err)
	}
	side := &oldSide{sent: make(chan string, 8)}
	d := NewDispatcher(rdb, keys, answer{}, Options{
		Senders: map[string]bot.Sender{"test": side},
		Sinks:   []bot.EventSink{side},
	})
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { d.Run(runCtx); close(done) }()
	t.Cleanup(func() { stop(); <-done })

	if ok, err := d.Accept(ctx, bot.Message{Contact: c, ID: "m2", Text: "thanks"}); !ok || err != nil {
		t.Fatalf("accept: %v %v", ok, err)
	}
	var replies []string
	for len(replies) < 2 {
		select {
		case r := <-side.sent:
			replies = append(replies, r)
		case <-time.After(patience):
			t.Fatalf("timed out with the replies %q", replies)
		}
	}
	// Run returns once the contact's work in hand is finished, the
	// outboxes acknowledged.
	stop()
	<-done
	if want := []string{"someone will answer", "re: thanks"}; !slices.Equal(replies, want) {
		t.Errorf("replies = %q, want %q", replies, want)
	}
	want := []bot.Event{
		bot.HandoffRequested{Area: "legal", Reason: "urgent_suicide", Lang: "ar", Message: "m1",
			Urgent: true, UrgentKind: "suicide", Text: "help", Said: []string{"hi"}},
		bot.NeedReached{Area: "legal", Lang: "ar", Source: "text"},
	}
	side.mu.Lock()
	events := side.events
	side.mu.Unlock()
	if !reflect.DeepEqual(events, want) {
		t.Errorf("events = %+v, want %+v", events, want)
	}
	if there, err := rdb.HExists(ctx, keys.ContactKey(c.Key(), "ct"), "o").Result(); err != nil || there {
		t.Errorf("an outbox left after delivery: %v %v", there, err)
	}
}

// TestBoundWaiting: what waits for the channel keeps at most maxWaiting
// replies, the oldest dropped, and at most one retraction more than the
// replies: one right after another folds into it, keeping the ids both
// were to take back; the head keeps its time to try again.
func TestBoundWaiting(t *testing.T) {
	at := time.Unix(1000, 0)
	reply := func(s string) outItem { return outItem{Reply: &bot.Reply{Text: s}} }
	retract := outItem{Retract: true}
	var many, manyWant []outItem
	for i := range 3 * maxWaiting {
		many = append(many, retract, reply(strconv.Itoa(i)))
		if i >= 2*maxWaiting {
			manyWant = append(manyWant, retract, reply(strconv.Itoa(i)))
		}
	}
	// One reply too many, the first carrying the person's ids: they go
	// with the next reply kept.
	var full, fullWant []outItem
	for i := range maxWaiting + 1 {
		full = append(full, reply(strconv.Itoa(i)))
		if i > 0 {
			fullWant = append(fullWant, reply(strconv.Itoa(i)))
		}
	}
	full[0].Trail, full[1].Trail = []string{"p0"}, []string{"p1"}
	fullWant[0].Trail = []string{"p0", "p1"}
	for _, tc := range []struct {
		name        string
		in, want    []outItem
		wantDropped int
	}{
		{"within the bound", []outItem{reply("a"), retract, reply("b")}, []outItem{reply("a"), retract, reply("b")}, 0},
		{"retractions in a row fold", []outItem{reply("a"), retract, retract, retract}, []outItem{reply("a"), retract}, 0},
		{"a take-back keeps its ids when folded", []outItem{
			{Retract: true, Erased: true, Back: []string{"1", "2"}}, {Retract: true, Back: []string{"2", "3"}}, reply("x"),
		}, []outItem{{Retract: true, Erased: true, Back: []string{"1", "2", "3"}}, reply("x")}, 0},
		{"a clear after each reply through a long halt", many, manyWant, 2 * maxWaiting},
		{"a folded retraction keeps the person's ids", []outItem{
			{Retract: true, Trail: []string{"p1"}}, {Retract: true, Trail: []string{"p2"}}, reply("x"),
		}, []outItem{{Retract: true, Trail: []string{"p1", "p2"}}, reply("x")}, 0},
		{"a dropped reply's person ids go with the next kept", full, fullWant, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := slices.Clone(tc.in)
			in[0].Wait = at
			got, dropped := boundWaiting(in)
			if len(dropped) != tc.wantDropped {
				t.Errorf("dropped %d, want %d", len(dropped), tc.wantDropped)
			}
			if len(got) == 0 || !got[0].Wait.Equal(at) {
				t.Fatalf("the head lost its time to try again: %+v", got)
			}
			for i := range got {
				got[i].Wait = time.Time{}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("kept %+v, want %+v", got, tc.want)
			}
			if r, k := countOf(got, func(it outItem) bool { return it.Reply != nil }), countOf(got, func(it outItem) bool { return it.Retract }); r > maxWaiting || k > r+1 {
				t.Errorf("kept %d replies and %d retractions, want at most %d and one more than the replies", r, k, maxWaiting)
			}
		})
	}
}

func countOf(items []outItem, f func(outItem) bool) int {
	n := 0
	for _, it := range items {
		if f(it) {
			n++
		}
	}
	return n
}
