package storetest

import (
	"context"
	"sync/atomic"

	"github.com/redis/go-redis/v9"
)

// Trips is a go-redis hook that counts a client's round trips and its
// WAITs, leaving out new connections' handshakes and the background look
// at the replicas (INFO): what the tests of a replica wait count to show
// that the wait rides in the round trip it follows.
type Trips struct{ N, Waits atomic.Int64 }

// DialHook leaves dialling as it is.
func (w *Trips) DialHook(next redis.DialHook) redis.DialHook { return next }

// ProcessHook counts a command as a round trip (a WAIT as one too).
func (w *Trips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		switch cmd.Name() {
		case "info", "hello":
		case "wait":
			w.Waits.Add(1)
			w.N.Add(1)
		default:
			w.N.Add(1)
		}
		return next(ctx, cmd)
	}
}

// ProcessPipelineHook counts a pipeline as one round trip, unless it is a
// new connection's handshake.
func (w *Trips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		handshake := len(cmds) > 0
		for _, c := range cmds {
			switch c.Name() {
			case "hello", "select", "client", "auth", "readonly":
			case "wait":
				w.Waits.Add(1)
				handshake = false
			default:
				handshake = false
			}
		}
		if !handshake {
			w.N.Add(1)
		}
		return next(ctx, cmds)
	}
}
