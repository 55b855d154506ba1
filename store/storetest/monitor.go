package storetest

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Monitor counts the commands the test Redis runs on keys under a prefix,
// those a script runs included (MONITOR shows each as one line): what a
// test holding a Redis budget counts (commands per message, per event).
// MONITOR is one server's: such a test runs on a single server.
type Monitor struct {
	marks chan string

	mu       sync.Mutex
	counting bool
	n        int
	names    map[string]int
}

// StartMonitor starts a monitor of the commands on prefix's keys, leaving
// out those named in skip (lower case: a test's own polling, background
// loops that run whatever the test does) when a client sends them. A
// script's commands are always counted, whatever their name: an EXISTS a
// script runs for every message is the budget's, not the test's polling.
func StartMonitor(t testing.TB, prefix string, skip ...string) *Monitor {
	t.Helper()
	opt, err := redis.ParseURL(URL())
	if err != nil {
		t.Fatal(err)
	}
	// MONITOR spoken directly: each command Redis runs comes as one line.
	conn, err := net.Dial("tcp", opt.Addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if opt.Password != "" {
		fmt.Fprintf(conn, "AUTH %s %s\r\n", cmp.Or(opt.Username, "default"), opt.Password)
	}
	fmt.Fprintf(conn, "MONITOR\r\n")
	m := &Monitor{marks: make(chan string, 16), names: map[string]int{}}
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
			// client's address ("[0 127.0.0.1:5000]", "[0 lua]").
			name := ""
			if _, rest, ok := strings.Cut(l, `] "`); ok {
				name, _, _ = strings.Cut(rest, `"`)
			}
			name = strings.ToLower(name)
			if !strings.Contains(l, " lua] ") && slices.Contains(skip, name) {
				continue
			}
			m.mu.Lock()
			if m.counting {
				m.n++
				m.names[name]++
			}
			m.mu.Unlock()
		}
	}()
	return m
}

// Count runs f and returns the commands Redis ran on the prefix's keys
// meanwhile, in all and by name. An ECHO before and after f marks where:
// the monitor has seen everything sent before it once it sees the ECHO.
func (m *Monitor) Count(t testing.TB, rdb redis.UniversalClient, prefix string, f func()) (int, map[string]int) {
	t.Helper()
	m.mark(t, rdb, prefix+"start")
	m.mu.Lock()
	m.counting, m.n, m.names = true, 0, map[string]int{}
	m.mu.Unlock()
	f()
	m.mark(t, rdb, prefix+"end")
	m.mu.Lock()
	defer m.mu.Unlock()
	m.counting = false
	return m.n, m.names
}

func (m *Monitor) mark(t testing.TB, rdb redis.UniversalClient, name string) {
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
