package storetest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// Node is one redis-server (or Sentinel) a test started.
type Node struct {
	Addr   string
	cmd    *exec.Cmd
	exited chan struct{}
	mu     sync.Mutex
	dead   bool
}

// Kill stops the process at once (SIGKILL), as a crash would.
func (n *Node) Kill() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.dead {
		return
	}
	n.dead = true
	n.cmd.Process.Kill()
	<-n.exited
}

// Freeze stops the process (SIGSTOP) without killing it: a replica that
// neither applies nor acknowledges what its master sends, as one that
// lags far behind. Thaw lets it go on; the test's end thaws it too.
func (n *Node) Freeze(tb testing.TB) {
	tb.Helper()
	if err := signal(n.cmd, true); err != nil {
		tb.Skipf("storetest: cannot stop a process here: %v", err)
	}
	tb.Cleanup(func() { n.Thaw(tb) })
}

// Thaw lets a frozen process go on (SIGCONT).
func (n *Node) Thaw(tb testing.TB) {
	tb.Helper()
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.dead {
		return
	}
	if err := signal(n.cmd, false); err != nil {
		tb.Errorf("storetest: thaw %s: %v", n.Addr, err)
	}
}

// Synced waits until the node's replicas hold every write it has
// acknowledged (WAIT), so that a kill that follows tests failover, not the
// asynchronous-replication window the README states apart.
func (n *Node) Synced(tb testing.TB) {
	tb.Helper()
	cl := redis.NewClient(&redis.Options{Addr: n.Addr, MaxRetries: -1})
	defer cl.Close()
	if got, err := cl.Do(context.Background(), "WAIT", 1, 10000).Int(); err != nil || got < 1 {
		tb.Fatalf("storetest: %s: replicas did not acknowledge its writes: %d %v", n.Addr, got, err)
	}
}

