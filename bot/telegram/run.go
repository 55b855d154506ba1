package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"frontdoor/bot"
)

// allowedUpdates are the update kinds Frontdoor asks Telegram for; anything
// else would only be ignored.
func allowedUpdates() []string {
	return []string{models.AllowedUpdateMessage, models.AllowedUpdateCallbackQuery}
}

// Run checks the token (getMe), then receives updates until ctx is
// cancelled: in webhook mode it registers the webhook and leaves the work to
// Handler, otherwise it long-polls (with Config.Lease: only while this
// process holds the lease, standing by otherwise). Every update is recorded
// with in.Accept before Telegram is told to forget it. Failed calls are
// retried, with growing waits, for as long as Run runs, and reported by
// Status: a revoked token that is restored, or an API that answers 401 for
// a few seconds, must not leave people unanswered until a restart. Run
// returns nil on a clean stop and an error only when it cannot go on (a
// webhook Telegram refuses).
func (c *Channel) Run(ctx context.Context, in bot.Inbox) error {
	if in == nil {
		return errors.New("telegram: Run needs an inbox")
	}
	c.mu.Lock()
	if c.running {
		c.mu.Unlock()
		return errors.New("telegram: Run is already running")
	}
	c.running, c.inbox, c.status = true, in, StatusStarting
	c.mu.Unlock()

	err := c.run(ctx, in)
	if err != nil && ctx.Err() != nil {
		// Cancelled while starting or retrying: that is a clean stop.
		err = nil
	}

	c.mu.Lock()
	c.running, c.inbox = false, nil
	if err == nil {
		c.status = StatusStopped
	} else if !strings.HasPrefix(c.status, "error: ") {
		c.status = "error: stopped"
	}
	c.mu.Unlock()
	if err == nil {
		c.log.Info("telegram: stopped")
	}
	return err
}

func (c *Channel) run(ctx context.Context, in bot.Inbox) error {
	var me *models.User
	err := c.retryStartup(ctx, "getMe", func(ctx context.Context) error {
		var err error
		me, err = c.api.GetMe(ctx)
		return err
	})
	if err != nil {
		return err
	}
	if c.webhookURL != "" {
		err := c.retryStartup(ctx, "setWebhook", func(ctx context.Context) error {
			_, err := c.api.SetWebhook(ctx, &tgbot.SetWebhookParams{
				URL:            c.webhookURL,
				SecretToken:    c.secret,
				AllowedUpdates: allowedUpdates(),
			})
			return err
		})
		if err != nil {
			return err
		}
		c.setStatus(StatusWebhook)
		c.log.Info("telegram: receiving updates by webhook", "bot", me.Username, "path", c.webhookPath)
		<-ctx.Done()
		return nil
	}
	// A webhook left over from an earlier configuration would make every
	// getUpdates fail with 409. Pending updates are kept: they are people
	// waiting for an answer.
	err = c.retryStartup(ctx, "deleteWebhook", func(ctx context.Context) error {
		_, err := c.api.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{DropPendingUpdates: false})
		return err
	})
	if err != nil {
		return err
	}
	if c.lease != nil {
		c.log.Info("telegram: receiving updates by long polling while this instance holds the polling lease", "bot", me.Username)
		c.pollWithLease(ctx, in)
		return nil
	}
	c.setStatus(StatusPolling)
	c.log.Info("telegram: receiving updates by long polling", "bot", me.Username)
	if offset := c.poll(ctx, in); offset > 0 {
		c.confirm(ctx, offset)
	}
	return nil
}

