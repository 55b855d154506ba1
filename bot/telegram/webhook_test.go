package telegram

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"frontdoor/bot"
	tt "frontdoor/bot/telegram/telegramtest"
)

const (
	hookURL    = "https://bot.example.org/telegram/hook"
	hookSecret = "s3cret-Token_1"
)

func webhookChannel(t *testing.T, srv *tt.Server) *Channel {
	return newChannel(t, srv, func(c *Config) {
		c.WebhookURL = hookURL
		c.WebhookSecret = hookSecret
	})
}

func serve(c *Channel, r *http.Request) int {
	w := httptest.NewRecorder()
	c.Handler().ServeHTTP(w, r)
	return w.Code
}

func TestWebhook(t *testing.T) {
	srv := tt.NewServer(t)
	c := webhookChannel(t, srv)
	if c.WebhookPath() != "/telegram/hook" {
		t.Fatalf("WebhookPath() = %q", c.WebhookPath())
	}
	in := newInbox()
	failing := false
	in.setHook(func(context.Context, bot.Message, int) error {
		if failing {
			return errors.New("redis: connection refused")
		}
		return nil
	})

	// Before Run, Telegram is told to come back later.
	if code := serve(c, tt.NewWebhookRequest(hookURL, tt.Text(1, 1, "early"), hookSecret)); code != http.StatusServiceUnavailable {
		t.Fatalf("before Run: %d, want 503", code)
	}

	stop := start(t, c, in)
	waitStatus(t, c, StatusWebhook)
	if w := srv.Webhook(); w.URL != hookURL || w.SecretToken != hookSecret ||
		!slices.Equal(w.AllowedUpdates, []string{"message", "callback_query"}) {
		t.Fatalf("setWebhook got %+v", w)
	}
	if len(srv.Calls("getUpdates")) != 0 || len(srv.Calls("deleteWebhook")) != 0 {
		t.Error("webhook mode must not poll or delete the webhook")
	}

	malformed := tt.NewWebhookRequest(hookURL, tt.Text(1, 2, "x"), hookSecret)
	malformed.Body = http.NoBody
	get := tt.NewWebhookRequest(hookURL, tt.Text(1, 2, "x"), hookSecret)
	get.Method = http.MethodGet
	broken := httptestRequest(`{"update_id": 5, "message": {`)

	steps := []struct {
		name     string
		req      *http.Request
		failing  bool
		want     int
		recorded []string // inbox after the step
	}{
		{"missing secret", tt.NewWebhookRequest(hookURL, tt.Text(1, 2, "x"), ""), false, 401, nil},
		{"wrong secret", tt.NewWebhookRequest(hookURL, tt.Text(1, 2, "x"), hookSecret+"x"), false, 401, nil},
		{"secret prefix", tt.NewWebhookRequest(hookURL, tt.Text(1, 2, "x"), hookSecret[:5]), false, 401, nil},
		{"GET", get, false, 405, nil},
		{"empty body", malformed, false, 400, nil},
		{"malformed JSON", broken, false, 400, nil},
		{"text message", tt.NewWebhookRequest(hookURL, tt.Text(1, 2, "hello"), hookSecret), false, 200, []string{"1/m2"}},
		{"redelivery is fine", tt.NewWebhookRequest(hookURL, tt.Text(1, 2, "hello"), hookSecret), false, 200, []string{"1/m2"}},
		{"group message ignored", tt.NewWebhookRequest(hookURL, tt.Text(1, 3, "hi").InGroup(), hookSecret), false, 200, []string{"1/m2"}},
		{"inbox failing", tt.NewWebhookRequest(hookURL, tt.Text(1, 4, "lost?"), hookSecret), true, 500, []string{"1/m2"}},
		{"redelivered after the failure", tt.NewWebhookRequest(hookURL, tt.Text(1, 4, "lost?"), hookSecret), false, 200, []string{"1/m2", "1/m4"}},
		{"callback query", tt.NewWebhookRequest(hookURL, tt.Callback(1, "q-9", "yes"), hookSecret), false, 200, []string{"1/m2", "1/m4", "1/cq-9"}},
	}
	for _, st := range steps {
		in.mu.Lock()
		failing = st.failing
		in.mu.Unlock()
		if code := serve(c, st.req); code != st.want {
			t.Errorf("%s: status %d, want %d", st.name, code, st.want)
		}
		if got := in.ids(); !slices.Equal(got, st.recorded) {
			t.Errorf("%s: inbox %v, want %v", st.name, got, st.recorded)
		}
	}
	if a := srv.Calls("answerCallbackQuery"); len(a) != 1 || a[0].CallbackQueryID != "q-9" {
		t.Errorf("answerCallbackQuery calls %+v", a)
	}

	if err := stop(); err != nil {
		t.Fatalf("Run = %v", err)
	}
	if c.Status() != StatusStopped {
		t.Errorf("Status() = %q", c.Status())
	}
	if code := serve(c, tt.NewWebhookRequest(hookURL, tt.Text(1, 5, "late"), hookSecret)); code != http.StatusServiceUnavailable {
		t.Errorf("after Run: %d, want 503", code)
	}
}

func httptestRequest(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, hookURL, strings.NewReader(body))
	r.Header.Set(secretHeader, hookSecret)
	return r
}

func TestWebhookHandlerInPollingMode(t *testing.T) {
	c := newChannel(t, tt.NewServer(t), nil)
	if code := serve(c, tt.NewWebhookRequest(hookURL, tt.Text(1, 1, "x"), "")); code != http.StatusNotFound {
		t.Errorf("status %d, want 404", code)
	}
}

func TestWebhookRefused(t *testing.T) {
	srv := tt.NewServer(t)
	srv.FailNext("setWebhook", 1, 400, "Bad Request: bad webhook: Failed to resolve host", 0)
	c := webhookChannel(t, srv)
	err := c.Run(waitCtx(t), newInbox())
	if err == nil || !strings.Contains(err.Error(), "setWebhook") {
		t.Fatalf("Run = %v, want an error about setWebhook", err)
	}
	if !strings.HasPrefix(c.Status(), "error: setWebhook") {
		t.Errorf("Status() = %q", c.Status())
	}
}
