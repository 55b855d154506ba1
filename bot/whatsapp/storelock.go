package whatsapp

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"frontdoor/bot/lease"
)

// storeLease is the session lease of a device store: a lock held on the
// store itself (a file beside an SQLite store, an advisory lock in a
// PostgreSQL one), taken with the lease of the Redis the processes share,
// if any. Two processes started on one store without a shared Redis (each
// with its own embedded Redis, or another prefix) would otherwise both
// connect the session, and WhatsApp would keep dropping one for the other
// ("stream replaced"); with it the second stands by, as with the Redis
// lease, and says so. Both locks go with the process that holds them: a
// process that dies leaves them free.
type storeLease struct {
	lock  storeLock
	inner lease.Lease // nil: the store's lock alone
	mu    sync.Mutex
	held  bool
	// busy: the last Acquire found the store locked by another process.
	busy bool
	// lost: a renewal found the store's lock gone with its connection.
	lost bool
}

// guard names one of the locks that keep a second process off the
// WhatsApp session, as the log and /healthz say it: each is mended
// elsewhere (Redis, the PostgreSQL server, the store's folder), and a
// PostgreSQL lock that failed was reported as the Redis lease.
type guard string

const (
	guardRedis    guard = "Redis lease"
	guardPostgres guard = "PostgreSQL store's advisory lock"
	guardFile     guard = "SQLite store's lock file"
)

// status is the channel's status while g cannot be taken; it starts with
// "error: cannot", which the console reads as reconnecting.
func (g guard) status() string {
	if g == guardRedis {
		return "error: cannot reach Redis for the WhatsApp session lease, retrying"
	}
	return "error: cannot take the " + string(g) + " for the WhatsApp session, retrying"
}

// guardError is the failure of one guard.
type guardError struct {
	guard guard
	err   error
}

func (e *guardError) Error() string { return string(e.guard) + ": " + e.err.Error() }
func (e *guardError) Unwrap() error { return e.err }

// failedGuard names the guard whose failure err is: the shared lease's,
// Redis, unless a store's lock says otherwise.
func failedGuard(err error) guard {
	if ge, ok := errors.AsType[*guardError](err); ok {
		return ge.guard
	}
	return guardRedis
}

// storeLock is a lock on the device store, held by one process at a time.
type storeLock interface {
	// try takes the lock without waiting; false when another process
	// holds it.
	try(ctx context.Context) (bool, error)
	// alive reports whether the lock taken is still held: false when it
	// went with a broken connection, and another may have it now.
	alive(ctx context.Context) bool
	// unlock lets it go.
	unlock()
	// busyReason says why this process stands by when another holds it.
	busyReason() string
	// guard names the lock.
	guard() guard
}

// guardStore wraps inner (nil for none) with the lock of the store the
// channel opened: its file for SQLite, an advisory lock for PostgreSQL.
func guardStore(store string, db *sql.DB, inner lease.Lease) lease.Lease {
	driver, _, _ := storeDSN(store)
	switch driver {
	case "sqlite":
		return &storeLease{lock: &fileLock{path: store + ".lock"}, inner: inner}
	case "postgres":
		return &storeLease{lock: &pgLock{db: db}, inner: inner}
	}
	return inner
}

func (l *storeLease) Acquire(ctx context.Context) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.held {
		held, err := l.lock.try(ctx)
		l.busy = err == nil && !held
		if err != nil {
			return false, &guardError{guard: l.lock.guard(), err: err}
		}
		if !held {
			return false, nil
		}
		l.held, l.lost = true, false
	}
	if l.inner == nil {
		return true, nil
	}
	held, err := l.inner.Acquire(ctx)
	if err != nil || !held {
		// Another process holds the shared lease: the store is free for
		// it should it share the store too.
		l.release()
		if err != nil {
			return false, &guardError{guard: guardRedis, err: err}
		}
		return false, nil
	}
	return true, nil
}

func (l *storeLease) Renew(ctx context.Context) (bool, error) {
	l.mu.Lock()
	if l.held && !l.lock.alive(ctx) {
		// The lock is gone (its database connection broke): another
		// process may hold it already, so this one must disconnect.
		l.release()
		l.lost = true
	}
	held := l.held
	l.mu.Unlock()
	if !held {
		return false, nil
	}
	if l.inner == nil {
		return true, nil
	}
	held, err := l.inner.Renew(ctx)
	if err != nil {
		return false, &guardError{guard: guardRedis, err: err}
	}
	return held, nil
}

func (l *storeLease) Release(ctx context.Context) error {
	var err error
	if l.inner != nil {
		err = l.inner.Release(ctx)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.release()
	return err
}

func (l *storeLease) TTL() time.Duration {
	if l.inner == nil {
		return DefaultLeaseTTL
	}
	return l.inner.TTL()
}

// standbyReason says why this process stands by when the store's lock
// was taken, "" when the shared lease was.
func (l *storeLease) standbyReason() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.busy {
		return ""
	}
	return l.lock.busyReason()
}

// lostGuard names the store's lock when the session was lost because
// the lock went with its connection (rather than to another process's
// lease); "" otherwise.
func (l *storeLease) lostGuard() guard {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.lost {
		return ""
	}
	return l.lock.guard()
}

// release lets the store's lock go; l.mu is held.
func (l *storeLease) release() {
	if l.held {
		l.lock.unlock()
		l.held = false
	}
}
