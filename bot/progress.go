package bot

import "context"

// Progress is where a Sender keeps how far it got with one reply, so that
// sending the same reply again — a retry after an error, or another
// process after a crash — resumes where the last try stopped instead of
// starting over. A channel that sends a reply as several messages and
// chooses their ids before sending (WhatsApp) saves its ids before the
// first goes out and its progress after each: parts already delivered are
// not sent again, and a part whose send ended without an answer is sent
// again under the same id, which the platform keeps as one message.
//
// What is saved is the Sender's own, opaque to the caller. The dispatcher
// gives each reply it delivers a Progress kept with the reply in the
// contact's outbox (see WithProgress); a Sender called without one keeps
// its progress as it sees fit (in memory).
type Progress interface {
	// Load returns what Save last kept for this reply, nil if nothing.
	Load() []byte
	// Save keeps p for this reply. An error means it could not be kept
	// durably: the Sender must not send what p was to protect, and
	// returns an error wrapping ErrNotSent.
	Save(ctx context.Context, p []byte) error
}

type progressKey struct{}

// WithProgress gives the Send made with the returned context p as the
// reply's Progress.
func WithProgress(ctx context.Context, p Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

// ProgressOf returns the reply's Progress given with WithProgress, nil if
// none.
func ProgressOf(ctx context.Context) Progress {
	p, _ := ctx.Value(progressKey{}).(Progress)
	return p
}
