package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"frontdoor/booking"
	"frontdoor/bot"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/bot/whatsapp"
	"frontdoor/broadcast"
	"frontdoor/handoff"
	"frontdoor/internal/conf"
	"frontdoor/locales"
	"frontdoor/store/storetest"
)

// running is a whole Frontdoor, as `frontdoor serve` builds it, on a real
// Redis (under the test's own prefix) and a fake Telegram.
type running struct {
	app  *app
	base string
	tg   *telegramtest.Server
	cat  *locales.Catalog
	stop func()
}

func startFrontdoor(t *testing.T, edit func(*Config)) *running {
	t.Helper()
	return startFrontdoorLogging(t, edit, io.Discard)
}

// startFrontdoorLogging is startFrontdoor with its log written to logw.
func startFrontdoorLogging(t *testing.T, edit func(*Config), logw io.Writer) *running {
	t.Helper()
	_, keys := storetest.Redis(t)
	tg := telegramtest.NewServer(t, telegramtest.WithPollWait(100*time.Millisecond))
	cfg := defaultConfig()
	ro := storetest.Options()
	cfg.Redis.URL, cfg.Redis.Addrs, cfg.Redis.MasterName = ro.URL, ro.Addrs, ro.MasterName
	cfg.Redis.Prefix = keys.Prefix()
	cfg.Telegram.Token = telegramtest.Token
	cfg.Telegram.APIURL = tg.URL()
	cfg.Telegram.PollTimeout = conf.Duration(time.Second)
	if edit != nil {
		edit(&cfg)
	}
	if err := cfg.validate(); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(logw, nil))
	ctx, cancel := context.WithCancel(context.Background())
	a, err := newApp(ctx, cfg, log, appOptions{passwordCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.run(ctx, ln) }()
	cat, _ := locales.Load()
	r := &running{app: a, base: "http://" + ln.Addr().String(), tg: tg, cat: cat}
	stopped := false
	r.stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("Frontdoor did not stop within 15s of the signal")
		}
		a.close()
	}
	t.Cleanup(r.stop)
	return r
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// said returns what the bot sent to chat, in order.
func (r *running) said(chat int64) []telegramtest.Call { return r.tg.Messages(chat) }

// attempts counts sendMessage calls to chat, failed ones included.
func attempts(r *running, chat int64) int {
	n := 0
	for _, c := range r.tg.Calls("sendMessage") {
		if c.ChatID == chat {
			n++
		}
	}
	return n
}

func (r *running) waitSaid(t *testing.T, chat int64, n int) []telegramtest.Call {
	t.Helper()
	if err := r.tg.WaitUntil(waitCtx(t), func() bool { return len(r.said(chat)) >= n }); err != nil {
		t.Fatalf("waiting for %d messages to chat %d: %v; got %d", n, chat, err, len(r.said(chat)))
	}
	return r.said(chat)
}

// waitText waits until the bot has said text to chat (the n-th time, with
// n given) and returns everything said up to then.
func (r *running) waitText(t *testing.T, chat int64, text string, n ...int) []telegramtest.Call {
	t.Helper()
	want := 1
	if len(n) > 0 {
		want = n[0]
	}
	var upTo []telegramtest.Call
	err := r.tg.WaitUntil(waitCtx(t), func() bool {
		seen := 0
		for i, c := range r.said(chat) {
			if c.Text == text {
				seen++
				if seen == want {
					upTo = r.said(chat)[:i+1]
					return true
				}
			}
		}
		return false
	})
	if err != nil {
		var got []string
		for _, c := range r.said(chat) {
			got = append(got, c.Text)
		}
		t.Fatalf("waiting for %q to chat %d: %v; said %q", text, chat, err, got)
	}
	return upTo
}

// emergencyLine is the line the language menu, the consent question and
// the main menu end with (flows: the deployment's emergency number, 112
// by default), as the channels must deliver it: in right-to-left text
// after a right-to-left mark.
func emergencyLine(rtl bool) string {
	mark := ""
	if rtl {
		mark = "\u200f"
	}
	return "\n\n" + mark + "🆘 📞 \u2066112\u2069"
}

func buttons(c telegramtest.Call) []string {
	var out []string
	if c.ReplyMarkup == nil {
		return nil
	}
	for _, row := range c.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			out = append(out, b.CallbackData)
		}
	}
	return out
}

