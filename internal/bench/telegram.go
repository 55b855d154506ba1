package bench

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
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
		return startLoad(fl.messages, fl.contacts, strings.Split(fl.texts, ","), benchToken, 30*time.Millisecond)
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
			return fmt.Errorf("bench telegram: frontdoor answered %d of %d messages", fd.Answered, fd.Inbound)
		}
	}
	summarize(env.Stdout, sums)
	return nil
}

type redisUse struct {
	accepted, roundTrips, commands int64
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
	fmt.Fprintf(w, "median (range) of %d round(s): answered/s ratio %s   p99 ratio %s   Redis round trips per message %s   commands %s\n", len(sums),
		spread(roundSum.rate), spread(roundSum.p99),
		spread(func(s roundSum) float64 { return float64(s.redis.roundTrips) / float64(max(s.redis.accepted, 1)) }),
		commands)
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
		after, err := commandCalls(ctx, rdb)
		use.commands = after - before - 1 // this INFO
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
		return nil
	})
	return res, use, err
}

// commandCalls is how many commands the Redis server has run (INFO
// commandstats), its own INFO and CONFIG left out.
func commandCalls(ctx context.Context, rdb redis.UniversalClient) (int64, error) {
	info, err := rdb.Info(ctx, "commandstats").Result()
	if err != nil {
		return 0, fmt.Errorf("INFO commandstats: %w", err)
	}
	var n int64
	for line := range strings.Lines(info) {
		name, rest, ok := strings.Cut(strings.TrimSpace(line), ":calls=")
		if !ok || strings.HasPrefix(name, "cmdstat_info") || strings.HasPrefix(name, "cmdstat_config") {
			continue
		}
		calls, _, _ := strings.Cut(rest, ",")
		v, _ := strconv.ParseInt(calls, 10, 64)
		n += v
	}
	return n, nil
}

// scrape reads the series of a Prometheus text page, summed by name.
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
		name, _, _ = strings.Cut(name, "{")
		v, _ := strconv.ParseFloat(strings.TrimSpace(value), 64)
		out[name] += v
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
