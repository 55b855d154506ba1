package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// slotGuard fails the test on any answer saying an operation spanned hash
// slots: CROSSSLOT (from the server, or from go-redis for a transaction
// over several slots) and a script reaching a key of another slot or node
// than the keys it declared. On a Cluster these are the errors a
// single-node run never shows, and code that only logs a failed write
// would otherwise let the test pass.
type slotGuard struct{ tb testing.TB }

// slotErrors are the words of those answers: go-redis' and the server's
// CROSSSLOT, and Redis 7's refusals of a script's undeclared keys.
var slotErrors = []string{"CROSSSLOT", "non local key", "do not hash to the same slot"}

// GuardSlots makes every command c runs fail tb when its answer is one of
// slotErrors. RedisAt and Client install it on every Cluster client, so
// every test run against a Cluster checks that each multi-key operation
// stays in one slot; a test that builds a client of its own may install
// it too.
func GuardSlots(tb testing.TB, c redis.UniversalClient) {
	c.AddHook(slotGuard{tb})
}

func (slotGuard) DialHook(next redis.DialHook) redis.DialHook { return next }

func (g slotGuard) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		g.check(err, cmd)
		return err
	}
}

func (g slotGuard) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		// A transaction over several slots fails every command in it:
		// one failure says it.
		for _, c := range cmds {
			if g.check(c.Err(), c) {
				break
			}
		}
		return err
	}
}

// check fails the test when err is a slot error, and says whether it was.
func (g slotGuard) check(err error, cmd redis.Cmder) bool {
	if err == nil {
		return false
	}
	for _, w := range slotErrors {
		if strings.Contains(err.Error(), w) {
			g.tb.Errorf("an operation over several hash slots, which a Cluster refuses: %v (%v)", err, cmd.Args()[:min(3, len(cmd.Args()))])
			return true
		}
	}
	return false
}
