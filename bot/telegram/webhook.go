package telegram

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/go-telegram/bot/models"
)

// Handler is the webhook endpoint, to be mounted at WebhookPath. It answers
// 200 only once the update is recorded, so that Telegram redelivers whatever
// could not be: 401 for a wrong secret, 400 for a body that is not JSON, 500
// when the inbox fails, 503 while Run is not running. It does not use the
// library's WebhookHandler, which answers 200 before (and whether or not)
// the update is handled.
func (c *Channel) Handler() http.Handler {
	return http.HandlerFunc(c.serveWebhook)
}

func (c *Channel) serveWebhook(w http.ResponseWriter, r *http.Request) {
	if c.webhookPath == "" {
		http.Error(w, "telegram webhook not configured", http.StatusNotFound)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	got := r.Header.Get(secretHeader)
	if subtle.ConstantTimeCompare([]byte(got), []byte(c.secret)) != 1 {
		c.log.Warn("telegram: webhook request with a wrong or missing secret token refused")
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	in := c.currentInbox()
	if in == nil {
		w.Header().Set("Retry-After", "5")
		http.Error(w, "not running", http.StatusServiceUnavailable)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "update too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	if !json.Valid(body) {
		http.Error(w, "malformed JSON", http.StatusBadRequest)
		return
	}
	var u models.Update
	if err := json.Unmarshal(body, &u); err != nil {
		// Valid JSON the library cannot map: an error status would make
		// Telegram retry it and hold back later updates, so it is skipped,
		// as in polling.
		c.log.Warn("telegram: skipping an update the library cannot decode", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	msg, why, ok := toMessage(&u, c.now())
	if !ok {
		c.log.Debug("telegram: update ignored", "update", u.ID, "reason", why)
		w.WriteHeader(http.StatusOK)
		return
	}
	fresh, kept, err := acceptOne(r.Context(), in, msg)
	if err != nil {
		c.log.Warn("telegram: recording a webhook update failed; Telegram will redeliver it",
			"contact", msg.Contact.String(), "err", err)
		http.Error(w, "cannot record update", http.StatusInternalServerError)
		return
	}
	c.log.Debug("telegram: update recorded", "update", u.ID, "contact", msg.Contact.String(), "duplicate", !fresh)
	if fresh && !kept {
		c.remember(r.Context(), msg)
	}
	if u.CallbackQuery != nil {
		c.answer(r.Context(), u.CallbackQuery.ID)
	}
	w.WriteHeader(http.StatusOK)
}
