// Package bot is the channel-neutral vocabulary of Frontdoor: the message
// and reply types every channel adapter converts to and from, the events a
// turn produces, and the interfaces between adapters and the runtime
// (Handler, Channel, Sender, Inbox). It uses the standard library only, so
// that an adapter compiles none of the runtime: the dispatcher and the
// outbound path are in bot/dispatch, the flows glue in bot/converse.
package bot

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Attachment is the kind of non-text content a person sent. The bot never
// stores the content itself in the core: it answers the kind.
type Attachment string

// Attachment kinds recognised across channels.
const (
	AttachNone     Attachment = ""
	AttachVoice    Attachment = "voice"
	AttachPhoto    Attachment = "photo"
	AttachDocument Attachment = "document"
	AttachLocation Attachment = "location"
	AttachSticker  Attachment = "sticker"
	AttachOther    Attachment = "other"
)

// Contact identifies a person on one channel. ID is the channel's own stable
// identifier for the chat (Telegram chat id, webchat session id, WhatsApp JID).
type Contact struct {
	Channel string `json:"ch"`
	ID      string `json:"id"`
}

// Key is the contact's identifier across channels, "channel:id".
func (c Contact) Key() string { return c.Channel + ":" + c.ID }

// String is pseudonymous on purpose: logs carry it, so it must not reveal a
// phone number or chat id.
func (c Contact) String() string { return c.Channel + ":" + Pseudonym(c.ID) }

// Message is one inbound message, converted by a channel adapter.
type Message struct {
	Contact Contact `json:"c"`
	// ID is unique per channel and stable across redeliveries (Telegram
	// update or callback id, webchat client id); it is the dedupe key.
	ID   string    `json:"id"`
	Time time.Time `json:"t"`
	// Text is what the person wrote, or a command such as "/start lang_ar".
	Text string `json:"x,omitempty"`
	// Choice is the id of an option the person picked from a Reply's choices.
	Choice     string     `json:"o,omitempty"`
	Attachment Attachment `json:"a,omitempty"`
	// LangHint is the language the client reports (Telegram language_code,
	// browser Accept-Language); a hint, never a decision.
	LangHint string `json:"l,omitempty"`
	// Media references the content of a photo, voice note, audio, document
	// or sticker, in the form the channel that received it can fetch it
	// later (Telegram file_id; WhatsApp the download info of the message).
	// Only that channel's adapter understands it. Empty for text.
	Media string `json:"md,omitempty"`
	// MediaType, MediaName and MediaSize are the MIME type, file name and
	// size in bytes the platform reported, when it did.
	MediaType string `json:"mt,omitempty"`
	MediaName string `json:"mn,omitempty"`
	MediaSize int64  `json:"ms,omitempty"`
	// Late marks a message that reached Frontdoor long after it was
	// written, because the channel was offline or unlinked (WhatsApp:
	// more than whatsapp.answer_within). Its conversation is not run on
	// it: the person gets one line saying the desk is back (see
	// Conversation), and a case with an operator still gets the text.
	Late bool `json:"lt,omitempty"`
	// Revokes is set when the person deleted a message of theirs "for
	// everyone" (WhatsApp): it is the platform id of that message, and
	// this message carries nothing else. Its text and file leave the
	// case's transcript (handoff); the conversation does not answer it.
	Revokes string `json:"rv,omitempty"`
	// Edits is set when the person edited a message of theirs: it is the
	// platform id of that message, and Text its new text. The
	// conversation answers it as the person's words; a case's transcript
	// shows the new text in place of the old (handoff).
	Edits string `json:"ed,omitempty"`
}

// Choice is one option offered to the person. ID travels back in
// Message.Choice; Label is shown.
type Choice struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Reply is one outbound message: already localised text and optional choices.
type Reply struct {
	Text    string   `json:"text"`
	Choices []Choice `json:"choices,omitempty"`
	// RTL marks text in a right-to-left language, for channels that can set
	// the direction of a whole message (the browser chat).
	RTL bool `json:"rtl,omitempty"`
	// ChoiceHint tells, in the person's language, how to answer the
	// choices, for channels that show them as a numbered list instead of
	// buttons (WhatsApp). Others ignore it.
	ChoiceHint string `json:"hint,omitempty"`
	// Voice names a recording of the desk to send before the text, for
	// people who listen better than they read: an opaque reference the
	// channel's audio source reads (package texts keeps them). Channels
	// without one send the text alone.
	Voice string `json:"voice,omitempty"`
	// File is a file sent with the text (a photo or PDF an operator sends
	// from the case page); nil for none. It goes before the text, like
	// Voice, and each channel reads it through its FileSource, which only
	// gives it for the contact it was made for.
	File *File `json:"file,omitempty"`
}

// File is a file a Reply carries by reference: the bytes stay where they
// are kept (the case's files in package handoff, erased with the case),
// so a queued reply stays small.
type File struct {
	// Ref is opaque to the channels: they hand it back to their FileSource.
	Ref string `json:"ref"`
	// Type is the media type read from the content (image/jpeg,
	// image/png, image/webp, application/pdf): it decides a photo or a
	// document.
	Type string `json:"type"`
	// Name is the file's name as the person sees it.
	Name string `json:"name,omitempty"`
}

// IsImage reports whether the file is sent as a photo rather than as a
// document.
func (f *File) IsImage() bool {
	switch f.Type {
	case "image/jpeg", "image/png", "image/webp":
		return true
	}
	return false
}

