package broadcast

import (
	"context"
	"time"
)

// The pacer's steps, for the tests to drive one at a time in simulated
// time (Options.Pacing). Only compiled into the tests.

// TakeToken waits for a token of channel's bucket, as the pacer does.
func (s *Service) TakeToken(ctx context.Context, channel string) (bool, error) {
	return s.take(ctx, channel)
}

// PauseChannel does to channel what a 429 asking to retry after d does.
func (s *Service) PauseChannel(ctx context.Context, channel string, d time.Duration) {
	s.pause(ctx, channel, d, PauseRateLimited)
}

// WaitPause is what a worker holding a token does before it sends.
func (s *Service) WaitPause(ctx context.Context, channel string) bool {
	return s.waitPause(ctx, channel)
}

// Polls is how many rounds Run has made.
func (s *Service) Polls() int64 { return s.polls.Load() }

// AbandonClaim takes the next recipient of a campaign's channel as a
// worker does, as if at time at, and never records its send: what a
// process that died with a send under way leaves behind.
func (s *Service) AbandonClaim(ctx context.Context, id, channel string, at time.Time) (string, error) {
	keys := []string{s.ckey(id, "meta"), s.ckey(id, "q:"+channel), s.ckey(id, "r"), s.ckey(id, "flight")}
	return s.sc.claim.Run(ctx, s.rdb, keys, at.UnixMilli()).Text()
}

// MarkRefusing notes that campaign id waits on channel only for
// recipients the platform keeps refusing, as givenUp does.
func (s *Service) MarkRefusing(ctx context.Context, id, channel string) {
	s.refusing(ctx, id, channel)
}
