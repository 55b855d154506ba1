package whatsapp

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waAdv"
	"go.mau.fi/whatsmeow/proto/waE2E"
	wastore "go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
	"frontdoor/internal/conf"
)

func TestSQLiteStoreOpensMigratesAndReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "data", "whatsapp.db") // directory created on open
	cfg := Config{Store: path}.withDefaults()
	log := slog.New(slog.DiscardHandler)

	db, err := openStore(ctx, cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	var version int
	if err := db.db.QueryRowContext(ctx, `SELECT version FROM whatsmeow_version`).Scan(&version); err != nil || version < 1 {
		t.Fatalf("whatsmeow schema not migrated: version %d, %v", version, err)
	}
	dev, err := db.container.GetFirstDevice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if dev.ID != nil {
		t.Fatal("a fresh store has a linked device")
	}
	w := db.writers()
	if err := w.Mark(ctx, pnID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("store file mode %v (%v), want 0600: it holds the number's keys", fi.Mode().Perm(), err)
	}

	// A file made readable by others (a copy from a backup) is
	// restricted again at the next start.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	// Reopening finds the schema current and the data kept.
	db, err = openStore(ctx, cfg, log)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("after reopening, store file mode %v (%v), want 0600 again", fi.Mode().Perm(), err)
	}
	w = db.writers()
	if ok, err := w.Wrote(ctx, pnID); err != nil || !ok {
		t.Errorf("contact lost across reopen: %v %v", ok, err)
	}
	if ok, _ := w.Wrote(ctx, "8801712345678@s.whatsapp.net"); ok {
		t.Error("unknown contact reported as having written")
	}
	if err := w.Forget(ctx, pnID); err != nil {
		t.Fatal(err)
	}
	if ok, _ := w.Wrote(ctx, pnID); ok {
		t.Error("forgotten contact still known")
	}
	// Foreign keys are on (whatsmeow refuses to start otherwise).
	var fk int
	if err := db.db.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d (%v)", fk, err)
	}
}

