package bench

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/bot/dispatch"
	"frontdoor/flows"
	"frontdoor/locales"
)

// nullChannel accepts every reply and does nothing with it: the bench
// measures Frontdoor, not a messaging platform.
type nullChannel struct{ sent atomic.Int64 }

func (n *nullChannel) Send(context.Context, bot.Contact, bot.Reply) error {
	n.sent.Add(1)
	return nil
}

// benchScript is what each simulated person does, over and over: a real
// walk through language, consent, menus and back.
func benchScript(i int) bot.Message {
	steps := []bot.Message{
		{Text: "/start lang_en"},
		{Choice: "consent.yes"},
		{Choice: "menu.legal"},
		{Choice: "g.back"},
		{Text: "2"},
		{Choice: "g.menu"},
		{Text: "health"},
		{Attachment: bot.AttachVoice},
		{Choice: "g.menu"},
		{Text: "/privacy"},
	}
	return steps[i%len(steps)]
}

func benchPipeline(ctx context.Context, args []string, stdout io.Writer, getenv func(string) string) error {
	fs := newFlagSet("pipeline", stdout, getenv)
	contacts := fs.Int("contacts", 1000, "simulated people writing at once")
	messages := fs.Int("messages", 20, "messages per person; each waits for the answer to the previous one, as people do")
	redisOpts := fs.redis()
	workers := fs.Int("workers", 256, "contacts handled at once (dispatcher.workers)")
	if err := fs.parse(args, "contacts", "messages", "workers"); err != nil {
		return err
	}
	db, keys, cleanup, err := benchRedis(ctx, redisOpts(), 2000)
	if err != nil {
		return err
	}
	defer cleanup()

	cat, err := locales.Load()
	if err != nil {
		return fmt.Errorf("bench pipeline: %w", err)
	}
	engine, err := flows.New(cat, flows.Options{})
	if err != nil {
		return fmt.Errorf("bench pipeline: %w", err)
	}
	// One channel per contact for "your message was answered".
	done := make([]chan time.Duration, *contacts)
	for i := range done {
		done[i] = make(chan time.Duration, 1)
	}
	null := &nullChannel{}
	d := dispatch.NewDispatcher(db.Client, keys, converse.Conversation{Engine: engine}, dispatch.Options{
		Workers: *workers,
		Senders: map[string]bot.Sender{"bench": null},
		OnHandled: func(c bot.Contact, _ string, latency time.Duration) {
			i, _ := strconv.Atoi(c.ID)
			done[i] <- latency
		},
	})
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	go d.Run(runCtx)

	fmt.Fprintf(stdout, "pipeline: %d contacts × %d messages, dispatcher + flows + Redis at %s, null channel\n", *contacts, *messages, redisOpts().Describe())
	latencies := make([][]time.Duration, *contacts)
	var failed atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for c := range *contacts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			contact := bot.Contact{Channel: "bench", ID: strconv.Itoa(c)}
			for m := range *messages {
				msg := benchScript(m)
				msg.Contact, msg.ID = contact, "m"+strconv.Itoa(m)
				if _, err := d.Accept(ctx, msg); err != nil {
					failed.Add(1)
					return
				}
				select {
				case l := <-done[c]:
					latencies[c] = append(latencies[c], l)
				case <-time.After(30 * time.Second):
					failed.Add(1)
					return
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	stop()
	if n := failed.Load(); n > 0 {
		return fmt.Errorf("bench pipeline: %d contacts did not get all their answers", n)
	}
	all := slices.Concat(latencies...)
	slices.Sort(all)
	total := len(all)
	fmt.Fprintf(stdout, "  messages handled    %d in %s (%d replies sent)\n", total, elapsed.Round(time.Millisecond), null.sent.Load())
	fmt.Fprintf(stdout, "  throughput          %.0f messages/s\n", float64(total)/elapsed.Seconds())
	fmt.Fprintf(stdout, "  handling latency    p50 %s   p99 %s   max %s\n",
		pct(all, 50), pct(all, 99), all[total-1].Round(time.Microsecond))

	rtps := roundTrips(ctx, db.Client, min(*contacts, *workers), 2*time.Second)
	fmt.Fprintf(stdout, "  raw Redis PING      %.0f round trips/s (same client, %d at once)\n", rtps, min(*contacts, *workers))
	fmt.Fprintf(stdout, "  ratio               one handled message costs the time of %.1f PINGs\n", rtps/(float64(total)/elapsed.Seconds()))

	mem, n, err := idleContactMemory(ctx, d, *contacts)
	if err != nil {
		return fmt.Errorf("bench pipeline: %w", err)
	}
	fmt.Fprintf(stdout, "  memory per idle contact  %d bytes (MEMORY USAGE of its keys, mean of %d)\n", mem, n)
	return nil
}

// idleContactMemory is the mean memory Redis holds for a contact once
// their messages are handled, over a sample of them.
func idleContactMemory(ctx context.Context, d *dispatch.Dispatcher, contacts int) (int64, int, error) {
	sample := min(contacts, 100)
	var total int64
	for i := range sample {
		n, err := d.MemoryUsage(ctx, bot.Contact{Channel: "bench", ID: strconv.Itoa(i)})
		if err != nil {
			return 0, 0, err
		}
		total += n
	}
	return total / int64(sample), sample, nil
}
