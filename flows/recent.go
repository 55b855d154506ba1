package flows

// The last turns of the conversation, kept for the operator of a case the
// person may open next (State.Recent).

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"frontdoor/bot"
)

// heard is the person's part of a turn, read on the screen they were
// answering: a button or a typed number is kept as the label it chose.
func (t *turn) heard(in Input) Exchange {
	x := t.heardOnly(in)
	if !x.empty() {
		x.ID = in.ID
	}
	return x
}

func (t *turn) heardOnly(in Input) Exchange {
	offered := t.screen().Choices
	label := func(id string) string {
		for _, c := range offered {
			if c.ID == id {
				return c.Label
			}
		}
		return t.choiceLabel(id)
	}
	if in.Choice != "" {
		return Exchange{Person: label(in.Choice)}
	}
	text := strings.TrimSpace(in.Text)
	if text == "" && in.Attachment != "" {
		return Exchange{Kind: attachmentMessage(in.Attachment)}
	}
	if id, ok := matchChoice(text, offered); ok {
		if l := label(id); l != "" {
			return Exchange{Person: l}
		}
	}
	return Exchange{Person: cut(text)}
}

// ChoiceLabel names a choice id (a button the person pressed) in lang, as
// the person saw it, "" when it is none the flow has: handoff writes it
// into a case's transcript instead of the raw id ("[menu.health]").
func (e *Engine) ChoiceLabel(lang, id string) string {
	t := &turn{e: e, st: State{Lang: lang}}
	return t.choiceLabel(id)
}

// choiceLabel names a choice not on the screen in view (a button further
// up the chat), "" when it is none the flow has.
func (t *turn) choiceLabel(id string) string {
	switch id {
	case choiceMenu:
		return t.msg("choice.menu")
	case choiceBack:
		return t.msg("choice.back")
	case choicePerson, choicePersonNow:
		return t.msg("choice.person")
	case choiceLanguage:
		return t.msg("choice.language")
	}
	node, c, _ := strings.Cut(id, choiceNodeSep)
	if n, ok := t.e.flow.Nodes[node]; ok {
		for _, ch := range n.Choices {
			if ch.ID == c {
				return t.msg(ch.Label)
			}
		}
	}
	return ""
}

// keep adds the turn to State.Recent with the bot's answer. A turn that
// opened a case is in the case already (its message and answer), and one
// that erased or cleared the conversation leaves nothing of it.
//
// An appointment request is a handoff that the booking dialogue, which
// wraps the conversation, usually takes over: its Recent end with this
// turn's request (the bot's part left to whoever answers it), so that the
// dialogue can give the turns back to the state (KeepTurns) and a case
// opened from it still reads what came before.
func (t *turn) keep(x Exchange) {
	for i, a := range t.out {
		switch a := a.(type) {
		case Handoff:
			if a.Reason == bot.ReasonAppointment && !x.empty() {
				a.Recent = bounded(append(slices.Clip(a.Recent), x))
				t.out[i] = a
			}
			t.st.Recent = nil
			return
		case Erase, Retract:
			t.st.Recent = nil
			return
		}
	}
	if t.lang() != t.spoke {
		// The person changed language: the turns kept so far are put
		// into words in the one they were said in, as the state's
		// language no longer is.
		t.st.Recent = t.e.spoken(t.spoke, t.st.Recent)
	}
	t.answer(&x)
	if x.Person == "" && x.Kind == "" && x.Bot == "" && len(x.Say) == 0 {
		return
	}
	if x.ID != "" {
		// An edit is stepped under the id of the message it edits
		// (Engine.Edit has already put the new words in that turn): the
		// turn gives way to this one, which holds the answer to the new
		// words, so that a case reads the message once, marked edited.
		if i := slices.IndexFunc(t.st.Recent, func(r Exchange) bool { return r.ID == x.ID && !r.Deleted }); i >= 0 {
			x.Edited = x.Edited || t.st.Recent[i].Edited
			t.st.Recent = slices.Delete(slices.Clone(t.st.Recent), i, i+1)
		}
	}
	t.st.Recent = bounded(append(t.st.Recent, x))
}

// made is a catalogue message the turn rendered: its id, language and
// own template data (the desk's facts are added at each rendering).
type made struct {
	id, lang string
	data     map[string]any
}

