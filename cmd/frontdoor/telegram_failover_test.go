package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/internal/conf"
)

// channelHealth reads /healthz: its HTTP status and the line of channel
// ch ("telegram", "whatsapp").
func channelHealth(t *testing.T, base, ch string) (int, string) {
	t.Helper()
	res, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var h struct {
		Channels map[string]string `json:"channels"`
	}
	if err := json.NewDecoder(res.Body).Decode(&h); err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, h.Channels[ch]
}

// waitHealth waits until /healthz answers code with a Telegram line
// starting with prefix, and returns that line.
func waitHealth(t *testing.T, base string, code int, prefix string) string {
	t.Helper()
	ctx := waitCtx(t)
	for {
		got, line := channelHealth(t, base, "telegram")
		if got == code && strings.HasPrefix(line, prefix) {
			return line
		}
		if ctx.Err() != nil {
			t.Fatalf("/healthz = %d %q, want %d %q...", got, line, code, prefix)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestTelegramFaultThenRecovery: the Bot API refuses getUpdates with 401
// for a while. /healthz says why while it lasts, and once the API answers
// again Frontdoor recovers by itself and answers every person who wrote
// meanwhile.
func TestTelegramFaultThenRecovery(t *testing.T) {
	r := startFrontdoor(t, nil)
	waitHealth(t, r.base, http.StatusOK, "polling")

	// The fault lasts until Heal, not for a time: two people write during
	// it, the first before a refused try, and one after it.
	r.tg.FailFor("getUpdates", 401, "Unauthorized", 0)
	line := waitHealth(t, r.base, http.StatusServiceUnavailable, "error: token refused (401) since ")
	if !strings.Contains(line, "retrying every") {
		t.Errorf("telegram health %q does not say when it retries", line)
	}
	refusals := func() int {
		n := 0
		for _, c := range r.tg.Calls("getUpdates") {
			if c.Code == http.StatusUnauthorized {
				n++
			}
		}
		return n
	}
	before := refusals()
	r.tg.AddUpdates(telegramtest.Command(8101, 1, "/start lang_en"))
	if err := r.tg.WaitUntil(waitCtx(t), func() bool { return refusals() > before }); err != nil {
		t.Fatalf("getUpdates was not tried again during the fault: %v", err)
	}
	r.tg.AddUpdates(telegramtest.Command(8102, 1, "/start lang_en"))
	r.tg.Heal()
	r.tg.AddUpdates(telegramtest.Command(8103, 1, "/start lang_en"))
	chats := []int64{8101, 8102, 8103}
	for _, chat := range chats {
		r.waitSaid(t, chat, 1)
	}
	waitHealth(t, r.base, http.StatusOK, "polling")
}

// TestTelegramInstancesShareOneToken: two Frontdoors on one token and one
// Redis. One polls, the other stands by, both healthy; people are answered;
// when the poller stops, the other takes over.
func TestTelegramInstancesShareOneToken(t *testing.T) {
	// The lease is 5 s (15 s in production): the poller renews it every
	// third, and a machine starved enough to miss renewals for a whole
	// lease lets the other instance in while a getUpdates is still out
	// (seen with a 1 s lease at a load average of 30). The takeover
	// below does not wait for it: a stopping poller releases the lease.
	lease := func(c *Config) { c.Telegram.PollLease = conf.Duration(5 * time.Second) }
	a := startFrontdoor(t, lease)
	waitHealth(t, a.base, http.StatusOK, "polling")
	b := startFrontdoor(t, func(c *Config) {
		lease(c)
		c.Redis.Prefix = a.app.keys.Prefix()
		c.Telegram.APIURL = a.tg.URL()
	})
	waitHealth(t, b.base, http.StatusOK, "standby, another instance polls")

	a.tg.AddUpdates(telegramtest.Command(8201, 1, "/start lang_en"))
	a.waitSaid(t, 8201, 1)
	if code, line := channelHealth(t, a.base, "telegram"); code != http.StatusOK || line != "polling" {
		t.Errorf("poller /healthz = %d %q", code, line)
	}
	if code, line := channelHealth(t, b.base, "telegram"); code != http.StatusOK || line != "standby, another instance polls" {
		t.Errorf("standby /healthz = %d %q", code, line)
	}
	if n := a.tg.Overlaps(); n != 0 {
		t.Errorf("%d getUpdates calls overlapped", n)
	}

	a.stop()
	waitHealth(t, b.base, http.StatusOK, "polling")
	a.tg.AddUpdates(telegramtest.Command(8202, 1, "/start lang_en"))
	a.waitSaid(t, 8202, 1)
}
