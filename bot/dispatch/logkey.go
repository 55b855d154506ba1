package dispatch

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"regexp"
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
	out := slog.NewRecord(r.Time, r.Level, k.rekey(r.Message), r.PC)
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
	v := a.Value.Resolve()
	if a.Key != "contact" {
		// Errors and library lines quote contacts too ("send to
		// whatsapp:3f…: ..."): those pseudonyms get the same keyed form.
		switch v.Kind() {
		case slog.KindString, slog.KindAny:
			if s := v.String(); embedded.MatchString(s) {
				return slog.String(a.Key, k.rekey(s))
			}
		}
		return a
	}
	channel, id, ok := strings.Cut(v.String(), ":")
	if !ok {
		channel, id = "", v.String()
	}
	return slog.String(a.Key, channel+":"+k.hash(id))
}

// embedded finds unkeyed pseudonyms inside text: "channel:" + Pseudonym as
// Contact.String writes them, and the "~" and "+" forms of the WhatsApp
// library's redacted lines.
var embedded = regexp.MustCompile(`\b(telegram|whatsapp|webchat|test):([0-9a-f]{12})\b|([~+])([0-9a-f]{12})\b`)

func (k keyedLogs) rekey(s string) string {
	if !embedded.MatchString(s) {
		return s
	}
	return embedded.ReplaceAllStringFunc(s, func(m string) string {
		sub := embedded.FindStringSubmatch(m)
		if sub[1] != "" {
			return sub[1] + ":" + k.hash(sub[2])
		}
		return sub[3] + k.hash(sub[4])
	})
}

func (k keyedLogs) hash(id string) string {
	m := hmac.New(sha256.New, k.key)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil))[:12]
}
