package booking

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/flows"
)

// Choice ids of the booking dialogue. All start with "bk." and stay well
// under Telegram's 64 bytes of callback data (the longest, a cancel
// confirmation, is 12 bytes).
const (
	choicePrefix  = "bk."
	choiceDesk    = "bk.d." // + desk id
	choiceDay     = "bk.y." // + 2006-01-02
	choiceTime    = "bk.t." // + Unix seconds
	choiceMore    = "bk.more"
	choicePrev    = "bk.prev"
	choiceToday   = "bk.today"
	choiceDays    = "bk.days"
	choiceYes     = "bk.yes"
	choiceNo      = "bk.no"
	choiceList    = "bk.list"
	choiceCancel  = "bk.x."  // + code: asks
	choiceCancelY = "bk.xx." // + code: cancels
	choiceMove    = "bk.mv." // + code
	choiceAttend  = "bk.ok." // + code
	choiceWait    = "bk.wl"  // join the waiting list
	choicePerson  = "bk.hp"  // ask for a person of the desk
	// + offer id (12 bytes): accept or decline a place of the waiting list
	choiceOfferYes = "bk.wy."
	choiceOfferNo  = "bk.wn."
)

// Screens of the dialogue.
const (
	stepDesk    = "desk"
	stepDay     = "day"
	stepTime    = "time"
	stepConfirm = "confirm"
	stepOther   = "other"
	stepNone    = "none"
)

// Per screen: a few choices, then "more".
const (
	daysPerScreen  = 4
	timesPerScreen = 6
)

// dialogue is what the booking dialogue remembers between messages, in
// Redis for a day.
type dialogue struct {
	Step  string `json:"s"`
	Lang  string `json:"l"`
	Area  string `json:"a,omitempty"`
	Topic string `json:"p,omitempty"`
	Desk  string `json:"d,omitempty"`
	Svc   string `json:"o,omitempty"`
	Day   string `json:"y,omitempty"`
	Page  int    `json:"g,omitempty"`
	Slot  int64  `json:"t,omitempty"`
	// Move is the code of the appointment being moved.
	Move string `json:"m,omitempty"`
	// Offered are the choices of the last screen, for typed numbers.
	Offered []bot.Choice `json:"c,omitempty"`
}

const dialogueTTL = 24 * time.Hour

func (s *Service) dlgKey(c bot.Contact) string { return s.keys.ContactKey(c.Key(), "booking:dlg") }

func (s *Service) loadDialogue(ctx context.Context, c bot.Contact) (dialogue, bool, error) {
	return s.loadDialoguePreloaded(ctx, c, nil)
}

// loadDialoguePreloaded is loadDialogue, taken from preloaded (a
// dispatcher's Turn.Preloaded) when the dialogue was read there.
func (s *Service) loadDialoguePreloaded(ctx context.Context, c bot.Contact, preloaded map[string]bot.Preloaded) (dialogue, bool, error) {
	var b []byte
	if p, read := preloaded[s.dlgKey(c)]; read {
		if !p.Exists {
			noteOf(ctx).loaded(false)
			return dialogue{}, false, nil
		}
		b = []byte(p.Value)
	} else {
		v, err := s.rdb.Get(ctx, s.dlgKey(c)).Bytes()
		if errors.Is(err, redis.Nil) {
			noteOf(ctx).loaded(false)
			return dialogue{}, false, nil
		}
		if err != nil {
			return dialogue{}, false, fmt.Errorf("booking dialogue: %w", err)
		}
		b = v
	}
	// There, readable or not: the hint stays until it is deleted.
	noteOf(ctx).loaded(true)
	var d dialogue
	if json.Unmarshal(b, &d) != nil {
		return dialogue{}, false, nil
	}
	return d, true, nil
}

func (s *Service) saveDialogue(ctx context.Context, c bot.Contact, d dialogue) error {
	b, _ := json.Marshal(d)
	// Noted before the write: a write that fails may have been made.
	noteOf(ctx).wrote(true)
	if err := s.rdb.Set(ctx, s.dlgKey(c), b, dialogueTTL).Err(); err != nil {
		return fmt.Errorf("booking dialogue: %w", err)
	}
	return nil
}

func (s *Service) endDialogue(ctx context.Context, c bot.Contact) error {
	if err := s.rdb.Del(ctx, s.dlgKey(c)).Err(); err != nil {
		return fmt.Errorf("booking dialogue: %w", err)
	}
	noteOf(ctx).wrote(false)
	return nil
}

// hintDialogue is the contact's hint (bot.Hinted) that a booking dialogue
// may go on: the dialogue is read only while it is set, so a message of
// someone who is not booking reads nothing of booking. Only the
// dialogue's turns write the dialogue (saveDialogue, endDialogue), and
// each states the hint as its turn left the dialogue (dialogueNote).
const hintDialogue = "booking"

