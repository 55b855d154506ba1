package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"frontdoor/booking"
	"frontdoor/bot/dispatch"
	"frontdoor/bot/webchat"
	"frontdoor/bot/whatsapp"
	"frontdoor/broadcast"
	"frontdoor/handoff"
	"frontdoor/internal/conf"
	"frontdoor/ratelimit"
	"frontdoor/stats"
)

// Config is config.yaml. Every secret and address can also come from the
// environment, which wins over the file.
type Config struct {
	HTTP struct {
		Addr string `yaml:"addr"`
		// Timeouts and limits of the HTTP server; streams (the chat's
		// and the console's live events) extend their own deadlines.
		ReadHeaderTimeout conf.Duration `yaml:"read_header_timeout"`
		ReadTimeout       conf.Duration `yaml:"read_timeout"`
		WriteTimeout      conf.Duration `yaml:"write_timeout"`
		IdleTimeout       conf.Duration `yaml:"idle_timeout"`
		MaxHeaderBytes    int           `yaml:"max_header_bytes"`
		MaxConnections    int           `yaml:"max_connections"`
		// TrustedProxies are the reverse proxies (addresses or networks)
		// whose X-Forwarded-For names the client; empty: nobody's.
		TrustedProxies []string `yaml:"trusted_proxies"`
	} `yaml:"http"`
	// Metrics says where /metrics is served: on its own address, or on
	// the main one behind a bearer token; neither: not at all.
	Metrics struct {
		Addr  string `yaml:"addr"`
		Token string `yaml:"token"`
	} `yaml:"metrics"`
	// Webchat holds the public browser chat's budgets.
	Webchat webchatConfig `yaml:"webchat"`

	Redis struct {
		URL        string   `yaml:"url"`
		Addrs      []string `yaml:"addrs"`
		MasterName string   `yaml:"master_name"`
		Username   string   `yaml:"username"`
		Password   string   `yaml:"password"`
		DB         int      `yaml:"db"`
		Prefix     string   `yaml:"prefix"`
		PoolSize   int      `yaml:"pool_size"`
	} `yaml:"redis"`
	Telegram struct {
		Token         string        `yaml:"token"`
		APIURL        string        `yaml:"api_url"`
		WebhookURL    string        `yaml:"webhook_url"`
		WebhookSecret string        `yaml:"webhook_secret"`
		PollTimeout   conf.Duration `yaml:"poll_timeout"`
		// PollLease is how long the instance that polls holds the polling
		// lease in Redis between renewals; another takes over within
		// about this long after it dies.
		PollLease conf.Duration `yaml:"poll_lease"`
	} `yaml:"telegram"`
	Dispatcher struct {
		Workers int           `yaml:"workers"`
		Lease   conf.Duration `yaml:"lease"`
		// ReplicaWait is how long an inbound message waits for a Redis
		// replica to confirm it before the channel is told it is
		// recorded, a handled message's outcome before its replies go
		// out, and a handoff case before the person is told it is open
		// (only where the master has replicas); 0s: never.
		ReplicaWait conf.Duration `yaml:"replica_wait"`
	} `yaml:"dispatcher"`
	Privacy struct {
		Retention           conf.Duration `yaml:"retention"`
		ConversationTimeout conf.Duration `yaml:"conversation_timeout"`
		// LogKey keys the pseudonyms of contacts in the logs; empty: a new
		// random key at every start (pseudonyms then change on restart).
		LogKey string `yaml:"log_key"`
	} `yaml:"privacy"`
	Log struct {
		Level  string `yaml:"level"`
		Format string `yaml:"format"`
	} `yaml:"log"`
	WhatsApp whatsapp.Config `yaml:"whatsapp"`
	Handoff  handoff.Config  `yaml:"handoff"`
	Booking  booking.Config  `yaml:"booking"`
	Stats    stats.Config    `yaml:"stats"`
	// Broadcast paces outreach campaigns per channel.
	Broadcast broadcast.Config `yaml:"broadcast"`
	// Locales is a directory of <name>.<lang>.toml files whose texts
	// replace the built-in ones, so a desk changes wording without a
	// rebuild. Empty: none.
	Locales struct {
		Overrides string `yaml:"overrides"`
	} `yaml:"locales"`
	// Urgent is what a person in danger is given at once.
	Urgent urgentConfig `yaml:"urgent"`
	// Triage.Extra is a directory of the deployment's own lexicon lines
	// (safety/<lang>.tsv, <area>.tsv, safety/kinds.txt, words/<code>.txt,
	// calm/<lang>.tsv), added to the
	// built-in ones and checked at start. Empty: none.
	Triage struct {
		Extra string `yaml:"extra"`
	} `yaml:"triage"`
	// Desk is what the bot tells people about the desk; every message can
	// use it ({{.DeskName}}, {{.DeskAddress}}, {{.DeskPhone}}, {{.DeskHours}}).
	Desk struct {
		Name    string `yaml:"name"`
		Address string `yaml:"address"`
		Phone   string `yaml:"phone"`
		Hours   string `yaml:"hours"`
	} `yaml:"desk"`
}

