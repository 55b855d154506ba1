package whatsapp

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// pgSessionLock is the first key of the advisory lock a process holds on
// a PostgreSQL store while it has the WhatsApp session; the second is the
// hash of the store's schema (pgLockQuery). Advisory locks are per
// database, but a store is a schema: two desks may keep their stores in
// one database, each in its schema (search_path in the store's URL, and
// whatsmeow's tables are unqualified), and one key per database kept the
// second desk standing by for ever.
const pgSessionLock int32 = 0x66645f77 // "fd_w"

// pgLockQuery takes the store's lock: the schema is the one the store's
// connections create and read whatsmeow's tables in (the first of
// search_path that exists). Without one the key is that of "".
const pgLockQuery = `SELECT pg_try_advisory_lock($1, hashtext(coalesce(current_schema(), '')))`

// pgLock is the lock of a PostgreSQL store: a session-level advisory
// lock, held by one connection kept aside from the pool for as long as
// the process has the WhatsApp session. The server lets it go with that
// connection, so a process that dies, or loses its database, leaves it
// free.
type pgLock struct {
	db   *sql.DB
	conn *sql.Conn // held while locked
}

func (l *pgLock) try(ctx context.Context) (bool, error) {
	conn, err := l.db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("whatsapp: connecting to the store for its lock: %w", err)
	}
	var held bool
	if err := conn.QueryRowContext(ctx, pgLockQuery, pgSessionLock).Scan(&held); err != nil {
		closeSession(conn)
		return false, fmt.Errorf("whatsapp: locking the store: %w", err)
	}
	if !held {
		conn.Close()
		return false, nil
	}
	l.conn = conn
	return true, nil
}

// alive asks the lock's connection: while its database session lives,
// the lock is this process's (only it can let it go). A connection that
// does not answer within ctx counts as lost: the server may have ended
// the session and given the lock to another process.
func (l *pgLock) alive(ctx context.Context) bool {
	return l.conn != nil && l.conn.PingContext(ctx) == nil
}

// unlock lets the lock go and closes its connection rather than return it
// to the pool: a pooled session still holding the lock would keep every
// process, this one included, standing by.
func (l *pgLock) unlock() {
	if l.conn == nil {
		return
	}
	closeSession(l.conn)
	l.conn = nil
}

func (l *pgLock) busyReason() string {
	return "another process has the WhatsApp session of this PostgreSQL store (its advisory lock is held): two processes on one store would keep dropping each other's connection"
}

// closeSession closes conn's database session: database/sql drops a
// connection whose use reports driver.ErrBadConn, and the server ends the
// session and its locks with it.
func closeSession(conn *sql.Conn) {
	conn.Raw(func(any) error { return driver.ErrBadConn })
	conn.Close()
}

func (l *pgLock) guard() guard { return guardPostgres }
