package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"frontdoor/stats"
	"frontdoor/store"
)

const statsUsage = `usage:
  frontdoor stats export --from 2026-11-01 --to 2026-11-30 [--format csv|json] [--config PATH]
      writes the anonymous needs statistics of the ISO weeks the dates touch to
      standard output; small counts are suppressed exactly as on the console page`

// statsCommand exports the anonymous statistics from the Redis serve uses.
func statsCommand(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] != "export" {
		fmt.Fprintln(stderr, statsUsage)
		return errors.New("stats: missing subcommand (export)")
	}
	fs := flag.NewFlagSet("stats export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "configuration file (default: ./config.yaml when it exists)")
	fromFlag := fs.String("from", "", "first day, YYYY-MM-DD (its whole ISO week is included)")
	toFlag := fs.String("to", "", "last day, YYYY-MM-DD (its whole ISO week is included)")
	format := fs.String("format", "csv", "csv or json")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *fromFlag == "" || *toFlag == "" {
		fmt.Fprintln(stderr, statsUsage)
		return errors.New("stats export: --from and --to are required")
	}
	if *format != "csv" && *format != "json" {
		return fmt.Errorf("stats export: --format %q is not csv or json", *format)
	}
	cfg, err := readConfig(*configPath, getenv)
	if err != nil {
		return err
	}
	db, err := openConfiguredRedis(ctx, cfg, "stats export", "the embedded Redis starts empty, so there would be nothing to export")
	if err != nil {
		return err
	}
	defer db.Close()
	// Read-only: an export must not write to the Redis it reads (New would
	// store a generated secret).
	st, err := stats.NewReadOnly(db.Client, store.NewKeys(cfg.Redis.Prefix), cfg.Stats, time.Now)
	if err != nil {
		return err
	}
	from, err := st.ParseDate(*fromFlag)
	if err != nil {
		return fmt.Errorf("stats export: --from: %w", err)
	}
	to, err := st.ParseDate(*toFlag)
	if err != nil {
		return fmt.Errorf("stats export: --to: %w", err)
	}
	rep, err := st.Report(ctx, from, to)
	if err != nil {
		return fmt.Errorf("stats export: %w", err)
	}
	if *format == "json" {
		return rep.WriteJSON(stdout)
	}
	return rep.WriteCSV(stdout)
}