// answer puts the bot's part of the turn in x: its lines (answered),
// each kept as the catalogue message it was rendered from when that
// gives the same words again and takes fewer bytes, else as text (Bot,
// as states before Say kept it, when no line is a message).
func (t *turn) answer(x *Exchange) {
	var lines []Line
	refs := false
	for _, a := range t.out {
		s, ok := a.(Say)
		if !ok {
			continue
		}
		text, first := shownLine(s)
		// The emergency line is not kept: it is the same for everyone,
		// and the operator reads the numbers in the case.
		text = t.dropSOS(text)
		if text == "" {
			continue
		}
		l := Line{Text: text}
		if len(s.Voiced) == 1 {
			if ref, ok := t.ref(s.Voiced[0], first, text); ok {
				l, refs = ref, true
			}
		}
		lines = append(lines, l)
	}
	if !refs {
		texts := make([]string, len(lines))
		for i, l := range lines {
			texts[i] = l.Text
		}
		x.Bot = cutBot(strings.Join(texts, "\n"))
		return
	}
	x.Say = lines
}

// shownLine is what the state keeps of a Say: its text, of a question or
// a menu only the first line (the operator needs what was asked, not the
// menu); first says which.
func shownLine(s Say) (text string, first bool) {
	text = strings.TrimSpace(s.Text)
	if len(s.Choices) > 0 {
		text, _, _ = strings.Cut(text, "\n")
		first = true
	}
	return strings.TrimSpace(text), first
}

// ref is the Line of message id as the turn rendered it in the state's
// language, when rendering it again gives text and costs fewer bytes.
// Only the template values the line shows are kept (a number always:
// it may choose a plural form).
func (t *turn) ref(id string, first bool, text string) (Line, bool) {
	lang := t.lang()
	for i := len(t.made) - 1; i >= 0; i-- {
		m := t.made[i]
		if m.id != id || m.lang != lang {
			continue
		}
		l := Line{ID: id, First: first}
		cost := len(id) + len(`{"m":""}`)
		for k, v := range m.data {
			var s string
			switch v := v.(type) {
			case string:
				if !strings.Contains(text, v) {
					continue
				}
				s = v
			case int:
				s = strconv.Itoa(v)
			default:
				continue
			}
			if l.Data == nil {
				l.Data = map[string]string{}
			}
			l.Data[k] = s
			cost += len(k) + len(s) + len(`,"":""`)
		}
		if cost < len(text) && t.e.line(lang, l) == text {
			return l, true
		}
	}
	return Line{}, false
}

// line is l in words in lang.
func (e *Engine) line(lang string, l Line) string {
	if l.ID == "" {
		return l.Text
	}
	data := make(map[string]any, len(l.Data))
	for k, v := range l.Data {
		data[k] = v
	}
	text := strings.TrimSpace(e.cat.Text(lang, l.ID, e.data(data)))
	if l.First {
		text, _, _ = strings.Cut(text, "\n")
	}
	return strings.TrimSpace(text)
}

// spoken is turns with the bot's part in words (Bot), the kept messages
// (Say) rendered in lang.
func (e *Engine) spoken(lang string, turns []Exchange) []Exchange {
	if !slices.ContainsFunc(turns, func(x Exchange) bool { return len(x.Say) > 0 }) {
		return turns
	}
	out := make([]Exchange, len(turns))
	for i, x := range turns {
		if len(x.Say) > 0 {
			var lines []string
			for _, l := range x.Say {
				if s := e.line(lang, l); s != "" {
					lines = append(lines, s)
				}
			}
			x.Bot, x.Say = cutBot(strings.Join(lines, "\n")), nil
		}
		out[i] = x
	}
	return out
}

// Spoken is turns taken out of state (TakeTurns) with the bot's part in
// words, in the state's language: a wrapper that opens a case itself
// (the booking dialogue) gives them to the case so.
func (e *Engine) Spoken(state []byte, turns []Exchange) []Exchange {
	var st State
	if len(state) > 0 {
		_ = json.Unmarshal(state, &st) // an unreadable state: the default language
	}
	t := turn{e: e, st: e.sanitize(st)}
	return e.spoken(t.lang(), turns)
}

// bounded keeps the last maxRecent turns.
func bounded(xs []Exchange) []Exchange {
	if n := len(xs); n > maxRecent {
		return xs[n-maxRecent:]
	}
	return xs
}

// KeepTurns adds turns made outside the engine (the booking dialogue,
// which wraps the conversation and answers its own buttons) to a stored
// state, and the person's free texts to State.Said, bounded and cut as
// the engine's own, so that a case the person opens next reads them too.
// ids are the platform ids of said's messages, index by index ("" or
// missing for none): a text given back keeps its id, so that deleting it
// for everyone (Forget) still reaches it. A state that is empty or
// unreadable is returned as it is.
func KeepTurns(state []byte, said, ids []string, turns ...Exchange) []byte {
	var st State
	if len(state) == 0 || json.Unmarshal(state, &st) != nil || len(said)+len(turns) == 0 {
		return state
	}
	kept := saidIDs(st)
	for i, s := range said {
		if s = cut(s); s != "" {
			id := ""
			if i < len(ids) {
				id = ids[i]
			}
			st.Said, kept = append(st.Said, s), append(kept, id)
		}
	}
	if n := len(st.Said); n > maxSaid {
		st.Said, kept = st.Said[n-maxSaid:], kept[n-maxSaid:]
	}
	st.SaidIDs = nil
	if slices.ContainsFunc(kept, func(id string) bool { return id != "" }) {
		st.SaidIDs = kept
	}
	for _, x := range turns {
		x.Person, x.Bot = cut(x.Person), cutBot(x.Bot)
		if !x.empty() {
			st.Recent = append(st.Recent, x)
		}
	}
	st.Recent = bounded(st.Recent)
	b, err := json.Marshal(st)
	if err != nil {
		return state
	}
	return b
}

