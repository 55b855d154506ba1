package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
	"frontdoor/internal/conf"
)

const testMetricsToken = "metrics-token-for-tests-0123"

// getMetrics reads /metrics at base with the token ("" for none) and
// returns the status and body.
func getMetrics(t *testing.T, base, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// metricValue is the value of series (name and labels, as exposed) in
// a /metrics body; -1 when it is not there.
func metricValue(body, series string) float64 {
	for _, line := range strings.Split(body, "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err == nil {
				return f
			}
		}
	}
	return -1
}

// TestMetricsNotPublic: /metrics is not on the chat port unless a token
// guards it; with metrics.addr it is served there only.
func TestMetricsNotPublic(t *testing.T) {
	t.Run("default: off", func(t *testing.T) {
		r := startFrontdoor(t, nil)
		if code, _ := getMetrics(t, r.base, ""); code != http.StatusNotFound {
			t.Fatalf("/metrics with no metrics settings = %d, want 404", code)
		}
	})
	t.Run("token", func(t *testing.T) {
		r := startFrontdoor(t, func(c *Config) { c.Metrics.Token = testMetricsToken })
		for _, token := range []string{"", "wrong-token-wrong-token"} {
			if code, _ := getMetrics(t, r.base, token); code != http.StatusUnauthorized {
				t.Fatalf("/metrics with token %q = %d, want 401", token, code)
			}
		}
		code, body := getMetrics(t, r.base, testMetricsToken)
		if code != http.StatusOK || !strings.Contains(body, "frontdoor_messages_in_total") {
			t.Fatalf("/metrics with the token = %d %.200q", code, body)
		}
	})
	t.Run("own address", func(t *testing.T) {
		r := startFrontdoor(t, func(c *Config) { c.Metrics.Addr = "127.0.0.1:0" })
		if code, _ := getMetrics(t, r.base, ""); code != http.StatusNotFound {
			t.Fatalf("/metrics on the chat port with metrics.addr = %d, want 404", code)
		}
		code, body := getMetrics(t, "http://"+r.app.metricsLn.Addr().String(), "")
		if code != http.StatusOK || !strings.Contains(body, "frontdoor_messages_in_total") {
			t.Fatalf("/metrics on metrics.addr = %d %.200q", code, body)
		}
	})
}

