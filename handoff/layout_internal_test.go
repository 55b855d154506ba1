package handoff

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// oldLayout writes case id's transcript lines and files as the version
// before issue 19 kept them (P tx:ID, P media:ID), with ttl (0: none).
func oldLayout(t *testing.T, q *Queue, id string, lines []string, files map[string]string, ttl time.Duration) {
	t.Helper()
	ctx := context.Background()
	// A plain client of the test's: the old names are in the queue's
	// slot, as the old scripts had them.
	if len(lines) > 0 {
		args := make([]any, len(lines))
		for i, l := range lines {
			args[i] = l
		}
		if err := q.rdb.RPush(ctx, q.k("tx", id), args...).Err(); err != nil {
			t.Fatal(err)
		}
		if ttl > 0 {
			q.rdb.Expire(ctx, q.k("tx", id), ttl)
		}
	}
	if len(files) > 0 {
		if err := q.rdb.HSet(ctx, q.k("media", id), files).Err(); err != nil {
			t.Fatal(err)
		}
		if ttl > 0 {
			q.rdb.Expire(ctx, q.k("media", id), ttl)
		}
	}
}

func line(t *testing.T, by, text string, at time.Time) string {
	t.Helper()
	b, err := json.Marshal(Entry{Time: at, By: by, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func texts(t *testing.T, q *Queue, id string) []string {
	t.Helper()
	es, err := q.Transcript(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Text)
	}
	return out
}

// Transcripts and files kept in the layout before issue 19 are read after
// the upgrade: the migration moves them to their case's slot, before the
// lines written since, keeps a closed case's expiry, and can run again
// (or have stopped half way) without doubling a line.
func TestMigrateCaseDataFromTheOldLayout(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	q := NewQueue(rdb, keys, func() time.Time { return now })
	openCase := func(contact string) string {
		cs, _, err := q.Open(ctx, Case{Contact: bot.Contact{Channel: "telegram", ID: contact}, Lang: "it", Area: "legal"})
		if err != nil {
			t.Fatal(err)
		}
		return cs.ID
	}
	open, closed, half := openCase("1"), openCase("2"), openCase("3")

	// Open: two old lines, and one written by the new version since.
	oldLayout(t, q, open, []string{line(t, "person", "old 1", now), line(t, "bot", "old 2", now)}, nil, 0)
	if err := q.Append(ctx, open, Entry{By: "person", Text: "new 3"}); err != nil {
		t.Fatal(err)
	}
	// Closed: lines and a file, both expiring.
	oldLayout(t, q, closed, []string{line(t, "person", "closed 1", now)}, map[string]string{"m1": "JPEG", "m1:t": "image/jpeg"}, time.Hour)
	// Half moved: the new key holds the old lines, the old key is left.
	halfLines := []string{line(t, "person", "half 1", now), line(t, "operator", "half 2", now)}
	oldLayout(t, q, half, halfLines, nil, 0)
	if err := q.rdb.RPush(ctx, q.tx(half), halfLines[0], halfLines[1]).Err(); err != nil {
		t.Fatal(err)
	}

	for run := range 2 {
		n, err := q.MigrateCaseData(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := []int{4, 0}[run]; n != want {
			t.Errorf("run %d moved %d keys, want %d", run, n, want)
		}
		for id, want := range map[string][]string{open: {"old 1", "old 2", "new 3"}, closed: {"closed 1"}, half: {"half 1", "half 2"}} {
			if got := texts(t, q, id); !slices.Equal(got, want) {
				t.Errorf("run %d: transcript of %s = %q, want %q", run, id, got, want)
			}
		}
		if left := storetest.KeysWith(t, rdb, q.k("tx:")); len(left) > 0 {
			t.Errorf("run %d: old transcripts left: %v", run, left)
		}
		if left := storetest.KeysWith(t, rdb, q.k("media:")); len(left) > 0 {
			t.Errorf("run %d: old files left: %v", run, left)
		}
	}
	if got := rdb.HGet(ctx, q.media(closed), "m1").Val(); got != "JPEG" {
		t.Errorf("the closed case's file after the move: %q", got)
	}
	for _, k := range []string{q.tx(closed), q.media(closed)} {
		if ttl := rdb.TTL(ctx, k).Val(); ttl <= 0 || ttl > time.Hour {
			t.Errorf("%s expires in %s, want the old key's hour", k, ttl)
		}
	}
	// The open case's lines expire when the case would (keep), not before.
	if ttl := rdb.TTL(ctx, q.tx(open)).Val(); ttl <= q.retention {
		t.Errorf("an open case's transcript expires in %s, want its keep %s", ttl, q.keep)
	}
	// Erasing the contact of a moved case leaves nothing of it.
	if err := q.Erase(ctx, bot.Contact{Channel: "telegram", ID: "2"}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{q.tx(closed), q.media(closed), q.k("case", closed)} {
		if rdb.Exists(ctx, k).Val() != 0 {
			t.Errorf("%s left after erasing its contact", k)
		}
	}
}

// On a Cluster, cases' transcripts and files spread over the masters
// instead of all sitting in the queue's slot: the test counts the keys
// per master in the old layout and after the move.
func TestCaseDataSpreadsOverTheMasters(t *testing.T) {
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
	storetest.CheckScriptKeys(t, rdb)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	q := NewQueue(rdb, keys, func() time.Time { return now })
	const cases = 90
	for i := range cases {
		cs, _, err := q.Open(ctx, Case{Contact: bot.Contact{Channel: "telegram", ID: fmt.Sprint(i)}, Lang: "it", Area: "legal"})
		if err != nil {
			t.Fatal(err)
		}
		oldLayout(t, q, cs.ID, []string{line(t, "person", "hello", now)}, map[string]string{"m": "JPEG"}, 0)
	}
	count := func() (caseData map[string]int) {
		out := map[string]int{}
		for addr, n := range storetest.KeysPerMaster(t, rdb, keys.Global("{case:")) {
			out[addr] += n
		}
		for addr, n := range storetest.KeysPerMaster(t, rdb, q.k("tx:")) {
			out[addr] += n
		}
		for addr, n := range storetest.KeysPerMaster(t, rdb, q.k("media:")) {
			out[addr] += n
		}
		return out
	}
	before := count()
	if n, err := q.MigrateCaseData(ctx); err != nil || n != 2*cases {
		t.Fatalf("moved %d keys (%v), want %d", n, err, 2*cases)
	}
	after := count()
	t.Logf("transcripts and files per master: before %v, after %v", before, after)
	if busy := slices.Max(mapValues(before)); busy != 2*cases {
		t.Errorf("the old layout had at most %d of %d keys on a master: not the layout this test means", busy, 2*cases)
	}
	if len(after) != 3 || slices.Min(mapValues(after)) == 0 || slices.Max(mapValues(after)) > cases {
		t.Errorf("after the move, keys per master %v: want all three masters holding some, none more than half", after)
	}
	// Every operation on the spread layout works on the Cluster (the
	// guards fail the test on a key outside its slot or undeclared).
	if err := q.SaveOperator(ctx, Operator{Name: "ana", Languages: []string{"it"}, Areas: []string{"*"}, Capacity: 5}, "password-ana"); err != nil {
		t.Fatal(err)
	}
	id, err := q.Next(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Append(ctx, id, Entry{By: "operator", Text: "hi"}); err != nil {
		t.Fatal(err)
	}
	if got := texts(t, q, id); !slices.Equal(got, []string{"hello", "hi"}) {
		t.Errorf("transcript = %q", got)
	}
	if err := q.Close(ctx, "ana", id, OutcomeResolved); err != nil {
		t.Fatal(err)
	}
	if ttl := rdb.TTL(ctx, q.tx(id)).Val(); ttl <= 0 || ttl > q.retention {
		t.Errorf("closed case's transcript expires in %s, want within %s", ttl, q.retention)
	}
	waiting, _, err := q.List(ctx, 1)
	if err != nil || len(waiting) != 1 {
		t.Fatalf("list: %v, %v", waiting, err)
	}
	if pos, err := q.Position(ctx, waiting[0].ID); err != nil || pos != 1 {
		t.Errorf("position of the first waiting case: %d, %v", pos, err)
	}
	if err := q.Erase(ctx, waiting[0].Contact); err != nil {
		t.Fatal(err)
	}
}

func mapValues(m map[string]int) []int {
	out := []int{}
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// A contact erased before the migration ran leaves nothing behind: the
// erasure deletes the old layout's keys too, and the migration deletes
// (does not move) old keys of a case no longer kept. A kept case's
// transcript and files that had no expiry get the keep, not forever.
func TestErasureBeforeTheMigrationLeavesNothing(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	q := NewQueue(rdb, keys, func() time.Time { return now })
	openCase := func(contact string) string {
		cs, _, err := q.Open(ctx, Case{Contact: bot.Contact{Channel: "telegram", ID: contact}, Lang: "it", Area: "legal"})
		if err != nil {
			t.Fatal(err)
		}
		return cs.ID
	}
	erased, kept := openCase("1"), openCase("2")
	for _, id := range []string{erased, kept} {
		oldLayout(t, q, id, []string{line(t, "person", "my address is", now)}, map[string]string{"m1": "JPEG", "m1:t": "image/jpeg"}, 0)
	}
	if err := q.Erase(ctx, bot.Contact{Channel: "telegram", ID: "1"}); err != nil {
		t.Fatal(err)
	}
	// An old key the erasure could not reach (written by a process of
	// the older version after it, or before this fix).
	orphan := "orphan-case"
	oldLayout(t, q, orphan, []string{line(t, "person", "left behind", now)}, map[string]string{"m2": "PNG"}, 0)
	if _, err := q.MigrateCaseData(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{erased, orphan} {
		for _, k := range []string{q.tx(id), q.media(id), q.k("tx", id), q.k("media", id), q.k("case", id)} {
			if rdb.Exists(ctx, k).Val() != 0 {
				t.Errorf("%s left of an erased case after the migration", k)
			}
		}
	}
	if got := texts(t, q, kept); !slices.Equal(got, []string{"my address is"}) {
		t.Errorf("kept case's transcript = %q", got)
	}
	for _, k := range []string{q.tx(kept), q.media(kept)} {
		if ttl := rdb.PTTL(ctx, k).Val(); ttl <= 0 || ttl > q.keep {
			t.Errorf("%s expires in %s, want within the keep %s", k, ttl, q.keep)
		}
	}
}
