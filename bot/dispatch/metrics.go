package dispatch

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the dispatcher's Prometheus collectors. They are registered on
// a registry the caller owns, so tests and several dispatchers in one process
// do not collide.
type Metrics struct {
	In         *prometheus.CounterVec
	Duplicates *prometheus.CounterVec
	Out        *prometheus.CounterVec
	Errors     *prometheus.CounterVec
	Handling   *prometheus.HistogramVec
	// Queued counts Outbound messages queued (Outbox), by channel; once
	// sent they count in Out too.
	Queued *prometheus.CounterVec
	// Undelivered counts Outbound messages given up, by channel and
	// Failure.
	Undelivered *prometheus.CounterVec
	// AnswersUndelivered counts the bot's answers to a person's message
	// given up undelivered (the channel halted past the hold, or down
	// past every round) or refused, by channel and Failure: people left
	// without an answer.
	AnswersUndelivered *prometheus.CounterVec
	// ReplicaUnconfirmed counts inbound messages acknowledged to their
	// channel though no replica confirmed them within the wait, by
	// channel: a failover at that moment could lose them.
	ReplicaUnconfirmed *prometheus.CounterVec
	// ReplicaUnconfirmedCommits counts handled messages whose outcome
	// (state and replies) no replica confirmed within the wait before the
	// replies went out, by channel: a failover at that moment could have
	// them answered again.
	ReplicaUnconfirmedCommits *prometheus.CounterVec
	// Events counts the events every sink took (a need counted, a case
	// requested), by channel and kind: with In, what share of messages
	// reach one.
	Events *prometheus.CounterVec
	// ReplicaUnconfirmedCases counts handoff cases opened (by the
	// handoff's event sink) that no replica confirmed within the wait
	// before the person was told someone will answer, the case or its
	// first lines, by channel: a failover at that moment could lose
	// the case, or what the person wrote in danger. The handoff counts
	// them (handoff.Options.ReplicaUnconfirmed); they are here with the
	// other replica counters.
	ReplicaUnconfirmedCases *prometheus.CounterVec
	// ReplicaUnconfirmedErasures counts erasures no replica confirmed
	// within the wait before the person was told their data is deleted,
	// by channel: a failover at that moment could bring some of it back.
	ReplicaUnconfirmedErasures *prometheus.CounterVec
}

// NewMetrics creates the collectors and registers them on reg (nil: not
// registered).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		In: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontdoor_messages_in_total", Help: "Inbound messages recorded, by channel.",
		}, []string{"channel"}),
		Duplicates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontdoor_messages_duplicate_total", Help: "Inbound messages ignored as redeliveries, by channel.",
		}, []string{"channel"}),
		Out: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontdoor_messages_out_total", Help: "Replies delivered, by channel.",
		}, []string{"channel"}),
		Errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontdoor_errors_total", Help: "Errors, by channel and stage (accept, handle, send, event, store).",
		}, []string{"channel", "stage"}),
		Handling: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "frontdoor_handling_seconds",
			Help:    "Time from recording an inbound message to its replies being delivered.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"channel"}),
		Queued: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontdoor_messages_queued_total", Help: "Messages sent outside a conversation turn (operators' replies, reminders) queued, by channel.",
		}, []string{"channel"}),
		Undelivered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontdoor_messages_undelivered_total", Help: "Messages sent outside a conversation turn that were not delivered, by channel and reason.",
		}, []string{"channel", "reason"}),
		AnswersUndelivered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontdoor_answers_undelivered_total", Help: "The bot's answers to a person's message that were not delivered, by channel and reason.",
		}, []string{"channel", "reason"}),
		ReplicaUnconfirmed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontdoor_replica_unconfirmed_total", Help: "Inbound messages recorded on a master with replicas, none of which confirmed them within the wait, by channel.",
		}, []string{"channel"}),
		ReplicaUnconfirmedCommits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontdoor_replica_unconfirmed_commits_total", Help: "Handled messages whose outcome no replica of its master confirmed within the wait before the replies went out, by channel.",
		}, []string{"channel"}),
		Events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontdoor_events_total", Help: "Events of conversations that every sink took (need, handoff, subscribe, booked, profile), by channel and kind.",
		}, []string{"channel", "kind"}),
		ReplicaUnconfirmedCases: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontdoor_replica_unconfirmed_cases_total", Help: "Handoff cases opened on a master with replicas, none of which confirmed them, or their first lines, within the wait, by channel.",
		}, []string{"channel"}),
		ReplicaUnconfirmedErasures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "frontdoor_replica_unconfirmed_erasures_total", Help: "Erasures (\"delete my data\") that no replica of every master confirmed within the wait before the person was told, by channel.",
		}, []string{"channel"}),
	}
	if reg != nil {
		reg.MustRegister(m.In, m.Duplicates, m.Out, m.Errors, m.Handling, m.Queued, m.Undelivered, m.AnswersUndelivered, m.ReplicaUnconfirmed, m.ReplicaUnconfirmedCommits,
			m.ReplicaUnconfirmedCases, m.ReplicaUnconfirmedErasures, m.Events)
	}
	return m
}

// Channels starts the per-channel series at zero, so that /metrics shows
// every channel from the start and a rate over the first messages is
// right.
func (m *Metrics) Channels(names ...string) {
	for _, n := range names {
		m.In.WithLabelValues(n)
		m.Duplicates.WithLabelValues(n)
		m.Out.WithLabelValues(n)
		m.Queued.WithLabelValues(n)
	}
}
