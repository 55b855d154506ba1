package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/mdp/qrterminal/v3"
	"go.mau.fi/whatsmeow"
	wastore "go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"
)

// deviceName is how the session appears on the phone, under Linked
// devices.
const deviceName = "Frontdoor"

// pairDisplay is the client WhatsApp is told about when pairing by code; it
// only accepts "Browser (OS)" with common names.
const pairDisplay = "Chrome (Linux)"

// connectedWait bounds how long Link waits, after the phone accepted, for
// the first full connection (which stores the session's keys).
const connectedWait = 30 * time.Second

// LinkEvent is one step of linking, for whoever shows it to the person
// holding the phone: a QR code to scan, or a pairing code to type.
type LinkEvent struct {
	// QR is the content of a QR code to render; it is replaced every
	// Timeout.
	QR      string
	Timeout time.Duration
	// PairingCode is the code to type on the phone (linking with --phone).
	PairingCode string
}

// ErrAlreadyLinked means the store holds a session already. Link wraps it
// with what to do, which depends on the kind of store.
var ErrAlreadyLinked = errors.New("whatsapp: a device is already linked")

// alreadyLinked is ErrAlreadyLinked with how to start over for the store
// in use. The list of people who wrote goes too: they wrote to the old
// number, and the new one must not write to them first. A PostgreSQL URL
// is not repeated, since it may hold a password.
func alreadyLinked(cfg Config) error {
	const unlink = `to link another number, remove "Frontdoor" under Linked devices on the phone`
	driver, _, err := storeDSN(cfg.Store)
	if err == nil && driver == "postgres" {
		return fmt.Errorf("%w; %s, run \"DELETE FROM whatsmeow_device; DELETE FROM frontdoor_whatsapp_writers;\" in the whatsapp.store PostgreSQL database (the rest of the session goes with the device), then link again", ErrAlreadyLinked, unlink)
	}
	return fmt.Errorf("%w; %s, stop Frontdoor, delete the session file %s (with its -wal and -shm files), then link again", ErrAlreadyLinked, unlink, cfg.Store)
}

// Link links the desk's phone as a new device, showing QR codes (or, with
// phone, a pairing code) on out, in the terminal. It returns once the phone
// accepted and the session is stored.
func Link(ctx context.Context, cfg Config, phone string, out io.Writer, log *slog.Logger) error {
	shown := 0
	return LinkWith(ctx, cfg, phone, func(ev LinkEvent) {
		writeLinkEvent(out, ev, shown == 0)
		shown++
	}, func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }, log)
}

// writeLinkEvent shows a pairing code, or a QR code drawn with half blocks
// (two rows a line, so it fits an 80×24 terminal), with the instructions
// before the first one.
func writeLinkEvent(out io.Writer, ev LinkEvent, first bool) {
	switch {
	case ev.PairingCode != "":
		fmt.Fprintf(out, "On the desk's phone: WhatsApp → Settings → Linked devices → Link a device → Link with phone number instead, and type:\n\n    %s\n\n", ev.PairingCode)
	case ev.QR != "":
		if first {
			fmt.Fprintln(out, "On the desk's phone: WhatsApp → Settings → Linked devices → Link a device, then scan this code.")
		}
		qrterminal.GenerateWithConfig(ev.QR, qrterminal.Config{
			Level: qrterminal.L, Writer: out, HalfBlocks: true,
			BlackChar: qrterminal.BLACK_BLACK, WhiteBlackChar: qrterminal.WHITE_BLACK,
			WhiteChar: qrterminal.WHITE_WHITE, BlackWhiteChar: qrterminal.BLACK_WHITE,
			QuietZone: 2,
		})
		fmt.Fprintf(out, "(a new code follows in %s)\n", ev.Timeout.Round(time.Second))
	}
}

