package whatsapp

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdoor/bot/lease"
)

// downLease is a shared lease whose Redis does not answer.
type downLease struct{}

func (downLease) Acquire(context.Context) (bool, error) {
	return false, errors.New("dial tcp 127.0.0.1:6379: connect: connection refused")
}
func (downLease) Renew(context.Context) (bool, error) {
	return false, errors.New("dial tcp 127.0.0.1:6379: connect: connection refused")
}
func (downLease) Release(context.Context) error { return nil }
func (downLease) TTL() time.Duration            { return 300 * time.Millisecond }

// A guard of the WhatsApp session that cannot be taken is named in the
// status (/healthz) and the log: the PostgreSQL store's advisory lock,
// the SQLite store's lock file or the Redis lease, so that whoever reads
// them mends the right thing; a PostgreSQL that does not answer was
// reported as Redis.
func TestGuardFailureNamesTheGuard(t *testing.T) {
	redis := "error: cannot reach Redis for the WhatsApp session lease, retrying"
	postgres := "error: cannot take the PostgreSQL store's advisory lock for the WhatsApp session, retrying"
	sqlite := "error: cannot take the SQLite store's lock file for the WhatsApp session, retrying"
	tests := []struct {
		name  string
		lease func(t *testing.T) lease.Lease
		// status is the status while it fails; log, what the warning
		// names; not, the other guards, which neither may name.
		status, log string
		not         []string
	}{
		{
			name: "PostgreSQL lock",
			lease: func(t *testing.T) lease.Lease {
				// Nothing listens on port 1: the store's server is down.
				store := "postgres://postgres@127.0.0.1:1/frontdoor?sslmode=disable"
				db, err := sql.Open("postgres", store)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				return guardStore(store, db, nil)
			},
			status: postgres, log: `guard="PostgreSQL store's advisory lock"`,
			not: []string{"Redis", "SQLite"},
		},
		{
			name: "SQLite lock file",
			lease: func(t *testing.T) lease.Lease {
				// The store's folder is gone: its lock file cannot be opened.
				return guardStore(filepath.Join(t.TempDir(), "gone", "whatsapp.db"), nil, nil)
			},
			status: sqlite, log: `guard="SQLite store's lock file"`,
			not: []string{"Redis", "PostgreSQL"},
		},
		{
			name: "Redis lease beside a free lock file",
			lease: func(t *testing.T) lease.Lease {
				return guardStore(filepath.Join(t.TempDir(), "whatsapp.db"), nil, downLease{})
			},
			status: redis, log: `guard="Redis lease"`,
			not: []string{"SQLite", "PostgreSQL"},
		},
		{
			name:   "Redis lease alone",
			lease:  func(*testing.T) lease.Lease { return downLease{} },
			status: redis, log: `guard="Redis lease"`,
			not: []string{"SQLite", "PostgreSQL"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{Lease: tt.lease(t)})
			stop, _ := startRun(t, h, &fakeInbox{})
			eventually(t, "the guard's failure in the status", func() bool { return h.c.Status() == tt.status })
			if err := stop(); err != nil {
				t.Fatal(err)
			}
			if h.cli.Connects() != 0 {
				t.Error("connected without the session's guard")
			}
			logs := h.logs.String()
			if !strings.Contains(logs, tt.log) {
				t.Errorf("the log does not name %s:\n%s", tt.log, logs)
			}
			for _, other := range tt.not {
				if strings.Contains(logs, other) {
					t.Errorf("the log names %s:\n%s", other, logs)
				}
			}
		})
	}
}
