package handoff

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/console"
	"frontdoor/flows"
	"frontdoor/locales"
	"frontdoor/ratelimit"
	"frontdoor/store"
	"frontdoor/store/replica"
)

// Sender queues a message for a person outside a conversation turn; the
// dispatcher delivers it in its turn, retried and postponed as long as the
// channel is down (dispatch.Outbox). nil means queued, not delivered: what
// becomes of an operator's reply comes back through ReportDelivery.
type Sender interface {
	Send(ctx context.Context, to bot.Contact, m dispatch.Outbound) error
}

// From is the dispatch.Outbound.From of what this package sends.
const From = "handoff"

// Options are the runtime dependencies of a Service.
type Options struct {
	// Out delivers operators' replies and the service's own messages to
	// people.
	Out   Sender
	Clock func() time.Time
	Log   *slog.Logger
	// JanitorEvery is how often Run looks for abandoned cases and tells
	// waiting people about the queue. Default 15s.
	JanitorEvery time.Duration
	// Gate is the console's sign-in, shared with the other packages'
	// pages (cmd/frontdoor builds one). Nil: the service makes its own,
	// with PasswordCost, Proxies and Throttle below.
	Gate *console.Gate
	// PasswordCost is bcrypt's work factor; default bcrypt.DefaultCost.
	// Tests lower it.
	PasswordCost int
	// Fetchers download the photos, voice notes and documents people send
	// during a case, by channel name; a channel without one gets "could
	// not fetch" in the transcript.
	Fetchers map[string]MediaFetcher
	// MediaTimeout bounds one download. Default 20s (a turn has 30s).
	MediaTimeout time.Duration
	// Linker links the WhatsApp number from the console (admins only);
	// nil hides the page.
	Linker Linker
	// Outcomes, when set, counts how cases end (the statistics).
	Outcomes OutcomeRecorder
	// Appointments, when set, lists the person's appointments on the
	// case page (the desks' agenda).
	Appointments Appointments
	// Proxies are the reverse proxies in front of the console, so the
	// sign-in throttle counts the real client, not the proxy.
	Proxies ratelimit.Proxies
	// Throttle limits failed sign-ins (zero: the defaults).
	Throttle console.ThrottleConfig
	// Unspoken are the languages, most read first, in which a person whose
	// language Frontdoor does not speak (a case with no language) is
	// told where they stand, one line each (config.yaml's
	// urgent.languages). None: English.
	Unspoken []string
	// Dangers, when set, reads what a person writes during a case for a
	// danger, told or half told, whose numbers then go to them at once
	// (the conversation: converse.Conversation); the operator reads the
	// message and the numbers in the transcript.
	Dangers Dangers
	// Choices, when set, names a button the person presses during a case
	// in the transcript, as the person saw it, instead of its id.
	Choices Choices
	// ReplicaWait is how long opening a case waits for a Redis replica to
	// confirm it (WAIT 1), only where the master has replicas, before
	// the person is told someone will answer (at most
	// replica.MaxWait); zero: DefaultReplicaWait, negative: never. As
	// the dispatcher's (dispatch.Options.ReplicaWait).
	ReplicaWait time.Duration
	// ReplicaUnconfirmed, when set, counts by channel the cases opened
	// that no replica confirmed within the wait, the case or its first
	// lines, once a run of the event (dispatch.Metrics.ReplicaUnconfirmedCases).
	ReplicaUnconfirmed *prometheus.CounterVec
}

// DefaultReplicaWait is Options.ReplicaWait's default, the dispatcher's.
const DefaultReplicaWait = time.Second

// Choices names a choice id in the language of the conversation's state,
// "" when it knows none.
type Choices interface {
	ChoiceLabel(state []byte, id string) string
}

// Dangers gives the numbers to call for a danger a message tells or half
// tells, in the language of the conversation's state; ok is false when it
// tells none.
type Dangers interface {
	Numbers(state []byte, text string) (r bot.Reply, ok bool)
}

// Service is the handoff runtime: it opens cases from the conversation's
// events (bot.EventSink), erases them (bot.Eraser), keeps the bot silent and
// relays while a case is open (Wrap), and serves the console and API
// (Handler). Several processes can run one each on the same Redis.
type Service struct {
	// q is the raw queue: its operations change cases without telling the
	// person, auditing or writing the transcript, which the Service's own
	// methods of the same names do.
	q     *Queue
	cfg   Config
	hours schedule // cfg.Hours, built once
	cat   *locales.Catalog
	words *flows.Words // commands and stop words of every language, as the conversation reads them
	out   Sender
	// unspoken: Options.Unspoken.
	unspoken []string
	clock    func() time.Time
	log      *slog.Logger
	every    time.Duration
	rdb      redis.UniversalClient
	web      *web

	fetchers     map[string]MediaFetcher
	mediaTimeout time.Duration
	outcomes     OutcomeRecorder
	appointments Appointments
	dangers      Dangers
	choices      Choices
	link         *linking
	gate         *console.Gate
	// unconfirmed: Options.ReplicaUnconfirmed.
	unconfirmed *prometheus.CounterVec
}

// New builds the service. cfg is validated here too.
func New(rdb redis.UniversalClient, keys store.Keys, cfg Config, cat *locales.Catalog, o Options) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	hours, err := cfg.Hours.schedule()
	if err != nil {
		return nil, fmt.Errorf("handoff.hours: %w", err)
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.JanitorEvery <= 0 {
		o.JanitorEvery = 15 * time.Second
	}
	if o.MediaTimeout <= 0 {
		o.MediaTimeout = defaultMediaTimeout
	}
	if o.ReplicaWait == 0 {
		o.ReplicaWait = DefaultReplicaWait
	}
	langs := cat.Tags()
	if o.Gate == nil {
		acc := console.NewAccounts(rdb, keys, console.AccountOptions{Languages: langs, Areas: cfg.Areas, Clock: o.Clock, PasswordCost: o.PasswordCost,
			ReplicaWait: o.ReplicaWait, Log: o.Log})
		g, err := console.NewGate(acc, rdb, keys, cat, console.GateOptions{SessionTTL: time.Duration(cfg.SessionTTL), Proxies: o.Proxies,
			Throttle: o.Throttle, Log: o.Log})
		if err != nil {
			return nil, err
		}
		o.Gate = g
	}
	s := &Service{
		q: newQueue(rdb, keys, o.Clock, cfg, langs, o.Gate.Accounts()), cfg: cfg, hours: hours, cat: cat, words: flows.NewWords(cat), out: o.Out, unspoken: o.Unspoken,
		clock: o.Clock, log: o.Log, every: o.JanitorEvery, rdb: rdb,
		fetchers: o.Fetchers, mediaTimeout: o.MediaTimeout, outcomes: o.Outcomes, appointments: o.Appointments, dangers: o.Dangers, choices: o.Choices, gate: o.Gate,
	}
	s.q.replicas = replica.New(rdb, o.ReplicaWait)
	s.unconfirmed = o.ReplicaUnconfirmed
	if o.Linker != nil {
		s.link = &linking{l: o.Linker, log: o.Log}
	}
	w, err := newWeb(s)
	if err != nil {
		return nil, err
	}
	s.web = w
	return s, nil
}