// webchatConfig is config.yaml's webchat: budgets of the public browser
// chat, shared by every process through Redis. 0 turns a budget off.
type webchatConfig struct {
	NewSessions struct {
		PerClient budget `yaml:"per_client"`
		Total     budget `yaml:"total"`
	} `yaml:"new_sessions"`
	Messages struct {
		PerMinute int `yaml:"per_minute"`
		Burst     int `yaml:"burst"`
	} `yaml:"messages"`
	// RedisMemoryLimit is the fraction of Redis' maxmemory above which
	// new conversations are refused; 0: never.
	RedisMemoryLimit float64 `yaml:"redis_memory_limit"`
}

// budget is a number of events per minute and per hour, each 0 for none.
type budget struct {
	PerMinute int `yaml:"per_minute"`
	PerHour   int `yaml:"per_hour"`
}

func (b budget) limits() []ratelimit.Limit {
	var out []ratelimit.Limit
	if b.PerMinute > 0 {
		out = append(out, ratelimit.Limit{Events: b.PerMinute, Per: time.Minute})
	}
	if b.PerHour > 0 {
		out = append(out, ratelimit.Limit{Events: b.PerHour, Per: time.Hour})
	}
	return out
}

func (b budget) validate(field string, bad func(field, format string, a ...any)) {
	if b.PerMinute < 0 {
		bad(field+".per_minute", "must not be negative (0: no limit)")
	}
	if b.PerHour < 0 {
		bad(field+".per_hour", "must not be negative (0: no limit)")
	}
}

// limits are the chat's budgets as the webchat package takes them.
func (w webchatConfig) limits() webchat.Limits {
	l := webchat.Limits{
		NewSessionsPerClient: w.NewSessions.PerClient.limits(),
		NewSessionsTotal:     w.NewSessions.Total.limits(),
	}
	if w.Messages.PerMinute > 0 {
		l.MessagesPerContact = []ratelimit.Limit{{Events: w.Messages.PerMinute, Per: time.Minute, Burst: w.Messages.Burst}}
	}
	return l
}

// facts are the desk's details as the flows' template variables.
func (c Config) facts() map[string]string {
	return map[string]string{
		"DeskName": c.Desk.Name, "DeskAddress": c.Desk.Address, "DeskPhone": c.Desk.Phone, "DeskHours": c.Desk.Hours,
	}
}

func defaultConfig() Config {
	var c Config
	c.HTTP.Addr = "localhost:8080"
	c.HTTP.ReadHeaderTimeout = conf.Duration(5 * time.Second)
	c.HTTP.ReadTimeout = conf.Duration(30 * time.Second)
	c.HTTP.WriteTimeout = conf.Duration(60 * time.Second)
	c.HTTP.IdleTimeout = conf.Duration(120 * time.Second)
	c.HTTP.MaxHeaderBytes = 64 << 10
	c.HTTP.MaxConnections = 1024
	c.Webchat.NewSessions.PerClient = budget{PerMinute: 10, PerHour: 60}
	c.Webchat.NewSessions.Total = budget{PerMinute: 60, PerHour: 600}
	c.Webchat.Messages.PerMinute = 20
	c.Webchat.Messages.Burst = 10
	c.Webchat.RedisMemoryLimit = 0.9
	c.Redis.Prefix = "fd:"
	c.Dispatcher.Workers = 256
	c.Dispatcher.Lease = conf.Duration(15 * time.Second)
	c.Dispatcher.ReplicaWait = conf.Duration(time.Second)
	c.Telegram.PollTimeout = conf.Duration(30 * time.Second)
	c.Telegram.PollLease = conf.Duration(15 * time.Second)
	c.Privacy.Retention = conf.Duration(dispatch.DefaultRetention)
	c.Privacy.ConversationTimeout = conf.Duration(24 * time.Hour)
	c.Log.Level = "info"
	c.Log.Format = "text"
	c.Desk.Name = "Sportello Stranieri (demo)"
	c.Desk.Address = "Via Roma 1, Torino"
	c.Desk.Phone = "+39 011 000 0000"
	c.Desk.Hours = "lun-ven 9:00-13:00"
	c.Urgent = defaultUrgent()
	return c
}

