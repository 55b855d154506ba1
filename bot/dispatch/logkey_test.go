package dispatch_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

func TestKeyedLogsHideContacts(t *testing.T) {
	c := bot.Contact{Channel: "whatsapp", ID: "393331234567@s.whatsapp.net"}
	line := func(key string) string {
		var b bytes.Buffer
		log := slog.New(dispatch.KeyedLogs(slog.NewTextHandler(&b, nil), []byte(key)))
		log.With("contact", c.String()).Info("one", "other", "kept")
		log.Info("two", "contact", c.String())
		log.Error("three", "err", fmt.Errorf("whatsapp: send to %s: refused", c))
		log.Warn("whatsmeow: from ~" + bot.Pseudonym(c.ID) + " and " + c.String())
		return b.String()
	}
	a, b := line("key-a"), line("key-b")
	plain := c.String()
	for _, out := range []string{a, b} {
		if strings.Contains(out, plain) || strings.Contains(out, "3933312") || strings.Contains(out, bot.Pseudonym(c.ID)) {
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
	// The same keyed pseudonym inside an error and a library line.
	keyed := strings.TrimPrefix(pa[0], "contact=whatsapp:")
	if n := strings.Count(a, keyed); n != 5 {
		t.Fatalf("the keyed pseudonym %s appears %d times, want 5 (2 attributes, 1 error, 2 in a library line):\n%s", keyed, n, a)
	}
	if pa[0] == pb[0] {
		t.Fatal("two keys gave the same pseudonym")
	}
}