func (s *Service) rtl(lang string) bool {
	l, ok := s.cat.Language(lang)
	return ok && l.RTL
}

// text renders a person-facing message in the case's language.
func (s *Service) text(lang, id string, data map[string]any) bot.Reply {
	return s.in(lang, func(l string) string { return s.cat.Text(l, id, data) })
}

// in renders a person-facing message in lang, or, for a person whose
// language Frontdoor does not speak (lang ""), in each of the Unspoken
// languages, one line each: English alone would leave many of them
// guessing whether anyone will answer. Right-to-left lines are isolated so
// that they read right inside the left-to-right message.
func (s *Service) in(lang string, render func(lang string) string) bot.Reply {
	if lang != "" || len(s.unspoken) == 0 {
		return bot.Reply{Text: render(lang), RTL: s.rtl(lang)}
	}
	lines := make([]string, 0, len(s.unspoken))
	for _, l := range s.unspoken {
		line := render(l)
		if s.rtl(l) {
			line = "\u2067" + line + "\u2069"
		}
		lines = append(lines, line)
	}
	return bot.Reply{Text: strings.Join(lines, "\n")}
}

// send queues a message for the case's person, outside a turn; ref, when
// not "", asks for a report of what became of it (ReportDelivery).
func (s *Service) send(ctx context.Context, cs Case, r bot.Reply, ref string) error {
	if s.out == nil {
		return fmt.Errorf("send to %s: no outbound path", cs.Contact)
	}
	if err := s.out.Send(ctx, cs.Contact, dispatch.Outbound{Reply: r, From: From, Ref: ref}); err != nil {
		return fmt.Errorf("send to %s: %w", cs.Contact, err)
	}
	return nil
}

// Wrap keeps the bot silent while the contact has an open case: the
// person's messages go to the case's transcript and live to the operators,
// and the turn has no reply. These still reach next, recognised by the
// conversation's own words (flows.Words.Intent), so a word a catalogue
// adds works here too:
//   - /delete (and its other names, words.command.delete) and the answer to its confirmation,
//     so a person can always erase their data (which erases the case);
//   - /privacy, so they can always read what is kept;
//   - /clear (and its other names) and its confirmation, so a person on a shared phone can
//     always remove the conversation from it;
//   - /stop and the stop words of every catalogue ("basta", "توقف"...),
//     in any state of the case, so a person can always stop the news
//     messages; the case stays open (stop means stop notices, not "drop my
//     request"), and the operator sees a note in the transcript;
//   - /menu while the case is still waiting: the person leaves the queue
//     (the case closes as "withdrawn") and the bot takes over again;
//   - the "book an appointment" choice offered when the desk is closed or
//     the wait is long (ChoiceBookInstead) leaves the queue the same way and
//     starts booking for the case's service (never for an urgent case).
//
// Everything else (text, /language, /start, choices of old menus) is
// relayed to the operator. Photos, voice notes, audio, documents and
// stickers are fetched through the channel's MediaFetcher and stored with
// the transcript's retention, for the operators to see; a fetch that fails
// leaves the kind and "could not fetch" in the transcript.
func (s *Service) Wrap(next bot.Handler) bot.Handler { return wrapped{s: s, next: next} }

type wrapped struct {
	s    *Service
	next bot.Handler
}

// Preload implements bot.Preloader: whether a case is open is read with
// the conversation's state.
func (w wrapped) Preload(c bot.Contact) []string {
	keys := []string{w.s.q.openKey(c)}
	if p, ok := w.next.(bot.Preloader); ok {
		keys = append(keys, p.Preload(c)...)
	}
	return keys
}

// hintCase is the contact's hint (bot.Hinted) that a case may be open:
// the open case (Queue.openKey) is read only while it is set, so a
// message of someone without a case reads nothing of the queue. A case
// opens only from a HandoffRequested event, which the dispatcher delivers
// after it stored the hint of the turn whose outcome carries it; the hint
// is cleared by a turn that found no case open and asks for none.
const hintCase = "case"

// PreloadHints implements bot.Hinted.
func (w wrapped) PreloadHints(c bot.Contact) map[string]string {
	h := map[string]string{w.s.q.openKey(c): hintCase}
	if p, ok := w.next.(bot.Hinted); ok {
		maps.Copy(h, p.PreloadHints(c))
	}
	return h
}

func (w wrapped) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	cs, err := w.s.q.openCase(ctx, t.Contact, t.Preloaded)
	out, herr := w.turn(ctx, t, cs, err)
	if herr != nil {
		return out, herr
	}
	// A case may be open after this turn unless none was (read, not
	// failed to read) and the outcome asks for none.
	open := !errors.Is(err, ErrNotFound) || slices.ContainsFunc(out.Events, func(e bot.Event) bool {
		_, ok := e.(bot.HandoffRequested)
		return ok
	})
	out.Hints = maps.Clone(out.Hints)
	if out.Hints == nil {
		out.Hints = map[string]bool{}
	}
	out.Hints[hintCase] = open
	return out, nil
}

