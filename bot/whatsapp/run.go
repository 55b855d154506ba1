package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"frontdoor/bot"
)

// keepAliveMaxFail is how long keep-alives may fail before Run
// reconnects (whatsmeow's own threshold).
const keepAliveMaxFail = 3 * time.Minute

// signal is what the event handler tells Run about the connection.
type signal struct {
	kind signalKind
	err  error         // sigFatal
	wait time.Duration // sigBanned: how long the ban lasts, 0 if unknown
}

type signalKind int

const (
	sigConnected signalKind = iota
	sigDisconnected
	sigBanned
	sigFatal
	// sigRedeliver: a message could not be recorded. WhatsApp delivers
	// unacknowledged messages again on the next connection, so Run
	// reconnects after wait.
	sigRedeliver
)

// Errors that stop the channel: only a person can fix them. After
// ErrLoggedOut, ErrBanned or ErrLocked the channel waits, unlinked, for a
// phone to be linked again; the others end Run.
var (
	ErrLoggedOut = errors.New("whatsapp: logged out: the phone unlinked this device or WhatsApp ended the session; link again from the operator console (WhatsApp page) or with frontdoor whatsapp link")
	// ErrNotLinked: no device is linked, so nothing can be sent until a
	// person links one: it is a bot.ErrNoSession, which the dispatcher
	// holds replies for. Send wraps it with a *bot.RetryAfterError.
	ErrNotLinked error = &noSessionError{"whatsapp: no linked device; link one from the operator console (WhatsApp page) or with frontdoor whatsapp link"}
	// ErrBanned and ErrLocked: WhatsApp ended the session because it
	// banned the number (reason 406, "BANNED" in WhatsApp Web) or locked
	// the account (403, "LOCKED"). whatsmeow deletes the session as for a
	// logout, but linking again only works once the person has dealt with
	// WhatsApp on the phone.
	ErrBanned      = errors.New("whatsapp: THE NUMBER IS BANNED by WhatsApp; appeal from WhatsApp on the phone, then link again")
	ErrLocked      = errors.New("whatsapp: THE ACCOUNT IS LOCKED by WhatsApp; open WhatsApp on the phone to unlock it, then link again")
	errReplaced    = errors.New("whatsapp: another process connected with the same session (two instances with one device store?)")
	errOutdated    = errors.New("whatsapp: WhatsApp refuses this client version as outdated; update Frontdoor or set whatsapp.web_version")
	errAlreadyRuns = errors.New("whatsapp: Run is already running")
	errNoInbox     = errors.New("whatsapp: Run needs an inbox")
)

// noSessionError is an error that is a bot.ErrNoSession, in its own
// words.
type noSessionError struct{ msg string }

func (e *noSessionError) Error() string        { return e.msg }
func (e *noSessionError) Is(target error) bool { return target == bot.ErrNoSession }

// Run receives messages until ctx is cancelled: it connects, and
// reconnects with backoff after disconnections. While no device is linked
// (from the start, or after the phone logged the desk out) it waits for
// Reload and connects once a device is linked. It returns nil on a clean
// stop, and an error when the session cannot go on and linking again does
// not help (replaced by another process, outdated client); the status then
// says so and the other channels keep running.
func (c *Channel) Run(ctx context.Context, in bot.Inbox) error {
	if in == nil {
		return errNoInbox
	}
	c.mu.Lock()
	if c.running {
		c.mu.Unlock()
		return errAlreadyRuns
	}
	c.running, c.inbox, c.ctx = true, in, ctx
	if c.linked {
		c.status = StatusStarting
	}
	c.mu.Unlock()

	err := c.run(ctx)

	c.mu.Lock()
	c.running, c.inbox, c.ctx = false, nil, nil
	if err == nil {
		c.status = StatusStopped
	}
	c.mu.Unlock()
	if err == nil {
		c.log.Info("whatsapp: stopped")
	}
	return err
}

func (c *Channel) run(ctx context.Context) error {
	for ctx.Err() == nil {
		cli, linked := c.current()
		if !linked {
			c.awaitLink(ctx)
			continue
		}
		var validUntil time.Time
		if c.cfg.Lease != nil {
			var ok bool
			if validUntil, ok = c.awaitLease(ctx); !ok {
				return nil
			}
		}
		lost, err := c.session(ctx, cli, validUntil)
		switch {
		case (err == nil || errors.Is(err, errReplaced)) && lost && ctx.Err() == nil:
			// Another process has the session now: stand by.
			continue
		case err == nil:
			return nil
		case errors.Is(err, errReplaced) && c.cfg.Lease != nil:
			// With a lease a replaced stream is a handover race: the
			// lease decides who connects next.
			c.log.Warn("whatsapp: another process connected the session; standing by")
			continue
		case !relinkable(err):
			return c.fail(fatalStatus(err), err)
		}
		c.unlink(fatalStatus(err), err)
	}
	return nil
}

