package handoff

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"frontdoor/bot"
)

// maxSaid bounds the earlier messages a case opens with: the conversation
// sends at most 3, and a longer list (a bug, a replay of an old format)
// must not flood the operator's transcript.
const maxSaid = 3

// maxRecent bounds the turns before the handoff a case opens with: the
// conversation keeps at most 6; more (a bug, a replayed event) must not
// flood the transcript.
const maxRecent = 6

// maxTold bounds the bot's answers of the opening turn a case keeps: the
// turn sends a few (the answer, the urgent help lines, the wait); more is
// a bug that must not flood the transcript.
const maxTold = 8

// opening is what a handoff event (bot.HandoffRequested) says about the
// case to open, read here once and tolerant of what older events and
// booking's leave out (booking's carry only area, topic, reason and lang).
type opening struct {
	Area, Topic string
	// Reason says why (bot.ReasonAsked, bot.UrgentReason(kind), ...).
	Reason bot.Reason
	// Lang is the person's language, "" when they write one Frontdoor does
	// not speak; Detected is then the language recognised ("ps", "ti"),
	// or "" when unknown.
	Lang, Detected string
	Urgent         bool
	// Kind is the urgent kind when the case is urgent because of what the
	// person wrote (child, suicide, violence, medical, trafficking,
	// exploitation, distress), "" otherwise.
	Kind string
	// Text is the message that opened the case, "" for a button;
	// Message is its platform id, so that it can be forgotten when the
	// person deletes it.
	Text, Message string
	// Said are the person's earlier free-text messages, oldest first,
	// and SaidIDs their platform ids, index by index ("" when unknown;
	// nil when none is known).
	Said, SaidIDs []string
	// Recent are the turns of the conversation before the handoff, the
	// bot's answers included, oldest first.
	Recent []bot.Exchange
	// SaidBroken is set when a stored event's earlier messages (Said or
	// Recent) were unreadable: they are lost, and the log says so.
	SaidBroken bool
	// Told are the bot's answers in the turn that opened the case (what
	// the person was told: the help lines of an urgent case, the wait),
	// which the operator reads before writing; afterHandoff adds them.
	Told []string
}

func openingOf(e bot.HandoffRequested) opening {
	o := opening{
		Area: e.Area, Topic: e.Topic, Reason: bot.Reason(strings.TrimSpace(string(e.Reason))),
		Lang: strings.TrimSpace(e.Lang), Detected: strings.ToLower(strings.TrimSpace(e.Detected)),
		Urgent: e.Urgent, Kind: strings.ToLower(strings.TrimSpace(e.UrgentKind)),
		Text: strings.TrimSpace(e.Text), Message: e.Message, SaidBroken: e.SaidLost,
	}
	// The reason names the kind too ("urgent_suicide"): an event without
	// "kind" (sent before the field existed, or by a conversation that
	// forgot it) still shows what the danger is.
	if k, ok := o.Reason.Urgent(); ok && o.Kind == "" {
		o.Kind = k
	}
	// A kind means danger: safety first, even if the flag is missing.
	if o.Kind != "" {
		o.Urgent = true
		if o.Reason == "" {
			o.Reason = bot.UrgentReason(o.Kind)
		}
	}
	// Ids line up with the texts from the newest: an event without some
	// (an older process) misses the oldest.
	skip := len(e.Said) - len(e.SaidIDs)
	for i, m := range e.Said {
		if m = strings.TrimSpace(m); m != "" {
			id := ""
			if j := i - skip; j >= 0 && j < len(e.SaidIDs) {
				id = e.SaidIDs[j]
			}
			o.Said, o.SaidIDs = append(o.Said, m), append(o.SaidIDs, id)
		}
	}
	// The latest ones are the closest to what brought the person here.
	if len(o.Said) > maxSaid {
		o.Said, o.SaidIDs = o.Said[len(o.Said)-maxSaid:], o.SaidIDs[len(o.SaidIDs)-maxSaid:]
	}
	if !slices.ContainsFunc(o.SaidIDs, func(id string) bool { return id != "" }) {
		o.SaidIDs = nil // none known (an older event, a channel without ids)
	}
	for _, x := range e.Recent {
		x = bot.Exchange{Person: strings.TrimSpace(x.Person), Kind: strings.TrimSpace(x.Kind), Bot: strings.TrimSpace(x.Bot),
			ID: x.ID, Deleted: x.Deleted, Edited: x.Edited}
		if x.Person != "" || x.Kind != "" || x.Bot != "" || x.Deleted {
			o.Recent = append(o.Recent, x)
		}
	}
	if len(o.Recent) > maxRecent {
		o.Recent = o.Recent[len(o.Recent)-maxRecent:]
	}
	for _, m := range e.Told {
		if m = strings.TrimSpace(m); m != "" && len(o.Told) < maxTold {
			o.Told = append(o.Told, m)
		}
	}
	return o
}

