package dispatch_test

import (
	"context"
	"log/slog"
	"testing"

	"frontdoor/bot/dispatch"
	"frontdoor/store"
)

// The first run without configuration uses the embedded Redis: the
// dispatcher's scripts must work there too.
func TestDispatcherOnEmbeddedRedis(t *testing.T) {
	db, err := store.Open(context.Background(), store.Options{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	f := &fixture{rdb: db.Client, keys: store.NewKeys(""), h: &echo{t: t}, out: newRecorder()}
	d := f.dispatcher(db.Client, dispatch.Options{})
	start(t, d)
	ctx := context.Background()
	for i, text := range []string{"a", "b", "turns"} {
		if ok, err := d.Accept(ctx, msg("1", string(rune('x'+i)), text)); !ok || err != nil {
			t.Fatalf("accept: %v %v", ok, err)
		}
	}
	if ok, _ := d.Accept(ctx, msg("1", "x", "again")); ok {
		t.Fatal("duplicate accepted")
	}
	waitFor(t, "3 replies", func() bool { return f.out.total() == 3 })
	if got := f.out.replies(msg("1", "", "").Contact); got[2] != "turns:2" {
		t.Fatalf("replies = %q", got)
	}
}