func TestSQLiteStorePrunes(t *testing.T) {
	ctx := context.Background()
	cfg := Config{Store: filepath.Join(t.TempDir(), "wa.db"), Retention: 24 * time.Hour}.withDefaults()
	db, err := openStore(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now()
	w := db.writers()
	w.Mark(ctx, "old@s.whatsapp.net", now.Add(-48*time.Hour))
	w.Mark(ctx, "new@s.whatsapp.net", now.Add(-time.Hour))
	if err := db.prune(ctx, now); err != nil {
		t.Fatal(err)
	}
	fresh := db.writers() // without the cache
	if ok, _ := fresh.Wrote(ctx, "old@s.whatsapp.net"); ok {
		t.Error("contact past retention kept")
	}
	if ok, _ := fresh.Wrote(ctx, "new@s.whatsapp.net"); !ok {
		t.Error("recent contact pruned")
	}
}

func TestNewOnFreshStoreIsNotLinked(t *testing.T) {
	ctx := context.Background()
	c, err := New(ctx, Config{Store: filepath.Join(t.TempDir(), "wa.db"), WebVersion: "2.3000.1029999999"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Linked() {
		t.Error("fresh store reports a linked device")
	}
	if c.Name() != "whatsapp" {
		t.Errorf("name %q", c.Name())
	}
	if got := wastore.GetWAVersion().String(); got != "2.3000.1029999999" {
		t.Errorf("announced version %s, want the configured one", got)
	}
	if c.Status() != StatusUnlinked {
		t.Errorf("status %q, want %q", c.Status(), StatusUnlinked)
	}
	// A phone linked meanwhile through another handle on the store (as
	// the console's LinkWith does) is found by a reload.
	linkDevice(t, c.cfg.Store)
	if err := c.reloadDevice(ctx); err != nil {
		t.Fatal(err)
	}
	if !c.Linked() || c.Status() != StatusStarting {
		t.Errorf("after linking: linked %v, status %q", c.Linked(), c.Status())
	}
	// Erase reaches the store.
	if err := c.Erase(ctx, bot.Contact{Channel: "whatsapp", ID: pnID}); err != nil {
		t.Error(err)
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string // "" = valid; else a substring of the error
	}{
		{"zero value: defaults", Config{}, ""},
		{"sqlite path", Config{Store: "/var/lib/frontdoor/wa.db"}, ""},
		{"postgres url", Config{Store: "postgres://fd:secret@db.internal:5432/frontdoor?sslmode=require"}, ""},
		{"postgresql url", Config{Store: "postgresql://db.internal/frontdoor"}, ""},
		{"all set", Config{WebVersion: "2.3000.1234567890", SendPerChat: conf.Duration(3 * time.Second), SendPerSecond: 0.5, LibraryLog: "debug"}, ""},
		{"mysql url", Config{Store: "mysql://db/frontdoor"}, "whatsapp.store"},
		{"postgres without host", Config{Store: "postgres:///frontdoor"}, "whatsapp.store"},
		{"path with query", Config{Store: "wa.db?mode=memory"}, "whatsapp.store"},
		{"bad version", Config{WebVersion: "2.3000"}, "whatsapp.web_version"},
		{"version words", Config{WebVersion: "latest"}, "whatsapp.web_version"},
		{"negative interval", Config{SendPerChat: conf.Duration(-time.Second)}, "whatsapp.send_interval_per_chat"},
		{"negative rate", Config{SendPerSecond: -1}, "whatsapp.sends_per_second"},
		{"reckless rate", Config{SendPerSecond: 50}, "whatsapp.sends_per_second"},
		{"bad log level", Config{LibraryLog: "loud"}, "whatsapp.library_log"},
		{"offline windows", Config{AnswerWithin: conf.Duration(time.Hour), HistoryWithin: conf.Duration(48 * time.Hour)}, ""},
		{"negative answer window", Config{AnswerWithin: conf.Duration(-time.Hour)}, "whatsapp.answer_within"},
		{"history past the dedupe window", Config{HistoryWithin: conf.Duration(72 * time.Hour)}, "whatsapp.history_within"},
		{"negative history window", Config{HistoryWithin: conf.Duration(-time.Hour)}, "whatsapp.history_within"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want one naming %s", err, tt.want)
			}
		})
	}
	// Several bad fields are all named at once.
	err := Config{WebVersion: "x", SendPerSecond: -1}.Validate()
	if err == nil || !strings.Contains(err.Error(), "web_version") || !strings.Contains(err.Error(), "sends_per_second") {
		t.Errorf("joined error %v", err)
	}
}

func TestRedact(t *testing.T) {
	in := "Error decrypting message 3EB0 from 393331234567:12@s.whatsapp.net in 555000111@lid, phone +393331234567, group 120363000000000000@g.us"
	got := redact(in)
	for _, secret := range []string{"393331234567", "555000111"} {
		if strings.Contains(got, secret) {
			t.Errorf("redact left %s in %q", secret, got)
		}
	}
	// The pseudonym matches the contact's in Frontdoor's own log lines.
	want := bot.Contact{Channel: "whatsapp", ID: pnID}.String()
	if !strings.Contains(got, "~"+strings.TrimPrefix(want, "whatsapp:")) {
		t.Errorf("redacted %q lacks the contact pseudonym %s", got, want)
	}
	if !strings.Contains(got, "120363000000000000@g.us") || !strings.Contains(got, "3EB0") {
		t.Errorf("redact removed more than numbers: %q", got)
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := map[string]string{
		"+39 333 123 4567":  "393331234567",
		"0039-333-1234567":  "393331234567",
		"+880 1712-345678":  "8801712345678",
		"(+39) 333.1234567": "393331234567",
		"333 1234567":       "",
		"+39 333 abc":       "",
		"+12345":            "",
	}
	for in, want := range tests {
		got, err := normalizePhone(in)
		if want == "" {
			if err == nil {
				t.Errorf("normalizePhone(%q) = %q, want an error", in, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("normalizePhone(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// linkedStore makes a store holding a (fake) linked device, as pairing
// leaves it, and a LID mapping as whatsmeow records it from messages.
func linkedStore(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "wa.db")
	linkDevice(t, path)
	return path
}

// linkDevice puts a (fake) linked device and a LID mapping into the
// SQLite store at path, through a handle of its own.
func linkDevice(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := openStore(ctx, Config{Store: path}.withDefaults(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dev := db.container.NewDevice()
	own := types.NewJID("393900000000", types.DefaultUserServer)
	own.Device = 7
	dev.ID = &own
	dev.Account = &waAdv.ADVSignedDeviceIdentity{
		Details: []byte{1}, AccountSignature: make([]byte, 64), AccountSignatureKey: make([]byte, 32), DeviceSignature: make([]byte, 64),
	}
	if err := db.container.PutDevice(ctx, dev); err != nil {
		t.Fatal(err)
	}
	if err := dev.LIDs.PutLIDMapping(ctx, lidJID, pnJID); err != nil {
		t.Fatal(err)
	}
}

func TestLinkedStore(t *testing.T) {
	ctx := context.Background()
	path := linkedStore(t)
	c, err := New(ctx, Config{Store: path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Linked() {
		t.Error("linked device not found after reopen")
	}
	// The device store's LID map makes a number-only sender and a
	// LID-only sender the same contact, keyed by the LID.
	for _, from := range []types.JID{pnJID, lidJID} {
		evt := dm("3A01", &waE2E.Message{Conversation: proto.String("salve")})
		evt.Info.Chat, evt.Info.Sender, evt.Info.SenderAlt = from, from, types.EmptyJID
		msg, why, ok := toMessage(ctx, evt, c.lids)
		if !ok || msg.Contact != person || msg.LangHint != "it" {
			t.Errorf("sender %s became %+v, language %q (%s)", from.Server, msg.Contact, msg.LangHint, why)
		}
	}
	c.Close()

	// Linking again is refused before anything goes to WhatsApp.
	err = LinkWith(ctx, Config{Store: path}, "", func(LinkEvent) { t.Error("showed a code") }, nil, nil)
	if !errors.Is(err, ErrAlreadyLinked) || !strings.Contains(err.Error(), "delete the session file "+path) {
		t.Errorf("LinkWith on a linked store: %v", err)
	}
}

// Starting over is told right for the store in use: a file to delete, or
// rows in PostgreSQL (without repeating the URL's password).
func TestAlreadyLinkedSaysHowToStartOver(t *testing.T) {
	tests := []struct {
		store      string
		want, nope []string
	}{
		{"data/whatsapp.db", []string{"delete the session file data/whatsapp.db", "Linked devices"}, []string{"PostgreSQL", "DELETE FROM"}},
		{"postgres://fd:s3cret@db.internal/fd", []string{"DELETE FROM whatsmeow_device", "DELETE FROM frontdoor_whatsapp_writers", "PostgreSQL", "Linked devices"},
			[]string{"file", "SQLite", "s3cret", "db.internal"}},
		{"postgresql://db.internal/fd", []string{"DELETE FROM whatsmeow_device"}, []string{"file"}},
	}
	for _, tt := range tests {
		err := alreadyLinked(Config{Store: tt.store})
		if !errors.Is(err, ErrAlreadyLinked) {
			t.Errorf("%s: %v is not ErrAlreadyLinked", tt.store, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q lacks %q", tt.store, err, w)
			}
		}
		for _, n := range tt.nope {
			if strings.Contains(err.Error(), n) {
				t.Errorf("%s: %q says %q", tt.store, err, n)
			}
		}
	}
}

func TestWriteLinkEvent(t *testing.T) {
	var b strings.Builder
	writeLinkEvent(&b, LinkEvent{QR: "2@abcdefgh,ijklmnop,qrstuvwx,yz==", Timeout: 20 * time.Second}, true)
	out := b.String()
	if !strings.Contains(out, "Linked devices") || !strings.Contains(out, "▀") || !strings.Contains(out, "20s") {
		t.Errorf("QR output:\n%s", out)
	}
	b.Reset()
	writeLinkEvent(&b, LinkEvent{QR: "2@next", Timeout: 20 * time.Second}, false)
	if strings.Contains(b.String(), "Linked devices") {
		t.Error("instructions repeated with every new code")
	}
	b.Reset()
	writeLinkEvent(&b, LinkEvent{PairingCode: "ABCD-EFGH"}, true)
	if !strings.Contains(b.String(), "ABCD-EFGH") || !strings.Contains(b.String(), "phone number instead") {
		t.Errorf("pairing output: %s", b.String())
	}
}

func TestWALogger(t *testing.T) {
	var b logBuffer
	log := slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug}))
	l := newWALogger(log, slog.LevelWarn, "Client").Sub("Socket")
	l.Debugf("frame from %s", "393331234567@s.whatsapp.net")
	l.Infof("connected")
	l.Warnf("failed to decrypt message from %s", "393331234567.0:3@s.whatsapp.net")
	l.Errorf("boom")
	out := b.String()
	if strings.Contains(out, "frame from") || strings.Contains(out, "connected") {
		t.Errorf("below-warn lines passed:\n%s", out)
	}
	if !strings.Contains(out, "failed to decrypt") || !strings.Contains(out, "level=ERROR") || !strings.Contains(out, "module=Client/Socket") {
		t.Errorf("warn/error lines missing:\n%s", out)
	}
	if strings.Contains(out, "393331234567") {
		t.Errorf("phone number in the log:\n%s", out)
	}
}

func TestConfigConfigured(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.db")
	if (Config{Store: missing}).Configured() {
		t.Error("a missing SQLite file counts as configured")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("Configured created the file")
	}
	path := linkedStore(t)
	if !(Config{Store: path}).Configured() {
		t.Error("an existing store does not count")
	}
	if !(Config{Store: "postgres://db.internal/fd"}).Configured() {
		t.Error("a postgres store does not count")
	}
}
