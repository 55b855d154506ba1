package telegram

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestNewValidatesConfig(t *testing.T) {
	const token = "123456:ABC-def_ghi"
	webhook := func(c *Config) {
		c.WebhookURL = "https://bot.example.org/telegram/hook"
		c.WebhookSecret = "s3cret_token-1"
	}
	tests := []struct {
		name    string
		mod     func(*Config)
		wantErr string // the field the message must name; "" = valid
	}{
		{"polling defaults", func(*Config) {}, ""},
		{"webhook", webhook, ""},
		{"missing token", func(c *Config) { c.Token = "" }, "token"},
		{"token without colon", func(c *Config) { c.Token = "123456" }, "token"},
		{"token id not numeric", func(c *Config) { c.Token = "abc:def" }, "token"},
		{"token with a slash", func(c *Config) { c.Token = "123:ab/c" }, "token"},
		{"token with a space", func(c *Config) { c.Token = "123:ab c" }, "token"},
		{"api url without scheme", func(c *Config) { c.APIURL = "api.telegram.org" }, "api_url"},
		{"api url custom", func(c *Config) { c.APIURL = "http://127.0.0.1:8081/" }, ""},
		{"webhook without secret", func(c *Config) { webhook(c); c.WebhookSecret = "" }, "webhook_secret"},
		{"webhook secret with bad characters", func(c *Config) { webhook(c); c.WebhookSecret = "a b" }, "webhook_secret"},
		{"webhook secret too long", func(c *Config) { webhook(c); c.WebhookSecret = strings.Repeat("a", 257) }, "webhook_secret"},
		{"webhook over http", func(c *Config) { webhook(c); c.WebhookURL = "http://bot.example.org/hook" }, "webhook_url"},
		{"webhook over http with a local Bot API server", func(c *Config) {
			webhook(c)
			c.APIURL = "http://127.0.0.1:8081"
			c.WebhookURL = "http://frontdoor:8080/hook"
		}, ""},
		{"webhook without path", func(c *Config) { webhook(c); c.WebhookURL = "https://bot.example.org" }, "webhook_url"},
		{"webhook relative", func(c *Config) { webhook(c); c.WebhookURL = "/hook" }, "webhook_url"},
		{"negative poll timeout", func(c *Config) { c.PollTimeout = -time.Second }, "poll_timeout"},
		{"sub-second poll timeout", func(c *Config) { c.PollTimeout = 500 * time.Millisecond }, "poll_timeout"},
		{"negative max retry wait", func(c *Config) { c.MaxRetryWait = -time.Second }, "max_retry_wait"},
		{"http client shorter than the long poll", func(c *Config) {
			c.PollTimeout = 30 * time.Second
			c.HTTPClient = &http.Client{Timeout: 10 * time.Second}
		}, "poll_timeout"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{Token: token}
			tc.mod(&cfg)
			c, err := New(cfg, nil)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				if c.Name() != "telegram" || c.Status() != StatusStarting {
					t.Errorf("Name() = %q, Status() = %q", c.Name(), c.Status())
				}
				return
			}
			if err == nil {
				t.Fatalf("New accepted the config, want an error naming %s", tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error %q does not name %s", err, tc.wantErr)
			}
			if cfg.Token != "" && strings.Contains(err.Error(), cfg.Token) {
				t.Errorf("error %q reveals the token", err)
			}
		})
	}
}

func TestWebhookPath(t *testing.T) {
	c, err := New(Config{Token: "1:a", WebhookURL: "https://x.org/tg/hook?x=1", WebhookSecret: "s"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.WebhookPath(); got != "/tg/hook" {
		t.Errorf("WebhookPath() = %q", got)
	}
	p, _ := New(Config{Token: "1:a"}, nil)
	if got := p.WebhookPath(); got != "" {
		t.Errorf("polling WebhookPath() = %q, want empty", got)
	}
}
