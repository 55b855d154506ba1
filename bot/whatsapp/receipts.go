package whatsapp

import (
	"context"
	"time"

	"go.mau.fi/whatsmeow/types"

	"frontdoor/bot"
)

// Read receipts (blue ticks) tell the person the desk has handled their
// message, so they are sent when the answer goes out rather than when the
// message arrives: the Channel learns nothing else about handling (the
// bot.Inbox only records), and the first reply is the one sign that the
// bot, or an operator, dealt with it. A message that gets no answer stays
// unread until unreadTTL drops it: blue ticks are only cosmetic.
const (
	unreadTTL = time.Hour
	// unreadMaxContacts and unreadMaxIDs bound the memory kept for
	// receipts not yet sent.
	unreadMaxContacts = 10_000
	unreadMaxIDs      = 50
)

// unread is the messages of one contact not yet marked read. Receipts go
// to the chat and sender as WhatsApp addressed the messages.
type unread struct {
	chat, sender types.JID
	ids          []types.MessageID
	at           time.Time // when the newest arrived
}

// noteUnread remembers a recorded message for the receipt sent with the
// next reply to contact.
func (c *Channel) noteUnread(contact string, info types.MessageInfo, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.unread == nil {
		c.unread = map[string]*unread{}
	}
	u := c.unread[contact]
	if u == nil || u.chat != info.Chat || u.sender != info.Sender {
		// A receipt carries one chat and sender; when WhatsApp switched
		// the form it addresses the person by, the newest one serves.
		if u == nil && !c.roomForUnread(now) {
			return
		}
		u = &unread{chat: info.Chat, sender: info.Sender}
		c.unread[contact] = u
	}
	if len(u.ids) < unreadMaxIDs {
		u.ids = append(u.ids, info.ID)
	} else {
		u.ids[len(u.ids)-1] = info.ID
	}
	u.at = now
}

// roomForUnread drops stale entries when the map is full and reports
// whether a new contact fits. Called with c.mu held.
func (c *Channel) roomForUnread(now time.Time) bool {
	if len(c.unread) < unreadMaxContacts {
		return true
	}
	for k, u := range c.unread {
		if now.Sub(u.at) > unreadTTL {
			delete(c.unread, k)
		}
	}
	return len(c.unread) < unreadMaxContacts
}

// takeUnread removes and returns the contact's unread messages, if any
// recent ones.
func (c *Channel) takeUnread(contact string, now time.Time) *unread {
	c.mu.Lock()
	defer c.mu.Unlock()
	u := c.unread[contact]
	delete(c.unread, contact)
	if u == nil || now.Sub(u.at) > unreadTTL {
		return nil
	}
	return u
}

// markHandled sends the read receipt for the contact's messages answered
// now. Best effort: a failed receipt is not retried.
func (c *Channel) markHandled(ctx context.Context, cli client, to bot.Contact) {
	u := c.takeUnread(to.ID, c.now())
	if u == nil {
		return
	}
	if err := cli.MarkRead(ctx, u.ids, c.now(), u.chat, u.sender); err != nil {
		c.log.Debug("whatsapp: mark read failed", "contact", to.String(), "err", err)
	}
}
