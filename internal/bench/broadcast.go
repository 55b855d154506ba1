package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/bot/telegram"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/broadcast"
)

// benchBroadcast sends one campaign to N subscribers through the real
// Telegram adapter against the fake Bot API, which answers 429 above its
// limit (overall per second, and 1/s per chat) like Telegram does, and
// reports the rate achieved as a share of the configured one, the 429s and
// the duplicates. Telegram's real figures (limit 30/s, rate 25/s) would
// take over an hour for 100,000 contacts, so by default both are scaled
// ×100: what is measured is how close the pacing gets to the rate without
// crossing the limit, which does not depend on the scale as long as Redis
// and the fake server keep up.
func benchBroadcast(ctx context.Context, args []string, stdout io.Writer, getenv func(string) string) error {
	fs := newFlagSet("broadcast", stdout, getenv)
	contacts := fs.Int("contacts", 100000, "subscribers to send to")
	limit := fs.Int("limit", 3000, "the fake Bot API's limit, messages/s (Telegram: 30)")
	rate := fs.Float64("rate", 2500, "configured campaign rate, messages/s (Telegram default: 25)")
	workers := fs.Int("workers", 64, "sends in flight")
	redisOpts := fs.redis()
	if err := fs.parse(args, "contacts", "limit", "workers"); err != nil {
		return err
	}
	if *rate <= 0 {
		return errors.New("bench broadcast: --rate must be positive")
	}
	db, keys, done, err := benchRedis(ctx, redisOpts(), *workers+64)
	if err != nil {
		return err
	}
	defer done()
	srv := telegramtest.Start(telegramtest.WithRateLimit(*limit), telegramtest.WithPollWait(10*time.Millisecond))
	defer srv.Close()
	tg, err := telegram.New(telegram.Config{Token: telegramtest.Token, APIURL: srv.URL(), MaxRetryWait: time.Millisecond}, nil)
	if err != nil {
		return err
	}
	cfg := broadcast.Config{Rates: map[string]float64{"telegram": *rate}, Share: 1, Workers: *workers}
	// The one path serve sends campaigns through: guarded and counted.
	out := dispatch.NewDirect(db.Client, keys, map[string]bot.Sender{"telegram": tg}, nil, nil)
	svc := broadcast.New(db.Client, keys, cfg, out, broadcast.Options{Tick: 50 * time.Millisecond})
	fmt.Fprintf(stdout, "broadcast: %d contacts, configured %.0f msg/s, fake Bot API limit %d msg/s, Redis at %s\n",
		*contacts, *rate, *limit, redisOpts().Describe())
	if err := benchSubscribe(ctx, svc, *contacts); err != nil {
		return err
	}
	c := broadcast.Campaign{ID: "bench", Texts: map[string]string{"it": "Avviso di prova", "en": "Test notice"}, Fallback: "en",
		Segment: broadcast.Segment{Topic: "jobs"}}
	if err := svc.Create(ctx, c); err != nil {
		return err
	}
	if err := svc.Start(ctx, c.ID); err != nil {
		return err
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go svc.Run(runCtx)
	t := time.NewTicker(2 * time.Second)
	defer t.Stop()
	var r broadcast.Report
	for {
		r, err = svc.Report(ctx, c.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\r%d/%d sent · %.1f/s · %s   ", r.Done(), r.Total, r.Rate, r.Status)
		if r.Status == broadcast.StatusDone {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	fmt.Fprintln(stdout)
	ok, limited, dups, chats := 0, 0, 0, map[int64]int{}
	for _, call := range srv.Calls("sendMessage") {
		switch {
		case call.OK():
			ok++
			chats[call.ChatID]++
			if chats[call.ChatID] > 1 {
				dups++
			}
		case call.Code == 429:
			limited++
		}
	}
	secs := r.Finished.Sub(r.Started).Seconds()
	achieved := float64(r.Sent) / secs
	fmt.Fprintf(stdout, "sent %d of %d in %.1fs: %.1f msg/s = %.1f%% of the allowed %.0f msg/s\n", r.Sent, *contacts, secs, achieved, 100*achieved / *rate, *rate)
	fmt.Fprintf(stdout, "429 answers: %d; duplicates: %d; chats reached: %d; failed: %v\n", limited, dups, len(chats), r.Failed)
	if ok != *contacts || dups != 0 {
		return fmt.Errorf("bench broadcast: %d delivered with %d duplicates, want %d once each", ok, dups, *contacts)
	}
	return nil
}

func benchSubscribe(ctx context.Context, svc *broadcast.Service, n int) error {
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for w := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 32 {
				err := svc.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: strconv.Itoa(1_000_000 + i)}, bot.Subscribed{
					Topic: "jobs", On: true, Lang: []string{"it", "en", "ar"}[i%3]})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}
