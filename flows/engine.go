// Package flows is the conversation engine: a pure function from the
// person's state and message (and the time) to a new state and actions. It
// does no I/O; the runtime carries the actions out.
package flows

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"frontdoor/flows/triage"
	"frontdoor/locales"
)

// Input is one message from the person, channel-neutral.
type Input struct {
	Text string
	// Choice is the id of an offered option the person picked.
	Choice string
	// Attachment is the kind of non-text content ("voice", "photo", ...).
	Attachment string
	// LangHint is the language the person's app reports.
	LangHint string
}

// State is all the engine remembers of a person between messages. Field
// names are short because every contact stores one.
type State struct {
	Lang    string `json:"l,omitempty"`
	Consent bool   `json:"c,omitempty"`
	// Node is the current screen; "" before the menu is reached.
	Node string `json:"n,omitempty"`
	// Back is the way back through the nodes, most recent last.
	Back []string `json:"b,omitempty"`
	// Confirm names a question awaiting yes or no ("delete").
	Confirm string `json:"k,omitempty"`
	Area    string `json:"a,omitempty"`
	Topic   string `json:"p,omitempty"`
	// Source is the deep-link tag the person came with (a campaign, a desk).
	Source string `json:"s,omitempty"`
	// Seen is the Unix time of the person's last message.
	Seen int64 `json:"t,omitempty"`
	// Misses counts free texts in a row that were not understood.
	Misses int `json:"m,omitempty"`
	// Pending is a need understood from a message written before consent,
	// proposed once consent is given, so the person need not repeat it.
	Pending string `json:"q,omitempty"`
	// Subs are the news topics the person subscribed to (NewsTopics),
	// kept here to show the news screen without I/O; the Subscribe
	// actions keep the broadcast index in step.
	Subs []string `json:"u,omitempty"`
	// Survey is how far the optional profile questions went ("",
	// "invited", "done"; see profile.go), so they are never asked twice.
	// The answers are not kept here: each leaves as a Profile action.
	Survey string `json:"r,omitempty"`
	// Said are the person's last free texts (at most maxSaid, each cut to
	// maxSaidRunes), so that the operator of a case they open reads what
	// they already wrote instead of asking a person in danger to tell it
	// again. They leave with the Handoff and are dropped after the
	// conversation timeout.
	Said []string `json:"w,omitempty"`
	// Detected is the language Frontdoor recognised but does not speak
	// ("ps", "ti"), while the person has no language.
	Detected string `json:"d,omitempty"`
	// Pace counts the person's messages in the current minute (pace.go).
	Pace Pace `json:"z,omitzero"`
	// LangMore: the language menu shows its second page, the languages
	// after the most used (langmenu.go).
	LangMore bool `json:"lm,omitempty"`
}

// minUnknownWords is the length from which a first message in no language
// Frontdoor recognises is taken for a language it does not know, rather
// than a greeting or a typo ("ok", "hi").
const minUnknownWords = 3

// minUnknownLetters is the same length for scripts written without
// spaces between words (Chinese, Japanese, Thai): a sentence of them is
// one "word".
const minUnknownLetters = 12

// sentence tells whether a message is long enough to be telling
// something, not a greeting or a key held down.
func sentence(s string) bool {
	if len(strings.Fields(s)) >= minUnknownWords {
		return true
	}
	n := 0
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			n++
		}
	}
	return n >= minUnknownLetters
}

// How much of what the person wrote the state keeps for a case.
const (
	maxSaid      = 3
	maxSaidRunes = 500
)

// Action is something the runtime must do: Say, Handoff, Erase, Need,
// Subscribe or Profile.
type Action interface{ action() }

// Say sends a message with optional choices.
type Say struct {
	Text    string
	Choices []Choice
	RTL     bool
}

// Choice is an option offered to the person.
type Choice struct {
	ID    string
	Label string
}

// Handoff asks for a person of the desk to take over.
type Handoff struct {
	Area   string
	Topic  string
	Reason string
	// Lang is the person's language, "" when Frontdoor does not speak it;
	// Detected then names it when it was recognised ("ru", "ps").
	Lang     string
	Detected string
	// Urgent cases go before all others; Kind is the urgent kind
	// (triage.Kinds) when the person's words said it.
	Urgent bool
	Kind   string
	// Text is the message that opened the case ("" for a button), Said
	// the person's free texts before it, oldest first: the operator reads
	// them in the transcript.
	Text string
	Said []string
}

// Erase deletes all the data of the person.
type Erase struct{}

// Retract removes the conversation from the person's phone, as far as the
// channel allows (for someone on a shared phone), before the next reply.
type Retract struct{}

// Need records that the person reached a need area (and service), for the
// anonymous statistics of needs.
type Need struct {
	Area  string
	Topic string
	Lang  string
	// Source is the deep-link tag the person came with: the desk whose
	// website or poster they used, or a campaign.
	Source string
}

