package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"go.yaml.in/yaml/v3"

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
	path, explicit := *configPath, *configPath != ""
	if !explicit {
		path = "config.yaml"
	}
	cfg, err := loadConfig(path, explicit, getenv)
	if err != nil {
		return err
	}
	scfg, err := statsConfig(path, getenv)
	if err != nil {
		return err
	}
	ropts := redisOptions(cfg)
	if !ropts.Configured() {
		return errors.New("stats export: no Redis configured (set REDIS_URL or redis.url): the embedded Redis starts empty, so there would be nothing to export")
	}
	db, err := store.Open(ctx, ropts, discardLogger())
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := stats.New(db.Client, store.NewKeys(cfg.Redis.Prefix), scfg, time.Now)
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

// statsConfig reads the stats section of the configuration file (none:
// defaults) and STATS_SECRET. It reads the file itself so that it works
// whether or not Config embeds the section yet; once it does, cfg.Stats
// with ApplyEnv in applyEnv gives the same.
func statsConfig(path string, getenv func(string) string) (stats.Config, error) {
	var file struct {
		Stats stats.Config `yaml:"stats"`
	}
	raw, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := yaml.Unmarshal(raw, &file); err != nil {
			return file.Stats, fmt.Errorf("%s: %w", path, err)
		}
	case !errors.Is(err, os.ErrNotExist):
		return file.Stats, fmt.Errorf("read config: %w", err)
	}
	file.Stats.ApplyEnv(getenv)
	if err := file.Stats.Validate(); err != nil {
		return file.Stats, fmt.Errorf("%s: %w", configName(path), err)
	}
	return file.Stats, nil
}
