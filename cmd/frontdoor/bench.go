//go:build bench

package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"frontdoor/internal/bench"
)

// benchHelp is the help of "frontdoor bench".
const benchHelp = bench.Usage

// benchCommand runs a benchmark (this binary was built with -tags bench).
func benchCommand(ctx context.Context, args []string, stdout io.Writer, getenv func(string) string) error {
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return bench.Run(ctx, args, bench.Env{Stdout: stdout, Getenv: getenv, Self: self})
}