// LinkWith is Link for other front ends (the operator console): show gets
// each QR or pairing code, say gets progress lines for the person.
func LinkWith(ctx context.Context, cfg Config, phone string, show func(LinkEvent), say func(format string, args ...any), log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if say == nil {
		say = func(string, ...any) {}
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	if phone != "" {
		p, err := normalizePhone(phone)
		if err != nil {
			return err
		}
		phone = p
	}
	cfg = cfg.withDefaults()
	if err := applyWebVersion(cfg); err != nil {
		return err
	}
	db, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	dev, err := db.container.GetFirstDevice(ctx)
	if err != nil {
		return fmt.Errorf("whatsapp: reading the device session: %w", err)
	}
	if dev.ID != nil {
		return alreadyLinked(cfg)
	}
	// The name the phone lists the device under. whatsmeow keeps it in a
	// package variable read at pairing.
	wastore.DeviceProps.Os = proto.String(deviceName)

	cli := whatsmeow.NewClient(dev, newWALogger(log, db.libLevel, "Client"))
	announceVersion(cli, dev, cfg)
	leaveForServe(cli)
	connected := make(chan struct{}, 1)
	cli.AddEventHandler(func(evt any) {
		if _, ok := evt.(*events.Connected); ok {
			select {
			case connected <- struct{}{}:
			default:
			}
		}
	})
	qr, err := cli.GetQRChannel(ctx)
	if err != nil {
		return fmt.Errorf("whatsapp: link: %w", err)
	}
	if err := cli.ConnectContext(ctx); err != nil {
		return fmt.Errorf("whatsapp: link: connect to WhatsApp: %w", err)
	}
	defer cli.Disconnect()

	asked := false
	for {
		var item whatsmeow.QRChannelItem
		var open bool
		select {
		case <-ctx.Done():
			return ctx.Err()
		case item, open = <-qr:
		}
		if !open {
			return errors.New("whatsapp: link: the connection ended before the phone accepted")
		}
		switch item.Event {
		case whatsmeow.QRChannelEventCode:
			if phone == "" {
				show(LinkEvent{QR: item.Code, Timeout: item.Timeout})
				continue
			}
			if !asked {
				// The first QR event means the socket is ready for a
				// pairing code request.
				asked = true
				code, err := cli.PairPhone(ctx, phone, true, whatsmeow.PairClientChrome, pairDisplay)
				if err != nil {
					return fmt.Errorf("whatsapp: link: ask for a pairing code: %w", err)
				}
				show(LinkEvent{PairingCode: code})
			}
		case whatsmeow.QRChannelSuccess.Event:
			say("The phone accepted. Finishing…")
			select {
			case <-connected:
			case <-time.After(connectedWait):
				log.Warn("whatsapp: linked, but the first connection did not complete in time; serve will finish it")
			case <-ctx.Done():
			}
			// Another process cannot tell a running serve to load
			// the device; the console's link can (ConsoleLinker).
			say("Linked. Start Frontdoor (frontdoor serve) to answer on WhatsApp, or restart it if it is running.")
			return nil
		case whatsmeow.QRChannelTimeout.Event:
			return errors.New("whatsapp: link: no phone linked before the codes expired; run the command again")
		case whatsmeow.QRChannelClientOutdated.Event:
			return errOutdated
		case whatsmeow.QRChannelScannedWithoutMultidevice.Event:
			return errors.New("whatsapp: link: the phone's WhatsApp is too old for linked devices; update it")
		case whatsmeow.QRChannelEventError:
			return fmt.Errorf("whatsapp: link: pairing failed: %w", item.Error)
		default:
			return fmt.Errorf("whatsapp: link: unexpected event %q", item.Event)
		}
	}
}

// normalizePhone turns "+39 333 123-4567" into "393331234567". It wants
// the international form (+ or 00 and the country code): "333 1234567"
// could be any country's.
func normalizePhone(s string) (string, error) {
	const want = "--phone: want an international number with its country code, such as +393331234567"
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "(+"):
		s = "(" + s[2:]
	case strings.HasPrefix(s, "00"):
		s = s[2:]
	default:
		return "", errors.New(want)
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", errors.New(want)
		}
	}
	p := b.String()
	if len(p) < 8 || len(p) > 15 || strings.HasPrefix(p, "0") {
		return "", errors.New(want)
	}
	return p, nil
}

// leaveForServe makes the linking client leave what arrives while it
// links for serve's client: messages are not acknowledged, so WhatsApp
// delivers them again; their plaintext stays in the store's event buffer,
// which serve's client (same store) decrypts them from, since the first
// decryption moved the Signal session on; and the history the phone sends
// (its notification is such a message) is not downloaded here, where
// nothing would record the messages nobody answered (history.go).
func leaveForServe(cli *whatsmeow.Client) {
	cli.SynchronousAck = true
	cli.EnableDecryptedEventBuffer = true
	cli.ManualHistorySyncDownload = true
	cli.AddEventHandlerWithSuccessStatus(leaveMessages)
}

// leaveMessages is the linking client's handler: false for a message, so
// that whatsmeow (with SynchronousAck) does not acknowledge what nothing
// here records.
func leaveMessages(evt any) bool {
	_, isMessage := evt.(*events.Message)
	return !isMessage
}
