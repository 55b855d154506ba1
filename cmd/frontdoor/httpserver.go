package main

import (
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// httpServer builds a server with config.yaml's timeouts and limits
// (http.*). Without them, a client sending its headers or body slowly, or
// keeping a connection idle, held it as long as it liked.
func httpServer(cfg Config, h http.Handler, log *slog.Logger) *http.Server {
	c := cfg.HTTP
	return &http.Server{
		Handler:           streams(h, time.Duration(c.WriteTimeout)),
		ReadHeaderTimeout: time.Duration(c.ReadHeaderTimeout),
		ReadTimeout:       time.Duration(c.ReadTimeout),
		WriteTimeout:      time.Duration(c.WriteTimeout),
		IdleTimeout:       time.Duration(c.IdleTimeout),
		MaxHeaderBytes:    c.MaxHeaderBytes,
		// Timeouts and refused clients are the server doing its job:
		// visible when debugging, not noise at info.
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelDebug),
	}
}

// streams lets responses that are event streams (text/event-stream: the
// browser chat's replies, the console's live updates) outlive the server's
// timeouts, which would otherwise cancel them at ReadTimeout and cut them at
// WriteTimeout: for a stream, the read deadline is lifted and every write
// gets writeTimeout from its start. Other responses keep the server's
// deadlines; what counts is what the handler answers, so a client cannot
// claim a stream to escape them.
func streams(next http.Handler, writeTimeout time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&streamWriter{ResponseWriter: w, rc: http.NewResponseController(w), timeout: writeTimeout}, r)
	})
}

type streamWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
	decided bool
	stream  bool
}

// extend runs before anything reaches the client: by then the handler has
// set the Content-Type.
func (s *streamWriter) extend() {
	if !s.decided {
		s.decided = true
		s.stream = strings.HasPrefix(s.Header().Get("Content-Type"), "text/event-stream")
		if s.stream {
			// Errors only mean the connection cannot do it (HTTP/2
			// handles deadlines per stream differently); nothing to do.
			_ = s.rc.SetReadDeadline(time.Time{})
		}
	}
	if s.stream {
		_ = s.rc.SetWriteDeadline(time.Now().Add(s.timeout))
	}
}

func (s *streamWriter) WriteHeader(code int) {
	s.extend()
	s.ResponseWriter.WriteHeader(code)
}

func (s *streamWriter) Write(p []byte) (int, error) {
	s.extend()
	return s.ResponseWriter.Write(p)
}

// Flush keeps http.Flusher working for handlers that assert it.
func (s *streamWriter) Flush() {
	s.extend()
	_ = s.rc.Flush()
}

// Unwrap lets http.ResponseController reach the connection.
func (s *streamWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// bearer lets through only requests with "Authorization: Bearer <token>".
// Comparing hashes in constant time tells an attacker nothing of the token.
func bearer(token string, next http.Handler) http.Handler {
	want := sha256.Sum256([]byte("Bearer " + token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := sha256.Sum256([]byte(r.Header.Get("Authorization")))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "metrics need the header Authorization: Bearer <metrics.token>", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
