// Package dispatch is the runtime between the channels and the handler:
// the dispatcher that records, deduplicates and orders inbound messages in
// Redis and runs one turn at a time per contact, the outbox and the outbound
// path (Guard, Direct), the trail of message ids, metrics and the keyed
// pseudonyms of the logs. Channel adapters do not import it; they speak the
// vocabulary of package bot.
package dispatch

import (
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"runtime/debug"
	"slices"

	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store"
	"frontdoor/store/replica"
)

// Options configure a Dispatcher. Zero values take the defaults noted.
type Options struct {
	// Lease is how long a worker's hold on a contact lasts without renewal;
	// after a crash, the contact's messages are picked up again this long
	// after. Default 15s.
	Lease time.Duration
	// Workers bounds how many contacts one process handles at once.
	// Default 256.
	Workers int
	// Retention is how long a contact's state is kept after their last
	// message. Default DefaultRetention.
	Retention time.Duration
	// DedupeWindow is how long message ids are remembered to drop
	// redeliveries. Default 48h.
	DedupeWindow time.Duration
	// RetryPause is the wait before a message whose handling failed is
	// tried again, growing with each try. Default 1s.
	RetryPause time.Duration
	// SendAttempts is how often a reply is tried on transient errors
	// before it is given up (and counted as an error). Default 3.
	SendAttempts int
	// ReplicaWait is how long an accept waits for a replica to confirm
	// it (WAIT) before AcceptBatch returns and the channel is told the
	// message is recorded, and a commit with something to deliver before
	// its replies go out; only where the master has replicas (see
	// replicas.go). A message no replica confirmed in time is recorded
	// all the same, logged and counted (frontdoor_replica_unconfirmed_total,
	// frontdoor_replica_unconfirmed_commits_total).
	// Default 1s, at most 2s (within go-redis' read timeout); negative:
	// never wait.
	ReplicaWait time.Duration
	// DeliveryRounds bounds how often the delivery of a reply is
	// postponed before it is given up, counted from its first
	// postponement. Default 12 (with the doubling waits, about an hour
	// and a half). The contact's messages are handled meanwhile.
	DeliveryRounds int
	// HoldWithin is how long a reply waits while its channel is halted
	// (the platform restricted the account: bot.HaltError, such as
	// WhatsApp's temporary ban; or the channel has no session until a
	// person links it again: bot.ErrNoSession) before it is given up and
	// reported undelivered. Such waits count no delivery round: a ban of hours
	// does not drop the replies queued meanwhile. Default
	// DefaultHoldWithin.
	HoldWithin time.Duration
	// HoldCheck is how often a reply held by a halt without a known end
	// (or ending later) looks again whether it ended: a ban can be lifted
	// early. Default 10 minutes.
	HoldCheck time.Duration
	// Clock gives the time; default time.Now.
	Clock func() time.Time
	// Senders deliver replies, by channel name.
	Senders map[string]bot.Sender
	// Sinks receive events; Erasers are asked to forget a contact.
	Sinks   []bot.EventSink
	Erasers []bot.Eraser
	// Reporters hear what became of the Outbound messages (Outbox) that
	// asked to: delivered, or not and why.
	Reporters []DeliveryReporter
	// Apology, when set, answers a message whose handling failed for
	// good, so that the person is not left without a word
	// (Conversation.Apology).
	Apology func(state []byte, m bot.Message) bot.Reply
	// Sweep are erased again after the replies that confirm an erasure:
	// what sending them leaves behind (the Trail of message ids).
	Sweep []bot.Eraser
	// Trail, when set, is where the platform ids of the conversation's
	// messages are kept: the person's as they are recorded (AcceptBatch),
	// the bot's as they are sent (when the channel adds them to this same
	// Trail), each in a round trip the dispatcher makes anyway.
	Trail   *Trail
	Metrics *Metrics
	Log     *slog.Logger
	// OnHandled, when set, is told each time a message's replies have all
	// been delivered, with the time since the message was recorded (for
	// benchmarks).
	OnHandled func(c bot.Contact, messageID string, latency time.Duration)
}

// DefaultRetention is how long a contact's state is kept after their last
// message when nothing else is configured: the privacy notice's promise
// (privacy.retention) unless the desk sets another.
const DefaultRetention = 90 * 24 * time.Hour

// DefaultHoldWithin is how long a reply waits out a halted channel by
// default: a day, WhatsApp's own service window, within which a desk may
// answer a person who wrote; later, the answer is a message nobody asked
// for, the kind that gets a number banned again just after a ban, and the
// person has likely moved on. The operators see an undelivered reply of
// theirs on the case.
const DefaultHoldWithin = 24 * time.Hour

// fairShare is how many messages of one contact a worker handles in a row
// before others get their turn.
const fairShare = 4

// seenMax bounds the remembered message ids per contact: redeliveries come
// soon after the original, and the set stays small in memory.
const seenMax = 32

// seenTrim: the ids are trimmed to seenMax at one message in seenTrim
// (see the accept script).
const seenTrim = 16

// maxWaiting bounds the replies an outbox that cannot be delivered keeps.
const maxWaiting = 16

// Dispatcher records inbound messages durably, drops redeliveries, and hands
// each contact's messages to the Handler one at a time in arrival order, with
// different contacts in parallel, also across processes sharing one Redis.
type Dispatcher struct {
	rdb     redis.UniversalClient
	keys    store.Keys
	handler bot.Handler
	opts    Options
	scripts scripts
	log     *slog.Logger
	metrics *Metrics
	// replicas: which masters have replicas an accept or a commit waits
	// for, and the waits themselves.
	replicas *replica.Waiter
	// everyShard is a key in each shard's slot: the masters of them all
	// are every master an erasure may have written to (eraseBarrier).
	everyShard []string
	// cluster: the keys a handler preloads may live in different slots,
	// so they are read one by one.
	cluster bool

	workers sync.WaitGroup
	slots   chan struct{}
	// oldWritersLogged is when the janitor last logged keys of the old
	// layout (findOldWriters); only the janitor reads and writes it.
	oldWritersLogged time.Time
	// janitorWait is the janitor's wait between two passes, sleep; a test
	// runs each pass when it says (export_test.go), to count passes where
	// real half leases would depend on the machine's load.
	janitorWait func(ctx context.Context, d time.Duration) bool
	// waiting bounds the contacts AcceptBatch claims while every worker
	// is busy: each waits in this process for the next free worker (see
	// awaitSlot) instead of going through the queue (its signal group's
	// ready list), which costs a signal, a BLPOP and a claim more, two
	// round trips or three.
	waiting chan struct{}

	// mu guards running and stopping: while Run runs (ctx), AcceptBatch
	// may start workers for the contacts it claims.
	mu       sync.Mutex
	running  context.Context
	stopping bool
}

