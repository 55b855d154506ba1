package dispatch_test

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/bot/dispatch"
	"frontdoor/flows"
	"frontdoor/locales"
	"frontdoor/store/storetest"
)

// BenchmarkPipeline measures one message through Accept, the dispatcher,
// the flows engine and the outbox on a real Redis, with contacts writing in
// parallel and each waiting for its answer. BenchmarkRedisPing, run beside
// it, is the yardstick: the ratio of the two is the pipeline's cost in round
// trips.
func BenchmarkPipeline(b *testing.B) {
	rdb, keys := storetest.Redis(b)
	cat, err := locales.Load()
	if err != nil {
		b.Fatal(err)
	}
	engine, err := flows.New(cat, flows.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var contacts atomic.Int64
	const maxContacts = 4096
	done := make([]chan struct{}, maxContacts)
	for i := range done {
		done[i] = make(chan struct{}, 1)
	}
	d := dispatch.NewDispatcher(rdb, keys, converse.Conversation{Engine: engine}, dispatch.Options{
		Senders: map[string]bot.Sender{"test": bot.SenderFunc(func(context.Context, bot.Contact, bot.Reply) error { return nil })},
		OnHandled: func(c bot.Contact, _ string, _ time.Duration) {
			i, _ := strconv.Atoi(c.ID)
			done[i] <- struct{}{}
		},
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go d.Run(ctx)
	steps := []bot.Message{{Text: "/start lang_en"}, {Choice: "consent.yes"}, {Choice: "menu.legal"}, {Choice: "g.back"}, {Text: "2"}}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		c := int(contacts.Add(1) - 1)
		if c >= maxContacts {
			b.Error("too many parallel contacts")
			return
		}
		contact := bot.Contact{Channel: "test", ID: strconv.Itoa(c)}
		for i := 0; pb.Next(); i++ {
			m := steps[i%len(steps)]
			m.Contact, m.ID = contact, strconv.Itoa(i)
			if _, err := d.Accept(ctx, m); err != nil {
				b.Error(err)
				return
			}
			<-done[c]
		}
	})
}

func BenchmarkRedisPing(b *testing.B) {
	rdb, _ := storetest.Redis(b)
	ctx := context.Background()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := rdb.Ping(ctx).Err(); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