// session runs connectLoop, holding the lease if there is one (taken
// until validUntil); lost reports whether the lease was lost meanwhile.
func (c *Channel) session(ctx context.Context, cli client, validUntil time.Time) (lost bool, err error) {
	if c.cfg.Lease == nil {
		return false, c.connectLoop(ctx, cli)
	}
	lctx, done := c.holdLease(ctx, validUntil)
	err = c.connectLoop(lctx, cli) // disconnected when it returns
	return done(), err
}

// current returns the client and whether its device is linked.
func (c *Channel) current() (client, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cli, c.linked
}

// awaitLink waits for Reload (or ctx) and then loads the device from the
// store; the caller looks at the result. The waiting client is not
// connected, so replacing it keeps to one client at a time.
func (c *Channel) awaitLink(ctx context.Context) {
	select {
	case <-ctx.Done():
		return
	case <-c.reload:
	}
	if err := c.reloadDevice(ctx); err != nil {
		c.log.Error("whatsapp: loading the linked device failed; link again", "err", err)
		return
	}
	if c.Linked() {
		c.log.Info("whatsapp: a device was linked; connecting")
		return
	}
	c.log.Warn("whatsapp: asked to reload, but the store holds no linked device")
}

// relinkable reports whether linking a phone again can end err: the
// session was deleted (logged out, banned, locked), not taken over.
func relinkable(err error) bool {
	return errors.Is(err, ErrLoggedOut) || errors.Is(err, ErrBanned) || errors.Is(err, ErrLocked)
}

// unlink puts the channel into the unlinked state after the session
// ended, with status saying why, and logs it loudly. The client is
// disconnected already.
func (c *Channel) unlink(status string, err error) {
	// A reload asked before now cannot be for a link made after the
	// logout; acting on it could load the dead session before whatsmeow
	// has deleted it.
	select {
	case <-c.reload:
	default:
	}
	c.mu.Lock()
	c.linked, c.status = false, status
	c.mu.Unlock()
	if errors.Is(err, ErrBanned) || errors.Is(err, ErrLocked) {
		// Sending stops, campaigns too, until a person deals with
		// WhatsApp and links again.
		c.setHalt(halt{kind: haltBanned, reason: strings.TrimPrefix(status, "error: ")})
	}
	c.log.Error("whatsapp: channel paused until a phone is linked again: "+err.Error(), "status", status)
}

// connectLoop connects cli and keeps it connected until ctx is cancelled
// (it returns nil) or the session ends (it returns why). It leaves cli
// disconnected.
func (c *Channel) connectLoop(ctx context.Context, cli client) error {
	defer cli.Disconnect()
	var backoff time.Duration
	for ctx.Err() == nil {
		c.drainSignals()
		if err := cli.ConnectContext(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			backoff = c.nextBackoff(backoff)
			c.setStatus("error: cannot connect to WhatsApp, retrying")
			c.log.Warn("whatsapp: connect failed, retrying", "in", backoff, "err", err)
			if c.wait(ctx, backoff) != nil {
				return nil
			}
			continue
		}
		pause, err := c.watch(ctx, cli, &backoff)
		cli.Disconnect()
		if err != nil || ctx.Err() != nil {
			return err
		}
		c.log.Warn("whatsapp: disconnected, reconnecting", "in", pause)
		if c.wait(ctx, pause) != nil {
			return nil
		}
	}
	return nil
}

// watch follows one connection until it ends. It returns how long to wait
// before the next attempt, or the error that ends the session.
func (c *Channel) watch(ctx context.Context, cli client, backoff *time.Duration) (time.Duration, error) {
	for {
		select {
		case <-ctx.Done():
			return 0, nil
		case s := <-c.signals:
			switch s.kind {
			case sigConnected:
				*backoff = 0
				// WhatsApp let the session in: a temporary ban is over.
				c.liftHalt(haltTempBan)
				c.setStatus(StatusConnected)
				c.log.Info("whatsapp: connected")
				// Offline, as mautrix-whatsapp does: a linked device
				// that stays "available" makes WhatsApp stop the
				// phone's notifications and shows the desk online all
				// day (whatsmeow issues 262 and 605). Send goes online
				// only while it types. This also gives the server the
				// account's name. Best effort: it fails until the phone
				// has synced that name, right after linking.
				if err := cli.SendPresence(ctx, types.PresenceUnavailable); err != nil {
					c.log.Debug("whatsapp: presence unavailable failed", "err", err)
				}
			case sigDisconnected:
				*backoff = c.nextBackoff(*backoff)
				c.setStatus("error: disconnected from WhatsApp, reconnecting")
				return *backoff, nil
			case sigBanned:
				wait := s.wait
				if wait <= 0 {
					wait = c.maxBackoff
				}
				end := "its end is unknown, trying again in " + wait.Round(time.Second).String()
				if s.wait > 0 {
					end = "until " + c.now().Add(wait).UTC().Format(time.RFC3339)
				}
				c.setStatus(fmt.Sprintf("error: temporarily banned by WhatsApp (%v), %s — campaigns stopped; once it ends send less, only to people who wrote first", s.err, end))
				c.log.Error("whatsapp: THE NUMBER IS TEMPORARILY BANNED by WhatsApp; sending and campaigns stop until the ban ends", "retry_in", wait, "reason", s.err)
				return wait, nil
			case sigRedeliver:
				c.setStatus("error: cannot record messages, reconnecting to receive them again")
				return s.wait, nil
			case sigFatal:
				return 0, s.err
			}
		}
	}
}