// kindText names an urgent kind for the operators (the console is in
// English for now); a kind added to the conversation before this list
// still reads as words, not as an id.
func kindText(kind string) string {
	switch kind {
	case "child":
		return "child in danger"
	case "suicide":
		return "suicide / self-harm"
	case "medical":
		return "medical emergency"
	}
	return words(kind) // violence, trafficking, exploitation, distress
}

// reasonWord says why a case was opened, in the operators' words; ok is
// false for a reason it does not know.
func reasonWord(reason bot.Reason) (string, bool) {
	switch reason {
	case bot.ReasonAsked:
		return "asked for a person", true
	case bot.ReasonFlow:
		return "handed over by a menu step", true
	case bot.ReasonAppointment:
		return "asked for a person while booking", true
	case bot.ReasonNoSlots:
		return "no free appointment", true
	case bot.ReasonTriageFailed:
		return "not understood twice", true
	case bot.ReasonLanguageUnknown:
		return "asked for a person in a language Frontdoor does not speak", true
	}
	return "", false
}

// reasonText says why a case was opened: "urgent — suicide / self-harm",
// "asked for a person", "urgent — handed over by a menu step".
func reasonText(reason bot.Reason, kind string, urgent bool) string {
	if kind != "" {
		return "urgent — " + kindText(kind)
	}
	if k, ok := reason.Urgent(); ok {
		return "urgent — " + kindText(k)
	}
	w, ok := reasonWord(reason)
	switch {
	case !ok && reason == "":
		w = "no reason given"
	case !ok:
		w = words(string(reason))
	}
	if urgent && reason == bot.ReasonFlow {
		// A menu screen about a danger (exploitation) opens the case as
		// soon as the person reaches it.
		return "urgent — chose an urgent subject in the menu"
	}
	if urgent {
		return "urgent — " + w
	}
	return w
}

// words turns an id into words for a page: "permit_renewal" reads
// "permit renewal".
func words(id string) string {
	return strings.TrimSpace(strings.NewReplacer("_", " ", ".", " ").Replace(id))
}

// languageName names a language code in English ("ps" → "Pashto"), or ""
// when the code names no language known to CLDR.
func languageName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return ""
	}
	n := display.English.Languages().Name(tag)
	if n == "" || strings.HasPrefix(n, "Unknown") {
		return ""
	}
	return n
}

// caseFor is the case the event opens for contact c.
func (o opening) caseFor(c bot.Contact) Case {
	return Case{Contact: c, Lang: o.Lang, Detected: o.Detected, Area: o.Area, Topic: o.Topic,
		Reason: o.Reason, Urgent: o.Urgent, Kind: o.Kind}
}

// openingToken names handoff event e among a contact's: the same for its
// first run (the event as the conversation made it) and its replays (as
// the outbox kept it, bot.StoredEvent), another for another event (which
// carries another message id). It is a digest of the event in the
// outbox's wire format, decoded and encoded once more, so that the first
// run hashes what a replay reads back (a text that is not valid UTF-8
// comes back changed). Two events that say exactly the same (booking's,
// without a message id) share it: the second may write the lines the
// case still owes to the first, which are the case's own, and the
// transcript's mark (openingScript) keeps a case from getting a second
// opening all the same.
func openingToken(e bot.HandoffRequested) string {
	b, err := bot.MarshalEvent(e)
	if err == nil {
		var back bot.Event
		if back, err = bot.UnmarshalEvent(b); err == nil {
			b, err = bot.MarshalEvent(back)
		}
	}
	if err != nil {
		// A typed event always encodes; should it not, the opening
		// is still owed to every run of it.
		b = []byte("unencodable")
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