// dialogueNote is what one turn learnt of the dialogue's key: whether it
// was there when read, and whether the turn wrote or deleted it since
// (the last of those counts). It rides in the turn's context, as the
// dialogue is read and written deep in the turn.
type dialogueNote struct {
	read, there, written, now bool
}

type noteKey struct{}

// noteOf is the turn's note, or one that goes nowhere outside a turn.
func noteOf(ctx context.Context) *dialogueNote {
	if n, ok := ctx.Value(noteKey{}).(*dialogueNote); ok {
		return n
	}
	return &dialogueNote{}
}

func (n *dialogueNote) loaded(there bool) {
	if !n.written {
		n.read, n.there = true, there
	}
}

func (n *dialogueNote) wrote(there bool) { n.written, n.now = true, there }

// hint is what the turn says of the hint: stated false when it knows
// the dialogue to be gone.
func (n *dialogueNote) hint() (on, stated bool) {
	switch {
	case n.written:
		return n.now, true
	case n.read:
		return n.there, true
	}
	return false, false
}

// Wrap puts the booking dialogue in front of next (the flows
// conversation): a "book" choice of the flows becomes the dialogue's first
// screen; while it goes on, the dialogue's buttons and typed numbers are
// handled here; anything else (/menu, /delete, free text) ends it and goes
// to next. "/appointments" (or "My appointments" in the person's language)
// lists the person's appointments to cancel or move.
func (s *Service) Wrap(next bot.Handler) bot.Handler { return wrapped{s: s, next: next} }

type wrapped struct {
	s    *Service
	next bot.Handler
}

// Preload implements bot.Preloader: the booking dialogue is read with the
// conversation's state.
func (w wrapped) Preload(c bot.Contact) []string {
	keys := []string{w.s.dlgKey(c)}
	if p, ok := w.next.(bot.Preloader); ok {
		keys = append(keys, p.Preload(c)...)
	}
	return keys
}

// PreloadHints implements bot.Hinted: the dialogue is read while one may
// go on (hintDialogue).
func (w wrapped) PreloadHints(c bot.Contact) map[string]string {
	h := map[string]string{w.s.dlgKey(c): hintDialogue}
	if p, ok := w.next.(bot.Hinted); ok {
		maps.Copy(h, p.PreloadHints(c))
	}
	return h
}

func (w wrapped) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	note := &dialogueNote{}
	out, err := w.turn(context.WithValue(ctx, noteKey{}, note), t)
	if err != nil {
		return out, err
	}
	if on, stated := note.hint(); stated {
		out.Hints = maps.Clone(out.Hints)
		if out.Hints == nil {
			out.Hints = map[string]bool{}
		}
		out.Hints[hintDialogue] = on
	}
	return out, nil
}

