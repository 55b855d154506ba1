package telegram

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdoor/bot"
	tt "frontdoor/bot/telegram/telegramtest"
)

// waits records the pauses Send asks for instead of sleeping; advance, when
// set, moves the fake server's clock by the same amount.
type waits struct {
	mu      sync.Mutex
	got     []time.Duration
	advance func(time.Duration)
}

func (w *waits) wait(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.got = append(w.got, d)
	adv := w.advance
	w.mu.Unlock()
	if adv != nil {
		adv(d)
	}
	return ctx.Err()
}

func (w *waits) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.got)
}

// fakeClock is the fake server's clock for rate limiting.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

const chatID = 777

var person = bot.Contact{Channel: "telegram", ID: "777"}

// longText is about three messages' worth of sentences in mixed scripts.
func longText() string {
	var b strings.Builder
	for i := 0; b.Len() < 14000; i++ {
		fmt.Fprintf(&b, "Frase numero %d: il permesso di soggiorno va rinnovato. هل لديك موعد؟ ", i)
	}
	return strings.TrimSpace(b.String())
}

func TestSend(t *testing.T) {
	choices := []bot.Choice{{ID: "area:housing", Label: "🏠 Housing"}, {ID: "area:work", Label: "Work"}}
	wantKeyboard := &tt.ReplyMarkup{InlineKeyboard: [][]tt.Button{
		{{Text: "🏠 Housing", CallbackData: "area:housing"}},
		{{Text: "Work", CallbackData: "area:work"}},
	}}

	tests := []struct {
		name    string
		opts    []tt.Option
		cfg     func(*Config)
		setup   func(s *tt.Server, clock *fakeClock)
		to      bot.Contact
		reply   bot.Reply
		check   func(t *testing.T, err error, s *tt.Server, w []time.Duration)
		realCtx bool
		bulk    bool // a campaign's send (bot.Bulk)
	}{
		{
			name:  "choices become an inline keyboard, one button per row",
			reply: bot.Reply{Text: "What do you need?", Choices: choices},
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				mustNil(t, err)
				sent := s.Messages(chatID)
				if len(sent) != 1 || sent[0].Text != "What do you need?" {
					t.Fatalf("sent %+v", sent)
				}
				if !equalMarkup(sent[0].ReplyMarkup, wantKeyboard) {
					t.Errorf("keyboard %+v, want %+v", sent[0].ReplyMarkup, wantKeyboard)
				}
			},
		},
		{
			name:  "the numbered-list hint is not shown: buttons need none",
			reply: bot.Reply{Text: "What do you need?", Choices: choices, ChoiceHint: "Reply with the number of your choice."},
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				mustNil(t, err)
				sent := s.Messages(chatID)
				if len(sent) != 1 || sent[0].Text != "What do you need?" || !equalMarkup(sent[0].ReplyMarkup, wantKeyboard) {
					t.Fatalf("sent %+v", sent)
				}
			},
		},
		{
			name:  "plain text has no keyboard",
			reply: bot.Reply{Text: "Hello"},
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				mustNil(t, err)
				if sent := s.Messages(chatID); len(sent) != 1 || sent[0].ReplyMarkup != nil || sent[0].Params["reply_markup"] != "" {
					t.Fatalf("sent %+v", sent)
				}
			},
		},
		{
			name:  "long text is split, keyboard on the last part only",
			reply: bot.Reply{Text: longText(), Choices: choices},
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				mustNil(t, err)
				sent := s.Messages(chatID)
				if len(sent) < 3 {
					t.Fatalf("sent %d parts, want at least 3", len(sent))
				}
				var texts []string
				for i, m := range sent {
					if n := utf16Len(m.Text); n > maxTextLen {
						t.Errorf("part %d has %d UTF-16 units", i+1, n)
					}
					if last := i == len(sent)-1; last != (m.ReplyMarkup != nil) {
						t.Errorf("part %d of %d: keyboard %v", i+1, len(sent), m.ReplyMarkup)
					}
					texts = append(texts, m.Text)
				}
				if !equalMarkup(sent[len(sent)-1].ReplyMarkup, wantKeyboard) {
					t.Errorf("last keyboard %+v", sent[len(sent)-1].ReplyMarkup)
				}
				if got, want := strings.Fields(strings.Join(texts, " ")), strings.Fields(longText()); !slices.Equal(got, want) {
					t.Error("the parts do not add up to the text")
				}
			},
		},
		{
			// The fake counts UTF-16 units like Telegram: 3000 emoji are
			// 3000 runes but 6000 units.
			name:  "text dense with emoji fits Telegram's UTF-16 limit",
			reply: bot.Reply{Text: strings.Repeat("😀", 3000)},
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				mustNil(t, err)
				if sent := s.Messages(chatID); len(sent) != 2 {
					t.Fatalf("sent %d parts, want 2", len(sent))
				}
			},
		},
		{
			name:  "429 once: the same message again after retry_after",
			setup: func(s *tt.Server, _ *fakeClock) { s.TooManyRequests("sendMessage", 1, 3) },
			reply: bot.Reply{Text: "Your appointment is confirmed."},
			check: func(t *testing.T, err error, s *tt.Server, w []time.Duration) {
				mustNil(t, err)
				calls := s.Calls("sendMessage")
				if len(calls) != 2 || calls[0].Code != 429 || !calls[1].OK() ||
					calls[0].Text != calls[1].Text {
					t.Fatalf("calls %+v, want one 429 and one success of the same text", calls)
				}
				if !slices.Equal(w, []time.Duration{3 * time.Second}) {
					t.Errorf("waited %v, want [3s]", w)
				}
			},
		},
		{
			// The fake's per-chat limit (1/s) refuses every part after the
			// first until its clock, moved by the waits, allows it.
			name:  "429 in the middle of a split text resends only the refused part",
			opts:  []tt.Option{tt.WithRateLimit(30)},
			reply: bot.Reply{Text: longText()},
			check: func(t *testing.T, err error, s *tt.Server, w []time.Duration) {
				mustNil(t, err)
				calls := s.Calls("sendMessage")
				sent := s.Messages(chatID)
				perText := map[string][]int{}
				for _, c := range calls {
					perText[c.Text] = append(perText[c.Text], c.Code)
				}
				if len(perText) != len(sent) {
					t.Fatalf("%d distinct texts sent, %d delivered", len(perText), len(sent))
				}
				for i, m := range sent {
					want := []int{429, 200}
					if i == 0 {
						want = []int{200}
					}
					if got := perText[m.Text]; !slices.Equal(got, want) {
						t.Errorf("part %d: answers %v, want %v", i+1, got, want)
					}
				}
				if len(w) != len(sent)-1 {
					t.Errorf("waited %d times, want %d", len(w), len(sent)-1)
				}
			},
		},
		{
			name:  "429 beyond MaxRetryWait gives up with RetryAfterError",
			cfg:   func(c *Config) { c.MaxRetryWait = 5 * time.Second },
			setup: func(s *tt.Server, _ *fakeClock) { s.TooManyRequests("sendMessage", 10, 3) },
			reply: bot.Reply{Text: "Hello"},
			check: func(t *testing.T, err error, s *tt.Server, w []time.Duration) {
				var ra *bot.RetryAfterError
				if !errors.As(err, &ra) || ra.After != 3*time.Second {
					t.Fatalf("err = %v, want *bot.RetryAfterError of 3s", err)
				}
				if n := len(s.Calls("sendMessage")); n != 2 {
					t.Errorf("%d sendMessage calls, want 2 (3s waited, 3s more would pass 5s)", n)
				}
				if !slices.Equal(w, []time.Duration{3 * time.Second}) {
					t.Errorf("waited %v", w)
				}
			},
		},
		{
			name:  "blocked by the user is unreachable",
			setup: func(s *tt.Server, _ *fakeClock) { s.Block(chatID) },
			reply: bot.Reply{Text: "Hello"},
			check: func(t *testing.T, err error, _ *tt.Server, _ []time.Duration) {
				if !errors.Is(err, bot.ErrUnreachable) {
					t.Fatalf("err = %v, want ErrUnreachable", err)
				}
			},
		},
		{
			name:  "chat not found is unreachable",
			setup: func(s *tt.Server, _ *fakeClock) { s.Forget(chatID) },
			reply: bot.Reply{Text: "Hello"},
			check: func(t *testing.T, err error, _ *tt.Server, _ []time.Duration) {
				if !errors.Is(err, bot.ErrUnreachable) {
					t.Fatalf("err = %v, want ErrUnreachable", err)
				}
			},
		},
		{
			name:  "a 500 took nothing: unavailable, neither unreachable nor retry",
			setup: func(s *tt.Server, _ *fakeClock) { s.FailNext("sendMessage", 1, 500, "Internal Server Error", 0) },
			reply: bot.Reply{Text: "Hello"},
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				var ra *bot.RetryAfterError
				if !errors.Is(err, bot.ErrUnavailable) || errors.Is(err, bot.ErrUnreachable) || errors.As(err, &ra) {
					t.Fatalf("err = %v, want ErrUnavailable", err)
				}
				if !strings.Contains(err.Error(), "telegram: send to") || !strings.Contains(err.Error(), "500") {
					t.Errorf("err %q lacks context", err)
				}
				if n := len(s.Calls("sendMessage")); n != 1 {
					t.Errorf("%d calls, want 1", n)
				}
			},
		},
		{
			// A proxy's 502 page has no Bot API answer in it; the
			// caller's own HTTP client is wrapped too. The gateway may
			// have passed the message on: no answer, not unavailable.
			name: "a 502 without a JSON body, through the caller's client, is no answer",
			cfg: func(c *Config) {
				c.HTTPClient = &http.Client{Timeout: time.Minute, Transport: &failCalls{next: http.DefaultTransport, calls: map[int]bool{1: true}}}
			},
			reply: bot.Reply{Text: "Hello"},
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				if err == nil || errors.Is(err, bot.ErrUnavailable) || !strings.Contains(err.Error(), "502") {
					t.Fatalf("err = %v, want an error with the status that is not ErrUnavailable", err)
				}
				if n := len(s.Messages(chatID)); n != 0 {
					t.Errorf("%d messages delivered", n)
				}
			},
		},
		{
			name: "a 503 page without a JSON body, through the caller's client, is unavailable",
			cfg: func(c *Config) {
				c.HTTPClient = &http.Client{Timeout: time.Minute, Transport: &failCalls{next: http.DefaultTransport, calls: map[int]bool{1: true}, status: http.StatusServiceUnavailable}}
			},
			reply: bot.Reply{Text: "Hello"},
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				if !errors.Is(err, bot.ErrUnavailable) || !strings.Contains(err.Error(), "503") {
					t.Fatalf("err = %v, want ErrUnavailable with the status", err)
				}
			},
		},
		{
			// The first part went out: sending the reply again would
			// repeat it, so it is not "unavailable".
			name: "a 502 after the first part of a split text is not unavailable",
			cfg: func(c *Config) {
				c.HTTPClient = &http.Client{Timeout: time.Minute, Transport: &failCalls{next: http.DefaultTransport, calls: map[int]bool{2: true}}}
			},
			reply: bot.Reply{Text: longText()},
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				if err == nil || errors.Is(err, bot.ErrUnavailable) {
					t.Fatalf("err = %v, want an error that is not ErrUnavailable", err)
				}
				if n := len(s.Messages(chatID)); n != 1 {
					t.Errorf("%d parts delivered, want 1", n)
				}
			},
		},
		{
			name:  "no connection to the Bot API is unavailable",
			cfg:   func(c *Config) { c.APIURL = closedURL(t) },
			reply: bot.Reply{Text: "Hello"},
			check: func(t *testing.T, err error, _ *tt.Server, _ []time.Duration) {
				if !errors.Is(err, bot.ErrUnavailable) {
					t.Fatalf("err = %v, want ErrUnavailable", err)
				}
			},
		},
		{
			name:  "a campaign's send gives a 429 back at once, for the campaign to pause the channel",
			bulk:  true,
			setup: func(s *tt.Server, _ *fakeClock) { s.TooManyRequests("sendMessage", 1, 3) },
			reply: bot.Reply{Text: "Hello"},
			check: func(t *testing.T, err error, s *tt.Server, w []time.Duration) {
				var ra *bot.RetryAfterError
				if !errors.As(err, &ra) || ra.After != 3*time.Second {
					t.Fatalf("err = %v, want *bot.RetryAfterError of 3s", err)
				}
				if len(w) != 0 || len(s.Calls("sendMessage")) != 1 {
					t.Errorf("waited %v over %d calls, want one call and no wait", w, len(s.Calls("sendMessage")))
				}
			},
		},
		{
			// Parts after the first wait in Send, as for any reply: the
			// campaign's retry of the whole notice would repeat them.
			name:  "a campaign's split text still waits out a 429 after its first part",
			bulk:  true,
			opts:  []tt.Option{tt.WithRateLimit(30)},
			reply: bot.Reply{Text: longText()},
			check: func(t *testing.T, err error, s *tt.Server, w []time.Duration) {
				mustNil(t, err)
				if len(w) == 0 {
					t.Fatal("no wait: the fake's per-chat limit was not met")
				}
				seen := map[string]bool{}
				for _, m := range s.Messages(chatID) {
					if seen[m.Text] {
						t.Fatalf("part %q delivered twice", m.Text)
					}
					seen[m.Text] = true
				}
			},
		},
		{
			name: "a 400 is refused for good, not tried again",
			setup: func(s *tt.Server, _ *fakeClock) {
				s.FailNext("sendMessage", 1, 400, "Bad Request: can't parse entities", 0)
			},
			reply: bot.Reply{Text: "Hello"},
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				if !errors.Is(err, bot.ErrRejected) || errors.Is(err, bot.ErrUnreachable) {
					t.Fatalf("err = %v, want ErrRejected", err)
				}
				if n := len(s.Calls("sendMessage")); n != 1 {
					t.Errorf("%d calls, want 1", n)
				}
			},
		},
		{
			name:  "choice id over 64 bytes is an error, nothing sent",
			reply: bot.Reply{Text: "Pick", Choices: []bot.Choice{{ID: strings.Repeat("x", 65), Label: "X"}}},
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				if err == nil || !strings.Contains(err.Error(), "64") || !errors.Is(err, bot.ErrRejected) {
					t.Fatalf("err = %v", err)
				}
				if n := len(s.Calls("")); n != 0 {
					t.Errorf("%d calls made", n)
				}
			},
		},
		{
			name:  "choice id of exactly 64 bytes is fine",
			reply: bot.Reply{Text: "Pick", Choices: []bot.Choice{{ID: strings.Repeat("é", 32), Label: "X"}}},
			check: func(t *testing.T, err error, _ *tt.Server, _ []time.Duration) { mustNil(t, err) },
		},
		{
			name:  "contact of another channel",
			to:    bot.Contact{Channel: "webchat", ID: "777"},
			reply: bot.Reply{Text: "Hello"},
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				if err == nil || len(s.Calls("")) != 0 {
					t.Fatalf("err = %v, calls %d", err, len(s.Calls("")))
				}
			},
		},
		{
			name:    "cancelled while waiting on 429",
			setup:   func(s *tt.Server, _ *fakeClock) { s.TooManyRequests("sendMessage", 1, 30) },
			reply:   bot.Reply{Text: "Hello"},
			realCtx: true,
			check: func(t *testing.T, err error, s *tt.Server, _ []time.Duration) {
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("err = %v, want context.Canceled", err)
				}
				if n := len(s.Calls("sendMessage")); n != 1 {
					t.Errorf("%d calls, want 1", n)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
			srv := tt.NewServer(t, append([]tt.Option{tt.WithClock(clock.Now)}, tc.opts...)...)
			c := newChannel(t, srv, tc.cfg)
			w := &waits{advance: clock.Add}
			c.wait = w.wait
			ctx := context.Background()
			if tc.bulk {
				ctx = bot.Bulk(ctx)
			}
			if tc.realCtx {
				// Cancel as soon as Send starts waiting, with the real wait.
				cctx, cancel := context.WithCancel(ctx)
				defer cancel()
				ctx = cctx
				c.wait = func(ctx context.Context, d time.Duration) error {
					cancel()
					return sleep(ctx, d)
				}
			}
			if tc.setup != nil {
				tc.setup(srv, clock)
			}
			to := tc.to
			if to == (bot.Contact{}) {
				to = person
			}
			err := c.Send(ctx, to, tc.reply)
			tc.check(t, err, srv, w.all())
		})
	}
}

