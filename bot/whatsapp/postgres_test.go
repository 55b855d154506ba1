package whatsapp

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/types/events"

	"frontdoor/bot/lease"
)

// postgresURL gives a fresh database on the test PostgreSQL
// (FRONTDOOR_TEST_POSTGRES, default the local server), dropped after the
// test; the test is skipped when no server answers.
func postgresURL(t *testing.T) string {
	t.Helper()
	base := os.Getenv("FRONTDOOR_TEST_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		t.Skipf("no PostgreSQL at FRONTDOOR_TEST_POSTGRES (%v)", err)
	}
	b := make([]byte, 4)
	rand.Read(b)
	name := "fd_wa_test_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec("DROP DATABASE " + name + " WITH (FORCE)") })
	u, _ := url.Parse(base)
	u.Path = "/" + name
	return u.String()
}

func TestPostgresStoreOpensMigratesAndReopens(t *testing.T) {
	ctx := context.Background()
	cfg := Config{Store: postgresURL(t)}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	cfg = cfg.withDefaults()
	log := slog.New(slog.DiscardHandler)
	db, err := openStore(ctx, cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.writers().Mark(ctx, pnID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := db.writers().Mark(ctx, pnID, time.Now()); err != nil {
		t.Fatalf("second mark (upsert): %v", err)
	}
	db.Close()

	db, err = openStore(ctx, cfg, log)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	if ok, err := db.writers().Wrote(ctx, pnID); err != nil || !ok {
		t.Errorf("contact lost across reopen: %v %v", ok, err)
	}
	dev, err := db.container.GetFirstDevice(ctx)
	if err != nil || dev.ID != nil {
		t.Errorf("fresh store: device %v, %v", dev.ID, err)
	}
}

// TestAnotherNumberForgetsWhoWrote: linking another number empties the
// list of people who wrote first (they wrote to the old number); the same
// number again, or a store from before numbers were recorded, keeps it.
func TestAnotherNumberForgetsWhoWrote(t *testing.T) {
	stores := map[string]func(t *testing.T) string{
		"sqlite":     func(t *testing.T) string { return filepath.Join(t.TempDir(), "whatsapp.db") },
		"postgresql": postgresURL,
	}
	for name, store := range stores {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, err := openStore(ctx, Config{Store: store(t)}.withDefaults(), slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			who := db.writers()
			if err := who.Mark(ctx, pnID, time.Now()); err != nil {
				t.Fatal(err)
			}
			for i, step := range []struct {
				number        string
				changed, kept bool
			}{
				{"393331234567", false, true}, // first recorded: adopted as it is
				{"393331234567", false, true}, // the same number linked again
				{"393339999999", true, false}, // another number
			} {
				changed, err := db.adoptNumber(ctx, step.number)
				if err != nil {
					t.Fatal(err)
				}
				// A fresh list, so that the database is asked.
				wrote, err := db.writers().Wrote(ctx, pnID)
				if err != nil {
					t.Fatal(err)
				}
				if changed != step.changed || wrote != step.kept {
					t.Fatalf("step %d (%s): changed %v, still wrote %v; want %v, %v", i, step.number, changed, wrote, step.changed, step.kept)
				}
			}
		})
	}
}

// Two processes on one PostgreSQL store without a shared Redis (each
// with its own embedded one, or another prefix): the store's advisory
// lock lets one connect; the other stands by, says why in its log and
// status, and takes over when the first stops.
func TestOnePostgresStoreKeepsOneConnection(t *testing.T) {
	store := postgresURL(t)
	active, standby, live := startPair(t, func() lease.Lease {
		// Each process has its own connections to the store.
		db, err := sql.Open("postgres", store)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return guardStore(store, db, nil)
	})
	if !strings.Contains(standby.logs.String(), "advisory lock is held") {
		t.Errorf("the standby's log does not say the store is locked:\n%s", standby.logs)
	}
	if err := active.stop(); err != nil {
		t.Fatal(err)
	}
	eventuallyFor(t, 3*DefaultLeaseTTL, "the standby takes over", func() bool { return standby.c.Status() == StatusConnected })
	if n := live.Max(); n != 1 {
		t.Errorf("%d clients connected at once, want 1", n)
	}
	if err := standby.stop(); err != nil {
		t.Fatal(err)
	}
}

// A process whose connection to a PostgreSQL store breaks has lost the
// store's lock with it (the server ends the session, and another process
// may take the lock): it disconnects from WhatsApp at its next renewal,
// and connects again once it holds the lock anew. Its log says the
// store's lock was lost, not that another process took a Redis lease.
func TestPostgresLockLostDisconnects(t *testing.T) {
	store := postgresURL(t)
	db, err := sql.Open("postgres", store)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h := newHarness(t, Config{Lease: guardStore(store, db, nil)})
	h.cli.onConnect = func(int) { h.c.handleEvent(&events.Connected{}) }
	stop, _ := startRun(t, h, &fakeInbox{})
	eventually(t, "connected", func() bool { return h.c.Status() == StatusConnected })
	// The server ends the session holding the lock, as after a network
	// failure or a restart of PostgreSQL.
	admin, err := sql.Open("postgres", store)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	var n int
	if err := admin.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("ending the lock's session: %d sessions, %v", n, err)
	}
	eventuallyFor(t, 3*DefaultLeaseTTL, "disconnected and connected again under a new lock", func() bool {
		return h.cli.Connects() == 2 && h.c.Status() == StatusConnected
	})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	logs := h.logs.String()
	if !strings.Contains(logs, `lost its connection`) || !strings.Contains(logs, `guard="PostgreSQL store's advisory lock"`) {
		t.Errorf("the log does not say the PostgreSQL lock was lost:\n%s", logs)
	}
	if strings.Contains(logs, "another process") || strings.Contains(logs, "Redis") {
		t.Errorf("the log blames another process or Redis:\n%s", logs)
	}
}

// New guards a PostgreSQL store with its advisory lock, as it guards an
// SQLite one with its lock file.
func TestNewGuardsThePostgresStore(t *testing.T) {
	c, err := New(context.Background(), Config{Store: postgresURL(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if l, ok := c.cfg.Lease.(*storeLease); !ok {
		t.Fatalf("the session lease is %T, want the store's lock", c.cfg.Lease)
	} else if _, ok := l.lock.(*pgLock); !ok {
		t.Fatalf("the store's lock is %T, want PostgreSQL's advisory lock", l.lock)
	}
}
