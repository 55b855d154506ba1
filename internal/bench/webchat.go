package bench

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
)

// webchatPeerCommand runs the bare browser-chat server (bench webchat
// starts it as a process of its own, like Frontdoor).
const webchatPeerCommand = "webchat-peer"

// benchWebchat measures the browser chat the way a page uses it: each
// person opens the event stream (GET /chat/events), then sends a message
// (POST /chat/send) and the next one 30 ms after the first answer arrives
// on the stream. It runs Frontdoor (frontdoor serve, a process of its own)
// and the peer, the smallest Go HTTP server that answers each message the
// same way (the same requests and stream, no Redis, no flows), one after
// the other in each round, and prints answered/s, p50, p99 and the ratios.
func benchWebchat(ctx context.Context, args []string, env Env) error {
	fl := newFlagSet("webchat", env.Stdout, env.Getenv).endToEnd(2000, 200, "", "")
	if err := fl.parse(args); err != nil {
		return err
	}
	if fl.messages < fl.contacts {
		return errors.New("bench webchat: --messages must be at least --contacts")
	}
	client, where, closeRedis, err := fl.redis(ctx)
	if err != nil {
		return fmt.Errorf("bench webchat: %w", err)
	}
	defer closeRedis()
	fmt.Fprintf(env.Stdout, "webchat: %d messages from %d people, %d round(s); Frontdoor on %s\n", fl.messages, fl.contacts, fl.rounds, where)
	load := chatLoad{messages: fl.messages, contacts: fl.contacts, walks: walksOf(fl.texts), timeout: fl.timeout}
	var sums []roundSum
	for r := 1; r <= fl.rounds; r++ {
		peer, err := runChatServer(ctx, load, func(addr string) (*exec.Cmd, func(), error) {
			return exec.Command(env.Self, "bench", webchatPeerCommand, "--addr", addr), func() {}, nil
		})
		if err != nil {
			return fmt.Errorf("bench webchat: the peer: %w", err)
		}
		fd, err := runChatServer(ctx, load, func(addr string) (*exec.Cmd, func(), error) {
			return frontdoorChat(ctx, env.Self, client, fl.url, addr)
		})
		if err != nil {
			return fmt.Errorf("bench webchat: frontdoor: %w", err)
		}
		s := roundSum{peer: peer, fd: fd}
		sums = append(sums, s)
		ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
		fmt.Fprintf(env.Stdout, "round %d\n", r)
		fmt.Fprintf(env.Stdout, "  peer       answered/s %7.0f   p50 %7.1f ms   p99 %7.1f ms   answered %d/%d\n", peer.PerSecond, ms(peer.P50), ms(peer.P99), peer.Answered, peer.Inbound)
		fmt.Fprintf(env.Stdout, "  frontdoor  answered/s %7.0f   p50 %7.1f ms   p99 %7.1f ms   answered %d/%d\n", fd.PerSecond, ms(fd.P50), ms(fd.P99), fd.Answered, fd.Inbound)
		fmt.Fprintf(env.Stdout, "  ratio      answered/s %.2f   p99 %.2f\n", s.rate(), s.p99())
		if fd.Answered < fd.Inbound {
			return fmt.Errorf("bench webchat: frontdoor answered %d of %d messages", fd.Answered, fd.Inbound)
		}
	}
	spread := func(f func(roundSum) float64) string {
		v := make([]float64, len(sums))
		for i, s := range sums {
			v[i] = f(s)
		}
		slices.Sort(v)
		return fmt.Sprintf("%.2f (%.2f–%.2f)", v[len(v)/2], v[0], v[len(v)-1])
	}
	fmt.Fprintf(env.Stdout, "median (range) of %d round(s): answered/s ratio %s   p99 ratio %s\n", len(sums), spread(roundSum.rate), spread(roundSum.p99))
	return nil
}