// fatalStatus is the status for an error that ends the session.
func fatalStatus(err error) string {
	switch {
	case errors.Is(err, ErrBanned):
		return StatusBanned
	case errors.Is(err, ErrLocked):
		return StatusLocked
	case errors.Is(err, ErrLoggedOut):
		return StatusLoggedOut
	}
	return "error: " + strings.TrimPrefix(err.Error(), "whatsapp: ")
}

// loggedOutError tells a ban or a locked account from an ordinary logout:
// whatsmeow reports all three as LoggedOut, but only the last is fixed by
// linking again.
func loggedOutError(reason events.ConnectFailureReason) error {
	switch reason {
	case events.ConnectFailureUnknownLogout:
		return fmt.Errorf("%w (%s)", ErrBanned, reason)
	case events.ConnectFailureMainDeviceGone:
		return fmt.Errorf("%w (%s)", ErrLocked, reason)
	}
	return fmt.Errorf("%w (%s)", ErrLoggedOut, reason)
}

// fail records status and logs err loudly; it returns err.
func (c *Channel) fail(status string, err error) error {
	c.setStatus(status)
	c.log.Error("whatsapp: channel stopped: "+err.Error(), "status", status)
	return err
}

func (c *Channel) drainSignals() {
	for {
		select {
		case <-c.signals:
		default:
			return
		}
	}
}

// notify passes a signal to Run without ever blocking the event handler;
// a full queue means Run has plenty to act on already, except for fatal
// signals, which replace what is queued.
func (c *Channel) notify(s signal) {
	select {
	case c.signals <- s:
		return
	default:
	}
	if s.kind != sigFatal {
		return
	}
	c.drainSignals()
	select {
	case c.signals <- s:
	default:
	}
}

// handleEvent is the one whatsmeow event handler. Its result tells
// whatsmeow whether to acknowledge a message: false leaves it with
// WhatsApp, which delivers it again.
func (c *Channel) handleEvent(evt any) bool {
	switch e := evt.(type) {
	case *events.Message:
		return c.onMessage(e)
	case *events.Connected:
		c.notify(signal{kind: sigConnected})
	case *events.Disconnected:
		c.notify(signal{kind: sigDisconnected})
	case *events.ConnectFailure:
		c.log.Warn("whatsapp: connection refused", "reason", e.Reason.String())
		c.notify(signal{kind: sigDisconnected})
	case *events.StreamError:
		// A stream error the library does not know; when the server
		// closes the socket after it, Disconnected follows.
		c.log.Warn("whatsapp: stream error", "code", e.Code)
	case *events.KeepAliveTimeout:
		// whatsmeow only forces a reconnect itself with its own
		// auto-reconnect, which Run replaces.
		if c.now().Sub(e.LastSuccess) > keepAliveMaxFail {
			c.log.Warn("whatsapp: keep-alives failing, reconnecting", "errors", e.ErrorCount)
			c.notify(signal{kind: sigDisconnected})
		}
	case *events.LoggedOut:
		c.notify(signal{kind: sigFatal, err: loggedOutError(e.Reason)})
	case *events.StreamReplaced:
		c.notify(signal{kind: sigFatal, err: errReplaced})
	case *events.ClientOutdated:
		c.notify(signal{kind: sigFatal, err: errOutdated})
	case *events.TemporaryBan:
		// Send refuses at once from now on (a *bot.HaltError, which
		// stops campaigns), instead of "not connected, retry in 5 s".
		c.setHalt(c.tempBan(e))
		c.notify(signal{kind: sigBanned, wait: e.Expire, err: errors.New(e.Code.String())})
	case *events.OfflineSyncPreview:
		// What came while the device was offline follows, in order; each
		// message older than AnswerWithin is marked late as it comes.
		c.log.Info("whatsapp: receiving what came while offline", "messages", e.Messages, "total", e.Total)
	case *events.OfflineSyncCompleted:
		c.log.Info("whatsapp: received what came while offline", "count", e.Count)
	case *events.HistorySync:
		c.onHistory(e)
	case *events.MediaRetry:
		c.onMediaRetry(e)
	case *events.UndecryptableMessage:
		c.log.Warn("whatsapp: a message could not be decrypted", "contact", bot.Contact{Channel: channelName, ID: e.Info.Sender.ToNonAD().String()}.String())
	}
	return true
}

