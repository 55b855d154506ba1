package bot

// StoredEvent is an Event inside a JSON document, in the wire format of
// MarshalEvent: the runtime's outbox items (bot/dispatch) carry events so.
// The type itself is in event.go, beside the codec; this alias exports it
// without touching that file (fold it in when event.go is next edited).
type StoredEvent = storedEvent
