package dispatch

import (
	"log/slog"
	"reflect"
	"testing"
	"time"

	"frontdoor/bot"
)

// benchOutbox is a turn's usual outbox: an event and a reply with choices.
func benchOutbox() []outItem {
	r := bot.Reply{Text: "Choose what you need help with:", Choices: []bot.Choice{
		{ID: "menu.legal", Label: "Documents and permits"}, {ID: "menu.work", Label: "Work"},
		{ID: "menu.health", Label: "Health"}, {ID: "menu.house", Label: "Housing"}}, ChoiceHint: "Reply with the number of your choice."}
	return []outItem{
		{Event: &bot.StoredEvent{Event: bot.NeedReached{Area: "legal", Topic: "permit", Lang: "en"}}},
		{Reply: &r, Received: time.Date(2026, 12, 6, 11, 0, 0, 0, time.UTC), Message: "4711"},
	}
}

func TestEncodeOutRoundTrips(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	items := benchOutbox()
	got := decodeOut([]byte(encodeOut(items, log, bot.Contact{})), log)
	if !reflect.DeepEqual(got, items) {
		t.Errorf("decoded %+v, want %+v", got, items)
	}
	if s := encodeOut(nil, log, bot.Contact{}); s != "" {
		t.Errorf("an empty outbox encodes as %q, want nothing", s)
	}
}

// TestOutItemCarriesTrailIDs: the person's ids an item carries
// (outItem.Trail) go with it through the outbox, and an item written by a
// version before them reads as carrying none.
func TestOutItemCarriesTrailIDs(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	items := benchOutbox()
	items[0].Trail = []string{"4711"}
	if got := decodeOut([]byte(encodeOut(items, log, bot.Contact{})), log); !reflect.DeepEqual(got, items) {
		t.Errorf("decoded %+v, want %+v", got, items)
	}
	old := decodeOut([]byte(`[{"r":{"text":"hello"},"rt":"2026-12-06T11:00:00Z","m":"4711","tn":"4711/0"}]`), log)
	want := []outItem{{Reply: &bot.Reply{Text: "hello"}, Received: time.Date(2026, 12, 6, 11, 0, 0, 0, time.UTC), Message: "4711", Turn: "4711/0"}}
	if !reflect.DeepEqual(old, want) {
		t.Errorf("an item of an older version decoded as %+v, want %+v", old, want)
	}
}

// BenchmarkEncodeOut is the outbox a commit writes, once per answered
// message.
func BenchmarkEncodeOut(b *testing.B) {
	log := slog.New(slog.DiscardHandler)
	items := benchOutbox()
	b.ReportAllocs()
	for b.Loop() {
		encodeOut(items, log, bot.Contact{})
	}
}