// turn is Handle's turn, with the contact's open case as openCase read it.
func (w wrapped) turn(ctx context.Context, t bot.Turn, cs Case, err error) (bot.Outcome, error) {
	s := w.s
	if t.Message.Revokes != "" {
		return w.revoked(ctx, t, err)
	}
	if errors.Is(err, ErrNotFound) {
		if t.Message.Edits != "" {
			// The new words replace the old in the cases kept; the
			// conversation replaces them where it keeps them and
			// answers them.
			if _, err := s.q.editEverywhere(ctx, t.Contact, mediaID(t.Message.Edits), t.Message.Text); err != nil {
				return bot.Outcome{}, err
			}
		}
		out, err := w.next.Handle(ctx, t)
		if err != nil {
			return out, err
		}
		return s.afterHandoff(ctx, t, out), nil
	}
	if err != nil {
		return bot.Outcome{}, err
	}
	m := t.Message
	intent := s.words.Intent(m.Text, m.Choice)
	switch {
	case intent == flows.IntentDelete || intent == flows.IntentPrivacy || intent == flows.IntentDeleteAnswer:
		out, err := w.next.Handle(ctx, t)
		return withoutMenus(out), err
	case flows.Asking(t.State, flows.QuestionDelete):
		if out, answered, err := w.answer(ctx, t, flows.QuestionDelete); err != nil || answered {
			return withoutMenus(out), err
		}
		// Not an answer to the question: a message for the operator.
	case intent == flows.IntentClear || intent == flows.IntentClearAnswer || flows.Asking(t.State, flows.QuestionClear):
		if out, answered, err := w.clearPhone(ctx, t, cs, intent); err != nil || answered {
			return out, err
		}
		// Not an answer to the question: a message for the operator.
	case m.Choice == ChoiceBookInstead && cs.Status == StatusWaiting && !cs.Urgent:
		// An urgent case never offers to book instead; a "book" button
		// left in the chat from an earlier case must not take a person in
		// danger out of the queue: it is relayed like any message.
		// The flows book from the service's screen: its "book" choice,
		// pressed as an old button, starts the booking dialogue. Without a
		// service, the menu leads there.
		book := bot.Message{Contact: m.Contact, ID: m.ID, Time: m.Time, Choice: flows.MenuChoice}
		if cs.Area != "" && cs.Topic != "" {
			book.Choice = flows.BookChoice(cs.Area, cs.Topic)
		}
		return w.leaveQueue(ctx, t, cs, book)
	case intent == flows.IntentStop:
		return w.stopNews(ctx, t, cs)
	case intent == flows.IntentMenu && cs.Status == StatusWaiting:
		return w.leaveQueue(ctx, t, cs, bot.Message{Contact: m.Contact, ID: m.ID, Time: m.Time, Choice: flows.MenuChoice})
	case intent == flows.IntentMenu:
		// A person of the desk holds the case: the menu would invite the
		// person to use the bot while their words go to the operator.
		return bot.Outcome{Replies: []bot.Reply{s.text(cs.Lang, "handoff.menu_in_case", nil)}}, nil
	}
	if m.Edits != "" {
		// The new text replaces the old where the operator reads it, and
		// in the person's earlier cases; an edit of a message this case
		// does not hold is a new line.
		changed, err := s.q.editEverywhere(ctx, t.Contact, mediaID(m.Edits), m.Text)
		if err != nil {
			return bot.Outcome{}, err
		}
		if changed[cs.ID] > 0 {
			// "ok" edited into "he has a knife" is told as much as a
			// new message.
			return s.withNumbers(ctx, t, cs, bot.Outcome{}), nil
		}
	}
	e := Entry{Time: t.Now, By: "person", Text: m.Text, Kind: string(m.Attachment), Ref: mediaID(m.ID)}
	if m.Edits != "" {
		e.Ref, e.Edited = mediaID(m.Edits), true
	}
	if m.Choice != "" && e.Text == "" {
		label := ""
		switch {
		case m.Choice == ChoiceBookInstead:
			// Handoff's own button, not one of the flow's.
			label = s.cat.Text(cs.Lang, "choice.book", nil)
		case s.choices != nil:
			label = s.choices.ChoiceLabel(t.State, m.Choice)
		}
		if label == "" {
			label = m.Choice
		}
		e.Text = "[" + label + "]"
	}
	if m.Media != "" {
		s.attachMedia(ctx, cs, m, &e)
	}
	if err := s.q.Append(ctx, cs.ID, e); err != nil {
		return bot.Outcome{}, err
	}
	var out bot.Outcome
	if cs.Status == StatusWaiting {
		if r, ok, err := s.waitNews(ctx, cs, false); err != nil {
			s.log.Warn("estimating the wait", "case", cs.ID, "err", err)
		} else if ok {
			out.Replies = r
		}
	}
	return s.withNumbers(ctx, t, cs, out), nil
}

// withNumbers adds to out the numbers of a danger the person's message in
// t tells, when it tells one: a danger told to an operator who may not
// read it for minutes (a case about a permit, "he threatened me again")
// gets its numbers at once, and the transcript says they went.
func (s *Service) withNumbers(ctx context.Context, t bot.Turn, cs Case, out bot.Outcome) bot.Outcome {
	if s.dangers == nil || t.Message.Text == "" {
		return out
	}
	if r, ok := s.dangers.Numbers(t.State, t.Message.Text); ok {
		out.Replies = append(out.Replies, r)
		s.warn(ctx, "noting the numbers in the transcript", cs.ID, s.q.Append(ctx, cs.ID, Entry{Time: t.Now, By: "bot", Text: r.Text}))
	}
	return out
}

// revoked handles a person's "delete for everyone" (bot.Message.Revokes):
// the message leaves the transcripts of the contact's cases, open or
// closed, text and file, so that operators no longer read what the person
// took back; its line stays, saying the person deleted it, because a
// safeguarding lead reading a closed case must see that something was
// said and withdrawn. Without an open case the conversation forgets it
// too (what it keeps for a case opened later); it answers a deletion
// either way with nothing.
func (w wrapped) revoked(ctx context.Context, t bot.Turn, openErr error) (bot.Outcome, error) {
	if openErr != nil && !errors.Is(openErr, ErrNotFound) {
		return bot.Outcome{}, openErr
	}
	if _, err := w.s.q.forgetEverywhere(ctx, t.Contact, mediaID(t.Message.Revokes)); err != nil {
		return bot.Outcome{}, err
	}
	if errors.Is(openErr, ErrNotFound) {
		return w.next.Handle(ctx, t)
	}
	return bot.Outcome{}, nil
}

// stopNews hands a stop to the conversation, which unsubscribes the person
// from all news, and notes it in the transcript for the operator. The case
// stays as it is. Only the conversation's confirmation goes out, without
// its buttons: a menu would invite the person to use the bot while their
// messages go to the operator, and its choices would only be relayed.
func (w wrapped) stopNews(ctx context.Context, t bot.Turn, cs Case) (bot.Outcome, error) {
	out, err := w.next.Handle(ctx, t)
	if err != nil {
		return out, err
	}
	out = withoutMenus(out)
	e := Entry{Time: t.Now, By: "system", Text: "the person stopped news messages (" + strings.TrimSpace(t.Message.Text) + "); the case stays open"}
	if err := w.s.q.Append(ctx, cs.ID, e); err != nil {
		// The unsubscription matters more than the note: do not fail the turn.
		w.s.log.Warn("noting a stop in the transcript", "case", cs.ID, "err", err)
	}
	return out, nil
}

// clearPhone hands "remove this conversation from my phone" and its answer
// to the conversation, as the person on a shared phone may need it most
// while talking to an operator. After the answer only the conversation's
// lines go out, not the menu it shows next; the operator is told, as the
// earlier messages may no longer be on the person's screen.
//
// While the question waits, text that does not answer it (the conversation
// would still be asking) is for the operator: answered is false and the
// turn goes on as any message during a case.
func (w wrapped) clearPhone(ctx context.Context, t bot.Turn, cs Case, intent flows.Intent) (out bot.Outcome, answered bool, err error) {
	if intent == flows.IntentClear {
		out, err = w.next.Handle(ctx, t)
		return out, true, err
	}
	out, answered, err = w.answer(ctx, t, flows.QuestionClear)
	if err != nil || !answered {
		return out, answered, err
	}
	out = withoutMenus(out)
	if out.Retract {
		e := Entry{Time: t.Now, By: "system", Text: "the person removed this conversation from their phone: your earlier messages may no longer show there"}
		if err := w.s.q.Append(ctx, cs.ID, e); err != nil {
			w.s.log.Warn("noting a clear in the transcript", "case", cs.ID, "err", err)
		}
	}
	return out, true, nil
}

