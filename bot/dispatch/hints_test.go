package dispatch_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/store/storetest"
)

// hinting preloads one key per contact with a hint (bot.Hinted), as the
// handoff wrapper preloads the open case: "open" asks for the key with an
// event, which a sink makes as it is delivered (a case opening); "make"
// makes it in the turn; "gate" waits for the gate first; any other
// message states the hint as the key was found. It keeps what each turn
// was handed of the key, and reads it itself when it was not handed.
type hinting struct {
	rdb  redis.UniversalClient
	key  func(bot.Contact) string
	gate chan struct{}
	mu   sync.Mutex
	seen []string // per turn: "<text> <how> <value>", how is "read" (handed) or "self"
}

// preloadedOrRead is key k as the turn was handed it ("read": by the
// dispatcher, as known absent or read with the claim), or as the handler
// reads it itself when it was not handed ("self").
func preloadedOrRead(ctx context.Context, rdb redis.UniversalClient, t bot.Turn, k string) (bot.Preloaded, string, error) {
	if p, handed := t.Preloaded[k]; handed {
		return p, "read", nil
	}
	v, err := rdb.Get(ctx, k).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return bot.Preloaded{}, "self", err
	}
	return bot.Preloaded{Value: v, Exists: err == nil}, "self", nil
}

func (h *hinting) Preload(c bot.Contact) []string { return []string{h.key(c)} }

func (h *hinting) PreloadHints(c bot.Contact) map[string]string {
	return map[string]string{h.key(c): "k"}
}

func (h *hinting) Handle(ctx context.Context, t bot.Turn) (bot.Outcome, error) {
	if t.Message.Text == "gate" {
		<-h.gate
	}
	k := h.key(t.Contact)
	p, how, err := preloadedOrRead(ctx, h.rdb, t, k)
	if err != nil {
		return bot.Outcome{}, err
	}
	h.mu.Lock()
	h.seen = append(h.seen, fmt.Sprintf("%s %s %q", t.Message.Text, how, p.Value))
	h.mu.Unlock()
	out := bot.Outcome{State: []byte("s"), Replies: []bot.Reply{{Text: "echo:" + t.Message.Text}}}
	switch t.Message.Text {
	case "open":
		out.Events = []bot.Event{bot.HandoffRequested{Area: "legal"}}
		out.Hints = map[string]bool{"k": true}
	case "make":
		if err := h.rdb.Set(ctx, k, "made", 0).Err(); err != nil {
			return bot.Outcome{}, err
		}
		out.Hints = map[string]bool{"k": true}
	default:
		out.Hints = map[string]bool{"k": p.Exists}
	}
	return out, nil
}

func (h *hinting) turns() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.seen...)
}

// opener makes the hinted key as a handoff opens a case: from the event,
// after the turn is committed.
type opener struct {
	rdb redis.UniversalClient
	key func(bot.Contact) string
}

func (o opener) HandleEvent(ctx context.Context, c bot.Contact, e bot.Event) error {
	if _, ok := e.(bot.HandoffRequested); !ok {
		return nil
	}
	return o.rdb.Set(ctx, o.key(c), "opened", 0).Err()
}

// keyReads counts the commands of a client that name a key (the
// dispatcher's reads of the hinted key).
type keyReads struct {
	key string
	mu  sync.Mutex
	n   int
}

func (r *keyReads) DialHook(next redis.DialHook) redis.DialHook { return next }

func (r *keyReads) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		r.count(cmd)
		return next(ctx, cmd)
	}
}

func (r *keyReads) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		for _, c := range cmds {
			r.count(c)
		}
		return next(ctx, cmds)
	}
}

func (r *keyReads) count(cmd redis.Cmder) {
	if strings.Contains(fmt.Sprint(cmd.Args()...), r.key) && cmd.Name() != "evalsha" && cmd.Name() != "eval" {
		r.mu.Lock()
		r.n++
		r.mu.Unlock()
	}
}

func (r *keyReads) reads() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