// readConfig loads the file named by --config, or ./config.yaml when the
// flag is empty (then a missing file means "no configuration").
func readConfig(flagPath string, getenv func(string) string) (Config, error) {
	if flagPath != "" {
		return loadConfig(flagPath, true, getenv)
	}
	return loadConfig("config.yaml", false, getenv)
}

// loadConfig reads path (none: defaults only), applies the environment and
// validates. explicit says the user named the file, so a missing file is an
// error rather than "no configuration".
func loadConfig(path string, explicit bool, getenv func(string) string) (Config, error) {
	c := defaultConfig()
	raw, err := os.ReadFile(path)
	switch {
	case err == nil:
		dec := yaml.NewDecoder(strings.NewReader(string(raw)))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
			return c, fmt.Errorf("%s: %w", path, nameFields(raw, err))
		}
	case explicit || !errors.Is(err, os.ErrNotExist):
		return c, fmt.Errorf("read config: %w", err)
	}
	applyEnv(&c, getenv)
	// Canned replies can name the desk like every other message.
	if c.Handoff.Variables == nil {
		c.Handoff.Variables = map[string]string{}
	}
	for k, v := range c.facts() {
		if _, set := c.Handoff.Variables[k]; !set {
			c.Handoff.Variables[k] = v
		}
	}
	if err := c.validate(); err != nil {
		return c, fmt.Errorf("%s: %w", configName(path), err)
	}
	return c, nil
}

func configName(path string) string {
	if path == "" {
		return "configuration"
	}
	return path
}

func applyEnv(c *Config, getenv func(string) string) {
	set := func(dst *string, name string) {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	set(&c.HTTP.Addr, "FRONTDOOR_HTTP_ADDR")
	set(&c.Metrics.Addr, "FRONTDOOR_METRICS_ADDR")
	set(&c.Metrics.Token, "FRONTDOOR_METRICS_TOKEN")
	set(&c.Redis.URL, "REDIS_URL")
	set(&c.Redis.Password, "REDIS_PASSWORD")
	set(&c.Redis.MasterName, "REDIS_MASTER_NAME")
	set(&c.Telegram.Token, "TELEGRAM_BOT_TOKEN")
	set(&c.Telegram.APIURL, "TELEGRAM_API_URL")
	set(&c.Telegram.WebhookURL, "TELEGRAM_WEBHOOK_URL")
	set(&c.Telegram.WebhookSecret, "TELEGRAM_WEBHOOK_SECRET")
	set(&c.Log.Level, "FRONTDOOR_LOG_LEVEL")
	set(&c.Privacy.LogKey, "FRONTDOOR_LOG_KEY")
	set(&c.WhatsApp.Store, "WHATSAPP_STORE")
	c.Stats.ApplyEnv(getenv)
	if v := getenv("REDIS_ADDRS"); v != "" {
		c.Redis.Addrs = strings.Split(v, ",")
	}
}

var (
	secretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
	tokenPattern  = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)
	prefixPattern = regexp.MustCompile(`^[A-Za-z0-9_.:-]{1,32}$`)
)