// onMessage records a message: first that the person wrote (the bot may
// answer them), then the message itself; only then is it acknowledged. It
// is marked read when the reply goes out.
func (c *Channel) onMessage(evt *events.Message) bool {
	c.mu.Lock()
	in, runCtx := c.inbox, c.ctx
	c.mu.Unlock()
	if in == nil {
		// Not running: leave the message with WhatsApp for later.
		return false
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(runCtx), acceptTimeout)
	defer cancel()
	if who, err := c.record(ctx, in, evt); err != nil {
		c.log.Error("whatsapp: recording a message failed; WhatsApp will deliver it again", "contact", who.String(), "err", err)
		c.recordFailed()
		return false
	}
	c.mu.Lock()
	c.failBackoff = 0
	c.mu.Unlock()
	return true
}

// record files one message in the inbox: first that the person wrote
// (the bot may answer them), then the message, marked Late when it is
// older than AnswerWithin (it waited while the desk was offline). It
// returns the contact, for the log, and an error when it could not.
// Messages Frontdoor does not answer are left out without an error.
func (c *Channel) record(ctx context.Context, in bot.Inbox, evt *events.Message) (bot.Contact, error) {
	if t, known := disappearing(evt); known {
		if key, err := c.recordedKey(ctx, evt.Info.MessageSource, identify(ctx, evt.Info.MessageSource, c.lids).key().String()); err == nil {
			c.noteTimer(key, t)
		}
	}
	msg, why, ok := toMessage(ctx, evt, c.lids)
	if !ok {
		c.log.Debug("whatsapp: message ignored", "why", why)
		return msg.Contact, nil
	}
	id, err := c.recordedKey(ctx, evt.Info.MessageSource, msg.Contact.ID)
	if err != nil {
		return msg.Contact, fmt.Errorf("looking up contact failed: %w", err)
	}
	msg.Contact.ID = id
	// A deletion is no message to the desk: it neither lets the bot
	// write nor keeps the person's record longer.
	if msg.Revokes == "" {
		if err := c.who.Mark(ctx, msg.Contact.ID, c.now()); err != nil {
			return msg.Contact, fmt.Errorf("recording contact failed: %w", err)
		}
	}
	if age := c.now().Sub(msg.Time); age > time.Duration(c.cfg.AnswerWithin) && msg.Revokes == "" {
		msg.Late = true
		c.log.Info("whatsapp: a message came late; it gets the line that the desk is back", "contact", msg.Contact.String(), "age", age.Round(time.Minute))
	}
	if _, err := in.Accept(ctx, msg); err != nil {
		return msg.Contact, fmt.Errorf("recording message failed: %w", err)
	}
	// Blue ticks come with the answer (Send), once the message is
	// handled, not now that it is only recorded. A deletion is not read.
	if msg.Revokes == "" {
		c.noteUnread(msg.Contact.ID, evt.Info, c.now())
	}
	return msg.Contact, nil
}

// recordedKey returns the key to file a message under: key (the LID when
// known), unless the person is already recorded under their phone number
// and not under the LID. That happens when their first message came by
// number before WhatsApp revealed the LID, or before Frontdoor keyed
// contacts by LID; switching keys would split their conversation and
// their "wrote first" record.
func (c *Channel) recordedKey(ctx context.Context, src types.MessageSource, key string) (string, error) {
	s := identify(ctx, src, c.lids)
	if s.lid.User == "" || s.pn.User == "" || key != s.lid.String() {
		return key, nil
	}
	byLID, err := c.who.Wrote(ctx, key)
	if err != nil || byLID {
		return key, err
	}
	pn := s.pn.String()
	byPN, err := c.who.Wrote(ctx, pn)
	if err != nil {
		return key, err
	}
	if byPN {
		return pn, nil
	}
	return key, nil
}

// recordFailed asks Run to reconnect, so that WhatsApp delivers the
// unacknowledged message again, after a wait that grows while recording
// keeps failing (Redis down): reconnecting at once would only fail again.
func (c *Channel) recordFailed() {
	c.mu.Lock()
	c.failBackoff = c.nextBackoff(c.failBackoff)
	wait := c.failBackoff
	c.mu.Unlock()
	c.notify(signal{kind: sigRedeliver, wait: wait})
}