// TestHintedKeyIsReadOnlyWhileItsHintIsSet (issue 15): a key a handler
// preloads with a hint (the handoff's open case, the booking dialogue) is
// read at a claim only while the contact's hint is set, or not known yet;
// otherwise the handler is handed it as not existing, and nothing reads
// it. The hint is set by the turn whose event makes the key (stored
// before the event is delivered) or that makes it itself, and cleared by
// a turn that found it gone.
func TestHintedKeyIsReadOnlyWhileItsHintIsSet(t *testing.T) {
	f := newFixture(t)
	key := func(c bot.Contact) string { return f.keys.ContactKey(c.Key(), "case") }
	h := &hinting{rdb: f.rdb, key: key}
	rdb := storetest.Client(t)
	c := msg("1", "", "").Contact
	reads := &keyReads{key: key(c)}
	rdb.AddHook(reads)
	d := dispatch.NewDispatcher(rdb, f.keys, h, dispatch.Options{Senders: map[string]bot.Sender{"test": f.out},
		Sinks: []bot.EventSink{opener{rdb: f.rdb, key: key}}})
	start(t, d)
	n := 0
	send := func(text string) {
		t.Helper()
		n++
		if _, err := d.Accept(context.Background(), msg("1", fmt.Sprint("m", n), text)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the answer to "+text, func() bool { return len(f.out.replies(c)) == n })
	}
	step := func(text string, wantReads int, want string) {
		t.Helper()
		before := reads.reads()
		send(text)
		turns := h.turns()
		if got := turns[len(turns)-1]; got != want {
			t.Errorf("%s: the handler had %s, want %s", text, got, want)
		}
		if got := reads.reads() - before; got != wantReads {
			t.Errorf("%s: the dispatcher read the key %d times, want %d", text, got, wantReads)
		}
	}
	step("hi", 1, `hi read ""`)             // a new contact: its hints are not known
	step("hi", 0, `hi read ""`)             // known not there
	step("open", 0, `open read ""`)         // the event makes it, after the commit that sets the hint
	step("hi", 1, `hi read "opened"`)       // set: read
	step("hi", 1, `hi read "opened"`)       // still
	f.rdb.Del(context.Background(), key(c)) // closed elsewhere (an operator)
	step("hi", 1, `hi read ""`)             // set: read, found gone, cleared
	step("hi", 0, `hi read ""`)             // not read
	step("make", 0, `make read ""`)         // made in the turn
	step("hi", 1, `hi read "made"`)         // set: read
}

// TestHintsOfAnOlderVersionAreNotTrusted: a contact whose state a version
// before hints wrote (v "1", no hk), or wrote again after this one (a
// rollback: v "1" beside this version's hk), has its hinted keys read, so
// a case opened then is not missed; and a hinted key is handed as not
// there, without a read, to a message handled in a row, while its hint is
// not set.
func TestHintsOfAnOlderVersionAreNotTrusted(t *testing.T) {
	f := newFixture(t)
	key := func(c bot.Contact) string { return f.keys.ContactKey(c.Key(), "case") }
	h := &hinting{rdb: f.rdb, key: key, gate: make(chan struct{})}
	ctx := context.Background()
	for id, fields := range map[string][]any{
		"old":      {"st", "s", "v", "1"},
		"rollback": {"st", "s", "v", "1", "hk", "="},
	} {
		c := msg(id, "", "").Contact
		if err := f.rdb.HSet(ctx, f.keys.ContactKey(c.Key(), "ct"), fields...).Err(); err != nil {
			t.Fatal(err)
		}
		if err := f.rdb.Set(ctx, key(c), "open before", 0).Err(); err != nil {
			t.Fatal(err)
		}
	}
	d := dispatch.NewDispatcher(f.rdb, f.keys, h, dispatch.Options{Senders: map[string]bot.Sender{"test": f.out}})
	start(t, d)
	for _, id := range []string{"old", "rollback"} {
		if _, err := d.Accept(ctx, msg(id, "m1", "hi")); err != nil {
			t.Fatal(err)
		}
		c := msg(id, "", "").Contact
		waitFor(t, "the answer to "+id, func() bool { return len(f.out.replies(c)) == 1 })
		turns := h.turns()
		if got, want := turns[len(turns)-1], `hi read "open before"`; got != want {
			t.Errorf("%s: the handler had %s, want %s", id, got, want)
		}
	}
	// In a row: the first message holds the worker while two more
	// arrive; they are handled without a claim.
	c := msg("row", "", "").Contact
	for i, text := range []string{"gate", "hi", "make", "hi"} {
		if _, err := d.Accept(ctx, msg("row", fmt.Sprint("r", i), text)); err != nil {
			t.Fatal(err)
		}
	}
	close(h.gate)
	waitFor(t, "the answers in a row", func() bool { return len(f.out.replies(c)) == 4 })
	turns := h.turns()
	want := []string{`gate read ""`, `hi read ""`, `make read ""`, `hi self "made"`}
	for i, w := range want {
		if got := turns[len(turns)-4+i]; got != w {
			t.Errorf("in a row, turn %d: the handler had %s, want %s", i, got, w)
		}
	}
}

// TestReminderWithoutAStateLeavesNoHints: a message queued outside a turn
// (a reminder, an operator's reply) to someone who has no state hash (it
// expired, or they never wrote) states no hint, and must not make a hash
// of the hints alone: it would have no expiry (an Outbound commit leaves
// the expiries as they are), a key naming the person kept for ever.
func TestReminderWithoutAStateLeavesNoHints(t *testing.T) {
	f := newFixture(t)
	key := func(c bot.Contact) string { return f.keys.ContactKey(c.Key(), "case") }
	h := &hinting{rdb: f.rdb, key: key}
	d := dispatch.NewDispatcher(f.rdb, f.keys, h, dispatch.Options{Senders: map[string]bot.Sender{"test": f.out}})
	start(t, d)
	ctx := context.Background()
	c := msg("9", "", "").Contact
	if err := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil).Send(ctx, c, outbound("your appointment is tomorrow", "")); err != nil {
		t.Fatal(err)
	}
	lock := f.keys.ContactKey(c.Key(), "lock")
	waitFor(t, "the reminder sent and the contact let go", func() bool {
		return len(f.out.replies(c)) == 1 && f.rdb.Exists(ctx, lock).Val() == 0
	})
	ct := f.keys.ContactKey(c.Key(), "ct")
	if f.rdb.Exists(ctx, ct).Val() == 1 && f.rdb.TTL(ctx, ct).Val() < 0 {
		t.Errorf("the contact's hash %v stays with no expiry", f.rdb.HGetAll(ctx, ct).Val())
	}
}

