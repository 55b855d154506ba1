package dispatch_test

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// failPush fails every RPUSH its client sends: a signal the accept script
// asked for that never reaches the group's list, as when the process
// stops between the script and the push.
type failPush struct{}

func (failPush) DialHook(next redis.DialHook) redis.DialHook { return next }

func (failPush) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if cmd.Name() == "rpush" {
			cmd.SetErr(errors.New("connection reset by the test"))
			return cmd.Err()
		}
		return next(ctx, cmd)
	}
}

func (failPush) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		for _, c := range cmds {
			if c.Name() == "rpush" {
				c.SetErr(errors.New("connection reset by the test"))
				return c.Err()
			}
		}
		return next(ctx, cmds)
	}
}

// A contact the scripts made pending but whose signal was never pushed
// (its group's list is in another slot, so the push is a command of its
// own) is signalled by the janitor a lease later: its message and an
// operator's reply queued meanwhile are answered, in order, once.
func TestUnsignalledContactSignalledByTheJanitor(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	broken := storetest.Client(t)
	broken.AddHook(failPush{})
	// Not running: the accept signals rather than claims.
	first := f.dispatcher(broken, dispatch.Options{Lease: time.Second})
	if ok, err := first.Accept(ctx, msg("1", "m1", "one")); !ok || err != nil {
		t.Fatalf("accept: %v %v", ok, err)
	}
	ob := dispatch.NewOutbox(broken, f.keys, []string{"test"}, nil)
	if err := ob.Send(ctx, bot.Contact{Channel: "test", ID: "1"}, dispatch.Outbound{Reply: bot.Reply{Text: "from an operator"}}); err != nil {
		t.Fatal(err)
	}
	for g := range store.SignalGroups {
		if n := f.rdb.LLen(ctx, f.keys.GroupKey(g, "ready")).Val(); n != 0 {
			t.Fatalf("group %d holds %d signals: the push was not lost, the test tests nothing", g, n)
		}
	}
	started := time.Now()
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: time.Second})
	start(t, d)
	c := msg("1", "", "").Contact
	waitFor(t, "the answers", func() bool { return len(f.out.replies(c)) == 2 })
	if got, want := f.out.replies(c), []string{"echo:one", "from an operator"}; !slices.Equal(got, want) {
		t.Errorf("replies = %q, want %q", got, want)
	}
	t.Logf("answered %v after the start", time.Since(started).Round(10*time.Millisecond))
	settle(t, d, f.out, "1", "two", "echo:two")
	if got := f.out.replies(c); len(got) != 3 {
		t.Errorf("replies = %q, want three", got)
	}
}

// One process sweeps at a time: another's janitor finds the lease taken
// and leaves the sets alone, the holder keeps it at each pass, and the
// other takes over at its first pass once the first stops. Both janitors
// pass when the test says (StepJanitor): it counts the second's tries for
// the lease, where it slept for some of them.
func TestOneJanitorSweeps(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	watch2 := &sweepWatch{}
	r2 := storetest.ClientDialing(t, nil)
	r2.AddHook(watch2)
	// A lease of an hour never runs out in the test: only the first's
	// stop gives it up, whatever the machine's load.
	d1 := f.dispatcher(f.rdb, dispatch.Options{Lease: time.Hour})
	d2 := f.dispatcher(r2, dispatch.Options{Lease: time.Hour})
	pass1, pass2 := d1.StepJanitor(patience), d2.StepJanitor(patience)
	stop1 := start(t, d1)
	lease := f.keys.Global("janitor")
	waitFor(t, "the janitor's lease", func() bool { return f.rdb.Exists(ctx, lease).Val() == 1 })
	holder := f.rdb.Get(ctx, lease).Val()
	start(t, d2)
	// The second tries at its start and at each of its passes.
	for i := range 3 {
		// Shortened, to see the holder's pass renew it.
		f.rdb.PExpire(ctx, lease, time.Minute)
		if !pass1() || !pass2() {
			t.Fatalf("pass %d: a janitor did not pass", i+1)
		}
		if got, ttl := f.rdb.Get(ctx, lease).Val(), f.rdb.PTTL(ctx, lease).Val(); got != holder || ttl <= time.Minute {
			t.Fatalf("pass %d: the lease is %q's for %v, want %q's renewed for an hour", i+1, got, ttl, holder)
		}
	}
	if n := watch2.count(); n != 0 {
		t.Errorf("the second janitor swept %d times while the first held the lease", n)
	}
	stop1()
	if !pass2() {
		t.Fatal("the second janitor did not pass after the stop")
	}
	if v := f.rdb.Get(ctx, lease).Val(); v == "" || v == holder {
		t.Errorf("the lease is %q after the holder's stop and the other's pass, want the other's", v)
	} else if watch2.count() == 0 {
		t.Error("the second janitor took the lease over and swept nothing")
	}
}

// failJanitorRelease fails the script that hands the janitor's lease
// over on a stop, as a Redis gone away then would.
type failJanitorRelease struct{}

func (failJanitorRelease) DialHook(next redis.DialHook) redis.DialHook { return next }

func (failJanitorRelease) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if args := cmd.Args(); cmd.Name() == "eval" && len(args) > 1 {
			if src, _ := args[1].(string); strings.Contains(src, "redis.call('DEL'") {
				err := errors.New("connection reset")
				cmd.SetErr(err)
				return err
			}
		}
		return next(ctx, cmd)
	}
}

func (failJanitorRelease) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// A stop that cannot hand the janitor's lease over says so: another
// process sweeps only a lease later.
func TestJanitorLeaseNotReleasedIsLogged(t *testing.T) {
	f := newFixture(t)
	f.rdb.AddHook(failJanitorRelease{})
	var logged syncBuffer
	d := f.dispatcher(f.rdb, dispatch.Options{Lease: time.Second, Log: slog.New(slog.NewTextHandler(&logged, nil))})
	stop := start(t, d)
	lease := f.keys.Global("janitor")
	waitFor(t, "the janitor's lease", func() bool { return f.rdb.Exists(context.Background(), lease).Val() == 1 })
	stop()
	if out := logged.String(); !strings.Contains(out, "level=WARN") || !strings.Contains(out, "janitor's lease") {
		t.Errorf("log %q, want a warning that the lease is not released", out)
	}
}

// A message the outbox queued but could not signal is queued (nil: the
// janitor signals it a lease later), and the failed push is logged.
func TestOutboxLogsAFailedSignal(t *testing.T) {
	f := newFixture(t)
	f.rdb.AddHook(failPush{})
	var logged syncBuffer
	ob := dispatch.NewOutbox(f.rdb, f.keys, []string{"test"}, nil).WithLog(slog.New(slog.NewTextHandler(&logged, nil)))
	if err := ob.Send(context.Background(), msg("1", "", "").Contact, dispatch.Outbound{Reply: bot.Reply{Text: "secret notice"}}); err != nil {
		t.Fatalf("send: %v", err)
	}
	out := logged.String()
	if !strings.Contains(out, "level=WARN") || !strings.Contains(out, "signalling") {
		t.Errorf("log %q, want a warning that the signal was not pushed", out)
	}
	if strings.Contains(out, "secret") {
		t.Errorf("the message's text in the log: %q", out)
	}
}