// Sender delivers replies on one channel.
type Sender interface {
	Send(ctx context.Context, to Contact, r Reply) error
}

// Inbox durably records inbound messages. Adapters call Accept for every
// message and acknowledge the platform only after it returned nil.
type Inbox interface {
	// Accept records msg; it reports false for a message already recorded
	// (a redelivery), which the adapter must then ignore.
	Accept(ctx context.Context, msg Message) (bool, error)
}

// BatchInbox is an Inbox that records several messages in one round trip,
// in the order given, and keeps the platform ids of the person's messages
// in the conversation's Trail as it records them, so that the adapter need
// not write them itself.
type BatchInbox interface {
	Inbox
	// AcceptBatch records msgs as Accept would, in order; fresh[i] is
	// false for a redelivery. trailIDs[i], when not "", is the platform's
	// id of msgs[i] to keep for a Retract; trailIDs may be nil. On error
	// some messages may be recorded: recording again is safe, as
	// redeliveries are dropped.
	AcceptBatch(ctx context.Context, msgs []Message, trailIDs []string) (fresh []bool, err error)
	// KeepsTrail reports whether AcceptBatch keeps trail ids; when false
	// the adapter keeps them itself.
	KeepsTrail() bool
}

// Channel is a messaging platform adapter.
type Channel interface {
	Sender
	// Name is the channel's name as used in Contact.Channel.
	Name() string
	// Run receives messages and passes them to in until ctx is cancelled.
	// It returns nil on a clean stop.
	Run(ctx context.Context, in Inbox) error
}

// ErrUnreachable means the person cannot be reached on the channel any more
// (for Telegram: they blocked the bot). Sending to them must stop.
var ErrUnreachable = errors.New("contact unreachable")

// ErrRejected means the platform refused a message for what it is (a
// malformed request): sending it again would be refused again.
var ErrRejected = errors.New("refused by the platform")

// ErrUnavailable means the platform is down or overloaded and took none
// of the reply (Telegram answered 5xx, the connection could not be made,
// WhatsApp is not connected): sending the whole reply again later cannot
// double it. A send that failed in a way that leaves it unknown whether
// the platform delivered (no answer after the request went out, a part
// after the first one) must not wrap it.
var ErrUnavailable = errors.New("platform unavailable")

// ErrNoSession means the channel has no session with the platform until
// a person acts (WhatsApp: the phone logged the desk out, or no device is
// linked), and none of the reply, or of the take-back, went. A send's
// comes with ErrUnavailable too (none of the reply went), so campaigns
// pause as for an outage; taking messages back (Retractor, Unsender) may
// return it alone, as WhatsApp's Retract does: nothing reads
// ErrUnavailable there. The dispatcher holds replies and take-backs on
// ErrNoSession alone, as for a HaltError, counting no delivery rounds
// (relinking takes a person longer than an outage's retries last), up to
// its hold.
var ErrNoSession = errors.New("no session: the channel waits for a person to link it again")

// ErrNotSent means a reply never left Frontdoor: a check before the send
// failed (Redis away while reading whether the person blocked the bot).
// Sending it again later cannot double it, and the platform is not at
// fault.
var ErrNotSent = errors.New("not sent")

// ErrFileGone is what a source of a reply's file or recording says when it
// no longer keeps it (erased with the case, expired): the reply goes
// without it. Any other error is a fault (Redis away) that the dispatcher
// tries again, so that a file an operator sent is not silently dropped.
var ErrFileGone = errors.New("no such file: it expired or was erased")

// RetryAfterError asks the caller to send again after a pause (Telegram 429).
type RetryAfterError struct {
	After time.Duration
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("rate limited: retry after %s", e.After)
}

// HaltError means the platform restricted the sending account itself
// (WhatsApp: a temporary ban, rate-overlimit, a reach-out time-lock): no
// send on the channel can succeed before Until (zero: until a person
// acts), or, with OnePerson, no send to this contact; so bulk sending
// stops until a person resumes it, and a reply is not retried at once.
// Reason says why, for operators.
type HaltError struct {
	Until  time.Time
	Reason string
	// OnePerson says only sends to this one contact are refused
	// (WhatsApp's 463 reach-out time-lock). The dispatcher then neither
	// holds nor postpones the contact's replies: sent a day late, a
	// reply would be the very reach-out the lock forbids. They are given
	// up at once; what the person writes is handled, as it is while any
	// reply waits.
	OnePerson bool
}

func (e *HaltError) Error() string {
	if e.Until.IsZero() {
		return "channel halted: " + e.Reason
	}
	return fmt.Sprintf("channel halted until %s: %s", e.Until.UTC().Format(time.RFC3339), e.Reason)
}

// SenderFunc adapts a function to Sender.
type SenderFunc func(ctx context.Context, to Contact, r Reply) error

// Send calls f.
func (f SenderFunc) Send(ctx context.Context, to Contact, r Reply) error { return f(ctx, to, r) }

type bulkKey struct{}

// Bulk marks ctx as a bulk send (a campaign), which paces itself for the
// whole channel: an adapter that would wait out a platform's rate limit
// inside Send (Telegram's retry_after) returns *RetryAfterError at once
// instead, so that the caller pauses every sender of the channel rather
// than one send waiting while the others run into the same limit.
func Bulk(ctx context.Context) context.Context { return context.WithValue(ctx, bulkKey{}, true) }

// IsBulk reports whether ctx is a bulk send (see Bulk).
func IsBulk(ctx context.Context) bool { v, _ := ctx.Value(bulkKey{}).(bool); return v }
