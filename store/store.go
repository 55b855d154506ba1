// Package store opens the Redis connection Frontdoor keeps all its state in,
// names keys, and runs the embedded in-process Redis used when none is
// configured.
package store

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

// Options says which Redis to use. All empty means the embedded one.
type Options struct {
	// URL is a redis:// or rediss:// URL for a single node.
	URL string
	// Addrs lists host:port addresses: several for Cluster, or Sentinels
	// when MasterName is set.
	Addrs      []string
	MasterName string
	Username   string
	Password   string
	DB         int
	// PoolSize bounds connections; 0 means the size serve needs, with
	// connections kept open when idle (see idleConns).
	PoolSize int

	// Dialer, when set, opens the client's connections (tests that cut
	// them: storetest.ClientDialing); nil is go-redis' own.
	Dialer func(ctx context.Context, network, addr string) (net.Conn, error)

	// minIdle is how many connections the client keeps open when idle.
	minIdle int
}

// Configured reports whether a real Redis was asked for.
func (o Options) Configured() bool { return o.URL != "" || len(o.Addrs) > 0 }

// DB is an open Redis connection and what is needed to close it.
type DB struct {
	Client   redis.UniversalClient
	Embedded bool
	// Traffic counts the client's round trips and commands, for /metrics
	// and the benchmarks.
	Traffic *Traffic
	// Mode is how the configured Redis is deployed ("" when embedded).
	Mode Mode
	mini *miniredis.Miniredis
}

// Close closes the client and stops the embedded server, if any.
func (d *DB) Close() error {
	err := d.Client.Close()
	if d.mini != nil {
		d.mini.Close()
	}
	return err
}

// Open connects to the configured Redis and checks it answers. With nothing
// configured it starts the embedded Redis and says loudly that nothing
// survives a restart. A configured Redis that does not answer is an error:
// falling back silently would lose people's conversations.
func Open(ctx context.Context, o Options, log *slog.Logger) (*DB, error) {
	if !o.Configured() {
		m := miniredis.NewMiniRedis()
		if err := m.Start(); err != nil {
			return nil, fmt.Errorf("start embedded redis: %w", err)
		}
		log.Warn("no Redis configured: using an embedded in-process Redis; nothing survives a restart. Set REDIS_URL or redis.url in config.yaml for real use.")
		c := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{m.Addr()}, PoolSize: 4*SignalGroups + 64, ContextTimeoutEnabled: true})
		t := &Traffic{}
		CountTraffic(c, t)
		return &DB{Client: c, Embedded: true, mini: m, Traffic: t}, nil
	}
	if o.PoolSize == 0 {
		// The dispatcher keeps one blocking connection per signal group waiting
		// for work; go-redis' default (10 per CPU) would leave too few
		// for the work itself.
		o.PoolSize = 4*SignalGroups + 64
		o.minIdle = idleConns
	}
	c, mode, err := o.connect(ctx)
	if err != nil {
		return nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := c.Ping(pingCtx).Err(); err != nil {
		c.Close()
		return nil, fmt.Errorf("redis at %s is not reachable: %w", o.Describe(), err)
	}
	t := &Traffic{}
	CountTraffic(c, t)
	log.Info("redis connected", "mode", string(mode), "at", o.Describe())
	return &DB{Client: c, Traffic: t, Mode: mode}, nil
}

// Mode is how a Redis is deployed.
type Mode string

// The modes Open tells apart.
const (
	ModeSingle   Mode = "single"
	ModeSentinel Mode = "sentinel"
	ModeCluster  Mode = "cluster"
)

// ClusterReload bounds how long a Cluster client keeps a layout that a
// failover changed. go-redis reloads on MOVED at once, but a dead master
// sends no MOVED: by default it kept being dialled for 60 s. The reload is
// lazy (it runs on a command, in the background), so an idle client costs
// nothing.
const ClusterReload = time.Second

