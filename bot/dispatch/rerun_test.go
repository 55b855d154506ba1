package dispatch_test

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/store/storetest"
)

// A reply of Redis that never reaches the dispatcher makes go-redis send
// the command again (MaxRetries, 3 by default, as serve runs it), after a
// cut connection or a read timeout (3 s: a machine under load, an fsync
// that stalls). Each script of a message's path must then leave things as
// one run would: a commit run twice took the next message out of the inbox
// unanswered, an accept or a claim run twice left the contact held by
// nobody until the lease ended (an hour here: never, for the test), an
// enqueue run twice sent an operator's reply twice, and a count of failed
// tries run twice counted two: a message that fails maxTries-1 times and
// then works was given up a try early, unanswered, and so was an outbox
// the platform took at its last allowed delivery round.
func TestScriptsRunTwiceLoseNoMessage(t *testing.T) {
	timeout := &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	for _, tc := range []struct{ name, script string }{
		{"accept", "accept"},
		{"claim", "claim"},
		{"commit", "commit"},
		{"done", "done"},
		// A message that leaves nothing to send: its commit does done's
		// work, and hands over the next one.
		{"commit and done", "commitDone"},
		{"enqueue", "enqueue"},
		// The count of a failed handling (tries)...
		{"count of tries", "count"},
		// ...and of a postponed delivery (dtries).
		{"count of rounds", "count"},
	} {
		script := tc.script
		for _, loss := range []struct {
			name string
			err  error
		}{
			{"cut", io.EOF},
			{"too late", timeout},
		} {
			t.Run(tc.name+" reply "+loss.name, func(t *testing.T) {
				// Each case has keys, a client and a dispatcher of its
				// own, and mostly waits on Redis: they run side by side.
				t.Parallel()
				f := newFixture(t)
				lost := storetest.NewReplyLoss(loss.err)
				rdb := storetest.ClientDialing(t, lost.Dialer)
				ctx := context.Background()
				// Known to the server, so that each goes as EVALSHA and
				// runs in the command whose reply is lost.
				if err := dispatch.LoadScripts(ctx, rdb); err != nil {
					t.Fatal(err)
				}
				opts := dispatch.Options{Lease: time.Hour}
				switch tc.name {
				case "count of tries":
					// "one" fails as often as it may and still be
					// answered: maxTries (5) less one.
					var fails atomic.Int32
					f.h.hook = func(tn bot.Turn) error {
						if tn.Message.Text == "one" && fails.Add(1) <= 4 {
							return errors.New("a passing fault")
						}
						return nil
					}
					opts.RetryPause = time.Millisecond
					opts.Apology = func(_ []byte, m bot.Message) bot.Reply { return bot.Reply{Text: "sorry:" + m.Text} }
				case "count of rounds":
					// The answer to "one" meets the platform away once,
					// and the outbox may be postponed once: the next
					// round, a lease later, delivers it.
					var fails atomic.Int32
					f.out.fail = func(_ bot.Contact, r bot.Reply) error {
						if r.Text == "echo:one" && fails.Add(1) == 1 {
							return errors.New("dial tcp: connection refused")
						}
						return nil
					}
					opts.Lease, opts.DeliveryRounds, opts.SendAttempts = 2*time.Second, 1, 1
				}
				d := f.dispatcher(rdb, opts)
				arm := func() { lost.Arm(dispatch.ScriptHash[script]) }
				c := msg("1", "", "").Contact
				want := []string{"echo:one", "echo:two", "echo:three"}
				switch script {
				case "accept":
					// Accepted while the dispatcher runs: the accept
					// claims the contact for a worker of its own.
					start(t, d)
					// Run runs once another contact is answered.
					settle(t, d, f.out, "0", "zero", "echo:zero")
					arm()
					if ok, err := d.Accept(ctx, msg("1", "one", "one")); !ok || err != nil {
						t.Fatalf("accept: %v %v", ok, err)
					}
					waitFor(t, "the answer to one", func() bool { return len(f.out.replies(c)) > 0 })
					want = []string{"echo:one", "echo:three"}
				case "enqueue":
					// An operator's reply, queued for delivery.
					start(t, d)
					arm()
					ob := dispatch.NewOutbox(rdb, f.keys, []string{"test"}, nil)
					if err := ob.Send(ctx, c, dispatch.Outbound{Reply: bot.Reply{Text: "from an operator"}}); err != nil {
						t.Fatal(err)
					}
					want = []string{"from an operator", "echo:three"}
				default:
					// Two messages wait, so that the first one's commit
					// has a second to take, and a pump's worker claims.
					for _, m := range []string{"one", "two"} {
						text := m
						if script == "commitDone" {
							text = "silent"
						}
						if ok, err := d.Accept(ctx, msg("1", m, text)); !ok || err != nil {
							t.Fatalf("accept %s: %v %v", m, ok, err)
						}
					}
					if script == "commitDone" {
						want = []string{"echo:three", "turns:3"}
					}
					arm()
					start(t, d)
				}
				settle(t, d, f.out, "1", "three", "echo:three")
				if script == "commitDone" {
					// Each silent message handled once: two turns
					// before three's.
					if ok, err := d.Accept(ctx, msg("1", "four", "turns")); !ok || err != nil {
						t.Fatalf("accept four: %v %v", ok, err)
					}
					waitFor(t, "the answer to four", func() bool { return len(f.out.replies(c)) == 2 })
				}
				if lost.Armed() {
					t.Fatal("no reply was lost: the test tested nothing")
				}
				if got := f.out.replies(c); !slices.Equal(got, want) {
					t.Errorf("replies = %q, want %q", got, want)
				}
				if script == "count" {
					// The count's token goes with the marks it guarded.
					ct := f.keys.ContactKey(c.Key(), "ct")
					if fields := f.rdb.HKeys(ctx, ct).Val(); slices.ContainsFunc(fields, func(k string) bool { return strings.Contains(k, "tries") || k == "ck" }) {
						t.Errorf("the state keeps %q after the message was answered", fields)
					}
				}
			})
		}
	}
}