// NewDispatcher builds a dispatcher; call Run to start handling.
func NewDispatcher(rdb redis.UniversalClient, keys store.Keys, h bot.Handler, o Options) *Dispatcher {
	if o.Lease <= 0 {
		o.Lease = 15 * time.Second
	}
	if o.Workers <= 0 {
		o.Workers = 256
	}
	if o.Retention <= 0 {
		o.Retention = DefaultRetention
	}
	if o.DedupeWindow <= 0 {
		o.DedupeWindow = 48 * time.Hour
	}
	if o.RetryPause <= 0 {
		o.RetryPause = time.Second
	}
	if o.SendAttempts <= 0 {
		o.SendAttempts = 3
	}
	if o.ReplicaWait == 0 {
		o.ReplicaWait = time.Second
	}
	o.ReplicaWait = min(o.ReplicaWait, replica.MaxWait)
	if o.DeliveryRounds <= 0 {
		o.DeliveryRounds = maxDeliveryRounds
	}
	if o.HoldWithin <= 0 {
		o.HoldWithin = DefaultHoldWithin
	}
	if o.HoldCheck <= 0 {
		o.HoldCheck = maxDeliveryWait
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics(nil)
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	_, cluster := rdb.(*redis.ClusterClient)
	everyShard := []string{keys.ShardKey(0, "erased")}
	if cluster {
		everyShard = make([]string, store.Shards)
		for s := range everyShard {
			everyShard[s] = keys.ShardKey(s, "erased")
		}
	}
	return &Dispatcher{
		rdb: rdb, keys: keys, handler: h, opts: o, scripts: newScripts(), cluster: cluster, replicas: replica.New(rdb, o.ReplicaWait), everyShard: everyShard,
		log: o.Log, metrics: o.Metrics, slots: make(chan struct{}, o.Workers),
		waiting: make(chan struct{}, o.Workers), janitorWait: sleep,
	}
}

// envelope is a message as stored in the inbox: the message plus when it
// was recorded, for latency figures.
type envelope struct {
	bot.Message
	Received time.Time `json:"rt"`
	// TrailID is the platform's id of the message, kept in the Trail once
	// it is handled (see AcceptBatch).
	TrailID string `json:"tid,omitempty"`
	// Out, when set, makes this no message of the person but an Outbound
	// message queued in its place in the inbox (Outbox): it is delivered,
	// not handled.
	Out *Outbound `json:"ob,omitempty"`
}

// outItem is one thing to deliver after a commit.
type outItem struct {
	Reply *bot.Reply       `json:"r,omitempty"`
	Event *bot.StoredEvent `json:"e,omitempty"`
	Erase bool             `json:"x,omitempty"`
	// Retract takes the conversation back from the person's device.
	Retract bool `json:"k,omitempty"`
	// Unsend takes back the messages of these platform ids (Outbound).
	Unsend []string `json:"u,omitempty"`
	// Back, on a retraction that waits for the channel past the erasure
	// right after it (Erased), are the platform ids it is to take back,
	// read from the Trail before the erasure deleted it; the channel's
	// Retract gets them, and only them, from Trail.Take (withTakeBack),
	// and they are kept nowhere else.
	Back []string `json:"kb,omitempty"`
	// Sent are the platform ids of the parts of Reply that went out in an
	// earlier delivery round, before a part failed and the rest was
	// postponed: they are the reply's as much as the parts sent later,
	// and its report names them all, so that taking it back
	// (Outbound.Unsend) leaves no part on the person's phone.
	Sent []string `json:"sd,omitempty"`
	// Progress is what the channel kept of its progress with Reply
	// (bot.Progress): saved in the outbox before a part goes out, so that
	// a retry, here or in another process after a crash, resumes at the
	// part not yet sent.
	Progress []byte `json:"pg,omitempty"`
	// Held is when a halt of the channel (bot.HaltError) first held the
	// reply back: it waits for the halt to end until Options.HoldWithin
	// after.
	Held time.Time `json:"hd,omitzero"`
	// Round is the delivery round (the contact's dtries) in which the
	// item was first postponed: it is given up DeliveryRounds rounds
	// later, however long it waited behind others (keepWaiting).
	Round int64 `json:"dr,omitempty"`
	// Fails counts the deliveries in which this item, an event or an
	// erasure (or a reply whose guard could not be read), failed and held
	// the contact (postpone): it is given up past DeliveryRounds of its
	// own. The contact's dtries counts the rounds of the replies that
	// wait for the channel, which are not cleared while any waits: an
	// erasure counted there was given up at its first failure after a
	// long outage. Kept in the item, the count is written with the
	// outbox by postpone, in the one step that is safe to run twice.
	Fails int `json:"fl,omitempty"`
	// Wait, on the head of an outbox that waits for its channel, is when
	// the channel is tried again; until then the contact's messages are
	// handled and their replies join the end (keepWaiting).
	Wait time.Time `json:"nb,omitzero"`
	// Received is the handled message's receipt time, for the latency
	// histogram.
	Received time.Time `json:"rt,omitzero"`
	// Message is the handled message's id, for OnHandled.
	Message string `json:"m,omitempty"`
	// Trail are platform ids of the person's messages not yet in the
	// Trail: the id of the message whose outcome this item begins (set
	// by its commit), and those this item was given to carry (see
	// contactWork.carrying, boundWaiting). The delivery that reaches the
	// item (runs it, gives it up, or keeps it waiting for the channel)
	// moves them to contactWork.sent, and its done writes them with the
	// replies' ids. Kept in memory from the commit to that done, they
	// were lost whenever the done did not run (an event postponed, a
	// crash between the commit and done), and a later "clear" left that
	// message on a shared phone; in the outbox they travel with the item,
	// or with the head of what ackSent and postpone keep, to the delivery
	// that replays it. An item of an older version has none.
	Trail []string `json:"ti,omitempty"`
	// Turn names a turn's reply for its report (Delivery.Turn): the
	// handled message's id and the reply's place among the turn's.
	Turn string `json:"tn,omitempty"`
	// From and Ref are an Outbound message's (see DeliveryReporter).
	From string `json:"f,omitempty"`
	Ref  string `json:"rf,omitempty"`
	// Guard marks a reply sent outside a turn (Outbound): it is not sent
	// to a person who blocked the bot and has not written since.
	Guard bool `json:"g,omitempty"`
	// Erased marks what follows an erasure: the confirmation ("your data
	// is deleted"). What sending it leaves is not kept in the Trail of
	// the person just erased: when the confirmation waited for the
	// channel, it is sent long after the erasure's sweep (Options.Sweep),
	// and nothing would erase its id.
	Erased bool `json:"xa,omitempty"`
}

// turnOf names the reply at place i among the replies to message id.
func turnOf(id string, i int) string { return id + "/" + strconv.Itoa(i) }

func (d *Dispatcher) contactKey(c bot.Contact, name string) string {
	return d.keys.ContactKey(c.Key(), name)
}

// Accept records msg durably and signals its contact for handling. It
// reports false for a redelivery of a message already recorded.
func (d *Dispatcher) Accept(ctx context.Context, msg bot.Message) (bool, error) {
	fresh, err := d.AcceptBatch(ctx, []bot.Message{msg}, nil)
	if err != nil {
		return false, err
	}
	return fresh[0], nil
}

// KeepsTrail implements BatchInbox: AcceptBatch keeps trail ids when the
// dispatcher has a Trail.
func (d *Dispatcher) KeepsTrail() bool { return d.opts.Trail != nil }

// AcceptBatch implements BatchInbox: it records msgs in one round trip (a
// pipeline of the accept script), in order. While Run runs, a message that
// finds its contact idle is claimed in the same round trip and handled by
// a worker of this process at once, when one is free; the others are
// signalled for any process.
func (d *Dispatcher) AcceptBatch(ctx context.Context, msgs []bot.Message, trailIDs []string) ([]bool, error) {
	now := d.opts.Clock()
	calls := make([]scriptCall, len(msgs))
	claims := make([]*contactWork, len(msgs))
	holds := make([]hold, len(msgs))
	// preloadKeys are read with the accept, for a contact a worker
	// serves at once; for one that waits for a worker they are read after
	// the wait (recheck): read at accept they could go stale. Keys with a
	// hint (bot.Hinted) are read only once the claim has told whether
	// their hint is set (readHinted, recheck).
	var preloadKeys [][]string
	runCtx := d.reserveWorkers(len(msgs))
	reserved := 0
	if runCtx != nil {
		reserved = len(msgs)
		preloadKeys = make([][]string, len(msgs))
	}
	inBatch := map[bot.Contact]bool{}
	giveBack := func() {
		d.releaseWorkers(reserved)
		for i, h := range claims {
			if h != nil {
				d.release(holds[i])
			}
		}
	}
	for i, msg := range msgs {
		if msg.Contact.Channel == "" || msg.Contact.ID == "" || msg.ID == "" {
			giveBack()
			return nil, errors.New("accept: message without channel, contact or id")
		}
		if msg.Time.IsZero() {
			msg.Time = now
		}
		env := envelope{Message: msg, Received: now}
		if i < len(trailIDs) && d.opts.Trail != nil {
			env.TrailID = trailIDs[i]
		}
		body, err := json.Marshal(env)
		if err != nil {
			giveBack()
			return nil, fmt.Errorf("accept: encode message: %w", err)
		}
		ck := msg.Contact.Key()
		shard := store.Shard(ck)
		token := ""
		// One claim per contact in a batch: the worker drains the rest.
		if runCtx != nil && !inBatch[msg.Contact] {
			holds[i] = d.takeHold()
		}
		if holds[i] != holdNone {
			token = newToken()
			claims[i] = d.handle(msg.Contact, token)
			if holds[i] == holdSlot {
				preloadKeys[i] = claims[i].pre.always
			}
		}
		inBatch[msg.Contact] = true
		calls[i] = scriptCall{Script: d.scripts.accept,
			Keys: []string{d.contactKey(msg.Contact, "seen"), d.contactKey(msg.Contact, "in"),
				d.keys.ShardKey(shard, "pending"), d.contactKey(msg.Contact, "lock"), d.contactKey(msg.Contact, "ct"), d.contactKey(msg.Contact, "out")},
			Args: []any{msg.ID, body, now.UnixMilli(), ck, seenMax, token, d.opts.Lease.Milliseconds(), seenTrim,
				int(d.opts.Retention.Seconds())}}
		if msg.Revokes != "" {
			// A deletion drops the message it names if it still waits.
			calls[i].Args = append(calls[i].Args, msg.Revokes)
		}
	}
	res, rerun, preloads, unconfirmed := d.runAccepts(ctx, calls, preloadKeys)
	for _, i := range unconfirmed {
		if res[i].Err() != nil {
			continue
		}
		d.metrics.ReplicaUnconfirmed.WithLabelValues(msgs[i].Contact.Channel).Inc()
		d.log.Warn("no replica confirmed an accepted message in time: a failover now could lose it",
			"contact", msgs[i].Contact.String(), "wait", d.opts.ReplicaWait)
	}
	fresh := make([]bool, len(msgs))
	var errs []error
	var signals []string
	for i, msg := range msgs {
		v, err := res[i].Result()
		if err != nil {
			d.metrics.Errors.WithLabelValues(msg.Contact.Channel, "accept").Inc()
			errs = append(errs, fmt.Errorf("accept message from %s: %w", msg.Contact, err))
			if claims[i] != nil {
				d.release(holds[i])
				// The accept may have run and claimed the contact,
				// its answer lost (a failover, a cut): let the claim
				// go once Redis answers.
				reserved--
				go func(h *contactWork) {
					defer d.workers.Done()
					d.dropClaim(runCtx, h)
				}(claims[i])
			}
			continue
		}
		switch v := v.(type) {
		case []any: // claimed
			fresh[i] = true
			reserved--
			h := claims[i]
			cl := claimOf(v[1:], bytesOf(calls[i].Args[1]))
			h.hints = cl.hints
			if !rerun {
				cl.preloaded = preloads[i].result()
			}
			go func(hd hold) {
				defer d.workers.Done()
				if hd == holdWait {
					if !d.awaitSlot(runCtx, h) {
						// Stopping, or no worker came in time: the
						// contact goes back to the queue, for any
						// process (its outbox, if any, stays for
						// whoever claims it).
						d.giveBack(runCtx, h)
						return
					}
					// What was read at accept may be stale now.
					fresh, ok := d.recheck(runCtx, h)
					if !ok {
						d.releaseSlot()
						return
					}
					cl.preloaded = fresh
				} else if !rerun {
					cl.preloaded = h.readHinted(context.WithoutCancel(runCtx), cl.preloaded)
				}
				defer d.releaseSlot()
				d.serve(runCtx, h, cl)
			}(holds[i])
		case int64:
			fresh[i] = v == 1 || v == 3
			if v == 3 || v == 4 {
				signals = append(signals, msg.Contact.Key())
			}
			if claims[i] != nil {
				d.release(holds[i])
			}
		}
		if !fresh[i] {
			d.metrics.Duplicates.WithLabelValues(msg.Contact.Channel).Inc()
			d.log.Debug("duplicate message ignored", "contact", msg.Contact.String(), "id", msg.ID)
			continue
		}
		d.metrics.In.WithLabelValues(msg.Contact.Channel).Inc()
	}
	d.releaseWorkers(reserved)
	// The messages are recorded: a signal that cannot be pushed now is
	// the janitor's a lease later, not an error for the channel.
	d.signal(context.WithoutCancel(ctx), signals...)
	if err := errors.Join(errs...); err != nil {
		return fresh, err
	}
	return fresh, nil
}

// dropClaim lets go of the claim an accept may have made although its
// caller heard only an error (the accept ran, its answer was lost: a
// failover, a cut connection), and signals the contact for any worker.
// Nobody else would: the channel sends the message again, a duplicate
// that claims nothing, and the lock would hold the contact for a lease,
// then wait for the janitor (up to two leases more: 45 s with serve's, the
// Sentinel failover's last answers before 2026-12-07). Tried while Redis
// is away, for at most a lease; past that the janitor's. Its script can
// run twice (TestClaimOfAFailedAcceptIsLetGo).
func (d *Dispatcher) dropClaim(ctx context.Context, h *contactWork) {
	var signal int64
	err := d.whileAway(ctx, store.Unavailable, func() (err error) {
		signal, err = d.scripts.unclaim.Run(ctx, d.rdb, h.keys("lock", "pending"), h.token, h.ck).Int64()
		return err
	})
	if err != nil {
		if ctx.Err() == nil {
			d.log.Warn("letting go of a claim a failed accept may have made; the janitor signals the contact a lease later", "contact", h.c.String(), "err", err)
		}
		return
	}
	if signal == 1 {
		d.signal(ctx, h.ck)
	}
}

// signal pushes contacts to their signal group's list, for a pump of any
// process (see scripts.go: a script that would signal returns so). A push
// that fails is logged: the contacts stay pending, and the janitor signals
// them a lease later.
func (d *Dispatcher) signal(ctx context.Context, cks ...string) {
	if err := pushSignals(ctx, d.rdb, d.keys, cks); err != nil {
		d.metrics.Errors.WithLabelValues("", "store").Inc()
		d.log.Warn("signalling contacts failed; the janitor signals them a lease later", "contacts", len(cks), "err", err)
	}
}

// signalTimeout bounds a push of signals: its callers have recorded the
// messages already and wait on it (a channel's webhook, a sender), and a
// push that fails is the janitor's a lease later.
const signalTimeout = time.Second

// pushSignals pushes each contact to its group's ready list, in one
// pipeline, within signalTimeout.
func pushSignals(ctx context.Context, rdb redis.UniversalClient, keys store.Keys, cks []string) error {
	ctx, cancel := context.WithTimeout(ctx, signalTimeout)
	defer cancel()
	switch len(cks) {
	case 0:
		return nil
	case 1:
		return rdb.RPush(ctx, readyKey(keys, cks[0]), cks[0]).Err()
	}
	p := rdb.Pipeline()
	for _, ck := range cks {
		p.RPush(ctx, readyKey(keys, ck), ck)
	}
	_, err := p.Exec(ctx)
	return err
}

// readyKey is the ready list of a contact's signal group.
func readyKey(keys store.Keys, ck string) string {
	return keys.GroupKey(store.Group(store.Shard(ck)), "ready")
}

// reserveWorkers counts n workers AcceptBatch may start, and returns the
// running Run's context; nil, and nothing reserved, when Run is not
// running or is stopping.
func (d *Dispatcher) reserveWorkers(n int) context.Context {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.running == nil || d.stopping || d.running.Err() != nil {
		return nil
	}
	d.workers.Add(n)
	return d.running
}

func (d *Dispatcher) releaseWorkers(n int) {
	for range n {
		d.workers.Done()
	}
}

// takeSlot takes a worker slot if one is free.
func (d *Dispatcher) takeSlot() bool {
	select {
	case d.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

func (d *Dispatcher) releaseSlot() { <-d.slots }

// hold is what AcceptBatch took to claim a contact: a worker, or a place
// among those waiting for one (Dispatcher.waiting).
type hold int

const (
	holdNone hold = iota
	holdSlot
	holdWait
)

// takeHold takes a free worker, else a place to wait for one, else
// nothing (the contact is then signalled through its group's ready list).
func (d *Dispatcher) takeHold() hold {
	if d.takeSlot() {
		return holdSlot
	}
	select {
	case d.waiting <- struct{}{}:
		return holdWait
	default:
		return holdNone
	}
}

func (d *Dispatcher) release(h hold) {
	switch h {
	case holdSlot:
		d.releaseSlot()
	case holdWait:
		<-d.waiting
	}
}

// awaitSlot waits for a free worker for a contact claimed while all were
// busy, keeping its lease meanwhile; false when ctx ended first or no
// worker came within waitBound. Either way the place among the waiting is
// given back. The contact waits here as it would in its group's ready list,
// but it is claimed already: no signal, BLPOP or claim to pay when its
// turn comes.
func (d *Dispatcher) awaitSlot(ctx context.Context, h *contactWork) bool {
	defer func() { <-d.waiting }()
	stopRenew := d.keepLease(h)
	defer stopRenew()
	t := time.NewTimer(d.waitBound())
	defer t.Stop()
	select {
	case d.slots <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	case <-t.C:
		return false
	}
}

// waitBound is how long a contact claimed at accept waits in this process
// for a worker before it is given back to the queue: half a lease. A
// contact waits no longer pinned to a busy process than another process
// would take to pick up a crashed one's, and the lease set at accept
// still holds when the wait ends even if no renewal got through.
func (d *Dispatcher) waitBound() time.Duration { return d.opts.Lease / 2 }

// giveBack lets go of a contact claimed at accept without handling it:
// signalled again in its group's ready list, for any process to take (done's
// hand back, which checks the hold).
func (d *Dispatcher) giveBack(ctx context.Context, h *contactWork) {
	if _, ok := h.done(context.WithoutCancel(ctx), false, true); ok {
		d.log.Debug("contact given back after waiting for a worker", "contact", h.c.String())
	}
}

// recheck is what a contact that waited for a worker needs before it is
// served, in one round trip and no command more than a served contact's
// preload: its lock read with the keys the handler preloads (one MGET on
// a single server; of the hinted ones, those whose hint is set), so that a hold lost while waiting is noticed before
// the handler runs (another worker may have the contact: it would run
// twice), and what the handler preloads is as it is now, not as it was at
// accept (an operator may have closed the person's case meanwhile). The
// contact's state and outbox need no second read: only the holder of the
// lock writes them, and the hold was never lost. Nor does the lease need
// a renewal of its own: awaitSlot's renewals ran while it waited, and
// the wait is at most half a lease, so at least that much is left for
// serve's, which start now. ok is false when the contact must not be
// served here: it was then given back, or is another worker's.
func (d *Dispatcher) recheck(ctx context.Context, h *contactWork) (preloaded map[string]bot.Preloaded, ok bool) {
	bg := context.WithoutCancel(ctx)
	lock := h.key("lock")
	// The hinted keys whose hint is not set are not read (see hints.go):
	// the hints were read at accept, and only the holder writes them.
	keys := append(slices.Clone(h.pre.always), h.toRead()...)
	p := d.rdb.Pipeline()
	pl := d.queuePreload(bg, p, append([]string{lock}, keys...))
	p.Exec(bg) // errors are read per key
	got := pl.result()
	held, read := got[lock]
	delete(got, lock)
	switch {
	case !read:
		// The hold cannot be confirmed: hand the contact back rather
		// than serve it unsure (done checks the hold and waits out a
		// short outage; past a lease the janitor signals it again).
		d.metrics.Errors.WithLabelValues(h.c.Channel, "store").Inc()
		d.log.Warn("reading a contact's lock after waiting for a worker failed; giving it back", "contact", h.c.String())
		d.giveBack(ctx, h)
		return nil, false
	case !held.Exists || held.Value != h.token:
		d.log.Warn("lost the hold on a contact while it waited for a worker; another worker continues", "contact", h.c.String())
		return nil, false
	}
	if len(keys) == 0 && len(h.pre.hinted) == 0 {
		return nil, true
	}
	maps.Copy(got, h.absentKeys())
	return got, true
}

// claimed is what a claim read: the contact's state, undelivered outbox,
// first message, marks and what the handler preloads.
type claimed struct {
	state         []byte
	out           []byte // the outbox, a JSON array of items; empty: none
	head          any
	dirty, dtries bool
	ex            string
	hints         hints
	preloaded     map[string]bot.Preloaded
}

// claimOf reads {state, outbox, dirty, dtries, ex, hints} of a claim.
func claimOf(v []any, head any) claimed {
	ex, _ := v[4].(string)
	cl := claimed{state: bytesOf(v[0]), out: bytesOf(v[1]), head: head,
		dirty: v[2].(int64) == 1, dtries: v[3].(int64) == 1, ex: ex}
	if len(v) > 5 {
		cl.hints = hintsOf(v[5])
	}
	return cl
}

// preload is the read of the keys a handler preloads, riding in the
// pipeline that claims the contact.
type preload struct {
	keys []string
	gets []*redis.StringCmd
	mget *redis.SliceCmd
}

// queuePreload queues the read of keys in p: one MGET on a single server
// (one command for all, where a GET each cost one each), a GET each on a
// Cluster, where the keys live in different slots.
func (d *Dispatcher) queuePreload(ctx context.Context, p redis.Pipeliner, keys []string) *preload {
	pl := &preload{keys: keys}
	switch {
	case len(keys) == 0:
	case len(keys) > 1 && !d.cluster:
		pl.mget = p.MGet(ctx, keys...)
	default:
		for _, k := range keys {
			pl.gets = append(pl.gets, p.Get(ctx, k))
		}
	}
	return pl
}

// result turns the reads into Turn.Preloaded. A key whose read failed is
// left out: the handler reads it itself.
func (pl *preload) result() map[string]bot.Preloaded {
	if pl == nil {
		return nil
	}
	p := make(map[string]bot.Preloaded, len(pl.keys))
	if pl.mget != nil {
		vs, err := pl.mget.Result()
		if err != nil || len(vs) != len(pl.keys) {
			return p
		}
		for i, k := range pl.keys {
			if v, ok := vs[i].(string); ok {
				p[k] = bot.Preloaded{Value: v, Exists: true}
			} else {
				p[k] = bot.Preloaded{}
			}
		}
		return p
	}
	for i, k := range pl.keys {
		switch v, err := pl.gets[i].Result(); {
		case err == nil:
			p[k] = bot.Preloaded{Value: v, Exists: true}
		case errors.Is(err, redis.Nil):
			p[k] = bot.Preloaded{}
		}
	}
	return p
}

// scriptCall is one run of a script, for runScripts.
type scriptCall = replica.Call

// runScripts runs calls in one pipeline, in order, plus extra commands
// after them (reads that ride along, nil for none). A script Redis does
// not know yet (NOSCRIPT: a restarted or new Redis) is loaded and that
// call alone run again, in order with the others of its contact as every
// call before it ran.
// rerun reports that some call was run again: extra then ran before it.
func runScripts(ctx context.Context, rdb redis.UniversalClient, calls []scriptCall, extra ...func(redis.Pipeliner)) (out []*redis.Cmd, rerun bool) {
	out = make([]*redis.Cmd, len(calls))
	p := rdb.Pipeline()
	for i, c := range calls {
		out[i] = c.Script.EvalSha(ctx, p, c.Keys, c.Args...)
	}
	for _, e := range extra {
		e(p)
	}
	p.Exec(ctx) // errors are read per command
	for i, c := range calls {
		if redis.HasErrorPrefix(out[i].Err(), "NOSCRIPT") {
			out[i] = c.Script.Run(ctx, rdb, c.Keys, c.Args...)
			rerun = true
		}
	}
	return out, rerun
}

// Run handles messages until ctx is cancelled, then lets the messages in
// hand finish (each contact's current message and its replies) and returns.
// Contacts with messages still waiting are handed back to Redis for the next
// process to pick up.
func (d *Dispatcher) Run(ctx context.Context) error {
	// The scripts first (scripts.load), so that the first claims do not
	// run again on NOSCRIPT. Not fatal: a script not loaded is loaded at
	// its first use.
	if err := d.scripts.load(ctx, d.rdb); err != nil {
		d.log.Warn("loading the scripts at start; each will load at its first use", "err", err)
	}
	// The janitor's first pass before anything else: what a crash left
	// (and an upgrade's pending contacts) is signalled first, and its
	// round trips are the start's, not a message's (TestCommandsPerMessage).
	janitor := newToken()
	held := d.janitorPass(ctx, janitor, false, nil)
	d.mu.Lock()
	d.running, d.stopping = ctx, false
	d.mu.Unlock()
	var pumps sync.WaitGroup
	for g := range store.SignalGroups {
		pumps.Add(1)
		go func() {
			defer pumps.Done()
			d.pump(ctx, g)
		}()
	}
	pumps.Add(1)
	go func() {
		defer pumps.Done()
		d.janitor(ctx, janitor, held, func(ctx context.Context) bool { return d.janitorWait(ctx, d.opts.Lease/2) })
	}()
	pumps.Wait()
	d.mu.Lock()
	d.stopping = true
	d.mu.Unlock()
	d.workers.Wait()
	d.mu.Lock()
	d.running = nil
	d.mu.Unlock()
	return nil
}

// pump takes signals of one signal group and starts a worker for each
// contact.
func (d *Dispatcher) pump(ctx context.Context, group int) {
	ready := d.keys.GroupKey(group, "ready")
	for {
		select {
		case d.slots <- struct{}{}:
		case <-ctx.Done():
			return
		}
		res, err := d.rdb.BLPop(ctx, time.Second, ready).Result()
		if err != nil {
			<-d.slots
			if ctx.Err() != nil {
				return
			}
			if !errors.Is(err, redis.Nil) {
				d.metrics.Errors.WithLabelValues("", "store").Inc()
				d.log.Error("waiting for messages", "group", group, "err", err)
				sleep(ctx, time.Second)
			}
			continue
		}
		d.workers.Add(1)
		go func(ck string) {
			defer func() { <-d.slots; d.workers.Done() }()
			d.work(ctx, ck)
		}(res[1])
	}
}

// janitor signals again contacts whose worker vanished without finishing
// (a crashed process): their lease expires and someone must pick them up;
// and contacts left pending without a signal (a crash between a script
// and its push), and those whose waiting outbox is due. It also runs at
// start, which is how a restart replays what a crash left. One process
// sweeps at a time (the janitor's lease, P janitor, held as long as it
// sweeps every half lease and taken over a lease after it stops). held
// says whether the pass at start took the lease; wait waits for the next
// pass (half a lease; a test's own steps in janitor_internal_test.go) and
// says false once ctx ends.
func (d *Dispatcher) janitor(ctx context.Context, token string, held bool, wait func(context.Context) bool) {
	defer func() {
		// Handed over at once on a clean stop, not a lease later.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		// Not released, another process sweeps only a lease later.
		if err := d.rdb.Eval(ctx, "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
			[]string{d.keys.Global("janitor")}, token).Err(); err != nil {
			d.log.Warn("releasing the janitor's lease failed; another process takes it over when it expires", "err", err)
		}
	}()
	for part := 0; wait(ctx); part = (part + 1) % sweepParts {
		held = d.janitorPass(ctx, token, held, sweepPart(part))
	}
}

// sweepParts is how many passes of the janitor sweep every shard once:
// each pass after the first of a lease holder (which sweeps them all: at
// start, and when it takes the lease over) sweeps one part, the shards s
// with s mod sweepParts = part, in turn. A pass comes every half lease,
// so every shard is swept within sweepParts half leases (2 leases, 30 s
// at the default lease of 15 s) while one janitor runs: a crashed
// worker's contact is signalled again at most 3 leases after its last
// signal, an unsignalled one (a push lost) too, and a waiting outbox is
// woken at most 2 leases after it is due (its wait is a lease at least).
// Across a handover the new holder's full sweep keeps the gap to the
// time it takes the lease over: its part counter is its own, and going
// on from it could leave a shard 3 leases unswept. So a shard is swept
// within 2½ leases across a clean stop (the lease given up, taken at the
// next pass, half a lease), 3 across a crash (the lease expires a lease
// after its last renewal, which follows the last sweep done, also when
// the crash cuts a pass: janitorPass, TestJanitorCrashBound), which add
// as much to the bounds above. The price is the idle cost: 2·256/4 = 128 reads a half
// lease (17 a second) rather than 512 (68 a second) per deployment. The
// parts interleave, so each holds its share of every master's shards
// (slot-spaced tags: shard numbers follow the slots).
const sweepParts = 4

// sweepPart lists the shards of one part of the sweep.
func sweepPart(part int) []int {
	shards := make([]int, 0, store.Shards/sweepParts)
	for s := part; s < store.Shards; s += sweepParts {
		shards = append(shards, s)
	}
	return shards
}

// allShards lists every shard: the sweep at start.
func allShards() []int {
	shards := make([]int, store.Shards)
	for s := range shards {
		shards[s] = s
	}
	return shards
}

// janitorPass sweeps shards when this process holds the janitor's lease,
// or takes it, and says whether it holds it. held is whether it held it at
// the last pass: a process that did not (at start, after another process
// held it, or after a pass or a sweep that failed) sweeps every shard, since it knows
// nothing of where the last holder's rotation stood.
//
// The lease is renewed once the sweep is done, not before it: a crash
// that cuts a sweep then leaves the lease to expire a lease after the
// last sweep that was done, and the bound of 3 leases across a crash
// holds for the part it cut too (renewed before the sweep, that part
// waited 3½ leases: TestJanitorCrashBound). The price: a sweep longer
// than half a lease (a huge backlog) outlives the lease, and another
// process may sweep beside it for a while, which the sweep's scripts
// allow (they run twice as once).
func (d *Dispatcher) janitorPass(ctx context.Context, token string, held bool, shards []int) bool {
	lease := []string{d.keys.Global("janitor")}
	mine, err := d.scripts.janitorTake.Run(ctx, d.rdb, lease, token, d.opts.Lease.Milliseconds()).Int()
	if err != nil && ctx.Err() == nil {
		d.log.Error("taking the janitor's lease", "err", err)
	}
	if mine != 1 {
		return false
	}
	if !held {
		shards = allShards()
	}
	err = d.sweep(ctx, shards)
	if err != nil && ctx.Err() == nil {
		d.log.Error("recovering stalled contacts and waking waiting ones", "err", err)
	}
	d.findOldWriters(ctx)
	kept, rerr := d.scripts.sweeper.Run(ctx, d.rdb, lease, token, d.opts.Lease.Milliseconds()).Int()
	if rerr != nil && ctx.Err() == nil {
		d.log.Error("renewing the janitor's lease", "err", rerr)
	}
	// A sweep that failed (on one master, say) left shards unread: the
	// next pass sweeps them all again; so does one that lost the lease.
	return err == nil && kept == 1
}

// oldWritersLog is how often the janitor says again that it finds keys
// of the old layout: a busy old process makes them at most passes.
const oldWritersLog = time.Minute

// findOldWriters looks, at each pass, for the shard queues of the
// 16-shard layout, which only processes of a version before 2026-12-07
// write once the keys are upgraded (a rolling upgrade is not supported):
// an error in the log (at most once a minute) and in every process's
// /healthz (store.FindOldWriters records it), not a stop, as this
// process serves its contacts well. 16 EXISTS a pass.
func (d *Dispatcher) findOldWriters(ctx context.Context) {
	n, err := store.FindOldWriters(ctx, d.rdb, d.keys)
	if err != nil {
		if ctx.Err() == nil {
			d.log.Warn("looking for keys of the old layout", "err", err)
		}
		return
	}
	if n == 0 || time.Since(d.oldWritersLogged) < oldWritersLog {
		return
	}
	d.oldWritersLogged = time.Now()
	d.metrics.Errors.WithLabelValues("", "layout").Inc()
	d.log.Error("keys of the 16-shard layout written after the upgrade: a process of an older version is running; stop it, then run frontdoor migrate --again",
		"shards", n)
}

// sweepBatch bounds the scripts of one pipeline of the sweep.
const sweepBatch = 500

// sweep looks at the pending and later sets of the given shards in one
// pipeline (on a Cluster, go-redis sends it as one pipeline per master, at
// once), runs resignal on the contacts pending for a lease or more and
// wake on those whose outbox is due, in pipelines, and pushes the signals
// they call for.
func (d *Dispatcher) sweep(ctx context.Context, shards []int) error {
	now := d.opts.Clock()
	p := d.rdb.Pipeline()
	stale := make([]*redis.StringSliceCmd, store.Shards)
	due := make([]*redis.StringSliceCmd, store.Shards)
	for _, s := range shards {
		stale[s] = p.ZRangeByScore(ctx, d.keys.ShardKey(s, "pending"), &redis.ZRangeBy{
			Min: "-inf", Max: strconv.FormatInt(now.Add(-d.opts.Lease).UnixMilli(), 10), Count: 500,
		})
		due[s] = p.ZRangeByScore(ctx, d.keys.ShardKey(s, "later"), &redis.ZRangeBy{
			Min: "-inf", Max: strconv.FormatInt(now.UnixMilli(), 10), Count: 500,
		})
	}
	p.Exec(ctx) // errors are read per shard
	var errs []error
	var calls []scriptCall
	var cks []string
	for _, s := range shards {
		pending, later := d.keys.ShardKey(s, "pending"), d.keys.ShardKey(s, "later")
		if err := stale[s].Err(); err != nil {
			errs = append(errs, fmt.Errorf("list pending contacts: %w", err))
		}
		for _, ck := range stale[s].Val() {
			calls = append(calls, scriptCall{Script: d.scripts.resignal,
				Keys: []string{d.keys.ContactKey(ck, "lock"), pending}, Args: []any{ck, now.UnixMilli()}})
			cks = append(cks, ck)
		}
		if err := due[s].Err(); err != nil {
			errs = append(errs, fmt.Errorf("list contacts whose replies wait: %w", err))
		}
		for _, ck := range due[s].Val() {
			calls = append(calls, scriptCall{Script: d.scripts.wake,
				Keys: []string{later, pending}, Args: []any{ck, now.UnixMilli()}})
			cks = append(cks, ck)
		}
	}
	for len(calls) > 0 && ctx.Err() == nil {
		n := min(len(calls), sweepBatch)
		out, _ := runScripts(ctx, d.rdb, calls[:n])
		var signals []string
		for i, c := range out {
			v, err := c.Int()
			if err != nil {
				errs = append(errs, fmt.Errorf("signal a contact again: %w", err))
			}
			if v == 1 {
				signals = append(signals, cks[i])
			}
		}
		if err := pushSignals(ctx, d.rdb, d.keys, signals); err != nil {
			errs = append(errs, fmt.Errorf("signal contacts: %w", err))
		}
		calls, cks = calls[n:], cks[n:]
	}
	if len(errs) > 0 {
		// One error says enough: on a Cluster a master away fails each
		// of its shards alike.
		return fmt.Errorf("%w (%d errors)", errs[0], len(errs))
	}
	return nil
}

// work handles the messages of one contact while it holds the contact's
// lock. Once started, a message is finished even when ctx is cancelled, so a
// shutdown does not cut a reply in half.
//
// Per visit it costs one round trip to claim (the state, the outbox, the
// first message and what the handler preloads, together), and per message
// one to commit and one to finish (acknowledge the outbox and take the next
// message, or let go); see scripts.go.
func (d *Dispatcher) work(ctx context.Context, ck string) {
	c, ok := parseContactKey(ck)
	if !ok {
		d.log.Error("malformed contact in queue", "contact", bot.Pseudonym(ck))
		return
	}
	bg := context.WithoutCancel(ctx)
	h := d.handle(c, newToken())
	var preloads *preload
	cmds, rerun := runScripts(bg, d.rdb, []scriptCall{{Script: d.scripts.claim,
		Keys: h.keys("lock", "in", "ct", "pending", "out"), Args: []any{h.token, d.opts.Lease.Milliseconds(), ck, int(d.opts.Retention.Seconds())}}},
		func(p redis.Pipeliner) { preloads = d.queuePreload(bg, p, h.pre.always) })
	res, err := cmds[0].Slice()
	if err != nil {
		d.metrics.Errors.WithLabelValues(c.Channel, "store").Inc()
		d.log.Error("claiming contact", "contact", c.String(), "err", err)
		return
	}
	if res[0].(int64) != 1 {
		return // nothing left, or another worker has it and drains it
	}
	// {1, state, outbox, head, dirty, dtries, ex, hints}
	cl := claimOf([]any{res[1], res[2], res[4], res[5], res[6], res[7]}, res[3])
	h.hints = cl.hints
	if !rerun {
		cl.preloaded = h.readHinted(bg, preloads.result())
	}
	d.serve(ctx, h, cl)
}

// serve handles the messages of a contact this worker has claimed, until
// its inbox is empty (or a fair share is done, or ctx ends).
func (d *Dispatcher) serve(ctx context.Context, h *contactWork, cl claimed) {
	// The work itself outlives ctx; each step is bounded instead.
	bg := context.WithoutCancel(ctx)
	stopRenew := d.keepLease(h)
	defer stopRenew()

	state := cl.state
	h.dirty, h.dtries, h.expiresSet, h.hints = cl.dirty, cl.dtries, cl.ex, cl.hints
	head := cl.head
	h.preloaded = cl.preloaded
	if len(cl.out) > 0 {
		// A previous worker committed but did not finish delivering, or
		// the outbox waits for its channel: then deliver only keeps it
		// (and runs what need not wait), and the messages are handled
		// meanwhile. What the handler preloaded may change with events;
		// a key whose hint is not set may not (an event that makes one
		// was committed with its hint set).
		h.preloaded = h.absentKeys()
		items := decodeOut(cl.out, d.log)
		erased, ok := h.deliver(bg, items)
		if !ok {
			return
		}
		if erased {
			state = nil
		}
		if head, ok = h.done(bg, true, ctx.Err() != nil); !ok {
			return
		}
	}
	for handled := 0; head != nil; handled++ {
		if ctx.Err() != nil {
			h.done(bg, false, true) // stopping: the rest waits for the next process
			return
		}
		// A contact who keeps writing goes to the back of the queue after
		// a fair share, so one chatty person (or a flood) cannot hold a
		// worker while others wait. Stopping hands everyone back, and so
		// does a message to try again.
		var result stepResult
		var delivered bool
		h.handBack = ctx.Err() != nil || handled+1 >= fairShare
		state, delivered, result = h.step(bg, state, bytesOf(head))
		// What was read is good for the first message only; a hinted
		// key known not to exist stays so until a commit sets its hint
		// (nextHints keeps h.hints as the commits write them).
		h.preloaded = h.absentKeys()
		if result == stepStop {
			return
		}
		if result == stepFinished {
			head, h.next = h.next, nil
			continue
		}
		handBack := ctx.Err() != nil || handled+1 >= fairShare || result == stepRetry
		var ok bool
		if head, ok = h.done(bg, delivered, handBack); !ok {
			return
		}
	}
}

// done finishes a message (or a replayed outbox): it acknowledges the
// outbox when delivered says there was one, keeps the trail of what was
// sent, and returns the next message to handle, or nil once the contact is
// let go (handed back to the queue when handBack). ok is false when the
// lock was lost or Redis failed.
func (w *contactWork) done(ctx context.Context, delivered, handBack bool) (next any, ok bool) {
	d := w.d
	flags := ""
	if delivered && len(w.waiting) == 0 {
		flags += "o"
		if w.dtries {
			flags += "d"
			w.dtries = false
		}
	}
	if handBack {
		flags += "b"
	}
	if w.trailExpiry {
		flags += "x"
	}
	var due int64
	if len(w.waiting) > 0 {
		// The outbox waits for its channel: the janitor wakes the
		// contact when it is due, also once it is let go.
		flags += "l"
		due = w.waiting[0].Wait.UnixMilli()
	}
	args := []any{w.token, w.ck, flags, 0, TrailMax, d.opts.Lease.Milliseconds(), due}
	if d.opts.Trail != nil {
		args[3] = int(d.opts.Trail.ttl.Seconds())
		for _, id := range w.sent.take() {
			args = append(args, id)
		}
	}
	// Run again while Redis is away (the script can run twice): giving
	// up here would send the delivered replies again after the lease.
	var res []any
	err := d.whileAway(ctx, store.Unavailable, func() (err error) {
		res, err = d.scripts.done.Run(ctx, d.rdb, w.keys("lock", "ct", "in", "pending", "trail", "later", "hb"), args...).Slice()
		return err
	})
	if err != nil {
		d.metrics.Errors.WithLabelValues(w.c.Channel, "store").Inc()
		d.log.Error("finishing a message", "contact", w.c.String(), "err", err)
		return nil, false
	}
	w.trailExpiry = false
	switch res[0].(int64) {
	case 1:
		return res[1], true
	case -1:
		d.log.Warn("lost the hold on a contact; another worker continues", "contact", w.c.String())
		return nil, false
	case 2:
		d.signal(ctx, w.ck)
	}
	return nil, true
}

// whileAway runs op, and again while its error is one again accepts (Redis
// away), with growing pauses, for at most a lease: past that the hold on
// the contact is gone anyway.
func (d *Dispatcher) whileAway(ctx context.Context, again func(error) bool, op func() error) error {
	deadline := time.Now().Add(d.opts.Lease)
	wait := 50 * time.Millisecond
	for {
		err := op()
		if err == nil || !again(err) || time.Now().After(deadline) || !sleep(ctx, wait) {
			return err
		}
		wait = min(2*wait, time.Second)
	}
}

// keepLease renews the contact's lock while a worker holds it, so a slow
// send (a long retry-after) does not let another process in.
func (d *Dispatcher) keepLease(h *contactWork) (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(d.opts.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				ctx, cancel := context.WithTimeout(context.Background(), d.opts.Lease/3)
				d.scripts.renew.Run(ctx, d.rdb, h.keys("lock"), h.token, d.opts.Lease.Milliseconds())
				cancel()
			}
		}
	}()
	return func() { close(done) }
}

// contactWork is one worker's hold on one contact.
type contactWork struct {
	d     *Dispatcher
	c     bot.Contact
	token string
	ck    string
	// names holds the contact's key names, computed once; read-only, as
	// the lease renewal reads it from another goroutine.
	names map[string]string
	// dirty: the state holds marks the next commit clears (un, tries);
	// dtries: the outbox has a count of delivery rounds to clear.
	dirty, dtries bool
	// expiresSet is the hour the contact's expiries were last set (the
	// commit script's ex).
	expiresSet string
	// preloaded holds the values of the keys the handler preloads
	// (Preloader), read as the contact was claimed; nil when they must be
	// read again. After the first message it holds only the hinted keys
	// known not to exist (absentKeys).
	preloaded map[string]bot.Preloaded
	// pre is what the handler preloads for the contact; hints are the
	// contact's hints, as the claim read them and the commits since
	// wrote them (see hints.go).
	pre   preloads
	hints hints
	// sent collects the platform ids of what was sent, for the Trail.
	sent trailBatch
	// waiting is what the outbox keeps for a channel that cannot deliver
	// yet, as it is in Redis: the head holds when it is tried again
	// (outItem.Wait); the replies of the messages handled meanwhile go
	// after it (keepWaiting).
	waiting []outItem
	// outages counts the tries this worker found Redis away, for the
	// pause before the next.
	outages int
	// head is the SHA1 (hex) of the message in hand as the inbox holds
	// it: the commit takes it out only if it is still the head, so that
	// a commit sent twice takes nothing more.
	head string
	// handBack: the contact goes back to the queue after the message in
	// hand (serve), which a commit that does done's work must know.
	handBack bool
	// next is the message a commit that did done's work handed over
	// (stepFinished), nil when it let the contact go.
	next any
	// trailExpiry: a commit set the contact's expiries for the first
	// time and left the trail's, which the next done sets (see the
	// commit script).
	trailExpiry bool
}

func (d *Dispatcher) handle(c bot.Contact, token string) *contactWork {
	ck := c.Key()
	names := map[string]string{
		"pending": d.keys.ShardKey(store.Shard(ck), "pending"),
		"later":   d.keys.ShardKey(store.Shard(ck), "later"),
	}
	for _, n := range []string{"lock", "in", "ct", "seen", "trail", "out", "hb"} {
		names[n] = d.keys.ContactKey(ck, n)
	}
	return &contactWork{d: d, c: c, token: token, ck: ck, names: names, pre: d.preloadsOf(c)}
}

func (w *contactWork) key(name string) string { return w.names[name] }

func (w *contactWork) keys(names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = w.key(n)
	}
	return out
}

