package handoff_test

import (
	"context"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdoor/handoff"
	"frontdoor/store/storetest"
)

// TestQueueScriptsRunTwice: go-redis sends a script again when its reply
// is lost, though Redis ran it (MaxRetries, 3 by default). A claim run
// twice answered 'taken' to the operator who got the case (Claim failed
// with ErrTaken; Next went on and claimed them a second case), and an
// append run twice put its lines in the transcript twice.
func TestQueueScriptsRunTwice(t *testing.T) {
	cat := shared.Catalog(t)
	timeout := &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	for _, op := range []string{"claim", "next", "append"} {
		for _, loss := range []struct {
			name string
			err  error
		}{{"cut", io.EOF}, {"too late", timeout}} {
			t.Run(op+" reply "+loss.name, func(t *testing.T) {
				_, keys := storetest.Redis(t) // the prefix, cleaned up afterwards
				lost := storetest.NewReplyLoss(loss.err)
				rdb := storetest.ClientDialing(t, lost.Dialer)
				// A clock a second on at each reading: the cases opened
				// one after the other are older and younger for Next,
				// never of the same millisecond, whose order is the
				// cases' random ids (it failed so on a Cluster).
				var mu sync.Mutex
				now := time.Now()
				clock := func() time.Time {
					mu.Lock()
					defer mu.Unlock()
					now = now.Add(time.Second)
					return now
				}
				svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4, Out: &sent{}, Clock: clock})
				if err != nil {
					t.Fatal(err)
				}
				ctx := context.Background()
				addOperator(t, svc, "ana", []string{"*"}, []string{"*"}, 5)
				first := open(t, svc, "1", "it", "legal", false)
				second := open(t, svc, "2", "it", "legal", false)
				arm := lost.Arm
				switch op {
				case "claim", "next":
					third := open(t, svc, "3", "it", "work", false)
					// A first claim loads the script, so that the next
					// goes as EVALSHA and runs in the command whose
					// reply is lost.
					want, waits := first, third
					if op == "claim" {
						if err := svc.Claim(ctx, "ana", third.ID); err != nil {
							t.Fatal(err)
						}
						waits = second
					} else {
						if got, err := svc.Next(ctx, "ana"); err != nil || got != first.ID {
							t.Fatalf("first next = %q, %v; want %q", got, err, first.ID)
						}
						want = second
					}
					arm(handoff.ScriptHash(op))
					if op == "claim" {
						if err := svc.Claim(ctx, "ana", want.ID); err != nil {
							t.Fatalf("claim: %v, want the case", err)
						}
					} else if got, err := svc.Next(ctx, "ana"); err != nil || got != want.ID {
						t.Fatalf("next = %q, %v; want %q", got, err, want.ID)
					}
					if cs, err := svc.Queue().Get(ctx, want.ID); err != nil || cs.Status != handoff.StatusAssigned || cs.Operator != "ana" {
						t.Errorf("the claimed case: %+v %v", cs, err)
					}
					if cs, err := svc.Queue().Get(ctx, waits.ID); err != nil || cs.Status != handoff.StatusWaiting {
						t.Errorf("the case nobody claimed: %+v %v, want waiting", cs, err)
					}
				case "append":
					const line = "a line written once"
					arm(line)
					if err := svc.Queue().Append(ctx, first.ID, handoff.Entry{By: "system", Text: line}); err != nil {
						t.Fatal(err)
					}
					tx, err := svc.Queue().Transcript(ctx, first.ID)
					if err != nil {
						t.Fatal(err)
					}
					n := 0
					for _, e := range tx {
						if strings.Contains(e.Text, line) {
							n++
						}
					}
					if n != 1 {
						t.Errorf("the line is %d times in the transcript, want once", n)
					}
				}
				if lost.Armed() {
					t.Fatal("no reply was lost: the test tested nothing")
				}
			})
		}
	}
}
