package dispatch_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/internal/logbuf"
	"frontdoor/store/storetest"
)

// sweepWatch records the sets each pass of a janitor's sweep reads (a
// go-redis hook on one process's client): a pipeline of ZRANGEBYSCOREs
// is one pass.
type sweepWatch struct {
	mu   sync.Mutex
	seen [][]string
}

func (*sweepWatch) DialHook(next redis.DialHook) redis.DialHook          { return next }
func (*sweepWatch) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }

func (w *sweepWatch) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		var read []string
		for _, c := range cmds {
			if c.Name() == "zrangebyscore" {
				read = append(read, fmt.Sprint(c.Args()[1]))
			}
		}
		if len(read) > 0 {
			w.mu.Lock()
			w.seen = append(w.seen, read)
			w.mu.Unlock()
		}
		return next(ctx, cmds)
	}
}

// count is how many passes swept so far.
func (w *sweepWatch) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.seen)
}

// passes lists the sets each pass so far read, in order.
func (w *sweepWatch) passes() [][]string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([][]string(nil), w.seen...)
}

// lostReply is a dispatcher of a fixture whose client loses the reply to
// the one command the test arms (storetest.ReplyLoss: the command ran in
// Redis, go-redis sends it again), with a lease of an hour: the janitor
// never comes within the test, so what the second run leaves undone stays
// undone. Its warnings go to logs.
type lostReply struct {
	*storetest.ReplyLoss
	f    *fixture
	rdb  redis.UniversalClient
	d    *dispatch.Dispatcher
	logs *logbuf.Buffer
}

func newLostReply(t *testing.T, f *fixture) *lostReply {
	t.Helper()
	loss := storetest.NewReplyLoss(io.EOF)
	rdb := storetest.ClientDialing(t, loss.Dialer)
	// Loaded, each script runs as one EVALSHA, whose bytes the mark finds.
	if err := dispatch.LoadScripts(context.Background(), rdb); err != nil {
		t.Fatal(err)
	}
	logs := &logbuf.Buffer{}
	d := f.dispatcher(rdb, dispatch.Options{Lease: time.Hour,
		Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	return &lostReply{ReplyLoss: loss, f: f, rdb: rdb, d: d, logs: logs}
}

// Marks of the scripts that hand contact c back, for Arm: a format of the
// length of c's key and the key.
const (
	// done's contact and flags: delivered ("o"), handed back ("b").
	doneHandsBack = "\r\n$%d\r\n%s\r\n$2\r\nob\r\n"
	// commitDone's handBack ("1") and contact.
	commitDoneHandsBack = "\r\n$1\r\n1\r\n$%d\r\n%s\r\n"
)

// handBack loses the reply to the script that hands c back (mark, one of
// the marks above), starts the dispatcher and waits until c has want
// replies: the last of them, queued after the hand back, comes only if
// the signal the lost reply asked for is pushed (else it waits for the
// janitor, an hour). It checks that a reply was lost and that no hold was
// logged as lost, and gives c's replies.
func (l *lostReply) handBack(t *testing.T, c bot.Contact, mark string, want int) []string {
	t.Helper()
	defer func() {
		if t.Failed() {
			t.Logf("replies to %s: %q; reply lost: %v; log:\n%s", c.Key(), l.f.out.replies(c), !l.Armed(), l.logs.String())
		}
	}()
	l.Arm(fmt.Sprintf(mark, len(c.Key()), c.Key()))
	start(t, l.d)
	waitFor(t, fmt.Sprintf("%d replies, the last after the hand back (without its signal it waits for the janitor, a lease)", want),
		func() bool { return len(l.f.out.replies(c)) >= want })
	if l.Armed() {
		t.Fatal("no reply was lost: the test tested nothing")
	}
	if l := l.logs.String(); strings.Contains(l, "lost the hold") {
		t.Errorf("logged a lost hold:\n%s", l)
	}
	return l.f.out.replies(c)
}