// TakeTurns takes the person's free texts and the recent turns out of a
// stored state, for a case opened outside the engine (the booking
// dialogue's "talk to a person"): they leave with the case as they leave
// with the engine's own Handoff. ids are the platform ids of said's
// messages, index by index ("" for none), nil when none has one. rest is
// the state without them. The bot's part of turns may still be the
// messages it said (Exchange.Say): Engine.Spoken puts it into words.
func TakeTurns(state []byte) (said, ids []string, turns []Exchange, rest []byte) {
	var st State
	if len(state) == 0 || json.Unmarshal(state, &st) != nil || len(st.Said)+len(st.Recent) == 0 {
		return nil, nil, nil, state
	}
	said, turns = st.Said, st.Recent
	if all := saidIDs(st); slices.ContainsFunc(all, func(id string) bool { return id != "" }) {
		ids = all
	}
	st.Said, st.SaidIDs, st.Recent = nil, nil, nil
	b, err := json.Marshal(st)
	if err != nil {
		return nil, nil, nil, state
	}
	return said, ids, turns, b
}

// cutBot shortens the bot's part of a turn to maxBotRunes.
func cutBot(text string) string {
	if utf8.RuneCountInString(text) <= maxBotRunes {
		return text
	}
	return string([]rune(text)[:maxBotRunes]) + "…"
}

// saidIDs are st.SaidIDs lined up with st.Said: a state written before
// the ids were kept, or by a channel without them, has fewer, and the
// missing ones are the oldest.
func saidIDs(st State) []string {
	ids := st.SaidIDs
	if len(ids) > len(st.Said) {
		ids = ids[len(ids)-len(st.Said):]
	}
	if n := len(st.Said) - len(ids); n > 0 {
		ids = append(make([]string, n), ids...)
	}
	return slices.Clone(ids)
}

// Forget takes out of the state the person's message id, which they
// deleted for everyone: a free text kept for a case (Said) goes, and its
// turn (Recent) keeps only the bot's answer, marked Deleted, so that the
// operator of a case opened later reads that something was taken back
// but not what. ok is false when the state holds nothing of it.
func (e *Engine) Forget(st State, id string) (State, bool) {
	if id == "" {
		return st, false
	}
	found := false
	ids := saidIDs(st)
	var said, kept []string
	for i, s := range st.Said {
		if ids[i] == id {
			found = true
			continue
		}
		said, kept = append(said, s), append(kept, ids[i])
	}
	if found {
		st.Said, st.SaidIDs = said, kept
		if !slices.ContainsFunc(kept, func(id string) bool { return id != "" }) {
			st.SaidIDs = nil
		}
	}
	if slices.ContainsFunc(st.Recent, func(x Exchange) bool { return x.ID == id }) {
		found = true
		st.Recent = slices.Clone(st.Recent)
		for i, x := range st.Recent {
			if x.ID == id {
				st.Recent[i] = Exchange{ID: x.ID, Bot: x.Bot, Say: x.Say, Deleted: true}
			}
		}
	}
	return st, found
}

// Edit puts the person's new text for their message id, which they
// edited, where the state keeps the message: a free text kept for a case
// (Said) and its turn (Recent, marked Edited), so that a case opened later
// reads what the person says now, not the words they changed. ok is false
// when the state holds nothing of it. A turn whose message was deleted
// stays deleted.
func (e *Engine) Edit(st State, id, text string) (State, bool) {
	text = cut(text)
	if id == "" || text == "" {
		return st, false
	}
	found := false
	if ids := saidIDs(st); slices.Contains(ids, id) {
		st.Said = slices.Clone(st.Said)
		for i := range st.Said {
			if ids[i] == id {
				st.Said[i], found = text, true
			}
		}
	}
	edits := func(x Exchange) bool { return x.ID == id && !x.Deleted && x.Person != "" }
	if slices.ContainsFunc(st.Recent, edits) {
		st.Recent = slices.Clone(st.Recent)
		for i, x := range st.Recent {
			if edits(x) {
				st.Recent[i].Person, st.Recent[i].Edited, found = text, true, true
			}
		}
	}
	return st, found
}
