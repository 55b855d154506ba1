package dispatch_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// A done or commitDone that hands a contact back (a fair share handled)
// and whose reply is lost runs again (go-redis sends it again): the second
// run finds the lock gone, deleted by the first. It is no lost hold, and
// the signal the first run's reply asked for is the worker's to push: left
// to the janitor, the contact's next message waited a lease (an hour
// here: never, for the test).
func TestHandBackWithALostReply(t *testing.T) {
	for _, tc := range []struct{ name, text, mark string }{
		{"done", "m", doneHandsBack},
		{"commitDone", "silent", commitDoneHandsBack},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			lr := newLostReply(t, f)
			ctx := context.Background()
			c := msg("hb", "", "").Contact
			// A fair share (4) and one more, which waits for the signal.
			var want []string
			for i := range 5 {
				text := tc.text
				if i == 4 {
					text = "turns"
				}
				if ok, err := lr.d.Accept(ctx, msg("hb", fmt.Sprint(i), text)); !ok || err != nil {
					t.Fatalf("accept %d: %v %v", i, ok, err)
				}
				if text != "silent" {
					want = append(want, "echo:"+text)
				}
			}
			want[len(want)-1] = "turns:4"
			if got := lr.handBack(t, c, tc.mark, len(want)); !slices.Equal(got, want) {
				t.Errorf("replies = %q, want %q", got, want)
			}
		})
	}
}