func TestTelegramConversationEndToEnd(t *testing.T) {
	r := startFrontdoor(t, func(c *Config) { c.Metrics.Token = testMetricsToken })
	const chat = 4242
	ar := func(id string, data map[string]any) string { return r.cat.Text("ar", id, data) }

	r.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_ar").Lang("ar"))
	said := r.waitSaid(t, chat, 1)
	if said[0].Text != ar("consent.text", map[string]any{"Days": 90})+emergencyLine(true) {
		t.Fatalf("first answer = %q, want the Arabic consent text", said[0].Text)
	}
	if got := buttons(said[0]); strings.Join(got, ",") != "consent.yes,consent.no,g.lang" {
		t.Fatalf("consent buttons = %v", got)
	}

	r.tg.AddUpdates(telegramtest.Callback(chat, "q1", "consent.yes"))
	said = r.waitSaid(t, chat, 2)
	if b := buttons(said[1]); said[1].Text != ar("menu.prompt", nil)+emergencyLine(true) || len(b) < 5 || strings.Join(b[:5], ",") != "menu.legal,menu.work,menu.health,menu.education,menu.welfare" {
		t.Fatalf("menu = %q %v", said[1].Text, buttons(said[1]))
	}
	if err := r.tg.WaitUntil(waitCtx(t), func() bool { return len(r.tg.Calls("answerCallbackQuery")) >= 1 }); err != nil {
		t.Fatal("callback query not answered")
	}

	r.tg.AddUpdates(
		telegramtest.Callback(chat, "q2", "menu.legal"),
		telegramtest.Sticker(chat, 2),
		telegramtest.Callback(chat, "q3", "legal.person"),
	)
	said = r.waitText(t, chat, ar("handoff.opened", nil))
	legal := ar("legal.intro", nil)
	// The sticker gets one line with the buttons in view, not the page
	// again.
	want := []string{legal, ar("input.sticker", nil), ar("handoff.opened", nil)}
	for i, w := range want {
		if 2+i >= len(said) || said[2+i].Text != w {
			t.Fatalf("messages from the third: %q, want %q", texts(said[2:]), want)
		}
	}
	if b := buttons(said[2]); len(b) < 8 || b[0] != "legal.permit_first" {
		t.Errorf("legal services = %v", b)
	}
	if b, page := buttons(said[3]), buttons(said[2]); strings.Join(b, ",") != strings.Join(page, ",") {
		t.Errorf("the sticker's answer has buttons %v, want the page's %v", b, page)
	}
	q := handoff.NewQueue(r.app.db.Client, r.app.keys, nil)
	if n, _ := q.Waiting(context.Background()); n != 1 {
		t.Fatalf("waiting cases = %d, want 1", n)
	}

	// The same update delivered again (Telegram after a restart) is
	// ignored; /menu while waiting leaves the queue and shows the menu.
	r.tg.AddUpdates(telegramtest.Sticker(chat, 2))
	r.tg.AddUpdates(telegramtest.Text(chat, 3, "/menu"))
	// The menu's answer settles it: the contact's messages are handled
	// in order, so a second answer to the sticker would be before it.
	r.waitText(t, chat, ar("menu.prompt", nil)+emergencyLine(true), 2)
	stickers := 0
	for _, c := range r.said(chat) {
		if c.Text == ar("input.sticker", nil) {
			stickers++
		}
	}
	if stickers != 1 {
		t.Fatalf("the redelivered sticker was answered again (%d answers)", stickers)
	}
	if n, _ := q.Waiting(context.Background()); n != 0 {
		t.Fatalf("waiting cases after /menu = %d, want 0", n)
	}

	// The coordinator's statistics are behind the console's sign-in.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if res, err := noRedirect.Get(r.base + "/console/stats"); err != nil || res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/console/login" {
		t.Fatalf("statistics without sign-in: %v %v", res, err)
	}

	health := getJSON(t, r.base+"/healthz")
	if health["status"] != "ok" || health["channels"].(map[string]any)["telegram"] != "polling" {
		t.Fatalf("healthz = %v", health)
	}
	_, metrics := getMetrics(t, r.base, testMetricsToken)
	for _, m := range []string{`frontdoor_messages_in_total{channel="telegram"} 6`, `frontdoor_messages_duplicate_total{channel="telegram"} 1`, "frontdoor_handling_seconds_bucket"} {
		if !strings.Contains(metrics, m) {
			t.Errorf("metrics lack %s", m)
		}
	}
}

