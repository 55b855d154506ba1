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
	"testing"
	"time"
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
