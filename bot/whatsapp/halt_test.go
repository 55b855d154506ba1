package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"frontdoor/bot"
)

// serverErr is the error whatsmeow's SendMessage returns when WhatsApp
// answers a message with an error code (send.go: "%w %d").
func serverErr(code int) error { return fmt.Errorf("%w %d", whatsmeow.ErrServerReturnedError, code) }

// countSends is how many SendMessage calls reached WhatsApp.
func countSends(f *fakeClient) int {
	n := 0
	for _, c := range f.Calls() {
		if strings.HasPrefix(c, "send ") {
			n++
		}
	}
	return n
}

// WhatsApp's refusals are not retried as passing faults: 429 holds all
// sending, 463 stops writing to that person (and campaigns), 479 is final.
func TestSendRefusalsByServerCode(t *testing.T) {
	ctx := context.Background()
	other := bot.Contact{Channel: "whatsapp", ID: "393339999999@s.whatsapp.net"}
	tests := []struct {
		name string
		err  error
		// halt: a *bot.HaltError until now+holdFor; rejected: ErrRejected.
		halt     bool
		holdFor  time.Duration
		rejected bool
		// after the refusal: may the same person, or someone else, be
		// sent to (without waiting)?
		sameAgain, otherAgain bool
		status                string // in Status() after the refusal
	}{
		{"429 rate-overlimit", serverErr(429), true, rateOverlimitHold, false, false, false, "error: WhatsApp refused a message as too many too fast (429"},
		{"463 reach-out time-lock", serverErr(463), true, reachoutHold, false, false, true, "connected; warning: WhatsApp restricts this number from reaching out (463"},
		{"479 invalid message", serverErr(479), false, 0, true, true, true, StatusConnected},
		{"timeout", whatsmeow.ErrMessageTimedOut, false, 0, false, true, true, StatusConnected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.c.setStatus(StatusConnected)
			h.who.Mark(ctx, contact.ID, h.clock.Now())
			h.who.Mark(ctx, other.ID, h.clock.Now())
			h.cli.sendErr = tt.err
			start := h.clock.Now()
			err := h.c.Send(ctx, contact, bot.Reply{Text: "Ciao"})
			var he *bot.HaltError
			var ra *bot.RetryAfterError
			if got := errors.As(err, &he); got != tt.halt {
				t.Fatalf("err %v: halt %v, want %v", err, got, tt.halt)
			}
			if tt.halt && !he.Until.Equal(start.Add(tt.holdFor)) {
				t.Errorf("halted until %s, want %s", he.Until, start.Add(tt.holdFor))
			}
			if errors.Is(err, bot.ErrRejected) != tt.rejected {
				t.Errorf("err %v: rejected %v, want %v", err, !tt.rejected, tt.rejected)
			}
			if errors.As(err, &ra) {
				t.Errorf("err %v asks for a retry in %s: WhatsApp's refusal would be hammered", err, ra.After)
			}
			if got := h.c.Status(); !strings.HasPrefix(got, tt.status) {
				t.Errorf("status %q, want it to start with %q", got, tt.status)
			}
			h.cli.sendErr = nil
			for _, again := range []struct {
				to   bot.Contact
				want bool
			}{{contact, tt.sameAgain}, {other, tt.otherAgain}} {
				before := countSends(h.cli)
				err := h.c.Send(ctx, again.to, bot.Reply{Text: "Ancora"})
				reached := countSends(h.cli) > before
				if reached != again.want {
					t.Errorf("next send to %s reached WhatsApp: %v, want %v (err %v)", again.to, reached, again.want, err)
				}
				if !again.want && !errors.As(err, &he) {
					t.Errorf("refused send: err %v, want a HaltError", err)
				}
			}
			if tt.halt {
				// The hold ends when it says.
				h.clock.Advance(tt.holdFor)
				if err := h.c.Send(ctx, contact, bot.Reply{Text: "Dopo"}); err != nil {
					t.Errorf("after the hold: %v", err)
				}
			}
		})
	}
}

