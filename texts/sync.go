package texts

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"frontdoor/locales"
)

// Sync keeps a process's catalogue in step with the published texts: it
// hears each publication on the Store's channel and, in case a message
// was missed (a reconnection), compares the publication number every
// Poll.
type Sync struct {
	store *Store
	cat   *locales.Catalog
	poll  time.Duration
	log   *slog.Logger

	mu   sync.Mutex
	seen int64 // the publication the catalogue holds; -1 before the first load
}

// SyncOptions tune a Sync; zero fields take defaults.
type SyncOptions struct {
	// Poll is how often the publication number is compared when no
	// announcement came; default 10s, so a missed one is late by that
	// much at most.
	Poll time.Duration
	Log  *slog.Logger
}

// NewSync keeps cat in step with the texts of st.
func NewSync(st *Store, cat *locales.Catalog, o SyncOptions) *Sync {
	if o.Poll <= 0 {
		o.Poll = 10 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return &Sync{store: st, cat: cat, poll: o.Poll, log: o.Log, seen: -1}
}

// Reload lays the published texts over the catalogue when a publication
// was made since the last load. A published text that no longer passes
// the checks (a new release changed its message) is left out, with a
// warning naming it: people read the shipped text instead.
func (s *Sync) Reload(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.store.Version(ctx)
	if err != nil {
		return err
	}
	if v == s.seen {
		return nil
	}
	v, ts, err := s.store.Published(ctx)
	if err != nil {
		return err
	}
	for _, err := range s.cat.SetLive(ts) {
		s.log.Warn("texts: a published text is left out", "err", err)
	}
	s.seen = v
	s.log.Debug("texts: published texts loaded", "version", v, "texts", len(ts))
	return nil
}

// Run loads the published texts, then follows publications until ctx
// ends.
func (s *Sync) Run(ctx context.Context) error {
	sub := s.store.rdb.Subscribe(ctx, s.store.Channel())
	defer sub.Close()
	// Listen before the first load, so that nothing published between the
	// two is missed.
	if _, err := sub.Receive(ctx); err != nil && ctx.Err() == nil {
		s.log.Warn("texts: subscribing to publications; comparing every poll instead", "err", err)
	}
	if err := s.Reload(ctx); err != nil && ctx.Err() == nil {
		// The next poll tries again; meanwhile people read the shipped texts.
		s.log.Error("texts: loading the published texts", "err", err)
	}
	announced := sub.Channel()
	tick := time.NewTicker(s.poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-announced:
		case <-tick.C:
		}
		if err := s.Reload(ctx); err != nil && ctx.Err() == nil {
			// Redis away: the texts people read stay as they are.
			s.log.Warn("texts: reloading the published texts", "err", err)
		}
	}
}
