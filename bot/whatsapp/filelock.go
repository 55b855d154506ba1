package whatsapp

import (
	"context"
	"fmt"
	"os"
)

// fileLock is the lock of an SQLite store: an exclusive lock on a file
// beside it (<store>.lock). The lock is the kernel's (flock): it goes with
// the process, and with the file closed.
type fileLock struct {
	path string
	f    *os.File // open while held
}

func (l *fileLock) try(context.Context) (bool, error) {
	f, err := os.OpenFile(l.path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return false, fmt.Errorf("whatsapp: opening the store's lock file: %w", err)
	}
	held, err := lockFile(f)
	if err != nil || !held {
		f.Close()
		return false, err
	}
	l.f = f
	return true, nil
}

// alive: a lock on an open file is held until it is closed.
func (l *fileLock) alive(context.Context) bool { return true }

// unlock closes the lock file, which drops the lock.
func (l *fileLock) unlock() {
	if l.f != nil {
		l.f.Close()
		l.f = nil
	}
}

func (l *fileLock) busyReason() string {
	return "another process on this machine has the WhatsApp store open (" + l.path + " is locked): two processes on one store would keep dropping each other's connection"
}

func (l *fileLock) guard() guard { return guardFile }
