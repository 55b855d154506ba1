package dispatch_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// TestDirectIsGuardedAndCounted: what is sent at once (a campaign) goes to
// the contact's channel through the guard and shows in the dispatcher's
// metrics: delivered in Out, a blocked person in Undelivered (and marked,
// so that nothing tries them again until they write), a refusal and a
// failure in Errors; a channel that is not there is refused.
func TestDirectIsGuardedAndCounted(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := dispatch.NewMetrics(nil)
	d := f.dispatcher(f.rdb, dispatch.Options{})
	start(t, d)
	// The blocked person wrote once, so that the mark has a state to go in.
	d.Accept(ctx, msg("2", "m1", "hi"))
	waitFor(t, "the answer", func() bool { return f.out.total() == 1 })
	var blockedTries atomic.Int64
	f.out.fail = func(c bot.Contact, r bot.Reply) error {
		switch c.ID {
		case "2":
			blockedTries.Add(1)
			return fmt.Errorf("fake: %w: blocked", bot.ErrUnreachable)
		case "3":
			return fmt.Errorf("fake: %w: bad markup", bot.ErrRejected)
		case "4":
			return errors.New("fake: 502 bad gateway")
		}
		return nil
	}
	direct := dispatch.NewDirect(f.rdb, f.keys, map[string]bot.Sender{"test": f.out}, m, nil)
	send := func(id string) error {
		return direct.Send(ctx, msg(id, "", "").Contact, bot.Reply{Text: "notice"})
	}

	if got := direct.Channels(); !slices.Equal(got, []string{"test"}) {
		t.Fatalf("channels %v, want [test]", got)
	}
	if err := send("1"); err != nil {
		t.Fatalf("delivered: %v", err)
	}
	if err := send("2"); !errors.Is(err, bot.ErrUnreachable) {
		t.Fatalf("blocked: %v", err)
	}
	if u, err := d.Unreachable(ctx, msg("2", "", "").Contact); !u || err != nil {
		t.Fatalf("the blocked person is not marked: %v %v", u, err)
	}
	if err := send("2"); !errors.Is(err, bot.ErrUnreachable) || blockedTries.Load() != 1 {
		t.Fatalf("a marked person was tried again (%d tries, %v)", blockedTries.Load(), err)
	}
	if err := send("3"); !errors.Is(err, bot.ErrRejected) {
		t.Fatalf("refused: %v", err)
	}
	if err := send("4"); err == nil || errors.Is(err, bot.ErrRejected) {
		t.Fatalf("failed: %v", err)
	}
	if err := direct.Send(ctx, bot.Contact{Channel: "gone", ID: "1"}, bot.Reply{Text: "notice"}); !errors.Is(err, bot.ErrRejected) {
		t.Fatalf("no such channel: %v", err)
	}
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		{"out", value(t, m.Out.WithLabelValues("test")), 1},
		{"undelivered blocked", value(t, m.Undelivered.WithLabelValues("test", string(dispatch.FailBlocked))), 2},
		{"undelivered rejected", value(t, m.Undelivered.WithLabelValues("test", string(dispatch.FailRejected))), 1},
		{"send errors", value(t, m.Errors.WithLabelValues("test", "send")), 2},
		{"no channel", value(t, m.Undelivered.WithLabelValues("gone", string(dispatch.FailNoChannel))), 1},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// value is a counter's value.
func value(t *testing.T, c prometheus.Counter) float64 {
	t.Helper()
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		t.Fatal(err)
	}
	return m.GetCounter().GetValue()
}
