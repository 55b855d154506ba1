package dispatch

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
)

// MemoryUsage is the memory Redis holds for the dispatcher's keys of c
// (MEMORY USAGE, summed): its state, the ids kept for deduplication, and
// whatever is waiting in its inbox and outbox or holds its lock.
func (d *Dispatcher) MemoryUsage(ctx context.Context, c bot.Contact) (int64, error) {
	var total int64
	for _, name := range []string{"ct", "seen", "in", "out", "lock"} {
		n, err := d.rdb.MemoryUsage(ctx, d.contactKey(c, name), 0).Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("memory usage of %s: %w", c, err)
		}
		total += n
	}
	return total, nil
}
