package telegramtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"frontdoor/bot/telegram/telegramtest"
)

type answer struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// post calls method with JSON or urlencoded parameters, the encodings other
// clients use.
func post(t *testing.T, s *telegramtest.Server, method string, params map[string]any, asForm bool) answer {
	t.Helper()
	a, err := call(s, method, params, asForm)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func call(s *telegramtest.Server, method string, params map[string]any, asForm bool) (answer, error) {
	var body []byte
	ct := "application/json"
	if asForm {
		v := url.Values{}
		for k, p := range params {
			switch p := p.(type) {
			case string:
				v.Set(k, p)
			default:
				b, _ := json.Marshal(p)
				v.Set(k, string(b))
			}
		}
		body, ct = []byte(v.Encode()), "application/x-www-form-urlencoded"
	} else {
		body, _ = json.Marshal(params)
	}
	resp, err := http.Post(s.URL()+"/bot"+telegramtest.Token+"/"+method, ct, bytes.NewReader(body))
	if err != nil {
		return answer{}, fmt.Errorf("%s: %w", method, err)
	}
	defer resp.Body.Close()
	var a answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return a, fmt.Errorf("%s: decoding answer: %w", method, err)
	}
	if !a.OK && resp.StatusCode != a.ErrorCode {
		return a, fmt.Errorf("%s: HTTP status %d but error_code %d", method, resp.StatusCode, a.ErrorCode)
	}
	return a, nil
}

func updateIDs(t *testing.T, a answer) []int64 {
	t.Helper()
	var ups []models.Update
	if err := json.Unmarshal(a.Result, &ups); err != nil {
		t.Fatalf("decoding updates: %v", err)
	}
	ids := make([]int64, len(ups))
	for i, u := range ups {
		ids[i] = u.ID
	}
	return ids
}