// withoutMenus drops the buttons of the conversation's answer during a
// case (after /privacy, or "No" to /delete), keeping those of a question
// still open (/delete's yes and no): the person talks with the operator,
// and a menu there would only be relayed to them.
func withoutMenus(out bot.Outcome) bot.Outcome {
	if out.State != nil && flows.Asking(out.State, flows.QuestionDelete) {
		return out
	}
	for i := range out.Replies {
		out.Replies[i].Choices, out.Replies[i].ChoiceHint = nil, ""
	}
	return out
}

// answer hands a message to the conversation while its question what
// waits; answered is false when the conversation is still asking
// afterwards (the words were not an answer), and then the outcome is to be
// dropped.
func (w wrapped) answer(ctx context.Context, t bot.Turn, what flows.Question) (bot.Outcome, bool, error) {
	out, err := w.next.Handle(ctx, t)
	if err != nil {
		return out, true, err
	}
	if out.Erase || out.Retract {
		return out, true, nil
	}
	if out.State == nil || flows.Asking(out.State, what) {
		return bot.Outcome{}, false, nil
	}
	return out, true, nil
}

// leaveQueue closes a waiting case as withdrawn and hands msg to the
// conversation, which takes over again.
func (w wrapped) leaveQueue(ctx context.Context, t bot.Turn, cs Case, msg bot.Message) (bot.Outcome, error) {
	s := w.s
	if err := s.q.Close(ctx, "", cs.ID, OutcomeWithdrawn); err != nil && !errors.Is(err, ErrClosed) {
		return bot.Outcome{}, err
	}
	s.recordOutcome(ctx, cs, OutcomeWithdrawn)
	s.warn(ctx, "noting the withdrawal in the transcript", cs.ID, s.q.Append(ctx, cs.ID, Entry{By: "system", Text: "withdrawn"}))
	out, err := w.next.Handle(ctx, bot.Turn{Contact: t.Contact, State: t.State, Now: t.Now, Message: msg})
	if err != nil {
		return out, err
	}
	out.Replies = append([]bot.Reply{s.text(cs.Lang, "handoff.withdrawn", nil)}, out.Replies...)
	return out, nil
}

// afterHandoff adds the honest-waiting message to the turn that opens a
// case: the case itself opens from the event after the turn is committed,
// so the estimate is for a case joining the queue now.
func (s *Service) afterHandoff(ctx context.Context, t bot.Turn, out bot.Outcome) bot.Outcome {
	for i, e := range out.Events {
		h, ok := e.(bot.HandoffRequested)
		if !ok {
			continue
		}
		o := openingOf(h)
		// The place the case will take in the queue (Position).
		if pos, err := s.q.Ahead(ctx, o.Lang, o.Area, t.Now, o.Urgent); err != nil {
			s.log.Warn("estimating the wait", "err", err)
		} else {
			r, _, err := s.waitMessages(ctx, s.speak(o.Lang), o.Area, pos+1, o.Urgent)
			if err != nil {
				s.log.Warn("estimating the wait", "err", err)
			}
			out.Replies = append(out.Replies, r...)
		}
		// What the person is told in this turn goes into the case with
		// the event, so the operator reads it before writing.
		var told []string
		for _, r := range out.Replies {
			told = append(told, r.Text)
		}
		if len(told) > 0 {
			h.Told = told
			out.Events = slices.Clone(out.Events)
			out.Events[i] = h
		}
		return out
	}
	return out
}

// speak is the language to write to a person in: theirs, or "" when
// Frontdoor does not speak it, which the catalogue renders in its
// fallback language.
func (s *Service) speak(lang string) string {
	if s.cat.Supported(lang) {
		return lang
	}
	return ""
}

// pace is how fast the people of a routing queue are taken: that queue's
// own pace once it has enough claims to go by, else the desk's.
func (s *Service) pace(ctx context.Context, lang, area string) (float64, int64, error) {
	window := time.Duration(s.cfg.PaceWindow)
	perMin, n, err := s.q.QueuePace(ctx, window, lang, area)
	if err != nil || n >= 2 {
		return perMin, n, err
	}
	return s.q.Pace(ctx, window)
}

// waitBucket rounds an estimate in minutes to the steps people are told:
// changes within a step are not worth a message.
func waitBucket(minutes float64) int {
	for _, b := range []int{5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240} {
		if minutes <= float64(b) {
			return b
		}
	}
	return 999
}

// MsgUrgentClosed is what a person whose case is urgent is told when the
// desk is closed: their message is kept for the first operator, and the
// emergency numbers the conversation gave them are for now. Never "book
// an appointment instead", nor only "the desk is closed".
const MsgUrgentClosed = "handoff.urgent_closed"

// waitMessages says where a person is in the queue and how long the wait
// may be; bucket is the estimate step (0 = unknown). An urgent case is
// never offered to leave the queue for an appointment.
func (s *Service) waitMessages(ctx context.Context, lang, area string, pos int64, urgent bool) ([]bot.Reply, int, error) {
	now := s.clock()
	if !s.hours.isOpen(now) {
		if urgent {
			return []bot.Reply{s.text(lang, MsgUrgentClosed, nil)}, -1, nil
		}
		r := s.text(lang, "handoff.out_of_hours", nil)
		if at, ok := s.hours.opens(now); ok {
			// When, in the desk's time: a person deciding whether to
			// wait or book needs it.
			r = s.in(lang, func(l string) string {
				return s.cat.Text(l, "handoff.out_of_hours_opens", map[string]any{
					"Day":  s.cat.Weekday(l, at),
					"Time": s.cat.Clock(l, at),
				})
			})
		}
		r.Choices = s.bookInstead(lang)
		return []bot.Reply{r}, -1, nil
	}
	perMin, n, err := s.pace(ctx, lang, area)
	if err != nil {
		return nil, 0, err
	}
	// The message's parts, rendered in each language that is needed.
	type part struct {
		id   string
		data map[string]any
	}
	var parts []part
	if pos <= 1 {
		parts = append(parts, part{"handoff.wait.next", nil})
	} else {
		parts = append(parts, part{"handoff.wait.position", map[string]any{"Position": pos}})
	}
	bucket := 0
	var choices []bot.Choice
	if n >= 2 && perMin > 0 {
		bucket = waitBucket(math.Ceil(float64(pos) / perMin))
		if bucket >= 999 || time.Duration(bucket)*time.Minute >= time.Duration(s.cfg.LongWait) {
			parts = append(parts, part{"handoff.wait.long", nil})
			if !urgent {
				choices = s.bookInstead(lang)
			}
		} else {
			parts = append(parts, part{"handoff.wait.minutes", map[string]any{"Count": bucket}})
		}
	} else if pos > 1 {
		parts = append(parts, part{"handoff.wait.unknown", nil})
	}
	sep := "\n"
	if lang == "" && len(s.unspoken) > 0 {
		sep = " " // one line per language
	}
	r := s.in(lang, func(l string) string {
		texts := make([]string, len(parts))
		for i, p := range parts {
			texts[i] = s.cat.Text(l, p.id, p.data)
		}
		return strings.Join(texts, sep)
	})
	r.Choices = choices
	return []bot.Reply{r}, bucket, nil
}

