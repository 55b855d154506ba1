package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// EventKind names a kind of Event on the wire (the outbox in Redis) and in
// logs.
type EventKind string

// The kinds of Event. The strings are stored in the outbox: never change
// them.
const (
	EventHandoff   EventKind = "handoff"
	EventNeed      EventKind = "need"
	EventSubscribe EventKind = "subscribe"
	EventBooked    EventKind = "booked"
	EventProfile   EventKind = "profile"
)

// Event is a side effect decided by a conversation (open a case, count a
// need), carried out by the dispatcher's EventSinks after the state is
// committed. The set is closed: HandoffRequested, NeedReached, Subscribed,
// Booked and ProfileAnswered; a sink type-switches on the value and
// ignores the types it does not handle.
type Event interface {
	Kind() EventKind
	// data is the event on the wire; only this package's types have it.
	data() map[string]string
}

// HandoffRequested asks for a person of the desk to take over.
type HandoffRequested struct {
	Area, Topic string
	// Reason says why (ReasonAsked, UrgentReason(kind), ...).
	Reason Reason
	// Lang is the person's language, "" when Frontdoor does not speak it;
	// Detected then names it when it was recognised ("ps", "ti").
	Lang, Detected string
	// Urgent cases go before all others; UrgentKind is the urgent kind
	// (child, suicide, violence, ...) when the person's words said it.
	Urgent     bool
	UrgentKind string
	// Text is the message that opened the case ("" for a button), Said
	// the person's free texts before it, oldest first.
	Text string
	Said []string
	// SaidIDs are the platform ids of Said's messages, index by index
	// ("" when unknown), so that a deletion reaches their lines.
	SaidIDs []string
	// Recent are the turns of the conversation before it, the bot's
	// answers included, oldest first.
	Recent []Exchange
	// SaidLost is set when a stored event's earlier messages (Said or
	// Recent) could not be read: they are lost, which the sink should log.
	SaidLost bool
	// Told are the bot's answers of the turn that opened the case (the
	// urgent help lines, the wait), kept with the case so the operator
	// reads what the person was told before writing.
	Told []string
	// Message is the id of the message that asked, which makes a
	// redelivered event recognisable.
	Message string
}

// Exchange is one turn of the conversation before a handoff: what the
// person wrote or the label of what they chose (Person), or the kind of
// what they sent instead of text (Kind), and the bot's answer (Bot; of a
// menu, only what it asked). The JSON names are the wire's.
type Exchange struct {
	Person string `json:"p,omitempty"`
	Kind   string `json:"k,omitempty"`
	Bot    string `json:"b,omitempty"`
	// ID is the platform id of the person's message, so that deleting
	// it for everyone reaches its line in the case; Deleted marks a turn
	// whose message the person deleted before the case opened.
	ID      string `json:"i,omitempty"`
	Deleted bool   `json:"del,omitempty"`
	// Edited marks a turn whose message the person edited before the
	// case opened: Person is the new text.
	Edited bool `json:"ed,omitempty"`
}

// NeedReached says the person reached a need area or service; it carries no
// identity, for the anonymous statistics and the campaigns' segments.
type NeedReached struct {
	Area, Topic, Lang string
	// Source says how the person got there (menu, text, ...).
	Source string
}

// Subscribed turns a news topic on or off for the contact; Topic "*" off
// stops all ("stop").
type Subscribed struct {
	Topic string
	On    bool
	Lang  string
}

// Booked says the person booked an appointment at a desk, so that
// campaigns can reach the people of one desk.
type Booked struct {
	Desk string
}

// ProfileAnswered carries one answer to the optional profile questions
// (coarse categories), for the anonymous statistics only: never stored
// with the contact.
type ProfileAnswered struct {
	Field, Value string
}

// Kind implements Event.
func (HandoffRequested) Kind() EventKind { return EventHandoff }

// Kind implements Event.
func (NeedReached) Kind() EventKind { return EventNeed }

// Kind implements Event.
func (Subscribed) Kind() EventKind { return EventSubscribe }

// Kind implements Event.
func (Booked) Kind() EventKind { return EventBooked }

// Kind implements Event.
func (ProfileAnswered) Kind() EventKind { return EventProfile }

// The wire format is the one of the versions before typed events,
// {"kind": ..., "data": {string: string}} with booleans as "1"/"0", so an
// outbox written by either version is read by the other: old records decode
// into the typed values below, and new records are what an older process
// expects. Absent keys read as zero values.

