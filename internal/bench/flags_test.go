package bench

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
)

// Every bench reads its flags through one flag set: a count below 1 is
// refused naming each such flag before anything runs, and the help lists
// the flags the bench shares with the others of its kind.
func TestBenchFlags(t *testing.T) {
	noEnv := func(string) string { return "" }
	for _, tt := range []struct {
		args []string
		want string // in the error; "" for -help
		help []string
	}{
		{[]string{"pipeline", "--contacts", "0", "--workers", "0"}, "bench pipeline: --contacts, --workers must be at least 1", nil},
		{[]string{"handoff", "--cases", "-1"}, "bench handoff: --cases must be at least 1", nil},
		{[]string{"booking", "--slots", "0"}, "bench booking: --slots must be at least 1", nil},
		{[]string{"broadcast", "--limit", "0"}, "bench broadcast: --limit must be at least 1", nil},
		{[]string{"telegram", "--rounds", "0", "--messages", "0"}, "bench telegram: --messages, --rounds must be at least 1", nil},
		{[]string{"webchat", "--messages", "5", "--contacts", "10"}, "bench webchat: --messages must be at least --contacts", nil},
		{[]string{"handoff", "-help"}, "", []string{"-redis-addrs", "-redis-master", "-operators"}},
		{[]string{"webchat", "-help"}, "", []string{"-messages", "-contacts", "-rounds", "-texts", "-timeout", "-redis", "-embedded"}},
		{[]string{"telegram", "-help"}, "", []string{"-embedded", "Redis commands are not counted"}},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out bytes.Buffer
			err := Run(context.Background(), tt.args, Env{Stdout: &out, Getenv: noEnv})
			if tt.want == "" {
				if !errors.Is(err, flag.ErrHelp) {
					t.Fatalf("err = %v, want flag.ErrHelp", err)
				}
				for _, h := range tt.help {
					if !strings.Contains(out.String(), h) {
						t.Errorf("help lacks %q:\n%s", h, out.String())
					}
				}
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