// ChoiceBookInstead is offered when the desk is closed or the wait is long:
// the person leaves the queue and books an appointment instead of waiting
// for nothing.
const ChoiceBookInstead = "handoff.book"

func (s *Service) bookInstead(lang string) []bot.Choice {
	label := s.cat.Text(lang, "choice.book", nil)
	if lang == "" && len(s.unspoken) > 1 {
		// A button has room for two languages, not all of them.
		label = s.cat.Text(s.unspoken[0], "choice.book", nil) + " · " + s.cat.Text(s.unspoken[1], "choice.book", nil)
	}
	return []bot.Choice{{ID: ChoiceBookInstead, Label: label}}
}

// waitNews returns a queue update for a waiting case when the estimate
// changed meaningfully since the person was last told (another step of
// the estimate, or the place halved, or they are next), at most once per
// UpdateEvery unless force.
func (s *Service) waitNews(ctx context.Context, cs Case, force bool) ([]bot.Reply, bool, error) {
	pos, err := s.q.Position(ctx, cs.ID)
	if err != nil || pos == 0 {
		return nil, false, err
	}
	toldPos, toldBucket, toldAt, err := s.q.told(ctx, cs.ID)
	if err != nil {
		return nil, false, err
	}
	now := s.clock()
	if !force && !toldAt.IsZero() && now.Sub(toldAt) < time.Duration(s.cfg.UpdateEvery) {
		return nil, false, nil
	}
	// A case just opened is told its place by the turn that opened it
	// (afterHandoff, then toldAtOpening): a round in between must not tell
	// it first, out of order.
	if !force && toldAt.IsZero() && now.Sub(cs.Opened) < time.Duration(s.cfg.UpdateEvery) {
		return nil, false, nil
	}
	r, bucket, err := s.waitMessages(ctx, cs.Lang, cs.Area, pos, cs.Urgent)
	if err != nil {
		return nil, false, err
	}
	changed := toldAt.IsZero() || bucket != toldBucket || (pos == 1 && toldPos != 1) || (toldPos > 0 && pos*2 <= toldPos)
	if !changed && !force {
		return nil, false, nil
	}
	if err := s.q.setTold(ctx, cs.ID, pos, bucket, now); err != nil {
		return nil, false, err
	}
	return r, true, nil
}

// HandleEvent opens a case for a handoff event (bot.EventSink). The
// transcript starts with what the person wrote to the bot before (marked
// Before), the message that opened the case, and why it opened, so the
// operator never has to ask a person in danger to tell it all again
// (issue 12). Those lines are in another slot than the case, written in
// another round trip, which may fail after the case is open; the event
// must not fail then: the dispatcher runs a turn's events before its
// answers and holds them behind a failing one, and the person would not
// be told that a person will answer, nor an urgent case's emergency
// numbers. So the case keeps its lines, owed, in the script that opens it
// (open), and they are as durable as the case: written here, or else by
// a replay of the event or by whoever reads the transcript for the
// operators (transcriptOf), who sees them meanwhile. Another handoff
// event for the case, which is not its opening, writes none.
func (s *Service) HandleEvent(ctx context.Context, c bot.Contact, e bot.Event) error {
	h, ok := e.(bot.HandoffRequested)
	if !ok {
		return nil
	}
	o := openingOf(h)
	token := openingToken(h)
	want := o.caseFor(c)
	// Timed before the case opens, as its lines are kept with it.
	want.Opened = s.q.clock()
	r, err := s.q.open(ctx, want, token, openingEntries(o, want))
	if err != nil {
		return err
	}
	cs := r.Case
	if !r.confirmed {
		// Open on its master all the same: failing the event would
		// only open it again there. The person is told it is open.
		s.countUnconfirmed(c)
		s.log.Warn("no replica confirmed an opened case in time: a failover now could lose it",
			"case", cs.ID, "contact", c.String(), "wait", s.q.replicas.Wait())
	}
	if r.owed == "" {
		// A replay whose lines are written, or another event for the
		// case: its first lines are there (or owed to the event that
		// opened it).
		return nil
	}
	if r.opened {
		// Kind and texts stay out of the info log: with the contact they
		// would tell who is in which danger.
		s.log.Info("case opened", "case", cs.ID, "contact", c.String(), "lang", cs.Lang, "detected", cs.Detected,
			"area", cs.Area, "urgent", cs.Urgent)
	}
	if o.SaidBroken {
		s.log.Warn("the earlier messages of the person are unreadable: not a JSON list of strings", "case", cs.ID)
	}
	confirmed, err := s.q.payOpening(ctx, cs.ID, token, r.owed)
	if err != nil {
		// The case keeps them, owed, and the person's answer must not
		// wait for them.
		s.warn(ctx, "writing the opening lines of the case: the case keeps them, owed", cs.ID, err)
	} else if !confirmed {
		// Written on their master all the same, as the case is open.
		// A run of the event counts the case once, whichever of its
		// writes a replica did not confirm.
		if r.confirmed {
			s.countUnconfirmed(c)
		}
		s.log.Warn("no replica confirmed the opening lines of a case in time: a failover now could lose them",
			"case", cs.ID, "contact", c.String(), "wait", s.q.replicas.Wait())
	}
	s.warn(ctx, "recording what the person was told about the wait", cs.ID, s.toldAtOpening(ctx, cs))
	return nil
}

// countUnconfirmed counts a case whose opening (the case, or its first
// lines) no replica confirmed in time (Options.ReplicaUnconfirmed).
func (s *Service) countUnconfirmed(c bot.Contact) {
	if s.unconfirmed != nil {
		s.unconfirmed.WithLabelValues(c.Channel).Inc()
	}
}

