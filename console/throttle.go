package console

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// Throttle slows down password guessing at the sign-in form without
// locking anyone out for good:
//
//   - an account from one client (address, as ratelimit.Proxies sees it
//     behind the desk's reverse proxy) gets AccountTries failures per
//     Window; the owner signing in from their own device is not held up by
//     someone guessing their password elsewhere;
//   - one client gets ClientTries failures per Window over all accounts,
//     so guessing across names from one place stops too;
//   - everyone together gets GlobalTries failures per GlobalWindow, a
//     short window: against guessing from many addresses it slows every
//     sign-in down for at most a minute, never for a quarter of an hour.
//
// A refusal says which limit and for how long (Wait), so the form can
// answer clearly and with Retry-After. A success clears the account's
// counter for that client.
//
// Redis keys (owned by this package), each a counter of failures that
// expires with its window:
//
//	<prefix>signin:acct:<account>:<client>
//	<prefix>signin:client:<client>
//	<prefix>signin:all
type Throttle struct {
	rdb  redis.UniversalClient
	keys store.Keys
	cfg  ThrottleConfig
}

// ThrottleConfig are the Throttle's limits; zero fields take defaults.
type ThrottleConfig struct {
	AccountTries int           // default 5
	ClientTries  int           // default 20
	Window       time.Duration // default 15 minutes
	GlobalTries  int           // default 100
	GlobalWindow time.Duration // default 1 minute
}

func (c ThrottleConfig) withDefaults() ThrottleConfig {
	if c.AccountTries <= 0 {
		c.AccountTries = 5
	}
	if c.ClientTries <= 0 {
		c.ClientTries = 20
	}
	if c.Window <= 0 {
		c.Window = 15 * time.Minute
	}
	if c.GlobalTries <= 0 {
		c.GlobalTries = 100
	}
	if c.GlobalWindow <= 0 {
		c.GlobalWindow = time.Minute
	}
	return c
}

// NewThrottle keeps the counters in rdb under keys' prefix.
func NewThrottle(rdb redis.UniversalClient, keys store.Keys, cfg ThrottleConfig) *Throttle {
	return &Throttle{rdb: rdb, keys: keys, cfg: cfg.withDefaults()}
}

// Limit names the limit that refused a sign-in.
type Limit int

// The limits, from the narrowest.
const (
	NoLimit      Limit = iota
	AccountLimit       // this account from this client
	ClientLimit        // this client, any account
	GlobalLimit        // everyone
)

// Refusal is a sign-in the Throttle does not allow now.
type Refusal struct {
	Limit Limit
	// Wait is how long until the limit has room again.
	Wait time.Duration
}

func (t *Throttle) keyset(account, client string) []string {
	return []string{
		t.keys.Global("signin:acct:" + account + ":" + client),
		t.keys.Global("signin:client:" + client),
		t.keys.Global("signin:all"),
	}
}

// Check says whether a sign-in to account from client may be tried now;
// client is a pseudonymous subject such as ratelimit.ClientSubject gives.
func (t *Throttle) Check(ctx context.Context, account, client string) (Refusal, error) {
	keys := t.keyset(account, client)
	p := t.rdb.Pipeline()
	counts := make([]*redis.StringCmd, len(keys))
	ttls := make([]*redis.DurationCmd, len(keys))
	for i, k := range keys {
		counts[i] = p.Get(ctx, k)
		ttls[i] = p.PTTL(ctx, k)
	}
	if _, err := p.Exec(ctx); err != nil && err != redis.Nil {
		return Refusal{}, fmt.Errorf("console: reading sign-in counters: %w", err)
	}
	limits := []int{t.cfg.AccountTries, t.cfg.ClientTries, t.cfg.GlobalTries}
	for i := range keys {
		n, _ := counts[i].Int()
		if n >= limits[i] {
			wait := ttls[i].Val()
			if wait < time.Second {
				wait = time.Second
			}
			return Refusal{Limit: Limit(i + 1), Wait: wait}, nil
		}
	}
	return Refusal{}, nil
}

// Failed counts a failed sign-in to account from client.
func (t *Throttle) Failed(ctx context.Context, account, client string) error {
	keys := t.keyset(account, client)
	windows := []time.Duration{t.cfg.Window, t.cfg.Window, t.cfg.GlobalWindow}
	p := t.rdb.Pipeline()
	for i, k := range keys {
		p.Incr(ctx, k)
		// NX: the window starts at the first failure and is not pushed
		// back by the next ones, so a refusal's Wait is its real end.
		p.ExpireNX(ctx, k, windows[i])
	}
	if _, err := p.Exec(ctx); err != nil {
		return fmt.Errorf("console: counting a failed sign-in: %w", err)
	}
	return nil
}

// Succeeded forgets the failures of account from client.
func (t *Throttle) Succeeded(ctx context.Context, account, client string) error {
	if err := t.rdb.Del(ctx, t.keyset(account, client)[0]).Err(); err != nil {
		return fmt.Errorf("console: clearing sign-in failures: %w", err)
	}
	return nil
}