// connect builds the client the configuration asks for. A master name
// means Sentinel. Otherwise the server itself says what it is (INFO's
// redis_mode): a Cluster node gets the Cluster client even when only one
// seed address is given, and Sentinel addresses without a master name, or
// several addresses of a server that is not in a Cluster, are refused with
// a message that says what to set, instead of a client that fails later
// on one key in three.
func (o Options) connect(ctx context.Context) (redis.UniversalClient, Mode, error) {
	uo, err := o.universal()
	if err != nil {
		return nil, "", err
	}
	if uo.MasterName != "" {
		fo := uo.Failover()
		return redis.NewFailoverClient(fo), ModeSentinel, nil
	}
	mode, err := probe(ctx, uo)
	if err != nil {
		return nil, "", fmt.Errorf("redis at %s is not reachable: %w", o.Describe(), err)
	}
	switch mode {
	case "sentinel":
		return nil, "", fmt.Errorf("redis at %s is a Sentinel: set REDIS_MASTER_NAME (redis.master_name) to the name of the master it watches", o.Describe())
	case "cluster":
		if uo.DB != 0 {
			return nil, "", fmt.Errorf("redis at %s is a Cluster, which has only database 0 (redis.db is %d)", o.Describe(), uo.DB)
		}
		co := uo.Cluster()
		co.ClusterStateReloadInterval = ClusterReload
		c := redis.NewClusterClient(co)
		c.AddHook(reloadHook{c})
		return c, ModeCluster, nil
	}
	if len(uo.Addrs) > 1 {
		return nil, "", fmt.Errorf("redis addresses %s: %s is a single server, not a Cluster node; for one server set REDIS_URL, for Sentinels add REDIS_MASTER_NAME", o.Describe(), uo.Addrs[0])
	}
	return redis.NewClient(uo.Simple()), ModeSingle, nil
}

// probe asks the first address that answers what kind of Redis it is:
// "standalone", "cluster" or "sentinel".
func probe(ctx context.Context, uo *redis.UniversalOptions) (string, error) {
	var errs []error
	for _, addr := range uo.Addrs {
		so := uo.Simple()
		so.Addr, so.DB, so.PoolSize, so.MinIdleConns, so.MaxRetries = addr, 0, 1, 0, -1
		c := redis.NewClient(so)
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		info, err := c.Info(pctx, "server").Result()
		cancel()
		c.Close()
		var rerr redis.Error
		if err != nil && errors.As(err, &rerr) && !Unavailable(err) {
			// It answered but may not tell (an ACL without INFO): as
			// go-redis would guess, several addresses are a Cluster.
			if len(uo.Addrs) > 1 {
				return "cluster", nil
			}
			return "standalone", nil
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", addr, err))
			continue
		}
		for line := range strings.Lines(info) {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), "redis_mode:"); ok {
				return v, nil
			}
		}
		return "standalone", nil
	}
	return "", errors.Join(errs...)
}

// reloadHook asks the Cluster client for a fresh layout as soon as a
// command meets a node that is gone or a cluster that is reorganising,
// rather than at the next periodic reload.
type reloadHook struct{ c *redis.ClusterClient }

func (reloadHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h reloadHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if Unavailable(err) {
			h.c.ReloadState(ctx)
		}
		return err
	}
}

func (h reloadHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		for _, c := range cmds {
			if Unavailable(c.Err()) {
				h.c.ReloadState(ctx)
				break
			}
		}
		return err
	}
}