// openingEntries are the first lines of a case's transcript: the earlier
// messages and the bot's answers (marked Before), the opening one, what
// the bot answered it, then the system line saying why.
func openingEntries(o opening, cs Case) []Entry {
	var out []Entry
	// A free text older than the turns kept is still worth reading; one
	// among them shows in its turn.
	// Each line of the person's keeps its message's id (Ref), so that
	// deleting the message for everyone empties it later (forget).
	inRecent := map[string]bool{}
	for _, x := range o.Recent {
		inRecent[x.Person] = true
	}
	for i, m := range o.Said {
		if !inRecent[m] {
			e := Entry{Time: cs.Opened, By: "person", Text: m, Before: true}
			if i < len(o.SaidIDs) {
				e.Ref = refOf(o.SaidIDs[i])
			}
			out = append(out, e)
		}
	}
	for _, x := range o.Recent {
		switch {
		case x.Deleted:
			out = append(out, Entry{Time: cs.Opened, By: "person", Text: deletedText, Deleted: true, Before: true, Ref: refOf(x.ID)})
		case x.Person != "" || x.Kind != "":
			out = append(out, Entry{Time: cs.Opened, By: "person", Text: x.Person, Kind: x.Kind, Before: true, Ref: refOf(x.ID), Edited: x.Edited})
		}
		if x.Bot != "" {
			out = append(out, Entry{Time: cs.Opened, By: "bot", Text: x.Bot, Before: true})
		}
	}
	// A bare command ("/person") says nothing the system line does not.
	if o.Text != "" && !(strings.HasPrefix(o.Text, "/") && !strings.ContainsAny(o.Text, " \t\n")) {
		out = append(out, Entry{Time: cs.Opened, By: "person", Text: o.Text, Ref: refOf(o.Message)})
	}
	for _, m := range o.Told {
		out = append(out, Entry{Time: cs.Opened, By: "bot", Text: m})
	}
	return append(out, Entry{Time: cs.Opened, By: "system", Text: "opened: " + reasonText(cs.Reason, cs.Kind, cs.Urgent)})
}

// toldAtOpening records the estimate the turn that opened the case gave
// (afterHandoff), so the first queue update comes only when it changes.
func (s *Service) toldAtOpening(ctx context.Context, cs Case) error {
	pos, err := s.q.Position(ctx, cs.ID)
	if err != nil {
		return err
	}
	_, bucket, err := s.waitMessages(ctx, cs.Lang, cs.Area, pos, cs.Urgent)
	if err != nil {
		return err
	}
	return s.q.setTold(ctx, cs.ID, pos, bucket, s.clock())
}

// warn logs a failed side step of an action that itself succeeded (the
// transcript line, the audit entry, the activity mark): the action must
// not be reported as failed, or it would be repeated, but the loss must
// show in the log.
func (s *Service) warn(ctx context.Context, what, id string, err error) {
	if err != nil && ctx.Err() == nil {
		s.log.Warn(what, "case", id, "err", err)
	}
}

// Erase forgets the contact's cases and transcripts (bot.Eraser).
func (s *Service) Erase(ctx context.Context, c bot.Contact) error { return s.q.Erase(ctx, c) }

// Reply queues an operator's message for the person of a case assigned to
// them, marked as coming from a person of the desk, and records it. nil
// means queued: during an outage of the channel it is delivered when the
// channel is back, and a reply that cannot be delivered is noted in the
// transcript, live (ReportDelivery).
func (s *Service) Reply(ctx context.Context, operator, id, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return ErrEmptyMessage
	}
	cs, err := s.mine(ctx, operator, id)
	if err != nil {
		return err
	}
	// In the transcript first, so that a report about it (which may come
	// at once, for a person who blocked the bot) follows it there.
	e := Entry{ID: newID(), By: "operator", Operator: operator, Text: text}
	if err := s.q.Append(ctx, id, e); err != nil {
		return err
	}
	if err := s.send(ctx, cs, s.signed(cs, operator, text), id+"/"+e.ID); err != nil {
		s.warn(ctx, "noting an unsent reply in the transcript", id, s.q.undelivered(ctx, id, e.ID, "could not be queued: "+err.Error()))
		return err
	}
	// The reply is queued: failing now would make the operator send it again.
	s.warn(ctx, "marking operator activity", id, s.q.Touch(ctx, id))
	s.warn(ctx, "auditing a reply", id, s.q.audit(ctx, operator, "reply", id, ""))
	return nil
}

// signed is an operator's reply as the person reads it: after a line that
// says a person of the desk writes, by name or by role (Config.ReplyLabel),
// in the person's language, so nobody takes it for the assistant.
func (s *Service) signed(cs Case, operator, text string) bot.Reply {
	name := s.cfg.ReplyNames[operator]
	if name == "" {
		name = operator
	}
	id, data := "handoff.reply_from_name", map[string]any{"Name": name}
	if s.cfg.ReplyLabel == LabelRole {
		id, data = "handoff.reply_from_desk", nil
	}
	r := s.text(cs.Lang, id, data)
	r.Text += "\n" + text
	r.RTL = s.rtl(cs.Lang)
	return r
}

// ReportDelivery implements dispatch.DeliveryReporter: an operator's reply that
// could not be delivered is noted in the case's transcript with the
// reason, which the case page shows live.
func (s *Service) ReportDelivery(ctx context.Context, c bot.Contact, d dispatch.Delivery) error {
	if d.Answer != nil {
		return s.answerUndelivered(ctx, c, d)
	}
	if d.From != From {
		return nil
	}
	caseID, entryID, ok := strings.Cut(d.Ref, "/")
	if !ok {
		return nil
	}
	if e, ok := strings.CutSuffix(entryID, unsendSuffix); ok {
		return s.reportUnsend(ctx, caseID, e, d)
	}
	if d.Failure == dispatch.Delivered {
		// The platform's ids of the reply, so that the operator can take
		// it back (DeleteReply).
		if len(d.IDs) == 0 {
			return nil
		}
		return s.q.markSent(ctx, caseID, entryID, d.IDs)
	}
	s.log.Warn("operator's reply not delivered", "case", caseID, "reason", string(d.Failure), "err", d.Detail)
	if len(d.IDs) > 0 {
		// Some parts of it reached the person: they can be taken back.
		if err := s.q.markSent(ctx, caseID, entryID, d.IDs); err != nil {
			return err
		}
	}
	return s.q.undelivered(ctx, caseID, entryID, failureText(d.Failure))
}

// answerUndelivered notes on the person's open case the bot's answer
// that did not reach them, marked not delivered with the reason: what
// the operators read of the conversation (the emergency numbers of an
// urgent case, "someone will answer") the person never did. Without an
// open case there is nobody to tell; the dispatcher counted it.
func (s *Service) answerUndelivered(ctx context.Context, c bot.Contact, d dispatch.Delivery) error {
	cs, err := s.q.OpenCase(ctx, c)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	// The report comes again (a failed try, a crash): the note's id is
	// the answer's, and the case notes an id once, its line and the
	// reason together.
	e := Entry{ID: answerNoteID(d), By: "bot", Text: d.Answer.Text}
	why := failureText(d.Failure)
	noted, err := s.q.noteOnce(ctx, cs.ID, e.ID, e, s.q.undeliveredEntry(e.ID, why))
	if err != nil {
		return err
	}
	if noted {
		s.log.Warn("the bot's answer did not reach the person of a case", "case", cs.ID, "reason", string(d.Failure))
	}
	return nil
}

