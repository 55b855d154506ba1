package ratelimit_test

import (
	"errors"
	"net"
	"testing"
	"time"

	"frontdoor/ratelimit"
)

func TestLimitListenerHoldsAtMostN(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := ratelimit.LimitListener(inner, 2)
	accepted := make(chan net.Conn, 10)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				close(accepted)
				return
			}
			accepted <- c
		}
	}()
	dial := func() net.Conn {
		c, err := net.Dial("tcp", inner.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	wait := func(what string) net.Conn {
		t.Helper()
		select {
		case c := <-accepted:
			return c
		case <-time.After(10 * time.Second):
			t.Fatalf("%s not accepted", what)
		}
		return nil
	}
	dial()
	dial()
	first := wait("first")
	wait("second")
	dial()
	// The third waits for a slot; this only looks, briefly, for a
	// wrong early accept and cannot fail on a slow machine.
	select {
	case <-accepted:
		t.Fatal("a third connection was accepted while two were open")
	case <-time.After(100 * time.Millisecond):
	}
	first.Close()
	first.Close() // closing twice frees one slot only
	wait("third, after one closed")
	dial()
	select {
	case <-accepted:
		t.Fatal("a fourth connection was accepted: closing one twice freed two slots")
	case <-time.After(100 * time.Millisecond):
	}

	ln.Close()
	select {
	case _, ok := <-accepted:
		if ok {
			t.Fatal("accepted after Close")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Accept did not return after Close")
	}
	if _, err := ln.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Fatalf("Accept after Close: %v, want net.ErrClosed", err)
	}
}
