package broadcast

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
)

// easeFactor is the part of a channel's campaign rate used while it
// eases back after a halt (Config.EaseAfterHalt): WhatsApp lifts a
// temporary ban on probation, and a campaign resuming at full speed with
// the same text to many people is what its ban codes 101 and 104 name.
const easeFactor = 0.25

// halt stops a campaign after the platform restricted the sending account
// itself (bot.HaltError: WhatsApp's temporary ban, rate-overlimit,
// reach-out time-lock). The recipient goes back to the queue, untried (the
// platform took nothing); the campaign is paused with the reason shown to
// the coordinator and waits for a person to resume it; the channel is held
// for every process until the platform's end of the restriction, and
// eases back in at a quarter of the rate for EaseAfterHalt after it.
func (s *Service) halt(ctx context.Context, id, channel string, to bot.Contact, lang string, attempts int, h *bot.HaltError) {
	meta, rk := s.ckey(id, "meta"), s.ckey(id, "r")
	ck := to.Key()
	item := ck + "|" + lang + "|" + strconv.Itoa(attempts)
	if _, err := s.sc.requeue.Run(ctx, s.rdb, []string{meta, rk, s.ckey(id, "q:"+channel), s.ckey(id, "flight")}, ck, item, "head").Result(); err != nil {
		s.log.Error("broadcast: requeueing after a halt", "campaign", id, "contact", to.String(), "err", err)
	}
	now := s.clock()
	why := fmt.Sprintf("%s stopped sending: %s", channel, h.Reason)
	if !h.Until.IsZero() {
		why += "; it lifts the restriction at " + h.Until.UTC().Format("2006-01-02 15:04 MST")
		if d := h.Until.Sub(now); d > 0 {
			s.pause(ctx, channel, d, PauseRestricted)
		}
		easeEnd := h.Until.Add(time.Duration(s.cfg.EaseAfterHalt))
		if err := s.rdb.Set(ctx, s.easeKey(channel), easeEnd.UnixMilli(), easeEnd.Sub(now)+time.Minute).Err(); err != nil {
			s.log.Warn("broadcast: recording the easing after a halt", "channel", channel, "err", err)
		}
	}
	if err := s.rdb.HSet(ctx, meta, "halted", why, "halted_at", now.Unix()).Err(); err != nil {
		s.log.Error("broadcast: recording why a campaign stopped", "campaign", id, "err", err)
	}
	if err := s.move(ctx, id, StatusPaused, StatusSending); err != nil && !errors.Is(err, ErrState) {
		s.log.Error("broadcast: pausing a halted campaign", "campaign", id, "err", err)
	}
	s.log.Error("broadcast: campaign stopped by the platform; a person must resume it", "campaign", id, "channel", channel, "reason", h.Reason, "until", h.Until)
}

func (s *Service) easeKey(channel string) string { return s.keys.Global("bc:ease:" + channel) }

// easeUntil is when the channel stops easing back after a halt (zero if
// it is not easing).
func (s *Service) easeUntil(ctx context.Context, channel string) time.Time {
	ms, err := s.rdb.Get(ctx, s.easeKey(channel)).Int64()
	if err != nil {
		if !errors.Is(err, redis.Nil) && ctx.Err() == nil {
			s.log.Warn("broadcast: reading the easing after a halt", "channel", channel, "err", err)
		}
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

// easeGap is the wait before each token while the channel eases back
// after a halt, so that campaigns send at easeFactor of the rate. The
// bucket refills meanwhile, so the wait is the whole interval.
func (s *Service) easeGap(channel string) time.Duration {
	r := s.rate(channel)
	if r <= 0 {
		return 0
	}
	return time.Duration(float64(time.Second) / (r * easeFactor))
}

// overDailyCap counts one more campaign message of channel today (the
// desk's calendar day on the clock) and reports whether that goes over
// Config.DailyCaps; then it holds the channel until the next day.
func (s *Service) overDailyCap(ctx context.Context, channel string) (bool, error) {
	limit := s.cfg.DailyCaps[channel]
	if limit <= 0 {
		return false, nil
	}
	now := s.clock()
	key := s.keys.Global("bc:day:" + channel + ":" + now.Format("2006-01-02"))
	// The count and its expiry in one step: a count left without one
	// would stay in Redis for good.
	tx := s.rdb.TxPipeline()
	incr := tx.Incr(ctx, key)
	tx.Expire(ctx, key, 48*time.Hour)
	if _, err := tx.Exec(ctx); err != nil {
		return false, wrap("counting the day's messages", err)
	}
	n := incr.Val()
	if n <= int64(limit) {
		return false, nil
	}
	if err := s.rdb.Decr(ctx, key).Err(); err != nil {
		// The day's count stays one over: that day ends a message short.
		s.log.Warn("broadcast: uncounting a message over the daily cap", "channel", channel, "err", err)
	}
	y, m, d := now.Date()
	next := time.Date(y, m, d+1, 0, 0, 0, 0, now.Location())
	s.pause(ctx, channel, next.Sub(now), PauseDailyCap)
	s.log.Warn("broadcast: daily cap reached; the channel's campaigns wait for tomorrow", "channel", channel, "cap", limit)
	return true, nil
}
