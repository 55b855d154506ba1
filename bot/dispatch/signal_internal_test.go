package dispatch

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// sentWith is the deadline of the context a pipeline went out with, and
// when it went out.
type sentWith struct {
	at, deadline time.Time
	has          bool
}

// deadlineWatch tells, for each pipeline of its client, the deadline
// it is sent with.
type deadlineWatch chan sentWith

func (deadlineWatch) DialHook(next redis.DialHook) redis.DialHook          { return next }
func (deadlineWatch) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }

func (w deadlineWatch) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		s := sentWith{at: time.Now()}
		s.deadline, s.has = ctx.Deadline()
		select {
		case w <- s:
		default:
		}
		return next(ctx, cmds)
	}
}

// A push of signals to a Redis that does not answer gives up at a
// deadline of its own, signalTimeout after it is called (the janitor
// signals the contacts a lease later), not after the client's own read
// timeout: the caller (a webhook, a sender) waits on it. The test reads
// the deadline the push sends its commands with, rather than timing the
// push, which a loaded machine stretches.
func TestPushSignalsHasADeadline(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // held open, never answered
		}
	}()
	rdb := redis.NewClient(&redis.Options{Addr: ln.Addr().String(), ReadTimeout: time.Minute, MaxRetries: -1, ContextTimeoutEnabled: true})
	defer rdb.Close()
	watch := make(deadlineWatch, 1)
	rdb.AddHook(watch)
	done := make(chan error, 1)
	called := time.Now()
	go func() {
		done <- pushSignals(context.Background(), rdb, store.NewKeys("t:"), []string{"telegram:1", "telegram:2"})
	}()
	// Bounds of a test that is broken, not of the push.
	const patience = time.Minute
	select {
	case s := <-watch:
		if !s.has {
			t.Fatal("the push's commands went out without a deadline: it waits as long as the client lets it")
		}
		// Set between the call and the send, signalTimeout ahead.
		if s.deadline.Before(called.Add(signalTimeout)) || s.deadline.After(s.at.Add(signalTimeout)) {
			t.Errorf("the push's deadline is %v after its call, %v after its send: want signalTimeout (%v) after a moment between them",
				s.deadline.Sub(called), s.deadline.Sub(s.at), signalTimeout)
		}
	case <-time.After(patience):
		t.Fatal("the push sent nothing")
	}
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a push to a silent Redis succeeded")
		}
	case <-time.After(patience):
		t.Fatal("a push to a silent Redis never gave up")
	}
}