// retryStartup calls call until it succeeds, retrying failures (network,
// 5xx, 429, and a refused token too) so that a desk whose connection or
// token is broken at boot comes up once it is fixed. A refused request
// (400, 403: a webhook URL Telegram will not call) ends Run: only the
// configuration can fix it.
func (c *Channel) retryStartup(ctx context.Context, method string, call func(context.Context) error) error {
	var f failing
	for {
		err := call(ctx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if errors.Is(err, tgbot.ErrorBadRequest) || errors.Is(err, tgbot.ErrorForbidden) {
			return c.fatal(method+" refused", fmt.Errorf("telegram: %s refused: %w", method, err))
		}
		if err := c.wait(ctx, c.fail(&f, method, err)); err != nil {
			return err
		}
	}
}

// fatal records reason in the status and returns err.
func (c *Channel) fatal(reason string, err error) error {
	c.setStatus("error: " + reason)
	c.log.Error("telegram: "+reason, "err", err)
	return err
}

// retryAfter extracts the wait a 429 asks for. The library's
// *TooManyRequestsError is not matched by errors.Is, only by errors.As.
func retryAfter(err error) (time.Duration, bool) {
	var tm *tgbot.TooManyRequestsError
	if !errors.As(err, &tm) {
		return 0, false
	}
	return max(time.Duration(tm.RetryAfter)*time.Second, time.Second), true
}

// poll is the long-polling loop; it runs until ctx ends and returns the
// offset that still has to be confirmed (0: none). The offset sent with
// getUpdates confirms every update below it, so it only moves past an
// update once Accept recorded it: a crash at any point leaves unrecorded
// updates with Telegram, which redelivers them to the next getUpdates.
//
// Every failure of getUpdates is retried with growing waits: 401 and 404
// too, which a fault of the API can give for a few seconds, and 409, which
// another program polling the same token gives.
func (c *Channel) poll(ctx context.Context, in bot.Inbox) (unconfirmed int64) {
	var (
		offset    int64 // next update id wanted
		confirmed int64 // offset Telegram has acknowledged
		f         failing
	)
	defer func() {
		if offset > confirmed {
			unconfirmed = offset
		}
	}()
	for ctx.Err() == nil {
		updates, err := c.getUpdates(ctx, offset, c.pollTimeout, 100)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			if c.wait(ctx, c.fail(&f, "getUpdates", err)) != nil {
				return
			}
			continue
		}
		confirmed = offset
		c.refusedSending(false) // the token works
		if c.recovered(&f, "getUpdates") {
			c.setStatus(StatusPolling)
		}
		n := c.handleBatch(ctx, in, updates)
		if n > 0 {
			offset = max(offset, updates[n-1].id+1)
		}
		if n < len(updates) {
			return // stopped before the rest was recorded: it stays with Telegram
		}
	}
	return
}

// confirm tells Telegram, on the way out, that the updates recorded since
// the last getUpdates are done, so a restart does not get them again (they
// would only be dropped as duplicates).
func (c *Channel) confirm(ctx context.Context, offset int64) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), confirmTimeout)
	defer cancel()
	if _, err := c.getUpdates(cctx, offset, 0, 1); err != nil {
		c.log.Debug("telegram: confirming the last offset failed; the next start gets duplicates", "err", err)
	}
}

// handleBatch records the updates of one getUpdates answer, in one round
// trip when the inbox can (bot.BatchInbox), and answers their callback
// queries. It returns how many of them, from the first, are recorded: all
// of them unless ctx ended first.
func (c *Channel) handleBatch(ctx context.Context, in bot.Inbox, updates []update) int {
	if ctx.Err() != nil {
		return 0
	}
	batch, ok := in.(bot.BatchInbox)
	if !ok {
		for i, u := range updates {
			if ctx.Err() != nil || !c.handle(ctx, in, u) {
				return i
			}
		}
		return len(updates)
	}
	var (
		msgs     []bot.Message
		trailIDs []string
		queries  []string
	)
	for _, u := range updates {
		if u.u == nil {
			continue
		}
		msg, why, ok := toMessage(u.u, c.now())
		if !ok {
			c.log.Debug("telegram: update ignored", "update", u.id, "reason", why)
			continue
		}
		msgs = append(msgs, msg)
		trailIDs = append(trailIDs, trailID(msg))
		if q := u.u.CallbackQuery; q != nil {
			queries = append(queries, q.ID)
		}
	}
	if len(msgs) == 0 {
		return len(updates)
	}
	fresh, err := c.acceptBatchRetry(ctx, batch, msgs, trailIDs)
	if err != nil {
		return 0
	}
	for i, msg := range msgs {
		c.log.Debug("telegram: update recorded", "contact", msg.Contact.String(), "duplicate", !fresh[i])
		if fresh[i] && !batch.KeepsTrail() {
			c.remember(ctx, msg)
		}
	}
	for _, q := range queries {
		c.answer(ctx, q)
	}
	return len(updates)
}

