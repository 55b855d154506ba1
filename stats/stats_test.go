package stats

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/internal/conf"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// clock is a settable fixed clock.
type clock struct{ ns atomic.Int64 }

func (c *clock) set(t time.Time)  { c.ns.Store(t.UnixNano()) }
func (c *clock) now() time.Time   { return time.Unix(0, c.ns.Load()) }
func newClock(t time.Time) *clock { c := &clock{}; c.set(t); return c }

func newStats(t *testing.T, cfg Config, c *clock) (*Stats, redis.UniversalClient, store.Keys) {
	t.Helper()
	rdb, keys := storetest.Redis(t)
	s, err := New(rdb, keys, cfg, c.now)
	if err != nil {
		t.Fatal(err)
	}
	return s, rdb, keys
}

func need(area, topic, lang string) bot.NeedReached {
	return bot.NeedReached{Area: area, Topic: topic, Lang: lang}
}

// hget is a weekly counter as a report reads it: added up over the
// shards (and the layout before them), with the totals that are added
// up from their breakdown (addUp).
func hget(t *testing.T, s *Stats, week, src, field string) int64 {
	t.Helper()
	data, _, err := s.readWeeks(context.Background(), []string{week})
	if err != nil {
		t.Fatal(err)
	}
	return data[0].hashes[src][field]
}

// weekKeys are the keys of a weekly counter: the layout before issue 19,
// then every shard.
func weekKeys(s *Stats, week, name string) []string {
	return eachShard(s, week, name, func(k string) string { return k })
}

// people counts the distinct people of a weekly HyperLogLog, over the
// shards (whose people are apart).
func people(t *testing.T, s *Stats, week, name string) int64 {
	t.Helper()
	var sum int64
	for _, k := range weekKeys(s, week, name) {
		sum += s.rdb.PFCount(context.Background(), k).Val()
	}
	return sum
}

