// Package flows is the conversation engine: a pure function from the
// person's state and message (and the time) to a new state and actions. It
// does no I/O; the runtime carries the actions out.
package flows

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"frontdoor/bot"
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
	// ID is the platform's id of the message, kept with what the state
	// keeps of it (Recent, Said) so that the person's "delete for
	// everyone" reaches it there too (Forget).
	ID string
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
	// Confirm is the question awaiting its answer, "" for none.
	Confirm Question `json:"k,omitempty"`
	Area    string   `json:"a,omitempty"`
	Topic   string   `json:"p,omitempty"`
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
	// Survey is how far the optional profile questions went (profile.go),
	// so they are never asked twice. The answers are not kept here: each
	// leaves as a Profile action.
	Survey Survey `json:"r,omitempty"`
	// Said are the person's last free texts (at most maxSaid, each cut to
	// maxSaidRunes), so that the operator of a case they open reads what
	// they already wrote instead of asking a person in danger to tell it
	// again. They leave with the Handoff and are dropped after the
	// conversation timeout.
	Said []string `json:"w,omitempty"`
	// SaidIDs are the platform ids of the messages in Said, index by
	// index ("" when unknown: states written before the field, channels
	// without ids); see saidIDs.
	SaidIDs []string `json:"wi,omitempty"`
	// Detected is the language Frontdoor recognised but does not speak
	// ("ps", "ti"), while the person has no language.
	Detected string `json:"d,omitempty"`
	// Pace counts the person's messages in the current minute (pace.go).
	Pace Pace `json:"z,omitzero"`
	// LangMore: the language menu shows its second page, the languages
	// after the most used (langmenu.go).
	LangMore bool `json:"lm,omitempty"`
	// Voice: the person chose voice answers (voice.go); VoiceOffered:
	// they were asked once, and are not asked again.
	Voice        bool `json:"v,omitempty"`
	VoiceOffered bool `json:"vo,omitempty"`
	// Recent are the last turns of the conversation (at most maxRecent,
	// oldest first), so that the operator of a case the person opens
	// reads what the bot said to them as well as what they wrote. They
	// leave with the Handoff, and are dropped with the conversation
	// timeout, /clear and /delete.
	Recent []Exchange `json:"x,omitempty"`
}

// Exchange is one turn of the conversation kept for a case (State.Recent).
// It stores the least that tells the turn: never a menu's whole text, nor
// the ids of choices.
type Exchange struct {
	// Person is what the person wrote (cut to maxSaidRunes) or the label
	// of the choice they made; Kind the kind of what they sent instead
	// of text ("photo"), whose content is not kept.
	Person string `json:"p,omitempty"`
	Kind   string `json:"k,omitempty"`
	// Bot is the answer: its lines, of a question or a menu only the
	// first one (what was asked), cut to maxBotRunes. In the state, the
	// engine keeps the answer as Say instead when that is shorter (states
	// written before 2026-12-06 and turns kept from outside the engine
	// have Bot); an Exchange that leaves the engine (Handoff.Recent,
	// TakeTurns with Spoken) has Bot only.
	Bot string `json:"b,omitempty"`
	// Say is the answer as the catalogue messages it was made of, put
	// into words again (Engine.Spoken) in the language of the state when
	// a case opens: an id and a few template values take fewer bytes than
	// the words, and the state is written at every message.
	Say []Line `json:"s,omitempty"`
	// ID is the platform id of the person's message; Deleted marks a
	// turn whose message the person deleted for everyone (Forget): its
	// text and kind are gone, the bot's answer stays.
	ID      string `json:"i,omitempty"`
	Deleted bool   `json:"del,omitempty"`
	// Edited marks a turn whose message the person edited since (Edit):
	// Person is the new text.
	Edited bool `json:"ed,omitempty"`
}

// Line is one message of the bot's part of a turn kept in the state: a
// catalogue message (ID, with the template values it needs, as text; of
// a question or a menu only its first line), or, for an answer not made
// of one message (the urgent lines), its Text.
type Line struct {
	ID    string            `json:"m,omitempty"`
	Data  map[string]string `json:"d,omitempty"`
	First bool              `json:"f,omitempty"`
	Text  string            `json:"t,omitempty"`
}

// empty reports whether x keeps nothing.
func (x Exchange) empty() bool {
	return x.Person == "" && x.Kind == "" && x.Bot == "" && len(x.Say) == 0 && x.ID == "" && !x.Deleted
}

// minUnknownWords is the length from which a first message in no language
// Frontdoor recognises is taken for a language it does not know, rather
// than a greeting or a typo ("ok", "hi").
const minUnknownWords = 3

// minUnknownLetters is the same length for the other scripts, many of
// them written without spaces between words (Chinese, Thai, Burmese) or
// with a syllable mark instead (Tibetan's tsheg): counted in letters.
const minUnknownLetters = 12

// sentence tells whether a message is long enough to be telling
// something, not a greeting or a key held down.
func sentence(s string) bool {
	if len(strings.Fields(s)) >= minUnknownWords {
		return true
	}
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.In(r, unicode.Latin, unicode.Cyrillic) {
			n++
		}
	}
	return n >= minUnknownLetters
}