// turn is Handle's turn.
func (w wrapped) turn(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	if t.Message.Revokes != "" || t.Message.Late {
		// The person deleted a message, or wrote it long ago while the
		// channel was offline (a "2" then must not book the slot shown
		// now): the conversation answers, and an open booking dialogue
		// goes on.
		return w.next.Handle(ctx, t)
	}
	s := w.s
	dlg, active, err := s.loadDialoguePreloaded(ctx, t.Contact, t.Preloaded)
	if err != nil {
		return bot.Outcome{}, err
	}
	lang := s.langOf(t.State, dlg.Lang)
	m := t.Message
	text := strings.TrimSpace(m.Text)
	// chosen answers a choice of the dialogue and keeps the turn for a
	// case, as the conversation keeps its own.
	chosen := func(id string) (bot.Outcome, error) {
		out, err := s.choose(ctx, t.Contact, lang, dlg, id)
		if err != nil {
			return out, err
		}
		return kept(t.State, out, labelOf(dlg.Offered, id, m.Text), m.ID, w.next), nil
	}
	switch {
	case strings.HasPrefix(m.Choice, choicePrefix):
		return chosen(m.Choice)
	case s.appointmentsCommand(text, lang):
		if active {
			if err := s.endDialogue(ctx, t.Contact); err != nil {
				return bot.Outcome{}, err
			}
		}
		return s.list(ctx, t.Contact, lang)
	case active && m.Choice == "" && text != "" && !strings.HasPrefix(text, "/"):
		if id, ok := matchChoice(text, dlg.Offered); ok {
			if strings.HasPrefix(id, choicePrefix) {
				return chosen(id)
			}
			// A flows choice offered on a booking screen ("Menu").
			t.Message.Text, t.Message.Choice = "", id
		}
	}
	if active {
		if err := s.endDialogue(ctx, t.Contact); err != nil {
			return bot.Outcome{}, err
		}
	}
	out, err := w.next.Handle(ctx, t)
	if err != nil {
		return out, err
	}
	if err := s.followLanguage(ctx, t.Contact, t.State, out.State); err != nil {
		return bot.Outcome{}, err
	}
	if s.asksToChange(m.Text, lang) && !slices.ContainsFunc(out.Events, isHandoff) {
		// The conversation read the words first: anything urgent, or
		// asking for a person, goes its way; otherwise the list answers.
		l, err := s.list(ctx, t.Contact, s.langOf(out.State, lang))
		if err != nil {
			return bot.Outcome{}, err
		}
		// A danger half told with the words ("I need to change my
		// appointment, my husband threatened me again") keeps its numbers
		// under the list.
		out.Answer(l.Replies)
		if t.State != nil {
			// Handled here: the conversation does not count the words
			// as misunderstood nor keep them for a case.
			out.State = t.State
		}
		return out, nil
	}
	if len(s.order) == 0 {
		// No desk takes bookings: the flows' own handoff stands, and a
		// person of the desk fixes the appointment.
		return out, nil
	}
	for _, e := range out.Events {
		if h, ok := e.(bot.HandoffRequested); ok && h.Reason == bot.ReasonAppointment {
			l := h.Lang
			if l == "" {
				l = s.langOf(out.State, lang)
			}
			start, err := s.start(ctx, t.Contact, dialogue{Lang: l, Area: h.Area, Topic: h.Topic})
			if err != nil {
				return bot.Outcome{}, err
			}
			out.Events = start.Events
			out.Answer(start.Replies)
			// The request took the turns before it out of the state, and
			// ends with its own (flows.Handoff): a case opened now holds
			// them, else they go back to the state with what the
			// dialogue asked.
			if i := handoffAt(out.Events); i >= 0 {
				opened := out.Events[i].(bot.HandoffRequested)
				opened.Said, opened.SaidIDs, opened.Recent = h.Said, h.SaidIDs, h.Recent
				out.Events[i] = opened
				break
			}
			turns := toFlows(h.Recent)
			if n := len(turns); n > 0 && turns[n-1].Bot == "" {
				turns[n-1].Bot = asked(out.Replies)
			}
			out.State = flows.KeepTurns(out.State, h.Said, h.SaidIDs, turns...)
			break
		}
	}
	return out, nil
}

// langKey holds the person's language when they changed it after booking,
// so that reminders come in the language they read now, not the one they
// booked in. It lives as long as an appointment can be ahead.
func (s *Service) langKey(c bot.Contact) string { return s.keys.ContactKey(c.Key(), "booking:lang") }

// followLanguage notes a change of language made in this turn (before and
// after differ); other turns cost nothing.
func (s *Service) followLanguage(ctx context.Context, c bot.Contact, before, after []byte) error {
	from, to := stateLang(before), stateLang(after)
	if after == nil || to == "" || to == from || !s.cat.Supported(to) {
		return nil
	}
	ttl := time.Duration(s.cfg.HorizonDays+2) * 24 * time.Hour
	if err := s.rdb.Set(ctx, s.langKey(c), to, ttl).Err(); err != nil {
		return fmt.Errorf("booking: noting the language: %w", err)
	}
	return nil
}

// stateLang is the language of a stored flows state, "" when none.
func stateLang(state []byte) string { return flows.StateLang(state) }

// personLang is the language to write to the person of a in now: the one
// they changed to after booking, else the booking's.
func (s *Service) personLang(ctx context.Context, a Appointment) string {
	if l, err := s.rdb.Get(ctx, s.langKey(a.Contact)).Result(); err == nil && s.cat.Supported(l) {
		return l
	}
	return a.Lang
}

// langOf reads the language from the flows state.
func (s *Service) langOf(state []byte, fallback string) string {
	if l := flows.StateLang(state); s.cat.Supported(l) {
		return l
	}
	if s.cat.Supported(fallback) {
		return fallback
	}
	return s.cat.Default()
}

// appointmentsCommand recognises "/appointments" (and its other names in
// every catalogue, words.command.appointments) and the words of the "My
// appointments" button in the person's language, English or Italian.
func (s *Service) appointmentsCommand(text, lang string) bool {
	if strings.HasPrefix(strings.TrimSpace(text), "/") {
		return s.words.Intent(text, "") == flows.IntentAppointments
	}
	w := flows.Normalize(text)
	if w == "" || utf8.RuneCountInString(w) > 40 {
		return false
	}
	for _, l := range []string{lang, "en", "it"} {
		if w == flows.Normalize(s.msg(l, "booking.my")) {
			return true
		}
	}
	return false
}

// asksToChange recognises "I want to cancel my appointment" in the
// person's words (their language, English or Italian): a word for an
// appointment and one for cancelling or moving it.
func (s *Service) asksToChange(text, lang string) bool {
	w := flows.Normalize(text)
	if w == "" || strings.HasPrefix(text, "/") {
		return false
	}
	for _, l := range []string{lang, "en", "it"} {
		if mentions(w, s.msg(l, "booking.words.appointment")) && mentions(w, s.msg(l, "booking.words.change")) {
			return true
		}
	}
	return false
}

