package dispatch_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"frontdoor/bot/dispatch"
	"frontdoor/internal/logbuf"
	"frontdoor/store/storetest"
)

// A done or commitDone that hands a contact back (a fair share handled)
// and whose reply is lost runs again (go-redis sends it again): the second
// run finds the lock gone, deleted by the first. It is no lost hold, and
// the signal the first run's reply asked for is the worker's to push: left
// to the janitor, the contact's next message waited a lease (an hour
// here: never, for the test).
func TestHandBackWithALostReply(t *testing.T) {
	for _, tc := range []struct{ name, text, mark string }{
		// done's contact and flags: delivered ("o"), handed back ("b").
		{"done", "m", "\r\n$%d\r\n%s\r\n$2\r\nob\r\n"},
		// commitDone's handBack ("1") and contact.
		{"commitDone", "silent", "\r\n$1\r\n1\r\n$%d\r\n%s\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			lost := storetest.NewReplyLoss(io.EOF)
			rdb := storetest.ClientDialing(t, lost.Dialer)
			ctx := context.Background()
			if err := dispatch.LoadScripts(ctx, rdb); err != nil {
				t.Fatal(err)
			}
			var logs logbuf.Buffer
			d := f.dispatcher(rdb, dispatch.Options{Lease: time.Hour,
				Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))})
			c := msg("hb", "", "").Contact
			// A fair share (4) and one more, which waits for the signal.
			var want []string
			for i := range 5 {
				text := tc.text
				if i == 4 {
					text = "turns"
				}
				if ok, err := d.Accept(ctx, msg("hb", fmt.Sprint(i), text)); !ok || err != nil {
					t.Fatalf("accept %d: %v %v", i, ok, err)
				}
				if text != "silent" {
					want = append(want, "echo:"+text)
				}
			}
			want[len(want)-1] = "turns:4"
			lost.Arm(fmt.Sprintf(tc.mark, len(c.Key()), c.Key()))
			start(t, d)
			deadline := time.Now().Add(20 * time.Second)
			for len(f.out.replies(c)) < len(want) && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if lost.Armed() {
				t.Fatal("no reply was lost: the test tested nothing")
			}
			if got := f.out.replies(c); !slices.Equal(got, want) {
				t.Errorf("replies = %q, want %q", got, want)
			}
			if l := logs.String(); strings.Contains(l, "lost the hold") {
				t.Errorf("logged a lost hold:\n%s", l)
			}
		})
	}
}