// TestConcurrentCountingIsExact: many goroutines counting at once, with
// every event delivered twice (as after a crash), give exact counts.
func TestConcurrentCountingIsExact(t *testing.T) {
	c := newClock(time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	ctx := context.Background()
	const people, outcomes = 300, 500
	var wg sync.WaitGroup
	errs := make(chan error, 4*people+outcomes)
	for i := range people {
		for range 2 { // redelivery
			wg.Add(1)
			go func() {
				defer wg.Done()
				ct := bot.Contact{Channel: "telegram", ID: fmt.Sprint(1000 + i)}
				errs <- s.HandleEvent(ctx, ct, need("legal", "permit", "ar"))
				errs <- s.HandleEvent(ctx, ct, bot.HandoffRequested{Area: "legal", Topic: "permit", Reason: "asked", Lang: "ar", Message: "m" + fmt.Sprint(i)})
			}()
		}
	}
	for range outcomes {
		wg.Add(1)
		go func() { defer wg.Done(); errs <- s.RecordOutcome(ctx, "legal", "ar", "telegram", "resolved") }()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		src, field string
		want       int64
	}{
		{"need", "n", people}, {"need", "a|legal", people}, {"need", "t|legal|permit", people},
		{"need", "l|ar", people}, {"need", "c|telegram", people}, {"need", "al|legal|ar", people},
		{"handoff", "n", people}, {"handoff", "r|asked", people}, {"handoff", "u|1", 0},
		{"hours", "n", people}, {"hours", "h|11", people}, {"hours", "d|3", people},
		{"outcome", "n", outcomes}, {"outcome", "o|resolved", outcomes},
	} {
		if got := hget(t, s, "2026-W48", tc.src, tc.field); got != tc.want {
			t.Errorf("%s %s = %d, want %d", tc.src, tc.field, got, tc.want)
		}
	}
}

// TestWeeksInTimeZone: the week and the hour are the desk's, across the
// daylight-saving changes.
func TestWeeksInTimeZone(t *testing.T) {
	c := newClock(time.Time{})
	s, _, _ := newStats(t, Config{Timezone: "Europe/Rome"}, c)
	ctx := context.Background()
	for i, tc := range []struct {
		at         time.Time
		week, hour string
		day        string
	}{
		// Sunday 29 March 2026, 22:30 UTC: already Monday 00:30 in Rome
		// (summer time began that night), so the next week.
		{time.Date(2026, 3, 29, 22, 30, 0, 0, time.UTC), "2026-W14", "00", "1"},
		{time.Date(2026, 3, 29, 21, 30, 0, 0, time.UTC), "2026-W13", "23", "7"},
		// 00:30 and 01:30 UTC that Sunday: 01:30 CET and 03:30 CEST.
		{time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC), "2026-W13", "01", "7"},
		{time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), "2026-W13", "03", "7"},
		// Sunday 25 October 2026, 23:30 UTC = Monday 00:30 CET (winter time).
		{time.Date(2026, 10, 25, 23, 30, 0, 0, time.UTC), "2026-W44", "00", "1"},
		{time.Date(2026, 10, 25, 22, 30, 0, 0, time.UTC), "2026-W43", "23", "7"},
		// ISO year boundary: Thursday 31 December 2026 is in 2026-W53.
		{time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC), "2026-W53", "13", "4"},
		{time.Date(2027, 1, 4, 12, 0, 0, 0, time.UTC), "2027-W01", "13", "1"},
	} {
		c.set(tc.at)
		if err := s.HandleEvent(ctx, bot.Contact{Channel: "web", ID: fmt.Sprint("p", i)}, need("work", "", "it")); err != nil {
			t.Fatal(err)
		}
		if got := hget(t, s, tc.week, "need", "a|work"); got < 1 {
			t.Errorf("%v: nothing counted in %s", tc.at, tc.week)
		}
		if got := hget(t, s, tc.week, "hours", "dh|"+tc.day+"|"+tc.hour); got != 1 {
			t.Errorf("%v: day %s hour %s = %d, want 1", tc.at, tc.day, tc.hour, got)
		}
	}
	// The weekly keys expire keep after their week ended.
	for _, k := range weekKeys(s, "2026-W14", "need") {
		ttl, err := s.rdb.TTL(ctx, k).Result()
		if err != nil {
			t.Fatal(err)
		}
		if ttl != -2*time.Nanosecond && ttl < 2*365*24*time.Hour {
			t.Errorf("%s: TTL %v, want about three years", k, ttl)
		}
	}
}

// TestDistinctPeopleAnonymous: the same person twice counts once, and no
// contact id appears anywhere in Redis.
func TestDistinctPeopleAnonymous(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, rdb, keys := newStats(t, Config{}, c)
	ctx := context.Background()
	ids := []string{"393331234567@s.whatsapp.net", "393339876543@s.whatsapp.net", "393335550000@s.whatsapp.net"}
	for day := range 3 {
		c.set(time.Date(2026, 11, 24+day, 9, 0, 0, 0, time.UTC))
		for _, id := range ids {
			ct := bot.Contact{Channel: "whatsapp", ID: id}
			for _, e := range []bot.Event{need("health", "doctor", "bn"), need("housing", "", "bn")} {
				if err := s.HandleEvent(ctx, ct, e); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, name := range []string{"people", "people:health", "people:housing"} {
		if n := people(t, s, "2026-W48", name); n != 3 {
			t.Errorf("%s = %d, want 3", name, n)
		}
	}
	// Three people, three days: nine conversations about health.
	if got := hget(t, s, "2026-W48", "need", "a|health"); got != 9 {
		t.Errorf("a|health = %d, want 9", got)
	}
	// A second instance (or a restart) uses the same generated
	// appointment key and the same week's salt: the same people, counted
	// again there, are still three.
	s2, err := New(rdb, keys, Config{}, c.now)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s.apptKey, s2.apptKey) {
		t.Error("a restart generated another appointment key")
	}
	for _, id := range ids {
		if err := s2.HandleEvent(ctx, bot.Contact{Channel: "whatsapp", ID: id}, need("health", "doctor", "bn")); err != nil {
			t.Fatal(err)
		}
	}
	if n := people(t, s, "2026-W48", "people"); n != 3 {
		t.Errorf("people after a restart = %d, want 3", n)
	}
	for _, k := range storetest.KeysWith(t, rdb, keys.Prefix()) {
		dump := k
		switch rdb.Type(ctx, k).Val() {
		case "hash":
			for f, v := range rdb.HGetAll(ctx, k).Val() {
				dump += " " + f + "=" + v
			}
		case "string":
			dump += " " + rdb.Get(ctx, k).Val()
		}
		for _, id := range ids {
			num := strings.TrimSuffix(id, "@s.whatsapp.net")
			if strings.Contains(dump, num) || strings.Contains(dump, num[2:]) {
				t.Errorf("key %s holds a contact id", k)
			}
		}
	}
}

func TestConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{}, ""},
		{Config{Timezone: "Europe/Rome", Threshold: 10, Secret: strings.Repeat("x", 32), Keep: conf.Duration(400 * 24 * time.Hour)}, ""},
		{Config{Timezone: "Mars/Olympus"}, "stats.timezone"},
		{Config{Threshold: 1}, "stats.threshold"},
		{Config{Threshold: -3}, "stats.threshold"},
		{Config{Secret: "short"}, "stats.secret"},
		{Config{Keep: conf.Duration(time.Hour)}, "stats.keep"},
	} {
		err := tc.cfg.Validate()
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%+v: %v, want %q", tc.cfg, err, tc.want)
		}
	}
	var cfg Config
	cfg.ApplyEnv(func(k string) string { return map[string]string{"STATS_SECRET": "from-env-secret-123"}[k] })
	if cfg.Secret != "from-env-secret-123" {
		t.Error("STATS_SECRET not applied")
	}
}

