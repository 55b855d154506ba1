package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"frontdoor/store"
)

// migrateCommand runs by hand the upgrade of the Redis keys' layout that
// serve runs at start (store.UpgradeLayout): after processes of an older
// version wrote the old layout again, or to time it before a start.
func migrateCommand(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: frontdoor migrate [--config config.yaml] [--again]

Moves the Redis keys that versions before 2026-12-07 kept in 16 contact
shards ({0}...{15}) to the 256 shards of this version. serve does it at
start; stop every process of the older version first, or it writes the
old layout again. --again runs it even when the layout is marked done.

`)
		fs.PrintDefaults()
	}
	configPath := fs.String("config", "", "configuration file (default: ./config.yaml when it exists)")
	again := fs.Bool("again", false, "scan for keys of the old layout even when the upgrade is marked done")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs("migrate", fs.Args()); err != nil {
		return err
	}
	cfg, err := readConfig(*configPath, getenv)
	if err != nil {
		return err
	}
	db, err := openConfiguredRedis(ctx, cfg, "migrate", "the embedded Redis starts empty, so there would be nothing to move")
	if err != nil {
		return err
	}
	defer db.Close()
	keys := store.NewKeys(cfg.Redis.Prefix)
	if *again {
		if err := db.Client.Del(ctx, keys.Global("layout")).Err(); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	// serve's logger: the contacts' pseudonyms keyed (dispatch.KeyedLogs)
	// with the configured log key, so that a key left is named as serve's
	// logs name its contact.
	log := newLogger(cfg, stderr)
	u, err := store.UpgradeLayout(ctx, db.Client, keys, log)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if u.Already {
		_, err = fmt.Fprintln(stdout, "the keys' layout is upgraded already (run with --again to scan anyway)")
		return err
	}
	_, err = fmt.Fprintf(stdout, "moved %d contact keys and %d shard queues; %d keys of unknown names left, %d left as their new key holds another value (see the log)\n", u.Keys, u.Queues, u.Unknown, u.Differ)
	return err
}
