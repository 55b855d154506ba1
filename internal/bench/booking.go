package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"frontdoor/booking"
	"frontdoor/bot"
	"frontdoor/internal/conf"
	"frontdoor/locales"
)

// benchBooking measures booking under contention: N people (on two
// Service instances, as two processes would be) all try to book every one
// of M one-place slots, each starting at a random slot, until every slot is
// taken (bookings/s is M over that time); then it counts the appointments beyond a slot's capacity, which
// must be 0.
func benchBooking(ctx context.Context, args []string, stdout io.Writer, getenv func(string) string) error {
	fs := newFlagSet("booking", stdout, getenv)
	concurrency := fs.Int("concurrency", 64, "people booking at once")
	slots := fs.Int("slots", 500, "one-place slots to fight over")
	redisOpts := fs.redis()
	if err := fs.parse(args, "concurrency", "slots"); err != nil {
		return err
	}
	if *slots > 20000 {
		return errors.New("bench booking: --slots must be at most 20000")
	}
	db, keys, done, err := benchRedis(ctx, redisOpts(), *concurrency+16)
	if err != nil {
		return err
	}
	defer done()

	cat, err := locales.Load()
	if err != nil {
		return err
	}
	all := map[string][]string{}
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		all[d] = []string{"00:00-24:00"}
	}
	cfg := booking.Config{
		HorizonDays: 366, MinNotice: conf.Duration(time.Minute),
		Desks: []booking.Desk{{ID: "bench", Name: "Bench", Timezone: "Europe/Rome", Hours: all,
			Services: []booking.Offering{{Area: "legal", Duration: conf.Duration(5 * time.Minute), Capacity: 1}}}},
	}
	var svcs []*booking.Service
	for range 2 {
		s, err := booking.New(db.Client, keys, cfg, cat, booking.Options{})
		if err != nil {
			return err
		}
		svcs = append(svcs, s)
	}
	const service = "legal."
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		return err
	}
	var free []time.Time
	for day := time.Now(); len(free) < *slots; day = day.AddDate(0, 0, 1) {
		ts, err := svcs[0].FreeSlots(ctx, "bench", service, day.In(rome).Format(time.DateOnly))
		if err != nil {
			return err
		}
		free = append(free, ts...)
	}
	free = free[:*slots]
	fmt.Fprintf(stdout, "booking: %d people on 2 instances fighting over %d one-place slots, Redis at %s\n", *concurrency, *slots, redisOpts().Describe())

	var mu sync.Mutex
	var lat []time.Duration
	booked, taken := 0, 0
	var firstErr error
	var filled atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for i := range *concurrency {
		wg.Go(func() {
			s := svcs[i%2]
			who := bot.Contact{Channel: "bench", ID: fmt.Sprint(i)}
			var mine []time.Duration
			ok, miss := 0, 0
			off := mrand.IntN(len(free))
			for j := range free {
				if ctx.Err() != nil || filled.Load() >= int64(len(free)) {
					break
				}
				t0 := time.Now()
				_, err := s.Book(ctx, who, "en", "bench", service, free[(off+j)%len(free)])
				mine = append(mine, time.Since(t0))
				switch {
				case err == nil:
					ok++
					filled.Add(1)
				case errors.Is(err, booking.ErrTaken):
					miss++
				default:
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			booked += ok
			taken += miss
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		return firstErr
	}
	n, over, err := svcs[1].Overbooked(ctx, "bench")
	if err != nil {
		return err
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	attempts := booked + taken
	fmt.Fprintf(stdout, "  attempts:        %d in %s (%.0f/s), p50 %s, p99 %s\n", attempts, elapsed.Round(time.Millisecond),
		float64(attempts)/elapsed.Seconds(), pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond))
	fmt.Fprintf(stdout, "  bookings:        %d (%.0f/s), refused as taken: %d\n", booked, float64(booked)/elapsed.Seconds(), taken)
	fmt.Fprintf(stdout, "  appointments stored: %d for %d slots\n", n, len(free))
	fmt.Fprintf(stdout, "  double bookings: %d\n", over)
	if over != 0 || booked != len(free) || n != len(free) {
		return fmt.Errorf("bench booking: %d double bookings, %d bookings and %d stored for %d slots", over, booked, n, len(free))
	}
	return nil
}
