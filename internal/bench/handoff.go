package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"frontdoor/bot"
	"frontdoor/handoff"
)

// benchHandoff measures claiming: N operators take the next case as fast
// as they can until M waiting cases are all claimed, on a real Redis.
func benchHandoff(ctx context.Context, args []string, stdout io.Writer, getenv func(string) string) error {
	fs := newFlagSet("handoff", stdout, getenv)
	operators := fs.Int("operators", 20, "operators claiming at once")
	cases := fs.Int("cases", 10000, "waiting cases to claim")
	redisOpts := fs.redis()
	if err := fs.parse(args, "operators", "cases"); err != nil {
		return err
	}
	db, keys, done, err := benchRedis(ctx, redisOpts(), *operators+16)
	if err != nil {
		return err
	}
	defer done()

	q := handoff.NewQueueConfig(db.Client, keys, handoff.Config{}, 0, nil)
	fmt.Fprintf(stdout, "handoff: %d operators claiming %d cases, Redis at %s\n", *operators, *cases, redisOpts().Describe())
	for i := range *operators {
		// Half the operators speak every language, the others two: the
		// routing script looks at several per-skill queues.
		langs, areas := []string{"*"}, []string{"*"}
		if i%2 == 1 {
			langs, areas = []string{"ar", "fr"}, []string{"legal", "work"}
		}
		if err := q.SaveOperator(ctx, handoff.Operator{Name: fmt.Sprintf("op%d", i), Languages: langs, Areas: areas, Capacity: *cases}, "bench-password"); err != nil {
			return err
		}
	}
	langs := []string{"ar", "fr", "it", "uk", "bn"}
	areas := []string{"legal", "work", "health", ""}
	start := time.Now()
	for i := range *cases {
		_, _, err := q.Open(ctx, handoff.Case{Contact: bot.Contact{Channel: "bench", ID: fmt.Sprint(i)},
			Lang: langs[i%len(langs)], Area: areas[i%len(areas)], Reason: bot.ReasonAsked, Urgent: i%10 == 0})
		if err != nil {
			return err
		}
	}
	opened := time.Since(start)

	var mu sync.Mutex
	var lat []time.Duration
	claimed := map[string]bool{}
	var firstErr error
	var wg sync.WaitGroup
	start = time.Now()
	for i := range *operators {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			var ids []string
			for {
				t0 := time.Now()
				id, err := q.Next(ctx, fmt.Sprintf("op%d", i))
				if errors.Is(err, handoff.ErrNothing) {
					break
				}
				if err != nil {
					mu.Lock()
					firstErr = firstOf(firstErr, err)
					mu.Unlock()
					break
				}
				mine = append(mine, time.Since(t0))
				ids = append(ids, id)
			}
			mu.Lock()
			lat = append(lat, mine...)
			for _, id := range ids {
				if claimed[id] {
					firstErr = firstOf(firstErr, fmt.Errorf("case %s claimed twice", id))
				}
				claimed[id] = true
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		return firstErr
	}
	// The operators speaking two languages leave the others' cases to the
	// ones speaking all: every case must be claimed, once.
	if len(claimed) != *cases {
		return fmt.Errorf("bench handoff: %d of %d cases claimed", len(claimed), *cases)
	}
	slices.Sort(lat)
	fmt.Fprintf(stdout, "  cases opened        %d in %s (%.0f/s)\n", *cases, opened.Round(time.Millisecond), float64(*cases)/opened.Seconds())
	fmt.Fprintf(stdout, "  cases claimed       %d in %s, each once\n", len(claimed), elapsed.Round(time.Millisecond))
	fmt.Fprintf(stdout, "  throughput          %.0f claims/s\n", float64(len(lat))/elapsed.Seconds())
	fmt.Fprintf(stdout, "  claim latency       p50 %s   p99 %s   max %s\n",
		pct(lat, 50).Round(time.Microsecond), pct(lat, 99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))
	return nil
}

func firstOf(first, err error) error {
	if first != nil {
		return first
	}
	return err
}
