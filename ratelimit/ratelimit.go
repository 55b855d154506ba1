// Package ratelimit keeps clients within budgets: rates shared by every
// Frontdoor process through Redis (new conversations per client address,
// messages per contact), a guard that notices when Redis is nearly full, the
// client address behind trusted reverse proxies, and a cap on simultaneous
// connections.
//
// A budget is a generic cell rate algorithm (GCRA) on one Redis key: the key
// holds the "theoretical arrival time" of the next event, one Lua script
// reads and moves it. One key per budget and per subject keeps every script
// in one hash slot, so Redis Cluster works without hash tags, and no single
// key holds everyone's data except the deliberately global budgets.
//
// Redis keys (owned by this package):
//
//	<prefix>ratelimit:<name>[:<subject>]
//	    String: the budget's theoretical arrival time, microseconds since
//	    the Unix epoch. Expires when the budget is full again (at most the
//	    budget's period after its last use), so idle subjects leave nothing.
package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// Limit is a budget of Events per Per. It refills steadily (one event every
// Per/Events) and up to Burst events can be spent at once; Burst 0 means
// Events. So a client that has been quiet may use Burst at once, and from
// then on one event every Per/Events.
type Limit struct {
	Events int
	Per    time.Duration
	Burst  int
}

// Off reports whether the limit limits nothing (no events configured).
func (l Limit) Off() bool { return l.Events <= 0 }

// Validate says what is wrong with l, or nil.
func (l Limit) Validate() error {
	switch {
	case l.Events < 0:
		return errors.New("events must not be negative")
	case l.Events > 0 && l.Per <= 0:
		return errors.New("period must be positive")
	case l.Burst < 0:
		return errors.New("burst must not be negative")
	case l.Events > 0 && l.Per/time.Duration(l.Events) < time.Microsecond:
		return errors.New("more than one event per microsecond cannot be measured")
	}
	return nil
}

func (l Limit) burst() int {
	if l.Burst > 0 {
		return l.Burst
	}
	return l.Events
}

// Check is one budget applied to one subject.
type Check struct {
	// Name names the budget, stable across restarts and processes
	// ("webchat.new.client.1m"); with Subject it names the Redis key.
	Name string
	// Subject is who is counted (a client address, a contact key); ""
	// for a budget everybody shares. It becomes part of a key name, so
	// callers pass pseudonymous values, never a phone number.
	Subject string
	Limit   Limit
}

// Decision is the answer of Allow.
type Decision struct {
	Allowed bool
	// RetryAfter is, when refused, how long until the refusing budget
	// has room for one more event.
	RetryAfter time.Duration
	// Denied is the Name of the check that refused; "" when allowed.
	Denied string
}

// Options tune a Limiter. The zero value is usable.
type Options struct {
	// Now is the clock budgets are measured on. nil means Redis' own
	// clock (TIME), one clock for every process whatever theirs say;
	// tests pass a clock they move by hand.
	Now func() time.Time
}

// Limiter enforces budgets in Redis, shared by every process using the same
// Redis and key prefix. Create it with New; it is safe for concurrent use.
type Limiter struct {
	rdb    redis.UniversalClient
	keys   store.Keys
	now    func() time.Time
	script *redis.Script
}

// New returns a limiter keeping its budgets in rdb under keys' prefix.
func New(rdb redis.UniversalClient, keys store.Keys, opts Options) *Limiter {
	return &Limiter{rdb: rdb, keys: keys, now: opts.Now, script: redis.NewScript(gcraScript)}
}

// gcraScript takes (cost 1) or gives back (cost -1) one event of a budget.
//
// KEYS[1] the budget; ARGV now in microseconds ("" for Redis' clock),
// emission interval and tolerance (burst * interval) in microseconds, cost.
// Returns {1, 0} when allowed, {0, microseconds to wait} when refused.
// Numbers stay below 2^53, exact in Lua's doubles, until the year 2255.
const gcraScript = `
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local interval = tonumber(ARGV[2])
local tolerance = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local new = tat + cost * interval
if cost > 0 and new - tolerance > now then
  return {0, new - tolerance - now}
end
if new <= now then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], string.format('%.0f', new), 'PX', math.ceil((new - now) / 1000))
end
return {1, 0}
`

// Allow takes one event from every check, in order. When one refuses, the
// events already taken from the checks before it are given back, so a
// refusal by a shared budget does not also spend the client's own, and the
// Decision names the refusing check. Checks whose Limit is Off are skipped.
//
// On a Redis error Allow returns it, with what was taken given back as far
// as Redis lets; the caller decides whether to let the event through.
func (l *Limiter) Allow(ctx context.Context, checks ...Check) (Decision, error) {
	var taken []Check
	for _, c := range checks {
		if c.Limit.Off() {
			continue
		}
		wait, err := l.run(ctx, c, 1)
		if err != nil {
			l.giveBack(ctx, taken)
			return Decision{}, fmt.Errorf("ratelimit: %s: %w", c.Name, err)
		}
		if wait > 0 {
			l.giveBack(ctx, taken)
			return Decision{Allowed: false, RetryAfter: wait, Denied: c.Name}, nil
		}
		taken = append(taken, c)
	}
	return Decision{Allowed: true}, nil
}

// giveBack returns one event to each check. It is best effort: a failure
// only leaves a budget one event lower until it refills.
func (l *Limiter) giveBack(ctx context.Context, checks []Check) {
	for _, c := range checks {
		_, _ = l.run(ctx, c, -1)
	}
}

// run runs the script for one check and returns how long to wait (0: done).
func (l *Limiter) run(ctx context.Context, c Check, cost int) (time.Duration, error) {
	interval := c.Limit.Per / time.Duration(c.Limit.Events)
	tolerance := interval * time.Duration(c.Limit.burst())
	now := ""
	if l.now != nil {
		now = strconv.FormatInt(l.now().UnixMicro(), 10)
	}
	res, err := l.script.Run(ctx, l.rdb, []string{l.key(c)},
		now, interval.Microseconds(), tolerance.Microseconds(), cost).Int64Slice()
	if err != nil {
		return 0, err
	}
	if len(res) != 2 {
		return 0, fmt.Errorf("unexpected script answer %v", res)
	}
	if res[0] == 1 {
		return 0, nil
	}
	return max(time.Duration(res[1])*time.Microsecond, time.Microsecond), nil
}

func (l *Limiter) key(c Check) string {
	if c.Subject == "" {
		return l.keys.Global("ratelimit:" + c.Name)
	}
	return l.keys.Global("ratelimit:" + c.Name + ":" + c.Subject)
}