// BlockedInWait waits until the server has a client blocked in WAIT
// (CLIENT LIST: cmd=wait, flag b), or stop is closed (false): for a test
// that freezes a replica and lets it go only once a write waits for it.
func (n *Node) BlockedInWait(stop <-chan struct{}) bool {
	cl := redis.NewClient(&redis.Options{Addr: n.Addr, MaxRetries: -1, PoolSize: 1})
	defer cl.Close()
	for {
		list, _ := cl.ClientList(context.Background()).Result()
		for line := range strings.Lines(list) {
			var flags string
			for f := range strings.FieldsSeq(line) {
				if v, ok := strings.CutPrefix(f, "flags="); ok {
					flags = v
				}
			}
			if strings.Contains(line, " cmd=wait ") && strings.Contains(flags, "b") {
				return true
			}
		}
		select {
		case <-stop:
			return false
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// Reader is a client on the node for reads, also when it is a
// replica (READONLY, which a Cluster replica needs to answer reads); it
// is closed when the test ends.
func (n *Node) Reader(tb testing.TB) *redis.Client {
	cl := redis.NewClient(&redis.Options{Addr: n.Addr, MaxRetries: -1, PoolSize: 1,
		OnConnect: func(ctx context.Context, cn *redis.Conn) error {
			// A Cluster node takes READONLY; any other replica answers
			// reads anyway.
			cn.ReadOnly(ctx)
			return nil
		}})
	tb.Cleanup(func() { cl.Close() })
	return cl
}

// Cluster is a local Redis Cluster of three masters, each with a replica.
type Cluster struct {
	Nodes []*Node
}

// Addrs lists every node, as REDIS_ADDRS would.
func (c *Cluster) Addrs() []string {
	out := make([]string, len(c.Nodes))
	for i, n := range c.Nodes {
		out[i] = n.Addr
	}
	return out
}

// Options are serve's options for the Cluster.
func (c *Cluster) Options() store.Options { return store.Options{Addrs: c.Addrs()} }

// MasterOf returns the node that serves key now.
func (c *Cluster) MasterOf(tb testing.TB, key string) *Node {
	tb.Helper()
	slot := redisSlot(key)
	for _, n := range c.Nodes {
		cl := redis.NewClient(&redis.Options{Addr: n.Addr, MaxRetries: -1})
		shards, err := cl.ClusterShards(context.Background()).Result()
		cl.Close()
		if err != nil {
			continue
		}
		for _, sh := range shards {
			for _, r := range sh.Slots {
				if int64(slot) < r.Start || int64(slot) > r.End {
					continue
				}
				for _, sn := range sh.Nodes {
					if sn.Role != "master" || sn.Health != "online" {
						continue
					}
					for _, m := range c.Nodes {
						if m.Addr == sn.IP+":"+strconv.FormatInt(sn.Port, 10) {
							return m
						}
					}
				}
			}
		}
	}
	tb.Fatalf("no master serves %s", key)
	return nil
}

// ReplicaOf returns the node that replicates the master serving key now.
func (c *Cluster) ReplicaOf(tb testing.TB, key string) *Node {
	tb.Helper()
	m := c.MasterOf(tb, key)
	_, port, _ := net.SplitHostPort(m.Addr)
	for _, n := range c.Nodes {
		if n == m {
			continue
		}
		cl := redis.NewClient(&redis.Options{Addr: n.Addr, MaxRetries: -1})
		info, err := cl.Info(context.Background(), "replication").Result()
		cl.Close()
		if err == nil && strings.Contains(info, "role:slave") && strings.Contains(info, "master_port:"+port+"\r\n") {
			return n
		}
	}
	tb.Fatalf("no replica of the master of %s", key)
	return nil
}

// NeedRedisBinaries skips the test when redis-server or redis-cli is not
// installed.
func NeedRedisBinaries(tb testing.TB) {
	tb.Helper()
	for _, b := range []string{"redis-server", "redis-cli"} {
		if _, err := exec.LookPath(b); err != nil {
			tb.Skipf("%s is not installed: the Cluster and Sentinel tests need it (Debian/Ubuntu: apt-get install redis-server)", b)
		}
	}
}

// StartServer starts one redis-server of its own on a free port, without
// replicas or persistence, for a test of what a single server does that
// must not reach for a default one when the tests are given a Cluster or
// a Sentinel group. It is killed when the test ends.
func StartServer(tb testing.TB) *Node {
	tb.Helper()
	NeedRedisBinaries(tb)
	return startServer(tb, tb.TempDir())
}

// StartCluster starts a Cluster of three masters and three replicas on
// free ports, in a temporary directory, with a node timeout of nodeTimeout
// (how long a master must be unreachable before its replica takes over).
// Every process is killed, by its PID, when the test ends.
func StartCluster(tb testing.TB, nodeTimeout time.Duration) *Cluster {
	tb.Helper()
	NeedRedisBinaries(tb)
	dir := tb.TempDir()
	c := &Cluster{}
	for i := range 6 {
		d := filepath.Join(dir, strconv.Itoa(i))
		n := startServer(tb, d, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
			"--cluster-node-timeout", strconv.FormatInt(nodeTimeout.Milliseconds(), 10),
			// A replica takes over whatever its link to the master
			// looked like: the tests kill masters at will.
			"--cluster-replica-validity-factor", "0")
		c.Nodes = append(c.Nodes, n)
	}
	args := append([]string{"--cluster", "create"}, c.Addrs()...)
	args = append(args, "--cluster-replicas", "1", "--cluster-yes")
	out, err := exec.Command("redis-cli", args...).CombinedOutput()
	if err != nil {
		tb.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	c.WaitHealthy(tb, 30*time.Second)
	return c
}

// WaitHealthy waits until every live node says the cluster is ok and
// every slot is served, every replica is in sync with its master and
// every master has its replica: for a Cluster just started, before any
// node is killed.
func (c *Cluster) WaitHealthy(tb testing.TB, limit time.Duration) {
	tb.Helper()
	deadline := time.Now().Add(limit)
	for {
		ok := true
		for _, n := range c.Nodes {
			n.mu.Lock()
			dead := n.dead
			n.mu.Unlock()
			if dead {
				continue
			}
			cl := redis.NewClient(&redis.Options{Addr: n.Addr, MaxRetries: -1})
			info, err := cl.ClusterInfo(context.Background()).Result()
			// A replica that has not synced yet would take over empty.
			repl, rerr := cl.Info(context.Background(), "replication").Result()
			cl.Close()
			if err != nil || rerr != nil || !strings.Contains(info, "cluster_state:ok") || !strings.Contains(info, "cluster_slots_ok:16384") ||
				strings.Contains(repl, "role:slave") && !strings.Contains(repl, "master_link_status:up") ||
				strings.Contains(repl, "role:master") && !strings.Contains(repl, "connected_slaves:1") {
				ok = false
				break
			}
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("cluster not healthy after %v", limit)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Sentinel is a master, its replica and three Sentinels watching them.
type Sentinel struct {
	Master, Replica *Node
	Sentinels       []*Node
	Name            string
}

// Options are serve's options for the group.
func (s *Sentinel) Options() store.Options {
	var addrs []string
	for _, n := range s.Sentinels {
		addrs = append(addrs, n.Addr)
	}
	return store.Options{Addrs: addrs, MasterName: s.Name}
}

// StartSentinel starts a Sentinel group that declares its master down
// after downAfter without answers. Processes are killed when the test ends.
func StartSentinel(tb testing.TB, downAfter time.Duration) *Sentinel {
	tb.Helper()
	NeedRedisBinaries(tb)
	dir := tb.TempDir()
	s := &Sentinel{Name: "fdmaster"}
	s.Master = startServer(tb, filepath.Join(dir, "m"))
	host, port, _ := net.SplitHostPort(s.Master.Addr)
	s.Replica = startServer(tb, filepath.Join(dir, "r"), "--replicaof", host, port)
	for i := range 3 {
		d := filepath.Join(dir, "s"+strconv.Itoa(i))
		conf := fmt.Sprintf("sentinel monitor %s %s %s 2\nsentinel down-after-milliseconds %s %d\nsentinel failover-timeout %s 10000\nsentinel parallel-syncs %s 1\n",
			s.Name, host, port, s.Name, downAfter.Milliseconds(), s.Name, s.Name)
		s.Sentinels = append(s.Sentinels, startProcess(tb, d, conf, "--sentinel"))
	}
	// Ready when the replica is in sync and every Sentinel knows the
	// master, its replica and the other Sentinels.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if s.ready() {
			return s
		}
		if time.Now().After(deadline) {
			tb.Fatal("sentinel group not ready after 30s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *Sentinel) ready() bool {
	ctx := context.Background()
	r := redis.NewClient(&redis.Options{Addr: s.Replica.Addr, MaxRetries: -1})
	info, err := r.Info(ctx, "replication").Result()
	r.Close()
	if err != nil || !strings.Contains(info, "master_link_status:up") {
		return false
	}
	for _, n := range s.Sentinels {
		sc := redis.NewSentinelClient(&redis.Options{Addr: n.Addr, MaxRetries: -1})
		m, err := sc.Master(ctx, s.Name).Result()
		sc.Close()
		if err != nil || m["num-other-sentinels"] != "2" || m["num-slaves"] != "1" {
			return false
		}
	}
	return true
}

// startServer starts a redis-server in dir with args, without
// persistence.
func startServer(tb testing.TB, dir string, args ...string) *Node {
	return startProcess(tb, dir, "", args...)
}

// startProcess starts redis-server in dir on a free port; conf, when
// given, is written as its configuration file (Sentinels need one they
// can rewrite). The process is killed by its PID when the test ends.
func startProcess(tb testing.TB, dir, conf string, args ...string) *Node {
	tb.Helper()
	if err := mkdir(dir); err != nil {
		tb.Fatal(err)
	}
	for attempt := 0; ; attempt++ {
		port := freePort(tb)
		var argv []string
		if conf != "" {
			path := filepath.Join(dir, "redis.conf")
			if err := writeFile(path, "port "+strconv.Itoa(port)+"\nbind 127.0.0.1\ndir "+dir+"\n"+conf); err != nil {
				tb.Fatal(err)
			}
			argv = append([]string{path}, args...)
		} else {
			argv = append([]string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir,
				"--save", "", "--appendonly", "no"}, args...)
		}
		cmd := exec.Command("redis-server", argv...)
		cmd.Dir = dir
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		setDeathSignal(cmd)
		if err := cmd.Start(); err != nil {
			tb.Fatalf("start redis-server: %v", err)
		}
		exited := make(chan struct{})
		n := &Node{Addr: "127.0.0.1:" + strconv.Itoa(port), cmd: cmd, exited: exited}
		go func() {
			// Reaps the process, also when it exits on its own (port
			// taken).
			cmd.Wait()
			close(exited)
		}()
		if waitAnswer(n.Addr, exited) {
			tb.Cleanup(n.Kill)
			return n
		}
		cmd.Process.Kill()
		<-exited
		n.dead = true
		if attempt >= 3 {
			tb.Fatalf("redis-server on port %d did not answer:\n%s", port, out.String())
		}
	}
}

// waitAnswer waits until addr answers PING, or the process exits.
func waitAnswer(addr string, exited <-chan struct{}) bool {
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer c.Close()
	for range 100 {
		select {
		case <-exited:
			return false
		default:
		}
		if c.Ping(context.Background()).Err() == nil {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// freePort finds a port free now whose Cluster bus port (+10000) is free
// too.
func freePort(tb testing.TB) int {
	tb.Helper()
	for range 50 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			tb.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		if port+10000 > 65535 {
			l.Close()
			continue
		}
		bus, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port+10000))
		l.Close()
		if err != nil {
			continue
		}
		bus.Close()
		return port
	}
	tb.Fatal("no free port pair")
	return 0
}

// redisSlot is Redis Cluster's hash slot of key (CRC16 of the hash tag).
func redisSlot(key string) int {
	if s := strings.IndexByte(key, '{'); s >= 0 {
		if e := strings.IndexByte(key[s+1:], '}'); e > 0 {
			key = key[s+1 : s+1+e]
		}
	}
	var crc uint16
	for i := 0; i < len(key); i++ {
		crc ^= uint16(key[i]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return int(crc % 16384)
}

// WaitsBefore makes sure the write whose answer done brings waits for
// its frozen replica: it returns once master has a client blocked in WAIT,
// and fails tb, thawing replica, if done answers first. what names the
// write in the failure ("contact c1: the case opened").
func WaitsBefore(tb testing.TB, master, replica *Node, done <-chan error, what string) {
	tb.Helper()
	stop := make(chan struct{})
	waited := make(chan bool, 1)
	go func() { waited <- master.BlockedInWait(stop) }()
	select {
	case err := <-done:
		close(stop)
		replica.Thaw(tb)
		tb.Fatalf("%s (%v) while the replica was frozen, without waiting for it", what, err)
	case <-waited:
	}
}
