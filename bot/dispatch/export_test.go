package dispatch

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// ScriptHash gives the SHA1 of the dispatcher's scripts by name, by which
// a test finds their commands on the wire.
var ScriptHash = func() map[string]string {
	s := newScripts()
	return map[string]string{"accept": s.accept.Hash(), "claim": s.claim.Hash(), "commit": s.commit.Hash(), "commitDone": s.commitDone.Hash(), "done": s.done.Hash(), "enqueue": s.enqueue.Hash(), "count": s.count.Hash()}
}()

// LoadScripts makes the dispatcher's scripts known to the server, so that
// each runs as one EVALSHA.
func LoadScripts(ctx context.Context, rdb redis.Scripter) error {
	s := newScripts()
	for _, sc := range []*redis.Script{s.accept, s.claim, s.commit, s.commitDone, s.done, s.enqueue, s.count} {
		if err := sc.Load(ctx, rdb).Err(); err != nil {
			return err
		}
	}
	return nil
}

// MaxWaiting is how many replies an outbox that cannot be delivered keeps.
const MaxWaiting = maxWaiting

// Holds tells how many workers are busy (the pumps waiting for a signal
// hold one each) and how many claimed contacts wait for one, for a test
// that must start from a known number of free workers.
func (d *Dispatcher) Holds() (busy, waiting int) { return len(d.slots), len(d.waiting) }
