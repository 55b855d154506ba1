package whatsapp

import (
	"context"
	"log/slog"
	"strings"
	"sync"
)

// Statuses of ConsoleLinker when serve runs no WhatsApp channel (no
// session store existed when it started).
const (
	StatusNotLinked = "not linked"
	// StatusLinkedNotOn: the channel that would load the new device does
	// not exist in this process, so only a restart builds it.
	StatusLinkedNotOn = "linked: restart Frontdoor to answer on WhatsApp"
)

// StatusUnlinked is the health status of a WhatsApp channel that is
// configured but has no linked device. It is an error, so /healthz
// reports 503: a desk that set WhatsApp up expects it to answer.
const StatusUnlinked = "error: not linked — link it from the console (WhatsApp) or run frontdoor whatsapp link"

// ConsoleLinker links the desk's number from the operators' console (it
// implements handoff.Linker): the console shows the QR codes Link passes
// to show. After a link it tells the running channel, if any, to load the
// new device and connect (Channel.Reload), so WhatsApp answers without a
// restart; its status is then the channel's.
type ConsoleLinker struct {
	cfg     Config
	log     *slog.Logger
	running *Channel // nil when serve runs no WhatsApp channel
	// link is LinkWith; tests replace it.
	link func(ctx context.Context, cfg Config, phone string, show func(LinkEvent), say func(string, ...any), log *slog.Logger) error

	mu     sync.Mutex
	linked bool
}

// NewConsoleLinker returns a linker for cfg's session store; running is
// the channel serve runs (linked or not), or nil.
func NewConsoleLinker(cfg Config, log *slog.Logger, running *Channel) *ConsoleLinker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &ConsoleLinker{cfg: cfg, log: log, running: running, link: LinkWith}
}

// Link runs one linking attempt, passing each QR code to show; it returns
// nil once the phone accepted, or ErrAlreadyLinked when a session exists.
// The linking client is disconnected when Link returns, before the
// channel is told to connect its own: one client at a time.
func (l *ConsoleLinker) Link(ctx context.Context, show func(code string)) error {
	err := l.link(ctx, l.cfg, "", func(ev LinkEvent) {
		if ev.QR != "" {
			show(ev.QR)
		}
	}, nil, l.log)
	if err != nil {
		return err
	}
	l.mu.Lock()
	l.linked = true
	l.mu.Unlock()
	if l.running != nil {
		l.running.Reload()
	}
	return nil
}

// State is Status as a stable code, which the console names in the
// operator's language (State).
func (l *ConsoleLinker) State() string { return State(l.Status()) }

// State names a channel status (Channel.Status, ConsoleLinker.Status) by
// a stable code: starting, connected, warning, stopped, not_linked,
// linked_not_on, logged_out, banned, locked, standby, temp_banned,
// limited, reconnecting, or unknown for a status of a newer version.
func State(status string) string {
	switch status {
	case StatusStarting:
		return "starting"
	case StatusConnected:
		return "connected"
	case StatusStopped:
		return "stopped"
	case StatusNotLinked, StatusUnlinked:
		return "not_linked"
	case StatusLinkedNotOn:
		return "linked_not_on"
	case StatusLoggedOut:
		return "logged_out"
	case StatusBanned:
		return "banned"
	case StatusLocked:
		return "locked"
	case StatusStandby:
		return "standby"
	}
	switch {
	case strings.HasPrefix(status, StatusConnected+"; warning"):
		return "warning"
	case strings.HasPrefix(status, "error: temporarily banned"):
		return "temp_banned"
	case strings.HasPrefix(status, "error: ") && strings.Contains(status, " until "):
		return "limited"
	case strings.HasPrefix(status, "error: cannot"), strings.HasPrefix(status, "error: disconnected"):
		return "reconnecting"
	}
	return "unknown"
}

// Status is the running channel's status (connected, not linked, logged
// out, ...), or, without one, whether a phone was linked meanwhile.
func (l *ConsoleLinker) Status() string {
	if l.running != nil {
		return l.running.Status()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.linked {
		return StatusLinkedNotOn
	}
	return StatusNotLinked
}