// What a step asks the worker to do next.
type stepResult int

const (
	stepNext  stepResult = iota // go on with the next message
	stepStop                    // the hold on the contact is lost, or delivery postponed: stop
	stepRetry                   // hand the contact back; this message is tried again
	// stepFinished: the commit did done's work too (commitDone): the
	// next message is in contactWork.next, nil when the contact was let go
	stepFinished
)

// maxTries bounds how often a message whose handling fails is tried.
// Failures because Redis is away are not counted (see step).
const maxTries = 5

// maxOutagePause bounds the pause before a message that met Redis away is
// tried again: a failover is over in seconds.
const maxOutagePause = 5 * time.Second

// step handles one message: decide, commit, deliver. It returns the new
// state, whether an outbox was delivered (done then clears it), and what
// to do next.
func (w *contactWork) step(ctx context.Context, state []byte, raw []byte) ([]byte, bool, stepResult) {
	d := w.d
	sum := sha1.Sum(raw)
	w.head = hex.EncodeToString(sum[:])
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		// Unreadable: nothing sensible can answer it. Drop it, loudly.
		d.log.Error("dropping unreadable inbound message", "contact", w.c.String(), "err", err)
		d.metrics.Errors.WithLabelValues(w.c.Channel, "handle").Inc()
		return w.commit(ctx, state, nil, nil, "", nil)
	}
	if env.Out != nil {
		return w.outbound(ctx, state, *env.Out)
	}
	out, err := w.handleSafely(ctx, bot.Turn{Contact: w.c, State: state, Message: env.Message, Now: d.opts.Clock(), Preloaded: w.preloaded})
	if err != nil && store.Unavailable(err) {
		// Redis is away (a failover, a restart, a cut): that is not the
		// message's fault, and a message must never be given up because
		// Redis was gone for a few seconds. It stays in the inbox, the
		// try is not counted, and the contact is handed back after a
		// pause that grows while Redis stays away.
		d.metrics.Errors.WithLabelValues(w.c.Channel, "store").Inc()
		w.outages++
		wait := min(time.Duration(w.outages)*d.opts.RetryPause, maxOutagePause)
		d.log.Warn("handling message: Redis is away; will try again", "contact", w.c.String(), "id", env.ID, "in", wait, "err", err)
		sleep(ctx, wait)
		return state, false, stepRetry
	}
	if err != nil {
		d.metrics.Errors.WithLabelValues(w.c.Channel, "handle").Inc()
		// Handlers fail on I/O (Redis for the handoff queue): the message
		// stays in the inbox and is tried again a few times, later, before
		// it is given up, so a passing fault loses nothing and a message
		// that always fails cannot block the person for ever.
		tries, terr := w.countTry(ctx, "tries")
		if terr != nil {
			// Without a count the message could be tried for ever or
			// dropped unanswered; leave it in the inbox for the next
			// worker, after the lease.
			d.log.Error("counting a failed try; leaving the message for later", "contact", w.c.String(), "err", terr)
			return state, false, stepStop
		}
		w.dirty = true
		// The try may have made a hinted key: the count forgot the hints
		// in Redis, and so does this worker (hints.go).
		w.hints = hints{}
		if tries < maxTries {
			d.log.Warn("handling message failed; will try again", "contact", w.c.String(), "id", env.ID, "try", tries, "err", err)
			sleep(ctx, time.Duration(tries)*d.opts.RetryPause)
			return state, false, stepRetry
		}
		d.log.Error("handling message failed; given up", "contact", w.c.String(), "id", env.ID, "err", err)
		var items []outItem
		if d.opts.Apology != nil {
			r := d.opts.Apology(state, env.Message)
			items = append(items, outItem{Reply: &r, Received: env.Received, Message: env.ID, Turn: turnOf(env.ID, 0)})
		}
		return w.commit(ctx, state, nil, items, env.TrailID, nil)
	}
	// Events go first: when the person reads "a person will answer", the
	// case is already open.
	items := make([]outItem, 0, len(out.Replies)+len(out.Events)+1)
	for i := range out.Events {
		items = append(items, outItem{Event: &bot.StoredEvent{Event: out.Events[i]}})
	}
	if out.Retract {
		items = append(items, outItem{Retract: true})
	}
	// The data goes before the confirmation: nobody is told "deleted"
	// while something of theirs is left.
	if out.Erase {
		items = append(items, outItem{Erase: true})
	}
	for i := range out.Replies {
		items = append(items, outItem{Reply: &out.Replies[i], Erased: out.Erase, Turn: turnOf(env.ID, i)})
	}
	if len(items) > 0 {
		// The last item carries what the latency figures need.
		items[len(items)-1].Received, items[len(items)-1].Message = env.Received, env.ID
	}
	newState := state
	if out.State != nil {
		newState = out.State
	}
	if out.Erase {
		// Whatever comes next starts a new conversation.
		newState = nil
	}
	return w.commit(ctx, newState, out.State, items, env.TrailID, out.Hints)
}