// How much of what the person wrote the state keeps for a case, and of
// the conversation (State.Recent): the last maxRecent turns, each answer
// of the bot cut to maxBotRunes.
const (
	maxSaid      = 3
	maxSaidRunes = 500
	maxRecent    = 6
	maxBotRunes  = 200
)

// Action is something the runtime must do: Say, Handoff, Erase, Need,
// Subscribe or Profile.
type Action interface{ action() }

// Say sends a message with optional choices.
type Say struct {
	Text    string
	Choices []Choice
	RTL     bool
	// Voiced are the catalogue messages the text says, in order, for a
	// recording of the desk (voice.go): the runtime sends the last one
	// that has a recording, to a person who chose voice. Texts made of
	// more than messages (the urgent lines) have none.
	Voiced []string
	// AlwaysVoice: the recording goes even to someone who has not chosen
	// voice (the offer of voice itself).
	AlwaysVoice bool
	// Concern is the urgent kind whose numbers the text carries because
	// the person half told it (triage.Result.Concern): no case opens, but
	// the answer must reach them, late or not.
	Concern string
	// Numbers is the end of Text that gives them (the first line and the
	// numbers): a wrapper that answers in place of this Say keeps it
	// (bot.Outcome.Concern).
	Numbers string
}

// Choice is an option offered to the person.
type Choice struct {
	ID    string
	Label string
}

// Handoff asks for a person of the desk to take over.
type Handoff struct {
	Area  string
	Topic string
	// Reason says why (bot.ReasonAsked, bot.UrgentReason(kind), ...).
	Reason bot.Reason
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
	// them in the transcript. Recent are the turns before it, the bot's
	// answers included, oldest first.
	Text   string
	Said   []string
	Recent []Exchange
	// SaidIDs are the platform ids of Said's messages, index by index
	// ("" when unknown).
	SaidIDs []string
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

func (Say) action() {}

func (Handoff) action() {}

func (Erase) action() {}

func (Retract) action() {}

func (Need) action() {}

func (Subscribe) action() {}

func (Profile) action() {}

// Options tune the engine.
type Options struct {
	// ConversationTimeout is the silence after which a person is greeted
	// back at the main menu instead of continuing where they were.
	ConversationTimeout time.Duration
	// Retention is how long the person's data are kept after their last
	// message (privacy.retention), said in the privacy notice in whole
	// days, rounded up. Default 90 days.
	Retention time.Duration
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
	if opts.Retention <= 0 {
		opts.Retention = 90 * 24 * time.Hour
	}
	if opts.MaxInputRunes <= 0 {
		opts.MaxInputRunes = MaxInputRunes
	}
	if len(opts.Urgent.Lines) == 0 {
		opts.Urgent = ItalyUrgentHelp()
	}
	return &Engine{flow: f, cat: cat, words: NewWords(cat), opts: opts}
}

// retentionDays is the retention as the privacy notice says it: whole
// days, rounded up, so that a retention shorter than a day is not said as
// none.
func (e *Engine) retentionDays() int {
	const day = 24 * time.Hour
	return int((e.opts.Retention + day - 1) / day)
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
	// spoke is the language the state's kept turns are in when the turn
	// starts (State.Recent's Say); made are the catalogue messages the
	// turn rendered, so that keep can keep its answer by their ids.
	spoke string
	made  []made
	// unread: the answer carries the emergency line because Frontdoor
	// could not read the message (unknownLanguage, miss), not because a
	// screen does; a danger half told then adds no numbers to it.
	unread bool
}

// Step handles one message. It never fails: whatever the input, the person
// gets an answer.
func (e *Engine) Step(st State, in Input, now time.Time) (State, []Action) {
	t := &turn{e: e, st: e.sanitize(st), in: in}
	t.spoke = t.lang()
	stale := st.Seen != 0 && now.Sub(time.Unix(st.Seen, 0)) > e.opts.ConversationTimeout
	returning := stale && st.Consent
	if stale {
		t.st.Said, t.st.SaidIDs, t.st.Detected, t.st.Recent = nil, nil, "", nil
	}
	// What the person answered, read on the screen they answered.
	heard := t.heard(in)
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
			t.st.Confirm = questionLanguage
		}
	}
	t.step(in, returning)
	t.keep(heard)
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
				say.Voiced = append(append([]string(nil), prev.Voiced...), say.Voiced...)
				say.AlwaysVoice = say.AlwaysVoice || prev.AlwaysVoice
				if say.Concern == "" {
					say.Concern, say.Numbers = prev.Concern, prev.Numbers
				}
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
	if field, ok := st.Confirm.profileField(); ok {
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
	case text == "" && in.Attachment == "voice":
		t.voiceNote()
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

// choice handles a pressed button.
func (t *turn) choice(id string) {
	switch {
	case id == choiceLangMore || id == choiceLangFirst:
		// A page of the language menu, also from an old menu further up
		// the chat: the person wants to choose a language.
		if t.st.Lang != "" {
			t.st.Confirm = questionLanguage
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
	case id == choiceVoiceYes || id == choiceVoiceNo:
		t.chooseVoice(id == choiceVoiceYes)
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
