package bench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// flagSet is a benchmark's flags: its own, and the ones benchmarks share
// (which Redis, the end-to-end load), each defined once here.
type flagSet struct {
	*flag.FlagSet
	getenv func(string) string
}

// newFlagSet is the flags of "bench name", whose help goes to stdout.
func newFlagSet(name string, stdout io.Writer, getenv func(string) string) flagSet {
	fs := flag.NewFlagSet("bench "+name, flag.ContinueOnError)
	fs.SetOutput(stdout)
	return flagSet{FlagSet: fs, getenv: getenv}
}

// parse parses args, then checks that each of the int flags named in
// atLeastOne is at least 1.
func (f flagSet) parse(args []string, atLeastOne ...string) error {
	if err := f.Parse(args); err != nil {
		return err
	}
	var bad []string
	for _, name := range atLeastOne {
		if v, _ := f.Lookup(name).Value.(flag.Getter).Get().(int); v < 1 {
			bad = append(bad, "--"+name)
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%s: %s must be at least 1", f.Name(), strings.Join(bad, ", "))
	}
	return nil
}

// redis adds the flags that say which Redis a bench measures against, as
// serve is configured: --redis (a URL) or --redis-addrs (Cluster nodes, or
// Sentinels with --redis-master), defaulting to REDIS_URL, REDIS_ADDRS,
// REDIS_MASTER_NAME and REDIS_PASSWORD. Only when none is given does a
// bench use the local test Redis. The returned function reads the flags
// once they are parsed.
func (f flagSet) redis() func() store.Options {
	url := f.String("redis", f.getenv("REDIS_URL"), "one Redis server to measure against, redis://host:port/db (its keys are removed afterwards; default redis://127.0.0.1:6379/15)")
	addrs := f.String("redis-addrs", f.getenv("REDIS_ADDRS"), "Cluster nodes, or Sentinels with --redis-master, comma-separated (instead of --redis)")
	master := f.String("redis-master", f.getenv("REDIS_MASTER_NAME"), "the master the Sentinels in --redis-addrs watch")
	return func() store.Options {
		o := store.Options{URL: *url, MasterName: *master, Password: f.getenv("REDIS_PASSWORD")}
		if *addrs != "" {
			o.URL, o.Addrs = "", strings.Split(*addrs, ",")
		}
		if !o.Configured() {
			o.URL = "redis://127.0.0.1:6379/15"
		}
		return o
	}
}

// endToEnd are the flags of the benches that run frontdoor serve as a
// process of its own beside a peer (telegram, webchat): the load, the
// rounds, and the Redis serve runs on.
type endToEnd struct {
	fs                         flagSet
	messages, contacts, rounds int
	texts                      string
	timeout                    time.Duration
	url                        string
	embedded                   bool
}

// endToEnd adds the end-to-end flags with these defaults; redisHelp and
// embeddedHelp add to the help of --redis and --embedded what the bench
// does with them.
func (f flagSet) endToEnd(messages, contacts int, redisHelp, embeddedHelp string) *endToEnd {
	e := &endToEnd{fs: f}
	f.IntVar(&e.messages, "messages", messages, "messages in all, per run")
	f.IntVar(&e.contacts, "contacts", contacts, "people writing at once; each writes again 30 ms after the answer")
	f.IntVar(&e.rounds, "rounds", 3, "rounds, each the peer then Frontdoor; the summary gives medians and ranges")
	f.StringVar(&e.texts, "texts", "", "comma-separated texts every person sends in turn, instead of the default walks (a language, consent, questions that triage to an area, one person in five asking for a person); /start,hello,1,menu is the load of the figures before 2026-12-06 18:00 UTC")
	f.DurationVar(&e.timeout, "timeout", 2*time.Minute, "give up on a run after")
	f.StringVar(&e.url, "redis", f.getenv("REDIS_URL"), "the Redis Frontdoor uses, redis://host:port/db; its keys go under a throw-away prefix, removed afterwards (default redis://127.0.0.1:6379/15)"+redisHelp)
	f.BoolVar(&e.embedded, "embedded", false, "run Frontdoor on its embedded in-process Redis, as serve runs with no Redis configured (--redis is then unused"+embeddedHelp+")")
	return e
}

// parse parses args and checks the load.
func (e *endToEnd) parse(args []string) error {
	return e.fs.parse(args, "messages", "contacts", "rounds")
}

// redis connects to the Redis of --redis (nil with --embedded, and url
// then empty: serve runs on its own); where says which, for the report.
// close ends the connection.
func (e *endToEnd) redis(ctx context.Context) (client redis.UniversalClient, where string, close func(), err error) {
	if e.embedded {
		e.url = ""
		return nil, "its embedded Redis", func() {}, nil
	}
	if e.url == "" {
		e.url = "redis://127.0.0.1:6379/15"
	}
	db, err := store.Open(ctx, store.Options{URL: e.url, PoolSize: 4}, discardLogger())
	if err != nil {
		return nil, "", nil, err
	}
	return db.Client, "Redis at " + store.Options{URL: e.url}.Describe(), func() { db.Close() }, nil
}