func TestDeleteMyDataLeavesNoKey(t *testing.T) {
	r := startFrontdoor(t, nil)
	const chat = 777
	r.tg.AddUpdates(
		telegramtest.Command(chat, 1, "/start lang_it"),
		telegramtest.Callback(chat, "q1", "consent.yes"),
		telegramtest.Callback(chat, "q2", "menu.health"),
		telegramtest.Command(chat, 2, "/person"),
		telegramtest.Command(chat, 3, "/delete"),
	)
	said := r.waitText(t, chat, r.cat.Text("it", "delete.confirm", nil))
	if got := buttons(said[len(said)-1]); strings.Join(got, ",") != "delete.yes,delete.no" {
		t.Fatalf("no confirmation before deleting: %v", got)
	}
	r.tg.AddUpdates(telegramtest.Callback(chat, "q3", "delete.yes"))
	r.waitText(t, chat, r.cat.Text("it", "delete.done", nil))
	ctx := waitCtx(t)
	err := r.tg.WaitUntil(ctx, func() bool {
		for _, k := range storetest.KeysWith(t, r.app.db.Client, r.app.keys.Prefix()) {
			if strings.Contains(k, "telegram:777") {
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("keys of the contact left after deletion: %v", storetest.KeysWith(t, r.app.db.Client, r.app.keys.Prefix()))
	}
	if n, _ := handoff.NewQueue(r.app.db.Client, r.app.keys, nil).Waiting(context.Background()); n != 0 {
		t.Fatalf("the case survived deletion: %d waiting", n)
	}
}

func TestBrowserChatEndToEnd(t *testing.T) {
	r := startFrontdoor(t, nil)
	session := "0123456789abcdef0123456789abcdef"
	events := sse(t, r.base+"/chat/events?session="+session)
	post := func(id, field, value string) { postChat(t, r.base, session, id, field, value, "uk-UA,uk;q=0.9") }
	uk := func(id string) string { return r.cat.Text("uk", id, nil) }
	// The language is read from the first message itself.
	post("w1", "text", "привіт, мені потрібна допомога")
	if got := next(t, events); got.Text != r.cat.Text("uk", "consent.text", map[string]any{"Days": 90})+emergencyLine(false) || len(got.Choices) != 3 {
		t.Fatalf("first reply = %+v", got)
	}
	post("w3", "text", "1")
	if got := next(t, events); got.Text != uk("menu.prompt")+emergencyLine(false) {
		t.Fatalf("after consent = %q", got.Text)
	}
	post("w4", "text", "/language")
	next(t, events)
	post("w5", "choice", "lang.ar")
	// One message: the change said, then the screen in the new language.
	if got := next(t, events); !strings.HasPrefix(got.Text, r.cat.Text("ar", "language.changed", nil)+"\n\n") || !got.RTL || len(got.Choices) == 0 {
		t.Fatalf("language change = %+v", got)
	}
}

// postChat sends one message of the browser chat, as its page does, with
// the browser's languages.
func postChat(t *testing.T, base, session, id, field, value, languages string) {
	t.Helper()
	body := fmt.Sprintf(`{"session":%q,"id":%q,%q:%q}`, session, id, field, value)
	req, _ := http.NewRequest("POST", base+"/chat/send", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if languages != "" {
		req.Header.Set("Accept-Language", languages)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		t.Fatalf("send %s: %s", id, res.Status)
	}
}

type reply struct {
	Text    string `json:"text"`
	RTL     bool   `json:"rtl"`
	Choices []struct {
		ID, Label string
	} `json:"choices"`
}

// sse connects to an event stream and yields the bot's replies.
func sse(t *testing.T, url string) <-chan reply {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan reply, 100)
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event:"):
				event = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:") && (event == "" || event == "reply" || event == "message"):
				var r reply
				if json.Unmarshal([]byte(strings.TrimSpace(strings.TrimPrefix(line, "data:"))), &r) == nil && r.Text != "" {
					out <- r
				}
			case line == "":
				event = ""
			}
		}
	}()
	return out
}

func next(t *testing.T, events <-chan reply) reply {
	t.Helper()
	select {
	case r := <-events:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("no reply within 10s")
		return reply{}
	}
}

