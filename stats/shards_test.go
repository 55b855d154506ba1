package stats

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// Counters written before issue 19, under {stats} alone, are still read:
// a report adds them to the shards' (and appointments counted then keep
// being counted there).
func TestCountersOfTheOldLayoutAreRead(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, rdb, _ := newStats(t, Config{}, c)
	ctx := context.Background()
	// The old layout: five conversations about legal, four people.
	rdb.HSet(ctx, s.weekKey("2026-W48", "need"), "n", 5, "a|legal", 5, "l|ar", 5, "c|telegram", 5)
	rdb.PFAdd(ctx, s.weekKey("2026-W48", "people"), "t1", "t2", "t3", "t4")
	rdb.PFAdd(ctx, s.weekKey("2026-W48", "people:legal"), "t1", "t2", "t3", "t4")
	// And after the upgrade, two people more.
	for _, id := range []string{"a", "b"} {
		if err := s.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: id}, need("legal", "", "ar")); err != nil {
			t.Fatal(err)
		}
	}
	data, union, err := s.readWeeks(ctx, []string{"2026-W48"})
	if err != nil {
		t.Fatal(err)
	}
	if got := data[0].hashes["need"]["a|legal"]; got != 7 {
		t.Errorf("legal conversations = %d, want 5 old + 2 new", got)
	}
	if got := data[0].people["legal"]; got != 6 {
		t.Errorf("people in legal = %d, want 4 old + 2 new", got)
	}
	if union["all"] != 6 || union["legal"] != 6 {
		t.Errorf("people over the range = %v, want 6", union)
	}

	// An appointment booked before the upgrade: its state and week are
	// the old layout's, and a later status moves its count there.
	h := s.hash("appointment", "B-1")
	rdb.HSet(ctx, s.key("appt:"+h), "bw", "2026-W48", "w", "2026-W48", "s", "attended", "d", "milano", "a", "legal")
	rdb.HSet(ctx, s.weekKey("2026-W48", "appt"), "s|booked", 1, "s|attended", 1)
	if err := s.RecordAppointmentStatus(ctx, "B-1", "milano", "legal", "no_show"); err != nil {
		t.Fatal(err)
	}
	if a, n := hget(t, s, "2026-W48", "appt", "s|attended"), hget(t, s, "2026-W48", "appt", "s|no_show"); a != 0 || n != 1 {
		t.Errorf("after correcting an old appointment: attended %d, no_show %d; want 0, 1", a, n)
	}
}