// outbound moves an Outbound message from the inbox to the outbox and
// delivers it, as the answer to a message would be. The person did not
// write: the marks a message of theirs clears (unreachable) stay, and so
// do the expiries of their data, which count from their last message.
func (w *contactWork) outbound(ctx context.Context, state []byte, m Outbound) ([]byte, bool, stepResult) {
	dirty := w.dirty
	w.dirty = false
	defer func() { w.dirty = w.dirty || dirty }()
	it := outItem{From: m.From, Ref: m.Ref, Guard: true}
	if len(m.Unsend) > 0 {
		it.Unsend = m.Unsend
	} else {
		r := m.Reply
		it.Reply = &r
	}
	return w.commitItems(ctx, state, nil, []outItem{it}, "", false, nil)
}

// handleSafely runs the handler with a time limit, turning a panic into an
// error: one message that trips a bug must not take down the process, and
// with it every conversation, again at each restart.
func (w *contactWork) handleSafely(ctx context.Context, t bot.Turn) (out bot.Outcome, err error) {
	hctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			w.d.log.Error("handler panicked", "contact", w.c.String(), "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	return w.d.handler.Handle(hctx, t)
}

// commit stores the outcome of a message and delivers it; trailID is the
// message's platform id for the Trail ("" none), kept with what is sent;
// said are the hints the handler stated (bot.Outcome.Hints), written with
// the state before anything is delivered.
func (w *contactWork) commit(ctx context.Context, state, changed []byte, items []outItem, trailID string, said map[string]bool) ([]byte, bool, stepResult) {
	return w.commitItems(ctx, state, changed, items, trailID, true, said)
}

// commitItems is commit; person is false for an Outbound message, which
// leaves the expiries as they are.
func (w *contactWork) commitItems(ctx context.Context, state, changed []byte, items []outItem, trailID string, person bool, said map[string]bool) ([]byte, bool, stepResult) {
	d := w.d
	dirty := "0"
	if w.dirty {
		dirty = "1"
	}
	hour := strconv.FormatInt(d.opts.Clock().Unix()/3600, 10)
	if hour == w.expiresSet || !person {
		hour = "" // set this hour already, or not to be set
	}
	trailTTL := 0
	if d.opts.Trail != nil {
		trailTTL = int(d.opts.Trail.ttl.Seconds())
	}
	if trailID != "" && d.opts.Trail != nil && len(items) > 0 {
		// The message's id goes with its outcome, for the done of the
		// delivery that reaches it (see outItem.Trail).
		items[0].Trail = append(items[0].Trail, trailID)
	}
	// The replies of a message handled while earlier ones wait for the
	// channel go after them: the outbox keeps one order.
	// What waits stays within its bound already in what this commit
	// writes, not only once the delivery after it finds the channel
	// refusing again: the outbox is a field of the state, rewritten whole.
	all := items
	var dropped []outItem
	if len(w.waiting) > 0 {
		all, dropped = boundWaiting(append(slices.Clip(w.waiting), items...))
	}
	outbox := ""
	if len(items) > 0 {
		outbox = encodeOut(all, d.log, w.c)
	}
	// seen is not trimmed by the first commit that sets the expiries:
	// it was made since the state was; nor is the trail's expiry set
	// there, the trail being made after it (see the script).
	first := hour != "" && w.expiresSet == ""
	trim := any(seenMax)
	if w.expiresSet == "" {
		trim = ""
	}
	hk, nextHints := w.nextHints(said)
	if !person {
		// An Outbound message states no hint, and its commit sets no
		// expiry: hints written here to a contact with no state hash
		// (it expired, or they never wrote: a reminder) would make one
		// that never expires, naming the person. They stay unknown, as
		// the hash says (TestReminderWithoutAStateLeavesNoHints).
		hk, nextHints = "", w.hints
	}
	args := []any{w.token, string(changed), dirty, hour,
		int(d.opts.Retention.Seconds()), int(d.opts.DedupeWindow.Seconds()), trailTTL, outbox, trim, w.head, hk}
	if len(items) == 0 && len(w.waiting) == 0 {
		// Nothing to send and nothing waiting: done, after the commit,
		// would only check the lock again; the commit does its work.
		return w.commitDone(ctx, state, args, hour, trailID, nextHints)
	}
	// Run again while Redis is away: a commit that ran already takes
	// nothing more out of the inbox (see the script), and giving up
	// would hold the person's next messages for a lease.
	// With something to deliver, the commit waits for a replica (see
	// replica.Waiter.Run): a reply must not go out while a failover could still
	// take back the commit and have the message answered again.
	var n int
	confirmed := true
	err := d.whileAway(ctx, store.Unavailable, func() (err error) {
		call := scriptCall{Script: d.scripts.commit, Keys: w.keys("lock", "in", "ct", "seen", "trail"), Args: args}
		var cmd *redis.Cmd
		if len(items) > 0 {
			cmd, confirmed = d.replicas.Run(ctx, call)
		} else {
			cmd = call.Script.Run(ctx, d.rdb, call.Keys, call.Args...)
		}
		n, err = cmd.Int()
		return err
	})
	if err != nil {
		d.metrics.Errors.WithLabelValues(w.c.Channel, "store").Inc()
		d.log.Error("committing handled message", "contact", w.c.String(), "err", err)
		return state, false, stepStop
	}
	if n != 1 {
		d.log.Warn("lost the hold on a contact; another worker continues", "contact", w.c.String())
		return state, false, stepStop
	}
	if !confirmed {
		d.metrics.ReplicaUnconfirmedCommits.WithLabelValues(w.c.Channel).Inc()
		d.log.Warn("no replica confirmed a handled message's outcome in time: a failover now could have it answered again",
			"contact", w.c.String(), "wait", d.opts.ReplicaWait)
	}
	w.dirty, w.hints = false, nextHints
	if hour != "" {
		w.expiresSet = hour
	}
	if first {
		// The commit left the trail's expiry to done (the trail is
		// made there); any later hour's commit sets it itself.
		w.trailExpiry = true
	}
	w.droppedForRoom(ctx, dropped)
	if trailID != "" && d.opts.Trail != nil && len(items) == 0 {
		// No item of its own (its outbox is what waits, not written
		// again): it waits for done in memory, and in what a delivery
		// keeps of the outbox before it (carrying).
		w.sent.release([]string{trailID})
	}
	if len(items) == 0 && (len(w.waiting) == 0 || w.waiting[0].Wait.After(d.opts.Clock())) {
		return state, false, stepNext
	}
	erased, ok := w.deliver(ctx, all)
	if !ok {
		return state, false, stepStop
	}
	if erased {
		state = nil
	}
	return state, true, stepNext
}

// commitDone is commit and done in one round trip (the commitDone
// script), for a message that leaves nothing to deliver: it stores the
// outcome, keeps the trail's ids, and hands over the next message or
// lets the contact go. args are the commit script's.
func (w *contactWork) commitDone(ctx context.Context, state []byte, args []any, hour, trailID string, nextHints hints) ([]byte, bool, stepResult) {
	d := w.d
	handBack := ""
	if w.handBack {
		handBack = "1"
	}
	// The hand back's hb is kept a lease (see done).
	args = append(args, handBack, w.ck, TrailMax, d.opts.Lease.Milliseconds())
	if d.opts.Trail != nil {
		if trailID != "" {
			w.sent.ids = append(w.sent.ids, trailID)
		}
		for _, id := range w.sent.take() {
			args = append(args, id)
		}
	}
	// Run again while Redis is away, as commit and done are (the script
	// can run twice).
	var res []any
	err := d.whileAway(ctx, store.Unavailable, func() (err error) {
		res, err = d.scripts.commitDone.Run(ctx, d.rdb, w.keys("lock", "in", "ct", "seen", "trail", "pending", "hb"), args...).Slice()
		return err
	})
	if err != nil {
		d.metrics.Errors.WithLabelValues(w.c.Channel, "store").Inc()
		d.log.Error("committing handled message", "contact", w.c.String(), "err", err)
		return state, false, stepStop
	}
	switch res[0].(int64) {
	case -1:
		d.log.Warn("lost the hold on a contact; another worker continues", "contact", w.c.String())
		return state, false, stepStop
	case 1:
		w.next = res[1]
	case 2:
		w.next = nil
		d.signal(ctx, w.ck)
	default:
		w.next = nil
	}
	w.dirty, w.hints = false, nextHints
	if hour != "" {
		w.expiresSet = hour
	}
	return state, false, stepFinished
}

// deliver sends the committed replies and runs the events; done then
// clears the outbox, or keeps what waits (w.waiting). Each reply is
// acknowledged before the next one goes out, so that a crash repeats at
// most the one in flight.
//
// When the channel cannot take a reply (a halt, an outage: see
// keepWaiting), that reply and the channel's work after it wait, in order,
// in the outbox, until the time kept in its head (outItem.Wait); the rest
// goes on meanwhile: the events (a case opening) and an erasure, whose
// retraction waits as a take-back holding the ids the erasure deletes
// (holdTakeBack). A delivery that starts before that time sends
// nothing. So the person's next messages are handled at once, not behind
// replies that cannot go (see serve), and their replies join the end of
// what waits. ok is false when the contact must be let go: the lock was
// lost, Redis failed, or an event or an erasure failed (postpone holds
// the contact then: nothing of the person goes on before them); erased is
// true when the contact's data was erased.
func (w *contactWork) deliver(ctx context.Context, items []outItem) (erased, ok bool) {
	d := w.d
	w.waiting = nil
	if len(items) == 0 {
		return false, true
	}
	if d.opts.Trail != nil {
		// What the channel sends is kept in the Trail by done, in its
		// round trip.
		ctx = withTrailBatch(ctx, w.c, &w.sent)
	}
	sender := d.opts.Senders[w.c.Channel]
	// unreachable: a send found the person blocked the bot; marked: the
	// contact's state says so already (read for the first Guard item).
	unreachable, marked, guardRead := false, false, false
	// refused: the platform refuses this person for a while (a one-person
	// halt): the rest of their replies in this outbox are given up too.
	var refused *bot.HaltError
	// blocked: the channel cannot deliver now, since an earlier delivery
	// (the head's Wait) or a try in this one (failed); what is for the
	// channel waits in kept, in order.
	var failed error
	until := items[0].Wait
	blocked := until.After(d.opts.Clock())
	var kept []outItem
	isKept := make([]bool, len(items))
	// carried: the item gave its ids (outItem.Trail) to this delivery.
	carried := make([]bool, len(items))
	keep := func(i int) {
		kept = append(kept, items[i])
		isKept[i] = true
	}
	sentSince := false // a reply sent since the outbox was last acknowledged
	for i, it := range items {
		if len(it.Trail) > 0 {
			// The person's ids it carries go to this delivery's done,
			// also when the item waits for the channel (the person's
			// message is on the phone all the same), before a
			// retraction runs (which takes them back too); until then
			// they go with what is kept of the outbox (carrying).
			w.sent.release(it.Trail)
			items[i].Trail, it.Trail = nil, nil
			carried[i] = true
		}
		switch {
		case it.Reply != nil:
			if blocked {
				keep(i)
				continue
			}
			if it.Guard && !unreachable && !guardRead {
				// Read once per delivery: the mark is cleared only by
				// a message of the person, which waits behind this.
				guardRead = true
				un, err := d.rdb.HGet(ctx, w.key("ct"), "un").Result()
				if err != nil && !errors.Is(err, redis.Nil) {
					d.metrics.Errors.WithLabelValues(w.c.Channel, "store").Inc()
					return false, w.postponeOrGiveUp(ctx, items[i:], 0, err)
				}
				unreachable, marked = un == "1", un == "1"
			}
			if unreachable {
				w.report(ctx, it, FailBlocked, "blocked the bot and has not written since")
				continue
			}
			if refused != nil {
				w.report(ctx, it, FailGaveUp, "not delivered: "+refused.Reason)
				continue
			}
			if sender == nil {
				d.log.Error("no sender for channel", "channel", w.c.Channel)
				d.metrics.Errors.WithLabelValues(w.c.Channel, "send").Inc()
				w.report(ctx, it, FailNoChannel, "no channel "+w.c.Channel)
				continue
			}
			if sentSince && !erased {
				// After an erasure there is no outbox to keep: it
				// went with the rest of the person's data.
				if !w.ackSent(ctx, items[i:]) {
					return false, false
				}
				sentSince = false
			}
			mark := len(w.sent.ids)
			prog := &replyProgress{w: w, items: items, i: i, prior: it.Sent, mark: mark, store: !erased}
			err := w.send(bot.WithProgress(ctx, prog), sender, *it.Reply)
			if prog.saved {
				// Saving the progress acknowledged what went before.
				sentSince = false
			}
			// The ids the channel kept as it sent, with those of the
			// parts an earlier round sent, are the reply's: the sender
			// may take it back later (Outbound.Unsend), also a reply
			// that failed part-way.
			ids := append(slices.Clip(it.Sent), w.sent.ids[mark:]...)
			if it.Erased {
				// Nothing of an erased person is kept: the ids stay
				// with the item only (its progress, a retry's report).
				w.sent.ids = w.sent.ids[:mark]
			} else if d.opts.Trail != nil && (err == nil || errors.Is(err, bot.ErrUnreachable) || errors.Is(err, bot.ErrRejected)) {
				// The reply is settled: the parts an earlier round (or a
				// process that crashed) sent join the Trail now, with
				// this round's, for a "clear" to take back.
				w.sent.ids = append(w.sent.ids, it.Sent...)
			}
			switch {
			case err == nil:
				d.metrics.Out.WithLabelValues(w.c.Channel).Inc()
				sentSince = true
				w.report(ctx, it, Delivered, "", ids...)
			case errors.Is(err, bot.ErrUnreachable):
				unreachable = true
				w.report(ctx, it, FailBlocked, err.Error(), ids...)
			case errors.Is(err, bot.ErrRejected):
				// Sending it again would be refused again.
				d.metrics.Errors.WithLabelValues(w.c.Channel, "send").Inc()
				d.log.Error("reply refused by the platform", "contact", w.c.String(), "err", err)
				w.report(ctx, it, FailRejected, err.Error(), ids...)
			default:
				// The platform may be back in a while: this reply and
				// the channel's work after it wait for it. The parts
				// that went out are kept with it, for its report.
				items[i].Sent = ids
				if h := (*bot.HaltError)(nil); errors.As(err, &h) && h.OnePerson {
					// WhatsApp's 463: this number may not reach out to
					// this person for a day. A reply held that long and
					// sent then is the very reach-out it forbids, to a
					// person who has likely moved on: it is given up at
					// once, as for a person who blocked the bot (the
					// person's next messages are handled anyway, and
					// their replies tried, each refused by the adapter
					// at once while the lock lasts).
					refused = h
					d.metrics.Errors.WithLabelValues(w.c.Channel, "send").Inc()
					w.report(ctx, it, FailGaveUp, "not delivered: "+h.Reason, ids...)
					continue
				}
				blocked, failed = true, err
				keep(i)
			}
		case it.Event != nil:
			// At least once: a sink that fails holds this event and what
			// follows (the reply that says a case is open) until it works,
			// like a send; sinks are idempotent, so a repeat is harmless.
			// An event does not wait for the channel: the operators see
			// the case while the replies wait.
			if err := w.runEvent(ctx, it.Event.Event); err != nil {
				d.metrics.Errors.WithLabelValues(w.c.Channel, "event").Inc()
				return false, w.postponeOrGiveUp(ctx, append(kept, items[i:]...), len(kept), err)
			}
			d.metrics.Events.WithLabelValues(w.c.Channel, string(it.Event.Event.Kind())).Inc()
		case len(it.Unsend) > 0:
			if blocked {
				keep(i)
				continue
			}
			un, ok := sender.(bot.Unsender)
			if !ok {
				w.report(ctx, it, FailUnsupported, "the channel cannot take back a message")
				continue
			}
			err := w.attempt(ctx, func(ctx context.Context) error { return un.Unsend(ctx, w.c, it.Unsend) })
			switch {
			case err == nil:
				w.report(ctx, it, Delivered, "")
			case errors.Is(err, bot.ErrUnreachable):
				w.report(ctx, it, FailBlocked, err.Error())
			case errors.Is(err, bot.ErrRejected):
				d.log.Warn("taking back a message: refused by the platform", "contact", w.c.String(), "err", err)
				w.report(ctx, it, FailRejected, err.Error())
			default:
				blocked, failed = true, err
				keep(i)
			}
		case it.Retract:
			// A retraction waits with the replies before it, which it
			// takes back too. One right before an erasure waits as well,
			// as a take-back (Erased) of the ids the erasure is about
			// to delete: they go with it (Back), so that the phone is
			// cleared once the channel is back, as the confirmation that
			// follows it says.
			if blocked {
				if i+1 < len(items) && items[i+1].Erase {
					if err := w.holdTakeBack(ctx, &items[i]); err != nil {
						d.metrics.Errors.WithLabelValues(w.c.Channel, "store").Inc()
						return false, w.postponeOrGiveUp(ctx, append(kept, items[i:]...), len(kept), err)
					}
				}
				keep(i)
				continue
			}
			if !it.Erased {
				err := w.retract(ctx, sender)
				if err == nil || !channelWaits(err) {
					continue
				}
				// The channel cannot send now (restricted, without a
				// session, down): the retraction waits like a reply, and
				// before an erasure as a take-back holding the ids the
				// erasure is about to delete. Dropped, the erasure would
				// leave the conversation on the phone for good.
				if i+1 < len(items) && items[i+1].Erase {
					if err := w.holdTakeBack(ctx, &items[i]); err != nil {
						d.metrics.Errors.WithLabelValues(w.c.Channel, "store").Inc()
						return false, w.postponeOrGiveUp(ctx, append(kept, items[i:]...), len(kept), err)
					}
				}
				blocked, failed = true, err
				keep(i)
				continue
			}
			// It waited once already: a channel that still refuses
			// keeps it waiting, with the ids it alone still holds.
			err := w.takeBack(ctx, sender, it.Back)
			if err != nil && !errors.Is(err, bot.ErrRejected) && !errors.Is(err, bot.ErrUnreachable) {
				blocked, failed = true, err
				keep(i)
			}
		case it.Erase:
			if err := w.erase(ctx); err != nil {
				return false, w.postponeOrGiveUp(ctx, append(kept, items[i:]...), len(kept), err)
			}
			w.eraseBarrier(ctx)
			erased = true
			// What waited for the channel went with the rest of the
			// person's data (the outbox is in their state): an answer
			// of before must not reach them after "deleted". The
			// take-back of the conversation stays: it holds the ids
			// the phone still shows, and nothing else.
			k := kept[:0:0]
			for _, it := range kept {
				switch {
				case it.Retract && it.Erased:
					k = append(k, it)
				case it.Guard && (it.Reply != nil || len(it.Unsend) > 0):
					d.metrics.Undelivered.WithLabelValues(w.c.Channel, "erased").Inc()
				}
			}
			kept = k
		}
	}
	for i, it := range items {
		if it.Received.IsZero() || isKept[i] {
			continue
		}
		// The message's work is settled (delivered, given up or
		// erased): its latency is its own, also when it settles in the
		// same delivery as others.
		latency := d.opts.Clock().Sub(it.Received)
		d.metrics.Handling.WithLabelValues(w.c.Channel).Observe(latency.Seconds())
		if d.opts.OnHandled != nil {
			d.opts.OnHandled(w.c, it.Message, latency)
		}
	}
	if len(kept) > 0 {
		changed := failed != nil || len(kept) != len(items)
		for i := range items {
			// An item kept as the outbox holds it, but for the ids it
			// gave to done: written without them, or the delivery that
			// reaches it next gives them to the Trail again.
			changed = changed || isKept[i] && carried[i]
		}
		if !w.keepWaiting(ctx, kept, failed, until, changed) {
			return false, false
		}
	}
	if erased {
		// The outbox went with the rest of the person's data; what the
		// confirmation itself left goes too.
		w.sent.take()
		for _, e := range d.opts.Sweep {
			if err := w.eraseWith(ctx, e); err != nil {
				d.log.Error("erasing what the confirmation left", "contact", w.c.String(), "err", err)
			}
		}
		w.recordErasure(ctx)
		return true, true
	}
	if unreachable && !marked {
		// The person blocked the bot: remember it, so nothing else (such
		// as a campaign) tries again until they write. Only on a state
		// that exists: a mark alone would be a key of the person without
		// the state's expiry.
		d.log.Info("contact unreachable; stopped sending", "contact", w.c.String())
		if err := d.scripts.markUnreachable.Run(ctx, d.rdb, w.keys("ct")).Err(); err != nil {
			d.log.Error("marking contact unreachable", "contact", w.c.String(), "err", err)
		}
		w.dirty = true
	}
	return false, true
}

// keepWaiting keeps kept, what waits for the channel, in the outbox, and
// in w.waiting for the messages handled meanwhile, which add their replies
// to its end (commitItems); done asks the janitor to wake the contact when
// it is due (the shard's later set). failed is why the channel refused in
// this delivery, nil when it was not tried (the head's time had not
// come: until). Each item has its own account, kept in it, so that a
// reply added late is not given up early with the head:
//
//   - a halt of the whole channel (bot.HaltError, such as WhatsApp's
//     temporary ban), or a channel without a session until a person
//     links it again (bot.ErrNoSession), counts no delivery round: an
//     item waits until
//     Options.HoldWithin after it was first held (Held), looked at again
//     every HoldCheck, or at the halt's end when sooner;
//   - any other failure (an outage, a long retry-after) counts a delivery
//     round; an item is given up after Options.DeliveryRounds rounds of
//     its own (counted from Round), and the wait doubles from the lease
//     with the rounds of the head, up to maxDeliveryWait.
//
// Given up, an item is reported undelivered with the reason. What waits is
// bounded (boundWaiting): past maxWaiting replies the oldest are given up
// (reported so), since a person who kept writing through a long halt is
// best served, once it ends, by the answers to where the conversation is
// now, and the outbox is rewritten at each of their messages; retractions
// in a row fold into one. Events and erasures never wait, and a
// retraction is never dropped for room.
// changed false: kept is as the outbox holds it, nothing to write.
// It returns false when Redis failed (the outbox is then as it was, tried
// again after the lease).
func (w *contactWork) keepWaiting(ctx context.Context, kept []outItem, failed error, until time.Time, changed bool) bool {
	d := w.d
	now := d.opts.Clock()
	giveUp := func(keep func(outItem) bool, detail string, stage string) {
		k := kept[:0:0]
		for _, it := range kept {
			if keep(it) {
				k = append(k, it)
				continue
			}
			d.metrics.Errors.WithLabelValues(w.c.Channel, stage).Inc()
			if it.Reply != nil || len(it.Unsend) > 0 {
				w.report(ctx, it, FailGaveUp, detail, it.Sent...)
			}
		}
		kept = k
	}
	h := heldBy(failed, now)
	switch {
	case failed == nil:
		// Not tried: the wait goes on as it was set.
	case h != nil:
		for i := range kept {
			if kept[i].Held.IsZero() {
				kept[i].Held = now
			}
		}
		giveUp(func(it outItem) bool { return now.Before(it.Held.Add(d.opts.HoldWithin)) },
			fmt.Sprintf("not delivered: held %s while the channel was halted (%s)", d.opts.HoldWithin, h.Reason), "send")
		if len(kept) == 0 {
			d.log.Error("delivery given up: the channel stayed halted past the hold", "contact", w.c.String(), "err", failed)
			break
		}
		wait := d.opts.HoldCheck
		if !h.Until.IsZero() {
			wait = min(wait, h.Until.Sub(now))
		}
		wait = max(min(wait, kept[0].Held.Add(d.opts.HoldWithin).Sub(now)), d.opts.Lease)
		until = now.Add(wait)
		d.metrics.Errors.WithLabelValues(w.c.Channel, "held").Inc()
		d.log.Warn("delivery held: the channel is halted", "contact", w.c.String(), "for", wait, "until", h.Until,
			"waiting", len(kept), "err", failed)
	default:
		rounds, err := w.countTry(ctx, "dtries")
		if err != nil {
			d.log.Error("counting delivery rounds", "contact", w.c.String(), "err", err)
			return false
		}
		w.dtries = true
		for i := range kept {
			if kept[i].Round == 0 {
				kept[i].Round = rounds
			}
		}
		giveUp(func(it outItem) bool { return rounds-it.Round < int64(d.opts.DeliveryRounds) },
			failed.Error(), "send")
		if len(kept) == 0 {
			d.log.Error("delivery given up", "contact", w.c.String(), "rounds", rounds-1, "err", failed)
			break
		}
		wait := min(d.opts.Lease<<min(rounds-kept[0].Round, 16), maxDeliveryWait)
		if ra := (*bot.RetryAfterError)(nil); errors.As(failed, &ra) {
			// The platform said how long; trying before only earns another
			// refusal.
			wait = max(wait, ra.After)
		}
		until = now.Add(wait)
		d.metrics.Errors.WithLabelValues(w.c.Channel, "postponed").Inc()
		d.log.Warn("delivery postponed", "contact", w.c.String(), "round", rounds, "for", wait,
			"waiting", len(kept), "err", failed)
	}
	was := len(kept)
	kept, dropped := boundWaiting(kept)
	w.droppedForRoom(ctx, dropped)
	changed = changed || len(kept) != was
	if len(kept) == 0 {
		return true
	}
	for i := range kept {
		kept[i].Wait = time.Time{}
	}
	kept[0].Wait = until
	if changed {
		if err := w.d.scripts.postpone.Run(ctx, d.rdb, w.keys("lock", "ct"), w.token, 0,
			encodeOut(kept, d.log, w.c), int(d.opts.Retention.Seconds())).Err(); err != nil {
			d.log.Error("keeping the outbox for later", "contact", w.c.String(), "err", err)
			return false
		}
	}
	w.waiting = kept
	return true
}

// noSessionCheck is how often a reply held while its channel has no
// session (bot.ErrNoSession) looks again: a person relinking the phone
// wants the replies to follow soon after.
const noSessionCheck = time.Minute

// heldBy is the halt a failed delivery is held by: a bot.HaltError, or a
// channel without a session (bot.ErrNoSession), held the same way until
// a person links it again, looked at every noSessionCheck; nil for any
// other failure.
func heldBy(failed error, now time.Time) *bot.HaltError {
	if h := (*bot.HaltError)(nil); errors.As(failed, &h) {
		return h
	}
	if errors.Is(failed, bot.ErrNoSession) {
		return &bot.HaltError{Until: now.Add(noSessionCheck), Reason: "the channel has no session until it is linked again"}
	}
	return nil
}

// boundWaiting bounds what waits for the channel: past maxWaiting replies
// the oldest are dropped, and a retraction right after another, with
// nothing between them, is folded into it: both take back what the phone
// shows when they run, so the second alone does what both would (with
// the ids a take-back holds, Back). So a person who clears the chat again
// and again through a long halt keeps at most one retraction more than
// replies waiting, and nothing that would go to the phone is lost. The
// head's time to try the channel again (Wait) stays with the head, and the
// person's ids an item carries (outItem.Trail) stay in what is kept: those
// of a dropped reply go with the next item, those of a folded retraction
// with the one it is folded into.
func boundWaiting(items []outItem) (kept, dropped []outItem) {
	if len(items) == 0 {
		return items, nil
	}
	wait := items[0].Wait
	drop := -maxWaiting
	for _, it := range items {
		if it.Reply != nil {
			drop++
		}
	}
	kept = make([]outItem, 0, len(items))
	// carry: the person's ids of the dropped replies (outItem.Trail),
	// which the next kept item takes on: a reply given up for room is
	// not written again, and its ids are to reach the Trail all the same.
	var carry []string
	for _, it := range items {
		if it.Reply != nil && drop > 0 {
			drop--
			carry = append(carry, it.Trail...)
			it.Trail = nil
			dropped = append(dropped, it)
			continue
		}
		if len(carry) > 0 {
			it.Trail = append(carry, it.Trail...)
			carry = nil
		}
		if n := len(kept); it.Retract && n > 0 && kept[n-1].Retract {
			prev := kept[n-1]
			back := slices.Clone(prev.Back)
			for _, id := range it.Back {
				if !slices.Contains(back, id) {
					back = append(back, id)
				}
			}
			it.Back, it.Erased = back, it.Erased || prev.Erased
			it.Trail = append(slices.Clip(prev.Trail), it.Trail...)
			kept[n-1] = it
			continue
		}
		kept = append(kept, it)
	}
	if len(kept) > 0 && len(kept) != len(items) {
		for i := range kept {
			kept[i].Wait = time.Time{}
		}
		kept[0].Wait = wait
	}
	return kept, dropped
}

// droppedForRoom accounts for the replies boundWaiting dropped: counted,
// and an Outbound one reported given up.
func (w *contactWork) droppedForRoom(ctx context.Context, dropped []outItem) {
	for _, it := range dropped {
		w.d.metrics.Errors.WithLabelValues(w.c.Channel, "outbox_full").Inc()
		w.report(ctx, it, FailGaveUp, fmt.Sprintf("not delivered: more than %d newer replies waited for the channel", maxWaiting), it.Sent...)
	}
}

// replyProgress is the bot.Progress of the reply items[i] of a delivery:
// kept in the item, and saved with the rest of the outbox (ackSent), as
// everything before the reply is settled when it is being sent.
type replyProgress struct {
	w     *contactWork
	items []outItem
	i     int
	// prior are the ids of the parts earlier rounds sent (the item's Sent
	// as the round began); mark is where this round's begin in w.sent.
	prior []string
	mark  int
	// store is false after an erasure: there is no outbox to keep, and
	// writing one would leave a key of the person without an expiry.
	store bool
	saved bool
}

func (p *replyProgress) Load() []byte { return p.items[p.i].Progress }

func (p *replyProgress) Save(ctx context.Context, b []byte) error {
	it := &p.items[p.i]
	was, wasSent := it.Progress, it.Sent
	it.Progress = slices.Clone(b)
	// The parts that went out so far are the reply's, for its report and
	// the Trail, also when this process dies before it is done.
	it.Sent = append(slices.Clip(p.prior), p.w.sent.ids[p.mark:]...)
	if !p.store {
		return nil
	}
	if !p.w.ackSent(ctx, p.items[p.i:]) {
		if was == nil {
			// The first save (the ids chosen before any part went)
			// was not kept: a try again in this process must choose
			// them again as a replay would, not send under ids no
			// replay knows of. A later save that fails keeps what
			// went, so that a try again goes on from there rather
			// than sending a part twice.
			it.Progress, it.Sent = was, wasSent
		}
		return fmt.Errorf("dispatch: keeping a reply's progress for %s: %w", p.w.c, bot.ErrNotSent)
	}
	p.saved = true
	return nil
}

// report tells the DeliveryReporters what became of an Outbound message
// that asked (a Ref), and of a turn's answer that did not reach the
// person (Delivery.Answer), trying a failing one again briefly. A report
// that still fails is logged and not held on to: the message itself is
// settled, and holding the person's next messages for a report would
// cost more than it saves.
func (w *contactWork) report(ctx context.Context, it outItem, f Failure, detail string, ids ...string) {
	d := w.d
	rep := Delivery{From: it.From, Ref: it.Ref, Failure: f, Detail: detail, IDs: slices.Clone(ids)}
	if !it.Guard {
		// A turn's answer: nobody waits for it to be delivered, but one
		// given up or refused leaves the person without an answer,
		// which the operators should know (an urgent case's numbers
		// among it). A person who blocked the bot is waiting for none.
		if f == Delivered || f == FailBlocked || it.Reply == nil {
			return
		}
		d.metrics.AnswersUndelivered.WithLabelValues(w.c.Channel, string(f)).Inc()
		d.log.Warn("the bot's answer did not reach the person", "contact", w.c.String(), "reason", string(f), "err", detail)
		rep.Answer, rep.Turn = it.Reply, it.Turn
	} else {
		if f != Delivered {
			d.metrics.Undelivered.WithLabelValues(w.c.Channel, string(f)).Inc()
		}
		if it.Ref == "" {
			return
		}
	}
	for _, r := range d.opts.Reporters {
		var err error
		for attempt := 1; attempt <= 3; attempt++ {
			if err = r.ReportDelivery(ctx, w.c, rep); err == nil {
				break
			}
			if attempt < 3 && !sleep(ctx, time.Duration(attempt)*d.opts.RetryPause) {
				break
			}
		}
		if err != nil {
			d.metrics.Errors.WithLabelValues(w.c.Channel, "report").Inc()
			d.log.Error("reporting a delivery", "contact", w.c.String(), "from", it.From, "err", err)
		}
	}
}

// postponeOrGiveUp is postpone; when the rest is given up, the Outbound
// messages among it are reported so.
func (w *contactWork) postponeOrGiveUp(ctx context.Context, rest []outItem, failing int, cause error) (gaveUp bool) {
	if !w.postpone(ctx, rest, failing, cause) {
		return false
	}
	for _, it := range rest {
		// Given up: the done after this delivery writes their ids.
		w.sent.release(it.Trail)
		if it.Reply != nil || len(it.Unsend) > 0 {
			w.report(ctx, it, FailGaveUp, cause.Error(), it.Sent...)
		}
	}
	return true
}

// runEvent hands an event to every sink, trying a failing one again
// briefly: a passing Redis fault should not hold the person's replies for
// a whole lease.
func (w *contactWork) runEvent(ctx context.Context, e bot.Event) error {
	d := w.d
	var errs []error
	for _, s := range d.opts.Sinks {
		var err error
		for attempt := 1; attempt <= 3; attempt++ {
			if err = s.HandleEvent(ctx, w.c, e); err == nil {
				break
			}
			d.log.Warn("event failed", "kind", e.Kind(), "contact", w.c.String(), "attempt", attempt, "err", err)
			if attempt < 3 && !sleep(ctx, time.Duration(attempt)*d.opts.RetryPause) {
				break
			}
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("event %s: %w", e.Kind(), err))
		}
	}
	return errors.Join(errs...)
}