func mustNil(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func equalMarkup(a, b *tt.ReplyMarkup) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.EqualFunc(a.InlineKeyboard, b.InlineKeyboard, func(x, y []tt.Button) bool { return slices.Equal(x, y) })
}

func TestSplitTextUTF16(t *testing.T) {
	for _, text := range []string{"short", longText(), strings.Repeat("😀", 9000), strings.Repeat("a", 4096)} {
		parts := splitText(text)
		for i, p := range parts {
			if utf16Len(p) > maxTextLen || p == "" {
				t.Errorf("part %d of %d has %d UTF-16 units", i+1, len(parts), utf16Len(p))
			}
		}
	}
}

// TestServerErrorTookNothingOrNoAnswer: of the Bot API's 5xx, a 500 (its
// own failure) and a 503 (not serving) took nothing, and the send may go
// again (ErrUnavailable); a 502 or 504 comes from a gateway that may have
// passed the message on before the answer was lost, so it is no answer,
// never sent again (a campaign's unknown), as is a 5xx nobody listed.
func TestServerErrorTookNothingOrNoAnswer(t *testing.T) {
	for _, tc := range []struct {
		status      int
		unavailable bool
	}{
		{http.StatusInternalServerError, true},
		{http.StatusServiceUnavailable, true},
		{http.StatusBadGateway, false},
		{http.StatusGatewayTimeout, false},
		{http.StatusNotImplemented, false},
	} {
		t.Run(strconv.Itoa(tc.status), func(t *testing.T) {
			srv := tt.NewServer(t)
			c := newChannel(t, srv, nil)
			srv.FailNext("sendMessage", 1, tc.status, http.StatusText(tc.status), 0)
			err := c.Send(bot.Bulk(context.Background()), person, bot.Reply{Text: "Hello"})
			if err == nil {
				t.Fatal("the send succeeded")
			}
			if got := errors.Is(err, bot.ErrUnavailable); got != tc.unavailable {
				t.Errorf("ErrUnavailable = %v, want %v: %v", got, tc.unavailable, err)
			}
			if !strings.Contains(err.Error(), strconv.Itoa(tc.status)) {
				t.Errorf("err %q lacks the status", err)
			}
			if n := len(srv.Calls("sendMessage")); n != 1 {
				t.Errorf("%d calls, want 1: a 5xx is never sent again by the channel itself", n)
			}
		})
	}
}

// failCalls answers the calls numbered in calls (from 1) with a proxy's
// error page (502 unless status says), and passes the others on.
type failCalls struct {
	next   http.RoundTripper
	calls  map[int]bool
	status int
	mu     sync.Mutex
	n      int
}

func (f *failCalls) RoundTrip(r *http.Request) (*http.Response, error) {
	f.mu.Lock()
	f.n++
	fail := f.calls[f.n]
	f.mu.Unlock()
	if !fail {
		return f.next.RoundTrip(r)
	}
	if r.Body != nil {
		r.Body.Close()
	}
	status := cmp.Or(f.status, http.StatusBadGateway)
	return &http.Response{StatusCode: status, Status: fmt.Sprintf("%d %s", status, http.StatusText(status)), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"text/html"}}, Body: http.NoBody, Request: r}, nil
}

// closedURL is the address of a port that nothing listens on any more.
func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}
