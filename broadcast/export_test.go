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
