package bench

import (
	"bufio"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// peerCommand runs the bare bot (bench telegram starts it as a process of
// its own, like Frontdoor).
const peerCommand = "telegram-peer"

const benchToken = "123:LOAD"

// benchTelegram runs Frontdoor as it is run (frontdoor serve, a process of
// its own, on a real Redis) and the smallest go-telegram/bot program that
// answers every message (the peer: no state, no Redis), one after the
// other in each round, against the same fake Bot API, and prints their
// answered/s, p50 and p99, the ratios, and what Frontdoor asked of Redis
// per inbound message.
func benchTelegram(ctx context.Context, args []string, env Env) error {
	fl := newFlagSet("telegram", env.Stdout, env.Getenv).endToEnd(5000, 500,
		". Commands are counted from the server's INFO: give Frontdoor a Redis of its own for that figure to be Frontdoor's alone",
		", and Redis commands are not counted")
	if err := fl.parse(args); err != nil {
		return err
	}
	client, where, closeRedis, err := fl.redis(ctx)
	if err != nil {
		return fmt.Errorf("bench telegram: %w", err)
	}
	defer closeRedis()
	fmt.Fprintf(env.Stdout, "telegram: %d messages from %d people, %d round(s); Frontdoor on %s\n", fl.messages, fl.contacts, fl.rounds, where)
	load := func() (*loadServer, error) {
		return startLoad(fl.messages, fl.contacts, walksOf(fl.texts), benchToken, 30*time.Millisecond)
	}
	var sums []roundSum
	for r := 1; r <= fl.rounds; r++ {
		peer, err := runBot(ctx, load, fl.timeout, func(apiURL string) *exec.Cmd {
			return exec.Command(env.Self, "bench", peerCommand, "--url", apiURL)
		})
		if err != nil {
			return fmt.Errorf("bench telegram: the peer: %w", err)
		}
		fd, redisUse, err := runFrontdoor(ctx, client, fl.url, load, fl.timeout, env.Self)
		if err != nil {
			return fmt.Errorf("bench telegram: frontdoor: %w", err)
		}
		s := roundSum{peer: peer, fd: fd, redis: redisUse}
		sums = append(sums, s)
		s.print(env.Stdout, r)
		if fd.Answered < fd.Inbound {
			return fmt.Errorf("bench telegram: frontdoor answered %d of %d messages; unanswered %v", fd.Answered, fd.Inbound, fd.Unanswered)
		}
	}
	summarize(env.Stdout, sums)
	return nil
}

type redisUse struct {
	accepted, roundTrips, commands int64
	// byName are the commands by name (INFO commandstats' cmdstat_x),
	// those run inside scripts included.
	byName map[string]int64
	// events are the conversations' events every sink took, by kind
	// (frontdoor_events_total): the statistics' and the cases' commands
	// are among those counted only when the load reaches them.
	events map[string]int64
	// embedded: commands were not counted (the embedded Redis has no
	// INFO commandstats).
	embedded bool
}

type roundSum struct {
	peer, fd result
	redis    redisUse
}

func (s roundSum) rate() float64 { return s.fd.PerSecond / s.peer.PerSecond }
func (s roundSum) p99() float64  { return float64(s.fd.P99) / float64(s.peer.P99) }

func (s roundSum) print(w io.Writer, round int) {
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	fmt.Fprintf(w, "round %d\n", round)
	fmt.Fprintf(w, "  peer       answered/s %7.0f   p50 %7.1f ms   p99 %7.1f ms\n", s.peer.PerSecond, ms(s.peer.P50), ms(s.peer.P99))
	fmt.Fprintf(w, "  frontdoor  answered/s %7.0f   p50 %7.1f ms   p99 %7.1f ms   answered %d/%d\n", s.fd.PerSecond, ms(s.fd.P50), ms(s.fd.P99), s.fd.Answered, s.fd.Inbound)
	per := float64(max(s.redis.accepted, 1))
	commands := fmt.Sprintf("%.1f", float64(s.redis.commands)/per)
	if s.redis.embedded {
		commands = "not counted (embedded)"
	}
	fmt.Fprintf(w, "  ratio      answered/s %.2f   p99 %.2f   per inbound message: Redis round trips %.1f, Redis commands %s, sendMessage %.2f\n",
		s.rate(), s.p99(), float64(s.redis.roundTrips)/per, commands, float64(s.fd.Methods["sendMessage"])/float64(max(s.fd.Inbound, 1)))
	fmt.Fprintf(w, "  per inbound message: events %s\n", perMessage(s.redis.events, per, 0))
	if !s.redis.embedded {
		fmt.Fprintf(w, "  per inbound message: Redis commands by name %s\n", perMessage(s.redis.byName, per, 0.05))
	}
}

// perMessage is counts divided by per, the largest first, those below
// least left out ("none" when nothing is left).
func perMessage(counts map[string]int64, per, least float64) string {
	names := slices.Collect(maps.Keys(counts))
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b)) })
	var parts []string
	for _, n := range names {
		if v := float64(counts[n]) / per; v > least {
			parts = append(parts, fmt.Sprintf("%s %.2f", n, v))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// summarize prints the median and the range of each ratio over the rounds.
func summarize(w io.Writer, sums []roundSum) {
	spread := func(f func(roundSum) float64) string {
		v := make([]float64, len(sums))
		for i, s := range sums {
			v[i] = f(s)
		}
		slices.Sort(v)
		return fmt.Sprintf("%.2f (%.2f–%.2f)", v[len(v)/2], v[0], v[len(v)-1])
	}
	commands := spread(func(s roundSum) float64 { return float64(s.redis.commands) / float64(max(s.redis.accepted, 1)) })
	if sums[0].redis.embedded {
		commands = "not counted (embedded)"
	}
	fmt.Fprintf(w, "median (range) of %d round(s): answered/s ratio %s   p99 ratio %s   Redis round trips per message %s   commands %s   events %s\n", len(sums),
		spread(roundSum.rate), spread(roundSum.p99),
		spread(func(s roundSum) float64 { return float64(s.redis.roundTrips) / float64(max(s.redis.accepted, 1)) }),
		commands, spread(func(s roundSum) float64 {
			var n int64
			for _, v := range s.redis.events {
				n += v
			}
			return float64(n) / float64(max(s.redis.accepted, 1))
		}))
}

// runBot starts a fake Bot API and the bot cmd(url) as a process, waits
// until every message is answered or the timeout, and stops the bot.
func runBot(ctx context.Context, load func() (*loadServer, error), timeout time.Duration, cmd func(apiURL string) *exec.Cmd) (result, error) {
	res, _, err := runBotThen(ctx, load, timeout, cmd, nil)
	return res, err
}

// runBotThen is runBot; before the bot stops, after reads what it wants of
// it (its metrics).
func runBotThen(ctx context.Context, load func() (*loadServer, error), timeout time.Duration, cmd func(apiURL string) *exec.Cmd, after func() error) (result, []byte, error) {
	srv, err := load()
	if err != nil {
		return result{}, nil, err
	}
	defer srv.Close()
	c := cmd(srv.url)
	var logs strings.Builder
	c.Stdout, c.Stderr = &logs, &logs
	if err := c.Start(); err != nil {
		return result{}, nil, err
	}
	exited := make(chan error, 1)
	go func() { exited <- c.Wait() }()
	select {
	case <-srv.done:
	case <-time.After(timeout):
	case err := <-exited:
		return result{}, []byte(logs.String()), fmt.Errorf("the bot exited: %v\n%s", err, tail(logs.String()))
	case <-ctx.Done():
	}
	var afterErr error
	if after != nil {
		afterErr = after()
	}
	c.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(30 * time.Second):
		c.Process.Kill()
		<-exited
	}
	if ctx.Err() != nil {
		return result{}, nil, ctx.Err()
	}
	return srv.result(), []byte(logs.String()), afterErr
}

// runFrontdoor runs frontdoor serve on Telegram against the fake Bot API,
// its keys under a prefix of their own on the Redis at url, and counts what
// it asked of Redis: round trips by its own count (/metrics), commands by
// the server's (INFO commandstats, those run inside scripts included).
// With rdb nil, serve runs on its embedded Redis (no REDIS_URL) and the
// commands are not counted.
func runFrontdoor(ctx context.Context, rdb redis.UniversalClient, url string, load func() (*loadServer, error), timeout time.Duration, self string) (result, redisUse, error) {
	if rdb == nil {
		return runFrontdoorEmbedded(ctx, load, timeout, self)
	}
	dir, err := os.MkdirTemp("", "frontdoor-bench-")
	if err != nil {
		return result{}, redisUse{}, err
	}
	defer os.RemoveAll(dir)
	b := make([]byte, 4)
	rand.Read(b)
	prefix := "fdbench:" + hex.EncodeToString(b) + ":"
	defer store.DeletePrefix(context.WithoutCancel(ctx), rdb, prefix)
	config := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(config, []byte("redis:\n  prefix: \""+prefix+"\"\n"), 0o600); err != nil {
		return result{}, redisUse{}, err
	}
	addrs := freeAddrs(2)
	httpAddr, metricsAddr := addrs[0], addrs[1]
	before, err := commandCalls(ctx, rdb)
	if err != nil {
		return result{}, redisUse{}, err
	}
	var use redisUse
	res, _, err := runBotThen(ctx, load, timeout, func(apiURL string) *exec.Cmd {
		c := exec.Command(self, "serve", "--config", config)
		c.Dir = dir
		c.Env = append(os.Environ(), "TELEGRAM_BOT_TOKEN="+benchToken, "TELEGRAM_API_URL="+apiURL, "REDIS_URL="+url,
			"FRONTDOOR_HTTP_ADDR="+httpAddr, "FRONTDOOR_METRICS_ADDR="+metricsAddr, "FRONTDOOR_LOG_LEVEL=warn")
		return c
	}, func() error {
		m, err := scrape(ctx, "http://"+metricsAddr+"/metrics")
		if err != nil {
			return err
		}
		use.accepted, use.roundTrips = int64(m["frontdoor_messages_in_total"]), int64(m["frontdoor_redis_round_trips_total"])
		use.events = eventsOf(m)
		after, err := commandCalls(ctx, rdb)
		use.byName = map[string]int64{}
		for name, n := range after {
			if n -= before[name]; n > 0 {
				use.byName[name] = n
				use.commands += n
			}
		}
		return err
	})
	return res, use, err
}

// runFrontdoorEmbedded is runFrontdoor on serve's embedded Redis.
func runFrontdoorEmbedded(ctx context.Context, load func() (*loadServer, error), timeout time.Duration, self string) (result, redisUse, error) {
	dir, err := os.MkdirTemp("", "frontdoor-bench-")
	if err != nil {
		return result{}, redisUse{}, err
	}
	defer os.RemoveAll(dir)
	addrs := freeAddrs(2)
	httpAddr, metricsAddr := addrs[0], addrs[1]
	use := redisUse{embedded: true}
	res, _, err := runBotThen(ctx, load, timeout, func(apiURL string) *exec.Cmd {
		c := exec.Command(self, "serve")
		c.Dir = dir
		// Nothing of a Redis the caller's environment names.
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "REDIS_") {
				c.Env = append(c.Env, kv)
			}
		}
		c.Env = append(c.Env, "TELEGRAM_BOT_TOKEN="+benchToken, "TELEGRAM_API_URL="+apiURL,
			"FRONTDOOR_HTTP_ADDR="+httpAddr, "FRONTDOOR_METRICS_ADDR="+metricsAddr, "FRONTDOOR_LOG_LEVEL=warn")
		return c
	}, func() error {
		m, err := scrape(ctx, "http://"+metricsAddr+"/metrics")
		if err != nil {
			return err
		}
		use.accepted, use.roundTrips = int64(m["frontdoor_messages_in_total"]), int64(m["frontdoor_redis_round_trips_total"])
		use.events = eventsOf(m)
		return nil
	})
	return res, use, err
}

