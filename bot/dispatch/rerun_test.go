package dispatch_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot/dispatch"
	"frontdoor/store/storetest"
)

// lossyConn passes everything through, except the reply to the first
// command that holds mark: it waits until Redis has sent it, so that the
// command surely ran, and then cuts the connection and reports err, as a
// cut connection or a read that timed out on a loaded machine does.
type lossyConn struct {
	net.Conn
	mark  []byte
	armed *atomic.Bool // shared by the client's connections: one reply is lost
	err   error
	lose  bool // this connection's next read loses the reply
}

func (c *lossyConn) Write(b []byte) (int, error) {
	if bytes.Contains(b, c.mark) && c.armed.CompareAndSwap(true, false) {
		c.lose = true
	}
	return c.Conn.Write(b)
}

func (c *lossyConn) Read(b []byte) (int, error) {
	if !c.lose {
		return c.Conn.Read(b)
	}
	if _, err := c.Conn.Read(b); err != nil {
		return 0, err
	}
	c.Conn.Close()
	return 0, c.err
}

// A reply of Redis that never reaches the dispatcher makes go-redis send
// the command again (MaxRetries, 3 by default, as serve runs it), after
// a cut connection or a read timeout (3 s: a machine under load, an fsync
// that stalls). The commit then runs twice; it must not take a second
// message out of the inbox, which would leave it unanswered for good.
func TestCommitRunTwiceLosesNoMessage(t *testing.T) {
	if len(storetest.Options().Addrs) > 0 {
		t.Skip("cuts the connections of a single Redis server")
	}
	timeout := &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"reply cut", io.EOF},
		{"reply too late", timeout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			opt, err := redis.ParseURL(storetest.URL())
			if err != nil {
				t.Fatal(err)
			}
			armed := new(atomic.Bool)
			opt.Dialer = func(ctx context.Context, network, addr string) (net.Conn, error) {
				c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
				if err != nil {
					return nil, err
				}
				return &lossyConn{Conn: c, mark: []byte(dispatch.CommitHash), armed: armed, err: tc.err}, nil
			}
			rdb := redis.NewClient(opt)
			t.Cleanup(func() { rdb.Close() })
			ctx := context.Background()
			// Known to the server, so that the commit goes as EVALSHA
			// and runs in the command whose reply is lost.
			if err := dispatch.LoadCommit(ctx, rdb); err != nil {
				t.Fatal(err)
			}
			d := f.dispatcher(rdb, dispatch.Options{})
			// Two messages wait, so that the first one's commit has a
			// second to take.
			for _, m := range []string{"one", "two"} {
				if ok, err := d.Accept(ctx, msg("1", m, m)); !ok || err != nil {
					t.Fatalf("accept %s: %v %v", m, ok, err)
				}
			}
			armed.Store(true)
			start(t, d)
			settle(t, d, f.out, "1", "three", "echo:three")
			if armed.Load() {
				t.Fatal("no commit's reply was lost: the test tested nothing")
			}
			c := msg("1", "", "").Contact
			if got, want := f.out.replies(c), []string{"echo:one", "echo:two", "echo:three"}; !slices.Equal(got, want) {
				t.Errorf("replies = %q, want %q", got, want)
			}
		})
	}
}
