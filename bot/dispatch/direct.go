package dispatch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store"
)

// Direct is the outbound path for what Frontdoor sends on its own and
// at once rather than queued (Outbox): a campaign, which paces its sends
// to the platform's limits and records each recipient's outcome as it
// comes. It is built once from the channels: each send goes to the
// contact's channel through the Guard (nobody who blocked the bot is
// tried) and is counted in the same metrics as the dispatcher's (Out when
// delivered, Undelivered by reason, Errors at the "send" stage), so
// /metrics shows everything that went out. It neither retries nor
// postpones: the caller decides, since after a timeout the platform may
// have delivered the message, and only an error wrapping
// bot.ErrUnavailable or a *bot.RetryAfterError says it took nothing (a
// campaign then pauses the channel and puts the recipient back).
type Direct struct {
	channels map[string]bot.Sender
	metrics  *Metrics
	log      *slog.Logger
}

// NewDirect builds the path over senders, by channel name, guarded with
// rdb's reachability marks. metrics and log may be nil.
func NewDirect(rdb redis.UniversalClient, keys store.Keys, senders map[string]bot.Sender, metrics *Metrics, log *slog.Logger) *Direct {
	if metrics == nil {
		metrics = NewMetrics(nil)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	d := &Direct{channels: map[string]bot.Sender{}, metrics: metrics, log: log}
	for name, s := range senders {
		d.channels[name] = Guard(rdb, keys, s, log)
	}
	return d
}

// Channels are the names of the channels it sends on, sorted: a campaign
// is sent only on these (broadcast.Sender).
func (d *Direct) Channels() []string {
	names := make([]string, 0, len(d.channels))
	for name := range d.channels {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Send implements Sender.
func (d *Direct) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	s := d.channels[to.Channel]
	if s == nil {
		d.metrics.Undelivered.WithLabelValues(to.Channel, string(FailNoChannel)).Inc()
		return fmt.Errorf("send to %s: %w: no channel %q", to, bot.ErrRejected, to.Channel)
	}
	err := s.Send(ctx, to, r)
	switch {
	case err == nil:
		d.metrics.Out.WithLabelValues(to.Channel).Inc()
	case errors.Is(err, bot.ErrUnreachable):
		d.metrics.Undelivered.WithLabelValues(to.Channel, string(FailBlocked)).Inc()
	case errors.Is(err, bot.ErrRejected):
		d.metrics.Errors.WithLabelValues(to.Channel, "send").Inc()
		d.metrics.Undelivered.WithLabelValues(to.Channel, string(FailRejected)).Inc()
	default:
		d.metrics.Errors.WithLabelValues(to.Channel, "send").Inc()
	}
	return err
}
