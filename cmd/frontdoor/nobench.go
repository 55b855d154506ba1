//go:build !bench

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
)

// benchHelp is the help of "frontdoor bench" in a binary built without
// the benchmarks, which is every binary built for use: they link fakes (a
// Bot API, a null channel) the server must not carry.
const benchHelp = `Usage: frontdoor bench pipeline|handoff|booking|broadcast|telegram|webchat [flags]

This frontdoor was built without the benchmarks. Build or run it with the
bench tag:

  go run -tags bench ./cmd/frontdoor bench pipeline --contacts 8 --messages 1000
  go run -tags bench ./cmd/frontdoor bench telegram --rounds 3
`

var errNoBench = errors.New("this binary was built without the benchmarks (go run -tags bench ./cmd/frontdoor bench ...)")

func benchCommand(_ context.Context, args []string, stdout io.Writer, _ func(string) string) error {
	if slices.ContainsFunc(args, isHelp) {
		fmt.Fprint(stdout, benchHelp)
		return flag.ErrHelp
	}
	return fmt.Errorf("bench: %w", errNoBench)
}