// ackSent keeps only rest in the outbox, what went before it being
// delivered; false when the lock was lost.
func (w *contactWork) ackSent(ctx context.Context, rest []outItem) bool {
	// Run again only when Redis surely did not run it: twice would drop
	// a reply not sent yet.
	var res int
	err := w.d.whileAway(ctx, store.NotRun, func() (err error) {
		res, err = w.d.scripts.ackSent.Run(ctx, w.d.rdb, w.keys("lock", "ct"), w.token, encodeOut(w.carrying(rest), w.d.log, w.c)).Int()
		return err
	})
	if err != nil {
		w.d.metrics.Errors.WithLabelValues(w.c.Channel, "store").Inc()
		w.d.log.Error("acknowledging a reply", "contact", w.c.String(), "err", err)
		return false
	}
	return res == 1
}

// carrying is rest as the outbox is to keep it before done: the person's
// ids that the delivery took out of the items it reached (trailBatch.own)
// go on its head, so that when no done follows (a crash, a postponement,
// which lets the contact go without one) the delivery that replays rest
// takes them up again, and the done after it writes them. keepWaiting,
// whose write done follows at once, does not carry them: the outbox it
// keeps stays after that done, which would write them a second time.
func (w *contactWork) carrying(rest []outItem) []outItem {
	if len(w.sent.own) == 0 || len(rest) == 0 {
		return rest
	}
	out := slices.Clone(rest)
	out[0].Trail = append(slices.Clip(w.sent.own), out[0].Trail...)
	return out
}

