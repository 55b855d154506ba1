package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdoor/internal/conf"
)

func noEnv(string) string { return "" }

func TestShippedConfigIsValid(t *testing.T) {
	c, err := loadConfig("../../config.yaml", true, noEnv)
	if err != nil {
		t.Fatalf("config.yaml as shipped: %v", err)
	}
	if c.HTTP.Addr != "localhost:8080" || c.Redis.URL != "" || c.Telegram.Token != "" {
		t.Fatalf("config.yaml must run with no Redis and no Telegram: %+v", c)
	}
	if time.Duration(c.Privacy.Retention) != 90*24*time.Hour {
		t.Fatalf("retention = %v", time.Duration(c.Privacy.Retention))
	}
}

func TestNoConfigFileMeansDefaults(t *testing.T) {
	c, err := loadConfig(filepath.Join(t.TempDir(), "config.yaml"), false, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTP.Addr != "localhost:8080" || c.Dispatcher.Workers != 256 {
		t.Fatalf("defaults = %+v", c)
	}
	if _, err := loadConfig(filepath.Join(t.TempDir(), "missing.yaml"), true, noEnv); err == nil {
		t.Fatal("a config file named on the command line but missing was accepted")
	}
}

func TestEnvironmentWins(t *testing.T) {
	env := map[string]string{
		"TELEGRAM_BOT_TOKEN": "123:abc", "REDIS_URL": "redis://10.0.0.9:6380/2",
		"FRONTDOOR_HTTP_ADDR": ":9000", "REDIS_ADDRS": "a:1,b:2",
	}
	path := writeConfig(t, "telegram:\n  token: \"999:zzz\"\n")
	c, err := loadConfig(path, true, func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), "redis.url: set either") {
		t.Fatalf("url and addrs together must be refused, got %v", err)
	}
	delete(env, "REDIS_ADDRS")
	c, err = loadConfig(path, true, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Telegram.Token != "123:abc" || c.Redis.URL != "redis://10.0.0.9:6380/2" || c.HTTP.Addr != ":9000" {
		t.Fatalf("environment did not win: %+v", c)
	}
}

func TestSentinelFromTheEnvironment(t *testing.T) {
	env := map[string]string{"REDIS_ADDRS": "10.0.0.1:26379,10.0.0.2:26379", "REDIS_MASTER_NAME": "frontdoor"}
	c, err := loadConfig(writeConfig(t, "redis: {master_name: other}\n"), true, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if o := redisOptions(c); o.MasterName != "frontdoor" || len(o.Addrs) != 2 {
		t.Fatalf("sentinel options = %+v", o)
	}
	delete(env, "REDIS_ADDRS")
	if _, err := loadConfig(writeConfig(t, ""), true, func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "redis.master_name: needs redis.addrs") {
		t.Fatalf("a master name without Sentinels = %v", err)
	}
}

func TestBadConfigNamesEachField(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"unknown field", "telegram:\n  tokn: x\n", []string{"field tokn not found"}},
		{"bad types", "dispatcher:\n  workers: many\n", []string{"dispatcher.workers: cannot unmarshal", "(line 2)"}},
		{"bad duration", "privacy:\n  retention: forever\n", []string{`privacy.retention: "forever" is not a duration`}},
		{"bad handoff duration", "handoff:\n  abandon_after: soon\n", []string{`handoff.abandon_after: "soon" is not a duration`}},
		{"bad duration and type at once", "privacy: {retention: forever}\ndispatcher:\n  workers: many\nredis:\n  addrs:\n    - a:1\n    - {x: 1}\n",
			[]string{`privacy.retention: "forever"`, "dispatcher.workers: cannot unmarshal", "redis.addrs[1]: cannot unmarshal"}},
		{"many at once", `
http: {addr: "nonsense"}
redis: {url: "http://x", db: 99, prefix: "bad prefix!"}
telegram: {token: "nope", api_url: "ftp://x", webhook_url: "http://insecure.example", webhook_secret: "has spaces"}
dispatcher: {workers: 0, lease: 10ms}
privacy: {retention: 1m, conversation_timeout: 1s}
log: {level: loud, format: xml}
desk: {name: "", phone: " "}
`, []string{"http.addr:", "redis.url:", "redis.db:", "redis.prefix:", "telegram.token:", "telegram.api_url:",
			"telegram.webhook_url: must be an https URL", "telegram.webhook_secret:", "dispatcher.workers:", "dispatcher.lease:",
			"privacy.retention:", "privacy.conversation_timeout:", "log.level:", "log.format:", "desk.name:", "desk.phone:"}},
		{"webhook without token", "telegram: {webhook_url: \"https://bot.example/tg\", webhook_secret: s3cret}\n",
			[]string{"telegram.webhook_url: is set but telegram.token"}},
		{"http webhook with Telegram's own server", "telegram: {token: \"1:a\", webhook_url: \"http://bot.example/tg\", webhook_secret: s3cret}\n",
			[]string{"telegram.webhook_url: must be an https URL"}},
		{"sentinel without addrs", "redis: {master_name: mymaster}\n", []string{"redis.master_name: needs redis.addrs"}},
		{"bad addr", "redis: {addrs: [\"10.0.0.1\"]}\n", []string{"redis.addrs[0]:"}},
		{"short polling lease", "telegram: {poll_lease: 100ms}\n", []string{"telegram.poll_lease: must be at least 1s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadConfig(writeConfig(t, tt.yaml), true, noEnv)
			if err == nil {
				t.Fatal("bad config accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not name %q:\n%v", w, err)
				}
			}
		})
	}
}

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestHTTPWebhookWithSelfHostedServer: a self-hosted Bot API server in
// --local mode calls http webhooks, so that combination is accepted.
func TestHTTPWebhookWithSelfHostedServer(t *testing.T) {
	_, err := loadConfig(writeConfig(t, "telegram: {token: \"1:a\", api_url: \"http://127.0.0.1:8081\", webhook_url: \"http://frontdoor.internal/tg\", webhook_secret: s3cret}\n"), true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
}

// TestDurationsInEverySection: every section reads durations alike: days
// work in all of them, and a bad one is named by its field and line.
func TestDurationsInEverySection(t *testing.T) {
	tests := []struct {
		section, field string
		days           int
		got            func(Config) conf.Duration
	}{
		{"privacy", "retention", 3, func(c Config) conf.Duration { return c.Privacy.Retention }},
		{"handoff", "transcript_retention", 3, func(c Config) conf.Duration { return c.Handoff.TranscriptRetention }},
		{"booking", "waiting_offer", 2, func(c Config) conf.Duration { return c.Booking.WaitingOffer }},
		{"stats", "keep", 30, func(c Config) conf.Duration { return c.Stats.Keep }},
		{"broadcast", "reply_window", 3, func(c Config) conf.Duration { return c.Broadcast.ReplyWindow }},
		{"broadcast", "retention", 3, func(c Config) conf.Duration { return c.Broadcast.Retention }},
		{"whatsapp", "send_interval_per_chat", 1, func(c Config) conf.Duration { return c.WhatsApp.SendPerChat }},
	}
	for _, tt := range tests {
		path := tt.section + "." + tt.field
		t.Run(path, func(t *testing.T) {
			c, err := loadConfig(writeConfig(t, fmt.Sprintf("%s:\n  %s: %dd\n", tt.section, tt.field, tt.days)), true, noEnv)
			if err != nil {
				t.Fatalf("%dd refused: %v", tt.days, err)
			}
			if got, want := time.Duration(tt.got(c)), time.Duration(tt.days)*24*time.Hour; got != want {
				t.Fatalf("%dd read as %v", tt.days, got)
			}
			_, err = loadConfig(writeConfig(t, "\n"+tt.section+":\n  "+tt.field+": 3x\n"), true, noEnv)
			if err == nil || !strings.Contains(err.Error(), path+`: "3x" is not a duration`) || !strings.Contains(err.Error(), "(line 3)") {
				t.Fatalf("3x: %v; want the field %s and line 3 named", err, path)
			}
		})
	}
}
