package handoff_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
	"frontdoor/internal/testclock"
	"frontdoor/store/storetest"
)

// faults fails the next commands whose arguments hold mark (a text of
// the person's, say): before Redis runs them (ran false: the command
// surely did not run) or after (ran true: it ran, and its reply was lost
// past go-redis's retries).
type faults struct {
	mark string
	ran  bool
	left atomic.Int32
}

var errFault = errors.New("injected Redis fault")

func (f *faults) hits(cmd redis.Cmder) bool {
	for _, a := range cmd.Args() {
		switch v := a.(type) {
		case string:
			if strings.Contains(v, f.mark) {
				return true
			}
		case []byte:
			if bytes.Contains(v, []byte(f.mark)) {
				return true
			}
		}
	}
	return false
}

func (f *faults) take(cmds []redis.Cmder) bool {
	for _, c := range cmds {
		if f.hits(c) && f.left.Add(-1) >= 0 {
			return true
		}
	}
	return false
}

func (f *faults) DialHook(next redis.DialHook) redis.DialHook { return next }

func (f *faults) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if !f.take([]redis.Cmder{cmd}) {
			return next(ctx, cmd)
		}
		if f.ran {
			next(ctx, cmd)
		}
		cmd.SetErr(errFault)
		return errFault
	}
}

func (f *faults) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if !f.take(cmds) {
			return next(ctx, cmds)
		}
		if f.ran {
			next(ctx, cmds)
		}
		for _, c := range cmds {
			c.SetErr(errFault)
		}
		return errFault
	}
}

// faultyService is a service whose Redis client fails the commands f
// picks, with its clock.
func faultyService(t *testing.T, f *faults) (*handoff.Service, *testclock.Clock) {
	t.Helper()
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	rdb.AddHook(f)
	cat := shared.Catalog(t)
	clock := newClock()
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{Clock: clock.Now, PasswordCost: 4, Out: &sent{}})
	if err != nil {
		t.Fatal(err)
	}
	return svc, clock
}

