package booking

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/flows"
	"frontdoor/locales"
	"frontdoor/store"
)

// Sender queues a message for a person outside a conversation turn
// (dispatch.Outbox: delivered in its turn, retried, postponed during outages).
type Sender interface {
	Send(ctx context.Context, to bot.Contact, m dispatch.Outbound) error
}

// From is the dispatch.Outbound.From of what this package sends.
const From = "booking"

// Options are the runtime dependencies of a Service.
type Options struct {
	// Out delivers reminders, offers and the desk's cancellations.
	Out   Sender
	Clock func() time.Time
	Log   *slog.Logger
	// PollEvery is how often Run looks for reminders due, places freed
	// for the waiting list and offers expired. Default 30s.
	PollEvery time.Duration
	// Recorder, when set, is told of each appointment booked, cancelled,
	// attended or missed (the statistics).
	Recorder Recorder
}

// Recorder counts appointments by desk, area and status (StatusBooked,
// StatusCancelled, StatusAttended, StatusNoShow). It is defined here, where
// it is used, so booking does not depend on the statistics package. It is
// told the appointment's code with each status, so that a repeated call
// counts once and a changed mark (attended corrected to no-show) moves the
// count; a move is a new appointment and a cancelled one.
type Recorder interface {
	RecordAppointmentStatus(ctx context.Context, id, desk, area, status string) error
}

// Service books appointments: the person's dialogue (Wrap), the reminders
// (Run), erasure (bot.Eraser) and the staff's feed (FeedHandler). Several
// processes can run one each on the same Redis.
type Service struct {
	rdb   redis.UniversalClient
	keys  store.Keys
	cfg   Config
	cat   *locales.Catalog
	words *flows.Words // /appointments in every language, as the conversation reads commands
	desks map[string]*desk
	order []*desk
	out   Sender
	clock func() time.Time
	log   *slog.Logger
	every time.Duration
	rec   Recorder
	staff *staffWeb
}

// New builds the service; cfg is validated here too, and the documents
// messages it names must be in the catalogue.
func New(rdb redis.UniversalClient, keys store.Keys, cfg Config, cat *locales.Catalog, o Options) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.PollEvery <= 0 {
		o.PollEvery = 30 * time.Second
	}
	s := &Service{rdb: rdb, keys: keys, cfg: cfg, cat: cat, words: flows.NewWords(cat), desks: map[string]*desk{}, out: o.Out,
		clock: o.Clock, log: o.Log, every: o.PollEvery, rec: o.Recorder}
	for i, dc := range cfg.Desks {
		d, err := newDesk(dc)
		if err != nil {
			return nil, fmt.Errorf("booking.desks[%d]: %w", i, err)
		}
		for j, svc := range d.Services {
			if svc.Documents != "" && cat.Text("en", svc.Documents, nil) == svc.Documents {
				return nil, fmt.Errorf("booking.desks[%d].services[%d].documents: message %q is not in the catalogue", i, j, svc.Documents)
			}
		}
		s.desks[d.ID] = d
		s.order = append(s.order, d)
	}
	w, err := newStaffWeb(s)
	if err != nil {
		return nil, err
	}
	s.staff = w
	return s, nil
}

func (s *Service) rtl(lang string) bool {
	l, ok := s.cat.Language(lang)
	return ok && l.RTL
}

func (s *Service) msg(lang, id string) string { return s.cat.Text(lang, id, nil) }

// ltr wraps text that reads left to right (digits, times, codes, Latin
// addresses) in an isolate inside right-to-left text, so it is not
// reordered against the Arabic script.
func (s *Service) ltr(lang, v string) string {
	if s.rtl(lang) {
		return "\u2066" + v + "\u2069"
	}
	return v
}

// formatDate writes t's day as lang does (the catalogue's format.date).
func (s *Service) formatDate(lang string, t time.Time) string { return s.cat.Date(lang, t) }

// formatTime is the 24-hour time of the catalogue's format.time; t is in the
// desk's zone. The night the clocks go back, the zone's abbreviation tells
// the two 02:30 apart.
func (s *Service) formatTime(lang string, t time.Time) string {
	hm := s.cat.Clock(lang, t)
	if ambiguous(t) {
		zone, _ := t.Zone()
		hm += " " + s.ltr(lang, zone)
	}
	return hm
}

// details are the lines repeating an appointment: what it is for, date,
// time, place, phone, code, and the documents to bring (the catalogue
// message docs; "" for none).
func (s *Service) details(lang string, a Appointment, docs string) string {
	d := s.desks[a.Desk]
	if d == nil {
		return s.ltr(lang, a.Code)
	}
	start := a.Start.In(d.loc)
	var b strings.Builder
	line := func(label, v string) {
		if v != "" {
			b.WriteString(s.cat.Labelled(lang, s.msg(lang, label), v) + "\n")
		}
	}
	line("booking.label.service", s.serviceName(lang, a.Service))
	line("booking.label.date", s.formatDate(lang, start))
	line("booking.label.time", s.formatTime(lang, start))
	place := d.name(lang)
	if d.Address != "" {
		place += ", " + d.Address
	}
	line("booking.label.place", s.ltr(lang, place))
	if d.MapURL != "" {
		line("booking.label.map", s.ltr(lang, d.MapURL))
	}
	if d.Phone != "" {
		line("booking.label.phone", s.ltr(lang, d.Phone))
	}
	if a.Code != "" {
		line("booking.label.code", s.ltr(lang, a.Code))
	}
	if docs != "" {
		fmt.Fprintf(&b, "\n%s\n%s\n", s.msg(lang, "checklist.title"), s.msg(lang, docs))
	}
	return strings.TrimRight(b.String(), "\n")
}

// known reports whether the catalogue has the message id.
func (s *Service) known(id string) bool { return s.cat.Text(s.cat.Default(), id, nil) != id }

// serviceName names a service ("area.topic") in lang: the service's title,
// or the area's for a service covering the whole area.
func (s *Service) serviceName(lang, service string) string {
	area, topic, _ := strings.Cut(service, ".")
	if topic != "" {
		if id := area + "." + topic + ".title"; s.known(id) {
			return s.msg(lang, id)
		}
	}
	return s.msg(lang, "area."+area)
}

// docsFor is the message listing the documents to bring to a: the desk's
// own for the service, else those its page in the flows lists (topic is
// the service the person came from, for a desk that books a whole area).
// "" when there are none.
func (s *Service) docsFor(a Appointment, topic string) string {
	d := s.desks[a.Desk]
	if d == nil {
		return ""
	}
	if o, ok := d.offering(a.Service); ok && o.Documents != "" {
		return o.Documents
	}
	area, t, _ := strings.Cut(a.Service, ".")
	if t == "" {
		t = topic
	}
	if id := area + "." + t + ".docs"; t != "" && s.known(id) {
		return id
	}
	return ""
}

// Run sends the reminders due, and offers the places freed to the waiting
// lists, until ctx ends.
func (s *Service) Run(ctx context.Context) error {
	tick := time.NewTicker(s.every)
	defer tick.Stop()
	for {
		if _, err := s.SendDue(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("booking: reminders", "err", err)
		}
		if _, err := s.OfferFreed(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("booking: waiting list", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}
