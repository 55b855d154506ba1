package store

import (
	"context"
	"sync/atomic"

	"github.com/redis/go-redis/v9"
)

// Traffic counts what a client asks of Redis: round trips (one per command
// sent alone, one per pipeline or transaction) and the commands they
// carried. Commands a Lua script runs inside Redis are not seen here; INFO
// commandstats counts those.
type Traffic struct {
	roundTrips atomic.Int64
	commands   atomic.Int64
}

// CountTraffic makes t count every round trip of c.
func CountTraffic(c redis.UniversalClient, t *Traffic) { c.AddHook(trafficHook{t}) }

// RoundTrips is how many round trips the client made.
func (t *Traffic) RoundTrips() int64 { return t.roundTrips.Load() }

// Commands is how many commands those round trips carried (a script call
// is one).
func (t *Traffic) Commands() int64 { return t.commands.Load() }

type trafficHook struct{ t *Traffic }

func (trafficHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h trafficHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.t.roundTrips.Add(1)
		h.t.commands.Add(1)
		return next(ctx, cmd)
	}
}

func (h trafficHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.t.roundTrips.Add(1)
		h.t.commands.Add(int64(len(cmds)))
		return next(ctx, cmds)
	}
}
