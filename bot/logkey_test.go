package bot_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"frontdoor/bot"
)

func TestKeyedLogsHideContacts(t *testing.T) {
	c := bot.Contact{Channel: "whatsapp", ID: "393331234567@s.whatsapp.net"}
	line := func(key string) string {
		var b bytes.Buffer
		log := slog.New(bot.KeyedLogs(slog.NewTextHandler(&b, nil), []byte(key)))
		log.With("contact", c.String()).Info("one", "other", "kept")
		log.Info("two", "contact", c.String())
		return b.String()
	}
	a, b := line("key-a"), line("key-b")
	plain := c.String()
	for _, out := range []string{a, b} {
		if strings.Contains(out, plain) || strings.Contains(out, "3933312") {
			t.Fatalf("the unkeyed pseudonym or the number is in the log: %s", out)
		}
		if !strings.Contains(out, "other=kept") || !strings.Contains(out, "contact=whatsapp:") {
			t.Fatalf("other attributes changed: %s", out)
		}
	}
	pseudo := func(out string) []string {
		var got []string
		for _, f := range strings.Fields(out) {
			if strings.HasPrefix(f, "contact=") {
				got = append(got, f)
			}
		}
		return got
	}
	pa, pb := pseudo(a), pseudo(b)
	if len(pa) != 2 || pa[0] != pa[1] {
		t.Fatalf("one contact must get one pseudonym in a log: %v", pa)
	}
	if pa[0] == pb[0] {
		t.Fatal("two keys gave the same pseudonym")
	}
}
