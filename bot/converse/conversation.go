// Package converse is the glue between the channels' runtime and the flows
// engine: a bot.Handler that steps flows and turns its actions into
// replies and events. It lives apart from package bot so that channel
// adapters, which only need the message vocabulary, do not compile flows.
package converse

import (
	"context"
	"encoding/json"
	"log/slog"

	"frontdoor/bot"
	"frontdoor/flows"
	"frontdoor/locales"
)

// Conversation is the Handler that runs the flows engine: it decodes the
// stored state, steps the engine and turns its actions into replies and
// events.
type Conversation struct {
	Engine *flows.Engine
	Log    *slog.Logger
	// Catalog, when set, gives replies with choices a ChoiceHint in the
	// person's language ("Reply with the number of your choice."), for
	// channels that show choices as a numbered list.
	Catalog *locales.Catalog
	// Recordings, when set, gives the replies of a person who chose
	// voice the desk's recording of what they say (Reply.Voice).
	Recordings Recordings
}

// Recordings finds the desk's recording of a catalogue message in a
// language: *texts.Store.
type Recordings interface {
	// Recording is the recording's reference, "" when there is none.
	Recording(ctx context.Context, lang, id string) (string, error)
}

// choiceHintID is the message of Reply.ChoiceHint (locales/channels.*).
const choiceHintID = "choice.reply_number"

// Handle implements bot.Handler.
func (c Conversation) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	var st flows.State
	if len(t.State) > 0 {
		if err := json.Unmarshal(t.State, &st); err != nil {
			// A state this version cannot read must not lock the person
			// out: start again.
			if c.Log != nil {
				c.Log.Warn("unreadable conversation state; starting over", "contact", t.Contact.String(), "err", err)
			}
			st = flows.State{}
		}
	}
	if t.Message.Revokes != "" {
		// A deletion gets no answer. What the state keeps of the message
		// for a case the person may open later goes (the case's
		// transcript, if any, forgets it too: handoff).
		next, found := c.Engine.Forget(st, t.Message.Revokes)
		if !found {
			return bot.Outcome{}, nil
		}
		b, err := json.Marshal(next)
		if err != nil {
			return bot.Outcome{}, err
		}
		return bot.Outcome{State: b}, nil
	}
	// id names the person's message in what the state keeps: an edit is
	// kept under the message it edits, which a later deletion or edit
	// names.
	id := t.Message.ID
	if t.Message.Edits != "" {
		// The new words replace the old where the state keeps them, then
		// are answered as the person's words.
		st, _ = c.Engine.Edit(st, t.Message.Edits, t.Message.Text)
		id = t.Message.Edits
	}
	next, actions := c.Engine.Step(st, flows.Input{
		Text:       t.Message.Text,
		Choice:     t.Message.Choice,
		Attachment: string(t.Message.Attachment),
		LangHint:   t.Message.LangHint,
		ID:         id,
	}, t.Now)
	if t.Message.Late && !handsOff(actions) && !halfTold(actions) {
		// Read first, all the same: a danger or a call for a person
		// written while the desk was offline is answered as if it came
		// now, with the emergency numbers and a case; so is a danger half
		// told, whose answer carries its numbers.
		return c.late(st, next, t)
	}
	var out bot.Outcome
	hint := ""
	if c.Catalog != nil {
		// The person's language after the turn; before they chose one
		// (the language picker), what their app reports.
		lang := next.Lang
		if lang == "" || !c.Catalog.Supported(lang) {
			lang = t.Message.LangHint
		}
		hint = c.Catalog.Text(lang, choiceHintID, nil)
	}
	for _, a := range actions {
		switch a := a.(type) {
		case flows.Say:
			r := bot.Reply{Text: a.Text, RTL: a.RTL}
			for _, ch := range a.Choices {
				r.Choices = append(r.Choices, bot.Choice{ID: ch.ID, Label: ch.Label})
			}
			if len(r.Choices) > 0 {
				r.ChoiceHint = hint
			}
			if next.Voice || a.AlwaysVoice {
				r.Voice = c.recording(ctx, t.Contact, next.Lang, a.Voiced)
			}
			out.Replies = append(out.Replies, r)
			if a.Numbers != "" {
				out.Concern = a.Numbers
			}
		case flows.Handoff:
			// What the person wrote goes to the case's transcript, so the
			// operator does not ask a person in danger to tell it again.
			h := bot.HandoffRequested{Area: a.Area, Topic: a.Topic, Reason: a.Reason,
				Lang: a.Lang, Detected: a.Detected, Urgent: a.Urgent, UrgentKind: a.Kind, Text: a.Text, Said: a.Said,
				SaidIDs: a.SaidIDs, Message: id}
			for _, x := range a.Recent {
				h.Recent = append(h.Recent, bot.Exchange{Person: x.Person, Kind: x.Kind, Bot: x.Bot, ID: x.ID, Deleted: x.Deleted, Edited: x.Edited})
			}
			out.Events = append(out.Events, h)
		case flows.Erase:
			out.Erase = true
		case flows.Retract:
			out.Retract = true
		case flows.Subscribe:
			out.Events = append(out.Events, bot.Subscribed{Topic: a.Topic, On: a.On, Lang: a.Lang})
		case flows.Profile:
			// Counted anonymously, never stored with the contact.
			out.Events = append(out.Events, bot.ProfileAnswered{Field: a.Field, Value: a.Value})
		case flows.Need:
			out.Events = append(out.Events, bot.NeedReached{Area: a.Area, Topic: a.Topic, Lang: a.Lang, Source: a.Source})
		}
	}
	if !out.Erase {
		b, err := json.Marshal(next)
		if err != nil {
			return bot.Outcome{}, err
		}
		out.State = b
	}
	return out, nil
}