// frontdoorChat is the command that runs frontdoor serve with the browser
// chat at addr, its budgets off (the load comes from one address), keys
// under a throw-away prefix; cleanup removes them.
func frontdoorChat(ctx context.Context, self string, rdb redis.UniversalClient, url, addr string) (*exec.Cmd, func(), error) {
	dir, err := os.MkdirTemp("", "frontdoor-bench-")
	if err != nil {
		return nil, nil, err
	}
	b := make([]byte, 4)
	rand.Read(b)
	prefix := "fdbench:" + hex.EncodeToString(b) + ":"
	conf := "webchat:\n  new_sessions:\n    per_client: {per_minute: 0, per_hour: 0}\n    total: {per_minute: 0, per_hour: 0}\n" +
		"  messages: {per_minute: 0}\n  redis_memory_limit: 0\n"
	if rdb != nil {
		conf += "redis:\n  prefix: \"" + prefix + "\"\n"
	}
	config := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(config, []byte(conf), 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	c := exec.Command(self, "serve", "--config", config)
	c.Dir = dir
	// No channel but the browser chat, and no Redis but the one asked for.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "REDIS_") && !strings.HasPrefix(kv, "TELEGRAM_") && !strings.HasPrefix(kv, "WHATSAPP_") {
			c.Env = append(c.Env, kv)
		}
	}
	c.Env = append(c.Env, "FRONTDOOR_HTTP_ADDR="+addr, "FRONTDOOR_METRICS_ADDR="+freeAddrs(1)[0], "FRONTDOOR_LOG_LEVEL=warn")
	if url != "" {
		c.Env = append(c.Env, "REDIS_URL="+url)
	}
	cleanup := func() {
		os.RemoveAll(dir)
		if rdb != nil {
			store.DeletePrefix(context.WithoutCancel(ctx), rdb, prefix)
		}
	}
	return c, cleanup, nil
}

// chatLoad is what each run of bench webchat asks of a server.
type chatLoad struct {
	messages, contacts int
	walks              []walk // person p walks walks[p%len(walks)]
	timeout            time.Duration
}

// runChatServer starts the server cmd(addr) makes, waits until it serves
// the chat, plays the load against it, and stops it.
func runChatServer(ctx context.Context, load chatLoad, cmd func(addr string) (*exec.Cmd, func(), error)) (result, error) {
	addr := freeAddrs(1)[0]
	c, cleanup, err := cmd(addr)
	if err != nil {
		return result{}, err
	}
	defer cleanup()
	var logs strings.Builder
	c.Stdout, c.Stderr = &logs, &logs
	if err := c.Start(); err != nil {
		return result{}, err
	}
	exited := make(chan error, 1)
	go func() { exited <- c.Wait() }()
	stop := func() {
		c.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			c.Process.Kill()
			<-exited
		}
	}
	base := "http://" + addr
	ready := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/chat/ui")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case err := <-exited:
			return result{}, fmt.Errorf("the server exited: %v\n%s", err, tail(logs.String()))
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(ready) {
			stop()
			return result{}, fmt.Errorf("the server did not serve the chat within 30 s\n%s", tail(logs.String()))
		}
	}
	res, err := playChat(ctx, base, load)
	stop()
	if err != nil {
		return res, fmt.Errorf("%w\n%s", err, tail(logs.String()))
	}
	return res, nil
}