// validate reports every bad field at once, each by its name in the file,
// section by section.
func (c *Config) validate() error {
	var errs []error
	bad := func(field, format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", field, fmt.Sprintf(format, a...)))
	}
	c.validateHTTP(bad)
	c.validateMetrics(bad)
	c.validateWebchat(bad)
	c.validateRedis(bad)
	c.validateTelegram(bad)
	c.validateDispatcher(bad)
	c.validatePrivacy(bad)
	c.validateLog(bad)
	c.validateDesk(bad)
	// The feature packages' and WhatsApp's sections name their fields
	// themselves.
	for _, v := range []interface{ Validate() error }{c.WhatsApp, c.Handoff, c.Booking, c.Stats, c.Broadcast} {
		if err := v.Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// validateHTTP checks the HTTP server's address and limits.
func (c *Config) validateHTTP(bad func(field, format string, a ...any)) {
	h := c.HTTP
	if _, port, err := net.SplitHostPort(h.Addr); err != nil || port == "" {
		bad("http.addr", "%q is not host:port (for example localhost:8080 or :8080)", h.Addr)
	}
	for field, d := range map[string]conf.Duration{
		"http.read_header_timeout": h.ReadHeaderTimeout, "http.read_timeout": h.ReadTimeout,
		"http.write_timeout": h.WriteTimeout, "http.idle_timeout": h.IdleTimeout,
	} {
		if d <= 0 {
			bad(field, "must be positive: without it a client holds a connection as long as it likes")
		}
	}
	if h.ReadHeaderTimeout > h.ReadTimeout && h.ReadTimeout > 0 {
		bad("http.read_header_timeout", "must not be longer than http.read_timeout, which includes it")
	}
	if h.MaxHeaderBytes < 1<<10 || h.MaxHeaderBytes > 1<<20 {
		bad("http.max_header_bytes", "%d: want 1024 to 1048576 bytes", h.MaxHeaderBytes)
	}
	if h.MaxConnections < 1 {
		bad("http.max_connections", "must be at least 1")
	}
	for i, p := range h.TrustedProxies {
		if _, err := ratelimit.ParseProxies([]string{p}); err != nil {
			bad(fmt.Sprintf("http.trusted_proxies[%d]", i), "%q is not an IP address or a network such as 10.0.0.0/8", p)
		}
	}
}

// validateMetrics checks where and to whom /metrics is served.
func (c *Config) validateMetrics(bad func(field, format string, a ...any)) {
	m := c.Metrics
	if m.Addr != "" {
		if _, port, err := net.SplitHostPort(m.Addr); err != nil || port == "" {
			bad("metrics.addr", "%q is not host:port (for example 127.0.0.1:9090)", m.Addr)
		} else if m.Addr == c.HTTP.Addr {
			bad("metrics.addr", "must differ from http.addr; to serve /metrics there, set metrics.token instead")
		}
	}
	if m.Token != "" && (len(m.Token) < 16 || !secretPattern.MatchString(m.Token)) {
		bad("metrics.token", "want 16-256 letters, digits, _ or - (FRONTDOOR_METRICS_TOKEN)")
	}
}

// validateWebchat checks the browser chat's budgets.
func (c *Config) validateWebchat(bad func(field, format string, a ...any)) {
	w := c.Webchat
	w.NewSessions.PerClient.validate("webchat.new_sessions.per_client", bad)
	w.NewSessions.Total.validate("webchat.new_sessions.total", bad)
	if w.Messages.PerMinute < 0 {
		bad("webchat.messages.per_minute", "must not be negative (0: no limit)")
	}
	if w.Messages.Burst < 0 {
		bad("webchat.messages.burst", "must not be negative (0: per_minute)")
	}
	if w.RedisMemoryLimit < 0 || w.RedisMemoryLimit > 1 {
		bad("webchat.redis_memory_limit", "%v: want a fraction of maxmemory between 0 (off) and 1", w.RedisMemoryLimit)
	}
}

// validateRedis checks how Redis is reached: one server, a Cluster or
// Sentinels.
func (c *Config) validateRedis(bad func(field, format string, a ...any)) {
	r := c.Redis
	if r.URL != "" && len(r.Addrs) > 0 {
		bad("redis.url", "set either redis.url or redis.addrs, not both")
	}
	if r.URL != "" {
		if u, err := url.Parse(r.URL); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
			bad("redis.url", "must look like redis://host:6379/0 or rediss://...")
		}
	}
	for i, a := range r.Addrs {
		if _, _, err := net.SplitHostPort(a); err != nil {
			bad(fmt.Sprintf("redis.addrs[%d]", i), "%q is not host:port", a)
		}
	}
	if r.MasterName != "" && len(r.Addrs) == 0 {
		bad("redis.master_name", "needs redis.addrs listing the Sentinels")
	}
	if r.DB < 0 || r.DB > 15 {
		bad("redis.db", "must be between 0 and 15")
	}
	if !prefixPattern.MatchString(r.Prefix) {
		bad("redis.prefix", "must be 1-32 letters, digits or _.:-")
	}
	if r.PoolSize < 0 {
		bad("redis.pool_size", "must not be negative")
	}
}

// validateTelegram checks the bot's token, the Bot API server, and the
// webhook or the polling.
func (c *Config) validateTelegram(bad func(field, format string, a ...any)) {
	t := c.Telegram
	if t.Token != "" && !tokenPattern.MatchString(t.Token) {
		bad("telegram.token", "does not look like a bot token from @BotFather (digits:letters)")
	}
	selfHosted := false
	if t.APIURL != "" {
		u, err := url.Parse(t.APIURL)
		selfHosted = err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
		if !selfHosted {
			bad("telegram.api_url", "must be an http(s) URL of a Bot API server")
		}
	}
	if t.WebhookURL != "" {
		if t.Token == "" {
			bad("telegram.webhook_url", "is set but telegram.token (TELEGRAM_BOT_TOKEN) is not")
		}
		// Telegram calls only https webhooks; a self-hosted Bot API server
		// (telegram.api_url) in --local mode also calls http ones.
		if u, err := url.Parse(t.WebhookURL); err != nil || u.Host == "" || (u.Scheme != "https" && (u.Scheme != "http" || !selfHosted)) {
			bad("telegram.webhook_url", "must be an https URL that Telegram can reach (http only with a self-hosted telegram.api_url)")
		}
		if !secretPattern.MatchString(t.WebhookSecret) {
			bad("telegram.webhook_secret", "required in webhook mode: 1-256 letters, digits, _ or - (TELEGRAM_WEBHOOK_SECRET)")
		}
	}
	if t.PollTimeout < 0 {
		bad("telegram.poll_timeout", "must not be negative")
	}
	if time.Duration(t.PollLease) < time.Second {
		bad("telegram.poll_lease", "must be at least 1s")
	}
}

// validateDispatcher checks the dispatcher's workers, lease and wait for a
// replica.
func (c *Config) validateDispatcher(bad func(field, format string, a ...any)) {
	d := c.Dispatcher
	if d.Workers < 1 {
		bad("dispatcher.workers", "must be at least 1")
	}
	if time.Duration(d.Lease) < time.Second {
		bad("dispatcher.lease", "must be at least 1s")
	}
	// WAIT counts in whole milliseconds, and WAIT 1 0 waits for ever.
	if w := time.Duration(d.ReplicaWait); w < 0 || w > 2*time.Second || (w > 0 && w < time.Millisecond) {
		bad("dispatcher.replica_wait", "must be 0s (never wait) or between 1ms and 2s")
	}
}

// validatePrivacy checks how long what a person said is kept.
func (c *Config) validatePrivacy(bad func(field, format string, a ...any)) {
	if time.Duration(c.Privacy.Retention) < time.Hour {
		bad("privacy.retention", "must be at least 1h")
	}
	if time.Duration(c.Privacy.ConversationTimeout) < time.Minute {
		bad("privacy.conversation_timeout", "must be at least 1m")
	}
}

// validateLog checks the log's level and format.
func (c *Config) validateLog(bad func(field, format string, a ...any)) {
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level", "%q is not one of debug, info, warn, error", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		bad("log.format", "%q is not text or json", c.Log.Format)
	}
}