// TestEventTextNeverCounted: ids only; anything else becomes "other".
func TestEventTextNeverCounted(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	ctx := context.Background()
	if err := s.HandleEvent(ctx, bot.Contact{Channel: "web", ID: "x"}, need("Mario Rossi +39 333", "", "it")); err != nil {
		t.Fatal(err)
	}
	if got := hget(t, s, "2026-W48", "need", "a|other"); got != 1 {
		t.Errorf("a|other = %d, want 1", got)
	}
	if err := s.HandleEvent(ctx, bot.Contact{Channel: "web", ID: "x"}, bot.Subscribed{Topic: "jobs", On: true}); err != nil {
		t.Fatal(err)
	}
}

func TestExportFormats(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	ctx := context.Background()
	for i := range 7 {
		if err := s.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: fmt.Sprint(i)}, need("legal", "asylum", "uk")); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 2 {
		if err := s.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: fmt.Sprint("w", i)}, need("work", "", "uk")); err != nil {
			t.Fatal(err)
		}
	}
	from, _ := s.ParseDate("2026-11-16")
	to, _ := s.ParseDate("2026-11-29")
	rep, err := s.Report(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := exportCells(t, rep)
	for k, want := range map[string]string{
		// Work (2) is small; the week's total would give it away,
		// so the next smallest cell, legal, is hidden too.
		"needs,work,2026-W48": "<5", "needs,legal,2026-W48": "hidden", "needs,total,2026-W48": "9",
		"needs,legal,2026-W47": "0", "needs,work,total": "<5", "needs,legal,total": "hidden", "needs,total,total": "9",
		"languages,uk,2026-W48": "9", "topics,legal|asylum,2026-W48": "hidden", "people,all,total": "<10",
	} {
		if got[k] != want {
			t.Errorf("csv %s = %q, want %q", k, got[k], want)
		}
	}
	if recs[0][0] != "table" || len(recs[0]) != 4 {
		t.Errorf("header %v", recs[0])
	}
	b.Reset()
	if err := rep.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var j struct {
		From, To string
		Weeks    []string
		Tables   []struct {
			ID   string
			Rows []struct {
				Key   string
				Cells []any
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if j.From != "2026-11-16" || j.To != "2026-11-29" || len(j.Weeks) != 2 {
		t.Errorf("range %s..%s %v", j.From, j.To, j.Weeks)
	}
	for _, tb := range j.Tables {
		if tb.ID != "needs" {
			continue
		}
		for _, r := range tb.Rows {
			if r.Key == "total" && r.Cells[1] != float64(9) {
				t.Errorf("json total = %#v, want 9", r.Cells[1])
			}
			if r.Key == "work" && r.Cells[1] != "<5" {
				t.Errorf("json work = %#v, want \"<5\"", r.Cells[1])
			}
		}
	}
}

// TestAppointmentStatusIdempotent: a retried call counts once, a changed
// mark moves the count (in the week it was first counted in), and many
// instances counting the same appointment at once count it once.
func TestAppointmentStatusIdempotent(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	ctx := context.Background()
	rec := func(id, status string) {
		t.Helper()
		if err := s.RecordAppointmentStatus(ctx, id, "torino", "legal", status); err != nil {
			t.Fatal(err)
		}
	}
	want := func(week string, fields map[string]int64) {
		t.Helper()
		for f, n := range fields {
			if got := hget(t, s, week, "appt", f); got != n {
				t.Errorf("%s %s = %d, want %d", week, f, got, n)
			}
		}
	}
	rec("A1", "booked")
	rec("A1", "booked") // a retry
	rec("A1", "attended")
	rec("A1", "attended")
	want("2026-W48", map[string]int64{"s|booked": 1, "s|attended": 1, "ds|torino|attended": 1, "as|legal|attended": 1})
	// Corrected the next week: the count moves within 2026-W48.
	c.set(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	rec("A1", "no_show")
	rec("A1", "no_show")
	want("2026-W48", map[string]int64{"s|booked": 1, "s|attended": 0, "s|no_show": 1, "ds|torino|attended": 0,
		"ds|torino|no_show": 1, "as|legal|no_show": 1})
	want("2026-W49", map[string]int64{"s|no_show": 0, "s|attended": 0})
	rec("A2", "booked")
	rec("A2", "cancelled")
	want("2026-W49", map[string]int64{"s|booked": 1, "s|cancelled": 1})

	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.RecordAppointmentStatus(ctx, "A3", "torino", "legal", "booked")
			errs <- s.RecordAppointmentStatus(ctx, "A3", "torino", "legal", []string{"attended", "no_show"}[i%2])
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	want("2026-W49", map[string]int64{"s|booked": 2})
	if got := hget(t, s, "2026-W49", "appt", "s|attended") + hget(t, s, "2026-W49", "appt", "s|no_show"); got != 1 {
		t.Errorf("attended + no_show = %d for one appointment, want 1", got)
	}
	for _, bad := range [][2]string{{"", "booked"}, {"A4", "lost"}} {
		if err := s.RecordAppointmentStatus(ctx, bad[0], "torino", "legal", bad[1]); err == nil {
			t.Errorf("id %q status %q accepted", bad[0], bad[1])
		}
	}
}

// TestDeskAndCampaignTables: appointments by desk and campaign reach are
// published, suppressed like the rest, on the page and in the exports.
func TestDeskAndCampaignTables(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	ctx := context.Background()
	for i := range 10 {
		desk := "torino"
		if i >= 8 {
			desk = "milano"
		}
		id := fmt.Sprint("A", i)
		if err := s.RecordAppointmentStatus(ctx, id, desk, "legal", "booked"); err != nil {
			t.Fatal(err)
		}
		if i < 6 {
			if err := s.RecordAppointmentStatus(ctx, id, desk, "legal", "attended"); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := range 13 {
		ch, lang, outcome := "telegram", "ar", "sent"
		switch {
		case i >= 12:
			outcome = "replied"
		case i >= 9:
			ch, lang = "whatsapp", "uk"
		}
		if err := s.RecordCampaign(ctx, ch, lang, outcome); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RecordCampaign(ctx, "telegram", "ar", "read"); err == nil {
		t.Error("an unknown campaign outcome was counted")
	}
	from, _ := s.ParseDate("2026-11-23")
	rep, err := s.Report(ctx, from, from)
	if err != nil {
		t.Fatal(err)
	}
	got := exportCells(t, rep)
	for k, want := range map[string]string{
		"appointments,booked,2026-W48": "10", "appointments,attended,2026-W48": "6",
		"appointments_by_desk,milano|booked,2026-W48": "<5", "appointments_by_desk,torino|booked,2026-W48": "hidden",
		"appointments_by_desk,torino|attended,2026-W48": "6", "appointments_by_desk,torino|booked,total": "hidden",
		"campaigns,sent,2026-W48": "12", "campaigns,replied,2026-W48": "<5",
		"campaigns_by_channel,whatsapp|sent,2026-W48": "<5", "campaigns_by_channel,telegram|sent,2026-W48": "hidden",
		"campaigns_by_language,uk|sent,2026-W48": "<5", "campaigns_by_language,ar|sent,2026-W48": "hidden",
		"campaigns_by_channel,telegram|replied,2026-W48": "<5",
	} {
		if got[k] != want {
			t.Errorf("csv %s = %q, want %q", k, got[k], want)
		}
	}
	sections := map[string]bool{}
	for _, sec := range s.view(words{}, rep, "/stats", nil).Sections {
		sections[sec.ID] = len(sec.Table.Rows) > 0
	}
	for _, id := range []string{"appointments_by_desk", "campaigns", "campaigns_by_channel", "campaigns_by_language"} {
		if !sections[id] {
			t.Errorf("the page has no table %s", id)
		}
	}
}

// TestReadOnlyCountsNothing: a read-only Stats reports but refuses to
// count, and opening it writes nothing.
func TestReadOnlyCountsNothing(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, err := NewReadOnly(rdb, keys, Config{}, c.now)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, err := range []error{
		s.HandleEvent(ctx, bot.Contact{Channel: "web", ID: "x"}, need("legal", "", "it")),
		s.RecordOutcome(ctx, "legal", "it", "web", "resolved"),
		s.RecordAppointmentStatus(ctx, "A1", "torino", "legal", "booked"),
		s.RecordCampaign(ctx, "web", "it", "sent"),
	} {
		if err == nil {
			t.Error("a read-only Stats counted")
		}
	}
	if _, err := s.Report(ctx, c.now(), c.now()); err != nil {
		t.Fatal(err)
	}
	if left := storetest.KeysWith(t, rdb, keys.Prefix()); len(left) > 0 {
		t.Errorf("a read-only Stats wrote %v", left)
	}
}

// TestProfileAnswers: answers to the optional profile questions are
// counted once per person and question, only as their coarse categories,
// and published with the same suppression as the rest.
func TestProfileAnswers(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	ctx := context.Background()
	profile := func(field, value string) bot.Event {
		return bot.ProfileAnswered{Field: field, Value: value}
	}
	for i := range 9 {
		who := bot.Contact{Channel: "telegram", ID: fmt.Sprint(100 + i)}
		age := "18_29"
		if i >= 7 {
			age = "50_plus"
		}
		for range 2 { // delivered twice, as after a crash
			for _, e := range []bot.Event{profile("age", age), profile("minors", "yes")} {
				if err := s.HandleEvent(ctx, who, e); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	// Anything but the categories is not counted.
	for _, e := range []bot.Event{profile("age", "23"), profile("name", "Amina"), profile("", "")} {
		if err := s.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: "999"}, e); err != nil {
			t.Fatal(err)
		}
	}
	week, _ := isoWeek(c.now().In(s.loc))
	for field, want := range map[string]int64{"f|age": 9, "v|age|18_29": 7, "v|age|50_plus": 2, "f|minors": 9, "v|minors|yes": 9, "v|age|23": 0, "f|name": 0} {
		if got := hget(t, s, week, "profile", field); got != want {
			t.Errorf("%s = %d, want %d", field, got, want)
		}
	}
	from, _ := s.ParseDate("2026-11-23")
	rep, err := s.Report(ctx, from, from)
	if err != nil {
		t.Fatal(err)
	}
	got := exportCells(t, rep)
	for k, want := range map[string]string{"profile,age|50_plus,2026-W48": "<5", "profile,minors|yes,2026-W48": "9", "profile_questions,age,2026-W48": "9"} {
		if got[k] != want {
			t.Errorf("export %s = %q, want %q", k, got[k], want)
		}
	}
	if got["profile,age|18_29,2026-W48"] == "7" {
		t.Error("18-29 shown exactly: with 50+ hidden, it gives 50+ away from the question's total")
	}
}

// TestConversationsBySource: conversations are counted by the desk or
// campaign link people came with, "direct" without one.
func TestConversationsBySource(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	ctx := context.Background()
	for i := range 9 {
		e := need("legal", "permit_renewal", "ar")
		if i < 6 {
			e.Source = "Torino"
		}
		if err := s.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: fmt.Sprint(300 + i)}, e); err != nil {
			t.Fatal(err)
		}
	}
	week, _ := isoWeek(c.now().In(s.loc))
	if got, want := [2]int64{hget(t, s, week, "need", "s|torino"), hget(t, s, week, "need", "s|direct")}, [2]int64{6, 3}; got != want {
		t.Fatalf("torino, direct = %v, want %v", got, want)
	}
}

// exportCells reads a report's CSV export as "table,row,column" → cell.
func exportCells(t *testing.T, rep *Report) map[string]string {
	t.Helper()
	var b bytes.Buffer
	if err := rep.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]string{}
	for _, r := range recs[1:] {
		cells[strings.Join(r[:3], ",")] = r[3]
	}
	return cells
}

// TestEveryCounterExpires: the keys an event makes (counters, HyperLogLogs,
// the person's week record and markers) all expire, though the count sets
// a key's expiry once however many of its fields it makes.
func TestEveryCounterExpires(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, rdb, keys := newStats(t, Config{}, c)
	ctx := context.Background()
	for i, e := range []bot.Event{need("legal", "permit", "ar"), need("work", "", "it"), bot.HandoffRequested{Area: "legal", Lang: "ar", Message: "m1"}} {
		if err := s.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: fmt.Sprint(i)}, e); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	// On every master: a Cluster client's SCAN reaches one node only.
	for _, k := range storetest.KeysWith(t, rdb, keys.Prefix()) {
		if strings.HasSuffix(k, ":apptkey") {
			continue // the appointment codes' key, made at start, kept for good
		}
		n++
		if ttl := rdb.TTL(ctx, k).Val(); ttl < 0 {
			t.Errorf("%s: no expiry (TTL %v)", k, ttl)
		}
	}
	if n < 5 {
		t.Fatalf("only %d keys: the events were not counted", n)
	}
	if got := hget(t, s, "2026-W48", "need", "al|legal|ar"); got != 1 {
		t.Errorf("al|legal|ar = %d, want 1", got)
	}
}

// TestCounterMadeAnewGetsItsExpiry: a count sets no expiry for a counter
// whose expiry it made sure of lately (expiryCache); one made anew since
// (deleted by hand, a Redis restarted without its data) gets it back
// within expiryRecheck.
func TestCounterMadeAnewGetsItsExpiry(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, rdb, keys := newStats(t, Config{}, c)
	ctx := context.Background()
	count := func(id string) {
		t.Helper()
		if err := s.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: id}, need("legal", "permit", "ar")); err != nil {
			t.Fatal(err)
		}
	}
	counters := func() []string {
		var out []string
		for _, k := range storetest.KeysWith(t, rdb, keys.Prefix()) {
			if strings.Contains(k, ":w:") {
				out = append(out, k)
			}
		}
		return out
	}
	for i := range 64 {
		count(fmt.Sprint("a", i))
	}
	made := counters()
	if len(made) == 0 {
		t.Fatal("nothing counted")
	}
	for _, k := range made {
		if err := rdb.Del(ctx, k).Err(); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 64 {
		count(fmt.Sprint("b", i))
	}
	c.set(c.now().Add(expiryRecheck + time.Minute))
	// Enough people that every shard counts one (see
	// TestCommandsPerEvent).
	for i := range 512 {
		count(fmt.Sprint("c", i))
	}
	for _, k := range counters() {
		if ttl := rdb.TTL(ctx, k).Val(); ttl < 0 {
			t.Errorf("%s: no expiry (TTL %v)", k, ttl)
		}
	}
}
