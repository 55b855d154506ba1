// Package bench holds Frontdoor's benchmarks: the message pipeline, claiming
// handoff cases, booking under contention, campaign pacing, and Telegram end
// to end beside a bare go-telegram/bot bot. They need fakes (a Bot API, a
// null channel) that the server must not link: the frontdoor command runs
// them only when built with the bench tag (go run -tags bench ./cmd/frontdoor
// bench ...).
package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// Usage lists the benchmarks.
const Usage = `Usage (a binary built with -tags bench):
  frontdoor bench pipeline [flags]    measure the message pipeline (needs a Redis)
  frontdoor bench handoff [flags]     measure claiming cases (needs a Redis)
  frontdoor bench booking [flags]     measure booking under contention (needs a Redis)
  frontdoor bench broadcast [flags]   measure campaign pacing against a fake Telegram
  frontdoor bench telegram [flags]    Telegram end to end beside a bare go-telegram/bot bot
  frontdoor bench webchat [flags]     the browser chat end to end beside a bare Go HTTP chat server
`

// Env is what a benchmark is given of its surroundings.
type Env struct {
	Stdout io.Writer
	Getenv func(string) string
	// Self is the frontdoor executable, which bench telegram runs as
	// "serve" and as the bare bot.
	Self string
}

// ErrUnknown is a benchmark that does not exist.
var ErrUnknown = errors.New("unknown benchmark")

// Run runs the benchmark args[0] with the rest of args as its flags.
func Run(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 {
		fmt.Fprint(env.Stdout, Usage)
		return fmt.Errorf("bench: %w: name one", ErrUnknown)
	}
	rest := args[1:]
	switch args[0] {
	case "pipeline":
		return benchPipeline(ctx, rest, env.Stdout, env.Getenv)
	case "handoff":
		return benchHandoff(ctx, rest, env.Stdout, env.Getenv)
	case "booking":
		return benchBooking(ctx, rest, env.Stdout, env.Getenv)
	case "broadcast":
		return benchBroadcast(ctx, rest, env.Stdout, env.Getenv)
	case "telegram":
		return benchTelegram(ctx, rest, env)
	case "webchat":
		return benchWebchat(ctx, rest, env)
	case peerCommand:
		return runPeer(ctx, rest)
	case webchatPeerCommand:
		return runWebchatPeer(ctx, rest)
	}
	return fmt.Errorf("bench: %w %q", ErrUnknown, args[0])
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// benchRedis opens the Redis a bench measures against and a throw-away key
// prefix; done closes it and removes every key written under the prefix,
// on every master of a Cluster.
func benchRedis(ctx context.Context, o store.Options, pool int) (db *store.DB, keys store.Keys, done func(), err error) {
	o.PoolSize = pool
	db, err = store.Open(ctx, o, discardLogger())
	if err != nil {
		return nil, store.Keys{}, nil, err
	}
	b := make([]byte, 4)
	rand.Read(b)
	keys = store.NewKeys("fdbench:" + hex.EncodeToString(b) + ":")
	return db, keys, func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		store.DeletePrefix(cctx, db.Client, keys.Prefix())
		db.Close()
	}, nil
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	if i > 0 {
		i--
	}
	return sorted[i].Round(time.Microsecond)
}

// roundTrips measures PING round trips per second with n goroutines on the
// same client, so the pipeline figure has a yardstick from the same run.
func roundTrips(ctx context.Context, rdb redis.UniversalClient, n int, dur time.Duration) float64 {
	var count atomic.Int64
	deadline := time.Now().Add(dur)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				if rdb.Ping(ctx).Err() != nil {
					return
				}
				count.Add(1)
			}
		}()
	}
	wg.Wait()
	return float64(count.Load()) / dur.Seconds()
}
