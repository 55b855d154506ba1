package stats

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store/storetest"
)

// monitor counts the commands Redis runs on keys under a prefix, those
// run inside the counting script included (MONITOR shows them).
type monitor struct {
	mu    sync.Mutex
	n     int
	names map[string]int
	marks chan string
}

func startMonitor(t *testing.T, prefix string) *monitor {
	t.Helper()
	opt, err := redis.ParseURL(storetest.URL())
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", opt.Addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if opt.Password != "" {
		fmt.Fprintf(conn, "AUTH %s %s\r\n", cmp.Or(opt.Username, "default"), opt.Password)
	}
	fmt.Fprintf(conn, "MONITOR\r\n")
	m := &monitor{names: map[string]int{}, marks: make(chan string, 16)}
	go func() {
		r := bufio.NewReaderSize(conn, 1<<20)
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if i := strings.Index(l, `"echo" "`+prefix); i >= 0 {
				select {
				case m.marks <- l[i+len(`"echo" "`):]:
				default:
				}
				continue
			}
			if !strings.Contains(l, `"`+prefix) {
				continue
			}
			// The command's name is the first quoted word after the
			// client's address.
			name := ""
			if _, rest, ok := strings.Cut(l, `] "`); ok {
				name, _, _ = strings.Cut(rest, `"`)
			}
			m.mu.Lock()
			m.n++
			m.names[strings.ToLower(name)]++
			m.mu.Unlock()
		}
	}()
	return m
}

// between counts what Redis ran for f: an ECHO before and after, which
// the monitor sees once everything sent between them has run.
func (m *monitor) between(t *testing.T, rdb redis.UniversalClient, prefix string, f func()) (int, map[string]int) {
	t.Helper()
	m.mark(t, rdb, prefix+"start")
	m.mu.Lock()
	m.n, m.names = 0, map[string]int{}
	m.mu.Unlock()
	f()
	m.mark(t, rdb, prefix+"end")
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.n, m.names
}

func (m *monitor) mark(t *testing.T, rdb redis.UniversalClient, name string) {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		rdb.Echo(context.Background(), name)
		select {
		case got := <-m.marks:
			if strings.HasPrefix(got, name) {
				return
			}
		case <-time.After(100 * time.Millisecond):
			// The monitor may not have been on yet: echo again.
		case <-deadline:
			t.Fatalf("the monitor never saw %s", name)
		}
	}
}

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
		{"need with a topic", bot.NeedReached{Area: "legal", Topic: "permit", Lang: "ar"}, 19, "need", "n"},                // 26.1 before,
		{"need without a topic", need("legal", "", "ar"), 16, "need", "a|legal"},                                           // 23 before
		{"handoff", bot.HandoffRequested{Area: "legal", Topic: "permit", Lang: "ar", Reason: "asked"}, 17, "handoff", "n"}, // 21 before
		{"profile answer", bot.ProfileAnswered{Field: "age", Value: "18_29"}, 12, "profile", "f|age"},                      // 16 before
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
			mon := startMonitor(t, keys.Prefix())
			const n = 20
			cmds, names := mon.between(t, rdb, keys.Prefix(), func() {
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
