package telegram

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
)

// problem is what a failed Bot API call means for the status and for
// retrying.
type problem struct {
	reason   string        // for the status: "token refused (401)"
	refused  bool          // Telegram refused (4xx): retry slowly
	conflict bool          // 409: something else takes this bot's updates
	after    time.Duration // > 0: a 429 asked to wait this long
}

// classify turns an error of a Bot API call into a problem.
func classify(err error) problem {
	switch {
	case errors.Is(err, tgbot.ErrorUnauthorized):
		return problem{reason: "token refused (401)", refused: true}
	case errors.Is(err, tgbot.ErrorNotFound):
		// What the Bot API answers for a token it does not know.
		return problem{reason: "token refused (404)", refused: true}
	case errors.Is(err, tgbot.ErrorConflict):
		return problem{
			reason:  "conflict (409): another program polls this bot's token, or a webhook is set",
			refused: true, conflict: true,
		}
	case errors.Is(err, tgbot.ErrorBadRequest):
		return problem{reason: "request refused (400)", refused: true}
	case errors.Is(err, tgbot.ErrorForbidden):
		return problem{reason: "request refused (403)", refused: true}
	}
	if wait, limited := retryAfter(err); limited {
		return problem{reason: "rate limited (429)", after: wait}
	}
	return problem{reason: "cannot reach the Bot API"}
}

// failing is a run of failed calls to one Bot API method: what is wrong,
// since when, and the wait before the next try. The zero value is "all
// well". It belongs to one loop and is not safe for concurrent use.
type failing struct {
	reason  string
	since   time.Time
	backoff time.Duration // before jitter
	status  string        // what Status reports while it lasts
	// A conflict is reported (conflictStatus) until getUpdates has worked
	// without a 409 for conflictQuiet since cleanSince: another poller
	// between two of its calls, or one backing off, lets some calls
	// through, and the status must not flap with them.
	conflict       bool
	conflictStatus string
	cleanSince     time.Time
}

// fail records err, sets the status ("error: <reason> since <time>,
// retrying every <wait>") and returns how long to wait before the next try.
func (c *Channel) fail(f *failing, method string, err error) time.Duration {
	p := classify(err)
	now := c.now()
	if p.reason != f.reason {
		f.reason, f.since, f.backoff = p.reason, now, 0
	}
	switch {
	case p.after > 0:
		// Telegram said how long; waiting less only earns another 429.
		f.backoff = p.after
	case p.refused:
		f.backoff = grow(f.backoff, c.minRefusedBackoff, c.maxRefusedBackoff)
	default:
		f.backoff = c.nextBackoff(f.backoff)
	}
	f.status = fmt.Sprintf("error: %s since %s, retrying every %s", p.reason, clock(f.since, now), human(f.backoff))
	if p.conflict {
		f.conflict, f.conflictStatus, f.cleanSince = true, f.status, time.Time{}
	}
	c.setStatus(f.status)
	wait := f.backoff
	if p.after == 0 {
		wait = jitter(wait)
	}
	c.log.Warn("telegram: Bot API call failed, retrying", "method", method, "in", wait, "problem", p.reason, "err", err)
	return wait
}

// recovered is called after a call succeeded. It reports whether the
// failure is over; while a recent conflict is still being reported it
// keeps that status and returns false.
func (c *Channel) recovered(f *failing, method string) bool {
	if f.reason == "" && !f.conflict {
		return true
	}
	now := c.now()
	if f.conflict {
		if f.cleanSince.IsZero() {
			f.cleanSince = now
		}
		if now.Sub(f.cleanSince) < c.conflictQuiet {
			c.setStatus(f.conflictStatus)
			return false
		}
	}
	c.log.Info("telegram: Bot API works again", "method", method, "problem", f.reason, "since", f.since)
	*f = failing{}
	return true
}

// clock formats t for a status, with the date when it is not today.
func clock(t, now time.Time) string {
	if y, m, d := t.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return t.Format("15:04 MST")
	}
	return t.Format("2006-01-02 15:04 MST")
}

// human formats a wait for a status: "400ms", "8s", "1m4s", "2m".
func human(d time.Duration) string {
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// jitter spreads d over [d/2, d], so that processes restarted together, or
// a desk's instances after a shared outage, do not retry in step.
func jitter(d time.Duration) time.Duration {
	if d < 2 {
		return d
	}
	return d/2 + rand.N(d/2+1)
}
