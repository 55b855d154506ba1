package dispatch_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"slices"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"frontdoor/bot/dispatch"
	"frontdoor/store/storetest"
)

// blackout is a failover as a client sees it: the reply to the first
// command holding the mark is lost after Redis ran the command, and from
// then on every connection is refused and every write cut, until the
// test lifts it (the new master answers).
type blackout struct {
	mark  []byte
	armed atomic.Bool
	dark  atomic.Bool
}

func (b *blackout) Dialer(ctx context.Context, network, addr string) (net.Conn, error) {
	if b.dark.Load() {
		return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
	}
	c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &darkConn{Conn: c, b: b}, nil
}

type darkConn struct {
	net.Conn
	b    *blackout
	lose bool
}

func (c *darkConn) Write(p []byte) (int, error) {
	if c.b.dark.Load() {
		c.Conn.Close()
		return 0, &net.OpError{Op: "write", Net: "tcp", Err: syscall.ECONNRESET}
	}
	if bytes.Contains(p, c.b.mark) && c.b.armed.CompareAndSwap(true, false) {
		c.lose = true
	}
	return c.Conn.Write(p)
}

func (c *darkConn) Read(p []byte) (int, error) {
	if c.lose {
		// Redis answered: the command ran. Its answer is lost.
		c.Conn.Read(p)
		c.b.dark.Store(true)
		c.Conn.Close()
		return 0, io.EOF
	}
	return c.Conn.Read(p)
}

// An accept that claimed its contact (a worker was free) but whose answer
// was lost in a failover leaves the contact's lock with a token no worker
// has, and the channel, told nothing was recorded, sends the message
// again: a duplicate, which claims nothing. The claim is let go once Redis
// answers again: before, the person waited for the lock to expire and the
// janitor to come by (a lease and up to two more, 45 s with serve's: the
// Sentinel failover test answered its last message 45 s after the kill;
// an hour here, so never).
func TestClaimOfAFailedAcceptIsLetGo(t *testing.T) {
	f := newFixture(t)
	b := &blackout{mark: []byte("lost-in-the-failover")}
	rdb := storetest.ClientDialing(t, b.Dialer)
	d := f.dispatcher(rdb, dispatch.Options{Lease: time.Hour})
	start(t, d)
	ctx := context.Background()
	// Running, with its scripts loaded: the next accept claims.
	settle(t, d, f.out, "warm", "warm", "echo:warm")
	m := msg("g", "m1", "lost-in-the-failover")
	b.armed.Store(true)
	if _, err := d.Accept(ctx, m); err == nil {
		t.Fatal("the accept succeeded: no answer was lost, the test tested nothing")
	}
	if b.armed.Load() {
		t.Fatal("the accept never reached Redis: the test tested nothing")
	}
	b.dark.Store(false)
	// The platform sends it again.
	waitFor(t, "the message accepted again", func() bool {
		actx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		_, err := d.Accept(actx, m)
		return err == nil
	})
	c := m.Contact
	waitFor(t, "the answer", func() bool { return len(f.out.replies(c)) > 0 })
	settle(t, d, f.out, "g", "after", "echo:after")
	if got, want := f.out.replies(c), []string{"echo:lost-in-the-failover", "echo:after"}; !slices.Equal(got, want) {
		t.Errorf("replies = %q, want %q", got, want)
	}
}