func TestGetUpdatesOffsets(t *testing.T) {
	s := telegramtest.NewServer(t)
	ups := s.AddUpdates(telegramtest.Text(1, 1, "a"), telegramtest.Text(1, 2, "b"), telegramtest.Text(1, 3, "c"))
	a, b, c := ups[0].ID, ups[1].ID, ups[2].ID

	steps := []struct {
		name   string
		offset int64
		limit  int
		want   []int64
	}{
		{"first poll gets everything", 0, 0, []int64{a, b, c}},
		{"limit", 0, 2, []int64{a, b}},
		{"unconfirmed updates come again", 0, 0, []int64{a, b, c}},
		{"offset confirms what is below", b, 0, []int64{b, c}},
		{"confirmed updates are gone for good", 0, 0, []int64{b, c}},
		{"all confirmed", c + 1, 0, nil},
	}
	for _, st := range steps {
		params := map[string]any{"offset": st.offset, "timeout": 0}
		if st.limit > 0 {
			params["limit"] = st.limit
		}
		got := updateIDs(t, post(t, s, "getUpdates", params, false))
		if !equalIDs(got, st.want) {
			t.Fatalf("%s: got updates %v, want %v", st.name, got, st.want)
		}
	}
	if s.Confirmed() != c+1 || len(s.Pending()) != 0 {
		t.Fatalf("Confirmed() = %d, Pending() = %v; want %d and none", s.Confirmed(), s.Pending(), c+1)
	}

	// A redelivery of a confirmed update reaches a client starting afresh.
	s.AddUpdates(ups[0])
	if got := updateIDs(t, post(t, s, "getUpdates", map[string]any{"timeout": 0}, true)); !equalIDs(got, []int64{a}) {
		t.Fatalf("redelivered: got %v, want [%d]", got, a)
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLongPollWakesOnNewUpdate(t *testing.T) {
	s := telegramtest.NewServer(t, telegramtest.WithPollWait(time.Minute))
	type result struct {
		a   answer
		err error
	}
	got := make(chan result, 1)
	go func() {
		a, err := call(s, "getUpdates", map[string]any{"timeout": 50}, false)
		got <- result{a, err}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.WaitCalls(ctx, "getUpdates", 1); err != nil {
		t.Fatal(err)
	}
	u := s.AddUpdates(telegramtest.Text(1, 1, "hi"))[0]
	select {
	case r := <-got:
		if r.err != nil {
			t.Fatal(r.err)
		}
		if ids := updateIDs(t, r.a); !equalIDs(ids, []int64{u.ID}) {
			t.Fatalf("got %v, want [%d]", ids, u.ID)
		}
	case <-ctx.Done():
		t.Fatal("long poll did not return after an update was added")
	}
}

func TestRealClientAndFailures(t *testing.T) {
	s := telegramtest.NewServer(t)
	b, err := tgbot.New(telegramtest.Token, tgbot.WithServerURL(s.URL()), tgbot.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	me, err := b.GetMe(ctx)
	if err != nil || me.ID != telegramtest.BotID || me.Username == "" {
		t.Fatalf("GetMe = %+v, %v", me, err)
	}

	hello, err := b.SendMessage(ctx, &tgbot.SendMessageParams{
		ChatID: 42, Text: "Hello",
		ReplyMarkup: models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Yes", CallbackData: "yes"}}}},
	})
	if err != nil {
		t.Fatalf("SendMessage: %v", err)
	}
	calls := s.Messages(42)
	if len(calls) != 1 || calls[0].Text != "Hello" || hello.ID != telegramtest.FirstMessageID || calls[0].MessageID != hello.ID || calls[0].ReplyMarkup == nil ||
		calls[0].ReplyMarkup.InlineKeyboard[0][0].CallbackData != "yes" {
		t.Fatalf("recorded %+v", calls)
	}

	s.TooManyRequests("sendMessage", 1, 7)
	_, err = b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 42, Text: "x"})
	var tm *tgbot.TooManyRequestsError
	if !errors.As(err, &tm) || tm.RetryAfter != 7 {
		t.Fatalf("after TooManyRequests: err = %v, want 429 retry_after 7", err)
	}
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 42, Text: "x"}); err != nil {
		t.Fatalf("the fault should apply once: %v", err)
	}

	s.Block(43)
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 43, Text: "x"}); !errors.Is(err, tgbot.ErrorForbidden) ||
		!strings.Contains(err.Error(), "blocked by the user") {
		t.Fatalf("blocked chat: err = %v", err)
	}
	s.Forget(44)
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 44, Text: "x"}); !errors.Is(err, tgbot.ErrorBadRequest) ||
		!strings.Contains(err.Error(), "chat not found") {
		t.Fatalf("forgotten chat: err = %v", err)
	}
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 42, Text: strings.Repeat("😀", 2049)}); !errors.Is(err, tgbot.ErrorBadRequest) {
		t.Fatalf("4098 UTF-16 units: err = %v, want message is too long", err)
	}

	if ok, err := b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: "q1"}); !ok || err != nil {
		t.Fatalf("AnswerCallbackQuery = %v, %v", ok, err)
	}
	if c := s.Calls("answerCallbackQuery"); len(c) != 1 || c[0].CallbackQueryID != "q1" {
		t.Fatalf("answerCallbackQuery recorded %+v", c)
	}

	if _, err := b.SetWebhook(ctx, &tgbot.SetWebhookParams{URL: "https://example.org/hook", SecretToken: "sec", AllowedUpdates: []string{"message"}}); err != nil {
		t.Fatal(err)
	}
	if w := s.Webhook(); w.URL != "https://example.org/hook" || w.SecretToken != "sec" || len(w.AllowedUpdates) != 1 {
		t.Fatalf("Webhook() = %+v", w)
	}
	if a := post(t, s, "getUpdates", map[string]any{"timeout": 0}, false); a.ErrorCode != 409 {
		t.Fatalf("getUpdates with a webhook set: %+v, want 409", a)
	}
	if _, err := b.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil || s.Webhook().URL != "" {
		t.Fatalf("DeleteWebhook: %v, webhook %+v", err, s.Webhook())
	}
	if ok, err := b.DeleteMessage(ctx, &tgbot.DeleteMessageParams{ChatID: 42, MessageID: hello.ID}); !ok || err != nil {
		t.Fatalf("DeleteMessage = %v, %v", ok, err)
	}

	s.Revoke(telegramtest.Token)
	if _, err := b.GetMe(ctx); !errors.Is(err, tgbot.ErrorUnauthorized) {
		t.Fatalf("revoked token: err = %v, want unauthorized", err)
	}
	if a := post(t, s, "sendMessage", map[string]any{"chat_id": 42, "text": "x"}, false); a.ErrorCode != 401 {
		t.Fatalf("revoked token, JSON call: %+v", a)
	}
}