// mentions reports whether normalised text has a word starting with one
// of the comma-separated stems (anywhere in it for scripts written without
// spaces, such as Chinese). Stems are compared as normalised text too,
// where Bengali vowel signs also split words.
func mentions(text, stems string) bool {
	padded := " " + text
	for _, stem := range strings.Split(stems, ",") {
		stem = flows.Normalize(stem)
		if stem == "" {
			continue
		}
		if unicode.Is(unicode.Han, []rune(stem)[0]) {
			if strings.Contains(text, stem) {
				return true
			}
			continue
		}
		if strings.Contains(padded, " "+stem) {
			return true
		}
	}
	return false
}

// offerings finds the desks offering the service: the topic itself, else
// the whole area.
func (s *Service) offerings(area, topic string) []*desk {
	var exact, byArea []*desk
	for _, d := range s.order {
		if _, ok := d.offering(area + "." + topic); ok && topic != "" {
			exact = append(exact, d)
		} else if _, ok := d.offering(area + "."); ok {
			byArea = append(byArea, d)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return byArea
}

func (s *Service) offeringAt(d *desk, area, topic string) (Offering, bool) {
	if o, ok := d.offering(area + "." + topic); ok && topic != "" {
		return o, true
	}
	return d.offering(area + ".")
}

// start opens the dialogue: the desk to choose when several offer the
// service, else the days.
func (s *Service) start(ctx context.Context, c bot.Contact, dlg dialogue) (bot.Outcome, error) {
	desks := s.offerings(dlg.Area, dlg.Topic)
	if len(desks) == 0 {
		return s.noSlots(ctx, c, dlg)
	}
	if len(desks) == 1 {
		o, _ := s.offeringAt(desks[0], dlg.Area, dlg.Topic)
		dlg.Desk, dlg.Svc = desks[0].ID, o.Key()
		return s.daysScreen(ctx, c, dlg, 0, "")
	}
	dlg.Step = stepDesk
	dlg.Offered = nil
	for _, d := range desks {
		dlg.Offered = append(dlg.Offered, bot.Choice{ID: choiceDesk + d.ID, Label: d.name(dlg.Lang)})
	}
	dlg.Offered = append(dlg.Offered, bot.Choice{ID: flows.MenuChoice, Label: s.msg(dlg.Lang, "choice.menu")})
	return s.screen(ctx, c, dlg, s.msg(dlg.Lang, "booking.choose_desk"), nil)
}

// screen saves the dialogue and shows text with its choices.
func (s *Service) screen(ctx context.Context, c bot.Contact, dlg dialogue, text string, events []bot.Event) (bot.Outcome, error) {
	if err := s.saveDialogue(ctx, c, dlg); err != nil {
		return bot.Outcome{}, err
	}
	return bot.Outcome{Replies: []bot.Reply{{Text: text, Choices: dlg.Offered, RTL: s.rtl(dlg.Lang)}}, Events: events}, nil
}

// say ends the dialogue with a message and a few ways on.
func (s *Service) say(ctx context.Context, c bot.Contact, lang, text string, choices ...bot.Choice) (bot.Outcome, error) {
	if err := s.endDialogue(ctx, c); err != nil {
		return bot.Outcome{}, err
	}
	return bot.Outcome{Replies: []bot.Reply{{Text: text, Choices: choices, RTL: s.rtl(lang)}}}, nil
}

func (s *Service) menuChoice(lang string) bot.Choice {
	return bot.Choice{ID: flows.MenuChoice, Label: s.msg(lang, "choice.menu")}
}
func (s *Service) listChoice(lang string) bot.Choice {
	return bot.Choice{ID: choiceList, Label: s.msg(lang, "booking.my")}
}

// noSlots says plainly that nothing is free. When the desk is known it
// offers the waiting list or a person; otherwise (no desk offers the
// service, or a move) it asks for a person of the desk at once (the
// handoff opens from the event).
func (s *Service) noSlots(ctx context.Context, c bot.Contact, dlg dialogue) (bot.Outcome, error) {
	if dlg.Desk != "" && dlg.Move == "" {
		dlg.Step, dlg.Page, dlg.Day, dlg.Slot = stepNone, 0, "", 0
		dlg.Offered = []bot.Choice{
			{ID: choiceWait, Label: s.msg(dlg.Lang, "booking.wait_join")},
			{ID: choicePerson, Label: s.msg(dlg.Lang, "booking.wait_person")},
			s.menuChoice(dlg.Lang),
		}
		return s.screen(ctx, c, dlg, s.msg(dlg.Lang, "booking.none_wait"), nil)
	}
	if err := s.endDialogue(ctx, c); err != nil {
		return bot.Outcome{}, err
	}
	return bot.Outcome{
		Replies: []bot.Reply{{Text: s.msg(dlg.Lang, "booking.none"), RTL: s.rtl(dlg.Lang)}},
		Events:  []bot.Event{s.noSlotsEvent(dlg)},
	}, nil
}

func (s *Service) noSlotsEvent(dlg dialogue) bot.Event {
	return bot.HandoffRequested{Reason: bot.ReasonNoSlots, Area: dlg.Area, Topic: dlg.Topic, Lang: dlg.Lang}
}

func isHandoff(e bot.Event) bool {
	_, ok := e.(bot.HandoffRequested)
	return ok
}

// waitChoice answers the choices of the "nothing free" screen.
func (s *Service) waitChoice(ctx context.Context, c bot.Contact, dlg dialogue, id string) (bot.Outcome, error) {
	lang := dlg.Lang
	if dlg.Step != stepNone || dlg.Desk == "" {
		return s.expired(ctx, c, lang)
	}
	if id == choicePerson {
		if err := s.endDialogue(ctx, c); err != nil {
			return bot.Outcome{}, err
		}
		return bot.Outcome{
			Replies: []bot.Reply{{Text: s.msg(lang, "booking.person"), RTL: s.rtl(lang)}},
			Events:  []bot.Event{s.noSlotsEvent(dlg)},
		}, nil
	}
	if err := s.JoinWaitlist(ctx, c, lang, dlg.Desk, dlg.Svc); err != nil {
		if errors.Is(err, ErrUnavailable) {
			return s.expired(ctx, c, lang)
		}
		return bot.Outcome{}, err
	}
	return s.say(ctx, c, lang, s.msg(lang, "booking.wait_joined"), s.menuChoice(lang))
}

// offerChoice answers a waiting-list offer.
func (s *Service) offerChoice(ctx context.Context, c bot.Contact, lang, id string, accept bool) (bot.Outcome, error) {
	if !accept {
		err := s.DeclineOffer(ctx, c, id)
		if err != nil && !errors.Is(err, errHoldGone) {
			return bot.Outcome{}, err
		}
		return s.say(ctx, c, lang, s.msg(lang, "booking.offer_declined"), s.menuChoice(lang))
	}
	a, err := s.AcceptOffer(ctx, c, id)
	switch {
	case err == nil:
		out, err := s.say(ctx, c, lang, s.msg(lang, "booking.booked")+"\n\n"+s.details(lang, a, s.docsFor(a, "")), s.listChoice(lang), s.menuChoice(lang))
		out.Events = append(out.Events, bookedEvent(a))
		return out, err
	case errors.Is(err, errHoldGone), errors.Is(err, ErrSameTime), errors.Is(err, ErrUnavailable):
		return s.say(ctx, c, lang, s.msg(lang, "booking.offer_late"), s.listChoice(lang), s.menuChoice(lang))
	}
	return bot.Outcome{}, err
}

// daysScreen offers the days with free slots, a few per screen; prefix is
// said first (a slot just taken).
func (s *Service) daysScreen(ctx context.Context, c bot.Contact, dlg dialogue, page int, prefix string) (bot.Outcome, error) {
	d, o, ok := s.current(dlg)
	if !ok {
		return s.expired(ctx, c, dlg.Lang)
	}
	days, err := s.days(ctx, d, o, s.clock())
	if err != nil {
		return bot.Outcome{}, err
	}
	if len(days) == 0 {
		out, err := s.noSlots(ctx, c, dlg)
		if prefix != "" && err == nil {
			out.Replies[0].Text = prefix + "\n\n" + out.Replies[0].Text
		}
		return out, err
	}
	if page*daysPerScreen >= len(days) {
		page = 0
	}
	dlg.Step, dlg.Page, dlg.Day, dlg.Slot = stepDay, page, "", 0
	dlg.Offered = nil
	for _, day := range days[page*daysPerScreen : min(len(days), (page+1)*daysPerScreen)] {
		t, _ := time.ParseInLocation(time.DateOnly, day, d.loc)
		dlg.Offered = append(dlg.Offered, bot.Choice{ID: choiceDay + day, Label: s.formatDate(dlg.Lang, t)})
	}
	if (page+1)*daysPerScreen < len(days) {
		dlg.Offered = append(dlg.Offered, bot.Choice{ID: choiceMore, Label: s.msg(dlg.Lang, "booking.more")})
	}
	// A way back through the pages, and to the soonest days at once.
	if page > 0 {
		dlg.Offered = append(dlg.Offered, bot.Choice{ID: choicePrev, Label: s.msg(dlg.Lang, "booking.previous")})
	}
	if page > 1 {
		dlg.Offered = append(dlg.Offered, bot.Choice{ID: choiceToday, Label: s.msg(dlg.Lang, "booking.from_today")})
	}
	dlg.Offered = append(dlg.Offered, s.menuChoice(dlg.Lang))
	text := s.msg(dlg.Lang, "booking.choose_day")
	if len(s.order) > 1 || dlg.Move != "" {
		// Isolated like the place in details: a Latin name first would
		// turn a right-to-left page around.
		text = s.ltr(dlg.Lang, d.name(dlg.Lang)) + "\n" + text
	}
	if prefix != "" {
		text = prefix + "\n\n" + text
	}
	return s.screen(ctx, c, dlg, text, nil)
}

// timesScreen offers the free times of dlg.Day.
func (s *Service) timesScreen(ctx context.Context, c bot.Contact, dlg dialogue, page int, prefix string) (bot.Outcome, error) {
	d, o, ok := s.current(dlg)
	if !ok {
		return s.expired(ctx, c, dlg.Lang)
	}
	free, err := s.free(ctx, d, o, dlg.Day, s.clock())
	if err != nil {
		return bot.Outcome{}, err
	}
	if len(free) == 0 {
		return s.daysScreen(ctx, c, dlg, 0, prefix)
	}
	if page*timesPerScreen >= len(free) {
		page = 0
	}
	dlg.Step, dlg.Page, dlg.Slot = stepTime, page, 0
	dlg.Offered = nil
	for _, t := range free[page*timesPerScreen : min(len(free), (page+1)*timesPerScreen)] {
		dlg.Offered = append(dlg.Offered, bot.Choice{ID: choiceTime + strconv.FormatInt(t.Unix(), 10), Label: s.formatTime(dlg.Lang, t.In(d.loc))})
	}
	if (page+1)*timesPerScreen < len(free) {
		dlg.Offered = append(dlg.Offered, bot.Choice{ID: choiceMore, Label: s.msg(dlg.Lang, "booking.more")})
	}
	if page > 0 {
		dlg.Offered = append(dlg.Offered, bot.Choice{ID: choicePrev, Label: s.msg(dlg.Lang, "booking.previous")})
	}
	dlg.Offered = append(dlg.Offered, bot.Choice{ID: choiceDays, Label: s.msg(dlg.Lang, "booking.other_day")}, s.menuChoice(dlg.Lang))
	day, _ := time.ParseInLocation(time.DateOnly, dlg.Day, d.loc)
	text := s.formatDate(dlg.Lang, day) + "\n" + s.msg(dlg.Lang, "booking.choose_time")
	if prefix != "" {
		text = prefix + "\n\n" + text
	}
	return s.screen(ctx, c, dlg, text, nil)
}

func (s *Service) current(dlg dialogue) (*desk, Offering, bool) {
	d := s.desks[dlg.Desk]
	if d == nil {
		return nil, Offering{}, false
	}
	o, ok := d.offering(dlg.Svc)
	return d, o, ok
}

// startedAnswer refuses to cancel or move an appointment that has started
// (an old button of a reminder or a list).
func (s *Service) startedAnswer(ctx context.Context, c bot.Contact, lang string) (bot.Outcome, error) {
	return s.say(ctx, c, lang, s.msg(lang, "booking.started"), s.listChoice(lang), s.menuChoice(lang))
}

// expired answers a button of a dialogue that is over.
func (s *Service) expired(ctx context.Context, c bot.Contact, lang string) (bot.Outcome, error) {
	return s.say(ctx, c, lang, s.msg(lang, "booking.expired"), s.listChoice(lang), s.menuChoice(lang))
}

// choose handles one of the dialogue's choices.
func (s *Service) choose(ctx context.Context, c bot.Contact, lang string, dlg dialogue, id string) (bot.Outcome, error) {
	dlg.Lang = lang
	arg := func(prefix string) (string, bool) { return strings.CutPrefix(id, prefix) }
	if v, ok := arg(choiceDesk); ok {
		d := s.desks[v]
		if d == nil || dlg.Area == "" {
			return s.expired(ctx, c, lang)
		}
		o, ok := s.offeringAt(d, dlg.Area, dlg.Topic)
		if !ok {
			return s.expired(ctx, c, lang)
		}
		dlg.Desk, dlg.Svc = d.ID, o.Key()
		return s.daysScreen(ctx, c, dlg, 0, "")
	}
	if v, ok := arg(choiceDay); ok {
		dlg.Day = v
		return s.timesScreen(ctx, c, dlg, 0, "")
	}
	if v, ok := arg(choiceTime); ok {
		unix, err := strconv.ParseInt(v, 10, 64)
		if err != nil || dlg.Desk == "" {
			return s.expired(ctx, c, lang)
		}
		return s.confirmScreen(ctx, c, dlg, unix)
	}
	if v, ok := arg(choiceOfferYes); ok {
		return s.offerChoice(ctx, c, lang, v, true)
	}
	if v, ok := arg(choiceOfferNo); ok {
		return s.offerChoice(ctx, c, lang, v, false)
	}
	if v, ok := arg(choiceCancelY); ok {
		return s.cancelNow(ctx, c, lang, v)
	}
	if v, ok := arg(choiceCancel); ok {
		return s.cancelAsk(ctx, c, lang, v)
	}
	if v, ok := arg(choiceMove); ok {
		a, err := s.Get(ctx, v)
		if errors.Is(err, ErrNotFound) || err == nil && a.Contact != c {
			return s.say(ctx, c, lang, s.msg(lang, "booking.not_found"), s.listChoice(lang), s.menuChoice(lang))
		}
		if err != nil {
			return bot.Outcome{}, err
		}
		if s.started(a) {
			return s.startedAnswer(ctx, c, lang)
		}
		area, topic, _ := strings.Cut(a.Service, ".")
		return s.daysScreen(ctx, c, dialogue{Lang: lang, Area: area, Topic: topic, Desk: a.Desk, Svc: a.Service, Move: a.Code}, 0, "")
	}
	if v, ok := arg(choiceAttend); ok {
		if _, err := s.Get(ctx, v); errors.Is(err, ErrNotFound) {
			return s.say(ctx, c, lang, s.msg(lang, "booking.not_found"), s.listChoice(lang), s.menuChoice(lang))
		}
		return s.say(ctx, c, lang, s.msg(lang, "booking.see_you"), s.menuChoice(lang))
	}
	switch id {
	case choiceMore:
		switch dlg.Step {
		case stepDay:
			return s.daysScreen(ctx, c, dlg, dlg.Page+1, "")
		case stepTime:
			return s.timesScreen(ctx, c, dlg, dlg.Page+1, "")
		}
	case choicePrev:
		switch dlg.Step {
		case stepDay:
			return s.daysScreen(ctx, c, dlg, max(dlg.Page-1, 0), "")
		case stepTime:
			return s.timesScreen(ctx, c, dlg, max(dlg.Page-1, 0), "")
		}
	case choiceToday:
		if dlg.Step == stepDay {
			return s.daysScreen(ctx, c, dlg, 0, "")
		}
	case choiceDays, choiceNo:
		if dlg.Desk != "" {
			return s.daysScreen(ctx, c, dlg, 0, "")
		}
	case choiceYes:
		if dlg.Step == stepConfirm {
			return s.confirm(ctx, c, dlg)
		}
	case choiceList:
		return s.list(ctx, c, lang)
	case choiceWait, choicePerson:
		return s.waitChoice(ctx, c, dlg, id)
	}
	return s.expired(ctx, c, lang)
}

// confirmScreen repeats the chosen appointment and asks to book it.
func (s *Service) confirmScreen(ctx context.Context, c bot.Contact, dlg dialogue, unix int64) (bot.Outcome, error) {
	_, o, ok := s.current(dlg)
	if !ok {
		return s.expired(ctx, c, dlg.Lang)
	}
	dlg.Step, dlg.Slot = stepConfirm, unix
	dlg.Offered = []bot.Choice{
		{ID: choiceYes, Label: s.msg(dlg.Lang, "booking.yes")},
		{ID: choiceNo, Label: s.msg(dlg.Lang, "booking.other_day")},
		s.menuChoice(dlg.Lang),
	}
	a := Appointment{Desk: dlg.Desk, Service: o.Key(), Start: time.Unix(unix, 0)}
	return s.screen(ctx, c, dlg, s.msg(dlg.Lang, "booking.confirm_ask")+"\n\n"+s.details(dlg.Lang, a, ""), nil)
}

// confirm books (or moves to) the chosen slot; when someone was faster,
// the person is told and offered the other times.
func (s *Service) confirm(ctx context.Context, c bot.Contact, dlg dialogue) (bot.Outcome, error) {
	start := time.Unix(dlg.Slot, 0)
	var a Appointment
	var err error
	if dlg.Move != "" {
		a, err = s.Move(ctx, c, dlg.Move, start)
	} else {
		a, err = s.Book(ctx, c, dlg.Lang, dlg.Desk, dlg.Svc, start)
	}
	lang := dlg.Lang
	if d := s.desks[dlg.Desk]; d != nil {
		// The other times offered after a miss are of the same day.
		dlg.Day = d.day(start)
	}
	switch {
	case err == nil:
		head := "booking.booked"
		if dlg.Move != "" {
			head = "booking.moved"
		}
		out, err := s.say(ctx, c, lang, s.msg(lang, head)+"\n\n"+s.details(lang, a, s.docsFor(a, dlg.Topic)), s.listChoice(lang), s.menuChoice(lang))
		out.Events = append(out.Events, bookedEvent(a))
		return out, err
	case errors.Is(err, ErrTaken), errors.Is(err, ErrUnavailable), errors.Is(err, ErrBlocked):
		return s.timesScreen(ctx, c, dlg, 0, s.msg(lang, "booking.taken"))
	case errors.Is(err, ErrSameTime):
		return s.timesScreen(ctx, c, dlg, 0, s.msg(lang, "booking.same_time"))
	case errors.Is(err, ErrNotFound):
		return s.say(ctx, c, lang, s.msg(lang, "booking.not_found"), s.listChoice(lang), s.menuChoice(lang))
	case errors.Is(err, ErrStarted):
		return s.startedAnswer(ctx, c, lang)
	}
	return bot.Outcome{}, err
}

// bookedEvent tells the runtime the person has an appointment at a desk
// (campaigns segment people by desk), whichever way it was booked.
func bookedEvent(a Appointment) bot.Event {
	return bot.Booked{Desk: a.Desk}
}

// list shows the person's appointments, each with buttons to move or
// cancel it.
func (s *Service) list(ctx context.Context, c bot.Contact, lang string) (bot.Outcome, error) {
	as, err := s.Appointments(ctx, c)
	if err != nil {
		return bot.Outcome{}, err
	}
	if len(as) == 0 {
		return s.say(ctx, c, lang, s.msg(lang, "booking.list_empty"), s.menuChoice(lang))
	}
	text := s.msg(lang, "booking.list_title")
	var choices []bot.Choice
	for i, a := range as {
		n := s.ltr(lang, strconv.Itoa(i+1)+".")
		text += "\n\n" + n + "\n" + s.details(lang, a, "")
		// Several appointments: each button says which by its day (and
		// time, when two share a day), in words, not by the code.
		label := func(id string) string {
			d := s.desks[a.Desk]
			if len(as) == 1 || d == nil {
				return s.msg(lang, id)
			}
			start := a.Start.In(d.loc)
			when := s.formatDate(lang, start)
			if slices.ContainsFunc(as, func(o Appointment) bool {
				return o.Code != a.Code && o.Start.In(d.loc).Format(time.DateOnly) == start.Format(time.DateOnly)
			}) {
				when += " " + s.formatTime(lang, start)
			}
			return s.msg(lang, id) + " · " + when
		}
		choices = append(choices,
			bot.Choice{ID: choiceMove + a.Code, Label: label("booking.move")},
			bot.Choice{ID: choiceCancel + a.Code, Label: label("booking.cancel")})
	}
	choices = append(choices, s.menuChoice(lang))
	if err := s.saveDialogue(ctx, c, dialogue{Step: stepOther, Lang: lang, Offered: choices}); err != nil {
		return bot.Outcome{}, err
	}
	return bot.Outcome{Replies: []bot.Reply{{Text: text, Choices: choices, RTL: s.rtl(lang)}}}, nil
}

func (s *Service) cancelAsk(ctx context.Context, c bot.Contact, lang, code string) (bot.Outcome, error) {
	a, err := s.Get(ctx, code)
	if errors.Is(err, ErrNotFound) || err == nil && a.Contact != c {
		return s.say(ctx, c, lang, s.msg(lang, "booking.not_found"), s.listChoice(lang), s.menuChoice(lang))
	}
	if err != nil {
		return bot.Outcome{}, err
	}
	if s.started(a) {
		return s.startedAnswer(ctx, c, lang)
	}
	choices := []bot.Choice{
		{ID: choiceCancelY + a.Code, Label: s.msg(lang, "booking.cancel_yes")},
		{ID: choiceList, Label: s.msg(lang, "booking.cancel_no")},
	}
	if err := s.saveDialogue(ctx, c, dialogue{Step: stepOther, Lang: lang, Offered: choices}); err != nil {
		return bot.Outcome{}, err
	}
	return bot.Outcome{Replies: []bot.Reply{{Text: s.msg(lang, "booking.cancel_ask") + "\n\n" + s.details(lang, a, ""), Choices: choices, RTL: s.rtl(lang)}}}, nil
}

func (s *Service) cancelNow(ctx context.Context, c bot.Contact, lang, code string) (bot.Outcome, error) {
	err := s.Cancel(ctx, c, code)
	if errors.Is(err, ErrNotFound) {
		return s.say(ctx, c, lang, s.msg(lang, "booking.not_found"), s.listChoice(lang), s.menuChoice(lang))
	}
	if errors.Is(err, ErrStarted) {
		return s.startedAnswer(ctx, c, lang)
	}
	if err != nil {
		return bot.Outcome{}, err
	}
	return s.say(ctx, c, lang, s.msg(lang, "booking.cancelled"), s.listChoice(lang), s.menuChoice(lang))
}

// matchChoice finds the choice a typed text names, the way the flows do:
// its number in any script's digits, or its label.
func matchChoice(s string, choices []bot.Choice) (string, bool) {
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.Label
	}
	i, ok := flows.MatchChoice(s, labels)
	if !ok {
		return "", false
	}
	return choices[i].ID, true
}