// validateDesk checks the desk's facts, which the bot tells people.
func (c *Config) validateDesk(bad func(field, format string, a ...any)) {
	for field, v := range map[string]string{
		"desk.name": c.Desk.Name, "desk.address": c.Desk.Address, "desk.phone": c.Desk.Phone, "desk.hours": c.Desk.Hours,
	} {
		if strings.TrimSpace(v) == "" {
			bad(field, "must not be empty: the bot tells people where to go")
		}
	}
}

// lineError is one "line N: ..." message of the YAML decoder.
var lineError = regexp.MustCompile(`^line (\d+): (.*)$`)

// nameFields rewrites the decoder's "line 3: cannot unmarshal ..." messages
// as "dispatcher.workers: cannot unmarshal ... (line 3)", so that every bad
// field is named by its config.yaml path like the checks after decoding.
func nameFields(raw []byte, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return err
	}
	var root yaml.Node
	if yaml.Unmarshal(raw, &root) != nil {
		return err
	}
	msgs := make([]string, 0, len(te.Errors))
	for _, e := range te.Errors {
		m := lineError.FindStringSubmatch(e)
		if m == nil {
			msgs = append(msgs, e)
			continue
		}
		line, _ := strconv.Atoi(m[1])
		// "cannot unmarshal !!map into string": the map is the culprit,
		// not a key inside it on the same line.
		whole := strings.Contains(m[2], "!!map") || strings.Contains(m[2], "!!seq")
		if field := fieldAt(&root, line, "", whole); field != "" {
			msgs = append(msgs, fmt.Sprintf("%s: %s (line %d)", field, m[2], line))
		} else {
			msgs = append(msgs, e)
		}
	}
	return errors.New(strings.Join(msgs, "; "))
}

// fieldAt finds the dotted path of the setting written on line; with
// whole, a map or list starting there rather than something inside it.
func fieldAt(n *yaml.Node, line int, path string, whole bool) string {
	at := func(v *yaml.Node) bool { return v.Line == line && (v.Kind == yaml.ScalarNode || whole) }
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			if f := fieldAt(c, line, path, whole); f != "" {
				return f
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := k.Value
			if path != "" {
				p = path + "." + k.Value
			}
			if whole && at(v) {
				return p
			}
			if f := fieldAt(v, line, p, whole); f != "" {
				return f
			}
			if k.Line == line || at(v) {
				return p
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			if whole && at(c) {
				return p
			}
			if f := fieldAt(c, line, p, whole); f != "" {
				return f
			}
			if at(c) {
				return p
			}
		}
	}
	return ""
}