func TestRateLimit(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	s := telegramtest.NewServer(t, telegramtest.WithRateLimit(2), telegramtest.WithClock(clock))

	send := func(chat int64) answer {
		return post(t, s, "sendMessage", map[string]any{"chat_id": chat, "text": "hi"}, false)
	}
	steps := []struct {
		name       string
		advance    time.Duration
		chat       int64
		retryAfter int // 0: must succeed
	}{
		{"first message", 0, 1, 0},
		{"other chat", 0, 2, 0},
		{"over the overall limit", 0, 3, 1},
		{"same chat within a second", 500 * time.Millisecond, 1, 1},
		{"window moved on", 600 * time.Millisecond, 3, 0},
		{"chat 1 after a second", 0, 1, 0},
		{"overall limit again", 0, 2, 1},
	}
	for _, st := range steps {
		advance(st.advance)
		a := send(st.chat)
		switch {
		case st.retryAfter == 0 && !a.OK:
			t.Fatalf("%s: refused: %+v", st.name, a)
		case st.retryAfter > 0 && (a.ErrorCode != 429 || a.Parameters.RetryAfter != st.retryAfter):
			t.Fatalf("%s: got %+v, want 429 retry_after %d", st.name, a, st.retryAfter)
		}
	}
	if n := len(s.Calls("sendMessage")); n != len(steps) {
		t.Fatalf("recorded %d calls, want %d (refused ones too)", n, len(steps))
	}
}

func TestUnknownMethod(t *testing.T) {
	s := telegramtest.NewServer(t)
	if a := post(t, s, "sendPigeon", map[string]any{}, false); a.ErrorCode != 404 {
		t.Fatalf("got %+v, want 404", a)
	}
}

