package telegram

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"

	"frontdoor/bot"
)

// deleteBatch is how many messages one deleteMessages call may name.
const deleteBatch = 100

// remember keeps the id of a message the person wrote, for Retract. Bots
// may delete incoming messages in private chats too.
func (c *Channel) remember(ctx context.Context, msg bot.Message) {
	if id := trailID(msg); id != "" {
		c.keep(ctx, msg.Contact, id)
	}
}

// trailID is the Telegram id of a message the person wrote, to keep for
// Retract; "" for a button press, whose message is the bot's, kept when
// sent.
func trailID(msg bot.Message) string {
	id, _ := strings.CutPrefix(msg.ID, "m")
	if id == msg.ID {
		return ""
	}
	return id
}

// keep records message ids in the trail. Failing loses only the chance to
// delete them later, so it is logged and the conversation goes on.
func (c *Channel) keep(ctx context.Context, to bot.Contact, ids ...string) {
	if c.trail == nil || len(ids) == 0 {
		return
	}
	kctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := c.trail.Add(kctx, to, ids...); err != nil {
		c.log.Warn("telegram: remembering message ids", "contact", to.String(), "err", err)
	}
}

// Retract implements bot.Retractor: it deletes the conversation's messages,
// the bot's and the person's, from the chat. Telegram refuses messages
// older than 48 hours; those stay, and so does the reply that follows.
func (c *Channel) Retract(ctx context.Context, to bot.Contact) error {
	if c.trail == nil {
		return nil
	}
	chatID, err := strconv.ParseInt(to.ID, 10, 64)
	if err != nil {
		return fmt.Errorf("telegram: retract %s: chat id is not a number", to)
	}
	raw, err := c.trail.Take(ctx, to)
	if err != nil {
		return fmt.Errorf("telegram: retract %s: %w", to, err)
	}
	ids := make([]int, 0, len(raw))
	for _, s := range raw {
		if n, err := strconv.Atoi(s); err == nil {
			ids = append(ids, n)
		}
	}
	var errs []error
	for len(ids) > 0 {
		n := min(len(ids), deleteBatch)
		if _, err := c.api.DeleteMessages(ctx, &tgbot.DeleteMessagesParams{ChatID: chatID, MessageIDs: ids[:n]}); err != nil {
			errs = append(errs, err)
		}
		ids = ids[n:]
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("telegram: retract %s: %w", to, err)
	}
	return nil
}

// serve hands the dispatcher the channel itself, which finds Unsend by
// this interface.
var _ bot.Unsender = (*Channel)(nil)

// Unsend implements bot.Unsender: it deletes the bot's messages of these
// ids (an operator's reply deleted in the console) from the chat, one
// deleteMessage each: unlike deleteMessages, which skips what it cannot
// delete and still answers true, it says so, and the operator must not be
// told a reply is gone from the person's phone when it is not. Telegram
// lets a bot delete its messages in a private chat for 48 hours; it
// refuses older ones (bot.ErrRejected).
func (c *Channel) Unsend(ctx context.Context, to bot.Contact, raw []string) error {
	if to.Channel != channelName {
		return fmt.Errorf("telegram: unsend to %s: %w: not a telegram contact", to, bot.ErrRejected)
	}
	chatID, err := strconv.ParseInt(to.ID, 10, 64)
	if err != nil {
		return fmt.Errorf("telegram: unsend to %s: %w: chat id is not a number", to, bot.ErrRejected)
	}
	ids := make([]int, 0, len(raw))
	for _, s := range raw {
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("telegram: unsend to %s: %w: message id %q is not a number", to, bot.ErrRejected, s)
		}
		ids = append(ids, n)
	}
	for i, id := range ids {
		if _, err := c.api.DeleteMessage(ctx, &tgbot.DeleteMessageParams{ChatID: chatID, MessageID: id}); err != nil {
			if wait, limited := retryAfter(err); limited {
				return fmt.Errorf("telegram: unsend to %s: %w: %w", to, &bot.RetryAfterError{After: wait}, err)
			}
			// Gone already: a retry after a part went, or the person
			// deleted the chat. Either way it is not on their phone.
			if errors.Is(err, tgbot.ErrorBadRequest) && strings.Contains(strings.ToLower(err.Error()), "not found") {
				continue
			}
			return c.sendError(to, i, len(ids), fmt.Errorf("deleteMessage: %w", err))
		}
	}
	return nil
}