// maxDeliveryRounds bounds how often an outbox is postponed; with the
// doubling waits from the lease up to maxDeliveryWait this is about an
// hour and a half, after which an answer would come too late to help.
const (
	maxDeliveryRounds = 12
	maxDeliveryWait   = 10 * time.Minute
)

// postpone keeps what is left to deliver in the outbox and lets the
// contact go for a growing while (the lock's expiry), after which any
// worker, here or in another process, takes it up again. rest[failing] is
// the item that failed: its own count of failures (outItem.Fails) sets
// the wait, and past Options.DeliveryRounds of them the rest is given up
// and the contact moves on: then it returns true, and the outbox is to be
// cleared as if delivered.
func (w *contactWork) postpone(ctx context.Context, rest []outItem, failing int, cause error) (gaveUp bool) {
	d := w.d
	// rest is the caller's copy: the count reaches Redis with it (keepFor),
	// or, when that fails, the outbox is as it was and so is the count.
	rest[failing].Fails++
	rounds := rest[failing].Fails
	if rounds > d.opts.DeliveryRounds {
		d.metrics.Errors.WithLabelValues(w.c.Channel, "send").Inc()
		d.log.Error("delivery given up", "contact", w.c.String(), "rounds", rounds-1, "left", len(rest), "err", cause)
		return true
	}
	wait := min(d.opts.Lease<<(rounds-1), maxDeliveryWait)
	if ra := (*bot.RetryAfterError)(nil); errors.As(cause, &ra) {
		// The platform said how long; trying before only earns another
		// refusal.
		wait = max(wait, ra.After)
	}
	if !w.keepFor(ctx, rest, wait) {
		return false
	}
	d.metrics.Errors.WithLabelValues(w.c.Channel, "postponed").Inc()
	d.log.Warn("delivery postponed", "contact", w.c.String(), "round", rounds, "for", wait, "err", cause)
	return false
}

