package handoff_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
	"frontdoor/store/storetest"
)

// failHook makes one Redis command fail while it is armed.
type failHook struct {
	cmd   string
	armed atomic.Bool
}

var errInjected = errors.New("injected Redis failure")

func (h *failHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *failHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if h.armed.Load() && strings.EqualFold(cmd.Name(), h.cmd) {
			cmd.SetErr(errInjected)
			return errInjected
		}
		return next(ctx, cmd)
	}
}

func (h *failHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// A Redis failure while managing accounts is reported as such, not as a
// wrong request, and removing an operator does not strand their cases.
func TestAccountRedisErrorsReported(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	ctx := context.Background()
	q := handoff.NewQueue(rdb, keys, nil)
	if err := q.SaveOperator(ctx, handoff.Operator{Name: "ana", Languages: []string{"it"}}, "password-ana"); err != nil {
		t.Fatal(err)
	}
	cs, _, err := q.Open(ctx, handoff.Case{Contact: bot.Contact{Channel: "telegram", ID: "13"}, Lang: "it", Reason: "asked"})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Claim(ctx, "ana", cs.ID); err != nil {
		t.Fatal(err)
	}

	exists := &failHook{cmd: "exists"}
	smembers := &failHook{cmd: "smembers"}
	rdb.AddHook(exists)
	rdb.AddHook(smembers)

	exists.armed.Store(true)
	err = q.SaveOperator(ctx, handoff.Operator{Name: "ana", Languages: []string{"it", "en"}}, "")
	exists.armed.Store(false)
	if !errors.Is(err, errInjected) || strings.Contains(err.Error(), "password") {
		t.Fatalf("update while Redis fails = %v, want the Redis error", err)
	}

	smembers.armed.Store(true)
	err = q.RemoveOperator(ctx, "ana")
	smembers.armed.Store(false)
	if !errors.Is(err, errInjected) {
		t.Fatalf("remove while Redis fails = %v, want the Redis error", err)
	}
	if _, err := q.Operator(ctx, "ana"); err != nil {
		t.Fatalf("the operator is gone after a failed removal: %v", err)
	}
	if err := q.RemoveOperator(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	if got, _ := q.Get(ctx, cs.ID); got.Status != handoff.StatusWaiting {
		t.Fatalf("the removed operator's case is %s, want it back in the queue", got.Status)
	}
}

// Removing an operator ends their console sessions for good: creating the
// name again does not bring them back.
func TestRemovedOperatorsSessionsStayDead(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, d.svc, "bea", []string{"it"}, []string{"*"}, 3)
	b := consoletest.New(t, d.base)
	if code, _ := b.SignIn("bea", "password-bea"); code != http.StatusSeeOther {
		t.Fatalf("sign-in = %d", code)
	}
	if code, _ := b.Get("/console/"); code != 200 {
		t.Fatalf("console = %d", code)
	}
	if err := d.svc.Queue().RemoveOperator(ctx, "bea"); err != nil {
		t.Fatal(err)
	}
	if code, _ := b.Get("/console/"); code != http.StatusSeeOther {
		t.Fatalf("console after removal = %d, want the sign-in page", code)
	}
	addOperator(t, d.svc, "bea", []string{"it"}, []string{"*"}, 3)
	if code, _ := b.Get("/console/"); code != http.StatusSeeOther {
		t.Fatalf("console of the old session after the name was created again = %d, want the sign-in page", code)
	}
	// Updating an account keeps its sessions.
	b2 := consoletest.New(t, d.base)
	b2.SignIn("bea", "password-bea")
	addOperator(t, d.svc, "bea", []string{"it", "en"}, []string{"*"}, 5)
	if code, _ := b2.Get("/console/"); code != 200 {
		t.Fatalf("console after an update of the account = %d", code)
	}
}