// TestOverlappingPolls: like Telegram, a second getUpdates of the same token
// ends the one in progress with 409, and the server counts the overlap.
func TestOverlappingPolls(t *testing.T) {
	s := telegramtest.NewServer(t, telegramtest.WithPollWait(time.Minute))
	first := make(chan answer, 1)
	go func() {
		a, _ := call(s, "getUpdates", map[string]any{"timeout": 50}, false)
		first <- a
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Waiting, not only recorded: else the second may arrive first.
	if err := s.WaitUntil(ctx, func() bool { return s.LongPolls() == 1 }); err != nil {
		t.Fatal(err)
	}
	second := make(chan answer, 1)
	go func() {
		a, _ := call(s, "getUpdates", map[string]any{"timeout": 50}, false)
		second <- a
	}()
	select {
	case a := <-first:
		if a.ErrorCode != 409 || !strings.Contains(a.Description, "terminated by other getUpdates request") {
			t.Fatalf("first poll ended with %+v, want 409 terminated by other getUpdates request", a)
		}
	case <-ctx.Done():
		t.Fatal("the first poll was not ended by the second")
	}
	if n := s.Overlaps(); n != 1 {
		t.Errorf("Overlaps() = %d, want 1", n)
	}
	s.AddUpdates(telegramtest.Text(1, 1, "hi"))
	if a := <-second; !a.OK {
		t.Errorf("second poll: %+v", a)
	}
	// A poll after the other ended is no overlap.
	if a := post(t, s, "getUpdates", map[string]any{"timeout": 0}, false); !a.OK || s.Overlaps() != 1 {
		t.Errorf("sequential poll: %+v, Overlaps() = %d", a, s.Overlaps())
	}
}

// TestOutage: FailFor fails every call of a method for a while on the
// server's clock, or until Heal; Heal also undoes Revoke. Calls carry
// their client's User-Agent.
func TestOutage(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	s := telegramtest.NewServer(t, telegramtest.WithClock(clock))
	get := func() answer { return post(t, s, "getUpdates", map[string]any{"timeout": 0}, false) }

	s.FailFor("getUpdates", 401, "Unauthorized", 3*time.Second)
	if a := get(); a.ErrorCode != 401 {
		t.Fatalf("during the outage: %+v", a)
	}
	if a := post(t, s, "getMe", nil, false); !a.OK {
		t.Fatalf("other methods fail too: %+v", a)
	}
	advance(3 * time.Second)
	if a := get(); !a.OK {
		t.Fatalf("after the outage: %+v", a)
	}

	s.FailFor("", 502, "Bad Gateway", 0)
	if a := post(t, s, "getMe", nil, false); a.ErrorCode != 502 {
		t.Fatalf("outage of every method: %+v", a)
	}
	advance(time.Hour)
	if a := get(); a.ErrorCode != 502 {
		t.Fatalf("an outage without duration ended by itself: %+v", a)
	}
	s.Revoke(telegramtest.Token)
	s.Heal()
	if a := get(); !a.OK {
		t.Fatalf("after Heal: %+v", a)
	}
	for _, c := range s.Calls("getUpdates") {
		if !strings.HasPrefix(c.Client, "Go-http-client") {
			t.Errorf("Client = %q, want the User-Agent", c.Client)
		}
	}
}

// TestAnsweredMessageCarriesItsID: a test that waits for a message and
// then reads its id (to check that it was deleted, say) must never see it
// answered without the id it was given. The answer and the id were once
// recorded under two locks, and a waiter woken by the first read
// MessageID 0 (handoff's TestDeleteMyDataTakesTheChatBack: "message 0 is
// still in the chat"). Every message is read as soon as the waiter can
// see it, by each way a test reads messages.
func TestAnsweredMessageCarriesItsID(t *testing.T) {
	const (
		chat  = 77
		sends = 100
	)
	readers := []struct {
		name string
		read func(ctx context.Context, s *telegramtest.Server, n int) ([]telegramtest.Call, error)
	}{
		{"Messages", func(ctx context.Context, s *telegramtest.Server, n int) ([]telegramtest.Call, error) {
			var got []telegramtest.Call
			err := s.WaitUntil(ctx, func() bool { got = s.Messages(chat); return len(got) >= n })
			return got, err
		}},
		{"WaitAnswered", func(ctx context.Context, s *telegramtest.Server, n int) ([]telegramtest.Call, error) {
			return s.WaitAnswered(ctx, "sendMessage", n)
		}},
	}
	for _, r := range readers {
		t.Run(r.name, func(t *testing.T) {
			s := telegramtest.NewServer(t)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			ids := make(chan int, sends)
			sendErr := make(chan error, 1)
			go func() {
				defer close(ids)
				for i := range sends {
					a, err := call(s, "sendMessage", map[string]any{"chat_id": chat, "text": fmt.Sprint("m", i)}, false)
					if err == nil && !a.OK {
						err = fmt.Errorf("sendMessage %d: %d %s", i, a.ErrorCode, a.Description)
					}
					if err != nil {
						sendErr <- err
						return
					}
					var m struct {
						MessageID int `json:"message_id"`
					}
					if err := json.Unmarshal(a.Result, &m); err != nil {
						sendErr <- err
						return
					}
					ids <- m.MessageID
				}
			}()
			for n := 1; n <= sends; n++ {
				got, err := r.read(ctx, s, n)
				if err != nil {
					t.Fatalf("waiting for message %d: %v", n, err)
				}
				if got[n-1].MessageID == 0 {
					t.Fatalf("message %d (%q) is answered %d without its id", n, got[n-1].Text, got[n-1].Code)
				}
			}
			var given []int
			for id := range ids {
				given = append(given, id)
			}
			select {
			case err := <-sendErr:
				t.Fatal(err)
			default:
			}
			var recorded []int
			for _, c := range s.Messages(chat) {
				recorded = append(recorded, c.MessageID)
			}
			if fmt.Sprint(recorded) != fmt.Sprint(given) {
				t.Errorf("recorded ids %v, the client was given %v", recorded, given)
			}
		})
	}
}
