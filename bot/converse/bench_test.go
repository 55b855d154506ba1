package converse_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/converse"
)

// BenchmarkTurn is the CPU of one turn on the path of `bench telegram`:
// each person writes /start, hello, 1, menu in turn, ten messages, with
// the state carried from turn to turn as the dispatcher carries it.
func BenchmarkTurn(b *testing.B) {
	cat, engine := catalogAndEngine(b)
	conv := converse.Conversation{Engine: engine, Catalog: cat}
	texts := []string{"/start", "hello", "1", "menu"}
	who := bot.Contact{Channel: "telegram", ID: "100000"}
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	var state []byte
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i%10 == 0 {
			state = nil
		}
		m := bot.Message{Contact: who, ID: strconv.Itoa(i), Text: texts[i%len(texts)]}
		out, err := conv.Handle(context.Background(), bot.Turn{Contact: who, State: state, Message: m, Now: now.Add(time.Duration(i) * time.Second)})
		if err != nil {
			b.Fatal(err)
		}
		if out.State != nil {
			state = out.State
		}
	}
}
