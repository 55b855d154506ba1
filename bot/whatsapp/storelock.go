package whatsapp

import (
	"context"
	"database/sql"
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
		if err != nil || !held {
			return false, err
		}
		l.held = true
	}
	if l.inner == nil {
		return true, nil
	}
	held, err := l.inner.Acquire(ctx)
	if err != nil || !held {
		// Another process holds the shared lease: the store is free for
		// it should it share the store too.
		l.release()
		return false, err
	}
	return true, nil
}

func (l *storeLease) Renew(ctx context.Context) (bool, error) {
	l.mu.Lock()
	if l.held && !l.lock.alive(ctx) {
		// The lock is gone (its database connection broke): another
		// process may hold it already, so this one must disconnect.
		l.release()
	}
	held := l.held
	l.mu.Unlock()
	if !held {
		return false, nil
	}
	if l.inner == nil {
		return true, nil
	}
	return l.inner.Renew(ctx)
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

// release lets the store's lock go; l.mu is held.
func (l *storeLease) release() {
	if l.held {
		l.lock.unlock()
		l.held = false
	}
}
