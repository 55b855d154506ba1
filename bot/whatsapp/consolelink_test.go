package whatsapp

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"testing"
)

func TestConsoleLinker(t *testing.T) {
	l := NewConsoleLinker(Config{}, nil, nil)
	if s := l.Status(); s != StatusNotLinked {
		t.Fatalf("status before = %q", s)
	}
	l.link = func(ctx context.Context, cfg Config, phone string, show func(LinkEvent), say func(string, ...any), log *slog.Logger) error {
		if phone != "" {
			t.Errorf("the console links by QR code, got phone %q", phone)
		}
		show(LinkEvent{QR: "2@first"})
		show(LinkEvent{PairingCode: "ABCD-EFGH"}) // not a QR: not shown
		show(LinkEvent{QR: "2@second"})
		return nil
	}
	var shown []string
	if err := l.Link(context.Background(), func(code string) { shown = append(shown, code) }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(shown, []string{"2@first", "2@second"}) {
		t.Fatalf("shown %q", shown)
	}
	if s := l.Status(); s != StatusLinkedNotOn {
		t.Fatalf("status after = %q", s)
	}

	h := newHarness(t, Config{})
	h.c.setStatus(StatusConnected)
	running := NewConsoleLinker(Config{}, nil, h.c)
	running.link = func(context.Context, Config, string, func(LinkEvent), func(string, ...any), *slog.Logger) error {
		return ErrAlreadyLinked
	}
	if err := running.Link(context.Background(), func(string) {}); !errors.Is(err, ErrAlreadyLinked) {
		t.Fatalf("link with a session = %v", err)
	}
	if s := running.Status(); s != StatusConnected {
		t.Fatalf("status with a running channel = %q", s)
	}
}

// TestStateNamesEveryStatus: every status the channel and the console
// linker report has a stable code for the console's words, the ones
// built at run time (a temporary ban, a rate limit, a warning, a lost
// connection) included; a status of a newer version is "unknown".
func TestStateNamesEveryStatus(t *testing.T) {
	tests := []struct{ status, want string }{
		{StatusStarting, "starting"},
		{StatusConnected, "connected"},
		{StatusStopped, "stopped"},
		{StatusNotLinked, "not_linked"},
		{StatusUnlinked, "not_linked"},
		{StatusLinkedNotOn, "linked_not_on"},
		{StatusLoggedOut, "logged_out"},
		{StatusBanned, "banned"},
		{StatusLocked, "locked"},
		{StatusStandby, "standby"},
		{StatusConnected + "; warning: sending too fast", "warning"},
		{"error: temporarily banned by WhatsApp (reason 101), until 2026-12-06T10:00:00Z — campaigns stopped", "temp_banned"},
		{"error: rate limited until 2026-12-06T10:00:00Z", "limited"},
		{"error: cannot connect to WhatsApp, retrying", "reconnecting"},
		{guardRedis.status(), "reconnecting"},
		{guardPostgres.status(), "reconnecting"},
		{guardFile.status(), "reconnecting"},
		{"error: disconnected from WhatsApp, reconnecting", "reconnecting"},
		{"error: cannot record messages, reconnecting to receive them again", "reconnecting"},
		{"something new", "unknown"},
	}
	for _, tt := range tests {
		if got := State(tt.status); got != tt.want {
			t.Errorf("State(%q) = %q, want %q", tt.status, got, tt.want)
		}
	}
}