// keepFor keeps only rest in the outbox and holds the contact for wait;
// false when Redis failed (the outbox is then as it was: all of it is
// tried after the lease).
func (w *contactWork) keepFor(ctx context.Context, rest []outItem, wait time.Duration) bool {
	d := w.d
	args := []any{w.token, wait.Milliseconds(), encodeOut(w.carrying(rest), d.log, w.c), int(d.opts.Retention.Seconds())}
	if err := d.scripts.postpone.Run(ctx, d.rdb, w.keys("lock", "ct"), args...).Err(); err != nil {
		d.log.Error("keeping the outbox for later", "contact", w.c.String(), "err", err)
		return false
	}
	return true
}

// countTry counts one more failed try (field "tries" for handling,
// "dtries" for delivery) in the contact's state. The token makes the count
// one when go-redis sends the script again after a lost reply (see count).
func (w *contactWork) countTry(ctx context.Context, field string) (int64, error) {
	return w.d.scripts.count.Run(ctx, w.d.rdb, w.keys("ct"), field, int(w.d.opts.Retention.Seconds()), newToken()).Int64()
}

// send delivers one reply, waiting out rate limits and retrying transient
// errors a few times.
func (w *contactWork) send(ctx context.Context, s bot.Sender, r bot.Reply) error {
	return w.attempt(ctx, func(ctx context.Context) error { return s.Send(ctx, w.c, r) })
}