func (e HandoffRequested) data() map[string]string {
	d := map[string]string{"area": e.Area, "topic": e.Topic, "reason": string(e.Reason), "lang": e.Lang, "message": e.Message}
	if e.Urgent {
		d["urgent"] = "1"
	}
	for k, v := range map[string]string{"kind": e.UrgentKind, "detected": e.Detected, "text": e.Text} {
		if v != "" {
			d[k] = v
		}
	}
	if len(e.Said) > 0 {
		// A list of strings always encodes.
		said, _ := json.Marshal(e.Said)
		d["said"] = string(said)
	}
	if slices.ContainsFunc(e.SaidIDs, func(id string) bool { return id != "" }) {
		// An older process ignores the key: its lines have no id.
		ids, _ := json.Marshal(e.SaidIDs)
		d["said_ids"] = string(ids)
	}
	if len(e.Told) > 0 {
		told, _ := json.Marshal(e.Told)
		d["told"] = string(told)
	}
	if len(e.Recent) > 0 {
		// An older process ignores the key and shows Said alone.
		recent, _ := json.Marshal(e.Recent)
		d["recent"] = string(recent)
	}
	return d
}

func (e NeedReached) data() map[string]string {
	return map[string]string{"area": e.Area, "topic": e.Topic, "lang": e.Lang, "source": e.Source}
}

func (e Subscribed) data() map[string]string {
	return map[string]string{"topic": e.Topic, "on": flag(e.On), "lang": e.Lang}
}

func (e Booked) data() map[string]string { return map[string]string{"desk": e.Desk} }

func (e ProfileAnswered) data() map[string]string {
	return map[string]string{"field": e.Field, "value": e.Value}
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// wireEvent is the JSON form of an Event.
type wireEvent struct {
	Kind EventKind         `json:"kind"`
	Data map[string]string `json:"data,omitempty"`
}

// ErrUnknownEvent is the error of decoding an event of a kind this version
// does not know (written by a newer one).
var ErrUnknownEvent = errors.New("unknown event kind")

// MarshalEvent encodes e in the outbox's wire format.
func MarshalEvent(e Event) ([]byte, error) {
	if e == nil {
		return nil, errors.New("encoding a nil event")
	}
	return json.Marshal(wireEvent{Kind: e.Kind(), Data: e.data()})
}

// UnmarshalEvent decodes an event in the outbox's wire format, written by
// this version or an earlier one.
func UnmarshalEvent(b []byte) (Event, error) {
	var w wireEvent
	if err := json.Unmarshal(b, &w); err != nil {
		return nil, fmt.Errorf("decoding an event: %w", err)
	}
	d := w.Data
	switch w.Kind {
	case EventHandoff:
		e := HandoffRequested{Area: d["area"], Topic: d["topic"], Reason: Reason(d["reason"]), Lang: d["lang"],
			Detected: d["detected"], Urgent: d["urgent"] == "1", UrgentKind: d["kind"], Text: d["text"], Message: d["message"]}
		if s := d["said"]; s != "" {
			if err := json.Unmarshal([]byte(s), &e.Said); err != nil {
				e.Said, e.SaidLost = nil, true
			}
		}
		// Unreadable ids lose only the reach of a later deletion.
		if s := d["said_ids"]; s != "" && json.Unmarshal([]byte(s), &e.SaidIDs) != nil {
			e.SaidIDs = nil
		}
		if s := d["recent"]; s != "" {
			if err := json.Unmarshal([]byte(s), &e.Recent); err != nil {
				e.Recent, e.SaidLost = nil, true
			}
		}
		// An unreadable list loses only the bot's own texts, which the
		// conversation can say again.
		if s := d["told"]; s != "" && json.Unmarshal([]byte(s), &e.Told) != nil {
			e.Told = nil
		}
		return e, nil
	case EventNeed:
		return NeedReached{Area: d["area"], Topic: d["topic"], Lang: d["lang"], Source: d["source"]}, nil
	case EventSubscribe:
		return Subscribed{Topic: d["topic"], On: d["on"] == "1", Lang: d["lang"]}, nil
	case EventBooked:
		return Booked{Desk: d["desk"]}, nil
	case EventProfile:
		return ProfileAnswered{Field: d["field"], Value: d["value"]}, nil
	}
	return nil, fmt.Errorf("%w %q", ErrUnknownEvent, w.Kind)
}

// StoredEvent is an Event inside a JSON document, in the wire format of
// MarshalEvent: the runtime's outbox items (bot/dispatch) carry events so,
// and items queued by an earlier version decode into the typed values.
type StoredEvent struct{ Event }

// MarshalJSON encodes the event with MarshalEvent.
func (s StoredEvent) MarshalJSON() ([]byte, error) { return MarshalEvent(s.Event) }

// UnmarshalJSON decodes the event with UnmarshalEvent; an unknown kind is
// an error wrapping ErrUnknownEvent.
func (s *StoredEvent) UnmarshalJSON(b []byte) error {
	e, err := UnmarshalEvent(b)
	s.Event = e
	return err
}
