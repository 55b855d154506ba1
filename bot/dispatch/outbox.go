package dispatch

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store"
)

// Outbound is a message Frontdoor sends on its own, outside a conversation
// turn: an operator's reply, a reminder, a cancellation by the desk, a
// waitlist offer, a case notice.
type Outbound struct {
	Reply bot.Reply `json:"r"`
	// From names the part of Frontdoor that sends it ("handoff",
	// "booking"): the DeliveryReporters that hear what became of it
	// recognise their own by it.
	From string `json:"f,omitempty"`
	// Ref is the sender's own id for the message (a case and its
	// transcript line); "" asks for no report.
	Ref string `json:"rf,omitempty"`
	// Unsend, instead of a Reply, names messages sent earlier (their
	// platform ids, Delivery.IDs) for the channel to take back from the
	// person's device (bot.Unsender): it takes its turn, its retries and
	// its report like a reply.
	Unsend []string `json:"u,omitempty"`
}

// Failure is why an Outbound message was not delivered; "" when it was.
type Failure string

// Failures of an Outbound message.
const (
	Delivered Failure = ""
	// FailBlocked: the person blocked the bot (or left the chat), now or
	// earlier without writing since.
	FailBlocked Failure = "blocked"
	// FailRejected: the platform refused the message for what it is.
	FailRejected Failure = "rejected"
	// FailGaveUp: the channel kept failing past every postponement.
	FailGaveUp Failure = "gave_up"
	// FailNoChannel: Frontdoor has no channel of that name any more.
	FailNoChannel Failure = "no_channel"
	// FailUnsupported: the channel cannot do what was asked (take a
	// message back: the browser chat).
	FailUnsupported Failure = "unsupported"
)

// Delivery is what became of an Outbound message that has a Ref.
type Delivery struct {
	From    string
	Ref     string
	Failure Failure
	// Detail is the error that ended the tries, for the operators and the
	// log; never shown to the person.
	Detail string
	// IDs are the platform ids of a delivered reply's messages (a long
	// text goes in parts), as the channel kept them in the Trail: what
	// Outbound.Unsend takes back. Those of parts sent in an earlier
	// delivery round are among them, and a reply that failed part-way
	// names the parts that went out. Empty without a Trail.
	IDs []string
	// Answer, with From and Ref empty, is the bot's own answer to a
	// message of the person, reported only when it was given up (held
	// through a ban past Options.HoldWithin, an outage past every round)
	// or refused, not for a person who blocked the bot: the person may
	// never learn of it, since writing
	// to them a day later is what bans a number, so it is for the
	// operators (handoff notes it on the person's open case).
	Answer *bot.Reply
	// Turn names Answer among the bot's answers to the person, the same
	// at every report of it (a reporter that failed is tried again, and
	// after a crash the report comes again): the handled message's id and
	// the reply's place among that turn's replies. Empty for an answer
	// queued before it was kept.
	Turn string
}

// DeliveryReporter hears what became of the Outbound messages it sent
// (by From), and of the bot's answers that did not reach the person
// (Delivery.Answer), and ignores the others. Like an EventSink it must be
// idempotent: after a crash a report can come again.
type DeliveryReporter interface {
	ReportDelivery(ctx context.Context, c bot.Contact, d Delivery) error
}

// Outbox queues Outbound messages for the dispatcher, which delivers them
// like its own answers: in the contact's inbox order (after the answers
// already decided, before those to messages not handled yet), retried on
// temporary failures, postponed on outages and retry-after, skipped for a
// person who blocked the bot, and counted in the metrics. What it queues
// survives a restart; a Dispatcher running in any process delivers it.
type Outbox struct {
	rdb      redis.UniversalClient
	keys     store.Keys
	channels []string
	metrics  *Metrics
	clock    func() time.Time
	enqueue  *redis.Script
	log      *slog.Logger
}

// NewOutbox builds the outbox for the named channels (a message for
// another channel is refused at once). metrics may be nil.
func NewOutbox(rdb redis.UniversalClient, keys store.Keys, channels []string, metrics *Metrics) *Outbox {
	if metrics == nil {
		metrics = NewMetrics(nil)
	}
	return &Outbox{rdb: rdb, keys: keys, channels: channels, metrics: metrics, clock: time.Now,
		enqueue: newScripts().enqueue, log: slog.New(slog.DiscardHandler)}
}

// WithLog logs to log what the outbox does not return: a signal it could
// not push (the janitor pushes it a lease later).
func (o *Outbox) WithLog(log *slog.Logger) *Outbox {
	o.log = log
	return o
}

// outboxDedupe is how long the ids of queued Outbound messages are kept
// in a dedupe set that has no expiry yet (the dispatcher's default
// DedupeWindow; its commits set their own).
const outboxDedupe = 48 * time.Hour

// Send queues m for to. nil means queued, not delivered: what becomes of
// it goes to the DeliveryReporters when m has a Ref.
func (o *Outbox) Send(ctx context.Context, to bot.Contact, m Outbound) error {
	if to.Channel == "" || to.ID == "" {
		return fmt.Errorf("outbox: %w: contact without channel or id", bot.ErrRejected)
	}
	if !slices.Contains(o.channels, to.Channel) {
		return fmt.Errorf("outbox: send to %s: %w: no channel %q", to, bot.ErrRejected, to.Channel)
	}
	if m.Reply.Text == "" && len(m.Unsend) == 0 {
		return fmt.Errorf("outbox: send to %s: %w: empty text", to, bot.ErrRejected)
	}
	now := o.clock()
	body, err := json.Marshal(envelope{Message: bot.Message{Contact: to, Time: now}, Received: now, Out: &m})
	if err != nil {
		return fmt.Errorf("outbox: encode: %w", err)
	}
	ck := to.Key()
	sum := sha1.Sum(body)
	res, err := o.enqueue.Run(ctx, o.rdb,
		[]string{o.keys.ContactKey(ck, "in"), o.keys.ShardKey(store.Shard(ck), "pending"), o.keys.ContactKey(ck, "seen"), o.keys.ContactKey(ck, "lock")},
		body, now.UnixMilli(), ck, "ob:"+hex.EncodeToString(sum[:]), int(outboxDedupe.Seconds())).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		o.metrics.Errors.WithLabelValues(to.Channel, "store").Inc()
		return fmt.Errorf("outbox: queue a message for %s: %w", to, err)
	}
	if res == 2 || res == 3 {
		// Queued: a signal that cannot be pushed is the janitor's a
		// lease later, not an error for the sender, who would queue
		// the message again.
		if err := pushSignals(context.WithoutCancel(ctx), o.rdb, o.keys, []string{ck}); err != nil {
			o.metrics.Errors.WithLabelValues(to.Channel, "store").Inc()
			o.log.Warn("signalling a queued message failed; the janitor signals it a lease later", "channel", to.Channel, "err", err)
		}
	}
	o.metrics.Queued.WithLabelValues(to.Channel).Inc()
	return nil
}