// answerNoteID is the transcript id of the note of the bot's undelivered
// answer d, the same at every report of it: from the answer's place in
// the conversation (Delivery.Turn) and its text, hashed so that the
// handled message's platform id is not kept in the transcript. Without a
// Turn (an answer queued before the dispatcher kept it), two equal lost
// answers on one case are noted once.
func answerNoteID(d dispatch.Delivery) string {
	h := sha256.Sum256([]byte(d.Turn + "\x00" + d.Answer.Text))
	return "a" + hex.EncodeToString(h[:8])
}

// failureText says to operators why a reply was not delivered.
func failureText(f dispatch.Failure) string {
	switch f {
	case dispatch.FailBlocked:
		return "the person has blocked the bot or left the chat"
	case dispatch.FailRejected:
		return "the platform refused the message"
	case dispatch.FailGaveUp:
		return "the channel kept failing and Frontdoor stopped retrying"
	case dispatch.FailNoChannel:
		return "the person's channel is not configured any more"
	case dispatch.FailUnsupported:
		return "the person's channel cannot do it"
	}
	return string(f)
}

// Note adds an internal note to a case; the person never sees it.
func (s *Service) Note(ctx context.Context, operator, id, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return ErrEmptyMessage
	}
	cs, err := s.q.Get(ctx, id)
	if err != nil {
		return err
	}
	if cs.Status == StatusClosed {
		return ErrClosed
	}
	if err := s.q.Append(ctx, id, Entry{By: "note", Operator: operator, Text: text}); err != nil {
		return err
	}
	if cs.Status == StatusAssigned && cs.Operator == operator {
		s.warn(ctx, "marking operator activity", id, s.q.Touch(ctx, id))
	}
	s.warn(ctx, "auditing a note", id, s.q.audit(ctx, operator, "note", id, ""))
	return nil
}

// StillHere records that the operator is still on a case assigned to them,
// so it is not taken back as abandoned. Only explicit actions count as
// activity: an open case page does not.
func (s *Service) StillHere(ctx context.Context, operator, id string) error {
	if _, err := s.mine(ctx, operator, id); err != nil {
		return err
	}
	if err := s.q.Touch(ctx, id); err != nil {
		return err
	}
	s.warn(ctx, "auditing an I'm-here", id, s.q.audit(ctx, operator, "here", id, ""))
	return nil
}

// mine returns a case assigned to operator.
func (s *Service) mine(ctx context.Context, operator, id string) (Case, error) {
	cs, err := s.q.Get(ctx, id)
	if err != nil {
		return Case{}, err
	}
	switch {
	case cs.Status == StatusClosed:
		return Case{}, ErrClosed
	case cs.Status != StatusAssigned:
		return Case{}, ErrNotAssigned
	case cs.Operator != operator:
		return Case{}, ErrNotYours
	}
	return cs, nil
}

// Claim claims a case picked from the list and tells the person.
func (s *Service) Claim(ctx context.Context, operator, id string) error {
	if err := s.q.Claim(ctx, operator, id); err != nil {
		return err
	}
	s.claimed(ctx, operator, id)
	return nil
}

// Next claims the next case for the operator and tells the person.
func (s *Service) Next(ctx context.Context, operator string) (string, error) {
	id, err := s.q.Next(ctx, operator)
	if err != nil {
		return "", err
	}
	s.claimed(ctx, operator, id)
	return id, nil
}

func (s *Service) claimed(ctx context.Context, operator, id string) {
	s.warn(ctx, "auditing a claim", id, s.q.audit(ctx, operator, "claim", id, ""))
	s.warn(ctx, "noting a claim in the transcript", id, s.q.Append(ctx, id, Entry{By: "system", Operator: operator, Text: "claimed"}))
	cs, err := s.q.Get(ctx, id)
	if err != nil {
		s.warn(ctx, "telling the person their case was taken", id, err)
		return
	}
	if err := s.send(ctx, cs, s.text(cs.Lang, "handoff.assigned", nil), ""); err != nil {
		s.log.Warn("telling the person their case was taken", "case", id, "err", err)
	}
}

// Transfer hands a case to another operator, or back to the queue when
// to is "", with a note for whoever takes it.
func (s *Service) Transfer(ctx context.Context, from, id, to, note string, admin bool) error {
	by := from
	if admin {
		by = ""
	}
	var err error
	if to == "" {
		err = s.q.Requeue(ctx, by, id, note)
	} else {
		err = s.q.Transfer(ctx, by, id, to, note)
	}
	if err != nil {
		return err
	}
	s.warn(ctx, "auditing a transfer", id, s.q.audit(ctx, from, "transfer", id, "to "+orQueue(to)))
	s.warn(ctx, "noting a transfer in the transcript", id,
		s.q.Append(ctx, id, Entry{By: "system", Operator: from, Text: "transferred to " + orQueue(to) + ": " + note}))
	return nil
}

func orQueue(to string) string {
	if to == "" {
		return "queue"
	}
	return to
}

// Close closes a case with an outcome, tells the person in their
// language, and lets the bot take over again.
func (s *Service) Close(ctx context.Context, operator, id, outcome string, admin bool) error {
	by := operator
	if admin {
		by = ""
	}
	cs, err := s.q.Get(ctx, id)
	if err != nil {
		return err
	}
	if err := s.q.Close(ctx, by, id, outcome); err != nil {
		return err
	}
	s.recordOutcome(ctx, cs, outcome)
	s.warn(ctx, "auditing a close", id, s.q.audit(ctx, operator, "close", id, outcome))
	s.warn(ctx, "noting a close in the transcript", id, s.q.Append(ctx, id, Entry{By: "system", Operator: operator, Text: "closed: " + words(outcome)}))
	s.log.Info("case closed", "case", id, "outcome", outcome)
	if err := s.send(ctx, cs, s.text(cs.Lang, "handoff.closed", nil), ""); err != nil {
		s.log.Warn("telling the person their case is closed", "case", id, "err", err)
	}
	return nil
}

// Appointment is one of a person's appointments as the case page shows
// it, every field in words in the operator's language.
type Appointment struct {
	Code, Date, Time, Desk, Service, Status string
}

// Appointments lists a person's appointments (from a week ago on) in
// lang, for the case page: the desks' agenda is another package's, whose
// keys handoff does not read.
type Appointments interface {
	Appointments(ctx context.Context, c bot.Contact, lang string) ([]Appointment, error)
}

// OutcomeRecorder counts how cases end, for the anonymous statistics; it
// gets no identity, only the channel.
type OutcomeRecorder interface {
	RecordOutcome(ctx context.Context, area, lang, channel, outcome string) error
}

