package dispatch_test

import (
	"context"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// MemoryUsage counts what the dispatcher keeps of a contact: something
// once they have written, nothing after they asked to be forgotten or for
// someone who never wrote.
func TestMemoryUsage(t *testing.T) {
	f := newFixture(t)
	d := f.dispatcher(f.rdb, dispatch.Options{})
	start(t, d)
	ctx := context.Background()
	c := bot.Contact{Channel: "test", ID: "7"}
	usage := func() int64 {
		t.Helper()
		n, err := d.MemoryUsage(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := usage(); n != 0 {
		t.Errorf("before any message: %d bytes, want 0", n)
	}
	d.Accept(ctx, msg("7", "m1", "hello"))
	waitFor(t, "the reply", func() bool { return len(f.out.replies(c)) == 1 })
	if n := usage(); n <= 0 {
		t.Errorf("after a message: %d bytes, want some", n)
	}
	d.Accept(ctx, msg("7", "m2", "erase"))
	waitFor(t, "the erasure", func() bool { return usage() == 0 })
}
