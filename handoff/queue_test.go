package handoff_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/handoff"
	"frontdoor/store/storetest"
)

func TestHandoffEventOpensOneCase(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	q := handoff.NewQueue(rdb, keys, func() time.Time { return now })
	ctx := context.Background()
	c := bot.Contact{Channel: "telegram", ID: "100"}
	ev := bot.Event{Kind: bot.EventHandoff, Data: map[string]string{"area": "legal", "lang": "ar", "reason": "asked"}}

	// The same event replayed, and concurrently: still one case.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := q.HandleEvent(ctx, c, ev); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if err := q.HandleEvent(ctx, c, bot.Event{Kind: "other"}); err != nil {
		t.Fatal(err)
	}
	if n, _ := q.Waiting(ctx); n != 1 {
		t.Fatalf("waiting = %d, want 1", n)
	}
	cs, err := q.OpenCase(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if cs.Area != "legal" || cs.Lang != "ar" || cs.Reason != "asked" || !cs.Opened.Equal(now) || cs.ID == "" {
		t.Fatalf("case = %+v", cs)
	}

	if err := q.Erase(ctx, c); err != nil {
		t.Fatal(err)
	}
	if n, _ := q.Waiting(ctx); n != 0 {
		t.Fatalf("waiting after erase = %d", n)
	}
	if left := storetest.KeysWith(t, rdb, keys.Prefix()); len(left) != 0 {
		t.Fatalf("keys left after erase: %v", left)
	}
}