// playChat is the people: each opens its event stream, then writes its
// share of the messages, each 30 ms after the first answer to the
// previous one (answers that come within those 30 ms belong to it too).
func playChat(ctx context.Context, base string, load chatLoad) (result, error) {
	ctx, cancel := context.WithTimeout(ctx, load.timeout)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{
		MaxIdleConns: 4 * load.contacts, MaxIdleConnsPerHost: 4 * load.contacts,
		DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	}}
	defer client.CloseIdleConnections()
	var (
		mu        sync.Mutex
		latencies []time.Duration
		inbound   atomic.Int64
		firstErr  error
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		cancel()
	}
	start := time.Now()
	var wg sync.WaitGroup
	for p := range load.contacts {
		n := load.messages / load.contacts
		if p < load.messages%load.contacts {
			n++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat, err := chatPerson(ctx, client, base, n, load.walks[p%len(load.walks)].texts, &inbound)
			mu.Lock()
			latencies = append(latencies, lat...)
			mu.Unlock()
			if err != nil && ctx.Err() == nil {
				fail(err)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	mu.Lock()
	defer mu.Unlock()
	res := result{Inbound: int(inbound.Load()), Answered: len(latencies)}
	if len(latencies) > 0 {
		slices.Sort(latencies)
		res.P50 = latencies[len(latencies)/2]
		res.P99 = latencies[min(len(latencies)-1, len(latencies)*99/100)]
		res.PerSecond = float64(len(latencies)) / elapsed.Seconds()
	}
	return res, firstErr
}

// chatPerson writes n messages in one session and returns how long each
// waited for its first answer.
func chatPerson(ctx context.Context, client *http.Client, base string, n int, texts []string, inbound *atomic.Int64) ([]time.Duration, error) {
	b := make([]byte, 16)
	rand.Read(b)
	session := hex.EncodeToString(b)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/chat/events?session="+session, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("open the event stream: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("open the event stream: %s", resp.Status)
	}
	replies := make(chan time.Time, 64)
	go func() {
		// An event without an "event:" line is a reply; echo and clear
		// events name themselves.
		sc := bufio.NewScanner(resp.Body)
		named, data := false, false
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if data && !named {
					select {
					case replies <- time.Now():
					case <-ctx.Done():
						return
					}
				}
				named, data = false, false
			case strings.HasPrefix(line, "event:"):
				named = true
			case strings.HasPrefix(line, "data:"):
				data = true
			}
		}
	}()
	var out []time.Duration
	for i := range n {
		body, _ := json.Marshal(map[string]string{"session": session, "id": "m" + strconv.Itoa(i), "text": texts[i%len(texts)]})
		sent := time.Now()
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/chat/send", bytes.NewReader(body))
		if err != nil {
			return out, err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return out, fmt.Errorf("send: %w", err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted {
			return out, fmt.Errorf("send: %s", resp.Status)
		}
		inbound.Add(1)
		select {
		case at := <-replies:
			out = append(out, at.Sub(sent))
		case <-ctx.Done():
			return out, fmt.Errorf("no answer to message %d of a person", i+1)
		}
		// The rest of this answer, then the next message.
		pause := time.After(30 * time.Millisecond)
	drain:
		for {
			select {
			case <-replies:
			case <-pause:
				break drain
			case <-ctx.Done():
				return out, nil
			}
		}
	}
	return out, nil
}

// runWebchatPeer is the peer: the smallest Go HTTP server that answers each
// chat message the way Frontdoor's chat does (202 to the POST, the answer
// as an event on the session's stream), with no Redis and no flows: the
// rate is what net/http and this machine allow.
func runWebchatPeer(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench "+webchatPeerCommand, flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var mu sync.Mutex
	streams := map[string]chan string{}
	stream := func(session string) chan string {
		mu.Lock()
		defer mu.Unlock()
		ch, ok := streams[session]
		if !ok {
			ch = make(chan string, 64)
			streams[session] = ch
		}
		return ch
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /chat/ui", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("{}")) })
	mux.HandleFunc("POST /chat/send", func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Session, ID, Text string }
		if err := json.NewDecoder(io.LimitReader(r.Body, 8<<10)).Decode(&req); err != nil || req.Session == "" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		data, _ := json.Marshal(map[string]any{"text": "you said: " + req.Text, "choices": []string{}, "rtl": false})
		select {
		case stream(req.Session) <- string(data):
		default:
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		w.Write([]byte(`{"accepted":true}`))
	})
	mux.HandleFunc("GET /chat/events", func(w http.ResponseWriter, r *http.Request) {
		ch := stream(r.URL.Query().Get("session"))
		w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		rc := http.NewResponseController(w)
		io.WriteString(w, "retry: 3000\n\n")
		rc.Flush()
		for id := 1; ; id++ {
			select {
			case <-r.Context().Done():
				return
			case d := <-ch:
				fmt.Fprintf(w, "id: %d-0\ndata: %s\n\n", id, d)
				rc.Flush()
			}
		}
	})
	srv := &http.Server{Addr: *addr, Handler: mux}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
