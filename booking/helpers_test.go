package booking

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/internal/conf"
	"frontdoor/locales"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

var rome = mustLoc("Europe/Rome")

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// clock is a settable fixed clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// sender records what was sent.
type sender struct {
	mu   sync.Mutex
	sent []sent
}

type sent struct {
	To    bot.Contact
	Reply bot.Reply
}

func (s *sender) Send(_ context.Context, to bot.Contact, m dispatch.Outbound) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, sent{to, m.Reply})
	return nil
}

func (s *sender) all() []sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sent(nil), s.sent...)
}

var catalog = sync.OnceValues(locales.Load)

func cat(t testing.TB) *locales.Catalog {
	c, err := catalog()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// testConfig has one desk in Rome, open on weekdays 09:00-13:00, with a
// renewal service of 10 places per half hour.
func testConfig() Config {
	return Config{
		HorizonDays: 14,
		MinNotice:   conf.Duration(time.Hour),
		Desks: []Desk{{
			ID: "centro", Name: "Sportello Centro", Address: "Via Roma 1, Torino", Phone: "+39 011 000", Timezone: "Europe/Rome",
			Hours: map[string][]string{
				"mon": {"09:00-13:00"}, "tue": {"09:00-13:00"}, "wed": {"09:00-13:00"},
				"thu": {"09:00-13:00"}, "fri": {"09:00-13:00"},
			},
			Closed: []string{"2026-03-04"},
			Services: []Offering{
				{Area: "legal", Topic: "permit_renewal", Duration: conf.Duration(30 * time.Minute), Capacity: 10, Documents: "legal.permit_renewal.docs"},
				{Area: "work", Duration: conf.Duration(60 * time.Minute), Capacity: 1},
			},
			FeedToken: "0123456789abcdef-secret",
		}},
	}
}

// monday is 2 March 2026, 08:00 in Rome.
var monday = time.Date(2026, 3, 2, 8, 0, 0, 0, rome)

type env struct {
	rdb   redis.UniversalClient
	keys  store.Keys
	clock *clock
	out   *sender
}

func newEnv(t *testing.T) *env {
	rdb, keys := storetest.Redis(t)
	return &env{rdb: rdb, keys: keys, clock: &clock{t: monday}, out: &sender{}}
}

func (e *env) service(t testing.TB, cfg Config) *Service {
	t.Helper()
	s, err := New(e.rdb, e.keys, cfg, cat(t), Options{
		Out: e.out, Clock: e.clock.Now, PollEvery: 10 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func person(i int) bot.Contact {
	return bot.Contact{Channel: "test", ID: "p" + strings.Repeat("0", 3) + itoa(i)}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func at(day string, hm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hm, rome)
	if err != nil {
		panic(err)
	}
	return t
}
