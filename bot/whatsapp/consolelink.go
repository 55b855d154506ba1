package whatsapp

import (
	"context"
	"log/slog"
	"sync"
)

// Statuses of ConsoleLinker when no channel runs.
const (
	StatusNotLinked   = "not linked"
	StatusLinkedNotOn = "linked: restart Frontdoor to answer on WhatsApp"
)

// StatusUnlinked is the health status of a WhatsApp channel that is
// configured but has no linked device. It is an error, so /healthz
// reports 503: a desk that set WhatsApp up expects it to answer.
const StatusUnlinked = "error: not linked — run frontdoor whatsapp link"

// Unlinked stands for the WhatsApp channel in health reports when serve
// does not run it because no phone is linked: it has the channel's Name
// and reports StatusUnlinked.
type Unlinked struct{}

// Name is the channel's name, as Channel.Name.
func (Unlinked) Name() string { return channelName }

// Status is always StatusUnlinked.
func (Unlinked) Status() string { return StatusUnlinked }

// ConsoleLinker links the desk's number from the operators' console (it
// implements handoff.Linker): the console shows the QR codes Link passes
// to show. The running channel, if any, is only asked for its status:
// after linking, Frontdoor must restart to answer on WhatsApp.
type ConsoleLinker struct {
	cfg     Config
	log     *slog.Logger
	running *Channel // nil when serve started without WhatsApp
	// link is LinkWith; tests replace it.
	link func(ctx context.Context, cfg Config, phone string, show func(LinkEvent), say func(string, ...any), log *slog.Logger) error

	mu     sync.Mutex
	linked bool
}

// NewConsoleLinker returns a linker for cfg's session store; running is
// the channel serve runs, or nil.
func NewConsoleLinker(cfg Config, log *slog.Logger, running *Channel) *ConsoleLinker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &ConsoleLinker{cfg: cfg, log: log, running: running, link: LinkWith}
}

// Link runs one linking attempt, passing each QR code to show; it returns
// nil once the phone accepted, or ErrAlreadyLinked when a session exists.
func (l *ConsoleLinker) Link(ctx context.Context, show func(code string)) error {
	err := l.link(ctx, l.cfg, "", func(ev LinkEvent) {
		if ev.QR != "" {
			show(ev.QR)
		}
	}, nil, l.log)
	if err == nil {
		l.mu.Lock()
		l.linked = true
		l.mu.Unlock()
	}
	return err
}

// Status is the running channel's status (connected, logged out, ...), or
// whether a phone was linked while Frontdoor ran without WhatsApp.
func (l *ConsoleLinker) Status() string {
	l.mu.Lock()
	linked := l.linked
	l.mu.Unlock()
	switch {
	case l.running != nil && !linked:
		return l.running.Status()
	case linked:
		return StatusLinkedNotOn
	}
	return StatusNotLinked
}
