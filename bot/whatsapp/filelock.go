package whatsapp

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"frontdoor/bot/lease"
)

// fileLease is the session lease of an SQLite store: an exclusive lock
// on a file beside it (<store>.lock), taken with the lease of the Redis
// the processes share, if any. Two processes started on one store file
// without a shared Redis (each with its own embedded Redis, or another
// prefix) would otherwise both connect the session, and WhatsApp would
// keep dropping one for the other ("stream replaced"); with it the second
// stands by, as with the Redis lease, and says so. The lock is the
// kernel's (flock): a process that dies leaves it free.
type fileLease struct {
	path  string
	inner lease.Lease // nil: the file alone
	mu    sync.Mutex
	f     *os.File // open while held
	// busy: the last Acquire found the file locked by another process.
	busy bool
}

// withFileLock wraps inner (nil for none) with the lock of the SQLite store
// at store.
func withFileLock(store string, inner lease.Lease) lease.Lease {
	return &fileLease{path: store + ".lock", inner: inner}
}

func (l *fileLease) Acquire(ctx context.Context) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		f, err := os.OpenFile(l.path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return false, fmt.Errorf("whatsapp: opening the store's lock file: %w", err)
		}
		held, err := lockFile(f)
		l.busy = err == nil && !held
		if err != nil || !held {
			f.Close()
			return false, err
		}
		l.f = f
	}
	if l.inner == nil {
		return true, nil
	}
	held, err := l.inner.Acquire(ctx)
	if err != nil || !held {
		// Another process holds the Redis lease: the file is free for it
		// should it run on this machine too.
		l.unlock()
		return false, err
	}
	return true, nil
}

func (l *fileLease) Renew(ctx context.Context) (bool, error) {
	l.mu.Lock()
	held := l.f != nil
	l.mu.Unlock()
	if !held {
		return false, nil
	}
	if l.inner == nil {
		return true, nil
	}
	return l.inner.Renew(ctx)
}

func (l *fileLease) Release(ctx context.Context) error {
	var err error
	if l.inner != nil {
		err = l.inner.Release(ctx)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.unlock()
	return err
}

func (l *fileLease) TTL() time.Duration {
	if l.inner == nil {
		return DefaultLeaseTTL
	}
	return l.inner.TTL()
}

// standbyReason says why this process stands by when the store's lock
// file was taken, "" when the shared lease was.
func (l *fileLease) standbyReason() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.busy {
		return ""
	}
	return "another process on this machine has the WhatsApp store open (" + l.path + " is locked): two processes on one store would keep dropping each other's connection"
}

// unlock closes the lock file, which drops the lock; l.mu is held.
func (l *fileLease) unlock() {
	if l.f != nil {
		l.f.Close()
		l.f = nil
	}
}