// On a Cluster, counting spreads over the masters: the test counts a
// week of conversations and the keys per master, against the old layout,
// where every counter was in {stats}'s slot.
func TestCountingSpreadsOverTheMasters(t *testing.T) {
	cl := storetest.StartCluster(t, 5*time.Second)
	ctx := context.Background()
	db, err := store.Open(ctx, cl.Options(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rdb, keys := db.Client, store.NewKeys("fdtest:spread:")
	defer storetest.Clean(rdb, keys.Prefix())
	storetest.GuardSlots(t, rdb)
	c := newClock(time.Date(2026, 11, 29, 20, 0, 0, 0, time.UTC)) // Sunday evening
	s, err := New(rdb, keys, Config{}, c.now)
	if err != nil {
		t.Fatal(err)
	}
	const people = 120
	count := func(e bot.Event) {
		for i := range people {
			if err := s.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: fmt.Sprint(i)}, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	count(need("legal", "", "ar"))
	// Across midnight into another week: yesterday's markers are in
	// another shard, and a redelivery still counts once.
	c.set(time.Date(2026, 11, 29, 23, 30, 0, 0, time.UTC)) // Monday 00:30 in Rome
	count(need("legal", "", "ar"))
	count(need("legal", "", "ar"))
	for _, e := range []string{"sent", "failed"} {
		if err := s.RecordCampaign(ctx, "telegram", "ar", e); err != nil {
			t.Fatal(err)
		}
	}
	perMaster := storetest.KeysPerMaster(t, rdb, keys.Global("{stats:"))
	old := storetest.KeysPerMaster(t, rdb, keys.Global("{stats}:w:"))
	t.Logf("counting keys per master: shards %v; old layout's weekly counters %v", perMaster, old)
	if counts := slices.Collect(maps.Values(perMaster)); len(counts) != 3 || slices.Min(counts) == 0 {
		t.Errorf("keys per master %v: want every master counting", perMaster)
	}
	if n := slices.Max(slices.Collect(maps.Values(old))); n != 0 {
		t.Errorf("%d weekly counters written in the old layout", n)
	}
	for week, want := range map[string]int64{"2026-W48": people, "2026-W49": people} {
		if got := hget(t, s, week, "need", "a|legal"); got != want {
			t.Errorf("%s: legal = %d, want %d", week, got, want)
		}
	}
	r, err := s.Report(ctx, time.Date(2026, 11, 23, 0, 0, 0, 0, s.loc), time.Date(2026, 12, 6, 0, 0, 0, 0, s.loc))
	if err != nil || len(r.Tables) == 0 {
		t.Fatalf("report: %v", err)
	}
}

// Totals counted by the version before issue 15 (n, a|, l|, c|, h|, d|,
// f|, o|), which the present one adds up from their breakdown when read,
// are read right in the week of the upgrade, when one weekly hash holds
// events of both versions: the older one's with their totals, the newer
// one's without.
func TestTotalsCountedByTheOldVersionAreRead(t *testing.T) {
	c := newClock(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)) // Wednesday 11:00 in Rome
	s, rdb, _ := newStats(t, Config{}, c)
	ctx := context.Background()
	const week = "2026-W49"
	// Two people counted by this version.
	for _, id := range []string{"a", "b"} {
		ct := bot.Contact{Channel: "telegram", ID: id}
		for _, e := range []bot.Event{need("legal", "", "ar"),
			bot.HandoffRequested{Area: "legal", Topic: "permit", Lang: "ar", Reason: "asked", Message: id},
			bot.ProfileAnswered{Field: "age", Value: "18_29"}} {
			if err := s.HandleEvent(ctx, ct, e); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.RecordOutcome(ctx, "legal", "ar", "telegram", "resolved"); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordCampaign(ctx, "telegram", "ar", "sent"); err != nil {
			t.Fatal(err)
		}
	}
	// Three more counted by the version before, in the same hashes as
	// this version's: what its script incremented for each.
	old := map[string][]string{
		"need":     {"n", "a|legal", "l|ar", "c|telegram", "s|direct", "al|legal|ar", "ac|legal|telegram"},
		"hours":    {"n", "h|11", "d|3", "dh|3|11"},
		"handoff":  {"n", "a|legal", "t|legal|permit", "r|asked", "u|0", "l|ar", "c|telegram"},
		"profile":  {"f|age", "v|age|18_29"},
		"outcome":  {"n", "o|resolved", "ao|legal|resolved", "lo|ar|resolved", "co|telegram|resolved"},
		"campaign": {"o|sent", "co|telegram|sent", "lo|ar|sent"},
	}
	for src, fields := range old {
		// The hash this version wrote to, else the first shard's.
		key := s.shardWeekKey(0, week, src)
		for _, k := range weekKeys(s, week, src) {
			if n, _ := rdb.Exists(ctx, k).Result(); n == 1 {
				key = k
				break
			}
		}
		for _, f := range fields {
			if err := rdb.HIncrBy(ctx, key, f, 3).Err(); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct{ src, field string }{
		{"need", "n"}, {"need", "a|legal"}, {"need", "l|ar"}, {"need", "c|telegram"}, {"need", "s|direct"},
		{"need", "al|legal|ar"}, {"need", "ac|legal|telegram"},
		{"hours", "n"}, {"hours", "h|11"}, {"hours", "d|3"},
		{"handoff", "n"}, {"handoff", "a|legal"}, {"handoff", "u|0"},
		{"profile", "f|age"},
		{"outcome", "n"}, {"outcome", "o|resolved"},
		{"campaign", "o|sent"},
	} {
		if got := hget(t, s, week, tc.src, tc.field); got != 5 {
			t.Errorf("%s %s = %d, want 3 counted before the upgrade + 2 after", tc.src, tc.field, got)
		}
	}
	// And as published: the area's row and the total of the table.
	r, err := s.Report(ctx, time.Date(2026, 12, 2, 0, 0, 0, 0, s.loc), time.Date(2026, 12, 2, 0, 0, 0, 0, s.loc))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, tb := range r.Tables {
		for _, row := range tb.Rows {
			got[tb.ID+"/"+row.Key] = row.Cells[0].String()
		}
	}
	for _, k := range []string{"needs/legal", "needs/total", "languages/ar", "channels/telegram", "hours/11", "weekdays/3", "handoffs/total", "outcomes/total"} {
		if got[k] != "5" {
			t.Errorf("published %s = %q, want 5", k, got[k])
		}
	}
}
