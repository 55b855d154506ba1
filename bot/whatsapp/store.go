package whatsapp

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.mau.fi/whatsmeow/store/sqlstore"

	// Database drivers for the device store: pure-Go SQLite (no cgo) and
	// PostgreSQL.
	_ "github.com/lib/pq"
	_ "modernc.org/sqlite"
)

// storeDB is the SQL database holding whatsmeow's device session and
// Frontdoor's own table of people who wrote first.
type storeDB struct {
	db        *sql.DB
	container *sqlstore.Container
	libLevel  slog.Level
	retention time.Duration
}

// frontdoorSchema is Frontdoor's own table, next to whatsmeow's. It lives
// in the device store so that it survives restarts and, with PostgreSQL,
// is shared by every process using the same number.
const frontdoorSchema = `CREATE TABLE IF NOT EXISTS frontdoor_whatsapp_writers (
	contact    TEXT PRIMARY KEY,
	first_seen BIGINT NOT NULL,
	last_seen  BIGINT NOT NULL
)`

// numberSchema keeps the number the writers wrote to (one row), so that
// linking another number starts a new list.
const numberSchema = `CREATE TABLE IF NOT EXISTS frontdoor_whatsapp_number (
	id     INTEGER PRIMARY KEY,
	number TEXT NOT NULL
)`

// openStore opens (creating if needed) the device store and brings its
// schema up to date.
func openStore(ctx context.Context, cfg Config, log *slog.Logger) (*storeDB, error) {
	driver, dsn, err := storeDSN(cfg.Store)
	if err != nil {
		return nil, fmt.Errorf("whatsapp.store: %w", err)
	}
	libLevel, err := parseLevel(cfg.LibraryLog)
	if err != nil {
		return nil, fmt.Errorf("whatsapp.library_log: %w", err)
	}
	if driver == "sqlite" {
		if err := prepareSQLiteFile(cfg.Store); err != nil {
			return nil, fmt.Errorf("whatsapp.store: %w", err)
		}
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("whatsapp store: open: %w", err)
	}
	container := sqlstore.NewWithDB(db, driver, newWALogger(log, libLevel, "Store"))
	if err := container.Upgrade(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("whatsapp store: create or migrate the schema: %w", err)
	}
	for _, schema := range []string{frontdoorSchema, numberSchema} {
		if _, err := db.ExecContext(ctx, schema); err != nil {
			db.Close()
			return nil, fmt.Errorf("whatsapp store: create Frontdoor's tables: %w", err)
		}
	}
	s := &storeDB{db: db, container: container, libLevel: libLevel, retention: cfg.Retention}
	if err := s.prune(ctx, time.Now()); err != nil {
		log.Warn("whatsapp: pruning old contacts failed", "err", err)
	}
	return s, nil
}

// prepareSQLiteFile creates the file's directory, and the file itself
// readable by its owner only: it holds the keys of the desk's number.
func prepareSQLiteFile(path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("create the directory: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	// At every start, not only at creation: a file copied from a backup
	// or created by an older version may be readable by others. SQLite's
	// WAL and shared-memory files hold the same data.
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("restrict %s to its owner: %w", p, err)
		}
	}
	return nil
}

func (s *storeDB) Close() error { return s.db.Close() }

func (s *storeDB) writers() writers { return &sqlWriters{db: s.db} }

// prune forgets people whose last message is older than the retention,
// like the dispatcher forgets their conversation.
func (s *storeDB) prune(ctx context.Context, now time.Time) error {
	if s.retention <= 0 {
		return nil
	}
	_, err := s.db.ExecContext(ctx, `DELETE FROM frontdoor_whatsapp_writers WHERE last_seen < $1`, now.Add(-s.retention).Unix())
	return err
}

// adoptNumber records the linked number. When it differs from the one
// recorded, the list of people who wrote first is emptied: they wrote to
// the other number, and answering them from this one would be writing
// first, which gets numbers banned. A store from before the number was
// recorded adopts the number as it is.
func (s *storeDB) adoptNumber(ctx context.Context, number string) (changed bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("whatsapp store: recording the number: %w", err)
	}
	defer tx.Rollback()
	var old string
	err = tx.QueryRowContext(ctx, `SELECT number FROM frontdoor_whatsapp_number WHERE id = 1`).Scan(&old)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return false, fmt.Errorf("whatsapp store: reading the number: %w", err)
	case old == number:
		return false, nil
	default:
		changed = true
		if _, err := tx.ExecContext(ctx, `DELETE FROM frontdoor_whatsapp_writers`); err != nil {
			return false, fmt.Errorf("whatsapp store: forgetting the old number's writers: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO frontdoor_whatsapp_number (id, number) VALUES (1, $1)
ON CONFLICT (id) DO UPDATE SET number = excluded.number`, number); err != nil {
		return false, fmt.Errorf("whatsapp store: recording the number: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("whatsapp store: recording the number: %w", err)
	}
	return changed, nil
}

// sqlWriters keeps the people who wrote in frontdoor_whatsapp_writers, with
// a cache of the ones already known so that Send does not query for every
// message.
type sqlWriters struct {
	db *sql.DB

	mu    sync.Mutex
	known map[string]bool
}

func (w *sqlWriters) Mark(ctx context.Context, id string, at time.Time) error {
	_, err := w.db.ExecContext(ctx, `INSERT INTO frontdoor_whatsapp_writers (contact, first_seen, last_seen) VALUES ($1, $2, $2)
		ON CONFLICT (contact) DO UPDATE SET last_seen = excluded.last_seen`, id, at.Unix())
	if err != nil {
		return fmt.Errorf("record contact: %w", err)
	}
	w.remember(id, true)
	return nil
}

func (w *sqlWriters) Wrote(ctx context.Context, id string) (bool, error) {
	w.mu.Lock()
	ok := w.known[id]
	w.mu.Unlock()
	if ok {
		return true, nil
	}
	var one int
	err := w.db.QueryRowContext(ctx, `SELECT 1 FROM frontdoor_whatsapp_writers WHERE contact = $1`, id).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("look up contact: %w", err)
	}
	w.remember(id, true)
	return true, nil
}

func (w *sqlWriters) Forget(ctx context.Context, id string) error {
	w.remember(id, false)
	if _, err := w.db.ExecContext(ctx, `DELETE FROM frontdoor_whatsapp_writers WHERE contact = $1`, id); err != nil {
		return fmt.Errorf("forget contact: %w", err)
	}
	return nil
}

// dropCache forgets what is cached, after the list was emptied in the
// store (another number linked).
func (w *sqlWriters) dropCache() {
	w.mu.Lock()
	w.known = nil
	w.mu.Unlock()
}

// knownMax bounds the cache; past it, lookups go to the database.
const knownMax = 100_000

func (w *sqlWriters) remember(id string, wrote bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !wrote {
		delete(w.known, id)
		return
	}
	if w.known == nil || len(w.known) >= knownMax {
		w.known = map[string]bool{}
	}
	w.known[id] = true
}