// recordOutcome is called once per case, after its close succeeded (a
// second close fails), so each case counts once.
func (s *Service) recordOutcome(ctx context.Context, cs Case, outcome string) {
	if s.outcomes == nil {
		return
	}
	if err := s.outcomes.RecordOutcome(ctx, cs.Area, cs.Lang, cs.Contact.Channel, outcome); err != nil {
		s.log.Warn("counting a case outcome", "err", err)
	}
}

// Run moves transcripts and files of the layout before issue 19 to their
// cases' slots (MigrateCaseData), then returns abandoned cases to the
// queue, trims the pace window and sends queue updates to waiting people,
// until ctx is cancelled. Run it in
// every process: all steps are safe to run concurrently.
func (s *Service) Run(ctx context.Context) error {
	if s.link != nil {
		s.link.setBase(ctx)
	}
	t := time.NewTicker(s.every)
	defer t.Stop()
	migrated := false
	for {
		if !migrated {
			n, err := s.q.MigrateCaseData(ctx)
			migrated = err == nil
			switch {
			case err != nil && ctx.Err() == nil:
				s.log.Error("moving transcripts and files to their cases' slots (again next round)", "err", err)
			case n > 0:
				s.log.Info("moved transcripts and files to their cases' slots", "keys", n)
			}
		}
		s.Tick(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Tick is one round of Run's work.
func (s *Service) Tick(ctx context.Context) {
	back, err := s.q.Abandoned(ctx, time.Duration(s.cfg.AbandonAfter))
	if err != nil && ctx.Err() == nil {
		s.log.Error("returning abandoned cases", "err", err)
	}
	for _, id := range back {
		s.log.Info("case abandoned, back in the queue", "case", id)
		s.warn(ctx, "noting an abandoned case in the transcript", id, s.q.Append(ctx, id, Entry{By: "system", Text: "abandoned: back in the queue"}))
	}
	if err := s.q.trimClaims(ctx, time.Duration(s.cfg.PaceWindow)); err != nil && ctx.Err() == nil {
		s.log.Error("trimming claims", "err", err)
	}
	// One process a round tells waiting people about the queue, so nobody
	// gets the same update twice from two processes. Rounds follow the
	// clock, so processes agree on them.
	round := strconv.FormatInt(s.clock().UnixMilli()/max(s.every.Milliseconds(), 1), 10)
	ok, err := s.rdb.SetNX(ctx, s.q.k("tick", round), 1, 2*s.every).Result()
	if err != nil {
		s.warn(ctx, "taking the round of queue updates", "", err)
		return
	}
	if !ok {
		return
	}
	s.closeIdle(ctx)
	waiting, _, err := s.q.List(ctx, 500)
	if err != nil {
		s.warn(ctx, "listing waiting cases for queue updates", "", err)
		return
	}
	for _, cs := range waiting {
		r, ok, err := s.waitNews(ctx, cs, false)
		if err != nil {
			s.warn(ctx, "estimating the wait", cs.ID, err)
			continue
		}
		if !ok {
			continue
		}
		for _, m := range r {
			if err := s.send(ctx, cs, m, ""); err != nil {
				s.log.Warn("queue update", "case", cs.ID, "err", err)
			}
		}
	}
}

// idleBatch bounds the open cases one round looks at; the rest wait for
// the next round (open cases are few next to the conversations).
const idleBatch = 1000

// closeIdle closes, as "no answer", the open cases in which nobody wrote
// for IdleAfter: the person is told as for any close, and the transcript
// then expires with TranscriptRetention like every closed case's.
func (s *Service) closeIdle(ctx context.Context) {
	waiting, assigned, err := s.q.List(ctx, idleBatch)
	if err != nil {
		s.warn(ctx, "listing open cases for the idle check", "", err)
		return
	}
	open := append(waiting, assigned...)
	limit := s.clock().Add(-time.Duration(s.cfg.IdleAfter))
	for _, cs := range open {
		if cs.Opened.After(limit) || cs.Written.After(limit) {
			continue
		}
		err := s.Close(ctx, "", cs.ID, OutcomeNoAnswer, true)
		if err != nil && !errors.Is(err, ErrClosed) {
			s.warn(ctx, "closing an idle case", cs.ID, err)
			continue
		}
		s.log.Info("idle case closed", "case", cs.ID)
	}
}

// The Service's reads of the queue: they change nothing.

// OpenCase returns the contact's open case, or ErrNotFound when they have none.
func (s *Service) OpenCase(ctx context.Context, c bot.Contact) (Case, error) {
	return s.q.OpenCase(ctx, c)
}

// Get returns a case by id.
func (s *Service) Get(ctx context.Context, id string) (Case, error) { return s.q.Get(ctx, id) }

// Waiting counts the cases waiting for an operator.
func (s *Service) Waiting(ctx context.Context) (int64, error) { return s.q.Waiting(ctx) }

// List returns the waiting cases in queue order, then the assigned ones
// (at most limit of each).
func (s *Service) List(ctx context.Context, limit int64) (waiting, assigned []Case, err error) {
	return s.q.List(ctx, limit)
}

// Transcript returns a case's transcript, oldest first, its owed
// opening lines included (transcriptOf).
func (s *Service) Transcript(ctx context.Context, id string) ([]Entry, error) {
	cs, err := s.q.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.transcriptOf(ctx, cs)
}

// transcriptOf returns case cs's transcript for the operators, oldest
// first. Opening lines the case still owes (see HandleEvent) are written
// first, once; should that fail, they are shown at the transcript's head
// all the same, where they belong: an operator always sees what the
// person wrote before the case opened, the danger often among it. A
// closed case's are only shown: written now, they would outlive its
// transcript's retention.
func (s *Service) transcriptOf(ctx context.Context, cs Case) ([]Entry, error) {
	var owed []Entry
	if cs.owed != "" {
		if cs.Status == StatusClosed {
			owed = owedEntries(cs)
		} else if _, err := s.q.payOpening(ctx, cs.ID, cs.otok, cs.owed); err != nil {
			s.warn(ctx, "writing the owed opening lines of the case: shown from the case", cs.ID, err)
			owed = owedEntries(cs)
		}
	}
	tx, err := s.q.Transcript(ctx, cs.ID)
	if err != nil {
		return nil, err
	}
	if len(owed) == 0 || written(tx, owed) {
		return tx, nil
	}
	return append(owed, tx...), nil
}

// written tells whether transcript tx holds the opening lines owed, which
// a write whose reply was lost may have put there: its system line (the
// last, why the case opened) is there, of the same time.
func written(tx, owed []Entry) bool {
	last := owed[len(owed)-1]
	for _, e := range tx {
		if e.By == last.By && e.Text == last.Text && e.Time.Equal(last.Time) {
			return true
		}
	}
	return false
}

// Position returns a waiting case's place in its own routing queue (1 =
// next), or 0 when it is not waiting.
func (s *Service) Position(ctx context.Context, id string) (int64, error) {
	return s.q.Position(ctx, id)
}