// Subscribe turns a news topic on or off for the person; Topic "*" with
// On false stops all of them ("stop").
type Subscribe struct {
	Topic string
	On    bool
	Lang  string
}

// Profile is one answer to an optional profile question, as coarse
// categories (ProfileQuestions lists them all): Field "age", "gender",
// "minors", "skills" or "arrival", Value one of its categories. It names
// nobody and the engine keeps no copy: the runtime adds it to the
// anonymous statistics and stores it nowhere else, not with the contact.
type Profile struct {
	Field string
	Value string
}

func (Say) action()       {}
func (Handoff) action()   {}
func (Erase) action()     {}
func (Retract) action()   {}
func (Need) action()      {}
func (Subscribe) action() {}
func (Profile) action()   {}

// Options tune the engine.
type Options struct {
	// ConversationTimeout is the silence after which a person is greeted
	// back at the main menu instead of continuing where they were.
	ConversationTimeout time.Duration
	// RetentionDays is said in the privacy notice.
	RetentionDays int
	// MaxInputRunes is the longest text handled; longer gets a polite ask
	// to write less.
	MaxInputRunes int
	// Facts are the desk's own details (DeskName, DeskAddress, DeskPhone,
	// DeskHours), available to every message as template variables.
	Facts map[string]string
	// Classifier reads free text: language, need area, urgency. Nil uses
	// the built-in multilingual one.
	Classifier Classifier
	// Urgent is the help given at once in urgent situations; empty uses
	// ItalyUrgentHelp.
	Urgent UrgentHelp
}

// Classifier understands free text. The triage package is the real one.
type Classifier interface {
	Classify(text string) triage.Result
}

// MaxInputRunes is the longest message handled by default: Telegram's
// limit, so that whatever the person could send is read (and the browser
// chat's counter shows the same limit).
const MaxInputRunes = 4096

// Thresholds below which the engine asks rather than guesses.
const (
	langSure = 0.6
	areaSure = 0.5
)

// Engine runs a Flow in the languages of a Catalog.
type Engine struct {
	flow  *Flow
	cat   *locales.Catalog
	words *Words
	opts  Options
}

// New builds an engine for the embedded core flow.
func New(cat *locales.Catalog, opts Options) (*Engine, error) {
	f, err := LoadFlow(nil, "core.yaml", func(id string) bool { return cat.Text("en", id, nil) != id })
	if err != nil {
		return nil, err
	}
	if opts.Classifier == nil {
		c, err := triage.New()
		if err != nil {
			return nil, fmt.Errorf("triage: %w", err)
		}
		opts.Classifier = c
	}
	return NewWithFlow(f, cat, opts), nil
}

// NewWithFlow builds an engine for a flow already loaded.
func NewWithFlow(f *Flow, cat *locales.Catalog, opts Options) *Engine {
	if opts.ConversationTimeout <= 0 {
		opts.ConversationTimeout = 24 * time.Hour
	}
	if opts.RetentionDays <= 0 {
		opts.RetentionDays = 90
	}
	if opts.MaxInputRunes <= 0 {
		opts.MaxInputRunes = MaxInputRunes
	}
	if len(opts.Urgent.Lines) == 0 {
		opts.Urgent = ItalyUrgentHelp()
	}
	return &Engine{flow: f, cat: cat, words: NewWords(cat), opts: opts}
}

// WithCatalog is the engine speaking the texts of cat instead (a catalogue
// with drafts laid over it, for the console's preview); the words people
// type stay the engine's, read at start.
func (e *Engine) WithCatalog(cat *locales.Catalog) *Engine {
	return &Engine{flow: e.flow, cat: cat, words: e.words, opts: e.opts}
}

// Choice ids the engine understands anywhere, whatever screen the person
// is on: an old button still does what it said.
const (
	choiceLangPrefix = "lang."
	choiceNodeSep    = "."
	choiceConsentYes = "consent.yes"
	choiceConsentNo  = "consent.no"
	choiceDeleteYes  = "delete.yes"
	choiceDeleteNo   = "delete.no"
	choiceClearYes   = "clear.yes"
	choiceClearNo    = "clear.no"
	choiceTriageYes  = "triage.yes"
	choiceTriageNo   = "triage.no"
	choiceMenu       = "g.menu"
	choiceBack       = "g.back"
	choicePerson     = "g.person"
	choiceLanguage   = "g.lang"
	// choicePersonNow opens a case at once for someone whose language
	// Frontdoor does not speak: they could not read the consent question.
	choicePersonNow = "g.person_now"
)

// pendingPerson in State.Pending means the person asked for a person of
// the desk before consent: the case opens once they agree. It cannot be a
// node name, which Pending otherwise holds.
const pendingPerson = "@person"

