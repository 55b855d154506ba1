package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mau.fi/whatsmeow/types"

	"frontdoor/bot"
)

// keep records the ids of messages sent to the person, for Retract.
// Failing loses only the chance to revoke them later, so it is logged.
func (c *Channel) keep(ctx context.Context, to bot.Contact, ids ...string) {
	if c.cfg.Trail == nil || len(ids) == 0 {
		return
	}
	kctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := c.cfg.Trail.Add(kctx, to, ids...); err != nil {
		c.log.Warn("whatsapp: remembering message ids", "contact", to.String(), "err", err)
	}
}

// Retract implements bot.Retractor: it revokes ("delete for everyone") the
// messages the bot sent to the person, paced like any message. WhatsApp
// lets a sender revoke only its own messages, for about two days; the
// person's own messages stay on their phone, which the reply that follows
// cannot claim otherwise.
func (c *Channel) Retract(ctx context.Context, to bot.Contact) error {
	if c.cfg.Trail == nil || to.Channel != channelName {
		return nil
	}
	jid, err := types.ParseJID(to.ID)
	if err != nil || jid.User == "" {
		return fmt.Errorf("whatsapp: retract %s: not a person's WhatsApp id", to)
	}
	// Checked before the ids are taken: taken and then refused, they
	// would be lost, and the phone would keep the conversation. A
	// restricted number is not sent revokes either (they are messages
	// too); the errors are Send's, which the dispatcher waits on.
	if h := c.halted(); h != nil {
		return fmt.Errorf("whatsapp: retract %s: %w", to, h)
	}
	cli, linked := c.current()
	if !linked {
		return fmt.Errorf("whatsapp: retract %s: %w: %w: %w", to, bot.ErrUnavailable, ErrNotLinked, &bot.RetryAfterError{After: unlinkedRetry})
	}
	if !cli.IsLoggedIn() {
		return fmt.Errorf("whatsapp: retract %s: %w: not connected: %w", to, bot.ErrUnavailable, &bot.RetryAfterError{After: notConnectedRetry})
	}
	ids, err := c.cfg.Trail.Take(ctx, to)
	if err != nil {
		return fmt.Errorf("whatsapp: retract %s: %w", to, err)
	}
	chat := c.chatOf(ctx, jid)
	var errs []error
	for i, id := range ids {
		if err := c.pace.wait(ctx, to.ID, c.now, c.wait); err != nil {
			c.keep(ctx, to, ids[i:]...)
			return fmt.Errorf("whatsapp: retract %s: %w", to, err)
		}
		_, err := cli.SendMessage(ctx, chat, cli.BuildRevoke(chat, types.EmptyJID, id))
		if err == nil {
			continue
		}
		err = c.sendError(to, i, len(ids), fmt.Errorf("revoke: %w", err))
		if channelRefuses(err) {
			// The rest waits for the channel, with this one: back in
			// the Trail for the retraction's next try.
			c.keep(ctx, to, ids[i:]...)
			return fmt.Errorf("whatsapp: retract %s: %d of %d not revoked yet: %w", to, len(ids)-i, len(ids), err)
		}
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("whatsapp: retract %s: %d of %d not revoked: %w", to, len(errs), len(ids), err)
	}
	return nil
}

// channelRefuses reports whether a send's error (sendError) says the
// channel takes nothing for now, rather than refusing this one message.
func channelRefuses(err error) bool {
	var he *bot.HaltError
	var ra *bot.RetryAfterError
	return errors.As(err, &he) || errors.As(err, &ra) || errors.Is(err, bot.ErrUnavailable)
}

// chatOf is the chat the bot's messages to jid are in. Since WhatsApp's
// LID migration whatsmeow delivers a message addressed to a phone number
// into the person's LID chat (send.go), so a contact still recorded by
// number has its messages there; a revoke naming the number's chat would
// miss them.
func (c *Channel) chatOf(ctx context.Context, jid types.JID) types.JID {
	if jid.Server != types.DefaultUserServer || c.lids == nil {
		return jid
	}
	lid, err := c.lids.GetLIDForPN(ctx, jid)
	if err != nil || lid.IsEmpty() {
		return jid
	}
	return lid
}

// serve hands the dispatcher the channel itself, which finds Unsend by
// this interface.
var _ bot.Unsender = (*Channel)(nil)

// Unsend implements bot.Unsender: it revokes ("delete for everyone") the
// bot's messages of these ids, an operator's reply deleted in the
// console, paced like any message. A restricted or unlinked number waits
// like a send (bot.HaltError, bot.RetryAfterError).
func (c *Channel) Unsend(ctx context.Context, to bot.Contact, ids []string) error {
	if to.Channel != channelName {
		return fmt.Errorf("whatsapp: unsend to %s: %w: not a whatsapp contact", to, bot.ErrRejected)
	}
	jid, err := types.ParseJID(to.ID)
	if err != nil || jid.User == "" {
		return fmt.Errorf("whatsapp: unsend to %s: %w: not a person's WhatsApp id", to, bot.ErrRejected)
	}
	if h := c.halted(); h != nil {
		return fmt.Errorf("whatsapp: unsend to %s: %w", to, h)
	}
	cli, linked := c.current()
	if !linked {
		return fmt.Errorf("whatsapp: unsend to %s: %w: %w", to, ErrNotLinked, &bot.RetryAfterError{After: unlinkedRetry})
	}
	if !cli.IsLoggedIn() {
		return fmt.Errorf("whatsapp: unsend to %s: not connected: %w", to, &bot.RetryAfterError{After: notConnectedRetry})
	}
	chat := c.chatOf(ctx, jid)
	for i, id := range ids {
		if err := c.pace.wait(ctx, to.ID, c.now, c.wait); err != nil {
			return fmt.Errorf("whatsapp: unsend to %s: %w", to, err)
		}
		// Revoking a message twice (a retry after a timeout) is
		// harmless: the second finds it deleted.
		if _, err := cli.SendMessage(ctx, chat, cli.BuildRevoke(chat, types.EmptyJID, id)); err != nil {
			return c.sendError(to, i, len(ids), fmt.Errorf("revoke: %w", err))
		}
	}
	return nil
}