// acceptBatchRetry is acceptRetry for a batch: recording again what was
// recorded before a failure is safe, as redeliveries are dropped.
func (c *Channel) acceptBatchRetry(ctx context.Context, in bot.BatchInbox, msgs []bot.Message, trailIDs []string) ([]bool, error) {
	var backoff time.Duration
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), acceptTimeout)
		fresh, err := in.AcceptBatch(actx, msgs, trailIDs)
		cancel()
		if err == nil {
			if attempt > 1 {
				c.setStatus(StatusPolling)
				c.log.Info("telegram: recording works again", "attempts", attempt)
			}
			return fresh, nil
		}
		backoff = c.nextBackoff(backoff)
		c.setStatus("error: cannot record messages")
		c.log.Warn("telegram: recording messages failed; they stay unconfirmed and are retried",
			"messages", len(msgs), "attempt", attempt, "in", backoff, "err", err)
		if err := c.wait(ctx, backoff); err != nil {
			return nil, err
		}
	}
}

// handle records one update and answers a callback query. It returns false
// only when ctx ended before the update could be recorded.
func (c *Channel) handle(ctx context.Context, in bot.Inbox, u update) bool {
	if u.u == nil {
		return true
	}
	msg, why, ok := toMessage(u.u, c.now())
	if !ok {
		c.log.Debug("telegram: update ignored", "update", u.id, "reason", why)
		return true
	}
	fresh, kept, err := c.acceptRetry(ctx, in, msg)
	if err != nil {
		return false
	}
	c.log.Debug("telegram: update recorded", "update", u.id, "contact", msg.Contact.String(), "duplicate", !fresh)
	if fresh && !kept {
		c.remember(ctx, msg)
	}
	if q := u.u.CallbackQuery; q != nil {
		c.answer(ctx, q.ID)
	}
	return true
}

// acceptRetry records msg, retrying with backoff while the inbox fails
// (Redis down): dropping the message would lose a person's question. Each
// attempt runs detached from ctx so that a stop lets it finish; only the
// waits between attempts end with ctx.
func (c *Channel) acceptRetry(ctx context.Context, in bot.Inbox, msg bot.Message) (fresh, kept bool, err error) {
	var backoff time.Duration
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), acceptTimeout)
		fresh, kept, err := acceptOne(actx, in, msg)
		cancel()
		if err == nil {
			if attempt > 1 {
				c.setStatus(StatusPolling)
				c.log.Info("telegram: recording works again", "attempts", attempt)
			}
			return fresh, kept, nil
		}
		backoff = c.nextBackoff(backoff)
		c.setStatus("error: cannot record messages")
		c.log.Warn("telegram: recording a message failed; it stays unconfirmed and is retried",
			"contact", msg.Contact.String(), "attempt", attempt, "in", backoff, "err", err)
		if err := c.wait(ctx, backoff); err != nil {
			return false, false, err
		}
	}
}

// acceptOne records msg; kept is true when the inbox also kept its id in
// the trail (bot.BatchInbox), in the same round trip.
func acceptOne(ctx context.Context, in bot.Inbox, msg bot.Message) (fresh, kept bool, err error) {
	b, ok := in.(bot.BatchInbox)
	if !ok {
		fresh, err = in.Accept(ctx, msg)
		return fresh, false, err
	}
	f, err := b.AcceptBatch(ctx, []bot.Message{msg}, []string{trailID(msg)})
	if err != nil {
		return false, false, err
	}
	return f[0], b.KeepsTrail(), nil
}

// answer stops the spinner on the button the person pressed. Failure is
// harmless (Telegram stops it by itself after a while), so it is only
// logged; a redelivered query may already have been answered.
func (c *Channel) answer(ctx context.Context, queryID string) {
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), answerTimeout)
	defer cancel()
	if _, err := c.api.AnswerCallbackQuery(actx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: queryID}); err != nil {
		c.log.Debug("telegram: answerCallbackQuery failed", "err", err)
	}
}

