package stats

import (
	"context"
	"fmt"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/store"
	"frontdoor/store/storetest"

	"github.com/redis/go-redis/v9"
)

// TestCommandsPerEvent counts what counting one event costs in Redis,
// the commands the counting script runs included: the figures are the
// budget, so a change that costs more fails here. Each event is a new
// person's first of the day in an area already counted this week (the
// common case: counters and their expiries exist, the person's record
// and markers do not).
func TestCommandsPerEvent(t *testing.T) {
	if o := storetest.Options(); len(o.Addrs) > 0 {
		t.Skipf("counts commands on one server; the test Redis is %s", o.Describe())
	}
	for _, tc := range []struct {
		name  string
		event bot.Event
		// want is the budget per event; the comments say what it cost
		// before issue 15, when every total was counted too (n, a|,
		// l|, c|, h|, d|, f|: up to 7 HINCRBYs more an event).
		want int
		// src and total name the total a report must read for them.
		src, total string
	}{
		// The second figure is before yesterday's markers were looked up
		// only when they exist (an HEXISTS per group, now one EXISTS an
		// event for a person who wrote nothing yesterday).
		// The third is before the people were counted with the hour's
		// first event, yesterday's markers looked up for units not of
		// the day only, the marks' expiry set with the hour's marker and
		// the counters' once in a while (expiryCache), and alc| counted
		// instead of al| and ac|. The fourth is before today's markers
		// were read in one HMGET and written in one HSET (an HSETNX a
		// group).
		{"need with a topic", bot.NeedReached{Area: "legal", Topic: "permit", Lang: "ar"}, 12, "need", "n"},                // 26.1 before, 19, 17, 13
		{"need without a topic", need("legal", "", "ar"), 11, "need", "a|legal"},                                           // 23 before, 16, 15
		{"handoff", bot.HandoffRequested{Area: "legal", Topic: "permit", Lang: "ar", Reason: "asked"}, 15, "handoff", "n"}, // 21 before, 17, 16
		{"profile answer", bot.ProfileAnswered{Field: "age", Value: "18_29"}, 10, "profile", "f|age"},                      // 16 before, 12, 11
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newClock(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)) // a Wednesday
			s, rdb, keys := newStats(t, Config{}, c)
			ctx := context.Background()
			count := func(id string) {
				t.Helper()
				if err := s.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: id}, tc.event); err != nil {
					t.Fatal(err)
				}
			}
			// Enough people that every shard has its counters: the
			// scripts loaded, the salts read, the keys made (a shard's
			// first count sets its keys' expiry). People fall on the 16
			// shards by a keyed hash: with 64 some shard was left cold
			// about one run in four (16·(15/16)^64), and its first count
			// was counted here; with 512, about one run in 10^13.
			const warm = 512
			for i := range warm {
				count(fmt.Sprint("warm", i))
			}
			mon := storetest.StartMonitor(t, keys.Prefix())
			const n = 20
			cmds, names := mon.Count(t, rdb, keys.Prefix(), func() {
				for i := range n {
					count(fmt.Sprint("p", i))
				}
			})
			t.Logf("%s: %.1f commands per event %v", tc.name, float64(cmds)/n, names)
			if cmds > n*tc.want {
				t.Errorf("%d commands for %d events (%.1f each), want at most %d each: %v", cmds, n, float64(cmds)/n, tc.want, names)
			}
			// Counted right, as a report reads it.
			data, _, err := s.readWeeks(ctx, []string{"2026-W49"})
			if err != nil {
				t.Fatal(err)
			}
			if got := data[0].hashes[tc.src][tc.total]; got != warm+n {
				t.Errorf("%s %s = %d, want %d", tc.src, tc.total, got, warm+n)
			}
			if got := data[0].hashes["hours"]["n"]; got != warm+n {
				t.Errorf("people active = %d, want %d", got, warm+n)
			}
		})
	}
}

