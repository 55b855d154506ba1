package dispatch

import (
	"context"
	"time"

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

// StepJanitor makes d's janitor pass when the test says, not every half
// lease: each call of pass lets its loop run one pass (the pass at Run's
// start runs on its own) and returns once that pass is done, or false if
// the janitor did not come to it within patience (it was stopped). A test
// counts passes, which the bounds of the sweep are made of, rather than
// half leases of a machine whose load stretches them. Call it before Run.
func (d *Dispatcher) StepJanitor(patience time.Duration) (pass func() bool) {
	ticks := make(chan chan struct{})
	var passing chan struct{} // the janitor's goroutine's alone
	d.janitorWait = func(ctx context.Context, _ time.Duration) bool {
		// Back at the wait: the pass asked for is done.
		if passing != nil {
			close(passing)
			passing = nil
		}
		select {
		case passing = <-ticks:
			return true
		case <-ctx.Done():
			return false
		}
	}
	return func() bool {
		done := make(chan struct{})
		timeout := time.NewTimer(patience)
		defer timeout.Stop()
		select {
		case ticks <- done:
		case <-timeout.C:
			return false
		}
		select {
		case <-done:
			return true
		case <-timeout.C:
			return false
		}
	}
}
