package storetest

import (
	"bytes"
	"context"
	"net"
	"sync/atomic"
)

// ReplyLoss makes a go-redis client lose one reply of Redis: the reply to
// the first command written, once armed, whose bytes hold the mark. The
// command runs in Redis; the client reads its reply, closes the
// connection and reports err (a timeout, a cut connection), so go-redis
// sends the command again (MaxRetries). Tests use it to show that a
// script run twice leaves things as one run would.
type ReplyLoss struct {
	mark atomic.Pointer[[]byte] // shared by the client's connections: one reply is lost
	err  error
}

// NewReplyLoss is a ReplyLoss whose lost replies read as err.
func NewReplyLoss(err error) *ReplyLoss { return &ReplyLoss{err: err} }

// Dialer is for redis.Options.Dialer.
func (l *ReplyLoss) Dialer(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &lossyConn{Conn: c, loss: l}, nil
}

// Arm loses the reply to the next command that holds mark.
func (l *ReplyLoss) Arm(mark string) {
	b := []byte(mark)
	l.mark.Store(&b)
}

// Armed says that no reply was lost since Arm: the test tested nothing.
func (l *ReplyLoss) Armed() bool { return l.mark.Load() != nil }

// lossyConn passes everything through, except the reply to the first
// write that holds the armed mark.
type lossyConn struct {
	net.Conn
	loss *ReplyLoss
	lose bool // this connection's next read loses the reply
}

func (c *lossyConn) Write(b []byte) (int, error) {
	if m := c.loss.mark.Load(); m != nil && bytes.Contains(b, *m) && c.loss.mark.CompareAndSwap(m, nil) {
		c.lose = true
	}
	return c.Conn.Write(b)
}

func (c *lossyConn) Read(b []byte) (int, error) {
	if !c.lose {
		return c.Conn.Read(b)
	}
	// Wait until Redis has answered, so that the command ran.
	if _, err := c.Conn.Read(b); err != nil {
		return 0, err
	}
	c.Conn.Close()
	return 0, c.loss.err
}