// TestCommandsPerLaterEvent counts the common case of a conversation
// that goes on: a person already counted this hour reaches another area.
// Their hour, their place among the week's people and the expiries are
// there: only the new area's counts and markers cost.
func TestCommandsPerLaterEvent(t *testing.T) {
	if o := storetest.Options(); len(o.Addrs) > 0 {
		t.Skipf("counts commands on one server; the test Redis is %s", o.Describe())
	}
	c := newClock(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	s, rdb, keys := newStats(t, Config{}, c)
	ctx := context.Background()
	count := eventCounter(t, s)
	const warm, n = 512, 20
	for i := range warm {
		count(fmt.Sprint("p", i), need("legal", "", "ar"))
		count(fmt.Sprint("p", i), need("work", "contract", "ar"))
		// Others reach housing first: its counters exist.
		count(fmt.Sprint("q", i), need("housing", "rent", "ar"))
	}
	cmds, names := housingCommands(t, rdb, keys, count, n)
	// 15 before (an EXISTS and two EXPIREATs, on the PFADDs):
	// the week's people, yesterday's markers and the marks' expiry at
	// every event; al| and ac| where alc| is now. 10 before today's
	// markers were read in one HMGET and written in one HSET (an HSETNX
	// a group), and the person's token kept with them (an HSETNX and
	// an HGET of the week record for the area's people).
	const want = 7
	if cmds > n*want {
		t.Errorf("%d commands for %d events (%.1f each), want at most %d each: %v", cmds, n, float64(cmds)/n, want, names)
	}
	data, people, err := s.readWeeks(ctx, []string{"2026-W49"})
	if err != nil {
		t.Fatal(err)
	}
	if got := data[0].hashes["need"]["a|housing"]; got != warm+n {
		t.Errorf("a|housing = %d, want %d", got, warm+n)
	}
	if got := data[0].hashes["need"]["n"]; got != 3*warm+n {
		t.Errorf("conversations = %d, want %d", got, 3*warm+n)
	}
	if got := data[0].hashes["hours"]["n"]; got != 2*warm {
		t.Errorf("people active = %d, want %d", got, 2*warm)
	}
	wantAbout(t, "distinct people", people["all"], 2*warm)
	wantAbout(t, "distinct people in housing", people["housing"], warm+n)
}

// TestCommandsPerEventOfALaterHour counts a person's first event of a
// later hour of a day they were counted in: their hour is new, their
// place among the week's people is not, and their token is in today's
// marks.
func TestCommandsPerEventOfALaterHour(t *testing.T) {
	if o := storetest.Options(); len(o.Addrs) > 0 {
		t.Skipf("counts commands on one server; the test Redis is %s", o.Describe())
	}
	c := newClock(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)) // a Wednesday
	s, rdb, keys := newStats(t, Config{}, c)
	ctx := context.Background()
	count := eventCounter(t, s)
	const warm, n = 512, 20
	for i := range warm {
		count(fmt.Sprint("p", i), need("legal", "", "ar"))
		count(fmt.Sprint("q", i), need("housing", "rent", "ar"))
	}
	c.set(c.now().Add(time.Hour))
	for i := range warm {
		// The later hour's counters exist, and the expiries of the
		// HyperLogLogs were made sure of within the hour (expiryCache).
		count(fmt.Sprint("q", i), need("work", "", "ar"))
		count(fmt.Sprint("q", i), need("housing", "rent", "ar"))
	}
	cmds, names := housingCommands(t, rdb, keys, count, n)
	// 13 before today's markers were read in one HMGET and written in
	// one HSET, with the person's token: the hour's, the area's and the
	// topic's HSETNX, the week record's HSETNX and HGET, and the week's
	// people counted again (a PFADD) at the hour's first event.
	const want = 8
	if cmds > n*want {
		t.Errorf("%d commands for %d events (%.1f each), want at most %d each: %v", cmds, n, float64(cmds)/n, want, names)
	}
	data, people, err := s.readWeeks(ctx, []string{"2026-W49"})
	if err != nil {
		t.Fatal(err)
	}
	if got := data[0].hashes["need"]["a|housing"]; got != warm+n {
		t.Errorf("a|housing = %d, want %d", got, warm+n)
	}
	if got := data[0].hashes["hours"]["n"]; got != 3*warm+n {
		t.Errorf("people active in an hour = %d, want %d", got, 3*warm+n)
	}
	wantAbout(t, "distinct people", people["all"], 2*warm)
	wantAbout(t, "distinct people in housing", people["housing"], warm+n)
}

// eventCounter returns a function that counts event e of the Telegram
// contact id in s, failing the test on an error.
func eventCounter(t *testing.T, s *Stats) func(id string, e bot.Event) {
	return func(id string, e bot.Event) {
		t.Helper()
		if err := s.HandleEvent(context.Background(), bot.Contact{Channel: "telegram", ID: id}, e); err != nil {
			t.Fatal(err)
		}
	}
}

// wantAbout checks a HyperLogLog's count against want, within its 5%
// error.
func wantAbout(t *testing.T, what string, got, want int64) {
	t.Helper()
	if got < want*95/100 || got > want*105/100 {
		t.Errorf("%s = %d, want about %d", what, got, want)
	}
}

// housingCommands counts the Redis commands of n housing events of the
// contacts p0 to p<n-1>.
func housingCommands(t *testing.T, rdb redis.UniversalClient, keys store.Keys, count func(string, bot.Event), n int) (int, map[string]int) {
	t.Helper()
	mon := storetest.StartMonitor(t, keys.Prefix())
	cmds, names := mon.Count(t, rdb, keys.Prefix(), func() {
		for i := range n {
			count(fmt.Sprint("p", i), need("housing", "rent", "ar"))
		}
	})
	t.Logf("%.1f commands per event %v", float64(cmds)/float64(n), names)
	return cmds, names
}
