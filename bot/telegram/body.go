package telegram

import (
	"bytes"
	"io"
	"net/http"
)

// wholeBodyMax is the largest request body wholeBody reads before sending:
// every call but an upload of a file.
const wholeBodyMax = 64 << 10

// wholeBody sends a request whose body the library writes into a pipe
// (multipart, field by field) as one body of known length. Streamed, each
// field went out as a chunk of its own, a write to the socket each: a
// reply with a keyboard cost ten or more system calls, more than the rest
// of sending it. A body larger than wholeBodyMax (a file) still streams.
type wholeBody struct{ next http.RoundTripper }

func (t wholeBody) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength > 0 {
		return t.next.RoundTrip(r)
	}
	var buf bytes.Buffer
	_, err := buf.ReadFrom(io.LimitReader(r.Body, wholeBodyMax+1))
	if err != nil {
		r.Body.Close()
		return nil, err
	}
	out := r.Clone(r.Context())
	if buf.Len() <= wholeBodyMax {
		r.Body.Close()
		b := buf.Bytes()
		out.Body, out.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
		out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
		return t.next.RoundTrip(out)
	}
	out.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(&buf, r.Body), r.Body}
	return t.next.RoundTrip(out)
}
