package booking

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/store/storetest"
)

// otherClient is a second connection to the test Redis, as another
// process would have.
func otherClient(t *testing.T) redis.UniversalClient {
	t.Helper()
	return storetest.Client(t)
}

// dying is the Sender of a process that dies while sending: it runs die
// (close the process's Redis client, end its context) and fails, so
// nothing after the send is recorded and nothing is delivered.
type dying struct {
	die   func()
	calls int
}

func (d *dying) Send(ctx context.Context, _ bot.Contact, _ dispatch.Outbound) error {
	d.calls++
	d.die()
	<-ctx.Done()
	return ctx.Err()
}

// TestReminderSurvivesACrash: a process claims a reminder and dies before
// delivering it. Nobody else sends it while its lease runs; after the
// lease another process sends it, exactly once.
func TestReminderSurvivesACrash(t *testing.T) {
	for _, how := range []string{"client closed", "context cancelled"} {
		t.Run(how, func(t *testing.T) {
			e := newEnv(t)
			cfg := testConfig()
			survivor := e.service(t, cfg)
			ctx := context.Background()
			start := at("2026-03-05", "09:00")
			a, err := survivor.Book(ctx, person(1), "it", "centro", "legal.permit_renewal", start)
			if err != nil {
				t.Fatal(err)
			}

			rdb := otherClient(t)
			dyingCtx, kill := context.WithCancel(ctx)
			d := &dying{die: kill}
			if how == "client closed" {
				d.die = func() { rdb.Close(); kill() }
			}
			crashing, err := New(rdb, e.keys, cfg, cat(t), Options{Out: d, Clock: e.clock.Now})
			if err != nil {
				t.Fatal(err)
			}
			due := start.Add(-24 * time.Hour)
			e.clock.Set(due.Add(time.Minute))
			crashing.SendDue(dyingCtx)
			if d.calls != 1 {
				t.Fatalf("the crashing process tried %d sends, want 1", d.calls)
			}
			if n, err := survivor.SendDue(ctx); err != nil || n != 0 {
				t.Fatalf("during the lease another process sent %d (%v), want 0", n, err)
			}
			e.clock.Set(due.Add(time.Minute + reminderLease + time.Second))
			if n, err := survivor.SendDue(ctx); err != nil || n != 1 {
				t.Fatalf("after the lease SendDue = %d, %v; want the reminder sent", n, err)
			}
			if n, _ := e.service(t, cfg).SendDue(ctx); n != 0 {
				t.Errorf("a third process sent %d more", n)
			}
			got := e.out.all()
			if len(got) != 1 || got[0].Reply.Choices[0].ID != choiceAttend+a.Code {
				t.Fatalf("sent %v, want the one reminder", got)
			}
		})
	}
}

// TestReminderKeptWhenTheAppointmentCannotBeRead: an error reading the
// appointment is not a cancellation; the reminder is tried again.
func TestReminderKeptWhenTheAppointmentCannotBeRead(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	ctx := context.Background()
	start := at("2026-03-05", "09:00")
	a, err := s.Book(ctx, person(1), "it", "centro", "legal.permit_renewal", start)
	if err != nil {
		t.Fatal(err)
	}
	appts := dayKey(e.keys, "centro", "2026-03-05", "appts")
	js, err := e.rdb.HGet(ctx, appts, a.Code).Result()
	if err != nil {
		t.Fatal(err)
	}
	e.rdb.HSet(ctx, appts, a.Code, "{broken")
	due := start.Add(-24 * time.Hour)
	e.clock.Set(due)
	if n, err := s.SendDue(ctx); n != 0 || err == nil {
		t.Fatalf("SendDue = %d, %v; want nothing sent and the error said", n, err)
	}
	e.rdb.HSet(ctx, appts, a.Code, js)
	e.clock.Set(due.Add(reminderLease + time.Second))
	if n, err := s.SendDue(ctx); n != 1 || err != nil {
		t.Fatalf("once readable SendDue = %d, %v; want 1", n, err)
	}
}

// TestReminderRecordedAsSentIsNotSentAgain: a process that delivered a
// reminder and recorded it, then died before taking it off the schedule,
// does not make another process send it again.
func TestReminderRecordedAsSentIsNotSentAgain(t *testing.T) {
	e := newEnv(t)
	s := e.service(t, testConfig())
	ctx := context.Background()
	start := at("2026-03-05", "09:00")
	a, err := s.Book(ctx, person(1), "it", "centro", "legal.permit_renewal", start)
	if err != nil {
		t.Fatal(err)
	}
	due := start.Add(-24 * time.Hour)
	e.clock.Set(due)
	if n, err := s.SendDue(ctx); n != 1 || err != nil {
		t.Fatalf("SendDue = %d, %v", n, err)
	}
	// As if the removal had not happened.
	e.rdb.ZAdd(ctx, e.keys.Global("booking:reminders"), redis.Z{Score: float64(due.Unix()), Member: a.Code + "|0"})
	if n, err := e.service(t, testConfig()).SendDue(ctx); n != 0 || err != nil {
		t.Fatalf("SendDue of a reminder already sent = %d, %v; want 0", n, err)
	}
	if n := len(e.out.all()); n != 1 {
		t.Fatalf("%d reminders delivered, want 1", n)
	}
	if r, _ := e.rdb.ZRange(ctx, e.keys.Global("booking:reminders"), 0, -1).Result(); len(r) != 1 || r[0] != a.Code+"|1" {
		t.Errorf("reminders scheduled = %v, want only the 2-hour one", r)
	}
}

// TestManyRemindersTwoProcesses: two processes, several rounds each at
// once, many reminders due: each is delivered exactly once.
func TestManyRemindersTwoProcesses(t *testing.T) {
	e := newEnv(t)
	cfg := testConfig()
	procs := []*Service{e.service(t, cfg), e.service(t, cfg)}
	ctx := context.Background()
	start := at("2026-03-05", "09:00")
	want := map[string]int{}
	for i := range 45 {
		slot := start.Add(time.Duration(i/10) * 30 * time.Minute)
		a, err := procs[0].Book(ctx, person(i), "en", "centro", "legal.permit_renewal", slot)
		if err != nil {
			t.Fatal(err)
		}
		want[a.Code] = 1
	}
	e.clock.Set(start.Add(-22 * time.Hour))
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := range 8 {
		wg.Go(func() {
			n, err := procs[i%2].SendDue(ctx)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total += n
			mu.Unlock()
		})
	}
	wg.Wait()
	got := map[string]int{}
	for _, m := range e.out.all() {
		got[m.Reply.Choices[0].ID[len(choiceAttend):]]++
	}
	if total != len(want) || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("delivered %v (counted %d), want each of the %d once", got, total, len(want))
	}
}