// turn is one Step in progress.
type turn struct {
	e   *Engine
	st  State
	in  Input
	out []Action
}

// Step handles one message. It never fails: whatever the input, the person
// gets an answer.
func (e *Engine) Step(st State, in Input, now time.Time) (State, []Action) {
	t := &turn{e: e, st: e.sanitize(st), in: in}
	stale := st.Seen != 0 && now.Sub(time.Unix(st.Seen, 0)) > e.opts.ConversationTimeout
	returning := stale && st.Consent
	if stale {
		t.st.Said, t.st.Detected = nil, ""
	}
	t.st.Seen = now.Unix()
	if t.paced(in, now) {
		return t.st, t.out
	}
	if t.st.Lang == "" {
		if tag, ok := e.cat.Match(in.LangHint); ok {
			// Only to speak the first words in: phones are often set to
			// a language the person does not read well, so they still
			// choose.
			t.st.Lang = tag
			t.st.Confirm = "language"
		}
	}
	t.step(in, returning)
	return t.st, mergeSays(t.out)
}

// mergeSays joins a message without choices to the message right after it:
// each message is a notification on the person's phone, and one that says
// "OK" then the screen reads better as one. Channels cut a text longer
// than they take at their own limit. An urgent turn stays as it is: the
// numbers to call come first, alone, so the notification shows them.
func mergeSays(actions []Action) []Action {
	for _, a := range actions {
		if h, ok := a.(Handoff); ok && h.Urgent {
			return actions
		}
	}
	out := actions[:0:0]
	for _, a := range actions {
		say, ok := a.(Say)
		if n := len(out); ok && n > 0 {
			if prev, ok := out[n-1].(Say); ok && len(prev.Choices) == 0 && prev.RTL == say.RTL {
				say.Text = prev.Text + "\n\n" + say.Text
				out[n-1] = say
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

// sanitize drops what a stored state says that this flow version no longer
// has (a removed node or language), so an update never strands anyone.
func (e *Engine) sanitize(st State) State {
	if _, ok := e.flow.Nodes[st.Node]; !ok {
		st.Node = ""
	}
	back := st.Back[:0:0]
	for _, n := range st.Back {
		if _, ok := e.flow.Nodes[n]; ok {
			back = append(back, n)
		}
	}
	st.Back = back
	subs := st.Subs[:0:0]
	for _, tp := range st.Subs {
		if slices.Contains(NewsTopics(), tp) {
			subs = append(subs, tp)
		}
	}
	st.Subs = subs
	if field, ok := strings.CutPrefix(st.Confirm, confirmProfile); ok {
		if _, _, known := profileQuestion(field); !known {
			st.Confirm = ""
		}
	}
	if st.Lang != "" && !e.cat.Supported(st.Lang) {
		st.Lang, st.Consent = "", false
	}
	return st
}

func (t *turn) step(in Input, returning bool) {
	text := strings.TrimSpace(in.Text)
	switch {
	case in.Choice != "":
		t.choice(in.Choice)
	case strings.HasPrefix(text, "/"):
		t.command(text)
	case text == "" && in.Attachment != "":
		t.brief("input."+attachmentMessage(in.Attachment), nil)
	case utf8.RuneCountInString(text) > t.e.opts.MaxInputRunes:
		t.brief("input.too_long", map[string]any{"Count": t.e.opts.MaxInputRunes})
	case returning && t.st.Confirm == "":
		t.st.Node, t.st.Back = "", nil
		t.say("welcome.back", nil)
		t.gotoNode(t.e.flow.Start, false)
	default:
		t.freeText(text)
	}
}

func attachmentMessage(kind string) string {
	switch kind {
	case "voice", "photo", "document", "location", "sticker":
		return kind
	}
	return "other"
}

// command handles /commands, in any state.
func (t *turn) command(text string) {
	if t.e.words.IsClear(text) {
		t.leaveProfile()
		t.st.Confirm = "clear"
		t.prompt()
		return
	}
	if t.e.words.IsStop(text) {
		t.stopNews()
		return
	}
	_, arg, _ := strings.Cut(strings.TrimPrefix(text, "/"), " ")
	arg = strings.TrimSpace(arg)
	switch t.e.words.Command(text) {
	case "start":
		t.start(arg)
	case "menu":
		t.global(choiceMenu)
	case "back":
		t.global(choiceBack)
	case "language":
		t.global(choiceLanguage)
	case "person":
		t.global(choicePerson)
	case "help":
		// What the assistant does and its commands; a person is one
		// button away, but asking how things work does not open a case.
		t.brief("help.text", nil)
	case "privacy":
		t.brief("privacy.text", map[string]any{"Days": t.e.opts.RetentionDays})
	case "delete":
		t.st.Confirm = "delete"
		t.prompt()
	default:
		t.brief("input.unknown_command", nil)
	}
}

var payloadPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// start begins or resumes a conversation; a deep-link payload can choose
// the language ("lang_ar") or tag where the person came from.
func (t *turn) start(payload string) {
	t.st.Confirm = ""
	if lang, ok := strings.CutPrefix(payload, "lang_"); ok && t.e.cat.Supported(lang) {
		t.st.Lang = lang
		if t.st.Consent {
			t.st.Node, t.st.Back = "", nil
			t.gotoNode(t.e.flow.Start, false)
		} else {
			t.prompt()
		}
		return
	}
	if payload != "" && payloadPattern.MatchString(payload) {
		t.st.Source = payload
	}
	if t.st.Consent && t.st.Lang != "" {
		t.st.Node, t.st.Back = "", nil
		t.say("welcome.back", nil)
		t.gotoNode(t.e.flow.Start, false)
		return
	}
	t.st.Node, t.st.Back = "", nil
	if !t.st.Consent {
		// Someone who has not agreed yet chooses the language again: the
		// last choice may have been a mistake.
		t.st.Confirm = "language"
	}
	t.prompt()
}

// choice handles a pressed button.
func (t *turn) choice(id string) {
	switch {
	case id == choiceLangMore || id == choiceLangFirst:
		// A page of the language menu, also from an old menu further up
		// the chat: the person wants to choose a language.
		if t.st.Lang != "" {
			t.st.Confirm = "language"
		}
		t.st.LangMore = id == choiceLangMore
		t.out = append(t.out, t.screen())
	case strings.HasPrefix(id, choiceLangPrefix):
		t.chooseLanguage(strings.TrimPrefix(id, choiceLangPrefix))
	case id == choiceConsentYes || id == choiceConsentNo:
		if t.st.Lang == "" {
			t.prompt()
			return
		}
		t.consent(id == choiceConsentYes)
	case id == choiceDeleteYes || id == choiceDeleteNo:
		t.confirmDelete(id == choiceDeleteYes)
	case id == choiceClearYes || id == choiceClearNo:
		t.confirmClear(id == choiceClearYes)
	case id == choiceTriageYes || id == choiceTriageNo:
		t.confirmTriage(id == choiceTriageYes)
	case strings.HasPrefix(id, choiceProfilePrefix):
		t.profileChoice(id)
	case strings.HasPrefix(id, "g."):
		t.global(id)
	default:
		node, c, ok := strings.Cut(id, choiceNodeSep)
		if !ok || !t.ready() {
			t.prompt()
			return
		}
		t.nodeChoice(node, c)
	}
}

// ready reports whether the person may use the menus: language chosen and
// consent given.
func (t *turn) ready() bool { return t.st.Lang != "" && t.st.Consent }

func (t *turn) chooseLanguage(lang string) {
	if !t.e.cat.Supported(lang) {
		t.prompt()
		return
	}
	changed := t.st.Lang != lang
	t.st.Lang = lang
	t.st.LangMore = false
	if t.st.Confirm == "language" {
		t.st.Confirm = ""
	}
	if !t.st.Consent {
		t.prompt()
		return
	}
	if changed {
		t.say("language.changed", nil)
	}
	if t.st.Node == "" {
		t.gotoNode(t.e.flow.Start, false)
		return
	}
	t.prompt()
}

func (t *turn) consent(yes bool) {
	if !yes {
		wanted := t.st.Pending == pendingPerson
		t.st.Consent = false
		t.st.Node, t.st.Back, t.st.Pending = "", nil, ""
		if wanted && len(t.e.opts.Facts) > 0 {
			// They still need a person: the desk's phone and address
			// reach one without the chat.
			t.say("consent.person_declined", nil)
			t.say("desk.where", nil)
			return
		}
		t.say("consent.declined", nil)
		return
	}
	t.st.Consent = true
	if pending := t.st.Pending; pending != "" {
		t.st.Pending = ""
		if pending == pendingPerson {
			t.st.Node = t.e.flow.Start
			t.handoff("asked")
			return
		}
		if _, ok := t.e.flow.Nodes[pending]; ok {
			t.st.Node, t.st.Confirm = t.e.flow.Start, confirmTriage+pending
			t.prompt()
			return
		}
	}
	t.gotoNode(t.e.flow.Start, false)
}

func (t *turn) confirmDelete(yes bool) {
	if t.st.Confirm != "delete" {
		t.prompt()
		return
	}
	t.st.Confirm = ""
	if yes {
		lang := t.st.Lang
		t.say("delete.done", nil)
		t.out = append(t.out, Erase{})
		t.st = State{Lang: lang}
		return
	}
	t.brief("delete.kept", nil)
}

// confirmClear removes the conversation from the phone once the person
// says yes. What follows is one short neutral line, not the menu: on a
// shared phone the next notification must not show what the talk was.
func (t *turn) confirmClear(yes bool) {
	if t.st.Confirm != "clear" {
		t.prompt()
		return
	}
	t.st.Confirm = ""
	if yes {
		t.out = append(t.out, Retract{})
		t.say("clear.done", nil)
		return
	}
	t.brief("delete.kept", nil)
}

// global handles the commands that work on every screen.
func (t *turn) global(id string) {
	t.leaveProfile()
	t.st.Confirm = ""
	switch id {
	case choiceLanguage:
		t.st.Confirm = "language"
		t.prompt()
	case choiceMenu:
		if !t.ready() {
			t.prompt()
			return
		}
		t.st.Back = nil
		t.gotoNode(t.e.flow.Start, false)
	case choiceBack:
		if !t.ready() {
			t.prompt()
			return
		}
		if n := len(t.st.Back); n > 0 {
			prev := t.st.Back[n-1]
			t.st.Back = t.st.Back[:n-1]
			t.gotoNode(prev, false)
			return
		}
		t.gotoNode(t.e.flow.Start, false)
	case choicePersonNow:
		if t.st.Lang != "" {
			t.global(choicePerson)
			return
		}
		t.handoff("language_unknown")
	case choicePerson:
		if !t.st.Consent {
			// The case keeps what the person writes for an operator to
			// read, so they agree to that first (in their language: the
			// menu comes first if none is chosen). Urgent situations do
			// not come here: they open a case at once, consent or not.
			t.st.Pending = pendingPerson
			t.prompt()
			return
		}
		reason := "asked"
		if t.st.Misses >= 2 {
			reason = "triage_failed"
		}
		t.st.Misses = 0
		t.handoff(reason)
	default:
		t.prompt()
	}
}

func (t *turn) handoff(reason string) {
	t.out = append(t.out, t.handoffAction(reason))
	if n := t.e.flow.Nodes[t.st.Node]; t.st.Survey == "" && n != nil && n.Topic != "" {
		// Someone who needed a person is not invited to the optional
		// questions when they come back to the menu from the service's
		// screen (leaving the queue, a case closed); the menu still
		// offers them.
		t.st.Survey = surveyInvited
	}
	if t.st.Lang == "" {
		// Only the urgent route and the person asked for in a language
		// Frontdoor does not speak come here without one.
		t.out = append(t.out, t.manyLanguages("urgent.short", "", nil))
		return
	}
	t.say("handoff.opened", nil)
}

// handoffAction asks for a person about where the person is now, with
// what they wrote; from an urgent screen (exploitation) every request
// stays urgent. The texts leave the state with it.
func (t *turn) handoffAction(reason string) Handoff {
	n := t.e.flow.Nodes[t.st.Node]
	h := Handoff{Area: t.st.Area, Topic: t.st.Topic, Reason: reason, Lang: t.st.Lang, Urgent: n != nil && n.Urgent,
		Text: strings.TrimSpace(t.in.Text), Said: t.st.Said}
	if h.Urgent {
		h.Kind = nodeKind(n)
	}
	if t.st.Lang == "" {
		h.Detected = t.st.Detected
	}
	if len(h.Said) > 0 && h.Said[len(h.Said)-1] == cut(h.Text) {
		h.Said = h.Said[:len(h.Said)-1] // the opening message itself
	}
	t.st.Said = nil
	return h
}

func (t *turn) nodeChoice(nodeName, choiceID string) {
	n, ok := t.e.flow.Nodes[nodeName]
	if !ok {
		t.brief("input.not_understood", nil)
		return
	}
	for _, c := range n.Choices {
		if c.ID != choiceID {
			continue
		}
		if n.Area != "" {
			t.st.Area = n.Area
		}
		if c.Do != doProfile {
			t.leaveProfile()
		}
		switch {
		case c.Goto != "":
			t.gotoNode(c.Goto, c.Goto != t.e.flow.Start)
		case c.Do == doHandoff:
			t.handoff("flow")
		case c.Do == doSubscribe:
			t.toggleNews(c.ID)
		case c.Do == doUnsubscribe:
			t.stopNews()
		case c.Do == doProfile:
			t.startProfile()
		case c.Do == doBook:
			// An appointment request: the booking dialogue, which wraps
			// the conversation, takes over from this event; where no desk
			// takes bookings by chat, a person of the desk fixes it.
			t.out = append(t.out, t.handoffAction("appointment"))
			t.say("book.requested", nil)
			if len(t.e.opts.Facts) > 0 {
				t.say("desk.where", nil)
			}
		}
		return
	}
	t.brief("input.not_understood", nil)
}

// gotoNode moves to a node and shows it; remember puts the current node on
// the way back.
func (t *turn) gotoNode(name string, remember bool) {
	if remember && t.st.Node != "" && t.st.Node != name {
		t.st.Back = append(t.st.Back, t.st.Node)
		if len(t.st.Back) > 8 {
			t.st.Back = t.st.Back[len(t.st.Back)-8:]
		}
	}
	if name == t.e.flow.Start {
		t.inviteProfile()
		// Back at the menu, the person has not picked an area yet, and
		// what they wrote before is not kept for a case any more: the
		// state stores the least it can.
		t.st.Back, t.st.Area, t.st.Topic, t.st.Said = nil, "", "", nil
	}
	t.st.Node, t.st.Misses = name, 0
	n := t.e.flow.Nodes[name]
	if n.Area != "" {
		t.st.Area, t.st.Topic = n.Area, n.Topic
	}
	if n.Area != "" {
		t.out = append(t.out, Need{Area: n.Area, Topic: n.Topic, Lang: t.st.Lang, Source: t.st.Source})
	}
	if n.Urgent {
		t.urgent(nodeKind(n), "flow")
	}
	t.show()
}

// prompt shows again whatever the person is expected to answer now.
func (t *turn) prompt() {
	if t.ready() && t.st.Confirm == "" && t.st.Node == "" {
		t.gotoNode(t.e.flow.Start, false)
		return
	}
	t.out = append(t.out, t.screen())
}

// screen is what the person is expected to answer now, with its choices.
func (t *turn) screen() Say {
	switch {
	case t.st.Lang == "" || t.st.Confirm == "language":
		return t.render("language.prompt", nil, t.languageChoices())
	case t.st.Confirm == "delete":
		return t.render("delete.confirm", nil, []Choice{
			{choiceDeleteYes, t.msg("delete.yes")}, {choiceDeleteNo, t.msg("delete.no")},
		})
	case t.st.Confirm == "clear":
		return t.render("clear.confirm", nil, []Choice{
			{choiceClearYes, t.msg("clear.yes")}, {choiceClearNo, t.msg("delete.no")},
		})
	case t.asking():
		return t.profileScreen()
	case strings.HasPrefix(t.st.Confirm, confirmTriage):
		return t.render("triage.confirm", map[string]any{"Topic": t.topicLabel(strings.TrimPrefix(t.st.Confirm, confirmTriage))}, []Choice{
			{choiceTriageYes, t.msg("triage.yes")}, {choiceTriageNo, t.msg("triage.no")},
		})
	case !t.st.Consent:
		// The language may have been guessed from the first message: a
		// way to change it stays in sight. Someone waiting for a person
		// is told that an operator will read what they write.
		id := "consent.text"
		if t.st.Pending == pendingPerson {
			id = "consent.person"
		}
		return t.render(id, map[string]any{"Days": t.e.opts.RetentionDays}, []Choice{
			{choiceConsentYes, t.msg("consent.yes")}, {choiceConsentNo, t.msg("consent.no")},
			{choiceLanguage, "🌐 " + t.msg("choice.language")},
		})
	}
	node := t.st.Node
	if node == "" {
		node = t.e.flow.Start
	}
	n := t.e.flow.Nodes[node]
	vars := make(map[string]any, len(n.Vars))
	for k, id := range n.Vars {
		vars[k] = t.msg(id)
	}
	choices := make([]Choice, 0, len(n.Choices)+1)
	for _, c := range n.Choices {
		if c.Do == doProfile && t.st.Survey == surveyDone {
			continue
		}
		label := t.msg(c.Label)
		if c.Do == doSubscribe {
			// The person sees what they receive now.
			mark := "⬜ "
			if slices.Contains(t.st.Subs, c.ID) {
				mark = "✅ "
			}
			label = mark + label
		}
		choices = append(choices, Choice{node + choiceNodeSep + c.ID, label})
	}
	if len(t.st.Back) > 0 {
		choices = append(choices, Choice{choiceBack, t.msg("choice.back")})
	}
	s := t.render(n.Say, vars, choices)
	if n.Checklist != "" {
		s.Text += "\n\n" + t.msg("checklist.title") + "\n" + t.msg(n.Checklist)
	}
	return s
}

// show renders the current node.
func (t *turn) show() { t.out = append(t.out, t.screen()) }

// brief answers a message that leaves the person where they are with one
// short line and the buttons of the screen in view, not the screen again:
// they have read it, and on a small phone a page said twice pushes the
// conversation out of sight. Before consent the question itself is shown
// again, as it must be read to be answered.
func (t *turn) brief(id string, data map[string]any) {
	if !t.ready() || t.st.Confirm == "language" || t.st.Node == "" && t.st.Confirm == "" {
		t.say(id, data)
		t.prompt()
		return
	}
	t.sayChoices(id, data, t.screen().Choices)
}

func (t *turn) say(id string, data map[string]any) { t.sayChoices(id, data, nil) }

func (t *turn) sayChoices(id string, data map[string]any, choices []Choice) {
	t.out = append(t.out, t.render(id, data, choices))
}

func (t *turn) render(id string, data map[string]any, choices []Choice) Say {
	lang := t.lang()
	return Say{Text: t.e.cat.Text(lang, id, t.e.data(data)), Choices: choices, RTL: t.rtl(lang)}
}

func (t *turn) msg(id string) string { return t.e.cat.Text(t.lang(), id, t.e.data(nil)) }

// data adds the desk's facts to a message's own template data.
func (e *Engine) data(own map[string]any) map[string]any {
	if len(e.opts.Facts) == 0 {
		return own
	}
	out := make(map[string]any, len(own)+len(e.opts.Facts))
	for k, v := range e.opts.Facts {
		out[k] = v
	}
	for k, v := range own {
		out[k] = v
	}
	return out
}

func (t *turn) lang() string {
	if t.st.Lang != "" {
		return t.st.Lang
	}
	return t.e.cat.Default()
}

func (t *turn) rtl(lang string) bool {
	l, ok := t.e.cat.Language(lang)
	return ok && l.RTL
}

// freeText handles typed text: the number or the words of an offered
// choice, a word such as "menu", an urgent situation, the language of a
// first message, or a need described in the person's words.
func (t *turn) freeText(s string) {
	offered := t.screen().Choices
	if id, ok := matchChoice(s, offered); ok {
		t.choice(id)
		return
	}
	if cmd, ok := t.commandWord(s); ok {
		t.command("/" + cmd)
		return
	}
	if t.e.words.IsThanks(s) {
		// Often the last word after a case or a booking: it deserves a
		// "you are welcome", not a complaint.
		t.brief("input.thanks", nil)
		return
	}
	// Text that answers no profile question is the person's own business,
	// which comes first: the questions end.
	t.leaveProfile()
	t.remember(s)
	r := t.e.opts.Classifier.Classify(s)
	choosing := t.st.Lang == "" || t.st.Confirm == "language"
	// A language recognised but not adopted (its data/lang file is still
	// @unsupported, even once its catalogue exists) is kept, so that the
	// safety lines speak it; so is an unsure reading of an urgent message
	// ("Муж бьет меня", three words), but not of an ordinary one, which
	// would later be told its language is not spoken.
	if t.st.Lang == "" && r.Detected != "" && (r.Detected != r.Lang || r.Urgent != "" && r.LangConfidence < langSure) {
		t.st.Detected = r.Detected
	}
	adopted := false
	if choosing && r.Lang != "" && r.LangConfidence >= langSure && t.e.cat.Supported(r.Lang) {
		// Explicit choice beats the text, the text beats the phone's
		// language; only a confident reading is used.
		adopted = t.st.Lang != r.Lang && t.st.Consent
		t.st.Lang, t.st.Confirm = r.Lang, ""
		choosing = false
	}
	if r.Urgent != "" {
		// Safety before anything else, consent and language included.
		// The case is about what the person wrote, not where they were
		// in the menus.
		t.st.Area, t.st.Topic = r.Area, r.Topic
		t.urgent(r.Urgent, "urgent_"+r.Urgent)
		return
	}
	if r.Person {
		// "I want to talk to a person", in their own words; in a
		// language Frontdoor does not speak, at once.
		if t.st.Lang == "" && t.st.Detected != "" {
			t.global(choicePersonNow)
		} else {
			t.global(choicePerson)
		}
		return
	}
	if adopted {
		t.say("language.changed", nil)
		t.prompt()
		return
	}
	if choosing && (t.st.Detected != "" || sentence(s)) {
		// A language Frontdoor recognises but does not speak, or a
		// sentence it cannot read with confidence (in a language it does
		// not know, or one it reads unsure: Indonesian taken for Turkish).
		// It may tell of a danger the lists missed, so the menu comes with
		// the emergency number and a person.
		t.unknownLanguage()
		return
	}
	switch {
	case choosing, !t.ready() && t.st.Confirm != "delete":
		// A first "hello" gets the language menu or the consent
		// question, not a complaint; a need it described is kept for
		// after consent (it is not stored elsewhere).
		if r.Area != "" && r.Confidence >= areaSure && t.st.Pending != pendingPerson {
			t.st.Pending = t.triageNode(r)
		}
		t.prompt()
		return
	case (t.st.Confirm == "" || strings.HasPrefix(t.st.Confirm, confirmTriage)) && r.Area != "" && r.Confidence >= areaSure:
		// A need typed while a proposal waits for yes or no is read
		// again: people often answer "is that right?" by saying their
		// need once more, or more precisely. It replaces the proposal.
		if node := t.triageNode(r); node != "" {
			t.st.Confirm = confirmTriage + node
			t.prompt()
			return
		}
	}
	n := len(t.out)
	t.miss()
	if r.Lang == "" && r.Detected == "" && sentence(s) && n < len(t.out) {
		// A sentence in no language Frontdoor knows, from someone who
		// chose one: it may tell of a danger in their own language.
		if say, ok := t.out[n].(Say); ok {
			say.Text += "\n\n🆘 📞 " + isolate(t.e.opts.Urgent.Emergency)
			t.out[n] = say
		}
	}
}

// remember keeps a free text for the operator of a case the person may
// open next (State.Said).
func (t *turn) remember(s string) {
	t.st.Said = append(t.st.Said, cut(s))
	if n := len(t.st.Said); n > maxSaid {
		t.st.Said = t.st.Said[n-maxSaid:]
	}
}

// cut shortens a text kept in the state to maxSaidRunes.
func cut(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= maxSaidRunes {
		return s
	}
	r := []rune(s)
	return string(r[:maxSaidRunes]) + "…"
}

// confirmTriage prefixes Confirm while the person is asked whether the
// need Frontdoor understood is right.
const confirmTriage = "triage:"

// triageNode is the node of the understood service, or of its area.
func (t *turn) triageNode(r triage.Result) string {
	if r.Topic != "" {
		if _, ok := t.e.flow.Nodes[r.Area+"_"+r.Topic]; ok {
			return r.Area + "_" + r.Topic
		}
	}
	if _, ok := t.e.flow.Nodes[r.Area]; ok {
		return r.Area
	}
	return ""
}

// topicLabel names a node's service (or area) in the person's language.
func (t *turn) topicLabel(node string) string {
	n, ok := t.e.flow.Nodes[node]
	if !ok {
		return node
	}
	if n.Topic != "" {
		id := n.Area + "." + n.Topic + ".title"
		if l := t.msg(id); l != id {
			return l
		}
	}
	return t.msg("area." + n.Area)
}

func (t *turn) confirmTriage(yes bool) {
	node, ok := strings.CutPrefix(t.st.Confirm, confirmTriage)
	if !ok || !t.ready() {
		t.prompt()
		return
	}
	t.st.Confirm = ""
	if yes {
		// The need is understood: the text that told it is not kept.
		t.st.Said = nil
		t.gotoNode(node, true)
		return
	}
	// "No, something else" is an answer, not a message misunderstood:
	// it asks for other words, and counts towards offering a person.
	t.st.Misses++
	t.brief("triage.rejected", nil)
}

// miss answers text that was not understood; the second time in a row it
// offers the menu or a person instead of asking again.
func (t *turn) miss() {
	t.st.Misses++
	if t.st.Misses >= 2 && t.ready() {
		t.sayChoices("triage.failed", nil, []Choice{
			{choiceMenu, t.msg("choice.menu")}, {choicePerson, t.msg("choice.person")},
		})
		return
	}
	t.brief("input.not_understood", nil)
}

// commandWord recognises a global command typed as a word, in English,
// Italian or the person's language ("menu", "indietro", the label of the
// "Talk to a person" button...).
func (t *turn) commandWord(s string) (string, bool) {
	if t.e.words.IsStop(s) {
		return "stop", true
	}
	if cmd, ok := t.e.words.Plain(s, t.lang()); ok {
		return cmd, true
	}
	w := Normalize(s)
	for id, cmd := range map[string]string{
		"choice.menu": "menu", "choice.back": "back", "choice.person": "person", "choice.language": "language",
	} {
		if w == Normalize(t.msg(id)) {
			return cmd, true
		}
	}
	return "", false
}

// Asking reports whether the stored state (as the runtime keeps it, JSON)
// waits for the answer to question: "delete" or "clear". A runtime that
// holds the conversation aside lets the answer through.
func Asking(state []byte, question string) bool {
	var st State
	return json.Unmarshal(state, &st) == nil && st.Confirm == question
}

// toggleNews switches one topic and says what changed, then shows the
// news screen again with the new state.
func (t *turn) toggleNews(topic string) {
	// A news button answers any open question: it is the screen in view.
	t.st.Confirm = ""
	on := !slices.Contains(t.st.Subs, topic)
	if on {
		t.st.Subs = append(t.st.Subs, topic)
	} else {
		t.st.Subs = slices.DeleteFunc(t.st.Subs, func(s string) bool { return s == topic })
	}
	t.out = append(t.out, Subscribe{Topic: topic, On: on, Lang: t.st.Lang})
	msg := "news.off"
	if on {
		msg = "news.on"
	}
	t.say(msg, map[string]any{"Topic": t.msg("news.topic." + topic)})
	t.show()
}

// stopNews unsubscribes from everything at once. The action goes out even
// when the state shows no topic: stopping must always work, and is
// harmless twice.
func (t *turn) stopNews() {
	t.st.Confirm = ""
	t.st.Subs = nil
	t.out = append(t.out, Subscribe{Topic: "*", On: false, Lang: t.st.Lang})
	t.brief("news.stopped", nil)
}
