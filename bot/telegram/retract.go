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