// Unavailable reports whether err means Redis, or the part of it holding a
// key, is away for a while rather than refusing the command: a connection
// that cannot be made or was cut, a timeout, a Cluster or Sentinel
// failover in progress (CLUSTERDOWN, MASTERDOWN, TRYAGAIN, READONLY from a
// demoted master), a server still loading its data, a full pool. Work that
// met such an error should wait and try again, and not count it against
// the work itself.
func Unavailable(err error) bool {
	// A client closed (the process stopping) does not come back.
	if err == nil || errors.Is(err, redis.Nil) || errors.Is(err, context.Canceled) || errors.Is(err, redis.ErrClosed) {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, redis.ErrPoolTimeout) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	if redis.IsClusterDownError(err) || redis.IsMasterDownError(err) || redis.IsTryAgainError(err) ||
		redis.IsLoadingError(err) || redis.IsReadOnlyError(err) {
		return true
	}
	// Errors that crossed a seam as text (fmt.Errorf with %v) still carry
	// the server's words.
	s := err.Error()
	for _, w := range []string{"CLUSTERDOWN", "MASTERDOWN", "TRYAGAIN", "LOADING", "READONLY", "connection refused", "connection reset", "i/o timeout", "broken pipe"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// NotRun reports whether err says for sure that Redis did not run the
// command: the connection could not be made, or the server refused it
// for a failover in progress. After a timeout or a cut connection the
// command may have run; only idempotent commands may be sent again then.
func NotRun(err error) bool {
	if err == nil {
		return false
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" || errors.Is(err, redis.ErrPoolTimeout) || errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	return redis.IsClusterDownError(err) || redis.IsMasterDownError(err) || redis.IsTryAgainError(err) ||
		redis.IsLoadingError(err) || redis.IsReadOnlyError(err)
}

// idleConns is how many connections serve's client keeps open when idle: the
// dispatcher's pumps hold one each (SignalGroups) in a blocking wait, and the
// work around a message needs a few more at once. Below that, a burst of
// messages after a quiet spell opens connections on the message's path,
// and each costs its own round trips (HELLO, SELECT) before the first
// command.
const idleConns = SignalGroups + 16

func (o Options) universal() (*redis.UniversalOptions, error) {
	uo := &redis.UniversalOptions{
		Addrs:        o.Addrs,
		MasterName:   o.MasterName,
		Username:     o.Username,
		Password:     o.Password,
		DB:           o.DB,
		PoolSize:     o.PoolSize,
		MinIdleConns: o.minIdle,
		// Pipelines on the same pool as single commands: go-redis' own
		// pipeline pool opens its connections lazily (never idle ones),
		// so a message's first pipelines after a start or a quiet spell
		// each paid a handshake.
		PipelinePoolSize:      -1,
		ContextTimeoutEnabled: true,
		// A new connection's handshake is HELLO, then SELECT when the
		// database is not 0; go-redis adds CLIENT SETINFO (a round trip
		// more, refused by Redis before 7.2) and, for Redis Enterprise,
		// CLIENT MAINT_NOTIFICATIONS (another). Frontdoor needs neither.
		DisableIdentity:          true,
		MaintNotificationsConfig: &maintnotifications.Config{Mode: maintnotifications.ModeDisabled},
		Dialer:                   o.Dialer,
	}
	if o.URL != "" {
		po, err := redis.ParseURL(o.URL)
		if err != nil {
			return nil, fmt.Errorf("redis url: %w", err)
		}
		uo.Addrs = []string{po.Addr}
		uo.Username, uo.Password, uo.DB, uo.TLSConfig = po.Username, po.Password, po.DB, po.TLSConfig
		if o.Username != "" {
			uo.Username = o.Username
		}
		if o.Password != "" {
			uo.Password = o.Password
		}
	}
	return uo, nil
}

// ForEachMaster runs fn on every master: the one server of a single node
// or Sentinel setup, each master of a Cluster. SCAN and other commands
// that are about one server's keys must go through it, since on a Cluster
// client they reach one node only.
func ForEachMaster(ctx context.Context, c redis.UniversalClient, fn func(ctx context.Context, node redis.UniversalClient) error) error {
	if cc, ok := c.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error { return fn(ctx, n) })
	}
	return fn(ctx, c)
}

// KeysWith lists every key under prefix, on every master, sorted: SCAN's
// order changes between two calls over the same keys (a rehash of the
// server's table), and a Cluster's masters answer in any order, so a
// caller comparing two lists would otherwise see a change where none is.
func KeysWith(ctx context.Context, c redis.UniversalClient, prefix string) ([]string, error) {
	var mu sync.Mutex
	var out []string
	err := ForEachMaster(ctx, c, func(ctx context.Context, n redis.UniversalClient) error {
		iter := n.Scan(ctx, 0, prefix+"*", 1000).Iterator()
		for iter.Next(ctx) {
			mu.Lock()
			out = append(out, iter.Val())
			mu.Unlock()
		}
		return iter.Err()
	})
	slices.Sort(out)
	return out, err
}

// DeletePrefix deletes every key under prefix, on every master. Keys go one
// per command (in pipelines): on a Cluster, keys of different slots cannot
// share one DEL.
func DeletePrefix(ctx context.Context, c redis.UniversalClient, prefix string) error {
	return ForEachMaster(ctx, c, func(ctx context.Context, n redis.UniversalClient) error {
		iter := n.Scan(ctx, 0, prefix+"*", 1000).Iterator()
		p := n.Pipeline()
		for iter.Next(ctx) {
			p.Unlink(ctx, iter.Val())
			if p.Len() >= 500 {
				if _, err := p.Exec(ctx); err != nil {
					return err
				}
			}
		}
		if err := iter.Err(); err != nil {
			return err
		}
		if p.Len() > 0 {
			_, err := p.Exec(ctx)
			return err
		}
		return nil
	})
}

// Describe names the Redis without its password, for error messages.
func (o Options) Describe() string {
	if o.URL != "" {
		if i := strings.LastIndex(o.URL, "@"); i >= 0 {
			scheme, _, _ := strings.Cut(o.URL, "://")
			return scheme + "://" + o.URL[i+1:]
		}
		return o.URL
	}
	if o.MasterName != "" {
		return fmt.Sprintf("sentinel master %q via %s", o.MasterName, strings.Join(o.Addrs, ","))
	}
	return strings.Join(o.Addrs, ",")
}

// Shards is the number of hash-tag groups contacts are spread over. Every key
// of one contact, and the per-shard queues that mention it, share one hash
// tag, so a Lua script touching them stays in one Cluster slot. Each shard's
// tag lies in its own 1/256 of the slots (shardTags), so a Cluster's masters
// hold their share of the contacts whatever their number (docs/ARCHITECTURE.md,
// "Contacts across a Redis Cluster"). Before 2026-12-07 there were 16, tagged
// {0}…{15}; UpgradeLayout moves their keys.
const Shards = 256

// SignalGroups is the number of lists contacts are signalled in: shard s
// signals in group s mod SignalGroups, one list each (GroupKey), which one
// blocking connection per group waits on. A group's list is in another slot
// than its contacts, so the scripts cannot push it: the dispatcher does,
// after the script that says so.
const SignalGroups = 16

// Group is the signal group of a shard.
func Group(shard int) int { return shard % SignalGroups }

// shardTags are the shards' hash tags, computed once: the layout itself, so
// TestShardTagsAreSlotSpaced pins it.
var shardTags = spacedTags()

// spacedTags gives shard N the first tag c:N.k (k = 0, 1, ...) whose slot
// lies in the N-th of Shards equal slot ranges. A Cluster's masters own
// contiguous slot ranges, so each holds its share of the shards exactly, not
// as a random draw of 256 slots would give (docs/ARCHITECTURE.md's table).
func spacedTags() [Shards]string {
	var tags [Shards]string
	const width = slotCount / Shards
	for n := range Shards {
		for k := 0; ; k++ {
			tag := fmt.Sprintf("c:%d.%d", n, k)
			if slot(tag)/width == n {
				tags[n] = tag
				break
			}
		}
	}
	return tags
}

// slotCount is the number of a Redis Cluster's hash slots.
const slotCount = 16384

// slot is the Cluster hash slot of a string that has no hash tag of its own
// (a tag): CRC16 (XMODEM) modulo 16384, as Redis computes it.
func slot(s string) int {
	var crc uint16
	for i := 0; i < len(s); i++ {
		crc ^= uint16(s[i]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return int(crc) % slotCount
}

// ShardTag is the hash tag of a shard, without its braces.
func ShardTag(shard int) string { return shardTags[shard] }

// ContactKeyNames are the names the packages pass to Keys.ContactKey:
// UpgradeLayout moves a key of the old layout only by a name it knows, and
// TestContactKeyNamesAreListed finds every name in the sources. A package
// that adds one adds it here.
func ContactKeyNames() []string {
	return []string{
		// bot/dispatch: see its scripts.go.
		"in", "seen", "lock", "ct", "trail", "out", "hb",
		// booking.
		"booking:dlg", "booking:lang", "booking:mine",
		// bot/webchat (webchat.ChannelName).
		"webchat",
		// broadcast.
		"bsub",
	}
}

// Keys builds namespaced key names. The zero value is not usable; use
// NewKeys.
type Keys struct {
	prefix string
}

// NewKeys returns key naming under prefix ("fd:" by default).
func NewKeys(prefix string) Keys {
	if prefix == "" {
		prefix = "fd:"
	}
	return Keys{prefix: prefix}
}

// Prefix is the namespace every key starts with.
func (k Keys) Prefix() string { return k.prefix }

// Shard returns the shard of a contact key ("channel:id").
func Shard(contactKey string) int {
	h := fnv.New32a()
	h.Write([]byte(contactKey))
	return int(h.Sum32() % Shards)
}

// ShardKey names a per-shard key: prefix{tag}:name.
func (k Keys) ShardKey(shard int, name string) string {
	return k.prefix + "{" + shardTags[shard] + "}:" + name
}

// GroupKey names a key of a signal group: prefix{r:g}:name.
func (k Keys) GroupKey(group int, name string) string {
	return k.prefix + "{r:" + strconv.Itoa(group) + "}:" + name
}

// ContactKey names a key of one contact, in the contact's shard:
// prefix{tag}:name:channel:id.
func (k Keys) ContactKey(contactKey, name string) string {
	return k.ShardKey(Shard(contactKey), name+":"+contactKey)
}

// Global names a key that belongs to no contact: prefix name.
func (k Keys) Global(name string) string { return k.prefix + name }

// ErrNil is returned by lookups that found nothing.
var ErrNil = errors.New("not found")