// A temporary ban (whatsmeow's events.TemporaryBan) makes Send refuse at
// once with a HaltError until the ban's end, not "retry in 5 s" as for a
// dropped connection; the reconnection after it lifts the halt.
func TestTemporaryBanHaltsSending(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, Config{})
	h.who.Mark(ctx, contact.ID, h.clock.Now())
	start := h.clock.Now()
	h.c.handleEvent(&events.TemporaryBan{Code: events.TempBanSentTooManySameMessage, Expire: 3 * time.Hour})
	h.cli.setLoggedIn(false) // WhatsApp closed the session
	err := h.c.Send(ctx, contact, bot.Reply{Text: "Ciao"})
	var he *bot.HaltError
	var ra *bot.RetryAfterError
	if !errors.As(err, &he) || errors.As(err, &ra) {
		t.Fatalf("err %v, want a HaltError and no RetryAfterError", err)
	}
	if !he.Until.Equal(start.Add(3*time.Hour)) || !strings.Contains(he.Reason, "104") {
		t.Errorf("halt %+v, want until the ban's end, reason with code 104", he)
	}
	if countSends(h.cli) != 0 {
		t.Error("a message was sent during the ban")
	}
}

// Banned for good (ConnectFailure 406, which whatsmeow reports as
// LoggedOut): Send refuses with a HaltError, not a retry; /healthz and the
// console read the status; linking again lifts it.
func TestBanStopsSendingUntilLinkedAgain(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, Config{})
	s := h.useStore(t)
	s.setLinked(true)
	if err := h.c.reloadDevice(ctx); err != nil {
		t.Fatal(err)
	}
	h.who.Mark(ctx, contact.ID, h.clock.Now())
	h.c.unlink(fatalStatus(loggedOutError(events.ConnectFailureUnknownLogout)), loggedOutError(events.ConnectFailureUnknownLogout))
	if got := h.c.Status(); got != StatusBanned {
		t.Errorf("status %q, want %q", got, StatusBanned)
	}
	err := h.c.Send(ctx, contact, bot.Reply{Text: "Ciao"})
	var he *bot.HaltError
	var ra *bot.RetryAfterError
	if !errors.As(err, &he) || errors.As(err, &ra) || !he.Until.IsZero() {
		t.Fatalf("err %v, want a HaltError without end and no retry", err)
	}
	if !strings.Contains(he.Reason, "banned") {
		t.Errorf("reason %q does not say banned", he.Reason)
	}
	if err := h.c.reloadDevice(ctx); err != nil {
		t.Fatal(err)
	}
	if err := h.c.Send(ctx, contact, bot.Reply{Text: "Ciao"}); err != nil {
		t.Errorf("after linking again: %v", err)
	}
}

func TestServerCode(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{serverErr(463), 463},
		{fmt.Errorf("wrapped: %w", serverErr(429)), 429},
		{whatsmeow.ErrMessageTimedOut, 0},
		{errors.New("server returned error 463"), 0}, // not whatsmeow's
	}
	for _, tt := range tests {
		if got := serverCode(tt.err); got != tt.want {
			t.Errorf("serverCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

// A multi-part reply whose part 2 fails (a timeout: it may have arrived)
// resumes at part 2 when sent again, under the id chosen for part 2
// before the first try: part 1 is not sent twice, and part 2, if it did
// arrive, is the same message for the phone. A reply sent completely
// starts afresh next time.
func TestRetryResumesAtTheFailedPartWithItsID(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, Config{})
	h.who.Mark(ctx, contact.ID, h.clock.Now())
	long := strings.Repeat("a", maxTextLen) + " " + strings.Repeat("b", 10)
	h.cli.failSend = func(n int) error {
		if n == 2 {
			return whatsmeow.ErrMessageTimedOut
		}
		return nil
	}
	if err := h.c.Send(ctx, contact, bot.Reply{Text: long}); !errors.Is(err, whatsmeow.ErrMessageTimedOut) {
		t.Fatalf("first try: %v", err)
	}
	if err := h.c.Send(ctx, contact, bot.Reply{Text: long}); err != nil {
		t.Fatalf("retry: %v", err)
	}
	// Tries: part 1 (G1), part 2 (G2, timed out), part 2 again (G2).
	if got, want := h.cli.IDs(), []types.MessageID{"G1", "G2", "G2"}; !slices.Equal(got, want) {
		t.Errorf("ids sent %q, want %q", got, want)
	}
	if got := h.cli.Sent(); len(got) != 2 || !strings.HasPrefix(got[0], "aaa") || !strings.HasPrefix(got[1], "bbb") {
		t.Errorf("sent %d parts, want part 1 and part 2 once each", len(got))
	}
	// The same text again, after it went out completely, is a new reply.
	if err := h.c.Send(ctx, contact, bot.Reply{Text: long}); err != nil {
		t.Fatal(err)
	}
	if got := h.cli.IDs(); !slices.Equal(got[3:], []types.MessageID{"G3", "G4"}) {
		t.Errorf("a new reply reused ids: %q", got)
	}
}