// commandCalls is how many commands the Redis server has run, by name
// (INFO commandstats), its own INFO and CONFIG left out.
func commandCalls(ctx context.Context, rdb redis.UniversalClient) (map[string]int64, error) {
	info, err := rdb.Info(ctx, "commandstats").Result()
	if err != nil {
		return nil, fmt.Errorf("INFO commandstats: %w", err)
	}
	out := map[string]int64{}
	for line := range strings.Lines(info) {
		name, rest, ok := strings.Cut(strings.TrimSpace(line), ":calls=")
		if !ok || strings.HasPrefix(name, "cmdstat_info") || strings.HasPrefix(name, "cmdstat_config") {
			continue
		}
		calls, _, _ := strings.Cut(rest, ",")
		v, _ := strconv.ParseInt(calls, 10, 64)
		out[strings.TrimPrefix(name, "cmdstat_")] += v
	}
	return out, nil
}

// eventsOf is frontdoor_events_total of a scrape, by kind.
func eventsOf(m map[string]float64) map[string]int64 {
	out := map[string]int64{}
	for series, v := range m {
		if kind, ok := strings.CutPrefix(series, "frontdoor_events_total/kind="); ok && v > 0 {
			out[kind] += int64(v)
		}
	}
	return out
}

// scrape reads the series of a Prometheus text page, summed by name, and
// by name and each label's value ("name/label=value").
func scrape(ctx context.Context, url string) (map[string]float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	defer resp.Body.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		name, labels, _ := strings.Cut(name, "{")
		v, _ := strconv.ParseFloat(strings.TrimSpace(value), 64)
		out[name] += v
		for l := range strings.SplitSeq(strings.TrimSuffix(labels, "}"), ",") {
			if k, lv, ok := strings.Cut(l, "="); ok {
				out[name+"/"+k+"="+strings.Trim(lv, `"`)] += v
			}
		}
	}
	return out, sc.Err()
}

// freeAddrs are n local addresses with ports nobody listens on now.
func freeAddrs(n int) []string {
	out := make([]string, n)
	for i := range out {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			out[i] = "127.0.0.1:0"
			continue
		}
		defer ln.Close()
		out[i] = ln.Addr().String()
	}
	return out
}

func tail(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}

// runPeer is the peer: the smallest go-telegram/bot program that answers
// every message, as a library user would write it (the team's echobot).
func runPeer(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench "+peerCommand, flag.ContinueOnError)
	url := fs.String("url", "", "Bot API server URL")
	if err := fs.Parse(args); err != nil {
		return err
	}
	b, err := tgbot.New(benchToken, tgbot.WithServerURL(*url), tgbot.WithSkipGetMe(),
		tgbot.WithDefaultHandler(func(ctx context.Context, b *tgbot.Bot, u *models.Update) {
			if u.Message == nil {
				return
			}
			b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: "echo: " + u.Message.Text})
		}))
	if err != nil {
		return err
	}
	b.Start(ctx)
	return nil
}
