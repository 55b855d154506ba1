package bot

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"strings"
)

// Pseudonym alone is a plain hash: for a phone number (a WhatsApp contact)
// it can be reversed by trying every number. KeyedLogs closes that: it
// re-hashes every "contact" attribute with a key of the installation, so
// log lines still correlate with each other but cannot be traced back to a
// person without the key.

// KeyedLogs wraps h so that the value of every attribute named "contact"
// ("channel:pseudonym") is replaced by a keyed hash.
func KeyedLogs(h slog.Handler, key []byte) slog.Handler {
	return keyedLogs{next: h, key: key}
}

type keyedLogs struct {
	next slog.Handler
	key  []byte
}

func (k keyedLogs) Enabled(ctx context.Context, l slog.Level) bool { return k.next.Enabled(ctx, l) }

func (k keyedLogs) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(k.attr(a))
		return true
	})
	return k.next.Handle(ctx, out)
}

func (k keyedLogs) WithAttrs(as []slog.Attr) slog.Handler {
	mapped := make([]slog.Attr, len(as))
	for i, a := range as {
		mapped[i] = k.attr(a)
	}
	return keyedLogs{next: k.next.WithAttrs(mapped), key: k.key}
}

func (k keyedLogs) WithGroup(name string) slog.Handler {
	return keyedLogs{next: k.next.WithGroup(name), key: k.key}
}

func (k keyedLogs) attr(a slog.Attr) slog.Attr {
	if a.Key != "contact" {
		return a
	}
	v := a.Value.Resolve().String()
	channel, id, ok := strings.Cut(v, ":")
	if !ok {
		channel, id = "", v
	}
	m := hmac.New(sha256.New, k.key)
	m.Write([]byte(id))
	return slog.String(a.Key, channel+":"+hex.EncodeToString(m.Sum(nil))[:12])
}
