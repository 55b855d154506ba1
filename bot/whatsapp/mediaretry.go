package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waMmsRetry"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
)

// mediaRetryWait bounds the wait for the phone's answer to a media retry
// request (events.MediaRetry); the caller's context may end it sooner.
const mediaRetryWait = time.Minute

// errMediaGone means neither WhatsApp's servers nor the person's phone
// have the file any more.
var errMediaGone = errors.New("the file is no longer on WhatsApp's servers nor on the person's phone; ask them to send it again")

// gone reports whether a download failed because WhatsApp's servers
// dropped the file (404 or 410), which a media retry can mend.
func gone(err error) bool {
	return errors.Is(err, whatsmeow.ErrMediaDownloadFailedWith404) || errors.Is(err, whatsmeow.ErrMediaDownloadFailedWith410)
}

// mediaAgain asks the person's phone to upload the file of r again (a
// media retry receipt, as WhatsApp Web sends when it meets an expired
// file), waits for its answer, and downloads from where the phone put it.
func (c *Channel) mediaAgain(ctx context.Context, r mediaRef) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, mediaRetryWait)
	defer cancel()
	answer, done := c.awaitMediaRetry(r.info.ID)
	defer done()
	if err := c.client().SendMediaRetryReceipt(ctx, r.info, r.part.GetMediaKey()); err != nil {
		return nil, fmt.Errorf("asking the phone to upload the file again: %w", err)
	}
	var evt *events.MediaRetry
	select {
	case evt = <-answer:
	case <-ctx.Done():
		return nil, fmt.Errorf("the phone did not upload the file again in time (it may be offline): %w", ctx.Err())
	}
	notif, err := whatsmeow.DecryptMediaRetryNotification(evt, r.part.GetMediaKey())
	switch {
	case errors.Is(err, whatsmeow.ErrMediaNotAvailableOnPhone):
		return nil, errMediaGone
	case err != nil:
		return nil, fmt.Errorf("reading the phone's answer: %w", err)
	case notif.GetResult() != waMmsRetry.MediaRetryNotification_SUCCESS || notif.GetDirectPath() == "":
		return nil, fmt.Errorf("%w (%s)", errMediaGone, notif.GetResult())
	}
	r.setDirectPath(notif.GetDirectPath())
	return c.download(ctx, r.part)
}

// awaitMediaRetry registers a wait for the phone's answer about message
// id; done ends it.
func (c *Channel) awaitMediaRetry(id types.MessageID) (<-chan *events.MediaRetry, func()) {
	ch := make(chan *events.MediaRetry, 1)
	c.mu.Lock()
	if c.retries == nil {
		c.retries = map[types.MessageID]chan *events.MediaRetry{}
	}
	c.retries[id] = ch
	c.mu.Unlock()
	return ch, func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.retries[id] == ch {
			delete(c.retries, id)
		}
	}
}

// onMediaRetry passes the phone's answer to the download waiting for it.
func (c *Channel) onMediaRetry(evt *events.MediaRetry) {
	c.mu.Lock()
	ch := c.retries[evt.MessageID]
	c.mu.Unlock()
	if ch == nil {
		return
	}
	select {
	case ch <- evt:
	default:
	}
}