// TestHintsThisVersionDoesNotKnowAreKept: a hint another version's
// handler keeps (a later version's, during a rollback to this one) is
// left as it is by this version's commits, which state only their own:
// dropped, the later version would take its key for absent and never
// read it once it runs again.
func TestHintsThisVersionDoesNotKnowAreKept(t *testing.T) {
	f := newFixture(t)
	key := func(c bot.Contact) string { return f.keys.ContactKey(c.Key(), "case") }
	h := &hinting{rdb: f.rdb, key: key}
	ctx := context.Background()
	c := msg("1", "", "").Contact
	ct := f.keys.ContactKey(c.Key(), "ct")
	if err := f.rdb.HSet(ctx, ct, "st", "s", "v", "2", "hk", "=k,later").Err(); err != nil {
		t.Fatal(err)
	}
	d := dispatch.NewDispatcher(f.rdb, f.keys, h, dispatch.Options{Senders: map[string]bot.Sender{"test": f.out}})
	start(t, d)
	if _, err := d.Accept(ctx, msg("1", "m1", "hi")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the answer", func() bool { return len(f.out.replies(c)) == 1 })
	// The turn found no key: its own hint is cleared, the other kept.
	if got := f.rdb.HGet(ctx, ct, "hk").Val(); got != "=later" {
		t.Errorf("hk = %q after the turn, want %q", got, "=later")
	}
}
