package whatsapp

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/types/events"

	"frontdoor/bot"
)

// What Frontdoor does when WhatsApp restricts the number. These are the
// rules the README's WhatsApp section states; keep the two together.
const (
	// rateOverlimitHold is how long nothing is sent after WhatsApp
	// answered a message with 429 (rate-overlimit): the account is
	// sending faster than WhatsApp tolerates, and going on is the way to
	// a ban.
	rateOverlimitHold = 15 * time.Minute
	// reachoutHold is how long a person whose message was refused with
	// 463 (reach-out time-lock) gets nothing more: WhatsApp restricted the
	// account from writing to people, and this pinned whatsmeow does not
	// report when the lock ends.
	reachoutHold = 24 * time.Hour
)

// Server error codes WhatsApp answers a message with (whatsmeow wraps them
// as ErrServerReturnedError followed by the number).
const (
	codeRateOverlimit = 429
	codeReachoutLock  = 463
	codeInvalid       = 479
)

type haltKind int

const (
	haltNone haltKind = iota
	// haltTempBan: events.TemporaryBan, until its end; the next
	// successful connection lifts it.
	haltTempBan
	// haltRate: a 429, for rateOverlimitHold.
	haltRate
	// haltBanned: banned or locked for good; lifted by linking again.
	haltBanned
)

// halt is a restriction of the whole number, kept by the channel.
type halt struct {
	kind   haltKind
	until  time.Time // zero: until a person acts
	reason string
}

// halted returns the restriction in force now, as the error Send gives
// (nil when sending may go on). Checked before anything is sent, so a
// restricted number is not hammered by retries: they end here.
func (c *Channel) halted() *bot.HaltError {
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.halt
	if h.kind == haltNone || (!h.until.IsZero() && !c.now().Before(h.until)) {
		return nil
	}
	return &bot.HaltError{Until: h.until, Reason: h.reason}
}

// setHalt records a restriction; a weaker one does not replace a
// stronger one still in force (a 429 during a ban).
func (c *Channel) setHalt(h halt) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cur := c.halt
	live := cur.kind != haltNone && (cur.until.IsZero() || c.now().Before(cur.until))
	if live && cur.kind > h.kind {
		return
	}
	c.halt = h
}

// liftHalt ends a restriction of kind k (a reconnection after a temporary
// ban, a new link after a ban).
func (c *Channel) liftHalt(kinds ...haltKind) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range kinds {
		if c.halt.kind == k {
			c.halt = halt{}
		}
	}
}

// tempBan is the restriction of an events.TemporaryBan.
func (c *Channel) tempBan(e *events.TemporaryBan) halt {
	h := halt{kind: haltTempBan, reason: "temporarily banned by WhatsApp (" + e.Code.String() + ")"}
	if e.Expire > 0 {
		h.until = c.now().Add(e.Expire)
	}
	return h
}

// serverCode is the error code WhatsApp answered a message with, 0 if err
// is not such an answer.
func serverCode(err error) int {
	if !errors.Is(err, whatsmeow.ErrServerReturnedError) {
		return 0
	}
	s := err.Error()
	i := strings.LastIndex(s, whatsmeow.ErrServerReturnedError.Error())
	if i < 0 {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(s[i+len(whatsmeow.ErrServerReturnedError.Error()):]))
	return n
}

// sendError classifies a failed send of part i of n. None of WhatsApp's
// refusals is retried as a passing fault: 429 holds all sending for a
// while, 463 stops writing to the person, 479 (a message WhatsApp finds
// invalid) would be refused again.
func (c *Channel) sendError(to bot.Contact, i, n int, err error) error {
	where := fmt.Sprintf("whatsapp: send to %s: part %d of %d", to, i+1, n)
	if errors.Is(err, whatsmeow.ErrNotConnected) || errors.Is(err, whatsmeow.ErrNotLoggedIn) {
		// Each part has its id chosen before sending, so the parts
		// that went out are not sent again: nothing is doubled.
		return fmt.Errorf("%s: %w: %w: %w", where, bot.ErrUnavailable, &bot.RetryAfterError{After: notConnectedRetry}, err)
	}
	switch serverCode(err) {
	case codeRateOverlimit:
		h := halt{kind: haltRate, until: c.now().Add(rateOverlimitHold),
			reason: "WhatsApp refused a message as too many too fast (429 rate-overlimit); all sending waits"}
		c.setHalt(h)
		c.log.Error("whatsapp: RATE LIMITED BY WHATSAPP (429); nothing is sent until the hold ends, campaigns stop", "until", h.until)
		return fmt.Errorf("%s: %w: %w", where, &bot.HaltError{Until: h.until, Reason: h.reason}, err)
	case codeReachoutLock:
		until := c.now().Add(reachoutHold)
		c.holdContact(to.ID, until)
		c.noteWarning(fmt.Sprintf("WhatsApp restricts this number from reaching out (463 reach-out time-lock) since %s: campaigns stopped; send less, only to people who wrote", c.now().UTC().Format(time.RFC3339)), until)
		c.log.Error("whatsapp: WhatsApp refused a message with 463 (reach-out time-lock): the number is restricted; campaigns stop and this person gets nothing more for a day", "contact", to.String())
		return fmt.Errorf("%s: %w: %w", where, &bot.HaltError{Until: until, Reason: "WhatsApp restricts this number from reaching out (463 reach-out time-lock)", OnePerson: true}, err)
	case codeInvalid:
		c.log.Error("whatsapp: WhatsApp refused a message as invalid (479); it is not sent again — update Frontdoor if this repeats", "contact", to.String())
		return fmt.Errorf("%s: %w: WhatsApp found the message invalid (479): %w", where, bot.ErrRejected, err)
	}
	return fmt.Errorf("%s: %w", where, err)
}

// holdContact refuses sends to one person until until (after a 463).
func (c *Channel) holdContact(id string, until time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.held == nil {
		c.held = map[string]time.Time{}
	}
	now := c.now()
	for k, t := range c.held {
		if !now.Before(t) {
			delete(c.held, k)
		}
	}
	c.held[id] = until
}

// contactHeld is the hold on one person after a 463, nil if none.
func (c *Channel) contactHeld(id string) *bot.HaltError {
	c.mu.Lock()
	defer c.mu.Unlock()
	until, ok := c.held[id]
	if !ok || !c.now().Before(until) {
		return nil
	}
	return &bot.HaltError{Until: until, Reason: "WhatsApp restricts this number from reaching out (463 reach-out time-lock)", OnePerson: true}
}

// noteWarning adds w to the "connected" status until until.
func (c *Channel) noteWarning(w string, until time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.warning, c.warnUntil = w, until
}