// occurrences counts the lines of case id's transcript by who whose text
// holds text.
func occurrences(t *testing.T, svc *handoff.Service, id, by, text string) int {
	t.Helper()
	tx, err := svc.Queue().Transcript(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range tx {
		if e.By == by && strings.Contains(e.Text, text) {
			n++
		}
	}
	return n
}

// cs is c's open case.
func cs(t *testing.T, svc *handoff.Service, c bot.Contact) handoff.Case {
	t.Helper()
	got, err := svc.OpenCase(context.Background(), c)
	if err != nil {
		t.Fatalf("the case is not open: %v", err)
	}
	return got
}

// stored is e as the dispatcher's outbox hands it back on a replay.
func stored(t *testing.T, e bot.Event) bot.Event {
	t.Helper()
	b, err := bot.MarshalEvent(e)
	if err != nil {
		t.Fatal(err)
	}
	back, err := bot.UnmarshalEvent(b)
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// openingFault is the mark of the opening lines' script: its keys name the
// transcript's opening mark. The lines' texts are no mark since the case
// keeps them too (owed), in the script that opens it.
const openingFault = "}:opening"

// TestOpeningLinesSurviveAFailedAppend (issues 12 and 19): the first lines
// of an urgent case, the danger itself among them, must reach the
// operator. When writing them failed, the event succeeded (the failure
// was only logged), and nothing wrote them again: the operator had to ask
// a person in danger to tell it again. Now the case keeps them (owed),
// and the event still succeeds, so that the person's answer is not held
// behind it (TestOpenCaseAnswerDoesNotWaitForItsOpeningLines): an
// operator reading the transcript sees them while they cannot be written,
// and they are written there once, whether the failed write ran in Redis
// or not, whoever writes them.
func TestOpeningLinesSurviveAFailedAppend(t *testing.T) {
	const danger = "mio marito mi picchia, ho paura"
	const before = "ciao, ho bisogno di aiuto"
	for _, ran := range []bool{false, true} {
		name := "not run"
		if ran {
			name = "ran, reply lost"
		}
		t.Run(name, func(t *testing.T) {
			f := &faults{mark: openingFault, ran: ran}
			svc, clock := faultyService(t, f)
			ctx := context.Background()
			c := bot.Contact{Channel: "telegram", ID: "1"}
			ev := bot.HandoffRequested{Lang: "it", Reason: bot.UrgentReason("violence"), Urgent: true, UrgentKind: "violence",
				Text: danger, Message: "m2", Said: []string{before}, SaidIDs: []string{"m1"}, Told: []string{"Chiama il 112"}}
			lines := []struct{ by, text string }{{"person", danger}, {"person", before}, {"bot", "Chiama il 112"}, {"system", "opened"}}
			// once checks that the operators' transcript holds each line
			// once, the opening first.
			once := func(when string) {
				t.Helper()
				tx, err := svc.Transcript(ctx, cs(t, svc, c).ID)
				if err != nil {
					t.Fatalf("%s: %v", when, err)
				}
				for _, l := range lines {
					n := 0
					for _, e := range tx {
						if e.By == l.by && strings.Contains(e.Text, l.text) {
							n++
						}
					}
					if n != 1 {
						t.Errorf("%s: the %s line %q is %d times in the transcript, want once", when, l.by, l.text, n)
					}
				}
				if len(tx) == 0 || tx[0].By != "person" || tx[0].Text != before {
					t.Errorf("%s: the transcript does not start with the opening: %+v", when, tx)
				}
			}
			f.left.Store(1)
			// The case is open: its event must succeed, or the dispatcher
			// would hold the person's answer behind it.
			if err := svc.HandleEvent(ctx, c, ev); err != nil {
				t.Fatalf("the case opened, and its event failed: %v", err)
			}
			if f.left.Load() > 0 {
				t.Fatal("no fault was injected: the test tested nothing")
			}
			id := cs(t, svc, c).ID
			// The person writes again before the lines are written.
			if err := svc.Queue().Append(ctx, id, handoff.Entry{By: "person", Text: "sono ancora qui"}); err != nil {
				t.Fatal(err)
			}
			// While the transcript's master still refuses them, an operator
			// sees them all the same, from the case.
			f.left.Store(1 << 20)
			once("the lines cannot be written")
			if n := occurrences(t, svc, id, "system", "opened"); n != 0 && !ran {
				t.Errorf("the refused lines are %d times in the stored transcript", n)
			}
			// Once they can be, reading the case writes them, once.
			f.left.Store(0)
			once("the lines written by a reader")
			for _, l := range lines {
				if n := occurrences(t, svc, id, l.by, l.text); n != 1 {
					t.Errorf("the %s line %q is %d times in the stored transcript, want once", l.by, l.text, n)
				}
			}
			once("read again")
			// The dispatcher runs the event again, as its outbox keeps it,
			// if it lost the event's success: it adds nothing.
			clock.Add(20 * time.Minute)
			if err := svc.HandleEvent(ctx, c, stored(t, ev)); err != nil {
				t.Fatal(err)
			}
			if again := cs(t, svc, c); again.ID != id {
				t.Fatalf("after the replay the open case is %s, want %s", again.ID, id)
			}
			if n := occurrences(t, svc, id, "system", "opened"); n != 1 {
				t.Errorf("after a replay the case opens %d times in the transcript, want once", n)
			}
		})
	}
}

// TestASecondHandoffAddsNoOpening: another handoff event for a case that
// is open already (the person asked again, a booking found no slot) is
// not the case's opening: it writes no second one, also while the first
// event's lines are still owed (the case keeps them), which its own
// replay then writes.
func TestASecondHandoffAddsNoOpening(t *testing.T) {
	const first, second = "ho bisogno di un avvocato", "vorrei parlare con qualcuno"
	for _, owed := range []bool{false, true} {
		name := "written"
		if owed {
			name = "still owed"
		}
		t.Run(name, func(t *testing.T) {
			f := &faults{mark: openingFault}
			svc, _ := faultyService(t, f)
			ctx := context.Background()
			c := bot.Contact{Channel: "telegram", ID: "1"}
			a := bot.HandoffRequested{Lang: "it", Area: "legal", Reason: bot.ReasonAsked, Text: first, Message: "m1"}
			b := bot.HandoffRequested{Lang: "it", Area: "legal", Reason: bot.ReasonAsked, Text: second, Message: "m2"}
			if owed {
				f.left.Store(1)
			}
			if err := svc.HandleEvent(ctx, c, a); err != nil {
				t.Fatalf("the first event: %v", err)
			}
			if owed && f.left.Load() > 0 {
				t.Fatal("no fault was injected: the test tested nothing")
			}
			cs, err := svc.OpenCase(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if err := svc.HandleEvent(ctx, c, b); err != nil {
				t.Fatalf("the second event: %v", err)
			}
			if n := occurrences(t, svc, cs.ID, "person", second); n != 0 {
				t.Errorf("the second event's text is %d times in the transcript, want none", n)
			}
			if owed {
				if n := occurrences(t, svc, cs.ID, "system", "opened"); n != 0 {
					t.Errorf("the second event wrote an opening (%d)", n)
				}
				if err := svc.HandleEvent(ctx, c, stored(t, a)); err != nil {
					t.Fatalf("the first event's replay: %v", err)
				}
			}
			if n := occurrences(t, svc, cs.ID, "system", "opened"); n != 1 {
				t.Errorf("the case opens %d times in the transcript, want once", n)
			}
			if n := occurrences(t, svc, cs.ID, "person", first); n != 1 {
				t.Errorf("the first event's text is %d times in the transcript, want once", n)
			}
		})
	}
}

// TestOpeningMarksAreErasedAndExpire: what says a case's opening is owed
// or written goes with the case: closing gives the transcript's mark the
// transcript's retention, and "delete my data" leaves no key of the case,
// also while its opening is still owed.
func TestOpeningMarksAreErasedAndExpire(t *testing.T) {
	const words = "non so dove andare stanotte"
	rdb, keys := storetest.Redis(t)
	f := &faults{mark: openingFault}
	rdb.AddHook(f)
	cat := shared.Catalog(t)
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{Clock: newClock().Now, PasswordCost: 4, Out: &sent{}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	of := func(id string) []string {
		var out []string
		for _, k := range storetest.KeysWith(t, rdb, keys.Prefix()) {
			if strings.Contains(k, id) {
				out = append(out, k)
			}
		}
		return out
	}
	ev := func(id string) bot.HandoffRequested {
		return bot.HandoffRequested{Lang: "it", Reason: bot.ReasonAsked, Text: words, Message: id}
	}

	// Written, then closed: every key of the case's own expires within
	// the retention.
	closed := bot.Contact{Channel: "telegram", ID: "1"}
	if err := svc.HandleEvent(ctx, closed, ev("m1")); err != nil {
		t.Fatal(err)
	}
	cs, err := svc.OpenCase(ctx, closed)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Queue().Close(ctx, "", cs.ID, handoff.OutcomeResolved); err != nil {
		t.Fatal(err)
	}
	const retention = 72 * time.Hour // Config.TranscriptRetention's default
	for _, k := range of(cs.ID) {
		if ttl, err := rdb.PTTL(ctx, k).Result(); err != nil || ttl <= 0 || ttl > retention {
			t.Errorf("%s of a closed case lives %v (%v), want at most %v", k, ttl, err, retention)
		}
	}
	if err := svc.Erase(ctx, closed); err != nil {
		t.Fatal(err)
	}
	if left := of(cs.ID); len(left) > 0 {
		t.Errorf("keys of the erased case left: %v", left)
	}

	// Owed (the lines failed, the case keeps them), then closed: they
	// expire with the case; then erased: they go with it.
	owed := bot.Contact{Channel: "telegram", ID: "2"}
	f.left.Store(1)
	if err := svc.HandleEvent(ctx, owed, ev("m2")); err != nil {
		t.Fatal(err)
	}
	if f.left.Load() > 0 {
		t.Fatal("no fault was injected: the test tested nothing")
	}
	cs, err = svc.OpenCase(ctx, owed)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Queue().Close(ctx, "", cs.ID, handoff.OutcomeResolved); err != nil {
		t.Fatal(err)
	}
	// A closed case's owed lines are shown, not written: written now,
	// they would outlive its retention.
	if tx, err := svc.Transcript(ctx, cs.ID); err != nil || len(tx) == 0 || tx[0].Text != words {
		t.Errorf("the closed case's transcript does not show its owed lines: %+v %v", tx, err)
	}
	for _, k := range of(cs.ID) {
		if ttl, err := rdb.PTTL(ctx, k).Result(); err != nil || ttl <= 0 || ttl > retention {
			t.Errorf("%s of a closed case whose lines are owed lives %v (%v), want at most %v", k, ttl, err, retention)
		}
	}
	if err := svc.Erase(ctx, owed); err != nil {
		t.Fatal(err)
	}
	if left := of(cs.ID); len(left) > 0 {
		t.Errorf("keys of the erased case left: %v", left)
	}
}

// TestQueuePreviewShowsOwedOpening (issue 19): the queue's preview of what
// the person last wrote read only the transcript, so a case whose opening
// lines are still owed (their write failed; the case keeps them) showed an
// empty preview, the danger that opened it hidden from the operators
// choosing whom to take. The preview reads the owed lines too, where the
// transcript has nothing of the person's after them.
func TestQueuePreviewShowsOwedOpening(t *testing.T) {
	const danger = "mio marito mi picchia, ho paura"
	for _, tc := range []struct {
		name  string
		later []handoff.Entry // appended to the transcript while the lines are owed
		want  string
	}{
		{"nothing written since", nil, danger},
		{"the bot's queue updates since", []handoff.Entry{{By: "bot", Text: "Sei il numero 1 in coda."}}, danger},
		{"the person wrote since", []handoff.Entry{{By: "person", Text: "sono ancora qui"}}, "sono ancora qui"},
		// mendE (review revE): the owed lines were read only when the tail
		// was shorter than previewLines (8); past that the preview was empty
		// while the danger was still owed.
		{"twelve of the bot's since", botLines(12), danger},
		{"the person wrote, then twelve of the bot's", append([]handoff.Entry{{By: "person", Text: "sono ancora qui"}}, botLines(12)...), danger},
		{"twelve of the bot's, then the person wrote", append(botLines(12), handoff.Entry{By: "person", Text: "sono ancora qui"}), "sono ancora qui"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &faults{mark: openingFault}
			svc, _ := faultyService(t, f)
			ctx := context.Background()
			if err := svc.Queue().SaveOperator(ctx, handoff.Operator{Name: "giulia", Languages: []string{"it"}, Areas: []string{"*"}, Capacity: 3},
				"password-giulia"); err != nil {
				t.Fatal(err)
			}
			c := bot.Contact{Channel: "telegram", ID: "1"}
			ev := bot.HandoffRequested{Lang: "it", Reason: bot.UrgentReason("violence"), Urgent: true, UrgentKind: "violence",
				Text: danger, Message: "m2", Said: []string{"ciao"}, SaidIDs: []string{"m1"}, Told: []string{"Chiama il 112"}}
			// The opening lines cannot be written, now or while the page
			// is read: they stay owed.
			f.left.Store(1 << 20)
			if err := svc.HandleEvent(ctx, c, ev); err != nil {
				t.Fatalf("the case opened, and its event failed: %v", err)
			}
			id := cs(t, svc, c).ID
			if n := occurrences(t, svc, id, "person", danger); n != 0 {
				t.Fatalf("the opening lines are in the transcript (%d): the test tests nothing", n)
			}
			for _, e := range tc.later {
				if err := svc.Queue().Append(ctx, id, e); err != nil {
					t.Fatal(err)
				}
			}
			srv := httptest.NewServer(svc.Handler())
			t.Cleanup(srv.Close)
			b := consoletest.New(t, srv.URL)
			b.MustSignIn("giulia", "password-giulia")
			_, page := b.Get("/console/")
			if !strings.Contains(page, `data-case="`+id+`"`) {
				t.Fatalf("the case is not in the queue")
			}
			if !strings.Contains(page, tc.want) {
				t.Errorf("the queue's preview does not show %q", tc.want)
			}
		})
	}
}

// botLines are n queue updates of the bot's, as a case's transcript gets
// them while it waits.
func botLines(n int) []handoff.Entry {
	out := make([]handoff.Entry, n)
	for i := range out {
		out[i] = handoff.Entry{By: "bot", Text: fmt.Sprintf("Sei il numero %d in coda.", n-i)}
	}
	return out
}
