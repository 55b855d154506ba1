package whatsapp

import (
	"context"
	"slices"
	"time"

	"go.mau.fi/whatsmeow/proto/waHistorySync"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"frontdoor/bot"
)

// historyTries is how often a message found in the history is offered to
// the inbox: unlike a live message it is not delivered again, so a
// passing failure (Redis failing over) is waited out a little.
const historyTries = 4

// onHistory takes from the history the phone sends after a link the
// messages nobody answered: those people wrote while no device was linked
// (the phone logged the desk out, or before the first link), and WhatsApp
// delivers such messages to a new device only in that history. A message
// counts as answered when the desk wrote in that chat after it (the bot
// under an earlier link, or someone on the phone), and only the last
// HistoryWithin is searched, so that old conversations are not run
// again; the inbox drops what it recorded already. They are recorded
// oldest first, marked late when older than AnswerWithin, as live
// messages are.
func (c *Channel) onHistory(h *events.HistorySync) {
	c.mu.Lock()
	in, runCtx, cli := c.inbox, c.ctx, c.cli
	c.mu.Unlock()
	if in == nil || h.Data == nil {
		return
	}
	switch h.Data.GetSyncType() {
	case waHistorySync.HistorySync_INITIAL_BOOTSTRAP, waHistorySync.HistorySync_RECENT,
		waHistorySync.HistorySync_FULL, waHistorySync.HistorySync_ON_DEMAND:
	default:
		// Push names, status, settings: no messages of people.
		return
	}
	found := c.unanswered(runCtx, cli, h.Data.GetConversations(), c.now().Add(-time.Duration(c.cfg.HistoryWithin)))
	if len(found) == 0 {
		return
	}
	slices.SortStableFunc(found, func(a, b *events.Message) int { return a.Info.Timestamp.Compare(b.Info.Timestamp) })
	c.log.Info("whatsapp: messages nobody answered while no device was linked, from the phone's history", "count", len(found))
	lost := 0
	for _, evt := range found {
		if !c.recordHistory(runCtx, in, evt) {
			lost++
		}
	}
	if lost > 0 {
		c.log.Error("whatsapp: messages from the phone's history could not be recorded; those people get no answer until they write again", "count", lost)
	}
}

// unanswered are the people's messages in the history's one-to-one chats
// written after since and after the desk's last message to them. A person
// may have two chats (by number, and by LID since WhatsApp's migration):
// a reply in either answers both.
func (c *Channel) unanswered(ctx context.Context, cli client, convs []*waHistorySync.Conversation, since time.Time) []*events.Message {
	var (
		theirs    []*events.Message
		lastReply = map[types.JID]time.Time{} // by the person's key
		keys      = map[types.JID]types.JID{} // the person's key, by chat
	)
	for _, conv := range convs {
		chat, err := types.ParseJID(conv.GetID())
		if err != nil || (chat.Server != types.DefaultUserServer && chat.Server != types.HiddenUserServer) {
			// Groups, broadcasts, newsletters: the bot answers none.
			continue
		}
		who := identify(ctx, types.MessageSource{Sender: chat}, c.lids).key()
		keys[chat] = who
		for _, hm := range conv.GetMessages() {
			evt, err := cli.ParseWebMessage(chat, hm.GetMessage())
			if err != nil || evt == nil {
				continue
			}
			if evt.Info.IsFromMe {
				// A protocol message (a key share, a revoke) answers
				// nobody; any message a person can read does.
				if evt.Message != nil {
					if _, _, ok := content(evt.Message); ok && evt.Info.Timestamp.After(lastReply[who]) {
						lastReply[who] = evt.Info.Timestamp
					}
				}
				continue
			}
			if evt.Info.Timestamp.After(since) {
				theirs = append(theirs, evt)
			}
		}
	}
	return slices.DeleteFunc(theirs, func(e *events.Message) bool {
		return !e.Info.Timestamp.After(lastReply[keys[e.Info.Chat]])
	})
}

// recordHistory records one message from the history, trying again a few
// times after a failure; it reports whether it was recorded.
func (c *Channel) recordHistory(runCtx context.Context, in bot.Inbox, evt *events.Message) bool {
	var backoff time.Duration
	for try := 1; ; try++ {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(runCtx), acceptTimeout)
		who, err := c.record(ctx, in, evt)
		cancel()
		if err == nil {
			return true
		}
		if try == historyTries {
			c.log.Error("whatsapp: recording a message from the history failed", "contact", who.String(), "err", err)
			return false
		}
		backoff = c.nextBackoff(backoff)
		if c.wait(runCtx, backoff) != nil {
			return false
		}
	}
}
