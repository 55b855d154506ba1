package handoff_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"frontdoor/handoff"
	"frontdoor/store/storetest"
)

// TestTwoOperatorsRacingOnNext: two operators, each in a process of its
// own and with several sessions open (tabs, an API client), press "next"
// together, round after round, until the queue is empty. Every Next gets
// a case or, once none is left, ErrNothing: never another's case, never an
// error, and never a case while a more urgent or older one it could take
// is still waiting (a skipped case). The queue spans two routing queues,
// each longer than Next reads at once, the older cases in one of them, so
// that a session outrun by the others finds every case it read taken.
func TestTwoOperatorsRacingOnNext(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	cat := shared.Catalog(t)
	clock := newClock()
	var svcs []*handoff.Service
	for range 2 {
		s, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4, Out: &sent{}, Clock: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		svcs = append(svcs, s)
	}
	ops := []string{"ana", "ben"}
	const rounds, perRound, sessions = 12, 40, 8
	for _, op := range ops {
		addOperator(t, svcs[0], op, []string{"it", "ar"}, []string{"legal", "work"}, rounds*perRound)
	}
	ctx := context.Background()
	// order is a case's place in the queue: urgent first, then oldest.
	type place struct {
		urgent bool
		opened time.Time
	}
	show := func(p place) string {
		if p.urgent {
			return "the urgent case opened at " + p.opened.Format(time.TimeOnly)
		}
		return "the case opened at " + p.opened.Format(time.TimeOnly)
	}
	before := func(a, b place) bool {
		if a.urgent != b.urgent {
			return a.urgent
		}
		return a.opened.Before(b.opened)
	}
	claimed := map[string]string{}
	for round := range rounds {
		places := map[string]place{}
		for i := range perRound {
			// The first half in Italian, the second in Arabic, a few
			// of the Arabic ones urgent.
			lang, area := "it", "legal"
			if i >= perRound/2 {
				lang, area = "ar", "work"
			}
			cs := open(t, svcs[0], fmt.Sprintf("%d-%d", round, i), lang, area, i >= perRound/2 && i%9 == 0)
			places[cs.ID] = place{cs.Urgent, cs.Opened}
			clock.Add(time.Second)
		}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for s := range len(ops) * sessions {
			wg.Add(1)
			go func() {
				defer wg.Done()
				op, svc := ops[s%len(ops)], svcs[s%len(svcs)]
				for {
					id, err := svc.Next(ctx, op)
					if errors.Is(err, handoff.ErrNothing) {
						return
					}
					if err != nil {
						t.Errorf("round %d: %s's next: %v", round, op, err)
						return
					}
					// Cases only leave the queue during a round: one
					// still waiting now waited all through this Next.
					w, _, err := svc.List(ctx, 1)
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					if prev, dup := claimed[id]; dup {
						t.Errorf("round %d: case %s given to %s and %s", round, id, prev, op)
					}
					claimed[id] = op
					if len(w) > 0 && before(places[w[0].ID], places[id]) {
						t.Errorf("round %d: %s got %s while %s waited ahead of it", round, op, show(places[id]), show(places[w[0].ID]))
					}
					mu.Unlock()
					if cs, err := svc.Queue().Get(ctx, id); err != nil || cs.Operator != op || cs.Status != handoff.StatusAssigned {
						t.Errorf("round %d: case %s given to %s: %+v %v", round, id, op, cs, err)
					}
				}
			}()
		}
		wg.Wait()
		if t.Failed() {
			return
		}
		for id := range places {
			if claimed[id] == "" {
				t.Fatalf("round %d: case %s never given", round, id)
			}
		}
	}
}
