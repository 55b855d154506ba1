package dispatch

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// ScriptHash gives the SHA1 of the dispatcher's scripts by name, by which
// a test finds their commands on the wire.
var ScriptHash = func() map[string]string {
	s := newScripts()
	return map[string]string{"accept": s.accept.Hash(), "claim": s.claim.Hash(), "commit": s.commit.Hash(), "done": s.done.Hash(), "enqueue": s.enqueue.Hash(), "count": s.count.Hash()}
}()

// LoadScripts makes the dispatcher's scripts known to the server, so that
// each runs as one EVALSHA.
func LoadScripts(ctx context.Context, rdb redis.Scripter) error {
	s := newScripts()
	for _, sc := range []*redis.Script{s.accept, s.claim, s.commit, s.done, s.enqueue, s.count} {
		if err := sc.Load(ctx, rdb).Err(); err != nil {
			return err
		}
	}
	return nil
}

// FreeWorkers is how many worker slots are free now (a pump holds one
// while it waits for a signal).
func (d *Dispatcher) FreeWorkers() int { return cap(d.slots) - len(d.slots) }

// MaxWaiting is how many replies an outbox that cannot be delivered keeps.
const MaxWaiting = maxWaiting