func TestRevokedTokenKeepsOtherChannels(t *testing.T) {
	r := startFrontdoor(t, nil)
	r.tg.Revoke(telegramtest.Token)
	ctx := waitCtx(t)
	for {
		res, err := http.Get(r.base + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		var h map[string]any
		json.NewDecoder(res.Body).Decode(&h)
		res.Body.Close()
		tgState, _ := h["channels"].(map[string]any)["telegram"].(string)
		if res.StatusCode == http.StatusServiceUnavailable && strings.HasPrefix(tgState, "error") {
			if h["channels"].(map[string]any)["webchat"] != "ready" || h["redis"] != "ok" {
				t.Fatalf("other parts affected: %v", h)
			}
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("revoked token never reported: %d %v", res.StatusCode, h)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The browser chat still answers.
	session := "fedcba9876543210fedcba9876543210"
	events := sse(t, r.base+"/chat/events?session="+session)
	res, err := http.Post(r.base+"/chat/send", "application/json",
		strings.NewReader(`{"session":"`+session+`","id":"x1","text":"hi"}`))
	if err != nil || res.StatusCode/100 != 2 {
		t.Fatalf("send: %v %v", err, res)
	}
	next(t, events)
}

func TestUnreachableRedisFailsStart(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	cfg := defaultConfig()
	cfg.Redis.URL = "redis://" + addr + "/0"
	_, err := newApp(context.Background(), cfg, slog.New(slog.DiscardHandler), appOptions{})
	if err == nil || !strings.Contains(err.Error(), "not reachable") || !strings.Contains(err.Error(), addr) {
		t.Fatalf("start with an unreachable Redis: %v", err)
	}
}

func TestCommandLine(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{nil, 2, "Usage"},
		{[]string{"nonsense"}, 2, `unknown command "nonsense"`},
		{[]string{"flows", "check"}, 0, "flows: ok"},
		{[]string{"locales", "check"}, 0, "messages render in 21 languages"},
		{[]string{"serve", "--config", "/nonexistent/config.yaml"}, 1, "read config"},
	}
	for _, tt := range tests {
		var out strings.Builder
		code := run(context.Background(), tt.args, &out, &out, func(string) string { return "" })
		if code != tt.code || !strings.Contains(out.String(), tt.out) {
			t.Errorf("frontdoor %v = %d %q; want %d and %q", tt.args, code, out.String(), tt.code, tt.out)
		}
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

func getJSON(t *testing.T, url string) map[string]any {
	var m map[string]any
	if err := json.Unmarshal([]byte(get(t, url)), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTelegramWebhookMode(t *testing.T) {
	const secret = "s3cret-token_ok"
	r := startFrontdoor(t, func(c *Config) {
		c.Telegram.WebhookURL = "https://bot.example.org/tg/hook"
		c.Telegram.WebhookSecret = secret
	})
	ctx := waitCtx(t)
	if err := r.tg.WaitUntil(ctx, func() bool { return r.tg.Webhook().URL != "" }); err != nil {
		t.Fatal("setWebhook never called")
	}
	if w := r.tg.Webhook(); w.URL != "https://bot.example.org/tg/hook" || w.SecretToken != secret {
		t.Fatalf("webhook = %+v", w)
	}
	postUpdate := func(u telegramtest.Update, secret string) int {
		body, err := json.Marshal(u)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("POST", r.base+"/tg/hook", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := postUpdate(telegramtest.Command(55, 1, "/start lang_en").WithID(1), "wrong"); code != http.StatusUnauthorized {
		t.Fatalf("wrong secret: %d, want 401", code)
	}
	if code := postUpdate(telegramtest.Command(55, 1, "/start lang_en").WithID(1), ""); code != http.StatusUnauthorized {
		t.Fatalf("no secret: %d, want 401", code)
	}
	if code := postUpdate(telegramtest.Command(55, 2, "/start lang_en").WithID(2), secret); code != http.StatusOK {
		t.Fatalf("right secret: %d, want 200", code)
	}
	said := r.waitSaid(t, 55, 1)
	consent := r.cat.Text("en", "consent.text", map[string]any{"Days": 90}) + emergencyLine(false)
	if said[0].Text != consent {
		t.Fatalf("answer = %q", said[0].Text)
	}
	// One more accepted update settles it: the contact's messages are
	// handled in order, so a refused update, had it been taken, would
	// have an answer before this one's.
	if code := postUpdate(telegramtest.Command(55, 3, "/start lang_en").WithID(3), secret); code != http.StatusOK {
		t.Fatalf("right secret: %d, want 200", code)
	}
	said = r.waitSaid(t, 55, 2)
	if n := len(said); n != 2 || said[1].Text != consent {
		t.Fatalf("%d answers: a refused update was handled", n)
	}
	if n := len(r.tg.Calls("getUpdates")); n != 0 {
		t.Fatalf("webhook mode polled %d times", n)
	}
}

func TestTelegramRateLimitAndBlockedBot(t *testing.T) {
	r := startFrontdoor(t, nil)
	ctx := waitCtx(t)
	// A 429 is waited out: the answer arrives once.
	r.tg.TooManyRequests("sendMessage", 1, 1)
	r.tg.AddUpdates(telegramtest.Command(61, 1, "/start lang_en"))
	r.waitSaid(t, 61, 1)
	// A second message settles it: its answer comes after any repeat of
	// the first.
	r.tg.AddUpdates(telegramtest.Command(61, 2, "/start lang_en"))
	said := r.waitSaid(t, 61, 2)
	if len(said) != 2 || attempts(r, 61) != 3 {
		t.Fatalf("after one 429 and a second message: %d delivered, %d attempts; want 2 and 3", len(said), attempts(r, 61))
	}

	// A person who blocked the bot is marked unreachable and not retried.
	r.tg.Block(62)
	r.tg.AddUpdates(telegramtest.Command(62, 1, "/start lang_en"))
	contact := bot.Contact{Channel: "telegram", ID: "62"}
	if err := r.tg.WaitUntil(ctx, func() bool { u, _ := r.app.disp.Unreachable(ctx, contact); return u }); err != nil {
		t.Fatal("blocked contact never marked unreachable")
	}
	// The mark is set once the delivery is over: a retry (or a
	// postponement) would have come before it.
	if n := attempts(r, 62); n != 1 {
		t.Fatalf("%d attempts to a blocked chat, want 1", n)
	}
}

func TestBookingOnTelegramEndToEnd(t *testing.T) {
	r := startFrontdoor(t, func(c *Config) { c.Booking = booking.Example() })
	const chat = 31
	r.tg.AddUpdates(
		telegramtest.Command(chat, 1, "/start lang_it"),
		telegramtest.Callback(chat, "q1", "consent.yes"),
		telegramtest.Callback(chat, "q2", "menu.legal"),
		telegramtest.Callback(chat, "q3", "legal.permit_renewal"),
		telegramtest.Callback(chat, "q4", "legal_permit_renewal.book"),
	)
	r.waitText(t, chat, r.cat.Text("it", "booking.choose_day", nil))
	// Take the first day, the first time, and confirm.
	booked := r.cat.Text("it", "booking.booked", nil)
	for i := 0; ; i++ {
		said := r.said(chat)
		last := said[len(said)-1]
		if strings.Contains(last.Text, booked) {
			break
		}
		if i == 5 {
			t.Fatalf("no booking after %d steps; last: %q %v", i, last.Text, buttons(last))
		}
		b := buttons(last)
		if len(b) == 0 || !strings.HasPrefix(b[0], "bk.") {
			t.Fatalf("booking screen without choices: %q %v", last.Text, b)
		}
		r.tg.AddUpdates(telegramtest.Callback(chat, fmt.Sprintf("b%d", i), b[0]))
		if err := r.tg.WaitUntil(waitCtx(t), func() bool { return len(r.said(chat)) > len(said) }); err != nil {
			t.Fatalf("no answer to %s", b[0])
		}
	}
	appts, err := r.app.booking.Appointments(context.Background(), bot.Contact{Channel: "telegram", ID: "31"})
	if err != nil || len(appts) != 1 {
		t.Fatalf("appointments = %v, %v; want one", appts, err)
	}
	if last := r.said(chat)[len(r.said(chat))-1].Text; !strings.Contains(last, appts[0].Code) {
		t.Fatalf("confirmation does not give the code %s: %q", appts[0].Code, last)
	}
}

// TestCaseFromBookingHoldsTheTurns: a person who asks for a person in the
// middle of the booking dialogue (which answers its own buttons, without
// the conversation) gets a case that opens with the turns before it, the
// dialogue's screens included, as a case opened from any other screen.
func TestCaseFromBookingHoldsTheTurns(t *testing.T) {
	r := startFrontdoor(t, func(c *Config) { c.Booking = booking.Example() })
	const chat = 32
	contact := bot.Contact{Channel: "telegram", ID: "32"}
	r.tg.AddUpdates(
		telegramtest.Command(chat, 1, "/start lang_it"),
		telegramtest.Callback(chat, "q1", "consent.yes"),
		telegramtest.Callback(chat, "q2", "menu.legal"),
		telegramtest.Callback(chat, "q3", "legal.permit_renewal"),
		telegramtest.Callback(chat, "q4", "legal_permit_renewal.book"),
	)
	it := func(id string) string { return r.cat.Text("it", id, nil) }
	r.waitText(t, chat, it("booking.choose_day"))
	said := r.said(chat)
	days := buttons(said[len(said)-1])
	if len(days) == 0 || !strings.HasPrefix(days[0], "bk.y.") {
		t.Fatalf("the days screen offers %v", days)
	}
	r.tg.AddUpdates(telegramtest.Callback(chat, "q5", days[0]))
	if err := r.tg.WaitUntil(waitCtx(t), func() bool {
		s := r.said(chat)
		return len(s) > len(said) && strings.Contains(s[len(s)-1].Text, it("booking.choose_time"))
	}); err != nil {
		t.Fatal("no times screen")
	}
	r.tg.AddUpdates(telegramtest.Command(chat, 2, "/person"))
	var cs handoff.Case
	if err := r.tg.WaitUntil(waitCtx(t), func() bool {
		c, err := r.app.handoff.OpenCase(context.Background(), contact)
		cs = c
		return err == nil
	}); err != nil {
		t.Fatal("no case opened")
	}
	tx, err := r.app.handoff.Transcript(context.Background(), cs.ID)
	if err != nil {
		t.Fatal(err)
	}
	var before []string
	for _, e := range tx {
		if e.Before {
			before = append(before, e.By+": "+e.Text)
		}
	}
	got := strings.Join(before, "\n")
	for _, want := range []string{
		"person: " + it("area.legal"),
		"person: " + it("choice.book"),
		"bot: " + it("booking.choose_day"),
		it("booking.choose_time"),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the lines before the case lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "bk.") {
		t.Errorf("a line before the case shows a choice id:\n%s", got)
	}
}

// TestMediaReachOperatorsThroughServe checks the wiring of the channels'
// media fetchers into the handoff: a photo sent during a case is stored.
func TestMediaReachOperatorsThroughServe(t *testing.T) {
	r := startFrontdoor(t, nil)
	ctx := context.Background()
	const chat = 6060
	jpeg := []byte("\xff\xd8\xff\xe0 a photo of a permit")
	r.tg.AddFile("photo-l", "photos/file_1.jpg", jpeg)
	r.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_it"), telegramtest.Callback(chat, "q1", "consent.yes"), telegramtest.Command(chat, 2, "/person"))
	r.waitText(t, chat, r.cat.Text("it", "handoff.opened", nil))
	var cs handoff.Case
	if err := r.tg.WaitUntil(waitCtx(t), func() bool {
		var err error
		cs, err = r.app.handoff.OpenCase(ctx, bot.Contact{Channel: "telegram", ID: "6060"})
		return err == nil
	}); err != nil {
		t.Fatal("no case opened")
	}
	r.tg.AddUpdates(telegramtest.Photo(chat, 3, ""))
	var media string
	deadline := time.Now().Add(10 * time.Second)
	for media == "" && time.Now().Before(deadline) {
		tx, _ := r.app.handoff.Transcript(ctx, cs.ID)
		for _, e := range tx {
			if e.Kind == "photo" {
				media = e.Media + e.MediaError
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	data, typ, _, err := r.app.handoff.Media(ctx, handoff.Operator{Name: "admin", Admin: true}, cs.ID, media)
	if err != nil || !bytes.Equal(data, jpeg) || typ != "image/jpeg" {
		t.Fatalf("stored photo (%q) = %q %q %v", media, data, typ, err)
	}

	// And back: an operator's PDF reaches the person as a document, the
	// case's file read by serve's Telegram channel.
	q := handoff.NewQueue(r.app.db.Client, r.app.keys, nil)
	if err := q.SaveOperator(ctx, handoff.Operator{Name: "amina", Languages: []string{"it"}, Areas: []string{"*"}, Capacity: 3}, "password-amina"); err != nil {
		t.Fatal(err)
	}
	if err := r.app.handoff.Claim(ctx, "amina", cs.ID); err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.4\nthe form to fill in\n%%EOF\n")
	if err := r.app.handoff.SendFile(ctx, "amina", cs.ID, pdf, "modulo.pdf", "Compila questo."); err != nil {
		t.Fatal(err)
	}
	docs, err := r.tg.WaitAnswered(waitCtx(t), "sendDocument", 1)
	if err != nil {
		t.Fatal(err)
	}
	if d := docs[0]; !d.OK() || d.ChatID != chat || !bytes.Equal(d.File, pdf) || d.FileName != "modulo.pdf" || !strings.HasSuffix(d.Caption, "\nCompila questo.") {
		t.Fatalf("sendDocument = ok %v chat %d %q caption %q", d.OK(), d.ChatID, d.FileName, d.Caption)
	}
}

// TestCampaignThroughServe goes the whole way of a notice: a person opts
// in from the news screen on Telegram, outreach staff create and send a
// campaign with the command line, serve delivers it once in the person's
// language with its button working, and "stop" in their language ends it.
func TestCampaignThroughServe(t *testing.T) {
	r := startFrontdoor(t, func(c *Config) { c.Metrics.Token = testMetricsToken })
	const chat, other = 77, 78
	ar := func(id string) string { return r.cat.Text("ar", id, nil) }
	r.tg.AddUpdates(
		telegramtest.Command(chat, 1, "/start lang_ar"),
		telegramtest.Callback(chat, "q1", "consent.yes"),
		telegramtest.Callback(chat, "q2", "menu.news"),
		telegramtest.Callback(chat, "q3", "news.jobs"),
		// Someone who never opted in.
		telegramtest.Command(other, 1, "/start lang_it"),
		telegramtest.Callback(other, "q4", "consent.yes"),
	)
	// The change said, then the news screen again, in one message.
	r.waitText(t, chat, r.cat.Text("ar", "news.on", map[string]any{"Topic": ar("news.topic.jobs")})+"\n\n"+ar("news.prompt"))
	r.waitText(t, other, r.cat.Text("it", "menu.prompt", nil)+emergencyLine(false))

	// The command line works on the same Redis as serve.
	dir := t.TempDir()
	cfgPath := dir + "/config.yaml"
	campaignPath := dir + "/fair.yaml"
	for path, body := range map[string]string{
		cfgPath: "redis:\n  prefix: \"" + r.app.keys.Prefix() + "\"\n",
		campaignPath: "id: fair\ntexts: {it: \"Fiera del lavoro sabato\", ar: \"معرض عمل يوم السبت\"}\nfallback: skip\n" +
			"choices: [{id: menu.work, labels: {it: Lavoro, ar: العمل}}]\nsegment: {topic: jobs}\n",
	} {
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	env := storetest.Env()
	getenv := func(k string) string { return env[k] }
	var out bytes.Buffer
	for _, args := range [][]string{{"create", campaignPath}, {"send", "fair", "--detach"}} {
		if err := broadcastCommand(context.Background(), append(args, "--config", cfgPath), &out, &out, getenv); err != nil {
			t.Fatalf("broadcast %v: %v\n%s", args, err, out.String())
		}
	}
	if !strings.Contains(out.String(), "audience: 1 recipients") {
		t.Errorf("preview at creation:\n%s", out.String())
	}
	said := r.waitText(t, chat, "معرض عمل يوم السبت")
	notice := said[len(said)-1]
	if b := buttons(notice); len(b) != 1 || b[0] != "menu.work" {
		t.Fatalf("notice buttons = %v, want the work area", b)
	}
	// The button leads into the conversation.
	r.tg.AddUpdates(telegramtest.Callback(chat, "q5", "menu.work"))
	r.waitText(t, chat, ar("work.intro"))
	// Then "stop" in Arabic ends the subscription.
	r.tg.AddUpdates(telegramtest.Text(chat, 9, "توقف"))
	r.waitText(t, chat, ar("news.stopped"))
	subs, err := r.app.outreach.Subscription(context.Background(), bot.Contact{Channel: "telegram", ID: strconv.Itoa(chat)})
	if err != nil || len(subs) != 0 {
		t.Fatalf("subscriptions after stop = %v, %v", subs, err)
	}
	var rep broadcast.Report
	r.tg.WaitUntil(waitCtx(t), func() bool {
		rep, err = r.app.outreach.Report(context.Background(), "fair")
		return err != nil || rep.Status == broadcast.StatusDone
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Status != "done" || rep.Sent != 1 || rep.Replies != 1 || rep.Unsubscribed != 1 {
		t.Errorf("report = %+v, want done, 1 sent, 1 reply, 1 unsubscribed", rep)
	}
	for _, c := range r.said(other) {
		if strings.Contains(c.Text, "Fiera") {
			t.Fatal("the notice reached someone who never opted in")
		}
	}
	// The notice went out through the one outbound path: every message
	// on Telegram, the notice included, is counted in the same metric.
	if err := r.tg.WaitUntil(waitCtx(t), func() bool {
		_, body := getMetrics(t, r.base, testMetricsToken)
		return metricValue(body, `frontdoor_messages_out_total{channel="telegram"}`) == float64(len(r.said(chat))+len(r.said(other)))
	}); err != nil {
		_, body := getMetrics(t, r.base, testMetricsToken)
		t.Errorf("%v messages out on Telegram in the metrics, %d sent: the campaign bypassed the outbound path",
			metricValue(body, `frontdoor_messages_out_total{channel="telegram"}`), len(r.said(chat))+len(r.said(other)))
	}
	// The campaigns page is for signed-in outreach staff only.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noRedirect.Get(r.base + "/console/campaigns/")
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("campaigns page without sign-in: %v %v", res, err)
	}
}

// TestUnlinkedWhatsAppShowsInHealth: a WhatsApp session store without a
// linked device (the phone logged the desk out, and whatsmeow deleted the
// device) is an error in /healthz, while the other channels serve.
func TestUnlinkedWhatsAppShowsInHealth(t *testing.T) {
	storePath := t.TempDir() + "/whatsapp.db"
	wa, err := whatsapp.New(context.Background(), whatsapp.Config{Store: storePath}, nil)
	if err != nil {
		t.Fatal(err)
	}
	wa.Close()
	r := startFrontdoor(t, func(c *Config) { c.WhatsApp.Store = storePath; c.Metrics.Token = testMetricsToken })
	res, err := http.Get(r.base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var h struct {
		Status   string            `json:"status"`
		Channels map[string]string `json:"channels"`
	}
	if err := json.NewDecoder(res.Body).Decode(&h); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusServiceUnavailable || h.Channels["whatsapp"] != whatsapp.StatusUnlinked {
		t.Fatalf("healthz = %d %+v, want 503 with whatsapp %q", res.StatusCode, h, whatsapp.StatusUnlinked)
	}
	if h.Channels["webchat"] != "ready" || h.Channels["telegram"] == "" {
		t.Fatalf("other channels = %v", h.Channels)
	}
	// Every running channel's series exist from the start.
	_, metrics := getMetrics(t, r.base, testMetricsToken)
	for _, m := range []string{`frontdoor_messages_in_total{channel="telegram"} 0`, `frontdoor_messages_out_total{channel="webchat"} 0`} {
		if !strings.Contains(metrics, m) {
			t.Errorf("metrics at start lack %s", m)
		}
	}
}

// TestClearFromThePhoneOnTelegram: "/clear", confirmed, deletes the
// conversation's messages on Telegram (the bot's and the person's), and
// the one line left is neutral.
func TestClearFromThePhoneOnTelegram(t *testing.T) {
	r := startFrontdoor(t, nil)
	const chat = 91
	r.tg.AddUpdates(
		telegramtest.Command(chat, 1, "/start lang_it"),
		telegramtest.Callback(chat, "q1", "consent.yes"),
		telegramtest.Text(chat, 2, "mio marito mi picchia"),
	)
	r.waitText(t, chat, r.cat.Text("it", "menu.prompt", nil)+emergencyLine(false))
	r.tg.AddUpdates(telegramtest.Text(chat, 3, "/clear"))
	said := r.waitText(t, chat, r.cat.Text("it", "clear.confirm", nil))
	// What the bot said before the question, the urgent answer included
	// (the contact's answers go out in order).
	before, confirm := said[:len(said)-1], said[len(said)-1]
	// Words that do not answer the question are for the operator.
	r.tg.AddUpdates(telegramtest.Text(chat, 4, "sono ancora qui"), telegramtest.Callback(chat, "q2", "clear.yes"))
	r.waitText(t, chat, r.cat.Text("it", "clear.done", nil))
	deleted := r.tg.Deleted(chat)
	for _, id := range []int{1, 2, 3, 4} {
		if !slices.Contains(deleted, id) {
			t.Errorf("the person's message %d was not deleted", id)
		}
	}
	for _, m := range append(before, confirm) {
		if !slices.Contains(deleted, m.MessageID) {
			t.Errorf("the bot's message %d (%.30q) was not deleted", m.MessageID, m.Text)
		}
	}
	last := r.said(chat)[len(r.said(chat))-1]
	if slices.Contains(deleted, last.MessageID) || last.Text != r.cat.Text("it", "clear.done", nil) {
		t.Errorf("the last line left is %q", last.Text)
	}
	// The urgent case stays open, and its operator is told.
	cs, err := r.app.handoff.OpenCase(context.Background(), bot.Contact{Channel: "telegram", ID: strconv.Itoa(chat)})
	if err != nil {
		t.Fatalf("the case: %v", err)
	}
	entries, err := handoff.NewQueue(r.app.db.Client, r.app.keys, nil).Transcript(context.Background(), cs.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(entries, func(e handoff.Entry) bool {
		return e.By == "system" && strings.Contains(e.Text, "removed this conversation")
	}) {
		t.Errorf("the operator is not told of the clear: %+v", entries)
	}
	if !slices.ContainsFunc(entries, func(e handoff.Entry) bool { return e.By == "person" && e.Text == "sono ancora qui" }) {
		t.Errorf("the words typed while the question waited did not reach the operator: %+v", entries)
	}
	for _, m := range r.said(chat) {
		if m.Text == r.cat.Text("it", "input.not_understood", nil) {
			t.Error("the bot answered the words meant for the operator")
		}
	}
}

// texts are the texts of the messages.
func texts(calls []telegramtest.Call) []string {
	out := make([]string, len(calls))
	for i, c := range calls {
		out[i] = c.Text
	}
	return out
}