// Numbers reads a message the conversation does not answer (handoff
// relays it to an operator during a case) for a danger, told or half
// told, and gives the numbers to call for it, in the language of the
// stored state; ok is false when it tells none.
func (c Conversation) Numbers(state []byte, text string) (r bot.Reply, ok bool) {
	var st flows.State
	if len(state) > 0 && json.Unmarshal(state, &st) != nil {
		st = flows.State{}
	}
	say, ok := c.Engine.Numbers(st, text)
	if !ok {
		return bot.Reply{}, false
	}
	return bot.Reply{Text: say.Text, RTL: say.RTL}, true
}

// ChoiceLabel names a button the person pressed (a choice id) in the
// language of the stored state, "" when the flow has no such choice.
func (c Conversation) ChoiceLabel(state []byte, id string) string {
	var st flows.State
	if len(state) > 0 && json.Unmarshal(state, &st) != nil {
		st = flows.State{}
	}
	return c.Engine.ChoiceLabel(st.Lang, id)
}

// lateID is the one line for messages that came late (Message.Late).
const lateID = "late.back"

// late answers a message that reached Frontdoor long after it was written
// (the channel was offline): running the conversation on it would answer
// a menu or a question that has moved on, so the person gets one line
// saying the desk is back and asking them to write again. Several late
// messages of one person get that line once: it is sent only when the
// person has had no answer since the message was written, and it counts
// as one (Seen).
// Spoken puts into words the bot's part of turns taken out of state
// (flows.TakeTurns), for a wrapper that opens a case itself (booking).
func (c Conversation) Spoken(state []byte, turns []flows.Exchange) []flows.Exchange {
	return c.Engine.Spoken(state, turns)
}

func (c Conversation) late(st, read flows.State, t bot.Turn) (bot.Outcome, error) {
	if st.Seen != 0 && st.Seen >= t.Message.Time.Unix() {
		return bot.Outcome{}, nil
	}
	st.Seen = t.Now.Unix()
	b, err := json.Marshal(st)
	if err != nil {
		return bot.Outcome{}, err
	}
	text, rtl := "We are back. Sorry: your message reached us only now. Please write again what you need.", false
	if c.Catalog != nil {
		// The person's language, else the one their message is in.
		lang := st.Lang
		for _, l := range []string{read.Lang, read.Detected} {
			if lang == "" {
				lang = l
			}
		}
		lang = c.lang(lang, t.Message)
		l, _ := c.Catalog.Language(lang)
		text, rtl = c.Catalog.Text(lang, lateID, nil), l.RTL
	}
	return bot.Outcome{State: b, Replies: []bot.Reply{{Text: text, RTL: rtl}}}, nil
}

// handsOff tells whether a turn's actions open a case: an urgent message,
// or someone asking for a person.
func handsOff(actions []flows.Action) bool {
	for _, a := range actions {
		if _, ok := a.(flows.Handoff); ok {
			return true
		}
	}
	return false
}

// halfTold tells whether an answer carries the numbers of a danger the
// person half told.
func halfTold(actions []flows.Action) bool {
	for _, a := range actions {
		if s, ok := a.(flows.Say); ok && s.Concern != "" {
			return true
		}
	}
	return false
}

// lang is the language to answer in outside the flows: the person's
// (their state's), else what their app reports, else the desk's.
func (c Conversation) lang(stateLang string, m bot.Message) string {
	lang := stateLang
	if lang == "" || !c.Catalog.Supported(lang) {
		lang = m.LangHint
	}
	if !c.Catalog.Supported(lang) {
		lang = c.Catalog.Default()
	}
	return lang
}

// recording is the reference of the recording of the last of ids that
// has one in lang, "" for none. A recording that cannot be looked up
// leaves the reply as text: the text is what the person must get.
func (c Conversation) recording(ctx context.Context, who bot.Contact, lang string, ids []string) string {
	if c.Recordings == nil || lang == "" {
		return ""
	}
	for i := len(ids) - 1; i >= 0; i-- {
		ref, err := c.Recordings.Recording(ctx, lang, ids[i])
		if err != nil {
			if c.Log != nil {
				c.Log.Warn("a reply's recording cannot be looked up; sending the text alone", "contact", who.String(), "err", err)
			}
			return ""
		}
		if ref != "" {
			return ref
		}
	}
	return ""
}

// apologyID is the message for a message that could not be handled.
const apologyID = "error.sorry"

// Apology is the answer to a message whose handling failed for good (see
// Options.Apology), in the person's language: the one of their state,
// else what their app reports, else the desk's.
func (c Conversation) Apology(state []byte, m bot.Message) bot.Reply {
	if c.Catalog == nil {
		return bot.Reply{Text: "Sorry, something went wrong. Please try again later."}
	}
	var st flows.State
	_ = json.Unmarshal(state, &st) // an unreadable state leaves the hint
	lang := c.lang(st.Lang, m)
	l, _ := c.Catalog.Language(lang)
	return bot.Reply{Text: c.Catalog.Text(lang, apologyID, nil), RTL: l.RTL}
}
