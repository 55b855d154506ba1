package bot

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Turn is what a Handler gets for one inbound message: the contact's stored
// conversation state (nil for a new contact) and the message.
type Turn struct {
	Contact Contact
	State   []byte
	Message Message
	Now     time.Time
	// Preloaded holds the keys a Preloader asked for, read as the contact
	// was claimed. A key not in it was not read (a second message in a
	// row, a replayed outbox, a wrapper that did not ask): the handler
	// reads it itself.
	Preloaded map[string]Preloaded
}

// Preloaded is a string key read for a Preloader.
type Preloaded struct {
	Value  string
	Exists bool
}

// Outcome is what a Handler decided. The dispatcher stores State, then
// carries out the rest after the state is safely committed.
type Outcome struct {
	// State replaces the stored state; nil keeps it unchanged.
	State   []byte
	Replies []Reply
	// Events are side effects for other parts of Frontdoor (open a handoff
	// case, count a need), delivered to the dispatcher's EventSinks.
	Events []Event
	// Erase deletes everything stored about the contact, after the replies
	// went out.
	Erase bool
	// Retract removes the conversation from the person's device, as far
	// as the channel can (see Retractor), before the replies go out.
	Retract bool
	// Concern is the end of the last reply's text that gives the numbers
	// to call for a danger the person half told ("my husband threatened
	// me again", written while moving an appointment); "" for none. A
	// wrapper that answers in place of the conversation keeps it under
	// its own answer (Answer), so that the numbers reach the person
	// whoever answers.
	Concern string
	// Hints set (true) or clear (false) the contact's hints by name, for
	// a Hinted handler; a hint the outcome does not name keeps its value.
	// The dispatcher stores them with the state, before any event of the
	// outcome is delivered.
	Hints map[string]bool
}

// Answer replaces the replies with rs, keeping the numbers of a danger
// half told (Concern) under the last of them, or alone when rs is empty.
func (o *Outcome) Answer(rs []Reply) {
	if o.Concern == "" {
		o.Replies = rs
		return
	}
	rtl := false
	if n := len(o.Replies); n > 0 {
		rtl = o.Replies[n-1].RTL
	}
	rs = slices.Clone(rs)
	if n := len(rs); n > 0 {
		rs[n-1].Text = strings.TrimRight(rs[n-1].Text, "\n") + "\n\n" + o.Concern
	} else {
		rs = append(rs, Reply{Text: o.Concern, RTL: rtl})
	}
	o.Replies = rs
}

// Handler decides the answer to a message. The flows engine is one; tests
// use others.
type Handler interface {
	Handle(ctx context.Context, t Turn) (Outcome, error)
}

// Preloader is a Handler that reads some Redis keys (strings) of its own
// on every turn, such as whether a handoff case is open. The dispatcher
// reads them in the round trip that claims the contact and hands them over
// in Turn.Preloaded, which saves the handler a round trip each. A wrapping
// Handler asks for its own keys and those of the Handler it wraps.
type Preloader interface {
	Preload(c Contact) []string
}

// Hinted is a Preloader some of whose keys exist only while a hint of the
// contact is set (a case is open, a dialogue goes on): the dispatcher
// keeps the contact's hints with its state, read with it, and reads such
// a key only while its hint is set; otherwise Turn.Preloaded says the key
// does not exist, and nothing is read. So a key almost nobody has costs
// no command on the common path.
//
// The handler keeps the hint set (Outcome.Hints) in the outcome of every
// turn after which the key may exist: the turn that makes it, or whose
// event will (the dispatcher stores the hints before it delivers the
// events), and every turn until one finds the key gone and makes nothing
// that could make it again; that turn may clear it. The key must be made
// by the handler's turns and their events only. A hint the dispatcher
// does not know (a contact whose state a version before hints wrote, or
// who has none) counts as set, and the key is read, until a turn states it.
type Hinted interface {
	Preloader
	// PreloadHints names the hint of each key of Preload(c) that has
	// one; a key without one is read at every claim.
	PreloadHints(c Contact) map[string]string
}

// EventSink carries out the events whose types it knows (a type switch)
// and ignores the others. It must be idempotent: after a crash an event can
// be delivered again.
type EventSink interface {
	HandleEvent(ctx context.Context, c Contact, e Event) error
}

// Retractor is a Sender that can take back from the person's device the
// messages of the conversation, for people on a shared phone. Channels that
// cannot (the browser chat keeps nothing on the device but its page) do not
// implement it.
type Retractor interface {
	Retract(ctx context.Context, c Contact) error
}

// Unsender is a Sender that can take back particular messages it sent,
// by the platform ids it kept when sending them (an operator's reply
// deleted in the console): WhatsApp's "delete for everyone", Telegram's
// deleteMessage. An error wrapping ErrRejected means the platform will
// not (too old, already gone); others may pass.
type Unsender interface {
	Unsend(ctx context.Context, c Contact, ids []string) error
}

// Eraser deletes what a part of Frontdoor stores about a contact, for
// "delete my data".
type Eraser interface {
	Erase(ctx context.Context, c Contact) error
}
