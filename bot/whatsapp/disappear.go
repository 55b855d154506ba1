package whatsapp

import (
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"
)

// disappearing reads a person's disappearing-messages timer (seconds) from
// a message of theirs: a change of the setting, or any message, which in a
// chat with a timer comes wrapped as ephemeral and carries the timer in
// its context. known is false for messages that say nothing about it.
func disappearing(evt *events.Message) (seconds uint32, known bool) {
	m := evt.Message
	if m == nil || evt.Info.IsFromMe || evt.Info.IsGroup {
		return 0, false
	}
	if p := m.GetProtocolMessage(); p != nil {
		if p.GetType() == waE2E.ProtocolMessage_EPHEMERAL_SETTING {
			return p.GetEphemeralExpiration(), true
		}
		return 0, false
	}
	if !evt.IsEphemeral {
		// Outside a disappearing chat messages are not wrapped.
		return 0, true
	}
	for _, ci := range []*waE2E.ContextInfo{
		m.GetExtendedTextMessage().GetContextInfo(), m.GetImageMessage().GetContextInfo(),
		m.GetAudioMessage().GetContextInfo(), m.GetDocumentMessage().GetContextInfo(),
		m.GetVideoMessage().GetContextInfo(), m.GetStickerMessage().GetContextInfo(),
		m.GetLocationMessage().GetContextInfo(),
	} {
		if ci.GetExpiration() > 0 {
			return ci.GetExpiration(), true
		}
	}
	return 0, false
}

// noteTimer keeps a person's disappearing-messages timer for the replies
// (0: none). Kept in memory: each of their messages carries it again.
func (c *Channel) noteTimer(id string, seconds uint32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if seconds == 0 {
		delete(c.timers, id)
		return
	}
	if c.timers == nil {
		c.timers = map[string]uint32{}
	}
	c.timers[id] = seconds
}

// textMessage is one part of a reply, disappearing after the person's
// timer when they set one: replies must not outlive what they answer.
func (c *Channel) textMessage(to, text string) *waE2E.Message {
	c.mu.Lock()
	t := c.timers[to]
	c.mu.Unlock()
	if t == 0 {
		return &waE2E.Message{Conversation: proto.String(text)}
	}
	return &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{
		Text:        proto.String(text),
		ContextInfo: &waE2E.ContextInfo{Expiration: proto.Uint32(t)},
	}}
}
