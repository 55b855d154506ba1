package telegram

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
)

// serverError is a 5xx answer of the Bot API. The library reads only the
// JSON body of an answer, which a proxy in front of the Bot API (a 502
// page) does not have: the status is read here, where the answer is still
// an HTTP response.
type serverError struct{ status int }

func (e *serverError) Error() string { return fmt.Sprintf("Bot API server error (%d)", e.status) }

// serverErrors turns an answer with a 5xx status into a *serverError, so
// that a send can tell "Telegram is in trouble, it took nothing" from a
// send whose outcome is unknown (see unavailable).
type serverErrors struct{ next http.RoundTripper }

func (t serverErrors) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(r)
	if err != nil || resp.StatusCode < 500 {
		return resp, err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	return nil, &serverError{status: resp.StatusCode}
}

// unavailable reports whether err says the Bot API took nothing: it
// answered 500 (its own failure) or 503 (it is not serving), or no
// connection could be made to it. A 502 or 504 comes from a gateway in
// front of it, and may come after Telegram took the message and before its
// answer got back, as may a timeout or a connection reset: those are no
// answer, and a message sent again could arrive twice (a campaign's notice
// twice), so they are not "unavailable". Another 5xx is no answer too.
func unavailable(err error) bool {
	if se := (*serverError)(nil); errors.As(err, &se) {
		return se.status == http.StatusInternalServerError || se.status == http.StatusServiceUnavailable
	}
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