// update is one update from getUpdates; u is nil when it could not be
// decoded (a shape newer than the library knows), so that it can be skipped
// instead of blocking the queue.
type update struct {
	id int64
	u  *models.Update
}

type getUpdatesParams struct {
	Offset         int64    `json:"offset,omitempty"`
	Limit          int      `json:"limit,omitempty"`
	Timeout        int      `json:"timeout"`
	AllowedUpdates []string `json:"allowed_updates"`
}

type apiResponse struct {
	OK          bool              `json:"ok"`
	Result      []json.RawMessage `json:"result"`
	ErrorCode   int               `json:"error_code"`
	Description string            `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// getUpdates calls the method directly: go-telegram/bot keeps it private to
// its own loop, which confirms offsets too early. Errors mirror the
// library's (its sentinel errors, *TooManyRequestsError) so that one
// classification serves both.
func (c *Channel) getUpdates(ctx context.Context, offset int64, timeout time.Duration, limit int) ([]update, error) {
	body, err := json.Marshal(getUpdatesParams{
		Offset:         offset,
		Limit:          limit,
		Timeout:        int(timeout / time.Second),
		AllowedUpdates: allowedUpdates(),
	})
	if err != nil {
		return nil, fmt.Errorf("getUpdates: encoding parameters: %w", err)
	}
	rctx, cancel := context.WithTimeout(ctx, timeout+httpSlack)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodPost, c.apiURL+"/bot"+c.token+"/getUpdates", bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("getUpdates: building request: %w", c.redact(err))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", c.redact(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("getUpdates: reading answer: %w", err)
	}
	var r apiResponse
	if err := json.Unmarshal(data, &r); err != nil {
		// The body is not quoted: it could hold people's messages.
		return nil, fmt.Errorf("getUpdates: HTTP %d without a Bot API answer: %w", resp.StatusCode, err)
	}
	if !r.OK {
		return nil, fmt.Errorf("getUpdates: %w", apiError(r.ErrorCode, r.Description, r.Parameters.RetryAfter))
	}
	out := make([]update, 0, len(r.Result))
	for _, raw := range r.Result {
		var u models.Update
		if err := json.Unmarshal(raw, &u); err != nil {
			var idOnly struct {
				ID int64 `json:"update_id"`
			}
			if json.Unmarshal(raw, &idOnly) != nil || idOnly.ID == 0 {
				return nil, fmt.Errorf("getUpdates: update without an id: %w", err)
			}
			c.log.Warn("telegram: skipping an update the library cannot decode", "update", idOnly.ID, "err", err)
			out = append(out, update{id: idOnly.ID})
			continue
		}
		out = append(out, update{id: u.ID, u: &u})
	}
	return out, nil
}

// apiError builds the error go-telegram/bot would return for this answer.
func apiError(code int, description string, retryAfter int) error {
	switch code {
	case http.StatusBadRequest:
		return fmt.Errorf("%w, %s", tgbot.ErrorBadRequest, description)
	case http.StatusUnauthorized:
		return fmt.Errorf("%w, %s", tgbot.ErrorUnauthorized, description)
	case http.StatusForbidden:
		return fmt.Errorf("%w, %s", tgbot.ErrorForbidden, description)
	case http.StatusNotFound:
		return fmt.Errorf("%w, %s", tgbot.ErrorNotFound, description)
	case http.StatusConflict:
		return fmt.Errorf("%w, %s", tgbot.ErrorConflict, description)
	case http.StatusTooManyRequests:
		return &tgbot.TooManyRequestsError{
			Message:    fmt.Sprintf("%s, %s", tgbot.ErrorTooManyRequests, description),
			RetryAfter: retryAfter,
		}
	}
	return fmt.Errorf("error response from telegram, %d %s", code, description)
}

// redact removes the token from a transport error, whose URL contains it.
func (c *Channel) redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = strings.ReplaceAll(ue.URL, c.token, "***")
	}
	return err
}
