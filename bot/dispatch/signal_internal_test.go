package dispatch

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// A push of signals to a Redis that does not answer gives up within about
// signalTimeout (the janitor signals the contacts a lease later), not
// after the client's own read timeout: the caller (a webhook, a sender)
// waits on it.
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
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		done <- pushSignals(context.Background(), rdb, store.NewKeys("t:"), []string{"telegram:1", "telegram:2"})
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a push to a silent Redis succeeded")
		}
		if took := time.Since(start); took > signalTimeout+time.Second {
			t.Errorf("gave up after %v, want about %v", took, signalTimeout)
		}
	case <-time.After(signalTimeout + 3*time.Second):
		t.Fatalf("still pushing after %v", time.Since(start))
	}
}
