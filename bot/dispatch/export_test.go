package dispatch

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// CommitHash is the SHA1 of the commit script, by which a test finds its
// command on the wire.
var CommitHash = newScripts().commit.Hash()

// LoadCommit makes the commit script known to the server, so that it runs
// as one EVALSHA.
func LoadCommit(ctx context.Context, rdb redis.Scripter) error {
	return newScripts().commit.Load(ctx, rdb).Err()
}