// attempt runs a call to the channel (a send, taking a message back) up to
// SendAttempts times, as send does.
func (w *contactWork) attempt(ctx context.Context, op func(context.Context) error) error {
	var err error
	for attempt := 1; attempt <= w.d.opts.SendAttempts; attempt++ {
		sctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		err = op(sctx)
		cancel()
		if err == nil || errors.Is(err, bot.ErrUnreachable) || errors.Is(err, bot.ErrRejected) {
			return err
		}
		if h := (*bot.HaltError)(nil); errors.As(err, &h) || errors.Is(err, bot.ErrNoSession) {
			// The account is restricted, or unlinked: another try now
			// would only be refused, or worse, reach a platform that is
			// counting.
			return err
		}
		wait := time.Duration(attempt) * 500 * time.Millisecond
		var ra *bot.RetryAfterError
		if errors.As(err, &ra) {
			if ra.After > w.d.opts.Lease {
				// A long wait (Telegram's retry_after of a minute or
				// more) is a postponement: the worker goes on with
				// other contacts meanwhile.
				return err
			}
			wait = ra.After
		}
		if attempt < w.d.opts.SendAttempts && !sleep(ctx, wait) {
			break
		}
	}
	return err
}

// erase deletes everything the dispatcher and the erasers hold about the
// contact, or reports why it could not. Messages that arrived meanwhile
// stay in the inbox and start a fresh conversation. A failed part leaves
// the erasure in the outbox (deliver postpones it), so the whole erasure
// runs again until it is complete; only then is it recorded and the
// person told.
func (w *contactWork) erase(ctx context.Context) error {
	d := w.d
	var errs []error
	for _, e := range d.opts.Erasers {
		if err := w.eraseWith(ctx, e); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		d.metrics.Errors.WithLabelValues(w.c.Channel, "erase").Inc()
		return fmt.Errorf("erasing contact data: %w", err)
	}
	// out: the outbox of versions before 2026-12-06, a list of its own;
	// hb: the token of a hand back, kept a lease.
	if err := d.rdb.Del(ctx, w.key("ct"), w.key("seen"), w.key("out"), w.key("hb")).Err(); err != nil {
		return fmt.Errorf("erasing contact state: %w", err)
	}
	// The keys are new from now on: the next commit sets their expiries,
	// even within the hour it last did (else a message after "delete my
	// data" in the same visit would leave a state that never expires).
	// The hints went with the state: not known, until a turn states them.
	w.expiresSet, w.hints = "", hints{}
	return nil
}

// eraseBarrier makes the person's "deleted" wait until a replica of every
// master holds the erasure (replica.Waiter.Barrier): a failover just
// after must not bring back what they were told is gone. The erasers'
// writes went through their own connections and scripts, over the
// contact's shard, the statistics' shards, the queue's tag and each case's
// own, which on a Cluster of a few masters is every one of them, and no
// eraser names its keys: so every master (one key in each shard, one
// barrier on each master holding them), a round trip each, in parallel,
// for what a person asks for rarely. Not confirmed in time, the person is
// told all the same (the erasure is done on the masters), logged and
// counted. What the confirmation leaves (Sweep) is erased after it and
// not waited for: a loss there keeps ids of the confirmation only.
func (w *contactWork) eraseBarrier(ctx context.Context) {
	d := w.d
	if d.replicas.Barrier(ctx, d.everyShard...) {
		return
	}
	d.metrics.ReplicaUnconfirmedErasures.WithLabelValues(w.c.Channel).Inc()
	d.log.Warn("no replica confirmed an erasure in time: a failover now could bring back some of the person's data",
		"contact", w.c.String(), "wait", d.opts.ReplicaWait)
}

// recordErasure keeps the fact of an erasure, without anything of the
// person: when and on which channel, so the desk can show deletions happen.
func (w *contactWork) recordErasure(ctx context.Context) {
	d := w.d
	if err := d.rdb.XAdd(ctx, &redis.XAddArgs{
		Stream: d.keys.Global("erasures"), MaxLen: 10000, Approx: true,
		Values: []any{"channel", w.c.Channel},
	}).Err(); err != nil {
		d.log.Error("recording an erasure", "err", err)
	}
	d.log.Info("contact data erased", "channel", w.c.Channel)
}

// retract removes the conversation from the person's device where the
// channel can. A failure is logged and returned; the caller lets one that
// says the channel cannot send now wait (channelWaits), and drops any
// other: what could be removed is, and the person is told the same either
// way (the reply does not claim more than "removed what could be removed").
func (w *contactWork) retract(ctx context.Context, sender bot.Sender) error {
	r, ok := sender.(bot.Retractor)
	if !ok {
		return nil
	}
	if err := r.Retract(ctx, w.c); err != nil {
		w.d.metrics.Errors.WithLabelValues(w.c.Channel, "retract").Inc()
		w.d.log.Warn("removing the conversation from the device", "contact", w.c.String(), "err", err)
		return fmt.Errorf("taking the conversation back: %w", err)
	}
	return nil
}

// channelWaits reports whether err says the channel cannot send for now,
// the whole channel and not this person: restricted (a bot.HaltError not
// on one person), without a session, unavailable or asking for a later
// try. What it refused may go once the channel is back.
func channelWaits(err error) bool {
	if h := (*bot.HaltError)(nil); errors.As(err, &h) {
		return !h.OnePerson
	}
	var ra *bot.RetryAfterError
	return errors.Is(err, bot.ErrNoSession) || errors.Is(err, bot.ErrUnavailable) || errors.As(err, &ra)
}

// holdTakeBack makes the retraction it, right before an erasure, a
// take-back that waits for the channel: it gets the ids of the Trail, those
// in Redis and those not written yet, which the erasure is about to delete.
// Read, not taken: the Trail is erased with the rest, and a retry of the
// erasure (postpone) reads them again, adding only what is new.
func (w *contactWork) holdTakeBack(ctx context.Context, it *outItem) error {
	it.Erased = true
	t := w.d.opts.Trail
	if t == nil {
		return nil
	}
	ids, err := t.rdb.LRange(ctx, t.key(w.c), 0, -1).Result()
	if err != nil {
		return fmt.Errorf("reading the ids to take back before an erasure: %w", err)
	}
	for _, id := range append(ids, w.sent.ids...) {
		if !slices.Contains(it.Back, id) {
			it.Back = append(it.Back, id)
		}
	}
	return nil
}

// takeBack is the retraction of a take-back that waited past an erasure:
// the channel's Retract, whose Trail.Take finds the ids kept in it, and
// only those (withTakeBack): what the person wrote after the erasure is
// in the Trail by now, and stays on the phone and in the Trail. Whatever
// the channel leaves of them is dropped: nothing of the erased person
// goes back into the Trail.
func (w *contactWork) takeBack(ctx context.Context, sender bot.Sender, ids []string) error {
	r, ok := sender.(bot.Retractor)
	if !ok {
		return nil
	}
	if w.d.opts.Trail != nil {
		ctx = withTakeBack(ctx, w.c, slices.Clone(ids))
	}
	if err := r.Retract(ctx, w.c); err != nil {
		w.d.metrics.Errors.WithLabelValues(w.c.Channel, "retract").Inc()
		w.d.log.Warn("taking the conversation back from the device after an erasure", "contact", w.c.String(), "err", err)
		return fmt.Errorf("taking back %d messages after an erasure: %w", len(ids), err)
	}
	return nil
}

// eraseWith runs one eraser, trying again briefly: a passing Redis fault
// should not leave a person's data for a whole lease.
func (w *contactWork) eraseWith(ctx context.Context, e bot.Eraser) error {
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		if err = e.Erase(ctx, w.c); err == nil {
			return nil
		}
		if attempt < 3 && !sleep(ctx, time.Duration(attempt)*w.d.opts.RetryPause) {
			break
		}
	}
	return err
}

// Unreachable reports whether sending to c failed because c blocked the bot,
// and c has not written since.
func (d *Dispatcher) Unreachable(ctx context.Context, c bot.Contact) (bool, error) {
	v, err := d.rdb.HGet(ctx, d.contactKey(c, "ct"), "un").Result()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	return v == "1", err
}

// encodeOut encodes an outbox: a JSON array of items, each decoded on its
// own (decodeOut), so that one this version cannot read costs only itself.
// "" for none.
func encodeOut(items []outItem, log *slog.Logger, c bot.Contact) string {
	if len(items) == 0 {
		return ""
	}
	// The array is joined by hand: json.Marshal of the items as
	// RawMessages checked and compacted each one again.
	out := make([]byte, 0, 256*len(items))
	out = append(out, '[')
	for _, it := range items {
		b, err := json.Marshal(it)
		if err != nil {
			log.Error("encoding outbox item", "contact", c.String(), "err", err)
			continue
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, b...)
	}
	if len(out) == 1 {
		return ""
	}
	return string(append(out, ']'))
}

func decodeOut(outbox []byte, log *slog.Logger) []outItem {
	var raw []json.RawMessage
	if err := json.Unmarshal(outbox, &raw); err != nil {
		log.Error("dropping unreadable outbox", "err", err)
		return nil
	}
	items := make([]outItem, 0, len(raw))
	for _, r := range raw {
		var it outItem
		if err := json.Unmarshal(r, &it); err != nil {
			if errors.Is(err, bot.ErrUnknownEvent) {
				// Written by a newer version: no sink here knows it.
				log.Warn("dropping an event of a kind this version does not know", "err", err)
				continue
			}
			log.Error("dropping unreadable outbox item", "err", err)
			continue
		}
		items = append(items, it)
	}
	return items
}

func bytesOf(v any) []byte {
	switch s := v.(type) {
	case string:
		return []byte(s)
	case []byte:
		return s
	}
	return nil
}

func parseContactKey(ck string) (bot.Contact, bool) {
	ch, id, ok := strings.Cut(ck, ":")
	return bot.Contact{Channel: ch, ID: id}, ok && ch != "" && id != ""
}

func newToken() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// sleep waits d or until ctx is done; it reports whether the full wait
// passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// Guard wraps s for what Frontdoor sends on its own outside the Outbox
// (campaigns, with their own pacing): a contact who blocked the bot is not tried again
// until they write, and a send that finds them blocked marks them so. The
// dispatcher's own answers need no guard: a person who writes is reachable.
// It reads and writes the dispatcher's contact state, so it lives here.
func Guard(rdb redis.UniversalClient, keys store.Keys, s bot.Sender, log *slog.Logger) bot.Sender {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return guarded{rdb: rdb, keys: keys, next: s, log: log, mark: newScripts().markUnreachable}
}

type guarded struct {
	rdb  redis.UniversalClient
	keys store.Keys
	next bot.Sender
	log  *slog.Logger
	mark *redis.Script
}

func (g guarded) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	ct := g.keys.ContactKey(to.Key(), "ct")
	un, err := g.rdb.HGet(ctx, ct, "un").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("%w: checking whether %s is reachable: %w", bot.ErrNotSent, to, err)
	}
	if un == "1" {
		return fmt.Errorf("send to %s: %w: blocked the bot and has not written since", to, bot.ErrUnreachable)
	}
	err = g.next.Send(ctx, to, r)
	if errors.Is(err, bot.ErrUnreachable) {
		// Only on a state that exists: a mark alone would be a key of the
		// person without the state's expiry.
		if merr := g.mark.Run(ctx, g.rdb, []string{ct}).Err(); merr != nil {
			g.log.Error("marking contact unreachable", "contact", to.String(), "err", merr)
		}
	}
	return err
}