// dialRaw opens a plain TCP connection to the server at base.
func dialRaw(t *testing.T, base string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// waitClosed reads from c until the server closes it, and fails the test
// if that takes longer than a generous timeout. It returns what was read.
func waitClosed(t *testing.T, c net.Conn, what string) string {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	b, err := io.ReadAll(c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("%s: the server kept the connection open", what)
	}
	return string(b)
}

// TestSlowClientsAreCut: a client that sends its headers or its body too
// slowly, or stays idle between requests, loses the connection.
func TestSlowClientsAreCut(t *testing.T) {
	r := startFrontdoor(t, func(c *Config) {
		c.HTTP.ReadHeaderTimeout = conf.Duration(200 * time.Millisecond)
		c.HTTP.ReadTimeout = conf.Duration(time.Second)
		c.HTTP.IdleTimeout = conf.Duration(300 * time.Millisecond)
	})

	slowHeader := dialRaw(t, r.base)
	fmt.Fprint(slowHeader, "GET /healthz HTTP/1.1\r\nHost: x\r\n") // never ends its headers
	waitClosed(t, slowHeader, "headers never finished")

	slowBody := dialRaw(t, r.base)
	fmt.Fprint(slowBody, "POST /chat/send HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"session\":")
	if got := waitClosed(t, slowBody, "body never finished"); got != "" && !strings.Contains(got, " 400 ") {
		t.Fatalf("a body cut by the timeout got %q, want nothing or 400", got)
	}

	idle := dialRaw(t, r.base)
	fmt.Fprint(idle, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
	res, err := http.ReadResponse(bufio.NewReader(idle), nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Close {
		t.Fatalf("healthz over a kept-alive connection: %d close=%v", res.StatusCode, res.Close)
	}
	waitClosed(t, idle, "idle keep-alive connection")
}

// TestConnectionCap: beyond http.max_connections, new connections wait
// until one closes.
func TestConnectionCap(t *testing.T) {
	r := startFrontdoor(t, func(c *Config) {
		c.HTTP.MaxConnections = 2
		c.HTTP.ReadHeaderTimeout = conf.Duration(time.Minute) // the held ones stay
		c.HTTP.ReadTimeout = conf.Duration(time.Minute)
	})
	held := []net.Conn{dialRaw(t, r.base), dialRaw(t, r.base)}
	for _, c := range held {
		fmt.Fprint(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n") // headers never finished
	}
	answered := make(chan int, 1)
	go func() {
		res, err := http.Get(r.base + "/healthz")
		if err != nil {
			answered <- -1
			return
		}
		res.Body.Close()
		answered <- res.StatusCode
	}()
	// This only looks, briefly, for a wrong early answer; a slow machine
	// cannot make it fail.
	select {
	case code := <-answered:
		t.Fatalf("a third connection was served (%d) while two were held", code)
	case <-time.After(200 * time.Millisecond):
	}
	held[0].Close()
	select {
	case code := <-answered:
		if code != http.StatusOK {
			t.Fatalf("third connection after one closed: %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the third connection was not served after one closed")
	}
}

// TestStreamsOutliveServerTimeouts: the browser chat's and the console's
// event streams keep working long past read_timeout and write_timeout.
func TestStreamsOutliveServerTimeouts(t *testing.T) {
	// The timeouts bound every answer. Time passing past them is what
	// is tested, so the test has to sleep that long: they are made short
	// so that it sleeps little, yet not tight for the few ordinary
	// requests below (the sign-in's bcrypt check is at the lowest cost
	// here, see startFrontdoor; each answer takes milliseconds), so that
	// a busy machine is not what they measure.
	const timeout = time.Second
	r := startFrontdoor(t, func(c *Config) {
		c.HTTP.ReadHeaderTimeout = conf.Duration(timeout / 2)
		c.HTTP.ReadTimeout = conf.Duration(timeout)
		c.HTTP.WriteTimeout = conf.Duration(timeout)
	})
	ctx := context.Background()
	if err := r.app.handoff.Gate().Accounts().Save(ctx, handoff.Operator{Name: "amal", Languages: []string{"it"}, Areas: []string{"*"}, Capacity: 3}, "password-amal"); err != nil {
		t.Fatal(err)
	}
	b := consoletest.New(t, r.base)
	b.MustSignIn("amal", "password-amal")
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, _ := http.NewRequestWithContext(sctx, "GET", r.base+"/console/events", nil)
	req.Header.Set("Accept", "text/event-stream")
	res, err := b.Client().Do(req)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("console events: %v %v", res, err)
	}
	defer res.Body.Close()
	changed := make(chan struct{}, 10)
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if sc.Text() == "event: changed" {
				changed <- struct{}{}
			}
		}
	}()

	const session = "00112233445566778899aabbccddeeff"
	events := sse(t, r.base+"/chat/events?session="+session)

	// Past both timeouts, with the streams quiet all along. Not a wait
	// for something to happen: the time passing is what is tested, which
	// is why the timeouts above are short.
	time.Sleep(timeout + timeout/4)

	postChat(t, r.base, session, "w1", "text", "/start lang_it", "it")
	if got := next(t, events); got.Text == "" {
		t.Fatal("no reply over the chat's stream")
	}
	q := handoff.NewQueue(r.app.db.Client, r.app.keys, nil)
	if _, _, err := q.Open(ctx, handoff.Case{Contact: bot.Contact{Channel: "telegram", ID: "5"}, Lang: "it", Area: "legal", Reason: "asked"}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changed:
	case <-time.After(10 * time.Second):
		t.Fatal("the console's stream did not carry the change")
	}
}

// sendChat posts one browser-chat message from client (X-Forwarded-For)
// and returns the status, Retry-After and body.
func sendChat(t *testing.T, base, session, client, lang string) (int, string, map[string]any) {
	t.Helper()
	body := fmt.Sprintf(`{"session":%q,"id":"m1","text":"/start","lang":%q}`, session, lang)
	req, _ := http.NewRequest("POST", base+"/chat/send", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", client)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, res.Header.Get("Retry-After"), out
}

// TestNewChatSessionBudgets: config.yaml's webchat budgets, behind a
// trusted proxy: one client is refused after its budget with 429, a
// Retry-After and an Italian notice; another gets in until the total is
// spent.
func TestNewChatSessionBudgets(t *testing.T) {
	r := startFrontdoor(t, func(c *Config) {
		c.HTTP.TrustedProxies = []string{"127.0.0.1"}
		c.Webchat.NewSessions.PerClient = budget{PerMinute: 2}
		c.Webchat.NewSessions.Total = budget{PerHour: 3}
	})
	sess := func(n int) string { return fmt.Sprintf("%032x", 0xfeed00+n) }
	for i := range 2 {
		if code, _, body := sendChat(t, r.base, sess(i), "198.51.100.1", "it"); code != http.StatusAccepted {
			t.Fatalf("client a, session %d: %d %v", i, code, body)
		}
	}
	code, after, body := sendChat(t, r.base, sess(2), "198.51.100.1", "it")
	if secs, _ := strconv.Atoi(after); code != http.StatusTooManyRequests || secs < 1 {
		t.Fatalf("client a's third session: %d Retry-After %q, want 429 with Retry-After", code, after)
	}
	if want := r.cat.Text("it", "webchat.limit.new_sessions", nil); body["message"] != want {
		t.Fatalf("notice = %q, want %q", body["message"], want)
	}
	if code, _, body := sendChat(t, r.base, sess(10), "198.51.100.2", ""); code != http.StatusAccepted {
		t.Fatalf("client b: %d %v", code, body)
	}
	if code, after, _ := sendChat(t, r.base, sess(11), "198.51.100.3", ""); code != http.StatusTooManyRequests || after == "" {
		t.Fatalf("client c once the total is spent: %d %q", code, after)
	}
}

func TestServerConfigNamesEachField(t *testing.T) {
	_, err := loadConfig(writeConfig(t, `
http:
  read_header_timeout: 0s
  read_timeout: 1s
  write_timeout: -1s
  idle_timeout: 0s
  max_header_bytes: 10
  max_connections: 0
  trusted_proxies: ["10.0.0.1", "10.0.0.0/99"]
metrics: {addr: "localhost:8080", token: short}
webchat:
  new_sessions: {per_client: {per_minute: -1}, total: {per_hour: -5}}
  messages: {per_minute: -1, burst: -1}
  redis_memory_limit: 1.5
`), true, noEnv)
	if err == nil {
		t.Fatal("bad server settings accepted")
	}
	for _, w := range []string{"http.read_header_timeout:", "http.write_timeout:", "http.idle_timeout:",
		"http.max_header_bytes:", "http.max_connections:", "http.trusted_proxies[1]:", "metrics.addr: must differ",
		"metrics.token:", "webchat.new_sessions.per_client.per_minute:", "webchat.new_sessions.total.per_hour:",
		"webchat.messages.per_minute:", "webchat.messages.burst:", "webchat.redis_memory_limit:"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not name %q:\n%v", w, err)
		}
	}
	if strings.Contains(err.Error(), "http.trusted_proxies[0]") {
		t.Errorf("a good proxy address refused:\n%v", err)
	}
	_, err = loadConfig(writeConfig(t, "http: {read_header_timeout: 10s, read_timeout: 5s}\n"), true, noEnv)
	if err == nil || !strings.Contains(err.Error(), "http.read_header_timeout: must not be longer") {
		t.Fatalf("header timeout longer than read timeout: %v", err)
	}
}

func TestMetricsTokenFromEnvironment(t *testing.T) {
	env := map[string]string{"FRONTDOOR_METRICS_TOKEN": testMetricsToken, "FRONTDOOR_METRICS_ADDR": "127.0.0.1:9191"}
	c, err := loadConfig(os.DevNull+".missing", false, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Metrics.Token != testMetricsToken || c.Metrics.Addr != "127.0.0.1:9191" {
		t.Fatalf("metrics = %+v", c.Metrics)
	}
}
